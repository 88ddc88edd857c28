"""Reading the labels of wide tables: periods and roles as Vietnamese and English forms write them.

A header cell such as *Kế hoạch năm 2020*, *Thực hiện tháng 6*, *Lũy kế 6 tháng*,
*Quý II/2020* or *Jan 2020* says what its column holds (a :class:`Label`); a title
row such as *BÁO CÁO ... THÁNG 6 NĂM 2020* says which period the sheet reports
(:func:`find_period`). Labels are compared without case or marks (``ids.plain``).
A period may lack its year (*Tháng 6*): :func:`resolve` takes it from the sheet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.importers.ids import plain
from briefing.periods import MAX_YEAR, MIN_YEAR, Period

#: Kinds of :class:`When`, most specific first: a column's parts give the most specific one.
WHEN_KINDS = ("month", "through", "quarter", "half", "year", "current")
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
#: Role words at the start of a label, longest first within each role.
ROLE_WORDS = {
    "target": ("chi tieu ke hoach nam", "chi tieu ke hoach", "ke hoach nam", "ke hoach", "kh nam",
               "kh", "annual plan", "plan", "target"),
    "cumulative": ("luy ke tu dau nam den", "luy ke tu dau nam", "luy ke den", "luy ke", "cong don",
                   "year to date", "ytd", "cumulative"),
    "value": ("ket qua thuc hien", "uoc thuc hien", "uoc th", "thuc hien", "th", "uoc tinh", "uoc",
              "ket qua", "so lieu", "gia tri", "so luong", "thuc te", "actual", "value"),
}
#: Whole labels (plain) of the columns that are not figures.
KIND_WORDS = {
    "indicator": ("chi tieu", "ten chi tieu", "noi dung", "noi dung chi tieu", "chi tieu chu yeu",
                  "cac chi tieu", "danh muc", "indicator", "indicators", "indicator name", "item"),
    "measure": ("dvt", "don vi tinh", "dv tinh", "unit", "unit of measure", "measure"),
    "org_unit": ("don vi", "ten don vi", "huyen", "quan huyen", "quan/huyen", "huyen/thi xa",
                 "huyen/thi xa/thanh pho", "huyen, thi xa, thanh pho", "huyen/thanh pho", "dia ban",
                 "dia phuong", "tinh", "tinh/thanh pho", "xa", "xa/phuong", "xa, phuong, thi tran",
                 "org unit", "org_unit", "organisation unit", "organization unit", "district",
                 "province", "commune", "region", "area"),
    "numbering": ("stt", "tt", "so tt", "so thu tu", "no", "no.", "#"),
    "remark": ("ghi chu", "note", "notes", "remark", "remarks", "comment", "comments"),
}
#: Words anywhere in a label that make its column a comparison or a derived figure.
DERIVED = re.compile(r"%|\bcung ky\b|\bso sanh\b|\bso voi\b|\btang\s*[/,]?\s*giam\b|\bchenh lech\b"
                     r"|\bsame period\b|\bcompared\b|\bchange\b|\b(?:th|kh|ck)\s*/\s*(?:th|kh|ck)\b")
#: What makes a label look like a period the import failed to read.
PERIOD_LIKE = re.compile(r"\b(?:19|20)\d\d\b|^(?:thang|quy)\b|^nam\s+\d|^[tqsh]\d+\b|^\d+(?:[/.\-]\d+)*$"
                         r"|^(?:" + "|".join(MONTH_NAMES) + r")\b")
#: Words that stand for the report's own period (*Thực hiện kỳ*), and for its year.
CURRENT_WORDS = ("", "thang", "ky", "ky bao cao", "ky nay", "thang nay", "quy", "quy nay", "tu dau nam",
                 "period", "month", "quarter", "this period")
YEAR_WORDS = ("nam", "ca nam", "nam nay", "year", "full year")
PERIOD_EXAMPLES = "Tháng 6/2020, T6/2020, 2020-06, Quý II/2020, 6 tháng đầu năm 2020, Năm 2020, Jan 2020"


@dataclass(frozen=True)
class When:
    """A period as a label writes it, before the sheet supplies a missing year.

    ``kind`` is a period kind (month, quarter, half, year), ``through`` (January to
    month ``number``: *9 tháng*), or ``current`` (the report's own period).
    """

    kind: str
    number: int | None = None
    year: int | None = None

    def with_year(self, year: int | None) -> When:
        return self if self.year is not None or year is None else When(self.kind, self.number, year)


@dataclass(frozen=True)
class Label:
    """What one header cell says: a kind of column, and for figures a role and a period."""

    kind: str            # figure, indicator, measure, org_unit, numbering, remark, derived, bad_period, text
    text: str
    role: str | None = None
    when: When | None = None


def words(text) -> str:
    """A label as compared: plain, brackets and dashes as spaces, spaces collapsed.

    >>> words("  Lũy kế (6 tháng)  "), words("Kế hoạch\\nnăm 2020:")
    ('luy ke 6 thang', 'ke hoach nam 2020')
    """
    text = plain(text).replace("\u2013", "-").replace("\u2014", "-")
    text = re.sub(r"[()\[\]]", " ", text)
    return re.sub(r"\s+", " ", text).strip(" :;,")


def read_label(text) -> Label:
    """What a header cell says.

    >>> read_label("Kế hoạch năm 2020")
    Label(kind='figure', text='Kế hoạch năm 2020', role='target', when=When(kind='year', number=None, year=2020))
    >>> read_label("Lũy kế 6 tháng").when, read_label("ĐVT").kind, read_label("% so KH").kind
    (When(kind='half', number=1, year=None), 'measure', 'derived')
    """
    raw = str(text).strip()
    plain_text = words(raw)
    for kind, names in KIND_WORDS.items():
        if plain_text in names:
            return Label(kind, raw)
    if DERIVED.search(plain_text):
        return Label("derived", raw)
    role, rest = _split_role(plain_text)
    when = _when_after_role(rest) if role else parse_when(plain_text)
    if when is not None:
        return Label("figure", raw, role, when)
    if PERIOD_LIKE.search(rest if role else plain_text) or role:
        return Label("bad_period", raw, role)
    return Label("text", raw)


def _split_role(text: str) -> tuple[str | None, str]:
    for role, phrases in ROLE_WORDS.items():
        for phrase in phrases:
            if text == phrase or text.startswith(phrase + " ") or (
                    phrase == "kh" and text.startswith("kh") and text[2:3].isdigit()):
                return role, text[len(phrase):].strip(" -:/")
    return None, text


def _when_after_role(rest: str) -> When | None:
    rest = re.sub(r"^(?:(?:tinh |huyen |duoc )?giao\b|tu dau nam )?\s*(?:den het |den ngay |den |tinh den )?", "",
                  rest).strip()
    if rest in CURRENT_WORDS:
        return When("current")
    if rest in YEAR_WORDS:
        return When("year")
    day = re.fullmatch(r"(?:ngay )?(\d{1,2})\s*/\s*(\d{1,2})(?:\s*/\s*(\d{4}))?", rest)
    if day and 1 <= int(day.group(2)) <= 12:
        return When("month", int(day.group(2)), _year(day.group(3)))
    return parse_when(rest)


def _year(text: str | None) -> int | None:
    return int(text) if text is not None else None


_SEP = r"(?:\s*[/\-.]\s*|\s+(?:nam\s+)?)"
_MONTH_NAME = r"(" + "|".join(MONTH_NAMES) + r")[a-z]*\.?"
_QUARTER = r"(iv|i{1,3}|[1-4])"
#: Whole-label spellings: (pattern, kind, group of the number, group of the year).
_SPELLINGS = (
    (r"(\d{4})\s*[-/.]\s*(\d{1,2})", "month", 2, 1),
    (r"(\d{4})(\d{2})", "month", 2, 1),
    (r"(?:thang|th|t)\.?\s*(\d{1,2})(?:" + _SEP + r"(\d{4}))?", "month", 1, 2),
    (r"(\d{1,2})\s*[/\-.]\s*(\d{4})", "month", 1, 2),
    (_MONTH_NAME + r"(?:\s*[\s\-/,']\s*(\d{4}))?", "month", 1, 2),
    (r"(\d{4})\s*[\s\-]\s*" + _MONTH_NAME, "month", 2, 1),
    (r"(\d{4})\s*-?\s*q([1-4])", "quarter", 2, 1),
    (r"q\s*([1-4])(?:" + _SEP + r"(\d{4}))?", "quarter", 1, 2),
    (r"quy\s+" + _QUARTER + r"(?:" + _SEP + r"(\d{4}))?", "quarter", 1, 2),
    (r"quarter\s+([1-4])(?:\s*[\s/,]\s*(\d{4}))?", "quarter", 1, 2),
    (r"(\d{4})\s*-?\s*[sh]([12])", "half", 2, 1),
    (r"[sh]([12])(?:" + _SEP + r"(\d{4}))?", "half", 1, 2),
    (r"(?:0?6|sau) thang (dau|cuoi) nam(?:\s+(\d{4}))?", "half", 1, 2),
    (r"(first|second) half(?: of)?(?:\s+(\d{4}))?", "half", 1, 2),
    (r"(?:nam|ca nam|year|fy)?\s*(\d{4})", "year", None, 1),
    (r"ca nam|nam|full year|year", "year", None, None),
    (r"(\d{1,2}) thang(?: dau nam)?(?:" + _SEP + r"(\d{4}))?", "through", 1, 2),
)
_COMPILED = tuple((re.compile(pattern), kind, number, year) for pattern, kind, number, year in _SPELLINGS)
_HALVES = {"dau": 1, "cuoi": 2, "first": 1, "second": 2, "1": 1, "2": 2}


def parse_when(text) -> When | None:
    """The period a whole label writes, or None; a missing year stays None.

    >>> parse_when("T6/2020"), parse_when("Quý II")
    (When(kind='month', number=6, year=2020), When(kind='quarter', number=2, year=None))
    >>> parse_when("6 tháng đầu năm 2020"), parse_when("9 tháng"), parse_when("Tháng 13")
    (When(kind='half', number=1, year=2020), When(kind='through', number=9, year=None), None)
    """
    text = words(text)
    for pattern, kind, number_group, year_group in _COMPILED:
        match = pattern.fullmatch(text)
        if match:
            return _when(kind, match, number_group, year_group)
    return None


def _when(kind: str, match: re.Match, number_group: int | None, year_group: int | None) -> When | None:
    year = _year(match.group(year_group)) if year_group else None
    if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
        return None
    if number_group is None:
        return When(kind, None, year)
    raw = match.group(number_group)
    if kind == "month" and raw[:3] in MONTH_NAMES:
        number = MONTH_NAMES.index(raw[:3]) + 1
    elif kind == "quarter":
        number = ROMAN.get(raw) or int(raw)
    elif kind == "half":
        number = _HALVES.get(raw) or int(raw)
    else:
        number = int(raw)
    top = {"month": 12, "through": 12, "quarter": 4, "half": 2}[kind]
    if not 1 <= number <= top:
        return None
    if kind == "through" and number in (3, 6, 12):   # 3, 6, 12 months from January are Q1, S1, the year
        return When(*{3: ("quarter", 1), 6: ("half", 1), 12: ("year", None)}[number], year)
    return When(kind, number, year)


#: Title phrases, most specific first: (pattern, kind, group of the number, group of the year).
_TITLE_PHRASES = tuple((re.compile(pattern), kind, number, year) for pattern, kind, number, year in (
    (r"\bthang (\d{1,2})(?: nam |\s*[/\-]\s*)(\d{4})\b", "month", 1, 2),
    (r"\bquy " + _QUARTER + r"(?: nam |\s*[/\-]\s*)(\d{4})\b", "quarter", 1, 2),
    (r"\b(?:0?6|sau) thang (dau|cuoi) nam (\d{4})\b", "half", 1, 2),
    (r"\b(\d{1,2}) thang (?:dau )?nam (\d{4})\b", "through", 1, 2),
    (r"\b" + _MONTH_NAME + r" (\d{4})\b", "month", 1, 2),
    (r"\b(?:nam|year) (\d{4})\b", "year", None, 1),
))
#: Dates inside titles (*ngày 02 tháng 7 năm 2020*), which name no reporting period.
_DATES = re.compile(r"\bngay \d{1,2}(?: thang \d{1,2} nam \d{4}|\s*/\s*\d{1,2}\s*/\s*\d{4})")


def find_period(text) -> When | None:
    """The reporting period a title names somewhere in its text (dates of signing left out).

    >>> find_period("BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU THÁNG 6 NĂM 2020")
    When(kind='month', number=6, year=2020)
    >>> find_period("Bạc Liêu, ngày 02 tháng 7 năm 2020") is None
    True
    """
    text = _DATES.sub(" ", words(text))
    for pattern, kind, number_group, year_group in _TITLE_PHRASES:
        match = pattern.search(text)
        if match:
            found = _when(kind, match, number_group, year_group)
            if found is not None:
                return found
    return None


def specific(whens: list[When]) -> When | None:
    """The most specific of several periods (a month inside its quarter), years filled in."""
    if not whens:
        return None
    year = next((w.year for w in whens if w.year is not None), None)
    best = min(whens, key=lambda w: WHEN_KINDS.index(w.kind))
    return best.with_year(year)


def resolve(role: str, when: When | None, context: When | None) -> tuple[str, str] | str:
    """The role and contract period key of a column, or the reason there is none.

    ``context`` is the sheet's own period (from the mapping, the sheet name or the
    title). A year-to-date total (*lũy kế*) is keyed by the month it runs to, and a
    value for the first n months of the year becomes such a total.

    >>> resolve("cumulative", When("half", 1), When("month", 6, 2020))
    ('cumulative', '2020-06')
    >>> resolve("value", When("current"), When("month", 6, 2020))
    ('value', '2020-06')
    >>> resolve("target", When("current"), When("quarter", 2, 2020))
    ('target', '2020')
    """
    when = when or When("current")
    year = context.year if context is not None else None
    if when.kind == "current":
        if role == "target":
            when = When("year", None, when.year or year)
        elif context is None or context.kind in ("current", "year") and context.year is None:
            return ("the report's own period, and none was found in the title rows, the sheet name or "
                    "the mapping (period:)")
        else:
            when = context if when.year is None else When(context.kind, context.number, when.year)
    when = when.with_year(year)
    if when.year is None:
        return "a year: none was found in the title rows, the sheet name or the mapping (year:)"
    if role == "target":
        if when.kind != "year":
            return "an annual plan; a plan for a month, a quarter or a half year has no place in the contract"
        return role, str(when.year)
    if when.kind == "through":
        return "cumulative", f"{when.year}-{when.number:02d}"
    period = Period(when.kind, when.year, when.number or 1)
    if role == "cumulative":
        return role, f"{when.year}-{period.last_month % 12 + 1:02d}"
    return role, period.key
