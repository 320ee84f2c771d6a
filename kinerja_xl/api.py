"""The library surface: check(paths, settings) -> RunResult. No printing here."""

from __future__ import annotations

import contextlib
import dataclasses
import glob
import os
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kinerja_xl import outputs
from kinerja_xl.analysis import Analysis
from kinerja_xl.config import Settings
from kinerja_xl.findings import Finding, Severity
from kinerja_xl.model import Workbook
from kinerja_xl.perf import gc_paused
from kinerja_xl.profiles import Profile, ProfileError
from kinerja_xl.unitname import unit_key


@dataclass
class FileResult:
    """The outcome of checking one file."""

    path: Path
    workbook: Workbook | None = None
    analysis: Analysis | None = None
    profile: Profile | None = None
    findings: list[Finding] = field(default_factory=list)
    output: Path | None = None  # the annotated copy, when written
    error: str | None = None  # one-line reason when the file could not be read (exit 2)
    # the same reason per language {"id": ..., "en": ...} when it has a translation (see error_text)
    error_texts: dict[str, str] | None = None
    submission: Any = None  # its history.Submission, taken while the cell values were there (compared runs)
    compared_with: str | None = None  # the earlier submission of its unit and year it was compared with
    # the NKO per period with the KX021 labels corrected (None without KX021), see fixes.relabelled_nko
    nko_relabelled: dict[str, float | None] | None = None
    fix_plan: Any = None  # fixes.FixPlan, kept by `kinerja-xl fix` only (it holds a copy of the model)
    fixed: Any = None  # the FileResult of its fixed copy (api_fix.attach_fixed: mail/watch --attach fixed)
    # a workbook of several units (Workbook.units): one result per unit, its own workbook, analysis
    # and findings (the same Finding objects as in ``findings``); empty for a workbook of one unit
    units: list[FileResult] = field(default_factory=list)

    def error_text(self, lang: str = "id") -> str | None:
        """The one-line reason in the asked language (``error`` itself when not translated)."""
        texts = self.error_texts
        # only while the texts still describe the current error (a later error replaces it)
        if self.error and texts and texts.get("en") == self.error:
            return texts.get(lang) or self.error
        return self.error

    @property
    def counts(self) -> dict[str, int]:
        """Number of findings per severity."""
        out = {s.value: 0 for s in Severity}
        for f in self.findings:
            out[f.severity.value] += 1
        return out

    @property
    def status(self) -> str:
        """ "unreadable", "errors", "warnings" or "ok"."""
        if self.error:
            return "unreadable"
        c = self.counts
        return "errors" if c["error"] else "warnings" if c["warning"] else "ok"


@dataclass
class RunResult:
    """The outcome of a whole run."""

    files: list[FileResult] = field(default_factory=list)
    settings: Settings = field(default_factory=Settings)
    batch: Path | None = None  # ringkasan-batch.xlsx, when the run covered a folder or several files
    skipped: list[Path] = field(default_factory=list)  # inputs left out: our own outputs of an earlier run
    batch_error: str | None = None  # one-line reason when ringkasan-batch.xlsx could not be written
    # every submission compared across the run (inputs and --history files), see kinerja_xl.history
    submissions: list[Any] = field(default_factory=list)

    def exit_code(self, fail_on: str = "error") -> int:
        """2 unreadable file, 1 error (or warning with fail_on warning), else 0."""
        if self.batch_error or any(f.error for f in self.files):
            return 2
        worst = Severity(fail_on).rank
        if any(f.severity.rank >= worst for fr in self.files for f in fr.findings):
            return 1
        return 0


# (done, total, path): called once with (0, total, None) before the first file, then after
# each file, always in the calling process.
Progress = Callable[[int, int, "Path | None"], None]

SUFFIXES = (".xlsx", ".xlsm")
BATCH_NAME = outputs.BATCH_NAME


class UsageError(ValueError):
    """The command was used wrongly (unknown profile, bad option): exit 2, one line."""


def is_own_output(path: Path) -> bool:
    """An Excel lock file, or a file kinerja-xl wrote: named like our outputs AND carrying our marker.

    A file merely named ``x.checked.xlsx`` or ``ringkasan-batch.xlsx`` is an input (see outputs.py).
    """
    return outputs.is_own_output(path)


