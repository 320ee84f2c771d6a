"""How long our sheets take on one small workbook: the specs (Ringkasan, Temuan, Rincian) and their
SpreadsheetML, per call, best of several rounds.

    python benchmarks/bench_dashboard.py [workbook.xlsx] [--rounds 7] [--n 50]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kinerja_xl import api  # noqa: E402
from kinerja_xl.config import Settings  # noqa: E402
from kinerja_xl.writers import annotate, dashboard, marks, ooxml, rincian  # noqa: E402
from kinerja_xl.writers import summary_sheet as ss  # noqa: E402


def best(fn, rounds: int, n: int) -> float:
    """CPU milliseconds per call, best of ``rounds`` rounds of ``n`` calls (CPU time: on a shared
    machine wall time mostly measures the neighbours)."""
    out = []
    for _ in range(rounds):
        t = time.process_time()
        for _ in range(n):
            fn()
        out.append((time.process_time() - t) / n * 1000)
    return min(out)


def sheets_xml(fr):
    """The SpreadsheetML of our three sheets, as add_summary_sheets writes it (styles from a fresh package)."""
    from kinerja_xl.writers.ooxml import _open, _prepare
    from kinerja_xl.writers.ooxml.sheets import sheet_xml
    from kinerja_xl.writers.ooxml.styles import summary_xfs

    _, styles, _ = _prepare(_open(fr.path))
    specs = [spec for _, spec in marks.own_sheet_specs(fr, "id")]
    xfs = summary_xfs(styles, {key for spec in specs for key in spec.style_keys()})
    return lambda: [sheet_xml(spec, xfs) for spec in specs]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default=str(ROOT / "samples" / "contoh-bersih-2024-q4.xlsx"))
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--n", type=int, default=30)
    args = parser.parse_args(argv)
    fr = api.check_file(Path(args.path), Settings(annotate=False))
    cases = {
        "ringkasan_spec": lambda: dashboard.ringkasan_spec(fr, "id"),
        "rincian_spec": lambda: rincian.rincian_spec(fr, "id"),
        "temuan_spec": lambda: ss.temuan_spec(fr.findings, "id"),
        "own_sheet_specs": lambda: marks.own_sheet_specs(fr, "id"),
        "sheets_xml": sheets_xml(fr),
        "annotate_package": lambda: ooxml.annotate_package(fr.path, annotate._annotation(fr, "id")),
    }
    print(f"{Path(args.path).name}: {len(fr.findings)} findings")
    for name, fn in cases.items():
        print(f"  {name:18} {best(fn, args.rounds, args.n):7.2f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
