"""What every report shares: section numbers in Roman numerals, however many sections."""

from __future__ import annotations

import csv
import io
import re
import shutil

import briefing
from conftest import SAMPLE

SECTORS = 25


def sample_with_sectors(folder, count: int):
    """The sample data with its indicators spread over ``count`` sectors, each named."""
    data = shutil.copytree(SAMPLE, folder)
    rows = list(csv.DictReader(io.StringIO((data / "indicators.csv").read_text(encoding="utf-8"))))
    for index, row in enumerate(rows):
        row["sector"] = f"s{index % count + 1:02d}"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (data / "indicators.csv").write_text(out.getvalue(), encoding="utf-8")
    (data / "sectors.csv").write_text("sector,name_vi,name_en\n" + "".join(
        f"s{n:02d},Lĩnh vực {n},Sector {n}\n" for n in range(1, count + 1)), encoding="utf-8")
    return data


def test_a_briefing_with_25_sectors_numbers_every_section(tmp_path):
    dataset = briefing.load_dataset(sample_with_sectors(tmp_path / "data", SECTORS))
    report = briefing.prepare_report(dataset, "2020S1", "baclieu")
    html = str(report.sector_sections())
    headings = re.findall(r"<h2>([IVXLC]+)\. ([^<]+)</h2>", html)
    assert len(headings) == SECTORS
    assert [name for _, name in headings] == [f"Lĩnh vực {n}" for n in range(1, SECTORS + 1)]
    # "I" is the key figures; the sectors follow as II to XXVI, then the notes.
    assert [number for number, _ in headings][:3] == ["II", "III", "IV"]
    assert [number for number, _ in headings][17:] == [
        "XIX", "XX", "XXI", "XXII", "XXIII", "XXIV", "XXV", "XXVI"]
    assert report.sections["quality"] in ("XXVII", "XXVIII")
    assert f"<h2>{report.sections['quality']}." in str(report.quality_notes())
