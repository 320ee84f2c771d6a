"""`kinerja-xl fix` against `kinerja-xl check` on the 2,000-IKU workbook of bench.py (issue 20: fix/check <= 1.1).

Run ``python benchmarks/bench_fix.py [N]`` from the repository root (default 2000 blocks). It builds
the workbook once (bench.build_workbook, 3% wrong cells), then times, best of 3 in CPU seconds of
this process (other processes on a busy machine do not count), ``api.check`` writing the annotated
copy and ``api.fix`` writing the fixed copy, and prints both and their ratio.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def best(run, repeats: int = 3) -> float:
    """The least CPU time of ``repeats`` calls."""
    times = []
    for _ in range(repeats):
        start = time.process_time()
        run()
        times.append(time.process_time() - start)
    return min(times)


def main(argv: list[str]) -> int:
    import bench

    from kinerja_xl import api
    from kinerja_xl.config import Settings

    blocks = int(argv[0]) if argv else 2000
    work = bench.WORK / "fix"
    work.mkdir(parents=True, exist_ok=True)
    src = work / f"bench-{blocks}-2024-q4.xlsx"
    if not src.exists():
        bench.build_workbook(src, blocks)
    check = best(lambda: api.check([src], Settings(out_dir=work / "checked")))
    fix = best(lambda: api.fix([src], Settings(out_dir=work / "fixed")))
    (fr,) = api.fix([src], Settings(out_dir=work / "fixed")).files
    print(f"{blocks} IKU: check {check:.2f} s, fix {fix:.2f} s (CPU), fix/check {fix / check:.2f} (target <= 1.1)")
    print(f"  {len(fr.fix_plan.fixes)} cells fixed in {fr.fix_plan.rounds} rounds")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
