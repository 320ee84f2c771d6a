"""ringkasan-batch.xlsx: the manager's view of a quarter, written with xlsxwriter, atomically.

Sheets, in tab order (``batch_sheets``):

* ``Ringkasan Batch``: one row per checked file, NKO per period filled by status, predikat,
  counts, status and a link to each annotated copy; filters, frozen header, and a chart of NKO
  per unit for each file's reported period;
* ``Temuan Batch``: every finding of every file (file, Sheet!Cell linking into the annotated
  copy, IKU, code, message), filterable: the single to-do list for the quarter.

A new sheet (a per-unit year sheet, say) is one more entry in ``batch_sheets``, or passed to
``write_batch(extra=...)``: a function ``(BatchBook, run) -> None`` that adds its sheet with
``BatchBook.add_sheet`` (print settings included) and the shared formats of ``BatchBook.fmt``.

The rows of every sheet go to disk as they are written (xlsxwriter's constant_memory, unless the
run has many year sheets): a sheet writes its rows top to bottom (a row's height before the next
row) and gives a chart the cache of the cells it plots (``batch_chart.chart_cache``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kinerja_xl import scoring
from kinerja_xl.findings import Finding
from kinerja_xl.headline import headline
from kinerja_xl.messages import ui
from kinerja_xl.model import PERIODS
from kinerja_xl.outputs import KIND_BATCH, PROPERTY, excel_text, publish, shown, temp_path
from kinerja_xl.results import FileResult, RunResult
from kinerja_xl.writers.summary_sheet import (
    BORDER_COLOR,
    FLAG_COLOR,
    HEADER_FILL,
    LINK_COLOR,
    SEVERITY_FILL,
    STATUS_FILL,
    footer_text,
    number_format,
    sections_of,
    severity_text,
    text_height,
)

SHEET = "Ringkasan Batch"
FINDINGS_SHEET = "Temuan Batch"
PERIODS_SHEET = "NKO per Periode"  # the per-period columns, beside the one-page table of SHEET
STATUS_FILLS = {"errors": STATUS_FILL["merah"], "warnings": STATUS_FILL["kuning"], "ok": STATUS_FILL["hijau"]}
STATUS_FILLS["unreadable"] = STATUS_FILL["abu-abu"]
NKO_FIRST = 6  # column (0-based) of NKO Q1 on the summary sheet
MESSAGE_WIDTH = 70
MESSAGE_COL = 10  # Temuan Batch's message (0-based); a Seksi column may follow it


@dataclass
class BatchBook:
    """The workbook being written, its language, and cached formats shared by every sheet."""

    book: Any  # xlsxwriter.Workbook (untyped)
    lang: str
    dst: Path
    _formats: dict[tuple[Any, ...], Any] = field(default_factory=dict)
    _targets: dict[Path, str] = field(default_factory=dict)  # link(): an output's URL path, made once

    def fmt(self, **props: Any) -> Any:
        """An xlsxwriter format with these properties, created once per distinct set."""
        key = tuple(sorted(props.items()))
        if key not in self._formats:
            self._formats[key] = self.book.add_format(props)
        return self._formats[key]

    @property
    def number(self) -> str:
        """Two decimals in the language's convention (see summary_sheet.number_format)."""
        return number_format(self.lang)

    @property
    def number_axis(self) -> str:
        """A chart axis: whole numbers in the language's convention."""
        return "[$-421]#,##0" if self.lang == "id" else "#,##0"

    def header_format(self) -> Any:
        return self.fmt(
            bold=True,
            bg_color="#" + HEADER_FILL,
            border=1,
            border_color="#" + BORDER_COLOR,
            text_wrap=True,
            valign="vcenter",
        )

    def add_sheet(self, name: str, *, header_rows: int = 1) -> Any:
        """A new worksheet that prints landscape on A4, one page wide, its header rows on every page."""
        ws = self.book.add_worksheet(name)
        print_setup(ws, header_rows, self.lang)
        return ws

    def table_sheet(self, name: str, header: list[str]) -> Any:
        """A new sheet (see add_sheet) with its header row written in the header format."""
        ws = self.add_sheet(name)
        head = self.header_format()
        for col, text in enumerate(header):
            ws.write_string(0, col, text, head)
        return ws

    def link(self, output: Path | None, sheet: str | None = None, cell: str | None = None) -> str | None:
        """An 'external:' URL to an annotated copy (relative to the batch file), optionally to one cell."""
        if output is None:
            return None
        if output not in self._targets:  # a copy is linked from every sheet and each of its findings
            try:
                target = os.path.relpath(output, self.dst.parent)
            except ValueError:  # another drive on Windows
                target = str(output)
            self._targets[output] = "external:" + _uri_path(target.replace("\\", "/"))
        url = self._targets[output]
        if sheet and cell:
            url += "#'" + sheet.replace("'", "''") + "'!" + cell.split(":")[0].replace("$", "")
        return url


