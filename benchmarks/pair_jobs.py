"""--jobs 1 and --jobs 2 on the 1,000-file folder for two checkouts, in turn: a before/after pair.

    git archive --format=tar <commit> | (mkdir /tmp/before && tar -x -C /tmp/before)
    python benchmarks/pair_jobs.py /tmp/before [--rounds 3]

Each run is bench.py's own child of that checkout (its imports done before the clock starts) in a
fresh process, the checkouts alternating, so a drift of the machine's speed falls on both sides.
Prints each run, then per checkout the medians of --jobs 1 and --jobs 2, their ratio and the
peak memory (parent + largest worker). With --whole each run is instead the whole command a person
runs, `python -m kinerja_xl check FOLDER --jobs N --format text` at 100 columns, start-up and
report included (its wall time; no memory).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "benchmarks" / "_work" / "offices-1000"


def child_source(root: Path) -> str:
    """The CHILD program of that checkout's bench.py."""
    text = (root / "benchmarks" / "bench.py").read_text(encoding="utf-8")
    return text.split('CHILD = r"""', 1)[1].split('"""', 1)[0]


def child(root: Path, mode: str, out: Path, env: dict[str, str]) -> dict[str, float]:
    """bench.py's child of that checkout: its seconds and peak memory."""
    cmd = [sys.executable, "-c", child_source(root), mode, str(FOLDER), str(out)]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=root, env=env, check=True)
    got: dict[str, float] = json.loads(proc.stdout.strip().splitlines()[-1])
    return got


def whole(root: Path, mode: str, out: Path, env: dict[str, str]) -> dict[str, float]:
    """The whole command of that checkout, as a person runs it: its wall time."""
    jobs = mode.rsplit("-", 1)[1]
    cmd = [sys.executable, "-m", "kinerja_xl", "check", str(FOLDER), "--jobs", jobs, "--out", str(out)]
    t0 = time.perf_counter()
    proc = subprocess.run([*cmd, "--format", "text"], capture_output=True, cwd=root, env={**env, "COLUMNS": "100"})
    seconds = time.perf_counter() - t0
    if proc.returncode not in (0, 1):
        raise RuntimeError(proc.stderr.decode()[-1000:])
    return {"seconds": seconds, "maxrss_mb": 0.0, "children_maxrss_mb": 0.0}


def main() -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("before", type=Path, help="the other checkout (the commit before)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--whole", action="store_true", help="time the whole command with its text report")
    args = ap.parse_args()
    if not FOLDER.exists():
        raise SystemExit("build the inputs first: python benchmarks/bench.py --only-build")
    roots = {"before": args.before.resolve(), "after": ROOT}
    runs: dict[tuple[str, str], list[dict[str, float]]] = {}
    out = ROOT / "benchmarks" / "_work" / "out"
    for n in range(args.rounds):
        for side, root in roots.items():
            # which goes first alternates: a process right after a long busy one runs slower here
            for mode in ("check-jobs-1", "check-jobs-2")[:: 1 if n % 2 == 0 else -1]:
                shutil.rmtree(out, ignore_errors=True)
                out.mkdir(parents=True)
                env = {**os.environ, "PYTHONPATH": str(root)}
                got = whole(root, mode, out, env) if args.whole else child(root, mode, out, env)
                runs.setdefault((side, mode), []).append(got)
                mb = got["maxrss_mb"] + got["children_maxrss_mb"]
                print(f"{side:<7} {mode:<13} {got['seconds']:6.2f} s {mb:5.0f} MB", flush=True)
    for side in roots:
        one = [r["seconds"] for r in runs[(side, "check-jobs-1")]]
        two = [r["seconds"] for r in runs[(side, "check-jobs-2")]]
        mb = max(r["maxrss_mb"] + r["children_maxrss_mb"] for r in runs[(side, "check-jobs-2")])
        pairs = ", ".join(f"{a / b:.2f}" for a, b in zip(one, two, strict=True))
        j1, j2 = statistics.median(one), statistics.median(two)
        print(f"{side:<7} --jobs 1 {j1:.2f} s, --jobs 2 {j2:.2f} s, ratio {j1 / j2:.2f} (rounds {pairs}), {mb:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
