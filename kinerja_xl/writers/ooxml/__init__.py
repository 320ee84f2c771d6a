"""Write the annotation into the original xlsx package, copying every untouched part byte for byte.

Only these parts change: the annotated sheets' XML (the ``s`` attribute of annotated cells, an
empty cell added where a finding points at a cell the file does not store, a ``<legacyDrawing>``
when the sheet gets its first comments), xl/styles.xml (fills and cell formats appended, nothing
renumbered), comments parts and VML drawings (ours appended after existing ones), the sheet
rels, workbook.xml + its rels + [Content_Types].xml for the Ringkasan and Temuan sheets. Those two
sheets (and Ringkasan's chart with its drawing) are new parts written here as SpreadsheetML from
the specs summary_sheet.py builds, using a few cell formats appended to our styles.xml.

The edits are string surgery on the few elements we touch, so namespaces, prefixes, extLst
blocks, cached formula values and everything else stay exactly as they were. A package with a
shape this module does not handle (prefixed SpreadsheetML, Strict OOXML, non UTF-8 parts) raises
UnsupportedPackage and the caller falls back to openpyxl.

The package's modules: parts (the zip, relationships, the workbook), styles (styles.xml and
cell fills), comments (comments and VML), sheets and charts (the sheets we add), cells (the
fixed copy's values and formulas); this module holds the two entry points.
"""

from __future__ import annotations

import re
import zipfile
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

from kinerja_xl.writers.fixed import COMMENT_AUTHOR as FIX_COMMENT_AUTHOR
from kinerja_xl.writers.fixed import comment_text as fix_comment_text
from kinerja_xl.writers.marks import COMMENT_AUTHOR, cell_notes, comment_text
from kinerja_xl.writers.ooxml.cells import drop_dependents, full_calc_on_load, write_fixed_cells
from kinerja_xl.writers.ooxml.comments import add_comments
from kinerja_xl.writers.ooxml.parts import (
    Package,
    UnsupportedPackage,
    add_rel,
    free_part_name,
    part_rels,
    remove_own_sheets,
    set_content_type,
    sheet_parts,
    workbook_part,
)
from kinerja_xl.writers.ooxml.sheets import add_summary_sheets, sheet_xml
from kinerja_xl.writers.ooxml.styles import Styles, add_default_styles, restyle_cells

if TYPE_CHECKING:
    from kinerja_xl.fixes import Fix
    from kinerja_xl.results import FileResult
    from kinerja_xl.writers.marks import CellNote

__all__ = ["UnsupportedPackage", "annotate_package", "fix_package", "sheet_xml"]


def _open(path: str | Path) -> Package:
    """The input's package in memory, every part as it is."""
    try:
        with zipfile.ZipFile(Path(path)) as z:
            infos = z.infolist()
            return Package({i.filename: z.read(i.filename) for i in infos}, infos)
    except (zipfile.BadZipFile, OSError) as exc:
        raise UnsupportedPackage(str(exc)) from exc


def annotate_package(result: FileResult, lang: str = "id") -> bytes:
    """The annotated package as bytes: the input's zip with only the annotated parts rewritten."""
    # A shape we do not handle raises UnsupportedPackage where it is detected (a missing or
    # non-UTF-8 part, prefixed or Strict XML, a sheet without its part); anything else is a bug
    # and surfaces as one, never as a silent fallback to openpyxl.
    return _annotate(_open(result.path), result, lang)


def _prepare(pkg: Package) -> tuple[str, Styles, dict[str, str]]:
    """What both copies start from: the workbook part, its styles (a plain styles part added when
    the input has none) and the sheets by name, with an earlier run's sheets of ours removed."""
    wb_part = workbook_part(pkg)
    if re.search(r"<\w+:workbook\b", pkg.read(wb_part)[:2000]):
        raise UnsupportedPackage("prefixed workbook.xml")
    remove_own_sheets(pkg, wb_part)
    styles_part = next((r["Target"] for r in part_rels(pkg, wb_part) if r["Type"].endswith("/styles")), None)
    if styles_part is None or not pkg.exists(styles_part):
        styles_part = add_default_styles(pkg, wb_part, styles_part)
    sheets = {name: part for name, _, part in sheet_parts(pkg, wb_part)}
    return wb_part, Styles(pkg, styles_part), sheets


