"""One workbook: read, analyse, check, plan its fixes, write its annotated or fixed copy.

Every function here works on one file and never raises for a bad file: the file's result
carries the reason (KX001 for a file that cannot be read, ``error`` for a copy not written).
"""

from __future__ import annotations

import dataclasses
import glob
from dataclasses import dataclass
from pathlib import Path

from kinerja_xl import outputs
from kinerja_xl.claims import file_stamp
from kinerja_xl.config import Settings
from kinerja_xl.findings import Finding
from kinerja_xl.history import Submission
from kinerja_xl.messages.reasons import LocalizedReason
from kinerja_xl.packed import pack_scores, unpack_scores
from kinerja_xl.perf import gc_paused
from kinerja_xl.profiles import Profile
from kinerja_xl.results import FileResult
from kinerja_xl.run.inputs import profile_for
from kinerja_xl.run.pool import WORKER_DIED, ask


def unreadable(path: Path, reason: str, texts: dict[str, str] | None = None) -> FileResult:
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


def unreadable_as(path: Path, key: str, **values: object) -> FileResult:
    """unreadable with a KX001 reason from the message catalogue (messages.PHRASES)."""
    from kinerja_xl.messages import reason_texts

    texts = reason_texts(key, **values)
    return unreadable(path, texts["en"], texts)


def worker_failed(path: Path, kind: str, detail: str) -> FileResult:
    """The result of a file whose --jobs worker raised or died (pool.run_ordered's on_error): one line."""
    if kind == WORKER_DIED:
        return unreadable_as(path, "run-worker-died", detail=detail)
    return unreadable_as(path, "read-internal-checking", kind=kind, detail=detail[:300])


def stop_if_interrupted(exc: BaseException) -> None:
    """Raise KeyboardInterrupt when ``exc`` carries one: a Ctrl-C that came while Python built a class
    (an import) arrives wrapped in a RuntimeError, which a file's guard must not take for the file's
    own failure (the run would go on and exit 2 instead of stopping at once)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, KeyboardInterrupt):
            raise KeyboardInterrupt from exc
        current = current.__cause__ or current.__context__


def check_file(
    path: Path,
    settings: Settings,
    profile: Profile | None = None,
    output: Path | None = None,
    *,
    plan_fixes: bool = True,
) -> FileResult:
    """Read, analyse and check one file, and write its annotated copy unless settings say not to.

    output: where the annotated copy goes (a run plans it, see outputs.OutputPlan); by default
    the plain name, or the next free ``-N`` name when that is an input or a file not ours.
    plan_fixes: give each finding its fix (False: the caller plans the fixes itself, as `fix` does).
    """
    with gc_paused():
        try:
            return _check_file(path, settings, profile, output, plan_fixes)
        except Exception as exc:
            stop_if_interrupted(exc)
            # the guard: a file that fails for any unexpected reason is that file's KX001, never a traceback
            return unreadable_as(path, "read-internal-checking", kind=type(exc).__name__, detail=str(exc)[:300])


def _check_file(
    path: Path, settings: Settings, profile: Profile | None, output: Path | None, plan_fixes: bool = True
) -> FileResult:
    from kinerja_xl import reader

    if not path.exists():
        return unreadable_as(path, "read-no-match" if glob.has_magic(str(path)) else "read-not-found")
    if path.is_dir():
        return unreadable_as(path, "read-is-folder")
    try:
        wb = reader.read_workbook(path, settings)
    except reader.ReadError as exc:
        return unreadable(path, str(exc), exc.texts)
    except Exception as exc:
        stop_if_interrupted(exc)
        return unreadable_as(path, "read-internal-reading", kind=type(exc).__name__, detail=str(exc))
    if profile is None:
        profile = profile_for(wb.year, settings)
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
        stop_if_interrupted(exc)
        return unreadable_as(path, "read-internal-checking", kind=type(exc).__name__, detail=str(exc))
    kept = [f for f in found if settings.wants(f.code)]
    for f in kept:
        f.file = path.name
    result.findings = sorted(kept, key=lambda f: f.sort_key())
    if result.units:
        wanted = {id(f) for f in kept}
        for part in result.units:
            part.findings = sorted((f for f in part.findings if id(f) in wanted), key=lambda f: f.sort_key())
    _plan_fixes(result, settings, plan_fixes)
    if settings.annotate:
        write_copy(result, output or outputs.OutputPlan().checked_outputs([path], settings.out_dir)[0], settings)
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


def _plan_fixes(result: FileResult, settings: Settings, wanted: bool = True) -> None:
    """Give each finding its fix (``Finding.fix``) and the NKO with corrected labels (kinerja_xl/fixes/).

    A failure here never costs the check: the findings simply carry no fix. ``wanted`` False: the
    caller plans the fixes itself (`fix`).
    """
    from kinerja_xl import fixes

    if not wanted:
        return

    for part in result.units or [result]:  # a workbook of several units: each unit's own plan
        wb, profile, analysis = part.workbook, part.profile, part.analysis
        if wb is None or profile is None or analysis is None:
            continue
        try:
            fix_plan = fixes.plan(wb, profile, settings, checked=(analysis, part.findings), rounds=1)
            fixes.attach(part.findings, fix_plan, wb, profile)
            part.nko_relabelled = fixes.relabelled_nko(wb, part.findings, profile)
        except Exception as exc:  # a fix is an extra; the findings stand without it
            stop_if_interrupted(exc)
            for f in part.findings:
                f.fix = None


def write_copy(result: FileResult, dst: Path, settings: Settings) -> None:
    """Write the annotated copy; a failure (full disk, no permission, a package we cannot write)
    makes the file's result an error with one line naming the output, and nothing half-written."""
    from kinerja_xl.writers.annotate import write_annotated

    try:
        dst.parent.mkdir(parents=True, exist_ok=True)
        result.output = write_annotated(result, dst, settings.lang)
        for part in result.units:
            part.output = result.output  # each unit's data is in the file's copy
    except OSError as exc:
        cannot_write(result, dst, exc.strerror or str(exc))
    except Exception as exc:  # e.g. the output would overwrite the input, or an unexpected package
        stop_if_interrupted(exc)
        cannot_write(result, dst, f"{type(exc).__name__}: {exc}" if not isinstance(exc, ValueError) else str(exc))


