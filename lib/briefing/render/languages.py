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
    #: Whether names of places and periods lose their capital inside a sentence
    #: (Vietnamese "trên địa bàn tỉnh Bạc Liêu", "trong quý II/2020").
    lowercase_names: bool = False

    def text(self, key: str, count: int | None = None, **values) -> str:
        """The text ``key``, filled with ``values`` (and ``count``).

        With ``count``, the plural form ``key.one`` or ``key.other`` is used
        where the language has them (English); otherwise ``key`` itself
        (Vietnamese nouns do not change with the number).
        """
        if count is not None:
            values["count"] = count
            form = f"{key}.{'one' if count == 1 else 'other'}"
            key = form if form in self.texts else key
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
    "period.month_short": "T{month}/{year}",
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
    "narrative.no_value_in": "{name}: chưa có số liệu {period}",
    "narrative.not_computed": "{name}: không tính được cho cấp này (xem ghi chú về số liệu)",
    "narrative.year_to_date": "lũy kế từ đầu năm {value}",
    "narrative.incomplete": "số liệu chưa đầy đủ",
    "document.generated": "Báo cáo được tạo bằng briefing {version} lúc {time} ngày {date}.",
    "document.title": "BÁO CÁO",
    "document.subject": "Kết quả thực hiện nhiệm vụ {period} trên địa bàn {unit}",
    "document.nation": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "document.motto": "Độc lập - Tự do - Hạnh phúc",
    "document.number": "Số: {number}",
    "document.number_blank": "      /BC",
    "document.recipients": "Nơi nhận:",
    "count.indicators": "{count} chỉ tiêu",
    "count.key_indicators": "{count} chỉ tiêu chủ yếu",
    "count.sectors": "{count} lĩnh vực",
    "count.units": "{count} đơn vị",
    "report.intro": "Báo cáo tổng hợp kết quả thực hiện {indicators} thuộc {sectors} "
                    "trên địa bàn {unit} trong {period}, so sánh với kế hoạch năm {year} và cùng kỳ "
                    "năm {previous}. Nguồn số liệu được liệt kê tại Phụ lục.",
    "section.key": "Các chỉ tiêu chủ yếu",
    "section.admin": "Giải quyết thủ tục hành chính",
    "section.quality": "Ghi chú về số liệu",
    "section.changes": "Thay đổi so với báo cáo kỳ trước ({period})",
    "changes.attainment.up": "{name}: từ {before} lên {now} kế hoạch năm ({delta} điểm %)",
    "changes.attainment.down": "{name}: từ {before} xuống {now} kế hoạch năm ({delta} điểm %)",
    "changes.status": "; đánh giá chuyển từ “{before}” sang “{now}”",
    "changes.none": "Không có thay đổi đáng kể so với báo cáo kỳ trước.",
    "changes.unreadable": "Không đọc được tệp số liệu của báo cáo kỳ trước ({file}); "
                          "báo cáo này không so sánh với kỳ trước.",
    "card.plan": "Đạt {pct} kế hoạch năm",
    "card.period_value": "Lũy kế từ đầu năm · {period}: {value}",
    "card.ceiling": "Bằng {pct} chỉ tiêu khống chế",
    "table.caption": "Bảng {number}. Kết quả thực hiện các chỉ tiêu: {sector}",
    "table.indicator": "Chỉ tiêu",
    "table.unit": "Đơn vị tính",
    "table.value": "Thực hiện {period}",
    "table.target": "Kế hoạch năm {year}",
    "table.attainment": "% kế hoạch năm",
    "table.previous": "Cùng kỳ ({period})",
    "table.previous_ytd": "Lũy kế cùng kỳ năm {year}",
    "table.ytd": "Lũy kế từ đầu năm {year}",
    "table.change": "So với cùng kỳ",
    "table.status": "Đánh giá",
    "table.as_of": "(tính đến {month})",
    "chart.attainment_title": "Tỷ lệ thực hiện kế hoạch năm {year} (vạch đen: tiến độ dự kiến)",
    "chart.sector_caption": "Biểu đồ {number}. {sector}: tỷ lệ thực hiện kế hoạch năm so với tiến độ "
                            "dự kiến, và tăng, giảm so với cùng kỳ",
    "chart.change_title": "{period} so với {previous}",
    "chart.change_title_ytd": "Lũy kế từ đầu năm đến hết {period} so với cùng kỳ năm {year}",
    "chart.ceiling": "chỉ tiêu khống chế",
    "chart.trend_by.month": "Theo tháng",
    "chart.trend_by.quarter": "Theo quý",
    "chart.trend_by.half": "Theo 6 tháng",
    "chart.trend_by.year": "Theo năm",
    "chart.units_not_shown": "… {count} đơn vị không hiển thị",
    "chart.trend_cumulative": "Lũy kế từ đầu năm",
    "chart.pace_line": "Tiến độ kế hoạch",
    "chart.target_line": "Kế hoạch năm",
    "chart.trend_level.month": "Mức theo tháng",
    "chart.trend_level.quarter": "Mức theo quý",
    "chart.trend_level.half": "Mức theo 6 tháng",
    "chart.trend_level.year": "Mức theo năm",
    "chart.trend_axis.month": "Tháng",
    "chart.trend_axis.quarter": "Quý",
    "chart.trend_axis.half": "6 tháng",
    "chart.trend_axis.year": "Năm",
    "chart.trend_tick.quarter1": "Quý I",
    "chart.trend_tick.quarter2": "Quý II",
    "chart.trend_tick.quarter3": "Quý III",
    "chart.trend_tick.quarter4": "Quý IV",
    "chart.trend_tick.half1": "6 tháng đầu năm",
    "chart.trend_tick.half2": "6 tháng cuối năm",
    "chart.trend_tick.year1": "Cả năm",
    "chart.month_axis": "Tháng",
    "admin.received": "Tiếp nhận",
    "admin.resolved": "Giải quyết",
    "admin.early": "Trước hạn",
    "admin.on_time": "Đúng hạn",
    "admin.chart_on_time": "Đúng hạn (kể cả trước hạn)",
    "admin.chart_early": "Trong đó: trước hạn",
    "admin.late": "Trễ hạn",
    "admin.sentence": "Trong {period}, {received_part} (chuyển từ kỳ trước {carried_over} hồ sơ), "
                      "{resolved_part}; còn {pending} hồ sơ đang giải quyết, trong đó "
                      "{pending_overdue} hồ sơ quá hạn.",
    "admin.sentence_received": "tiếp nhận {received} hồ sơ thủ tục hành chính",
    "admin.sentence_none_received": "không tiếp nhận hồ sơ thủ tục hành chính mới nào",
    "admin.sentence_nothing": "Trong {period}, không tiếp nhận và không giải quyết hồ sơ thủ tục "
                              "hành chính nào; không còn hồ sơ đang giải quyết.",
    "admin.nothing_in_period": "Trong kỳ không có hồ sơ nào được tiếp nhận, giải quyết hoặc đang "
                               "giải quyết.",
    "admin.sentence_resolved": "đã giải quyết {resolved} hồ sơ, trong đó trước hạn {early} hồ sơ "
                               "({early_pct}), đúng hạn {on_time} hồ sơ ({on_time_pct}), trễ hạn "
                               "{late} hồ sơ ({late_pct})",
    "admin.sentence_none_resolved": "chưa giải quyết xong hồ sơ nào",
    "admin.chart_title": "Hồ sơ đã giải quyết theo tháng",
    "admin.chart_caption": "Biểu đồ {number}. Hồ sơ thủ tục hành chính đã giải quyết theo tháng, {period}",
    "admin.subject": "Tình hình giải quyết thủ tục hành chính {period} trên địa bàn {unit}",
    "admin.intro": "Báo cáo tổng hợp tình hình tiếp nhận, giải quyết hồ sơ thủ tục hành chính trên "
                   "địa bàn {unit} trong {period}; {cutoff}. Số ngày giải quyết tính theo ngày lịch "
                   "từ ngày tiếp nhận đến ngày có kết quả.",
    "admin.cutoff.calendar": "kỳ báo cáo tính theo tháng dương lịch",
    "admin.cutoff.decree09": "kỳ báo cáo tính theo Nghị định số 09/2019/NĐ-CP (từ ngày 15 tháng "
                             "trước đến ngày 14 tháng báo cáo)",
    "section.admin_summary": "Kết quả chung",
    "section.admin_procedures": "Kết quả theo thủ tục hành chính",
    "section.admin_units": "Kết quả theo đơn vị",
    "section.admin_overdue": "Hồ sơ quá hạn chưa giải quyết",
    "admin.col.procedure": "Thủ tục hành chính",
    "admin.col.org_unit": "Đơn vị",
    "admin.col.received": "Tiếp nhận",
    "admin.col.resolved": "Giải quyết",
    "admin.col.early": "Trước hạn",
    "admin.col.on_time": "Đúng hạn",
    "admin.col.late": "Trễ hạn",
    "admin.col.on_time_pct": "Tỷ lệ đúng hạn",
    "admin.col.mean_days": "Số ngày giải quyết bình quân",
    "admin.col.pending": "Đang giải quyết",
    "admin.col.pending_overdue": "Quá hạn",
    "admin.col.dossier": "Mã hồ sơ",
    "admin.col.received_on": "Ngày tiếp nhận",
    "admin.col.due_on": "Hạn giải quyết",
    "admin.col.days_overdue": "Số ngày quá hạn",
    "admin.table_procedures": "Bảng 1. Kết quả giải quyết hồ sơ theo thủ tục hành chính",
    "admin.table_units": "Bảng 2. Kết quả giải quyết hồ sơ theo đơn vị",
    "admin.slowest": "Các thủ tục có thời gian giải quyết bình quân dài nhất: {items}.",
    "admin.slowest_item": "{procedure} ({days} ngày)",
    "admin.units_late": "Tỷ lệ hồ sơ trễ hạn cao nhất ở {unit} ({pct}).",
    "admin.units_no_late": "Không đơn vị nào giải quyết hồ sơ trễ hạn.",
    "admin.units_overdue": "Nhiều hồ sơ quá hạn chưa giải quyết nhất ở {unit} ({count} hồ sơ).",
    "admin.overdue_none": "Đến cuối kỳ không còn hồ sơ quá hạn chưa giải quyết.",
    "admin.overdue_more": "Và {count} hồ sơ quá hạn khác (xem tệp dữ liệu).",
    "admin.days_title": "Số ngày giải quyết bình quân theo thủ tục",
    "admin.days_caption": "Biểu đồ {number}. Số ngày giải quyết bình quân và trung vị theo thủ tục hành chính",
    "admin.median_days": "Trung vị",
    "comparison.subject": "So sánh kết quả thực hiện các chỉ tiêu giữa các đơn vị trực thuộc {unit}, {period}",
    "comparison.intro": "Báo cáo so sánh kết quả thực hiện {indicators} của {units} "
                        "trực thuộc {unit} trong {period}. {ranking}",
    "comparison.ranked.attainment_pct": "Các đơn vị được xếp theo tỷ lệ thực hiện kế hoạch năm; với "
                                        "chỉ tiêu khống chế, tỷ lệ càng thấp càng tốt.",
    "comparison.ranked.value": "Các đơn vị được xếp theo kết quả thực hiện; với chỉ tiêu càng thấp "
                               "càng tốt, đơn vị thấp nhất đứng đầu.",
    "comparison.ranked.mixed": "Các đơn vị được xếp theo tỷ lệ thực hiện kế hoạch năm, trừ chỉ tiêu "
                               "không có kế hoạch ở mọi đơn vị: chỉ tiêu đó xếp theo kết quả thực "
                               "hiện. Với chỉ tiêu khống chế, càng thấp càng tốt.",
    "section.comparison_table": "Kết quả các chỉ tiêu chủ yếu theo đơn vị",
    "section.comparison_leaders": "Đơn vị dẫn đầu và đơn vị thấp nhất",
    "section.comparison_charts": "Biểu đồ so sánh",
    "comparison.table_caption": "Bảng {number}. Kết quả thực hiện và tỷ lệ so với kế hoạch năm theo đơn vị",
    "comparison.chart_caption": "Biểu đồ {number}. Xếp hạng các đơn vị theo từng chỉ tiêu, {period} "
                                "(vạch đen: tiến độ dự kiến)",
    "comparison.leader_plan": "{name}: tỷ lệ thực hiện kế hoạch năm cao nhất là {leader}, đạt "
                              "{leader_pct} ({leader_value}); thấp nhất là {lagger}, đạt {lagger_pct} "
                              "({lagger_value}).",
    "comparison.leader_ceiling": "{name}: tỷ lệ so với chỉ tiêu khống chế năm thấp nhất (tốt nhất) là "
                                 "{leader}, bằng {leader_pct} ({leader_value}); cao nhất là {lagger}, "
                                 "bằng {lagger_pct} ({lagger_value}).",
    "comparison.leader_value": "{name}: cao nhất là {highest} ({highest_value}); thấp nhất là {lowest} "
                               "({lowest_value}).",
    "comparison.leader_value_down": "{name}: cao nhất là {highest} ({highest_value}); thấp nhất là "
                                    "{lowest} ({lowest_value}); chỉ tiêu này càng thấp càng tốt.",
    "quality.incomplete": "{name}: số liệu chưa đầy đủ ({detail}).",
    "quality.missing_months": "{unit} chưa báo cáo {months}",
    "quality.missing_unit": "{unit} chưa có số liệu",
    "quality.missing_unknown": "thiếu số liệu một số tháng",
    "quality.previous_incomplete": "Số liệu cùng kỳ ({previous}) chưa đầy đủ: {names}.",
    "quality.components_mismatch": "Tổng các chỉ tiêu thành phần không khớp với chỉ tiêu tổng: {names}.",
    "quality.no_target": "Chưa có kế hoạch năm {year}: {names}.",
    "quality.mixed_source.children": "Số liệu năm {year} của {unit} về {names} gồm cả số tự báo cáo "
                                     "và số của các đơn vị trực thuộc, cho các tháng khác nhau; báo "
                                     "cáo dùng tổng số của các đơn vị trực thuộc cho cả năm, không "
                                     "dùng số tự báo cáo.",
    "quality.mixed_source.own": "Số liệu năm {year} của {unit} về {names} gồm cả số tự báo cáo và số "
                                "của các đơn vị trực thuộc, cho các tháng khác nhau; báo cáo dùng "
                                "số tự báo cáo cho cả năm, không cộng số của các đơn vị trực thuộc.",
    "quality.not_computed": "Không tính được cho {unit}: {names} (tỷ lệ không cộng dồn từ các đơn vị "
                            "trực thuộc, và {unit} chưa có số liệu riêng).",
    "quality.partial_plan": "Chưa tính được kế hoạch năm {year} của {unit} cho {names}: một số đơn vị "
                            "trực thuộc có số liệu nhưng chưa có kế hoạch ({units}), nên chưa đánh giá "
                            "tỷ lệ thực hiện kế hoạch.",
    "quality.no_data": "Không có số liệu {period}, cùng kỳ và kế hoạch năm cho: {names}.",
    "quality.none": "Không phát hiện vấn đề về số liệu trong kỳ.",
    "annex.title": "Phụ lục: Nguồn số liệu",
    "annex.intro": "Các số liệu trong báo cáo được tính từ các tệp dữ liệu dưới đây; mã kiểm tra "
                   "SHA-256 cho phép đối chiếu đúng tệp đã dùng.",
    "annex.file": "Tệp dữ liệu",
    "annex.table": "Bảng",
    "annex.rows": "Số dòng",
    "annex.sha256": "Mã kiểm tra SHA-256",
}

