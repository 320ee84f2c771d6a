"""Sending through a real SMTP server (aiosmtpd on 127.0.0.1), and the `mail` command end to end."""

from __future__ import annotations

import email
from email import policy

import pytest
from mailkit import FakeCheck, SmtpServer, make_result, shipped_templates
from typer.testing import CliRunner

from kinerja_xl import api, mail
from kinerja_xl.api import RunResult
from kinerja_xl.cli import app

CONTACTS = {
    "Pelayanan Lelang": ["Budi <budi@kpknl.example.id>", "lelang@kpknl.example.id"],
    "Kepatuhan Internal": ["ki@kpknl.example.id"],
}


def received(server: SmtpServer) -> list[tuple[list[str], email.message.EmailMessage]]:
    return [
        (sorted(e.rcpt_tos), email.message_from_bytes(e.original_content, policy=policy.default))
        for e in server.handler.envelopes
    ]


def build(tmp, contacts=CONTACTS, **kw):
    """The sections' drafts (the transport is tested here; the manager's summary in test_sections.py)."""
    run = RunResult(files=[make_result(tmp, **kw)])
    drafts = mail.build_drafts(run, mail.load_contacts(contacts), lang="id", env=shipped_templates())
    return [d for d in drafts if d.kind == "mail"]


def test_messages_arrive_with_recipients_subject_body_and_the_exact_attachment(tmp_path):
    drafts = build(tmp_path)
    with SmtpServer() as server:
        report = mail.send_drafts(drafts, mail.smtp_config(server.smtp_table()), environ={})
    assert [(d.recipient, d.ok) for d in report] == [
        ("budi@kpknl.example.id", True),
        ("lelang@kpknl.example.id", True),
        ("ki@kpknl.example.id", True),
    ]
    got = {msg["X-Kinerja-Seksi"]: (rcpts, msg) for rcpts, msg in received(server)}
    assert set(got) == {"Pelayanan Lelang", "Kepatuhan Internal"}
    rcpts, msg = got["Pelayanan Lelang"]
    assert rcpts == ["budi@kpknl.example.id", "lelang@kpknl.example.id"]
    assert msg["From"] == "kinerja@kpknl.example.id"
    assert (
        msg["Subject"]
        == "Hasil pemeriksaan IKU KPKNL Serang Q4 2024 - Seksi Pelayanan Lelang: 1 kesalahan, 0 peringatan"
    )
    assert "IKU!G13: " in msg.get_body(("plain",)).get_content()
    assert msg["X-Unsent"] is None  # only drafts carry it
    (att,) = list(msg.iter_attachments())
    assert att.get_filename() == "serang-q4.checked.xlsx"
    assert att.get_content() == (tmp_path / "serang-q4.checked.xlsx").read_bytes()
    assert got["Kepatuhan Internal"][0] == ["ki@kpknl.example.id"]


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_authentication_with_the_password_from_the_environment(tmp_path):
    drafts = build(tmp_path, contacts={"Pelayanan Lelang": "a@kpknl.example.id"})
    with SmtpServer(auth=("budi", "s3cret")) as server:
        table = server.smtp_table(user="budi", password_env="KX_SMTP_PW")
        ok = mail.send_drafts(drafts, mail.smtp_config(table), environ={"KX_SMTP_PW": "s3cret"})
        bad = mail.send_drafts(drafts, mail.smtp_config(table), environ={"KX_SMTP_PW": "wrong"})
        unset = mail.send_drafts(drafts, mail.smtp_config(table), environ={})
    assert server.logins == ["budi"]
    assert [(d.recipient, d.ok) for d in ok] == [("a@kpknl.example.id", True), (None, False)]
    assert [len(e.rcpt_tos) for e in server.handler.envelopes] == [1]
    assert "SMTPAuthenticationError 535" in bad[0].detail and not bad[0].ok
    assert "KX_SMTP_PW" in unset[0].detail and not unset[0].ok
    assert bad[1].detail == unset[1].detail == "no contact for this section"


def test_a_refused_recipient_does_not_stop_the_others(tmp_path):
    drafts = build(tmp_path)
    with SmtpServer(refuse=("budi@kpknl.example.id",)) as server:
        report = mail.send_drafts(drafts, mail.smtp_config(server.smtp_table()), environ={})
    assert [(d.recipient, d.ok) for d in report] == [
        ("budi@kpknl.example.id", False),
        ("lelang@kpknl.example.id", True),
        ("ki@kpknl.example.id", True),
    ]
    assert report[0].detail.startswith("refused 550")
    assert sorted(r for rcpts, _ in received(server) for r in rcpts) == [
        "ki@kpknl.example.id",
        "lelang@kpknl.example.id",
    ]


def test_every_recipient_refused_is_reported_and_the_next_message_still_goes(tmp_path):
    drafts = build(tmp_path)
    with SmtpServer(refuse=("budi@kpknl.example.id", "lelang@kpknl.example.id")) as server:
        report = mail.send_drafts(drafts, mail.smtp_config(server.smtp_table()), environ={})
    assert [d.ok for d in report] == [False, False, True]
    assert [rcpts for rcpts, _ in received(server)] == [["ki@kpknl.example.id"]]


