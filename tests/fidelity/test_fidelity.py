"""Nothing of the input is lost in the annotated copy: cells, styles, parts, extensions, cached values.

The input workbooks are authored with xlsxwriter, which can write what openpyxl cannot (2010 data
bars, sparklines, comment box sizes, cached formula results, a VBA project).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from PIL import Image

from kinerja_xl import profiles
from kinerja_xl.analysis import analyse
from kinerja_xl.api import FileResult
from kinerja_xl.findings import Finding
from kinerja_xl.model import CellRef, Workbook
from kinerja_xl.writers.annotate import write_annotated

P300 = profiles.load("kmk-300-2022")
VBA = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 8  # opaque bytes standing in for a VBA project
ANNOTATED = {
    ("IKU", "D5"),
    ("IKU", "E7"),
    ("IKU", "B2"),
    ("IKU", "C3"),
    ("IKU", "D3"),
    ("IKU", "C4"),
    ("IKU", "D4"),
    ("IKU", "H20"),
}


def _png(path: Path) -> Path:
    Image.new("RGB", (8, 8), (200, 30, 30)).save(path)
    return path


def build(path: Path, vba: bool = False) -> None:
    """A workbook with every part the issue lists."""
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("IKU")
    lists = wb.add_worksheet("Lists")
    hidden = wb.add_worksheet("Hidden")
    hidden.hide()
    bold = wb.add_format(
        {
            "bold": True,
            "font_color": "#1F4E78",
            "bg_color": "#E2EFDA",
            "border": 2,
            "align": "center",
            "valign": "vcenter",
        }
    )
    pct = wb.add_format({"num_format": "0.00%", "italic": True, "border": 1, "font_name": "Arial"})
    ws.merge_range("B2:H2", "KPKNL SERANG TAHUN 2024", bold)
    for i, label in enumerate(["T/R", "Q1", "Q2", "Sm.I", "Q3", "s.d. Q3", "Q4", "Y-24"]):
        ws.write(2, 1 + i, label, bold)
    for r, label in enumerate(["Target", "Realisasi", "Capaian", "Nilai Kinerja"], 3):
        ws.write(r, 1, label)
        for c in range(2, 9):
            if label == "Capaian":
                col = xlsxwriter.utility.xl_col_to_name(c)
                ws.write_formula(r, c, f"={col}5/{col}4", pct, value=0.9 + c / 100)
            else:
                ws.write_number(r, c, 0.8 + c / 50, pct)
    ws.write_formula("C9", "=SUM(C4:I4)", None, 6.3)
    ws.write_comment("E7", "catatan lama", {"author": "Kepala", "x_scale": 2.5, "y_scale": 1.8})
    ws.write_comment("C10", "another", {"visible": True})
    ws.conditional_format("C7:I7", {"type": "cell", "criteria": ">", "value": 1, "format": bold})
    ws.conditional_format("C6:I6", {"type": "data_bar", "data_bar_2010": True, "bar_color": "#63BE7B"})
    ws.add_sparkline("J5", {"range": "IKU!C5:I5", "markers": True})
    lists.write_column("A1", ["Max/TLK", "Min/TLK", "Stab/Avg"])
    ws.data_validation("J4", {"validate": "list", "source": ["Max/TLK", "Min/Sum"]})
    ws.data_validation("K4", {"validate": "list", "source": "=Lists!$A$1:$A$3"})
    ws.insert_image("L2", str(_png(path.parent / f"{path.stem}.png")))
    chart = wb.add_chart({"type": "column"})
    chart.add_series({"values": "=IKU!$C$7:$I$7"})
    ws.insert_chart("L10", chart)
    wb.define_name("TargetRow", "=IKU!$C$4:$I$4")
    wb.define_name("IKU!LocalName", "=IKU!$B$4")
    ws.freeze_panes(3, 2)
    ws.set_landscape()
    ws.set_paper(9)
    ws.print_area("A1:K20")
    ws.repeat_rows(2)
    ws.set_column("B:B", 24)
    ws.set_row(1, 30)
    hidden.write("A1", "rahasia")
    if vba:
        vba_path = path.parent / "vbaProject.bin"
        vba_path.write_bytes(VBA)
        wb.add_vba_project(str(vba_path))
    wb.close()


def result_for(path: Path) -> FileResult:
    """Findings on a merged cell, a formula cell, a commented cell, a styled cell and an empty cell."""
    model = Workbook(path=str(path), year=2024, unit="KPKNL SERANG", period="Q4", sheets=["IKU"])
    findings = [
        Finding(
            "KX101",
            CellRef("IKU", "D5"),
            iku="1a-N",
            period="Q2",
            actual=1.0,
            expected=2.0,
            params={"formula": "R/T x 100", "pol": "Max"},
        ),
        Finding("KX011", CellRef("IKU", "E7"), actual=3.0, params={"text": "3"}),
        Finding("KX004", CellRef("IKU", "B2"), params={"label_year": 2023, "year": 2024}),
        Finding("KX005", CellRef("IKU", "C3:D4"), params={"label": "x", "period": "Q1"}),
        Finding("KX120", CellRef("IKU", "H20"), period="Q4", params={"reported": "Q4"}),
        Finding("KX207"),
    ]
    return FileResult(path=path, workbook=model, analysis=analyse(model, P300), profile=P300, findings=findings)


@pytest.fixture(scope="module", params=["xlsx", "xlsm"])
def pair(request, tmp_path_factory):
    """(input path, output path) for an .xlsx and an .xlsm, annotated once per module."""
    folder = tmp_path_factory.mktemp(request.param)
    src = folder / f"Q4.{request.param}"
    build(src, vba=request.param == "xlsm")
    dst = folder / f"Q4.checked.{request.param}"
    before = src.read_bytes()
    write_annotated(result_for(src), dst, fallback=False)
    assert src.read_bytes() == before
    return src, dst


def _zip(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def _sheet_part(parts: dict[str, bytes], name: str) -> str:
    wb = parts["xl/workbook.xml"].decode()
    rid = re.search(r'<sheet [^>]*name="' + name + r'"[^>]*r:id="([^"]+)"', wb).group(1)
    rels = parts["xl/_rels/workbook.xml.rels"].decode()
    target = re.search(r'<Relationship [^>]*Id="' + rid + r'"[^>]*Target="([^"]+)"', rels)
    if target is None:
        target = re.search(r'<Relationship [^>]*Target="([^"]+)"[^>]*Id="' + rid + '"', rels)
    t = target.group(1)
    return t.lstrip("/") if t.startswith("/") else "xl/" + t


# Parts the annotation may change; every other part must be byte-identical.
def _may_change(name: str) -> bool:
    return (
        name in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/styles.xml")
        # our marker: a custom document property (kinerja_xl/outputs.py)
        or name in ("_rels/.rels", "docProps/custom.xml")
        or name.startswith(("xl/comments", "xl/drawings/vmlDrawing", "xl/worksheets/_rels/"))
        or name == "xl/worksheets/sheet1.xml"
    )


def test_untouched_parts_are_byte_identical(pair):
    src, dst = pair
    a, b = _zip(src), _zip(dst)
    assert set(a) <= set(b)
    for name, data in a.items():
        if not _may_change(name):
            assert b[name] == data, name


def test_macros_survive(pair):
    src, dst = pair
    parts = _zip(dst)
    if src.suffix == ".xlsm":
        assert parts["xl/vbaProject.bin"] == VBA
        assert b"macroEnabled" in parts["[Content_Types].xml"]
        assert openpyxl.load_workbook(dst, keep_vba=True).vba_archive is not None


def test_extensions_and_cached_values_survive(pair):
    src, dst = pair
    a = _zip(src)["xl/worksheets/sheet1.xml"].decode()
    b = _zip(dst)["xl/worksheets/sheet1.xml"].decode()
    for tag in ("x14:conditionalFormattings", "x14:sparklineGroups"):
        block = re.search(f"<{tag}.*?</{tag}>", a, re.S).group(0)
        assert block in b, tag  # the whole extension block, unchanged
    tail = a[a.rindex("<extLst>", 0, a.index("x14:conditionalFormattings")) :]
    assert tail in b  # the sheet's extLst through the end of the XML
    cached = re.compile(r'<c r="([A-Z]+\d+)"[^>]*><f>([^<]*)</f><v>([^<]*)</v></c>')
    assert cached.findall(a) and cached.findall(a) == cached.findall(b)
    strip = re.compile(r'(<c r="[A-Z]+\d+")( s="\d+")?')
    # beyond the s attribute of annotated cells and the legacyDrawing, the sheet XML is the same
    assert len(b) - len(a) < 400
    for tag in (
        "<mergeCells",
        "<dataValidations",
        "<conditionalFormatting",
        "<pageSetup",
        "<printOptions",
        "<pane ",
        "<cols>",
        "<drawing ",
    ):
        if tag in a:
            seg_a = a[a.index(tag) : a.index(">", a.index(tag))]
            assert seg_a in b, tag
    assert strip.sub(r"\1", a).count("<c r=") + 1 == strip.sub(r"\1", b).count("<c r=")  # H20 added


def _style(cell) -> tuple:
    return (cell.number_format, repr(cell.font), repr(cell.border), repr(cell.alignment), repr(cell.protection))


def test_every_cell_value_formula_and_style_survives(pair):
    src, dst = pair
    keep = src.suffix == ".xlsm"
    a = openpyxl.load_workbook(src, keep_vba=keep)
    b = openpyxl.load_workbook(dst, keep_vba=keep)
    ours = ["Ringkasan", "Temuan", "Rincian"]  # first; an .xlsm keeps them last (its VBA may count sheets)
    assert b.sheetnames == ([*a.sheetnames, *ours] if src.suffix == ".xlsm" else [*ours, *a.sheetnames])
    for ws_a in a.worksheets:
        ws_b = b[ws_a.title]
        assert ws_a.sheet_state == ws_b.sheet_state
        assert ws_a.freeze_panes == ws_b.freeze_panes
        assert set(map(str, ws_a.merged_cells.ranges)) == set(map(str, ws_b.merged_cells.ranges))
        assert [(dv.sqref, dv.formula1) for dv in ws_a.data_validations.dataValidation] == [
            (dv.sqref, dv.formula1) for dv in ws_b.data_validations.dataValidation
        ]
        assert [(str(k.sqref), len(v)) for k, v in ws_a.conditional_formatting._cf_rules.items()] == [
            (str(k.sqref), len(v)) for k, v in ws_b.conditional_formatting._cf_rules.items()
        ]
        assert len(ws_a._images) == len(ws_b._images) and len(ws_a._charts) == len(ws_b._charts)
        assert ws_a.page_setup.orientation == ws_b.page_setup.orientation
        assert ws_a.page_setup.paperSize == ws_b.page_setup.paperSize
        assert ws_a.print_area == ws_b.print_area and ws_a.print_title_rows == ws_b.print_title_rows
        assert ws_a.column_dimensions["B"].width == ws_b.column_dimensions["B"].width
        assert ws_a.row_dimensions[2].height == ws_b.row_dimensions[2].height
        for row in ws_a.iter_rows():
            for ca in row:
                cb = ws_b[ca.coordinate]
                assert cb.value == ca.value, ca.coordinate
                assert _style(cb) == _style(ca), ca.coordinate
                if (ws_a.title, ca.coordinate) in ANNOTATED:
                    assert cb.fill.fgColor.rgb != ca.fill.fgColor.rgb
                else:
                    assert repr(cb.fill) == repr(ca.fill), ca.coordinate
                if ca.comment is not None:
                    assert cb.comment.text.startswith(ca.comment.text)
    ours = {n for n in b.defined_names if n.startswith("kinerjaxl_")}  # the markers of our sheets (own_sheets.py)
    assert ours == {"kinerjaxl_ringkasan", "kinerjaxl_temuan", "kinerjaxl_rincian"}
    assert {n: d.attr_text for n, d in a.defined_names.items()} == {
        n: d.attr_text for n, d in b.defined_names.items() if n not in ours
    }
    assert {n: d.attr_text for n, d in a["IKU"].defined_names.items()} == {
        n: d.attr_text for n, d in b["IKU"].defined_names.items()
    }
    assert "KX101" in b["IKU"]["D5"].comment.text
    assert b["IKU"]["H20"].fill.fgColor.rgb.endswith("FFEB9C")


def test_existing_comment_box_size_is_kept(pair):
    src, dst = pair
    vml_a = next(v for k, v in _zip(src).items() if k.endswith(".vml")).decode()
    vml_b = next(v for k, v in _zip(dst).items() if k.endswith(".vml")).decode()
    box = re.search(r"<v:shape .*?</v:shape>", vml_a, re.S).group(0)
    assert box in vml_b
    assert vml_b.count("<v:shape ") == vml_a.count("<v:shape ") + 4  # D5, B2, C3, H20 get new notes


def test_rerun_keeps_one_pair_of_sheets_and_the_parts(pair, tmp_path):
    _src, dst = pair
    again = tmp_path / f"again{dst.suffix}"
    write_annotated(result_for(dst), again, fallback=False)
    b = openpyxl.load_workbook(again)
    assert b.sheetnames.count("Ringkasan") == 1 and b.sheetnames.count("Temuan") == 1
    parts = _zip(again)
    assert "x14:sparklineGroups" in parts["xl/worksheets/sheet1.xml"].decode()
    assert set(parts) == set(_zip(dst))  # the old sheets' parts replaced, none left behind or doubled


def test_openpyxl_fallback_names_what_it_loses(tmp_path):
    src = tmp_path / "Q4.xlsx"
    build(src)
    result = result_for(src)
    write_annotated(result, tmp_path / "out.xlsx", method="openpyxl")
    lost = {f.params.get("part") for f in result.findings if f.code == "KX030"}
    assert {"sparklines", "x14-conditional-formatting", "cached-formula-values"} <= lost
    temuan = openpyxl.load_workbook(tmp_path / "out.xlsx")["Temuan"]
    assert "KX030" in [c.value for c in temuan["B"]]


def test_every_xml_part_is_well_formed(pair):
    from defusedxml import ElementTree

    _, dst = pair
    for name, data in _zip(dst).items():
        if name.endswith((".xml", ".rels", ".vml")):
            ElementTree.fromstring(data)  # raises on a broken edit
