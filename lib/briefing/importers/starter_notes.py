"""What every column of the contract means, in Vietnamese and English: the starter's notes sheet."""

from __future__ import annotations

from dataclasses import dataclass

from briefing.inputs.contract import (
    DEFAULT_MULTIPLIER,
    DIRECTIONS,
    INDICATOR_ID_PATTERN,
    KINDS,
    MAX_DECIMALS,
    MAX_TEXT_LENGTH,
    NO,
    TABLES,
    YES,
)


@dataclass(frozen=True)
class Note:
    """One column explained: its meaning in each language, the values it takes, an example.

    ``allowed`` and ``example`` are left empty when the starter fills them in
    (free text gets its length limit; the example comes from the example row).
    """

    vi: str
    en: str
    allowed: str = ""
    example: str = ""


_IDS = "chữ thường không dấu, số, _ . - / lower-case letters, digits, _ . -"
_UNIT_ID = ("chữ, số, _ . -; tối đa 64 ký tự, ký tự đầu là chữ, số hoặc _ / letters, digits, "
            "_ . -; at most 64, the first a letter, digit or _")
_DATE = "ô ngày của Excel, hoặc văn bản YYYY-MM-DD / an Excel date cell, or the text YYYY-MM-DD"
_NUMBER = ("số, dấu chấm thập phân khi nhập dạng văn bản, không dấu phân cách hàng nghìn / "
           "a number; typed as text: '.' as decimal point, no thousands separator")
#: Columns a sheet must have whose cells may be empty.
_MAY_BE_EMPTY = (("dossiers", "resolved_on"),)
_YES_NO = " / ".join(f"{yes}, {no}" for yes, no in zip(YES[:4], NO[1:5]))

#: Each sheet's purpose, shown on the row that opens its part of the notes.
TABLE_NOTES: dict[str, Note] = {
    "indicators": Note("Danh mục chỉ tiêu, mỗi dòng một chỉ tiêu. Các phần của báo cáo theo thứ "
                       "tự lĩnh vực xuất hiện lần đầu ở trang này.",
                       "The indicator catalogue, one row per indicator. The report's sections "
                       "follow the sectors in the order they first appear here."),
    "sectors": Note("Tên hiển thị của các mã lĩnh vực; lĩnh vực không có dòng nào thì hiện bằng mã.",
                    "Display names of the sector keys; a sector without a row is shown by its key."),
    "org_units": Note("Cây đơn vị: tỉnh và các đơn vị trực thuộc. Không có trang này thì mỗi đơn vị "
                      "là một gốc và không cộng gộp số liệu.",
                      "The tree of org units: a province and the units under it. Without this sheet "
                      "every unit is a root and nothing is rolled up."),
    "values": Note("Số liệu: mỗi dòng một giá trị của một chỉ tiêu, một đơn vị, một kỳ. Không có "
                   "hai dòng trùng chỉ tiêu, đơn vị và kỳ. Nên nhập theo tháng: các kỳ dài hơn "
                   "được tính từ các tháng.",
                   "Figures: one value per indicator, org unit and period, never two rows for the "
                   "same three. Give months where you can: longer periods are made from them."),
    "targets": Note("Kế hoạch năm, mỗi chỉ tiêu, đơn vị và năm một dòng.",
                    "Annual plans, one row per indicator, org unit and year."),
    "dossiers": Note("Hồ sơ thủ tục hành chính, mỗi hồ sơ một dòng. Không có trang này thì báo cáo "
                     "không có phần thủ tục hành chính.",
                     "Administrative-procedure dossiers, one row each. Without this sheet the "
                     "report has no administrative-procedures section."),
}

