"""Benchmark kinerja-xl against openpyxl: each row of the speed table as a named case, printed as a ratio.

Run ``python benchmarks/bench.py [--quick] [--only NAME ...]`` from the repository root. Every
measurement runs in a fresh child process that first imports what it needs (openpyxl, and
every kinerja_xl module a check imports lazily), then times only the work, so a case's two
sides pay the same start-up, none of it counted. The start-up cases time whole processes.
Each figure is the median of the rounds; the machine is shared, so compare ratios taken in
the same run, not seconds across runs. Peak memory is the child's maximum resident set size.

``jobs`` runs --jobs 1 and --jobs 2 in turn for each round; ``jobs-ceiling`` beside it is what
this machine gives two processes of perfectly parallel pure-Python work (its cores may share a
physical core or a host's load): no --jobs 2 speed-up can beat it. ``jobs-report`` is the same
speed-up of the whole command a person runs (start-up and the text report at 100 columns included,
during which --jobs 2 writes the batch summary). ``folder-memory-growth`` is the peak memory each
1,000 more files add (the folder's first quarter, then the whole folder).

``--quick`` runs every case on small inputs (200 IKU, 40 files, 1,000 IKU for memory) with one
round, asserts nothing about time, and is what tests/test_bench_quick.py runs.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "benchmarks" / "_work"
PERIOD_LABELS = ["Q1", "Q2", "Sm.I", "Q3", "s.d. Q3", "Q4", "Y-24"]
PERSPECTIVES = [
    ("Stakeholder Perspective", 30),
    ("Customer Perspective", 20),
    ("Internal Process Perspective", 25),
    ("Learning and Growth Perspective", 25),
]
BLOCKS_PER_SHEET = 100


# --------------------------------------------------------------------------- generator


def _quarters(rng: random.Random, kind: str) -> tuple[list[float], list[float]]:
    """Quarterly Target and Realisasi (Q1..Q4) for one IKU."""
    if kind == "percent":  # cumulative percent targets, stored as fractions
        t = sorted(round(rng.uniform(0.05, 1.0), 2) for _ in range(4))
        t[3] = 1.0
        r = [round(x * rng.uniform(0.8, 1.4), 4) for x in t]
    else:  # an index or a count, stored as plain numbers
        base = rng.choice([4.0, 80.0, 89.17, 100.0])
        t = [base] * 4
        r = [round(base * rng.uniform(0.85, 1.25), 2) for _ in range(4)]
    return t, r


def _seven(q: list[float]) -> list[float]:
    """The seven period columns under Take Last Known: Q1 Q2 Sm.I(=Q2) Q3 s.d.Q3(=Q3) Q4 Y(=Q4)."""
    return [q[0], q[1], q[1], q[2], q[2], q[3], q[3]]


def build_workbook(
    path: Path, n_blocks: int, seed: int = 1, error_rate: float = 0.03, unit: str = "KPKNL BENCH"
) -> Path:
    """A realistic monitoring workbook: a summary table (Tabel 1) and ``n_blocks`` IKU blocks.

    Capaian cells are formulas with cached values, Nilai cells typed numbers, percent
    rows %-formatted fractions, as offices' files are; about ``error_rate`` of the blocks
    carry one of the classic errors (wrong capaian, Nilai over 120, text, bad Pol/KP).
    """
    import xlsxwriter

    rng = random.Random(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = xlsxwriter.Workbook(str(path))
    bold = wb.add_format({"bold": True, "border": 1, "align": "center"})
    pct = wb.add_format({"num_format": "0.00%", "border": 1})
    num = wb.add_format({"num_format": "0.00", "border": 1})
    txt = wb.add_format({"border": 1})
    summary = wb.add_worksheet("Tabel 1")
    summary.write_row(0, 0, [f"LAPORAN KINERJA {unit} TAHUN 2024"])
    summary.write_row(
        2, 0, ["Kode SS/IKU", "Sasaran Strategis/Indikator Kinerja Utama", "Target", "Realisasi", "Nilai"], bold
    )
    srow = 3
    ikus_per_ss = 2 if n_blocks < 40 else 10
    n_ss = max(1, -(-n_blocks // ikus_per_ss))
    blocks_sheet = None
    block_no = 0
    for ss in range(1, n_ss + 1):
        persp = PERSPECTIVES[min(3, (ss - 1) * 4 // n_ss)]
        if ss == 1 or PERSPECTIVES[min(3, (ss - 2) * 4 // n_ss)] != persp:
            summary.write(srow, 0, f"{persp[0]} ({persp[1]}%)")
            srow += 1
        ss_name = f"Sasaran Strategis {ss}: Pengelolaan Kekayaan Negara yang Akuntabel"
        summary.write_row(srow, 0, [str(ss), ss_name])
        srow += 1
        for k in range(ikus_per_ss):
            if block_no >= n_blocks:
                break
            if block_no % BLOCKS_PER_SHEET == 0:
                blocks_sheet = wb.add_worksheet(f"IKU {block_no // BLOCKS_PER_SHEET + 1}")
                blocks_sheet.set_column(0, 0, 16)
                blocks_sheet.set_column(1, 8, 11)
                brow = 0
            code = f"{ss}{chr(97 + k)}-{'CP' if k % 3 else 'N'}"
            name = f"Persentase Realisasi Indikator {block_no + 1} ({code})"
            kind = "percent" if rng.random() < 0.6 else "index"
            tq, rq = _quarters(rng, kind)
            t7, r7 = _seven(tq), _seven(rq)
            cap7 = [r / t if t else 0.0 for t, r in zip(t7, r7, strict=False)]
            nil7 = [round(min(c * 100, 120.0), 2) for c in cap7]
            polkp = "Max/TLK"
            err = rng.random() < error_rate
            which = rng.randrange(4) if err else -1
            ws = blocks_sheet
            ws.write(brow, 0, unit)
            ws.write(brow, 1, f"Nama Sasaran Strategis : {ss_name}")
            ws.write(brow + 1, 1, f"Nama IKU : {name}")
            ws.write_row(brow + 2, 0, ["T/R", *PERIOD_LABELS, "Pol/ K P"], bold)
            fmt = pct if kind == "percent" else num
            ws.write(brow + 3, 0, "Target", txt)
            ws.write(brow + 4, 0, "Realisasi", txt)
            ws.write(brow + 5, 0, "Capaian", txt)
            ws.write(brow + 6, 0, "Nilai Kinerja", txt)
            for j in range(7):
                col = 1 + j
                letter = chr(65 + col)
                ws.write_number(brow + 3, col, t7[j], fmt)
                if which == 2 and j == 5:
                    ws.write_string(brow + 4, col, "belum ada", txt)
                else:
                    ws.write_number(brow + 4, col, r7[j], fmt)
                cap = cap7[j] * (1.3 if which == 0 and j >= 5 else 1.0)
                if which == 0 and j >= 5:  # typed over the formula, and wrong
                    ws.write_number(brow + 5, col, cap, pct)
                else:
                    ws.write_formula(brow + 5, col, f"={letter}{brow + 5}/{letter}{brow + 4}", pct, cap)
                ws.write_number(brow + 6, col, nil7[j] + (8.5 if which == 1 and j == 6 else 0.0), num)
            ws.write(brow + 3, 8, "Naik/Akhir" if which == 3 else polkp, txt)
            summary.write_row(srow, 0, [code, name.rsplit(" (", 1)[0]])
            summary.write_number(srow, 2, t7[6], fmt)
            summary.write_number(srow, 3, r7[6], fmt)
            summary.write_number(srow, 4, nil7[6] / 100, pct)
            srow += 1
            brow += 8
            block_no += 1
    summary.write(srow, 0, "Nilai Kinerja Organisasi (NKO)")
    summary.write_number(srow, 4, 1.1, pct)
    wb.close()
    return path


def build_inputs(quick: bool) -> dict[str, Path]:
    """The workbooks and the folder, built once (kept in benchmarks/_work/ between runs).

    The folder holds one-office workbooks of distinct units (a ministry-wide quarter: never
    compared with each other)."""
    big, mem, n_files = (200, 1000, 40) if quick else (2000, 10000, 1000)
    out = {}
    for key, n in (("small", 19), ("big", big), ("memory", mem)):
        p = WORK / f"blocks-{n}.xlsx"
        if not p.exists():
            build_workbook(p, n, seed=n)
        out[key] = p
    folder = WORK / f"offices-{n_files}"
    if not folder.exists() or len(list(folder.glob("*.xlsx"))) != n_files:
        shutil.rmtree(folder, ignore_errors=True)
        for i in range(n_files):
            build_workbook(folder / f"kantor-{i:04d}.xlsx", 19, seed=1000 + i, unit=f"KPKNL KANTOR {i:04d}")
    out["folder"] = folder
    # its first quarter, for the growth of memory with the number of files (folder-memory)
    part = WORK / f"offices-{n_files // 4}"
    if not part.exists() or len(list(part.glob("*.xlsx"))) != n_files // 4:
        shutil.rmtree(part, ignore_errors=True)
        part.mkdir(parents=True)
        for f in sorted(folder.glob("*.xlsx"))[: n_files // 4]:
            shutil.copy(f, part / f.name)
    out["folder-part"] = part
    return out


# --------------------------------------------------------------------------- child runs

CHILD = r"""
import json, os, resource, sys, time
mode, path, out = sys.argv[1], sys.argv[2], sys.argv[3]
import openpyxl  # every child pays this import before the clock starts
if not mode.startswith(("loadsave", "readonly")):
    import importlib
    for name in ("kinerja_xl.api", "kinerja_xl.run", "kinerja_xl.config", "kinerja_xl.reader",
                 "kinerja_xl.rules", "kinerja_xl.analysis", "kinerja_xl.profiles", "kinerja_xl.fixes",
                 "kinerja_xl.writers.annotate", "kinerja_xl.writers.json_out", "kinerja_xl.writers.terminal",
                 "kinerja_xl.writers.batch", "kinerja_xl.writers.fixed"):
        try:
            importlib.import_module(name)
        except ImportError:
            pass