def cannot_write(result: FileResult, dst: Path, detail: str | LocalizedReason) -> None:
    """Make ``result`` an error: its copy ``dst`` could not be written (one line, both languages;
    a detail that is a LocalizedReason is worded in each)."""
    from kinerja_xl.messages import reason_texts

    shown = detail if isinstance(detail, LocalizedReason) else outputs.shown(detail)[:300]
    texts = reason_texts("write-failed", path=outputs.shown(dst), detail=shown)
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


def drop_scores(result: FileResult) -> FileResult:
    """After drop_cells: drop the per-IKU scores and the IKU no report names, in place; return it.

    The terminal and the batch summary need each file's NKO, predikat, assumptions and findings,
    and of its IKU only those a finding names (a report's IKU heading) or with a Seksi (the batch
    summary's Seksi column): the rest of the analysis (each IKU's scores, NSS, Np) is most of what a
    big batch holds per file. ``scores_dropped`` says so: a copy written again checks the file again.
    """
    for part in [result, *result.units]:
        an = part.analysis
        if an is not None:
            an.ikus, an.nss, an.np = [], {}, {}
            an.ss_names, an.ss_perspective, an.perspective_weights = {}, {}, {}
    wb = result.workbook
    if wb is not None:
        named = {f.iku for f in result.findings if f.iku}
        keep = {id(i) for i in wb.ikus if (i.code or i.name) in named or i.meta.seksi}
        for part_wb in [wb, *wb.units]:
            part_wb.ikus = [i for i in part_wb.ikus if id(i) in keep]
    stamp = file_stamp(result.path)
    for part in [result, *result.units]:
        part.scores_dropped, part.read_stamp = True, stamp
    return result


def snapshot(fr: FileResult, settings: Settings, archived: bool = False) -> Submission:
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