#: Notes on the whole workbook, shown first.
GENERAL_NOTES: tuple[Note, ...] = (
    Note("Chỉ các trang " + ", ".join(TABLES) + " được đọc; trang notes này và mọi trang khác "
         "bị bỏ qua.",
         "Only the sheets " + ", ".join(TABLES) + " are read; this notes sheet and any other "
         "sheet are ignored."),
    Note("Không đổi tên trang và tên cột ở dòng 1. Cột có tiêu đề màu cam là bắt buộc (xem cột "
         "'bắt buộc' dưới đây); cột màu xanh có thể để trống.",
         "Keep the sheet names and the column names in row 1. Orange headers are required "
         "columns (see 'required' below); blue ones may be left empty."),
    Note("Các cột mã, kỳ và tên được định dạng Văn bản (Text): '2026-06' không bị đổi thành "
         "ngày, '001' giữ các số 0 ở đầu. Khi dán từ nơi khác, dùng Dán giá trị (Paste Values) "
         "để giữ định dạng đó.",
         "Id, period and name columns are formatted as Text: '2026-06' does not turn into a "
         "date and '001' keeps its zeros. When pasting from elsewhere, use Paste Values to "
         "keep that format."),
    Note("Thay các dòng ví dụ bằng số liệu của đơn vị, rồi kiểm tra: briefing validate --data "
         "data.xlsx",
         "Replace the example rows with your own, then check: briefing validate --data data.xlsx"),
)

