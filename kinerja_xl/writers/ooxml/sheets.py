"""The sheets we add (Ringkasan, Temuan, ...) as SpreadsheetML, from the specs of summary_sheet.py."""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

from kinerja_xl.writers.ooxml import markers as own_sheets
from kinerja_xl.writers.ooxml.charts import chart_xml, drawing_xml
from kinerja_xl.writers.ooxml.parts import (
    CT_CHART,
    CT_DRAWING,
    CT_WORKSHEET,
    MAIN_NS,
    REL_NS,
    RT_CHART,
    RT_DRAWING,
    RT_WORKSHEET,
    XML_HEAD,
    Package,
    UnsupportedPackage,
    add_defined_names,
    add_rel,
    del_attr,
    free_part_name,
    get_attr,
    inline_string,
    must,
    part_rels,
    set_attr,
    set_content_type,
    sheet_parts,
    xml_attr,
    xml_text,
)
from kinerja_xl.writers.ooxml.styles import Styles, split_coord, summary_xfs

if TYPE_CHECKING:
    from kinerja_xl.writers.sheet_spec import PrintSpec, SheetSpec


def _col_letters(n: int) -> list[str]:
    from kinerja_xl.model import column_letters as get_column_letter  # no openpyxl on the package path

    return [""] + [get_column_letter(i) for i in range(1, n + 1)]


def _sheet_data(spec: SheetSpec, xfs: dict[str, str], letters: list[str]) -> tuple[list[bytes], int]:
    """The <row> elements of a spec, each encoded (a big sheet's text is never held twice: as text
    and as bytes), and its last row number."""
    parts: list[bytes] = []
    append = parts.append
    last = 0
    plain = ""
    heights = getattr(spec, "heights", {})
    texts: dict[str, str] = {}  # a string's escaped body, once per distinct text (names repeat per period)
    isfinite = math.isfinite
    for r, cells in spec.sorted_rows():
        row: list[str] = []
        add = row.append
        rs = str(r)
        for col, value, key in cells:
            s = xfs.get(key, plain)
            kind = type(value)
            if kind is float or kind is int:
                if isfinite(value):
                    add(f'<c r="{letters[col]}{rs}"{s}><v>{value!r}</v></c>')
                    continue
                value, kind = str(value), str
            if value is None or value == "":
                if s:  # an empty cell that still shows its fill
                    add(f'<c r="{letters[col]}{rs}"{s}/>')
                continue
            if kind is bool:
                add(f'<c r="{letters[col]}{rs}"{s} t="b"><v>{int(value)}</v></c>')
                continue
            if kind is not str:
                if isinstance(value, (int, float)) and not isinstance(value, bool) and isfinite(value):
                    add(f'<c r="{letters[col]}{rs}"{s}><v>{float(value)!r}</v></c>')
                    continue
                value = str(value)  # anything else is shown as its text, never as a formula
            body = texts.get(value)
            if body is None:
                body = texts[value] = inline_string(value)
            add(f'<c r="{letters[col]}{rs}"{s} t="inlineStr">{body}</c>')
        if row:
            height = heights.get(r)
            ht = f' ht="{height:g}" customHeight="1"' if height else ""
            append(f'<row r="{rs}"{ht}>{"".join(row)}</row>'.encode())
            last = r
    return parts, last


def _pane(freeze: str | None) -> str:
    if not freeze:
        return ""
    row, col = split_coord(freeze)
    if row <= 1 and col <= 1:
        return ""
    split = (f' xSplit="{col - 1}"' if col > 1 else "") + (f' ySplit="{row - 1}"' if row > 1 else "")
    active = "bottomRight" if row > 1 and col > 1 else "bottomLeft" if row > 1 else "topRight"
    return (
        f'<pane{split} topLeftCell="{freeze}" activePane="{active}" state="frozen"/>'
        f'<selection pane="{active}" activeCell="{freeze}" sqref="{freeze}"/>'
    )


def _page_xml(page: PrintSpec | None) -> str:
    """printOptions, pageMargins and pageSetup of a summary_sheet.PrintSpec (A4)."""
    if page is None:
        return '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
    fit = ' fitToWidth="1" fitToHeight="0"' if page.fit_width else ""
    orientation = "landscape" if page.landscape else "portrait"
    return (
        '<printOptions horizontalCentered="1"/>'
        '<pageMargins left="0.4" right="0.4" top="0.5" bottom="0.5" header="0.3" footer="0.3"/>'
        f'<pageSetup paperSize="9" orientation="{orientation}"{fit}/>'
        + (f"<headerFooter><oddFooter>{xml_text(page.footer)}</oddFooter></headerFooter>" if page.footer else "")
        + _breaks_xml(page.breaks)
    )


def _breaks_xml(rows: list[int]) -> str:
    """Manual page breaks before the given rows (<rowBreaks>, after pageSetup and headerFooter)."""
    if not rows:
        return ""
    items = "".join(f'<brk id="{r - 1}" max="16383" man="1"/>' for r in sorted(set(rows)))
    return f'<rowBreaks count="{len(set(rows))}" manualBreakCount="{len(set(rows))}">{items}</rowBreaks>'


