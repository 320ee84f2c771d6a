"""Build the sample workbooks from shared/data/kpknl-serang-2024.json (run: python samples/build_samples.py).

kpknl-serang-2024-q4.xlsx   the report exactly as printed (quirks and errors kept)
contoh-bersih-2024-q4.xlsx  the same unit, clean and internally consistent
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DATA = Path(__file__).resolve().parents[2] / "shared/data/kpknl-serang-2024.json"
sys.path.insert(0, str(REPO))

from kinerja_xl import analysis as _analysis
from kinerja_xl.model import (
    PERIODS,
    CellRef,
    Iku,
    Summary,
    SummaryIku,
    SummaryPerspective,
    SummarySs,
    Value,
)
from kinerja_xl.model import (
    Workbook as Model,
)
from kinerja_xl.profiles import load as load_profile
from kinerja_xl.reader.summary import perspective_of

THIN = Side(style="thin", color="808080")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="D9E1F2")
TITLE_FONT = Font(name="Arial", size=12, bold=True)
BOLD = Font(name="Arial", size=10, bold=True)
BODY = Font(name="Arial", size=10)
ROW_KEYS = (
    ("target", "Target"),
    ("realisasi", "Realisasi"),
    ("capaian", "Capaian"),
    ("nilai_kinerja", "Nilai Kinerja"),
)
# Cells the report clearly has as typed text (its row is plain numbers, this one carries a '%').
TEXT_CELLS = {("1b-CP", "nilai_kinerja", 6)}
# Deviation / balance indicators: lower is better (the printed file says Max/TLK for all).
MIN_IKU = {"6a-CP", "7a-CP", "9b-CP"}


def typed(text: str) -> tuple[object, str]:
    """A printed string as an office worker would have typed it: (cell value, number format)."""
    s = text.strip()
    if s in ("", "-"):
        return (None if not s else "-"), "General"
    m = re.fullmatch(r"(-?\d+)(?:,(\d+))?(%?)", s)
    if not m:
        return s, "General"
    whole, dec, pct = m.groups()
    number = float(f"{whole}.{dec}") if dec else float(whole)
    fmt = "0" + ("." + "0" * len(dec) if dec else "")
    if pct:
        return round(number / 100.0, 10), fmt + "%"
    return (int(number) if not dec else number), fmt


def _style(cell, *, bold=False, fill=False, border=True, align=None, fmt=None):
    cell.font = BOLD if bold else BODY
    if fill:
        cell.fill = HEAD_FILL
    if border:
        cell.border = BOX
    if align:
        cell.alignment = align
    if fmt:
        cell.number_format = fmt


def _widths(ws, widths: dict[str, float]) -> None:
    for col, w in widths.items():
        ws.column_dimensions[col].width = w


def write_summary(ws, title: str, rows: list[list[tuple[object, str]]]) -> None:
    """Tabel 1: title, header, then rows of (value, format) cells as given."""
    ws["A1"] = title
    ws["A1"].font = TITLE_FONT
    ws.merge_cells("A1:E1")
    ws["A2"] = "Tabel 1. Capaian Indikator Kinerja Utama"
    ws["A2"].font = BODY
    header = ["Kode SS/IKU", "Sasaran Strategis/Indikator Kinerja Utama", "Target", "Realisasi", "Nilai"]
    for i, h in enumerate(header, start=1):
        _style(
            ws.cell(3, i, h),
            bold=True,
            fill=True,
            align=Alignment(horizontal="center", vertical="center", wrap_text=True),
        )
    r = 4
    for row in rows:
        first = row[0][0]
        is_label_row = isinstance(first, str) and ("Perspective" in first or "NKO" in first)
        for i, (value, fmt) in enumerate(row, start=1):
            c = ws.cell(r, i, value)
            _style(
                c,
                bold=is_label_row,
                fmt=fmt if fmt != "General" else None,
                align=Alignment(horizontal="left" if i <= 2 else "right", vertical="top", wrap_text=i == 2),
            )
        if isinstance(first, str) and "Perspective" in first:
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=5)
        elif isinstance(first, str) and "NKO" in first:
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=4)
        r += 1
    _widths(ws, {"A": 14, "B": 70, "C": 12, "D": 12, "E": 12})
    ws.freeze_panes = "A4"


def write_blocks(ws, title: str, blocks: list[dict]) -> None:
    """The IKU sheet: one block per IKU, stacked, each as the report prints it."""
    ws["A1"] = title
    ws["A1"].font = TITLE_FONT
    r = 3
    for b in blocks:
        ws.cell(r, 1, b["unit"]).font = BOLD
        ws.cell(r, 2, f"Nama Sasaran Strategis : {b['ss_name']}").font = BOLD
        ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=9)
        ws.cell(r + 1, 2, f"Nama IKU : {b['iku_name']}").font = BOLD
        ws.merge_cells(start_row=r + 1, start_column=2, end_row=r + 1, end_column=9)
        for i, label in enumerate(b["header"], start=1):
            _style(ws.cell(r + 2, i, label), bold=True, fill=True, align=Alignment(horizontal="center"))
        for k, (key, label) in enumerate(ROW_KEYS):
            rr = r + 3 + k
            _style(ws.cell(rr, 1, label), bold=True)
            for i, cell in enumerate(b[key]):
                value, fmt = cell
                c = ws.cell(rr, 2 + i, value)
                _style(
                    c,
                    fmt=fmt if fmt != "General" else None,
                    align=Alignment(horizontal="center" if i == 7 else "right"),
                )
            for i in range(len(b[key]), 8):  # Pol/KP column below the Target row stays boxed
                _style(ws.cell(rr, 2 + i))
        r += 8
    _widths(ws, {"A": 16, **{get_column_letter(c): 11 for c in range(2, 9)}, "I": 10})


def _cells(values: list[str], code: str, key: str) -> list[tuple[object, str]]:
    out = []
    for i, text in enumerate(values):
        if (code, key, i) in TEXT_CELLS or (i == 7 and key == "target"):
            out.append((text, "@"))
        else:
            out.append(typed(text))
    return out


def build_serang(data: dict, path: Path) -> None:
    """The report as printed: every quirk and error kept."""
    title = f"LAPORAN KINERJA {data['unit'].upper()} TAHUN {data['year']}"
    wb = Workbook()
    ws = wb.active
    ws.title = "Tabel 1"
    rows = []
    for row in data["summary_table_as_printed"]:
        cells = [typed(x) if i >= 2 else ((int(x) if x.isdigit() else x) or None, "General") for i, x in enumerate(row)]
        if "NKO" in row[0]:
            cells = [(row[0], "General"), (None, "General"), (None, "General"), (None, "General"), typed(row[4])]
        rows.append(cells)
    write_summary(ws, title, rows)
    blocks = []
    for b in data["iku_blocks_as_printed"]:
        blocks.append(
            {
                "unit": b["unit"],
                "ss_name": b["ss_name_as_printed"],
                "iku_name": b["iku_name"],
                "header": b["header"],
                **{key: _cells(b[key], b["code"], key) for key, _ in ROW_KEYS},
            }
        )
    write_blocks(wb.create_sheet("IKU"), title, blocks)
    wb.properties.creator = "Subbagian Umum KPKNL Serang"
    wb.save(path)


def _clean_model(data: dict) -> tuple[Model, dict[str, str]]:
    """The clean workbook's model: T/R quarters from the report, consolidated by TLK."""
    summary = Summary(sheet="Tabel 1", header_cell=CellRef("Tabel 1", "A3"))
    persp = None
    ss = None
    ss_names: dict[str, str] = {}
    iku_rows: dict[str, SummaryIku] = {}
    for row in data["summary_table_as_printed"]:
        label = row[0]
        if perspective_of(label):
            m = re.search(r"\((\d+)%\)", label)
            persp = SummaryPerspective(
                perspective_of(label), label, CellRef("Tabel 1", "A4"), float(m.group(1)) if m else None
            )
            summary.perspectives.append(persp)
        elif label.isdigit():
            ss = label
            ss_names[ss] = row[1]
            summary.ss.append(SummarySs(ss, row[1], CellRef("Tabel 1", "A4"), persp.name))
        elif re.match(r"\d+[a-z]-", label):
            iku_rows[label] = SummaryIku(label, row[1], CellRef("Tabel 1", "A4"), ss, persp.name)
            summary.ikus.append(iku_rows[label])
    model = Model(path="contoh-bersih", summary=summary, year=data["year"])
    for b in data["iku_blocks_as_printed"]:
        code = b["code"]
        iku = Iku(
            code=code,
            name=b["iku_name"],
            sheet="IKU",
            header_cell=CellRef("IKU", "A1"),
            polarisasi="Min" if code in MIN_IKU else "Max",
            konsolidasi="TLK",
            ss=iku_rows[code].ss,
            perspective=iku_rows[code].perspective,
        )
        iku.ss_name = ss_names[iku.ss]
        for key in ("target", "realisasi"):
            q = {p: typed(b[key][i]) for i, p in enumerate(PERIODS) if p in ("Q1", "Q2", "Q3", "Q4")}
            nums = {p: (v * 100 if f.endswith("%") else float(v)) for p, (v, f) in q.items()}
            if key == "target" and code == "8b-N":
                pass  # TLK: the annual target is the Q4 target (80%), as the summary says
            full = {
                "Q1": nums["Q1"],
                "Q2": nums["Q2"],
                "Sm.I": nums["Q2"],
                "Q3": nums["Q3"],
                "s.d. Q3": nums["Q3"],
                "Q4": nums["Q4"],
                "Y": nums["Q4"],
            }
            iku.rows[key] = {p: Value(None, round(v, 6), "number") for p, v in full.items()}
        model.ikus.append(iku)
    return model, ss_names


