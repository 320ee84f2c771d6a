"""Submissions built from samples/contoh-bersih-2024-q4.xlsx with openpyxl: a report of an earlier quarter,
another unit or year, edited cells, a dropped IKU block, and a chosen file time.

In the sample's IKU sheet the first block (1a-CP) has Target in row 6, Realisasi in row 7, Capaian
in row 8, Nilai in row 9; columns B..H are Q1, Q2, Sm.I, Q3, s.d. Q3, Q4, Y, and I is Pol/KP.
Percent cells hold fractions (0.2834 shown as 28.34%, read as 28.34).
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import Any

import openpyxl
from built import built_once
from openpyxl.cell.cell import MergedCell

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "contoh-bersih-2024-q4.xlsx"
COLUMNS = dict(zip(("Q1", "Q2", "Sm.I", "Q3", "s.d. Q3", "Q4", "Y"), "BCDEFGH", strict=True))
# The last quarter each column needs: a report of an earlier quarter leaves it blank.
LAST = {"Q1": 1, "Q2": 2, "Sm.I": 2, "Q3": 3, "s.d. Q3": 3, "Q4": 4, "Y": 4}
VALUE_ROWS = ("Realisasi", "Capaian", "Nilai Kinerja")


def submission(
    dst: Path,
    *,
    period: str = "Q4",
    unit: str | None = None,
    year: int | None = None,
    cells: dict[str, Any] | None = None,
    drop_iku: str | None = None,
    mtime_s: int | None = None,
) -> Path:
    """Write a variant of the sample to ``dst`` (name it with its quarter, e.g. serang-2024-q3.xlsx).

    period: Realisasi, Capaian and Nilai of the periods after it are blanked (Targets stay: they
    are the PK's). unit / year: replace 'KPKNL SERANG' / the title's year everywhere.
    cells: 'IKU!C7' -> value. drop_iku: the code whose block and summary row are emptied.
    """
    _variant(dst, period=period, unit=unit, year=year, cells=cells, drop_iku=drop_iku)
    if mtime_s is not None:
        os.utime(dst, ns=(mtime_s * 10**9, mtime_s * 10**9))
    return dst


_SAMPLE_LOADED: list[bytes] = []


def _sample() -> openpyxl.Workbook:
    """A fresh, editable workbook of the sample: loaded with openpyxl once per session and kept
    pickled (unpickling is some ten times cheaper than loading the file again; saved, it gives the
    same parts as a workbook loaded from the file, merged ranges in openpyxl's own set order)."""
    if not _SAMPLE_LOADED:
        _SAMPLE_LOADED.append(pickle.dumps(openpyxl.load_workbook(SAMPLE)))
    return pickle.loads(_SAMPLE_LOADED[0])


@built_once  # the same variant is asked for by many tests: built once, then copied
def _variant(
    dst: Path, *, period: str, unit: str | None, year: int | None, cells: dict[str, Any] | None, drop_iku: str | None
) -> Path:
    wb = _sample()
    _blank_after(wb["IKU"], int(period[1]))
    for sheet in wb.worksheets:
        _rename(sheet, unit, year)
    if drop_iku:
        _drop(wb, drop_iku)
    for ref, value in (cells or {}).items():
        sheet, coord = ref.split("!")
        wb[sheet][coord].value = value
    dst.parent.mkdir(parents=True, exist_ok=True)
    wb.save(dst)
    return dst


def _blank_after(ws, n: int) -> None:
    """Blank Realisasi, Capaian and Nilai of the periods a report of quarter ``n`` cannot have."""
    for row in ws.iter_rows():
        label = row[0].value
        if isinstance(label, str) and label.strip() in VALUE_ROWS:
            for p, col in COLUMNS.items():
                if LAST[p] > n:
                    ws[f"{col}{row[0].row}"].value = None


def _rename(sheet, unit: str | None, year: int | None) -> None:
    """Replace the unit name and the title's year in every text cell."""
    for row in sheet.iter_rows():
        for c in row:
            if isinstance(c.value, str):
                text = c.value
                if unit:
                    text = text.replace("KPKNL SERANG", unit)
                if year:
                    text = text.replace("TAHUN 2024", f"TAHUN {year}")
                c.value = text


def _drop(wb, code: str) -> None:
    """Empty the block of IKU ``code`` (found by its summary row's name) and its summary row."""
    names = []
    for row in wb["Tabel 1"].iter_rows():
        if row[0].value == code:
            names.append(row[1].value)
            for c in row:
                if not isinstance(c, MergedCell):
                    c.value = None
    ws = wb["IKU"]
    for row in ws.iter_rows():
        v = row[1].value
        if isinstance(v, str) and v.startswith("Nama IKU") and v.split(":", 1)[1].strip() in names:
            first = row[0].row - 1
            for r in range(first, first + 7):
                for c in ws[r]:
                    if not isinstance(c, MergedCell):
                        c.value = None
