"""The copies' zip: members we did not change are copied still compressed, the zip stays valid."""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

import openpyxl
import pytest

from kinerja_xl.api import check
from kinerja_xl.config import Settings
from kinerja_xl.writers.ooxml import zipcopy

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _raw(path: Path) -> dict[str, bytes]:
    """Each member's compressed bytes, as stored."""
    source = path.read_bytes()
    with zipfile.ZipFile(path) as zf:
        return {i.filename: zipcopy.raw(source, i).data for i in zf.infolist()}  # type: ignore[union-attr]


@pytest.mark.parametrize("sample", ["kpknl-serang-2024-q4.xlsx", "contoh-bersih-2024-q4.xlsx"])
def test_annotated_copy_copies_unchanged_members_as_they_are(tmp_path, sample):
    src = SAMPLES / sample
    run = check([src], Settings(out_dir=tmp_path))
    copy = Path(run.files[0].output)
    with zipfile.ZipFile(copy) as out, zipfile.ZipFile(src) as inp:
        assert out.testzip() is None
        same = [n for n in inp.namelist() if n in out.namelist() and inp.read(n) == out.read(n)]
        changed = [n for n in inp.namelist() if n in out.namelist() and inp.read(n) != out.read(n)]
    assert same and changed  # styles, sheets with notes... changed; the rest not
    before, after = _raw(src), _raw(copy)
    assert all(after[n] == before[n] for n in same)  # not recompressed
    openpyxl.load_workbook(copy).close()


def test_write_reads_back_with_zipfile(tmp_path):
    members = [
        zipcopy.compressed("a.xml", b"<a/>" * 100, (2024, 3, 31, 12, 0, 0)),
        zipcopy.compressed("nama-\u00e9.xml", b"x"),
        zipcopy.Member("stored.bin", zipfile.ZIP_STORED, zlib.crc32(b"abc"), 3, b"abc", (1980, 1, 1, 0, 0, 0)),
    ]
    path = tmp_path / "z.zip"
    path.write_bytes(zipcopy.write(members))
    with zipfile.ZipFile(path) as zf:
        assert zf.testzip() is None
        assert zf.namelist() == ["a.xml", "nama-\u00e9.xml", "stored.bin"]
        assert zf.read("a.xml") == b"<a/>" * 100 and zf.read("stored.bin") == b"abc"
        assert zf.getinfo("a.xml").date_time == (2024, 3, 31, 12, 0, 0)
