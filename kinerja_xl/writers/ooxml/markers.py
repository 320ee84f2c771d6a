"""The sheets kinerja-xl adds to a workbook (Ringkasan, Temuan, Perbaikan, ...): their names and their marker.

**The marker.** Each sheet we add is marked by a workbook-level defined name ``kinerjaxl_<role>``
(``kinerjaxl_ringkasan``, ``kinerjaxl_temuan``, ``kinerjaxl_perbaikan``) referring to the sheet's
cell A1, e.g. ``kinerjaxl_ringkasan = 'Ringkasan'!$A$1``. It is stored in the package
(xl/workbook.xml), not in the sheet name: Excel and LibreOffice keep defined names when they
re-save a file and rewrite the reference when a sheet is renamed, so a sheet of ours that
someone renamed is still ours, and an office's own sheet called ``Ringkasan`` or ``Temuan``
carries no such name and is never touched. Excel hides the name (``hidden="1"``); LibreOffice
shows it in its name box after a re-save, which does no harm.

**The names.** A sheet of ours takes its plain name (``Ringkasan``) when no sheet of the input
has it (compared as Excel compares: case-insensitive), else ``Ringkasan (kinerja-xl)``, then
``Ringkasan (kinerja-xl 2)``..., always within Excel's 31 characters.

**A re-run** drops every sheet a marker points at (with its parts) and adds fresh ones.

Writers use ``plan_sheets`` (or ``name_specs`` on summary_sheet specs) for the names and markers
of the sheets they add (marks.own_sheet_specs lists them), and
``marked_sheets`` to find the sheets of an earlier run; ``defined_name_xml`` and
``writers/own_sheets.py`` (``mark_openpyxl``/``drop_marked_openpyxl``) writes it through openpyxl.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from html import unescape
from typing import Any

MARKER_PREFIX = "kinerjaxl_"
TAG = "kinerja-xl"
MAX_SHEET_NAME = 31  # Excel's limit
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


@dataclass(frozen=True)
class OwnSheet:
    """One sheet we add: its role (``ringkasan``), the name it gets, and its marker's defined name."""

    role: str
    name: str

    @property
    def marker(self) -> str:
        return marker_name(self.role)

    @property
    def reference(self) -> str:
        """The marker's formula: the sheet's cell A1."""
        return quote_sheet(self.name) + "!$A$1"


def marker_name(role: str) -> str:
    """The defined name that marks our sheet of a role: ``kinerjaxl_ringkasan``."""
    return MARKER_PREFIX + re.sub(r"\W", "_", role.lower())


def quote_sheet(name: str) -> str:
    """A sheet name as a formula reference needs it: 'Ringkasan (kinerja-xl)', quotes doubled."""
    return "'" + name.replace("'", "''") + "'"


def sheet_of_reference(ref: str) -> str | None:
    """The sheet a reference like ``'It''s'!$A$1`` or ``Temuan!$A$1`` points at; None for #REF! and the like."""
    ref = unescape(ref).strip().lstrip("=")
    m = re.fullmatch(r"'((?:[^']|'')+)'!\$?[A-Z]+\$?\d+(?::\$?[A-Z]+\$?\d+)?", ref)
    if m:
        return m.group(1).replace("''", "'")
    m = re.fullmatch(r"([^'!]+)!\$?[A-Z]+\$?\d+(?::\$?[A-Z]+\$?\d+)?", ref)
    return m.group(1) if m else None


def marked_sheets(defined_names: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Sheet name -> role of every sheet a marker of ours points at, from (defined name, formula) pairs."""
    out: dict[str, str] = {}
    for name, ref in defined_names:
        if name.lower().startswith(MARKER_PREFIX):
            sheet = sheet_of_reference(ref)
            if sheet is not None:
                out[sheet] = name[len(MARKER_PREFIX) :].lower()
    return out


def free_sheet_name(base: str, taken: Iterable[str]) -> str:
    """``base`` when no taken sheet has it (case-insensitive), else ``base (kinerja-xl)``, ``base (kinerja-xl 2)``..."""
    used = {t.casefold() for t in taken}
    base = _BAD_SHEET_CHARS.sub("_", base).strip("'")[:MAX_SHEET_NAME] or "Sheet"
    if base.casefold() not in used:
        return base
    n = 1
    while True:
        tag = f" ({TAG})" if n == 1 else f" ({TAG} {n})"
        name = base[: MAX_SHEET_NAME - len(tag)].rstrip() + tag
        if name.casefold() not in used:
            return name
        n += 1


def plan_sheets(input_sheets: Iterable[str], wanted: Iterable[tuple[str, str]]) -> list[OwnSheet]:
    """The names of the sheets we add: (role, plain name) each, next to the input's own sheets.

    ``input_sheets``: the sheets that stay (the input's, without the marked sheets of an
    earlier run that the writer drops). Later sheets of ours also avoid the earlier ones' names.
    """
    taken = list(input_sheets)
    out = []
    for role, base in wanted:
        sheet = OwnSheet(role, free_sheet_name(base, taken))
        taken.append(sheet.name)
        out.append(sheet)
    return out


def name_specs(input_sheets: Iterable[str], role_specs: list[tuple[str, Any]]) -> list[OwnSheet]:
    """Name the sheet specs we add (role, spec with its plain ``name``) with plan_sheets; returns the plan."""
    planned = plan_sheets(input_sheets, [(role, spec.name) for role, spec in role_specs])
    for (_, spec), sheet in zip(role_specs, planned, strict=True):
        spec.name = sheet.name
    return planned


def defined_name_xml(sheet: OwnSheet) -> str:
    """The ``<definedName>`` element that marks a sheet of ours (SpreadsheetML, escaped)."""
    ref = sheet.reference.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f'<definedName name="{sheet.marker}" hidden="1">{ref}</definedName>'