EN_TEXTS = {
    "period.month": "{month_name} {year}",
    "period.month_inline": "{month_name} {year}",
    "period.month_short": "{month_abbr} {year}",
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
    "narrative.no_value_in": "{name}: no figure yet for {period}",
    "narrative.not_computed": "{name}: cannot be computed at this level (see the notes on the data)",
    "narrative.year_to_date": "year to date {value}",
    "narrative.incomplete": "incomplete figures",
    "document.generated": "Generated by briefing {version} at {time} on {date}.",
    "document.title": "REPORT",
    "document.subject": "Results for {period}: {unit}",
    "document.nation": "SOCIALIST REPUBLIC OF VIET NAM",
    "document.motto": "Independence - Freedom - Happiness",
    "document.number": "No.: {number}",
    "document.number_blank": "      /BC",
    "document.recipients": "Recipients:",
    "count.indicators.one": "{count} indicator",
    "count.indicators.other": "{count} indicators",
    "count.key_indicators.one": "{count} key indicator",
    "count.key_indicators.other": "{count} key indicators",
    "count.sectors.one": "{count} sector",
    "count.sectors.other": "{count} sectors",
    "count.units.one": "{count} unit",
    "count.units.other": "{count} units",
    "report.intro": "This report brings together {indicators} in {sectors} for {unit} "
                    "in {period}, compared with the annual plan for {year} and with the same period "
                    "of {previous}. The data sources are listed in the annex.",
    "section.key": "Key figures",
    "section.admin": "Administrative procedures",
    "section.quality": "Notes on the data",
    "section.changes": "Changes since the last report ({period})",
    "changes.attainment.up": "{name}: up from {before} to {now} of the annual plan ({delta} pp)",
    "changes.attainment.down": "{name}: down from {before} to {now} of the annual plan ({delta} pp)",
    "changes.status": "; status moved from “{before}” to “{now}”",
    "changes.none": "Nothing moved much since the last report.",
    "changes.unreadable": "The metrics file of the last report ({file}) could not be read; "
                          "this report makes no comparison with it.",
    "card.plan": "{pct} of the annual plan",
    "card.period_value": "Year to date · {period}: {value}",
    "card.ceiling": "{pct} of the annual ceiling",
    "table.caption": "Table {number}. Results by indicator: {sector}",
    "table.indicator": "Indicator",
    "table.unit": "Unit",
    "table.value": "Result {period}",
    "table.target": "Annual plan {year}",
    "table.attainment": "% of plan",
    "table.previous": "Same period ({period})",
    "table.previous_ytd": "Same period {year}, year to date",
    "table.ytd": "Year to date {year}",
    "table.change": "Change",
    "table.status": "Status",
    "table.as_of": "(as of {month})",
    "chart.attainment_title": "Share of the {year} annual plan reached (black tick: expected pace)",
    "chart.sector_caption": "Chart {number}. {sector}: share of the annual plan reached against the "
                            "expected pace, and change on the same period last year",
    "chart.change_title": "{period} compared with {previous}",
    "chart.change_title_ytd": "Year to date to the end of {period} compared with the same "
                              "period of {year}",
    "chart.ceiling": "ceiling",
    "chart.trend_by.month": "By month",
    "chart.trend_by.quarter": "By quarter",
    "chart.trend_by.half": "By half year",
    "chart.trend_by.year": "By year",
    "chart.units_not_shown.one": "… {count} unit not shown",
    "chart.units_not_shown.other": "… {count} units not shown",
    "chart.trend_cumulative": "Year to date",
    "chart.pace_line": "Pace to the plan",
    "chart.target_line": "Annual plan",
    "chart.trend_level.month": "Level by month",
    "chart.trend_level.quarter": "Level by quarter",
    "chart.trend_level.half": "Level by half year",
    "chart.trend_level.year": "Level by year",
    "chart.trend_axis.month": "Month",
    "chart.trend_axis.quarter": "Quarter",
    "chart.trend_axis.half": "Half year",
    "chart.trend_axis.year": "Year",
    "chart.trend_tick.quarter1": "Q1",
    "chart.trend_tick.quarter2": "Q2",
    "chart.trend_tick.quarter3": "Q3",
    "chart.trend_tick.quarter4": "Q4",
    "chart.trend_tick.half1": "H1",
    "chart.trend_tick.half2": "H2",
    "chart.trend_tick.year1": "Full year",
    "chart.month_axis": "Month",
    "admin.received": "Received",
    "admin.resolved": "Resolved",
    "admin.early": "Early",
    "admin.on_time": "On time",
    "admin.chart_on_time": "On time (including early)",
    "admin.chart_early": "of which early",
    "admin.late": "Late",
    "admin.sentence": "In {period}, {received_part} ({carried_over} carried over from before), "
                      "{resolved_part}; {pending} are pending, {pending_overdue} of them overdue.",
    "admin.sentence_received": "{received} administrative dossiers were received",
    "admin.sentence_none_received": "no new administrative dossier was received",
    "admin.sentence_nothing": "In {period}, no administrative dossier was received or resolved, "
                              "and none is pending.",
    "admin.nothing_in_period": "No dossier was received, resolved or pending in the period.",
    "admin.sentence_resolved": "{resolved} were resolved: {early} early ({early_pct}), {on_time} on "
                               "time ({on_time_pct}) and {late} late ({late_pct})",
    "admin.sentence_none_resolved": "none was resolved yet",
    "admin.chart_title": "Dossiers resolved by month",
    "admin.chart_caption": "Chart {number}. Administrative dossiers resolved by month, {period}",
    "admin.subject": "Administrative procedures in {period}: {unit}",
    "admin.intro": "This report brings together the administrative dossiers received and resolved "
                   "in {unit} in {period}; {cutoff}. Days to resolve are calendar days from receipt "
                   "to the result.",
    "admin.cutoff.calendar": "periods are calendar months",
    "admin.cutoff.decree09": "periods follow the reporting cut-off of Decree 09/2019/ND-CP (the 15th "
                             "of the previous month to the 14th)",
    "section.admin_summary": "Overall results",
    "section.admin_procedures": "By procedure",
    "section.admin_units": "By unit",
    "section.admin_overdue": "Overdue dossiers not yet resolved",
    "admin.col.procedure": "Procedure",
    "admin.col.org_unit": "Unit",
    "admin.col.received": "Received",
    "admin.col.resolved": "Resolved",
    "admin.col.early": "Early",
    "admin.col.on_time": "On time",
    "admin.col.late": "Late",
    "admin.col.on_time_pct": "On-time share",
    "admin.col.mean_days": "Mean days to resolve",
    "admin.col.pending": "Pending",
    "admin.col.pending_overdue": "Overdue",
    "admin.col.dossier": "Dossier",
    "admin.col.received_on": "Received on",
    "admin.col.due_on": "Due on",
    "admin.col.days_overdue": "Days overdue",
    "admin.table_procedures": "Table 1. Dossiers by procedure",
    "admin.table_units": "Table 2. Dossiers by unit",
    "admin.slowest": "The procedures that take longest on average: {items}.",
    "admin.slowest_item": "{procedure} ({days} days)",
    "admin.units_late": "The highest share of late dossiers is in {unit} ({pct}).",
    "admin.units_no_late": "No unit resolved a dossier late.",
    "admin.units_overdue": "Most overdue dossiers still pending are in {unit} ({count}).",
    "admin.overdue_none": "At the end of the period no overdue dossier is pending.",
    "admin.overdue_more": "And {count} more overdue dossiers (see the data file).",
    "admin.days_title": "Mean days to resolve, by procedure",
    "admin.days_caption": "Chart {number}. Mean and median days to resolve, by procedure",
    "admin.median_days": "Median",
    "comparison.subject": "Comparison of the units of {unit}, {period}",
    "comparison.intro": "This report compares {units} of {unit} on {indicators} in {period}. "
                        "{ranking}",
    "comparison.ranked.attainment_pct": "Units are ranked by the share of their annual plan "
                                        "reached; for ceilings, lower is better.",
    "comparison.ranked.value": "Units are ranked by their results; where less is better, the "
                               "lowest comes first.",
    "comparison.ranked.mixed": "Units are ranked by the share of their annual plan reached, except "
                               "on indicators without a plan for every unit, ranked by their "
                               "results; for ceilings, lower is better.",
    "section.comparison_table": "Key indicators by unit",
    "section.comparison_leaders": "Leading and lagging units",
    "section.comparison_charts": "Charts",
    "comparison.table_caption": "Table {number}. Results and share of the annual plan by unit",
    "comparison.chart_caption": "Chart {number}. Units ranked on each indicator, {period} "
                                "(black tick: expected pace)",
    "comparison.leader_plan": "{name}: the highest share of the annual plan reached is in {leader}, "
                              "{leader_pct} ({leader_value}); the lowest in {lagger}, {lagger_pct} "
                              "({lagger_value}).",
    "comparison.leader_ceiling": "{name}: the lowest share of the annual ceiling, the best, is in "
                                 "{leader}, {leader_pct} ({leader_value}); the highest in {lagger}, "
                                 "{lagger_pct} ({lagger_value}).",
    "comparison.leader_value": "{name}: highest in {highest} ({highest_value}); lowest in {lowest} "
                               "({lowest_value}).",
    "comparison.leader_value_down": "{name}: highest in {highest} ({highest_value}); lowest in "
                                    "{lowest} ({lowest_value}); lower is better.",
    "quality.incomplete": "{name}: incomplete figures ({detail}).",
    "quality.missing_months": "{unit} has not reported {months}",
    "quality.missing_unit": "{unit} has no figures",
    "quality.missing_unknown": "some months are missing",
    "quality.previous_incomplete": "Figures for the same period last year ({previous}) are "
                                   "incomplete: {names}.",
    "quality.components_mismatch": "Components do not add up to their total: {names}.",
    "quality.no_target": "No annual plan for {year}: {names}.",
    "quality.mixed_source.children": "For {year}, the figures of {unit} for {names} come partly from "
                                     "its own reports and partly from its units, for different "
                                     "months; this report uses the sum of its units for the whole "
                                     "year, not its own reports.",
    "quality.mixed_source.own": "For {year}, the figures of {unit} for {names} come partly from its "
                                "own reports and partly from its units, for different months; this "
                                "report uses its own reports for the whole year, not the sum of its "
                                "units.",
    "quality.not_computed": "Not computed for {unit}: {names} (rates are not added up from the units "
                            "below, and {unit} has no figure of its own).",
    "quality.partial_plan": "No {year} plan can be given for {unit} for {names}: some of its units "
                            "have figures but no plan ({units}), so the share of the plan is not "
                            "assessed.",
    "quality.no_data": "No figure for {period}, the same period last year or the annual plan: {names}.",
    "quality.none": "No problem found in the data for this period.",
    "annex.title": "Annex: data sources",
    "annex.intro": "The figures of this report were computed from the files below; the SHA-256 "
                   "checksums identify exactly the files used.",
    "annex.file": "File",
    "annex.table": "Table",
    "annex.rows": "Rows",
    "annex.sha256": "SHA-256 checksum",
}

register_language(Language("vi", "vi_VN", "Tiếng Việt", VI_TEXTS, lowercase_names=True))
register_language(Language("en", "en_GB", "English", EN_TEXTS))
