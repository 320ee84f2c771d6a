"""Building the per-section messages: templates, drafts on disk, contacts, and hostile input."""

from __future__ import annotations

import email
from email import policy
from pathlib import Path

import pytest
from mailkit import make_result, shipped_templates

from kinerja_xl import mail
from kinerja_xl.api import RunResult
from kinerja_xl.config import Settings
from kinerja_xl.model import CellRef, Summary, Value

CONTACTS = {
    "Pelayanan Lelang": ["Budi <budi@kpknl.example.id>", "lelang@kpknl.example.id"],
    "Kepatuhan Internal": "ki@kpknl.example.id",
}


def parse(path: Path) -> email.message.EmailMessage:
    with open(path, "rb") as fh:
        return email.message_from_binary_file(fh, policy=policy.default)


def period_word(lang: str) -> str:
    return "periode" if lang == "id" else "period"


def drafts_for(tmp: Path, lang: str = "id", contacts=CONTACTS, **kw) -> list[mail.Draft]:
    run = RunResult(files=[make_result(tmp, **kw)], settings=Settings())
    drafts = mail.build_drafts(run, mail.load_contacts(contacts), lang=lang, env=shipped_templates())
    mail.write_drafts(drafts, tmp / "outbox")
    return drafts


def test_one_draft_per_section_each_with_its_own_findings(tmp_path):
    drafts = {d.section: d for d in drafts_for(tmp_path) if d.kind == "mail"}
    assert set(drafts) == {"Pelayanan Lelang", "Kepatuhan Internal"}
    lelang, ki = drafts["Pelayanan Lelang"].body, drafts["Kepatuhan Internal"].body
    assert "sel IKU!G13: " in lelang and "(KX101)" in lelang and "KX102" not in lelang
    assert "sel IKU!G24: " in ki and "(KX102)" in ki and "KX101" not in ki
    # The summary-table finding concerns the whole workbook: the manager's, in no section's draft.
    assert "KX203" not in lelang and "KX203" not in ki
    # what is expected, Indonesian decimal comma, said once (the message already gives it)
    assert "R/T = 97,80 (Max)." in lelang and lelang.count("97,80") == 1 and "Seharusnya" not in lelang
    assert drafts["Pelayanan Lelang"].envelope_to == ["budi@kpknl.example.id", "lelang@kpknl.example.id"]


def test_iku_without_seksi_falls_back_to_the_file_name(tmp_path):
    drafts = drafts_for(tmp_path, seksi_a=None, seksi_b=None, stem="Umum")
    assert [(d.section, d.kind) for d in drafts] == [("Umum", "mail"), ("Pengelola Kinerja KPKNL Serang", "manager")]
    assert drafts[0].body.startswith("Yth. Bapak/Ibu pengelola Umum,")
    assert drafts[0].subject == "Hasil pemeriksaan IKU KPKNL Serang Q4 2024 - Umum: 2 kesalahan, 0 peringatan"
    assert "KX101" in drafts[0].body and "KX102" in drafts[0].body


@pytest.mark.parametrize(
    "lang, words",
    [
        ("id", ["Yth.", "kesalahan", "peringatan", "Kesimpulan", "NKO hasil hitung ulang", "predikat"]),
        ("en", ["Dear", "error", "warnings", "Verdict", "recomputed NKO", "predikat"]),
    ],
)
def test_templates_render_in_both_languages(tmp_path, lang, words):
    d = {d.section: d for d in drafts_for(tmp_path, lang=lang)}["Pelayanan Lelang"]
    for word in words:
        assert word in d.subject + d.body, word
    assert "KPKNL Serang" in d.subject and "Q4" in d.subject and "2024" in d.subject
    # Recomputed NKO: one perspective, one SS, equal weights -> mean of Nilai 97,80 and 110 = 103,90.
    nko = "103,90" if lang == "id" else "103.90"
    assert f"{period_word(lang)} Q4: {nko} (predikat Istimewa)" in d.body


