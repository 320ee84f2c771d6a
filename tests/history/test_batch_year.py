"""The year sheets of ringkasan-batch.xlsx: one per unit and year, NKO and every IKU's Nilai per quarter."""

from __future__ import annotations

import zipfile

import openpyxl
import pytest

from history.variants import submission
from kinerja_xl import api
from kinerja_xl.config import Settings
from kinerja_xl.writers.batch_year import sheet_name
from kinerja_xl.writers.summary_sheet import STATUS_FILL


@pytest.fixture
def year_folder(tmp_path):
    """Serang Q1..Q4 (Q2 revised: Realisasi Q2 of 1a-CP 28.34% -> 20%), Bogor Q1 and Q2, Serang 2023 Q4 alone."""
    return _year_folder(tmp_path)


@pytest.fixture(scope="module")
def year_run(tmp_path_factory) -> api.RunResult:
    """The year folder checked once in the default language: tests that only read its batch share it."""
    return api.check([_year_folder(tmp_path_factory.mktemp("year"))], Settings())


def _year_folder(tmp_path):
    for n in range(1, 5):
        submission(tmp_path / f"serang-2024-tw{n}.xlsx", period=f"Q{n}", mtime_s=n * 1_000)
    submission(tmp_path / "serang-2024-tw2-revisi.xlsx", period="Q2", cells={"IKU!C7": 0.20}, mtime_s=2_500)
    submission(tmp_path / "bogor-2024-tw1.xlsx", period="Q1", unit="KPKNL BOGOR", mtime_s=1_000)
    submission(tmp_path / "bogor-2024-tw2.xlsx", period="Q2", unit="KPKNL BOGOR", mtime_s=2_000)
    submission(tmp_path / "serang-2023-tw4.xlsx", period="Q4", year=2023, mtime_s=500)
    return tmp_path


def _fill(cell) -> str:
    return (cell.fill.fgColor.rgb or "")[-6:].upper()


def test_one_sheet_per_unit_and_year(year_folder):
    run = api.check([year_folder], Settings(lang="en"))
    book = openpyxl.load_workbook(run.batch)
    assert book.sheetnames == [
        "Ringkasan Batch",
        "Temuan Batch",
        "NKO per Periode",
        "KPKNL BOGOR 2024",
        "KPKNL SERANG 2024",
    ]  # 2023: one file
    ws = book["KPKNL SERANG 2024"]
    assert ws["A1"].value == "Quarter by quarter: KPKNL SERANG 2024"
    assert [c.value for c in ws[4]][:6] == ["Code", "IKU", "Q1", "Q2", "Q3", "Q4"]
    # Q2 comes from the revision, the latest submission reporting Q2
    assert [c.value for c in ws[5]][2:6] == [
        "serang-2024-tw1.xlsx",
        "serang-2024-tw2-revisi.xlsx",
        "serang-2024-tw3.xlsx",
        "serang-2024-tw4.xlsx",
    ]
    files = {fr.path.name: fr for fr in run.files}
    nko = [ws.cell(6, c).value for c in range(3, 7)]
    expected = [files[f"serang-2024-tw{n}.xlsx"].analysis.nko[f"Q{n}"] for n in (1, 3, 4)]
    assert ws["B6"].value == "NKO"
    assert nko[0] == pytest.approx(expected[0]) and nko[2:] == pytest.approx(expected[1:])
    assert nko[1] == pytest.approx(files["serang-2024-tw2-revisi.xlsx"].analysis.nko["Q2"])
    assert nko[1] != pytest.approx(files["serang-2024-tw2.xlsx"].analysis.nko["Q2"])
    # 1a-CP: Nilai Q2 of the revision is 20/30 = 66.67, merah; Q1 120 hijau
    assert (ws["A7"].value, ws["C7"].value, ws["D7"].value) == ("1a-CP", 120.0, pytest.approx(66.67, abs=0.01))
    assert _fill(ws["C7"]) == STATUS_FILL["hijau"] and _fill(ws["D7"]) == STATUS_FILL["merah"]
    assert ws.max_row >= 6 + 19
    # the submissions compared, oldest first, with their KX3xx counts
    names = [ws.cell(r, 2).value for r in range(1, ws.max_row + 1)]
    start = names.index("serang-2024-tw1.xlsx")
    assert names[start : start + 5] == [
        "serang-2024-tw1.xlsx",
        "serang-2024-tw2.xlsx",
        "serang-2024-tw2-revisi.xlsx",
        "serang-2024-tw3.xlsx",
        "serang-2024-tw4.xlsx",
    ]
    counts = [ws.cell(start + 1 + i, 7).value for i in range(5)]
    assert counts == [0, 0, 1, 1, 0]  # the revision changed Realisasi Q2; tw3 changes it back
    bogor = book["KPKNL BOGOR 2024"]
    assert [bogor.cell(5, c).value for c in range(3, 7)] == ["bogor-2024-tw1.xlsx", "bogor-2024-tw2.xlsx", "-", "-"]
    assert bogor["E6"].value is None and _fill(bogor["E6"]) == STATUS_FILL["abu-abu"]  # no Q3 yet: a gap
    assert bogor["E7"].value == "N/A"


