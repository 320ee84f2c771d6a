"""The comparison pass (issue 13): each input compared with its unit's other submissions of the
run and with --history, then its annotated copy written (after its KX3xx findings were added).

The --history files already read are kept in a HistoryCache its owner holds: a one-off run
makes a fresh one, a watcher keeps one for its whole session (it reads its archive once).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path

from kinerja_xl import outputs
from kinerja_xl.config import Settings
from kinerja_xl.findings import Finding
from kinerja_xl.history import Submission
from kinerja_xl.perf import gc_paused
from kinerja_xl.profiles import Profile
from kinerja_xl.results import FileResult, RunResult, UsageError
from kinerja_xl.run.inputs import collect, profile_for
from kinerja_xl.run.one_file import (
    CheckTask,
    WriteOutcome,
    WriteTask,
    cannot_write,
    resnapshot,
    snapshot,
    stop_if_interrupted,
    write_one,
)
from kinerja_xl.run.pool import run_ordered
from kinerja_xl.unitname import unit_key

# (resolved path, size, mtime, settings that change the reading)
_Key = tuple[Path, int, int, tuple[object, ...]]


def compares(settings: Settings, files: list[Path]) -> bool:
    """Whether a run compares submissions: several inputs, or --history (which must be a folder)."""
    if settings.history is not None and not settings.history.is_dir():
        raise UsageError(f"--history {outputs.shown(settings.history)}: not a folder")
    return settings.history is not None or len(files) > 1


class HistoryCache:
    """--history files already read (by path, size, mtime and the settings that change the reading)."""

    def __init__(self) -> None:
        self._read: dict[_Key, list[Submission]] = {}

    def load(
        self,
        folder: Path,
        settings: Settings,
        profile: Profile | None,
        exclude: Collection[Path] = (),
        jobs: int = 1,
    ) -> list[Submission]:
        """The submissions of the workbooks in ``folder`` (read and scored, never written); unreadable ones
        left out. Files not read yet are read in the run's pool with jobs > 1."""
        files = collect([folder]).files
        keyed: list[tuple[_Key, Path]] = []
        reading = (settings.year, settings.profile, settings.tolerance, profile.name if profile else None)
        for path in files:
            try:
                st = path.stat()
                key: _Key = (path.resolve(), st.st_size, st.st_mtime_ns, reading)
            except OSError:
                continue
            if key[0] not in exclude:
                keyed.append((key, path))
        todo = [(key, path) for key, path in keyed if key not in self._read]
        tasks = [HistoryTask(path, settings, profile) for _, path in todo]
        for (key, _), subs in zip(todo, run_ordered(read_history, tasks, jobs, _unread), strict=True):
            self._read[key] = subs
        seen = {key for key, _ in keyed}
        out = [sub for key, _ in keyed for sub in self._read[key]]
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
    jobs: int = 1,
) -> list[Submission]:
    """The submissions of the workbooks in ``folder`` (see HistoryCache.load; a fresh cache by default)."""
    return (cache if cache is not None else HistoryCache()).load(folder, settings, profile, exclude, jobs)


@dataclass(frozen=True)
class HistoryTask:
    """One --history file, as a worker reads it."""

    path: Path
    settings: Settings
    profile: Profile | None


def read_history(task: HistoryTask) -> list[Submission]:
    """read_history_file for the run's pool."""
    return read_history_file(task.path, task.settings, task.profile)


def _unread(_i: int, _kind: str, _detail: str) -> list[Submission]:
    return []  # a worker that died on an archived file: left out, like any unreadable one


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
    except Exception as exc:
        stop_if_interrupted(exc)
        return []


def compare_and_rewrite(
    run: RunResult,
    settings: Settings,
    profile: Profile | None,
    dsts: list[Path | None],
    *,
    jobs: int,
    archived: list[Submission] | None = None,
    later: Collection[int] = (),
    unsnapped: Mapping[int, list[object]] | None = None,
) -> None:
    """Compare the run's files with each other and --history (``archived``: its submissions, read already).

    The reading pass wrote the copy of each file whose unit and year it met first; the others
    (``later``) are written now, and a copy written already only when the comparison gave it findings.
    unsnapped: the files whose snapshot the reading pass did not keep, with their groups (see compare_submissions).
    """
    changed = compare_submissions(run, settings, profile, jobs=jobs, archived=archived, unsnapped=unsnapped)
    if settings.annotate and (changed or later):
        again = sorted(changed | set(later))
        for i in again:  # written again: the part-loss findings of the first write come back with it
            run.files[i].findings = [f for f in run.files[i].findings if f.code != "KX030"]
        write_copies([run.files[i] for i in again], [dsts[i] for i in again], settings, jobs)