# Characters a file name may hold that a link's URI must escape: "%" first (so a name's own "%20"
# stays "%20" in the name), "#" (else it starts the cell part), and those xlsxwriter would escape.
_URI_ESCAPES = [("%", "%25"), ("#", "%23"), (" ", "%20"), ('"', "%22"), ("<", "%3c"), (">", "%3e")]
_URI_ESCAPES += [("[", "%5b"), ("]", "%5d"), ("^", "%5e"), ("`", "%60"), ("{", "%7b"), ("}", "%7d")]


def _uri_path(path: str) -> str:
    """A relative file path as the path of a link's URI (Excel reads the target as a URI)."""
    for char, escaped in _URI_ESCAPES:
        path = path.replace(char, escaped)
    return path


BatchSheet = Callable[[BatchBook, Any], None]


def print_setup(ws: Any, header_rows: int = 1, lang: str = "id") -> None:
    """Print an xlsxwriter sheet landscape on A4, one page wide, the first ``header_rows`` on every
    page, the file name and ``Halaman &P dari &N`` in the footer."""
    ws.set_footer(footer_text(lang))
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    if header_rows > 0:
        ws.repeat_rows(0, header_rows - 1)
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)
    ws.center_horizontally()


def _label(text: str, lang: str) -> str:
    return ui(text, lang).capitalize()


def rows(run: RunResult, lang: str = "id") -> tuple[list[str], list[list[object]]]:
    """The header and one row per file: what the summary sheet shows (also handy for tests)."""
    header = [
        ui("batch_no", lang),
        _label("file", lang),
        ui("batch_unit", lang),
        ui("batch_year", lang),
        _label("period", lang),
        ui("batch_nko_reported", lang),
    ]
    header += [f"NKO {p}" for p in PERIODS]
    header += [
        ui("batch_nko_written", lang),
        f"{_label('predikat', lang)} ({ui('batch_reported', lang)})",
        f"{_label('predikat', lang)} Y",
        _label("error", lang),
        _label("warning", lang),
        _label("info", lang),
        ui("batch_status", lang),
        ui("batch_output", lang),
        ui("batch_note", lang),
    ]
    out: list[list[object]] = []
    for n, (whole, fr) in enumerate(parts(run), 1):
        wb, an = fr.workbook, fr.analysis
        period = wb.period if wb else None
        h = headline(fr)
        written = next((line.written for line in h.nko if line.period == "Y"), None)
        c = fr.counts
        out.append(
            [
                n,
                shown(fr.path.name),
                (wb.unit or ui("unit_unknown", lang)) if wb else None,
                wb.year if wb else None,
                period,
                an.nko.get(period) if an and period else None,
                *[an.nko.get(p) if an else None for p in PERIODS],
                written,
                an.predikat.get(period) if an and period else None,
                an.predikat.get("Y") if an else None,
                c["error"],
                c["warning"],
                c["info"],
                ui(f"status_{(whole if whole.error else fr).status}", lang),
                shown(whole.output) if whole.output else None,
                whole.error_text(lang),
            ]
        )
    return header, out


def parts(run: RunResult) -> list[tuple[FileResult, FileResult]]:
    """(file result, the result a summary row shows): the file itself, or each unit of a workbook of
    several units (FileResult.units: a row per unit)."""
    return [(fr, part) for fr in run.files for part in (fr.units or [fr])]


