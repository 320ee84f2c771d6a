"""The comparison pass (issue 13): each input compared with its unit's other submissions of the
run and with --history, then its annotated copy written (after its KX3xx findings were added).

The --history files already read are kept in a HistoryCache its owner holds: a one-off run
makes a fresh one, a watcher keeps one for its whole session (it reads its archive once).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection
from pathlib import Path

from kinerja_xl import outputs
from kinerja_xl.config import Settings
from kinerja_xl.findings import Finding
from kinerja_xl.history import Submission
from kinerja_xl.perf import gc_paused
from kinerja_xl.profiles import Profile
from kinerja_xl.results import FileResult, RunResult, UsageError
from kinerja_xl.run.inputs import collect, profile_for
from kinerja_xl.run.one_file import WriteOutcome, WriteTask, cannot_write, snapshot, write_one
from kinerja_xl.run.pool import run_ordered
from kinerja_xl.unitname import unit_key

# (resolved path, size, mtime, settings that change the reading)
_Key = tuple[Path, int, int, tuple[object, ...]]


def compares(settings: Settings, files: list[Path]) -> bool:
    """Whether a run compares submissions: several inputs, or --history (which must be a folder)."""
    if settings.history is not None and not settings.history.is_dir():
        raise UsageError(f"--history {outputs.shown(settings.history)}: not a folder")
    return settings.history is not None or len(files) > 1


def reading_settings(settings: Settings, dsts: list[Path | None], compare: bool) -> tuple[Settings, list[Path | None]]:
    """What the reading pass gets: when comparing, no annotated copy yet, and a snapshot of each file."""
    if not compare:
        return settings, dsts
    return dataclasses.replace(settings, annotate=False, compare=True), [None] * len(dsts)


class HistoryCache:
    """--history files already read (by path, size, mtime and the settings that change the reading)."""

    def __init__(self) -> None:
        self._read: dict[_Key, list[Submission]] = {}

    def load(
        self, folder: Path, settings: Settings, profile: Profile | None, exclude: Collection[Path] = ()
    ) -> list[Submission]:
        """The submissions of the workbooks in ``folder`` (read and scored, never written); unreadable ones left out."""
        files = collect([folder]).files
        out: list[Submission] = []
        seen: set[_Key] = set()
        reading = (settings.year, settings.profile, settings.tolerance, profile.name if profile else None)
        for path in files:
            try:
                st = path.stat()
                key: _Key = (path.resolve(), st.st_size, st.st_mtime_ns, reading)
            except OSError:
                continue
            if key[0] in exclude:
                continue
            seen.add(key)
            if key not in self._read:
                self._read[key] = read_history_file(path, settings, profile)
            out.extend(self._read[key])
        # forget files of this folder that were moved, changed or deleted since (a long watch session)
        here = folder.resolve()
        for key in [k for k in self._read if k[0].parent == here and k not in seen]:
            del self._read[key]
        return out


def load_history(
    folder: Path,
    settings: Settings,
    profile: Profile | None,
    exclude: Collection[Path] = (),
    cache: HistoryCache | None = None,
) -> list[Submission]:
    """The submissions of the workbooks in ``folder`` (see HistoryCache.load; a fresh cache by default)."""
    return (cache if cache is not None else HistoryCache()).load(folder, settings, profile, exclude)


def read_history_file(path: Path, settings: Settings, profile: Profile | None) -> list[Submission]:
    """The archived submissions of one file (one per unit of a workbook of several units), [] when
    it cannot be read (an archive may hold anything)."""
    from kinerja_xl import reader
    from kinerja_xl.analysis import analyse

    try:
        with gc_paused():
            wb = reader.read_workbook(path, settings)
            prof = profile or profile_for(wb.year, settings)
            parts = [
                FileResult(path=path, workbook=p, profile=prof, analysis=analyse(p, prof)) for p in wb.units or [wb]
            ]
            return [snapshot(part, settings, archived=True) for part in parts]
    except Exception:
        return []


def compare_and_write(
    run: RunResult,
    settings: Settings,
    profile: Profile | None,
    dsts: list[Path | None],
    *,
    jobs: int,
    cache: HistoryCache | None = None,
) -> None:
    """Compare the run's files with each other and --history, then write their annotated copies."""
    compare_submissions(run, settings, profile, cache)
    if settings.annotate:
        write_copies(run.files, dsts, settings, jobs)


def compare_submissions(
    run: RunResult, settings: Settings, profile: Profile | None, cache: HistoryCache | None = None
) -> None:
    """Add the KX3xx findings of comparing each input with its unit's earlier submissions (kinerja_xl.history)."""
    from kinerja_xl import history

    # one submission per input, or per unit of a workbook of several units (each compared with its own unit)
    inputs = [(fr, part) for fr in run.files if fr.workbook is not None and not fr.error for part in fr.units or [fr]]
    subs = [part.submission or snapshot(part, settings) for _, part in inputs]
    if settings.history is not None:
        taken = {fr.path.resolve() for fr in run.files}
        subs += load_history(settings.history, settings, profile, exclude=taken, cache=cache)
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


def write_copies(results: list[FileResult], dsts: list[Path | None], settings: Settings, jobs: int = 1) -> None:
    """Write the annotated copy of every checked file (after the comparison added its findings).

    With jobs > 1 the copies are written in the run's pool, like the reading pass (Ctrl-C stops them).
    """
    todo = [
        WriteTask(fr, dst or outputs.OutputPlan().checked_outputs([fr.path], settings.out_dir)[0], settings)
        for fr, dst in zip(results, dsts, strict=False)
        if fr.workbook is not None and not fr.error
    ]
    if jobs <= 1 or len(todo) < 2:
        for task in todo:
            write_one(task)
        return

    def failed(i: int, kind: str, detail: str) -> WriteOutcome:  # a worker died (killed, out of memory)
        fr = todo[i].result
        cannot_write(fr, todo[i].output, f"{kind}: {detail}"[:300])
        return fr.output, fr.error, fr.error_texts, fr.findings

    outcomes = run_ordered(write_one, todo, min(jobs, len(todo)), failed)
    for task, (output, error, texts, findings) in zip(todo, outcomes, strict=True):
        fr = task.result
        fr.output, fr.error, fr.error_texts = output, error, texts
        # the KX030 findings the copy added; the others keep their identity (a unit's findings share them)
        fr.findings += findings[len(fr.findings) :]
        for part in fr.units:
            part.output = fr.output
