"""The drop folder: each finished workbook processed once, bad ones to gagal/, Ctrl-C stops cleanly."""

from __future__ import annotations

import re
import threading
import time

import pytest
from mailkit import FakeCheck, shipped_templates, write_marked
from typer.testing import CliRunner

from kinerja_xl import api, mail
from kinerja_xl.cli import app
from kinerja_xl.config import Settings
from kinerja_xl.watch import watch

CONTACTS = mail.load_contacts({"Pelayanan Lelang": "a@kpknl.example.id"})


@pytest.fixture
def fake(monkeypatch) -> FakeCheck:
    f = FakeCheck()
    monkeypatch.setattr(api, "check", f)
    return f


@pytest.fixture
def env():
    return shipped_templates()


def run_watch(inbox, outbox, env, **kw):
    lines: list[str] = []
    kw.setdefault("sleep", lambda s: None)
    stats = watch(inbox, outbox, Settings(), CONTACTS, env, echo=lines.append, **kw)
    return stats, lines


def names(folder):
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_finished_files_are_checked_once_bad_ones_go_to_gagal(tmp_path, fake, env):
    inbox, outbox = tmp_path / "inbox", tmp_path / "outbox"
    inbox.mkdir()
    (inbox / "serang.xlsx").write_bytes(b"PK-serang")
    (inbox / "makro.XLSM").write_bytes(b"PK-makro")
    (inbox / "rusak.xlsx").write_bytes(b"BAD not a zip")
    (inbox / "~$serang.xlsx").write_bytes(b"lock")  # Excel's lock file
    write_marked(inbox / "lama.checked.xlsx")  # our own output: the name and our marker
    (inbox / "catatan.txt").write_text("not a workbook")
    stats, lines = run_watch(inbox, outbox, env, max_polls=5)
    assert sorted(p.name for p in fake.calls) == ["makro.XLSM", "rusak.xlsx", "serang.xlsx"]  # once each
    assert names(inbox / "arsip") == ["makro.xlsm", "serang.xlsx"]
    assert names(inbox / "gagal") == ["rusak.xlsx", "rusak.xlsx.txt"]
    assert (inbox / "gagal" / "rusak.xlsx.txt").read_text(encoding="utf-8") == "rusak.xlsx: not a zip file\n"
    assert names(inbox) == ["arsip", "catatan.txt", "gagal", "lama.checked.xlsx", "~$serang.xlsx"]
    assert names(outbox) == [
        "makro.checked.XLSM",
        "makro__Kepatuhan Internal.eml",
        "makro__Pelayanan Lelang.eml",
        "makro__Pengelola Kinerja KPKNL Serang.eml",
        "rusak__berkas rusak.eml",  # the broken upload is answered
        "serang.checked.xlsx",
        "serang__Kepatuhan Internal.eml",
        "serang__Pelayanan Lelang.eml",
        "serang__Pengelola Kinerja KPKNL Serang.eml",
    ]
    assert (stats.processed, stats.drafts, [p.name for p in stats.failed]) == (2, 7, ["rusak.xlsx"])
    # one line per file: time, result, drafts, where it went
    assert len(lines) == 4
    assert any(re.fullmatch(r"\d\d:\d\d:\d\d rusak.xlsx: GAGAL: not a zip file -> 1 draf -> gagal/", x) for x in lines)
    assert any(
        re.fullmatch(r"\d\d:\d\d:\d\d serang.xlsx: 3 kesalahan, NKO 103,90 -> 3 draf -> arsip/", x) for x in lines
    )
    assert lines[-1] == "pemantauan berhenti: 2 berkas diperiksa, 7 draf, 1 dipindah ke gagal/, 0 pengiriman gagal"


def test_a_file_still_being_written_waits_until_it_is_stable(tmp_path, fake, env):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    growing = inbox / "besar.xlsx"
    growing.write_bytes(b"PK-1")
    polls = []

    def sleep(_):
        polls.append(len(fake.calls))
        if len(polls) <= 2:  # still growing during the first two pauses
            with open(growing, "ab") as fh:
                fh.write(b"more")

    run_watch(inbox, tmp_path / "out", env, max_polls=6, sleep=sleep)
    # Poll 1 sees it, polls 2 and 3 see a new size, poll 4 sees it unchanged and checks it.
    assert polls[:4] == [0, 0, 0, 1]
    assert [p.name for p in fake.calls] == ["besar.xlsx"]
    assert (inbox / "arsip" / "besar.xlsx").read_bytes() == b"PK-1moremore"


