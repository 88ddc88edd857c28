"""The wide examples through the real commands: ``briefing import``, then ``briefing run``; figures by hand."""

from __future__ import annotations

import json

import pytest
from wide_sources import EXAMPLES

from conftest import run_briefing

pytestmark = pytest.mark.slow


def import_and_render(tmp_path, source: str, period: str, unit: str) -> dict:
    data = tmp_path / "data"
    imported = run_briefing("import", EXAMPLES / source, "--mapping",
                            EXAMPLES / source.replace(".xlsx", ".mapping.yaml").replace(".csv", ".mapping.yaml"),
                            "--out", data)
    assert imported.returncode == 0, imported.stderr
    rendered = run_briefing("run", "--data", data, "--period", period, "--unit", unit, "--to", "html",
                            "--out", tmp_path / "out")
    assert rendered.returncode == 0, rendered.stderr
    metrics = json.loads((tmp_path / "out" / period / unit / "metrics.vi.json").read_text(encoding="utf-8"))
    return {(row["indicator_id"], row["org_unit"]): row for row in metrics["indicators"]}


def test_the_report_form_renders_the_departments_first_half(tmp_path):
    rows = import_and_render(tmp_path, "baclieu-form.xlsx", "2020S1", "bac_lieu")
    jobs = rows[("jobs", "bac_lieu")]
    # the province sheet, row 11: Lũy kế 6 tháng 11.461 of a Kế hoạch năm of 18.000
    assert (jobs["value"], jobs["target"]) == (11461, 18000)
    assert jobs["attainment_pct"] == pytest.approx(100 * 11461 / 18000)            # 63,67 % as published
    assert rows[("vocational_training", "bac_lieu")]["attainment_pct"] == pytest.approx(100 * 18050 / 32000)
    assert rows[("workers_abroad", "bac_lieu")]["attainment_pct"] == pytest.approx(100 * 79 / 300)
    assert rows[("children_helped", "bac_lieu")]["attainment_pct"] == pytest.approx(69.0)
    # a stock's first half is its June level; the poverty rate is the province's own
    assert rows[("social_insurance", "bac_lieu")]["value"] == 37652
    assert rows[("poverty_rate", "bac_lieu")]["value"] == pytest.approx(4.12)
    assert rows[("poverty_rate", "bac_lieu")]["target"] == pytest.approx(3.5)
    # the province equals the sum of its districts: no children_mismatch, components add up
    assert all("children_mismatch" not in row["flags"] and "components_mismatch" not in row["flags"]
               for row in rows.values())


def test_the_wide_csv_renders_a_districts_quarter(tmp_path):
    rows = import_and_render(tmp_path, "baclieu-months.csv", "2020Q2", "hong_dan")
    jobs = rows[("jobs", "hong_dan")]
    assert jobs["value"] == 580 + 622 + 600                   # April, May, June
    assert jobs["ytd_value"] == 520 + 430 + 560 + 580 + 622 + 600
    assert rows[("income", "hong_dan")]["value"] == pytest.approx((4.7 + 4.8 + 4.8) / 3)   # April 4,7; May, June 4,8
