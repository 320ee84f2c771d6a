"""mail and watch never mix up two files of the same name; draft names fit every file system (issue 9)."""

from __future__ import annotations

import email
import io
import shutil
from email import policy
from pathlib import Path

import openpyxl
from mailkit import shipped_templates, write_sectioned_workbook
from typer.testing import CliRunner

from kinerja_xl import mail
from kinerja_xl.cli import app
from kinerja_xl.config import Settings
from kinerja_xl.watch import watch


def drafts_in(outbox: Path) -> list[email.message.EmailMessage]:
    out = []
    for p in sorted(outbox.glob("*.eml")):
        with open(p, "rb") as fh:
            out.append(email.message_from_binary_file(fh, policy=policy.default))
    return out


def title_of(data: bytes) -> str:
    return str(openpyxl.load_workbook(io.BytesIO(data), read_only=True)["IKU"]["A1"].value)


def test_mail_two_units_files_of_the_same_name_each_draft_attaches_its_own_unit(tmp_path):
    a = write_sectioned_workbook(_mk(tmp_path / "serang") / "q4.xlsx", unit="KPKNL SERANG")
    b = write_sectioned_workbook(_mk(tmp_path / "bogor") / "q4.xlsx", unit="KPKNL BOGOR")
    outbox = tmp_path / "outbox"
    res = CliRunner().invoke(app, ["mail", str(a), str(b), "--outbox", str(outbox), "--all-sections"])
    assert res.exit_code == 0, res.output
    msgs = drafts_in(outbox)
    assert len(msgs) == 4  # two sections per unit: a draft and a thank-you note (no attachment)
    with_file = [m for m in msgs if list(m.iter_attachments())]
    assert len(with_file) == 2
    for msg in with_file:
        unit = "KPKNL SERANG" if "KPKNL SERANG" in msg["Subject"] else "KPKNL BOGOR"
        assert unit in msg["Subject"]
        (att,) = list(msg.iter_attachments())
        assert unit in title_of(att.get_content())  # never the other unit's workbook
    names = {next(iter(m.iter_attachments())).get_filename() for m in with_file}
    assert names == {"q4.checked.xlsx", "q4-2.checked.xlsx"}
    assert sorted(p.name for p in outbox.glob("*.eml")) == [  # each draft named after its attachment
        "q4-2__Kepatuhan Internal.eml",
        "q4-2__Pelayanan Lelang.eml",
        "q4__Kepatuhan Internal.eml",
        "q4__Pelayanan Lelang.eml",
    ]
    assert sorted(p.name for p in outbox.glob("*.checked.xlsx")) == ["q4-2.checked.xlsx", "q4.checked.xlsx"]


def test_section_label_of_80_emoji_still_writes_every_draft(tmp_path):
    src = write_sectioned_workbook(tmp_path / "serang-q4.xlsx")
    emoji = "😀" * 80
    cfg = tmp_path / "kinerja.toml"
    cfg.write_text(f'[iku."1a-CP"]\nseksi = "{emoji}"\n', encoding="utf-8")
    outbox = tmp_path / "outbox"
    res = CliRunner().invoke(app, ["mail", str(src), "--outbox", str(outbox), "--config", str(cfg), "--all-sections"])
    assert res.exit_code == 0, res.output
    emls = sorted(outbox.glob("*.eml"))
    assert len(emls) == 2 and all(len(p.name.encode()) <= 255 for p in emls)
    sections = {m["X-Kinerja-Seksi"] for m in drafts_in(outbox)}
    assert sections == {emoji, "Kepatuhan Internal"}
    assert any(p.name.startswith("serang-q4__😀") for p in emls)


def test_watch_same_name_dropped_twice_keeps_both_annotated_copies(tmp_path):
    a = write_sectioned_workbook(_mk(tmp_path / "src-a") / "q4.xlsx", unit="KPKNL SERANG")
    b = write_sectioned_workbook(_mk(tmp_path / "src-b") / "q4.xlsx", unit="KPKNL BOGOR")
    inbox, outbox = _mk(tmp_path / "inbox"), tmp_path / "outbox"
    shutil.copy(a, inbox / "q4.xlsx")
    dropped: list[bool] = []

    def sleep(_: float) -> None:  # the second unit's file arrives once the first was filed away
        if not dropped and not (inbox / "q4.xlsx").exists():
            shutil.copy(b, inbox / "q4.xlsx")
            dropped.append(True)

    lines: list[str] = []
    watch(inbox, outbox, Settings(), mail.Contacts(), shipped_templates(), sleep=sleep, max_polls=8, echo=lines.append)
    assert dropped, lines
    copies = sorted(outbox.glob("*.xlsx"))
    assert [p.name for p in copies] == ["q4-2.checked.xlsx", "q4.checked.xlsx"], lines
    assert "KPKNL BOGOR" in title_of(copies[0].read_bytes())
    assert "KPKNL SERANG" in title_of(copies[1].read_bytes())


def _mk(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_watch_next_session_never_replaces_a_copy_an_earlier_session_left(tmp_path):
    a = write_sectioned_workbook(_mk(tmp_path / "src-a") / "q4.xlsx", unit="KPKNL SERANG")
    b = write_sectioned_workbook(_mk(tmp_path / "src-b") / "q4.xlsx", unit="KPKNL BOGOR")
    inbox, outbox = _mk(tmp_path / "inbox"), tmp_path / "outbox"
    for src in (a, b):  # two cron runs of `watch --once`, one file each
        shutil.copy(src, inbox / "q4.xlsx")
        watch(inbox, outbox, Settings(), mail.Contacts(), shipped_templates(), once=True, sleep=lambda s: None)
    copies = sorted(outbox.glob("*.checked.xlsx"))
    assert [p.name for p in copies] == ["q4-2.checked.xlsx", "q4.checked.xlsx"]
    assert "KPKNL BOGOR" in title_of(copies[0].read_bytes())
    assert "KPKNL SERANG" in title_of(copies[1].read_bytes())
