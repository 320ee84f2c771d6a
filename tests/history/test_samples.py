"""Submissions built from the sample workbook, checked together: what each file gains from its predecessor."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from history.comments import comment_at
from history.variants import submission
from kinerja_xl import api
from kinerja_xl.config import Settings
from kinerja_xl.run import compare
from kinerja_xl.writers.json_out import dumps


def kx3(fr: api.FileResult) -> set[tuple[str | None, str]]:
    """(sheet!cell, code) of a file's KX3xx findings."""
    return {(str(f.cell) if f.cell else None, f.code) for f in fr.findings if f.code.startswith("KX3")}


def by_name(run: api.RunResult) -> dict[str, api.FileResult]:
    return {fr.path.name: fr for fr in run.files}


def test_revised_q3_is_compared_with_the_original(tmp_path):
    submission(tmp_path / "serang-2024-q3.xlsx", period="Q3", mtime_s=1_000)
    # Realisasi Q2 of 1a-CP: 28.34% -> 30%
    submission(tmp_path / "serang-2024-q3-revisi.xlsx", period="Q3", cells={"IKU!C7": 0.30}, mtime_s=2_000)
    run = api.check([tmp_path], Settings())
    files = by_name(run)
    assert kx3(files["serang-2024-q3.xlsx"]) == set()
    assert kx3(files["serang-2024-q3-revisi.xlsx"]) == {("IKU!C7", "KX301")}
    (f,) = [f for f in files["serang-2024-q3-revisi.xlsx"].findings if f.code == "KX301"]
    assert f.message() == "Realisasi Q2 berubah dari 28,34 (di serang-2024-q3.xlsx, laporan Q3) menjadi 30,00."
    assert f.iku == "1a-CP" and f.period == "Q2" and f.actual == pytest.approx(30.0)
    # the annotated copy of the newer file carries it like any other finding
    copy = files["serang-2024-q3-revisi.xlsx"].output
    assert "KX301" in comment_at(copy, "IKU", "C7")
    temuan = openpyxl.load_workbook(copy, read_only=True)
    assert any(v == "KX301" for row in temuan["Temuan"].iter_rows(values_only=True) for v in row)
    temuan.close()
    doc = json.loads(dumps(run, "en"))
    (rec,) = [x for d in doc["files"] for x in d["findings"] if x["code"] == "KX301"]
    assert rec["cell"] == "C7" and rec["file"] == "serang-2024-q3-revisi.xlsx"
    assert rec["message"] == "Realisasi Q2 changed from 28.34 (in serang-2024-q3.xlsx, report Q3) to 30.00."


def test_q2_then_q4_of_the_same_unit(tmp_path):
    submission(tmp_path / "serang-2024-q2.xlsx", period="Q2", mtime_s=3_000)  # older by period, newer by time
    submission(
        tmp_path / "serang-2024-q4.xlsx",
        period="Q4",
        mtime_s=1_000,
        cells={
            "IKU!B15": 80.0,  # 1b-CP Realisasi Q1 (89.xx in the Q2 report)
            "IKU!G6": 0.9,  # 1a-CP Target Q4, a future period for the Q2 report: 100% -> 90%
            "IKU!I38": "Max/Sum",  # 3a-CP Pol/KP
        },
        drop_iku="2b-CP",
    )
    files = by_name(api.check([tmp_path], Settings(annotate=False)))
    assert kx3(files["serang-2024-q2.xlsx"]) == set()
    assert kx3(files["serang-2024-q4.xlsx"]) == {
        ("IKU!B15", "KX301"),
        ("IKU!G6", "KX302"),
        (None, "KX303"),
        ("IKU!I38", "KX305"),
    }
    messages = {f.code: f.message("en") for f in files["serang-2024-q4.xlsx"].findings if f.code.startswith("KX3")}
    assert messages["KX302"].startswith("Target Q4 changed from 100.00 (in serang-2024-q2.xlsx, report Q2) to 90.00")
    assert messages["KX303"].startswith("IKU 2b-CP (Tingkat Efektivitas Tindak lanjut Persetujuan Pengelolaan BMN)")
    assert messages["KX305"] == "Pol/KP changed from Max/TLK (in serang-2024-q2.xlsx, report Q2) to Max/Sum."


