"""The check outputs rendered from model objects built in code: JSON, terminal report, batch workbook."""

from __future__ import annotations

import io
import json
from pathlib import Path

import openpyxl
import pytest
from rich.console import Console

from kinerja_xl.analysis import analyse
from kinerja_xl.api import FileResult, RunResult
from kinerja_xl.config import Settings
from kinerja_xl.findings import Finding
from kinerja_xl.model import PERIODS, CellRef, Iku, Summary, SummaryIku, SummaryPerspective, SummarySs, Value, Workbook
from kinerja_xl.profiles import load
from kinerja_xl.writers import batch, json_out, terminal

PROFILE = load("kmk-300-2022")
COLS = dict(zip(PERIODS, "BCDEFGH", strict=False))


def _iku(code: str, at: int, target: list[float], realisasi: list[float], ss: str, perspective: str) -> Iku:
    """An IKU block at row ``at`` of sheet IKU with 7 target and realisasi values."""
    iku = Iku(
        code=code,
        name=f"Persentase {code}",
        sheet="IKU",
        header_cell=CellRef("IKU", f"A{at}"),
        ss=ss,
        perspective=perspective,
        polkp_raw="Max/TLK",
    )
    for off, (row, vals) in enumerate((("target", target), ("realisasi", realisasi)), 1):
        iku.rows[row] = {
            p: Value(CellRef("IKU", f"{COLS[p]}{at + off}"), float(v), "number", v)
            for p, v in zip(PERIODS, vals, strict=False)
        }
    return iku


def _workbook(name: str, unit: str = "KPKNL CONTOH") -> Workbook:
    summary = Summary(
        sheet="Tabel1",
        header_cell=CellRef("Tabel1", "A1"),
        perspectives=[
            SummaryPerspective("Stakeholder", "Stakeholder Perspective (50%)", CellRef("Tabel1", "A2"), 50.0),
            SummaryPerspective("Internal Process", "Internal Process Perspective (50%)", CellRef("Tabel1", "A5"), 50.0),
        ],
        ss=[
            SummarySs("1", "SS satu", CellRef("Tabel1", "A3"), "Stakeholder"),
            SummarySs("2", "SS dua", CellRef("Tabel1", "A6"), "Internal Process"),
        ],
        ikus=[
            SummaryIku("1a-CP", "Persentase 1a-CP", CellRef("Tabel1", "A4"), "1", "Stakeholder"),
            SummaryIku("2a-N", "Persentase 2a-N", CellRef("Tabel1", "A7"), "2", "Internal Process"),
        ],
    )
    ikus = [
        _iku("1a-CP", 3, [100] * 7, [90, 100, 100, 110, 110, 100, 100], "1", "Stakeholder"),
        _iku("2a-N", 10, [80] * 7, [80, 40, 40, 80, 80, 88, 88], "2", "Internal Process"),
    ]
    return Workbook(path=name, ikus=ikus, summary=summary, year=2024, unit=unit, period="Q4", sheets=["IKU", "Tabel1"])


def _file(name: str, findings: list[Finding], unit: str = "KPKNL CONTOH") -> FileResult:
    wb = _workbook(name, unit)
    for f in findings:
        f.file = name
    return FileResult(
        path=Path("in") / name,
        workbook=wb,
        analysis=analyse(wb, PROFILE),
        profile=PROFILE,
        findings=findings,
        output=Path("in") / name.replace(".xlsx", ".checked.xlsx"),
    )


def _unreadable(name: str) -> FileResult:
    return FileResult(
        path=Path("in") / name,
        error="not a zip file",
        findings=[Finding("KX001", params={"reason": "not a zip file"}, file=name)],
    )


@pytest.fixture(scope="module")
def run() -> RunResult:
    bad = _file(
        "q4.xlsx",
        [Finding("KX101", CellRef("IKU", "G5"), "1a-CP", "Q4", actual=132.634, expected=97.8), Finding("KX207")],
    )
    clean = _file("bersih.xlsx", [], unit='=HYPERLINK("http://x","klik")')
    return RunResult(files=[bad, clean, _unreadable("rusak.xlsx")], settings=Settings())


