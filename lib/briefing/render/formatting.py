"""One formatter per kind of value, for each report language.

Numbers use the locale's symbols from Babel (``18.050`` and ``56,4%`` in
Vietnamese, ``18,050`` and ``56.4%`` in English) and are rounded half-up, as
officials round (56,45 → 56,5), not half-to-even. Missing values (``None`` or
NaN) come out as :data:`MISSING`. Tables, narrative and charts all call these.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal

from babel.dates import format_date as _babel_date
from babel.numbers import get_decimal_symbol, get_group_symbol

from briefing.inputs.contract import CHANGED_IN_POINTS, LEVELS
from briefing.periods import Period, month_of, parse_period
from briefing.render.languages import language

MISSING = "—"
#: A shape per status, so that status never depends on colour (all in Liberation Serif).
STATUS_MARKS = {"achieved": "■", "on_track": "●", "at_risk": "▲", "behind": "▼"}
PERCENT_DECIMALS = 1
_ROMAN_DIGITS = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                 (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def is_missing(value) -> bool:
    """True for ``None`` and NaN."""
    return value is None or (isinstance(value, float) and math.isnan(value))


@dataclass(frozen=True)
class StatusLabel:
    """A status as tables, cards and charts show it: its key, shape and words.

    ``key`` is None where a row has no status (no plan, or none yet); the
    mark and the words are then empty.
    """

    key: str | None
    mark: str = ""
    words: str = ""

    def __str__(self) -> str:
        return f"{self.mark} {self.words}" if self.key else ""


def status_label(status, lang: str = "vi") -> StatusLabel:
    """The status of a metrics row as a :class:`StatusLabel`; missing (None, NaN, "") gives no key."""
    if not isinstance(status, str) or not status:
        return StatusLabel(None)
    return StatusLabel(status, STATUS_MARKS[status], language(lang).text(f"status.{status}"))


def as_of_before_end(as_of, period) -> int | None:
    """Month ordinal of a level observed before the end of ``period``, else None.

    Levels (stocks, rates) are reported as of their latest observation; when
    that month is not the period's last, tables and sentences say so. Missing
    as-of months (None, NaN) give None.
    """
    if not isinstance(as_of, str) or not as_of:
        return None
    month = parse_period(as_of).first_month
    return month if month != parse_period(period).last_month else None


def round_half_up(value: float, decimals: int = 0) -> Decimal:
    """``value`` rounded half-up to ``decimals`` places, as a Decimal.

    The float's shortest representation is rounded, so ``56.45`` gives
    ``56.5`` although the binary float is slightly below 56.45. Any finite
    float works, however large: the rounding keeps every digit (the default
    decimal context keeps 28, too few for 1e30).

    Raises
    ------
    ValueError
        For an infinite value; validation keeps those out of every figure.
    """
    number = Decimal(repr(float(value)))
    if not number.is_finite():
        raise ValueError(f"a finite number to round; got {value!r}")
    digits = max(number.adjusted(), 0) + decimals + 2
    rounded = number.quantize(Decimal(1).scaleb(-decimals),
                              context=Context(prec=digits, rounding=ROUND_HALF_UP))
    return rounded if rounded else abs(rounded)  # no "-0"


def roman_numeral(number: int) -> str:
    """``number`` in Roman numerals: 4 → ``IV``, 19 → ``XIX``, 44 → ``XLIV``.

    Section numbers and quarters use them. Past 3999 the thousands repeat (``MMMM``).

    Raises
    ------
    ValueError
        When ``number`` is not a whole number of at least 1.
    """
    if isinstance(number, bool) or not isinstance(number, int) or number < 1:
        raise ValueError(f"a positive whole number for a Roman numeral; got {number!r}")
    digits = []
    for amount, numeral in _ROMAN_DIGITS:
        count, number = divmod(number, amount)
        digits.append(numeral * count)
    return "".join(digits)


def lower_first(text: str) -> str:
    """Lower-case the first letter to run a name into a sentence, unless it starts an acronym.

    ``Tỉnh Bạc Liêu`` → ``tỉnh Bạc Liêu``; ``BHXH bắt buộc`` stays.
    """
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def in_sentence(name: str, lang: str) -> str:
    """A place or period name run into a sentence, as the language writes it there.

    Vietnamese drops the capital of a common noun that opens a name (``tỉnh Bạc Liêu``,
    ``tháng 6/2020``) and keeps a proper name's (``Hồng Dân``, ``Bo``).
    """
    spoken = language(lang)
    if not spoken.lowercase_names:
        return name
    if spoken.common_words and not any(name.lower() == w or name.lower().startswith(w + " ")
                                       or name.lower().startswith(w + "/") for w in spoken.common_words):
        return name
    return lower_first(name)


def format_number(value, lang: str = "vi", decimals: int = 0) -> str:
    """``18050`` → ``18.050`` (vi) or ``18,050`` (en); ``decimals`` fixed places.

    What Babel's ``format_decimal`` writes for the pattern ``#,##0.00…`` (groups of three, the
    locale's decimal and group symbols, a plain ``-``), made with Python's own formatting of the
    rounded Decimal: a tenth of the time, which counts where pages show thousands of figures.
    """
    if is_missing(value):
        return MISSING
    rounded = round_half_up(value, decimals)
    return f"{rounded:,.{decimals}f}".translate(_number_symbols(language(lang).locale))


@functools.cache
def _number_symbols(locale: str) -> dict[int, str]:
    """How ``,`` and ``.`` of Python's number format are written in ``locale``."""
    return {ord(","): get_group_symbol(locale), ord("."): get_decimal_symbol(locale)}


