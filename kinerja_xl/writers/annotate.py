"""The annotated copy of a checked workbook: finding cells filled and commented, Ringkasan and Temuan added.

Two ways to write it:

* ``package`` (default): the annotation is written into the ORIGINAL xlsx/xlsm package. Every zip
  member we do not need to change is copied byte for byte, so parts openpyxl would drop (x14
  conditional formats and data bars, sparklines, data validations in extensions, slicers,
  comment box sizes, cached formula values, macros) survive untouched. See writers/ooxml/.
* ``openpyxl`` (fallback, when the package has a shape writers/ooxml/ does not handle): load with
  openpyxl, annotate, save. Parts openpyxl drops are detected by comparing the packages and
  reported as KX030 findings appended to ``result.findings`` (and listed on Ringkasan).
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kinerja_xl import outputs
from kinerja_xl.findings import Finding
from kinerja_xl.messages.reasons import LocalizedReason
from kinerja_xl.results import FileResult

if TYPE_CHECKING:
    from openpyxl.workbook import Workbook as XlWorkbook

# Imported with this module, not at the first write: every annotated copy needs them.
from kinerja_xl.writers import ooxml, summary_sheet  # noqa: F401
from kinerja_xl.writers.marks import cell_notes, comment_text, own_sheet_specs
from kinerja_xl.writers.sheet_spec import COMMENT_AUTHOR


def write_annotated(
    result: FileResult, dst: Path, lang: str = "id", *, method: str = "package", fallback: bool = True
) -> Path:
    """Write the annotated copy of ``result.path`` to ``dst`` atomically and return ``dst``.

    The input is never written. ``method`` is "package" (lossless, falls back to openpyxl when the
    package cannot be handled) or "openpyxl". When the openpyxl path had to be used and it lost
    parts of the input, one KX030 finding per lost part is appended to ``result.findings`` (before
    Temuan is built, so it is listed there too). ``fallback=False`` raises UnsupportedPackage
    instead of taking the openpyxl path (tests use it to prove the lossless path ran).
    """
    src, dst = Path(result.path), Path(dst)
    if dst.exists() and src.exists() and os.path.samefile(src, dst):
        raise ValueError(f"refusing to overwrite the input file {src}")
    data = None
    if method == "package":
        try:
            data = ooxml.annotate_package(result.path, _annotation(result, lang))
        except ooxml.UnsupportedPackage:
            if not fallback:
                raise
            data = None
    if data is None:
        data = _openpyxl_annotate(result, lang)
    outputs.atomic_write(dst, data)  # a temporary file in dst's folder, renamed over dst (outputs.py)
    return dst


def _openpyxl_annotate(result: FileResult, lang: str) -> bytes:
    """Annotate through an openpyxl load + save (loses what openpyxl does not model)."""
    import openpyxl
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    from kinerja_xl.outputs import excel_text
    from kinerja_xl.writers import summary_sheet as ss
    from kinerja_xl.writers.own_sheets import drop_marked_openpyxl, mark_openpyxl, name_specs
    from kinerja_xl.writers.sheet_openpyxl import write_openpyxl

    src = Path(result.path)
    is_xlsm = src.suffix.lower() == ".xlsm"
    wb = openpyxl.load_workbook(src, keep_vba=is_xlsm, keep_links=True, rich_text=True)
    drop_marked_openpyxl(wb)  # our sheets of an earlier run, found by their marker (own_sheets.py)
    _mark_openpyxl(wb)
    for note in cell_notes(result.findings, wb.sheetnames, lang).values():
        cell = wb[note.sheet][note.coord]
        cell.fill = PatternFill("solid", fgColor=ss.SEVERITY_FILL[note.severity])
        if note.lines:
            text = comment_text(note)
            if cell.comment is not None:
                text = excel_text(str(cell.comment.text) + "\n\n" + text)
            comment = Comment(text, COMMENT_AUTHOR)
            comment.width, comment.height = 320, 160
            cell.comment = comment
    lost = _lost_parts(src, wb)
    if lost:
        _add_lost_findings(result, lost)
    role_specs = own_sheet_specs(result, lang, lost)
    ours = []
    for (_, spec), sheet in zip(role_specs, name_specs(wb.sheetnames, role_specs), strict=True):
        ours.append(write_openpyxl(wb, spec))
        mark_openpyxl(wb, sheet)
    if not is_xlsm:  # ours first, as the package writer puts them (an .xlsm's VBA may count sheets)
        for at, ws in enumerate(ours):
            wb.move_sheet(ws, at - wb.sheetnames.index(ws.title))
    for (_, spec), ws in zip(role_specs, ours, strict=True):
        if spec.selected:  # the copy opens on Ringkasan, its tab the only one selected
            for other in wb.worksheets:
                other.sheet_view.tabSelected = False
            wb.active = wb.sheetnames.index(ws.title)
            ws.sheet_view.tabSelected = True
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _mark_openpyxl(wb: XlWorkbook) -> None:
    """Set our custom document property (the marker of outputs.py) on an openpyxl workbook."""
    from openpyxl.packaging.custom import StringProperty

    from kinerja_xl.outputs import KIND_CHECKED, PROPERTY

    props = wb.custom_doc_props  # type: ignore[attr-defined]  # missing from openpyxl's stubs
    props.props = [p for p in props.props if p.name != PROPERTY]
    props.append(StringProperty(name=PROPERTY, value=KIND_CHECKED))


# Package parts (by a marker in the part's XML) that openpyxl does not carry through a save.
_LOSSY_MARKERS = {
    "x14:conditionalFormatting": "x14-conditional-formatting",
    "x14:dataValidations": "x14-data-validations",
    "x14:sparklineGroups": "sparklines",
    "x14:slicerList": "slicers",
}


def _lost_parts(src: Path, wb: XlWorkbook) -> list[str]:
    """Names of input parts an openpyxl save drops (best effort, by package inspection)."""
    import zipfile

    lost: set[str] = set()
    with zipfile.ZipFile(src) as z:
        names = z.namelist()
        for name in names:
            if name.startswith("xl/worksheets/sheet") and name.endswith(".xml"):
                text = z.read(name).decode("utf-8", "replace")
                for marker, label in _LOSSY_MARKERS.items():
                    if marker in text:
                        lost.add(label)
                if "<f" in text and "<v" in text:
                    lost.add("cached-formula-values")
        if any(n.startswith("xl/slicers/") for n in names):
            lost.add("slicers")
    return sorted(lost)


def _add_lost_findings(result: FileResult, lost: list[str]) -> None:
    """Append one KX030 finding per lost part (when the catalogue has KX030)."""
    from kinerja_xl.messages import CATALOGUE

    if "KX030" not in CATALOGUE:
        return
    for part in lost:
        result.findings.append(Finding("KX030", params={"part": part}, file=str(result.path)))


def _annotation(result: FileResult, lang: str) -> ooxml.Content:
    """What the annotated copy gets: each marked cell's fill and comment, our sheets."""
    cells: dict[str, dict[str, str]] = {}
    comments: dict[str, dict[str, str]] = {}
    for (sheet, coord), note in cell_notes(result.findings, None, lang).items():
        cells.setdefault(sheet, {})[coord] = note.severity
        if note.lines:
            comments.setdefault(sheet, {})[coord] = comment_text(note)
    return ooxml.Content(cells, comments, COMMENT_AUTHOR, own_sheet_specs(result, lang))


