"""Write the DHIS2 and SDMX-CSV example sources of this folder (run it to make them again).

Every number follows a rule written here, so a test can work out any figure by hand:

- ``dhis2-analytics.json``: an analytics response (``headers``, ``rows``, ``metaData`` with
  ``ouHierarchy``) for Sierra Leone → Bo → five chiefdoms, three data elements, the months
  of 2020 (and of 2019 for ANC 1st visit). Chiefdom ``c`` (0–4), data element ``d`` (0–2),
  month ``m``: ``100·(d+1) + 10·c + m`` in 2020, ``80 + 10·c + m`` in 2019. One weekly row.
  Two chiefdoms' ids differ only in case (``BGGmAwx33dj`` and ``bGGmAwx33dj``), as DHIS2
  allows.
- ``dhis2-datavalues.csv``: a dataValueSets CSV: "Malaria cases" by age (<5y, 5y+) for two
  chiefdoms, January–June 2020: ``10·(c+1) + m`` under five and ``20·(c+1) + m`` above; one
  row marked deleted; one yes/no data element ("true").
- ``sdmx-istat.csv``: SDMX-CSV 1.0 in ISTAT's shape: live births in thousands (UNIT_MULT 3)
  by sex (_T, M, F) for Italy, Lombardy, Campania and Napoli (area code NA), 2019–2021.
- ``sdmx-v2.csv``: SDMX-CSV 2.0 with labels: monthly arrivals at tourist accommodation by
  residence (DOM, FOR, TOTAL) in Lombardy and Campania, 2019–2020. Area ``a`` (0–1), month
  ``m``: domestic ``1000·(a+1) + 10·m``, foreign ``500·(a+1) + 5·m`` in 2020, ``400·(a+1) +
  5·m`` in 2019 (domestic ``900·(a+1) + 10·m``); TOTAL is their sum. One ACTION D row.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent

ROOT, BO = "ImspTQPwCqd", "O6uvpzGd5pu"
CHIEFDOMS = {"YuQRtpLP10I": "Badjia", "dGheVylzol6": "Bargbe", "vWbkYPRmKyJ": "Baoma",
             "BGGmAwx33dj": "Bumpe Ngao", "bGGmAwx33dj": "Gbo"}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
ELEMENTS = {"fbfJHSPpUQD": "ANC 1st visit", "cYeuwXTCPkU": "ANC 2nd visit", "s46m5MS0hxu": "BCG doses given"}


def analytics() -> dict:
    rows = []
    for d, element in enumerate(ELEMENTS):
        for c, unit in enumerate(CHIEFDOMS):
            rows += [[element, f"2020{m:02d}", unit, f"{100 * (d + 1) + 10 * c + m}.0"] for m in range(1, 13)]
            if d == 0:
                rows += [[element, f"2019{m:02d}", unit, f"{80 + 10 * c + m}.0"] for m in range(1, 13)]
    rows.append(["fbfJHSPpUQD", "2020W1", "YuQRtpLP10I", "7.0"])
    periods = [f"{y}{m:02d}" for y in (2019, 2020) for m in range(1, 13)]
    items = {key: {"name": name} for key, name in {**ELEMENTS, **CHIEFDOMS, ROOT: "Sierra Leone", BO: "Bo",
                                                     "dx": "Data", "pe": "Period", "ou": "Organisation unit"}.items()}
    items.update({key: {"name": name, "aggregationType": "SUM", "valueType": "NUMBER"}
                  for key, name in ELEMENTS.items()})
    items.update({p: {"name": f"{MONTHS[int(p[4:]) - 1]} {p[:4]}"} for p in periods})
    header = [("dx", "Data", "TEXT", "java.lang.String"), ("pe", "Period", "TEXT", "java.lang.String"),
              ("ou", "Organisation unit", "TEXT", "java.lang.String"), ("value", "Value", "NUMBER", "java.lang.Double")]
    return {
        "headers": [{"name": n, "column": c, "valueType": v, "type": t, "hidden": False, "meta": n != "value"}
                    for n, c, v, t in header],
        "metaData": {
            "items": items,
            "dimensions": {"dx": list(ELEMENTS), "pe": periods, "ou": list(CHIEFDOMS), "co": []},
            "ouHierarchy": {unit: f"/{ROOT}/{BO}" for unit in CHIEFDOMS},
        },
        "rows": rows,
        "height": len(rows), "width": 4, "headerWidth": 4,
    }


def datavalues() -> list[list[str]]:
    rows = [["dataelement", "period", "orgunit", "catoptcombo", "attroptcombo", "value", "storedby",
             "lastupdated", "comment", "followup", "deleted"]]
    for c, unit in enumerate(["YuQRtpLP10I", "dGheVylzol6"]):
        for m in range(1, 7):
            for combo, base in (("Sfl5hFv3T9h", 10), ("Tmc5eq1C7g7", 20)):
                rows.append(["vq2qO3eTrNi", f"2020{m:02d}", unit, combo, "HllvX50cXC0", str(base * (c + 1) + m),
                             "admin", f"2020-{m + 1:02d}-03T10:00:00.000", "", "false", ""])
    rows.append(["vq2qO3eTrNi", "202003", "YuQRtpLP10I", "Sfl5hFv3T9h", "HllvX50cXC0", "999", "admin",
                 "2020-04-02T10:00:00.000", "typed twice", "false", "true"])
    rows.append(["Ihid8C7ALDe", "202001", "YuQRtpLP10I", "HllvX50cXC0", "HllvX50cXC0", "true", "admin",
                 "2020-02-03T10:00:00.000", "", "false", ""])
    return rows


BIRTHS = {  # thousands: (_T, M, F) by year
    ("IT", "Italia"): {2019: (420.084, 216.010, 204.074), 2020: (404.892, 208.099, 196.793)},
    ("ITC4", "Lombardia"): {2019: (76.714, 39.437, 37.277), 2020: (73.758, 37.972, 35.786)},
    ("ITF3", "Campania"): {2019: (47.453, 24.405, 23.048), 2020: (46.091, 23.725, 22.366)},
    ("NA", "Napoli"): {2019: (26.109, 13.412, 12.697), 2020: (25.341, 13.034, 12.307)},
}


def istat() -> list[list[str]]:
    rows = [["DATAFLOW", "FREQ", "REF_AREA", "DATA_TYPE", "SEX", "TIME_PERIOD", "OBS_VALUE", "UNIT_MEASURE",
             "UNIT_MULT", "DECIMALS", "OBS_STATUS"]]
    for (area, _name), years in BIRTHS.items():
        for year, figures in years.items():
            for sex, value in zip(("_T", "M", "F"), figures):
                rows.append(["IT1:22_293(1.0)", "A", area, "LBIRTH", sex, str(year), f"{value:.3f}", "PERS", "3",
                             "3", "P" if year == 2020 else "A"])
    rows.append(["IT1:22_293(1.0)", "A", "NA", "LBIRTH", "_T", "2021", "NaN", "PERS", "3", "3", "M"])
    return rows


def tourism() -> list[list[str]]:
    rows = [["STRUCTURE", "STRUCTURE_ID", "ACTION", "FREQ: Frequency", "REF_AREA: Reference area",
             "C_RESID: Country of residence", "TIME_PERIOD: Time period", "OBS_VALUE: Observation value",
             "UNIT_MEASURE: Unit of measure", "UNIT_MULT: Unit multiplier", "DECIMALS: Decimals"]]
    flow = "ESTAT:TOUR_OCC_ARM(1.0): Arrivals at tourist accommodation establishments"
    for a, area in enumerate(["ITC4: Lombardia", "ITF3: Campania"]):
        for year in (2019, 2020):
            for m in range(1, 13):
                home = (1000 if year == 2020 else 900) * (a + 1) + 10 * m
                abroad = (500 if year == 2020 else 400) * (a + 1) + 5 * m
                for code, value in (("DOM: Domestic", home), ("FOR: Foreign", abroad),
                                    ("TOTAL: Total", home + abroad)):
                    rows.append(["dataflow", flow, "I", "M: Monthly", area, code, f"{year}-{m:02d}", str(value),
                                 "NR: Number", "0: Units", "0: Zero"])
    rows.append(["dataflow", flow, "D", "M: Monthly", "ITC4: Lombardia", "DOM: Domestic", "2020-01", "5",
                 "NR: Number", "0: Units", "0: Zero"])
    return rows


def compact_json(value, indent: int = 0) -> str:
    """JSON as a person reads it: a list or object of plain values on one line, others opened up."""
    flat = not isinstance(value, (list, dict)) or all(not isinstance(v, (list, dict)) for v in
                                                        (value.values() if isinstance(value, dict) else value))
    if flat:
        return json.dumps(value, ensure_ascii=False)
    pad = " " * (indent + 1)
    if isinstance(value, dict):
        inner = [f"{pad}{json.dumps(k)}: {compact_json(v, indent + 1)}" for k, v in value.items()]
        return "{\n" + ",\n".join(inner) + "\n" + " " * indent + "}"
    return "[\n" + ",\n".join(pad + compact_json(v, indent + 1) for v in value) + "\n" + " " * indent + "]"


def write_csv(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def main() -> None:
    (HERE / "dhis2-analytics.json").write_text(compact_json(analytics()) + "\n", encoding="utf-8")
    write_csv(HERE / "dhis2-datavalues.csv", datavalues())
    write_csv(HERE / "sdmx-istat.csv", istat())
    write_csv(HERE / "sdmx-v2.csv", tourism())


if __name__ == "__main__":
    main()
