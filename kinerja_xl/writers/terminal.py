"""The terminal report of `kinerja-xl check` (rich): findings, verdict, recomputed NKO per file."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from rich.console import Console
from rich.table import Table
from rich.text import Text

from kinerja_xl.analysis import Analysis
from kinerja_xl.findings import format_number
from kinerja_xl.headline import count_text, headline, nko_text, written_nko
from kinerja_xl.messages import ui
from kinerja_xl.model import PERIODS, CellRef
from kinerja_xl.outputs import shown
from kinerja_xl.results import FileResult, RunResult

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "blue"}
STATUS_STYLE = {"errors": "bold red", "warnings": "yellow", "ok": "green", "unreadable": "bold red"}


def make_console(stderr: bool = False) -> Console:
    """A console for stdout (or stderr); wide when not a terminal so piped lines do not wrap early."""
    stream = sys.stderr if stderr else sys.stdout
    width = None
    if not stream.isatty() and not os.environ.get("COLUMNS"):
        width = 200
    return Console(file=stream, width=width, highlight=False, soft_wrap=False)


def verdict(fr: FileResult, lang: str = "id", label: str | None = None) -> str:
    """One line per file: '<name>: 14 kesalahan, 5 peringatan, 21 info -> <output>' (``label`` instead of the name)."""
    label = fr.path.name if label is None else label
    if fr.error and fr.workbook is None:
        return f"{shown(label)}: {ui('status_unreadable', lang)} ({shown(fr.error_text(lang))})"
    c = fr.counts
    text = f"{shown(label)}: " + ", ".join(count_text(c[s], s, lang) for s in ("error", "warning", "info"))
    if fr.output:
        text += f" -> {shown(fr.output)}"
    if fr.error:
        text += f" ({fr.error_text(lang)})"
    return text


def assumption_lines(analysis: Analysis, lang: str = "id") -> list[str]:
    """The analysis assumptions worded for a person (one line each; Pol/KP codes grouped)."""
    lines: list[str] = []
    polkp: list[str] = []
    for a in analysis.assumptions:
        key, _, arg = a.partition(":")
        if key == "polkp-assumed":
            polkp.append(arg)
        else:
            lines.append(ui(f"as_{key}", lang))
    if polkp:
        lines.append(ui("as_polkp-assumed", lang).replace("{iku}", ", ".join(polkp)))
    return lines


def findings_table(fr: FileResult, lang: str = "id") -> Table:
    """The findings of one file as a rich table."""
    table = Table(show_header=True, header_style="bold", show_lines=False, expand=False)
    table.add_column(ui("code", lang).capitalize(), no_wrap=True)
    table.add_column(ui("severity", lang).capitalize(), no_wrap=True)
    table.add_column(ui("location", lang).capitalize(), no_wrap=True)
    table.add_column("IKU", no_wrap=True)
    table.add_column(ui("period", lang).capitalize(), no_wrap=True)
    table.add_column(ui("message", lang).capitalize(), overflow="fold")
    for f in fr.findings:
        sev = f.severity.value
        # Text objects: sheet names and messages come from the input and may hold [markup].
        table.add_row(
            Text(f.code),
            Text(ui(sev, lang), style=SEVERITY_STYLE[sev]),
            Text(str(f.cell) if f.cell else "-"),
            Text(f.iku or "-"),
            Text(f.period or "-"),
            Text(f.message(lang)),
        )
    return table


def nko_table(
    analysis: Analysis,
    period: str | None,
    lang: str = "id",
    written: dict[str, tuple[float, CellRef | None]] | None = None,
) -> Table:
    """Recomputed NKO and predikat per period (Q1 .. Y), the reported period in bold; ``written``
    (period -> (value, cell), see headline.written_nko) adds the NKO the workbook writes."""
    table = Table(show_header=True, header_style="bold", title=f"NKO ({ui('recomputed', lang)})", title_justify="left")
    table.add_column("")
    for p in PERIODS:
        table.add_column(p, justify="right", style="bold" if p == period else None)
    table.add_row("NKO", *[format_number(analysis.nko.get(p), lang) for p in PERIODS])
    table.add_row(ui("predikat", lang).capitalize(), *[Text(analysis.predikat.get(p) or "-") for p in PERIODS])
    if written:
        cells = [format_number(written[p][0], lang) if p in written else "" for p in PERIODS]
        table.add_row(f"NKO {ui('hl_written', lang)}", *cells)
    return table


def render_file(fr: FileResult, console: Console, lang: str = "id", fixed_profile: bool = False) -> None:
    """Print one readable file's report: header, findings, NKO, profile, assumptions, verdict."""
    wb, an = fr.workbook, fr.analysis
    head = Text(shown(fr.path.name), style="bold")
    if wb is not None:
        bits = [b for b in (wb.unit, str(wb.year) if wb.year else None, wb.period) if b]
        if bits:
            head.append("  " + " · ".join(bits))
    console.rule(head, align="left")
    if fr.findings:
        console.print(findings_table(fr, lang))
    else:
        console.print(ui("no_findings", lang))
    for part in fr.units:  # a workbook of several units: each unit's own NKO
        assert part.workbook is not None and part.analysis is not None
        console.print(Text(f"{ui('batch_unit', lang)}: {part.unit}", style="bold"))
        console.print(nko_table(part.analysis, part.workbook.period, lang, written_nko(part)))
    if an is not None and not fr.units:
        console.print(nko_table(an, wb.period if wb else None, lang, written_nko(fr)))
        from kinerja_xl.writers.fix_report import relabelled_line

        relabelled = relabelled_line(fr, lang)
        if relabelled:
            console.print(Text(relabelled, style="bold"))
    if fr.profile is not None:
        how = "" if fixed_profile else f" ({ui('profile_by_year', lang)})"
        console.print(Text(f"{ui('profile', lang).capitalize()}: {fr.profile.name} - {fr.profile.title}{how}"))
    if an is not None and an.assumptions:
        console.print(Text(f"{ui('assumptions', lang)}:", style="bold"))
        for line in assumption_lines(an, lang):
            console.print(Text(f"  - {line}"))
    console.print(Text(verdict(fr, lang), style=STATUS_STYLE[fr.status]))