def _fixes(result: FileResult, lang: str) -> ooxml.Content:
    """What the fixed copy gets: each fixed cell with its comment, Ringkasan after the fixes and Perbaikan."""
    from kinerja_xl.writers import fixed

    cells: dict[str, dict[str, Any]] = {}
    comments: dict[str, dict[str, str]] = {}
    assert result.fix_plan is not None
    for fx in result.fix_plan.fixes:
        cells.setdefault(fx.cell.sheet, {})[fx.cell.coord] = fx
    for sheet, fixes in cells.items():
        comments[sheet] = {coord: fixed.comment_text(fx, lang) for coord, fx in fixes.items()}
    return ooxml.Content(cells, comments, fixed.COMMENT_AUTHOR, own_sheet_specs(result, lang, kind="fixed"))


class CannotPatch(LocalizedReason, ValueError):
    """The input's package has a shape the patcher does not handle: its fixed copy cannot be written."""


def write_fixed(result: FileResult, dst: Path, lang: str = "id") -> Path:
    """Write the fixed copy of ``result.path`` (its ``fix_plan`` applied) to ``dst`` atomically; return ``dst``."""
    src, dst = Path(result.path), Path(dst)
    if dst.exists() and src.exists() and os.path.samefile(src, dst):
        raise ValueError(f"refusing to overwrite the input file {src}")
    try:
        data = ooxml.fix_package(result.path, _fixes(result, lang))
    except ooxml.UnsupportedPackage as exc:
        raise CannotPatch.of("write-cannot-patch", detail=str(exc)) from exc
    outputs.atomic_write(dst, data)
    return dst
