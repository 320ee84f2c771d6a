"""Issue 18: drafts a section can act on without editing, in both languages."""

from __future__ import annotations

import email
import re
from datetime import date
from email import policy
from pathlib import Path

import pytest
from mailkit import make_result, shipped_templates
from typer.testing import CliRunner

from kinerja_xl import mail
from kinerja_xl.api import FileResult, RunResult
from kinerja_xl.cli import app
from kinerja_xl.config import Settings
from kinerja_xl.findings import Finding
from kinerja_xl.mail.letter import addressee, fix_kinds, unit_name
from kinerja_xl.model import CellRef

CONTACTS = {"Pelayanan Lelang": "lelang@kpknl.example.id", "Subbagian Umum": "umum@kpknl.example.id"}
OPTIONS = mail.MailOptions(
    deadline=date(2025, 1, 10),
    sender=["Sari Dewi", "Kepala Subbagian Umum"],
    reply_to=("Sari Dewi", "sari@kpknl.example.id"),
)


def parse(path: Path) -> email.message.EmailMessage:
    with open(path, "rb") as fh:
        return email.message_from_binary_file(fh, policy=policy.default)


def only_a_has_findings(tmp: Path, **kw) -> FileResult:
    """Section A (Pelayanan Lelang) has an error; Subbagian Umum only an info; one workbook-level error."""
    fr = make_result(tmp, seksi_b="Subbagian Umum", **kw)
    fr.findings[1] = Finding("KX011", CellRef("IKU", "G23"), iku="2a-CP", period="Q4", actual=110)
    fr.findings[1].file = fr.path.name
    return fr


def build(tmp, lang="id", options=OPTIONS, contacts=CONTACTS, files=None, **kw):
    scope = mail.Scope()
    run = RunResult(files=files or [only_a_has_findings(tmp, **kw)], settings=Settings())
    drafts = mail.build_drafts(
        run, mail.load_contacts(contacts), lang=lang, options=options, scope=scope, env=shipped_templates()
    )
    mail.write_drafts(drafts, tmp / "outbox")
    return drafts, scope


# 1. only sections with something to fix ---------------------------------------------------------


@pytest.mark.parametrize(
    "lang, line",
    [
        (
            "id",
            "1 draf untuk 1 seksi di 1 berkas; 1 seksi tanpa temuan tidak dikirimi; "
            "1 ringkasan untuk pengelola kinerja",
        ),
        (
            "en",
            "1 draft(s) for 1 section(s) in 1 file(s); 1 section(s) without findings not mailed; "
            "1 summary(ies) for the performance manager",
        ),
    ],
)
def test_only_a_section_with_an_error_or_warning_gets_a_draft(tmp_path, lang, line):
    drafts, scope = build(tmp_path, lang)
    assert [(d.kind, d.section) for d in drafts] == [
        ("mail", "Pelayanan Lelang"),
        ("manager", "Pengelola Kinerja KPKNL Serang" if lang == "id" else "Performance Manager of KPKNL Serang"),
    ]
    assert scope.line(lang) == line


@pytest.mark.parametrize(
    "lang, subject, words",
    [
        (
            "id",
            "Hasil pemeriksaan IKU KPKNL Serang Q4 2024 - Subbagian Umum: tidak ada yang perlu diperbaiki",
            "Yth. Kepala Subbagian Umum,\n\nTerima kasih. Pemeriksaan otomatis",
        ),
        (
            "en",
            "IKU check KPKNL Serang Q4 2024 - Subbagian Umum: nothing to fix",
            "Dear Head of Subbagian Umum,\n\nThank you. The automatic check",
        ),
    ],
)
def test_all_sections_adds_a_short_thank_you_note_to_the_others(tmp_path, lang, subject, words):
    options = mail.MailOptions(**{**OPTIONS.__dict__, "all_sections": True})
    drafts, scope = build(tmp_path, lang, options=options)
    (thanks,) = [d for d in drafts if d.kind == "thanks"]
    assert thanks.subject == subject and thanks.body.startswith(words)
    assert thanks.attachment is None and thanks.extra == []  # nothing to open
    assert thanks.envelope_to == ["umum@kpknl.example.id"]
    assert "KX" not in thanks.body and ("Mohon" not in thanks.body and "Please" not in thanks.body)
    assert thanks.eml.name == "serang-q4__Subbagian Umum.eml"
    assert "1 ucapan terima kasih" in scope.line("id") and "tidak dikirimi" not in scope.line("id")


