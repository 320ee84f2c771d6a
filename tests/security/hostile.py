"""Builders of hostile workbooks: a small valid xlsx whose zip is post-processed."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import xlsxwriter

BILLION_LAUGHS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">'
    '<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">'
    '<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">'
    '<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">'
    '<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">'
    '<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">'
    '<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>\n'
)
XXE = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
)


def base_workbook(path: Path) -> Path:
    """A small valid xlsx with shared strings (xlsxwriter always writes them)."""
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Sheet1")
    ws.write("A1", "T/R")
    ws.write("B1", "Q1")
    ws.write("A2", "Target")
    ws.write("B2", 100)
    wb.close()
    return path


def rewrite(
    src: Path, dst: Path, edit: Callable[[str, bytes], bytes | None], extra: dict[str, bytes] | None = None
) -> Path:
    """Copy a zip member by member through ``edit(name, data)``; None drops the member."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = edit(info.filename, zin.read(info))
            if data is not None:
                zout.writestr(info.filename, data)
        for name, data in (extra or {}).items():
            zout.writestr(name, data)
    return dst


def with_prolog(
    part: str, prolog: str, body_edit: Callable[[str], str] = lambda s: s, encoding: str = "utf-8"
) -> Callable[[str, bytes], bytes]:
    """An edit that replaces the XML declaration of ``part`` with ``prolog`` (DOCTYPE and all)."""

    def edit(name: str, data: bytes) -> bytes:
        if name != part:
            return data
        text = data.decode("utf-8")
        if text.startswith("<?xml"):
            text = text[text.index("?>") + 2 :].lstrip()
        text = prolog + body_edit(text)
        if encoding != "utf-8":
            return text.replace('encoding="UTF-8"', f'encoding="{encoding.upper()}"').encode(encoding)
        return text.encode("utf-8")

    return edit


def zip_bomb(src: Path, dst: Path, megabytes: int, member: str = "xl/media/image1.bin") -> Path:
    """A copy of ``src`` plus one member of ``megabytes`` MB of zeros, streamed (never in memory)."""
    rewrite(src, dst, lambda n, d: d)
    chunk = bytes(1 << 20)
    with zipfile.ZipFile(dst, "a", zipfile.ZIP_DEFLATED) as z, z.open(member, "w", force_zip64=True) as fh:
        for _ in range(megabytes):
            fh.write(chunk)
    return dst
