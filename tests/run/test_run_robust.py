"""The run under an unlucky or hostile user (issue 22): Ctrl-C, a killed worker, a full disk,
odd file names, an empty folder, cells without an ``r`` attribute."""

from __future__ import annotations

import email
import errno
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from urllib.parse import unquote

import openpyxl
import pytest
from history.comments import comment_at
from typer.testing import CliRunner

from kinerja_xl import api, outputs
from kinerja_xl.cli import app
from kinerja_xl.config import Settings
from kinerja_xl.reader import read_workbook
from kinerja_xl.run import one_file

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "contoh-bersih-2024-q4.xlsx"
SERANG = ROOT / "samples" / "kpknl-serang-2024-q4.xlsx"


def invoke(*args: str | Path) -> object:
    return CliRunner().invoke(app, [str(a) for a in args])


# --- an empty folder (item 9) -----------------------------------------------------------------


@pytest.mark.parametrize(("lang", "words"), [("id", "tidak ada workbook di"), ("en", "no workbook in")])
@pytest.mark.parametrize("command", ["check", "fix"])
def test_an_empty_folder_is_named_exit_2_and_nothing_is_written(tmp_path, monkeypatch, command, lang, words):
    empty = tmp_path / "kosong"
    empty.mkdir()
    (empty / "catatan.txt").write_text("not a workbook")
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    res = invoke(command, empty, "--lang", lang)
    assert res.exit_code == 2, res.output
    assert f"{words} {empty}" in res.output
    assert sorted(p.name for p in empty.iterdir()) == ["catatan.txt"]
    assert list(here.iterdir()) == []  # no ringkasan-batch.xlsx in the current folder


# --- Ctrl-C with --jobs (item 3) ---------------------------------------------------------------


def _interrupt(cmd: list[str], folder: Path, out: Path, pattern: str) -> tuple[subprocess.Popen[bytes], bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "kinerja_xl", *cmd],
        cwd=folder,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    deadline = time.time() + 120
    while time.time() < deadline and not (out.exists() and any(out.glob(pattern))):
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGINT)  # a terminal's Ctrl-C reaches the whole process group
    _, err = proc.communicate(timeout=120)
    return proc, err


@pytest.mark.skipif(sys.platform == "win32", reason="process groups")
@pytest.mark.parametrize(("command", "pattern"), [("check", "*.checked.xlsx"), ("fix", "*.fixed.xlsx")])
def test_ctrl_c_with_jobs_stops_at_once_exit_130_and_writes_nothing_more(tmp_path, command, pattern):
    # far more files than the run gets through before Ctrl-C reaches it, even on a loaded machine
    # (they cost only their copying: the run stops after the first)
    queued = 120
    for i in range(queued):
        shutil.copy(SERANG, tmp_path / f"s{i:03}.xlsx")
    out = tmp_path / "o"
    proc, err = _interrupt([command, ".", "--jobs", "2", "--out", "o"], tmp_path, out, pattern)
    assert proc.returncode == 130, err.decode()
    assert "Traceback" not in err.decode()
    written = sorted(p.name for p in out.iterdir())
    assert 0 < len([n for n in written if n.endswith(pattern[1:])]) < queued  # the queued files were dropped
    assert not [n for n in written if n.startswith(".")]  # no unfinished temporary file, no claim left
    assert not [n for n in written if n.startswith("ringkasan-batch")]
    _wait_for_group_to_end(proc.pid)
    assert sorted(p.name for p in out.iterdir()) == written  # no worker kept writing after the exit


