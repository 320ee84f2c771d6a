"""Reader speed: read_workbook on a 2,000-IKU workbook (~18,000 rows) against openpyxl's own
read-only open + iterate of the same file, measured in one run and printed as a ratio.

Run: python benchmarks/bench_reader.py [n_iku]   (files go to benchmarks/_work, gitignored)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import openpyxl
import xlsxwriter

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from kinerja_xl.reader import read_workbook  # noqa: E402

WORK = HERE / "_work"
HEADER = ["T/R", "Q1", "Q2", "Sm.I", "Q3", "s.d. Q3", "Q4", "Y-24", "Pol/ K P"]


def build(path: Path, n_iku: int, formulas: bool) -> None:
    """A workbook with a summary table and n_iku stacked blocks (9 rows each)."""
    wb = xlsxwriter.Workbook(str(path))
    pct = wb.add_format({"num_format": "0.00%"})
    num = wb.add_format({"num_format": "0.00"})
    t1 = wb.add_worksheet("Tabel 1")
    t1.write_row(0, 0, ["Kode SS/IKU", "Sasaran Strategis/Indikator Kinerja Utama", "Target", "Realisasi", "Nilai"])
    t1.write(1, 0, "Stakeholder Perspective (100%)")
    ws = wb.add_worksheet("IKU")
    r = 0
    for k in range(n_iku):
        code = f"{k // 20 + 1}{chr(97 + k % 20)}-CP"
        if k % 20 == 0:
            t1.write_row(2 + k + k // 20, 0, [k // 20 + 1, f"Sasaran {k // 20 + 1}"])
        srow = 3 + k + k // 20
        t1.write_row(srow, 0, [code, f"Indikator nomor {k}"])
        t1.write(srow, 2, 1.0, pct)
        t1.write(srow, 3, 0.9 + (k % 7) / 100, pct)
        t1.write(srow, 4, 90 + k % 7, num)
        ws.write(r, 0, "KPKNL BENCH")
        ws.write(r, 1, f"Nama Sasaran Strategis : Sasaran {k // 20 + 1}")
        ws.write(r + 1, 1, f"Nama IKU : Indikator nomor {k}")
        ws.write_row(r + 2, 0, HEADER)
        target = [0.25, 0.5, 0.5, 0.75, 0.75, 1.0, 1.0]
        real = [t * (0.9 + (k % 7) / 100) for t in target]
        ws.write(r + 3, 0, "Target")
        ws.write(r + 4, 0, "Realisasi")
        ws.write(r + 5, 0, "Capaian")
        ws.write(r + 6, 0, "Nilai Kinerja")
        for i in range(7):
            ws.write_number(r + 3, 1 + i, target[i], pct)
            ws.write_number(r + 4, 1 + i, real[i], pct)
            col = xlsxwriter.utility.xl_col_to_name(1 + i)
            cap = real[i] / target[i]
            if formulas:
                ws.write_formula(r + 5, 1 + i, f"={col}{r + 5}/{col}{r + 4}", pct, cap)
                ws.write_formula(r + 6, 1 + i, f"=MIN({col}{r + 6}*100,120)", num, min(cap * 100, 120))
            else:
                ws.write_number(r + 5, 1 + i, cap, pct)
                ws.write_number(r + 6, 1 + i, min(cap * 100, 120), num)
        ws.write(r + 3, 8, "Max/TLK")
        r += 9
    wb.close()


def openpyxl_baseline(path: Path) -> int:
    """openpyxl's own cost: read-only open and iterate every cell of every sheet."""
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    n = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            n += len(row)
    wb.close()
    return n


def timed(fn, *args, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn(*args)
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    """Build the workbooks, time both readers, print the ratios."""
    n_iku = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    WORK.mkdir(exist_ok=True)
    for formulas in (False, True):
        path = WORK / f"bench-{n_iku}-{'formulas' if formulas else 'values'}.xlsx"
        build(path, n_iku, formulas)
        wb = read_workbook(path)
        assert len(wb.ikus) == n_iku, len(wb.ikus)
        base = timed(openpyxl_baseline, path)
        ours = timed(read_workbook, path)
        print(
            f"{n_iku} IKU, {'formulas with cached values' if formulas else 'literal values'}: "
            f"openpyxl read-only open+iterate {base:.2f}s, read_workbook {ours:.2f}s, "
            f"ratio {ours / base:.2f}, findings {len(wb.findings)}"
        )


if __name__ == "__main__":
    main()