@pytest.mark.parametrize(
    "lang, line",
    [
        ("id", "  - tahunan (Y): 103,90 (predikat Istimewa); tertulis 115,67 (predikat Istimewa)\n"),
        ("en", "  - year (Y): 103.90 (predikat Istimewa); written 115.67 (predikat Istimewa)\n"),
    ],
)
def test_body_shows_the_written_nko_beside_the_recomputed_one(tmp_path, lang, line):
    """The NKO the summary table writes (Tabel 1!E30) stands beside the recomputed one, Y only."""
    fr = make_result(tmp_path)
    fr.workbook.summary = Summary("Tabel 1", CellRef("Tabel 1", "A3"), nko=Value(CellRef("Tabel 1", "E30"), 115.67))
    run = RunResult(files=[fr], settings=Settings())
    d = mail.build_drafts(run, mail.load_contacts(CONTACTS), lang=lang, env=shipped_templates())[0]
    assert line in d.body
    q4 = next(x for x in d.body.splitlines() if x.startswith(f"  - {period_word(lang)} Q4:"))
    assert "115" not in q4  # the workbook writes no Q4 NKO: nothing is invented for it
    verdict = (
        "3 kesalahan: NKO tertulis 115,67 belum sesuai hasil hitung ulang 103,90. Perbaiki sebelum"
        if lang == "id"
        else "3 errors: the written NKO 115.67 does not match the recomputed 103.90. Correct it before"
    )
    assert verdict in d.body


def test_expected_value_is_added_only_when_the_message_lacks_it(tmp_path):
    fr = make_result(tmp_path)
    fr.findings[1].params = {"reason": "capaian"}  # KX102's message gives no number for 'expected'
    run = RunResult(files=[fr], settings=Settings())
    drafts = mail.build_drafts(run, mail.load_contacts(CONTACTS), env=shipped_templates())
    ki = {d.section: d for d in drafts}["Kepatuhan Internal"].body
    line = next(x for x in ki.splitlines() if "(KX102)" in x)
    assert line.count("110,00") == 1


def test_draft_parses_back_with_subject_to_and_identical_attachment(tmp_path):
    d = {d.section: d for d in drafts_for(tmp_path)}["Pelayanan Lelang"]
    assert d.eml.parent == (tmp_path / "outbox").resolve()
    msg = parse(d.eml)
    assert msg["Subject"] == d.subject
    assert [a.addr_spec for a in msg["To"].addresses] == ["budi@kpknl.example.id", "lelang@kpknl.example.id"]
    assert msg["X-Unsent"] == "1"
    (att,) = list(msg.iter_attachments())
    assert att.get_filename() == "serang-q4.checked.xlsx"
    assert att.get_content_type() == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert att.get_content() == (tmp_path / "serang-q4.checked.xlsx").read_bytes()
    assert "IKU!G13" in msg.get_body(("plain",)).get_content()


def test_xlsm_attachment_keeps_the_macro_enabled_type(tmp_path):
    d = drafts_for(tmp_path, suffix=".xlsm")[0]
    (att,) = list(parse(d.eml).iter_attachments())
    assert att.get_content_type() == "application/vnd.ms-excel.sheet.macroenabled.12"
    assert att.get_filename() == "serang-q4.checked.xlsm"


@pytest.mark.parametrize("lang, label", [("id", "TANPA KONTAK"), ("en", "NO CONTACT")])
def test_section_without_contact_is_listed_and_its_draft_written(tmp_path, lang, label):
    drafts = {d.section: d for d in drafts_for(tmp_path, lang=lang, contacts={"Pelayanan Lelang": "a@b.id"})}
    ki = drafts["Kepatuhan Internal"]
    assert ki.recipients == [] and label in mail.describe(ki)
    msg = parse(ki.eml)
    assert msg["To"] is None and "Kepatuhan Internal" in msg["X-Kinerja-Missing-Contact"]


def test_section_names_match_ignoring_case_spacing_and_the_word_seksi(tmp_path):
    drafts = drafts_for(tmp_path, contacts={"seksi  pelayanan LELANG": "a@b.id"})
    assert {d.section: d.envelope_to for d in drafts}["Pelayanan Lelang"] == ["a@b.id"]


