"""Data sets for the benchmarks, generated (nothing downloaded): a 24-report batch and a 21M-row set.

``python bench/make_data.py batch DIR``: the sample province with five more
districts (12 units: 24 briefings in two languages), values scaled from the
sample's districts so every report has realistic figures.

``python bench/make_data.py big DIR``: 500 indicators × 700 org units × 60
months = 21 million values (a country, 34 provinces, 665 districts), with
annual targets; about 0.6 GB of CSV.
"""

from __future__ import annotations

import csv
import shutil
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample"
EXTRA_DISTRICTS = [
    ("xa-a", "Huyện Mới A", "New District A", "hongdan"),
    ("xa-b", "Huyện Mới B", "New District B", "giarai"),
    ("xa-c", "Huyện Mới C", "New District C", "vinhloi"),
    ("xa-d", "Huyện Mới D", "New District D", "phuoclong"),
    ("xa-e", "Huyện Mới E", "New District E", "hoabinh"),
]


def make_batch_data(folder: Path) -> Path:
    """The sample, plus five districts whose rows copy an existing district's, scaled by 0.9."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("indicators", "sectors", "targets", "dossiers"):
        shutil.copy(SAMPLE / f"{name}.csv", folder / f"{name}.csv")
    units = (SAMPLE / "org_units.csv").read_text(encoding="utf-8").rstrip("\n").split("\n")
    units += [f"{u},{vi},{en},baclieu" for u, vi, en, _ in EXTRA_DISTRICTS]
    (folder / "org_units.csv").write_text("\n".join(units) + "\n", encoding="utf-8")
    with open(SAMPLE / "values.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    decimals = _decimals()
    for unit, _, _, like in EXTRA_DISTRICTS:
        for row in [r for r in rows if r["org_unit"] == like]:
            value = round(float(row["value"]) * 0.9, decimals[row["indicator_id"]])
            rows.append(row | {"org_unit": unit, "value": value if decimals[row["indicator_id"]] else int(value)})
    _write_rows(folder / "values.csv", ["indicator_id", "org_unit", "period", "value"], rows)
    return folder


def _decimals() -> dict:
    with open(SAMPLE / "indicators.csv", encoding="utf-8") as handle:
        return {r["indicator_id"]: int(r["decimals"] or 0) for r in csv.DictReader(handle)}


def _write_rows(path: Path, header, rows) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def make_big_data(folder: Path, indicators: int = 500, provinces: int = 34,
                  districts: int = 665, years: int = 5, seed: int = 1) -> Path:
    """21M rows by default, written with pyarrow in a few seconds."""
    import pyarrow as pa
    import pyarrow.csv as pa_csv

    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    ids = [f"ind{i:03d}" for i in range(indicators)]
    kinds = np.where(np.arange(indicators) % 10 < 6, "flow", np.where(np.arange(indicators) % 10 < 9, "stock", "rate"))
    with open(folder / "indicators.csv", "w", encoding="utf-8") as handle:
        handle.write("indicator_id,sector,name_vi,name_en,unit_vi,unit_en,kind,direction,decimals\n")
        for i, (ident, kind) in enumerate(zip(ids, kinds)):
            unit = "%" if kind == "rate" else "người"
            handle.write(f"{ident},s{i % 12},Chỉ tiêu {i},Indicator {i},{unit},{'%' if kind == 'rate' else 'people'},"
                         f"{kind},{'down' if i % 17 == 0 else 'up'},{1 if kind == 'rate' else 0}\n")
    units = ["vn"] + [f"p{p:02d}" for p in range(provinces)] + [f"d{d:03d}" for d in range(districts)]
    with open(folder / "org_units.csv", "w", encoding="utf-8") as handle:
        handle.write("org_unit,name_vi,name_en,parent\nvn,Toàn quốc,Country,\n")
        for p in range(provinces):
            handle.write(f"p{p:02d},Tỉnh {p},Province {p},vn\n")
        for d in range(districts):
            handle.write(f"d{d:03d},Huyện {d},District {d},p{d % provinces:02d}\n")
    months = [f"{2016 + m // 12}-{m % 12 + 1:02d}" for m in range(12 * years)]
    n = indicators * len(units) * len(months)
    ind_index = np.repeat(np.arange(indicators), len(units) * len(months))
    unit_index = np.tile(np.repeat(np.arange(len(units)), len(months)), indicators)
    month_index = np.tile(np.arange(len(months)), indicators * len(units))
    values = rng.integers(0, 5000, size=n, dtype=np.int32)
    rates = kinds[ind_index] == "rate"
    table = pa.table({
        "indicator_id": pa.DictionaryArray.from_arrays(pa.array(ind_index, pa.int32()), pa.array(ids)),
        "org_unit": pa.DictionaryArray.from_arrays(pa.array(unit_index, pa.int32()), pa.array(units)),
        "period": pa.DictionaryArray.from_arrays(pa.array(month_index, pa.int32()), pa.array(months)),
        "value": pa.array(np.where(rates, values % 100, values)),
    })
    pa_csv.write_csv(table, folder / "values.csv",
                     write_options=pa_csv.WriteOptions(quoting_style="none", include_header=False))
    _prepend(folder / "values.csv", b"indicator_id,org_unit,period,value\n")
    target_rows = [f"{ident},{unit},{year},{rng.integers(20000, 60000)}"
                   for ident, kind in zip(ids, kinds) if kind != "rate"
                   for unit in units[:35] for year in range(2016, 2016 + years)]
    (folder / "targets.csv").write_text("indicator_id,org_unit,year,target\n" + "\n".join(target_rows) + "\n")
    return folder


def _prepend(path: Path, header: bytes) -> None:
    """Put a header line in front of a large file, streaming it."""
    temporary = path.with_suffix(".tmp")
    with open(temporary, "wb") as out, open(path, "rb") as source:
        out.write(header)
        shutil.copyfileobj(source, out, 16 << 20)
    temporary.replace(path)


if __name__ == "__main__":
    what, where = sys.argv[1], Path(sys.argv[2])
    (make_batch_data if what == "batch" else make_big_data)(where)
    print(where)
