"""Refuse hostile input files before openpyxl opens them, and sanitise names we derive from input.

``inspect_file`` judges only what is hostile: a file over the size limit, a zip bomb
(too much uncompressed data, a too-high compression ratio, too many members), member
names that climb out of the archive, and XML members that declare a DOCTYPE or
entities (billion laughs, external entities). Anything else, including files that are
not zips at all, is left to the reader, which reports its own KX001 reasons.

openpyxl parses XML through defusedxml when it is installed (``openpyxl.DEFUSEDXML``);
that is the second line of defence should a declaration hide past the scanned prefix.
"""

from __future__ import annotations

import math
import re
import unicodedata
import zipfile
import zlib
from pathlib import Path
from typing import Any

from kinerja_xl.messages import LocalizedReason

DEFAULT_LIMITS: dict[str, float] = {
    "max_file_mb": 50,  # size of the file on disk
    "max_uncompressed_mb": 500,  # sum of the members' uncompressed sizes
    "max_ratio": 100,  # uncompressed / compressed, per member
    "max_members": 10_000,  # a real workbook has a few dozen parts
}
# Tiny members compress badly or absurdly well without being dangerous; the ratio is
# judged only for members larger than this.
RATIO_MIN_BYTES = 1 << 20
# How much of an XML member's prolog we read looking for <!DOCTYPE / <!ENTITY: the root
# element of a real part starts within its first few hundred bytes.
PROLOG_CHUNK = 8192
PROLOG_MAX = 1 << 20
_MB = 1 << 20
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_DECL = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
# The first start tag of an element: '<' then a name start character (not ?, !, /).
_ROOT_TAG = re.compile(rb"<[A-Za-z_:]")


class FileRefused(LocalizedReason, ValueError):
    """An input file refused as hostile or too large; ``str(exc)`` is a one-line reason (English),
    ``exc.text(lang)`` the same reason in the asked language."""


def limits_from(limits: dict[str, Any] | None) -> dict[str, float]:
    """The effective limits: defaults overlaid with the given ones (kinerja.toml [limits])."""
    out = dict(DEFAULT_LIMITS)
    for key, value in (limits or {}).items():
        if key in out and value is not None:
            # a positive finite number: nan or inf would switch the limit off
            try:
                number = float(value) if not isinstance(value, bool) else math.nan
            except (TypeError, ValueError):
                number = math.nan
            if not 0 < number < math.inf:
                raise FileRefused.of("safe-bad-limit", key=key, value=repr(value))
            out[key] = number
    return out


def inspect_file(path: Path, limits: dict[str, Any] | None = None) -> None:
    """Raise FileRefused when the file is too large or a hostile zip; return normally otherwise."""
    lim = limits_from(limits)
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError:
        return  # missing or unreadable: the reader says so in its own words
    if size > lim["max_file_mb"] * _MB:
        raise FileRefused.of("safe-file-too-large", size=size / _MB, limit=f"{lim['max_file_mb']:g}")
    try:
        if not zipfile.is_zipfile(path):
            return  # .xls, .csv, .ods, garbage: the reader reports it as unreadable
        zf = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile, ValueError):
        return
    with zf:
        try:
            _inspect_zip(zf, lim)
        except (
            zipfile.BadZipFile,
            zipfile.LargeZipFile,
            OSError,
            EOFError,
            NotImplementedError,
            RuntimeError,
            zlib.error,
        ) as exc:
            # A member that cannot be decompressed (corrupt, encrypted): refusing here keeps
            # the one-line reason instead of letting openpyxl trace back on it later.
            raise FileRefused.of("safe-damaged-zip", detail=str(exc)) from None


def _inspect_zip(zf: zipfile.ZipFile, lim: dict[str, float]) -> None:
    """Judge the members of an open archive; see inspect_file."""
    infos = zf.infolist()
    if len(infos) > lim["max_members"]:
        raise FileRefused.of("safe-too-many-members", count=len(infos), limit=f"{lim['max_members']:g}")
    total = 0
    for info in infos:
        name = info.filename
        if _unsafe_member_name(name):
            raise FileRefused.of("safe-traversal", name=repr(name))
        # zipfile never yields more than the declared file_size (it stops there and
        # checks the CRC), so the declared sizes are a safe bound on what openpyxl reads.
        total += info.file_size
        if total > lim["max_uncompressed_mb"] * _MB:
            raise FileRefused.of("safe-uncompressed", limit=f"{lim['max_uncompressed_mb']:g}")
        if info.file_size > RATIO_MIN_BYTES:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > lim["max_ratio"]:
                raise FileRefused.of("safe-ratio", name=name, ratio=round(ratio), limit=f"{lim['max_ratio']:g}")
    for info in infos:
        if info.filename.lower().endswith(_XML_SUFFIXES) and not info.is_dir():
            _check_prolog(zf, info)