# ------------------------------------------------------------------ hostile input


@pytest.mark.parametrize(
    "entry",
    [
        "a@x.id, b@evil.com",
        "a@x.id; b@evil.com",
        "x@y.id\r\nBcc: z@evil.com",
        "x@y.id\nBcc: z@evil.com",
        "x@y.id\rz@evil.com",
        "no-at-sign",
        "a@b@c.id",
        '"a@x.id" <b@evil.com>',
        "A <a@x.id>, B <b@evil.com>",
        "a@x.id <b@evil.com>",
        "<a@x.id> b@evil.com",
        "a@x.id\x00b@evil.com",
        "",
        "   ",
        "a@-x.id",
        "a@x",
        "Name (comment) <a@x.id>",
        "a@[127.0.0.1]",
        42,
    ],
)
def test_crafted_address_is_refused_and_reported(entry):
    assert mail.parse_address(entry) is None
    contacts = mail.load_contacts({"Lelang": [entry, "ok@kpknl.example.id"]})
    assert [a for _, a in contacts.lookup("Lelang")] == ["ok@kpknl.example.id"]
    assert len(contacts.invalid) == 1


@pytest.mark.parametrize(
    "entry, parsed",
    [
        ("budi@kpknl.example.id", ("", "budi@kpknl.example.id")),
        ("Budi Santoso <budi.s+iku@kpknl.example.id>", ("Budi Santoso", "budi.s+iku@kpknl.example.id")),
        ("  ki@djkn.kemenkeu.go.id ", ("", "ki@djkn.kemenkeu.go.id")),
    ],
)
def test_ordinary_addresses_are_accepted(entry, parsed):
    assert mail.parse_address(entry) == parsed


def test_cr_lf_in_section_and_unit_never_adds_a_header(tmp_path):
    evil_section = "Lelang\r\nBcc: evil@evil.com\r\nX-Injected: 1"
    drafts = drafts_for(
        tmp_path, unit="KPKNL\nBcc: unit@evil.com", seksi_a=evil_section, contacts={evil_section: "ok@kpknl.example.id"}
    )
    for d in drafts:
        assert "\n" not in d.subject and "\r" not in d.subject
        msg = parse(d.eml)
        names = {k.lower() for k in msg}
        assert names <= {
            "subject",
            "to",
            "date",
            "message-id",
            "x-kinerja-seksi",
            "x-unsent",
            "x-kinerja-missing-contact",
            "mime-version",
            "content-type",
        }
        assert "bcc" not in names and "x-injected" not in names
        for value in msg.values():
            assert "\n" not in str(value) and "\r" not in str(value)
    lelang = next(d for d in drafts if d.section.startswith("Lelang"))
    # The section key is normalised the same on both sides, so the contact is still found,
    # but the CR/LF never reached a header or the envelope.
    assert lelang.envelope_to == ["ok@kpknl.example.id"]
    assert parse(lelang.eml)["X-Kinerja-Seksi"] == "Lelang Bcc: evil@evil.com X-Injected: 1"


@pytest.mark.parametrize(
    "section",
    [
        "../../etc/passwd",
        "/etc/cron.d/x",
        "..\\..\\windows\\x",
        "a\x00b",
        "CON",
        "nul.txt",
        "..",
        ".",
        "",
        '<>:"|?*',
        "x" * 400,
    ],
)
def test_draft_names_from_hostile_sections_stay_inside_the_outbox(tmp_path, section):
    drafts = drafts_for(tmp_path, seksi_a=section, seksi_b=section, stem="..")
    outbox = (tmp_path / "outbox").resolve()
    assert drafts and all(d.eml.parent == outbox for d in drafts)
    assert sorted(p.name for p in outbox.iterdir()) == sorted(d.eml.name for d in drafts)
    for d in drafts:
        assert d.eml.name.endswith(".eml") and "/" not in d.eml.name and "\\" not in d.eml.name
        assert d.eml.name.split(".")[0].upper() not in {"CON", "NUL"}


