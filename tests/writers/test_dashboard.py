"""Ringkasan as a dashboard (issue 11): headline first, matrices filled by status, marks that link to
the finding's cell, charts over the right ranges, print settings on our sheets only."""

from __future__ import annotations

import openpyxl
import pytest
from openpyxl.utils.cell import coordinate_to_tuple, range_boundaries
from writerkit import HOSTILE_CODE, make_result

from kinerja_xl.findings import Finding
from kinerja_xl.model import PERIODS, CellRef, Summary, Value
from kinerja_xl.writers.annotate import write_annotated
from kinerja_xl.writers.summary_sheet import FLAG_COLOR, STATUS_FILL

METHODS = ["package", "openpyxl"]
OURS = ("Ringkasan", "Temuan", "Rincian")


def _rgb(cell) -> str | None:
    fill = cell.fill
    return str(fill.fgColor.rgb)[-6:] if fill is not None and fill.fill_type == "solid" else None


def dashboard_result(input_file):
    """The writer tests' result, its findings on the block's IKU, and a summary table that writes NKO 97,5."""
    result = make_result(input_file)
    for f in result.findings:
        if f.iku == "5a-CP":
            f.iku = HOSTILE_CODE  # KX102 H7 (Q4, error), KX011 H7 (Q4, info), KX020 C4:E4 (no period), KX011 C5 (Q1)
    long_text = "Rp " + "sembilan ratus " * 12  # a long message: its Temuan row must grow
    result.findings.append(
        Finding("KX010", CellRef("IKU", "D5"), iku=HOSTILE_CODE, period="Q2", params={"text": long_text})
    )
    result.workbook.summary = Summary("IKU", CellRef("IKU", "B2"), nko=Value(CellRef("IKU", "J7"), 97.5, "number"))
    return result


@pytest.fixture(scope="module", params=METHODS)
def out(request, input_file, tmp_path_factory):
    result = dashboard_result(input_file)
    path = tmp_path_factory.mktemp(request.param) / "Q4.checked.xlsx"
    write_annotated(result, path, method=request.param, fallback=False)
    return result, openpyxl.load_workbook(path)


def _find(ws, value, col: int | None = None) -> tuple[int, int]:
    for row in ws.iter_rows():
        for c in row:
            if c.value == value and (col is None or c.column == col):
                return c.row, c.column
    raise AssertionError(f"{value!r} not on {ws.title}")


def test_headline_in_the_first_rows(out):
    result, wb = out
    ws = wb["Ringkasan"]
    top = {(c.row, c.column): c.value for row in ws.iter_rows(max_row=8) for c in row if c.value is not None}
    labels = {v: k for k, v in top.items()}
    for label, value in (("Unit", "KPKNL SERANG"), ("Tahun", "2024"), ("Periode dilaporkan", "Q4")):
        r, c = labels[label]
        assert top[(r, c + 1)] == value
    assert top[(labels["Profil"][0], 2)] == "kmk-300-2022 (KMK 300/KMK.01/2022)"
    # NKO box: period | written | its predikat | recomputed | its predikat | difference | predikat changes?
    heads = ["NKO", "Tertulis", "Predikat", "Hitung ulang", "Predikat", "Selisih", "Predikat berubah?"]
    assert [top[(2, c)] for c in range(4, 11)] == heads
    an = result.analysis
    q4, y = labels["Q4"][0] if labels["Q4"][1] == 4 else 3, labels["Y"][0]
    assert (top[(q4, 4)], top[(q4, 5)], top[(q4, 7)]) == ("Q4", "tidak tertulis", pytest.approx(an.nko["Q4"]))
    assert (top[(y, 5)], top[(y, 7)], top[(y, 8)]) == (97.5, pytest.approx(an.nko["Y"]), an.predikat["Y"])
    assert top[(y, 6)] == "Baik"  # the written NKO's own predikat
    assert top[(y, 9)] == pytest.approx(round(97.5 - an.nko["Y"], 2))  # written - recomputed
    assert _rgb(ws.cell(y, 7)) == STATUS_FILL["kuning"]  # 95,00: kuning
    assert ws.cell(y, 7).number_format == "[$-421]#,##0.00"
    assert ws.cell(y, 5).hyperlink.location == "'IKU'!J7"  # the written NKO's own cell
    assert top[(y, 10)] == "tetap"  # 95,00 is Baik too
    # counts and the verdict in words
    counts = labels["Temuan"][0]
    n = result.counts  # (the openpyxl path adds its KX030 warnings)
    assert [top[(counts, c)] for c in range(5, 11)] == ["Kesalahan", 1, "Peringatan", n["warning"], "Info", n["info"]]
    # counts marked by a border in the severity's colour: fills are the status colours only
    assert _rgb(ws.cell(counts, 6)) is None
    assert str(ws.cell(counts, 6).border.left.color.rgb).endswith(FLAG_COLOR["error"])
    verdict = next(v for (r, c), v in top.items() if c == 1 and isinstance(v, str) and "kesalahan:" in v)
    assert verdict == (
        "1 kesalahan: NKO tertulis 97,50 belum sesuai hasil hitung ulang 95,00. "
        "Perbaiki sebelum diunggah ke e-Performance."
    )


