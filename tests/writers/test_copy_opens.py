"""The copy a head of office opens (issue 19): it opens on our Ringkasan (the input sheets'
tabs unselected, their content unchanged), Ringkasan says when the check ran and with which
version, and every sheet we write prints the file name and `Halaman &P dari &N` in its footer."""

from __future__ import annotations

import re
import zipfile

import openpyxl
import pytest
from writerkit import make_result

from kinerja_xl import __version__
from kinerja_xl.writers.annotate import write_annotated

METHODS = ["package", "openpyxl"]
OURS = ("Ringkasan", "Temuan", "Rincian")


@pytest.fixture(scope="module", params=METHODS)
def copy(request, input_file, tmp_path_factory):
    path = tmp_path_factory.mktemp(request.param) / "Q4.checked.xlsx"
    write_annotated(make_result(input_file), path, method=request.param, fallback=False)
    return path


def test_the_copy_opens_on_ringkasan(copy):
    wb = openpyxl.load_workbook(copy)
    assert wb.active.title == "Ringkasan"
    selected = [ws.title for ws in wb.worksheets if ws.sheet_view.tabSelected]
    assert selected == ["Ringkasan"]
    # ours come first, so tabs and a whole-workbook print start with Ringkasan; the input sheets follow in their order
    assert wb.sheetnames == ["Ringkasan", "Temuan", "Rincian", "IKU", "Data O'Brien"]


def _patched(src, dst, part: str, edit) -> None:
    """A copy of an xlsx package with one part's text edited."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == part:
                data = edit(data.decode()).encode()
            zout.writestr(info, data)


@pytest.mark.parametrize("method", METHODS)
def test_the_input_sheets_tab_is_unselected_and_nothing_else(input_file, tmp_path, method):
    """Excel edits every selected tab together: the input's selected tab is unselected, its cells stay."""
    src = tmp_path / "selected.xlsx"
    select = '<sheetView tabSelected="1" '
    _patched(input_file, src, "xl/worksheets/sheet1.xml", lambda x: x.replace("<sheetView ", select))
    result = make_result(input_file)
    result.path = src
    path = write_annotated(result, tmp_path / "out.xlsx", method=method, fallback=False)
    wb = openpyxl.load_workbook(path)
    assert [ws.title for ws in wb.worksheets if ws.sheet_view.tabSelected] == ["Ringkasan"]
    assert wb["IKU"]["C4"].value == 100
    if method == "package":
        with zipfile.ZipFile(src) as a, zipfile.ZipFile(path) as b:
            before, after = a.read("xl/worksheets/sheet1.xml").decode(), b.read("xl/worksheets/sheet1.xml").decode()
        # only the flag and our annotation (fills, the comment's drawing) differ
        assert 'tabSelected="1"' in before and "tabSelected" not in after
        assert re.findall(r"<f>[^<]*</f>", before) == re.findall(r"<f>[^<]*</f>", after)


def test_ringkasan_names_the_check_time_and_version(copy):
    ws = openpyxl.load_workbook(copy)["Ringkasan"]
    rows = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(1, 10)}
    assert re.fullmatch(
        rf"\d{{4}}-\d\d-\d\d \d\d:\d\d \(UTC[+-]\d\d:\d\d\) dengan kinerja-xl {re.escape(__version__)}",
        rows["Diperiksa"],
    )


def test_every_sheet_we_write_has_the_page_footer(copy):
    wb = openpyxl.load_workbook(copy)
    for name in OURS:
        footer = wb[name].oddFooter
        assert footer.left.text == "&F", name
        assert footer.right.text == "Halaman &P dari &N", name
    assert not wb["IKU"].oddFooter.right.text  # the input's print settings are its own


def test_footer_in_english(input_file, tmp_path):
    path = write_annotated(make_result(input_file), tmp_path / "en.xlsx", lang="en", fallback=False)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[:3] == ["Summary", "Findings", "Details"] and wb.active.title == "Summary"
    assert wb["Summary"].oddFooter.right.text == "Page &P of &N"


def test_a_workbook_without_book_views_gets_one(input_file, tmp_path):
    """A package without <bookViews> (valid: Excel opens the first sheet) still opens on Ringkasan."""
    src = tmp_path / "noview.xlsx"
    _patched(input_file, src, "xl/workbook.xml", lambda x: re.sub(r"<bookViews>.*?</bookViews>", "", x, flags=re.S))
    result = make_result(input_file)
    result.path = src
    path = write_annotated(result, tmp_path / "out.xlsx", fallback=False)
    with zipfile.ZipFile(path) as z:
        assert '<bookViews><workbookView activeTab="0"/></bookViews>' in z.read("xl/workbook.xml").decode()
    assert openpyxl.load_workbook(path).active.title == "Ringkasan"


def test_a_seksi_column_when_sections_are_known(input_file, tmp_path):
    """Temuan (after IKU) and Rincian (last) get a Seksi column, so the to-do list filters by section."""
    result = make_result(input_file)
    iku = result.workbook.ikus[0]
    iku.meta.seksi = "Seksi Lelang"
    path = write_annotated(result, tmp_path / "seksi.xlsx", fallback=False)
    wb = openpyxl.load_workbook(path)
    temuan = wb["Temuan"]
    head = [c.value for c in temuan[1]]
    assert head[5:8] == ["IKU", "Seksi", "Periode"] and head[-1] == "Pesan"
    rows = [r for r in temuan.iter_rows(min_row=2, values_only=True) if r[5] == (iku.code or iku.name)]
    assert rows and all(r[6] == "Seksi Lelang" for r in rows)
    assert temuan.auto_filter.ref.startswith("A1:K")
    rincian = wb["Rincian"]
    assert rincian.cell(1, 14).value == "Seksi" and rincian.cell(2, 14).value == "Seksi Lelang"


def test_no_seksi_column_without_sections(copy):
    wb = openpyxl.load_workbook(copy)
    assert "Seksi" not in [c.value for c in wb["Temuan"][1]] and wb["Rincian"].cell(1, 14).value is None
