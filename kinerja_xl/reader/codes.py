"""Finding codes of reading a workbook (KX001-KX020), declared once here: reported by the reader
(kinerja_xl/reader/) and, for a file that cannot be opened at all (KX001), by the api; KX006 (the
unit the reader found is unknown, so the file is compared with nothing) by the run's comparison.

A code found by a rule over the model is declared beside its check in kinerja_xl/rules/ instead.
The fixes of these codes (KX004, KX011, KX012) follow the declarations: they correct the model
(kinerja_xl/fixes/), never the file.
"""

from __future__ import annotations

from kinerja_xl.findings import Finding
from kinerja_xl.fixes import Fix, FixContext, fixer
from kinerja_xl.fixes.types import is_percent, old_of
from kinerja_xl.fixes.values import in_scale
from kinerja_xl.messages import Message
from kinerja_xl.model import Value
from kinerja_xl.severity import Severity

MESSAGES: tuple[Message, ...] = (
    Message(
        code="KX001",
        symbol="unreadable-file",
        severity=Severity.ERROR,
        title_id="berkas tidak dapat dibaca sebagai workbook",
        title_en="file cannot be read as a workbook",
        template_id="Berkas tidak dapat dibaca: {reason_id}.",
        template_en="File cannot be read: {reason_en}.",
        doc="The file is not an .xlsx/.xlsm workbook kinerja-xl can open: missing, empty, corrupt "
        "(not a zip, truncated), password-protected, an old .xls, an .ods or a .csv.\n"
        "Bad: laporan.xls (Excel 97-2003).\nGood: laporan.xlsx (File > Save As > Excel Workbook).",
    ),
    Message(
        code="KX002",
        symbol="no-iku-block",
        severity=Severity.ERROR,
        title_id="tidak ada blok IKU",
        title_en="no IKU block found",
        template_id="Tidak ditemukan blok IKU (baris berlabel T/R diikuti Q1, Q2, ...).",
        template_en="No IKU block found (a row labelled T/R followed by Q1, Q2, ...).",
        doc="A block starts with a header row whose first cell reads `T/R`, followed by the period "
        "labels.\nBad: a sheet whose header reads `Uraian | Jan | Feb`.\n"
        "Good: `T/R | Q1 | Q2 | Sm.I | Q3 | s.d. Q3 | Q4 | Y-24 | Pol/ K P`.",
    ),
    Message(
        code="KX003",
        symbol="incomplete-block",
        severity=Severity.WARNING,
        title_id="blok tidak lengkap",
        title_en="block incomplete",
        template_id="Blok IKU {iku} tidak lengkap: {missing} tidak ditemukan.",
        template_en="IKU block {iku} is incomplete: {missing} not found.",
        doc="Each block needs the rows Target, Realisasi, Capaian and Nilai Kinerja and the seven "
        "period columns.\nBad: a block without a `Nilai Kinerja` row.\n"
        "Good: Target / Realisasi / Capaian / Nilai Kinerja under the T/R header.",
    ),
    Message(
        code="KX004",
        symbol="year-label-mismatch",
        severity=Severity.WARNING,
        title_id="label tahun Y-NN berbeda dengan tahun workbook",
        title_en="Y-NN year label differs from the workbook's year",
        template_id="Label kolom tahunan menunjukkan {label_year} tetapi tahun laporan {year}.",
        template_en="Year column label says {label_year} but the report year is {year}.",
        doc="The `Y-NN` header of a block names the report year. A label copied from last year's "
        "file hints that other cells were copied too.\nBad: `Y-22` in a 2024 report.\nGood: `Y-24`.",
    ),
    Message(
        code="KX005",
        symbol="unknown-period-label",
        severity=Severity.WARNING,
        title_id="label periode tidak dikenali",
        title_en="period label not recognised",
        template_id="Label periode '{label}' tidak dikenali; kolom dipetakan menurut posisi sebagai {period}.",
        template_en="Period label '{label}' not recognised; column mapped by position as {period}.",
        doc="Period columns are mapped by label (Q1, TW I, Sm.I, s.d. Q3, Y-24...). A repeated or "
        "unreadable label is mapped by its position.\nBad: `Q2 | Q2` where Sm.I belongs.\n"
        "Good: `Q2 | Sm.I`.",
    ),
    Message(
        code="KX006",
        symbol="unit-unknown",
        severity=Severity.INFO,
        title_id="unit tidak diketahui; tidak dibandingkan dengan kiriman lain",
        title_en="unit unknown; not compared with other submissions",
        template_id="Unit berkas ini tidak diketahui (tidak ada nama unit di blok IKU, judul, maupun nama berkas), "
        "sehingga berkas ini tidak dibandingkan dengan kiriman lain.",
        template_en="This file's unit is unknown (no unit name in its IKU blocks, title or file name), so it was "
        "not compared with other submissions.",
        doc="Submissions are compared only with the same unit's (--history, a folder). The unit is the "
        "left cell of the blocks' first name row, else the unit a title names, else the file name. "
        "A caption (`Tabel 1. Capaian ...`), a sheet name or a generic title (`LAPORAN KINERJA TAHUN "
        "2024`) names no unit, and two offices are never compared on such a text; unit names compare "
        "with case, spacing and long office forms ignored (kinerja_xl/unitname.py).\n"
        "Bad: blocks without a unit cell under the title `LAPORAN KINERJA TAHUN 2024`.\n"
        "Good: `KPKNL SERANG` left of each block's first name row, or `LAPORAN KINERJA KPKNL SERANG TAHUN 2024`.",
    ),
    Message(
        code="KX007",
        symbol="units-not-told-apart",
        severity=Severity.WARNING,
        title_id="workbook memuat beberapa unit yang tidak dapat dibedakan",
        title_en="workbook holds several units that cannot be told apart",
        template_id="Workbook ini memuat beberapa unit ({detail}), tetapi tidak setiap blok IKU atau tabel "
        "ringkasan dapat dipasangkan dengan unitnya: yang tidak terpasang diperiksa tanpa tabel ringkasan, "
        "tidak pernah dengan tabel unit lain.",
        template_en="This workbook holds several units ({detail}), but not every IKU block or summary table could "
        "be matched to its unit: those were checked without a summary table, never against another unit's.",
        doc="A Kanwil's recap holds one sheet (or one Tabel 1) per unit; each unit is checked on its own, "
        "its blocks against its own summary table and NKO (reader/units.py). A unit is recognised by the "
        "unit name left of its blocks' first name row, or by the unit a sheet's title names (on a sheet that "
        "stacks several units, the title above the blocks). When the "
        "blocks carry no such name, one unit's blocks would be compared with another unit's table: they "
        "are not. A summary table on a sheet of several units, with no unit named in its sheet's title or "
        "just above it, is not read.\nBad: three sheets, each with a Tabel 1 and blocks, and no unit name anywhere.\n"
        "Good: `KPKNL TANGERANG I` left of each block's first name row, or in each sheet's title.",
    ),
    Message(
        code="KX010",
        symbol="text-in-value-cell",
        severity=Severity.WARNING,
        title_id="teks bukan angka di sel nilai",
        title_en="non-numeric text in a value cell",
        template_id="Sel berisi teks '{text}' yang bukan angka; dianggap N/A.{hint_id}",
        template_en="Cell holds the text '{text}', not a number; treated as N/A.{hint_en}",
        doc="Value cells hold numbers, or an N/A marker (`-`, `N/A`, `n.a.`). A formula error value "
        "(`#REF!`, `#DIV/0!`) is named, with the cells its formula reads.\n"
        "Bad: `Rp18.897M`, `belum ada`, `=C8/C7*100` giving #DIV/0!.\nGood: `18897000000` or `-`.",
    ),
    Message(
        code="KX011",
        symbol="number-as-text",
        severity=Severity.INFO,
        title_id="angka disimpan sebagai teks",
        title_en="number stored as text",
        template_id="Angka disimpan sebagai teks '{text}' (dibaca {actual}).",
        template_en="Number stored as text '{text}' (read as {actual}).",
        doc="A number typed as text is not summed by Excel formulas and may be misread.\n"
        "Bad: the text `103,67%`.\nGood: the number 1.0367 with a % format.",
    ),
    Message(
        code="KX012",
        symbol="mixed-percent-scale",
        severity=Severity.WARNING,
        title_id="skala persen bercampur dalam satu baris",
        title_en="percent scale mixed within a row",
        template_id="Baris {row} mencampur skala persen: sel ini tampil {shown_id}, sel lain di baris ini {other_id}; "
        "dibaca sebagai {actual}.",
        template_en="Row {row} mixes percent scales: this cell shows {shown_en} while the row's other cells show "
        "{other_en}; read as {actual}.",
        doc="A percent row must use one scale throughout. Both directions are found at the cell: a plain "
        "fraction (0.86) among percent points or %-formatted cells, and a number typed as points into a "
        "%-formatted row (104.17 shown as 10,417.00% beside 1.0417 shown as 104.17%). The cell is read "
        "as the row means it (86, 104.17).\nBad: `86% | 0,86 | 90%`.\n"
        "Good: `86% | 86% | 90%` (numbers with a % format) or `86 | 86 | 90`.",
    ),
    Message(
        code="KX013",
        symbol="formula-not-evaluated",
        severity=Severity.WARNING,
        title_id="rumus tanpa nilai tersimpan tidak dapat dihitung",
        title_en="formula without cached value could not be evaluated",
        template_id="Rumus '{formula}' tidak punya nilai tersimpan dan tidak dapat dihitung; sel dilewati.",
        template_en="Formula '{formula}' has no cached value and could not be evaluated; cell skipped.",
        doc="A file saved by a program that does not calculate keeps formulas without results. "
        "kinerja-xl evaluates simple ones (references, + - * /, SUM, AVERAGE, MIN, MAX, ROUND, IF).\n"
        "Bad: `=VLOOKUP(...)` never calculated.\nGood: open and save the file in Excel first.",
    ),
    Message(
        code="KX014",
        symbol="literal-over-formula",
        severity=Severity.INFO,
        title_id="nilai diketik menimpa rumus",
        title_en="literal value typed over a formula row",
        template_id="Sel berisi nilai ketikan sementara sel lain di barisnya berisi rumus.",
        template_en="Cell holds a typed value while the rest of its row holds formulas.",
        doc="A typed-over formula stops following Target and Realisasi.\n"
        "Bad: `=C5/C4*100 | 132,63 | =E5/E4*100`.\nGood: the same formula in every period.",
    ),
    Message(
        code="KX020",
        symbol="polkp-unknown",
        severity=Severity.WARNING,
        title_id="Pol/KP kosong atau tidak dikenali",
        title_en="Pol/KP missing or unknown",
        template_id="Pol/KP '{text}' kosong atau tidak dikenali; IKU dinilai sebagai Max/TLK.",
        template_en="Pol/KP '{text}' missing or unknown; IKU scored as Max/TLK.",
        doc="The Target row's Pol/KP cell reads `<polarisasi>/<konsolidasi>`.\n"
        "Bad: `Naik/Akhir`, blank.\nGood: `Max/TLK`, `Min/Sum`, `Stab/Avg`.",
    ),
)


