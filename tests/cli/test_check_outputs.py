"""The check outputs rendered from model objects built in code: JSON, terminal report, batch workbook."""

from __future__ import annotations

import dataclasses
import io
import json
import re
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
from kinerja_xl.writers import batch, batch_chart, json_out, terminal
from kinerja_xl.writers.summary_sheet import FLAG_COLOR, STATUS_FILL

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
    assert f"q4.xlsx: 1 kesalahan, 0 peringatan, 1 info -> {Path('in/q4.checked.xlsx')}" in text
    assert "bersih.xlsx: 0 kesalahan, 0 peringatan, 0 info" in text
    # grouped under the IKU: the cell on the block's own sheet, what, written -> expected
    assert "1a-CP  Persentase 1a-CP" in text and "G5  ! kesalahan  Capaian Q4  132,63 -> 97,80" in text
    assert "105,00" in text and "Istimewa" in text
    assert "kmk-300-2022" in text and "tahun laporan" in text
    # the unreadable file is not reported with tables, only in the closing table per file (its reason on stderr)
    assert re.search(r"\nrusak\.xlsx +tidak terbaca\n", text)
    assert terminal.unreadable_lines(run) == [f"kinerja-xl: {Path('in/rusak.xlsx')}: not a zip file"]


def test_terminal_report_english_states_assumptions():
    fr = _file("q4.xlsx", [])
    fr.analysis.assumptions = ["equal-weights", "polkp-assumed:1a-CP", "polkp-assumed:2a-N"]
    text = _render(RunResult(files=[fr], settings=Settings(lang="en")), "en")
    assert "q4.xlsx: 0 errors, 0 warnings, 0 info" in text
    assert "No findings." in text
    assert "105.00" in text
    assert "Assumptions" in text and "1a-CP, 2a-N" in text and "Max/TLK" in text


def _concise(run, lang: str = "id") -> list[str]:
    lines: list[str] = []
    terminal.render_concise(run, lines.append, lang)
    return lines


def test_concise_lines_name_path_sheet_cell_code_severity_iku_period(run):
    lines = _concise(run)
    q4 = str(Path("in/q4.xlsx"))
    assert lines[0] == f"{q4}:IKU!G5: KX101 kesalahan 1a-CP Q4 Capaian Q4 tertulis 132,63 tetapi ? = 97,80 (?)."
    # a finding on no cell: the path alone, no empty IKU/period fields
    assert lines[1].startswith(f"{q4}: KX207 info ") and "  " not in lines[1]
    # then the NKO lines (the summary table writes no NKO here: recomputed only) and the verdict
    assert lines[2] == f"{q4}: NKO Q4: hitung ulang 105,00 (Istimewa) (tidak tertulis di workbook)"
    assert lines[3] == f"{q4}: NKO Y: hitung ulang 105,00 (Istimewa) (tidak tertulis di workbook)"
    assert lines[4] == f"{q4}: 1 kesalahan, 0 peringatan, 1 info -> {Path('in/q4.checked.xlsx')}"
    rusak = str(Path("in/rusak.xlsx"))
    assert f"{rusak}: KX001 kesalahan Berkas tidak dapat dibaca: not a zip file." in lines
    # an unreadable file: its KX001 line only (no verdict repeating it; stderr says it once more)
    assert lines[-1] == f"{rusak}: KX001 kesalahan Berkas tidak dapat dibaca: not a zip file."
    assert not [x for x in lines if x.startswith(f"{rusak}: tidak terbaca")]


def test_concise_nko_line_shows_the_written_nko_in_english():
    fr = _file("q4.xlsx", [])
    fr.workbook.summary.nko = Value(CellRef("Tabel1", "E9"), 115.67, "number", 115.67)
    lines = _concise(RunResult(files=[fr], settings=Settings(lang="en")), "en")
    q4 = str(Path("in/q4.xlsx"))
    assert f"{q4}: NKO Y: written 115.67 (Istimewa), recomputed 105.00 (Istimewa)" in lines
    assert lines[-1] == f"{q4}: 0 errors, 0 warnings, 0 info -> {Path('in/q4.checked.xlsx')}"


def _batch(run, tmp_path, lang: str = "id", **kw):
    """The batch summary written beside the annotated copies (as a run writes it)."""
    files = [dataclasses.replace(fr, output=tmp_path / fr.output.name if fr.output else None) for fr in run.files]
    dst = batch.write_batch(dataclasses.replace(run, files=files), tmp_path / "ringkasan-batch.xlsx", lang, **kw)
    return dst, openpyxl.load_workbook(dst)


def _fill(cell) -> str | None:
    return str(cell.fill.fgColor.rgb)[-6:] if cell.fill is not None and cell.fill.fill_type == "solid" else None