def test_a_server_that_is_not_there_is_reported_per_recipient(tmp_path):
    from mailkit import _free_port

    drafts = build(tmp_path)
    cfg = mail.smtp_config(
        {"host": "127.0.0.1", "port": _free_port(), "security": "none", "from": "a@b.id", "timeout": 2}
    )
    report = mail.send_drafts(drafts, cfg, environ={})
    assert len(report) == 3 and not any(d.ok for d in report)
    assert all("ConnectionRefusedError" in d.detail for d in report)


def test_crafted_contacts_never_reach_the_envelope(tmp_path):
    evil = "Lelang\r\nBcc: evil@evil.com"
    contacts = {
        evil: [
            "ok@kpknl.example.id",
            "x@y.id\r\nBcc: z@evil.com",
            "a@x.id, b@evil.com",
            "Ok <ok2@kpknl.example.id>\nCc: c@evil.com",
        ]
    }
    drafts = build(tmp_path, contacts=contacts, seksi_a=evil, unit="KPKNL\r\nBcc: u@evil.com")
    with SmtpServer() as server:
        mail.send_drafts(drafts, mail.smtp_config(server.smtp_table()), environ={})
    ((rcpts, msg),) = received(server)
    assert rcpts == ["ok@kpknl.example.id"]
    assert {k.lower() for k in msg} == {
        "subject",
        "from",
        "to",
        "date",
        "message-id",
        "x-kinerja-seksi",
        "mime-version",
        "content-type",
    }
    assert [a.addr_spec for a in msg["To"].addresses] == ["ok@kpknl.example.id"]


# ------------------------------------------------------------------ the command


def write_config(folder, smtp: dict | None, seksi=CONTACTS):
    lines = ["[seksi]"]
    for k, v in seksi.items():
        vals = ", ".join(f'"{a}"' for a in ([v] if isinstance(v, str) else v))
        lines.append(f'"{k}" = [{vals}]')
    if smtp:
        lines.append("[smtp]")
        for k, v in smtp.items():
            lines.append(f"{k} = {v!r}" if isinstance(v, str) else f"{k} = {v}")
    (folder / "kinerja.toml").write_text("\n".join(lines).replace("'", '"') + "\n", encoding="utf-8")