@dataclass(frozen=True)
class CheckTask:
    """One file of a check run, as a worker gets it."""

    path: Path
    settings: Settings
    profile: Profile | None
    keep_cells: bool
    output: Path | None
    keep_scores: bool = True  # False: the per-IKU scores go too once the copy is written (drop_scores)


def check_one(task: CheckTask) -> FileResult:
    """check_file for the run's pool. With settings.compare, its copy is written now only when the
    run says so (pool.ask with its units and year: answered True for units not seen before),
    otherwise after the comparison; the snapshot a comparison needs is taken before the cell values
    go (keep_cells False). A file written now (or not written, --no-annotate) whose cell values go
    sends no snapshot back: the run takes it again (``resnapshot``) only if another file of its unit
    and year turns up. A snapshot is ~175 KB in memory: a folder's memory does not grow with them."""
    settings = task.settings
    later = settings.compare and settings.annotate
    if later:
        result = check_file(task.path, dataclasses.replace(settings, annotate=False), task.profile)
    else:
        result = check_file(task.path, settings, task.profile, task.output)
    if later and result.workbook is None:
        pass
    elif later:
        parts = result.units or [result]  # a workbook of several units: one snapshot per unit
        answer = ask(unit_groups(parts))
        if answer is not True or task.keep_cells:
            # the snapshot a comparison needs, so the cell values can go now (a small heap, small results)
            for part in parts:
                part.submission = snapshot(part, settings)
        if answer is not False:
            write_copy(result, task.output or _plain_output(task.path, settings), settings)
    elif settings.compare and result.workbook is not None:
        # no copy (--no-annotate): the snapshot only for a unit and year the run has met already, as above
        parts = result.units or [result]
        if task.keep_cells or ask(unit_groups(parts)) is not True:
            for part in parts:
                part.submission = snapshot(part, settings)
    return result if task.keep_cells else _lightened(result, task)


def _lightened(result: FileResult, task: CheckTask) -> FileResult:
    """A result as a big run holds it: without cell values, and its per-IKU scores dropped (or packed
    for JSON: ~95 KB of objects a file, ~4 KB packed), unless its copy is still to be written."""
    drop_cells(result)
    if result.output is None and task.settings.annotate:
        return result  # a copy still to write (after the comparison) needs its scores as they are
    return pack_scores(result) if task.keep_scores else drop_scores(result)


def unit_groups(parts: list[FileResult]) -> list[object]:
    """The (unit, year) of each part's workbook as its snapshot would give it (history.Submission.group)."""
    return [
        Submission(path="", unit=p.workbook.unit, year=p.workbook.year, period=None, mtime_ns=0).group
        for p in parts
        if p.workbook is not None
    ]


def resnapshot(task: CheckTask) -> list[Submission] | None:
    """The snapshots of a file checked already whose cell values are gone (one per unit), taken by
    checking it again as its first check did; None when it cannot be read now."""
    result = check_file(task.path, dataclasses.replace(task.settings, annotate=False), task.profile)
    if result.workbook is None:
        return None
    return [snapshot(part, task.settings) for part in result.units or [result]]


def _plain_output(path: Path, settings: Settings) -> Path:
    return outputs.OutputPlan().checked_outputs([path], settings.out_dir)[0]


@dataclass(frozen=True)
class WriteTask:
    """The annotated copy of a checked file, written after the comparison pass."""

    result: FileResult
    output: Path
    settings: Settings


WriteOutcome = tuple[Path | None, str | None, dict[str, str] | None, list[Finding]]


def write_one(task: WriteTask) -> WriteOutcome:
    """write_copy for the run's pool: what the parent's result needs back (output, error, findings with KX030)."""
    fr = task.result
    unpack_scores(fr)  # a copy written again after the comparison (packed by check_one)
    if fr.scores_dropped and not _scores_again(fr, task.settings):
        cannot_write(fr, task.output, LocalizedReason.of("run-reread-failed"))
    else:
        write_copy(fr, task.output, task.settings)
    return fr.output, fr.error, fr.error_texts, fr.findings