def expand_paths(paths: Sequence[str | Path]) -> tuple[list[Path], bool]:
    """Files to check from PATH arguments (files, folders, globs), and whether a folder was given.

    A folder gives every .xlsx/.xlsm directly inside it, sorted, without our own outputs and
    Excel lock files. A glob gives its matches filtered the same way. A path that matches
    nothing is kept so the run reports it as unreadable. Duplicates are dropped.
    """
    out: list[Path] = []
    folder = False
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            folder = True
            out.extend(
                sorted(c for c in p.iterdir() if c.is_file() and c.suffix.lower() in SUFFIXES and not is_own_output(c))
            )
        elif not p.exists() and glob.has_magic(str(raw)):
            matches = sorted(Path(m) for m in glob.glob(str(raw)))
            files = [m for m in matches if m.is_file() and not is_own_output(m)]
            out.extend(files if files else [p])
        else:
            out.append(p)
    seen: set[Path] = set()
    unique = []
    for p in out:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique, folder


def output_path(path: Path, settings: Settings) -> Path:
    """The plain name of an input's annotated copy: ``<stem>.checked<suffix>`` in --out or beside it.

    A run may give a later input ``<stem>-2.checked<suffix>`` instead (outputs.OutputPlan).
    """
    folder = settings.out_dir if settings.out_dir is not None else path.parent
    return folder / outputs.checked_name(path)


def fixed_profile(settings: Settings) -> Profile | None:
    """The profile named by --profile / kinerja.toml, None when the workbook's year picks it.

    Raises UsageError with a one-line reason when it cannot be loaded.
    """
    if not settings.profile:
        return None
    from kinerja_xl import profiles

    try:
        return _with_tolerance(profiles.load(settings.profile), settings)
    except ProfileError as exc:
        raise UsageError(str(exc)) from exc


def _with_tolerance(profile: Profile, settings: Settings) -> Profile:
    if settings.tolerance is None:
        return profile
    return dataclasses.replace(profile, tolerance=settings.tolerance)


def _unreadable(path: Path, reason: str, texts: dict[str, str] | None = None) -> FileResult:
    """A FileResult for a file that could not be read, with its KX001 finding.

    texts: the reason per language ({"id": ..., "en": ...}); reason (English) is used for both without it.
    """
    texts = dict(texts) if texts else {"id": reason, "en": reason}
    finding = Finding(
        "KX001",
        params={"reason": reason, "reason_id": texts.get("id", reason), "reason_en": texts.get("en", reason)},
        file=path.name,
    )
    return FileResult(path=path, findings=[finding], error=reason, error_texts=texts)


def _unreadable_as(path: Path, key: str, **values: object) -> FileResult:
    """_unreadable with a KX001 reason from the message catalogue (messages.PHRASES)."""
    from kinerja_xl.messages import reason_texts

    texts = reason_texts(key, **values)
    return _unreadable(path, texts["en"], texts)


def check_file(
    path: Path, settings: Settings, profile: Profile | None = None, output: Path | None = None
) -> FileResult:
    """Read, analyse and check one file, and write its annotated copy unless settings say not to.

    output: where the annotated copy goes (a run plans it, see outputs.OutputPlan); by default
    the plain name, or the next free ``-N`` name when that is an input or a file not ours.
    """
    with gc_paused():
        try:
            return _check_file(path, settings, profile, output)
        except Exception as exc:
            # the guard: a file that fails for any unexpected reason is that file's KX001, never a traceback
            return _unreadable_as(path, "read-internal-checking", kind=type(exc).__name__, detail=str(exc)[:300])


def _check_file(path: Path, settings: Settings, profile: Profile | None, output: Path | None) -> FileResult:
    from kinerja_xl import profiles, reader

    if not path.exists():
        return _unreadable_as(path, "read-no-match" if glob.has_magic(str(path)) else "read-not-found")
    if path.is_dir():
        return _unreadable_as(path, "read-is-folder")
    try:
        wb = reader.read_workbook(path, settings)
    except reader.ReadError as exc:
        return _unreadable(path, str(exc), exc.texts)
    except Exception as exc:
        return _unreadable_as(path, "read-internal-reading", kind=type(exc).__name__, detail=str(exc))
    if profile is None:
        profile = _with_tolerance(profiles.for_year(settings.year or wb.year), settings)
    result = FileResult(path=path, workbook=wb, profile=profile)
    try:
        from kinerja_xl import rules
        from kinerja_xl.analysis import analyse

        if wb.units:
            found = _check_units(result, settings)
        else:
            result.analysis = analyse(wb, profile)
            found = list(wb.findings) + list(rules.run(wb, result.analysis, settings))
    except Exception as exc:
        return _unreadable_as(path, "read-internal-checking", kind=type(exc).__name__, detail=str(exc))
    kept = [f for f in found if settings.wants(f.code)]
    for f in kept:
        f.file = path.name
    result.findings = sorted(kept, key=lambda f: f.sort_key())
    if result.units:
        wanted = {id(f) for f in kept}
        for part in result.units:
            part.findings = sorted((f for f in part.findings if id(f) in wanted), key=lambda f: f.sort_key())
    _plan_fixes(result, settings)
    if settings.annotate:
        _write_copy(result, output or outputs.OutputPlan().checked_outputs([path], settings.out_dir)[0], settings)
    return result