def build_clean(data: dict, path: Path) -> None:
    """A clean workbook of the same unit: right Pol/KP, consolidated columns and recomputed scores."""
    model, ss_names = _clean_model(data)
    an = _analysis.analyse(model, load_profile("kmk-300-2022"))
    pct_format = {
        code: typed(b["target"][0])[1].endswith("%") for b in data["iku_blocks_as_printed"] for code in [b["code"]]
    }
    title = f"LAPORAN KINERJA {data['unit'].upper()} TAHUN {data['year']}"
    yy = f"Y-{data['year'] % 100:02d}"
    header = ["T/R", "Q1", "Q2", "Sm.I", "Q3", "s.d. Q3", "Q4", yy, "Pol/KP"]
    blocks = []
    summary_rows: list[list[tuple[object, str]]] = []
    by_code = {s.iku.code: s for s in an.ikus}
    for b in data["iku_blocks_as_printed"]:
        code = b["code"]
        score = by_code[code]
        iku = score.iku
        is_pct = pct_format[code]

        def tr(key, p, iku=iku, is_pct=is_pct):
            v = iku.number(key, p)
            return (round(v / 100.0, 8), "0.00%") if is_pct else (v, "0.00")

        cells = {
            "target": [tr("target", p) for p in PERIODS] + [(f"{iku.polarisasi}/{iku.konsolidasi}", "@")],
            "realisasi": [tr("realisasi", p) for p in PERIODS],
            "capaian": [(round(score.periods[p].capaian, 2) / 100.0, "0.00%") for p in PERIODS],
            "nilai_kinerja": [(round(score.periods[p].nilai, 2), "0.00") for p in PERIODS],
        }
        blocks.append(
            {"unit": data["unit"].upper(), "ss_name": ss_names[iku.ss], "iku_name": iku.name, "header": header, **cells}
        )
    # summary: perspective rows, SS rows, IKU rows with the block's Y values, then NKO
    for p in model.summary.perspectives:
        summary_rows.append([(f"{p.name} Perspective ({int(p.weight)}%)", "General")] + [(None, "General")] * 4)
        for s in [s for s in model.summary.ss if s.perspective == p.name]:
            summary_rows.append([(int(s.code), "General"), (s.name, "General")] + [(None, "General")] * 3)
            for score in [x for x in an.ikus if x.iku.ss == s.code]:
                iku = score.iku
                y = score.periods["Y"]
                is_pct = pct_format[iku.code]
                t = (
                    (round(iku.number("target", "Y") / 100, 8), "0.00%")
                    if is_pct
                    else (iku.number("target", "Y"), "0.00")
                )
                r = (
                    (round(iku.number("realisasi", "Y") / 100, 8), "0.00%")
                    if is_pct
                    else (iku.number("realisasi", "Y"), "0.00")
                )
                summary_rows.append(
                    [(iku.code, "General"), (iku.name, "General"), t, r, (round(y.nilai, 2) / 100.0, "0.00%")]
                )
    summary_rows.append(
        [("Nilai Kinerja Organisasi (NKO)", "General")]
        + [(None, "General")] * 3
        + [(round(an.nko["Y"], 2) / 100.0, "0.00%")]
    )
    wb = Workbook()
    ws = wb.active
    ws.title = "Tabel 1"
    write_summary(ws, title, summary_rows)
    write_blocks(wb.create_sheet("IKU"), title, blocks)
    wb.properties.creator = "kinerja-xl samples"
    wb.save(path)


def main() -> None:
    """Build both samples next to this script."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    build_serang(data, HERE / "kpknl-serang-2024-q4.xlsx")
    build_clean(data, HERE / "contoh-bersih-2024-q4.xlsx")
    print(f"wrote {HERE / 'kpknl-serang-2024-q4.xlsx'} and {HERE / 'contoh-bersih-2024-q4.xlsx'}")


if __name__ == "__main__":
    main()
