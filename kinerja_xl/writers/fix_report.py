"""The terminal report of `kinerja-xl fix` (and --diff), and the fix line `check` ends with."""

from __future__ import annotations

import shlex

from rich.console import Console
from rich.text import Text

from kinerja_xl.findings import format_number
from kinerja_xl.messages import ui
from kinerja_xl.outputs import shown
from kinerja_xl.results import FileResult, RunResult
from kinerja_xl.writers.fixed import change_text, manual_reason


def diff_lines(fr: FileResult, lang: str = "id") -> list[str]:
    """Every change of one file: ``IKU!C8  KX101  201,68 -> 94,47`` (unsafe ones marked)."""
    plan = fr.fix_plan
    if plan is None:
        return []
    out = []
    for fx in plan.fixes:
        old, new = change_text(fx, lang)
        line = f"{fx.cell}  {fx.code}  {old} -> {new}"
        if not fx.safe:
            line += f"  ({ui('fx_safe_no', lang)})"
        out.append(line)
    return out


def manual_lines(fr: FileResult, lang: str = "id") -> list[str]:
    """What is left for a person: ``IKU!B35  KX202  <message> (<reason>)``."""
    plan = fr.fix_plan
    if plan is None:
        return []
    return [
        f"{f.cell or '-'}  {f.code}  {f.message(lang)} ({manual_reason(f, plan, lang)})"
        for f in plan.remaining
        if f.severity.rank >= 1
    ]


def render(run: RunResult, console: Console, lang: str, diff: bool) -> None:
    """Per file: the changes (with --diff every one of them), the NKO after the fixes, what is left by hand."""
    for fr in run.files:
        if fr.fix_plan is None:
            continue
        plan = fr.fix_plan
        name = shown(fr.path)  # the path as given, as check shows it: A/q4.xlsx and B/q4.xlsx stay apart
        console.rule(Text(name, style="bold"), align="left")
        if fr.error and not diff:  # planned, but the copy could not be written (full disk, read-only folder)
            console.print(Text(f"{name}: {ui('fx_not_written', lang)} ({fr.error_text(lang)})", style="bold red"))
            continue
        changes = diff_lines(fr, lang)
        if diff:
            for line in changes or [ui("fx_diff_none", lang)]:
                console.print(Text(line))
        for part, unit in zip(plan.units or [plan], [u.unit for u in fr.units] or [None], strict=False):
            nko = part.analysis.nko.get("Y")  # a workbook of several units: each unit's NKO
            console.print(Text(f"{ui('fx_nko', lang)} (Y){f' {unit}' if unit else ''}: {format_number(nko, lang)}"))
        manual = manual_lines(fr, lang)
        if manual:
            console.print(Text(f"{ui('fx_manual', lang)}:", style="bold"))
            for line in manual:
                console.print(Text(f"  {line}"))
        key = "fx_would" if diff else "fx_written"
        verdict = ui(key, lang).format(n=len(plan.fixes))
        verdict += ", " + ui("fx_left", lang).format(n=len(manual))
        if fr.output:
            verdict += f" -> {shown(fr.output)}"
        console.print(Text(f"{name}: {verdict}", style="bold" if manual else "green"))


def fixable_line(run: RunResult, lang: str = "id") -> str | None:
    """The line `check` ends with, like ruff's: ``29 temuan dapat diperbaiki otomatis: kinerja-xl fix q4.xlsx``."""
    from kinerja_xl.fixes import fixable_counts

    safe = unsafe = 0
    paths = []
    for fr in run.files:
        s, u = fixable_counts(fr.findings)
        safe, unsafe = safe + s, unsafe + u
        if s or u:
            paths.append(shlex.quote(str(fr.path)))
    if not safe and not unsafe:
        return None
    files = " ".join(paths[:3]) + (" ..." if len(paths) > 3 else "")
    if not safe:
        return ui("fx_fixable", lang).format(n=unsafe, cmd=f"kinerja-xl fix --unsafe-fixes {files}")
    line = ui("fx_fixable", lang).format(n=safe, cmd=f"kinerja-xl fix {files}")
    if unsafe:
        line += f" ({ui('fx_fixable_unsafe', lang).format(n=unsafe)})"
    return line


def relabelled_line(fr: FileResult, lang: str = "id") -> str | None:
    """With KX021: the NKO the workbook would have with the Pol/KP labels corrected, beside the current one."""
    alt = getattr(fr, "nko_relabelled", None)
    if not alt or fr.analysis is None:
        return None
    period = "Y" if alt.get("Y") is not None else (fr.workbook.period if fr.workbook else None) or "Y"
    return ui("fx_nko_relabelled", lang).format(
        period=period, nko=format_number(alt.get(period), lang), now=format_number(fr.analysis.nko.get(period), lang)
    )
