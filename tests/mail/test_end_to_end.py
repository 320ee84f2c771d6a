"""`mail` and `watch` on real workbooks through the real reader, rules and annotated writer."""

from __future__ import annotations

import email
from email import policy

import openpyxl
import pytest
from mailkit import SmtpServer, write_sectioned_workbook
from typer.testing import CliRunner

from kinerja_xl.cli import app


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    folder = tmp_path_factory.mktemp("e2e")
    return write_sectioned_workbook(folder / "serang-q4.xlsx")


def config(folder, smtp: dict | None = None):
    text = (
        '[seksi]\n"Pelayanan Lelang" = ["Budi <budi@kpknl.example.id>"]\n"Kepatuhan Internal" = "ki@kpknl.example.id"\n'
    )
    if smtp:
        text += "[smtp]\n" + "".join(
            f'{k} = "{v}"\n' if isinstance(v, str) else f"{k} = {v}\n" for k, v in smtp.items()
        )
    path = folder / "kinerja.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_mail_send_real_workbook_each_section_gets_its_findings_and_the_annotated_file(book, tmp_path):
    outbox = tmp_path / "outbox"
    with SmtpServer() as server:
        cfg = config(tmp_path, server.smtp_table())
        res = CliRunner().invoke(app, ["mail", str(book), "--outbox", str(outbox), "--config", str(cfg), "--send"])
    assert res.exit_code == 0, res.output
    annotated = outbox / "serang-q4.checked.xlsx"
    assert openpyxl.load_workbook(annotated)["IKU"]["G9"].comment is not None  # the real annotated copy
    msgs = {}
    for env in server.handler.envelopes:
        msg = email.message_from_bytes(env.original_content, policy=policy.default)
        msgs[msg["X-Kinerja-Seksi"]] = (env.rcpt_tos, msg)
    assert set(msgs) == {"Pelayanan Lelang", "Kepatuhan Internal"}
    rcpts, lelang = msgs["Pelayanan Lelang"]
    assert rcpts == ["budi@kpknl.example.id"]
    assert lelang["Subject"].startswith("[kinerja-xl] KPKNL SERANG Q4 2024 - Seksi Pelayanan Lelang: 1 kesalahan")
    body = lelang.get_body(("plain",)).get_content()
    assert "IKU 1a-CP - Persentase pokok lelang laku" in body
    line = next(x for x in body.splitlines() if "sel IKU!G9 [KX101]" in x)
    assert "97,80" in line and line.count("97,80") == 1  # the expected value said once
    ki_body = msgs["Kepatuhan Internal"][1].get_body(("plain",)).get_content()
    assert "KX101" not in ki_body and "Tidak ada temuan pada IKU seksi ini." in ki_body
    for _, msg in msgs.values():
        (att,) = list(msg.iter_attachments())
        assert att.get_filename() == "serang-q4.checked.xlsx"
        assert att.get_content() == annotated.read_bytes()
    assert "terkirim: Pelayanan Lelang  ->  budi@kpknl.example.id" in res.output


def test_watch_once_real_files_good_to_arsip_broken_to_gagal(book, tmp_path):
    inbox, outbox = tmp_path / "inbox", tmp_path / "outbox"
    inbox.mkdir()
    (inbox / "serang-q4.xlsx").write_bytes(book.read_bytes())
    (inbox / "rusak.xlsx").write_text("this is not a workbook\n")
    cfg = config(tmp_path)
    res = CliRunner().invoke(
        app, ["watch", str(inbox), "--outbox", str(outbox), "--config", str(cfg), "--once", "--interval", "0.01"]
    )
    assert res.exit_code == 1, res.output
    assert sorted(p.name for p in (inbox / "arsip").iterdir()) == ["serang-q4.xlsx"]
    assert sorted(p.name for p in (inbox / "gagal").iterdir()) == ["rusak.xlsx", "rusak.xlsx.txt"]
    assert (inbox / "gagal" / "rusak.xlsx.txt").read_text(encoding="utf-8").startswith("rusak.xlsx: ")
    assert sorted(p.name for p in outbox.iterdir()) == [
        "serang-q4.checked.xlsx",
        "serang-q4__Kepatuhan Internal.eml",
        "serang-q4__Pelayanan Lelang.eml",
    ]
    with open(outbox / "serang-q4__Pelayanan Lelang.eml", "rb") as fh:
        draft = email.message_from_binary_file(fh, policy=policy.default)
    assert draft["To"] == "Budi <budi@kpknl.example.id>"
    (att,) = list(draft.iter_attachments())
    assert att.get_content() == (outbox / "serang-q4.checked.xlsx").read_bytes()