def test_two_units_in_one_folder_are_never_compared(tmp_path):
    submission(tmp_path / "serang-2024-q2.xlsx", period="Q2", mtime_s=1_000)
    submission(tmp_path / "bogor-2024-q3.xlsx", period="Q3", unit="KPKNL BOGOR", cells={"IKU!B7": 0.5}, mtime_s=2_000)
    submission(tmp_path / "serang-2024-q3.xlsx", period="Q3", cells={"IKU!B15": 80.0}, mtime_s=3_000)
    run = api.check([tmp_path], Settings(annotate=False))
    files = by_name(run)
    assert files["bogor-2024-q3.xlsx"].workbook.unit == "KPKNL BOGOR"
    assert kx3(files["bogor-2024-q3.xlsx"]) == set()  # its Q1 realisasi differs from Serang's: not compared
    assert kx3(files["serang-2024-q3.xlsx"]) == {("IKU!B15", "KX301")}
    (f,) = [f for f in files["serang-2024-q3.xlsx"].findings if f.code == "KX301"]
    assert f.params["previous_file"] == "serang-2024-q2.xlsx"


def test_a_folder_of_a_whole_year_without_changes_has_no_kx3(tmp_path):
    for n in range(1, 5):
        submission(tmp_path / f"serang-2024-tw{n}.xlsx", period=f"Q{n}", mtime_s=n * 1_000)
    run = api.check([tmp_path], Settings(annotate=False))
    assert [fr.workbook.period for fr in run.files] == ["Q1", "Q2", "Q3", "Q4"]
    assert all(kx3(fr) == set() for fr in run.files)
    assert sorted(s.period for s in run.submissions) == ["Q1", "Q2", "Q3", "Q4"]
    previous = [fr.compared_with and Path(fr.compared_with).name for fr in run.files]
    assert previous == [None, "serang-2024-tw1.xlsx", "serang-2024-tw2.xlsx", "serang-2024-tw3.xlsx"]


def test_a_whole_year_with_a_cut_target_and_a_falling_cumulative(tmp_path):
    name = {"IKU!B4": "Nama IKU : Jumlah berkas diselesaikan s.d. triwulan"}  # 1a-CP, cumulative by name
    submission(tmp_path / "serang-2024-tw1.xlsx", period="Q1", cells=name, mtime_s=1_000)
    submission(tmp_path / "serang-2024-tw2.xlsx", period="Q2", cells=name, mtime_s=2_000)
    submission(tmp_path / "serang-2024-tw3.xlsx", period="Q3", cells={**name, "IKU!E7": 0.25}, mtime_s=3_000)
    submission(tmp_path / "serang-2024-tw4.xlsx", period="Q4", cells={**name, "IKU!E7": 0.25}, mtime_s=4_000)
    files = by_name(api.check([tmp_path], Settings(annotate=False)))
    # Q3's 25% is below Q2's 28.34% (TLK, "s.d."): only the file that first reports it
    assert kx3(files["serang-2024-tw3.xlsx"]) == {("IKU!E7", "KX306")}
    assert kx3(files["serang-2024-tw4.xlsx"]) == set()
    assert all(kx3(files[f"serang-2024-tw{n}.xlsx"]) == set() for n in (1, 2))


def test_same_unit_other_years_are_not_compared(tmp_path):
    submission(tmp_path / "serang-2023-q4.xlsx", period="Q4", year=2023, mtime_s=1_000)
    submission(tmp_path / "serang-2024-q1.xlsx", period="Q1", cells={"IKU!B7": 0.5, "IKU!I6": "Min/TLK"}, mtime_s=2)
    run = api.check([tmp_path], Settings(annotate=False))
    assert sorted(fr.workbook.year for fr in run.files) == [2023, 2024]
    assert all(kx3(fr) == set() for fr in run.files)


def test_unorderable_pair_is_reported_not_guessed(tmp_path):
    submission(tmp_path / "serang-2024-q3.xlsx", period="Q3", mtime_s=5_000)
    submission(tmp_path / "serang-2024-q3-b.xlsx", period="Q3", cells={"IKU!C7": 0.30}, mtime_s=5_000)
    files = by_name(api.check([tmp_path], Settings(annotate=False)))
    assert kx3(files["serang-2024-q3.xlsx"]) == {(None, "KX308")}
    assert kx3(files["serang-2024-q3-b.xlsx"]) == {(None, "KX308")}
    msgs = [f.message("en") for f in files["serang-2024-q3.xlsx"].findings if f.code == "KX308"]
    assert msgs == [
        "This file and serang-2024-q3-b.xlsx both report Q3 of KPKNL SERANG 2024 and have the same "
        "modification time; which one is newer cannot be told, so they were not compared with each other."
    ]


