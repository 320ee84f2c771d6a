"""`kinerja-xl check` on hostile files: one clear line, exit code 2, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
import traceback
from pathlib import Path

import pytest

from .hostile import BILLION_LAUGHS, XXE, base_workbook, rewrite, with_prolog, zip_bomb

ROOT = Path(__file__).resolve().parents[2]
SS = "xl/sharedStrings.xml"


def cli(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess:
    """The real command in a fresh process, as a user runs it."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200"}
    return subprocess.run(
        [sys.executable, "-m", "kinerja_xl", "check", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )


def cli_here(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess:
    """The same command in this process (typer's runner); an escaping exception shows as its traceback."""
    from typer.testing import CliRunner

    from kinerja_xl.cli import app

    old = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner(env={"COLUMNS": "200"}).invoke(app, ["check", *map(str, args)])
    finally:
        os.chdir(old)
    stderr = result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        stderr += "".join(traceback.format_exception(result.exception))
    return subprocess.CompletedProcess(args, result.exit_code, result.stdout, stderr)


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("cli-hostile")


@pytest.fixture(scope="module")
def good(work) -> Path:
    return base_workbook(work / "good.xlsx")


def make_case(work: Path, good: Path, case: str) -> tuple[Path, str]:
    """A folder holding one hostile file (and a kinerja.toml with lowered limits where needed).

    The expected words are those of the default (Indonesian) reason.
    """
    folder = work / case
    folder.mkdir()
    toml = ""
    if case == "laughs":
        edit = with_prolog(SS, BILLION_LAUGHS, lambda s: s.replace("<t>T/R</t>", "<t>&lol9;</t>"))
        path, expect = rewrite(good, folder / "laughs.xlsx", edit), "DOCTYPE"
    elif case == "xxe":
        path, expect = rewrite(good, folder / "xxe.xlsx", with_prolog("xl/worksheets/sheet1.xml", XXE)), "entit"
    elif case == "bomb":
        path, expect = zip_bomb(good, folder / "bomb.xlsx", 12), "zip bomb"
        toml = "[limits]\nmax_uncompressed_mb = 8\nmax_ratio = 1000000\n"
    elif case == "ratio":
        path, expect = zip_bomb(good, folder / "ratio.xlsx", 12), "terkompresi"
    elif case == "large":
        path, expect = rewrite(good, folder / "large.xlsx", lambda n, d: d), "terlalu besar"
        toml = "[limits]\nmax_file_mb = 0.001\n"
    elif case == "traversal":
        path, expect = (
            rewrite(good, folder / "traversal.xlsx", lambda n, d: d, {"../../evil.sh": b"x"}),
            "path traversal",
        )
    else:  # pragma: no cover
        raise ValueError(case)
    if toml:
        (folder / "kinerja.toml").write_text(toml)
    return path, expect


@pytest.mark.parametrize("case", ["laughs", "xxe", "bomb", "ratio", "large", "traversal"])
def test_hostile_file_is_refused_with_one_line_and_exit_2(work, good, case):
    path, expect = make_case(work, good, case)
    # one case as a user runs it (a fresh process), the others in this process
    run = cli if case == "laughs" else cli_here
    proc = run(path.name, "--no-annotate", cwd=path.parent)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    lines = [ln for ln in proc.stderr.splitlines() if path.name in ln]
    assert len(lines) == 1 and expect in lines[0], proc.stderr
    assert not list(path.parent.glob("*.checked.*"))  # nothing written for a refused file


def test_a_refused_file_does_not_stop_the_batch(work, good):
    folder = work / "batch"
    folder.mkdir()
    base_workbook(folder / "a-good.xlsx")
    rewrite(
        good,
        folder / "b-laughs.xlsx",
        with_prolog(SS, BILLION_LAUGHS, lambda s: s.replace("<t>T/R</t>", "<t>&lol9;</t>")),
    )
    proc = cli_here(folder, "--no-annotate", "--format", "json", cwd=work)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    import json

    files = {Path(f["path"]).name: f for f in json.loads(proc.stdout)["files"]}
    assert set(files) >= {"a-good.xlsx", "b-laughs.xlsx"}
    assert files["b-laughs.xlsx"]["status"] == "unreadable"
    assert files["a-good.xlsx"]["status"] != "unreadable"
