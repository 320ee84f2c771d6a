"""Workbooks for the fix tests: the Serang sample, and a block of formulas with cached values (xlsxwriter)."""

from __future__ import annotations

import shutil
from pathlib import Path

import xlsxwriter

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
SERANG = SAMPLES / "kpknl-serang-2024-q4.xlsx"
VBA = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 4  # opaque bytes standing in for a VBA project


def serang(folder: Path, name: str = "kpknl-serang-2024-q4.xlsx") -> Path:
    """A copy of the Serang sample in ``folder``."""
    return Path(shutil.copy(SERANG, folder / name))


def formula_block(path: Path, vba: bool = False) -> Path:
    """One Max/TLK block whose Capaian and Nilai rows are formulas with cached results, as Excel saves them.

    C8 ``=C7/B6*100`` refers to the wrong Target (cached 220): a formula the reader understands.
    E8 ``=VLOOKUP(...)`` (cached 999): a formula it does not. G8: a literal 150 typed over the row.
    C9 ``=MIN(C8,120)`` is right but its cached 120 follows the wrong C8; K2 sums C8:C9 (cached 340).
    """
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("IKU")
    ws.write("A1", "MONITORING IKU KPKNL UJI TAHUN 2024")
    ws.write("A3", "KPKNL UJI")
    ws.write("B3", "Nama Sasaran Strategis : SS Uji")
    ws.write("B4", "Nama IKU : Indeks Uji (1a-CP)")
    for i, label in enumerate(["T/R", "Q1", "Q2", "Sm.I", "Q3", "s.d. Q3", "Q4", "Y-24", "Pol/KP"]):
        ws.write(4, i, label)
    two = wb.add_format({"num_format": "0.00", "bold": True})
    target = [10, 20, 20, 30, 30, 40, 40]
    real = [11, 22, 22, 33, 33, 44, 44]
    ws.write("A6", "Target")
    ws.write("A7", "Realisasi")
    ws.write("A8", "Capaian")
    ws.write("A9", "Nilai Kinerja")
    ws.write("I6", "Max/TLK")
    cols = "BCDEFGH"
    for j, col in enumerate(cols):
        ws.write_number(f"{col}6", target[j])
        ws.write_number(f"{col}7", real[j])
        if col == "C":
            ws.write_formula("C8", "=C7/B6*100", two, 220)
        elif col == "E":
            ws.write_formula("E8", "=VLOOKUP(1,A1:B2,2,FALSE)", two, 999)
        elif col == "G":
            ws.write_number("G8", 150, two)
        else:
            ws.write_formula(f"{col}8", f"={col}7/{col}6*100", two, 110)
        cached = {"C": 120, "E": 120, "G": 120}.get(col, 110)
        ws.write_formula(f"{col}9", f"=MIN({col}8,120)", two, cached)
    ws.write_formula("K2", "=SUM(C8:C9)", None, 340)
    if vba:
        vba_path = path.parent / "vbaProject.bin"
        vba_path.write_bytes(VBA)
        wb.add_vba_project(str(vba_path))
    wb.close()
    return path
