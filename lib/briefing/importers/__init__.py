"""Bringing outside data into the contract: ``briefing import`` and ``briefing init``.

Readers (:mod:`wide`, :mod:`dhis2`, :mod:`sdmx`) turn each source into an
:class:`~briefing.importers.records.Extract`; :mod:`assemble` applies the mapping
file and builds the contract's tables; :mod:`write` validates them and puts them
in place atomically.
"""