def _wait_for_group_to_end(pgid: int, timeout: float = 5.0) -> None:
    """Until no process of the run's group (its workers) is left, so none can write any more; a group
    still alive after ``timeout`` seconds has had that long to write something the test would see."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.02)


# --- a killed worker (item 4) ------------------------------------------------------------------


def _dies_on(name: str, real):
    def dying(path: Path, *args, **kwargs):
        if path.name == name:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(path, *args, **kwargs)

    return dying


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL; workers are forked")
@pytest.mark.parametrize("command", ["check", "fix"])
def test_a_killed_worker_is_one_line_for_its_file_and_the_others_are_done(tmp_path, monkeypatch, command):
    for name in ("a.xlsx", "b.xlsx", "c.xlsx", "d.xlsx"):
        shutil.copy(SERANG, tmp_path / name)
    target = "fix_file" if command == "fix" else "check_file"
    monkeypatch.setattr(one_file, target, _dies_on("b.xlsx", getattr(one_file, target)))
    res = invoke(command, tmp_path, "--jobs", "2", "--lang", "en", "--out", tmp_path / "o")
    assert res.exit_code == 2, res.output
    assert ("Traceback" not in res.output and res.exception is None) or isinstance(res.exception, SystemExit)
    lines = [line for line in res.output.splitlines() if line.startswith("kinerja-xl: ")]
    assert len(lines) == 1 and "b.xlsx" in lines[0] and "SIGKILL" in lines[0], res.output
    tag = ".fixed.xlsx" if command == "fix" else ".checked.xlsx"
    assert sorted(p.name for p in (tmp_path / "o").glob("*" + tag)) == [f"{n}{tag}" for n in "acd"]


# --- a fixed copy that cannot be written (item 6) -----------------------------------------------


def test_a_fixed_copy_not_written_is_reported_as_not_written_exit_2(tmp_path, monkeypatch):
    src = tmp_path / "q4.xlsx"
    shutil.copy(SERANG, src)

    def full(tmp: Path, dst: Path) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(outputs, "publish", full)
    res = invoke("fix", src, "--lang", "en")
    assert res.exit_code == 2, res.output
    assert "cells fixed" not in res.output
    assert "not written" in res.output and os.strerror(errno.ENOSPC) in res.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["q4.xlsx"]
    res = invoke("fix", src)
    assert res.exit_code == 2 and "sel diperbaiki" not in res.output and "tidak ditulis" in res.output


# --- file names: links in the batch summary, paths in fix's report (item 8) ----------------------


@pytest.mark.parametrize("name", ["laporan#2.xlsx", "q4%20final.xlsx", "q4 final.xlsx"])
def test_batch_links_reach_files_whose_names_hold_hash_or_percent(tmp_path, name):
    shutil.copy(SAMPLE, tmp_path / name)
    shutil.copy(SERANG, tmp_path / "serang.xlsx")
    run = api.check([tmp_path], Settings())
    assert run.batch is not None
    with zipfile.ZipFile(run.batch) as z:
        rels = z.read("xl/worksheets/_rels/sheet1.xml.rels").decode()
    targets = [unquote(t) for t in re.findall(r'Target="([^"]*)"', rels)]
    outputs_written = sorted(fr.output.name for fr in run.files if fr.output)
    # a link's target, read as the URI it is, names exactly the file written
    assert sorted(t for t in targets if t in outputs_written) == outputs_written, targets


def test_fix_report_shows_the_path_as_check_does(tmp_path):
    for sub in ("A", "B"):
        (tmp_path / sub).mkdir()
        shutil.copy(SERANG, tmp_path / sub / "q4.xlsx")
    res = invoke("fix", tmp_path / "A" / "q4.xlsx", tmp_path / "B" / "q4.xlsx", "--lang", "en")
    assert str(tmp_path / "A" / "q4.xlsx") in res.output and str(tmp_path / "B" / "q4.xlsx") in res.output


# --- cells without an r attribute (item 5) -------------------------------------------------------


def _without_cell_refs(src: Path, dst: Path) -> Path:
    """The same workbook with its cells' r attributes left out wherever they are implied (r is
    optional: a cell without it follows the previous cell of its row)."""
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    def row(m: re.Match[bytes]) -> bytes:
        previous = 0

        def cell(c: re.Match[bytes]) -> bytes:
            nonlocal previous
            col = column_index_from_string(coordinate_from_string(c.group(2).decode())[0])
            implied, previous = col == previous + 1, col
            return c.group(1) if implied else c.group(0)

        return re.sub(rb'(<c)\s+r="([A-Z]+\d+)"', cell, m.group(0))

    dst.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", info.filename):
                data = re.sub(rb"<row\b.*?</row>", row, data, flags=re.S)
            zout.writestr(info, data)
    return dst


def test_cells_without_r_are_fixed_as_check_offers(tmp_path):
    src = _without_cell_refs(SERANG, tmp_path / "tanpa-r" / "q4.xlsx")
    with zipfile.ZipFile(src) as z:
        assert z.read("xl/worksheets/sheet1.xml").count(b'<c r="') < 100  # most cells have none
    plain = tmp_path / "biasa" / "q4.xlsx"
    plain.parent.mkdir()
    shutil.copy(SERANG, plain)

    def offered(path: Path) -> set[tuple[str, str]]:
        fr = api.check([path], Settings(annotate=False)).files[0]
        return {(f.code, str(f.cell)) for f in fr.findings if f.fix is not None and f.fix.safe}

    assert offered(src) == offered(plain) != set()
    res = invoke("fix", src, "--lang", "en")
    assert res.exit_code in (0, 1), res.output
    assert invoke("fix", plain).exit_code == res.exit_code
    # everything check offered is fixed, exactly as in the same workbook with r on every cell
    assert offered(src.with_name("q4.fixed.xlsx")) == offered(plain.with_name("q4.fixed.xlsx")) == set()
    fixed = _sheet_values(src.with_name("q4.fixed.xlsx"), "IKU")
    assert fixed == _sheet_values(plain.with_name("q4.fixed.xlsx"), "IKU") != {}


def _sheet_values(path: Path, sheet: str) -> dict[str, object]:
    """Every cell of ``sheet`` that holds a value or formula, read read-only (no full load)."""
    wb = openpyxl.load_workbook(path, read_only=True, data_only=False)
    try:
        ws = wb[sheet]
        ws.reset_dimensions()  # every cell openpyxl finds, not a stored dimension
        return {c.coordinate: c.value for row in ws.iter_rows() for c in row if c.value is not None}
    finally:
        wb.close()


def test_cells_without_r_get_their_marks_in_the_annotated_copy(tmp_path):
    src = _without_cell_refs(SERANG, tmp_path / "q4.xlsx")
    (fr,) = api.check([src], Settings(out_dir=tmp_path / "o")).files
    assert fr.output is not None and not fr.error
    first = next(f for f in fr.findings if f.cell is not None and f.cell.sheet == "IKU")
    assert first.code in comment_at(fr.output, "IKU", first.cell.coord)


# --- two runs at once into one folder (item 2) -----------------------------------------------


def _as_unit(src: Path, dst: Path, unit: str) -> Path:
    """The Serang sample with its office named ``unit`` (another unit's report of the same shape)."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename.startswith("xl/"):
                data = re.sub(rb"(?i)serang", unit.encode(), data)
            zout.writestr(info, data)
    return dst


def _units(tmp_path: Path, n: int = 4) -> dict[str, Path]:
    """Two folders of same-named workbooks, one per office: A/ Serang's, B/ Bogor's."""
    folders = {"SERANG": tmp_path / "A", "BOGOR": tmp_path / "B"}
    for unit, folder in folders.items():
        for i in range(n):
            _as_unit(SERANG, folder / f"q{i}.xlsx", unit)
    return folders


def _unit_of(path: Path) -> str | None:
    """The unit the check reads in ``path`` (its reader alone: the rules do not name the unit)."""
    return read_workbook(path).unit


def _at_once(*commands: list[str], cwd: Path) -> list[subprocess.CompletedProcess[bytes]]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "300"}
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "kinerja_xl", *cmd], cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        for cmd in commands
    ]
    done = []
    for cmd, proc in zip(commands, procs, strict=True):
        out, err = proc.communicate(timeout=300)
        done.append(subprocess.CompletedProcess(cmd, proc.returncode, out, err))
    return done