def test_a_name_already_in_arsip_gets_a_suffix(tmp_path, fake, env):
    inbox = tmp_path / "inbox"
    (inbox / "arsip").mkdir(parents=True)
    (inbox / "arsip" / "serang.xlsx").write_bytes(b"old")
    (inbox / "serang.xlsx").write_bytes(b"PK-new")
    run_watch(inbox, tmp_path / "out", env, max_polls=2)
    assert names(inbox / "arsip") == ["serang-2.xlsx", "serang.xlsx"]
    assert (inbox / "arsip" / "serang.xlsx").read_bytes() == b"old"


def test_ctrl_c_stops_cleanly_with_a_summary(tmp_path, fake, env):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "serang.xlsx").write_bytes(b"PK-serang")
    calls = []

    def sleep(_):
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt

    stats, lines = run_watch(inbox, tmp_path / "out", env, sleep=sleep)
    assert stats.processed == 1 and stats.polls == 3
    assert lines[-1].startswith("pemantauan berhenti: 1 berkas diperiksa")


def test_files_dropped_while_the_watcher_runs_in_a_thread(tmp_path, fake, env):
    inbox, outbox = tmp_path / "inbox", tmp_path / "outbox"
    inbox.mkdir()
    stop = threading.Event()
    result = {}
    thread = threading.Thread(
        target=lambda: result.update(
            stats=watch(inbox, outbox, Settings(), CONTACTS, env, interval=0.01, stop=stop.is_set, echo=lambda s: None)
        )
    )
    thread.start()
    try:
        for i in range(3):
            (inbox / f"kantor{i}.xlsx").write_bytes(b"PK-%d" % i)
        (inbox / "rusak.xlsx").write_bytes(b"BAD")
        deadline = time.monotonic() + 20
        while len(names(inbox / "arsip")) + len(names(inbox / "gagal")) < 5 and time.monotonic() < deadline:
            time.sleep(0.02)
    finally:
        stop.set()
        thread.join(10)
    assert not thread.is_alive()
    assert names(inbox / "arsip") == ["kantor0.xlsx", "kantor1.xlsx", "kantor2.xlsx"]
    assert names(inbox / "gagal") == ["rusak.xlsx", "rusak.xlsx.txt"]
    assert sorted(p.name for p in fake.calls) == ["kantor0.xlsx", "kantor1.xlsx", "kantor2.xlsx", "rusak.xlsx"]
    assert result["stats"].processed == 3


def test_watch_once_command_processes_what_is_there_and_reports_failures(tmp_path, fake):
    inbox, outbox = tmp_path / "inbox", tmp_path / "outbox"
    inbox.mkdir()
    (inbox / "serang.xlsx").write_bytes(b"PK-serang")
    (inbox / "rusak.xlsx").write_bytes(b"BAD")
    res = CliRunner().invoke(
        app, ["watch", str(inbox), "--outbox", str(outbox), "--once", "--interval", "0.01", "--lang", "en"]
    )
    assert res.exit_code == 1, res.output
    lines = res.output.splitlines()
    assert len(lines) == 3  # one line per file, then the summary
    serang, rusak = sorted(lines[:2], key=lambda x: "rusak" in x)  # oldest first: compared with arsip/
    assert re.fullmatch(r"\d\d:\d\d:\d\d serang.xlsx: 3 errors, NKO 103.90 -> 3 draft\(s\) -> arsip/", serang)
    assert re.fullmatch(r"\d\d:\d\d:\d\d rusak.xlsx: FAILED: not a zip file -> 1 draft\(s\) -> gagal/", rusak)
    assert "watch stopped: 1 file(s) checked, 4 draft(s), 1 moved to gagal/" in res.output
    (inbox / "lagi.xlsx").write_bytes(b"PK-lagi")
    res = CliRunner().invoke(app, ["watch", str(inbox), "--outbox", str(outbox), "--once", "--interval", "0.01"])
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in fake.calls[:2]) == ["rusak.xlsx", "serang.xlsx"]
    assert fake.calls[2].name == "lagi.xlsx"


def test_ctrl_c_on_the_watch_command_exits_0_with_the_summary(tmp_path, fake, monkeypatch):
    import kinerja_xl.watch as w

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "serang.xlsx").write_bytes(b"PK-serang")
    pauses = []

    def sleep(seconds):
        pauses.append(seconds)
        if len(pauses) == 2:
            raise KeyboardInterrupt

    monkeypatch.setattr(w.time, "sleep", sleep)
    res = CliRunner().invoke(app, ["watch", str(inbox), "--outbox", str(tmp_path / "out"), "--interval", "5"])
    assert res.exit_code == 0, res.output
    assert pauses == [5.0, 5.0]
    assert res.output.splitlines()[0] == f"memantau {inbox} setiap 5 detik (Ctrl-C untuk berhenti)"
    assert res.output.splitlines()[-1] == (
        "pemantauan berhenti: 1 berkas diperiksa, 3 draf, 0 dipindah ke gagal/, 0 pengiriman gagal"
    )


