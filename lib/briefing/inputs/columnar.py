"""The fast path for large ``values.csv`` files: pyarrow's columnar reader, or nothing.

Gives the text reader's result or ``None``: anything unusual (blank lines, values
that are not reportable numbers, malformed rows) goes to the careful reader in
:mod:`briefing.inputs.read`, which can name the cell.
"""

from __future__ import annotations

import unicodedata

import numpy as np
import pandas as pd

from briefing.inputs.contract import MAX_MAGNITUDE, MIN_MAGNITUDE, TableSpec

#: Columns of ``values.csv`` read as categories.
_ID_COLUMNS = ("indicator_id", "org_unit", "period")


def _one_row_per_line(body: bytes, rows: int) -> bool:
    """True when line numbers are row numbers plus 2, i.e. the file has no blank line.

    The fast reader skips blank lines; counting line ends (one cheap pass)
    tells whether it met any. A line break inside a quoted value would also
    shift the numbers; pyarrow refuses those by default.
    """
    lines = body.count(b"\n") + (0 if body.endswith(b"\n") else 1)
    return lines == rows + 1


def read_values_columnar(body: bytes, spec: TableSpec, header: list[str]) -> pd.DataFrame | None:
    """Read ``values.csv`` with pyarrow; ``None`` when anything needs the careful text reader.

    It gives the text reader's result or nothing: ids are stripped and composed
    (NFC) like the text reader's cells, and a file with a value that is not a
    reportable number (``nan``, ``inf``, ``1e309``, ``1e30``, empty) goes to the
    text reader, which quotes the cell as written.
    """
    import pyarrow as pa
    import pyarrow.csv as pa_csv

    category = pa.dictionary(pa.int32(), pa.string())
    names = {raw: raw.strip() for raw in header if raw.strip() in spec.columns}
    columns = list(names)
    types = {raw: category if name in _ID_COLUMNS else pa.float64() for raw, name in names.items()}
    try:
        table = pa_csv.read_csv(
            pa.BufferReader(body),
            # larger blocks than the 1 MB default: measured 35% faster on 21M rows, 2 cores
            read_options=pa_csv.ReadOptions(block_size=8 << 20),
            convert_options=pa_csv.ConvertOptions(
                include_columns=columns, column_types=types,
                null_values=[], strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowKeyError):
        return None
    if not _one_row_per_line(body, table.num_rows):
        return None
    frame = table.to_pandas().rename(columns=names)
    if not _all_reportable(frame["value"].to_numpy()):
        return None
    for column in _ID_COLUMNS:
        frame[column] = _tidy_categories(frame[column])
    frame["_line"] = np.arange(2, len(frame) + 2, dtype=np.int32)
    return frame


def _all_reportable(numbers: np.ndarray) -> bool:
    """Every number is finite, below ``MAX_MAGNITUDE`` and zero or at least ``MIN_MAGNITUDE``."""
    size = np.abs(numbers)
    with np.errstate(invalid="ignore"):
        return bool(((size < MAX_MAGNITUDE) & ((size >= MIN_MAGNITUDE) | (numbers == 0))).all())


def _tidy_categories(series: pd.Series) -> pd.Series:
    """Categories stripped and composed (NFC), as the text reader makes every cell."""
    categories = list(series.cat.categories)
    tidy = [unicodedata.normalize("NFC", c).strip() for c in categories]
    if tidy == categories:
        return series
    if len(set(tidy)) == len(tidy):
        return series.cat.rename_categories(tidy)
    return series.map(dict(zip(categories, tidy))).astype("category")
