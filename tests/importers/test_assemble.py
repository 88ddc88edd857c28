"""Assembling the contract's tables from extracts: ids, kinds, scales, year-to-date totals, the tree."""

from __future__ import annotations

import pandas as pd
import pytest

from briefing.errors import InputError
from briefing.importers.assemble import assemble, number_text
from briefing.importers.mapping import parse_mapping
from briefing.importers.records import Extract, observations_frame

JOBS = "Số người được giải quyết việc làm"
INSURED = "Số người tham gia BHXH"


def form_extract(source="form.xlsx", rows=None, units=None, indicators=None) -> Extract:
    """Two districts; jobs by month January–June with a June lũy kế and a plan; insured as totals only."""
    if rows is None:
        rows = []
        for unit, monthly in (("Hồng Dân", [10, 20, 30, 40, 50, 60]), ("Giá Rai", [1, 2, 3, 4, 5, 6])):
            rows += [(JOBS, unit, f"2020-{m:02d}", v, "value", f"{source} [{unit}], row {m + 5}, column E")
                     for m, v in enumerate(monthly, start=1)]
            rows.append((JOBS, unit, "2020-06", sum(monthly), "cumulative", f"{source} [{unit}], row 11, column F"))
            rows.append((JOBS, unit, "2020", sum(monthly) * 4, "target", f"{source} [{unit}], row 11, column D"))
            rows.append((INSURED, unit, "2020-06", 500.0, "cumulative", f"{source} [{unit}], row 12, column F"))
    return Extract(source, "wide", observations_frame(rows),
                   indicators=indicators if indicators is not None else {
                       JOBS: {"name": JOBS, "unit": "người", "sector": "Lao động - Việc làm"},
                       INSURED: {"name": INSURED, "unit": "người"}},
                   units=units or {})


def test_ids_are_made_from_the_names_and_the_mapping_wins():
    mapping = parse_mapping(f"indicators:\n  {JOBS}: jobs\nunits:\n  Hồng Dân: {{id: HD}}\n")
    result = assemble([form_extract()], mapping)
    assert result.indicator_ids == {JOBS: "jobs", INSURED: "so_nguoi_tham_gia_bhxh"}
    assert result.unit_ids == {"Hồng Dân": "HD", "Giá Rai": "gia_rai"}


def test_a_made_id_never_takes_one_the_mapping_gives():
    mapping = parse_mapping("units:\n  Hồng Dân: gia_rai\n")
    result = assemble([form_extract()], mapping)
    assert result.unit_ids == {"Hồng Dân": "gia_rai", "Giá Rai": "gia_rai_2"}


def test_kinds_come_from_the_mapping_else_from_what_the_source_gives():
    result = assemble([form_extract()], parse_mapping(""))
    kinds = result.tables["indicators"].set_index("indicator_id")["kind"].to_dict()
    # jobs has month values: taken as a flow, and said so; insured has only lũy kế totals: cumulative
    assert kinds == {"so_nguoi_duoc_giai_quyet_viec_lam": "flow", "so_nguoi_tham_gia_bhxh": "cumulative"}
    assert result.assumed_kinds == ["so_nguoi_duoc_giai_quyet_viec_lam"]
    stock = assemble([form_extract()], parse_mapping(f"indicators:\n  {INSURED}: {{kind: stock}}\n"))
    assert stock.tables["indicators"].set_index("indicator_id").loc["so_nguoi_tham_gia_bhxh", "kind"] == "stock"
    # a stock's lũy kế does not add up over the year: not placed, with the reason
    assert [u.reason.split(":")[0] for u in stock.unplaced] == \
        ["a year-to-date total of so_nguoi_tham_gia_bhxh, a stock"] * 2


def test_a_flows_year_to_date_total_through_june_is_its_first_half():
    values = assemble([form_extract()], parse_mapping("")).tables["values"]
    jobs = values[values["indicator_id"] == "so_nguoi_duoc_giai_quyet_viec_lam"]
    hong_dan = jobs[jobs["org_unit"] == "hong_dan"].set_index("period")["value"].to_dict()
    # six months of their own, and the lũy kế 10+20+...+60 = 210 as the first half of 2020
    assert hong_dan == {"2020-01": "10", "2020-02": "20", "2020-03": "30", "2020-04": "40",
                        "2020-05": "50", "2020-06": "60", "2020S1": "210"}


def test_a_year_to_date_total_through_may_is_checked_against_the_months():
    rows = [(JOBS, "U", f"2020-{m:02d}", 10.0, "value", f"f.csv, line {m}") for m in range(1, 6)]
    good = assemble([form_extract(rows=rows + [(JOBS, "U", "2020-05", 50.0, "cumulative", "f.csv, line 9")])],
                    parse_mapping(""))
    assert good.notes == [] and good.unplaced == []
    assert set(good.tables["values"]["period"]) == {f"2020-{m:02d}" for m in range(1, 6)}
    bad = assemble([form_extract(rows=rows + [(JOBS, "U", "2020-05", 55.0, "cumulative", "f.csv, line 9")])],
                   parse_mapping(""))
    assert bad.notes == ["f.csv, line 9: the year-to-date total 55 differs from the sum of the months "
                         "January–05/2020, 50"]
    gap = assemble([form_extract(rows=rows[1:] + [(JOBS, "U", "2020-05", 50.0, "cumulative", "f.csv, line 9")])],
                   parse_mapping(""))
    assert len(gap.unplaced) == 1 and "months missing" in gap.unplaced[0].reason


