"""The org tree: order of units, descendants and depth, at any depth."""

from __future__ import annotations

import pandas as pd
import pytest

import briefing
from briefing.inputs.orgtree import OrgTree
from conftest import ORG_UNITS, values_csv, write_tables

#: Deeper than Python's default recursion limit (1,000) allows a recursive walk to go.
CHAIN = 3000


def tree_of(text: str) -> OrgTree:
    rows = [line.split(",") for line in text.strip().splitlines()[1:]]
    frame = pd.DataFrame(rows, columns=["org_unit", "name_vi", "name_en", "parent"])
    return OrgTree.from_frame(frame)


def chain_csv(length: int) -> str:
    """``U0`` ← ``U1`` ← ... : each unit the only child of the one before."""
    return "org_unit,name_vi,name_en,parent\n" + "".join(
        f"U{i},Đơn vị {i},Unit {i},{f'U{i - 1}' if i else ''}\n" for i in range(length))


#: P has D1 and D2; D1 has C1; D1's second commune C2 comes last in the file.
WIDE = ORG_UNITS + "X,Tỉnh X,Province X,\nC2,Xã 2,Commune 2,D1\n"


@pytest.mark.parametrize("unit, include_self, expected", [
    ("P", True, ["P", "D1", "C1", "C2", "D2"]),
    ("P", False, ["D1", "C1", "C2", "D2"]),
    ("D1", True, ["D1", "C1", "C2"]),
    ("C1", True, ["C1"]),
    ("C1", False, []),
])
def test_descendants_come_parents_first_in_input_order(unit, include_self, expected):
    assert tree_of(WIDE).descendants(unit, include_self) == expected


def test_every_unit_in_order_and_depths():
    tree = tree_of(WIDE)
    assert tree.all_in_order() == ["P", "D1", "C1", "C2", "D2", "X"]
    assert [tree.depth(u) for u in ("P", "D2", "C2", "X")] == [0, 1, 2, 0]
    assert tree.ancestors("C2") == ["D1", "P"]


def test_a_chain_of_3000_levels_is_walked_without_recursion():
    tree = tree_of(chain_csv(CHAIN))
    assert tree.descendants("U0") == [f"U{i}" for i in range(CHAIN)]
    assert tree.descendants("U2990", include_self=False) == [f"U{i}" for i in range(2991, CHAIN)]
    assert tree.all_in_order() == list(tree.units)
    assert tree.depth(f"U{CHAIN - 1}") == CHAIN - 1


def test_a_chain_of_3000_levels_loads_and_rolls_up(tmp_path):
    deepest = f"U{CHAIN - 1}"
    values = values_csv([("trained", deepest, f"{year}-{m:02d}", m)
                         for year in (2019, 2020) for m in range(1, 7)])
    folder = write_tables(tmp_path / "data", org_units=chain_csv(CHAIN), values=values,
                          indicators="indicator_id,sector,name_vi,kind\ntrained,jobs,Đào tạo,flow\n")
    dataset = briefing.load_dataset(folder)
    assert dataset.tree.depth(deepest) == CHAIN - 1
    assert len(dataset.tree.descendants("U0")) == CHAIN
    row = dataset.metrics("2020S1", "U0").set_index("indicator_id").loc["trained"]
    assert row["value"] == 21 and row["previous_value"] == 21
