"""`kinerja-xl fix` as a command: exit codes, --out, --jobs, names, a clean workbook."""

from __future__ import annotations

import shutil

from typer.testing import CliRunner

from kinerja_xl.cli import app

from .fix_workbooks import SAMPLES, formula_block, serang

runner = CliRunner()


def test_a_clean_workbook_needs_nothing_and_exits_0(tmp_path):
    src = shutil.copy(SAMPLES / "contoh-bersih-2024-q4.xlsx", tmp_path / "bersih.xlsx")
    result = runner.invoke(app, ["fix", str(src), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "bersih.xlsx: 0 cells fixed, 0 findings to fix by hand" in result.output.replace("\n", " ")


def test_out_and_jobs_write_every_fixed_copy_there(tmp_path):
    folder, out, build = tmp_path / "in", tmp_path / "out", tmp_path / "build"
    folder.mkdir()
    build.mkdir()
    serang(folder)
    shutil.copy(formula_block(build / "uji-2024.xlsm", vba=True), folder)
    result = runner.invoke(app, ["fix", str(folder), "--out", str(out), "--jobs", "2"])
    assert result.exit_code == 1, result.output
    assert sorted(p.name for p in out.iterdir()) == ["kpknl-serang-2024-q4.fixed.xlsx", "uji-2024.fixed.xlsm"]
    assert sorted(p.name for p in folder.iterdir()) == ["kpknl-serang-2024-q4.xlsx", "uji-2024.xlsm"]
    # a second run replaces its own copies and never fixes them as inputs
    again = runner.invoke(app, ["fix", str(folder), "--out", str(out)])
    assert again.exit_code == 1
    assert sorted(p.name for p in out.iterdir()) == ["kpknl-serang-2024-q4.fixed.xlsx", "uji-2024.fixed.xlsm"]


def test_fixed_copies_beside_the_inputs_are_not_inputs_of_the_next_run(tmp_path):
    serang(tmp_path)
    assert runner.invoke(app, ["fix", str(tmp_path)]).exit_code == 1
    again = runner.invoke(app, ["fix", str(tmp_path), "--diff"])
    assert "kpknl-serang-2024-q4.fixed.xlsx" not in again.output.split("->")[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "kpknl-serang-2024-q4.fixed.xlsx",
        "kpknl-serang-2024-q4.xlsx",
    ]


def test_an_unreadable_file_is_exit_2_and_the_others_are_fixed(tmp_path):
    serang(tmp_path)
    (tmp_path / "rusak.xlsx").write_text("not a workbook")
    result = runner.invoke(app, ["fix", str(tmp_path)])
    assert result.exit_code == 2
    assert "rusak.xlsx" in result.output
    assert (tmp_path / "kpknl-serang-2024-q4.fixed.xlsx").exists()


def test_bad_usage_is_exit_2(tmp_path):
    src = serang(tmp_path)
    assert runner.invoke(app, ["fix", str(src), "--select", "KX999"]).exit_code == 2
    assert runner.invoke(app, ["fix", str(src), "--profile", "no-such-profile"]).exit_code == 2
