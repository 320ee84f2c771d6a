"""Ringkasan and Temuan as a user sees them from both writers: styles, chart, awkward text."""

from __future__ import annotations

import openpyxl
import pytest
from defusedxml import ElementTree
from writerkit import HOSTILE_CODE, make_result

from kinerja_xl.model import PERIODS
from kinerja_xl.writers import ooxml
from kinerja_xl.writers.annotate import write_annotated
from kinerja_xl.writers.summary_sheet import (
    FLAG_COLOR,
    HEADER_FILL,
    NUMBER,
    PLAIN,
    STATUS_FILL,
    SheetSpec,
    fill_key,
)

METHODS = ["package", "openpyxl"]
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


@pytest.fixture(scope="module", params=METHODS)
def out(request, input_file, tmp_path_factory):
    """(result, loaded annotated copy) per writing method, the unit name full of XML specials."""
    result = make_result(input_file)
    result.workbook.unit = "  Seksi A & B <PKN> \x01\x0b\x1f\ufffe "
    path = tmp_path_factory.mktemp(request.param) / "Q4.checked.xlsx"
    write_annotated(result, path, method=request.param, fallback=False)
    return result, openpyxl.load_workbook(path)


def _rgb(cell) -> str | None:
    return str(cell.fill.fgColor.rgb)[-6:] if cell.fill.fill_type == "solid" else None


def _row(ws, first_value) -> int:
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == first_value)


def test_ringkasan_styles(out):
    _, wb = out
    ws = wb["Ringkasan"]
    assert ws["A1"].font.b and ws["A1"].font.sz == 14
    assert ws["A2"].font.b and not ws["B2"].font.b
    head = _row(ws, "IKU")
    assert [ws.cell(head, c).value for c in range(1, 12)] == ["IKU", "Nama IKU", "SS", "Pol/KP", *PERIODS]
    assert ws.cell(head, 5).font.b and _rgb(ws.cell(head, 5)) == HEADER_FILL
    first = head + 1
    assert ws.cell(first, 1).value == HOSTILE_CODE + " i"  # an info finding on the IKU (no period): marked
    q1 = ws.cell(first, 5)
    assert q1.value == 90.0 and q1.number_format == "[$-421]#,##0.00" and _rgb(q1) == STATUS_FILL["kuning"]
    assert ws.column_dimensions["A"].width == 19 and ws.column_dimensions["B"].width == 44


def test_text_with_xml_specials_is_kept_and_illegal_characters_dropped(out):
    _, wb = out
    ws = wb["Ringkasan"]
    unit = next(ws.cell(r, 2).value for r in range(2, 8) if ws.cell(r, 1).value == "Unit")
    assert unit.strip() == "Seksi A & B <PKN>"
    assert not any(ch in unit for ch in "\x01\x0b\x1f\ufffe")


def test_temuan_styles(out):
    _, wb = out
    ws = wb["Temuan"]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 5).value == "H7" and ws.cell(r, 2).value == "KX102")
    link = ws.cell(row, 5)
    assert link.hyperlink.location == "'IKU'!H7"
    assert link.font.u == "single" and str(link.font.color.rgb).endswith("0563C1")
    # a finding's severity: its sign and word in a border of its colour, never a status fill
    sev = ws.cell(row, 3)
    assert sev.value == "! kesalahan" and _rgb(sev) is None
    assert sev.border.left.style == "medium" and str(sev.border.left.color.rgb).endswith(FLAG_COLOR["error"])
    assert ws.cell(row, 9).value == 95.0 and ws.cell(row, 9).number_format == "[$-421]#,##0.00"
    assert ws.cell(row, 10).alignment.wrap_text and ws.cell(row, 10).alignment.vertical == "top"
    assert ws.cell(1, 1).font.b and _rgb(ws.cell(1, 1)) == HEADER_FILL
    no_cell = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 2).value == "KX207")
    assert ws.cell(no_cell, 5).hyperlink is None


def test_spec_rows_are_written_in_order_and_a_later_put_wins():
    spec = SheetSpec("S")
    spec.put(3, 2, "b")
    spec.put(1, 1, "a")
    spec.put(3, 1, 1.5, number=True)
    spec.put(3, 2, "c")
    spec.put(3, 3, None, fill_key("FFC7CE"))  # an empty cell that keeps its fill
    spec.put(3, 4, None)  # nothing to write
    spec.put(3, 5, "text", number=True)  # number only formats numbers
    assert [r for r, _ in spec.sorted_rows()] == [1, 3]
    assert spec.sorted_rows()[1][1] == [
        (1, 1.5, NUMBER),
        (2, "c", PLAIN),
        (3, None, "fill:FFC7CE"),
        (4, None, PLAIN),
        (5, "text", PLAIN),
    ]
    root = ElementTree.fromstring(ooxml.sheet_xml(spec, {NUMBER: ' s="7"', "fill:FFC7CE": ' s="9"'}))
    cells = [(c.get("r"), c.get("s"), c.get("t")) for c in root.iter(MAIN + "c")]
    assert cells == [
        ("A1", None, "inlineStr"),
        ("A3", "7", None),
        ("B3", None, "inlineStr"),
        ("C3", "9", None),
        ("E3", None, "inlineStr"),
    ]
