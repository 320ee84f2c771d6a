"""The terminal report of `kinerja-xl check` (rich): findings, verdict, recomputed NKO per file."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from kinerja_xl.analysis import Analysis
from kinerja_xl.findings import format_number
from kinerja_xl.headline import count_text, headline, nko_text, written_nko
from kinerja_xl.messages import ui
from kinerja_xl.model import PERIODS, CellRef
from kinerja_xl.outputs import shown
from kinerja_xl.results import FileResult, RunResult
from kinerja_xl.writers import grouped

if TYPE_CHECKING:  # rich is imported by the functions that draw (a concise or JSON report needs none of it)
    from rich.console import Console

    from kinerja_xl.writers.plain_table import PlainTable

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "blue"}
STATUS_STYLE = {"errors": "bold red", "warnings": "yellow", "ok": "green", "unreadable": "bold red"}


def make_console(stderr: bool = False) -> Console:
    """A console for stdout (or stderr); wide when not a terminal so piped lines do not wrap early."""
    from rich.console import Console

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


def nko_table(
    analysis: Analysis,
    period: str | None,
    lang: str = "id",
    written: dict[str, tuple[float, CellRef | None]] | None = None,
) -> PlainTable:
    """Recomputed NKO and predikat per period (Q1 .. Y), the reported period in bold; ``written``
    (period -> (value, cell), see headline.written_nko) adds the NKO the workbook writes.
    A rich renderable (plain_table.PlainTable: drawn as rich.Table draws it, much faster)."""
    from kinerja_xl.writers.plain_table import PlainTable

    bold = PERIODS.index(period) + 1 if period in PERIODS else None
    table = PlainTable(f"NKO ({ui('recomputed', lang)})", ["", *PERIODS], bold=bold)
    table.add_row("NKO", *[format_number(analysis.nko.get(p), lang) for p in PERIODS])
    table.add_row(ui("predikat", lang).capitalize(), *[analysis.predikat.get(p) or "-" for p in PERIODS])
    if written:
        cells = [format_number(written[p][0], lang) if p in written else "" for p in PERIODS]
        table.add_row(f"NKO {ui('hl_written', lang)}", *cells)
    return table


def files_lines(run: RunResult, lang: str = "id", width: int = 100) -> list[tuple[str, str]]:
    """The end of a folder run, as (text, style) lines: one row per file with its unit, period, NKO Y
    written and recomputed, predikat, errors and warnings (an unreadable file says so); a workbook
    of several units (a Kanwil's recap) has a row per unit, as the batch summary has.

    Plain columns sized to their content; the file column gives way (wrapped) to fit ``width``."""
    head1 = ["", "", "", "NKO", "NKO", "", "", ""]
    head2 = [
        ui("file", lang).capitalize(),
        ui("batch_unit", lang),
        ui("period", lang).capitalize(),
        ui("db_written", lang),
        ui("db_recomputed", lang),
        ui("predikat", lang).capitalize(),
        ui("error", lang).capitalize(),
        ui("warning", lang).capitalize(),
    ]
    rows: list[tuple[list[str], str]] = []
    for fr in run.files:
        name = shown(fr.path.name)
        if fr.workbook is None:
            rows.append(([name, ui("status_unreadable", lang), "", "", "", "", "", ""], "bold red"))
            continue
        for k, part in enumerate(fr.units or [fr]):
            h = headline(part)
            y = next((line for line in h.nko if line.period == "Y"), None)
            c = part.counts
            cells = [
                name if k == 0 else "",  # the file's name once, its units below it
                shown(h.unit or "-"),
                h.period or "-",
                format_number(y.written, lang) if y and y.written is not None else "-",
                format_number(y.recomputed, lang) if y else "-",
                (y.predikat if y else None) or "-",
                str(c["error"]),
                str(c["warning"]),
            ]
            rows.append((cells, STATUS_STYLE[(fr if fr.error else part).status]))
    pairs = enumerate(zip(head1, head2, strict=True))
    widths = [max(len(h1), len(h2), *(len(r[i]) for r, _ in rows)) for i, (h1, h2) in pairs]
    gap = 2 if sum(widths) + 2 * (len(widths) - 1) <= width else 1  # narrow: one space between columns
    rest = sum(widths[1:]) + gap * (len(widths) - 1)
    widths[0] = max(min(widths[0], width - rest), 10)
    right = {3, 4, 6, 7}

    def fmt(cells: list[str]) -> list[str]:
        first = [cells[0][i : i + widths[0]] for i in range(0, max(len(cells[0]), 1), widths[0])]
        out = []
        for k, part in enumerate(first):
            bits = [part.ljust(widths[0])]
            for i, text in enumerate(cells[1:], 1):
                text = text if k == 0 else ""
                bits.append(text.rjust(widths[i]) if i in right else text.ljust(widths[i]))
            out.append((" " * gap).join(bits).rstrip())
        return out

    lines = [(line, "bold") for line in fmt(head1) + fmt(head2) if line.strip()]
    lines.append(("-" * min(sum(widths) + gap * (len(widths) - 1), width), ""))
    for cells, style in rows:
        lines += [(line, style) for line in fmt(cells)]
    return lines


def render_file(fr: FileResult, console: Console, lang: str = "id", fixed_profile: bool = False) -> None:
    """Print one readable file's report: header, findings, NKO, profile, assumptions, verdict, and
    the blank line after it."""
    from rich.console import Group
    from rich.text import Text

    # one print for the whole block: each print costs rich far more than a line (no part of it is
    # wider than the console but the findings' lines, which are never cropped: crop=False)
    console.print(Group(*file_block(fr, console, lang, fixed_profile), Text("")), crop=False)


def file_block(fr: FileResult, console: Console, lang: str = "id", fixed_profile: bool = False) -> list[Any]:
    """The renderables of one readable file's report, in order (see render_file)."""
    from rich.rule import Rule
    from rich.text import Text

    out: list[Any] = []
    wb, an = fr.workbook, fr.analysis
    head = Text(shown(fr.path.name), style="bold")
    if wb is not None:
        bits = [b for b in (wb.unit, str(wb.year) if wb.year else None, wb.period) if b]
        if bits:
            head.append("  " + " · ".join(bits))
    out.append(Rule(head, align="left"))
    groups = grouped.group_findings(fr.findings)
    if fr.findings:
        lines = [Text(text, style=style or "") for text, style in grouped.group_lines(groups, wb, lang, console.width)]
        found = Text("\n").join(lines)
        found.overflow = "ignore"  # a word longer than the line stays whole
        out.append(found)
    else:
        out.append(console.render_str(ui("no_findings", lang)))
    for part in fr.units:  # a workbook of several units: each unit's own NKO
        assert part.workbook is not None and part.analysis is not None
        out.append(Text(f"{ui('batch_unit', lang)}: {part.unit}", style="bold"))
        out.append(nko_table(part.analysis, part.workbook.period, lang, written_nko(part)))
    tail: list[Text] = []
    if an is not None and not fr.units:
        out.append(nko_table(an, wb.period if wb else None, lang, written_nko(fr)))
        from kinerja_xl.writers.fix_report import relabelled_line

        relabelled = relabelled_line(fr, lang)
        if relabelled:
            tail.append(Text(relabelled, style="bold"))
    if fr.profile is not None:
        how = "" if fixed_profile else f" ({ui('profile_by_year', lang)})"
        tail.append(Text(f"{ui('profile', lang).capitalize()}: {fr.profile.name} - {fr.profile.title}{how}"))
    if an is not None and an.assumptions:
        tail.append(Text(f"{ui('assumptions', lang)}:", style="bold"))
        tail += [Text(f"  - {line}") for line in assumption_lines(an, lang)]
    text = f"{shown(fr.path.name)}: {grouped.counts_text(groups, lang)}"
    if fr.output:
        text = _fit_or_break(text, f"-> {shown(fr.output)}", console.width)
    if tail:
        out.append(Text("\n").join(tail))
    out.append(Text(text, style=STATUS_STYLE[fr.status], no_wrap=True, overflow="ignore"))
    return out


def render(
    run: RunResult, console: Console | None = None, lang: str | None = None, wait: Callable[[], None] | None = None
) -> None:
    """Print the report of a whole run to the console (readable files only; see unreadable_lines).
    wait: called before the batch summary's line (it may still be being written: run.check.Report)."""
    from rich.text import Text

    console = console or make_console()
    lang = lang or run.settings.lang
    fixed = bool(run.settings.profile)
    readable = [fr for fr in run.files if fr.workbook is not None]
    for fr in readable:
        render_file(fr, console, lang, fixed)
    if len(run.files) > 1:
        console.rule()
        lines = [Text(text, style=style) for text, style in files_lines(run, lang, console.width)]
        if lines:
            console.print(Text("\n").join(lines), crop=False)
    if wait is not None:
        wait()
    # a path and a command are never cut (a line longer than the console runs on, to be copied whole)
    if run.batch:
        console.print(
            Text(_fit_or_break(f"{ui('batch_written', lang)}:", str(run.batch), console.width)), soft_wrap=True
        )
    from kinerja_xl.writers.fix_report import fixable_parts

    fixable = fixable_parts(run, lang)
    if fixable:
        lead, command, aside = fixable
        text = _fit_or_break(lead, command, console.width)
        if aside:  # "(7 lagi dengan --unsafe-fixes)"
            text = _fit_or_break(text, aside, console.width)
        console.print(Text(text), soft_wrap=True)


def _fit_or_break(head: str, tail: str, width: int) -> str:
    """``head tail`` when it fits the console's width (head's last line, if it has several), else the
    tail on a line of its own, indented: a path or a command is never cut after its first word."""
    from rich.cells import cell_len

    last = head.rsplit("\n", 1)[-1]
    return f"{head} {tail}" if cell_len(last) + 1 + cell_len(tail) <= width else f"{head}\n  {tail}"


def concise_lines(fr: FileResult, lang: str = "id") -> list[str]:
    """One file in the style editors and grep read: one line per finding, the NKO lines, the verdict.

    ``q4.xlsx:IKU!B8: KX101 kesalahan 1a-CP Q1 Capaian Q1 tertulis ...`` (like ruff's concise output).
    An unreadable file gives only its KX001 line, which names the reason (stderr says it once
    more, for a person watching): a missing file is not reported three times.
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
    if fr.workbook is None and any(f.code == "KX001" for f in fr.findings):
        return lines
    lines.append(verdict(fr, lang, path))
    return lines


def render_concise(
    run: RunResult, echo: Callable[[str], object], lang: str | None = None, wait: Callable[[], None] | None = None
) -> None:
    """Print the concise report of a run through ``echo`` (one str per call), file by file; ``wait``
    as render takes it."""
    lang = lang or run.settings.lang
    for fr in run.files:
        for line in concise_lines(fr, lang):
            echo(line)
    if wait is not None:
        wait()
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


def unreadable_lines(run: RunResult, lang: str | None = None, batch: bool = True) -> list[str]:
    """One 'kinerja-xl: <file>: <reason>' line per file that failed (stderr), in the run's language,
    and (with ``batch``) the batch summary's when it could not be written (batch_error_lines)."""
    lang = lang or run.settings.lang
    lines = [f"kinerja-xl: {shown(fr.path)}: {shown(fr.error_text(lang))}" for fr in run.files if fr.error]
    return lines + (batch_error_lines(run) if batch else [])


def batch_error_lines(run: RunResult) -> list[str]:
    """'kinerja-xl: <reason>' when ringkasan-batch.xlsx could not be written (stderr), else nothing."""
    return [f"kinerja-xl: {run.batch_error}"] if run.batch_error else []


def rules_lines(lang: str = "id") -> list[str]:
    """`kinerja-xl rules`: a header row, then per code its severity, symbol, whether `fix` corrects it, title."""
    from kinerja_xl.fixes import SAFE_CODES, UNSAFE_CODES
    from kinerja_xl.messages import CATALOGUE

    def fixed_by(code: str) -> str:
        if code in SAFE_CODES:
            return ui("yes", lang)
        return "--unsafe-fixes" if code in UNSAFE_CODES else "-"

    rows = [(m.code, ui(m.severity.value, lang), m.symbol, fixed_by(m.code), m.title(lang)) for m in CATALOGUE.values()]
    head = (
        ui("code", lang).capitalize(),
        ui("severity", lang).capitalize(),
        ui("tm_symbol", lang),
        "fix",
        ui("tm_meaning", lang),
    )
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(4)]
    return [
        "  ".join(f"{cell:<{w}}" for cell, w in zip(r[:4], widths, strict=True)) + "  " + r[4] for r in [head, *rows]
    ]


def profile_lines(lang: str = "id") -> list[str]:
    """`kinerja-xl profiles`: name, title, years (an open range as ``2026-``), cap, tolerance, predikat bands."""
    from kinerja_xl import profiles as prof

    out = []
    for name in prof.available():
        p = prof.load(name)
        bands = ", ".join(f"{n} >= {lo:g}" if lo > -1e8 else n for n, lo in p.predikat)
        first, last = p.years
        years = f"{first}-" if last >= 9999 else f"{first}-{last}"
        tolerance = f"{p.tolerance:g}".replace(".", "," if lang == "id" else ".")
        out.append(
            f"{p.name:<14} {p.title:<22} {ui('tm_years', lang)} {years:<9}  cap {p.cap:g}  "
            f"{ui('tm_tolerance', lang)} {tolerance}  predikat: {bands}"
        )
    return out
