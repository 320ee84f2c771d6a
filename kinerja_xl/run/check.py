"""``check``: every input read and checked (in the run's pool with --jobs), compared when the run
holds several files or --history, annotated copies and the batch summary written.

With --jobs > 1 on Linux and a caller that prints the run (``report``), the batch summary is
written by a forked process while the report is printed: the pool's cores are free by then, and on
1,000 files the two (about 0.7 s and 0.8 s) ran one after the other before (see BatchChild).
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from kinerja_xl import outputs
from kinerja_xl.config import Settings
from kinerja_xl.perf import InOrder, gc_paused
from kinerja_xl.profiles import Profile
from kinerja_xl.results import FileResult, Progress, RunResult
from kinerja_xl.run.compare import HistoryCache, compare_and_rewrite, compares, load_history
from kinerja_xl.run.inputs import Inputs, collect, fixed_profile, make_out_dir
from kinerja_xl.run.one_file import CheckTask, check_one, stop_if_interrupted, worker_failed
from kinerja_xl.run.pool import child_signals, death, joined, run_ordered, sigint_ignored

# report(run, wait): prints a run whose every file's result is final; wait() returns once the batch
# summary is written (run.batch or run.batch_error set), so report calls it before it reads either
Report = Callable[[RunResult, Callable[[], None]], None]


def check(
    paths: Sequence[str | Path],
    settings: Settings | None = None,
    progress: Progress | None = None,
    *,
    keep_cells: bool = True,
    keep_scores: bool = True,
    plan: outputs.OutputPlan | None = None,
    history_cache: HistoryCache | None = None,
    report: Report | None = None,
) -> RunResult:
    """Check every workbook the PATH arguments name and write the outputs the settings ask for.

    Results come in input order. Raises UsageError when the command cannot run at all
    (unknown profile); an unreadable file is a FileResult with ``error`` instead.
    keep_cells=False gives results without cell values (see one_file.drop_cells), enough for the
    terminal, JSON and batch reports, and much cheaper with --jobs and big batches.
    plan: the output paths already taken (a watcher passes one plan for its whole session);
    no two inputs of a run share an output path, and no input or file not ours is overwritten.
    history_cache: the --history files already read (a watcher keeps one for its session).
    Without a plan, the run claims its output names against other runs for as long as it runs
    (claims.claim_file); a caller with a plan releases it when it is done with the outputs.
    report: called once with the run and a wait function before check returns (see Report); the
    batch summary may be written meanwhile, in a forked process (BatchChild).
    """
    settings = settings or Settings()
    inputs = collect(paths)
    inputs.refuse_empty(settings.lang)
    own_plan = plan is None
    plan = plan if plan is not None else outputs.OutputPlan(exclusive=True)
    try:
        keep = (keep_cells, keep_cells or keep_scores)
        return _check(inputs, settings, progress, keep, plan, history_cache, report)
    except KeyboardInterrupt:
        outputs.remove_pending()  # the claims and temporary files of this process, wherever a Ctrl-C left them
        raise
    finally:
        if own_plan:
            plan.release()


def _check(
    inputs: Inputs,
    settings: Settings,
    progress: Progress | None,
    keep: tuple[bool, bool],
    plan: outputs.OutputPlan,
    history_cache: HistoryCache | None,
    report: Report | None = None,
) -> RunResult:
    keep_cells = keep[0]
    files = inputs.files
    profile = fixed_profile(settings)
    if settings.annotate:
        make_out_dir(settings)
    dsts: Sequence[Path | None] = [None] * len(files)
    batch: Path | None = None
    if settings.annotate:
        # each copy's name is claimed as its file's turn comes (the pool starts at once, see
        # outputs.PlannedOutputs), the batch summary's now, for the whole run
        dsts = plan.planned(files, settings.out_dir)
        if inputs.folder or len(files) > 1:
            batch = plan.batch_output(settings.out_dir or _common_folder(files))
    # Across submissions (issue 13): every file is read first, compared with the unit's earlier
    # submissions, and only then annotated, so its KX3xx findings reach every output.
    # One pass: each worker reads, checks and writes its file's copy; when the run compares, it
    # also takes the file's snapshot (history.Submission) before the cell values go.
    # A file whose unit and year another file (or --history) has too is written after the comparison.
    compare = compares(settings, files)
    reading = dataclasses.replace(settings, compare=True) if compare else settings
    jobs = min(settings.jobs, len(files)) if files else 1
    history_subs = None
    if compare and settings.history is not None:
        taken = {p.resolve() for p in files}
        history_subs = load_history(
            settings.history, settings, profile, exclude=taken, cache=history_cache, jobs=settings.jobs
        )
    seen: set[object] = {s.group for s in history_subs or [] if s.group is not None}
    later: set[int] = set()
    unsnapped: dict[int, list[object]] = {}  # files written at once that sent no snapshot: their groups

    def write_now(i: int, groups: list[object]) -> bool:
        """A worker asks whether to write its copy now, with the (unit, year) of each of its units: yes
        when the run has met none of them before; a file of an unknown unit or year is written after
        the comparison (it says so, KX006). Without cell values it then sends no snapshot back."""
        fresh = bool(groups) and all(g is not None and g not in seen for g in groups)
        seen.update(groups)
        if not fresh:
            later.add(i)
        elif not keep_cells:
            unsnapped[i] = list(groups)
        return fresh

    results = _read_files(files, reading, profile, keep, dsts, jobs, progress, write_now if compare else None)
    run = RunResult(files=results, settings=settings, skipped=inputs.skipped)
    if compare:
        compare_and_rewrite(
            run, settings, profile, list(dsts), jobs=jobs, archived=history_subs, later=later, unsnapped=unsnapped
        )
    _finish(run, batch, report, jobs)
    return run


def _finish(run: RunResult, batch: Path | None, report: Report | None, jobs: int) -> None:
    """The batch summary written and the run reported: at the same time when both are asked for with
    jobs > 1 (BatchChild), else one after the other."""
    child = BatchChild.start(run, batch) if batch is not None and report is not None and jobs > 1 else None
    if child is None:
        if batch is not None:
            with gc_paused():  # collections over the run's results cost more than the summary itself
                _write_batch_summary(run, batch)
        if report is not None:
            report(run, _written)
        return
    assert report is not None
    try:
        try:
            report(run, child.wait)
        except KeyboardInterrupt:
            raise
        except BaseException:
            child.wait()  # a report that failed (a closed pipe: `| head`) still leaves the summary
            raise
        child.wait()
    except KeyboardInterrupt:
        child.stop()  # Ctrl-C: the writer ends now, its temporary file with it
        raise


def _written() -> None:
    """wait() for a report when the batch summary was written before it (or there is none)."""


class BatchChild:
    """ringkasan-batch.xlsx written by a forked process while this one prints the report.

    Only where fork is safe and cheap (Linux): the child shares the run's results without a copy.
    It ignores Ctrl-C like a pool worker; stopped, it removes its temporary file. Its outcome comes
    back as (run.batch, run.batch_error); a child that died is a write failure like any other.
    """

    def __init__(self, run: RunResult, dst: Path, process: Any, conn: Any) -> None:
        self.run, self.dst, self.process, self.conn = run, dst, process, conn
        self.done = False

    @classmethod
    def start(cls, run: RunResult, dst: Path) -> BatchChild | None:
        """The writer, started; None where it cannot be forked (the caller writes it itself)."""
        if sys.platform != "linux":
            return None
        import multiprocessing

        ctx = multiprocessing.get_context("fork")
        receive, send = ctx.Pipe(duplex=False)
        for stream in (sys.stdout, sys.stderr):  # nothing buffered here may be written twice
            with contextlib.suppress(Exception):
                stream.flush()
        process = ctx.Process(target=_batch_in_child, args=(run, dst, send), daemon=True)
        try:
            with sigint_ignored():
                process.start()
        except OSError:  # no process to be had (a limit, no memory): written here instead
            receive.close()
            return None
        finally:
            send.close()
        return cls(run, dst, process, receive)

    def wait(self) -> None:
        """Until the summary is written; sets run.batch or run.batch_error."""
        if self.done:
            return
        try:
            outcome = self.conn.recv()
        except (EOFError, OSError):
            self.process.join()
            outcome = None, _write_failed(self.run, self.dst, f"WorkerDied: {death(self.process.exitcode)}")
        # done only now: a Ctrl-C while it waited leaves the writer to stop()
        self.done = True
        self.process.join()
        self.conn.close()
        self.run.batch, self.run.batch_error = outcome

    def stop(self) -> None:
        """End the writer now (the report failed or was stopped): it removes its temporary file."""
        if self.done:
            return
        self.done = True
        if self.process.is_alive():
            self.process.terminate()
        joined(self.process)
        self.conn.close()


def _batch_in_child(run: RunResult, dst: Path, conn: Any) -> None:
    """The forked writer: the summary, then (run.batch, run.batch_error) to the parent."""
    child_signals()
    try:
        with gc_paused():
            _write_batch_summary(run, dst)
    except BaseException as exc:  # never a traceback from the child: the parent says it in one line
        run.batch, run.batch_error = None, _write_failed(run, dst, f"{type(exc).__name__}: {exc}")
    conn.send((run.batch, run.batch_error))
    conn.close()


def _read_files(
    files: list[Path],
    settings: Settings,
    profile: Profile | None,
    keep: tuple[bool, bool],
    dsts: Sequence[Path | None],
    jobs: int,
    progress: Progress | None,
    on_ask: Callable[[int, Any], Any] | None = None,
) -> list[FileResult]:
    """Check each file (in the run's pool with jobs > 1); results in input order.
    keep: (keep_cells, keep_scores) as check takes them."""
    if progress and files:
        progress(0, len(files), None)
    # each made when the pool asks for it: its output name is claimed then
    tasks = InOrder(len(files), lambda i: CheckTask(files[i], settings, profile, keep[0], dsts[i], keep[1]))

    def failed(i: int, kind: str, detail: str) -> FileResult:  # a worker died (killed, out of memory)
        return worker_failed(files[i], kind, detail)

    def done(n: int, i: int) -> None:
        if progress:
            progress(n, len(files), files[i])

    results = run_ordered(check_one, tasks, jobs, failed, done, on_ask)
    if jobs > 1:  # a worker's result brings its own copies of the paths this process holds already
        for i, fr in enumerate(results):
            _same_paths(fr, files[i], dsts[i])
    return results


def _same_paths(fr: FileResult, path: Path, output: Path | None) -> None:
    """Give a result the run's own Path objects for its input and output (equal, so nothing changes
    but a thousand results' memory)."""
    if fr.path == path:
        fr.path = path
    if output is not None and fr.output == output:
        fr.output = output
    for part in fr.units:
        part.path, part.output = fr.path, fr.output


def _write_batch_summary(run: RunResult, dst: Path) -> None:
    """ringkasan-batch.xlsx for a run over a folder or several files; a failure is one line, exit 2."""
    from kinerja_xl.writers.batch import write_batch

    try:
        run.batch = write_batch(run, dst, run.settings.lang)
    except Exception as exc:  # full disk, permissions, or anything unexpected
        stop_if_interrupted(exc)
        detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else f"{type(exc).__name__}: {exc}"
        run.batch_error = _write_failed(run, dst, detail)


def _write_failed(run: RunResult, dst: Path, detail: str) -> str:
    """The batch summary's write-failed line in the run's language (run.batch_error)."""
    from kinerja_xl.messages import reason_texts

    texts = reason_texts("write-failed", path=outputs.shown(dst), detail=outputs.shown(detail))
    return texts.get(run.settings.lang, texts["en"])


def _common_folder(files: list[Path]) -> Path:
    """The folder of the inputs: the first existing file's parent (the batch summary goes there)."""
    for p in files:
        if p.parent.is_dir():
            return p.parent
    return Path(os.getcwd())
