"""The tree of organisational units: a province, its districts, their communes."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd


@dataclass(frozen=True)
class OrgTree:
    """Org units with their parents, in the order of the input file.

    Parameters
    ----------
    units
        Unit ids in input order.
    parents
        Parent id of each unit, ``None`` for a root.
    names
        Display names per language: ``names["vi"]["U"]``.
    """

    units: tuple[str, ...]
    parents: dict[str, str | None]
    names: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def from_frame(cls, frame: pd.DataFrame) -> OrgTree:
        """Build from a validated ``org_units`` table (``org_unit, name_vi, name_en, parent``)."""
        units = tuple(frame["org_unit"])
        parents = {u: (p or None) for u, p in zip(frame["org_unit"], frame["parent"])}
        names = {
            lang: {u: n for u, n in zip(frame["org_unit"], frame[f"name_{lang}"]) if n}
            for lang in ("vi", "en")
        }
        return cls(units, parents, names)

    @classmethod
    def flat(cls, units: list[str]) -> OrgTree:
        """A tree in which every unit is a root (no ``org_units.csv`` given)."""
        return cls(tuple(units), {u: None for u in units})

    def __contains__(self, unit: object) -> bool:
        return unit in self.parents

    @property
    def roots(self) -> list[str]:
        """Units without a parent, in input order."""
        return [u for u in self.units if self.parents[u] is None]

    def children(self, unit: str) -> list[str]:
        """Direct children of ``unit``, in input order."""
        return self._children().get(unit, [])

    def descendants(self, unit: str, include_self: bool = True) -> list[str]:
        """``unit`` and everything below it, parents before children.

        Depth first, children in input order; walked with a stack rather than
        by recursion, so a tree of any depth works.
        """
        found, stack = [], [unit]
        while stack:
            current = stack.pop()
            found.append(current)
            stack.extend(reversed(self.children(current)))
        return found if include_self else found[1:]

    def ancestors(self, unit: str) -> list[str]:
        """Parents of ``unit`` up to its root, nearest first."""
        chain = []
        parent = self.parents[unit]
        while parent is not None:
            chain.append(parent)
            parent = self.parents[parent]
        return chain

    def depth(self, unit: str) -> int:
        """0 for a root, 1 for its children, and so on."""
        return len(self.ancestors(unit))

    def name(self, unit: str, lang: str) -> str:
        """Display name in ``lang``, falling back to the other language, then to the id."""
        for code in (lang, "en", "vi") if lang != "vi" else ("vi", "en"):
            name = self.names.get(code, {}).get(unit)
            if name:
                return name
        return unit

    def all_in_order(self) -> list[str]:
        """Every unit, each root followed by its descendants."""
        ordered = []
        for root in self.roots:
            ordered += self.descendants(root)
        return ordered

    def _children(self) -> dict[str, list[str]]:
        cached = self.__dict__.get("_children_cache")
        if cached is None:
            cached = {}
            for unit in self.units:
                parent = self.parents[unit]
                if parent is not None:
                    cached.setdefault(parent, []).append(unit)
            object.__setattr__(self, "_children_cache", cached)
        return cached