def test_line_chart_of_nko_per_quarter(year_run):
    with zipfile.ZipFile(year_run.batch) as z:
        charts = sorted(n for n in z.namelist() if n.startswith("xl/charts/chart"))
        xml = z.read(charts[2]).decode()  # the second year sheet's (chart1: NKO per unit on Ringkasan Batch)
    assert len(charts) == 3
    assert "<c:lineChart>" in xml
    assert "'KPKNL SERANG 2024'!$C$6:$F$6" in xml and "'KPKNL SERANG 2024'!$C$4:$F$4" in xml
    assert "NKO per triwulan" in xml


def test_unit_only_in_history_gets_no_sheet(tmp_path):
    arsip, inbox = tmp_path / "arsip", tmp_path / "masuk"
    submission(arsip / "bogor-2024-tw1.xlsx", period="Q1", unit="KPKNL BOGOR", mtime_s=1_000)
    submission(arsip / "serang-2024-tw1.xlsx", period="Q1", mtime_s=1_000)
    submission(inbox / "serang-2024-tw2.xlsx", period="Q2", mtime_s=2_000)
    submission(inbox / "serang-2024-tw3.xlsx", period="Q3", mtime_s=3_000)
    run = api.check([inbox], Settings(history=arsip))
    book = openpyxl.load_workbook(run.batch)
    assert book.sheetnames == ["Ringkasan Batch", "Temuan Batch", "NKO per Periode", "KPKNL SERANG 2024"]
    ws = book["KPKNL SERANG 2024"]
    assert ws["C5"].value == "serang-2024-tw1.xlsx"  # Q1 from the archive
    archived = [ws.cell(r, 5).value for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value == "serang-2024-tw1.xlsx"]
    assert archived == ["ya"]
    # numbers in the language's convention (1.234,57 in Indonesian), not 101.45
    assert ws["C6"].number_format == "[$-421]#,##0.00"
    heads = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert not any("--history" in h or "KX3" in h for h in heads)  # words for a head of office
    assert sorted(p.name for p in arsip.iterdir()) == ["bogor-2024-tw1.xlsx", "serang-2024-tw1.xlsx"]


def test_sheet_names_are_legal_and_unique():
    taken = {"ringkasan batch"}
    assert sheet_name("KPKNL SERANG", 2024, taken) == "KPKNL SERANG 2024"
    assert sheet_name("kpknl serang", 2024, taken) == "kpknl serang 2024 (2)"
    long = sheet_name("KANTOR WILAYAH DJKN BANTEN: KPKNL [SERANG]/TANGERANG", 2024, taken)
    assert len(long) <= 31 and not set(long) & set("[]:*?/\\") and long.endswith(" 2024")


def test_year_sheets_print_like_every_sheet_of_the_batch(year_run):
    for ws in openpyxl.load_workbook(year_run.batch).worksheets:
        assert ws.page_setup.orientation == "landscape" and str(ws.page_setup.paperSize) == "9", ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage and int(ws.page_setup.fitToHeight) == 0, ws.title
