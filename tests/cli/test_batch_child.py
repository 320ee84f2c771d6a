"""With --jobs 2, `check` prints its report while a forked process writes ringkasan-batch.xlsx
(run.check.BatchChild): what a person gets is the same report, the same summary, and for a
summary that could not be written the same one line and exit 2, never a hang or a stray file."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kinerja_xl import api
from kinerja_xl.cli import app
from kinerja_xl.config import resolve_settings
from kinerja_xl.writers import batch

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the batch writer is forked only on Linux")

runner = CliRunner()


def _check(folder: Path, out: Path, jobs: int) -> tuple[int, str, str]:
    result = runner.invoke(app, ["check", str(folder), "--out", str(out), "--jobs", str(jobs), "--format", "concise"])
    return result.exit_code, result.stdout, result.stderr


def _leftovers(out: Path) -> list[str]:
    """Temporary and claim files a run left in its folder."""
    return sorted(p.name for p in out.iterdir() if p.name.startswith(".kx-") or p.name.endswith(".kx-claim"))


def _sheets(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every cell of the summary, its own folder written OUT (it names each copy by its path)."""
    import openpyxl

    wb = openpyxl.load_workbook(path)
    here = str(path.parent)

    def shown(v: object) -> object:
        return v.replace(here, "OUT") if isinstance(v, str) else v

    return {ws.title: [tuple(shown(c.value) for c in row) for row in ws.iter_rows()] for ws in wb.worksheets}


def test_the_report_and_the_summary_are_those_of_jobs_1(folder, tmp_path):
    one_out, two_out = tmp_path / "one", tmp_path / "two"
    code1, out1, err1 = _check(folder, one_out, 1)
    code2, out2, err2 = _check(folder, two_out, 2)
    assert (code2, err2) == (code1, err1)
    assert out2.replace(str(two_out), "OUT") == out1.replace(str(one_out), "OUT")
    assert f"Ringkasan batch: {two_out / 'ringkasan-batch.xlsx'}" in out2.splitlines()
    assert _sheets(two_out / "ringkasan-batch.xlsx") == _sheets(one_out / "ringkasan-batch.xlsx")
    assert _leftovers(two_out) == []


def test_the_summary_is_written_by_another_process_while_the_report_runs(folder, tmp_path, monkeypatch):
    real = batch.write_batch
    writers = tmp_path / "writer-pid"

    def recording(run, dst, lang="id", extra=()):
        writers.write_text(str(os.getpid()))
        return real(run, dst, lang, extra)

    monkeypatch.setattr(batch, "write_batch", recording)
    seen = {}

    def report(run, wait):
        seen["before"] = run.batch
        wait()
        seen["after"] = run.batch

    settings = resolve_settings([folder], {"out_dir": tmp_path / "out", "jobs": 2}, None)
    run = api.check([folder], settings, keep_cells=False, keep_scores=False, report=report)
    assert seen == {"before": None, "after": tmp_path / "out" / "ringkasan-batch.xlsx"}
    assert run.batch == seen["after"] and run.batch.exists() and run.batch_error is None
    assert int(writers.read_text()) != os.getpid()
    # with one job (or no report to print meanwhile) it is written here, before the report
    settings = resolve_settings([folder], {"out_dir": tmp_path / "one", "jobs": 1}, None)
    api.check([folder], settings, keep_cells=False, keep_scores=False, report=report)
    assert seen["before"] == tmp_path / "one" / "ringkasan-batch.xlsx"
    assert int(writers.read_text()) == os.getpid()


def test_a_summary_that_cannot_be_written_is_one_line_and_exit_2(folder, tmp_path, monkeypatch):
    def full_disk(run, dst, lang="id", extra=()):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(batch, "write_batch", full_disk)
    code, out, err = _check(folder, tmp_path / "out", 2)
    assert code == 2
    lines = [line for line in err.splitlines() if "ringkasan-batch.xlsx" in line]
    assert len(lines) == 1 and "No space left on device" in lines[0] and lines[0].startswith("kinerja-xl: ")
    assert "Ringkasan batch:" not in out
    assert "b-galat-2024-q4.xlsx" in out  # the report itself is whole
    assert _leftovers(tmp_path / "out") == []


def test_a_writer_that_dies_is_one_line_not_a_hang(folder, tmp_path, monkeypatch):
    def killed(run, dst, lang="id", extra=()):
        os._exit(9)  # as a process the system ends (out of memory)

    monkeypatch.setattr(batch, "write_batch", killed)
    code, out, err = _check(folder, tmp_path / "out", 2)
    assert code == 2
    lines = [line for line in err.splitlines() if "ringkasan-batch.xlsx" in line]
    assert len(lines) == 1 and "WorkerDied" in lines[0] and "exit code 9" in lines[0]
    assert "Ringkasan batch:" not in out
    assert not (tmp_path / "out" / "ringkasan-batch.xlsx").exists()
    assert _leftovers(tmp_path / "out") == []