t0 = time.perf_counter()
if mode == "loadsave":
    wb = openpyxl.load_workbook(path)
    wb.save(os.path.join(out, "openpyxl-copy.xlsx"))
elif mode == "readonly":
    wb = openpyxl.load_workbook(path, read_only=True)
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            pass
    wb.close()
else:
    # The library API, exactly as `kinerja-xl check` / `fix` drive it (settings resolved the same way).
    from pathlib import Path
    from kinerja_xl import api
    from kinerja_xl.config import resolve_settings
    from kinerja_xl.writers.json_out import iter_json
    cli = {"out_dir": Path(out), "annotate": None, "jobs": None}
    json_out = mode.startswith("check-json")  # check --format json --no-annotate
    if json_out:
        cli["annotate"] = False
    if "-jobs-" in mode:
        cli["jobs"] = int(mode.rsplit("-", 1)[1])
    settings = resolve_settings([Path(path)], cli, None)
    if mode == "fix":
        run = api.fix([path], settings)
    else:
        run = api.check([path], settings, keep_cells=False, keep_scores=json_out)  # as cli.check
        if json_out:  # printed as the CLI prints it, a file at a time
            with open(os.devnull, "w", encoding="utf-8") as sink:
                for piece in iter_json(run):
                    sink.write(piece)
    assert not any(fr.error for fr in run.files), [fr.error for fr in run.files if fr.error][:3]