def render(run: RunResult, console: Console | None = None, lang: str | None = None) -> None:
    """Print the report of a whole run to the console (readable files only; see unreadable_lines)."""
    console = console or make_console()
    lang = lang or run.settings.lang
    fixed = bool(run.settings.profile)
    readable = [fr for fr in run.files if fr.workbook is not None]
    for fr in readable:
        render_file(fr, console, lang, fixed)
        console.print()
    if len(run.files) > 1:
        console.rule()
        for fr in run.files:
            console.print(Text(verdict(fr, lang), style=STATUS_STYLE[fr.status]))
    if run.batch:
        console.print(Text(f"{ui('batch_written', lang)}: {run.batch}"))
    from kinerja_xl.writers.fix_report import fixable_line

    fixable = fixable_line(run, lang)
    if fixable:
        console.print(Text(fixable))


def concise_lines(fr: FileResult, lang: str = "id") -> list[str]:
    """One file in the style editors and grep read: one line per finding, the NKO lines, the verdict.

    ``q4.xlsx:IKU!B8: KX101 kesalahan 1a-CP Q1 Capaian Q1 tertulis ...`` (like ruff's concise output).
    An unreadable file gives only its verdict line (the reason goes to stderr too).
    """
    path = str(fr.path)
    lines = []
    for f in fr.findings:
        where = f"{path}:{f.cell}" if f.cell else path
        bits = [f.code, ui(f.severity.value, lang), *(x for x in (f.iku, f.period) if x), f.message(lang)]
        lines.append(f"{where}: " + " ".join(bits))
    for part in fr.units:  # a workbook of several units: each unit's NKO lines
        lines += [f"{path}: {part.unit}: {nko_text(line, lang)}" for line in headline(part).nko]
    if fr.analysis is not None and not fr.units:
        lines += [f"{path}: {nko_text(line, lang)}" for line in headline(fr).nko]
        from kinerja_xl.writers.fix_report import relabelled_line

        relabelled = relabelled_line(fr, lang)
        if relabelled:
            lines.append(f"{path}: {relabelled}")
    # text from the input (sheet names, cell text in messages) can neither break a line nor send escapes
    lines = [shown(line) for line in lines]
    lines.append(verdict(fr, lang, path))
    return lines


def render_concise(run: RunResult, echo: Callable[[str], object], lang: str | None = None) -> None:
    """Print the concise report of a run through ``echo`` (one str per call), file by file."""
    lang = lang or run.settings.lang
    for fr in run.files:
        for line in concise_lines(fr, lang):
            echo(line)
    if run.batch:
        echo(f"{ui('batch_written', lang)}: {run.batch}")
    from kinerja_xl.writers.fix_report import fixable_line

    fixable = fixable_line(run, lang)
    if fixable:
        echo(fixable)


def skipped_lines(run: RunResult, lang: str | None = None) -> list[str]:
    """One 'kinerja-xl: <file>: skipped, ...' line per input left out as our own output (stderr)."""
    lang = lang or run.settings.lang
    return [f"kinerja-xl: {shown(p)}: {ui('skipped_own_output', lang)}" for p in getattr(run, "skipped", [])]


def unreadable_lines(run: RunResult, lang: str | None = None) -> list[str]:
    """One 'kinerja-xl: <file>: <reason>' line per file that failed (stderr), in the run's language."""
    lang = lang or run.settings.lang
    lines = [f"kinerja-xl: {shown(fr.path)}: {shown(fr.error_text(lang))}" for fr in run.files if fr.error]
    if run.batch_error:
        lines.append(f"kinerja-xl: {run.batch_error}")
    return lines