def test_json_has_the_schema_keys_and_rounded_numbers(run):
    doc = json.loads(json_out.dumps(run))
    assert doc["tool"] == "kinerja-xl" and doc["profile"] == "kmk-300-2022" and doc["version"]
    first, clean, broken = doc["files"]
    assert {"path", "output", "status", "nko", "predikat", "ikus", "findings"} <= set(first)
    assert first["path"] == str(Path("in/q4.xlsx")) and first["output"] == str(Path("in/q4.checked.xlsx"))
    assert first["status"] == "errors" and clean["status"] == "ok" and broken["status"] == "unreadable"
    assert (first["unit"], first["year"], first["period"]) == ("KPKNL CONTOH", 2024, "Q4")
    # NKO Y: (100 + 110) / 2 = 105 (Np of equal-weighted perspectives)
    assert first["nko"]["Y"] == 105.0 and list(first["nko"]) == list(PERIODS)
    # Q2: 1a 100, 2a 50 -> NKO 75 -> predikat below Baik
    assert first["nko"]["Q2"] == 75.0
    assert first["predikat"]["Y"] == "Istimewa"
    iku = first["ikus"][0]
    assert {"code", "name", "ss", "perspective", "polarisasi", "konsolidasi", "periods"} <= set(iku)
    assert (iku["code"], iku["ss"], iku["perspective"]) == ("1a-CP", "1", "Stakeholder")
    q1 = iku["periods"]["Q1"]
    assert set(q1) == {"target", "realisasi", "capaian_reported", "capaian", "nilai_reported", "nilai", "status"}
    assert (q1["target"], q1["realisasi"], q1["capaian"], q1["nilai"], q1["status"]) == (
        100.0,
        90.0,
        90.0,
        90.0,
        "kuning",
    )
    f = first["findings"][0]
    assert (f["code"], f["severity"], f["sheet"], f["cell"], f["iku"], f["period"]) == (
        "KX101",
        "error",
        "IKU",
        "G5",
        "1a-CP",
        "Q4",
    )
    assert "132,63" in f["message"]
    assert broken["error"] == "not a zip file" and broken["ikus"] == [] and broken["nko"] == {}
    assert broken["findings"][0]["code"] == "KX001"


def test_json_in_english(run):
    doc = json.loads(json_out.dumps(run, "en"))
    assert "132.63" in doc["files"][0]["findings"][0]["message"]
    assert doc["files"][2]["findings"][0]["message"] == "File cannot be read: not a zip file."


def _render(run, lang: str) -> str:
    buf = io.StringIO()
    terminal.render(run, Console(file=buf, width=200, color_system=None), lang)
    return buf.getvalue()


def test_terminal_report_indonesian(run):
    text = _render(run, "id")
    assert f"q4.xlsx: 1 galat, 0 peringatan, 1 info -> {Path('in/q4.checked.xlsx')}" in text
    assert "bersih.xlsx: 0 galat, 0 peringatan, 0 info" in text
    assert "IKU!G5" in text and "Capaian" in text
    assert "105,00" in text and "Istimewa" in text
    assert "kmk-300-2022" in text and "tahun laporan" in text
    # the unreadable file is not reported on stdout with tables, only in the batch verdict list
    assert "rusak.xlsx: tidak terbaca (not a zip file)" in text
    assert terminal.unreadable_lines(run) == [f"kinerja-xl: {Path('in/rusak.xlsx')}: not a zip file"]


def test_terminal_report_english_states_assumptions():
    fr = _file("q4.xlsx", [])
    fr.analysis.assumptions = ["equal-weights", "polkp-assumed:1a-CP", "polkp-assumed:2a-N"]
    text = _render(RunResult(files=[fr], settings=Settings(lang="en")), "en")
    assert "q4.xlsx: 0 errors, 0 warnings, 0 info" in text
    assert "No findings." in text
    assert "105.00" in text
    assert "Assumptions" in text and "1a-CP, 2a-N" in text and "Max/TLK" in text


def test_batch_workbook_rows(run, tmp_path):
    dst = batch.write_batch(run, tmp_path / "ringkasan-batch.xlsx", "id")
    assert dst.exists() and [p.name for p in tmp_path.iterdir()] == ["ringkasan-batch.xlsx"]
    ws = openpyxl.load_workbook(dst).active
    header = [c.value for c in ws[1]]
    assert header[:5] == ["No", "Berkas", "Unit", "Tahun", "Periode"]
    assert header[5:12] == [f"NKO {p}" for p in PERIODS]
    rows = {r[1]: dict(zip(header, r, strict=False)) for r in ws.iter_rows(min_row=2, values_only=True)}
    assert list(rows) == ["q4.xlsx", "bersih.xlsx", "rusak.xlsx"]
    q4 = rows["q4.xlsx"]
    assert (q4["Unit"], q4["Tahun"], q4["Periode"], q4["NKO Y"], q4["NKO Q2"]) == ("KPKNL CONTOH", 2024, "Q4", 105, 75)
    assert q4["Predikat (periode laporan)"] == "Istimewa" and q4["Predikat Y"] == "Istimewa"
    assert (q4["Galat"], q4["Peringatan"], q4["Info"], q4["Status"]) == (1, 0, 1, "ada galat")
    assert q4["Berkas hasil"] == str(Path("in/q4.checked.xlsx"))
    broken = rows["rusak.xlsx"]
    assert broken["Status"] == "tidak terbaca" and broken["Keterangan"] == "not a zip file"
    assert broken["NKO Y"] is None and broken["Galat"] == 1


def test_batch_never_writes_input_text_as_a_formula(run, tmp_path):
    dst = batch.write_batch(run, tmp_path / "b.xlsx")
    ws = openpyxl.load_workbook(dst).active
    cell = ws["C3"]  # bersih.xlsx's unit
    assert cell.value == '=HYPERLINK("http://x","klik")' and cell.data_type == "s"


def test_batch_headers_in_english(run, tmp_path):
    ws = openpyxl.load_workbook(batch.write_batch(run, tmp_path / "b.xlsx", "en")).active
    header = [c.value for c in ws[1]]
    assert header[:5] == ["No", "File", "Unit", "Year", "Period"]
    assert ws.cell(2, header.index("Status") + 1).value == "errors"
