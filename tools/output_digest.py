"""Digest of every output kinerja-xl writes for the test corpus: a speed change must not change one byte.

For each workbook of ``tests/fidelity/corpus.py`` (the LibreOffice re-save left out: its bytes
depend on the installed LibreOffice) it runs, in process, what a user runs:

- ``check FILE --out DIR``: the annotated copy;
- ``check FILE --format json --no-annotate``: the JSON report;
- ``fix FILE --out DIR``: the fixed copy;

and once over the whole corpus as a folder, ``check DIR --out DIR``: the batch summary (digested by
what it shows, sheet by sheet: its bytes depend on how xlsxwriter stores cells).

Each written workbook is digested part by part (sha256 of each zip member's bytes, in the
package's order), with the two things that differ from run to run made constant: the time of
the check on Ringkasan and ISO timestamps (docProps, written by the libraries that build the
corpus). The JSON is digested with the run's folder replaced by ``<dir>``.

    python tools/output_digest.py            # print the digests (JSON)
    python tools/output_digest.py --write    # store them in tests/golden/outputs.json
    python tools/output_digest.py --check    # compare with the stored ones; exit 1 on a difference

``tests/golden/test_outputs_unchanged.py`` runs ``--check``'s comparison.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden" / "outputs.json"
SKIP = {"layout:libreoffice-resave"}
_EPOCH = 1736496000  # 2025-01-10 08:00 UTC: the inputs' modification time

_CHECKED_AT = re.compile(rb"\d{4}-\d{2}-\d{2} \d{2}:\d{2} \(UTC[+-]\d{2}:\d{2}\)")
_ISO_TIME = re.compile(rb"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z?")


_WORK: list[bytes] = []  # the scratch folder's path, as the outputs may quote it


def _normal(data: bytes) -> bytes:
    for path in _WORK:
        data = data.replace(path, b"<dir>")
    return _ISO_TIME.sub(b"<time>", _CHECKED_AT.sub(b"<checked>", data))


def workbook_digest(path: Path) -> list[str]:
    """``name sha256[:16]`` for every member of a written workbook, in the package's order."""
    with zipfile.ZipFile(path) as zf:
        return [f"{info.filename} {hashlib.sha256(_normal(zf.read(info))).hexdigest()[:16]}" for info in zf.infolist()]


def content_digest(path: Path) -> list[str]:
    """``sheet sha256[:16]`` of what a workbook shows, sheet by sheet, as openpyxl reads it: each
    cell's value, font, fill, number format, alignment, border and link, row heights, column
    widths, panes, filter, print titles and charts. For the batch summary, whose bytes depend on
    how xlsxwriter stores it (shared or inline strings) while what it shows must not change."""
    import openpyxl

    wb = openpyxl.load_workbook(path)
    out = [f"sheets {hashlib.sha256(repr(wb.sheetnames).encode()).hexdigest()[:16]}"]
    for ws in wb.worksheets:
        cells = [
            (
                c.coordinate,
                c.value,
                c.font.b,
                c.font.i,
                c.font.u,
                c.font.sz,
                c.font.color.rgb if c.font.color else None,
                c.fill.fgColor.rgb,
                c.number_format,
                c.alignment.wrap_text,
                c.alignment.horizontal,
                c.alignment.vertical,
                c.alignment.indent,
                c.alignment.shrink_to_fit,
                c.border.left.style,
                c.border.left.color.rgb if c.border.left.color else None,
                c.hyperlink.target if c.hyperlink else None,
                c.hyperlink.location if c.hyperlink else None,
            )
            for row in ws.iter_rows()
            for c in row
            if c.value is not None or c.has_style
        ]
        sheet = (
            cells,
            sorted((k, v.height) for k, v in ws.row_dimensions.items() if v.height),
            sorted((k, v.width) for k, v in ws.column_dimensions.items()),
            ws.freeze_panes,
            ws.auto_filter.ref,
            ws.print_title_rows,
            ws.print_area,
            ws.page_setup.orientation,
            ws.page_setup.paperSize,
            ws.oddFooter.center.text if ws.oddFooter else None,
            len(ws._charts),
        )
        out.append(f"{ws.title} {hashlib.sha256(_normal(repr(sheet).encode())).hexdigest()[:16]}")
    wb.close()
    return out


