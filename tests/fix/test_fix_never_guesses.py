"""Issue 17: a safe fix never changes data, keeps the row's scale, and a second fix changes nothing.

Each workbook is written as an office sends it (openpyxl, a Q4 report with its Tabel 1).
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from workbooks import write_block, write_summary

from kinerja_xl import api, api_fix
from kinerja_xl.config import Settings
from kinerja_xl.writers.fixed import manual_reason

# write_block(row=3, labels=[code]): header row 6, Target 7, Realisasi 8, Capaian 9, Nilai 10; B..H = Q1..Y.


def fix_one(src: Path, **kw):
    (fr,) = api_fix.fix([src], Settings(), **kw).files
    assert fr.error is None, fr.error
    return fr


def check(path: Path):
    (fr,) = api.check([path], Settings(annotate=False)).files
    assert fr.error is None, fr.error
    return fr


def cells_of(path: Path, sheet: str) -> dict[str, object]:
    ws = openpyxl.load_workbook(path)[sheet]
    return {c.coordinate: c.value for row in ws.iter_rows() for c in row}


def q4_realisasi_blank(folder: Path) -> Path:
    """2b-CP Max/TLK: Q4 Realisasi blank, Y typed 100 (Q3 is 90); Tabel 1 repeats Y."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "IKU"
    ws["A1"] = "MONITORING CAPAIAN IKU KPKNL UJI TAHUN 2024"
    write_block(
        ws,
        row=3,
        labels=["Kode IKU : 2b-CP"],
        values={
            "target": [100] * 7,
            "realisasi": [80, 85, 85, 90, 90, None, 100],
            "capaian": [80, 85, 85, 90, 90, None, 100],
            "nilai": [80, 85, 85, 90, 90, None, 100],
        },
    )
    write_summary(wb.create_sheet("Tabel 1"), rows=[["2b-CP", "Indeks Uji", 100, 100, 100]])
    path = folder / "uji-2024-q4.xlsx"
    wb.save(path)
    return path


def target_y_wrong(folder: Path) -> Path:
    """1a-CP Max/TLK: Target Y typed 100 while Q4's is 80 (KX110); everything else consistent."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "IKU"
    write_block(
        ws,
        row=3,
        labels=["Kode IKU : 1a-CP"],
        values={
            "target": [50, 60, 60, 70, 70, 80, 100],
            "realisasi": [50, 60, 60, 70, 70, 80, 80],
            "capaian": [100] * 7,
            "nilai": [100] * 7,
        },
    )
    path = folder / "target-2024-q4.xlsx"
    wb.save(path)
    return path


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
    assert manual_reason(kx110, fr.fix_plan, "id") == "perbaikan tidak aman: jalankan dengan --unsafe-fixes"
    unsafe = fix_one(src, unsafe=True)
    (fx,) = unsafe.fix_plan.fixes
    assert (fx.cell.coord, fx.old, fx.new, fx.safe) == ("H7", 100, 80, False)
    assert cells_of(unsafe.output, "IKU")["H7"] == 80


def percent_text_in_fraction_row(folder: Path) -> Path:
    """1a-CP whose Realisasi row holds fractions formatted 0.00%, Q2 typed as the text '86,51%'."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "IKU"
    write_block(
        ws,
        row=3,
        labels=["Kode IKU : 1a-CP"],
        values={
            "target": [0.9] * 7,
            "realisasi": [0.8, "86,51%", 0.8651, 0.9, 0.9, 0.95, 0.95],
            "capaian": [0.8889, 0.9612, 0.9612, 1.0, 1.0, 1.0556, 1.0556],
            "nilai": [0.8889, 0.9612, 0.9612, 1.0, 1.0, 1.0556, 1.0556],
        },
        formats={"target": "0.00%", "realisasi": "0.00%", "capaian": "0.00%", "nilai": "0.00%"},
    )
    path = folder / "persen-2024-q4.xlsx"
    wb.save(path)
    return path


def test_a_number_typed_as_text_is_fixed_in_the_rows_scale_and_a_second_fix_changes_nothing(tmp_path):
    src = percent_text_in_fraction_row(tmp_path)
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