def _check_units(result: FileResult, settings: Settings) -> list[Finding]:
    """A workbook of several units: each unit analysed and checked on its own (findings.md), one
    FileResult per unit in ``result.units``; the file's analysis holds every unit's IKU and no NKO.
    Returns every finding: the reading findings of the workbook as a whole, then each unit's."""
    from kinerja_xl import rules
    from kinerja_xl.analysis import analyse, merged

    wb, profile = result.workbook, result.profile
    assert wb is not None and profile is not None
    own = {id(f) for part in wb.units for f in part.findings}
    found = [f for f in wb.findings if id(f) not in own]
    for part in wb.units:
        an = analyse(part, profile)
        unit_found = list(part.findings) + list(rules.run(part, an, settings))
        result.units.append(
            FileResult(path=result.path, workbook=part, analysis=an, profile=profile, findings=unit_found)
        )
        found += unit_found
    result.analysis = merged([u.analysis for u in result.units if u.analysis is not None], profile)
    return found


def _plan_fixes(result: FileResult, settings: Settings) -> None:
    """Give each finding its fix (``Finding.fix``) and the NKO with corrected labels (fixes.py).

    A failure here never costs the check: the findings simply carry no fix.
    """
    from kinerja_xl import fixes

    for part in result.units or [result]:  # a workbook of several units: each unit's own plan
        wb, profile, analysis = part.workbook, part.profile, part.analysis
        if wb is None or profile is None or analysis is None:
            continue
        try:
            fix_plan = fixes.plan(wb, profile, settings, checked=(analysis, part.findings), rounds=1)
            fixes.attach(part.findings, fix_plan, wb, profile)
            part.nko_relabelled = fixes.relabelled_nko(wb, part.findings, profile)
        except Exception:  # a fix is an extra; the findings stand without it
            for f in part.findings:
                f.fix = None


def _write_copy(result: FileResult, dst: Path, settings: Settings) -> None:
    """Write the annotated copy; a failure (full disk, no permission, a package we cannot write)
    makes the file's result an error with one line naming the output, and nothing half-written."""
    from kinerja_xl.writers.annotate import write_annotated

    try:
        dst.parent.mkdir(parents=True, exist_ok=True)
        result.output = write_annotated(result, dst, settings.lang)
        for part in result.units:
            part.output = result.output  # each unit's data is in the file's copy
    except OSError as exc:
        _cannot_write(result, dst, exc.strerror or str(exc))
    except Exception as exc:  # e.g. the output would overwrite the input, or an unexpected package
        _cannot_write(result, dst, f"{type(exc).__name__}: {exc}" if not isinstance(exc, ValueError) else str(exc))


def _cannot_write(result: FileResult, dst: Path, detail: str) -> None:
    from kinerja_xl.messages import reason_texts

    texts = reason_texts("write-failed", path=outputs.shown(dst), detail=outputs.shown(detail)[:300])
    result.error, result.error_texts = texts["en"], texts


def drop_cells(result: FileResult) -> FileResult:
    """Drop the cell values of a result's IKU blocks and summary table, in place; return it.

    What the reports need stays: the workbook's unit, year and period, each IKU's identity
    (code, name, sheet, Pol/KP, metadata), the NKO the summary table writes (headline.py), the
    analysis and the findings. What goes (Iku.rows, row_cells, period_cells, the summary
    table's rows) is most of the result: a --jobs worker then sends back a third of the bytes,
    and a big batch holds far less in memory.
    """
    from kinerja_xl.model import Summary

    wb = result.workbook
    if wb is not None:
        for iku in wb.ikus:
            iku.rows, iku.row_cells, iku.period_cells = {}, {}, {}
        for part in [wb, *wb.units]:
            s = part.summary
            part.summary = Summary(s.sheet, s.header_cell, nko=s.nko) if s is not None and s.nko is not None else None
    return result