@pytest.fixture
def inbox(tmp_path, monkeypatch):
    """A folder with one workbook, api.check replaced by the hand-built result."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "serang-q4.xlsx").write_bytes(b"PK-input")
    fake = FakeCheck()
    monkeypatch.setattr(api, "check", fake)
    return folder


def test_mail_send_reports_per_recipient_and_exits_1_on_a_refusal(inbox, tmp_path):
    with SmtpServer(refuse=("budi@kpknl.example.id",)) as server:
        write_config(inbox, server.smtp_table())
        res = CliRunner().invoke(
            app, ["mail", str(inbox / "serang-q4.xlsx"), "--outbox", str(tmp_path / "out"), "--send"]
        )
    assert res.exit_code == 1, res.output
    assert "TIDAK TERKIRIM: Pelayanan Lelang  ->  budi@kpknl.example.id  (refused 550" in res.output
    assert "terkirim: Pelayanan Lelang  ->  lelang@kpknl.example.id" in res.output
    assert "terkirim: Kepatuhan Internal  ->  ki@kpknl.example.id" in res.output
    # the workbook-level finding (Tabel 1!E30) is the manager's: a summary to the From address
    assert "terkirim: Pengelola Kinerja KPKNL Serang  ->  kinerja@kpknl.example.id" in res.output
    assert len(server.handler.envelopes) == 3
    annotated = (tmp_path / "out" / "serang-q4.checked.xlsx").read_bytes()
    for _, msg in received(server):
        (att,) = list(msg.iter_attachments())
        assert att.get_content() == annotated
    assert len(list((tmp_path / "out").glob("*.eml"))) == 3  # drafts are written even when sending


def test_mail_without_send_never_connects_and_lists_the_drafts(inbox, tmp_path):
    with SmtpServer() as server:
        write_config(inbox, server.smtp_table(), seksi={"Pelayanan Lelang": "a@kpknl.example.id"})
        res = CliRunner().invoke(
            app, ["mail", str(inbox / "serang-q4.xlsx"), "--outbox", str(tmp_path / "out"), "--lang", "en"]
        )
    assert res.exit_code == 0, res.output
    assert server.handler.envelopes == []
    assert "draft: Pelayanan Lelang  ->  a@kpknl.example.id  [serang-q4__Pelayanan Lelang.eml]" in res.output
    assert "draft: Kepatuhan Internal  ->  NO CONTACT  [serang-q4__Kepatuhan Internal.eml]" in res.output
    assert "draft: Performance Manager of KPKNL Serang  ->  kinerja@kpknl.example.id" in res.output
    assert "not sent (use --send to send)" in res.output
    assert sorted(p.name for p in (tmp_path / "out").glob("*.eml")) == [
        "serang-q4__Kepatuhan Internal.eml",
        "serang-q4__Pelayanan Lelang.eml",
        "serang-q4__Performance Manager of KPKNL Serang.eml",
    ]
    assert (
        res.output.splitlines()[-1]
        == "2 draft(s) for 2 section(s) in 1 file(s); 1 summary(ies) for the performance manager"
    )


def test_mail_refuses_a_password_in_kinerja_toml(inbox, tmp_path):
    write_config(inbox, {"host": "127.0.0.1", "from": "a@b.id", "password": "rahasia"})
    res = CliRunner().invoke(app, ["mail", str(inbox / "serang-q4.xlsx"), "--outbox", str(tmp_path / "out"), "--send"])
    assert res.exit_code == 2
    assert "never write the password in kinerja.toml" in res.output
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").glob("*.eml"))


def test_mail_contacts_csv_and_invalid_entries_are_reported(inbox, tmp_path):
    write_config(inbox, None, seksi={})
    csv_file = tmp_path / "kontak.csv"
    csv_file.write_text('seksi,email\nKepatuhan Internal,ki@kpknl.example.id\nPelayanan Lelang,"a@x.id, b@evil.com"\n')
    res = CliRunner().invoke(
        app, ["mail", str(inbox / "serang-q4.xlsx"), "--outbox", str(tmp_path / "out"), "--contacts", str(csv_file)]
    )
    assert res.exit_code == 0, res.output
    assert "alamat tidak valid diabaikan: seksi 'Pelayanan Lelang': 'a@x.id, b@evil.com' (kontak.csv:3)" in res.output
    assert "draf: Kepatuhan Internal  ->  ki@kpknl.example.id" in res.output
    assert "draf: Pelayanan Lelang  ->  TANPA KONTAK" in res.output


def test_mail_send_with_a_section_without_contact_exits_1(inbox, tmp_path):
    with SmtpServer() as server:
        write_config(inbox, server.smtp_table(), seksi={"Pelayanan Lelang": "a@kpknl.example.id"})
        res = CliRunner().invoke(
            app, ["mail", str(inbox / "serang-q4.xlsx"), "--outbox", str(tmp_path / "out"), "--send"]
        )
    assert res.exit_code == 1
    assert "TIDAK TERKIRIM: Kepatuhan Internal  ->  TANPA KONTAK  (no contact for this section)" in res.output
    assert [sorted(e.rcpt_tos) for e in server.handler.envelopes] == [
        ["a@kpknl.example.id"],
        ["kinerja@kpknl.example.id"],
    ]


# ------------------------------------------------------------------ TLS


@pytest.fixture(scope="module")
def cert(tmp_path_factory):
    import shutil

    if shutil.which("openssl") is None:
        pytest.skip("the openssl command is needed to make a test certificate")
    from mailkit import self_signed_cert

    return self_signed_cert(tmp_path_factory.mktemp("tls"))


def server_context(cert):
    import ssl

    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(*map(str, cert))
    return ctx


def test_starttls_with_auth_verifies_the_server_against_cafile(tmp_path, cert):
    drafts = build(tmp_path, contacts={"Pelayanan Lelang": "a@kpknl.example.id", "Kepatuhan Internal": "k@x.id"})
    with SmtpServer(auth=("budi", "s3cret"), starttls=server_context(cert)) as server:
        table = server.smtp_table(security="starttls", user="budi", password_env="PW", cafile=str(cert[0]))
        ok = mail.send_drafts(drafts, mail.smtp_config(table), environ={"PW": "s3cret"})
        # Without our CA the certificate is not trusted: nothing is sent, the reason is given.
        del table["cafile"]
        untrusted = mail.send_drafts(drafts, mail.smtp_config(table), environ={"PW": "s3cret"})
    assert [d.ok for d in ok] == [True, True] and server.logins == ["budi"]
    assert len(server.handler.envelopes) == 2
    assert not any(d.ok for d in untrusted) and "CERTIFICATE_VERIFY_FAILED" in untrusted[0].detail


def test_implicit_ssl(tmp_path, cert):
    drafts = build(tmp_path, contacts={"Pelayanan Lelang": "a@kpknl.example.id"})
    with SmtpServer(implicit_tls=server_context(cert)) as server:
        cfg = mail.smtp_config(server.smtp_table(security="ssl", cafile=str(cert[0])))
        report = mail.send_drafts(drafts, cfg, environ={})
    assert [(d.recipient, d.ok) for d in report] == [("a@kpknl.example.id", True), (None, False)]
    assert [e.rcpt_tos for e in server.handler.envelopes] == [["a@kpknl.example.id"]]


def test_cafile_is_relative_to_kinerja_toml(tmp_path):
    (tmp_path / "ca.pem").write_text("x")
    cfg = mail.smtp_config({"host": "h", "from": "a@b.id", "cafile": "ca.pem"}, base=tmp_path)
    assert cfg.cafile == str(tmp_path / "ca.pem")
    with pytest.raises(mail.MailError, match="cafile"):
        mail.smtp_config({"host": "h", "from": "a@b.id", "cafile": "missing.pem"}, base=tmp_path)
