"""`mail` and `watch` with --attach fixed: the corrected copy travels beside the annotated one."""

from __future__ import annotations

import email
from email import policy

import openpyxl
import pytest
from mailkit import write_sectioned_workbook
from typer.testing import CliRunner

from kinerja_xl.cli import app


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    folder = tmp_path_factory.mktemp("attach")
    return write_sectioned_workbook(folder / "serang-q4.xlsx")


def config(folder):
    path = folder / "kinerja.toml"
    path.write_text('[seksi]\n"Pelayanan Lelang" = "budi@kpknl.example.id"\n', encoding="utf-8")
    return path


def draft(path):
    with open(path, "rb") as fh:
        return email.message_from_binary_file(fh, policy=policy.default)


def test_mail_attaches_the_fixed_copy_and_says_what_was_corrected(book, tmp_path):
    outbox = tmp_path / "outbox"
    res = CliRunner().invoke(
        app, ["mail", str(book), "--outbox", str(outbox), "--config", str(config(tmp_path)), "--attach", "fixed"]
    )
    assert res.exit_code == 0, res.output
    fixed = outbox / "serang-q4.fixed.xlsx"
    assert openpyxl.load_workbook(fixed)["IKU"]["G9"].value != openpyxl.load_workbook(book)["IKU"]["G9"].value
    msg = draft(outbox / "serang-q4__Pelayanan Lelang.eml")
    names = [a.get_filename() for a in msg.iter_attachments()]
    assert names == ["serang-q4.checked.xlsx", "serang-q4.fixed.xlsx"]
    assert list(msg.iter_attachments())[1].get_content() == fixed.read_bytes()
    body = msg.get_body(("plain",)).get_content()
    # the kind of cell in words, the code after it
    assert (
        "Terlampir salinan yang sudah diperbaiki otomatis (serang-q4.fixed.xlsx): "
        "1 sel pada IKU seksi ini diperbaiki: capaian (KX101) (1 sel di seluruh workbook)." in body
    )
    # one instruction: continue from the fixed copy, check it, save as -rev1, send it back; never "fix the original"
    assert body.count("kirimkan kembali") == 1 and "workbook asli" not in body
    assert "Mohon lanjutkan dari salinan tersebut: periksa perbaikannya, simpan sebagai serang-q4-rev1.xlsx" in body
    assert "sel IKU!G9: Capaian Q4 tertulis 132,63 tetapi R/T x 100 = 97,80 (Max). (KX101) - sudah diperbaiki" in body


def test_mail_without_attach_sends_only_the_annotated_copy(book, tmp_path):
    outbox = tmp_path / "outbox"
    res = CliRunner().invoke(app, ["mail", str(book), "--outbox", str(outbox), "--config", str(config(tmp_path))])
    assert res.exit_code == 0, res.output
    assert not (outbox / "serang-q4.fixed.xlsx").exists()
    msg = draft(outbox / "serang-q4__Pelayanan Lelang.eml")
    assert [a.get_filename() for a in msg.iter_attachments()] == ["serang-q4.checked.xlsx"]
    assert "diperbaiki otomatis" not in msg.get_body(("plain",)).get_content()


def test_attach_takes_only_fixed(book, tmp_path):
    res = CliRunner().invoke(app, ["mail", str(book), "--outbox", str(tmp_path), "--attach", "pdf"])
    assert res.exit_code == 2
    assert "unknown --attach 'pdf' (use fixed)" in res.output


def test_watch_attaches_the_fixed_copy(book, tmp_path):
    inbox, outbox = tmp_path / "inbox", tmp_path / "outbox"
    inbox.mkdir()
    (inbox / "serang-q4.xlsx").write_bytes(book.read_bytes())
    args = ["watch", str(inbox), "--outbox", str(outbox), "--config", str(config(tmp_path)), "--once"]
    res = CliRunner().invoke(app, [*args, "--interval", "0.01", "--attach", "fixed", "--lang", "en"])
    assert res.exit_code == 0, res.output
    assert "serang-q4.fixed.xlsx" in {p.name for p in outbox.iterdir()}
    msg = draft(outbox / "serang-q4__Pelayanan Lelang.eml")
    assert [a.get_filename() for a in msg.iter_attachments()] == ["serang-q4.checked.xlsx", "serang-q4.fixed.xlsx"]
    body = msg.get_body(("plain",)).get_content()
    assert (
        "Attached is a copy fixed automatically (serang-q4.fixed.xlsx): "
        "1 cell of this section's IKU fixed: capaian (KX101) (1 in the whole workbook)." in body
    )
    assert body.count("send it back") == 1 and "original workbook" not in body


def test_a_section_without_fixable_cells_is_told_so_and_what_it_fixes_by_hand(book, tmp_path):
    """Kepatuhan Internal's 2a-N target falls from Q1 to Q2 (a warning no fix touches)."""
    src = tmp_path / "serang-q4.xlsx"
    wb = openpyxl.load_workbook(book)
    ws = wb["IKU"]
    for col in "CD":  # 2a-N Target Q2 (and Sm.I, TLK) below Q1's 80 on a Max IKU: KX111; capaian follow
        ws[f"{col}16"], ws[f"{col}18"], ws[f"{col}19"] = 70, 57.14, 57.14
    wb.save(src)
    cfg = tmp_path / "kinerja.toml"
    cfg.write_text('[seksi]\n"Kepatuhan Internal" = "ki@kpknl.example.id"\n', encoding="utf-8")
    outbox = tmp_path / "outbox"
    res = CliRunner().invoke(
        app, ["mail", str(src), "--outbox", str(outbox), "--config", str(cfg), "--attach", "fixed"]
    )
    assert res.exit_code == 0, res.output
    body = draft(outbox / "serang-q4__Kepatuhan Internal.eml").get_body(("plain",)).get_content()
    assert "(KX111)" in body and "- sudah diperbaiki di salinan" not in body
    assert "tidak ada sel pada IKU seksi ini yang dapat diperbaiki otomatis (1 sel di seluruh workbook)" in body
    assert "perbaiki secara manual 1 temuan di atas yang belum diperbaiki" in body