def test_cumulative_indicators_keep_their_totals_and_check_the_months():
    rows = [(JOBS, "U", "2020-01", 10.0, "value", "a"), (JOBS, "U", "2020-02", 15.0, "value", "b"),
            (JOBS, "U", "2020-01", 10.0, "cumulative", "c"), (JOBS, "U", "2020-02", 30.0, "cumulative", "d")]
    result = assemble([form_extract(rows=rows)], parse_mapping(f"indicators:\n  {JOBS}: {{kind: cumulative}}\n"))
    assert result.tables["values"][["period", "value"]].values.tolist() == [["2020-01", "10"], ["2020-02", "30"]]
    # February's own value 15 is not 30 - 10 = 20
    assert result.notes == ["b: the month's value 15 differs from the change in the year-to-date total, 20; "
                            "the totals are used"]


def test_scale_multiplies_values_and_targets():
    mapping = parse_mapping(f"indicators:\n  {JOBS}: {{id: jobs, scale: nghìn}}\n")
    tables = assemble([form_extract()], mapping).tables
    jobs = tables["values"][(tables["values"]["indicator_id"] == "jobs") & (tables["values"]["org_unit"] == "gia_rai")]
    assert jobs.set_index("period").loc["2020-03", "value"] == "3000"
    target = tables["targets"].set_index(["indicator_id", "org_unit"]).loc[("jobs", "gia_rai"), "target"]
    assert target == "84000"   # (1+2+...+6) × 4 × 1000


def test_the_same_number_twice_is_kept_once_and_two_numbers_are_refused():
    twice = [(JOBS, "U", "2020-01", 10.0, "value", "a.csv, line 2"),
             (JOBS, "U", "2020-01", 10.0, "value", "b.csv, line 2")]
    assert len(assemble([form_extract(rows=twice)], parse_mapping("")).tables["values"]) == 1
    clash = [twice[0], (JOBS, "U", "2020-01", 12.0, "value", "b.csv, line 7")]
    with pytest.raises(InputError) as error:
        assemble([form_extract(rows=clash)], parse_mapping(""))
    assert "10 at a.csv, line 2; 12 at b.csv, line 7" in str(error.value)


def test_the_tree_comes_from_the_sources_the_mapping_and_the_root():
    units = {"Hồng Dân": {"name": "Huyện Hồng Dân"}, "Giá Rai": {"name": "Thị xã Giá Rai", "parent": "Hồng Dân"}}
    mapping = parse_mapping("root: {id: bac_lieu, name_vi: Tỉnh Bạc Liêu}\n")
    table = assemble([form_extract(units=units)], mapping).tables["org_units"]
    assert table.values.tolist() == [
        ["bac_lieu", "Tỉnh Bạc Liêu", "", ""],
        ["hong_dan", "Huyện Hồng Dân", "", "bac_lieu"],
        ["gia_rai", "Thị xã Giá Rai", "", "hong_dan"]]
    moved = parse_mapping("root: bac_lieu\nunits:\n  Giá Rai: {parent: bac_lieu}\n")
    parents = assemble([form_extract(units=units)], moved).tables["org_units"].set_index("org_unit")["parent"]
    assert parents["gia_rai"] == "bac_lieu"


def test_skipped_names_leave_the_tables_and_are_counted():
    result = assemble([form_extract()], parse_mapping(f"indicators:\n  {INSURED}: skip\nunits:\n  Giá Rai: skip\n"))
    assert set(result.tables["values"]["indicator_id"]) == {"so_nguoi_duoc_giai_quyet_viec_lam"}
    assert set(result.tables["org_units"]["org_unit"]) == {"hong_dan"}
    assert result.notes == ["10 numbers left out because the mapping says skip (1 indicators, 1 org units)"]


def test_look_alike_units_of_two_sources_are_pointed_out():
    other = form_extract("other.csv", rows=[(JOBS, "Huyện Hồng Dân", "2020-07", 5.0, "value", "other.csv, line 2")])
    result = assemble([form_extract(), other], parse_mapping(""))
    assert len(result.look_alike) == 1
    assert "'Hồng Dân' (form.xlsx, id hong_dan) and 'Huyện Hồng Dân' (other.csv, id huyen_hong_dan)" \
        in result.look_alike[0]
    # a made id never merges with one the mapping gives: the user says which names are one unit
    half = assemble([form_extract(), other], parse_mapping("units:\n  Huyện Hồng Dân: hong_dan\n"))
    assert half.unit_ids["Hồng Dân"] == "hong_dan_2" and len(half.look_alike) == 1
    joined = assemble([form_extract(), other],
                      parse_mapping("units:\n  Huyện Hồng Dân: hong_dan\n  Hồng Dân: hong_dan\n"))
    assert joined.look_alike == [] and set(joined.tables["org_units"]["org_unit"]) == {"hong_dan", "gia_rai"}


