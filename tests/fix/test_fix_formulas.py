"""Formula cells and .xlsm: a wrong formula gets the canonical one, an opaque one is left for a person,
formulas that read a fixed cell are recalculated, macros survive."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from kinerja_xl import api
from kinerja_xl.config import Settings

from .fix_workbooks import VBA, formula_block


def fix_one(src: Path, **kw):
    run = api.fix([src], Settings(), **kw)
    (fr,) = run.files
    assert fr.error is None, fr.error
    return fr, run


def sheet_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read("xl/worksheets/sheet1.xml").decode()


@pytest.fixture(params=["xlsx", "xlsm"])
def pair(request, tmp_path):
    src = formula_block(tmp_path / f"q4-2024.{request.param}", vba=request.param == "xlsm")
    fr, run = fix_one(src)
    return src, fr, run


def test_output_keeps_the_suffix_and_macros(pair):
    src, fr, _ = pair
    assert fr.output.name == f"q4-2024.fixed{src.suffix}"
    if src.suffix == ".xlsm":
        with zipfile.ZipFile(fr.output) as z:
            assert z.read("xl/vbaProject.bin") == VBA
        assert openpyxl.load_workbook(fr.output, keep_vba=True).vba_archive is not None


def test_wrong_formula_gets_the_canonical_one(pair):
    _, fr, _ = pair
    changes = {(f.cell.coord, f.old_formula, f.formula) for f in fr.fix_plan.fixes}
    assert ("C8", "=C7/B6*100", "=C7/C6*100") in changes
    assert ("G8", None, None) in changes  # a literal typed over the formula row stays a literal
    xml = sheet_xml(fr.output)
    assert re.search(r'<c r="C8" s="\d+"><f>C7/C6\*100</f><v>110.0</v></c>', xml)


def test_opaque_formula_and_its_readers_are_left_for_a_person(pair):
    _, fr, _ = pair
    left = {(f.cell.coord, f.code) for f in fr.fix_plan.remaining if f.severity.rank >= 1}
    assert left == {("E8", "KX101"), ("E9", "KX104")}
    reasons = {u.finding.cell.coord: u.reason for u in fr.fix_plan.unfixed}
    assert reasons == {"E8": "fix-formula-opaque", "E9": "fix-upstream"}
    assert "VLOOKUP" in sheet_xml(fr.output)


def test_formulas_reading_a_fixed_cell_are_recalculated(pair):
    _, fr, _ = pair
    xml = sheet_xml(fr.output)
    # C9 =MIN(C8,120) and K2 =SUM(C8:C9) read fixed cells: their cached values are gone
    assert '<c r="C9" s="1"><f>MIN(C8,120)</f></c>' in xml
    assert re.search(r'<c r="K2"[^>]*><f>SUM\(C8:C9\)</f></c>', xml)
    assert "<f>MIN(B8,120)</f><v>110</v>" in xml  # an unrelated formula keeps its cached value
    with zipfile.ZipFile(fr.output) as z:
        assert 'fullCalcOnLoad="1"' in z.read("xl/workbook.xml").decode()
    # kinerja-xl reads the copy as Excel will compute it: C9 and G9 are right now
    again = api.check([fr.output], Settings(annotate=False)).files[0]
    assert {(f.cell.coord, f.code) for f in again.findings if f.severity.rank >= 1} == {
        ("E8", "KX101"),
        ("E9", "KX104"),
    }
    nilai = {p: ps.nilai_reported for p, ps in again.analysis.ikus[0].periods.items()}
    assert nilai["Q2"] == pytest.approx(110.0) and nilai["Q4"] == pytest.approx(110.0)


def test_exit_code_is_1_while_something_needs_a_person(pair):
    _, _, run = pair
    assert api.fix_exit_code(run) == 1
