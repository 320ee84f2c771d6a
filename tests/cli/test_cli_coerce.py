"""Our option values are converted without pydantic (cli_coerce.py), exactly as typer converts them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kinerja_xl import cli_coerce
from kinerja_xl.cli import app

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("annotation", "value", "expected"),
    [
        (int, "3", 3),
        (int, "-12", -12),
        (int, "007", 7),
        (float, "2.5", 2.5),
        (float, "2", 2.0),
        (str, "abc", "abc"),
        (list[str], ("a", "b"), ["a", "b"]),
        (bool, True, True),
    ],
)
def test_plain_values_convert_like_typer(annotation, value, expected):
    got = cli_coerce._plain(annotation, value)
    assert got == expected and type(got) is type(expected)


@pytest.mark.parametrize(
    ("annotation", "value"),
    [(int, " 3"), (int, "1_000"), (int, "3.0"), (int, "abc"), (int, "٣"), (float, "1e3"), (float, "inf"), (str, b"x")],
)
def test_anything_else_is_left_to_typer(annotation, value):
    assert cli_coerce._plain(annotation, value) is cli_coerce._MISS


@pytest.mark.parametrize(("jobs", "ok"), [("2", True), (" 2", True), ("1_0", True), ("abc", False), ("2x", False)])
def test_jobs_values_as_typer_takes_them(tmp_path, jobs, ok):
    result = CliRunner().invoke(app, ["check", str(tmp_path / "none.xlsx"), "--jobs", jobs, "--format", "concise"])
    if ok:
        assert "Invalid value" not in result.output
    else:
        assert result.exit_code == 2
        assert "Invalid value for '--jobs' / '-j': Input should be a valid integer" in result.output


def test_a_check_imports_no_pydantic(tmp_path):
    code = (
        "import sys\n"
        "from kinerja_xl.cli import main\n"
        f"sys.argv = ['kinerja-xl', 'check', {str(tmp_path / 'none.xlsx')!r}, '--jobs', '1', '--year', '2024']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('pydantic' in sys.modules)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False)
    assert proc.stdout.strip().splitlines()[-1] == "False", proc.stderr[-2000:]


def test_without_typers_internals_typer_coerces_as_before(tmp_path, monkeypatch, fresh_cli):
    monkeypatch.setattr(cli_coerce, "_param_class", False)  # what _runtime_class finds with another typer
    bad = CliRunner().invoke(app, ["check", str(tmp_path / "none.xlsx"), "--jobs", "abc"])
    assert bad.exit_code == 2
    assert "Invalid value for '--jobs' / '-j': Input should be a valid integer" in bad.output
    ok = CliRunner().invoke(app, ["check", str(tmp_path / "none.xlsx"), "--jobs", "2", "--format", "concise"])
    assert "Invalid value" not in ok.output