def test_sectors_come_from_heading_rows_and_the_mapping():
    result = assemble([form_extract()], parse_mapping("sector: other\nsectors:\n  other: Khác\n"))
    indicators = result.tables["indicators"].set_index("indicator_id")["sector"]
    assert indicators.to_dict() == {"so_nguoi_duoc_giai_quyet_viec_lam": "lao_dong_viec_lam",
                                    "so_nguoi_tham_gia_bhxh": "other"}
    assert result.tables["sectors"].values.tolist() == [["lao_dong_viec_lam", "Lao động - Việc làm", ""],
                                                       ["other", "Khác", ""]]


def test_nothing_placed_is_an_error_that_says_where_to_look():
    with pytest.raises(InputError, match="at least one number placed"):
        assemble([form_extract(rows=[])], parse_mapping(""))


def test_empty_cells_are_not_reported_and_counted():
    rows = [(JOBS, "U", "2020-01", 10.0, "value", "a"), (JOBS, "U", "2020-02", float("nan"), "value", "b")]
    result = assemble([form_extract(rows=rows)], parse_mapping(""))
    assert result.empty_cells == 1 and list(result.tables["values"]["period"]) == ["2020-01"]


@pytest.mark.parametrize(("value", "text"), [(18050.0, "18050"), (56.4, "56.4"), (-3.0, "-3"),
                                             (1e-9, "0.000000001"), (123456789012345.0, "123456789012345")])
def test_numbers_are_written_without_exponents(value, text):
    assert number_text(value) == text
    assert float(text) == value


def test_assemble_does_not_change_its_extracts():
    extract = form_extract()
    before = extract.observations.copy()
    assemble([extract], parse_mapping("indicators:\n  x: {scale: 10}\n"))
    pd.testing.assert_frame_equal(extract.observations, before)


def test_a_percentage_without_a_kind_is_taken_as_a_rate_and_said_so():
    rows = [("Tỷ lệ hộ nghèo", "U", "2020-06", 4.12, "value", "a")]
    result = assemble([form_extract(rows=rows, indicators={"Tỷ lệ hộ nghèo": {"unit": "%"}})], parse_mapping(""))
    assert result.tables["indicators"]["kind"].tolist() == ["rate"]
    assert result.assumed_kinds == ["ty_le_ho_ngheo"]


def test_form_headings_in_capitals_name_sectors_in_sentence_case():
    info = {JOBS: {"name": JOBS, "sector": "LAO ĐỘNG - VIỆC LÀM"}}
    sectors = assemble([form_extract(indicators=info)], parse_mapping("")).tables["sectors"]
    assert sectors.values.tolist()[0] == ["lao_dong_viec_lam", "Lao động - việc làm", ""]


def test_a_name_in_the_mapping_that_no_source_holds_is_pointed_out():
    mapping = parse_mapping(f"indicators:\n  {JOBS}: jobs\n  Số người giải quyết việc làm: jobs2\n"
                            "units:\n  Gía Rai: gia_rai\n")
    notes = assemble([form_extract()], mapping).notes
    assert notes == [
        "mapping.yaml, line 3: the mapping names an indicator 'Số người giải quyết việc làm' that no source "
        f"holds; did you mean '{JOBS}'?",
        "mapping.yaml, line 5: the mapping names an org unit 'Gía Rai' that no source holds; did you mean 'Giá Rai'?"]


def test_decimals_follow_the_values_unless_the_mapping_says():
    rows = [("Tỷ lệ", "U", "2020-06", 4.12, "value", "a"), ("Tỷ lệ", "V", "2020-06", 3.5, "value", "b"),
            (JOBS, "U", "2020-06", 12.0, "value", "c"), ("Mật độ", "U", "2020-06", 0.123456, "value", "d")]
    shown = assemble([form_extract(rows=rows, indicators={})], parse_mapping("")).tables["indicators"]
    assert shown.set_index("indicator_id")["decimals"].to_dict() == {
        "ty_le": 2, "so_nguoi_duoc_giai_quyet_viec_lam": 0, "mat_do": 3}
    given = assemble([form_extract(rows=rows, indicators={})], parse_mapping("indicators:\n  Tỷ lệ: {decimals: 1}\n"))
    assert given.tables["indicators"].set_index("indicator_id").loc["ty_le", "decimals"] == 1


def test_indicators_no_sector_places_are_in_a_named_sector():
    rows = [("x", "U", "2020-06", 1.0, "value", "a")]
    sectors = assemble([form_extract(rows=rows, indicators={})], parse_mapping("")).tables["sectors"]
    assert sectors.values.tolist() == [["general", "Các chỉ tiêu chung", "General indicators"]]