def test_watch_refuses_a_missing_inbox(tmp_path):
    res = CliRunner().invoke(app, ["watch", str(tmp_path / "nope"), "--outbox", str(tmp_path / "o"), "--once"])
    assert res.exit_code == 2 and "not a folder" in res.output


# --- issue 9: re-sent mail, fragments in gagal/, a file dropped again --------------------------


def test_watch_does_not_resend_when_the_move_to_arsip_fails(tmp_path, fake, env, monkeypatch):
    from kinerja_xl import watch as w

    inbox, outbox = tmp_path / "inbox", tmp_path / "outbox"
    inbox.mkdir()
    (inbox / "serang.xlsx").write_bytes(b"PK-serang")
    real = w.file_away

    def cannot_move(path, folder):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(w, "file_away", cannot_move)
    _, lines = run_watch(inbox, outbox, env, once=True)
    assert [p.name for p in fake.calls] == ["serang.xlsx"]
    assert "kinerja-xl: tidak dapat memindahkan serang.xlsx: Permission denied" in lines
    drafts = sorted(p.name for p in outbox.glob("*.eml"))
    # the next run (cron with --once) finds it again: it is not checked or mailed a second time
    _, lines = run_watch(inbox, outbox, env, once=True)
    assert [p.name for p in fake.calls] == ["serang.xlsx"]
    assert any(x.endswith(" serang.xlsx: sudah diperiksa dan dikirim, tidak dikirim lagi") for x in lines), lines
    assert sorted(p.name for p in outbox.glob("*.eml")) == drafts
    # once the move works, it goes to arsip/ and the ledger forgets it
    monkeypatch.setattr(w, "file_away", real)
    run_watch(inbox, outbox, env, once=True)
    assert names(inbox / "arsip") == ["serang.xlsx"] and not (outbox / w.LEDGER).exists()
    assert [p.name for p in fake.calls] == ["serang.xlsx"]


def test_watch_slowly_reopened_upload_is_not_filed_as_fragments(tmp_path, fake, env):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    upload = inbox / "q4.xlsx"
    upload.write_bytes(b"PK\x03\x04 first part of the zip, no central directory yet")
    now = {"t": time.time()}

    def sleep(_):
        now["t"] += 20  # the upload pauses 20 s between polls, longer than one interval

    run_watch(inbox, tmp_path / "out", env, max_polls=3, sleep=sleep, clock=lambda: now["t"])
    assert fake.calls == [] and not (inbox / "gagal").exists()  # not judged while it may still grow
    upload.write_bytes(b"PK-the whole workbook")  # the client reopens it and finishes
    run_watch(inbox, tmp_path / "out", env, max_polls=3)
    assert [p.name for p in fake.calls] == ["q4.xlsx"]
    assert names(inbox / "arsip") == ["q4.xlsx"] and not (inbox / "gagal").exists()


def test_watch_unfinished_upload_that_never_completes_goes_to_gagal_after_settling(tmp_path, fake, env):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "putus.xlsx").write_bytes(b"BAD" + b"x")  # content the fake calls unreadable
    (inbox / "potong.xlsx").write_bytes(b"PK\x03\x04 cut off")
    now = {"t": time.time() + 3600}  # an hour later: long settled
    run_watch(inbox, tmp_path / "out", env, max_polls=3, clock=lambda: now["t"])
    assert sorted(p.name for p in fake.calls) == ["potong.xlsx", "putus.xlsx"]


def test_watch_sees_a_file_dropped_again_with_the_same_size_and_time(tmp_path, fake, env):
    import os
    import shutil

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    src = tmp_path / "serang.xlsx"
    src.write_bytes(b"PK-serang")
    os.utime(src, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    shutil.copy2(src, inbox / "serang.xlsx")
    dropped = {"again": False}

    def sleep(_):
        if not dropped["again"] and (inbox / "arsip" / "serang.xlsx").exists():
            shutil.copy2(src, inbox / "serang.xlsx")  # same name, size and mtime
            dropped["again"] = True

    run_watch(inbox, tmp_path / "out", env, max_polls=8, sleep=sleep)
    assert [p.name for p in fake.calls] == ["serang.xlsx", "serang.xlsx"]
    assert names(inbox / "arsip") == ["serang-2.xlsx", "serang.xlsx"]
