"""Ringkasan as a dashboard a head of office reads in thirty seconds, and Rincian, the detailed rows.

Ringkasan, top to bottom (columns A code, B name, C SS, D Pol/KP, E..K the periods Q1..Y):

1. the headline (rows 1-7): unit, year, reported period, profile, file; NKO as written beside the
   recomputed one for the reported period and Y, predikat, the counts of kesalahan/peringatan/info,
   and a one-line verdict (headline.py decides all of it);
2. the IKU x period matrix of recomputed Nilai, filled by status (hijau/kuning/merah/abu-abu); a
   cell whose IKU-period has a finding is marked (! kesalahan, ? peringatan, i info) and links to the
   finding's cell in the input sheet; the IKU code links to its block;
3. NSS, Np and NKO as matrices with the same colours;
4. two charts drawn from those matrices: NKO per period and Nilai per IKU for the reported period.

Numbers keep full precision in the cell; the number format shows two decimals in the language's
convention (summary_sheet.number_format). Rincian holds one row per IKU and period (written vs
recomputed capaian and Nilai), filterable.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from kinerja_xl.analysis import Analysis, IkuScore
from kinerja_xl.findings import Finding
from kinerja_xl.headline import Headline, headline, verdict_text, written_nko
from kinerja_xl.messages import ui
from kinerja_xl.model import PERIODS, CellRef, Iku
from kinerja_xl.profiles import Profile
from kinerja_xl.results import FileResult
from kinerja_xl.writers.summary_sheet import (
    BIG,
    BOLD,
    BORDER,
    CENTER,
    FLAG_COLOR,
    HEADER,
    INDENT,
    ITALIC,
    LINK,
    MIDDLE,
    PLAIN,
    RINCIAN,
    RINGKASAN,
    SIGNS,
    STATUS_CHART,
    STATUS_FILL,
    TITLE,
    TOP,
    WRAP,
    ChartSpec,
    PrintSpec,
    SheetSpec,
    assumption_texts,
    combine,
    fill_key,
    flag_key,
    flag_style,
    num_key,
    number_axis_format,
    number_format,
    sections_of,
    severity_text,
    sheet_link,
)

CODE, NAME, SS, POLKP = 1, 2, 3, 4
FIRST = 5  # column of Q1; Y is FIRST + 6
LAST_COL = FIRST + len(PERIODS) - 1
MARKS = SIGNS
VERDICT_FILL = {"errors": "merah", "warnings": "kuning", "ok": "hijau", "unreadable": "abu-abu"}
WIDTHS = {CODE: 19, NAME: 44, SS: 6, POLKP: 10, **{c: 12 for c in range(FIRST, LAST_COL + 1)}}
RINCIAN_WIDTHS = (11, 40, 6, 10, 8, 10, 10, 11, 11, 11, 11, 9, 29, 16)  # Temuan: 4 codes (a link does not wrap)
WRITTEN_CHART = "8EA9DB"  # the written NKO's bars: blue-grey, none of the status colours
CHART_ROWS = 17  # rows the charts take (7.5 cm at the default row height, and a spare row)

# one row of the NSS or Np block: (label cells (value, style key), value per period)
BlockRow = tuple[Sequence[tuple[Any, str]], Mapping[str, float | None]]


def _num(lang: str, *tokens: str | None, mark: str = "") -> str:
    return combine(num_key(lang, mark), *tokens)


def iku_key(iku: Iku) -> str:
    """How findings name an IKU: its code, else its name."""
    return iku.code or iku.name


def finding_marks(findings: Iterable[Finding]) -> dict[tuple[str, str | None], Finding]:
    """(IKU, period or None) -> the finding to show there: the worst, then the first in sheet order."""
    out: dict[tuple[str, str | None], Finding] = {}
    for f in sorted(findings, key=lambda f: (-f.severity.rank, f.sort_key())):
        if f.iku and f.cell is not None:
            out.setdefault((f.iku, f.period), f)
    return out


# (IKU code, its KX021 finding, its scores, period -> Nilai under the other polarisasi)
LabelNote = tuple[str, Finding, IkuScore, dict[str, float | None]]


def label_findings(findings: Iterable[Finding]) -> dict[str, Finding]:
    """IKU -> its KX021 finding: the IKU is scored under a Pol/KP label its own numbers contradict."""
    return {f.iku: f for f in findings if f.code == "KX021" and f.iku}


def other_nilai(score: IkuScore, polarisasi: str, profile: Profile) -> dict[str, float | None]:
    """Period -> the Nilai an IKU would get under another polarisasi (its label corrected)."""
    import dataclasses

    from kinerja_xl.analysis import score_period

    iku = dataclasses.replace(score.iku, polarisasi=polarisasi)
    return {p: score_period(iku, p, profile, score.konversi).nilai for p in PERIODS}


def label_note(score: IkuScore, f: Finding, period: str, other: dict[str, float | None], lang: str) -> str:
    """The note on a period cell of a KX021 IKU: its Nilai under the label, and under the other polarisasi."""
    from kinerja_xl.findings import format_number

    ps = score.periods.get(period)
    return ui("db_label_note", lang).format(
        code=f.code,
        declared=f.params.get("declared", ""),
        fitted=f.params.get("fitted", ""),
        now=format_number(ps.nilai if ps else None, lang),
        other=format_number(other.get(period), lang),
    )


def _flag(f: Finding | None) -> str | None:
    """The mark of a cell with a finding (a border in the severity's colour, bold, underlined: a link)."""
    return combine(LINK, flag_style(f.severity.value)) if f is not None else None


def _status(value: float | None, profile: Profile) -> str:
    from kinerja_xl import scoring

    return scoring.status(value, profile) if profile is not None else "abu-abu"


def _headline_rows(sp: SheetSpec, result: FileResult, h: Headline, lang: str, lost: list[str]) -> int:
    """Rows 1-7 (and assumptions after): facts on the left, the NKO box on the right; the next free row."""
    put = sp.put
    put(1, 1, ui("wb_title", lang) + (f": {h.unit}" if h.unit else ""), TITLE)
    sp.merge(1, 1, LAST_COL)
    sp.heights[1] = 22
    facts = [
        (ui("wb_unit", lang), h.unit or "-"),
        (ui("wb_year", lang), str(h.year) if h.year else "-"),
        (ui("wb_period", lang), h.period or "-"),
        (ui("wb_profile", lang), h.profile or "-"),
        (ui("file", lang).capitalize(), result.path.name if result.path else "-"),
        (ui("db_checked", lang), checked_text(getattr(result, "checked_at", None), lang)),
    ]
    for row, (label, value) in enumerate(facts, 2):
        put(row, CODE, label, combine(BOLD, MIDDLE))
        put(row, NAME, value, MIDDLE)
    row = _nko_box(sp, h, lang)
    # The counts, one labelled number per severity.
    row = max(row, 5)
    put(row, POLKP, ui("findings", lang).capitalize(), BOLD)
    for i, sev in enumerate(("error", "warning", "info")):
        n = h.counts.get(sev, 0)
        put(row, POLKP + 1 + 2 * i, ui(sev, lang).capitalize(), combine(BORDER, CENTER))
        put(row, POLKP + 2 + 2 * i, n, combine(BIG, BORDER, CENTER, flag_style(sev) if n else None))
    row = max(row, len(facts) + 1) + 1
    put(row, 1, verdict_text(h, lang), combine(BIG, fill_key(STATUS_FILL[VERDICT_FILL[h.status]])))
    sp.merge(row, 1, LAST_COL)
    sp.heights[row] = 24
    row += 1
    texts = assumption_texts(result.analysis.assumptions, lang) if result.analysis else []
    for label, lines in ((ui("wb_assumptions", lang), texts), (ui("wb_lost", lang), lost)):
        for i, text in enumerate(lines):
            put(row, CODE, label if i == 0 else None, BOLD)
            put(row, NAME, text, ITALIC)
            sp.merge(row, NAME, LAST_COL)
            row += 1
    return row + 1


def _nko_box(sp: SheetSpec, h: Headline, lang: str) -> int:
    """The NKO box right of the facts, one row per headline period; the next free row.

    Columns D..K: period | written | its predikat | recomputed | its predikat | (with KX021) the NKO
    with the Pol/KP labels corrected | its predikat | whether the predikat changes. Without KX021 the
    difference written - recomputed takes the corrected NKO's place.
    """
    put = sp.put
    relabelled = any(line.relabelled is not None for line in h.nko)
    pred = ui("predikat", lang).capitalize()
    head = [ui("nko", lang), ui("db_written", lang), pred, ui("db_recomputed", lang), pred]
    head += [ui("db_relabelled", lang), pred] if relabelled else [ui("db_diff", lang)]
    head.append(ui("db_pred_change", lang))
    sp.header(2, head, POLKP, key=combine(HEADER, BORDER, CENTER))
    if not relabelled:
        put(2, LAST_COL, None, combine(HEADER, BORDER))
        sp.merge(2, LAST_COL - 1, LAST_COL)
    sp.heights[2] = 45 if relabelled else 30
    row = 3
    for line in h.nko:
        col = POLKP
        put(row, col, line.period, combine(BOLD, BORDER, CENTER, MIDDLE))
        if line.written is not None:
            put(row, col + 1, line.written, _num(lang, BORDER, MIDDLE, LINK if line.written_cell else None))
            if line.written_cell is not None:
                sp.links.append((f"{_letter(col + 1)}{row}", sheet_link(*_ref(line.written_cell))))
            put(row, col + 2, line.written_predikat or "-", combine(BORDER, CENTER, MIDDLE, WRAP))
        else:
            put(row, col + 1, ui("db_not_written", lang), combine(BORDER, CENTER, MIDDLE, ITALIC, WRAP))
            put(row, col + 2, None, BORDER)
        put(row, col + 3, line.recomputed, _num(lang, BIG, BORDER, MIDDLE, fill_key(STATUS_FILL[line.status])))
        put(row, col + 4, line.predikat or "-", combine(BOLD, BORDER, CENTER, MIDDLE, WRAP))
        col += 5
        if relabelled:
            put(row, col, line.relabelled, _num(lang, BORDER, MIDDLE))
            put(row, col + 1, line.relabelled_predikat or "-", combine(BORDER, CENTER, MIDDLE, WRAP))
            col += 2
        elif line.written is not None and line.recomputed is not None:
            diff = round(line.written - line.recomputed, 2) or 0.0  # never -0,00
            put(row, col, diff, combine(num_key(lang, signed=True), BORDER, MIDDLE, BOLD if line.differs else None))
            col += 1
        else:
            put(row, col, None, BORDER)
            col += 1
        if line.written is None and line.relabelled is None:
            change = "-"
        elif line.predikat_changes:
            change = " → ".join(dict.fromkeys(line.predikats))
        else:
            change = ui("db_pred_same", lang)
        put(row, col, change, combine(BORDER, CENTER, MIDDLE, WRAP, BOLD if line.predikat_changes else None))
        if col < LAST_COL:
            put(row, LAST_COL, None, BORDER)
            sp.merge(row, col, LAST_COL)
        sp.heights[row] = 30 if line.predikat_changes or line.written is None else 20
        row += 1
    return row


def checked_text(when: datetime | None = None, lang: str = "id") -> str:
    """'2026-12-05 14:10 (UTC+07:00) dengan kinerja-xl 0.1.0': when the check ran, and the tool's version."""
    from kinerja_xl import __version__

    when = (when or datetime.now()).astimezone()
    offset = when.strftime("%z")
    stamp = f"{when:%Y-%m-%d %H:%M} (UTC{offset[:3]}:{offset[3:]})"
    return ui("db_checked_value", lang).format(when=stamp, version=__version__)


def _letter(col: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(col)


def _ref(cell: CellRef) -> tuple[str, str]:
    return cell.sheet, cell.coord


def _legend(sp: SheetSpec, row: int, profile: Profile, lang: str) -> None:
    """Status colours and finding marks, explained on the matrix's title row."""
    hijau = f"{profile.status_hijau:g}" if profile else "100"
    kuning = f"{profile.status_kuning:g}" if profile else "80"
    bands = [
        (f"≥ {hijau}", "hijau"),
        (f"{kuning} - < {hijau}", "kuning"),
        (f"< {kuning}", "merah"),
        ("N/A", "abu-abu"),
    ]
    for i, (text, status) in enumerate(bands):
        sp.put(row, FIRST + i, text, combine(BORDER, CENTER, fill_key(STATUS_FILL[status])))
    for i, sev in enumerate(("error", "warning", "info")):  # the finding marks, drawn as on the matrix
        sp.put(row, FIRST + 4 + i, severity_text(sev, lang), combine(CENTER, "font:" + FLAG_COLOR[sev], flag_key(sev)))


def _iku_matrix(
    sp: SheetSpec,
    row: int,
    an: Analysis,
    marks: dict[tuple[str, str | None], Finding],
    labels: dict[str, Finding],
    lang: str,
) -> tuple[int, int, list[LabelNote]]:
    """The IKU x period matrix of recomputed Nilai; (first, last) data row and the KX021 IKU's notes.

    Every period cell of an IKU scored under a Pol/KP label its numbers contradict (KX021) is
    marked, linked to the Pol/KP cell and noted with what it scores under the other polarisasi.
    """
    put = sp.put
    notes: list[LabelNote] = []
    put(row, CODE, ui("db_matrix", lang), BIG)
    sp.merge(row, CODE, NAME)
    _legend(sp, row, an.profile, lang)
    row += 1
    put(row, CODE, ui("db_legend", lang), ITALIC)
    sp.merge(row, CODE, LAST_COL)
    row += 1
    head = [ui("iku", lang), ui("db_iku_name", lang), ui("wb_ss", lang), "Pol/KP", *PERIODS]
    sp.header(row, head, key=combine(HEADER, BORDER, CENTER))
    sp.heights[row] = 18
    first = row + 1
    for s in an.ikus:
        row += 1
        iku = s.iku
        general = marks.get((iku_key(iku), None))
        # The mark is part of the text: LibreOffice ignores a text format (@" !") on an inline string.
        mark = f" {MARKS[general.severity.value]}" if general else ""
        put(row, CODE, (iku.code or "-") + mark, combine(MIDDLE, LINK, _flag(general) if general else BORDER))
        middle = combine(BORDER, CENTER, MIDDLE)
        target = general.cell if general else iku.header_cell
        if target is not None:
            sp.links.append((f"A{row}", sheet_link(target.sheet, target.coord)))
        put(row, NAME, iku.name, combine(BORDER, WRAP, MIDDLE))
        sp.fit_row(row, iku.name, WIDTHS[NAME])
        put(row, SS, s.ss, middle)
        put(row, POLKP, f"{iku.polarisasi}/{iku.konsolidasi}", middle)
        relabel = labels.get(iku_key(iku))
        other = other_nilai(s, str(relabel.params.get("fitted")), an.profile) if relabel and an.profile else {}
        for col, period in enumerate(PERIODS, FIRST):
            ps = s.periods.get(period)
            f = marks.get((iku_key(iku), period)) or relabel
            mark = MARKS[f.severity.value] if f else ""
            fill = fill_key(STATUS_FILL[ps.status if ps else "abu-abu"])
            value = ps.nilai if ps else None
            if value is None:
                put(row, col, mark or None, combine(middle, fill, _flag(f)))
            else:
                put(row, col, value, _num(lang, BORDER, MIDDLE, fill, _flag(f), mark=mark))
            if f is not None and f.cell is not None:
                sp.links.append((f"{_letter(col)}{row}", sheet_link(f.cell.sheet, f.cell.coord)))
            if relabel is not None:
                sp.comments[f"{_letter(col)}{row}"] = label_note(s, relabel, period, other, lang)
        if relabel is not None:
            notes.append((iku.code or iku.name, relabel, s, other))
    return first, row, notes


def _label_notes(sp: SheetSpec, row: int, notes: list[LabelNote], lang: str) -> int:
    """Under the matrix, for print: each KX021 IKU's Nilai under the other polarisasi; the next free row."""
    from kinerja_xl.findings import format_number

    for code, f, _, other in notes:
        values = "; ".join(f"{p} {format_number(other.get(p), lang)}" for p in PERIODS)
        text = ui("db_label_row", lang).format(
            iku=code, declared=f.params.get("declared", ""), fitted=f.params.get("fitted", ""), values=values
        )
        row += 1
        sp.put(row, CODE, text, combine(ITALIC, WRAP, LINK))
        sp.merge(row, CODE, LAST_COL)
        sp.fit_row(row, text, sum(WIDTHS.values()))
        if f.cell is not None:
            sp.links.append((f"A{row}", sheet_link(f.cell.sheet, f.cell.coord)))
    return row


def _nko_matrix(sp: SheetSpec, row: int, result: FileResult, an: Analysis, lang: str) -> tuple[int, int]:
    """NKO recomputed (filled), predikat and NKO as written, per period; (the NKO row, next free row)."""
    from kinerja_xl.headline import written_nko

    put = sp.put
    put(row, CODE, ui("db_nko_matrix", lang), BIG)
    sp.merge(row, CODE, LAST_COL)
    row += 1
    head = ["", *PERIODS]
    put(row, CODE, None, combine(HEADER, BORDER))
    sp.header(row, head[1:], FIRST, combine(HEADER, BORDER, CENTER))
    for col in (NAME, SS, POLKP):
        put(row, col, None, combine(HEADER, BORDER))
    sp.merge(row, CODE, POLKP)
    row += 1
    nko_row = row
    put(row, CODE, ui("db_nko_recomputed", lang), combine(BOLD, BORDER))
    for col in (NAME, SS, POLKP):
        put(row, col, None, BORDER)
    sp.merge(row, CODE, POLKP)
    for col, period in enumerate(PERIODS, FIRST):
        value = an.nko.get(period)
        put(row, col, value, _num(lang, BOLD, BORDER, fill_key(STATUS_FILL[_status(value, an.profile)])))
    row += 1
    put(row, CODE, ui("predikat", lang).capitalize(), combine(BOLD, BORDER, MIDDLE))
    for col in (NAME, SS, POLKP):
        put(row, col, None, BORDER)
    sp.merge(row, CODE, POLKP)
    for col, period in enumerate(PERIODS, FIRST):
        put(row, col, an.predikat.get(period) or "-", combine(BORDER, CENTER, WRAP, MIDDLE))
    if any(len(v or "") > WIDTHS[FIRST] for v in an.predikat.values()):
        sp.heights[row] = 30
    written = written_nko(result)
    if written:
        row += 1
        put(row, CODE, ui("db_nko_written", lang), combine(BOLD, BORDER))
        for col in (NAME, SS, POLKP):
            put(row, col, None, BORDER)
        sp.merge(row, CODE, POLKP)
        for col, period in enumerate(PERIODS, FIRST):
            if period in written:
                value, cell = written[period]
                put(row, col, value, _num(lang, BORDER, LINK if cell else None))
                if cell is not None:
                    sp.links.append((f"{_letter(col)}{row}", sheet_link(cell.sheet, cell.coord)))
            else:
                put(row, col, None, BORDER)
    return nko_row, _relabelled_row(sp, row, result, lang) + 2


def _relabelled_row(sp: SheetSpec, row: int, result: FileResult, lang: str) -> int:
    """With KX021: a row of the NKO the workbook would have with its Pol/KP labels corrected; the last row."""
    relabelled = getattr(result, "nko_relabelled", None)
    if not relabelled:
        return row
    row += 1
    sp.put(row, CODE, ui("fx_nko_relabelled_row", lang), combine(BOLD, BORDER))
    for col in (NAME, SS, POLKP):
        sp.put(row, col, None, BORDER)
    sp.merge(row, CODE, POLKP)
    for col, period in enumerate(PERIODS, FIRST):
        sp.put(row, col, relabelled.get(period), _num(lang, BORDER))
    return row


def _charts(
    sp: SheetSpec,
    row: int,
    an: Analysis,
    written: Sequence[float],
    rows: tuple[int, int, int | None],
    iku_rows: tuple[int, int],
    period: str | None,
    lang: str,
) -> None:
    """NKO per period, recomputed beside written, with the line at 100 (left); Nilai per IKU for the
    reported period (right), a Nilai of 0 labelled 0 (N/A has no bar and no label). Values labelled,
    axes from 0 in the language's format. ``rows``: the header, recomputed and written NKO rows."""
    header_row, nko_row, written_row = rows
    colors: list[str | None] = [STATUS_CHART[_status(an.nko.get(p), an.profile)] for p in PERIODS]
    # the axis up to a step above the cap (and any written NKO above it): the line at 100 well inside
    top = max([an.profile.cap if an.profile else 120.0, *written])
    y_max = (int(top) // 20 + 1) * 20
    sp.charts.append(
        ChartSpec(
            ui("db_chart_nko", lang),
            ui("nko", lang),
            cats=(FIRST, header_row, LAST_COL, header_row),
            vals=(FIRST, nko_row, LAST_COL, nko_row),
            anchor=(CODE, row),
            name=ui("db_nko_recomputed", lang),
            colors=colors,
            size_cm=(12.5, 7.5),
            y_min=0,
            y_max=y_max,
            num_format=number_format(lang),
            vals2=(FIRST, written_row, LAST_COL, written_row) if written_row else None,
            color=STATUS_CHART["hijau"],
            name2=ui("db_nko_written", lang),
            color2=WRITTEN_CHART,
            axis_format=number_axis_format(lang),
            major_unit=100,
            minor_unit=20,
        )
    )
    first, last = iku_rows
    if period is None or last < first:
        return
    col = FIRST + PERIODS.index(period)
    colors = [STATUS_CHART[s.periods[period].status] if period in s.periods else None for s in an.ikus]
    sp.charts.append(
        ChartSpec(
            ui("db_chart_iku", lang).format(period=period),
            ui("db_nilai_axis", lang),
            cats=(CODE, first, CODE, last),
            vals=(col, first, col, last),
            anchor=(POLKP, row),
            name=f"{ui('wb_nilai', lang)} {period}",
            colors=colors,
            size_cm=(14.5, 7.5),
            y_min=0,
            y_max=y_max,
            num_format=number_axis_format(lang),  # whole numbers: 23 bars side by side, 0 shown as 0
            axis_format=number_axis_format(lang),
            major_unit=100,
            minor_unit=20,
        )
    )


def _chart_period(an: Analysis, period: str | None) -> str | None:
    """The reported period, else the latest period with any recomputed Nilai."""
    if period in PERIODS:
        return period
    return next(
        (p for p in reversed(PERIODS) if any(s.periods.get(p) and s.periods[p].nilai is not None for s in an.ikus)),
        None,
    )


def ringkasan_spec(result: FileResult, lang: str = "id", lost: Iterable[str] = ()) -> SheetSpec:
    """The Ringkasan sheet of a FileResult (workbook, analysis, profile, findings) as a spec."""
    sp = SheetSpec(RINGKASAN, number_style=num_key(lang), page=PrintSpec(title_rows=(1, 1)))
    sp.widths = dict(WIDTHS)
    h = headline(result)
    units = result.units
    if units:  # a workbook of several units: the headline names them, a table of their NKO, a section each
        h.unit, h.nko = ", ".join(str(u.unit) for u in units), []
    row = _headline_rows(sp, result, h, lang, list(lost))
    if result.analysis is None:
        return sp
    if not units:
        _body(sp, row, result, lang)
        return sp
    row = _units_table(sp, row, units, lang)
    for n, part in enumerate(units, 1):
        sp.page.breaks.append(row)
        title = ui("unit_section", lang).format(n=n, count=len(units), unit=part.unit)
        sp.put(row, CODE, title, TITLE)
        sp.merge(row, CODE, LAST_COL)
        sp.heights[row] = 22
        row = _body(sp, row + 2, part, lang) + CHART_ROWS + 2
    return sp


def _units_table(sp: SheetSpec, row: int, units: list[FileResult], lang: str) -> int:
    """One row per unit: its NKO Y as written and recomputed, predikat, counts and verdict; the next free row."""
    sp.put(row, CODE, ui("units_title", lang), BIG)
    sp.merge(row, CODE, LAST_COL)
    row += 1
    head = [ui("wb_unit", lang), "", "", "", ui("db_written", lang), ui("db_recomputed", lang)]
    head += [ui("predikat", lang).capitalize(), *(ui(sev, lang).capitalize() for sev in ("error", "warning", "info"))]
    sp.header(row, head, key=combine(HEADER, BORDER, CENTER))
    sp.merge(row, CODE, POLKP)
    for part in units:
        row += 1
        h = headline(part)
        line = next((x for x in h.nko if x.period == "Y"), None)
        sp.put(row, CODE, part.unit, combine(BOLD, BORDER))
        for col in (NAME, SS, POLKP):
            sp.put(row, col, None, BORDER)
        sp.merge(row, CODE, POLKP)
        if line is not None:
            wrong = flag_style("error") if line.differs else None  # a finding's mark, never a status fill
            sp.put(row, FIRST, line.written, _num(lang, BORDER, wrong))
            sp.put(row, FIRST + 1, line.recomputed, _num(lang, BOLD, BORDER, fill_key(STATUS_FILL[line.status])))
            sp.put(row, FIRST + 2, line.predikat or "-", combine(BORDER, CENTER))
        for i, sev in enumerate(("error", "warning", "info")):
            n = h.counts.get(sev, 0)
            sp.put(row, FIRST + 3 + i, n, combine(BORDER, CENTER, flag_style(sev) if n else None))
    return row + 2


def _body(sp: SheetSpec, row: int, result: FileResult, lang: str) -> int:
    """The IKU matrix, NSS, Np, NKO and charts of one unit from ``row``; the row the charts start at."""
    an = result.analysis
    if an is None:  # an unreadable unit: nothing to draw
        return row
    marks = finding_marks(result.findings)
    first, last, notes = _iku_matrix(sp, row, an, marks, label_findings(result.findings), lang)
    iku_rows = (first, last)
    row = _label_notes(sp, last, notes, lang) + 2
    sp.page.breaks.append(row)  # page 1: headline and IKU matrix; then the aggregates and charts
    nss_rows = [([(ss, CENTER), (an.ss_names.get(ss, ss), WRAP)], by_period) for ss, by_period in an.nss.items()]
    head = [ui("wb_ss", lang), ui("db_ss_name", lang), "", "", *PERIODS]
    row = _nss_block(sp, row, ui("wb_nss_table", lang), head, nss_rows, an.profile, lang)
    if an.np:
        np_rows = [
            (
                [(persp, PLAIN), (None, PLAIN), (an.perspective_weights.get(persp), num_key(lang))],
                by_period,
            )
            for persp, by_period in an.np.items()
        ]
        row = _np_block(sp, row, np_rows, an.profile, lang)
    nko_row, after = _nko_matrix(sp, row, result, an, lang)
    period = _chart_period(an, result.workbook.period if result.workbook else None)
    written_row = nko_row + 2 if written_nko(result) else None  # under NKO hitung ulang and Predikat
    written = [v for v, _ in written_nko(result).values()]
    _charts(sp, after, an, written, (nko_row - 1, nko_row, written_row), iku_rows, period, lang)
    return after


def _nss_block(
    sp: SheetSpec, row: int, title: str, head: list[str], rows: Sequence[BlockRow], profile: Profile, lang: str
) -> int:
    """NSS per SS: code, name (over columns B..D), one value per period."""
    sp.put(row, CODE, title, BIG)
    sp.merge(row, CODE, LAST_COL)
    row += 1
    sp.header(row, head, key=combine(HEADER, BORDER, CENTER))
    sp.merge(row, NAME, POLKP)
    for labels, by_period in rows:
        row += 1
        (code, code_key), (name, name_key) = labels
        sp.put(row, CODE, code, combine(BORDER, code_key, MIDDLE))
        sp.put(row, NAME, name, combine(BORDER, name_key, MIDDLE))
        sp.fit_row(row, name, WIDTHS[NAME] + WIDTHS[SS] + WIDTHS[POLKP])
        sp.put(row, SS, None, BORDER)
        sp.put(row, POLKP, None, BORDER)
        sp.merge(row, NAME, POLKP)
        for col, period in enumerate(PERIODS, FIRST):
            value = by_period.get(period)
            sp.put(row, col, value, _num(lang, BORDER, MIDDLE, fill_key(STATUS_FILL[_status(value, profile)])))
    return row + 2


def _np_block(sp: SheetSpec, row: int, rows: Sequence[BlockRow], profile: Profile, lang: str) -> int:
    """Np per perspective: name (columns A..B), weight %, one value per period."""
    sp.put(row, CODE, ui("wb_np_table", lang), BIG)
    sp.merge(row, CODE, LAST_COL)
    row += 1
    sp.header(row, [ui("wb_perspective", lang), "", "%", "", *PERIODS], key=combine(HEADER, BORDER, CENTER))
    sp.merge(row, CODE, NAME)
    for labels, by_period in rows:
        row += 1
        (name, _), _, (weight, weight_key) = labels
        sp.put(row, CODE, name, BORDER)
        sp.put(row, NAME, None, BORDER)
        sp.merge(row, CODE, NAME)
        sp.put(row, SS, weight, combine(BORDER, weight_key) if weight is not None else BORDER)
        sp.put(row, POLKP, None, BORDER)
        for col, period in enumerate(PERIODS, FIRST):
            value = by_period.get(period)
            sp.put(row, col, value, _num(lang, BORDER, fill_key(STATUS_FILL[_status(value, profile)])))
    return row + 2


def _rincian_findings(sp: SheetSpec, row: int, cells: list[tuple[int, Any, str]], found: list[Finding]) -> None:
    """A Rincian row's Temuan cell: its codes, marked by the worst one, linked to that one's cell."""
    if not found:
        return
    codes = ", ".join(dict.fromkeys(f.code for f in found))
    sev = found[0].severity.value
    text = f"{MARKS[sev]} {codes}"
    cells.append((13, text, combine(LINK, TOP, flag_style(sev))))
    cell = found[0].cell
    if cell is not None:
        sp.links.append((f"M{row}", sheet_link(cell.sheet, cell.coord)))


def rincian_spec(result: FileResult, lang: str = "id") -> SheetSpec:
    """Rincian: one row per IKU and period with written vs recomputed capaian and Nilai, filterable."""
    sp = SheetSpec(RINCIAN, number_style=num_key(lang), page=PrintSpec(title_rows=(1, 1)))
    head = [
        ui("iku", lang),
        ui("db_iku_name", lang),
        ui("wb_ss", lang),
        "Pol/KP",
        ui("period", lang).capitalize(),
        ui("db_target", lang),
        ui("db_realisasi", lang),
        ui("wb_capaian_reported", lang),
        ui("wb_capaian", lang),
        ui("wb_nilai_reported", lang),
        ui("wb_nilai", lang),
        ui("wb_status", lang),
        ui("findings", lang).capitalize(),
    ]
    sections = sections_of(result.workbook)  # a Seksi column, last, when any section is known
    if sections:
        head.append(ui("wb_seksi", lang))
    sp.header(1, head, key=combine(HEADER, BORDER, CENTER))
    sp.heights[1] = 45
    sp.widths = dict(enumerate(RINCIAN_WIDTHS, start=1))
    sp.freeze = "C2"
    an = result.analysis
    row = 1
    if an is None:
        sp.autofilter = f"A1:{_letter(len(head))}1"
        return sp
    num = combine(num_key(lang), TOP)  # every cell of a row top-aligned, as its wrapped name
    status_keys = {k: combine(fill_key(v), TOP, INDENT) for k, v in STATUS_FILL.items()}  # off the numbers
    # a workbook of several units: each unit's IKU with its own findings (codes repeat across units);
    # every row of a KX021 IKU names and links its Pol/KP finding
    parts = [(u.analysis.ikus, u.findings) for u in result.units if u.analysis]
    scored = [
        (s, by_cell, labels)
        for ikus, findings in parts or [(an.ikus, result.findings)]
        for by_cell, labels in [(_by_iku_period(findings), label_findings(findings))]
        for s in ikus
    ]
    for s, by_cell, labels in scored:
        iku = s.iku
        for period in PERIODS:
            ps = s.periods.get(period)
            if ps is None or all(
                v is None
                for v in (ps.target, ps.realisasi, ps.capaian, ps.nilai, ps.capaian_reported, ps.nilai_reported)
            ):
                continue
            row += 1
            cells: list[tuple[int, Any, str]] = [(1, iku.code or "-", TOP), (2, iku.name, WRAP), (3, s.ss, TOP)]
            sp.fit_row(row, iku.name, 40)
            cells += [(4, f"{iku.polarisasi}/{iku.konsolidasi}", TOP), (5, period, TOP)]
            values = (ps.target, ps.realisasi, ps.capaian_reported, ps.capaian, ps.nilai_reported, ps.nilai)
            for col, value in enumerate(values, 6):
                is_num = isinstance(value, (int, float)) and not isinstance(value, bool)
                cells.append((col, value, num if is_num else TOP))
            cells.append((12, ps.status, status_keys.get(ps.status, TOP)))
            found = by_cell.get((iku_key(iku), period), [])
            if iku_key(iku) in labels:
                found = [*found, labels[iku_key(iku)]]
            _rincian_findings(sp, row, cells, found)
            if sections:
                cells.append((14, sections.get(iku_key(iku), ""), TOP))
            sp.rows[row] = cells
    sp.max_col = len(head)
    sp.autofilter = f"A1:{_letter(len(head))}{row}"
    return sp


def _by_iku_period(findings: list[Finding]) -> dict[tuple[str, str | None], list[Finding]]:
    """(IKU, period) -> its findings, worst first."""
    by_cell: dict[tuple[str, str | None], list[Finding]] = {}
    for f in sorted(findings, key=lambda f: (-f.severity.rank, f.sort_key())):
        if f.iku:
            by_cell.setdefault((f.iku, f.period), []).append(f)
    return by_cell