def test_two_checks_at_once_into_one_out_folder_each_name_their_own_copies(tmp_path):
    folders = _units(tmp_path)
    runs = _at_once(
        *(["check", str(folder), "--out", "hasil", "--format", "json"] for folder in folders.values()), cwd=tmp_path
    )
    seen: set[str] = set()
    for unit, proc in zip(folders, runs, strict=True):
        assert proc.returncode in (0, 1), proc.stderr.decode()
        doc = json.loads(proc.stdout)
        outputs_of_run = [f["output"] for f in doc["files"]] + [doc["batch"]]
        assert not seen & set(outputs_of_run)  # no file named by both runs
        seen |= set(outputs_of_run)
        for f in doc["files"]:
            assert f["unit"] == f"KPKNL {unit}"
            assert _unit_of(tmp_path / f["output"]) == f"KPKNL {unit}", f["output"]
    assert not list((tmp_path / "hasil").glob(".*"))  # no claim or temporary file left


def test_two_mail_runs_at_once_into_one_outbox_attach_their_own_workbooks(tmp_path):
    folders = _units(tmp_path)
    runs = _at_once(*(["mail", str(folder), "--outbox", "outbox"] for folder in folders.values()), cwd=tmp_path)
    for unit, proc in zip(folders, runs, strict=True):
        assert proc.returncode == 0, proc.stderr.decode()
        emls = re.findall(r"\[([^\]]+\.eml)\]", proc.stdout.decode())
        # one section draft and one manager's summary (workbook-level findings) per workbook
        assert len(emls) == 8
        attachments = 0
        for name in emls:
            msg = email.message_from_bytes((tmp_path / "outbox" / name).read_bytes())
            parts = [p for p in msg.walk() if p.get_filename()]
            if not parts:
                continue
            (part,) = parts
            attachments += 1
            attached = tmp_path / "att" / unit / part.get_filename()
            attached.parent.mkdir(parents=True, exist_ok=True)
            attached.write_bytes(part.get_payload(decode=True))
            assert _unit_of(attached) == f"KPKNL {unit}", name
        assert attachments >= 4  # every section draft attaches its workbook
    assert not list((tmp_path / "outbox").glob(".*"))