def _check_one(args: tuple) -> FileResult:
    """check_file over a tuple (path, settings, profile, keep_cells, output), for the process pool."""
    path, settings, profile, keep_cells, output = args
    result = check_file(path, settings, profile, output)
    if settings.compare and result.workbook is not None and not result.error:
        # the snapshot a comparison needs, so the cell values can go now (a small heap, small results)
        for part in result.units or [result]:  # a workbook of several units: one per unit
            part.submission = _snapshot(part, settings)
    return result if keep_cells else drop_cells(result)


def check(
    paths: Sequence[str | Path],
    settings: Settings | None = None,
    progress: Progress | None = None,
    *,
    keep_cells: bool = True,
    plan: outputs.OutputPlan | None = None,
) -> RunResult:
    """Check every workbook the PATH arguments name and write the outputs the settings ask for.

    Results come in input order. Raises UsageError when the command cannot run at all
    (unknown profile); an unreadable file is a FileResult with ``error`` instead.
    keep_cells=False gives results without cell values (see drop_cells), enough for the
    terminal, JSON and batch reports, and much cheaper with --jobs and big batches.
    plan: the output paths already taken (a watcher passes one plan for its whole session);
    no two inputs of a run share an output path, and no input or file not ours is overwritten.
    """
    settings = settings or Settings()
    files, folder = expand_paths(paths)
    files, skipped = outputs.skip_own_outputs(files)
    plan = plan if plan is not None else outputs.OutputPlan()
    profile = fixed_profile(settings)
    if settings.out_dir is not None and settings.annotate:
        try:
            settings.out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UsageError(f"--out {settings.out_dir}: {exc.strerror or exc}") from exc
    dsts: list[Path | None] = [None] * len(files)
    if settings.annotate:
        dsts = list(plan.checked_outputs(files, settings.out_dir))
    # Across submissions (issue 13): every file is read first, compared with the unit's earlier
    # submissions, and only then annotated, so its KX3xx findings reach every output.
    compare = _compares(settings, files)
    user_settings, user_dsts = settings, dsts
    settings, keep_cells, dsts = _first_pass(settings, keep_cells, dsts, compare)
    jobs = min(settings.jobs, len(files)) if files else 1
    results = _run_files(files, settings, profile, keep_cells, dsts, jobs, progress)
    settings = user_settings
    run = RunResult(files=results, settings=settings, skipped=skipped)
    _compare_and_write(run, settings, profile, user_dsts, compare=compare, jobs=jobs)
    if settings.annotate and (folder or len(files) > 1):
        _write_batch_summary(run, settings.out_dir or _common_folder(files), plan)
    return run


def _run_files(
    files: list[Path],
    settings: Settings,
    profile: Profile | None,
    keep_cells: bool,
    dsts: list[Path | None],
    jobs: int,
    progress: Progress | None,
) -> list[FileResult]:
    """Check each file (in worker processes with jobs > 1); results in input order."""
    results: list[FileResult | None] = [None] * len(files)
    if progress and files:
        progress(0, len(files), None)
    if jobs <= 1:
        for i, path in enumerate(files):
            results[i] = _check_one((path, settings, profile, keep_cells, dsts[i]))
            if progress:
                progress(i + 1, len(files), path)
        return [r for r in results if r is not None]
    from concurrent.futures import ProcessPoolExecutor, as_completed

    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_ignore_sigint)
    try:
        # gc paused: the parent only collects results, and collections over the growing
        # heap of unpickled results cost it nearly a core (a worker's share on 2 cores)
        with gc_paused():
            futures = {
                pool.submit(_check_one, (path, settings, profile, keep_cells, dsts[i])): i
                for i, path in enumerate(files)
            }
            for done, fut in enumerate(as_completed(futures), 1):
                i = futures[fut]
                try:
                    results[i] = fut.result()
                except Exception as exc:  # a worker died (killed, out of memory) or its result broke
                    results[i] = _unreadable_as(
                        files[i], "read-internal-checking", kind=type(exc).__name__, detail=str(exc)[:300]
                    )
                if progress:
                    progress(done, len(files), files[i])
    except BaseException:
        # Ctrl-C (or anything else): drop the queued files and stop the workers now
        _stop_pool(pool)
        raise
    pool.shutdown()
    return [r for r in results if r is not None]


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