def test_history_folder_is_read_never_written(tmp_path):
    arsip, inbox = tmp_path / "arsip", tmp_path / "masuk"
    submission(arsip / "serang-2024-q1.xlsx", period="Q1", mtime_s=1_000)
    submission(arsip / "serang-2024-q2.xlsx", period="Q2", cells={"IKU!B7": 0.10}, mtime_s=2_000)
    submission(arsip / "bogor-2024-q3.xlsx", period="Q3", unit="KPKNL BOGOR", mtime_s=3_000)
    submission(inbox / "serang-2024-q3.xlsx", period="Q3", mtime_s=4_000)
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in arsip.iterdir()}
    run = api.check([inbox / "serang-2024-q3.xlsx"], Settings(history=arsip))
    (fr,) = run.files
    # compared with the latest earlier submission of its unit in the archive: Realisasi Q1 10% -> 11.26%
    assert kx3(fr) == {("IKU!B7", "KX301")}
    (f,) = [f for f in fr.findings if f.code == "KX301"]
    assert (f.params["previous_file"], f.params["old"], f.params["new"]) == ("serang-2024-q2.xlsx", 10.0, 11.26)
    assert {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in arsip.iterdir()} == before
    assert fr.output == inbox / "serang-2024-q3.checked.xlsx" and run.batch is None
    assert sorted(s.archived for s in run.submissions) == [False, True, True, True]


def test_history_copy_of_the_input_is_not_a_second_submission(tmp_path):
    arsip, inbox = tmp_path / "arsip", tmp_path / "masuk"
    submission(arsip / "serang-2024-q3.xlsx", period="Q3", mtime_s=4_000)
    submission(inbox / "serang-2024-q3.xlsx", period="Q3", mtime_s=4_000)  # the same file, copied with its time
    (fr,) = api.check([inbox], Settings(history=arsip, annotate=False)).files
    assert kx3(fr) == set()


def test_history_must_be_a_folder(tmp_path):
    submission(tmp_path / "serang-2024-q3.xlsx", period="Q3")
    with pytest.raises(api.UsageError, match=r"--history .*: not a folder"):
        api.check([tmp_path / "serang-2024-q3.xlsx"], Settings(history=tmp_path / "tidak-ada"))


def test_select_and_ignore_apply_to_kx3(tmp_path):
    submission(tmp_path / "serang-2024-q2.xlsx", period="Q2", mtime_s=1_000)
    submission(tmp_path / "serang-2024-q3.xlsx", period="Q3", cells={"IKU!B7": 0.5}, mtime_s=2_000)
    run = api.check([tmp_path], Settings(annotate=False, ignore=("KX3",)))
    assert all(kx3(fr) == set() for fr in run.files)
    run = api.check([tmp_path], Settings(annotate=False, select=("KX301",)))
    assert [f.code for fr in run.files for f in fr.findings] == ["KX301"]


def test_jobs_give_the_same_findings_and_copies(tmp_path):
    submission(tmp_path / "serang-2024-q2.xlsx", period="Q2", mtime_s=1_000)
    submission(tmp_path / "serang-2024-q3.xlsx", period="Q3", cells={"IKU!B7": 0.5}, mtime_s=2_000)
    submission(tmp_path / "serang-2024-q4.xlsx", period="Q4", cells={"IKU!B7": 0.5, "IKU!G6": 0.9}, mtime_s=3_000)
    run = api.check([tmp_path], Settings(jobs=2), keep_cells=False)
    files = by_name(run)
    assert kx3(files["serang-2024-q3.xlsx"]) == {("IKU!B7", "KX301")}
    assert kx3(files["serang-2024-q4.xlsx"]) == {("IKU!G6", "KX302")}
    assert "KX302" in comment_at(files["serang-2024-q4.xlsx"].output, "IKU", "G6")
    assert all(fr.workbook.ikus[0].rows == {} for fr in run.files)  # keep_cells=False still honoured


def test_history_reads_each_archived_file_once_and_again_when_it_changes(tmp_path, monkeypatch):
    arsip = tmp_path / "arsip"
    q2 = submission(arsip / "serang-2024-q2.xlsx", period="Q2", mtime_s=1_000)
    (arsip / "rusak.xlsx").write_text("not a workbook")  # an archive may hold anything: left out
    reads = []
    real = compare.read_history_file
    monkeypatch.setattr(compare, "read_history_file", lambda *a: reads.append(a[0].name) or real(*a))
    cache = api.HistoryCache()  # its owner (a watcher) keeps it for the session
    first = api.load_history(arsip, Settings(), None, cache=cache)
    again = api.load_history(arsip, Settings(), None, cache=cache)
    assert [s.name for s in first] == ["serang-2024-q2.xlsx"] and again == first
    assert reads == ["rusak.xlsx", "serang-2024-q2.xlsx"]
    submission(q2, period="Q2", cells={"IKU!B7": 0.5}, mtime_s=2_000)  # replaced in place
    (changed,) = api.load_history(arsip, Settings(), None, cache=cache)
    assert changed.ikus[0].number("realisasi", "Q1") == 50.0
    assert reads[-1] == "serang-2024-q2.xlsx"
