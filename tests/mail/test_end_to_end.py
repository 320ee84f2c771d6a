"""`mail` and `watch` on real workbooks through the real reader, rules and annotated writer."""

from __future__ import annotations

import email
import re
from email import policy

import pytest
from history.comments import comment_at
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


def test_one_wrong_cell_in_one_sections_iku_gives_one_draft_to_that_section(book, tmp_path):
    """The issue's "done when": sections mapped in kinerja.toml, --deadline, one wrong capaian in
    Pelayanan Lelang's IKU: one draft, to that section, the deadline as an Indonesian date, no doubled
    title, no bare codes; the run ends with the scope line."""
    outbox = tmp_path / "outbox"
    with SmtpServer() as server:
        cfg = config(tmp_path, server.smtp_table())
        args = ["mail", str(book), "--outbox", str(outbox), "--config", str(cfg), "--deadline", "2025-01-10"]
        res = CliRunner().invoke(app, [*args, "--send"])
    assert res.exit_code == 0, res.output
    annotated = outbox / "serang-q4.checked.xlsx"
    assert comment_at(annotated, "IKU", "G9") is not None  # the real annotated copy
    assert len(server.handler.envelopes) == 1
    (env,) = server.handler.envelopes
    msg = email.message_from_bytes(env.original_content, policy=policy.default)
    assert env.rcpt_tos == ["budi@kpknl.example.id"] and msg["X-Kinerja-Seksi"] == "Pelayanan Lelang"
    assert msg["Subject"] == (
        "Hasil pemeriksaan IKU KPKNL SERANG Q4 2024 - Seksi Pelayanan Lelang: 1 kesalahan, 0 peringatan, "
        "perbaikan paling lambat 10 Januari 2025"
    )
    body = msg.get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert body.startswith("Yth. Kepala Seksi Pelayanan Lelang,\n")
    assert "Seksi Seksi" not in body + msg["Subject"]
    assert "IKU 1a-CP - Persentase pokok lelang laku" in body
    line = next(x for x in body.splitlines() if "sel IKU!G9" in x)
    assert line == "  * sel IKU!G9: Capaian Q4 tertulis 132,63 tetapi R/T x 100 = 97,80 (Max). (KX101)"
    assert not re.search(r"KX\d{3}", re.sub(r"\(KX\d{3}\)", "", body))  # a code only in brackets after words
    assert "simpan sebagai serang-q4-rev1.xlsx" in body and "paling lambat Jumat, 10 Januari 2025." in body
    assert body.rstrip().endswith(
        "Pengelola Kinerja KPKNL SERANG\n\n--\nDiperiksa otomatis dengan kinerja-xl (profil kmk-300-2022)."
    )
    (att,) = list(msg.iter_attachments())
    assert att.get_filename() == "serang-q4.checked.xlsx" and att.get_content() == annotated.read_bytes()
    assert "terkirim: Pelayanan Lelang  ->  budi@kpknl.example.id" in res.output
    assert res.output.splitlines()[-1] == "1 draf untuk 1 seksi di 1 berkas; 1 seksi tanpa temuan tidak dikirimi"
    assert sorted(p.name for p in outbox.glob("*.eml")) == ["serang-q4__Pelayanan Lelang.eml"]


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
    # Kepatuhan Internal has nothing to fix: no draft; the broken upload is answered (to the manager:
    # no contact is named like it, and no [mail] reply_to or [smtp] from is set)
    assert sorted(p.name for p in outbox.iterdir()) == [
        "rusak__berkas rusak.eml",
        "serang-q4.checked.xlsx",
        "serang-q4__Pelayanan Lelang.eml",
    ]
    # one line per file: time, result, drafts, where it went
    lines = sorted(res.output.splitlines()[:2], key=lambda x: x[9:])
    assert re.fullmatch(r"\d\d:\d\d:\d\d rusak.xlsx: GAGAL: .+ -> 1 draf -> gagal/", lines[0]), lines
    assert re.fullmatch(r"\d\d:\d\d:\d\d serang-q4.xlsx: 1 kesalahan, NKO 103,90 -> 1 draf -> arsip/", lines[1]), lines
    with open(outbox / "serang-q4__Pelayanan Lelang.eml", "rb") as fh:
        draft = email.message_from_binary_file(fh, policy=policy.default)
    assert draft["To"] == "Budi <budi@kpknl.example.id>"
    (att,) = list(draft.iter_attachments())
    assert att.get_content() == (outbox / "serang-q4.checked.xlsx").read_bytes()
