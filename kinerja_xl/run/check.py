"""``check``: every input read and checked (in the run's pool with --jobs), compared when the run
holds several files or --history, annotated copies and the batch summary written."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from kinerja_xl import outputs
from kinerja_xl.config import Settings
from kinerja_xl.profiles import Profile
from kinerja_xl.results import FileResult, Progress, RunResult
from kinerja_xl.run.compare import HistoryCache, compare_and_write, compares, reading_settings
from kinerja_xl.run.inputs import collect, fixed_profile, make_out_dir
from kinerja_xl.run.one_file import CheckTask, check_one, worker_failed
from kinerja_xl.run.pool import run_ordered


def check(
    paths: Sequence[str | Path],
    settings: Settings | None = None,
    progress: Progress | None = None,
    *,
    keep_cells: bool = True,
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
    """
    settings = settings or Settings()
    inputs = collect(paths)
    inputs.refuse_empty(settings.lang)
    files = inputs.files
    plan = plan if plan is not None else outputs.OutputPlan()
    profile = fixed_profile(settings)
    if settings.annotate:
        make_out_dir(settings)
    dsts: list[Path | None] = [None] * len(files)
    if settings.annotate:
        dsts = list(plan.checked_outputs(files, settings.out_dir))
    # Across submissions (issue 13): every file is read first, compared with the unit's earlier
    # submissions, and only then annotated, so its KX3xx findings reach every output.
    compare = compares(settings, files)
    reading, reading_dsts = reading_settings(settings, dsts, compare)
    jobs = min(settings.jobs, len(files)) if files else 1
    results = _read_files(files, reading, profile, keep_cells, reading_dsts, jobs, progress)
    run = RunResult(files=results, settings=settings, skipped=inputs.skipped)
    if compare:
        compare_and_write(run, settings, profile, dsts, jobs=jobs, cache=history_cache)
    if settings.annotate and (inputs.folder or len(files) > 1):
        _write_batch_summary(run, settings.out_dir or _common_folder(files), plan)
    return run


def _read_files(
    files: list[Path],
    settings: Settings,
    profile: Profile | None,
    keep_cells: bool,
    dsts: list[Path | None],
    jobs: int,
    progress: Progress | None,
) -> list[FileResult]:
    """Check each file (in the run's pool with jobs > 1); results in input order."""
    if progress and files:
        progress(0, len(files), None)
    tasks = [CheckTask(path, settings, profile, keep_cells, dsts[i]) for i, path in enumerate(files)]

    def failed(i: int, kind: str, detail: str) -> FileResult:  # a worker died (killed, out of memory)
        return worker_failed(files[i], kind, detail)

    def done(n: int, i: int) -> None:
        if progress:
            progress(n, len(files), files[i])

    return run_ordered(check_one, tasks, jobs, failed, done)


def _write_batch_summary(run: RunResult, folder: Path, plan: outputs.OutputPlan) -> None:
    """ringkasan-batch.xlsx for a run over a folder or several files; a failure is one line, exit 2."""
    from kinerja_xl.writers.batch import write_batch

    dst = plan.batch_output(folder)
    try:
        run.batch = write_batch(run, dst, run.settings.lang)
    except Exception as exc:  # full disk, permissions, or anything unexpected
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