def _unsafe_member_name(name: str) -> bool:
    """True for absolute names, drive letters, NUL, or any '..' component."""
    if "\x00" in name:
        return True
    norm = name.replace("\\", "/")
    if norm.startswith("/") or re.match(r"^[A-Za-z]:", norm):
        return True
    return any(part == ".." for part in norm.split("/"))


def _check_prolog(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Refuse an XML member whose prolog declares a DOCTYPE or an entity.

    The prolog is scanned as XML reads it (declaration, processing instructions, comments, then
    the root element), so a '<tag' inside a long leading comment cannot end the scan early.
    """
    head = b""
    with zf.open(info) as fh:
        while len(head) < PROLOG_MAX:
            chunk = fh.read(PROLOG_CHUNK)
            if not chunk:
                break
            head += chunk
            verdict = _prolog_verdict(_as_utf8(head))
            if verdict == "doctype":
                raise FileRefused.of("safe-doctype", name=info.filename)
            if verdict == "root":
                return  # past the prolog: a DOCTYPE can no longer appear
    if len(head) >= PROLOG_MAX:
        raise FileRefused.of("safe-no-root", name=info.filename, kb=PROLOG_MAX // 1024)
    if _DECL.search(_as_utf8(head)):  # a short part that never reached a root element
        raise FileRefused.of("safe-doctype", name=info.filename)


def _prolog_verdict(text: bytes) -> str:
    """'doctype' when the prolog declares a DOCTYPE/ENTITY, 'root' once the root element starts,
    'more' when the bytes so far end inside the prolog."""
    i, n = 0, len(text)
    if text.startswith(b"\xef\xbb\xbf"):
        i = 3
    while i < n:
        if text[i : i + 1].isspace():
            i += 1
            continue
        if text.startswith(b"<?", i):
            end = text.find(b"?>", i + 2)
            if end < 0:
                return "more"
            i = end + 2
        elif text.startswith(b"<!--", i):
            end = text.find(b"-->", i + 4)
            if end < 0:
                return "more"
            i = end + 3
        elif text.startswith(b"<!", i):
            return "doctype" if _DECL.match(text, i) or len(text) - i >= 10 else "more"
        elif _ROOT_TAG.match(text, i):
            return "root"
        else:
            return "root" if n - i > 1 else "more"  # not well-formed XML: the parser refuses it later
    return "more"


def _as_utf8(head: bytes) -> bytes:
    """The prolog bytes as UTF-8, so a UTF-16 part cannot hide its DOCTYPE from the scan."""
    if head[:2] in (b"\xff\xfe", b"\xfe\xff") or (len(head) > 1 and b"\x00" in head[:4]):
        for enc in ("utf-16", "utf-16-le", "utf-16-be"):
            try:
                return head[: len(head) // 2 * 2].decode(enc, errors="ignore").encode("utf-8")
            except (UnicodeDecodeError, LookupError):  # pragma: no cover - errors="ignore"
                continue
    return head


_WINDOWS_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    "CLOCK$",
    "CONIN$",
    "CONOUT$",
    *(f"COM{i}" for i in range(1, 10)),
    *(f"LPT{i}" for i in range(1, 10)),
    "COM¹",
    "COM²",
    "COM³",
    "LPT¹",
    "LPT²",
    "LPT³",
}
_UNSAFE_CHARS = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f-\x9f]')
MAX_NAME = 120


def safe_output_name(name: str, default: str = "workbook", limit: int = MAX_NAME) -> str:
    """A file name derived from input, made safe: no separators, '..', control chars or reserved names."""
    text = unicodedata.normalize("NFC", str(name))
    # Line/paragraph separators and other format characters are invisible in a listing.
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cf", "Zl", "Zp"))
    text = _UNSAFE_CHARS.sub("_", text)
    text = re.sub(r"\.{2,}", ".", text)  # no '..' left anywhere
    text = re.sub(r"_{2,}", "_", text)
    # Leading dots make hidden files; trailing dots and spaces are dropped by Windows.
    text = text.strip(" ._")
    if len(text) > limit:
        text = text[:limit].rstrip(" ._")
    if not text:
        return default
    if text.split(".")[0].strip().upper() in _WINDOWS_RESERVED:
        text = "_" + text
    return text
