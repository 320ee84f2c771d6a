"""``check``: every input read and checked (in the run's pool with --jobs), compared when the run
holds several files or --history, annotated copies and the batch summary written."""

from __future__ import annotations

import dataclasses
import os
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
from kinerja_xl.run.pool import run_ordered


def check(
    paths: Sequence[str | Path],
    settings: Settings | None = None,
    progress: Progress | None = None,
    *,
    keep_cells: bool = True,
    keep_scores: bool = True,
    plan: outputs.OutputPlan | None = None,
    history_cache: HistoryCache | None = None,
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
    """
    settings = settings or Settings()
    inputs = collect(paths)
    inputs.refuse_empty(settings.lang)
    own_plan = plan is None
    plan = plan if plan is not None else outputs.OutputPlan(exclusive=True)
    try:
        keep = (keep_cells, keep_cells or keep_scores)
        return _check(inputs, settings, progress, keep, plan, history_cache)
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
    if batch is not None:
        with gc_paused():  # collections over the run's results cost more than the summary itself
            _write_batch_summary(run, batch)
    return run


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
        from kinerja_xl.messages import reason_texts

        detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else f"{type(exc).__name__}: {exc}"
        texts = reason_texts("write-failed", path=outputs.shown(dst), detail=outputs.shown(detail))
        run.batch_error = texts.get(run.settings.lang, texts["en"])


def _common_folder(files: list[Path]) -> Path:
    """The folder of the inputs: the first existing file's parent (the batch summary goes there)."""
    for p in files:
        if p.parent.is_dir():
            return p.parent
    return Path(os.getcwd())