def json_digest(text: str, folder: Path) -> str:
    data = text.replace(str(folder), "<dir>").encode("utf-8")
    return hashlib.sha256(_normal(data)).hexdigest()[:16]


def _invoke(args: list[str]) -> str:
    from typer.testing import CliRunner

    from kinerja_xl.cli import app

    res = CliRunner().invoke(app, args, catch_exceptions=False)
    if res.exit_code not in (0, 1):
        raise SystemExit(f"{' '.join(args)}: exit {res.exit_code}\n{res.output}")
    return res.stdout


def digests(work: Path) -> dict[str, dict[str, object]]:
    """Every output of the corpus, digested; ``work`` is an empty scratch folder."""
    cwd, tz = Path.cwd(), os.environ.get("TZ")
    os.chdir(work)  # names shown relative to the working folder read the same on every machine
    os.environ["TZ"] = "UTC"  # and the files' times too
    time.tzset()
    try:
        return _digests(work)
    finally:
        os.chdir(cwd)
        if tz is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = tz
        time.tzset()


def _digests(work: Path) -> dict[str, dict[str, object]]:
    sys.path.insert(0, str(ROOT / "tests"))
    sys.path.insert(0, str(ROOT / "tests" / "fidelity"))
    from corpus import CORPUS

    _WORK[:] = [str(work).encode("utf-8")]
    out: dict[str, dict[str, object]] = {}
    batch = work / "batch"
    batch.mkdir()
    for i, (name, build) in enumerate(sorted(CORPUS.items())):
        if name in SKIP:
            continue
        folder = work / f"w{i:02d}"
        folder.mkdir()
        src = build(folder)
        # the batch gets every input under a name of its own (several corpus files share one)
        copy = batch / f"{i:02d}-{src.name}"
        copy.write_bytes(src.read_bytes())
        # a submission's time is its file's: the same on every run, one minute apart
        for path in (src, copy):
            os.utime(path, (_EPOCH + 60 * i, _EPOCH + 60 * i))
        entry: dict[str, object] = {}
        checked, fixed = folder / "checked", folder / "fixed"
        _invoke(["check", str(src), "--out", str(checked)])
        entry["checked"] = {p.name: workbook_digest(p) for p in sorted(checked.glob("*.xlsx"))}
        entry["json"] = json_digest(_invoke(["check", str(src), "--format", "json", "--no-annotate"]), folder)
        _invoke(["fix", str(src), "--out", str(fixed)])
        entry["fixed"] = {p.name: workbook_digest(p) for p in sorted(fixed.glob("*.xls*"))}
        out[name] = entry
    summary = work / "batch-out"
    _invoke(["check", str(batch), "--out", str(summary)])
    out["batch:ringkasan"] = {p.name: content_digest(p) for p in sorted(summary.glob("ringkasan*.xlsx"))}
    return out


def differences(stored: dict, now: dict) -> list[str]:
    """What differs, one line per output (the member names that changed)."""
    lines = []
    for name in sorted(set(stored) | set(now)):
        a, b = stored.get(name), now.get(name)
        if a == b:
            continue
        if a is None or b is None:
            lines.append(f"{name}: {'new' if a is None else 'gone'}")
            continue
        for kind in sorted(set(a) | set(b)):
            if a.get(kind) != b.get(kind):
                x, y = a.get(kind), b.get(kind)
                if isinstance(x, dict) and isinstance(y, dict):
                    for f in sorted(set(x) | set(y)):
                        changed = sorted(set(x.get(f) or []) ^ set(y.get(f) or []))
                        if changed:
                            lines.append(f"{name} {kind} {f}: {', '.join(sorted({c.split()[0] for c in changed}))}")
                else:
                    lines.append(f"{name} {kind}: differs")
    return lines


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--write", action="store_true", help="store the digests in tests/golden/outputs.json")
    ap.add_argument("--check", action="store_true", help="compare with tests/golden/outputs.json")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        now = digests(Path(tmp))
    if args.write:
        GOLDEN.write_text(json.dumps(now, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        return 0
    if args.check:
        lines = differences(json.loads(GOLDEN.read_text(encoding="utf-8")), now)
        print("\n".join(lines) or "outputs unchanged")
        return 1 if lines else 0
    print(json.dumps(now, indent=1, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