def sheet_xml(spec: SheetSpec, xfs: dict[str, str], drawing_rid: str | None = None) -> bytes:
    """The worksheet part of a summary_sheet.SheetSpec (cell formats from ``xfs``)."""
    letters = _col_letters(max(spec.max_col, max(spec.widths, default=0), 1))
    rows, last = _sheet_data(spec, xfs, letters)
    page = getattr(spec, "page", None)
    selected = ' tabSelected="1"' if getattr(spec, "selected", False) else ""
    head = [
        XML_HEAD,
        f'<worksheet xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">',
        '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' if page is not None and page.fit_width else "",
        f'<dimension ref="A1:{letters[max(spec.max_col, 1)]}{max(last, 1)}"/>',
        f'<sheetViews><sheetView{selected} workbookViewId="0">{_pane(spec.freeze)}</sheetView></sheetViews>',
        '<sheetFormatPr defaultRowHeight="15"/>',
    ]
    if spec.widths:
        head.append(
            "<cols>"
            + "".join(
                f'<col min="{c}" max="{c}" width="{w:g}" customWidth="1"/>' for c, w in sorted(spec.widths.items())
            )
            + "</cols>"
        )
    tail = ["</sheetData>"]
    if spec.autofilter:
        tail.append(f'<autoFilter ref="{spec.autofilter}"/>')
    merges = getattr(spec, "merges", [])
    if merges:
        tail.append(f'<mergeCells count="{len(merges)}">' + "".join(f'<mergeCell ref="{m}"/>' for m in merges))
        tail.append("</mergeCells>")
    if spec.links:
        tail.append(
            "<hyperlinks>"
            + "".join(f'<hyperlink ref="{ref}" location="{xml_attr(loc)}"/>' for ref, loc in spec.links)
            + "</hyperlinks>"
        )
    tail.append(_page_xml(page))
    if drawing_rid:
        tail.append(f'<drawing r:id="{drawing_rid}"/>')
    tail.append("</worksheet>")
    # one join of bytes: Rincian is 9 MB at 2,000 IKU, 45 MB at 10,000
    return b"".join(["".join([*head, "<sheetData>"]).encode(), *rows, "".join(tail).encode()])


def print_titles_xml(sheet_name: str, index: int, rows: tuple[int, int]) -> str:
    """The ``_xlnm.Print_Titles`` defined name repeating rows on every printed page of one sheet."""
    ref = own_sheets.quote_sheet(sheet_name) + f"!${rows[0]}:${rows[1]}"
    return f'<definedName name="_xlnm.Print_Titles" localSheetId="{index}">{xml_text(ref)}</definedName>'


def add_summary_sheets(pkg: Package, wb_part: str, styles: Styles, role_specs: list[tuple[str, SheetSpec]]) -> None:
    """Write our sheets ((role, SheetSpec) in tab order, with their charts) into the package as new
    sheets, before the input's (after them in a macro workbook)."""
    existing = [name for name, _, _ in sheet_parts(pkg, wb_part)]
    # 'Ringkasan (kinerja-xl)' when the input has its own Ringkasan
    planned = own_sheets.name_specs(existing, role_specs)
    specs = [spec for _, spec in role_specs]
    xfs = summary_xfs(styles, {key for spec in specs for key in spec.style_keys()})
    text = pkg.read(wb_part)
    sheet_ids = [int(x) for x in re.findall(r'<sheet\b[^>]*\ssheetId="(\d+)"', text)]
    next_sheet_id = max([*sheet_ids, 0]) + 1
    rel_prefix = "r"
    m = re.search(r'xmlns:(\w+)="' + re.escape(REL_NS) + '"', text)
    if m:
        rel_prefix = m.group(1)
    else:
        root = must(re.search(r"<workbook\b[^>]*>", text), "<workbook> root")
        text = text[: root.end() - 1] + f' xmlns:r="{REL_NS}"' + text[root.end() - 1 :]
    if text.find("</sheets>") < 0:
        raise UnsupportedPackage("workbook without sheets")
    new_sheets = []
    names = [own_sheets.defined_name_xml(sheet) for sheet in planned]
    # Ours go first (tabs and a whole-workbook print start with Ringkasan); a macro workbook keeps
    # them last, since its VBA may address the input's sheets by index (Worksheets(1)).
    first = not has_macros(pkg, wb_part)
    offset = 0 if first else len(existing)
    for index, spec in enumerate(specs, offset):
        part = free_part_name(pkg, "xl/worksheets/sheet%d.xml")
        pkg.add(part, b"")  # reserve the name before the drawing and chart take theirs
        drawing_rid = None
        if spec.charts:
            drawing = free_part_name(pkg, "xl/drawings/drawing%d.xml")
            pkg.add(drawing, b"")
            placed = []
            for c in spec.charts:
                chart = free_part_name(pkg, "xl/charts/chart%d.xml")
                pkg.add(chart, chart_xml(spec.name, c))
                set_content_type(pkg, chart, CT_CHART)
                placed.append((c, add_rel(pkg, drawing, RT_CHART, chart)))
            pkg.add(drawing, drawing_xml(placed))
            set_content_type(pkg, drawing, CT_DRAWING)
            drawing_rid = add_rel(pkg, part, RT_DRAWING, drawing)
        pkg.add(part, sheet_xml(spec, xfs, drawing_rid))
        set_content_type(pkg, part, CT_WORKSHEET)
        if spec.comments:
            _add_notes(pkg, part, spec.comments)
        rid = add_rel(pkg, wb_part, RT_WORKSHEET, part)
        new_sheets.append(f'<sheet name="{xml_attr(spec.name)}" sheetId="{next_sheet_id}" {rel_prefix}:id="{rid}"/>')
        next_sheet_id += 1
        if spec.page.title_rows:
            names.append(print_titles_xml(spec.name, index, spec.page.title_rows))
    input_parts = [part for _, _, part in sheet_parts(pkg, wb_part)]
    if first:
        text = shift_sheet_indexes(text, len(specs))
        idx = must(re.search(r"<sheets\b[^>]*>", text), "<sheets>").end()
    else:
        idx = text.find("</sheets>")
    text = text[:idx] + "".join(new_sheets) + text[idx:]
    active = next((offset + i for i, spec in enumerate(specs) if spec.selected), None)
    if active is not None:
        text = open_on(pkg, text, active, input_parts)
    pkg.write(wb_part, add_defined_names(text, names))