def test_mail_command_all_sections_and_scope_line_last(tmp_path, monkeypatch):
    from mailkit import FakeCheck

    from kinerja_xl import api

    monkeypatch.setattr(api, "check", FakeCheck(seksi_b="Subbagian Umum"))
    (tmp_path / "q4.xlsx").write_bytes(b"PK")
    res = CliRunner().invoke(app, ["mail", str(tmp_path / "q4.xlsx"), "--outbox", str(tmp_path / "out")])
    assert res.exit_code == 0, res.output
    assert res.output.splitlines()[-1] == "2 draf untuk 2 seksi di 1 berkas; 1 ringkasan untuk pengelola kinerja"


# 2. names as the office writes them -------------------------------------------------------------


@pytest.mark.parametrize(
    "written, id_, en",
    [
        ("Pelayanan Lelang", "Kepala Seksi Pelayanan Lelang", "Head of Seksi Pelayanan Lelang"),
        (
            "Seksi Pengelolaan Kekayaan Negara",
            "Kepala Seksi Pengelolaan Kekayaan Negara",
            "Head of Seksi Pengelolaan Kekayaan Negara",
        ),
        ("Subbagian Umum", "Kepala Subbagian Umum", "Head of Subbagian Umum"),
        ("Kepala Subbagian Umum", "Kepala Subbagian Umum", "Head of Subbagian Umum"),
        ("seksi  PKN", "Kepala seksi PKN", "Head of seksi PKN"),
        ("Bidang Kepatuhan Internal", "Kepala Bidang Kepatuhan Internal", "Head of Bidang Kepatuhan Internal"),
        ("Tim Kepatuhan Internal", "Ketua Tim Kepatuhan Internal", "Leader of Tim Kepatuhan Internal"),
    ],
)
def test_names_as_the_office_writes_them_never_a_doubled_title(written, id_, en):
    assert addressee(written, "id") == id_ and addressee(written, "en") == en
    assert not re.search(r"(?i)\b(seksi|kepala|subbagian)\s+\1\b", id_)


def test_a_draft_greets_the_head_and_names_the_unit_once(tmp_path):
    drafts, _ = build(tmp_path, seksi_a="Seksi Pengelolaan Kekayaan Negara")
    d = drafts[0]
    assert d.body.startswith("Yth. Kepala Seksi Pengelolaan Kekayaan Negara,\n")
    assert "Seksi Seksi" not in d.body + d.subject and "Seksi Subbagian" not in d.body
    assert unit_name("Subbagian Umum") == "Subbagian Umum"


# 3. what, by when, to whom, which file ----------------------------------------------------------


@pytest.mark.parametrize(
    "day, id_, en",
    [
        (date(2025, 1, 10), "Jumat, 10 Januari 2025", "Friday, 10 January 2025"),
        (date(2025, 3, 3), "Senin, 3 Maret 2025", "Monday, 3 March 2025"),
        (date(2024, 12, 29), "Minggu, 29 Desember 2024", "Sunday, 29 December 2024"),
    ],
)
def test_dates_are_written_for_people_without_the_os_locale(day, id_, en, monkeypatch):
    monkeypatch.setenv("LC_ALL", "C")
    assert mail.long_date(day, "id") == id_ and mail.long_date(day, "en") == en


@pytest.mark.parametrize(
    "lang, sentence, closing",
    [
        (
            "id",
            "Mohon perbaiki temuan di atas pada workbook asli (serang-q4.xlsx), simpan sebagai serang-q4-rev1.xlsx, "
            "lalu kirimkan kembali kepada Sari Dewi (sari@kpknl.example.id) paling lambat Jumat, 10 Januari 2025.",
            "Hormat kami,\nSari Dewi\nKepala Subbagian Umum\n\n--\nDiperiksa otomatis dengan kinerja-xl",
        ),
        (
            "en",
            "Please fix the findings above in the original workbook (serang-q4.xlsx), save it as serang-q4-rev1.xlsx "
            "and send it back to Sari Dewi (sari@kpknl.example.id) by Friday, 10 January 2025.",
            "Regards,\nSari Dewi\nKepala Subbagian Umum\n\n--\nChecked automatically with kinerja-xl",
        ),
    ],
)
def test_the_body_says_by_when_to_whom_which_file_and_is_signed_by_the_sender(tmp_path, lang, sentence, closing):
    d = build(tmp_path, lang)[0][0]
    assert sentence in d.body and closing in d.body
    assert d.body.index("kinerja-xl") > d.body.index("\n--\n")  # the tool only in the footer
    assert "kinerja-xl" not in d.subject
    msg = parse(d.eml)
    assert msg["Reply-To"] == "Sari Dewi <sari@kpknl.example.id>"


