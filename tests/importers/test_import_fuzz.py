"""No source makes ``briefing import`` fail with anything but a named error (exit 2)."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.errors import BriefingError
from briefing.importers.importer import import_sources

HEADERS = ["dx", "pe", "ou", "value", "co", "Data", "Period", "Organisation unit", "Value", "dataelement",
           "period", "orgunit", "catoptcombo", "attroptcombo", "deleted", "TIME_PERIOD", "OBS_VALUE",
           "REF_AREA", "SEX", "UNIT_MULT", "DATAFLOW", "STRUCTURE", "ACTION", "Chỉ tiêu", "ĐVT", "Đơn vị",
           "Tháng 1", "Tháng 6", "Quý I", "6 tháng đầu năm", "Kế hoạch năm", "Thực hiện", "Lũy kế",
           "2020-01", "202006", "T1/2020", "Năm 2020", "% so KH", "STT", "x", ""]
CELLS = st.one_of(
    st.sampled_from(["", "NA", "-", "x", "12", "18.050", "56,4", "1e309", "-3", "0", "true", "2020-06",
                     "2020W1", "202013", "2020Q5", "2020-M01", "_T", "F", "Hồng Dân", "Toàn tỉnh", "I.",
                     "Trong đó:", "=HYPERLINK(\"x\")", "nan", "inf", "1.234,5", "3", "D", "I"]),
    st.text(max_size=8),
)


def _csv_text(header: list[str], rows: list[list[str]], delimiter: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def _attempt(name: str, content: str | bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / name
        if isinstance(content, bytes):
            source.write_bytes(content)
        else:
            source.write_text(content, encoding="utf-8")
        try:
            import_sources([source], Path(folder) / "out")
        except BriefingError:
            assert not (Path(folder) / "out").exists()
        assert not [p for p in Path(folder).iterdir() if ".importing-" in p.name]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(header=st.lists(st.sampled_from(HEADERS), min_size=1, max_size=7),
       rows=st.lists(st.lists(CELLS, min_size=0, max_size=8), max_size=8),
       delimiter=st.sampled_from([",", ";", "\t"]))
def test_any_table_imports_or_is_refused_with_a_named_error(header, rows, delimiter):
    _attempt("source.csv", _csv_text(header, rows, delimiter))


JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-5, 5), st.sampled_from(["dx", "pe", "ou", "value", "202001",
                                                                             "abc", "1.5", ""])),
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.sampled_from(["headers", "rows", "metaData", "items", "name",
                                                             "dataValues", "period", "orgUnit", "dataElement",
                                                             "value", "ouHierarchy", "column"]), inner,
                                            max_size=4)),
    max_leaves=20)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=JSON_VALUES)
def test_any_json_imports_or_is_refused_with_a_named_error(document):
    _attempt("export.json", json.dumps(document))


@settings(max_examples=30, deadline=None)
@given(data=st.binary(max_size=300))
def test_any_bytes_import_or_are_refused_with_a_named_error(data):
    _attempt("anything.csv", data)
