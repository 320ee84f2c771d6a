"""Compact builders for model objects: IKU blocks and summary tables with real-looking cell refs.

Block layout (one block every 8 rows, starting at row ``at``)::

    A{at}    Nama Sasaran Strategis   B{at}   <ss name>
    A{at+1}  Nama IKU                 B{at+1} <iku name>
    A{at+2}  T/R | Q1 Q2 Sm.I Q3 s.d. Q3 Q4 Y-24 (B..H) | Pol/ K P (I)
    A{at+3}  Target      B..H         I{at+3} <Pol/KP>
    A{at+4}  Realisasi   B..H
    A{at+5}  Capaian     B..H
    A{at+6}  Nilai       B..H

So in the first block (at=1) Target Q4 is G4, Capaian Y is H6, Nilai Q1 is B7, Pol/KP is I4.

Values are given as lists of 7 (Q1, Q2, Sm.I, Q3, s.d. Q3, Q4, Y) or 4 (the quarters;
consolidated columns are then filled by the KP). An entry is a number, None (blank cell)
or a string N/A marker ("N/A", "-"). Capaian and Nilai default to "auto": computed from
T and R like a correct workbook would; a dict overrides single periods on top of that.
"""

from __future__ import annotations

from typing import Any

from kinerja_xl import scoring
from kinerja_xl.analysis import Analysis, analyse
from kinerja_xl.model import (
    CONSOLIDATED,
    PERIODS,
    QUARTERS,
    CellRef,
    Iku,
    IkuMeta,
    Summary,
    SummaryIku,
    SummaryPerspective,
    SummarySs,
    Value,
    Workbook,
)
from kinerja_xl.profiles import Profile, load

COLUMNS = dict(zip(PERIODS, "BCDEFGH", strict=False))
ROW_OFFSET = {"target": 3, "realisasi": 4, "capaian": 5, "nilai": 6}
BLOCK_HEIGHT = 8
PROFILE: Profile = load("kmk-300-2022")


def cell(period: str, row: str, at: int = 1, sheet: str = "IKU") -> CellRef:
    """The cell of a row and period in the block starting at row ``at``."""
    return CellRef(sheet, f"{COLUMNS[period]}{at + ROW_OFFSET[row]}")


def value(ref: CellRef | None, entry: Any) -> Value:
    """A Value from a builder entry: number, None (blank) or an N/A marker string."""
    if entry is None:
        return Value(ref, None, "na", None)
    if isinstance(entry, str):
        return Value(ref, None, "na", entry)
    return Value(ref, float(entry), "number", entry)


def _periods(entries: Any, kp: str) -> dict[str, Any]:
    """7 entries by period from a list of 7, a list of 4 quarters (rolled up by KP) or a dict."""
    if isinstance(entries, dict):
        return dict(entries)
    entries = list(entries)
    if len(entries) == 7:
        return dict(zip(PERIODS, entries, strict=False))
    if len(entries) == 4:
        quarters = dict(zip(QUARTERS, entries, strict=False))
        nums = {q: (v if isinstance(v, (int, float)) else None) for q, v in quarters.items()}
        out = dict(quarters)
        for period, qs in CONSOLIDATED.items():
            out[period] = scoring.konsolidasi((nums[q] for q in qs), kp)
        return {p: out[p] for p in PERIODS}
    raise ValueError(f"expected 4 or 7 values, got {len(entries)}")