def test_a_ctrl_c_during_the_report_stops_the_writer_and_leaves_nothing_half_written(folder, tmp_path, monkeypatch):
    from kinerja_xl import outputs

    def slow(run, dst, lang="id", extra=()):
        outputs.temp_path(dst)  # its temporary file, as write_batch makes it
        time.sleep(60)

    monkeypatch.setattr(batch, "write_batch", slow)
    out = tmp_path / "out"

    def report(run, wait):
        for _ in range(500):  # until the writer has its temporary file
            if any(p.name.startswith(".kx-") and p.name.endswith(".tmp") for p in out.iterdir()):
                break
            time.sleep(0.01)
        else:
            pytest.fail("the writer never started")
        raise KeyboardInterrupt

    settings = resolve_settings([folder], {"out_dir": out, "jobs": 2}, None)
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        api.check([folder], settings, keep_cells=False, keep_scores=False, report=report)
    assert time.monotonic() - started < 30  # stopped, not waited for
    assert _leftovers(out) == []
    assert not (out / "ringkasan-batch.xlsx").exists()
    assert sorted(p.name for p in out.iterdir()) == [
        "a-bersih-2024-q4.checked.xlsx",
        "b-galat-2024-q4.checked.xlsx",
        "c-peringatan-2024-q4.checked.xlsx",
    ]


def test_a_writer_that_cannot_be_forked_leaves_the_summary_to_this_process(folder, tmp_path, monkeypatch):
    import multiprocessing.context

    def no_process(self):
        raise BlockingIOError(11, "Resource temporarily unavailable")  # fork() at a process limit

    monkeypatch.setattr(multiprocessing.context.ForkProcess, "start", no_process)
    code, out, err = _check(folder, tmp_path / "out", 2)
    assert (code, err) == (1, "")  # an error finding in one workbook, nothing else to say
    assert f"Ringkasan batch: {tmp_path / 'out' / 'ringkasan-batch.xlsx'}" in out.splitlines()
    assert (tmp_path / "out" / "ringkasan-batch.xlsx").exists()
    assert _leftovers(tmp_path / "out") == []


def test_the_progress_bar_and_its_thread_are_gone_once_every_file_is_read(monkeypatch):
    """Before the batch writer forks: a forked child gets only the forking thread, so none may be
    left running (holding a lock the child would wait for)."""
    import threading

    from kinerja_xl.cli import _Bar

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    before = threading.active_count()
    bar = _Bar()
    bar(0, 3, None)
    bar(1, 3, Path("a.xlsx"))
    assert threading.active_count() == before + 1  # rich's refresh thread
    bar(3, 3, Path("c.xlsx"))
    assert threading.active_count() == before and bar.ended
    bar(3, 3, Path("c.xlsx"))  # a late call starts nothing again
    assert threading.active_count() == before


def test_json_at_jobs_2_names_the_summary_written_before_it_is_printed(folder, tmp_path):
    import json

    docs = {}
    for jobs in (1, 2):
        out = tmp_path / f"j{jobs}"
        result = runner.invoke(app, ["check", str(folder), "--out", str(out), "--jobs", str(jobs), "--format", "json"])
        assert result.exit_code == 1, result.stderr
        docs[jobs] = json.loads(result.stdout.replace(str(out), "OUT"))
        assert (out / "ringkasan-batch.xlsx").exists()
    assert docs[2]["batch"] == "OUT/ringkasan-batch.xlsx"
    assert docs[2] == docs[1]


def test_a_ctrl_c_while_the_report_waits_for_the_writer_stops_it_too(folder, tmp_path, monkeypatch):
    import signal

    from kinerja_xl import outputs

    def slow(run, dst, lang="id", extra=()):
        outputs.temp_path(dst)
        time.sleep(60)

    def ctrl_c(_signum, _frame):
        raise KeyboardInterrupt

    monkeypatch.setattr(batch, "write_batch", slow)
    out = tmp_path / "out"

    def report(run, wait):
        previous = signal.signal(signal.SIGALRM, ctrl_c)
        signal.setitimer(signal.ITIMER_REAL, 1.0)  # a Ctrl-C a second into the wait
        try:
            wait()
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)

    settings = resolve_settings([folder], {"out_dir": out, "jobs": 2}, None)
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        api.check([folder], settings, keep_cells=False, keep_scores=False, report=report)
    assert time.monotonic() - started < 30
    assert _leftovers(out) == []
    assert not (out / "ringkasan-batch.xlsx").exists()


def test_a_report_that_fails_still_leaves_the_summary(folder, tmp_path):
    """`kinerja-xl check folder --jobs 2 | head`: the pipe closes under the report; the batch summary
    is written all the same, as with --jobs 1 (where it is written before the report)."""
    out = tmp_path / "out"

    def report(run, wait):
        raise BrokenPipeError(32, "Broken pipe")

    settings = resolve_settings([folder], {"out_dir": out, "jobs": 2}, None)
    with pytest.raises(BrokenPipeError):
        api.check([folder], settings, keep_cells=False, keep_scores=False, report=report)
    assert (out / "ringkasan-batch.xlsx").exists()
    assert _leftovers(out) == []
