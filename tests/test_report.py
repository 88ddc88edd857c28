"""The briefing's own parts (the notebooks only call them)."""

import pytest

from briefing.report import prepare_report


@pytest.mark.parametrize("values, lang, phrase", [
    ([("trained", "P", "2020-01", 40)], "en", "brings together 1 indicator in 1 sector for Province P"),
    ([("trained", "P", "2020-01", 40), ("members", "P", "2020-01", 900),
      ("accidents", "P", "2020-01", 2)], "en", "brings together 3 indicators in 3 sectors for"),
    ([("trained", "P", "2020-01", 40)], "vi", "kết quả thực hiện 1 chỉ tiêu thuộc 1 lĩnh vực trên địa bàn tỉnh P"),
])
def test_the_introduction_counts_indicators_and_sectors(make_dataset, values, lang, phrase):
    report = prepare_report(make_dataset(values=values), "2020-01", "P", lang)
    assert phrase in str(report.header())
