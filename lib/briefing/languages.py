"""Report languages: a registry of locales and the words each report uses."""

from __future__ import annotations

from dataclasses import dataclass, field

from briefing.errors import ParamsError


@dataclass(frozen=True)
class Language:
    """A report language: its code, Babel locale and the texts of the reports.

    Texts are templates filled with ``str.format``; values from the data are
    only ever passed as arguments, never used as templates.
    """

    code: str
    locale: str
    name: str
    texts: dict[str, str] = field(default_factory=dict)

    def text(self, key: str, **values) -> str:
        """The text ``key``, filled with ``values``."""
        return self.texts[key].format(**values)


_LANGUAGES: dict[str, Language] = {}


def register_language(lang: Language) -> None:
    """Make ``lang`` available to every formatter and report."""
    _LANGUAGES[lang.code] = lang


def language(code: str) -> Language:
    """The registered language ``code``.

    Raises
    ------
    ParamsError
        When no such language is registered; the message lists those that are.
    """
    try:
        return _LANGUAGES[code]
    except (KeyError, TypeError):
        known = ", ".join(sorted(_LANGUAGES))
        raise ParamsError(f"unknown language {code!r}; expected one of: {known}") from None


def language_codes() -> list[str]:
    """Codes of the registered languages, Vietnamese first."""
    return sorted(_LANGUAGES, key=lambda c: (c != "vi", c))


VI_TEXTS = {
    "period.month": "Tháng {month}/{year}",
    "period.month_inline": "tháng {month}/{year}",
    "period.quarter": "Quý {roman}/{year}",
    "period.half1": "6 tháng đầu năm {year}",
    "period.half2": "6 tháng cuối năm {year}",
    "period.year": "Năm {year}",
    "date.pattern": "dd/MM/yyyy",
    "date.dateline": "ngày {day} tháng {month} năm {year}",
    "unit.points_short": "điểm %",
    "status.achieved": "Đã hoàn thành",
    "status.on_track": "Đạt tiến độ",
    "status.at_risk": "Có nguy cơ chậm",
    "status.behind": "Chậm tiến độ",
    "narrative.subject": "{name}: {value}",
    "narrative.as_of": "Tính đến {month}, {rest}",
    "narrative.attainment": "đạt {pct} kế hoạch năm",
    "narrative.attainment_ceiling": "bằng {pct} chỉ tiêu khống chế năm",
    "narrative.rate_target": "kế hoạch năm {target}",
    "narrative.change_pct.up": "tăng {pct} so với cùng kỳ",
    "narrative.change_pct.down": "giảm {pct} so với cùng kỳ",
    "narrative.change_pct.down_good": "giảm được {pct} so với cùng kỳ",
    "narrative.change_abs.up": "tăng {amount} ({pct}) so với cùng kỳ",
    "narrative.change_abs.down": "giảm {amount} ({pct}) so với cùng kỳ",
    "narrative.change_abs.down_good": "giảm được {amount} ({pct}) so với cùng kỳ",
    "narrative.change_abs_only.up": "tăng {amount} so với cùng kỳ",
    "narrative.change_abs_only.down": "giảm {amount} so với cùng kỳ",
    "narrative.change_abs_only.down_good": "giảm được {amount} so với cùng kỳ",
    "narrative.change_points.up": "tăng {points} điểm phần trăm so với cùng kỳ",
    "narrative.change_points.down": "giảm {points} điểm phần trăm so với cùng kỳ",
    "narrative.change_points.down_good": "giảm được {points} điểm phần trăm so với cùng kỳ",
    "narrative.unchanged": "bằng cùng kỳ",
    "narrative.previous_zero": "cùng kỳ không phát sinh",
    "narrative.no_value": "{name}: chưa có số liệu",
    "narrative.incomplete": "số liệu chưa đầy đủ",
}

EN_TEXTS = {
    "period.month": "{month_name} {year}",
    "period.month_inline": "{month_name} {year}",
    "period.quarter": "Q{number} {year}",
    "period.half1": "H1 {year}",
    "period.half2": "H2 {year}",
    "period.year": "{year}",
    "date.pattern": "d MMMM y",
    "date.dateline": "{day_plain} {month_name} {year}",
    "unit.points_short": "pp",
    "status.achieved": "Achieved",
    "status.on_track": "On track",
    "status.at_risk": "At risk",
    "status.behind": "Behind",
    "narrative.subject": "{name}: {value}",
    "narrative.as_of": "As of {month}, {rest}",
    "narrative.attainment": "{pct} of the annual plan",
    "narrative.attainment_ceiling": "{pct} of the annual ceiling",
    "narrative.rate_target": "annual plan {target}",
    "narrative.change_pct.up": "up {pct} on the same period last year",
    "narrative.change_pct.down": "down {pct} on the same period last year",
    "narrative.change_pct.down_good": "down {pct} on the same period last year, an improvement",
    "narrative.change_abs.up": "up {amount} ({pct}) on the same period last year",
    "narrative.change_abs.down": "down {amount} ({pct}) on the same period last year",
    "narrative.change_abs.down_good":
        "down {amount} ({pct}) on the same period last year, an improvement",
    "narrative.change_abs_only.up": "up {amount} on the same period last year",
    "narrative.change_abs_only.down": "down {amount} on the same period last year",
    "narrative.change_abs_only.down_good":
        "down {amount} on the same period last year, an improvement",
    "narrative.change_points.up": "up {points} percentage points on the same period last year",
    "narrative.change_points.down": "down {points} percentage points on the same period last year",
    "narrative.change_points.down_good":
        "down {points} percentage points on the same period last year, an improvement",
    "narrative.unchanged": "unchanged on the same period last year",
    "narrative.previous_zero": "none in the same period last year",
    "narrative.no_value": "{name}: no figure yet",
    "narrative.incomplete": "incomplete figures",
}

register_language(Language("vi", "vi_VN", "Tiếng Việt", VI_TEXTS))
register_language(Language("en", "en_GB", "English", EN_TEXTS))
