"""The sheets kinerja-xl adds to a workbook, through openpyxl: find and drop those of an earlier run,
mark the new ones. Their names and the marker (a hidden defined name) are in ``ooxml/markers.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kinerja_xl.writers.ooxml.markers import (
    MARKER_PREFIX,
    MAX_SHEET_NAME,
    TAG,
    OwnSheet,
    defined_name_xml,
    free_sheet_name,
    marked_sheets,
    marker_name,
    name_specs,
    plan_sheets,
    quote_sheet,
    sheet_of_reference,
)

if TYPE_CHECKING:
    from openpyxl.workbook import Workbook as XlWorkbook

# The names and markers live in ooxml/markers (no openpyxl); they stay importable from here.
__all__ = [
    "MARKER_PREFIX",
    "MAX_SHEET_NAME",
    "TAG",
    "OwnSheet",
    "defined_name_xml",
    "drop_marked_openpyxl",
    "free_sheet_name",
    "mark_openpyxl",
    "marked_sheets",
    "marker_name",
    "name_specs",
    "plan_sheets",
    "quote_sheet",
    "sheet_of_reference",
]


# --- openpyxl writer -----------------------------------------------------------------------


def _openpyxl_names(wb: XlWorkbook) -> list[tuple[str, str]]:
    return [(name, dn.attr_text or "") for name, dn in wb.defined_names.items()]


def drop_marked_openpyxl(wb: XlWorkbook) -> list[str]:
    """Remove the sheets of an earlier run (and their markers) from an openpyxl workbook; their names."""
    marked = marked_sheets(_openpyxl_names(wb))
    for name in [n for n in wb.defined_names if n.lower().startswith(MARKER_PREFIX)]:
        del wb.defined_names[name]
    dropped = []
    for sheet in marked:
        if sheet in wb.sheetnames:
            del wb[sheet]
            dropped.append(sheet)
    return dropped


def mark_openpyxl(wb: XlWorkbook, sheet: OwnSheet) -> None:
    """Add the marker of one sheet of ours to an openpyxl workbook."""
    from openpyxl.workbook.defined_name import DefinedName

    wb.defined_names[sheet.marker] = DefinedName(sheet.marker, attr_text=sheet.reference, hidden=True)
