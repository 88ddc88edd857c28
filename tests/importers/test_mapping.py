"""The mapping file: short forms, checks with the line of every mistake."""

from __future__ import annotations

import pytest

from briefing.errors import InputError
from briefing.importers.mapping import load_mapping, parse_mapping

MAPPING = """\
format: wide
lang: vi
indicators:
  Số người được giải quyết việc làm: jobs
  Dân số (nghìn người): {id: population, kind: stock, scale: nghìn, unit_vi: người}
  Ghi chú: skip
units:
  Huyện Hồng Dân: {id: hong_dan, parent: bac_lieu}
  Giá Rai: gia_rai
root: {id: bac_lieu, name_vi: Tỉnh Bạc Liêu}
sectors:
  labour: Lao động - Việc làm
  social: {name_vi: Xã hội, name_en: Social affairs}
year: 2020
"""


def test_a_mapping_reads_in_short_and_long_forms():
    mapping = parse_mapping(MAPPING, layout_keys=("year",))
    assert mapping.format == "wide" and mapping.lang == "vi"
    assert mapping.indicator("Số người được giải quyết việc làm") == {"id": "jobs"}
    assert mapping.indicator("x", name="Dân số (nghìn người)") == {
        "id": "population", "kind": "stock", "scale": 1000.0, "unit_vi": "người"}
    assert mapping.indicator("Ghi chú") == {"skip": True}
    assert mapping.unit("Huyện Hồng Dân") == {"id": "hong_dan", "parent": "bac_lieu"}
    assert mapping.root == {"id": "bac_lieu", "name_vi": "Tỉnh Bạc Liêu"}
    assert mapping.sectors == {"labour": {"name_vi": "Lao động - Việc làm"},
                               "social": {"name_vi": "Xã hội", "name_en": "Social affairs"}}
    assert mapping.layout == {"year": 2020}


@pytest.mark.parametrize(("text", "message"), [
    ("indicatros:\n  a: b\n", "mapping.yaml, line 1, column indicatros: found \"indicatros\", expected one of "
                              "the keys defaults, format, indicators"),
    ("indicators:\n  a: {id: jobs, kind: flw}\n", "line 2, column indicators → a → kind: found \"'flw'\", "
                                                   "expected one of flow, stock"),
    ("indicators:\n  a: {id: Jobs}\n", "line 2, column indicators → a → id: found \"Jobs\", expected an indicator id"),
    ("indicators:\n  a: {id: j, scale: -3}\n", "expected a positive number (1000) or a word"),
    ("indicators:\n  a: {id: j, decimals: 9}\n", "expected a whole number from 0 to 6"),
    ("indicators:\n  a: {id: j, knd: flow}\n", "(did you mean kind?)"),
    ("units:\n  a: {id: a/b}\n", "line 2, column units → a → id: found \"a/b\", expected an org unit id"),
    ("root: {name_vi: Tỉnh}\n", "line 1, column root: expected an id"),
    ("lang: fr\n", "expected vi or en"),
    ("indicators: [a, b]\n", "expected a list of names, each followed by a colon"),
    ("indicators:\n  a: b\n bad\n", "line 3: expected valid YAML"),
    ("- a\n- b\n", "expected keys and values"),
])
def test_every_mistake_is_named_with_its_line(text, message):
    with pytest.raises(InputError) as error:
        parse_mapping(text)
    assert message in str(error.value)


def test_every_mistake_of_a_file_is_listed_at_once():
    with pytest.raises(InputError) as error:
        parse_mapping("lang: fr\nindicators:\n  a: {id: j, kind: x}\nunits:\n  b: {id: 'c d'}\n")
    assert error.value.problems and len(error.value.problems) == 3


def test_an_empty_mapping_is_no_mapping():
    assert parse_mapping("").indicators == {} and parse_mapping("# nothing\n").root is None


def test_a_missing_mapping_file_is_named(tmp_path):
    with pytest.raises(InputError, match="a mapping file; there is none at this path"):
        load_mapping(tmp_path / "nope.yaml")
