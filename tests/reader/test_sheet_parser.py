"""The reader's own sheet parser (expat) against openpyxl's public read-only API, on hand-written XML."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest

from kinerja_xl.reader import ReadError, files

# Every cell kind a worksheet part can hold: shared strings, inline (rich, with phonetic runs),
# t="str" formula results, booleans, errors, ISO dates, date-formatted serials, shared and
# array formulas, a formula without a cached value, cells and rows without r, a prefix namespace.
SHEET = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<x:sheetData>
<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="inlineStr"><x:is><x:r><x:t>Rich </x:t></x:r><x:r><x:t xml:space="preserve">text </x:t></x:r><x:rPh sb="0" eb="1"><x:t>IGNORED</x:t></x:rPh></x:is></x:c>
<x:c r="C1" t="inlineStr"><x:is><x:t>plain &amp; simple</x:t></x:is></x:c><x:c r="D1" t="b"><x:v>1</x:v></x:c><x:c r="E1" t="e"><x:v>#DIV/0!</x:v></x:c></x:row>
<x:row r="2"><x:c r="A2" s="1"><x:v>0.25</x:v></x:c><x:c r="B2" s="2"><x:v>45382</x:v></x:c><x:c r="C2"><x:v>12</x:v></x:c><x:c r="D2"><x:v>1E-3</x:v></x:c><x:c r="E2" t="str"><x:f>"a"&amp;"b"</x:f><x:v>ab</x:v></x:c></x:row>
<x:row r="3"><x:c r="A3"><x:f t="shared" ref="A3:C3" si="0">A2*2</x:f><x:v>0.5</x:v></x:c><x:c r="B3"><x:f t="shared" si="0"/><x:v>7</x:v></x:c><x:c r="C3" s="1"><x:f t="shared" si="0"/></x:c>
<x:c r="D3"><x:f t="array" ref="D3">SUM(A2:C2)</x:f><x:v>3</x:v></x:c><x:c r="E3" t="d"><x:v>2024-03-31T00:00:00</x:v></x:c><x:c r="F3"><x:v></x:v></x:c></x:row>
<x:row><x:c><x:v>41</x:v></x:c><x:c><x:v>42</x:v></x:c></x:row>
</x:sheetData>
</x:worksheet>"""


def _workbook(tmp_path, sheet_xml: str):
    """A real workbook (xlsxwriter) whose sheet part is replaced by sheet_xml.

    The original sheet fixes what the hand-written one refers to: shared string 0, cell
    style 1 a percent format, style 2 a date format.
    """
    import xlsxwriter

    src_path = tmp_path / "src.xlsx"
    wb = xlsxwriter.Workbook(str(src_path))
    ws = wb.add_worksheet("IKU")
    ws.write_string(0, 0, "Shared text")
    ws.write_number(1, 0, 0.25, wb.add_format({"num_format": "0.00%"}))
    ws.write_datetime(1, 1, dt.datetime(2024, 3, 31), wb.add_format({"num_format": "yyyy-mm-dd"}))
    wb.close()
    path = tmp_path / "hand.xlsx"
    with zipfile.ZipFile(src_path) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = sheet_xml.encode("utf-8")
            out.writestr(item, data)
    return path


@pytest.fixture(scope="module")
def hand(tmp_path_factory):
    return _workbook(tmp_path_factory.mktemp("sheet"), SHEET)


def test_fast_parser_reads_every_cell_kind(hand):
    _, (grid,) = files.load_grids(hand)
    # the style indexes must be those the test assumes: 1 a percent format, 2 a date format
    assert grid.rows[1] == {1: "Shared text", 2: "Rich text ", 3: "plain & simple", 4: True, 5: "#DIV/0!"}
    assert grid.rows[2] == {1: 0.25, 2: dt.datetime(2024, 3, 31), 3: 12, 4: 0.001, 5: "ab"}
    assert grid.rows[3] == {1: 0.5, 2: 7, 3: None, 4: 3, 5: dt.datetime(2024, 3, 31)}
    assert grid.rows[4] == {1: 41, 2: 42}
    assert grid.formulas == {
        (2, 5): '="a"&"b"',
        (3, 1): "=A2*2",
        (3, 2): "=B2*2",
        (3, 3): "=C2*2",
        (3, 4): "=SUM(A2:C2)",
    }
    assert (2, 1) in grid.percent and (3, 3) in grid.percent and (2, 3) not in grid.percent


def test_fast_parser_matches_public_api(hand, monkeypatch):
    """Same rows, formulas and percent cells as the public read-only fallback."""
    _, fast = files.load_grids(hand)

    def moved(*args, **kwargs):
        raise AttributeError("moved")

    monkeypatch.setattr(files, "_read_sheet", moved)
    _, slow = files.load_grids(hand)
    assert [g.rows for g in fast] == [g.rows for g in slow]
    assert [g.formulas for g in fast] == [g.formulas for g in slow]
    # the fallback marks only numeric cells; the fast path also a %-styled formula without a cache
    assert [g.percent - {(3, 3)} for g in fast] == [g.percent for g in slow]


def test_fast_parser_refuses_entities(hand):
    """A DTD in a sheet part is refused by our own parser too, not only by safety and defusedxml."""
    xml = SHEET.replace("<x:worksheet", '<!DOCTYPE x:worksheet [<!ENTITY e "boom">]>\n<x:worksheet', 1)
    wb = files._load(hand, data_only=True)
    try:
        ws = wb.worksheets[0]
        ws._get_source = lambda: io.BytesIO(xml.encode("utf-8"))
        with pytest.raises(ReadError, match="DOCTYPE"):
            files._read_sheet_fast(ws, wb, set())
    finally:
        files._close(wb)
