"""Read a cell's comment from a written copy without loading the workbook with openpyxl.

A full openpyxl load of an annotated copy (its own sheets, charts and styles) costs some 80 ms;
a read-only load has no comments. The comment is found as Excel finds it: the sheet by name in
xl/workbook.xml, its part through the workbook's relationships, the sheet's comments part through
the sheet's relationships, then the <comment ref="..."> of the cell, its text runs joined.
"""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def _targets(z: zipfile.ZipFile, part: str) -> list[tuple[str, str, str]]:
    """(Id, Type, part name) of each relationship of ``part``."""
    rels = posixpath.join(posixpath.dirname(part), "_rels", posixpath.basename(part) + ".rels")
    if rels not in z.namelist():
        return []
    out = []
    for rel in ET.fromstring(z.read(rels)).iter(f"{PKG}Relationship"):
        target = rel.get("Target", "")
        name = (
            target.lstrip("/")
            if target.startswith("/")
            else posixpath.normpath(posixpath.join(posixpath.dirname(part), target))
        )
        out.append((rel.get("Id", ""), rel.get("Type", ""), name))
    return out


def comment_at(path: Path, sheet: str, coord: str) -> str | None:
    """The text of the comment on ``sheet``!``coord``, or None when the cell has none."""
    with zipfile.ZipFile(path) as z:
        book = ET.fromstring(z.read("xl/workbook.xml"))
        (rid,) = [s.get(f"{REL}id") for s in book.iter(f"{MAIN}sheet") if s.get("name") == sheet]
        (part,) = [name for i, _, name in _targets(z, "xl/workbook.xml") if i == rid]
        for _, kind, name in _targets(z, part):
            if kind.endswith("/comments"):
                for c in ET.fromstring(z.read(name)).iter(f"{MAIN}comment"):
                    if c.get("ref") == coord:
                        return "".join(t.text or "" for t in c.iter(f"{MAIN}t"))
    return None
