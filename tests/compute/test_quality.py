"""Data-quality flags as a table, gaps located, and the briefing's notes."""

from briefing.compute.quality import find_gaps
from briefing.render.notes import quality_notes
from conftest import months_rows as months


def test_quality_table_lists_every_flag_with_the_gap(make_dataset):
    dataset = make_dataset(values=months("trained", "D1", 2020, [1, 1, 1, 1, 1, 1])
                           + months("trained", "D2", 2020, [1, 1, 1, 1, 1]))
    table = dataset.quality("2020S1")
    incomplete = table[table["flag"] == "incomplete"].set_index("org_unit")
    assert set(incomplete.index) == {"P", "D2"}
    assert incomplete.loc["P", "detail"] == "D2: 2020-06"
    assert list(table.columns) == ["indicator_id", "org_unit", "period", "flag", "detail"]


def test_find_gaps_names_silent_units(make_dataset):
    dataset = make_dataset(values=months("trained", "D1", 2020, [1] * 6))
    gaps = find_gaps(dataset, "2020S1", "P")
    assert gaps.values.tolist() == [["trained", "D2", []]]


def test_quality_notes_in_both_languages(make_dataset):
    dataset = make_dataset(values=months("trained", "D1", 2020, [1] * 6)
                           + months("trained", "D2", 2020, [1] * 5))
    metrics = dataset.label_metrics(dataset.metrics("2020S1", "P"), "vi")
    notes = quality_notes(dataset, metrics, "2020S1", "P", "vi")
    assert "Đào tạo nghề: số liệu chưa đầy đủ (Huyện 2 chưa báo cáo tháng 6/2020)." in notes
    metrics = dataset.label_metrics(dataset.metrics("2020S1", "P"), "en")
    notes = quality_notes(dataset, metrics, "2020S1", "P", "en")
    assert "Vocational training: incomplete figures (District 2 has not reported June 2020)." in notes
