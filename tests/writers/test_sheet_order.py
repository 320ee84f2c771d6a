"""Our sheets come first in the copy (issue 19): the tabs and a whole-workbook print start with
Ringkasan. Every sheet index in workbook.xml moves with its sheet: the input's print areas, print
titles and sheet-local names stay on their sheet, the workbook view still knows its sheets. A
macro workbook (.xlsm) keeps our sheets last, since its VBA may address sheets by index."""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.workbook.defined_name import DefinedName
from writerkit import make_result

from kinerja_xl.fixes.types import FixPlan
from kinerja_xl.writers.annotate import write_annotated, write_fixed

OURS = ["Ringkasan", "Temuan", "Rincian"]
INPUT = ["IKU", "Data O'Brien"]


@pytest.fixture(scope="module")
def printed(input_file, tmp_path_factory) -> Path:
    """The small workbook with the office's print settings and names on both sheets."""
    wb = openpyxl.load_workbook(input_file)
    iku, data = wb["IKU"], wb["Data O'Brien"]
    iku.print_title_rows = "1:3"
    iku.print_area = "A1:H20"
    data.print_area = "A1:C9"
    data.defined_names["Batas"] = DefinedName("Batas", attr_text="'Data O''Brien'!$B$9")
    wb.defined_names["Tahun"] = DefinedName("Tahun", attr_text="IKU!$B$1")  # workbook-level: no index
    wb.active = 1  # the office saved it on its second sheet
    path = tmp_path_factory.mktemp("print") / "Q4.xlsx"
    wb.save(path)
    return path


def _local_names(path: Path) -> dict[tuple[str, int], str]:
    """(defined name, localSheetId) -> formula, as workbook.xml stores them."""
    with zipfile.ZipFile(path) as z:
        xml = z.read("xl/workbook.xml").decode()
    return {
        (m.group(1), int(m.group(2))): m.group(3)
        for m in re.finditer(r'<definedName name="([^"]+)" localSheetId="(\d+)"[^>]*>(.*?)</definedName>', xml)
    }


def _assert_input_print_settings_kept(path: Path) -> openpyxl.Workbook:
    wb = openpyxl.load_workbook(path)
    assert wb.active.title == "Ringkasan"
    iku, data = wb["IKU"], wb["Data O'Brien"]
    assert iku.print_title_rows == "$1:$3" and iku.print_area == "'IKU'!$A$1:$H$20"
    assert data.print_area == "'Data O''Brien'!$A$1:$C$9"
    assert data.defined_names["Batas"].attr_text == "'Data O''Brien'!$B$9" and "Batas" not in iku.defined_names
    assert wb.defined_names["Tahun"].attr_text == "IKU!$B$1"
    assert wb["Temuan"].print_title_rows == "$1:$1" and wb["Rincian"].print_title_rows == "$1:$1"
    return wb


@pytest.mark.parametrize("method", ["package", "openpyxl"])
def test_ours_first_and_every_local_name_stays_on_its_sheet(printed, tmp_path, method):
    result = make_result(printed)
    path = write_annotated(result, tmp_path / "Q4.checked.xlsx", method=method, fallback=False)
    wb = _assert_input_print_settings_kept(path)
    assert wb.sheetnames == [*OURS, *INPUT]
    names = _local_names(path)
    # the input's names moved by three places with their sheets; ours at 1 and 2
    assert names[("_xlnm.Print_Area", 3)] == "'IKU'!$A$1:$H$20"
    assert names[("_xlnm.Print_Titles", 3)] == "'IKU'!$1:$3"
    assert names[("_xlnm.Print_Area", 4)] == "'Data O''Brien'!$A$1:$C$9"
    assert names[("Batas", 4)] == "'Data O''Brien'!$B$9"
    assert names[("_xlnm.Print_Titles", 1)] == "'Temuan'!$1:$1"
    assert names[("_xlnm.Print_Titles", 2)] == "'Rincian'!$1:$1"


def test_package_writer_moves_the_input_view_indexes(printed, tmp_path):
    with zipfile.ZipFile(printed) as z:
        view = re.search(r"<workbookView\b[^>]*>", z.read("xl/workbook.xml").decode()).group(0)
    assert 'activeTab="1"' in view
    path = write_annotated(make_result(printed), tmp_path / "Q4.checked.xlsx", method="package", fallback=False)
    with zipfile.ZipFile(path) as z:
        xml = z.read("xl/workbook.xml").decode()
    view = re.search(r"<workbookView\b[^>]*>", xml).group(0)
    assert 'activeTab="0"' in view  # Ringkasan, first
    assert re.search(r'firstSheet="[1-9]', view) is None  # the first visible tab is not past it
    assert [html.unescape(n) for n in re.findall(r'<sheet name="([^"]+)"', xml)] == [*OURS, *INPUT]


def test_a_rerun_keeps_one_set_first_and_the_names_in_place(printed, tmp_path):
    first = write_annotated(make_result(printed), tmp_path / "a.xlsx", method="package", fallback=False)
    second = write_annotated(make_result(first), tmp_path / "b.xlsx", method="package", fallback=False)
    wb = _assert_input_print_settings_kept(second)
    assert wb.sheetnames == [*OURS, *INPUT]
    assert _local_names(second) == _local_names(first)


def test_the_fixed_copy_puts_ringkasan_and_perbaikan_first(printed, tmp_path):
    result = make_result(printed)
    model, an = result.workbook, result.analysis
    result.fix_plan = FixPlan(fixes=[], workbook=model, analysis=an, remaining=list(result.findings))
    path = write_fixed(result, tmp_path / "Q4.fixed.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[-2:] == INPUT and wb.sheetnames[0] == "Ringkasan" and "Perbaikan" in wb.sheetnames[:-2]
    assert wb.active.title == "Ringkasan"
    iku, data = wb["IKU"], wb["Data O'Brien"]
    assert iku.print_title_rows == "$1:$3" and iku.print_area == "'IKU'!$A$1:$H$20"
    assert data.defined_names["Batas"].attr_text == "'Data O''Brien'!$B$9"


def test_a_macro_workbook_keeps_ours_last(input_file, tmp_path):
    """VBA may say Worksheets(1): in an .xlsm the input sheets keep their indexes."""
    src = tmp_path / "Q4.xlsm"
    with zipfile.ZipFile(input_file) as zin, zipfile.ZipFile(src, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "[Content_Types].xml":
                old = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
                data = data.replace(old, b"application/vnd.ms-excel.sheet.macroEnabled.main+xml")
            zout.writestr(info, data)
    result = make_result(input_file)
    result.path = src
    path = write_annotated(result, tmp_path / "Q4.checked.xlsm", method="package", fallback=False)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == [*INPUT, *OURS] and wb.active.title == "Ringkasan"
    assert _local_names(path)[("_xlnm.Print_Titles", 3)] == "'Temuan'!$1:$1"
