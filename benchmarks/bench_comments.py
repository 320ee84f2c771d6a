"""How the annotated copy's time grows with the number of commented cells (issue 9: 10,000 tiny blocks).

Run ``python benchmarks/bench_comments.py [N ...]`` from the repository root (default 1000 2500
5000 10000). For each N it writes a workbook of N tiny IKU blocks (xlsxwriter), each with one
wrong Capaian, so the copy gets about 2 N filled and commented cells. It reads and checks the
file once (not timed), then times only ``write_annotated`` (package writer), best of 3 under
5,000 blocks, once above. Linear growth shows as a constant ms per block.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "benchmarks" / "_work"
sys.path.insert(0, str(ROOT))

LABELS = ["T/R", "Q1", "Q2", "Sm.I", "Q3", "s.d. Q3", "Q4", "Y-24", "Pol/ K P"]


def build(path: Path, blocks: int) -> Path:
    """N blocks of 6 rows stacked on one sheet, one wrong Capaian (Q1) in each."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("IKU")
    ws.write(0, 0, "MONITORING CAPAIAN IKU KPKNL BENCH TAHUN 2024")
    row = 2
    for n in range(blocks):
        ws.write(row, 1, f"Nama IKU : Indikator {n} ({n % 9 + 1}a-CP{n})")
        ws.write_row(row + 1, 0, LABELS)
        ws.write_row(row + 2, 0, ["Target", *[100] * 7, "Max/TLK"])
        ws.write_row(row + 3, 0, ["Realisasi", *[90] * 7])
        ws.write_row(row + 4, 0, ["Capaian", 95, *[90] * 6])
        ws.write_row(row + 5, 0, ["Nilai Kinerja", *[90] * 7])
        row += 7
    wb.close()
    return path


def measure(blocks: int) -> tuple[int, float]:
    """(commented cells, best seconds of write_annotated) for a workbook of ``blocks`` blocks."""
    from kinerja_xl.api import check_file
    from kinerja_xl.config import Settings
    from kinerja_xl.writers.annotate import cell_notes, write_annotated

    WORK.mkdir(parents=True, exist_ok=True)
    src = build(WORK / f"comments-{blocks}.xlsx", blocks)
    result = check_file(src, Settings(annotate=False))
    notes = sum(1 for n in cell_notes(result.findings).values() if n.lines)
    best = float("inf")
    for _ in range(3 if blocks < 5000 else 1):
        start = time.perf_counter()
        write_annotated(result, WORK / f"comments-{blocks}.checked.xlsx", fallback=False)
        best = min(best, time.perf_counter() - start)
    return notes, best


def main(argv: list[str]) -> None:
    sizes = [int(a) for a in argv] or [1000, 2500, 5000, 10000]
    print(f"{'blocks':>7} {'comments':>9} {'write s':>9} {'ms/block':>9}")
    for n in sizes:
        notes, secs = measure(n)
        print(f"{n:>7} {notes:>9} {secs:>9.2f} {1000 * secs / n:>9.2f}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
