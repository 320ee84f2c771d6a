"""Why a file cannot be read (KX001): one line in Indonesian by default, in English with --lang en."""

from __future__ import annotations

import json
import pickle
import zipfile
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from kinerja_xl import api
from kinerja_xl.cli import app
from kinerja_xl.config import Settings
from kinerja_xl.reader import ReadError, read_workbook

runner = CliRunner()
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
DOCTYPE = '<?xml version="1.0"?>\n<!DOCTYPE sst [<!ENTITY e "boom">]>\n'


def _good(path: Path) -> Path:
    wb = openpyxl.Workbook()
    wb.active["A1"] = "T/R"
    wb.active["B1"] = "Q1"
    wb.save(path)
    return path


def _rewrite(src: Path, dst: Path, edit=lambda name, data: data, extra: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, edit(info.filename, zin.read(info)))
        for name, data in (extra or {}).items():
            zout.writestr(name, data)
    return dst


def _with_doctype(name: str, data: bytes) -> bytes:
    if name != "xl/workbook.xml":
        return data
    text = data.decode("utf-8")
    if text.startswith("<?xml"):
        text = text[text.index("?>") + 2 :].lstrip()
    return (DOCTYPE + text).encode("utf-8")


# case -> (file name, builder(folder, good) -> path, Indonesian reason, English reason)
CASES = {
    "missing": ("tidak-ada.xlsx", lambda d, g: d / "tidak-ada.xlsx", "berkas tidak ditemukan", "file not found"),
    "ods": (
        "calc.ods",
        lambda d, g: _zip(d / "calc.ods", {"content.xml": "<x/>"}),
        "bukan workbook Excel (.ods: simpan sebagai .xlsx)",
        "not an Excel workbook (.ods: save as .xlsx)",
    ),
    "csv": (
        "data.csv",
        lambda d, g: _bytes(d / "data.csv", b"a;b\n1;2\n"),
        "bukan workbook Excel (.csv: simpan sebagai .xlsx)",
        "not an Excel workbook (.csv: save as .xlsx)",
    ),
    "empty": (
        "kosong.xlsx",
        lambda d, g: _bytes(d / "kosong.xlsx", b""),
        "berkas kosong (0 byte)",
        "empty file (0 bytes)",
    ),
    "not-a-zip": (
        "teks.xlsx",
        lambda d, g: _bytes(d / "teks.xlsx", b"bukan workbook"),
        "bukan workbook Excel (.xlsx: bukan berkas zip/.xlsx)",
        "not an Excel workbook (.xlsx: not a zip/.xlsx file)",
    ),
    "truncated": (
        "potong.xlsx",
        lambda d, g: _bytes(d / "potong.xlsx", g.read_bytes()[: g.stat().st_size // 2]),
        "berkas rusak atau terpotong (bukan zip/.xlsx yang dapat dibaca)",
        "corrupt or truncated file (not a readable zip/.xlsx)",
    ),
    "encrypted": (
        "sandi.xlsx",
        lambda d, g: _bytes(d / "sandi.xlsx", OLE_MAGIC + bytes(600)),
        "workbook dilindungi kata sandi (terenkripsi) atau format .xls lama: "
        "hapus kata sandinya / simpan sebagai .xlsx",
        "password-protected (encrypted) workbook or old .xls format: remove the password / save as .xlsx",
    ),
    "doctype": (
        "entitas.xlsx",
        lambda d, g: _rewrite(g, d / "entitas.xlsx", _with_doctype),
        "berkas ditolak: bagian XML xl/workbook.xml mendeklarasikan DOCTYPE atau entitas "
        "(serangan ekspansi entitas / entitas eksternal); ditolak",
        "file refused: XML part xl/workbook.xml declares a DOCTYPE or entities "
        "(entity expansion / external entity attack); refused",
    ),
    # 2 MB of zeros compress about 1000 to 1: over the default ratio limit (100)
    "zip-bomb": (
        "bom.xlsx",
        lambda d, g: _rewrite(g, d / "bom.xlsx", extra={"xl/media/nol.bin": bytes(2 << 20)}),
        "berkas ditolak: anggota zip xl/media/nol.bin terkompresi ",
        "file refused: zip member xl/media/nol.bin is compressed ",
    ),
}


def _bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _zip(path: Path, members: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, text in members.items():
            zf.writestr(name, text)
    return path


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    """Every bad file once per module, each in its own folder (no kinerja.toml around)."""
    root = tmp_path_factory.mktemp("unreadable")
    good = _good(root / "good.xlsx")
    out = {}
    for case, (name, make, _, _) in CASES.items():
        folder = root / case
        folder.mkdir()
        out[case] = make(folder, good)
        assert out[case].name == name
    return out


def _stderr_reason(res, path: Path) -> str:
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, res.stderr
    head = f"kinerja-xl: {path}: "
    assert lines[0].startswith(head), lines[0]
    return lines[0][len(head) :]


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_one_line_reason_is_in_the_run_language(files, case, lang):
    path = files[case]
    _, _, reason_id, reason_en = CASES[case]
    args = ["check", str(path), "--no-annotate"] + (["--lang", "en"] if lang == "en" else [])
    res = runner.invoke(app, args)
    assert res.exit_code == 2
    reason = _stderr_reason(res, path)
    expected = reason_en if lang == "en" else reason_id
    if case == "zip-bomb":
        # '1.024' / '1,024' to 1 (thousands separator per language), then the limit and the hint
        assert reason.startswith(expected) and "zip bomb" in reason, reason
        assert ("banding 1 (batas 100;" in reason) if lang == "id" else ("to 1 (limit 100;" in reason)
    else:
        assert reason == expected


@pytest.mark.parametrize("lang", ["id", "en"])
def test_json_error_and_kx001_message_follow_the_language(files, lang):
    path = files["empty"]
    res = runner.invoke(app, ["check", str(path), "--no-annotate", "--format", "json", "--lang", lang])
    assert res.exit_code == 2
    record = json.loads(res.stdout)["files"][0]
    assert record["status"] == "unreadable"
    if lang == "en":
        assert record["error"] == "empty file (0 bytes)"
        assert record["findings"][0]["message"] == "File cannot be read: empty file (0 bytes)."
    else:
        assert record["error"] == "berkas kosong (0 byte)"
        assert record["findings"][0]["message"] == "Berkas tidak dapat dibaca: berkas kosong (0 byte)."


def test_batch_sheet_note_is_in_the_run_language(tmp_path, files):
    folder = tmp_path / "batch"
    folder.mkdir()
    _good(folder / "a.xlsx")
    (folder / "b-kosong.xlsx").write_bytes(b"")
    runner.invoke(app, ["check", str(folder)])
    ws = openpyxl.load_workbook(folder / "ringkasan-batch.xlsx")["NKO per Periode"]  # the note: its last column
    header = [c.value for c in ws[1]]
    rows = {r[1]: dict(zip(header, r, strict=False)) for r in ws.iter_rows(min_row=2, values_only=True)}
    assert rows["b-kosong.xlsx"]["Keterangan"] == "berkas kosong (0 byte)"
    runner.invoke(app, ["check", str(folder), "--lang", "en"])
    ws = openpyxl.load_workbook(folder / "ringkasan-batch.xlsx")["NKO per Periode"]
    rows = {r[1]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    assert rows["b-kosong.xlsx"][-1] == "empty file (0 bytes)"


def test_read_error_keeps_english_str_and_both_languages(files):
    with pytest.raises(ReadError) as info:
        read_workbook(files["doctype"])
    exc = info.value
    assert str(exc) == CASES["doctype"][3] == exc.text("en")
    assert exc.text("id") == exc.text() == CASES["doctype"][2]
    again = pickle.loads(pickle.dumps(exc))  # --jobs workers
    assert type(again) is ReadError and str(again) == str(exc) and again.text("id") == exc.text("id")


def test_unexpected_exception_keeps_its_detail_under_a_localised_lead_in(monkeypatch, files):
    from kinerja_xl import reader

    def boom(*_a, **_k):
        raise TypeError("unsupported operand type(s) for +: 'int' and 'str'")

    monkeypatch.setattr(reader, "_build", boom)
    fr = api.check([_good(files["missing"].parent / "aneh.xlsx")], Settings(annotate=False)).files[0]
    detail = "(TypeError: unsupported operand type(s) for +: 'int' and 'str')"
    assert fr.error_text("id") == f"isi tak terduga, workbook tidak dapat dibaca {detail}"
    assert fr.error_text("en") == fr.error == f"unexpected content, could not read the workbook {detail}"
    assert fr.findings[0].message("id").startswith("Berkas tidak dapat dibaca: isi tak terduga")


def test_an_untranslated_reason_is_shown_as_is():
    fr = api.FileResult(path=Path("x.xlsx"), error="not a zip file")
    assert fr.error_text("id") == fr.error_text("en") == "not a zip file"
    from kinerja_xl.findings import Finding

    old = Finding("KX001", params={"reason": "not a zip file"})
    assert old.message("id") == "Berkas tidak dapat dibaca: not a zip file."