def compare_submissions(
    run: RunResult,
    settings: Settings,
    profile: Profile | None,
    cache: HistoryCache | None = None,
    *,
    jobs: int = 1,
    archived: list[Submission] | None = None,
    unsnapped: Mapping[int, list[object]] | None = None,
) -> set[int]:
    """Add the KX3xx findings of comparing each input with its unit's earlier submissions
    (kinerja_xl.history); the indexes in run.files of the files that got findings.

    Only units with more than one submission (inputs and --history) are compared.
    unsnapped: index in run.files -> the group of each of its units, for files whose cell values went
    without a snapshot (check_one): such a file is checked again for its snapshot only when another
    submission has its unit and year; one alone is compared with nothing and left out of run.submissions.
    """
    from kinerja_xl import history

    index = {id(fr): i for i, fr in enumerate(run.files)}
    inputs, subs = _submissions(run, settings, profile, cache, jobs, archived, unsnapped or {})
    # a unit with one submission is compared with nothing: leave it out of the grouping
    count = Counter(s.group for s in subs)
    mine = [i for i, s in enumerate(subs) if s.group is None or count[s.group] > 1]
    compared = [subs[i] for i in mine]
    run.submissions = subs
    results = {id(subs[i]): inputs[i][1] for i in mine if i < len(inputs)}
    for older, newer in history.comparisons(compared):
        if id(newer) in results:
            results[id(newer)].compared_with = older.path
    found_by_input = {mine[j]: found for j, found in history.compare(compared).items()}
    for i, sub in enumerate(subs[: len(inputs)]):
        if not unit_key(sub.unit):  # compared with nothing: said once (issue 22)
            found_by_input.setdefault(i, []).append(Finding("KX006"))
    changed: set[int] = set()
    for i, found in found_by_input.items():
        if i >= len(inputs):
            continue  # an archived submission: never given findings
        fr, part, _ = inputs[i]
        kept = [f for f in found if settings.wants(f.code)]
        for f in kept:
            f.file = fr.path.name
        if not kept:
            continue
        fr.findings = sorted(fr.findings + kept, key=lambda f: f.sort_key())
        if part is not fr:
            part.findings = sorted(part.findings + kept, key=lambda f: f.sort_key())
        changed.add(index[id(fr)])
    return changed


_Input = tuple[FileResult, FileResult, int]  # (file's result, the unit's result, the unit's position)


def _submissions(
    run: RunResult,
    settings: Settings,
    profile: Profile | None,
    cache: HistoryCache | None,
    jobs: int,
    archived: list[Submission] | None,
    unsnapped: Mapping[int, list[object]],
) -> tuple[list[_Input], list[Submission]]:
    """The inputs a comparison covers and the submissions (theirs, in order, then --history's); see
    compare_submissions for ``unsnapped``."""
    index = {id(fr): i for i, fr in enumerate(run.files)}
    # one submission per input, or per unit of a workbook of several units (each compared with its own
    # unit); a copy that could not be written still has its submission: it is compared all the same
    inputs = [
        (fr, part, k)
        for i, fr in enumerate(run.files)
        if fr.workbook is not None and (not fr.error or (fr.units or [fr])[0].submission is not None or i in unsnapped)
        for k, part in enumerate(fr.units or [fr])
    ]
    got: list[Submission | None] = [
        None if part.submission is None and index[id(fr)] in unsnapped else part.submission or snapshot(part, settings)
        for fr, part, _ in inputs
    ]
    if archived is not None:
        got += archived
    elif settings.history is not None:
        taken = {fr.path.resolve() for fr in run.files}
        got += load_history(settings.history, settings, profile, exclude=taken, cache=cache, jobs=jobs)
    n_in = len(inputs)
    groups = [s.group if s is not None else unsnapped[index[id(inputs[j][0])]][inputs[j][2]] for j, s in enumerate(got)]
    count = Counter(groups)
    # a file without its snapshot whose unit and year another submission has: checked again for it
    again = sorted({index[id(inputs[j][0])] for j in range(n_in) if got[j] is None and count[groups[j]] > 1})
    if again:
        taken_again = _resnapshots([run.files[i] for i in again], settings, profile, jobs)
        for i, snaps in zip(again, taken_again, strict=True):
            for part, sub in zip(run.files[i].units or [run.files[i]], snaps or [], strict=False):
                part.submission = sub
        got[:n_in] = [part.submission if sub is None else sub for sub, (_, part, _) in zip(got, inputs, strict=False)]
    # a file left without a snapshot is alone in its unit and year: compared with nothing, left out
    kept_at = [j for j, sub in enumerate(got) if sub is not None]
    inputs = [inputs[j] for j in kept_at if j < n_in]
    subs = [sub for sub in got if sub is not None]
    return inputs, subs


def _resnapshots(
    results: list[FileResult], settings: Settings, profile: Profile | None, jobs: int
) -> list[list[Submission] | None]:
    """The snapshots of checked files whose cell values are gone (one_file.resnapshot), in the run's pool."""
    tasks = [CheckTask(fr.path, settings, profile, False, None) for fr in results]
    return run_ordered(resnapshot, tasks, min(jobs, len(tasks)), _not_snapped)


def _not_snapped(_i: int, _kind: str, _detail: str) -> list[Submission] | None:
    return None  # a worker that died on it: the file is compared with nothing


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