@pytest.mark.parametrize(
    "lang, who", [("id", "Pengelola Kinerja KPKNL Serang"), ("en", "Performance Manager of KPKNL Serang")]
)
def test_without_a_sender_the_units_performance_manager_signs(tmp_path, lang, who):
    d = build(tmp_path, lang, options=mail.MailOptions())[0][0]
    signature = d.body.split("\n--\n")[0].rstrip().splitlines()[-1]
    assert signature == who
    assert "paling lambat" not in d.body and ("dengan membalas email ini" in d.body or "by replying" in d.body)


@pytest.mark.parametrize(
    "name, rev",
    [
        ("q4.xlsx", "q4-rev1.xlsx"),
        ("kpknl-cilegon-2024-q4.xlsx", "kpknl-cilegon-2024-q4-rev1.xlsx"),
        ("q4-rev1.xlsx", "q4-rev2.xlsx"),
        ("Q4_REV3.xlsx", "Q4-rev4.xlsx"),
        ("makro.XLSM", "makro-rev1.xlsm"),
    ],
)
def test_revision_file_name(name, rev):
    assert mail.revision_name(Path(name)) == rev


def write_toml(folder: Path, mail_table: str) -> Path:
    path = folder / "kinerja.toml"
    path.write_text('[seksi]\n"Pelayanan Lelang" = "lelang@kpknl.example.id"\n' + mail_table, encoding="utf-8")
    return path


def test_mail_table_in_kinerja_toml_and_the_deadline_option_over_it(tmp_path, monkeypatch):
    from mailkit import FakeCheck

    from kinerja_xl import api

    monkeypatch.setattr(api, "check", FakeCheck())
    (tmp_path / "serang-q4.xlsx").write_bytes(b"PK")
    cfg = write_toml(
        tmp_path,
        '[mail]\ndeadline = 2025-01-10\nsender = ["Sari Dewi", "Kepala Subbagian Umum"]\n'
        'reply_to = "Sari Dewi <sari@kpknl.example.id>"\n',
    )
    args = ["mail", str(tmp_path / "serang-q4.xlsx"), "--outbox", str(tmp_path / "out"), "--config", str(cfg)]
    res = CliRunner().invoke(app, args)
    assert res.exit_code == 0, res.output
    body = parse(tmp_path / "out" / "serang-q4__Pelayanan Lelang.eml").get_body(("plain",)).get_content()
    assert "paling lambat Jumat, 10 Januari 2025." in body and "\nSari Dewi\nKepala Subbagian Umum\n" in body
    res = CliRunner().invoke(app, [*args, "--deadline", "2025-01-17", "--lang", "en"])
    assert res.exit_code == 0, res.output
    body = parse(tmp_path / "out" / "serang-q4__Pelayanan Lelang-2.eml").get_body(("plain",)).get_content()
    assert "by Friday, 17 January 2025." in body


@pytest.mark.parametrize(
    "table, option, match",
    [
        ('[mail]\ndeadline = "10/01/2025"\n', [], "[mail] deadline must be a date written YYYY-MM-DD"),
        ("[mail]\ndeadline = 2025-01-10T08:00:00\n", [], "[mail] deadline must be a date"),
        ("[mail]\ndealine = 2025-01-10\n", [], "[mail] dealine: unknown key"),
        ("[mail]\nsender = 7\n", [], "[mail] sender must be text or a list of texts"),
        ('[mail]\nreply_to = "a@x.id, b@evil.com"\n', [], "[mail] reply_to"),
        ("", ["--deadline", "10-01-2025"], "--deadline 10-01-2025: use a date written YYYY-MM-DD"),
        ("", ["--deadline", "2025-02-30"], "--deadline 2025-02-30"),
    ],
)
def test_a_bad_mail_setting_is_one_line_and_exit_2(tmp_path, table, option, match):
    (tmp_path / "serang-q4.xlsx").write_bytes(b"PK")
    cfg = write_toml(tmp_path, table)
    args = ["mail", str(tmp_path / "serang-q4.xlsx"), "--outbox", str(tmp_path / "out"), "--config", str(cfg)]
    res = CliRunner().invoke(app, [*args, *option])
    assert res.exit_code == 2 and match in res.output, res.output
    assert not (tmp_path / "out").exists()