def _nko_fill(value: Any, fr: FileResult) -> str | None:
    profile = fr.profile or (fr.analysis.profile if fr.analysis else None)
    if not isinstance(value, (int, float)) or profile is None:
        return None
    return STATUS_FILL[scoring.status(value, profile)]


def head_rows(run: RunResult, lang: str = "id") -> tuple[list[str], list[list[object]]]:
    """The one-page table a head of office reads: unit, period, NKO Y written and recomputed, predikat,
    errors, status, the annotated copy; one row per file (per unit of a workbook of several units)."""
    header = [
        ui("batch_no", lang),
        ui("batch_unit", lang),
        _label("period", lang),
        ui("batch_nko_written", lang),
        ui("batch_nko_y", lang),
        f"{_label('predikat', lang)} Y",
        _label("error", lang),
        ui("batch_status", lang),
        ui("batch_output", lang),
    ]
    out: list[list[object]] = []
    for n, (whole, fr) in enumerate(parts(run), 1):
        wb, an = fr.workbook, fr.analysis
        h = headline(fr)
        written = next((line.written for line in h.nko if line.period == "Y"), None)
        out.append(
            [
                n,
                (wb.unit if wb else None) or shown(fr.path.name),
                wb.period if wb else None,
                written,
                an.nko.get("Y") if an else None,
                an.predikat.get("Y") if an else None,
                fr.counts["error"],
                ui(f"status_{(whole if whole.error else fr).status}", lang),
                shown(whole.output) if whole.output else None,
            ]
        )
    return header, out


def summary_sheet(bb: BatchBook, run: RunResult) -> None:
    """Ringkasan Batch: the head of office's one-page table, and a chart of each unit's latest NKO."""
    header, body = head_rows(run, bb.lang)
    ws = bb.table_sheet(SHEET, header)
    ws.set_row(0, 32)
    kinds = {3: "written", 4: "nko", 6: "error", 7: "status", 8: "output"}
    for r, (row, (_, fr)) in enumerate(zip(body, parts(run), strict=True), 1):
        for col, value in enumerate(row):
            _summary_cell(bb, ws, (r, col), value, fr, kind=kinds.get(col, ""))
        ws.set_row(r, 18)
    for col, w in enumerate([4, 26, 8, 12, 12, 14, 10, 14, 34]):
        ws.set_column(col, col, w)
    ws.freeze_panes(1, 2)
    ws.autofilter(0, 0, max(len(body), 1), len(header) - 1)
    if body:
        from kinerja_xl.writers.batch_chart import nko_chart  # imports this module

        nko_chart(bb, ws, run, body, len(header))


def periods_sheet(bb: BatchBook, run: RunResult) -> None:
    """NKO per Periode: one row per file, NKO of every period filled by status, predikat, counts, link to each copy."""
    header, body = rows(run, bb.lang)
    ws = bb.table_sheet(PERIODS_SHEET, header)
    ws.set_row(0, 45)
    cols = {name: i for i, name in enumerate(header)}
    kinds = {col: "nko" for col in range(NKO_FIRST - 1, NKO_FIRST + len(PERIODS))}  # reported, Q1..Y
    kinds[NKO_FIRST + len(PERIODS)] = "written"
    kinds.update({cols[_label(s, bb.lang)]: s for s in ("error", "warning", "info")})
    kinds[cols[ui("batch_status", bb.lang)]] = "status"
    kinds[cols[ui("batch_output", bb.lang)]] = "output"
    for r, (row, (_, fr)) in enumerate(zip(body, parts(run), strict=True), 1):
        for col, value in enumerate(row):
            _summary_cell(bb, ws, (r, col), value, fr, kind=kinds.get(col, ""))
        height = text_height(str(row[-1]), 24) if row[-1] else None  # the note wraps
        if height:
            ws.set_row(r, height)
    widths = (
        [4, 22, 16, 6, 7, 9] + [7.5] * len(PERIODS) + [8, 11, 10, 10.5, 10.5, 5, 13, 26, 24]
    )  # Kesalahan as wide as Peringatan
    for col, w in enumerate(widths[: len(header)]):
        ws.set_column(col, col, w)
    ws.freeze_panes(1, 2)
    ws.autofilter(0, 0, max(len(body), 1), len(header) - 1)