def test_iku_matrix_filled_by_status_and_marked_where_a_finding_is(out):
    result, wb = out
    ws = wb["Ringkasan"]
    head, _ = _find(ws, "Nama IKU", 2)
    assert [ws.cell(head, c).value for c in range(5, 12)] == list(PERIODS)
    row = head + 1
    assert ws.cell(row, 1).value == HOSTILE_CODE + " ?" and ws.cell(row, 1).data_type == "s"
    score = result.analysis.ikus[0]
    for col, period in enumerate(PERIODS, 5):
        cell, ps = ws.cell(row, col), score.periods[period]
        assert cell.value == pytest.approx(ps.nilai) and _rgb(cell) == STATUS_FILL[ps.status], period
    q4, q1, q2 = ws.cell(row, 10), ws.cell(row, 5), ws.cell(row, 6)
    # Q4 has an error (KX102 on H7): marked '!', links to it; Q1 an info only: 'i'; Q2 a warning; Q3 nothing
    assert q4.number_format == '[$-421]#,##0.00" !"' and q4.font.b and q4.hyperlink.location == "'IKU'!H7"
    assert q1.number_format == '[$-421]#,##0.00" i"' and q1.hyperlink.location == "'IKU'!C5"
    assert q2.number_format == '[$-421]#,##0.00" ?"' and q2.hyperlink.location == "'IKU'!D5"
    # each marked cell keeps its status fill and gets a border in its finding's colour
    for cell, sev in ((q4, "error"), (q1, "info"), (q2, "warning")):
        assert cell.border.top.style == "medium" and str(cell.border.top.color.rgb).endswith(FLAG_COLOR[sev])
    q3 = ws.cell(row, 8)
    assert q3.number_format == "[$-421]#,##0.00" and q3.hyperlink is None and not q3.font.b
    assert q3.border.top.style == "thin"
    # the Pol/KP warning (no period) marks the IKU code, which links to the finding's first cell
    code = ws.cell(row, 1)
    assert code.value.endswith(" ?") and code.font.b and code.hyperlink.location == "'IKU'!C4"


def test_nss_np_nko_matrices_filled_by_status(out):
    result, wb = out
    ws = wb["Ringkasan"]
    an = result.analysis
    nss_head, _ = _find(ws, "Nama Sasaran Strategis", 2)
    assert ws.cell(nss_head + 1, 1).value == "1"
    for col, period in enumerate(PERIODS, 5):
        cell = ws.cell(nss_head + 1, col)
        assert cell.value == pytest.approx(an.nss["1"][period]) and _rgb(cell) is not None
    persp, _ = _find(ws, "Stakeholder", 1)
    assert ws.cell(persp, 3).value == pytest.approx(an.perspective_weights["Stakeholder"])
    nko, _ = _find(ws, "NKO hitung ulang", 1)
    y = ws.cell(nko, 11)
    assert y.value == pytest.approx(an.nko["Y"]) and _rgb(y) == STATUS_FILL["kuning"]
    assert [ws.cell(nko + 1, c).value for c in range(5, 12)] == [an.predikat[p] or "-" for p in PERIODS]
    written, _ = _find(ws, "NKO tertulis", 1)
    assert ws.cell(written, 11).value == 97.5 and ws.cell(written, 10).value is None


def _cells(ws, ref: str) -> list:
    ref = ref.split("!")[1].replace("$", "")
    c1, r1, c2, r2 = range_boundaries(ref)
    return [ws.cell(r, c).value for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)]


def _ref(data) -> str:
    return (getattr(data, "strRef", None) or data.numRef).f


