"""The annotated copy: fills by severity, comments, Ringkasan and Temuan, re-run, text never a formula."""

from __future__ import annotations

import openpyxl
import pytest
from writerkit import HOSTILE_CODE, make_result

from kinerja_xl.writers.annotate import write_annotated
from kinerja_xl.writers.summary_sheet import SEVERITY_FILL, STATUS_FILL

METHODS = ["package", "openpyxl"]


def _rgb(cell) -> str | None:
    fill = cell.fill
    if fill is None or fill.fill_type != "solid":
        return None
    return str(fill.fgColor.rgb)[-6:]


@pytest.fixture(scope="module", params=METHODS)
def annotated(request, input_file, tmp_path_factory):
    """(method, result, loaded output workbook) for each writing method."""
    out = tmp_path_factory.mktemp(request.param) / "Q4.checked.xlsx"
    result = make_result(input_file)
    before = input_file.read_bytes()
    assert write_annotated(result, out, method=request.param, fallback=False) == out
    assert input_file.read_bytes() == before  # the input is never written
    return request.param, result, openpyxl.load_workbook(out)


def test_fills_by_worst_severity(annotated):
    _, _, wb = annotated
    ws = wb["IKU"]
    assert _rgb(ws["H7"]) == SEVERITY_FILL["error"]  # error + info on one cell: error wins
    assert [_rgb(ws[c]) for c in ("C4", "D4", "E4")] == [SEVERITY_FILL["warning"]] * 3  # a range
    assert _rgb(ws["C5"]) == SEVERITY_FILL["info"]
    assert _rgb(ws["F4"]) is None
    assert _rgb(wb["Data O'Brien"]["B9"]) == SEVERITY_FILL["info"]  # an empty cell gets one too


def test_annotated_cell_keeps_its_other_style(annotated):
    _, _, wb = annotated
    assert wb["IKU"]["H7"].number_format == "0.000"
    assert wb["IKU"]["C6"].value == "=C5/C4*100"


def test_comment_lists_findings_after_existing_comment(annotated):
    _, _, wb = annotated
    text = wb["IKU"]["H7"].comment.text
    assert text.startswith("catatan pimpinan")
    assert "KX102" in text and "KX011" in text
    assert "seharusnya 95,00" in text and text.count("95,00") == 1  # the expected value said once
    assert text.index("catatan") < text.index("KX102") < text.index("KX011")
    assert "KX020" in wb["IKU"]["C4"].comment.text
    assert wb["IKU"]["D4"].comment is None  # a range is commented once, on its first cell
    assert wb["IKU"]["F4"].comment is None


def test_comment_adds_the_expected_value_only_when_the_message_lacks_it():
    from kinerja_xl.findings import Finding
    from kinerja_xl.model import CellRef
    from kinerja_xl.writers.marks import comment_line

    said = Finding("KX102", CellRef("IKU", "H7"), period="Q4", actual=99.0, expected=95.0, params={"reason": "capaian"})
    assert comment_line(said).count("95,00") == 1
    unsaid = Finding("KX011", CellRef("IKU", "H7"), actual=99.0, expected=98.0, params={"text": "99"})
    assert comment_line(unsaid).endswith("\nSeharusnya: 98,00")
    assert comment_line(unsaid, "en").endswith("\nExpected: 98.00")


def test_temuan_rows_and_links(annotated):
    _, result, wb = annotated
    ws = wb["Temuan"]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(result.findings)
    codes = {(r[3], r[4], r[1]) for r in rows}
    assert ("IKU", "H7", "KX102") in codes and ("Data O'Brien", "B9", "KX011") in codes
    assert any(r[1] == "KX207" and not r[4] for r in rows)  # no cell: listed, no link
    links = {ws.cell(row=i, column=5).value: ws.cell(row=i, column=5).hyperlink for i in range(2, ws.max_row + 1)}
    assert links["B9"].location == "'Data O''Brien'!B9"
    assert links["C4:E4"].location == "'IKU'!C4"
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:J{len(rows) + 1}"


def test_rincian_numbers_and_status(annotated):
    """Rincian keeps the detailed rows: written vs recomputed capaian and Nilai per IKU and period."""
    _, _, wb = annotated
    ws = wb["Rincian"]
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert values[0][:5] == ["IKU", "Nama IKU", "SS", "Pol/KP", "Periode"]
    q4 = next(i for i, row in enumerate(values, 1) if row[0] == HOSTILE_CODE and row[4] == "Q4")
    # target, realisasi, capaian rep/recomp, nilai rep/recomp
    assert values[q4 - 1][5:11] == [100.0, 95.0, 95.0, 95.0, 99.0, 95.0]
    assert values[q4 - 1][11] == "kuning"
    assert _rgb(ws.cell(row=q4, column=12)) == STATUS_FILL["kuning"]
    assert ws.auto_filter.ref == f"A1:M{ws.max_row}" and ws.freeze_panes == "C2"
    ringkasan = [v for row in wb["Ringkasan"].iter_rows(values_only=True) for v in row if v is not None]
    assert "KPKNL SERANG" in ringkasan and "2024" in ringkasan and "Q4" in ringkasan
    assert "kmk-300-2022 (KMK 300/KMK.01/2022)" in ringkasan
    assert any("Bobot IKU dianggap sama" in str(v) for v in ringkasan)
    assert len(wb["Ringkasan"]._charts) == 2


def test_text_from_input_is_never_a_formula(annotated):
    _, _, wb = annotated
    for ws in (wb["Ringkasan"], wb["Temuan"], wb["Rincian"]):
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value[:1] in "=+":
                    assert cell.data_type == "s", (ws.title, cell.coordinate, cell.value)
    for name in ("Ringkasan", "Temuan", "Rincian"):
        # (Ringkasan's IKU code carries its finding mark: "... i")
        hostile = [c for row in wb[name].iter_rows() for c in row if str(c.value).startswith(HOSTILE_CODE)]
        assert hostile and all(c.data_type == "s" for c in hostile)


@pytest.mark.parametrize("method", METHODS)
def test_rerun_replaces_sheets_and_english(method, input_file, tmp_path):
    first = tmp_path / "a.checked.xlsx"
    write_annotated(make_result(input_file), first, method=method, fallback=False)
    again = make_result(first)
    second = tmp_path / "b.checked.xlsx"
    write_annotated(again, second, lang="en", method=method, fallback=False)
    wb = openpyxl.load_workbook(second)
    # the Indonesian sheets of the first run are found by their marker and replaced by English ones
    assert wb.sheetnames == ["Summary", "Findings", "Details", "IKU", "Data O'Brien"]
    assert wb["Findings"]["B1"].value == "Code"
    assert wb["Summary"]["A1"].value == "kinerja-xl check summary: KPKNL SERANG"
    assert "should be 95.00" in wb["IKU"]["H7"].comment.text and "Expected:" not in wb["IKU"]["H7"].comment.text
