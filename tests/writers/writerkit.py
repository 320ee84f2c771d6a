"""Builders for writer tests: a small IKU workbook on disk and a FileResult pointing into it.

Imported as ``writerkit`` (a unique name: tests/fidelity has a conftest too, and two modules named
``conftest`` cannot both be imported by name in one pytest run)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from openpyxl.comments import Comment

from kinerja_xl import profiles
from kinerja_xl.analysis import analyse
from kinerja_xl.api import FileResult
from kinerja_xl.findings import Finding
from kinerja_xl.model import PERIODS, CellRef, Iku, Value, Workbook

P300 = profiles.load("kmk-300-2022")
COLS = "CDEFGHI"  # Q1, Q2, Sm.I, Q3, s.d. Q3, Q4, Y
HOSTILE_CODE = '=HYPERLINK("http://evil.example","klik")'


def write_input(path: Path) -> None:
    """One IKU block on sheet 'IKU' (rows 4-7), a second sheet with a name that needs quoting."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "IKU"
    ws["B2"] = "KPKNL SERANG"
    ws["B3"] = "T/R"
    for i, p in enumerate(PERIODS):
        ws[f"{COLS[i]}3"] = p
    for r, label in enumerate(("Target", "Realisasi", "Capaian", "Nilai Kinerja"), 4):
        ws[f"B{r}"] = label
    for i in range(7):
        ws[f"{COLS[i]}4"] = 100
        ws[f"{COLS[i]}5"] = 90 + i
        ws[f"{COLS[i]}6"] = f"={COLS[i]}5/{COLS[i]}4*100"
        ws[f"{COLS[i]}7"] = 99
    ws["H7"].comment = Comment("catatan pimpinan", "Kepala")
    ws["H7"].fill = openpyxl.styles.PatternFill("solid", fgColor="00FF00")
    ws["H7"].number_format = "0.000"
    other = wb.create_sheet("Data O'Brien")
    other["A1"] = "x"
    wb.save(path)


def make_iku() -> Iku:
    """The model of the block write_input writes."""
    iku = Iku(
        code=HOSTILE_CODE,
        name="+1 Persentase",
        sheet="IKU",
        header_cell=CellRef("IKU", "B3"),
        ss="1",
        perspective="Stakeholder",
    )
    for row_i, row in enumerate(("target", "realisasi", "capaian", "nilai")):
        values = {}
        for i, p in enumerate(PERIODS):
            number = [100.0, 90.0 + i, 90.0 + i, 99.0][row_i]
            values[p] = Value(CellRef("IKU", f"{COLS[i]}{4 + row_i}"), number, "number")
        iku.rows[row] = values
    return iku


def make_result(path: Path) -> FileResult:
    """A FileResult with findings on single cells, a range, a commented cell and no cell."""
    iku = make_iku()
    model = Workbook(
        path=str(path), ikus=[iku], year=2024, unit="KPKNL SERANG", period="Q4", sheets=["IKU", "Data O'Brien"]
    )
    an = analyse(model, P300)
    findings = [
        Finding(
            "KX102",
            CellRef("IKU", "H7"),
            iku="5a-CP",
            period="Q4",
            actual=99.0,
            expected=95.0,
            params={"reason": "capaian"},
        ),
        Finding("KX011", CellRef("IKU", "H7"), iku="5a-CP", period="Q4", actual=99.0, params={"text": "99"}),
        Finding("KX020", CellRef("IKU", "C4:E4"), iku="5a-CP", params={"text": "=1+1"}),
        Finding("KX011", CellRef("IKU", "C5"), iku="5a-CP", period="Q1", actual=90.0, params={"text": "90"}),
        Finding("KX011", CellRef("Data O'Brien", "B9"), iku=HOSTILE_CODE, actual=1.0, params={"text": "1"}),
        Finding("KX207"),
    ]
    return FileResult(path=path, workbook=model, analysis=an, profile=P300, findings=findings)
