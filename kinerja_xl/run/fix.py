"""``fix``: fix(paths, settings) -> RunResult. No printing here.

Each input is checked as by check (without its annotated copy), its fixes are planned
(fixes.plan) and, unless ``diff``, the corrected copy ``<name>.fixed.xlsx`` is written by patching
the original package (writers/fixed.py). Every FileResult keeps its ``fix_plan``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from kinerja_xl import outputs
from kinerja_xl.config import Settings
from kinerja_xl.results import FileResult, Progress, RunResult
from kinerja_xl.run.inputs import Inputs, collect, fixed_profile, make_out_dir
from kinerja_xl.run.one_file import FixTask, fix_file, fix_one, worker_failed
from kinerja_xl.run.pool import run_ordered

KIND_FIXED = outputs.KIND_FIXED


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
    inputs = collect(paths)
    inputs.refuse_empty(settings.lang)
    own_plan = plan is None
    plan = plan if plan is not None else outputs.OutputPlan(exclusive=True)
    try:
        return _fix(inputs, settings, progress, unsafe, diff, plan)
    except KeyboardInterrupt:
        outputs.remove_pending()  # the claims and temporary files of this process, wherever a Ctrl-C left them
        raise
    finally:
        if own_plan:
            plan.release()


def _fix(
    inputs: Inputs,
    settings: Settings,
    progress: Progress | None,
    unsafe: bool,
    diff: bool,
    plan: outputs.OutputPlan,
) -> RunResult:
    files = inputs.files
    profile = fixed_profile(settings)
    dsts: list[Path | None] = [None] * len(files)
    if not diff:
        make_out_dir(settings)
        dsts = list(plan.outputs_for(files, settings.out_dir, KIND_FIXED))
    jobs = min(settings.jobs, len(files)) if files else 1
    if progress and files:
        progress(0, len(files), None)
    tasks = [FixTask(path, settings, profile, dsts[i], unsafe, diff) for i, path in enumerate(files)]

    def failed(i: int, kind: str, detail: str) -> FileResult:  # a worker died (killed, out of memory)
        return worker_failed(files[i], kind, detail)

    def done(n: int, i: int) -> None:
        if progress:
            progress(n, len(files), files[i])

    results = run_ordered(fix_one, tasks, jobs, failed, done)
    return RunResult(files=results, settings=settings, skipped=inputs.skipped)


def attach_fixed(run: RunResult, out_dir: Path | None, plan: outputs.OutputPlan | None = None) -> None:
    """Write the fixed copy of every readable file of a checked run beside its annotated copy
    (``FileResult.fixed``), for mail and watch ``--attach fixed``. Only safe fixes are applied."""
    readable = [fr for fr in run.files if not fr.error and fr.workbook is not None]
    own_plan = plan is None
    plan = plan if plan is not None else outputs.OutputPlan(exclusive=True)
    try:
        dsts = plan.outputs_for([fr.path for fr in readable], out_dir, KIND_FIXED)
        profile = fixed_profile(run.settings)
        for fr, dst in zip(readable, dsts, strict=True):
            fr.fixed = fix_file(fr.path, run.settings, profile, dst)
    finally:
        if own_plan:
            plan.release()


def exit_code(run: RunResult) -> int:
    """2 a file could not be read or written; 1 findings (error or warning) remain that no fix covers; else 0."""
    if any(fr.error for fr in run.files):
        return 2
    for fr in run.files:
        remaining = fr.fix_plan.remaining if fr.fix_plan is not None else fr.findings
        if any(f.severity.rank >= 1 for f in remaining):
            return 1
    return 0