# The fixes of reading codes (the fix registry finds them when it loads this module).


@fixer("KX004", safe=False)
def fix_year_label(f: Finding, ctx: FixContext) -> tuple[list[Fix], str | None]:
    """KX004: the Y-NN label with the workbook's year, written the way the label was (Y-22 -> Y-24)."""
    wb, safe = ctx.wb, ctx.safe
    iku = next((i for i in wb.ikus if i.year_cell == f.cell), None)
    if iku is None or wb.year is None or not iku.year_text or iku.year_label is None:
        return [], "fix-not-computable"
    old = iku.year_text
    long_, short = str(iku.year_label), f"{iku.year_label % 100:02d}"
    if long_ in old:
        new = old.replace(long_, str(wb.year), 1)
    else:
        idx = old.rfind(short)
        if idx < 0:
            return [], "fix-not-computable"
        new = old[:idx] + f"{wb.year % 100:02d}" + old[idx + 2 :]
    if f.cell is None:
        return [], "fix-not-computable"
    return [Fix(f.cell, f.code, old, new, safe, new, iku=f.iku, period=f.period)], None


@fixer("KX011", safe=True, priority=0)
@fixer("KX012", safe=True, priority=1)
def fix_number_form(f: Finding, ctx: FixContext) -> tuple[list[Fix], str | None]:
    """KX011 (a number stored as text) and KX012 (a number in the other percent scale than its row):
    the number the reader already took from the cell, stored as a number in its row's scale (a KX012
    fix of a Target or Realisasi is unsafe: its scale is a guess from its row)."""
    v = ctx.cells.value(f.cell)
    if v is None:
        return [], "fix-not-computable"
    if v.formula:
        return [], "fix-formula-opaque"
    if v.number is None or (f.code == "KX012" and not isinstance(v.raw, (int, float))):
        return [], "fix-not-computable"
    old = old_of(v)
    if f.code == "KX012":
        assert isinstance(v.raw, (int, float))
        old = float(v.raw) * 100.0 if is_percent(v) else float(v.raw)
    cell = v.cell or f.cell
    if cell is None:
        return [], "fix-not-computable"
    # KX012 on a Target or Realisasi rewrites a stored number of the data (its scale is read from the
    # row: a guess a person confirms): unsafe. Text that is a number (KX011) is the same value: safe.
    safe = ctx.safe and not (f.code == "KX012" and _is_data(v, ctx))
    fix = Fix(cell, f.code, old, v.number, safe, iku=f.iku, period=f.period)
    return [in_scale(fix, v, ctx)], None


def _is_data(v: Value, ctx: FixContext) -> bool:
    """Whether a cell is a Target or Realisasi (of a block or of the summary table)."""
    owner = ctx.cells.owner.get(v.cell) if v.cell is not None else None
    if owner is not None:
        return owner[1] in ("target", "realisasi")
    summary = ctx.wb.summary
    return summary is not None and any(v is r.target or v is r.realisasi for r in summary.ikus)
