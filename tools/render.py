"""Render what a head of office sees: the Serang sample's annotated copy and a batch summary, as PNG.

    python tools/render.py [--out build/render] [--lang id|en] [--dpi 70]

Checks samples/kpknl-serang-2024-q4.xlsx (annotated copy) and both samples together (batch
summary), then prints them the way LibreOffice prints them: ``soffice --headless --convert-to
pdf`` and ``pdftoppm -png``. The input sheets of the annotated copy are hidden in a throw-away
print copy (LibreOffice does not print hidden sheets), so the PNGs show only the sheets kinerja-xl
adds, with their own page setup (landscape, one page wide, repeated header rows). Look at the
PNGs; every run replaces them. Needs LibreOffice (``soffice``) and poppler (``pdftoppm``).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kinerja_xl import api  # noqa: E402
from kinerja_xl.config import Settings  # noqa: E402
from kinerja_xl.writers import own_sheets  # noqa: E402

SERANG = ROOT / "samples" / "kpknl-serang-2024-q4.xlsx"
BERSIH = ROOT / "samples" / "contoh-bersih-2024-q4.xlsx"


def only_our_sheets(src: Path, dst: Path) -> Path:
    """A copy of an annotated workbook whose input sheets are hidden (so they do not print)."""
    with zipfile.ZipFile(src) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist()}
    wb = parts["xl/workbook.xml"].decode("utf-8")
    names = re.findall(r'<definedName\b[^>]*name="([^"]*)"[^>]*>([^<]*)</definedName>', wb)
    ours = set(own_sheets.marked_sheets(names))

    def hide(m: re.Match) -> str:
        tag = m.group(0)
        name = re.search(r'\sname="([^"]*)"', tag)
        if name is None or own_sheets.sheet_of_reference(f"'{name.group(1)}'!A1") in ours:
            return tag
        return re.sub(r"\s*/>$", ' state="hidden"/>', re.sub(r'\sstate="[^"]*"', "", tag))

    wb = re.sub(r"<sheet\b[^>]*/>", hide, wb)
    wb = re.sub(r'(<workbookView\b[^>]*?)\sactiveTab="\d+"', r"\1", wb)
    wb = re.sub(r'(<workbookView\b[^>]*?)\sfirstSheet="\d+"', r"\1", wb)
    first = len(re.findall(r"<sheet\b", wb)) - len(ours)
    wb = re.sub(r"<workbookView\b", f'<workbookView activeTab="{first}" firstSheet="{first}"', wb, count=1)
    parts["xl/workbook.xml"] = wb.encode("utf-8")
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, data)
    return dst


def to_png(xlsx: Path, out: Path, stem: str, dpi: int, profile: Path) -> list[Path]:
    """Print a workbook to PDF with LibreOffice, then each page to stem-N.png."""
    pdf_dir = Path(tempfile.mkdtemp(prefix="render-pdf-"))
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",  # a private profile: other soffice runs do not interfere
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(pdf_dir),
            str(xlsx),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    pdf = pdf_dir / (xlsx.stem + ".pdf")
    shutil.copy(pdf, out / f"{stem}.pdf")
    for old in out.glob(f"{stem}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(out / stem)], check=True, timeout=300)
    shutil.rmtree(pdf_dir, ignore_errors=True)
    return sorted(out.glob(f"{stem}-*.png"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "build" / "render"))
    parser.add_argument("--lang", default="id", choices=("id", "en"))
    parser.add_argument("--dpi", type=int, default=70)
    args = parser.parse_args(argv)
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="render-"))
    inputs = work / "laporan"
    inputs.mkdir()
    for sample in (SERANG, BERSIH):
        shutil.copy(sample, inputs / sample.name)
    run = api.check([inputs], Settings(out_dir=out / "hasil", lang=args.lang))
    checked = next(fr.output for fr in run.files if fr.path.name == SERANG.name)
    if checked is None or run.batch is None:
        print("render: the check wrote no annotated copy or batch summary", file=sys.stderr)
        return 2
    profile = work / "lo-profile"
    pngs = to_png(only_our_sheets(checked, work / "serang-print.xlsx"), out, "serang", args.dpi, profile)
    pngs += to_png(run.batch, out, "batch", args.dpi, profile)
    shutil.rmtree(work, ignore_errors=True)
    for png in pngs:
        print(png)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