def _compares(settings: Settings, files: list[Path]) -> bool:
    """Whether a run compares submissions: several inputs, or --history (which must be a folder)."""
    if settings.history is not None and not settings.history.is_dir():
        raise UsageError(f"--history {outputs.shown(settings.history)}: not a folder")
    return settings.history is not None or len(files) > 1


def _first_pass(
    settings: Settings, keep_cells: bool, dsts: list[Path | None], compare: bool
) -> tuple[Settings, bool, list[Path | None]]:
    """What the reading pass gets: when comparing, no annotated copy yet, and a snapshot of each file."""
    if not compare:
        return settings, keep_cells, dsts
    return dataclasses.replace(settings, annotate=False, compare=True), keep_cells, [None] * len(dsts)


def _compare_and_write(
    run: RunResult,
    settings: Settings,
    profile: Profile | None,
    dsts: list[Path | None],
    *,
    compare: bool,
    jobs: int,
) -> None:
    """Compare the run's files with each other and --history, then write their annotated copies."""
    if not compare:
        return
    _compare_submissions(run, settings, profile)
    if settings.annotate:
        _write_copies(run.files, dsts, settings, jobs)


def _compare_submissions(run: RunResult, settings: Settings, profile: Profile | None) -> None:
    """Add the KX3xx findings of comparing each input with its unit's earlier submissions (kinerja_xl.history)."""
    from kinerja_xl import history

    # one submission per input, or per unit of a workbook of several units (each compared with its own unit)
    inputs = [(fr, part) for fr in run.files if fr.workbook is not None and not fr.error for part in fr.units or [fr]]
    subs = [part.submission or _snapshot(part, settings) for _, part in inputs]
    if settings.history is not None:
        taken = {fr.path.resolve() for fr in run.files}
        subs += load_history(settings.history, settings, profile, exclude=taken)
    run.submissions = subs
    results = {id(sub): part for sub, (_, part) in zip(subs, inputs, strict=False)}
    for older, newer in history.comparisons(subs):
        if id(newer) in results:
            results[id(newer)].compared_with = older.path
    found_by_input = history.compare(subs)
    for i, sub in enumerate(subs[: len(inputs)]):
        if not unit_key(sub.unit):  # compared with nothing: said once (issue 22)
            found_by_input.setdefault(i, []).append(Finding("KX006"))
    for i, found in found_by_input.items():
        fr, part = inputs[i]
        kept = [f for f in found if settings.wants(f.code)]
        for f in kept:
            f.file = fr.path.name
        fr.findings = sorted(fr.findings + kept, key=lambda f: f.sort_key())
        if part is not fr:
            part.findings = sorted(part.findings + kept, key=lambda f: f.sort_key())


def _snapshot(fr: FileResult, settings: Settings, archived: bool = False) -> Any:
    """The history.Submission of a read file (its cell values must still be there)."""
    from kinerja_xl import history

    assert fr.workbook is not None
    try:
        mtime = fr.path.stat().st_mtime_ns
    except OSError:
        mtime = 0
    return history.snapshot(
        fr.workbook,
        fr.analysis,
        fr.profile,
        path=str(fr.path),
        mtime_ns=mtime,
        tolerance=settings.tolerance,
        archived=archived,
    )


# --history files already read, by (resolved path, size, mtime, settings that change the reading):
# a watcher reads its archive once, not at every file.
_HISTORY_CACHE: dict[tuple[Any, ...], Any] = {}


def load_history(
    folder: Path, settings: Settings, profile: Profile | None, exclude: Collection[Path] = ()
) -> list[Any]:
    """The submissions of the workbooks in ``folder`` (read and scored, never written); unreadable ones left out."""
    files, _ = expand_paths([folder])
    files, _ = outputs.skip_own_outputs(files)
    out, seen = [], set()
    reading = (settings.year, settings.profile, settings.tolerance, profile.name if profile else None)
    for path in files:
        try:
            st = path.stat()
            key = (path.resolve(), st.st_size, st.st_mtime_ns, reading)
        except OSError:
            continue
        if key[0] in exclude:
            continue
        seen.add(key)
        if key not in _HISTORY_CACHE:
            _HISTORY_CACHE[key] = _read_history_file(path, settings, profile)
        out.extend(_HISTORY_CACHE[key])
    # forget files of this folder that were moved, changed or deleted since (a long watch session)
    here = folder.resolve()
    for key in [k for k in _HISTORY_CACHE if k[0].parent == here and k not in seen]:
        del _HISTORY_CACHE[key]
    return out


