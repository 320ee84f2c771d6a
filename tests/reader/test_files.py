"""Files that are not readable workbooks raise ReadError with a clear one-line reason (KX001)."""

from __future__ import annotations

import zipfile

import openpyxl
import pytest

from kinerja_xl.reader import ReadError, read_workbook

from .conftest import save, write_block


@pytest.fixture(scope="module")
def good_bytes(tmp_path_factory) -> bytes:
    wb = openpyxl.Workbook()
    write_block(wb.active)
    return save(wb, tmp_path_factory.mktemp("good")).read_bytes()


def _write(path, data):
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def _zip(path, members: dict[str, str]):
    with zipfile.ZipFile(path, "w") as zf:
        for name, text in members.items():
            zf.writestr(name, text)
    return path


CASES = {
    "missing": (lambda p, good: p / "tidak-ada.xlsx", "file not found"),
    "empty": (lambda p, good: _write(p / "kosong.xlsx", b""), "empty file"),
    "not-a-zip": (lambda p, good: _write(p / "teks.xlsx", "bukan workbook"), "not a zip"),
    "truncated": (lambda p, good: _write(p / "potong.xlsx", good[: len(good) // 2]), "corrupt or truncated"),
    "encrypted": (
        lambda p, good: _write(p / "sandi.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600),
        "password-protected",
    ),
    "xls": (lambda p, good: _write(p / "lama.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600), ".xls"),
    "ods": (
        lambda p, good: _zip(
            p / "calc.ods", {"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>"}
        ),
        ".ods",
    ),
    "ods-renamed": (lambda p, good: _zip(p / "calc.xlsx", {"mimetype": "x", "content.xml": "<x/>"}), ".ods"),
    "csv": (lambda p, good: _write(p / "data.csv", "a;b\n1;2\n"), ".csv"),
    "zip-not-workbook": (lambda p, good: _zip(p / "arsip.xlsx", {"readme.txt": "halo"}), "zip without xl/workbook.xml"),
    "folder": (lambda p, good: p, "folder"),
}


@pytest.mark.parametrize("kind", sorted(CASES))
def test_bad_file_raises_read_error(tmp_path, good_bytes, kind):
    make, expected = CASES[kind]
    path = make(tmp_path, good_bytes)
    with pytest.raises(ReadError) as info:
        read_workbook(path)
    message = str(info.value)
    assert expected in message
    assert "\n" not in message and "Traceback" not in message
    assert info.value.__cause__ is None or isinstance(info.value.__cause__, ReadError)


def test_broken_workbook_part_is_read_error(tmp_path, good_bytes):
    src = tmp_path / "ok.xlsx"
    src.write_bytes(good_bytes)
    bad = tmp_path / "rusak.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(bad, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/workbook.xml":
                data = b"<workbook><sheets><sheet"  # not XML
            zout.writestr(item, data)
    with pytest.raises(ReadError, match="corrupt workbook"):
        read_workbook(bad)


def test_renamed_xlsx_still_reads(tmp_path, good_bytes):
    path = tmp_path / "lampiran.dat"
    path.write_bytes(good_bytes)
    assert len(read_workbook(path).ikus) == 1


def test_input_file_not_modified(tmp_path, good_bytes):
    path = tmp_path / "asli.xlsx"
    path.write_bytes(good_bytes)
    read_workbook(path)
    assert path.read_bytes() == good_bytes