def has_macros(pkg: Package, wb_part: str) -> bool:
    """Whether the workbook carries VBA (an .xlsm: a vbaProject part or a macro-enabled content type)."""
    if any(r["Type"].endswith("/vbaProject") for r in part_rels(pkg, wb_part)):
        return True
    types = pkg.read("[Content_Types].xml")
    m = re.search(r'<Override\b[^>]*PartName="/' + re.escape(wb_part) + r'"[^>]*>', types, re.I)
    return m is not None and "macroenabled" in (get_attr(m.group(0), "ContentType") or "").lower()


def shift_sheet_indexes(wb_xml: str, n: int) -> str:
    """workbook.xml for ``n`` sheets inserted before the existing ones: every sheet index moves by n.

    Sheets are addressed by index in two places of workbook.xml: a defined name's ``localSheetId``
    (print areas, print titles, filter ranges, the office's sheet-local names) and a workbook
    view's ``activeTab``/``firstSheet``. Formulas name sheets, so they stay as they are.
    """

    def shift(tag: str, attr: str) -> str:
        value = get_attr(tag, attr)
        if value is None or not value.strip().isdigit():
            return tag
        return set_attr(tag, attr, str(int(value) + n))

    wb_xml = re.sub(r"<definedName\b[^>]*>", lambda m: shift(m.group(0), "localSheetId"), wb_xml)
    return re.sub(r"<workbookView\b[^>]*>", lambda m: shift(shift(m.group(0), "activeTab"), "firstSheet"), wb_xml)


def _add_notes(pkg: Package, part: str, notes: dict[str, str]) -> None:
    """Comments on a sheet of ours (a note on a cell, shown on hover)."""
    from kinerja_xl.writers.ooxml.comments import add_comments
    from kinerja_xl.writers.sheet_spec import COMMENT_AUTHOR

    used: set[int] = set()
    for name in pkg.names():
        if name.endswith(".vml") and pkg.exists(name):
            used.update(int(x) for x in re.findall(r'<\w+:idmap\b[^>]*data="(\d+)', pkg.read(name)))
    pkg.write(part, add_comments(pkg, part, pkg.read(part), notes, COMMENT_AUTHOR, used))


def open_on(pkg: Package, wb_xml: str, index: int, input_parts: list[str]) -> str:
    """workbook.xml with sheet ``index`` the active tab; the input sheets' tabs unselected.

    Only the ``tabSelected`` flag of an input sheet's view changes (Excel groups every selected
    tab, so one left selected would be edited together with ours); nothing else in the sheet.
    """
    view = re.search(r"<workbookView\b[^>]*?/?>", wb_xml)
    if view is not None:
        tag = set_attr(view.group(0), "activeTab", str(index))
        first = get_attr(tag, "firstSheet")
        if first is not None and int(first) > index:
            tag = set_attr(tag, "firstSheet", str(index))
        wb_xml = wb_xml[: view.start()] + tag + wb_xml[view.end() :]
    elif "<bookViews" not in wb_xml:
        at = must(re.search(r"<sheets\b", wb_xml), "<sheets>").start()
        wb_xml = wb_xml[:at] + f'<bookViews><workbookView activeTab="{index}"/></bookViews>' + wb_xml[at:]
    for part in input_parts:
        if not part or not pkg.exists(part):
            continue
        xml = pkg.read(part)
        if "tabSelected" not in xml:
            continue
        fixed = re.sub(r"<sheetView\b[^>]*>", lambda m: del_attr(m.group(0), "tabSelected"), xml)
        if fixed != xml:
            pkg.write(part, fixed)
    return wb_xml
