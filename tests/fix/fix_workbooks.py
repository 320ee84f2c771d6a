"""Workbooks for the fix tests: the Serang sample, a block of formulas with cached values (xlsxwriter), and
the single-fault workbooks of issue 17 (each as an office sends it; also in the fidelity corpus)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import openpyxl
import xlsxwriter
from workbooks import write_block, write_summary

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
SERANG = SAMPLES / "kpknl-serang-2024-q4.xlsx"
VBA = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 4  # opaque bytes standing in for a VBA project


PERCENT_ROWS = {"target": "0.00%", "realisasi": "0.00%", "capaian": "0.00%", "nilai": "0.00%"}


def _block_book(
    path: Path,
    labels: list[str],
    values: dict[str, list[Any]],
    *,
    formats: dict[str, str] | None = None,
    polkp: str = "Max/TLK",
    cell_formats: dict[str, str] | None = None,
    title: str | None = None,
    summary: list[list[Any]] | None = None,
) -> Path:
    """One IKU block on sheet IKU (write_block at row 3: the header on row 6 after one label line),
    a number format per cell where asked, a title in A1 and a Tabel 1 (write_summary), saved to path."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "IKU"
    if title:
        ws["A1"] = title
    write_block(ws, row=3, labels=labels, polkp=polkp, values=values, formats=formats)
    for coord, fmt in (cell_formats or {}).items():
        ws[coord].number_format = fmt
    if summary is not None:
        write_summary(wb.create_sheet("Tabel 1"), rows=summary)
    wb.save(path)
    return path


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


def q4_realisasi_blank(folder: Path) -> Path:
    """2b-CP Max/TLK: Q4 Realisasi blank, Y typed 100 (Q3 is 90); Tabel 1 repeats Y, NKO typed 95."""
    return _block_book(
        folder / "uji-2024-q4.xlsx",
        ["Kode IKU : 2b-CP"],
        {
            "target": [100] * 7,
            "realisasi": [80, 85, 85, 90, 90, None, 100],
            "capaian": [80, 85, 85, 90, 90, None, 100],
            "nilai": [80, 85, 85, 90, 90, None, 100],
        },
        title="MONITORING CAPAIAN IKU KPKNL UJI TAHUN 2024",
        summary=[["2b-CP", "Indeks Uji", 100, 100, 100], ["Nilai Kinerja Organisasi (NKO)", None, None, None, 95]],
    )


def target_y_wrong(folder: Path) -> Path:
    """1a-CP Max/TLK: Target Y typed 100 while Q4's is 80 (KX110); everything else consistent."""
    return _block_book(
        folder / "target-2024-q4.xlsx",
        ["Kode IKU : 1a-CP"],
        {
            "target": [50, 60, 60, 70, 70, 80, 100],
            "realisasi": [50, 60, 60, 70, 70, 80, 80],
            "capaian": [100] * 7,
            "nilai": [100] * 7,
        },
    )


def percent_text_in_fraction_row(folder: Path) -> Path:
    """1a-CP whose Realisasi row holds fractions formatted 0.00%, Q2 typed as the text '86,51%'."""
    return _block_book(
        folder / "persen-2024-q4.xlsx",
        ["Kode IKU : 1a-CP"],
        {
            "target": [0.9] * 7,
            "realisasi": [0.8, "86,51%", 0.8651, 0.9, 0.9, 0.95, 0.95],
            "capaian": [0.8889, 0.9612, 0.9612, 1.0, 1.0, 1.0556, 1.0556],
            "nilai": [0.8889, 0.9612, 0.9612, 1.0, 1.0, 1.0556, 1.0556],
        },
        formats=PERCENT_ROWS,
    )


def target_typed_a_hundred_times_small(folder: Path) -> Path:
    """1a-CP Max/TLK of fractions shown as percent; Target Q4 typed as the text '0,9%' (90 % was
    meant): its Capaian, recomputed from it, is 10.555 %, a number no safe fix may write. Tabel 1
    repeats Y (Y is Q4 for TLK) and the NKO. Rows: Target 8, Realisasi 9, Capaian 10, Nilai 11."""
    return _block_book(
        folder / "target-kecil-2024-q4.xlsx",
        ["Kode IKU : 1a-CP", "Pol/KP : Max/TLK"],
        {
            "target": [0.9, 0.9, 0.9, 0.9, 0.9, "0,9%", 0.9],
            "realisasi": [0.95] * 7,
            "capaian": [1.0556] * 7,
            "nilai": [1.0556] * 7,
        },
        formats=PERCENT_ROWS,
        summary=[
            ["1a-CP", "Indeks Uji", 0.9, 0.95, 1.0556],
            ["Nilai Kinerja Organisasi (NKO)", None, None, None, 105.56],
        ],
    )


