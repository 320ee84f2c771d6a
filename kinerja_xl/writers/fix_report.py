"""The terminal report of `kinerja-xl fix` (and --diff), and the fix line `check` ends with."""

from __future__ import annotations

import shlex
from typing import TYPE_CHECKING

from kinerja_xl.findings import format_number
from kinerja_xl.fixes import FixPlan
from kinerja_xl.messages import ui
from kinerja_xl.outputs import shown
from kinerja_xl.results import FileResult, RunResult
from kinerja_xl.writers.fixed import change_text, manual_reason

if TYPE_CHECKING:  # rich is imported by render only: `check` ends with fixable_line, no rich needed
    from rich.console import Console


def diff_lines(fr: FileResult, lang: str = "id") -> list[str]:
    """Every change of one file in aligned columns: cell, code, IKU, period, old -> new (unsafe ones
    marked); a number stored as text reads ``teks '7,36' -> angka 7,36``."""
    plan = fr.fix_plan
    if plan is None:
        return []
    rows: list[tuple[str, str, str, str, str, str, bool]] = []
    for fx in plan.fixes:
        old, new = change_text(fx, lang)
        if isinstance(fx.old, str) and fx.is_number and not fx.formula:
            old, new = f"{ui('fx_text', lang)} '{fx.old}'", f"{ui('fx_number', lang)} {new}"
        rows.append((str(fx.cell), fx.code, fx.iku or "-", fx.period or "-", old, new, fx.safe))
    widths = [max((len(str(r[i])) for r in rows), default=0) for i in range(5)]
    out = []
    for cell, code, iku, period, old, new, safe in rows:
        line = f"{cell:<{widths[0]}}  {code:<{widths[1]}}  {iku:<{widths[2]}}  {period:<{widths[3]}}  "
        line += f"{old:>{widths[4]}} -> {new}"
        if not safe:
            line += f"  ({ui('fx_safe_no', lang)})"
        out.append(line)
    return out


def nko_lines(fr: FileResult, lang: str = "id") -> list[str]:
    """``NKO Y 115,67 -> 100,87 (predikat tetap Istimewa)``: the NKO written, after the fixes, and the
    predikat; a workbook of several units gives one line per unit, named."""
    plan = fr.fix_plan
    assert plan is not None
    if plan.units and fr.units:
        return [
            f"{u.workbook.unit if u.workbook and u.workbook.unit else '-'}: {_nko_line(u, part, lang)}"
            for u, part in zip(fr.units, plan.units, strict=False)
        ]
    return [_nko_line(fr, plan, lang)]


def _nko_line(fr: FileResult, plan: FixPlan, lang: str) -> str:
    from kinerja_xl import scoring
    from kinerja_xl.headline import written_nko

    after = plan.analysis.nko.get("Y")
    written = written_nko(fr).get("Y")
    if written is None:
        return f"{ui('fx_nko', lang)} (Y): {format_number(after, lang)}"
    profile = plan.analysis.profile
    before_p = scoring.predikat(written[0], profile) if profile is not None else None
    after_p = plan.analysis.predikat.get("Y")
    if before_p == after_p:
        change = ui("fx_predikat_same", lang).format(predikat=after_p or "-")
    else:
        change = ui("fx_predikat_changes", lang).format(before=before_p or "-", after=after_p or "-")
    return f"NKO Y {format_number(written[0], lang)} -> {format_number(after, lang)} ({change})"


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


def _wrapped(lines: list[str], width: int) -> list[str]:
    """Manual lines at ``width``: the cell and code columns aligned, the message wrapped under itself."""
    import textwrap

    parts = [line.split("  ", 2) for line in lines]
    w_cell = max((len(p[0]) for p in parts), default=0)
    out = []
    for p in parts:
        if len(p) < 3:
            out.append("  " + "  ".join(p))
            continue
        head = f"  {p[0]:<{w_cell}}  {p[1]}  "
        body = textwrap.wrap(p[2], max(width - len(head), 30)) or [""]
        out.append(head + body[0])
        out += [" " * len(head) + more for more in body[1:]]
    return out


def render(run: RunResult, console: Console, lang: str, diff: bool) -> None:
    """Per file: the changes (with --diff every one of them), the NKO after the fixes, what is left by hand."""
    from rich.text import Text

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
        manual = manual_lines(fr, lang)
        if manual:
            console.print(Text(f"{ui('fx_manual', lang)}:", style="bold"))
            for line in _wrapped(manual, console.width):
                console.print(Text(line), crop=False)
        key = "fx_would" if diff else "fx_written"
        verdict = ui(key, lang).format(n=len(plan.fixes))
        # cells fixed because another fix changed what they follow (a summary row after its block):
        # `check` counted the findings it saw, `fix` counts every cell it wrote
        seen = {f.cell for f in fr.findings if getattr(f, "fix", None) is not None}
        followers = sum(1 for fx in plan.fixes if fx.cell not in seen)
        if followers and fr.findings:
            verdict += " " + ui("fx_followers", lang).format(n=followers)
        verdict += ", " + ui("fx_left", lang).format(n=len(manual))
        if fr.output:
            verdict += f" -> {shown(fr.output)}"
        console.print(Text(f"{name}: {verdict}", style="bold" if manual else "green"))
        for line in nko_lines(fr, lang):  # the closing line: NKO and predikat (per unit for a recap)
            console.print(Text(line, style="bold"))


def fixable_line(run: RunResult, lang: str = "id") -> str | None:
    """The line `check` ends with, like ruff's: ``29 temuan dapat diperbaiki otomatis: kinerja-xl fix q4.xlsx``."""
    parts = fixable_parts(run, lang)
    return " ".join(x for x in parts if x) if parts else None


def fixable_parts(run: RunResult, lang: str = "id") -> tuple[str, str, str] | None:
    """fixable_line in three parts, for a terminal that breaks a long line between them:
    the count (``29 temuan dapat diperbaiki otomatis:``), the command, the aside (``(7 lagi ...)`` or "")."""
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
    folders = {fr.path.parent for fr in run.files}
    if len(run.files) > 1 and len(folders) == 1:  # a folder run: name the folder, as the user typed it
        files = shlex.quote(str(folders.pop())) + "/"
    else:
        files = " ".join(paths[:3]) + (" ..." if len(paths) > 3 else "")
    if not safe:
        command, n, aside = f"kinerja-xl fix --unsafe-fixes {files}", unsafe, ""
    else:
        command, n = f"kinerja-xl fix {files}", safe
        aside = f"({ui('fx_fixable_unsafe', lang).format(n=unsafe)})" if unsafe else ""
    lead = ui("fx_fixable", lang).format(n=n)
    return lead, command, aside


def relabelled_line(fr: FileResult, lang: str = "id") -> str | None:
    """With KX021: the NKO the workbook would have with the Pol/KP labels corrected, beside the current one."""
    alt = getattr(fr, "nko_relabelled", None)
    if not alt or fr.analysis is None:
        return None
    period = "Y" if alt.get("Y") is not None else (fr.workbook.period if fr.workbook else None) or "Y"
    return ui("fx_nko_relabelled", lang).format(
        period=period, nko=format_number(alt.get(period), lang), now=format_number(fr.analysis.nko.get(period), lang)
    )