def make_iku(
    code: str | None = "1a-CP",
    pol: str = "Max/TLK",
    target: Any = (100, 100, 100, 100),
    realisasi: Any = (100, 100, 100, 100),
    capaian: Any = "auto",
    nilai: Any = "auto",
    *,
    at: int = 1,
    sheet: str = "IKU",
    name: str | None = None,
    ss_name: str | None = None,
    ss: str | None = None,
    perspective: str | None = None,
    meta: IkuMeta | None = None,
    profile: Profile = PROFILE,
    polkp_assumed: bool = False,
) -> Iku:
    """One IKU block with fake but consistent cell refs; see the module docstring."""
    polarisasi, _, konsolidasi = pol.partition("/")
    polarisasi, konsolidasi = polarisasi.strip() or "Max", konsolidasi.strip() or "TLK"
    meta = meta or IkuMeta()
    iku = Iku(
        code=code,
        name=name or f"IKU {code}",
        sheet=sheet,
        header_cell=CellRef(sheet, f"A{at + 2}"),
        ss_name=ss_name,
        name_cell=CellRef(sheet, f"B{at + 1}"),
        ss_name_cell=CellRef(sheet, f"B{at}") if ss_name else None,
        polkp_cell=CellRef(sheet, f"I{at + 3}"),
        polkp_raw=pol,
        polarisasi=polarisasi,
        konsolidasi=konsolidasi,
        polkp_assumed=polkp_assumed,
        meta=meta,
        ss=ss,
        perspective=perspective,
    )
    iku.period_cells = {p: CellRef(sheet, f"{COLUMNS[p]}{at + 2}") for p in PERIODS}
    given = {"target": _periods(target, konsolidasi), "realisasi": _periods(realisasi, konsolidasi)}
    for row in ("target", "realisasi"):
        iku.rows[row] = {p: value(cell(p, row, at, sheet), given[row].get(p)) for p in PERIODS}
    # Auto capaian/Nilai: what a correct workbook shows, from the consolidated T and R.
    from kinerja_xl.analysis import score_period  # local: keeps the module import light

    auto = {p: score_period(iku, p, profile, meta.konversi_120) for p in PERIODS}
    for row, overrides in (("capaian", capaian), ("nilai", nilai)):
        if overrides is None:
            continue  # the row is absent from the block
        if isinstance(overrides, (list, tuple)):
            entries = _periods(overrides, konsolidasi)
        else:
            entries = {p: getattr(auto[p], row) for p in PERIODS}
            if isinstance(overrides, dict):
                entries.update(overrides)
        iku.rows[row] = {p: value(cell(p, row, at, sheet), entries.get(p)) for p in PERIODS}
    for row, offset in ROW_OFFSET.items():
        iku.row_cells[row] = CellRef(sheet, f"A{at + offset}")
    return iku


def make_summary(
    perspectives: list[tuple], *, nko: float | None = None, sheet: str = "Tabel1", start: int = 3
) -> Summary:
    """A summary table from (perspective, weight, [(ss, ss_name, [(iku, T, R, Nilai), ...], nss?)]).

    Columns: A code, B name, C Target, D Realisasi, E Nilai. Perspective rows may carry a
    reported Np as a 4th item; SS tuples an NSS as a 4th item.
    """
    summary = Summary(sheet=sheet, header_cell=CellRef(sheet, f"A{start - 1}"))
    row = start
    for p in perspectives:
        name, weight, ss_list = p[0], p[1], p[2]
        np_reported = p[3] if len(p) > 3 else None
        summary.perspectives.append(
            SummaryPerspective(
                name=name,
                label=f"{name} Perspective ({weight}%)" if weight is not None else name,
                row_cell=CellRef(sheet, f"A{row}"),
                weight=weight,
                np=value(CellRef(sheet, f"E{row}"), np_reported) if np_reported is not None else None,
            )
        )
        row += 1
        for s in ss_list:
            ss_code, ss_name, ikus = s[0], s[1], s[2]
            nss_reported = s[3] if len(s) > 3 else None
            summary.ss.append(
                SummarySs(
                    code=ss_code,
                    name=ss_name,
                    row_cell=CellRef(sheet, f"A{row}"),
                    perspective=name,
                    nss=value(CellRef(sheet, f"E{row}"), nss_reported) if nss_reported is not None else None,
                )
            )
            row += 1
            for code, t, r, n in ikus:
                summary.ikus.append(
                    SummaryIku(
                        code=code,
                        name=f"IKU {code}",
                        row_cell=CellRef(sheet, f"A{row}"),
                        ss=ss_code,
                        perspective=name,
                        target=value(CellRef(sheet, f"C{row}"), t),
                        realisasi=value(CellRef(sheet, f"D{row}"), r),
                        nilai=value(CellRef(sheet, f"E{row}"), n),
                    )
                )
                row += 1
    if nko is not None:
        summary.nko = value(CellRef(sheet, f"E{row}"), nko)
    return summary


def make_workbook(
    ikus: list[Iku | dict],
    summary: Summary | None = None,
    *,
    period: str | None = "Q4",
    year: int = 2024,
    path: str = "test.xlsx",
) -> Workbook:
    """A workbook from IKU blocks (dicts of make_iku kwargs are laid out one block after another).

    With a summary, each IKU gets the SS code and perspective of its summary row, as the reader does.
    """
    built: list[Iku] = []
    for i, spec in enumerate(ikus):
        if isinstance(spec, dict):
            spec = make_iku(**{"at": 1 + BLOCK_HEIGHT * i, **spec})
        built.append(spec)
    if summary is not None:
        for iku in built:
            row = summary.iku(iku.code) if iku.code else None
            if row is not None:
                iku.ss = iku.ss or row.ss
                iku.perspective = iku.perspective or row.perspective
    sheets = sorted({i.sheet for i in built} | ({summary.sheet} if summary else set()))
    return Workbook(path=path, ikus=built, summary=summary, year=year, period=period, sheets=sheets)


def analysed(wb: Workbook, profile: Profile = PROFILE) -> Analysis:
    """The Analysis of a built workbook."""
    return analyse(wb, profile)