def points_in_a_fraction_row(folder: Path) -> Path:
    """Capaian row of fractions shown as percent; Capaian Q2 typed as 104.17 with format 0.00 (shows 104.17)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "IKU"
    write_block(
        ws,
        row=3,
        labels=["Kode IKU : 1a-CP"],
        values={
            "target": [0.96] * 7,
            "realisasi": [0.9, 1.0, 1.0, 0.98, 0.98, 0.97, 0.97],
            "capaian": [0.9375, 104.17, 1.0417, 1.0208, 1.0208, 1.0104, 1.0104],
            "nilai": [0.9375, 1.0417, 1.0417, 1.0208, 1.0208, 1.0104, 1.0104],
        },
        formats={"target": "0.00%", "realisasi": "0.00%", "capaian": "0.00%", "nilai": "0.00%"},
    )
    ws["C9"].number_format = "0.00"
    path = folder / "skala-2024-q4.xlsx"
    wb.save(path)
    return path


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


def fraction_in_a_points_row(folder: Path) -> Path:
    """Realisasi of plain points 7.36, 16.43, 44.05 (TLK), Y typed as the fraction 0.4405."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "IKU"
    write_block(
        ws,
        row=3,
        labels=["Kode IKU : 3a-CP"],
        values={
            "target": [10, 20, 20, 40, 40, 50, 50],
            "realisasi": [7.36, 16.43, 16.43, 44.05, 44.05, 44.05, 0.4405],
            "capaian": [73.6, 82.15, 82.15, 110.13, 110.13, 88.1, 88.1],
            "nilai": [73.6, 82.15, 82.15, 110.13, 110.13, 88.1, 88.1],
        },
    )
    path = folder / "poin-2024-q4.xlsx"
    wb.save(path)
    return path


def test_a_fraction_stored_in_a_row_of_points_is_kx012_not_its_consequences(tmp_path):
    src = fraction_in_a_points_row(tmp_path)
    checked = check(src)
    codes = {(f.cell.coord, f.code) for f in checked.findings if f.severity.rank >= 1}
    assert ("H8", "KX012") in codes
    assert not {c for c in codes if c[1] in ("KX110", "KX101", "KX102")}
    (kx012,) = [f for f in checked.findings if f.code == "KX012"]
    assert kx012.actual == pytest.approx(44.05)
    fr = fix_one(src)
    assert openpyxl.load_workbook(fr.output)["IKU"]["H8"].value == pytest.approx(44.05)
    again = check(fr.output)
    assert not [f for f in again.findings if f.code == "KX012" or f.fix is not None]
    assert fix_one(fr.output).fix_plan.fixes == []


def error_values(folder: Path) -> Path:
    """Capaian Q2 '=C8/C7*100' cached as #DIV/0! (Target Q2 typed 0 by mistake), Capaian Q3 '=#REF!/E7*100'."""
    import xlsxwriter

    path = folder / "galat-2024-q4.xlsx"
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("IKU")
    ws.write("B3", "Kode IKU : 1a-CP")
    ws.write("B4", "Nama Sasaran Strategis : SS Uji")
    ws.write("B5", "Nama IKU : Indeks Uji")
    ws.write_row("A6", ["T/R", "Q1", "Q2", "Sm.I", "Q3", "s.d. Q3", "Q4", "Y-24", "Pol/ K P"])
    ws.write_row("A7", ["Target", 10, 0, 20, 30, 30, 40, 40, "Max/TLK"])
    ws.write_row("A8", ["Realisasi", 10, 20, 20, 30, 30, 40, 40])
    ws.write_row("A9", ["Capaian", 100])
    ws.write_formula("C9", "=C8/C7*100", None, "#DIV/0!")
    ws.write_row("D9", [100])
    ws.write_formula("E9", "=#REF!/E7*100", None, "#REF!")
    ws.write_row("F9", [100, 100, 100])
    ws.write_row("A10", ["Nilai Kinerja", 100, 100, 100, 100, 100, 100, 100])
    book.close()
    return path


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
