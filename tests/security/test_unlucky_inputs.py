"""Unlucky and hostile inputs from issue 9 (points 5 and 6): each case ends in findings or one clear
line and exit 2, never a traceback, and a batch goes on with the next file. The commands run in this
process through typer's runner (an escaping exception shows as its traceback); file names that are not
UTF-8 (cli.main sets how stdout writes them) run as a user runs them, a fresh process (as Ctrl-C with
--jobs does in tests/run/test_run_robust.py)."""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import subprocess
import sys
import time
import traceback
import zipfile
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from workbooks import write_block

from kinerja_xl import api, outputs
from kinerja_xl.config import Settings

from .hostile import rewrite

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "contoh-bersih-2024-q4.xlsx"
SERANG = ROOT / "samples" / "kpknl-serang-2024-q4.xlsx"


def run_process(*args: str | Path, cwd: Path, timeout: int = 180) -> subprocess.CompletedProcess:
    """The command as a user runs it: a fresh process (cli.main sets how stdout writes names that are not UTF-8)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200"}
    return subprocess.run(
        [sys.executable, "-m", "kinerja_xl", *map(str, args)], capture_output=True, cwd=cwd, env=env, timeout=timeout
    )


@dataclass
class Ran:
    """What a user sees of one command: exit code, stdout and stderr (bytes, as a process gives them)."""

    returncode: int
    stdout: bytes
    stderr: bytes


def run(*args: str | Path, cwd: Path, timeout: int = 180) -> Ran:
    """The command in this process (typer's runner), from ``cwd``; an exception that escapes the
    command is shown in stderr as the traceback a user would see. The tests of file names that
    are not UTF-8 run a real process."""
    from typer.testing import CliRunner

    from kinerja_xl.cli import app

    old = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner(env={"COLUMNS": "200"}).invoke(app, [str(a) for a in args])
    finally:
        os.chdir(old)
    stderr = result.stderr_bytes or b""
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        stderr += "".join(traceback.format_exception(result.exception)).encode("utf-8", "backslashreplace")
    return Ran(result.exit_code, result.stdout_bytes, stderr)


def no_traceback(proc: Ran | subprocess.CompletedProcess) -> str:
    err = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err and "Error:" not in err.split("kinerja-xl:")[0], err[-2000:]
    return err


def without_styles(src: Path, dst: Path) -> Path:
    """The workbook minus xl/styles.xml, its relationship and content type (valid: Excel opens it)."""

    def edit(name: str, data: bytes) -> bytes | None:
        if name == "xl/styles.xml":
            return None
        if name == "[Content_Types].xml":
            return re.sub(rb'<Override PartName="/xl/styles.xml"[^>]*/>', b"", data)
        if name == "xl/_rels/workbook.xml.rels":
            return re.sub(rb'<Relationship [^>]*styles.xml"/>', b"", data)
        return data

    return rewrite(src, dst, edit)


# --- a workbook without xl/styles.xml --------------------------------------------------------


def plain_workbook(path: Path) -> Path:
    """A block of plain numbers with one wrong Capaian (no % formats: it reads the same without styles)."""
    wb = openpyxl.Workbook()
    wb.active.title = "IKU"
    write_block(wb.active, values={"capaian": [110, 110, 110, 110, 110, 110, 150]})
    wb.active["A1"].font = openpyxl.styles.Font(bold=True)  # cells carry style indexes
    wb.save(path)
    return path


def test_workbook_without_styles_xml_is_checked_and_annotated(tmp_path):
    src = plain_workbook(tmp_path / "dengan-styles.xlsx")
    path = without_styles(src, tmp_path / "tanpa-styles.xlsx")
    assert "xl/styles.xml" not in zipfile.ZipFile(path).namelist()
    assert b' s="' in zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml")
    with_styles = api.check([src], Settings(annotate=False)).files[0]
    result = api.check([path], Settings()).files[0]
    assert result.error is None
    # the bersih sample holds plain numbers: without styles it reads the same
    found = [(f.code, f.cell and f.cell.coord) for f in result.findings]
    assert ("KX101", "H8") in found
    assert found == [(f.code, f.cell and f.cell.coord) for f in with_styles.findings]
    copy = openpyxl.load_workbook(result.output)
    assert copy["Ringkasan"]["A1"].value  # our sheets are there, the input's cells too
    src_ws = openpyxl.load_workbook(src).worksheets[0]
    assert [[c.value for c in r] for r in copy[src_ws.title].iter_rows()] == [
        [c.value for c in r] for r in src_ws.iter_rows()
    ]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_folder_with_a_workbook_without_styles_xml_goes_on(tmp_path, jobs):
    without_styles(plain_workbook(tmp_path / "src.xlsx"), tmp_path / "a-tanpa-styles.xlsx")
    (tmp_path / "src.xlsx").unlink()
    shutil.copy(SAMPLE, tmp_path / "b-bersih.xlsx")
    proc = run("check", ".", "--jobs", jobs, "--format", "json", cwd=tmp_path)
    no_traceback(proc)
    doc = json.loads(proc.stdout)
    assert [(Path(f["path"]).name, f["status"]) for f in doc["files"]] == [
        ("a-tanpa-styles.xlsx", "errors"),
        ("b-bersih.xlsx", "ok"),
    ]
    assert all(f["output"] for f in doc["files"])
    assert proc.returncode == 1


# --- file names ---------------------------------------------------------------------------------


def test_file_name_not_valid_utf8_text_and_json(tmp_path):
    name = os.fsdecode(b"laporan-\xff-q4.xlsx")
    shutil.copy(SAMPLE, tmp_path / name)
    proc = run_process("check", name, cwd=tmp_path)
    err = no_traceback(proc)
    assert proc.returncode == 0, err
    assert b"laporan-\\xff-q4.xlsx" in proc.stdout
    proc = run_process("check", name, "--format", "json", "--no-annotate", cwd=tmp_path)
    no_traceback(proc)
    doc = json.loads(proc.stdout)
    assert doc["files"][0]["path"] == name  # the \udcff escape decodes back to the same name
    assert (tmp_path / doc["files"][0]["path"]).exists()


def test_newline_and_escape_codes_in_file_name_cannot_forge_a_stderr_line(tmp_path):
    name = "rusak\nkinerja-xl: semua berkas bersih\x1b[2K.xlsx"
    (tmp_path / name).write_bytes(b"not a zip")
    proc = run("check", name, cwd=tmp_path)
    err = no_traceback(proc)
    assert proc.returncode == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kinerja-xl: rusak\\nkinerja-xl: semua berkas bersih\\x1b[2K.xlsx: ")
    assert "\x1b" not in err


def test_shown_escapes_controls_separators_and_undecodable_bytes():
    assert outputs.shown("a\tb\r\n\x7f\u2028.xlsx") == "a\\tb\\r\\n\\x7f\\u2028.xlsx"
    assert outputs.shown(os.fsdecode(b"\xe9t\xe9.xlsx")) == "\\xe9t\\xe9.xlsx"
    assert outputs.shown("Laporan Triwulan IV (Seksi PKN).xlsx") == "Laporan Triwulan IV (Seksi PKN).xlsx"


# --- writing fails ------------------------------------------------------------------------------


def test_full_disk_while_writing_the_copy(tmp_path, monkeypatch):
    shutil.copy(SAMPLE, tmp_path / "a.xlsx")
    shutil.copy(SAMPLE, tmp_path / "b.xlsx")
    real = outputs.atomic_write

    def full(dst: Path, data: bytes) -> None:
        if dst.name.startswith("a"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(dst, data)

    monkeypatch.setattr(outputs, "atomic_write", full)
    run_ = api.check([tmp_path / "a.xlsx", tmp_path / "b.xlsx"], Settings(annotate=True, jobs=1))
    a, b = run_.files
    assert a.error_text("en") == f"cannot write {tmp_path / 'a.checked.xlsx'}: No space left on device"
    assert a.error_text("id").startswith("tidak dapat menulis ")
    assert not (tmp_path / "a.checked.xlsx").exists()
    assert b.error is None and b.output == tmp_path / "b.checked.xlsx"
    assert run_.exit_code() == 2


def test_unexpected_failure_of_one_file_is_its_kx001_and_the_batch_goes_on(tmp_path, monkeypatch):
    from kinerja_xl import rules

    shutil.copy(SAMPLE, tmp_path / "a.xlsx")
    shutil.copy(SAMPLE, tmp_path / "b.xlsx")
    real = rules.run

    def broken(wb, analysis, settings):
        if wb.path.name == "a.xlsx" if hasattr(wb, "path") else False:
            raise RuntimeError("a bug")
        return real(wb, analysis, settings)

    calls = {"n": 0}

    def first_breaks(wb, analysis, settings):
        calls["n"] += 1
        if calls["n"] == 1:
            raise RuntimeError("a bug in a rule")
        return real(wb, analysis, settings)

    monkeypatch.setattr(rules, "run", first_breaks)
    a, b = api.check([tmp_path / "a.xlsx", tmp_path / "b.xlsx"], Settings(annotate=False)).files
    assert [f.code for f in a.findings] == ["KX001"]
    assert "RuntimeError: a bug in a rule" in a.error_text("en")
    assert b.error is None and b.status == "ok"


def test_unexpected_failure_while_writing_is_one_line(tmp_path, monkeypatch):
    from kinerja_xl.writers import annotate

    shutil.copy(SAMPLE, tmp_path / "a.xlsx")

    def boom(*_a, **_k):
        raise RuntimeError("unexpected package shape")

    monkeypatch.setattr(annotate, "write_annotated", boom)
    (fr,) = api.check([tmp_path / "a.xlsx"], Settings()).files
    assert fr.error_text("en") == f"cannot write {tmp_path / 'a.checked.xlsx'}: RuntimeError: unexpected package shape"


# --- config and profiles --------------------------------------------------------------------------

CONFIG_CASES = {
    "year-inf": ("year = inf", "year must be a whole number from 1990 to 2100"),
    "tolerance-inf": ("tolerance = inf", "tolerance must be a finite number >= 0 and <= 100"),
    "tolerance-nan": ("[check]\ntolerance = nan", "[check] tolerance must be a finite number"),
    "select-number": ("select = 5", "select must be text or a list of texts"),
    "iku-list": ("iku = [1, 2]", "[iku] must be a table"),
    "iku-entry-number": ('[iku]\n"1a-CP" = 5', '[iku."1a-CP"] must be a table'),
    "bobot-negative": ('[iku."1a-CP"]\nbobot = -5', '[iku."1a-CP"] bobot must be a finite number >= 0'),
    "konversi-text": ('[iku."1a-CP"]\nkonversi_120 = "ya"', "konversi_120 must be true or false"),
    "smtp-list": ("smtp = []", "[smtp] must be a table"),
    "limits-nan": ("[limits]\nmax_ratio = nan", "max_ratio"),
    "limits-inf": ("[limits]\nmax_file_mb = inf", "max_file_mb"),
}


@pytest.mark.parametrize("case", list(CONFIG_CASES))
def test_kinerja_toml_wrong_type_or_range_names_the_key(tmp_path, case):
    text, expected = CONFIG_CASES[case]
    shutil.copy(SAMPLE, tmp_path / "a.xlsx")
    (tmp_path / "kinerja.toml").write_text(text + "\n")
    proc = run("check", "a.xlsx", cwd=tmp_path)
    err = no_traceback(proc)
    assert proc.returncode == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "kinerja.toml" in lines[0] and expected in lines[0], err


def test_kinerja_toml_binary_file_or_folder(tmp_path):
    shutil.copy(SAMPLE, tmp_path / "a.xlsx")
    (tmp_path / "kinerja.toml").write_bytes(b"\x89PNG\r\n\x1a\n\x00\xff\xfe")
    proc = run("check", "a.xlsx", cwd=tmp_path)
    assert proc.returncode == 2 and "not a text file" in no_traceback(proc)
    (tmp_path / "x.toml").mkdir()
    proc = run("check", "a.xlsx", "--config", "x.toml", cwd=tmp_path)
    assert proc.returncode == 2 and "x.toml" in no_traceback(proc)


PROFILE = (ROOT / "kinerja_xl" / "profiles" / "kmk-300-2022.toml").read_text()
PROFILE_CASES = {
    "status-number": (PROFILE.replace("[status]", "status = 1\n[status_old]"), "[status] must be a table"),
    "cap-negative": (PROFILE.replace("cap = 120.0", "cap = -5"), "cap must be a finite number > 0"),
    "tolerance-inf": (PROFILE.replace("tolerance = 0.01", "tolerance = inf"), "tolerance must be a finite number"),
    "weights-list": (
        "perspective_weights = [1]\n" + PROFILE.replace("[perspective_weights]\n", "[pw]\n"),
        "[perspective_weights] must be a table",
    ),
    "bobot-nan": (PROFILE.replace('"Customer" = 20', '"Customer" = nan'), "[perspective_weights] Customer must be"),
}


@pytest.mark.parametrize("case", list(PROFILE_CASES))
def test_profile_toml_wrong_type_or_range_names_the_key(tmp_path, case):
    text, expected = PROFILE_CASES[case]
    shutil.copy(SAMPLE, tmp_path / "a.xlsx")
    (tmp_path / "p.toml").write_text(text)
    proc = run("check", "a.xlsx", "--profile", "p.toml", cwd=tmp_path)
    err = no_traceback(proc)
    assert proc.returncode == 2
    assert len(err.strip().splitlines()) == 1 and "p.toml" in err and expected in err, err


def test_profile_toml_binary_file_or_folder(tmp_path):
    shutil.copy(SAMPLE, tmp_path / "a.xlsx")
    (tmp_path / "bin.toml").write_bytes(b"\x00\xff\xfe\x89")
    proc = run("check", "a.xlsx", "--profile", "bin.toml", cwd=tmp_path)
    assert proc.returncode == 2 and "not a text file" in no_traceback(proc)
    (tmp_path / "dir.toml").mkdir()
    proc = run("check", "a.xlsx", "--profile", "dir.toml", cwd=tmp_path)
    assert proc.returncode == 2 and "is a folder" in no_traceback(proc)


# --- watch and mail -------------------------------------------------------------------------------


def test_watch_interval_nan(tmp_path):
    (tmp_path / "inbox").mkdir()
    proc = run("watch", "inbox", "--outbox", "out", "--interval", "nan", "--once", cwd=tmp_path)
    err = no_traceback(proc)
    assert proc.returncode == 2 and "--interval nan" in err


def test_watch_inbox_kinerja_toml_is_not_obeyed(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(SAMPLE, inbox / "a.xlsx")
    # a sender's config that would refuse every file (and could point [smtp] elsewhere)
    (inbox / "kinerja.toml").write_text('[limits]\nmax_file_mb = 0.0001\n[smtp]\nhost = "evil.example"\n')
    os.utime(inbox / "a.xlsx", (time.time() - 60, time.time() - 60))
    proc = run("watch", "inbox", "--outbox", "out", "--once", "--interval", "0.01", cwd=tmp_path)
    no_traceback(proc)
    assert (inbox / "arsip" / "a.xlsx").exists() or (tmp_path / "inbox" / "arsip").exists(), proc.stdout
    assert not (inbox / "gagal").exists() or not any((inbox / "gagal").iterdir())


def test_mail_template_tripping_the_sandbox_is_one_line(tmp_path):
    # a workbook with something to fix: its sections get a draft from mail_subject (a clean one gets none)
    shutil.copy(ROOT / "samples" / "kpknl-serang-2024-q4.xlsx", tmp_path / "a.xlsx")
    tpl = tmp_path / "tpl"
    tpl.mkdir()
    for body, expected in [
        ("{{ range(10**9)|list|length }}", "OverflowError: Range too big"),
        ("{% macro f(n) %}{{ f(n+1) }}{% endmacro %}{{ f(1) }}", "RecursionError"),
        ("{{ ''.__class__ }}", "unsafe"),
    ]:
        (tpl / "mail_subject.id.txt.j2").write_text(body)
        proc = run("mail", "a.xlsx", "--outbox", "ob", "--templates", "tpl", cwd=tmp_path)
        err = no_traceback(proc)
        assert proc.returncode == 2
        assert len(err.strip().splitlines()) == 1 and "mail_subject.id.txt.j2" in err and expected in err, err


# --- package content ------------------------------------------------------------------------------


def test_doctype_after_a_long_leading_comment_is_refused(tmp_path):
    comment = "<!-- " + "<row> " * 5000 + " -->"
    prolog = '<?xml version="1.0" encoding="UTF-8"?>\n' + comment + '<!DOCTYPE x [<!ENTITY e "boom">]>'

    def edit(name: str, data: bytes) -> bytes:
        if name == "docProps/app.xml":  # a part openpyxl never parses: we would copy it as it is
            return prolog.encode() + (data[data.index(b"?>") + 2 :] if data.startswith(b"<?xml") else data)
        return data

    path = rewrite(SAMPLE, tmp_path / "doctype.xlsx", edit)
    (fr,) = api.check([path], Settings(annotate=False)).files
    assert fr.findings[0].code == "KX001" and "DOCTYPE" in fr.error_text("en")


def test_strict_ooxml_workbook_is_refused_clearly(tmp_path):
    def edit(name: str, data: bytes) -> bytes:
        return data.replace(
            b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
            b"http://purl.oclc.org/ooxml/spreadsheetml/main",
        )

    rewrite(SAMPLE, tmp_path / "strict.xlsx", edit)
    proc = run("check", "strict.xlsx", "--lang", "en", cwd=tmp_path)
    err = no_traceback(proc)
    assert proc.returncode == 2
    assert "Strict Open XML" in err and "Excel Workbook (*.xlsx)" in err and "KX002" not in proc.stdout.decode()


# --- Ctrl-C ----------------------------------------------------------------------------------------
# Ctrl-C with --jobs (a real process group, 120 queued files): tests/run/test_run_robust.py, for check
# and fix, asserts all this test did (exit, no traceback, queued files dropped, no temporary file left)
# and more (exit 130, no batch summary, no worker writing after the exit).


def test_file_name_not_valid_utf8_in_a_compared_batch(tmp_path):
    """Two versions of one report, one named with a byte that is not UTF-8: the other's copy names it
    in its KX3xx messages and the batch summary lists it; both are written, with the byte as \\xff."""
    name = os.fsdecode(b"serang-\xff-q4.xlsx")
    shutil.copy(SAMPLE, tmp_path / name)
    shutil.copy(SERANG, tmp_path / "serang-q4.xlsx")
    proc = run_process("check", ".", "--format", "json", cwd=tmp_path)
    no_traceback(proc)
    doc = json.loads(proc.stdout)
    assert proc.returncode == 1 and doc["batch"] and all(f["output"] for f in doc["files"])
    book = openpyxl.load_workbook(tmp_path / doc["batch"])
    names = [c.value for c in book["NKO per Periode"]["B"][1:3]]  # the per-file table names the files
    assert "serang-\\xff-q4.xlsx" in names