def _scores_again(fr: FileResult, settings: Settings) -> bool:
    """The analysis and IKU of a result whose scores went (drop_scores), from checking its file again;
    False when it changed since the run read it (another size or time, or another NKO) or cannot be
    read now. Its findings stay those of the run (the comparison's among them)."""
    if fr.read_stamp is None or file_stamp(fr.path) != fr.read_stamp:
        return False
    again = check_file(fr.path, dataclasses.replace(settings, annotate=False), fr.profile, plan_fixes=False)
    if again.workbook is None or len(again.units) != len(fr.units):
        return False
    pairs = list(zip([fr, *fr.units], [again, *again.units], strict=True))
    if any((p.analysis and p.analysis.nko) != (f.analysis and f.analysis.nko) for p, f in pairs):
        return False
    for part, fresh in pairs:
        part.analysis, part.workbook, part.scores_dropped = fresh.analysis, fresh.workbook, False
    return True


def fix_file(
    path: Path,
    settings: Settings,
    profile: Profile | None = None,
    output: Path | None = None,
    *,
    unsafe: bool = False,
    diff: bool = False,
) -> FileResult:
    """Check one file, plan its fixes and (unless ``diff``) write its fixed copy to ``output``."""
    with gc_paused():  # as check_file: many small acyclic objects (see perf.gc_paused)
        return _fix_file(path, settings, profile, output, unsafe=unsafe, diff=diff)


def _fix_file(
    path: Path,
    settings: Settings,
    profile: Profile | None = None,
    output: Path | None = None,
    *,
    unsafe: bool = False,
    diff: bool = False,
) -> FileResult:
    from kinerja_xl import fixes

    checked = dataclasses.replace(settings, annotate=False)
    result = check_file(path, checked, profile, plan_fixes=False)  # the plan below gives each finding its fix
    if result.error or result.workbook is None or result.profile is None:
        return result
    try:
        checked_already = (result.analysis, result.findings) if result.analysis is not None else None
        if result.units:  # a workbook of several units: each unit's fixes from its own table
            done = [(u.analysis, u.findings) for u in result.units if u.analysis is not None]
            own = {id(f) for u in result.units for f in u.findings}
            whole = [f for f in result.findings if id(f) not in own]
            result.fix_plan = fixes.plan_units(result.workbook, result.profile, settings, done, whole, unsafe=unsafe)
        else:
            result.fix_plan = fixes.plan(
                result.workbook, result.profile, settings, unsafe=unsafe, checked=checked_already
            )
        _attach_plan(result)
    except Exception as exc:  # one file's failure must not stop a batch
        stop_if_interrupted(exc)
        result.error = f"cannot plan fixes: {type(exc).__name__}: {exc}"
        return result
    if diff or output is None:
        return result
    from kinerja_xl.writers.annotate import write_fixed

    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        result.output = write_fixed(result, output, settings.lang)
    except OSError as exc:
        cannot_write(result, output, exc.strerror or str(exc))
    except LocalizedReason as exc:  # a package we cannot patch
        cannot_write(result, output, exc)
    except Exception as exc:  # the output would overwrite the input, or something unexpected
        stop_if_interrupted(exc)
        cannot_write(result, output, str(exc) if isinstance(exc, ValueError) else f"{type(exc).__name__}: {exc}")
    return result


def _attach_plan(result: FileResult) -> None:
    """Each finding's fix and the NKO with corrected labels from the file's plan (each unit's own)."""
    from kinerja_xl import fixes

    plan = result.fix_plan
    assert plan is not None and result.profile is not None
    pairs = list(zip(result.units, plan.units, strict=True)) if result.units and plan.units else [(result, plan)]
    for part, part_plan in pairs:
        if part.workbook is None:
            continue
        fixes.attach(part.findings, part_plan, part.workbook, result.profile)
        part.nko_relabelled = fixes.relabelled_nko(part.workbook, part.findings, result.profile)


@dataclass(frozen=True)
class FixTask:
    """One file of a fix run, as a worker gets it."""

    path: Path
    settings: Settings
    profile: Profile | None
    output: Path | None
    unsafe: bool
    diff: bool


def fix_one(task: FixTask) -> FileResult:
    """fix_file for the run's pool."""
    return fix_file(task.path, task.settings, task.profile, task.output, unsafe=task.unsafe, diff=task.diff)