def test_two_drafts_with_the_same_name_do_not_overwrite(tmp_path):
    first = drafts_for(tmp_path)
    second = drafts_for(tmp_path)
    assert len({d.eml for d in first + second}) == 6  # two sections and the manager's summary, twice


# ------------------------------------------------------------------ templates and settings


def test_user_templates_override_and_fall_back_to_the_shipped_ones(tmp_path):
    own = tmp_path / "own"
    own.mkdir()
    (own / "mail_subject.id.txt.j2").write_text("Perbaiki {{ section }} / {{ counts.total }} temuan\n")
    run = RunResult(files=[make_result(tmp_path)])
    drafts = mail.build_drafts(run, mail.load_contacts(CONTACTS), templates=own)
    sections = [d for d in drafts if d.kind == "mail"]
    assert {d.subject for d in sections} == {
        "Perbaiki Pelayanan Lelang / 1 temuan",
        "Perbaiki Kepatuhan Internal / 1 temuan",
    }
    assert {d.body.splitlines()[0] for d in sections} == {
        "Yth. Kepala Seksi Pelayanan Lelang,",
        "Yth. Kepala Seksi Kepatuhan Internal,",
    }


def test_an_undefined_name_in_a_template_fails_loudly(tmp_path):
    own = tmp_path / "own"
    own.mkdir()
    (own / "mail_subject.id.txt.j2").write_text("{{ unit }} {{ no_such_value }}")
    with pytest.raises(mail.MailError, match="no_such_value"):
        mail.build_drafts(RunResult(files=[make_result(tmp_path)]), mail.Contacts(), templates=own)


def test_template_syntax_in_workbook_values_is_not_evaluated(tmp_path):
    d = drafts_for(tmp_path, unit="{{ 7 * 7 }} {% raw %}", seksi_a="{{ section }}")[0]
    assert "{{ 7 * 7 }} {% raw %}" in d.body and "49" not in d.subject


def test_contacts_csv_with_semicolons_header_and_several_rows(tmp_path):
    csv_file = tmp_path / "kontak.csv"
    csv_file.write_text(
        "\ufeffseksi;email\nPelayanan Lelang;a@kpknl.example.id\n"
        "Pelayanan Lelang;b@kpknl.example.id\n\nKepatuhan Internal;x@y.id, z@evil.com\n"
        "Umum;c@kpknl.example.id;extra\n",
        encoding="utf-8",
    )
    c = mail.load_contacts({"Pelayanan Lelang": "a@kpknl.example.id"}, csv_file)
    assert [a for _, a in c.lookup("Pelayanan Lelang")] == ["a@kpknl.example.id", "b@kpknl.example.id"]
    assert c.lookup("Kepatuhan Internal") == [] and c.lookup("Umum") == []
    assert [src for _, _, src in c.invalid] == ["kontak.csv:5", "kontak.csv:6"]


@pytest.mark.parametrize(
    "table, match",
    [
        ({"host": "h", "from": "a@b.id", "password": "rahasia"}, "never write the password"),
        ({"from": "a@b.id"}, "host"),
        ({"host": "h", "from": "a@b.id", "security": "tls"}, "security"),
        ({"host": "h", "from": "a@b.id, c@evil.com"}, "from"),
        ({"host": "h", "from": "a@b.id", "user": "u"}, "password_env"),
    ],
)
def test_bad_smtp_tables_are_refused_with_a_clear_reason(table, match):
    with pytest.raises(mail.MailError, match=match):
        mail.smtp_config(table)


def test_smtp_defaults():
    cfg = mail.smtp_config({"host": "smtp.kemenkeu.go.id", "user": "budi@kemenkeu.go.id", "password_env": "PW"})
    assert (cfg.port, cfg.security, cfg.sender, cfg.timeout) == (587, "starttls", "budi@kemenkeu.go.id", 30.0)
    assert mail.smtp_config({"host": "h", "from": "a@b.id", "security": "ssl"}).port == 465
