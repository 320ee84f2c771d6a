"""The run under an unlucky or hostile user (issue 22): Ctrl-C, a killed worker, a full disk,
odd file names, an empty folder, cells without an ``r`` attribute."""

from __future__ import annotations

import errno
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

import pytest
from typer.testing import CliRunner

from kinerja_xl import api, outputs
from kinerja_xl.cli import app
from kinerja_xl.config import Settings
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
    for i in range(40):
        shutil.copy(SERANG, tmp_path / f"s{i:02}.xlsx")
    out = tmp_path / "o"
    proc, err = _interrupt([command, ".", "--jobs", "2", "--out", "o"], tmp_path, out, pattern)
    assert proc.returncode == 130, err.decode()
    assert "Traceback" not in err.decode()
    written = sorted(p.name for p in out.iterdir())
    assert 0 < len([n for n in written if n.endswith(pattern[1:])]) < 40  # the queued files were dropped
    assert not [n for n in written if n.startswith(".kx-")]  # no unfinished temporary file left
    assert not [n for n in written if n.startswith("ringkasan-batch")]
    time.sleep(1.0)
    assert sorted(p.name for p in out.iterdir()) == written  # no worker kept writing after the exit


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
    """The workbook with every <c r="..."> of its sheets written as <c ...> (r is optional)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", info.filename):
                data = re.sub(rb'(<c\b[^>]*?)\s+r="[A-Z]+\d+"', rb"\1", data)
            zout.writestr(info, data)
    return dst


def test_cells_without_r_are_fixed_as_check_offers(tmp_path):
    src = _without_cell_refs(SERANG, tmp_path / "q4.xlsx")
    with zipfile.ZipFile(src) as z:
        assert b'<c r="' not in z.read("xl/worksheets/sheet1.xml")
    checked = api.check([src], Settings(annotate=False))
    offered = sum(1 for f in checked.files[0].findings if f.fix is not None)
    assert offered > 0
    res = invoke("fix", src, "--lang", "en")
    assert res.exit_code in (0, 1), res.output
    fixed = tmp_path / "q4.fixed.xlsx"
    assert fixed.exists()
    again = api.check([fixed], Settings(annotate=False)).files[0]
    assert not [f for f in again.findings if f.fix is not None]  # everything offered was fixed
    plain = api.check([SERANG], Settings(annotate=False)).files[0]
    assert offered == sum(1 for f in plain.findings if f.fix is not None)
