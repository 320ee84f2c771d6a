"""Golden cases: a sample workbook -> the reviewed (sheet, cell, code) list and recomputed NKO.

tests/golden/<case>/expected.json holds the list, written by reviewing kinerja-xl's output
against the printed report (shared/data): "required" are the errors the data README lists,
"notes" say why some findings are (deliberately) absent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kinerja_xl import api
from kinerja_xl.config import Settings

ROOT = Path(__file__).resolve().parents[2]
CASES = sorted(p.parent.name for p in Path(__file__).parent.glob("*/expected.json"))


def _load(case: str) -> dict:
    return json.loads((Path(__file__).parent / case / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def results() -> dict[str, tuple[dict, api.FileResult]]:
    """Every case checked once (no files written)."""
    out = {}
    for case in CASES:
        exp = _load(case)
        run = api.check([ROOT / exp["input"]], Settings(annotate=False))
        assert len(run.files) == 1 and run.files[0].error is None, run.files[0].error
        out[case] = (exp, run.files[0])
    return out


def _tuples(fr: api.FileResult) -> set[tuple[str, str, str]]:
    return {(f.sheet, f.cell.coord if f.cell else None, f.code) for f in fr.findings}


def test_cases_exist():
    assert {"serang", "bersih"} <= set(CASES)


@pytest.mark.parametrize("case", CASES)
def test_findings_match_the_reviewed_list(results, case):
    exp, fr = results[case]
    got = _tuples(fr)
    want = {tuple(x) for x in exp["findings"]}
    assert sorted(got - want) == [], "unexpected findings"
    assert sorted(want - got) == [], "missing findings"


# only the cases that list required errors (the clean sample has none to find)
REQUIRED = [c for c in CASES if _load(c).get("required")]


@pytest.mark.parametrize("case", REQUIRED)
def test_required_errors_are_found(results, case):
    exp, fr = results[case]
    got = _tuples(fr)
    assert exp["required"]
    for item in exp["required"]:
        assert tuple(item["cell"]) in got, item["why"]


@pytest.mark.parametrize("case", CASES)
def test_recomputed_nko(results, case):
    exp, fr = results[case]
    for period, value in exp["nko"].items():
        assert fr.analysis.nko[period] == pytest.approx(value, abs=0.005), period
    assert fr.analysis.predikat["Y"] == exp["predikat_y"]


def test_clean_sample_has_no_error_or_warning(results):
    _, fr = results["bersih"]
    assert fr.counts["error"] == 0 and fr.counts["warning"] == 0
    assert fr.status == "ok"
