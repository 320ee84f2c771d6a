"""Small facts about the xlsx package that the reader and the writers share (no openpyxl here)."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable

STYLES_PART = "xl/styles.xml"
CT_STYLES = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"
RT_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"

_STYLE_INDEX = re.compile(rb'<(?:\w+:)?c\b[^>]*?\ss="(\d+)"')


def max_style_index(sheet_parts: Iterable[bytes]) -> int:
    """The highest cell style index (``s="N"``) any of these sheet parts uses, -1 when none."""
    top = -1
    for xml in sheet_parts:
        for m in _STYLE_INDEX.finditer(xml):
            top = max(top, int(m.group(1)))
    return top


def default_styles_xml(n_xfs: int) -> bytes:
    """A minimal styles part with ``n_xfs`` plain cell formats (at least one).

    A package without xl/styles.xml is valid (Excel opens it and shows every cell plainly) even
    when its cells carry style indexes; openpyxl cannot load it and we cannot colour cells in it.
    Giving it this part keeps every cell as Excel shows it.
    """
    xf = '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    n = max(1, n_xfs)
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        f'<cellXfs count="{n}">{xf * n}</cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>"
    ).encode()


def needs_default_styles(names: Iterable[str]) -> bool:
    """Whether a package lacks xl/styles.xml (openpyxl reads styles from that path only)."""
    return STYLES_PART not in set(names)


def with_default_styles(zf: zipfile.ZipFile) -> bytes:
    """The package's bytes with a default xl/styles.xml added (see default_styles_xml), for reading."""
    import io

    sheets = (
        zf.read(i) for i in zf.infolist() if i.filename.startswith("xl/worksheets/") and i.filename.endswith(".xml")
    )
    styles = default_styles_xml(max_style_index(sheets) + 1)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in zf.infolist():
            out.writestr(info, zf.read(info))
        out.writestr(STYLES_PART, styles)
    return buf.getvalue()