seconds = time.perf_counter() - t0
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "maxrss_mb": rss, "children_maxrss_mb": kids}))
"""


def child(mode: str, path: Path, rounds: int) -> dict:
    """Median seconds (and the largest peak memory) of ``rounds`` fresh children running one mode on one path."""
    out = WORK / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    runs = []
    for _ in range(rounds):
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir(parents=True)
        proc = subprocess.run(
            [sys.executable, "-c", CHILD, mode, str(path), str(out)], capture_output=True, text=True, env=env, cwd=ROOT
        )
        if proc.returncode != 0 or not proc.stdout.strip():
            raise RuntimeError(f"{mode} on {path.name} failed:\n{proc.stderr[-2000:]}")
        runs.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    return {
        "seconds": statistics.median(r["seconds"] for r in runs),
        "maxrss_mb": max(r["maxrss_mb"] for r in runs),
        "children_maxrss_mb": max(r["children_maxrss_mb"] for r in runs),
    }


SPIN = r"""
import sys, time
def spin(n):
    s = 0
    for i in range(n):
        s += i * i % 7
    return s
t0 = time.perf_counter()
for _ in range(int(sys.argv[2])):
    spin(int(sys.argv[1]))
print(time.perf_counter() - t0)
"""


def ceiling(rounds: int, chunk: int = 15_000_000) -> tuple[float, float, float]:
    """What this machine gives two processes: (one process doing two chunks of pure-Python work,
    two processes doing one chunk each at the same time, their ratio), medians of ``rounds``.
    A --jobs 2 speed-up cannot beat this ratio: the work below is perfectly parallel."""
    ones, twos = [], []
    for _ in range(rounds):
        ones.append(float(subprocess.run([sys.executable, "-c", SPIN, str(chunk), "2"], capture_output=True).stdout))
        t0 = time.perf_counter()
        procs = [subprocess.Popen([sys.executable, "-c", SPIN, str(chunk), "1"], stdout=subprocess.PIPE) for _ in "12"]
        for proc in procs:
            proc.communicate()
        twos.append(time.perf_counter() - t0)
    one, two = statistics.median(ones), statistics.median(twos)
    return one, two, one / two


def process_wall(args: list[str], rounds: int, env_more: dict[str, str] | None = None) -> float:
    """Median wall time of a whole `kinerja-xl ...` process, start-up included."""
    exe = shutil.which("kinerja-xl")
    cmd = [exe, *args] if exe else [sys.executable, "-m", "kinerja_xl", *args]
    env = {**os.environ, "PYTHONPATH": str(ROOT), **(env_more or {})}
    out = WORK / "out"
    times = []
    for _ in range(rounds):
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir(parents=True)
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, env=env, cwd=ROOT)
        times.append(time.perf_counter() - t0)
        if proc.returncode not in (0, 1):
            raise RuntimeError(f"{' '.join(cmd[:3])} failed: {proc.stderr.decode()[-1000:]}")
    return statistics.median(times)


# --------------------------------------------------------------------------- the cases


@dataclass
class Case:
    """One row of the speed table: a measured value against its goal."""

    name: str
    what: str
    goal: float  # 0: no goal, a figure to read beside the others
    unit: str = "ratio"  # "ratio", "s", "x" (speed-up: higher is better), "MB ratio"
    higher_is_better: bool = False

    def verdict(self, value: float) -> str:
        ok = value >= self.goal if self.higher_is_better else value <= self.goal
        return "ok" if ok else "MISSED"


CASES = [
    Case("annotated", "check (annotated) / openpyxl load+save, {big} IKU", 0.5),
    Case("json", "check --format json --no-annotate / openpyxl read-only, {big} IKU", 1.0),
    Case("fix", "fix / check (annotated), {big} IKU", 1.1),
    Case("folder", "{files} one-office workbooks, check --jobs 2", 10.0, "s"),
    Case("folder-report", "the same as a person runs it: whole process, the text report at 100 columns", 10.0, "s"),
    Case("jobs", "--jobs 2 speed-up on {files} files", 1.85, "x", True),
    Case("jobs-report", "the same speed-up of the whole command with its text report", 1.85, "x", True),
    Case("jobs-ceiling", "the same speed-up of perfectly parallel pure-Python work on this machine", 0.0, "x"),
    Case("help", "start-up: kinerja-xl --help", 0.1, "s"),
    Case("small", "start-up: 19-IKU check, whole process", 0.2, "s"),
    Case("memory", "peak memory, {mem} IKU check / openpyxl load+save", 2.0, "MB ratio"),
    Case("folder-memory", "peak memory, {files}-file folder (--jobs 2: parent + largest worker), MB", 0.0, "MB"),
    Case("folder-memory-growth", "peak memory per 1,000 more files (from {part} to {files} files), MB", 0.0, "MB"),
    Case("folder-memory-json", "the same growth with --format json --no-annotate (its JSON text made), MB", 0.0, "MB"),
]


def run_case(case: Case, inputs: dict[str, Path], rounds: int, quick: bool = False) -> tuple[float, str]:
    """The case's value and a note with the two sides."""
    big = inputs["big"]
    if case.name == "annotated":
        a, b = child("check", big, rounds), child("loadsave", big, rounds)
        return a["seconds"] / b["seconds"], f"{a['seconds']:.3f} s / {b['seconds']:.3f} s"
    if case.name == "json":
        a, b = child("check-json", big, rounds), child("readonly", big, rounds)
        return a["seconds"] / b["seconds"], f"{a['seconds']:.3f} s / {b['seconds']:.3f} s"
    if case.name == "fix":
        a, b = child("fix", big, rounds), child("check", big, rounds)
        return a["seconds"] / b["seconds"], f"{a['seconds']:.3f} s / {b['seconds']:.3f} s"
    if case.name.startswith(("folder", "jobs")):
        return folder_case(case, inputs, rounds, quick)
    if case.name == "help":
        return process_wall(["--help"], max(rounds, 5)), "whole process"
    if case.name == "small":
        t = process_wall(["check", str(inputs["small"]), "--out", str(WORK / "out")], max(rounds, 5))
        return t, "whole process, annotated copy written"
    if case.name == "memory":
        a, b = child("check", inputs["memory"], 1), child("loadsave", inputs["memory"], 1)
        return a["maxrss_mb"] / b["maxrss_mb"], f"{a['maxrss_mb']:.0f} MB / {b['maxrss_mb']:.0f} MB"
    raise ValueError(case.name)