def text_alone_in_a_percent_cell(folder: Path) -> Path:
    """A Q1 report: each row holds Q1 only. Realisasi Q1 is the text '0,07' in a 0.00% cell (it
    shows 0,07 and is read as 0,07); Target 2 % and Capaian 368 % as fractions."""
    blank = [None] * 6
    return _block_book(
        folder / "triwulan-1-2024-q1.xlsx",
        ["Kode IKU : 3a-CP"],
        {"target": [0.02, *blank], "realisasi": ["0,07", *blank], "capaian": [3.68, *blank], "nilai": [1.2, *blank]},
        formats=PERCENT_ROWS,
        cell_formats={"B8": "0.00%"},  # write_block formats numbers only
    )


def percent_cell_in_a_points_row(folder: Path) -> Path:
    """1a-CP of points (General); Capaian Q2 alone formatted 0.00% holding 1.04 (shows 104,00%, read
    104) where T 90 and R 88 give 97,78."""
    return _block_book(
        folder / "sel-persen-2024-q4.xlsx",
        ["Kode IKU : 1a-CP"],
        {
            "target": [90] * 7,
            "realisasi": [95, 88, 88, 90, 90, 99, 99],
            "capaian": [105.56, 1.04, 97.78, 100, 100, 110, 110],
            "nilai": [105.56, 97.78, 97.78, 100, 100, 110, 110],
        },
        cell_formats={"C9": "0.00%"},
    )


def points_in_a_fraction_row(folder: Path) -> Path:
    """Capaian row of fractions shown as percent; Capaian Q2 typed as 104.17 with format 0.00 (shows 104.17)."""
    return _block_book(
        folder / "skala-2024-q4.xlsx",
        ["Kode IKU : 1a-CP"],
        {
            "target": [0.96] * 7,
            "realisasi": [0.9, 1.0, 1.0, 0.98, 0.98, 0.97, 0.97],
            "capaian": [0.9375, 104.17, 1.0417, 1.0208, 1.0208, 1.0104, 1.0104],
            "nilai": [0.9375, 1.0417, 1.0417, 1.0208, 1.0208, 1.0104, 1.0104],
        },
        formats=PERCENT_ROWS,
        cell_formats={"C9": "0.00"},
    )


def fraction_in_a_points_row(folder: Path) -> Path:
    """Realisasi of plain points 7.36, 16.43, 44.05 (TLK), Y typed as the fraction 0.4405."""
    return _block_book(
        folder / "poin-2024-q4.xlsx",
        ["Kode IKU : 3a-CP"],
        {
            "target": [10, 20, 20, 40, 40, 50, 50],
            "realisasi": [7.36, 16.43, 16.43, 44.05, 44.05, 44.05, 0.4405],
            "capaian": [73.6, 82.15, 82.15, 110.13, 110.13, 88.1, 88.1],
            "nilai": [73.6, 82.15, 82.15, 110.13, 110.13, 88.1, 88.1],
        },
    )


def error_values(folder: Path) -> Path:
    """Capaian Q2 '=C8/C7*100' cached as #DIV/0! (Target Q2 typed 0 by mistake), Capaian Q3 '=#REF!/E7*100'."""
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


def sum_gap(folder: Path) -> Path:
    """4a-CP Max/Sum, T 10 each quarter, R 11.72 / 9.71 / blank / 9.35 (issue 17 item 3): s.d. Q3 and Y
    typed as the old paired sums (T 30, R 30.78, capaian 102.6), Tabel 1 repeats Y."""
    return _block_book(
        folder / "jumlah-2024-q4.xlsx",
        ["Kode IKU : 4a-CP"],
        {
            "target": [10, 10, 20, 10, 20, 10, 30],
            "realisasi": [11.72, 9.71, 21.43, None, 21.43, 9.35, 30.78],
            "capaian": [117.2, 97.1, 107.15, None, 107.15, 93.5, 102.6],
            "nilai": [117.2, 97.1, 107.15, None, 107.15, 93.5, 102.6],
        },
        polkp="Max/Sum",
        summary=[["4a-CP", "Indeks Uji", 30, 30.78, 102.6]],
    )
