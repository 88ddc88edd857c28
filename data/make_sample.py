"""Regenerate the bundled sample data set in ``data/sample/`` and ``data/sample.xlsx``.

The province and district names are those of Bạc Liêu; the figures are
synthetic, except that the province's first half of 2020 reproduces the
figures of the Department's published mid-year review
(``../shared/reference/baclieu-dolisa-2020-h1-review.txt``): 18.050 people
trained (56,4% of the plan), 11.461 helped into jobs (63,7%, down 20,2%), and
so on. Run ``python data/make_sample.py``; the output is deterministic.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "sample"
SEED = 2020

PROVINCE = ("baclieu", "Tỉnh Bạc Liêu", "Bac Lieu Province")
DISTRICTS = [
    # id, Vietnamese, English, weight in district-level figures
    ("tp-baclieu", "Thành phố Bạc Liêu", "Bac Lieu City", 0.18),
    ("giarai", "Thị xã Giá Rai", "Gia Rai Town", 0.17),
    ("hongdan", "Huyện Hồng Dân", "Hong Dan District", 0.13),
    ("phuoclong", "Huyện Phước Long", "Phuoc Long District", 0.14),
    ("vinhloi", "Huyện Vĩnh Lợi", "Vinh Loi District", 0.12),
    ("hoabinh", "Huyện Hòa Bình", "Hoa Binh District", 0.13),
    ("donghai", "Huyện Đông Hải", "Dong Hai District", 0.13),
]

SECTORS = [
    ("jobs", "Giáo dục nghề nghiệp, lao động, việc làm", "Vocational training, labour and jobs"),
    ("insurance", "Bảo hiểm xã hội, bảo hiểm thất nghiệp", "Social and unemployment insurance"),
    ("merit", "Người có công", "People with meritorious services"),
    ("social", "Giảm nghèo và trợ giúp xã hội", "Poverty reduction and social assistance"),
    ("children", "Bảo vệ, chăm sóc trẻ em", "Child protection and care"),
    ("inspection", "Thanh tra, an toàn lao động", "Inspection and occupational safety"),
]

# id, sector, name_vi, name_en, unit_vi, unit_en, kind, direction, decimals, part_of,
# phrase_vi, phrase_en
INDICATORS = [
    ("voc_trained", "jobs", "Đào tạo nghề", "Vocational training", "người", "people",
     "flow", "up", 0, "", "Đào tạo nghề cho {value}", "Vocational training reached {value}"),
    ("voc_trained.elementary", "jobs", "Đào tạo sơ cấp", "Elementary level", "người", "people",
     "flow", "up", 0, "voc_trained", "", ""),
    ("voc_trained.short", "jobs", "Đào tạo nghề dưới 3 tháng", "Courses under 3 months",
     "người", "people", "flow", "up", 0, "voc_trained", "", ""),
    ("voc_trained.apprentice", "jobs", "Truyền nghề", "Apprenticeship", "người", "people",
     "flow", "up", 0, "voc_trained", "", ""),
    ("voc_trained.partnership", "jobs", "Liên kết, hợp tác đào tạo", "Training partnerships",
     "người", "people", "flow", "up", 0, "voc_trained", "", ""),
    ("jobs_created", "jobs", "Giải quyết việc làm", "Jobs found", "người", "people",
     "flow", "up", 0, "", "Giải quyết việc làm cho {value}", "Jobs were found for {value}"),
    ("labour_export", "jobs", "Đưa lao động đi làm việc ở nước ngoài",
     "Workers placed abroad", "người", "people", "flow", "up", 0, "",
     "Đưa lao động đi làm việc ở nước ngoài {value}", "Workers placed abroad: {value}"),
    ("ui_claims", "jobs", "Hồ sơ bảo hiểm thất nghiệp được giải quyết",
     "Unemployment benefit claims settled", "hồ sơ", "claims", "flow", "up", 0, "",
     "Giải quyết kịp thời {value} bảo hiểm thất nghiệp", "Settled {value} for unemployment benefit"),
    ("ui_paid", "jobs", "Tiền trợ cấp thất nghiệp đã chi", "Unemployment benefit paid",
     "tỷ đồng", "billion VND", "flow", "up", 3, "",
     "Tổng số tiền trợ cấp thất nghiệp đã chi là {value}", "Unemployment benefit paid: {value}"),
    ("elementary_share", "jobs", "Tỷ trọng đào tạo trình độ sơ cấp",
     "Share of training at elementary level", "%", "%", "ratio", "up", 1, "",
     "Tỷ trọng đào tạo trình độ sơ cấp là {value}",
     "The share of training at elementary level was {value}"),
    ("job_counselling", "jobs", "Lao động được tư vấn, giới thiệu việc làm",
     "Workers given job counselling and referrals", "lượt", "times", "cumulative", "up", 0, "",
     "Tư vấn, giới thiệu việc làm cho {value} lao động",
     "Job counselling and referrals reached {value}"),
    ("trained_share", "jobs", "Tỷ lệ lao động qua đào tạo", "Share of workers with training",
     "%", "%", "rate", "up", 1, "", "Tỷ lệ lao động qua đào tạo đạt {value}",
     "The share of workers with training reached {value}"),
    ("si_participants", "insurance", "Người tham gia BHXH bắt buộc",
     "Compulsory social insurance participants", "người", "people", "stock", "up", 0, "",
     "tổng số người tham gia BHXH bắt buộc là {value}",
     "compulsory social insurance covered {value}"),
    ("insured_income", "insurance", "Tiền lương bình quân làm căn cứ đóng BHXH",
     "Average insured monthly wage", "triệu đồng", "million VND", "average", "up", 2, "",
     "Tiền lương bình quân làm căn cứ đóng BHXH là {value}",
     "The average insured monthly wage was {value}"),
    ("ui_participants", "insurance", "Người tham gia bảo hiểm thất nghiệp",
     "Unemployment insurance participants", "người", "people", "stock", "up", 0, "",
     "số người tham gia bảo hiểm thất nghiệp là {value}",
     "unemployment insurance covered {value}"),
    ("merit_regular", "merit", "Người có công hưởng trợ cấp thường xuyên",
     "People receiving regular merit allowances", "người", "people", "stock", "up", 0, "",
     "Chi trả trợ cấp ưu đãi thường xuyên cho {value}", "Regular merit allowances paid to {value}"),
    ("merit_regular_paid", "merit", "Kinh phí trợ cấp ưu đãi thường xuyên",
     "Regular merit allowances paid", "tỷ đồng", "billion VND", "flow", "up", 1, "",
     "Kinh phí chi trả trợ cấp ưu đãi thường xuyên {value}",
     "Regular merit allowances amounted to {value}"),
    ("merit_one_off", "merit", "Người hưởng trợ cấp một lần", "One-off merit allowances",
     "người", "people", "flow", "up", 0, "", "Giải quyết trợ cấp một lần cho {value}",
     "One-off allowances were granted to {value}"),
    ("merit_health_cards", "merit", "Người có công được cấp thẻ BHYT",
     "Merit beneficiaries with health insurance", "người", "people", "stock", "up", 0, "",
     "Số người có công được cấp thẻ bảo hiểm y tế là {value}",
     "Health insurance covered {value} with meritorious services"),
    ("merit_home_care", "merit", "Điều dưỡng tại gia đình", "Convalescence at home",
     "người", "people", "flow", "up", 0, "", "Điều dưỡng tại gia đình cho {value}",
     "Convalescence at home for {value}"),
    ("poverty_rate", "social", "Tỷ lệ hộ nghèo", "Poverty rate", "%", "%", "rate", "down", 2,
     "", "Tỷ lệ hộ nghèo còn {value}", "The poverty rate stood at {value}"),
    ("poor_health_cards", "social", "Thẻ BHYT cấp cho người nghèo, cận nghèo",
     "Health insurance cards for poor and near-poor people", "thẻ", "health insurance cards",
     "flow", "up", 0, "", "Cấp {value} BHYT cho người nghèo, cận nghèo",
     "Issued {value} to poor and near-poor people"),
    ("poverty_fund", "social", "Vận động Quỹ Vì người nghèo",
     "Raised for the Fund for the Poor", "tỷ đồng", "billion VND", "flow", "up", 1, "",
     "Vận động Quỹ Vì người nghèo và an sinh xã hội được {value}",
     "The Fund for the Poor raised {value}"),
    ("poor_households_supported", "social", "Hộ nghèo được trao vốn, phương tiện sản xuất",
     "Poor households given capital or equipment", "hộ", "households", "flow", "up", 0, "",
     "Trao vốn, phương tiện sản xuất cho {value} nghèo",
     "Capital or equipment went to {value}"),
    ("social_assistance", "social", "Đối tượng hưởng trợ cấp xã hội hằng tháng",
     "Monthly social assistance recipients", "đối tượng", "recipients", "stock", "up", 0, "",
     "Chi trả trợ cấp hằng tháng cho {value}", "Monthly social assistance was paid to {value}"),
    ("children_supported", "children", "Trẻ em có hoàn cảnh đặc biệt được trợ giúp",
     "Children in special circumstances supported", "trẻ em", "children", "flow", "up", 0, "",
     "Trợ giúp {value} có hoàn cảnh đặc biệt", "Support reached {value} in special circumstances"),
    ("children_health_cards", "children", "Thẻ BHYT cấp cho trẻ em dưới 6 tuổi",
     "Health insurance cards for children under 6", "thẻ", "health insurance cards", "flow",
     "up", 0, "",
     "Cấp {value} BHYT cho trẻ em dưới 6 tuổi", "Issued {value} to children under 6"),
    ("fatal_accidents", "inspection", "Tai nạn lao động chết người",
     "Fatal occupational accidents", "vụ", "accidents", "flow", "down", 0, "",
     "Xảy ra {value} tai nạn lao động chết người", "There were {value} with a death at work"),
    ("citizens_received", "inspection", "Lượt công dân được tiếp", "Citizens received",
     "lượt", "visits", "flow", "up", 0, "", "Tiếp {value} công dân",
     "Received {value} from citizens"),
    ("complaints_received", "inspection", "Đơn khiếu nại, tố cáo tiếp nhận",
     "Complaints and denunciations received", "đơn", "complaints", "flow", "up", 0, "",
     "Tiếp nhận {value} khiếu nại, tố cáo", "Received {value} and denunciations"),
    ("inspections", "inspection", "Cuộc thanh tra, kiểm tra", "Inspections carried out",
     "cuộc", "inspections", "flow", "up", 0, "", "Thực hiện {value} thanh tra, kiểm tra",
     "Carried out {value}"),
]

# Half-year totals of flows at province level: 2018 H1, H2, 2019 H1, H2, 2020 H1.
# "level" says where values are reported: each district monthly, or the province monthly.
FLOWS = {
    "voc_trained": ("district", [15020, 16240, 16870, 15530, 18050]),
    "voc_trained.elementary": ("district", [2110, 2340, 2260, 2105, 2398]),
    "voc_trained.short": ("district", [2530, 2710, 2640, 2580, 2772]),
    "voc_trained.apprentice": ("district", [4180, 4620, 4890, 4510, 5262]),
    "voc_trained.partnership": ("district", [6200, 6570, 7080, 6335, 7618]),
    "jobs_created": ("district", [8420, 9310, 14368, 5990, 11461]),
    "labour_export": ("province", [132, 171, 165, 188, 79]),
    "ui_claims": ("province", [1490, 1702, 1611, 1795, 2561]),
    "merit_regular_paid": ("province", [82.4, 83.1, 84.0, 84.6, 85.2]),
    "merit_one_off": ("province", [488, 531, 502, 547, 515]),
    "merit_home_care": ("province", [2702, 2811, 2790, 2873, 2884]),
    "poor_health_cards": ("province", [121540, 4210, 118930, 3870, 116718]),
    "poverty_fund": ("province", [18.4, 22.7, 19.6, 24.1, 20.9]),
    "poor_households_supported": ("district", [1810, 2150, 1944, 2230, 2058]),
    "children_supported": ("district", [3020, 2480, 3215, 2650, 3450]),
    "children_health_cards": ("province", [71820, 3960, 73405, 4120, 75739]),
    "fatal_accidents": ("province", [4, 3, 3, 2, 2]),
    "citizens_received": ("province", [171, 149, 164, 158, 157]),
    "complaints_received": ("province", [21, 18, 19, 17, 16]),
    "inspections": ("district", [26, 31, 28, 33, 27]),
}
#: The parts of ratios (kind ``ratio``: no rows of their own) and the weights of averages.
RATIOS = {"elementary_share": ("voc_trained.elementary", "voc_trained", 100)}
WEIGHTS = {"insured_income": "si_participants"}
#: Reported as year-to-date totals (lũy kế) by each district every month: half-year flows at
#: province level, 2018 H1 ... 2020 H1, as for FLOWS.
CUMULATIVE = {"job_counselling": [9120, 10480, 9870, 11240, 12315]}
#: Averages reported monthly by each district: province mean at 2018-01 and 2020-06, and each
#: district's offset (million VND); months between rise evenly, with a little noise.
AVERAGES = {"insured_income": ((4.62, 5.48), [0.55, 0.20, -0.30, -0.10, 0.05, -0.25, -0.15])}
#: Unemployment benefit paid is reported by half year only, already reconciled.
HALF_YEAR_ONLY = {"ui_paid": [24.512, 26.903, 25.118, 27.480, 30.847]}

# Stocks: province level at pinned months (year, month) -> level; monthly values between are
# interpolated. The last month given is the last one reported.
STOCKS = {
    "si_participants": ("district", {(2017, 12): 36410, (2018, 12): 37210, (2019, 5): 37705,
                                     (2019, 12): 37800, (2020, 5): 37652}),
    "ui_participants": ("province", {(2017, 12): 29020, (2018, 12): 30210, (2019, 5): 30979,
                                     (2019, 12): 31420, (2020, 5): 31882}),
    "merit_regular": ("district", {(2017, 12): 10911, (2018, 12): 10702, (2019, 6): 10598,
                                   (2019, 12): 10480, (2020, 6): 10327}),
    "social_assistance": ("district", {(2017, 12): 27405, (2018, 12): 28260, (2019, 6): 28940,
                                       (2019, 12): 29210, (2020, 6): 29511}),
}
#: Stocks reported by quarter at the quarter's end, province level.
QUARTERLY_STOCKS = {"merit_health_cards": [27010, 27160, 27290, 27415, 27530, 27688, 27802,
                                           27941, 28050, 28162]}
# Rates by quarter, 2018Q1 … 2020Q2, province first, then each district's offset in points.
RATES = {
    "poverty_rate": ([6.12, 5.71, 5.30, 4.82, 4.45, 3.85, 3.62, 3.35, 3.21, 3.10],
                     [-1.4, -0.8, 1.9, 0.6, 0.3, 0.9, 1.2]),
    "trained_share": ([57.0, 57.6, 58.3, 59.1, 59.8, 60.4, 61.0, 61.5, 62.3, 63.2],
                      [6.1, 3.2, -4.0, -2.5, -1.8, -2.9, -3.4]),
}

# Annual plans. "province" targets are given for the province; "district" ones per district
# (the province figure is then their sum, by roll-up). Years 2018, 2019, 2020.
TARGETS = {
    "voc_trained": ("district", [30000, 31000, 32000]),
    "jobs_created": ("both", [17000, 19000, 18000]),
    "labour_export": ("province", [280, 320, 300]),
    "job_counselling": ("district", [19500, 21000, 23500]),
    "elementary_share": ("province", [14.0, 13.5, 13.0]),
    "insured_income": ("province", [4.90, 5.20, 5.60]),
    "trained_share": ("province", [59.0, 61.0, 65.0]),
    "si_participants": ("province", [37500, 38200, 39000]),
    "ui_participants": ("province", [30000, 31000, 32500]),
    "merit_home_care": ("province", [5400, 5600, 5800]),
    "poverty_rate": ("province", [4.50, 3.50, 2.60]),
    "poor_health_cards": ("province", [124000, 122000, 120000]),
    "poverty_fund": ("province", [40.0, 45.0, 120.0]),
    "poor_households_supported": ("district", [3900, 4100, 2077]),
    "children_supported": ("district", [5200, 5600, 5000]),
    "fatal_accidents": ("province", [8, 6, 5]),
    "inspections": ("district", [56, 60, 62]),
}
#: Seasonal weights of flows by month within a half year.
SEASON = [0.12, 0.10, 0.17, 0.19, 0.20, 0.22]
# Administrative procedures: (name, where it is handled, working days allowed, dossiers a month
# per unit, share resolved late). Province procedures are the Department's own.
PROCEDURES = [
    ("Giải quyết hưởng trợ cấp thất nghiệp", "province", 20, 140, 0.0),
    ("Cấp giấy phép lao động cho người nước ngoài", "province", 5, 12, 0.0),
    ("Đăng ký nội quy lao động", "province", 7, 6, 0.0),
    ("Giải quyết chế độ ưu đãi người có công", "district", 20, 7, 0.05),
    ("Trợ cấp xã hội hằng tháng", "district", 15, 9, 0.04),
    ("Hỗ trợ chi phí mai táng", "district", 5, 4, 0.08),
]
#: The Department's own dossiers resolved late only before 2020; districts' at the rates above.
DOSSIERS_FROM, DOSSIERS_TO = (2019, 1), (2020, 6)
#: A district that did not send its May 2020 inspection figures.
MISSING_ROWS = {("inspections", "hongdan", "2020-05")}


def split(total, weights, decimals=0, rng=None):
    """Split ``total`` in proportion to ``weights``, rounded so the parts add up exactly."""
    scale = 10 ** decimals
    units = round(total * scale)
    jitter = [w * (1 + (rng.uniform(-0.08, 0.08) if rng else 0)) for w in weights]
    raw = [units * w / sum(jitter) for w in jitter]
    parts = [int(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: raw[i] - parts[i], reverse=True)
    for i in order[: units - sum(parts)]:
        parts[i] += 1
    return [p / scale if decimals else p for p in parts]


def months_of_half(year, half):
    return [f"{year}-{m:02d}" for m in range(6 * half - 5, 6 * half + 1)]


def flow_rows(rng):
    rows = []
    weights = [d[3] for d in DISTRICTS]
    halves = [(2018, 1), (2018, 2), (2019, 1), (2019, 2), (2020, 1)]
    for indicator, (level, totals) in FLOWS.items():
        decimals = next(i[8] for i in INDICATORS if i[0] == indicator)
        for (year, half), total in zip(halves, totals):
            units = ([d[0] for d in DISTRICTS], split(total, weights, decimals, rng)) \
                if level == "district" else ([PROVINCE[0]], [total])
            for unit, unit_total in zip(*units):
                for period, value in zip(months_of_half(year, half),
                                         split(unit_total, SEASON, decimals, rng)):
                    rows.append((indicator, unit, period, value))
    for indicator, totals in HALF_YEAR_ONLY.items():
        for (year, half), total in zip(halves, totals):
            rows.append((indicator, PROVINCE[0], f"{year}S{half}", total))
    for indicator, totals in CUMULATIVE.items():
        flows = {}
        for (year, half), total in zip(halves, totals):
            for (unit, *_), unit_total in zip(DISTRICTS, split(total, weights, 0, rng)):
                for period, value in zip(months_of_half(year, half), split(unit_total, SEASON, 0, rng)):
                    flows[(unit, period)] = value
        to_date = {}
        for (unit, period), value in sorted(flows.items()):
            key = (unit, period[:4])
            to_date[key] = to_date.get(key, 0) + value
            rows.append((indicator, unit, period, to_date[key]))
    # the components of voc_trained must add up to it in every district and month
    return _reconcile_components(rows)


def average_rows(rng):
    """Monthly averages of each district: a slow rise with a little noise."""
    rows = []
    for indicator, ((start, end), offsets) in AVERAGES.items():
        months = [(y, m) for y in (2018, 2019, 2020) for m in range(1, 13) if (y, m) <= (2020, 6)]
        for index, (year, month) in enumerate(months):
            level = start + (end - start) * index / (len(months) - 1)
            for (unit, *_), offset in zip(DISTRICTS, offsets):
                rows.append((indicator, unit, f"{year}-{month:02d}",
                             round(level + offset + rng.uniform(-0.04, 0.04), 2)))
    return rows


def _reconcile_components(rows):
    """Make the voc_trained total of each district-month the sum of its components."""
    parts = {}
    for indicator, unit, period, value in rows:
        if indicator.startswith("voc_trained."):
            parts[(unit, period)] = parts.get((unit, period), 0) + value
    return [(i, u, p, parts[(u, p)]) if i == "voc_trained" else (i, u, p, v)
            for i, u, p, v in rows]


def stock_rows():
    rows = []
    weights = [d[3] for d in DISTRICTS]
    for indicator, (level, pins) in STOCKS.items():
        months = sorted(pins)
        ordinals = [y * 12 + m - 1 for y, m in months]
        for start, end, (y0, m0), (y1, m1) in zip(ordinals, ordinals[1:], months, months[1:]):
            for ordinal in range(start + 1, end + 1):
                level_value = round(pins[(y0, m0)] + (pins[(y1, m1)] - pins[(y0, m0)])
                                    * (ordinal - start) / (end - start))
                period = f"{ordinal // 12}-{ordinal % 12 + 1:02d}"
                if level == "district":
                    for (unit, *_), part in zip(DISTRICTS, split(level_value, weights)):
                        rows.append((indicator, unit, period, part))
                else:
                    rows.append((indicator, PROVINCE[0], period, level_value))
    for indicator, levels in QUARTERLY_STOCKS.items():
        for index, level_value in enumerate(levels):
            rows.append((indicator, PROVINCE[0], f"{2018 + index // 4}Q{index % 4 + 1}", level_value))
    for indicator, (province, offsets) in RATES.items():
        for index, rate in enumerate(province):
            period = f"{2018 + index // 4}Q{index % 4 + 1}"
            rows.append((indicator, PROVINCE[0], period, rate))
            for (unit, *_), offset in zip(DISTRICTS, offsets):
                rows.append((indicator, unit, period, round(rate + offset, 2)))
    return rows


def target_rows():
    rows = []
    weights = [d[3] for d in DISTRICTS]
    for indicator, (level, targets) in TARGETS.items():
        for year, target in zip((2018, 2019, 2020), targets):
            if level in ("province", "both"):
                rows.append((indicator, PROVINCE[0], year, target))
            if level in ("district", "both"):
                for (unit, *_), part in zip(DISTRICTS, split(target, weights)):
                    rows.append((indicator, unit, year, part))
    return rows


def dossier_rows(rng):
    """A year and a half of dossiers: some early, some on the due date, some late, some pending."""
    import datetime as dt

    import numpy as np

    last_day = dt.date(2020, 6, 30)
    rows, number = [], 0
    months = [(y, m) for y in (2019, 2020) for m in range(1, 13)
              if DOSSIERS_FROM <= (y, m) <= DOSSIERS_TO]
    for year, month in months:
        for name, level, allowed, per_month, late_share in PROCEDURES:
            units = [PROVINCE[0]] if level == "province" else [d[0] for d in DISTRICTS]
            for unit in units:
                for _ in range(max(0, round(rng.gauss(per_month, per_month ** 0.5)))):
                    number += 1
                    received = _working_day(dt.date(year, month, rng.randint(1, 28)))
                    due = np.busday_offset(received, allowed, roll="forward").astype(dt.date)
                    resolved = _resolution(rng, received, due, late_share, last_day,
                                           late_allowed=level != "province" or year < 2020)
                    rows.append((f"HS-{number:06d}", unit, name, received.isoformat(),
                                 due.isoformat(), resolved.isoformat() if resolved else ""))
    return rows


def _working_day(day):
    import datetime as dt

    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def _resolution(rng, received, due, late_share, last_day, late_allowed):
    """When a dossier was resolved: mostly early, some on the due date, a few late; or not yet."""
    import datetime as dt

    allowed = (due - received).days
    draw = rng.random()
    if late_allowed and draw < late_share:
        day = due + dt.timedelta(days=rng.randint(1, 12))
    elif draw < late_share + 0.05:
        day = due
    else:
        day = received + dt.timedelta(days=rng.randint(1, max(1, allowed - 1)))
    recent = (last_day - received).days < 75
    if recent and late_allowed and rng.random() < 0.08:   # stuck: still unresolved, past due
        return None
    return day if day <= last_day else None


def write_csv(name, header, rows):
    with open(OUT / f"{name}.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def main():
    rng = random.Random(SEED)
    OUT.mkdir(exist_ok=True)
    write_csv("sectors", ["sector", "name_vi", "name_en"], SECTORS)
    write_csv("org_units", ["org_unit", "name_vi", "name_en", "parent"],
              [PROVINCE + ("",)] + [(d[0], d[1], d[2], PROVINCE[0]) for d in DISTRICTS])
    write_csv("indicators", ["indicator_id", "sector", "name_vi", "name_en", "unit_vi", "unit_en",
                             "kind", "direction", "decimals", "part_of", "phrase_vi",
                             "phrase_en", "numerator", "denominator", "multiplier", "weight"],
              [row + RATIOS.get(row[0], ("", "", "")) + (WEIGHTS.get(row[0], ""),)
               for row in INDICATORS])
    values = [r for r in flow_rows(rng) + stock_rows() + average_rows(random.Random(SEED + 2))
              if r[:3] not in MISSING_ROWS]
    write_csv("values", ["indicator_id", "org_unit", "period", "value"], values)
    write_csv("targets", ["indicator_id", "org_unit", "year", "target"], target_rows())
    write_csv("dossiers", ["dossier_id", "org_unit", "procedure", "received_on", "due_on",
                           "resolved_on"], dossier_rows(random.Random(SEED + 1)))
    write_workbook()


def write_workbook():
    """The same tables as sheets of ``data/sample.xlsx``."""
    import pandas as pd

    with pd.ExcelWriter(HERE / "sample.xlsx", engine="openpyxl") as writer:
        for name in ("indicators", "sectors", "org_units", "values", "targets", "dossiers"):
            path = OUT / f"{name}.csv"
            if path.exists():
                frame = pd.read_csv(path, dtype=str, keep_default_na=False)
                frame.to_excel(writer, sheet_name=name, index=False)


if __name__ == "__main__":
    main()