def format_percent(value, lang: str = "vi", decimals: int = PERCENT_DECIMALS) -> str:
    """``56.45`` (already in percent) → ``56,5%`` (vi) or ``56.5%`` (en)."""
    if is_missing(value):
        return MISSING
    return format_number(value, lang, decimals) + "%"


def format_signed_percent(value, lang: str = "vi", decimals: int = PERCENT_DECIMALS) -> str:
    """A change in percent with its sign: ``+5,1%``, ``-20,2%``, ``0,0%``."""
    if is_missing(value):
        return MISSING
    return _sign(value, decimals) + format_percent(abs(value), lang, decimals)


def format_signed_number(value, lang: str = "vi", decimals: int = 0) -> str:
    """An absolute change with its sign: ``+950``, ``-53``."""
    if is_missing(value):
        return MISSING
    return _sign(value, decimals) + format_number(abs(value), lang, decimals)


def format_points(value, lang: str = "vi", decimals: int = 2) -> str:
    """A change of a rate in percentage points: ``-0,75 điểm %`` / ``-0.75 pp``."""
    if is_missing(value):
        return MISSING
    return f"{format_signed_number(value, lang, decimals)} {language(lang).text('unit.points_short')}"


def _sign(value: float, decimals: int) -> str:
    rounded = round_half_up(value, decimals)
    return "+" if rounded > 0 else "-" if rounded < 0 else ""


def format_quantity(value, unit: str, lang: str = "vi", decimals: int = 0) -> str:
    """A number with its unit: ``18.050 người``, ``30,847 tỷ đồng``, ``3,12%``."""
    if is_missing(value):
        return MISSING
    if unit == "%":
        return format_percent(value, lang, decimals)
    number = format_number(value, lang, decimals)
    return f"{number} {unit}" if unit else number


def format_period(period, lang: str = "vi") -> str:
    """``2020S1`` → ``6 tháng đầu năm 2020`` / ``H1 2020``; ``2020Q2`` → ``Quý II/2020`` / ``Q2 2020``."""
    period = parse_period(period)
    words = language(lang)
    if period.kind == "month":
        return words.text("period.month", month=period.number, year=period.year,
                          month_name=_month_name(period, lang))
    if period.kind == "quarter":
        return words.text("period.quarter", roman=roman_numeral(period.number), number=period.number,
                          year=period.year)
    if period.kind == "half":
        return words.text(f"period.half{period.number}", year=period.year)
    return words.text("period.year", year=period.year)


def format_month(ordinal: int, lang: str = "vi") -> str:
    """A month ordinal as text in running prose: ``tháng 5/2020`` / ``May 2020``."""
    month = month_of(int(ordinal))
    return language(lang).text("period.month_inline", month=month.number, year=month.year,
                               month_name=_month_name(month, lang))


def format_month_short(ordinal: int, lang: str = "vi") -> str:
    """A month as a chart axis shows it: ``T5/2020`` / ``May 2020`` (abbreviated)."""
    month = month_of(int(ordinal))
    abbreviation = _babel_date(dt.date(month.year, month.number, 1), "MMM",
                               locale=language(lang).locale)
    return language(lang).text("period.month_short", month=month.number, year=month.year,
                               month_abbr=abbreviation)


def _month_name(period: Period, lang: str) -> str:
    return _babel_date(dt.date(period.year, period.number, 1), "MMMM", locale=language(lang).locale)


def format_date(value, lang: str = "vi") -> str:
    """``24/07/2020`` (vi) or ``24 July 2020`` (en)."""
    if is_missing(value):
        return MISSING
    day = _as_date(value)
    return _babel_date(day, language(lang).text("date.pattern"), locale=language(lang).locale)


def format_place_date(place: str, value, lang: str = "vi") -> str:
    """The dateline of an official document.

    Vietnamese writes days below 10 and the months January and February with a
    leading zero: *Bạc Liêu, ngày 05 tháng 02 năm 2024*, *ngày 24 tháng 7 năm 2020*.
    """
    day = _as_date(value)
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    text = language(lang).text(
        "date.dateline", day=f"{day.day:02d}", month=month, year=day.year,
        month_name=_babel_date(day, "MMMM", locale=language(lang).locale), day_plain=day.day,
    )
    return f"{place}, {text}" if place else text


def _as_date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if hasattr(value, "date"):
        return value.date()
    return dt.date.fromisoformat(str(value))


# --- what a kind of indicator shows ------------------------------------------------------

def shows_year_to_date(kind: str) -> bool:
    """Whether a figure of this kind has a year to date of its own (flows, cumulative counts,
    averages, ratios), compared with last year's; levels (stocks, rates) have only their value."""
    return kind not in LEVELS


def shows_as_of(kind: str) -> bool:
    """Whether the figure is a level observed in one month, so its as-of month is worth saying."""
    return kind in LEVELS


def changes_in_points(row) -> bool:
    """Whether the change on last year is told in percentage points: a rate, or a ratio that is
    a percentage (multiplier 100); a ratio per 1000 or 100,000 changes in its own unit."""
    if row["kind"] == "rate":
        return True
    return row["kind"] in CHANGED_IN_POINTS and float(row.get("multiplier", 100) or 100) == 100
