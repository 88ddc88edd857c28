"""Cells left out for one reason, counted: one line per reason, not one per row.

A DHIS2 export with weekly data has a weekly period on thousands of rows; the
user needs to hear once that weeks were left out, how many numbers that was,
where the first one is, and a few of the periods, not a thousand lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from briefing.importers.records import Place, Unplaced

#: Distinct texts quoted for each reason.
EXAMPLES = 3


@dataclass
class Tally:
    """Left-out cells grouped by reason, each with its first place, a few texts and a count."""

    groups: dict[str, dict] = field(default_factory=dict)

    def add(self, reason: str, text: str, place: Place) -> None:
        """Count one cell (or row) left out for ``reason``."""
        group = self.groups.setdefault(reason, {"place": place, "texts": [], "count": 0})
        group["count"] += 1
        if text not in group["texts"] and len(group["texts"]) <= EXAMPLES:
            group["texts"].append(text)

    def count(self, reason: str) -> int:
        """How many were left out for ``reason``."""
        return self.groups.get(reason, {}).get("count", 0)

    def unplaced(self) -> list[Unplaced]:
        """One :class:`Unplaced` per reason: the first place, example texts, the count.

        >>> tally = Tally()
        >>> for row in (2, 3, 4, 5, 6):
        ...     tally.add("a weekly period", f"2020W{row}", Place("a.csv", row=row, column="pe"))
        >>> print(tally.unplaced()[0])
        a.csv, row 2, column pe: '2020W2, 2020W3, 2020W4 …': a weekly period (5 rows, the first shown)
        """
        items = []
        for reason, group in self.groups.items():
            texts = group["texts"]
            shown = ", ".join(texts[:EXAMPLES]) + (" …" if len(texts) > EXAMPLES else "")
            count = group["count"]
            suffix = f" ({count:,} rows, the first shown)" if count > 1 else ""
            items.append(Unplaced(group["place"], shown, reason + suffix))
        return items
