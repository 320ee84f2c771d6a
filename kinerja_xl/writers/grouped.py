"""The findings of one file grouped by IKU, for a person at a terminal (`kinerja-xl check`).

Under each IKU (code, name, SS, section) one line per finding: cell, severity, what, written ->
expected. A consolidated column (Sm.I, s.d. Q3, Y) whose finding only repeats one of its quarters'
(the same code, the same written and expected numbers: under TLK Sm.I copies Q2, Y copies Q4)
folds into that quarter's line as ``+ Sm.I D8``, so a wrong quarter is read once; the counts say
both, ``21 kesalahan (33 sel)``. Piped and concise output stay one line per cell (terminal.concise_lines).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

from kinerja_xl.findings import Finding, format_number
from kinerja_xl.messages import ui
from kinerja_xl.model import CONSOLIDATED, Workbook
from kinerja_xl.writers.summary_sheet import SIGNS

# What a finding's numbers are, by code (the row of the block, or the table it is in).
WHAT = {
    "KX101": "tm_capaian",
    "KX102": "tm_nilai",
    "KX103": "tm_nilai",
    "KX104": "tm_nilai",
    "KX110": "tm_consolidated",
    "KX201": "tm_summary",
}


@dataclass
class Line:
    """One finding's line, with the consolidated columns folded into it."""

    finding: Finding
    folded: list[Finding] = field(default_factory=list)

    @property
    def cells(self) -> int:
        return 1 + len(self.folded)


@dataclass
class Group:
    """The lines of one IKU (``iku`` None: findings outside any IKU block)."""

    iku: str | None
    lines: list[Line] = field(default_factory=list)


def _same(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and abs(a - b) < 0.005


def _copies(f: Finding, g: Finding) -> bool:
    """True when consolidated ``f`` only repeats quarter ``g``: same code, IKU, written and expected."""
    return (
        f.code == g.code
        and f.iku == g.iku
        and g.period in CONSOLIDATED.get(f.period or "", ())
        and _same(f.actual, g.actual)
        and _same(f.expected, g.expected)
    )


def group_findings(findings: list[Finding]) -> list[Group]:
    """Findings grouped by IKU in the order they first appear (the rest last), consolidated copies folded."""
    groups: dict[str | None, Group] = {}
    for f in findings:
        groups.setdefault(f.iku, Group(f.iku)).lines.append(Line(f))
    for g in groups.values():
        kept: list[Line] = []
        for line in g.lines:
            f = line.finding
            host = None
            if f.period in CONSOLIDATED:
                # the latest quarter it copies (Y under TLK copies Q4 rather than an equal Q1)
                host = next((h for h in reversed(kept) if _copies(f, h.finding)), None)
            if host is not None:
                host.folded.append(f)
            else:
                kept.append(line)
        g.lines = kept
    out = [g for k, g in groups.items() if k is not None]
    if None in groups:
        out.append(groups[None])
    return out


def counts_text(groups: list[Group], lang: str = "id") -> str:
    """'21 kesalahan (33 sel), 6 peringatan, 2 info': lines per severity, and the cells when more."""
    parts = []
    for sev in ("error", "warning", "info"):
        lines = [line for g in groups for line in g.lines if line.finding.severity.value == sev]
        n, cells = len(lines), sum(line.cells for line in lines)
        word = ui(sev, lang) + ("s" if lang == "en" and n != 1 and sev != "info" else "")
        text = f"{n} {word}"
        if cells != n:
            text += " " + ui("tm_cells", lang).format(n=cells)
        parts.append(text)
    return ", ".join(parts)


def _what(f: Finding, lang: str) -> str:
    key = WHAT.get(f.code)
    if key is None and f.code == "KX203":
        base = str(f.params.get("what") or "NKO")
    elif key is not None:
        base = ui(key, lang)
    else:
        return ""
    return f"{base} {f.period}" if f.period else base


def _number(x: object, lang: str) -> str:
    return format_number(x, lang) if isinstance(x, (int, float)) and not isinstance(x, bool) else str(x)


def iku_heading(group: Group, workbook: Workbook | None, lang: str) -> str:
    """'1a-CP  Persentase Realisasi ...  · SS 1 · Seksi Lelang' (or the words for the rest)."""
    if group.iku is None:
        return ui("tm_other", lang)
    iku = next((i for i in (workbook.ikus if workbook else []) if (i.code or i.name) == group.iku), None)
    if iku is None:
        return group.iku
    bits = [f"{group.iku}  {iku.name}"]
    if iku.ss:
        bits.append(f"SS {iku.ss}")
    if iku.meta.seksi:
        bits.append(iku.meta.seksi)
    return " · ".join(bits)


def group_lines(groups: list[Group], workbook: Workbook | None, lang: str, width: int) -> list[tuple[str, str | None]]:
    """(text, style) lines of the grouped report at ``width`` columns: an IKU heading, then its findings."""
    out: list[tuple[str, str | None]] = []
    rows: list[tuple[Group, Line, str, str, str, str]] = []
    for g in groups:
        for line in g.lines:
            f = line.finding
            sev = f.severity.value
            where = (f.cell.coord if f.cell.sheet == _main_sheet(g, workbook) else str(f.cell)) if f.cell else "-"
            rows.append((g, line, where, f"{SIGNS[sev]} {ui(sev, lang)}", _what(f, lang), sev))
    w_cell = max((len(r[2]) for r in rows), default=4)
    w_sev = max((len(r[3]) for r in rows), default=6)
    w_what = max((len(r[4]) for r in rows if r[4]), default=0)
    numbered = [r[1].finding for r in rows if r[4] and r[1].finding.actual is not None]
    w_old = max((len(_number(f.actual, lang)) for f in numbered), default=0)
    w_new = max((len(_number(f.expected, lang)) for f in numbered if f.expected is not None), default=0)
    current = object()
    for g, line, where, sev_text, what, sev in rows:
        if g is not current:
            if current is not None and out:
                out.append(("", None))
            current = g
            out.append((_clip(iku_heading(g, workbook, lang), width), "bold"))
        f = line.finding
        head = f"  {where:<{w_cell}}  {sev_text:<{w_sev}}  "
        if what and f.actual is not None and f.expected is not None:
            text = f"{what:<{w_what}}  {_number(f.actual, lang):>{w_old}} -> {_number(f.expected, lang):>{w_new}}"
            if line.folded:
                text += "  " + ", ".join(f"+ {x.period} {x.cell.coord if x.cell else '-'}" for x in line.folded)
            out.append((head + text, _STYLE[sev]))
            continue
        body = textwrap.wrap(f.message(lang), max(width - len(head), 30)) or [""]
        out.append((head + body[0], _STYLE[sev]))
        out += [(" " * len(head) + more, _STYLE[sev]) for more in body[1:]]
    return out


_STYLE = {"error": "red", "warning": "yellow", "info": "blue"}


def _main_sheet(group: Group, workbook: Workbook | None) -> str | None:
    """The sheet of an IKU's block: its cells are named without the sheet (``B8``), others in full."""
    if workbook is None or group.iku is None:
        return None
    iku = next((i for i in workbook.ikus if (i.code or i.name) == group.iku), None)
    return iku.sheet if iku is not None else None


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 1)] + "…"
