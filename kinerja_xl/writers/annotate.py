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
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kinerja_xl.findings import Finding, Severity, format_number
from kinerja_xl.messages import ui

# Imported with this module, not at the first write: every annotated copy needs them.
from kinerja_xl.writers import ooxml, summary_sheet  # noqa: F401

MAX_RANGE_CELLS = 2000  # a finding on a huge range fills at most this many cells
COMMENT_AUTHOR = "kinerja-xl"


@dataclass
class CellNote:
    """What one input cell gets: the worst severity's fill and one comment listing its findings."""

    sheet: str
    coord: str  # a single cell
    severity: str  # worst of the findings
    lines: list[str] = field(default_factory=list)  # comment paragraphs; empty on range cells but the first


def expand_range(coord: str, limit: int = MAX_RANGE_CELLS) -> list[str]:
    """The cells of 'C5' or 'C5:I5' (top-left first), at most ``limit`` of them."""
    from openpyxl.utils.cell import get_column_letter, range_boundaries

    coord = coord.replace("$", "").upper()
    if ":" not in coord:
        return [coord]
    min_col, min_row, max_col, max_row = range_boundaries(coord)
    if min_col is None or min_row is None or max_col is None or max_row is None:  # a whole row or column
        return [coord]
    out = []
    for r in range(min_row, max_row + 1):
        for c in range(min_col, max_col + 1):
            out.append(f"{get_column_letter(c)}{r}")
            if len(out) >= limit:
                return out
    return out


def comment_line(f: Finding, lang: str = "id") -> str:
    """One finding in a cell comment: code, severity, message and expected value."""
    message = f.message(lang)
    text = f"{f.code} ({ui(f.severity.value, lang)}): {message}"
    expected = format_number(f.expected, lang) if f.expected is not None else None
    if expected is not None and expected not in message:  # the expected value said once
        text += f"\n{ui('expected', lang).capitalize()}: {expected}"
    return text


def cell_notes(
    findings: Iterable[Finding], sheets: Iterable[str] | None = None, lang: str = "id"
) -> dict[tuple[str, str], CellNote]:
    """Group findings by the cells they mark: worst severity wins, one comment per cell."""
    known = set(sheets) if sheets is not None else None
    notes: dict[tuple[str, str], CellNote] = {}
    # Per cell the worst finding comes first in the comment.
    for f in sorted(findings, key=lambda f: (*f.sort_key()[:4], -f.severity.rank, f.code)):
        if f.cell is None or (known is not None and f.cell.sheet not in known):
            continue
        for i, coord in enumerate(expand_range(f.cell.coord)):
            key = (f.cell.sheet, coord)
            note = notes.get(key)
            if note is None:
                note = notes[key] = CellNote(f.cell.sheet, coord, f.severity.value)
            elif f.severity.rank > Severity(note.severity).rank:
                note.severity = f.severity.value
            if i == 0:
                note.lines.append(comment_line(f, lang))
    return notes


def own_sheet_specs(result, lang: str = "id", lost: Iterable[str] = (), kind: str = "checked") -> list[tuple[str, Any]]:
    """(role, summary_sheet.SheetSpec) of every sheet the annotated copy gets, in tab order.

    Both writers render exactly these, named by own_sheets.name_specs (``Ringkasan`` or
    ``Ringkasan (kinerja-xl)``) and marked as ours. A new sheet of ours (Perbaikan, a dashboard)
    is one more entry here: its role names its marker (``kinerjaxl_perbaikan``).
    ``kind`` "fixed": the fixed copy of `kinerja-xl fix` (result has a fix_plan): Ringkasan after
    the fixes and Perbaikan.
    """
    from kinerja_xl.writers import summary_sheet as ss

    if kind == "fixed":
        from kinerja_xl.writers.fixed import fixed_view, perbaikan_spec

        return [
            ("ringkasan", ss.ringkasan_spec(fixed_view(result), lang, lost)),
            ("perbaikan", perbaikan_spec(result, lang)),
        ]
    from kinerja_xl.writers import dashboard

    return [
        ("ringkasan", ss.ringkasan_spec(result, lang, lost)),
        ("temuan", ss.temuan_spec(result.findings, lang)),
        ("rincian", dashboard.rincian_spec(result, lang)),
    ]


def comment_text(note: CellNote) -> str:
    """The comment kinerja-xl adds to a cell (at most the 32,767 characters a comment holds)."""
    from kinerja_xl.outputs import excel_text

    return excel_text(COMMENT_AUTHOR + ":\n" + "\n\n".join(note.lines))


def write_annotated(result, dst: Path, lang: str = "id", *, method: str = "package", fallback: bool = True) -> Path:
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
            data = ooxml.annotate_package(result, lang)
        except ooxml.UnsupportedPackage:
            if not fallback:
                raise
            data = None
    if data is None:
        data = _openpyxl_annotate(result, lang)
    _atomic_write(dst, data)
    return dst


def _atomic_write(dst: Path, data: bytes) -> None:
    """Write bytes to a temp file in dst's folder, then rename over dst (mode of a new file, see outputs.py)."""
    from kinerja_xl.outputs import atomic_write

    atomic_write(dst, data)


def _openpyxl_annotate(result, lang: str) -> bytes:
    """Annotate through an openpyxl load + save (loses what openpyxl does not model)."""
    import openpyxl
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    from kinerja_xl.outputs import excel_text
    from kinerja_xl.writers import summary_sheet as ss
    from kinerja_xl.writers.own_sheets import drop_marked_openpyxl, mark_openpyxl, name_specs

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
    for (_, spec), sheet in zip(role_specs, name_specs(wb.sheetnames, role_specs), strict=True):
        ss.write_openpyxl(wb, spec)
        mark_openpyxl(wb, sheet)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _mark_openpyxl(wb) -> None:
    """Set our custom document property (the marker of outputs.py) on an openpyxl workbook."""
    from openpyxl.packaging.custom import StringProperty

    from kinerja_xl.outputs import KIND_CHECKED, PROPERTY

    props = wb.custom_doc_props
    props.props = [p for p in props.props if p.name != PROPERTY]
    props.append(StringProperty(name=PROPERTY, value=KIND_CHECKED))


# Package parts (by a marker in the part's XML) that openpyxl does not carry through a save.
_LOSSY_MARKERS = {
    "x14:conditionalFormatting": "x14-conditional-formatting",
    "x14:dataValidations": "x14-data-validations",
    "x14:sparklineGroups": "sparklines",
    "x14:slicerList": "slicers",
}


def _lost_parts(src: Path, wb) -> list[str]:
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


def _add_lost_findings(result, lost: list[str]) -> None:
    """Append one KX030 finding per lost part (when the catalogue has KX030)."""
    from kinerja_xl.messages import CATALOGUE

    if "KX030" not in CATALOGUE:
        return
    for part in lost:
        result.findings.append(Finding("KX030", params={"part": part}, file=str(result.path)))
