"""ringkasan-batch.xlsx: one row per checked file, written with xlsxwriter, atomically."""

from __future__ import annotations

import os
from pathlib import Path

from kinerja_xl.messages import ui
from kinerja_xl.model import PERIODS
from kinerja_xl.outputs import KIND_BATCH, PROPERTY, excel_text, publish, shown, temp_path

SHEET = "Ringkasan Batch"


def rows(run, lang: str = "id") -> tuple[list[str], list[list[object]]]:
    """The header and one row per file: what the batch sheet shows (also handy for tests)."""
    header = [
        ui("batch_no", lang),
        ui("file", lang).capitalize(),
        ui("batch_unit", lang),
        ui("batch_year", lang),
        ui("period", lang).capitalize(),
    ]
    header += [f"NKO {p}" for p in PERIODS]
    header += [
        f"{ui('predikat', lang).capitalize()} ({ui('batch_reported', lang)})",
        f"{ui('predikat', lang).capitalize()} Y",
        ui("error", lang).capitalize(),
        ui("warning", lang).capitalize(),
        ui("info", lang).capitalize(),
        ui("batch_status", lang),
        ui("batch_output", lang),
        ui("batch_note", lang),
    ]
    out: list[list[object]] = []
    for n, fr in enumerate(run.files, 1):
        wb, an = fr.workbook, fr.analysis
        period = wb.period if wb else None
        nko = [an.nko.get(p) if an else None for p in PERIODS]
        pred_period = an.predikat.get(period) if an and period else None
        pred_y = an.predikat.get("Y") if an else None
        c = fr.counts
        out.append(
            [
                n,
                excel_text(shown(fr.path.name)),
                wb.unit if wb else None,
                wb.year if wb else None,
                period,
                *nko,
                pred_period,
                pred_y,
                c["error"],
                c["warning"],
                c["info"],
                ui(f"status_{fr.status}", lang),
                excel_text(shown(fr.output)) if fr.output else None,
                fr.error_text(lang),
            ]
        )
    return header, out


def write_batch(run, dst: Path, lang: str = "id") -> Path:
    """Write ringkasan-batch.xlsx for a run to ``dst`` (temporary file, then rename) and return it."""
    import xlsxwriter

    header, body = rows(run, lang)
    dst = Path(dst)
    dst.parent.mkdir(parents=True, exist_ok=True)
    tmp = str(temp_path(dst))
    try:
        # Text from the input (names, reasons) must stay text: never a formula, URL or number.
        book = xlsxwriter.Workbook(
            tmp, {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
        )
        book.set_custom_property(PROPERTY, KIND_BATCH)  # marks the file as ours (outputs.py)
        ws = book.add_worksheet(SHEET)
        bold = book.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True, "valign": "top"})
        num = book.add_format({"num_format": "0.00"})
        fills = {"errors": "#F8CBAD", "warnings": "#FFE699", "ok": "#C6EFCE", "unreadable": "#D9D9D9"}
        status_fmt = {k: book.add_format({"bg_color": v}) for k, v in fills.items()}
        for col, text in enumerate(header):
            ws.write_string(0, col, text, bold)
        nko_cols = range(5, 5 + len(PERIODS))
        status_col = header.index(ui("batch_status", lang))
        for r, (row, fr) in enumerate(zip(body, run.files), 1):
            for col, value in enumerate(row):
                if value is None:
                    ws.write_blank(r, col, None)
                elif isinstance(value, (int, float)) and not isinstance(value, bool):
                    ws.write_number(r, col, value, num if col in nko_cols else None)
                elif col == status_col:
                    ws.write_string(r, col, str(value), status_fmt.get(fr.status))
                else:
                    ws.write_string(r, col, excel_text(str(value)))  # a reason can be long
        widths = [4, 32, 24, 7, 8] + [9] * len(PERIODS) + [16, 14, 7, 11, 7, 14, 40, 50]
        for col, w in enumerate(widths[: len(header)]):
            ws.set_column(col, col, w)
        ws.freeze_panes(1, 2)
        if body:
            ws.autofilter(0, 0, len(body), len(header) - 1)
        from kinerja_xl.writers.batch_year import add_year_sheets

        add_year_sheets(book, run, lang)  # one sheet per unit and year: the year at a glance
        book.close()
        publish(Path(tmp), dst)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return dst