#: Every column of every table, by (table, column). A column the contract adds needs a note here.
COLUMN_NOTES: dict[tuple[str, str], Note] = {
    ("indicators", "indicator_id"): Note(
        "Mã chỉ tiêu, duy nhất; dùng ở các trang values, targets và các cột part_of, numerator, "
        "denominator, weight.",
        "Unique id of the indicator, used by values, targets and the columns part_of, numerator, "
        "denominator and weight.", f"{INDICATOR_ID_PATTERN}: {_IDS}"),
    ("indicators", "sector"): Note(
        "Mã lĩnh vực (nhóm chỉ tiêu); mỗi lĩnh vực là một phần của báo cáo. Tên hiển thị lấy từ "
        "trang sectors.",
        "Sector key (a group of indicators); each sector is a section of the report. Display "
        "names come from the sectors sheet."),
    ("indicators", "kind"): Note(
        "Loại chỉ tiêu. flow: số phát sinh, kỳ dài là tổng các tháng; stock: số hiện có, lấy "
        "tháng mới nhất; rate: tỷ lệ đơn vị báo cáo, không cộng giữa các đơn vị; average: bình "
        "quân; ratio: tỷ số tính từ hai chỉ tiêu khác (numerator, denominator), không nhập số "
        "liệu; cumulative: số lũy kế từ đầu năm như báo cáo.",
        "How figures add up. flow: counts in the period, a longer period sums its months; "
        "stock: a level, the latest month counts; rate: a reported rate, never summed over "
        "units; average: a mean; ratio: made from two other indicators (numerator, "
        "denominator), no values of its own; cumulative: year-to-date totals as reported.",
        ", ".join(KINDS) + " (hoa hay thường đều được / any case)"),
    ("indicators", "name_vi"): Note(
        "Tên chỉ tiêu bằng tiếng Việt. Cần ít nhất một trong name_vi, name_en; thiếu tên một "
        "ngôn ngữ thì dùng tên ngôn ngữ kia.",
        "The Vietnamese name. Each row needs a name in name_vi or name_en; a missing name falls "
        "back to the other language."),
    ("indicators", "name_en"): Note("Tên chỉ tiêu bằng tiếng Anh.", "The English name."),
    ("indicators", "unit_vi"): Note(
        "Đơn vị tính hiện sau số liệu (người, tỷ đồng, %); để trống thì dùng unit_en.",
        "Unit shown after figures in Vietnamese; empty: unit_en is used."),
    ("indicators", "unit_en"): Note(
        "Đơn vị tính bằng tiếng Anh; để trống thì dùng unit_vi.",
        "Unit shown after figures in English (people); empty: unit_vi is used."),
    ("indicators", "direction"): Note(
        "up: càng cao càng tốt, kế hoạch là mục tiêu (mặc định); down: càng thấp càng tốt (tai "
        "nạn lao động), kế hoạch là mức trần.",
        "up: more is better, the plan is a goal (the default); down: less is better (labour "
        "accidents), the plan is a ceiling.", ", ".join(DIRECTIONS) + " (trống / empty: up)"),
    ("indicators", "decimals"): Note(
        "Số chữ số thập phân hiển thị (mặc định 0); chỉ ảnh hưởng cách hiển thị.",
        "Decimals shown (default 0); display only.",
        f"số nguyên từ 0 đến {MAX_DECIMALS} / a whole number from 0 to {MAX_DECIMALS}"),
    ("indicators", "part_of"): Note(
        "Mã chỉ tiêu tổng mà chỉ tiêu này là một thành phần (cùng loại; không dùng với rate, "
        "ratio, average).",
        "The indicator_id of the total this indicator is a component of (of the same kind; not "
        "a rate, ratio or average).", "một indicator_id / an indicator_id",
        "jobs_created (ở dòng jobs_created.women / on the row jobs_created.women)"),
    ("indicators", "breakdown"): Note(
        "Cách phân tổ của thành phần (sex, age), chỉ dùng với part_of: các thành phần cùng cách "
        "phân tổ của một tổng phải cộng lại bằng tổng. Trống: một cách phân tổ mặc định.",
        "The breakdown a component belongs to (sex, age), only with part_of: the components of "
        "one total with the same breakdown add up to it. Empty: one default breakdown.",
        _IDS, "sex"),
    ("indicators", "numerator"): Note(
        "Chỉ với kind = ratio: mã chỉ tiêu tử số.",
        "For kind = ratio only: the indicator_id of the numerator.",
        "một indicator_id khác / another indicator_id", "jobs_created"),
    ("indicators", "denominator"): Note(
        "Chỉ với kind = ratio: mã chỉ tiêu mẫu số.",
        "For kind = ratio only: the indicator_id of the denominator.",
        "một indicator_id khác / another indicator_id", "job_seekers"),
    ("indicators", "multiplier"): Note(
        f"Chỉ với kind = ratio: hệ số nhân, mặc định {DEFAULT_MULTIPLIER:g} (phần trăm); 1000 "
        "hay 100000 cho tỷ lệ phần nghìn hay trên 100.000 dân.",
        f"For kind = ratio only: the multiplier, default {DEFAULT_MULTIPLIER:g} (a percentage); "
        "1000 or 100000 for a rate per thousand or per 100,000.",
        "số lớn hơn 0 / a number above 0", "1000"),
    ("indicators", "weight"): Note(
        "Chỉ với kind = average: mã chỉ tiêu (flow, stock hay cumulative) làm quyền số khi tính "
        "bình quân giữa các đơn vị (dân số, số lao động); trống: bình quân giản đơn.",
        "For kind = average only: the indicator_id of a flow, stock or cumulative indicator "
        "weighting the mean over org units (population, workers); empty: the plain mean.",
        "một indicator_id khác / another indicator_id", "workers"),
    ("indicators", "signed"): Note(
        "có (yes) khi số âm là bình thường (tăng giảm ròng, số dư); không (no, mặc định): số âm "
        "vẫn được đọc nhưng có ghi chú negative_value.",
        "yes when negative values are normal (net changes, balances); no (the default): a "
        "negative value is read but flagged negative_value.", _YES_NO),
    ("indicators", "phrase_vi"): Note(
        "Chủ ngữ của câu tiếng Việt trong báo cáo, {value} là chỗ đặt số liệu; trống: dùng tên "
        "chỉ tiêu.",
        "The subject of the Vietnamese sentence, {value} where the figure goes; empty: the "
        "name is used."),
    ("indicators", "phrase_en"): Note(
        "Như phrase_vi, bằng tiếng Anh.", "The same in English, {value} where the figure goes."),
    ("sectors", "sector"): Note(
        "Mã lĩnh vực như ở cột sector của trang indicators, mỗi mã một dòng.",
        "A sector key as used in the indicators sheet, each once."),
    ("sectors", "name_vi"): Note("Tên lĩnh vực bằng tiếng Việt.", "The sector's Vietnamese name."),
    ("sectors", "name_en"): Note("Tên lĩnh vực bằng tiếng Anh.", "The sector's English name."),
    ("org_units", "org_unit"): Note(
        "Mã đơn vị, duy nhất; dùng làm tên thư mục chứa báo cáo của đơn vị.",
        "Unique id of the unit; it names the folder of the unit's reports.", _UNIT_ID),
    ("org_units", "name_vi"): Note("Tên đơn vị bằng tiếng Việt.", "The unit's Vietnamese name."),
    ("org_units", "name_en"): Note("Tên đơn vị bằng tiếng Anh.", "The unit's English name."),
    ("org_units", "parent"): Note(
        "Mã đơn vị cấp trên (có trong trang này); để trống với đơn vị gốc (tỉnh). Báo cáo mặc "
        "định là của đơn vị gốc đầu tiên.",
        "The org_unit of the parent, listed in this sheet; empty for a root (the province). A "
        "run's default unit is the first root.", "một org_unit / an org_unit, or empty"),
    ("values", "indicator_id"): Note(
        "Mã chỉ tiêu có trong trang indicators.", "An indicator_id of the indicators sheet.",
        "một indicator_id / an indicator_id"),
    ("values", "org_unit"): Note(
        "Mã đơn vị có trong trang org_units.", "An org_unit of the org_units sheet.",
        "một org_unit / an org_unit"),
    ("values", "period"): Note(
        "Kỳ số liệu: tháng, quý, 6 tháng, năm, hoặc một ngày.",
        "The period: a month, quarter, half year, year, or a day.",
        "2026-06 (202606), 2026Q2, 2026S1 (2026H1), 2026, 2026-06-15"),
    ("values", "value"): Note(
        "Giá trị. Ô trống hoặc NA: chưa báo cáo (coi như thiếu tháng đó). Chỉ tiêu cumulative: "
        "nhập số lũy kế từ đầu năm.",
        "The figure. An empty cell or NA: not reported (the month is a gap). A cumulative "
        "indicator: the year-to-date total.", _NUMBER),
    ("targets", "indicator_id"): Note(
        "Mã chỉ tiêu có trong trang indicators.", "An indicator_id of the indicators sheet.",
        "một indicator_id / an indicator_id"),
    ("targets", "org_unit"): Note(
        "Mã đơn vị; đơn vị không có kế hoạch riêng thì lấy tổng kế hoạch của các đơn vị trực thuộc.",
        "An org_unit; a unit without its own plan gets the sum of its children's plans.",
        "một org_unit / an org_unit"),
    ("targets", "year"): Note("Năm kế hoạch.", "The plan's year.",
                              "số nguyên từ 1900 đến 2100 / a whole year from 1900 to 2100"),
    ("targets", "target"): Note(
        "Kế hoạch cả năm: số không âm (âm chỉ với chỉ tiêu signed).",
        "The plan for the year: zero or more (negative only for a signed indicator).", _NUMBER),
    ("dossiers", "dossier_id"): Note("Số hồ sơ, duy nhất.", "Unique id of the dossier."),
    ("dossiers", "org_unit"): Note("Mã đơn vị tiếp nhận hồ sơ.", "The org_unit that received it.",
                                   "một org_unit / an org_unit"),
    ("dossiers", "procedure"): Note("Tên thủ tục hành chính.", "Name of the procedure."),
    ("dossiers", "received_on"): Note("Ngày tiếp nhận; không để trống.",
                                      "Date received; never empty.", _DATE),
    ("dossiers", "due_on"): Note("Ngày hẹn trả; không trước ngày tiếp nhận, không để trống.",
                                 "Due date; never empty, on or after received_on.", _DATE),
    ("dossiers", "resolved_on"): Note(
        "Ngày giải quyết xong, không trước ngày tiếp nhận; để trống khi chưa giải quyết.",
        "Date resolved, on or after received_on; empty while unresolved.", _DATE),
}


def allowed_values(table: str, column: str) -> str:
    """What a column takes, as the notes sheet says it.

    Examples
    --------
    >>> allowed_values("sectors", "name_vi")
    'văn bản, tối đa 300 ký tự / text, at most 300 characters'
    """
    note = COLUMN_NOTES[(table, column)]
    if note.allowed or column not in TABLES[table].free_text:
        return note.allowed
    return f"văn bản, tối đa {MAX_TEXT_LENGTH} ký tự / text, at most {MAX_TEXT_LENGTH} characters"


def required_text(table: str, column: str) -> str:
    """Whether a column must be filled, in both languages, from the contract's table spec."""
    spec = TABLES[table]
    if (table, column) in _MAY_BE_EMPTY:
        return "cột bắt buộc, ô có thể trống / the column is required, cells may be empty"
    if column in spec.required:
        return "có / yes"
    for group in spec.one_of:
        if column in group:
            return f"một trong / one of {', '.join(group)}"
    if column in ("numerator", "denominator"):
        return "với ratio / for ratio"
    return "không / no"