def test_batch_workbook_rows(run, tmp_path):
    dst, wb = _batch(run, tmp_path)
    assert dst.exists() and [p.name for p in tmp_path.iterdir()] == ["ringkasan-batch.xlsx"]
    assert wb.sheetnames == ["Ringkasan Batch", "Temuan Batch", "NKO per Periode"]
    ws = wb["NKO per Periode"]  # every period's NKO, beside the head of office's one-page table
    header = [c.value for c in ws[1]]
    assert header[:6] == ["No", "Berkas", "Unit", "Tahun", "Periode", "NKO periode laporan"]
    assert header[6:13] == [f"NKO {p}" for p in PERIODS]
    rows = {r[1]: dict(zip(header, r, strict=True)) for r in ws.iter_rows(min_row=2, values_only=True)}
    assert list(rows) == ["q4.xlsx", "bersih.xlsx", "rusak.xlsx"]
    q4 = rows["q4.xlsx"]
    assert (q4["Unit"], q4["Tahun"], q4["Periode"], q4["NKO Y"], q4["NKO Q2"]) == ("KPKNL CONTOH", 2024, "Q4", 105, 75)
    assert q4["NKO periode laporan"] == 105 and q4["NKO Y tertulis"] is None  # the summary table writes none
    assert q4["Predikat (periode laporan)"] == "Istimewa" and q4["Predikat Y"] == "Istimewa"
    assert (q4["Kesalahan"], q4["Peringatan"], q4["Info"], q4["Status"]) == (1, 0, 1, "ada kesalahan")
    assert q4["Berkas hasil"] == str(tmp_path / "q4.checked.xlsx")
    broken = rows["rusak.xlsx"]
    assert broken["Status"] == "tidak terbaca" and broken["Keterangan"] == "not a zip file"
    assert broken["NKO Y"] is None and broken["Kesalahan"] == 1


def test_batch_head_table_fits_one_page(run, tmp_path):
    """Ringkasan Batch: unit, period, NKO written and recomputed, predikat, errors, status, the copy."""
    _, wb = _batch(run, tmp_path)
    ws = wb["Ringkasan Batch"]
    header = [c.value for c in ws[1]]
    assert header == [
        "No",
        "Unit",
        "Periode",
        "NKO Y tertulis",
        "NKO Y hitung ulang",
        "Predikat Y",
        "Kesalahan",
        "Status",
        "Berkas hasil",
    ]
    body = [r for r in ws.iter_rows(min_row=2, max_row=4, values_only=True)]
    assert body[0][:8] == (1, "KPKNL CONTOH", "Q4", None, 105, "Istimewa", 1, "ada kesalahan")
    assert body[2][1:3] == ("rusak.xlsx", None) and body[2][7] == "tidak terbaca"  # no unit: its file
    assert _fill(ws.cell(2, 5)) == STATUS_FILL["hijau"]
    assert ws.cell(2, 9).hyperlink.target == "q4.checked.xlsx"
    assert (int(ws.page_setup.fitToWidth or 1), int(ws.page_setup.fitToHeight)) == (1, 0)
    assert sum(ws.column_dimensions[c].width for c in "ABCDEFGHI") < 160  # fits A4 landscape at a readable size


def test_batch_nko_filled_by_status_counts_by_severity_and_a_link_to_each_copy(run, tmp_path):
    _, wb = _batch(run, tmp_path)
    ws = wb["NKO per Periode"]
    header = [c.value for c in ws[1]]
    col = {name: i + 1 for i, name in enumerate(header)}
    assert _fill(ws.cell(2, col["NKO Q2"])) == STATUS_FILL["merah"]  # 75
    assert _fill(ws.cell(2, col["NKO Y"])) == STATUS_FILL["hijau"]  # 105
    assert ws.cell(2, col["NKO Y"]).number_format == "[$-421]#,##0.00"
    # counts: a border in the severity's colour when there are any, never a fill (fills mean status)
    errors, warnings = ws.cell(2, col["Kesalahan"]), ws.cell(2, col["Peringatan"])
    assert _fill(errors) is None and _fill(warnings) is None
    assert errors.border.left.style == "medium" and str(errors.border.left.color.rgb).endswith(FLAG_COLOR["error"])
    assert warnings.border.left.style == "thin"
    assert (
        _fill(ws.cell(2, col["Status"])) == STATUS_FILL["merah"]
        and _fill(ws.cell(3, col["Status"])) == STATUS_FILL["hijau"]
    )
    link = ws.cell(2, col["Berkas hasil"]).hyperlink
    assert link.target == "q4.checked.xlsx"  # relative to the batch file
    assert ws.cell(4, col["Berkas hasil"]).hyperlink is None  # the unreadable file has no copy
    assert ws.freeze_panes == "C2" and ws.auto_filter.ref == f"A1:{ws.cell(1, len(header)).column_letter}4"


def test_batch_chart_plots_each_units_latest_nko_labelled_by_unit(run, tmp_path):
    _, wb = _batch(run, tmp_path)
    ws = wb["Ringkasan Batch"]
    (chart,) = ws._charts
    series = chart.series[0]
    # its own small table under the head table: one row per unit (the unreadable file has none)
    assert series.val.numRef.f == "'Ringkasan Batch'!$E$7:$E$8"
    assert series.cat.strRef.f == "'Ringkasan Batch'!$B$7:$B$8"
    assert [ws["B7"].value, ws["E7"].value] == ["KPKNL CONTOH (Q4)", 105]
    fills = [p.graphicalProperties.solidFill for p in series.dPt]
    assert [getattr(f, "srgbClr", f) for f in fills][:1] == ["63BE7B"]  # hijau (105)
    assert chart.y_axis.scaling.min == 0  # the value axis of a bar chart


