"""The year at a glance: one unit's submissions of a year as one table (history.Group -> YearTable)."""

from __future__ import annotations

from dataclasses import dataclass, field

from kinerja_xl.history import Group, Submission
from kinerja_xl.model import QUARTERS


@dataclass
class YearRow:
    """One line of a unit's year: NKO or an IKU, with its Nilai and status per quarter."""

    code: str | None
    name: str
    nilai: dict[str, float | None] = field(default_factory=dict)  # quarter -> recomputed Nilai
    status: dict[str, str] = field(default_factory=dict)  # quarter -> hijau/kuning/merah/abu-abu


@dataclass
class YearTable:
    """A unit's year from its submissions: per quarter the submission it comes from, NKO and every IKU."""

    unit: str
    year: int
    submissions: list[Submission]  # oldest first, then those of unknown period
    source: dict[str, Submission | None]  # quarter -> the submission its numbers come from
    nko: YearRow
    ikus: list[YearRow]
    # quarter -> the tied submissions (KX308) it would come from: not shown, as which one is newer is unknown
    ambiguous: dict[str, list[Submission]] = field(default_factory=dict)


def year_table(group: Group) -> YearTable:
    """The year at a glance of one group.

    A quarter's numbers come from the latest submission reporting that quarter (a revision
    replaces the original), else from the first later submission that includes it. When that
    submission is one of a tie (same period and file time, KX308), the quarter has no source: it
    is left empty and ``ambiguous`` names the tied files (issue 22: ambiguity is never shown as fact).
    """
    ordered = group.ordered
    tie_of = {id(s): rank for rank in group.ranks if len(rank) > 1 for s in rank}
    source: dict[str, Submission | None] = {}
    ambiguous: dict[str, list[Submission]] = {}
    for rank, q in enumerate(QUARTERS):
        same = [s for s in ordered if s.rank == rank]
        later = [s for s in ordered if (s.rank or 0) > rank]
        source[q] = same[-1] if same else (later[0] if later else None)
        chosen = source[q]
        if chosen is not None and id(chosen) in tie_of:
            ambiguous[q], source[q] = tie_of[id(chosen)], None
    nko = YearRow(code=None, name="NKO")
    for q, sub in source.items():
        nko.nilai[q] = sub.nko.get(q) if sub else None
        nko.status[q] = sub.nko_status.get(q, "abu-abu") if sub else "abu-abu"
    rows: dict[str, YearRow] = {}
    for sub in reversed(ordered):  # the newest submission's IKU order first
        for i in sub.ikus:
            rows.setdefault(i.key, YearRow(code=i.code, name=i.name))
    for q, sub in source.items():
        states = {i.key: i for i in sub.ikus} if sub else {}
        for key, row in rows.items():
            state = states.get(key)
            row.nilai[q] = state.nilai.get(q) if state else None
            row.status[q] = state.status.get(q, "abu-abu") if state else "abu-abu"
    return YearTable(
        unit=group.unit,
        year=group.year,
        submissions=ordered + group.unknown,
        source=source,
        nko=nko,
        ikus=list(rows.values()),
        ambiguous=ambiguous,
    )
