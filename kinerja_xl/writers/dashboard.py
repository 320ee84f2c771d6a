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

from collections.abc import Iterable, Sequence
from datetime import datetime

from kinerja_xl.analysis import Analysis, IkuScore
from kinerja_xl.findings import Finding
from kinerja_xl.headline import Headline, headline, verdict_text, written_nko
from kinerja_xl.messages import ui
from kinerja_xl.model import PERIODS
from kinerja_xl.profiles import Profile
from kinerja_xl.results import FileResult
from kinerja_xl.writers.dashboard_charts import _chart_period, _charts
from kinerja_xl.writers.dashboard_layout import (
    CHART_ROWS,
    CODE,
    FIRST,
    LAST_COL,
    MARKS,
    NAME,
    POLKP,
    SS,
    VERDICT_FILL,
    WIDTHS,
    BlockRow,
    _flag,
    _letter,
    _num,
    _ref,
    _status,
    finding_marks,
    iku_key,
    label_findings,
    label_note,
    other_nilai,
)
from kinerja_xl.writers.summary_sheet import (
    BIG,
    BOLD,
    BORDER,
    CENTER,
    FLAG_COLOR,
    HEADER,
    ITALIC,
    LINK,
    MIDDLE,
    PLAIN,
    RINGKASAN,
    STATUS_FILL,
    TITLE,
    WRAP,
    PrintSpec,
    SheetSpec,
    assumption_texts,
    combine,
    fill_key,
    flag_key,
    flag_style,
    num_key,
    severity_text,
    sheet_link,
)

# (IKU code, its KX021 finding, its scores, period -> Nilai under the other polarisasi)
LabelNote = tuple[str, Finding, IkuScore, dict[str, float | None]]


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
    middle = combine(BORDER, CENTER, MIDDLE)
    # the keys of a period cell without a finding, by status (the same few for ~14,000 cells)
    plain = {
        st: (combine(middle, fill_key(rgb), None), _num(lang, BORDER, MIDDLE, fill_key(rgb), None, mark=""))
        for st, rgb in STATUS_FILL.items()
    }
    for s in an.ikus:
        row += 1
        iku = s.iku
        key = iku_key(iku)
        general = marks.get((key, None))
        # The mark is part of the text: LibreOffice ignores a text format (@" !") on an inline string.
        mark = f" {MARKS[general.severity.value]}" if general else ""
        put(row, CODE, (iku.code or "-") + mark, combine(MIDDLE, LINK, _flag(general) if general else BORDER))
        target = general.cell if general else iku.header_cell
        if target is not None:
            sp.links.append((f"A{row}", sheet_link(target.sheet, target.coord)))
        put(row, NAME, iku.name, combine(BORDER, WRAP, MIDDLE))
        sp.fit_row(row, iku.name, WIDTHS[NAME])
        put(row, SS, s.ss, middle)
        put(row, POLKP, f"{iku.polarisasi}/{iku.konsolidasi}", middle)
        relabel = labels.get(key)
        other = other_nilai(s, str(relabel.params.get("fitted")), an.profile) if relabel and an.profile else {}
        for col, period in enumerate(PERIODS, FIRST):
            ps = s.periods.get(period)
            f = marks.get((key, period)) or relabel
            value = ps.nilai if ps else None
            if f is None:
                put(row, col, value, plain[ps.status if ps else "abu-abu"][value is not None])
                continue
            mark = MARKS[f.severity.value]
            fill = fill_key(STATUS_FILL[ps.status if ps else "abu-abu"])
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