def folder_case(case: Case, inputs: dict[str, Path], rounds: int, quick: bool) -> tuple[float, str]:
    """The cases of a folder of one-office workbooks (and the machine's own --jobs 2 ceiling)."""
    folder = inputs["folder"]
    if case.name == "folder-report":
        args = ["check", str(folder), "--jobs", "2", "--out", str(WORK / "out"), "--format", "text"]
        return process_wall(args, rounds, {"COLUMNS": "100"}), "whole process, start-up and report included"
    if case.name == "folder":
        a = child("check-jobs-2", folder, 1)
        return a["seconds"], f"--jobs 2, {a['maxrss_mb'] + a['children_maxrss_mb']:.0f} MB"
    if case.name == "jobs":
        # the two sides in turn, which goes first alternating: the machine runs a process slower
        # right after a long busy one (1 s at --jobs 2 here), so neither side always pays for it
        ones, twos = [], []
        for n in range(max(rounds, 2)):
            for mode in ("check-jobs-1", "check-jobs-2")[:: 1 if n % 2 == 0 else -1]:
                (ones if mode.endswith("1") else twos).append(child(mode, folder, 1)["seconds"])
        one, two = statistics.median(ones), statistics.median(twos)
        return one / two, f"{one:.2f} s / {two:.2f} s"
    if case.name == "jobs-report":
        ones, twos = [], []
        for n in range(max(rounds, 2)):
            for jobs in ("1", "2")[:: 1 if n % 2 == 0 else -1]:
                args = ["check", str(folder), "--jobs", jobs, "--out", str(WORK / "out"), "--format", "text"]
                (ones if jobs == "1" else twos).append(process_wall(args, 1, {"COLUMNS": "100"}))
        one, two = statistics.median(ones), statistics.median(twos)
        return one / two, f"{one:.2f} s / {two:.2f} s, whole processes"
    if case.name == "jobs-ceiling":
        one, two, ratio = ceiling(rounds, 1_000_000 if quick else 15_000_000)
        return ratio, f"{one:.2f} s / {two:.2f} s"
    if case.name == "folder-memory":
        a = child("check-jobs-2", folder, 1)
        return a["maxrss_mb"] + a["children_maxrss_mb"], "parent + largest worker"
    if case.name in ("folder-memory-growth", "folder-memory-json"):
        mode = "check-jobs-2" if case.name == "folder-memory-growth" else "check-json-jobs-2"
        part, whole = child(mode, inputs["folder-part"], 1), child(mode, folder, 1)
        n_part, n_whole = (len(list(p.glob("*.xlsx"))) for p in (inputs["folder-part"], folder))
        mb_part, mb_whole = (r["maxrss_mb"] + r["children_maxrss_mb"] for r in (part, whole))
        per_1000 = (mb_whole - mb_part) / (n_whole - n_part) * 1000
        return per_1000, f"{mb_part:.0f} MB at {n_part} files, {mb_whole:.0f} MB at {n_whole}"
    raise ValueError(case.name)