def _read_history_file(path: Path, settings: Settings, profile: Profile | None) -> list[Any]:
    """The archived submissions of one file (one per unit of a workbook of several units), [] when
    it cannot be read (an archive may hold anything)."""
    from kinerja_xl import profiles, reader
    from kinerja_xl.analysis import analyse

    try:
        with gc_paused():
            wb = reader.read_workbook(path, settings)
            prof = profile or _with_tolerance(profiles.for_year(settings.year or wb.year), settings)
            return [
                _snapshot(
                    FileResult(path=path, workbook=part, profile=prof, analysis=analyse(part, prof)), settings, True
                )
                for part in wb.units or [wb]
            ]
    except Exception:
        return []


def _write_copies(results: list[FileResult], dsts: list[Path | None], settings: Settings, jobs: int = 1) -> None:
    """Write the annotated copy of every checked file (after the comparison added its findings).

    With jobs > 1 the copies are written in worker processes, like the reading pass (Ctrl-C stops them).
    """
    todo = [
        (fr, dst or outputs.OutputPlan().checked_outputs([fr.path], settings.out_dir)[0])
        for fr, dst in zip(results, dsts, strict=False)
        if fr.workbook is not None and not fr.error
    ]
    if jobs <= 1 or len(todo) < 2:
        for fr, dst in todo:
            _write_copy(fr, dst, settings)
        return
    from concurrent.futures import ProcessPoolExecutor, as_completed

    pool = ProcessPoolExecutor(max_workers=min(jobs, len(todo)), initializer=_ignore_sigint)
    try:
        with gc_paused():
            futures = {pool.submit(_write_one, (fr, dst, settings)): (fr, dst) for fr, dst in todo}
            for fut in as_completed(futures):
                fr, dst = futures[fut]
                try:
                    fr.output, fr.error, fr.error_texts, findings = fut.result()
                    # the KX030 findings the copy added; the others keep their identity (a unit's share them)
                    fr.findings += findings[len(fr.findings) :]
                    for part in fr.units:
                        part.output = fr.output
                except Exception as exc:  # a worker died (killed, out of memory)
                    _cannot_write(fr, dst, f"{type(exc).__name__}: {exc}"[:300])
    except BaseException:
        _stop_pool(pool)
        raise
    pool.shutdown()


def _write_one(args: tuple) -> tuple:
    """_write_copy in a worker: what the parent's result needs back (output, error, findings with KX030)."""
    fr, dst, settings = args
    _write_copy(fr, dst, settings)
    return fr.output, fr.error, fr.error_texts, fr.findings


def _ignore_sigint() -> None:
    """In a --jobs worker: Ctrl-C is for the parent, which stops the workers itself (SIGTERM):
    a stopped worker removes its unfinished temporary file and ends at once."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _stopped)


def _stopped(_signum: int, _frame: object) -> None:
    outputs.remove_pending()
    os._exit(143)


def _stop_pool(pool: Any) -> None:
    """Cancel every queued file and end the worker processes without waiting for running ones."""
    procs = list((getattr(pool, "_processes", None) or {}).values())  # no public API ends running workers
    thread = getattr(pool, "_executor_manager_thread", None)
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in procs:
        with contextlib.suppress(Exception):
            proc.terminate()
    for proc in procs:
        with contextlib.suppress(Exception):
            proc.join(timeout=5)
    with contextlib.suppress(Exception):
        pool.shutdown(wait=True)  # the pool's own thread sees the ended workers and stops
    # CPython's exit hook would wake that ended thread through its closed pipe and print
    # "Exception ignored ... Bad file descriptor" after a Ctrl-C: forget it, it is gone.
    with contextlib.suppress(Exception):
        from concurrent.futures import process

        process._threads_wakeups.pop(thread, None)


def _common_folder(files: list[Path]) -> Path:
    """The folder of the inputs: the first existing file's parent (the batch summary goes there)."""
    for p in files:
        if p.parent.is_dir():
            return p.parent
    return Path(os.getcwd())