# 5. words, not codes ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "lang, text",
    [
        ("id", "capaian, nilai, tabel ringkasan (KX101, KX102, KX201)"),
        ("en", "capaian, nilai, summary table (KX101, KX102, KX201)"),
    ],
)
def test_fixed_cells_are_named_in_words_with_the_codes_after_them(lang, text):
    assert fix_kinds(["KX201", "KX101", "KX102", "KX101"], lang) == text


@pytest.mark.parametrize("lang", ["id", "en"])
def test_no_bare_code_in_a_section_draft(tmp_path, lang):
    for d in build(tmp_path, lang)[0]:
        assert not re.search(r"KX\d{3}", re.sub(r"\(KX\d{3}\)", "", d.body + d.subject))


# 6. the manager's findings are the manager's ----------------------------------------------------


@pytest.mark.parametrize(
    "lang, heading",
    [
        (
            "id",
            "Untuk Pengelola Kinerja: temuan tingkat workbook (tabel ringkasan, bobot, NSS, NKO), "
            "tidak dikirim ke seksi",
        ),
        (
            "en",
            "For the performance manager: workbook-level findings (summary table, weights, NSS, NKO), "
            "not sent to the sections",
        ),
    ],
)
def test_workbook_level_findings_go_to_the_managers_summary_not_to_the_sections(tmp_path, lang, heading):
    drafts, _ = build(tmp_path, lang)
    section, manager = drafts
    assert "KX203" not in section.body and section.counts["error"] == 1
    assert ("1 kesalahan, 0 peringatan" if lang == "id" else "1 error, 0 warnings") in section.subject
    assert heading in manager.body and "Tabel 1!E30" in manager.body and "(KX203)" in manager.body
    assert manager.envelope_to == ["sari@kpknl.example.id"]  # [mail] reply_to: the manager's own address
    assert manager.attachment is not None
    lines = manager.body.splitlines()
    assert any(x.startswith("  - Seksi Pelayanan Lelang: ") for x in lines)


def test_a_workbook_level_info_alone_makes_no_managers_summary(tmp_path):
    fr = only_a_has_findings(tmp_path)
    fr.findings[2] = Finding("KX207", None)
    drafts, scope = build(tmp_path, files=[fr])
    assert [d.kind for d in drafts] == ["mail"] and scope.manager == 0


# 9. a file that cannot be read is answered ------------------------------------------------------


def broken(tmp: Path, name: str) -> FileResult:
    path = tmp / name
    path.write_bytes(b"half a zip")
    return FileResult(path=path, error="not a zip file")


@pytest.mark.parametrize(
    "lang, words",
    [
        ("id", ["bukan workbook Excel yang utuh", "Mohon kirimkan kembali sebagai workbook .xlsx yang utuh"]),
        ("en", ["not a complete Excel workbook", "Please send it again as a complete .xlsx workbook"]),
    ],
)
def test_a_broken_file_gets_a_short_note_to_its_sender(tmp_path, lang, words):
    contacts = {**CONTACTS, "kpknl-cilegon": "cilegon@kpknl.example.id"}
    (d,), scope = build(tmp_path, lang, contacts=contacts, files=[broken(tmp_path, "kpknl-cilegon-2024-q4.xlsx")])
    assert d.kind == "failed" and d.envelope_to == ["cilegon@kpknl.example.id"]
    assert "kpknl-cilegon-2024-q4.xlsx" in d.subject and all(w in d.body for w in words)
    assert scope.failed == 1 and d.attachment is None


def test_a_broken_file_of_an_unknown_sender_goes_to_the_manager(tmp_path):
    (d,), _ = build(tmp_path, files=[broken(tmp_path, "laporan.xlsx")])
    assert d.envelope_to == ["sari@kpknl.example.id"]
    assert d.body.startswith("Yth. Pengelola Kinerja,") and "Pengirimnya tidak ada di daftar kontak" in d.body


# 10. one word for an error ----------------------------------------------------------------------


def test_indonesian_output_says_kesalahan_never_galat():
    from kinerja_xl.messages import CATALOGUE, PHRASES, UI

    texts = list(UI["id"].values()) + [m.title_id + m.template_id for m in CATALOGUE.values()]
    texts += [str(v) for v in PHRASES.values()]
    assert not [t for t in texts if "galat" in t.casefold()]
    assert UI["id"]["error"] == "kesalahan"
    templates = Path(mail.__file__).parent / "templates"
    assert not [p.name for p in templates.glob("*.id.txt.j2") if "galat" in p.read_text(encoding="utf-8")]