def test_charts_plot_nko_per_period_and_nilai_per_iku(out):
    result, wb = out
    ws = wb["Ringkasan"]
    nko_chart, iku_chart = ws._charts
    an = result.analysis
    series = nko_chart.series[0]
    assert _ref(series.cat).startswith("'Ringkasan'!$E$") and _ref(series.val).startswith("'Ringkasan'!$E$")
    assert _cells(ws, _ref(series.cat)) == list(PERIODS)
    assert _cells(ws, _ref(series.val)) == [pytest.approx(an.nko[p]) for p in PERIODS]
    # one bar colour per period, by status
    assert len(series.dPt) == len(PERIODS)
    series = iku_chart.series[0]
    assert _ref(series.cat).startswith("'Ringkasan'!$A$") and _ref(series.val).startswith("'Ringkasan'!$J$")
    assert _cells(ws, _ref(series.cat)) == [HOSTILE_CODE + " ?"]  # the IKU code with its mark
    assert _cells(ws, _ref(series.val)) == [pytest.approx(an.ikus[0].periods["Q4"].nilai)]  # the reported period
    assert iku_chart.anchor._from.col == 3 and nko_chart.anchor._from.col == 0
    assert iku_chart.anchor._from.row == nko_chart.anchor._from.row > _find(ws, "NKO tertulis", 1)[0]
    # the written NKO beside the recomputed one (the summary table writes Y's: 97,50)
    written = nko_chart.series[1]
    assert _ref(written.val).startswith(f"'Ringkasan'!$E${_find(ws, 'NKO tertulis', 1)[0]}")
    assert _cells(ws, _ref(written.val))[-1] == 97.5
    for chart in (nko_chart, iku_chart):
        # axes from 0, the dark gridline at 100 (the major unit), whole numbers in the language's format
        assert chart.y_axis.scaling.min == 0 and chart.y_axis.majorUnit == 100
        assert chart.y_axis.number_format.formatCode == "[$-421]#,##0"
        assert chart.series[0].dLbls.showVal  # values labelled: a Nilai of 0 reads 0, N/A has none


def test_every_hyperlink_of_our_sheets_resolves_to_an_existing_cell(out):
    _, wb = out
    seen = 0
    for name in OURS:
        for row in wb[name].iter_rows():
            for cell in row:
                if cell.hyperlink is None:
                    continue
                sheet, coord = cell.hyperlink.location.rsplit("!", 1)
                sheet = sheet.strip("'").replace("''", "'")
                assert sheet in wb.sheetnames, (name, cell.coordinate, cell.hyperlink.location)
                r, c = coordinate_to_tuple(coord.replace("$", ""))
                assert 1 <= r <= 1_048_576 and 1 <= c <= 16_384
                seen += 1
    assert seen >= 10


def test_our_sheets_print_landscape_one_page_wide_with_repeated_header_rows(out, input_file):
    _, wb = out
    for name in OURS:
        ws = wb[name]
        assert ws.page_setup.orientation == "landscape", name
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) in ((1, 0), ("1", "0")), name
        assert ws.sheet_properties.pageSetUpPr.fitToPage, name
        assert ws.print_title_rows == "$1:$1", name
        assert str(ws.page_setup.paperSize) == "9", name  # A4
    # page 1: headline and IKU matrix; the aggregates start a new page
    nss, _ = _find(wb["Ringkasan"], "NSS per Sasaran Strategis", 1)
    assert [b.id for b in wb["Ringkasan"].row_breaks.brk] == [nss - 1]
    # the input sheet keeps its own print settings
    before = openpyxl.load_workbook(input_file)["IKU"]
    after = wb["IKU"]
    assert after.page_setup.orientation == before.page_setup.orientation
    assert after.page_setup.fitToWidth == before.page_setup.fitToWidth
    assert after.print_title_rows == before.print_title_rows


def test_wrapped_text_rows_are_tall_enough(out):
    _, wb = out
    ws = wb["Temuan"]
    long_row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 2).value == "KX010")
    assert len(ws.cell(long_row, 10).value) > 160 and ws.cell(long_row, 10).alignment.wrap_text
    assert ws.row_dimensions[long_row].height >= 45  # three lines at least in a 72-wide column
    short = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 2).value == "KX207")
    assert ws.row_dimensions[short].height is None


def test_english_dashboard(input_file, tmp_path):
    path = tmp_path / "en.checked.xlsx"
    write_annotated(dashboard_result(input_file), path, lang="en", method="package", fallback=False)
    ws = openpyxl.load_workbook(path)["Summary"]
    values = [c.value for row in ws.iter_rows(max_row=8) for c in row if c.value is not None]
    assert "Recomputed" in values and "Written" in values
    assert (
        "1 error: the written NKO 97.50 does not match the recomputed 95.00. "
        "Correct it before uploading to e-Performance." in values
    )
    head, _ = _find(ws, "IKU name", 2)
    assert ws.cell(head + 1, 8).number_format == "#,##0.00"  # Q3: no mark
