"""Untrusted text made safe for headers and file names: one line, one address, a name inside the outbox.

Everything that comes from a workbook, a contacts file or a file name is untrusted: it
never reaches a header unsanitised, never adds a recipient, and never names a file
outside the outbox.
"""

from __future__ import annotations

import re
from email.headerregistry import Address
from email.utils import parseaddr
from pathlib import Path
from typing import Any


class MailError(ValueError):
    """A mail setting, contacts file or template set that cannot be used."""


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# One addr-spec, deliberately stricter than RFC 5322: no quoted local parts, no comments,
# no route, no second address. Unicode letters are allowed for internationalised names.
_LOCAL = r"[\w!#$%&'*+/=?^`{|}~-]+(?:\.[\w!#$%&'*+/=?^`{|}~-]+)*"
_DOMAIN = r"(?:[^\W_](?:[\w-]{0,61}[^\W_])?\.)+[^\W\d_][\w-]*"
_ADDR_RE = re.compile(rf"{_LOCAL}@{_DOMAIN}")
_NAME_RE = re.compile(r"[^\"<>,;:@\\()\[\]]*")  # a display name without specials, so no quoting games


def one_line(value: Any) -> str:
    """Any value as one line of text: control characters (CR, LF, NUL, ...) become spaces."""
    text = "" if value is None else str(value)
    return " ".join(_CONTROL.sub(" ", text).split())


def header_text(value: Any, limit: int = 300) -> str:
    """Text safe for a header value: one line, bounded length."""
    text = one_line(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def parse_address(entry: Any) -> tuple[str, str] | None:
    """(display name, addr-spec) of one contact entry, or None when it is not exactly one address.

    Accepts ``user@host.tld`` and ``Name <user@host.tld>``; refuses CR/LF or any control
    character, a second address ("a@x.id, b@y.id"), quoting, comments and anything
    ``email.utils.parseaddr`` would read differently.
    """
    if not isinstance(entry, str) or _CONTROL.search(entry):
        return None
    text = entry.strip()
    if not text or len(text) > 320:
        return None
    match = re.fullmatch(r"(?P<name>[^<>]*)<(?P<addr>[^<>]+)>", text)
    name, addr = (match["name"].strip(), match["addr"].strip()) if match else ("", text)
    if not _ADDR_RE.fullmatch(addr) or addr.count("@") != 1 or not _NAME_RE.fullmatch(name):
        return None
    # Cross-check with the standard library: it must see the same single address.
    if parseaddr(text)[1] != addr:
        return None
    try:
        Address(display_name=name, addr_spec=addr)
    except (ValueError, IndexError, TypeError):
        return None
    return name, addr


def safe_filename(name: Any, default: str = "seksi", limit: int = 80) -> str:
    """A file name component from untrusted text: one line, made safe, at most ``limit`` UTF-8 bytes.

    A longer one is cut with a hash of the whole text (outputs.fit_name), keeping a short
    extension (``.xlsx``), so 80 emoji still make a name every file system takes.
    """
    from kinerja_xl.outputs import clean_stem, fit_name

    text = clean_stem(re.sub(r"\s+", " ", one_line(name)), default=default)
    stem, dot, ext = text.rpartition(".")
    if dot and stem and 0 < len(ext) <= 5 and ext.isalnum():
        return fit_name(stem, "." + ext, limit)
    return fit_name(text, "", limit)


def inside(folder: Path, name: str) -> Path:
    """folder/name, refusing (ValueError) any result that would leave folder."""
    base = folder.resolve()
    target = (base / name).resolve()
    if target.parent != base:
        raise ValueError(f"refusing to write outside {base}: {name!r}")
    return target


def unique_path(folder: Path, stem: str, suffix: str) -> Path:
    """A path in folder that does not exist yet: stem.suffix, stem-2.suffix, ..."""
    candidate = inside(folder, f"{stem}{suffix}")
    n = 2
    while candidate.exists():
        candidate = inside(folder, f"{stem}-{n}{suffix}")
        n += 1
    return candidate


def write_new(folder: Path, stem: str, suffix: str, data: bytes) -> Path:
    """Write data to the first of stem.suffix, stem-2.suffix, ... that does not exist, creating it
    exclusively (O_EXCL, no check-then-write): a run at the same time never writes the same file."""
    n = 1
    while True:
        candidate = inside(folder, f"{stem}{suffix}" if n == 1 else f"{stem}-{n}{suffix}")
        try:
            fh = open(candidate, "xb")  # noqa: SIM115  closed below; removed when it cannot be written
        except FileExistsError:
            n += 1
            continue
        try:
            with fh:
                fh.write(data)
        except BaseException:
            candidate.unlink(missing_ok=True)
            raise
        return candidate