def test_latest_per_unit_takes_each_units_latest_period_once():
    from types import SimpleNamespace as NS

    def fr(name, unit, period):
        return NS(path=Path(name), analysis=object(), units=[], workbook=NS(unit=unit, year=2024, period=period))

    files = [
        fr("a-q4.xlsx", "A", "Q4"),
        fr("b-q2.xlsx", "B", "Q2"),
        fr("a-q2.xlsx", "A", "Q2"),
        fr("b-q3.xlsx", "B", "Q3"),
    ]
    got = [f.path.name for _, f in batch_chart.latest_per_unit(NS(files=files))]
    assert got == ["a-q4.xlsx", "b-q3.xlsx"]


def test_batch_findings_sheet_lists_every_finding_with_a_link_into_the_copy(run, tmp_path):
    _, wb = _batch(run, tmp_path)
    ws = wb["Temuan Batch"]
    header = [c.value for c in ws[1]]
    assert header == [
        "No",
        "Berkas",
        "Unit",
        "Lembar!Sel",
        "IKU",
        "Periode",
        "Kode",
        "Tingkat",
        "Tertulis",
        "Seharusnya",
        "Pesan",
    ]
    body = list(ws.iter_rows(min_row=2, values_only=True))
    assert [(r[1], r[3], r[6]) for r in body] == [
        ("q4.xlsx", "IKU!G5", "KX101"),
        ("q4.xlsx", None, "KX207"),
        ("rusak.xlsx", None, "KX001"),
    ]
    assert body[0][8:10] == (pytest.approx(132.634), 97.8) and "132,63" in body[0][10]
    link = ws.cell(2, 4).hyperlink
    assert (link.target, link.location) == ("q4.checked.xlsx", "'IKU'!G5")
    assert ws.cell(2, 8).value == "! kesalahan" and _fill(ws.cell(2, 8)) is None
    assert str(ws.cell(2, 8).border.left.color.rgb).endswith(FLAG_COLOR["error"])
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:K4"


def test_batch_sheets_print_one_page_wide_with_the_header_repeated(run, tmp_path):
    _, wb = _batch(run, tmp_path)
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape" and str(ws.page_setup.paperSize) == "9"
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        # fitToWidth left out means 1 (the schema's default)
        assert (int(ws.page_setup.fitToWidth or 1), int(ws.page_setup.fitToHeight)) == (1, 0)
        assert ws.print_title_rows == "$1:$1"
        # the file name and the page in the footer, as on every sheet we write
        assert (ws.oddFooter.left.text, ws.oddFooter.right.text) == ("&F", "Halaman &P dari &N")


def test_batch_takes_an_extra_sheet(run, tmp_path):
    """The hook for another sheet (a per-unit year sheet): one function, the shared formats, print settings."""

    def per_unit(bb, run_):
        ws = bb.add_sheet("Per Unit")
        ws.write_string(0, 0, "Unit", bb.header_format())
        for r, fr in enumerate(run_.files, 1):
            ws.write_string(r, 0, fr.path.name)

    _, wb = _batch(run, tmp_path, extra=[per_unit])
    assert wb.sheetnames == ["Ringkasan Batch", "Temuan Batch", "NKO per Periode", "Per Unit"]
    assert [c.value for c in wb["Per Unit"]["A"]] == ["Unit", "q4.xlsx", "bersih.xlsx", "rusak.xlsx"]
    assert wb["Per Unit"].page_setup.orientation == "landscape"


def test_batch_never_writes_input_text_as_a_formula(run, tmp_path):
    dst = batch.write_batch(run, tmp_path / "b.xlsx")
    ws = openpyxl.load_workbook(dst)["NKO per Periode"]
    cell = ws["C3"]  # bersih.xlsx's unit
    assert cell.value == '=HYPERLINK("http://x","klik")' and cell.data_type == "s"


def test_batch_headers_in_english(run, tmp_path):
    ws = openpyxl.load_workbook(batch.write_batch(run, tmp_path / "b.xlsx", "en"))["NKO per Periode"]
    header = [c.value for c in ws[1]]
    assert header[:5] == ["No", "File", "Unit", "Year", "Period"]
    assert ws.cell(2, header.index("Status") + 1).value == "errors"


def test_batch_findings_get_a_seksi_column_when_sections_are_known(run, tmp_path):
    meta = run.files[0].workbook.ikus[0].meta
    meta.seksi = "Seksi PKN"
    try:
        _, wb = _batch(run, tmp_path)
    finally:
        meta.seksi = None  # the run is shared by the module's tests
    ws = wb["Temuan Batch"]
    header = [c.value for c in ws[1]]
    assert header[-2:] == ["Pesan", "Seksi"]
    body = list(ws.iter_rows(min_row=2, values_only=True))
    assert body[0][6] == "KX101" and body[0][-1] == "Seksi PKN"
    assert ws.auto_filter.ref == "A1:L4"
