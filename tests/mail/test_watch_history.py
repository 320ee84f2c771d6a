"""watch compares each file with INBOX/arsip/ by default (issue 18, item 7), on real workbooks."""

from __future__ import annotations

import email
import os
from email import policy

import openpyxl
from mailkit import write_sectioned_workbook
from typer.testing import CliRunner

from kinerja_xl.cli import app


def config(folder):
    path = folder / "kinerja.toml"
    path.write_text(
        '[seksi]\n"Pelayanan Lelang" = "budi@kpknl.example.id"\n"Kepatuhan Internal" = "ki@kpknl.example.id"\n',
        encoding="utf-8",
    )
    return path


def revised(src, dst, mtime):
    """The same Q4 sent again, its Q2 realisasi of 1a-CP changed (100 -> 90; capaian, nilai and Sm.I
    (TLK: the last quarter's) follow, so the file alone is clean)."""
    wb = openpyxl.load_workbook(src)
    ws = wb["IKU"]
    assert (ws["A8"].value, ws["C8"].value) == ("Realisasi", 100)
    for col in "CD":
        ws[f"{col}8"], ws[f"{col}9"], ws[f"{col}10"] = 90, 90.0, 90.0
    wb.save(dst)
    os.utime(dst, (mtime, mtime))
    return dst


def watch(inbox, outbox, cfg, *extra):
    args = ["watch", str(inbox), "--outbox", str(outbox), "--config", str(cfg), "--once", "--interval", "0.01"]
    return CliRunner().invoke(app, [*args, *extra])


def body(path):
    with open(path, "rb") as fh:
        return email.message_from_binary_file(fh, policy=policy.default).get_body(("plain",)).get_content()


def first_submission(tmp_path):
    inbox, outbox = tmp_path / "masuk", tmp_path / "keluar"
    inbox.mkdir()
    q4 = write_sectioned_workbook(inbox / "serang-q4.xlsx", wrong_capaian=False)
    os.utime(q4, (1_700_000_000, 1_700_000_000))
    original = q4.read_bytes()
    cfg = config(tmp_path)
    res = watch(inbox, outbox, cfg)  # INBOX/arsip/ does not exist yet: that is fine
    assert res.exit_code == 0, res.output
    assert (inbox / "arsip" / "serang-q4.xlsx").read_bytes() == original
    assert not list(outbox.glob("*.eml"))  # clean: nothing to send
    return inbox, outbox, cfg


def test_a_revision_whose_q2_realisasi_changed_is_compared_with_the_archive_by_default(tmp_path):
    inbox, outbox, cfg = first_submission(tmp_path)
    revised(inbox / "arsip" / "serang-q4.xlsx", inbox / "serang-q4-rev1.xlsx", 1_700_000_500)
    res = watch(inbox, outbox, cfg)
    assert res.exit_code == 0, res.output
    assert " serang-q4-rev1.xlsx: 0 kesalahan, 1 peringatan, NKO " in res.output
    (draft,) = outbox.glob("*.eml")
    assert draft.name == "serang-q4-rev1__Pelayanan Lelang.eml"
    text = body(draft)
    assert "(KX301)" in text and "serang-q4.xlsx" in text  # the older submission it was compared with


def test_no_history_turns_the_comparison_off(tmp_path):
    inbox, outbox, cfg = first_submission(tmp_path)
    revised(inbox / "arsip" / "serang-q4.xlsx", inbox / "serang-q4-rev1.xlsx", 1_700_000_500)
    res = watch(inbox, outbox, cfg, "--no-history")
    assert res.exit_code == 0, res.output
    assert " serang-q4-rev1.xlsx: 0 kesalahan, NKO " in res.output
    assert not list(outbox.glob("*.eml"))


def test_the_readme_history_folder_that_does_not_exist_yet_is_accepted(tmp_path):
    inbox, outbox = tmp_path / "masuk", tmp_path / "keluar"
    inbox.mkdir()
    write_sectioned_workbook(inbox / "serang-q4.xlsx")
    res = watch(inbox, outbox, config(tmp_path), "--history", str(inbox / "arsip"))
    assert res.exit_code == 0, res.output
    assert "not a folder" not in res.output
    assert (inbox / "arsip" / "serang-q4.xlsx").exists()


def test_history_and_no_history_together_are_refused(tmp_path):
    (tmp_path / "masuk").mkdir()
    res = watch(tmp_path / "masuk", tmp_path / "keluar", config(tmp_path), "--history", "x", "--no-history")
    assert res.exit_code == 2 and "--no-history" in res.output


def test_mail_accepts_a_history_folder_that_does_not_exist_yet(tmp_path):
    book = write_sectioned_workbook(tmp_path / "serang-q4.xlsx")
    args = ["mail", str(book), "--outbox", str(tmp_path / "out"), "--history", str(tmp_path / "arsip")]
    res = CliRunner().invoke(app, [*args, "--config", str(config(tmp_path))])
    assert res.exit_code == 0, res.output
    a_file = tmp_path / "file"
    a_file.write_text("x")
    res = CliRunner().invoke(app, ["mail", str(book), "--outbox", str(tmp_path / "out"), "--history", str(a_file)])
    assert res.exit_code == 2 and "not a folder" in res.output
