"""Resetting a kernel between reports so that a reused kernel renders exactly like a fresh one.

Imported once in a warm kernel, before any report; it records the state a
fresh kernel starts with (warnings filters, matplotlib settings, pandas
options, working folder) and :func:`reset_session` puts it back.
"""

from __future__ import annotations

import os
import sys
import warnings

_INITIAL_FILTERS = list(warnings.filters)
_INITIAL_CWD = os.getcwd()


def _matplotlib_defaults():
    import matplotlib

    return dict(matplotlib.rcParams)


_INITIAL_RC = _matplotlib_defaults()


def reset_session(cwd: str | None = None) -> None:
    """Forget everything one report did to the process, short of its imported modules.

    The IPython namespace is cleared separately (``%reset -f``); this undoes
    the rest: warnings already shown (so they show again), warning filters,
    matplotlib settings and open pyplot figures, pandas options, the
    working folder.
    """
    for module in list(sys.modules.values()):
        registry = getattr(module, "__warningregistry__", None)
        if isinstance(registry, dict):
            registry.clear()
    warnings.filters[:] = _INITIAL_FILTERS
    mutated = getattr(warnings, "_filters_mutated", None)  # invalidates the module's caches
    if mutated is not None:
        mutated()
    import matplotlib

    matplotlib.rcParams.update(_INITIAL_RC)
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
    if "pandas" in sys.modules:
        with warnings.catch_warnings():   # resetting deprecated options warns about them
            warnings.simplefilter("ignore")
            sys.modules["pandas"].reset_option("all")
    os.chdir(cwd or _INITIAL_CWD)
