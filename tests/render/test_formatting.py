"""Formatters for each kind of value, in Vietnamese and English, rounding half-up."""

import datetime as dt
import math
import sys
from decimal import Decimal, localcontext

import pytest

from briefing.errors import ParamsError
from briefing.render.formatting import (
    MISSING,
    format_date,
    format_month,
    format_number,
    format_percent,
    format_period,
    format_place_date,
    format_points,
    format_quantity,
    format_signed_number,
    format_signed_percent,
    roman_numeral,
    round_half_up,
    status_label,
)
from briefing.render.tables import status_cell


@pytest.mark.parametrize("value, lang, decimals, text", [
    (18050, "vi", 0, "18.050"),
    (18050, "en", 0, "18,050"),
    (1017, "vi", 0, "1.017"),
    (116718, "vi", 0, "116.718"),
    (30.847, "vi", 3, "30,847"),
    (30.847, "en", 3, "30.847"),
    (2.5, "vi", 0, "3"),         # half-up, not half-to-even
    (3.5, "vi", 0, "4"),
    (0.125, "vi", 2, "0,13"),
    (-0.04, "vi", 1, "0,0"),     # no "-0,0"
    (1234567.891, "en", 2, "1,234,567.89"),
    (0, "vi", 0, "0"),
    (None, "vi", 0, MISSING),
    (math.nan, "en", 0, MISSING),
])
def test_format_number(value, lang, decimals, text):
    assert format_number(value, lang, decimals) == text


@pytest.mark.parametrize("value, lang, text", [
    (56.45, "vi", "56,5%"),      # 56,45 → 56,5 as officials round
    (56.44, "vi", "56,4%"),
    (63.672222, "vi", "63,7%"),
    (63.672222, "en", "63.7%"),
    (0.05, "vi", "0,1%"),
    (100, "en", "100.0%"),
    (None, "vi", MISSING),
])
def test_format_percent_rounds_half_up(value, lang, text):
    assert format_percent(value, lang) == text


@pytest.mark.parametrize("value, decimals, rounded", [
    (56.45, 1, "56.5"), (2.675, 2, "2.68"), (1.005, 2, "1.01"), (-2.5, 0, "-3"), (-0.4, 0, "0"),
])
def test_round_half_up(value, decimals, rounded):
    assert str(round_half_up(value, decimals)) == rounded


@pytest.mark.parametrize("value, decimals", [
    (1e28, 0), (1e30, 2), (-1e30, 6), (1.2e306, 1), (sys.float_info.max, 6), (5e-324, 6),
])
def test_round_half_up_takes_any_finite_float(value, decimals):
    """The default decimal context keeps 28 digits: quantizing 1e30 to units needs 31."""
    rounded = round_half_up(value, decimals)
    with localcontext(prec=400):
        assert rounded == Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals))
    assert rounded.as_tuple().exponent == -decimals
    assert format_number(value, "en", decimals).replace(",", "") == str(rounded)


def test_a_huge_finite_number_formats_in_full():
    """The float's shortest text is formatted: 1e30 is 1 and thirty zeros, not its binary value."""
    assert format_number(1e30, "en") == "1" + ",000" * 10
    assert format_number(1e30, "vi", 1) == "1" + ".000" * 10 + ",0"
    assert format_percent(1.5e20, "en") == "150,000,000,000,000,000,000.0%"


@pytest.mark.parametrize("value", [math.inf, -math.inf])
def test_round_half_up_refuses_infinity_by_name(value):
    with pytest.raises(ValueError, match="finite"):
        round_half_up(value, 1)


@pytest.mark.parametrize("number, text", [
    (1, "I"), (2, "II"), (3, "III"), (4, "IV"), (5, "V"), (9, "IX"), (10, "X"), (14, "XIV"),
    (19, "XIX"), (20, "XX"), (21, "XXI"), (25, "XXV"), (29, "XXIX"), (39, "XXXIX"), (40, "XL"),
    (44, "XLIV"), (49, "XLIX"), (50, "L"), (90, "XC"), (400, "CD"), (1994, "MCMXCIV"),
    (3999, "MMMCMXCIX"),
])
def test_roman_numeral(number, text):
    assert roman_numeral(number) == text


def test_roman_numerals_one_to_fifty_are_distinct_and_well_formed():
    numerals = [roman_numeral(n) for n in range(1, 51)]
    assert len(set(numerals)) == 50
    assert all(set(n) <= set("IVXL") and "IIII" not in n and "XXXX" not in n for n in numerals)


@pytest.mark.parametrize("number", [0, -1, 2.0, True])
def test_roman_numeral_wants_a_positive_int(number):
    with pytest.raises(ValueError, match="positive whole number"):
        roman_numeral(number)


@pytest.mark.parametrize("function, value, lang, text", [
    (format_signed_percent, -20.232, "vi", "-20,2%"),
    (format_signed_percent, 5.06, "en", "+5.1%"),
    (format_signed_percent, 0.01, "vi", "0,0%"),
    (format_signed_number, 950, "vi", "+950"),
    (format_signed_number, -53, "en", "-53"),
    (format_points, -0.75, "vi", "-0,75 điểm %"),
    (format_points, 0.5, "en", "+0.50 pp"),
])
def test_signed_changes(function, value, lang, text):
    assert function(value, lang) == text


