"""KX012 in both directions, at the cell, written as offices write them (openpyxl, xlsxwriter,
a LibreOffice re-save): a %-formatted Capaian row of fractions with one number typed as points,
and a row of percent points with one number typed as a fraction. The odd cell is read as meant."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from workbooks import libreoffice_input, libreoffice_resaved

from kinerja_xl.api import check_file
from kinerja_xl.config import Settings
from kinerja_xl.reader import read_workbook

HEADER = ["T/R", "Q1", "Q2", "Sm.I", "Q3", "s.d. Q3", "Q4", "Y", "Pol/KP"]
PERIODS = ["Q1", "Q2", "Sm.I", "Q3", "s.d. Q3", "Q4", "Y"]


def write(path: Path, writer: str, capaian: list[float | str], fmt: list[str | None]) -> Path:
    """One block (header row 3, Capaian row 6); fmt: the number format of each Capaian cell."""
    rows = [
        ["Nama IKU : 1a-CP Persentase uji"],
        [],
        HEADER,
        ["Target", *[96] * 7, "Max/TLK"],
        ["Realisasi", *[100] * 7],
        ["Capaian", *capaian],
        ["Nilai Kinerja", *[104.17] * 7],
    ]
    if writer == "openpyxl":
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "IKU"
        for r, row in enumerate(rows, 1):
            for c, v in enumerate(row, 1):
                ws.cell(r, c, v)
        for c, f in enumerate(fmt, 2):
            if f:
                ws.cell(6, c).number_format = f
        wb.save(path)
    else:
        book = xlsxwriter.Workbook(str(path))
        ws = book.add_worksheet("IKU")
        formats = {f: book.add_format({"num_format": f}) for f in set(fmt) if f}
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                f = formats.get(fmt[c - 1]) if r == 5 and 1 <= c <= len(fmt) and fmt[c - 1] else None
                ws.write(r, c, v, f) if f else ws.write(r, c, v)
        book.close()
    return path


def kx012(model) -> list[tuple[str, str | None]]:
    return [(f.cell.coord, f.period) for f in model.findings if f.code == "KX012"]


CASES = {
    # fractions shown as 104.17%, one cell (Q3, E6) typed as the points 104.17 in the same % format
    "points-typed-into-percent-row": ([1.0417, 1.0417, 1.0417, 104.17, 1.0417, 1.0417, 1.0417], ["0.00%"] * 7),
    # the same row, the odd cell left in General format: it reads as 104.17 and shows like its row, but
    # a formula reading the row gets a number 100 times too big: KX012 too (issue 17 item 5)
    "points-in-general-cell-of-percent-row": (
        [1.0417, 1.0417, 1.0417, 104.17, 1.0417, 1.0417, 1.0417],
        ["0.00%", "0.00%", "0.00%", None, "0.00%", "0.00%", "0.00%"],
    ),
    # percent points (General) and %-formatted fractions, one plain fraction typed in Q3
    "fraction-typed-into-points-row": (
        [104.17, 1.0417, 104.17, 1.0417, 104.17, 104.17, 104.17],
        [None, "0.00%", None, None, None, None, None],
    ),
}
EXPECTED = {
    "points-typed-into-percent-row": [("E6", "Q3")],
    "points-in-general-cell-of-percent-row": [("E6", "Q3")],
    "fraction-typed-into-points-row": [("E6", "Q3")],
}


@pytest.mark.parametrize("writer", ["openpyxl", "xlsxwriter"])
@pytest.mark.parametrize("case", list(CASES))
def test_mixed_percent_scale_found_at_the_cell_both_directions(tmp_path, writer, case):
    values, fmt = CASES[case]
    model = read_workbook(write(tmp_path / f"{case}.xlsx", writer, values, fmt))
    assert kx012(model) == EXPECTED[case]
    capaian = model.ikus[0].rows["capaian"]
    # every cell read as the office meant it: 104.17 percent points
    assert [round(capaian[p].number, 2) for p in PERIODS] == [104.17] * 7


def test_kx012_message_says_what_the_cell_shows_and_how_it_is_read(tmp_path):
    values, fmt = CASES["points-typed-into-percent-row"]
    model = read_workbook(write(tmp_path / "a.xlsx", "openpyxl", values, fmt))
    f = next(f for f in model.findings if f.code == "KX012")
    assert f.message("en") == (
        "Row Capaian mixes percent scales: this cell shows 10,417.00% while the row's other cells show "
        "104.17%; read as 104.17."
    )
    assert "tampil 10.417,00%" in f.message("id") and "dibaca sebagai 104,17" in f.message("id")


def test_kx012_no_capaian_finding_follows_from_the_misread(tmp_path):
    """Read as meant, the cell agrees with R/T: no KX101 on top of the KX012."""
    values, fmt = CASES["points-typed-into-percent-row"]
    path = write(tmp_path / "b.xlsx", "openpyxl", values, fmt)
    result = check_file(path, Settings(annotate=False))
    cells = {(f.code, f.cell.coord if f.cell else None) for f in result.findings}
    assert ("KX012", "E6") in cells
    assert not any(code == "KX101" for code, _ in cells)


@libreoffice_input("percent-scale:points-typed-into-percent-row")
def _points_typed_into_percent_row(folder: Path) -> Path:
    values, fmt = CASES["points-typed-into-percent-row"]
    return write(folder / "c.xlsx", "openpyxl", values, fmt)


def test_kx012_survives_a_libreoffice_resave(tmp_path):
    model = read_workbook(libreoffice_resaved("percent-scale:points-typed-into-percent-row", tmp_path))
    assert kx012(model) == [("E6", "Q3")]