def _annotate(pkg: Package, result: FileResult, lang: str) -> bytes:
    wb_part, styles, sheets = _prepare(pkg)
    notes = cell_notes(result.findings, sheets, lang)
    per_sheet: dict[str, dict[str, CellNote]] = defaultdict(dict)
    for (sheet, coord), note in notes.items():
        per_sheet[sheet][coord] = note
    idmap_used: set[int] = set()
    for name in pkg.names():
        if name.endswith(".vml"):
            idmap_used.update(int(x) for x in re.findall(r'<\w+:idmap\b[^>]*data="(\d+)', pkg.read(name)))
    for sheet, cells in per_sheet.items():
        part = sheets[sheet]
        if not part or not pkg.exists(part):
            continue
        xml = pkg.read(part)
        if "<worksheet" not in xml[:3000]:
            continue  # a chartsheet or dialog sheet: no cells to mark
        xml = restyle_cells(xml, {c: n.severity for c, n in cells.items()}, styles)
        texts = {c: comment_text(n) for c, n in cells.items() if n.lines}
        if texts:
            xml = add_comments(pkg, part, xml, texts, COMMENT_AUTHOR, idmap_used)
        pkg.write(part, xml)
    add_summary_sheets(pkg, wb_part, styles, result, lang)
    styles.save()
    _mark(pkg)
    return pkg.to_bytes()


def _mark(pkg: Package, kind: str = "checked") -> None:
    """Set our custom document property (the marker of outputs.py), adding docProps/custom.xml if needed."""
    from kinerja_xl import outputs

    part = next((r["Target"] for r in part_rels(pkg, "") if r["Type"] == outputs.CUSTOM_PROPS_REL), None)
    if part is None or not pkg.exists(part):
        if part is None:
            part = outputs.CUSTOM_PROPS_PART
            if pkg.exists(part):  # a stray part of that name that nothing points at
                part = free_part_name(pkg, "docProps/custom%d.xml")
            add_rel(pkg, "", outputs.CUSTOM_PROPS_REL, part)
        pkg.write(part, outputs.with_marker(None, kind))
        set_content_type(pkg, part, outputs.CUSTOM_PROPS_CT)
        return
    pkg.write(part, outputs.with_marker(pkg.read(part), kind))


def fix_package(result: FileResult, lang: str = "id") -> bytes:
    """The fixed package as bytes: the input's zip with the fixed cells (result.fix_plan) rewritten."""
    return _fix(_open(result.path), result, lang)  # UnsupportedPackage where detected, as annotate_package


def _fix(pkg: Package, result: FileResult, lang: str) -> bytes:
    wb_part, styles, sheets = _prepare(pkg)
    per_sheet: dict[str, dict[str, Fix]] = defaultdict(dict)
    assert result.fix_plan is not None
    for fx in result.fix_plan.fixes:
        per_sheet[fx.cell.sheet][fx.cell.coord] = fx
    idmap_used: set[int] = set()
    for name in pkg.names():
        if name.endswith(".vml"):
            idmap_used.update(int(x) for x in re.findall(r'<\w+:idmap\b[^>]*data="(\d+)', pkg.read(name)))
    for sheet, fixes in per_sheet.items():
        part = sheets.get(sheet)
        if not part or not pkg.exists(part):
            raise UnsupportedPackage(f"sheet {sheet!r} not found")
        xml = pkg.read(part)
        if re.search(r"<\w+:worksheet\b", xml[:2000]) or "<worksheet" not in xml[:3000]:
            raise UnsupportedPackage(f"sheet {sheet!r} is not a plain worksheet")
        xml = write_fixed_cells(xml, fixes, styles)
        texts = {coord: fix_comment_text(fx, lang) for coord, fx in fixes.items()}
        xml = add_comments(pkg, part, xml, texts, FIX_COMMENT_AUTHOR, idmap_used)
        pkg.write(part, xml)
    changed = {(fx.cell.sheet, fx.cell.coord) for fx in result.fix_plan.fixes}
    # Any formula may read a fixed cell in a way not traced here (a defined name, INDIRECT): a
    # workbook with formulas is recalculated on open once something changed.
    recalc = drop_dependents(pkg, sheets, changed) or any(
        "<f" in pkg.read(part) for part in sheets.values() if part and pkg.exists(part)
    )
    add_summary_sheets(pkg, wb_part, styles, result, lang, kind="fixed")
    if recalc:
        pkg.write(wb_part, full_calc_on_load(pkg.read(wb_part)))
    styles.save()
    _mark(pkg, "fixed")
    return pkg.to_bytes()