def main(argv: list[str] | None = None) -> int:
    """Build the inputs, run the cases in fresh processes, print one line per case."""
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small inputs, one round, nothing asserted about time")
    names = ", ".join(c.name for c in CASES)
    ap.add_argument("--only", nargs="*", metavar="CASE", help="run only these cases: " + names)
    ap.add_argument("--rounds", type=int, default=None, help="rounds per measurement (median; default 3, quick 1)")
    ap.add_argument("--only-build", action="store_true", help="build the inputs and stop")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    t0 = time.perf_counter()
    inputs = build_inputs(args.quick)
    print(f"inputs built in {time.perf_counter() - t0:.1f} s under {WORK.relative_to(ROOT)}/")
    if args.only_build:
        return 0
    # Start-up is timed as an installed copy starts: with its modules' bytecode cached (pip
    # compiles it at install time; a checkout run with PYTHONDONTWRITEBYTECODE would otherwise
    # compile every module in every process, ~60 ms).
    compileall.compile_dir(str(ROOT / "kinerja_xl"), quiet=1)
    rounds = args.rounds or (1 if args.quick else 3)
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}; {time.strftime('%Y-%m-%d %H:%M')}; "
        f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; median of {rounds}"
    )
    sizes = {
        "big": inputs["big"].stem.split("-")[1],
        "mem": inputs["memory"].stem.split("-")[1],
        "files": len(list(inputs["folder"].glob("*.xlsx"))),
        "part": len(list(inputs["folder-part"].glob("*.xlsx"))),
    }
    print(f"{'case':<20} {'value':>8} {'goal':>9} {'':>7}  what (measured / baseline)")
    for case in CASES:
        if args.only and case.name not in args.only:
            continue
        value, note = run_case(case, inputs, rounds, args.quick)
        informative = case.unit == "MB" or not case.goal  # a figure to read beside the others, no goal
        goal = "-" if informative else (">= " if case.higher_is_better else "<= ") + format(case.goal, "g")
        verdict = "" if informative else case.verdict(value)
        print(f"{case.name:<20} {value:>8.2f} {goal:>9} {verdict:>7}  {case.what.format(**sizes)} ({note})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