BORDER = {"border": 1, "border_color": "#" + BORDER_COLOR, "valign": "vcenter"}


def _summary_cell(bb: BatchBook, ws: Any, at: tuple[int, int], value: Any, fr: FileResult, kind: str) -> None:
    """One cell of the summary sheet: NKO filled by status, counts by severity, status, link, text."""
    r, col = at
    if kind == "output" and value is not None and fr.output is not None:
        text = shown(fr.output)  # the whole path: two inputs named alike get outputs told apart here
        # shrunk to fit, not wrapped: a path has no space to break at
        link = bb.fmt(font_color="#" + LINK_COLOR, underline=1, shrink=True, **BORDER)
        ws.write_url(r, col, bb.link(fr.output), link, excel_text(text))
    elif value is None:
        ws.write_blank(r, col, None, bb.fmt(**BORDER))
    elif kind == "nko" and isinstance(value, (int, float)):
        fill = _nko_fill(value, fr)
        ws.write_number(r, col, value, bb.fmt(num_format=bb.number, **BORDER, **_bg(fill)))
    elif kind == "written" and isinstance(value, (int, float)):
        recomputed = fr.analysis.nko.get("Y") if fr.analysis else None
        wrong = recomputed is not None and not scoring.matches(value, recomputed, 0.01)
        ws.write_number(r, col, value, bb.fmt(num_format=bb.number, **(_flag("error") if wrong else BORDER)))
    elif kind in SEVERITY_FILL and isinstance(value, int):
        ws.write_number(r, col, value, bb.fmt(align="center", **(_flag(kind) if value else BORDER)))
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        ws.write_number(r, col, value, bb.fmt(**BORDER))
    elif kind == "status":
        ws.write_string(r, col, str(value), bb.fmt(**BORDER, **_bg(STATUS_FILLS[fr.status])))
    else:
        ws.write_string(r, col, excel_text(str(value)), bb.fmt(text_wrap=True, **BORDER))


def _flag(severity: str) -> dict[str, Any]:
    """A cell that carries a finding: bold, a medium border in the severity's colour (fills mean status)."""
    color = "#" + FLAG_COLOR[severity]
    return {"bold": True, "font_color": color, "border": 2, "border_color": color}


def _bg(rgb: str | None) -> dict[str, str]:
    return {"bg_color": "#" + rgb} if rgb else {}


def finding_rows(
    run: RunResult, lang: str = "id"
) -> tuple[list[str], list[tuple[tuple[FileResult, Finding], list[object]]]]:
    """The header and (FileResult, Finding or None, row) of every finding of every file, in file order."""
    header, body = iter_finding_rows(run, lang)
    return header, list(body)


def iter_finding_rows(
    run: RunResult, lang: str = "id"
) -> tuple[list[str], Iterator[tuple[tuple[FileResult, Finding], list[object]]]]:
    """finding_rows with its rows made one at a time (the sheet writes each as it comes)."""
    header = [
        ui("batch_no", lang),
        _label("file", lang),
        ui("batch_unit", lang),
        ui("batch_where", lang),
        ui("iku", lang),
        _label("period", lang),
        _label("code", lang),
        _label("severity", lang),
        ui("wb_actual", lang),
        _label("expected", lang),
        _label("message", lang),
    ]
    sections = {str(fr.path): sections_of(fr.workbook) for fr in run.files}
    with_sections = any(sections.values())  # a Seksi column, last, when any file names sections
    if with_sections:
        header.append(ui("wb_seksi", lang))

    def body() -> Iterator[tuple[tuple[FileResult, Finding], list[object]]]:
        n = 0
        for fr in run.files:
            unit = fr.workbook.unit if fr.workbook else None
            unit_of = {id(f): u.unit for u in fr.units for f in u.findings}
            for f in fr.findings:
                n += 1
                where = f"{f.cell.sheet}!{f.cell.coord}" if f.cell else None
                row = [
                    n,
                    shown(fr.path.name),
                    unit_of.get(id(f), unit),
                    where,
                    f.iku,
                    f.period,
                    f.code,
                    ui(f.severity.value, lang),
                ]
                row += [f.actual, f.expected, f.message(lang)]
                if with_sections:
                    row.append(sections[str(fr.path)].get(f.iku or "") or None)
                yield (fr, f), row

    return header, body()


