"""Writing a copy of the input's zip: unchanged members copied as they are (still compressed),
only the parts we changed compressed again.

zipfile cannot copy a member without decompressing and compressing it again, which was a tenth
of a check. A zip is simple enough to write ourselves: per member a local header and its data,
then the central directory. A member we copy keeps its compressed bytes, method, CRC and sizes
(read from the input's central directory, which zipfile has checked: every member was read and
its CRC verified when the package was opened); only its local header is written afresh, without
the data-descriptor flag or extra fields. No ZIP64: the input is limited far below 4 GB
(safety.DEFAULT_LIMITS) and our parts are small.
"""

from __future__ import annotations

import struct
import time
import zipfile
import zlib
from dataclasses import dataclass

_LOCAL = struct.Struct("<4s5H3L2H")
_CENTRAL = struct.Struct("<4s6H3L5H2L")
_END = struct.Struct("<4s4H2LH")
_UTF8_FLAG = 0x800
_LIMIT = 0xFFFFFFFF


@dataclass
class Member:
    """One member to write: its name, and either raw compressed bytes with their facts or a payload."""

    name: str
    method: int
    crc: int
    size: int
    data: bytes  # compressed as ``method`` says
    date_time: tuple[int, int, int, int, int, int]
    external_attr: int = 0


# zlib's level 5, not its default 6: the parts an annotated copy compresses again (every marked
# sheet, Ringkasan, Rincian: 15 MB of XML at 2,000 IKU) deflate in 0.10 s instead of 0.17 s, 1.8 %
# larger; their bytes, once inflated, are the same.
LEVEL = 5


def compressed(name: str, payload: bytes, date_time: tuple[int, ...] | None = None, external_attr: int = 0) -> Member:
    """A member whose payload we compress (deflate at LEVEL)."""
    comp = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
    data = comp.compress(payload) + comp.flush()
    stamp = tuple(date_time or time.localtime()[:6])
    return Member(name, zipfile.ZIP_DEFLATED, zlib.crc32(payload), len(payload), data, stamp, external_attr)  # type: ignore[arg-type]


def raw(source: bytes, info: zipfile.ZipInfo) -> Member | None:
    """The member as it is in ``source`` (the input zip's bytes), or None when its local header
    is not where the central directory says (the caller compresses it again)."""
    start = info.header_offset
    head = source[start : start + _LOCAL.size]
    if len(head) < _LOCAL.size or head[:4] != b"PK\x03\x04" or info.compress_size >= _LIMIT:
        return None
    name_len, extra_len = struct.unpack("<2H", head[26:30])
    begin = start + _LOCAL.size + name_len + extra_len
    data = source[begin : begin + info.compress_size]
    if len(data) != info.compress_size or info.flag_bits & 0x1:  # truncated, or encrypted
        return None
    return Member(info.filename, info.compress_type, info.CRC, info.file_size, data, info.date_time, info.external_attr)


def _dos(date_time: tuple[int, ...]) -> tuple[int, int]:
    y, mo, d, h, mi, s = date_time
    return (h << 11) | (mi << 5) | (s // 2), ((max(y, 1980) - 1980) << 9) | (mo << 5) | d


def write(members: list[Member]) -> bytes:
    """The zip of these members, in this order."""
    out = bytearray()
    central = []
    for m in members:
        try:
            name = m.name.encode("ascii")
            flags = 0
        except UnicodeEncodeError:
            name, flags = m.name.encode("utf-8"), _UTF8_FLAG
        dostime, dosdate = _dos(m.date_time)
        version = 20 if m.method == zipfile.ZIP_DEFLATED else 10
        offset = len(out)
        if offset >= _LIMIT or m.size >= _LIMIT:
            raise ValueError("zip too large for a workbook copy")
        out += _LOCAL.pack(
            b"PK\x03\x04", version, flags, m.method, dostime, dosdate, m.crc, len(m.data), m.size, len(name), 0
        )
        out += name
        out += m.data
        central.append(
            _CENTRAL.pack(
                b"PK\x01\x02",
                (3 << 8) | 20,  # made by: Unix, spec 2.0, as zipfile writes
                version,
                flags,
                m.method,
                dostime,
                dosdate,
                m.crc,
                len(m.data),
                m.size,
                len(name),
                0,
                0,
                0,
                0,
                m.external_attr,
                offset,
            )
            + name
        )
    start = len(out)
    for entry in central:
        out += entry
    out += _END.pack(b"PK\x05\x06", 0, 0, len(central), len(central), len(out) - start, start, 0)
    return bytes(out)
