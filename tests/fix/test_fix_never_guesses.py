"""Issue 17: a safe fix never changes data, keeps the row's scale, and a second fix changes nothing.

Each workbook is written as an office sends it (openpyxl, a Q4 report with its Tabel 1).
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from kinerja_xl import api
from kinerja_xl.config import Settings
from kinerja_xl.model import CellRef
from kinerja_xl.writers.fixed import manual_reason

from .fix_workbooks import (
    error_values,
    fraction_in_a_points_row,
    percent_cell_in_a_points_row,
    percent_text_in_fraction_row,
    points_in_a_fraction_row,
    q4_realisasi_blank,
    sum_gap,
    target_typed_a_hundred_times_small,
    target_y_wrong,
    text_alone_in_a_percent_cell,
)

# The workbooks (fix_workbooks.py): write_block(row=3, labels=[code]) puts the header on row 6, Target 7,
# Realisasi 8, Capaian 9, Nilai 10; B..H = Q1..Y.


def fix_one(src: Path, **kw):
    (fr,) = api.fix([src], Settings(), **kw).files
    assert fr.error is None, fr.error
    return fr


def check(path: Path):
    (fr,) = api.check([path], Settings(annotate=False)).files
    assert fr.error is None, fr.error
    return fr


def cells_of(path: Path, sheet: str) -> dict[str, object]:
    ws = openpyxl.load_workbook(path)[sheet]
    return {c.coordinate: c.value for row in ws.iter_rows() for c in row}


def test_a_missing_q4_realisasi_is_never_filled_in_by_a_safe_fix(tmp_path):
    src = q4_realisasi_blank(tmp_path)
    before_block, before_summary = cells_of(src, "IKU"), cells_of(src, "Tabel 1")
    fr = fix_one(src)
    changed = {(f.cell.sheet, f.cell.coord) for f in fr.fix_plan.fixes}
    assert ("IKU", "H8") not in changed and ("Tabel 1", "D2") not in changed
    assert not [f for f in fr.fix_plan.fixes if f.cell.coord[0] == "H" and f.cell.sheet == "IKU"]
    after_block, after_summary = cells_of(fr.output, "IKU"), cells_of(fr.output, "Tabel 1")
    assert after_block["H8"] == before_block["H8"] == 100
    assert after_summary["D2"] == before_summary["D2"] == 100
    assert after_summary["E3"] == before_summary["E3"] == 95  # KX203: the NKO would take in Q3's 90, not fixed
    kx203 = next(f for f in fr.fix_plan.remaining if f.code == "KX203")
    assert manual_reason(kx203, fr.fix_plan, "id") == "isi Realisasi Q4 dahulu"
    assert not [f for f in fr.fix_plan.fixes if f.cell.sheet == "Tabel 1"]
    # the KX110 at Realisasi Y is left for a person: fill in Q4 first
    kx110 = next(f for f in fr.fix_plan.remaining if f.code == "KX110" and f.cell.coord == "H8")
    assert manual_reason(kx110, fr.fix_plan, "id") == "isi Realisasi Q4 dahulu"
    assert manual_reason(kx110, fr.fix_plan, "en") == "fill in Realisasi Q4 first"
    # check shows no fix for it either, safe or unsafe
    checked = check(src)
    assert next(f for f in checked.findings if f.code == "KX110" and f.cell.coord == "H8").fix is None
    # not even with --unsafe-fixes
    unsafe = fix_one(src, unsafe=True)
    assert ("IKU", "H8") not in {(f.cell.sheet, f.cell.coord) for f in unsafe.fix_plan.fixes}


def test_a_target_changes_only_as_an_unsafe_fix(tmp_path):
    src = target_y_wrong(tmp_path)
    checked = check(src)
    kx110 = next(f for f in checked.findings if f.code == "KX110")
    assert kx110.cell.coord == "H7" and kx110.fix is not None and kx110.fix.safe is False
    fr = fix_one(src)
    assert fr.fix_plan.fixes == []
    assert cells_of(fr.output, "IKU")["H7"] == 100
    assert manual_reason(kx110, fr.fix_plan, "id") == "perlu keputusan Anda: jalankan dengan --unsafe-fixes bila setuju"
    unsafe = fix_one(src, unsafe=True)
    (fx,) = unsafe.fix_plan.fixes
    assert (fx.cell.coord, fx.old, fx.new, fx.safe) == ("H7", 100, 80, False)
    assert cells_of(unsafe.output, "IKU")["H7"] == 80


@pytest.mark.parametrize("cell_format", ["General", "0.00%"])
def test_a_number_typed_as_text_is_fixed_in_the_rows_scale_and_a_second_fix_changes_nothing(tmp_path, cell_format):
    src = percent_text_in_fraction_row(tmp_path)
    book = openpyxl.load_workbook(src)
    book["IKU"]["C8"].number_format = cell_format  # the text typed into a General cell, or into a % cell
    book.save(src)
    fr = fix_one(src)
    (fx,) = [f for f in fr.fix_plan.fixes if f.cell.coord == "C8"]
    assert (fx.code, fx.old, fx.new) == ("KX011", "86,51%", pytest.approx(86.51))
    ws = openpyxl.load_workbook(fr.output)["IKU"]
    assert ws["C8"].value == pytest.approx(0.8651) and ws["C8"].data_type == "n"
    assert "%" in ws["C8"].number_format  # shows 86,51%, as its row
    again = check(fr.output)
    assert not [f for f in again.findings if f.code in ("KX011", "KX012")]
    assert not [f for f in again.findings if f.fix is not None]
    second = fix_one(fr.output, **{})
    assert second.fix_plan.fixes == []


def test_points_stored_in_a_row_of_fractions_are_kx012_and_fixed_in_the_rows_scale(tmp_path):
    src = points_in_a_fraction_row(tmp_path)
    checked = check(src)
    (kx012,) = [f for f in checked.findings if f.code == "KX012"]
    assert kx012.cell.coord == "C9" and kx012.actual == pytest.approx(104.17)
    assert not [f for f in checked.findings if f.code == "KX101"]  # scored as 104,17: right
    fr = fix_one(src)
    ws = openpyxl.load_workbook(fr.output)["IKU"]
    assert ws["C9"].value == pytest.approx(1.0417) and "%" in ws["C9"].number_format
    again = check(fr.output)
    assert not [f for f in again.findings if f.code == "KX012" or f.fix is not None]
    assert fix_one(fr.output).fix_plan.fixes == []


def test_a_fraction_stored_in_a_row_of_points_is_kx012_not_its_consequences(tmp_path):
    src = fraction_in_a_points_row(tmp_path)
    checked = check(src)
    codes = {(f.cell.coord, f.code) for f in checked.findings if f.severity.rank >= 1}
    assert ("H8", "KX012") in codes
    assert not {c for c in codes if c[1] in ("KX110", "KX101", "KX102")}
    (kx012,) = [f for f in checked.findings if f.code == "KX012"]
    assert kx012.actual == pytest.approx(44.05)
    # a Realisasi is data: its stored number is rewritten only as an unsafe fix
    assert kx012.fix is not None and kx012.fix.safe is False and kx012.fix.new == pytest.approx(44.05)
    fr = fix_one(src)
    assert openpyxl.load_workbook(fr.output)["IKU"]["H8"].value == pytest.approx(0.4405)
    assert manual_reason(kx012, fr.fix_plan, "en") == "needs your decision: run with --unsafe-fixes if you agree"
    fr = fix_one(src, unsafe=True)
    assert openpyxl.load_workbook(fr.output)["IKU"]["H8"].value == pytest.approx(44.05)
    again = check(fr.output)
    assert not [f for f in again.findings if f.code == "KX012" or f.fix is not None]
    assert fix_one(fr.output, unsafe=True).fix_plan.fixes == []


def test_a_formula_error_is_kx010_naming_the_error_and_the_formulas_inputs(tmp_path):
    checked = check(error_values(tmp_path))
    kx010 = {f.cell.coord: f for f in checked.findings if f.code == "KX010"}
    assert set(kx010) == {"C9", "E9"}
    assert kx010["C9"].message("id") == (
        "Sel berisi teks '#DIV/0!' yang bukan angka; dianggap N/A. "
        "Rumusnya =C8/C7*100 membaca C8, C7: periksa sel-sel itu."
    )
    assert kx010["C9"].message("en") == (
        "Cell holds the text '#DIV/0!', not a number; treated as N/A. "
        "Its formula =C8/C7*100 reads C8, C7: check those cells."
    )
    assert (
        kx010["E9"]
        .message("en")
        .endswith("Its formula =#REF!/E7*100 reads E7 and a deleted reference (#REF!): check those cells.")
    )


def test_a_sum_column_with_a_gap_is_na_not_scored_not_checked_not_fixed(tmp_path):
    src = sum_gap(tmp_path)
    checked = check(src)
    found = {(f.cell.coord, f.code) for f in checked.findings if f.cell is not None and f.cell.sheet == "IKU"}
    assert ("E8", "KX120") in found  # the gap, at the blank cell
    assert not {c for c in found if c[0][0] in "FH"}  # s.d. Q3 and Y: N/A, not checked
    y = next(s for s in checked.analysis.ikus if s.iku.code == "4a-CP").periods["Y"]
    assert (y.realisasi, y.capaian, y.nilai, y.status) == (None, None, None, "abu-abu")
    assert checked.analysis.nko["Y"] is None  # its only IKU is N/A: no NKO from 30.78 / 30
    fr = fix_one(src)
    assert not [fx for fx in fr.fix_plan.fixes if fx.cell.coord[0] in "FH" or fx.cell.sheet == "Tabel 1"]


def test_a_capaian_of_1000_percent_or_more_is_left_for_a_person_with_what_follows_from_it(tmp_path):
    """Target Q4 typed '0,9%' for 90 %: the Capaian recomputed from it (10.555 %) would read back as
    105,56 % typed into a % cell (KX012), and no office has such a Capaian. The fix leaves it, its
    Nilai (120, the cap), Tabel 1's copy of that Nilai and the NKO (Y is Q4 for TLK) for a person, and
    says why; the Target's text becomes the number it says (KX011); a check of the fixed copy offers
    no safe fix."""
    src = target_typed_a_hundred_times_small(tmp_path)
    checked = check(src)
    kx101 = next(f for f in checked.findings if f.code == "KX101" and f.cell.coord == "G10")
    assert kx101.expected == pytest.approx(95 / 0.9 * 100, rel=1e-3)
    fr = fix_one(src)
    fixed = {(f.cell.sheet, f.cell.coord): f for f in fr.fix_plan.fixes}
    assert fixed[("IKU", "G8")].code == "KX011"  # the Target's text, as the number it says
    why = "capaian hasil hitung ulang 1.000% atau lebih, tidak wajar: periksa Target dan Realisasi dahulu"
    for sheet, coord, code in [
        ("IKU", "G10", "KX101"),
        ("IKU", "G11", "KX102"),
        ("Tabel 1", "E2", "KX201"),
        ("Tabel 1", "E3", "KX203"),
    ]:
        assert (sheet, coord) not in fixed
        left = next(f for f in fr.fix_plan.remaining if f.cell == CellRef(sheet, coord))
        assert (left.code, manual_reason(left, fr.fix_plan, "id")) == (code, why)
    assert manual_reason(left, fr.fix_plan, "en").startswith("the recomputed capaian is 1,000% or more")
    after = cells_of(fr.output, "IKU")
    assert (after["G10"], after["G11"]) == (1.0556, 1.0556)  # as the office wrote them
    assert cells_of(fr.output, "Tabel 1")["E3"] == 105.56
    again = check(fr.output)
    assert not [f for f in again.findings if f.fix is not None and f.fix.safe]


def test_text_alone_in_a_percent_cell_is_stored_as_the_fraction_it_was_read_as(tmp_path):
    """A row with one value (a Q1 report) has no other cell to take a scale from: the cell keeps its
    own. Text '0,07' in a 0.00% cell shows 0,07 and is read as 0,07, so it is stored as 0.0007
    (shows 0,07%). Stored as 0.07 it showed 7,00% and a check of the fixed copy read 7 and offered
    the Capaian and Nilai fixes again."""
    src = text_alone_in_a_percent_cell(tmp_path)
    fr = fix_one(src)
    fixed = {f.cell.coord: f for f in fr.fix_plan.fixes}
    assert (fixed["B8"].code, fixed["B8"].new) == ("KX011", pytest.approx(0.07))
    ws = openpyxl.load_workbook(fr.output)["IKU"]
    assert ws["B8"].value == pytest.approx(0.0007) and "%" in ws["B8"].number_format
    assert ws["B9"].value == pytest.approx(0.035)  # Capaian 3,50 % = 0,07 / 2 x 100
    again = check(fr.output)
    assert not [f for f in again.findings if f.fix is not None and f.fix.safe]
    assert fix_one(fr.output).fix_plan.fixes == []


def test_a_percent_cell_in_a_row_of_points_gets_points_and_shows_them_as_its_row(tmp_path):
    """Capaian Q2 formatted 0.00% in a row of points: its corrected 97,78 is stored as points, as the
    row stores them, and its % format gives way to 0.00. Kept, the cell showed 9.777,78 %."""
    src = percent_cell_in_a_points_row(tmp_path)
    fr = fix_one(src)
    (fx,) = [f for f in fr.fix_plan.fixes if f.cell.coord == "C9"]
    assert (fx.code, fx.new) == ("KX101", pytest.approx(97.78, abs=0.01))
    ws = openpyxl.load_workbook(fr.output)["IKU"]
    assert ws["C9"].value == pytest.approx(97.78, abs=0.01) and ws["C9"].number_format == "0.00"
    again = check(fr.output)
    assert not [f for f in again.findings if f.cell is not None and f.cell.coord == "C9"]
    assert fix_one(fr.output).fix_plan.fixes == []
