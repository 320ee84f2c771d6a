"""What our copies write into an input workbook, as data: each marked cell's fill and comment
(from the findings) and the sheets we add. The package writer (writers/ooxml/) and the openpyxl
fallback (writers/annotate.py) both render exactly this; nothing here touches a file."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kinerja_xl.findings import Finding, Severity, format_number
from kinerja_xl.messages import ui
from kinerja_xl.model import cell_rc, column_letters
from kinerja_xl.results import FileResult
from kinerja_xl.writers.sheet_spec import COMMENT_AUTHOR

if TYPE_CHECKING:
    from kinerja_xl.writers.summary_sheet import SheetSpec

MAX_RANGE_CELLS = 2000  # a finding on a huge range fills at most this many cells


@dataclass
class CellNote:
    """What one input cell gets: the worst severity's fill and one comment listing its findings."""

    sheet: str
    coord: str  # a single cell
    severity: str  # worst of the findings
    lines: list[str] = field(default_factory=list)  # comment paragraphs; empty on range cells but the first


def expand_range(coord: str, limit: int = MAX_RANGE_CELLS) -> list[str]:
    """The cells of 'C5' or 'C5:I5' (top-left first), at most ``limit`` of them."""
    coord = coord.replace("$", "").upper()
    if ":" not in coord:
        return [coord]
    (min_row, min_col), (max_row, max_col) = (cell_rc(end) for end in coord.split(":", 1))
    if not (min_col and min_row and max_col and max_row):  # a whole row or column
        return [coord]
    out = []
    for r in range(min_row, max_row + 1):
        for c in range(min_col, max_col + 1):
            out.append(f"{column_letters(c)}{r}")
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


def own_sheet_specs(
    result: FileResult, lang: str = "id", lost: Iterable[str] = (), kind: str = "checked"
) -> list[tuple[str, SheetSpec]]:
    """(role, summary_sheet.SheetSpec) of every sheet the annotated copy gets, in tab order.

    Both writers render exactly these, named by own_sheets.name_specs (``Ringkasan`` or
    ``Ringkasan (kinerja-xl)``) and marked as ours. A new sheet of ours (Perbaikan, a dashboard)
    is one more entry here: its role names its marker (``kinerjaxl_perbaikan``).
    ``kind`` "fixed": the fixed copy of `kinerja-xl fix` (result has a fix_plan): Ringkasan after
    the fixes and Perbaikan.
    """
    from kinerja_xl.writers import dashboard, rincian
    from kinerja_xl.writers import summary_sheet as ss

    if kind == "fixed":
        from kinerja_xl.writers.fixed import fixed_view, perbaikan_spec

        out = [
            ("ringkasan", dashboard.ringkasan_spec(fixed_view(result), lang, lost)),
            ("perbaikan", perbaikan_spec(result, lang)),
        ]
    else:
        out = [
            ("ringkasan", dashboard.ringkasan_spec(result, lang, lost)),
            ("temuan", ss.temuan_spec(result.findings, lang, ss.sections_of(result.workbook))),
            ("rincian", rincian.rincian_spec(result, lang)),
        ]
    footer = ss.footer_text(lang)
    for role, spec in out:
        spec.name = ui(f"sheet_{role}", lang)  # Summary, Findings, Details, Fixes with --lang en
        spec.page.footer = footer
        spec.selected = role == "ringkasan"  # the copy opens on Ringkasan
    return out


def comment_text(note: CellNote) -> str:
    """The comment kinerja-xl adds to a cell (at most the 32,767 characters a comment holds)."""
    from kinerja_xl.outputs import excel_text

    return excel_text(COMMENT_AUTHOR + ":\n" + "\n\n".join(note.lines))
