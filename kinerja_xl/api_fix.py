"""The library surface of `kinerja-xl fix`: fix(paths, settings) -> RunResult. No printing here.

Each input is checked as by api.check (without its annotated copy), its fixes are planned
(fixes.plan) and, unless ``diff``, the corrected copy ``<name>.fixed.xlsx`` is written by patching
the original package (writers/fixed.py). Every FileResult keeps its ``fix_plan``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

from kinerja_xl import api, outputs
from kinerja_xl.api import FileResult, Progress, RunResult, UsageError
from kinerja_xl.config import Settings

KIND_FIXED = outputs.KIND_FIXED


def fix_file(
    path: Path,
    settings: Settings,
    profile=None,
    output: Path | None = None,
    *,
    unsafe: bool = False,
    diff: bool = False,
) -> FileResult:
    """Check one file, plan its fixes and (unless ``diff``) write its fixed copy to ``output``."""
    from kinerja_xl import fixes

    checked = dataclasses.replace(settings, annotate=False)
    result = api.check_file(path, checked, profile)
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
    except Exception as exc:  # one file's failure must not stop a batch
        result.error = f"cannot plan fixes: {type(exc).__name__}: {exc}"
        return result
    if diff or output is None:
        return result
    from kinerja_xl.writers.annotate import write_fixed

    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        result.output = write_fixed(result, output, settings.lang)
    except OSError as exc:
        api._cannot_write(result, output, exc.strerror or str(exc))
    except ValueError as exc:  # the output would overwrite the input, or a package we cannot patch
        api._cannot_write(result, output, str(exc))
    return result


def _fix_one(args: tuple) -> FileResult:
    path, settings, profile, output, unsafe, diff = args
    return fix_file(path, settings, profile, output, unsafe=unsafe, diff=diff)


def fix(
    paths: Sequence[str | Path],
    settings: Settings | None = None,
    progress: Progress | None = None,
    *,
    unsafe: bool = False,
    diff: bool = False,
    plan: outputs.OutputPlan | None = None,
) -> RunResult:
    """Fix every workbook the PATH arguments name (same PATH rules as check); results in input order.

    Raises UsageError when the command cannot run at all (unknown profile, unusable --out).
    """
    settings = settings or Settings()
    files, _folder = api.expand_paths(list(paths))
    files, skipped = outputs.skip_own_outputs(files)
    plan = plan if plan is not None else outputs.OutputPlan()
    profile = api.fixed_profile(settings)
    dsts: list[Path | None] = [None] * len(files)
    if not diff:
        if settings.out_dir is not None:
            try:
                settings.out_dir.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise UsageError(f"--out {settings.out_dir}: {exc.strerror or exc}") from exc
        dsts = list(plan.outputs_for(files, settings.out_dir, KIND_FIXED))
    jobs = min(settings.jobs, len(files)) if files else 1
    results: list[FileResult | None] = [None] * len(files)
    if progress and files:
        progress(0, len(files), None)
    args = [(path, settings, profile, dsts[i], unsafe, diff) for i, path in enumerate(files)]
    if jobs <= 1:
        for i, a in enumerate(args):
            results[i] = _fix_one(a)
            if progress:
                progress(i + 1, len(files), files[i])
    else:
        from concurrent.futures import ProcessPoolExecutor, as_completed

        with api.gc_paused(), ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = {pool.submit(_fix_one, a): i for i, a in enumerate(args)}
            for done, fut in enumerate(as_completed(futures), 1):
                i = futures[fut]
                results[i] = fut.result()
                if progress:
                    progress(done, len(files), files[i])
    return RunResult(files=[r for r in results if r is not None], settings=settings, skipped=skipped)


def attach_fixed(run: RunResult, out_dir: Path | None, plan: outputs.OutputPlan | None = None) -> None:
    """Write the fixed copy of every readable file of a checked run beside its annotated copy
    (``FileResult.fixed``), for mail and watch ``--attach fixed``. Only safe fixes are applied."""
    readable = [fr for fr in run.files if not fr.error and fr.workbook is not None]
    plan = plan if plan is not None else outputs.OutputPlan()
    dsts = plan.outputs_for([fr.path for fr in readable], out_dir, KIND_FIXED)
    profile = api.fixed_profile(run.settings)
    for fr, dst in zip(readable, dsts, strict=True):
        fr.fixed = fix_file(fr.path, run.settings, profile, dst)


def exit_code(run: RunResult) -> int:
    """2 a file could not be read or written; 1 findings (error or warning) remain that no fix covers; else 0."""
    if any(fr.error for fr in run.files):
        return 2
    for fr in run.files:
        remaining = fr.fix_plan.remaining if fr.fix_plan is not None else fr.findings
        if any(f.severity.rank >= 1 for f in remaining):
            return 1
    return 0
