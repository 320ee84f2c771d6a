"""No output overwrites another or an input: distinct, predictable names, reported where they really are.

Issue 9 point 3 and the naming cases of point 6; each test is named after its case.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import openpyxl
import pytest
from cli_workbooks import write_workbook
from typer.testing import CliRunner

from kinerja_xl import outputs
from kinerja_xl.cli import app

runner = CliRunner()


def check(*args: object):
    return runner.invoke(app, ["check", *map(str, args)])


def as_json(res) -> dict:
    assert res.exit_code in (0, 1), res.output
    return json.loads(res.stdout)


def unit_of(path: Path) -> str:
    """The title cell of a workbook written by write_workbook: names its unit."""
    return str(openpyxl.load_workbook(path, read_only=True)["IKU"]["A1"].value)


def batch_texts(path: Path) -> set[str]:
    """Every text cell of ringkasan-batch.xlsx (its layout is the dashboard's business)."""
    wb = openpyxl.load_workbook(path, read_only=True)
    return {str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row if v is not None}


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_same_name_in_two_folders_gets_two_outputs_reported_everywhere(tmp_path, jobs):
    a = write_workbook(_mk(tmp_path / "a") / "q4.xlsx", unit="KPKNL SERANG")
    b = write_workbook(_mk(tmp_path / "b") / "q4.xlsx", unit="KPKNL BOGOR")
    out = tmp_path / "hasil"
    doc = as_json(check(a, b, "--out", out, "--format", "json", "--jobs", jobs))
    got = [Path(f["output"]) for f in doc["files"]]
    assert [p.name for p in got] == ["q4.checked.xlsx", "q4-2.checked.xlsx"]
    assert [unit_of(p) for p in got] == [unit_of(a), unit_of(b)]  # each copy is its own unit's
    assert "SERANG" in unit_of(got[0]) and "BOGOR" in unit_of(got[1])
    assert Path(doc["batch"]) == out / "ringkasan-batch.xlsx"
    assert {str(p) for p in got} <= batch_texts(Path(doc["batch"]))
    text = check(a, b, "--out", out)  # the terminal verdict lines name the real files
    assert "q4.checked.xlsx" in text.stdout and "q4-2.checked.xlsx" in text.stdout
    assert sorted(p.name for p in out.iterdir()) == ["q4-2.checked.xlsx", "q4.checked.xlsx", "ringkasan-batch.xlsx"]


def test_rerun_gives_the_same_names_and_replaces_its_own_files(tmp_path):
    a = write_workbook(_mk(tmp_path / "a") / "q4.xlsx", unit="KPKNL SERANG")
    b = write_workbook(_mk(tmp_path / "b") / "q4.xlsx", unit="KPKNL BOGOR")
    first = as_json(check(a, b, "--out", tmp_path / "hasil", "--format", "json"))
    second = as_json(check(a, b, "--out", tmp_path / "hasil", "--format", "json"))
    assert [f["output"] for f in first["files"]] == [f["output"] for f in second["files"]]
    assert first["batch"] == second["batch"]
    assert len(list((tmp_path / "hasil").iterdir())) == 3


def test_a_copy_another_run_wrote_while_this_one_ran_is_never_replaced(tmp_path):
    """Two runs into one folder: the other run checks its q3 and finishes (its claim released) before
    this one comes to q3's name (names are claimed as each file's turn comes). This run takes
    q3-2: the copy the other run named keeps the other unit's data."""
    a = write_workbook(_mk(tmp_path / "a") / "q3.xlsx", unit="KPKNL SERANG")
    b = write_workbook(_mk(tmp_path / "b") / "q3.xlsx", unit="KPKNL BOGOR")
    out = tmp_path / "hasil"
    plan = outputs.OutputPlan(exclusive=True)
    names = plan.planned([b], out)  # this run began: its names are claimed as each file's turn comes
    theirs = as_json(check(a, "--out", out, "--format", "json"))["files"][0]["output"]
    mine = names[0]
    plan.release()
    assert Path(theirs).name == "q3.checked.xlsx" and mine.name == "q3-2.checked.xlsx"
    # a run that begins after the other ended replaces its copy, as a rerun does
    later = outputs.OutputPlan(exclusive=True)
    assert later.checked_outputs([b], out)[0].name == "q3.checked.xlsx"
    later.release()


def test_input_named_x_checked_xlsx_is_not_overwritten(tmp_path):
    write_workbook(tmp_path / "x.xlsx", unit="KPKNL SERANG")
    theirs = write_workbook(tmp_path / "x.checked.xlsx", unit="KPKNL MILIK KANTOR")  # an office's own file
    before = theirs.read_bytes()
    doc = as_json(check(tmp_path, "--format", "json"))
    assert theirs.read_bytes() == before
    by_input = {Path(f["path"]).name: Path(f["output"]).name for f in doc["files"]}
    assert by_input == {"x.checked.xlsx": "x.checked.checked.xlsx", "x.xlsx": "x-2.checked.xlsx"}
    assert "SERANG" in unit_of(tmp_path / "x-2.checked.xlsx")


def test_input_named_ringkasan_batch_xlsx_is_not_overwritten(tmp_path):
    write_workbook(tmp_path / "a.xlsx")
    theirs = write_workbook(tmp_path / "ringkasan-batch.xlsx", unit="KPKNL MILIK KANTOR")
    before = theirs.read_bytes()
    doc = as_json(check(tmp_path, "--format", "json"))
    assert theirs.read_bytes() == before
    assert Path(doc["batch"]).name == "ringkasan-batch-2.xlsx"
    assert sorted(Path(f["path"]).name for f in doc["files"]) == ["a.xlsx", "ringkasan-batch.xlsx"]
    again = as_json(check(tmp_path, "--format", "json"))  # ours is now recognised, theirs still checked
    assert Path(again["batch"]).name == "ringkasan-batch-2.xlsx"
    assert sorted(Path(f["path"]).name for f in again["files"]) == ["a.xlsx", "ringkasan-batch.xlsx"]
    assert theirs.read_bytes() == before


def test_check_shell_glob_run_twice_does_not_recheck_its_own_outputs(tmp_path):
    write_workbook(tmp_path / "a-2024-q4.xlsx")
    write_workbook(tmp_path / "b-2024-q4.xlsx", unit="KPKNL BOGOR")
    for _ in range(2):  # the shell expands d/*.xlsx, outputs of the first run included
        expanded = sorted(str(p) for p in tmp_path.glob("*.xlsx"))
        res = check(*expanded, "--format", "json")
        doc = as_json(res)
        assert [Path(f["path"]).name for f in doc["files"]] == ["a-2024-q4.xlsx", "b-2024-q4.xlsx"]
    skipped = sorted(Path(p).name for p in doc["skipped"])
    assert skipped == ["a-2024-q4.checked.xlsx", "b-2024-q4.checked.xlsx", "ringkasan-batch.xlsx"]
    assert "a-2024-q4.checked.xlsx: dilewati, keluaran kinerja-xl" in res.stderr
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [
        "a-2024-q4.checked.xlsx",
        "a-2024-q4.xlsx",
        "b-2024-q4.checked.xlsx",
        "b-2024-q4.xlsx",
        "ringkasan-batch.xlsx",
    ]


def test_names_over_120_characters_keep_checked_xlsx_and_do_not_collide(tmp_path):
    head = "Laporan monitoring capaian indikator kinerja utama " * 4  # 204 characters in common
    a = write_workbook(tmp_path / f"{head}seksi A.xlsx", unit="KPKNL SERANG")
    b = write_workbook(tmp_path / f"{head}seksi B.xlsx", unit="KPKNL BOGOR")
    doc = as_json(check(a, b, "--format", "json"))
    got = [Path(f["output"]) for f in doc["files"]]
    assert all(p.name.endswith(".checked.xlsx") and p.is_file() for p in got)
    assert got[0] != got[1] and not any("-2." in p.name for p in got)  # distinct by their own names
    assert all(len(p.name.encode()) <= outputs.NAME_BYTES for p in got)
    assert [unit_of(p) for p in got] == [unit_of(a), unit_of(b)]
    again = as_json(check(a, b, "--format", "json"))
    assert [f["output"] for f in again["files"]] == [str(p) for p in got]  # predictable


def test_valid_245_byte_file_name_is_checked(tmp_path):
    name = "laporan-" + "é" * 116 + ".xlsx"
    assert len(name.encode()) == 245
    src = write_workbook(tmp_path / name)
    res = check(src, "--format", "json")
    doc = as_json(res)
    out = Path(doc["files"][0]["output"])
    assert doc["files"][0]["error"] is None and out.is_file() and out.name.endswith(".checked.xlsx")
    assert out.name.startswith("laporan-éé")


@pytest.mark.parametrize("mask, mode", [(0o022, 0o644), (0o002, 0o664)])
def test_outputs_follow_the_umask_not_0600(tmp_path, mask, mode):
    write_workbook(tmp_path / "a.xlsx")
    write_workbook(tmp_path / "b.xlsx")
    old = os.umask(mask)
    try:
        doc = as_json(check(tmp_path, "--format", "json"))
    finally:
        os.umask(old)
    written = [Path(f["output"]) for f in doc["files"]] + [Path(doc["batch"])]
    assert [stat.S_IMODE(p.stat().st_mode) for p in written] == [mode] * 3


def test_output_name_of_a_stem_cut_short_is_predictable_and_distinct():
    long_a, long_b = "x" * 300 + "a", "x" * 300 + "b"
    na, nb = outputs.fit_name(long_a, ".checked.xlsx"), outputs.fit_name(long_b, ".checked.xlsx")
    assert na != nb and na == outputs.fit_name(long_a, ".checked.xlsx")
    assert na.endswith(".checked.xlsx") and len(na.encode()) <= outputs.NAME_BYTES
    emoji = outputs.fit_name("😀" * 80, ".eml", 80)
    assert emoji.endswith(".eml") and len(emoji.encode()) <= 80


def _mk(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_marker_reader_ignores_huge_or_broken_parts(tmp_path):
    """Any file may stand where an output goes: the marker check reads at most 1 MiB per part."""
    import zipfile

    big = tmp_path / "x.checked.xlsx"
    with zipfile.ZipFile(big, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("_rels/.rels", b" " * (outputs._MAX_MARKER_PART + 1))
        z.writestr("docProps/custom.xml", b" " * (outputs._MAX_MARKER_PART + 1))
    assert outputs.package_marker(big) is None
    (tmp_path / "y.checked.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    assert outputs.package_marker(tmp_path / "y.checked.xlsx") is None


def test_outputs_of_a_version_without_the_marker_are_still_replaced(tmp_path):
    """Upgrading: last run's q4.checked.xlsx and ringkasan-batch.xlsx (no marker) are ours by content."""
    import zipfile

    write_workbook(tmp_path / "a.xlsx")
    write_workbook(tmp_path / "b.xlsx", unit="KPKNL LAIN")  # another unit: no year sheet, as older versions wrote
    first = as_json(check(tmp_path, "--format", "json"))
    for name in ("a.checked.xlsx", "ringkasan-batch.xlsx"):  # take the marker out, as older versions wrote them
        path = tmp_path / name
        with zipfile.ZipFile(path) as z:
            parts = {i.filename: z.read(i) for i in z.infolist() if i.filename != "docProps/custom.xml"}
        with zipfile.ZipFile(path, "w") as z:
            for part, data in parts.items():
                z.writestr(part, data)
        assert outputs.package_marker(path) is None and outputs.is_ours(path)
    again = as_json(check(tmp_path, "--format", "json"))
    assert [f["output"] for f in again["files"]] == [f["output"] for f in first["files"]]
    assert again["batch"] == first["batch"]