@pytest.mark.parametrize("value, unit, lang, decimals, text", [
    (18050, "người", "vi", 0, "18.050 người"),
    (30.847, "tỷ đồng", "vi", 3, "30,847 tỷ đồng"),
    (30.847, "billion VND", "en", 3, "30.847 billion VND"),
    (3.1, "%", "vi", 2, "3,10%"),
    (12, "", "en", 0, "12"),
    (None, "người", "vi", 0, MISSING),
])
def test_format_quantity(value, unit, lang, decimals, text):
    assert format_quantity(value, unit, lang, decimals) == text


@pytest.mark.parametrize("period, vi, en", [
    ("2020S1", "6 tháng đầu năm 2020", "H1 2020"),
    ("2020S2", "6 tháng cuối năm 2020", "H2 2020"),
    ("2020Q2", "Quý II/2020", "Q2 2020"),
    ("2020Q4", "Quý IV/2020", "Q4 2020"),
    ("2020-06", "Tháng 6/2020", "June 2020"),
    ("202001", "Tháng 1/2020", "January 2020"),
    ("2020", "Năm 2020", "2020"),
])
def test_format_period(period, vi, en):
    assert format_period(period, "vi") == vi
    assert format_period(period, "en") == en


def test_format_month_in_running_text():
    assert format_month(2020 * 12 + 4, "vi") == "tháng 5/2020"
    assert format_month(2020 * 12 + 4, "en") == "May 2020"


@pytest.mark.parametrize("value, vi, en", [
    (dt.date(2020, 7, 24), "24/07/2020", "24 July 2020"),
    ("2024-02-05", "05/02/2024", "5 February 2024"),
    (dt.datetime(2020, 1, 1, 8, 23), "01/01/2020", "1 January 2020"),
])
def test_format_date(value, vi, en):
    assert format_date(value, "vi") == vi
    assert format_date(value, "en") == en


@pytest.mark.parametrize("day, text", [
    ("2020-07-24", "Bạc Liêu, ngày 24 tháng 7 năm 2020"),
    ("2024-02-05", "Bạc Liêu, ngày 05 tháng 02 năm 2024"),   # leading zeros: day < 10, Jan/Feb
    ("2024-01-15", "Bạc Liêu, ngày 15 tháng 01 năm 2024"),
    ("2024-03-09", "Bạc Liêu, ngày 09 tháng 3 năm 2024"),
    ("2024-12-31", "Bạc Liêu, ngày 31 tháng 12 năm 2024"),
])
def test_vietnamese_dateline(day, text):
    assert format_place_date("Bạc Liêu", day, "vi") == text


def test_english_dateline():
    assert format_place_date("Bac Lieu", "2024-02-05", "en") == "Bac Lieu, 5 February 2024"


def test_unknown_language_is_a_params_error():
    with pytest.raises(ParamsError, match="unknown language 'fr'; expected one of: en, vi"):
        format_number(1, "fr")


@pytest.mark.parametrize("status, lang, key, text", [
    ("on_track", "vi", "on_track", "● Đạt tiến độ"),
    ("achieved", "en", "achieved", "■ Achieved"),
    ("at_risk", "en", "at_risk", "▲ At risk"),
    ("behind", "vi", "behind", "▼ Chậm tiến độ"),
    (None, "vi", None, ""),
    (float("nan"), "en", None, ""),
    ("", "vi", None, ""),
])
def test_status_label_is_the_one_fallback_for_a_missing_status(status, lang, key, text):
    label = status_label(status, lang)
    assert (label.key, str(label)) == (key, text)
    assert (label.mark == "") == (key is None)
    cell = str(status_cell(status, lang))
    if key is None:
        assert cell == MISSING
    else:
        assert f"status-{key}" in cell and label.mark in cell and label.words in cell


@pytest.mark.parametrize(("name", "vi"), [
    ("Tỉnh Bạc Liêu", "tỉnh Bạc Liêu"), ("Huyện Hồng Dân", "huyện Hồng Dân"), ("Thị xã Giá Rai", "thị xã Giá Rai"),
    ("Tháng 6/2020", "tháng 6/2020"), ("Quý II/2020", "quý II/2020"), ("Năm 2020", "năm 2020"),
    # proper names, as imported data often names units, keep their capital
    ("Hồng Dân", "Hồng Dân"), ("Bo", "Bo"), ("Napoli", "Napoli"), ("TP. Cà Mau", "TP. Cà Mau"),
    ("6 tháng đầu năm 2020", "6 tháng đầu năm 2020"),
])
def test_names_run_into_a_sentence_lose_only_a_common_nouns_capital(name, vi):
    from briefing.render.formatting import in_sentence

    assert in_sentence(name, "vi") == vi
    assert in_sentence(name, "en") == name
