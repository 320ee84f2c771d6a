"""Reading a monitoring workbook into the model: read_workbook(path, settings) -> Workbook.

File-level failures raise ReadError (KX001); everything else becomes a finding on
Workbook.findings (KX002-KX014, KX020). See shared/spec/workbook-format.md.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from pathlib import Path

from kinerja_xl.config import Settings
from kinerja_xl.model import QUARTERS, Iku, Summary, SummaryIku, Workbook, cell_rc
from kinerja_xl.perf import gc_paused
from kinerja_xl.reader import units
from kinerja_xl.reader.blocks import polkp_known, read_blocks
from kinerja_xl.reader.cells import ReadContext
from kinerja_xl.reader.files import ReadError, SheetGrid, load_grids, preflight
from kinerja_xl.reader.meta import meta_key, parse_meta, set_meta
from kinerja_xl.reader.summary import find_summary
from kinerja_xl.reader.units import unit_key
from kinerja_xl.reader.values import parse_konsolidasi, parse_polarisasi
from kinerja_xl.unitname import is_caption, is_generic

__all__ = ["ReadError", "read_workbook"]

_YEAR = re.compile(r"(?<!\d)(20\d{2}|19\d{2})(?!\d)")
_TAHUN = re.compile(r"\btahun\s*(?:anggaran\s*)?(20\d{2}|19\d{2})(?!\d)", re.IGNORECASE)
_QUARTER = re.compile(r"(?<![a-z0-9])(?:q|tw|triwulan|trw|kuartal)\s*-?\s*(iv|iii|ii|i|[1-4])(?![a-z0-9])")
_SEMESTER = re.compile(r"(?<![a-z0-9])(?:semester|smt|sm)\s*-?\s*(i|1)(?![a-z0-9])")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_TITLE_WORDS = re.compile(
    r"\b((?:triwulan|trw|tw|semester|smt)\s*-?\s*(?:iv|iii|ii|i|[1-4])|"
    r"laporan|lakin|kinerja|capaian|monitoring|pemantauan|pengukuran|iku|indikator|utama|"
    r"tahun|anggaran|triwulan|tw|semester|periode|q[1-4]|\d{4}|s\.?d\.?)\b",
    re.IGNORECASE,
)  # a roman numeral goes with its quarter ('TRIWULAN IV'), not alone ('KPKNL TANGERANG I')
TITLE_ROWS = 6  # title cells live in the first rows of a sheet
# compiled once at import (a first check would otherwise compile them on the clock)
_NOT_ALNUM = re.compile(r"[^a-z0-9]")
_REPORT_WORDS = re.compile(r"laporan|kinerja|monitoring|capaian|iku", re.IGNORECASE)
_LAPORAN = re.compile(r"laporan|kinerja", re.IGNORECASE)
_STEM_YEAR = re.compile(r"(?<!\d)(20[1-9]\d)(?!\d)")
_SPACES = re.compile(r"\s+")
_SEPARATORS = re.compile(r"[_\-.]+")


def read_workbook(path: Path | str, settings: Settings | None = None) -> Workbook:
    """Read one .xlsx/.xlsm into a Workbook; ReadError (KX001) when the file cannot be read."""
    path = Path(path)
    settings = settings or Settings()
    preflight(path, settings)
    try:
        with gc_paused():  # many small objects, no cycles: see perf.gc_paused
            sheetnames, grids = load_grids(path)
            return _build(path, sheetnames, grids, settings)
    except ReadError:
        raise
    except RecursionError:
        raise ReadError.of("read-too-nested") from None
    except MemoryError:
        raise ReadError.of("read-too-large") from None
    except Exception as exc:  # a layout the reader did not foresee must not crash a batch
        raise ReadError.of(
            "read-unexpected", kind=type(exc).__name__, detail=str(exc).splitlines()[0][:120] if str(exc) else "-"
        ) from exc


def _build(path: Path, sheetnames: list[str], grids: list[SheetGrid], settings: Settings) -> Workbook:
    ctx = ReadContext(grids, file=path.name)
    wb = Workbook(path=str(path), sheets=sheetnames)
    for grid in grids:
        wb.ikus.extend(read_blocks(grid, ctx))
    wb.summary = find_summary(grids, ctx)
    if not wb.ikus:
        ctx.add("KX002", None)
    titles = _title_cells(grids)
    wb.units = _units(wb, grids, ctx)
    for part in wb.units or [wb]:
        _link(part, part.summary, ctx)
    _apply_settings(wb, settings)
    wb.year, wb.year_source = _year(path, titles, wb.ikus, settings)
    wb.unit = None if wb.units else _unit(path, titles, wb.ikus)
    wb.period = _period(path, titles, wb.ikus)
    for iku in wb.ikus:
        if wb.year and iku.year_label and iku.year_label != wb.year:
            ctx.add("KX004", iku.year_cell, owner=iku, period="Y", label_year=str(iku.year_label), year=str(wb.year))
    ctx.resolve_owners()
    wb.findings = ctx.findings
    if wb.units:
        unit_of = units.unit_of(wb.units, ctx)
        for f in wb.findings:
            part = unit_of(f)
            if part is not None:
                part.findings.append(f)
        for part in wb.units:
            part.year, part.year_source = wb.year, wb.year_source
            part.period = _period(path, titles, part.ikus)
    return wb


def _units(wb: Workbook, grids: list[SheetGrid], ctx: ReadContext) -> list[Workbook]:
    """The units of a workbook that holds several (reader/units.py), [] for one unit."""
    sheet_units = {g.title: u for g in grids if (u := title_unit(_title_cells([g])))}
    sections = _section_titles(grids, {iku.sheet for iku in wb.ikus})
    titled = [_section_unit(iku, sections) or sheet_units.get(iku.sheet) for iku in wb.ikus]
    named = [iku.unit if iku.unit and _names_unit(iku.unit) else t for iku, t in zip(wb.ikus, titled, strict=True)]
    if _copied_blocks(wb.ikus, named, titled):
        named = titled
    return units.group_units(wb, grids, ctx, named, sheet_units)


def _copied_blocks(ikus: list[Iku], named: list[str | None], titled: list[str | None]) -> bool:
    """Whether the blocks' unit cells name one unit while the titles above them name several and the
    one unit would hold an IKU code twice: a unit's sheet copied from another's with its unit cells
    left as they were (the titles then tell the units apart)."""
    if len({unit_key(u) for u in named if u}) > 1 or None in titled:
        return False
    if len({unit_key(u) for u in titled}) < 2:
        return False
    codes = [iku.code.lower() for iku in ikus if iku.code]
    return len(codes) != len(set(codes))


def _section_titles(grids: list[SheetGrid], sheets: set[str]) -> dict[str, list[tuple[int, str]]]:
    """Sheets that stack several units under titles naming them and the year ('LAPORAN KINERJA KPKNL
    BOGOR TAHUN 2024' above each unit's table and blocks): sheet -> [(row, unit)], only where the
    titles name more than one unit."""
    out: dict[str, list[tuple[int, str]]] = {}
    for grid in grids:
        if grid.title not in sheets:
            continue
        found = []
        for r, cells in sorted(grid.rows.items()):
            # a title stands alone in its row (a summary row's IKU name 'Tahun 2024' has a code beside it)
            filled = [c for c in cells.values() if c is not None and c != ""]
            if len(filled) != 1:
                continue
            v = filled[0]
            if isinstance(v, str) and ":" not in v and _TAHUN.search(v) and (u := title_unit([v.strip()])):
                found.append((r, u))
        if len({unit_key(u) for _, u in found}) > 1:
            out[grid.title] = found
    return out


def _section_unit(iku: Iku, sections: dict[str, list[tuple[int, str]]]) -> str | None:
    """The unit of the nearest title above a block on a sheet that stacks units, None elsewhere."""
    if iku.header_cell is None:
        return None
    row = cell_rc(iku.header_cell.coord)[0]
    above = [u for r, u in sections.get(iku.sheet, []) if r < row]
    return above[-1] if above else None


def _name_key(name: str | None) -> str:
    return _NOT_ALNUM.sub("", (name or "").lower())


# complexity: one pass linking blocks, summary rows and metadata; each branch is one documented source
def _link(wb: Workbook, summary: Summary | None, ctx: ReadContext) -> None:  # noqa: C901
    """Codes (summary name match), SS, perspective, summary metadata and Pol/KP; then KX020."""
    if summary is not None:
        by_name: dict[str, SummaryIku] = {}
        for row in summary.ikus:
            by_name.setdefault(_name_key(row.name), row)
        used = {i.code.lower() for i in wb.ikus if i.code}
        # exact name matches first, then close ones (typos such as 'PNBPFungsional')
        for iku in wb.ikus:
            if iku.code is None and iku.name:
                named = by_name.get(_name_key(iku.name))
                if named is not None and named.code.lower() not in used:
                    iku.code = named.code
                    used.add(named.code.lower())
        for iku in wb.ikus:
            if iku.code is None and iku.name:
                key = _name_key(iku.name)
                best, score = None, 0.0
                for row in summary.ikus:
                    if row.code.lower() in used:
                        continue
                    s = difflib.SequenceMatcher(None, key, _name_key(row.name)).ratio()
                    if s > score:
                        best, score = row, s
                if best is not None and score >= 0.85:
                    iku.code = best.code
                    used.add(best.code.lower())
        by_code: dict[str, SummaryIku] = {}
        for row in summary.ikus:
            by_code.setdefault(row.code.lower(), row)
        for iku in wb.ikus:
            found = by_code.get(iku.code.lower()) if iku.code else None
            if found is None:
                continue
            row = found
            iku.ss, iku.perspective = row.ss, row.perspective
            if not iku.name:
                iku.name = row.name
            _merge_meta(iku, row.meta)
            if not polkp_known(iku):
                pol = _summary_text(ctx, row.meta.cells.get("polarisasi"))
                kp = _summary_text(ctx, row.meta.cells.get("konsolidasi"))
                if (pol_ := parse_polarisasi(pol)) and (kp_ := parse_konsolidasi(kp)):
                    iku.polarisasi, iku.konsolidasi = pol_, kp_
                    iku.polkp_raw = iku.polkp_raw or f"{pol}/{kp}"
                    iku.polkp_cell = iku.polkp_cell or row.meta.cells["polarisasi"]
                    continue
    for iku in wb.ikus:
        if iku.polkp_cell is not None and iku.polkp_cell.sheet != iku.sheet:
            continue  # taken from the summary table
        if not polkp_known(iku):
            iku.polarisasi, iku.konsolidasi, iku.polkp_assumed = "Max", "TLK", True
            ctx.add("KX020", iku.polkp_cell or iku.header_cell, owner=iku, text=iku.polkp_raw or "")


def _summary_text(ctx: ReadContext, cell) -> str | None:
    if cell is None:
        return None

    v = ctx.grids[cell.sheet].get(*cell_rc(cell.coord))
    return None if v is None else str(v)


def _merge_meta(iku: Iku, other) -> None:
    """Fill the block's metadata gaps from the summary table's extra columns."""
    m = iku.meta
    for key in ("bobot", "validitas", "kendali", "realisasi_terburuk", "seksi"):
        if getattr(m, key) is None and getattr(other, key) is not None:
            setattr(m, key, getattr(other, key))
            if key in other.cells:
                m.cells[key] = other.cells[key]
    if "konversi_120" not in m.cells and "konversi_120" in other.cells:
        m.konversi_120 = other.konversi_120
        m.cells["konversi_120"] = other.cells["konversi_120"]


def _apply_settings(wb: Workbook, settings: Settings) -> None:
    """kinerja.toml [iku."1a-CP"] tables win over what the workbook says."""
    if not settings.iku:
        return
    lowered = {k.lower(): v for k, v in settings.iku.items()}
    for iku in wb.ikus:
        conf = lowered.get((iku.code or "").lower())
        if not conf:
            continue
        for name, raw in conf.items():
            key = meta_key(name)
            value = parse_meta(key, raw)
            if key == "polarisasi" and value:
                iku.polarisasi, iku.polkp_assumed = value, False
            elif key == "konsolidasi" and value:
                iku.konsolidasi = value
            else:
                set_meta(iku.meta, key, value)


def _title_cells(grids: list[SheetGrid]) -> list[str]:
    """Text cells in the first rows of each sheet that read like a title (not labels)."""
    out = []
    for grid in grids:
        for r in sorted(grid.rows)[:TITLE_ROWS]:
            if r > TITLE_ROWS * 2:
                break
            for v in grid.rows[r].values():
                if isinstance(v, str) and len(v.strip()) >= 10 and ":" not in v:
                    out.append(v.strip())
    return out


def _year(path: Path, titles: list[str], ikus: list[Iku], settings: Settings) -> tuple[int | None, str | None]:
    if settings.year:
        return int(settings.year), "settings"
    for t in titles:
        m = _TAHUN.search(t)
        if m:
            return int(m.group(1)), "title"
    for t in titles:
        if _REPORT_WORDS.search(t):
            m = _YEAR.search(t)
            if m:
                return int(m.group(1)), "title"
    m = _STEM_YEAR.search(path.stem)  # not '2000' from 'bench-2000-...'
    if m:
        return int(m.group(1)), "file-name"
    labels = Counter(i.year_label for i in ikus if i.year_label)
    if labels:
        return labels.most_common(1)[0][0], "y-label"
    return None, None


def _unit(path: Path, titles: list[str], ikus: list[Iku]) -> str | None:
    """The blocks' unit cell, else the unit a title names, else the file name's; None when none
    names one (a caption or a generic title is no unit, and a sheet's name is never read as one: issue 22)."""
    for iku in ikus:
        if iku.unit and _names_unit(iku.unit):
            return iku.unit
    found = title_unit(titles)
    if found:
        return found
    stem = _SEPARATORS.sub(" ", path.stem)
    rest = _SPACES.sub(" ", _TITLE_WORDS.sub(" ", stem)).strip()
    return rest.upper() if rest and _names_unit(rest) else None


def title_unit(titles: list[str]) -> str | None:
    """The unit a title cell names ('LAPORAN KINERJA KPKNL SERANG TAHUN 2024' -> 'KPKNL SERANG'), None."""
    for t in titles:
        if is_caption(t):
            continue
        if _TAHUN.search(t) or _LAPORAN.search(t):
            rest = _SPACES.sub(" ", _TITLE_WORDS.sub(" ", t)).strip(" -,.")
            if rest and _names_unit(rest):
                return rest
    return None


def _names_unit(text: str) -> bool:
    """Whether a text can be a unit's name: not a caption, not generic words only (issue 22)."""
    return bool(unit_key(text)) and not is_caption(text) and not is_generic(text)


def _quarter_in(text: str) -> str | None:
    t = _SEPARATORS.sub(" ", text.lower())
    m = _QUARTER.search(t)
    if m:
        g = m.group(1)
        return f"Q{_ROMAN.get(g, g)}"
    if _SEMESTER.search(t):
        return "Q2"
    return None


def _period(path: Path, titles: list[str], ikus: list[Iku]) -> str | None:
    q = _quarter_in(path.stem)
    if q:
        return q
    for t in titles:
        q = _quarter_in(t)
        if q:
            return q
    last = None
    for quarter in QUARTERS:
        if any(i.number("realisasi", quarter) is not None for i in ikus):
            last = quarter
    return last