def findings_sheet(bb: BatchBook, run: RunResult) -> None:
    """Temuan Batch: every finding of every file, Sheet!Cell linking into the annotated copy; filterable."""
    header, body = iter_finding_rows(run, bb.lang)
    ws = bb.table_sheet(FINDINGS_SHEET, header)
    top = {"valign": "top"}
    count = 0
    for r, ((fr, f), row) in enumerate(body, 1):
        count = r
        for col, value in enumerate(row):
            if value is None:
                continue
            if col == 3 and f.cell is not None and fr.output is not None:
                url = bb.link(fr.output, f.cell.sheet, f.cell.coord)
                ws.write_url(
                    r, col, url, bb.fmt(font_color="#" + LINK_COLOR, underline=1, **top), excel_text(str(value))
                )
            elif col == 7:
                sev = f.severity.value
                ws.write_string(r, col, severity_text(sev, bb.lang), bb.fmt(**{**top, **_flag(sev)}))
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                ws.write_number(r, col, value, bb.fmt(num_format=bb.number, **top) if col >= 8 else bb.fmt(**top))
            elif col == MESSAGE_COL:
                ws.write_string(r, col, excel_text(str(value)), bb.fmt(text_wrap=True, indent=1, align="left", **top))
            else:
                ws.write_string(r, col, excel_text(str(value)), bb.fmt(**top))
        height = text_height(str(row[MESSAGE_COL]), MESSAGE_WIDTH)
        if height:
            ws.set_row(r, height)
    widths = [5, 26, 20, 14, 9, 8, 8, 13, 10, 11, MESSAGE_WIDTH, 16]
    for col, w in enumerate(widths):
        ws.set_column(col, col, w)
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, max(count, 1), len(header) - 1)


def year_sheets(bb: BatchBook, run: RunResult) -> None:
    """One sheet per unit and year with two submissions or more (writers/batch_year.py)."""
    from kinerja_xl.writers.batch_year import add_year_sheets

    before = len(bb.book.worksheets())
    add_year_sheets(bb.book, run, bb.lang)
    for ws in bb.book.worksheets()[before:]:
        print_setup(ws, header_rows=0, lang=bb.lang)  # printed like every sheet we write


def batch_sheets() -> list[BatchSheet]:
    """The sheets of ringkasan-batch.xlsx in tab order; a new sheet is one more entry."""
    return [summary_sheet, findings_sheet, periods_sheet, year_sheets]


MAX_STREAMED_YEAR_SHEETS = 50  # write_batch: more year sheets than this, and its cells stay in memory


def write_batch(run: RunResult, dst: Path, lang: str = "id", extra: Iterable[BatchSheet] = ()) -> Path:
    """Write ringkasan-batch.xlsx for a run to ``dst`` (temporary file, then rename) and return it."""
    import xlsxwriter  # type: ignore[import-untyped]  # xlsxwriter ships no stubs

    from kinerja_xl.writers.batch_year import unit_groups

    dst = Path(dst)
    dst.parent.mkdir(parents=True, exist_ok=True)
    tmp = str(temp_path(dst))
    try:
        # Text from the input (names, reasons) must stay text: never a formula, URL or number.
        options = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
        # Rows go to disk as they are written (every sheet here writes its rows in order): a big
        # batch's cells are not all held until close. Each sheet then holds a temporary file open,
        # so a run with many year sheets keeps its cells in memory instead.
        options["constant_memory"] = len(unit_groups(run)) <= MAX_STREAMED_YEAR_SHEETS
        book = xlsxwriter.Workbook(tmp, options)
        book.set_custom_property(PROPERTY, KIND_BATCH)  # marks the file as ours (outputs.py)
        bb = BatchBook(book, lang, dst)
        for sheet in [*batch_sheets(), *extra]:
            sheet(bb, run)
        book.close()
        publish(Path(tmp), dst)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return dst
