"""Across submissions: compare workbooks of one unit and year, oldest to newest (KX3xx). Pure, no openpyxl.

A manager receives the same unit's workbook every quarter, sometimes twice for one quarter (a
revised file). A submission is snapshotted once (``snapshot``: the numbers of every IKU block, its
Pol/KP, the recomputed Nilai and NKO), then ``compare`` groups submissions by normalised (unit,
year), orders each group by reported period and, within one period, by file modification time,
and compares each submission with the one before it. Submissions of different units or years are
never compared; two that cannot be ordered are reported (KX307, KX308), never guessed.

The findings of a comparison belong to the newer submission; archived ones (``--history``) only
serve as a baseline and get none.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from kinerja_xl import scoring
from kinerja_xl.analysis import Analysis
from kinerja_xl.findings import Finding
from kinerja_xl.history_codes import MESSAGES
from kinerja_xl.model import CONSOLIDATED, PERIODS, QUARTERS, ROWS, CellRef, Workbook
from kinerja_xl.outputs import shown
from kinerja_xl.profiles import Profile
from kinerja_xl.unitname import unit_key

CODES: tuple[str, ...] = tuple(m.code for m in MESSAGES)  # declared in history_codes
# Names of the value rows in messages (domain words: the same in both languages).
ROW_LABEL = {"target": "Target", "realisasi": "Realisasi", "capaian": "Capaian", "nilai": "Nilai"}
# An IKU whose name says its realisasi is cumulative ("s.d. triwulan", "kumulatif", "s/d").
_CUMULATIVE = re.compile(r"kumulatif|(?<![a-z])s\s*[./]\s*d\b|(?<![a-z])s\.d(?![a-z])", re.IGNORECASE)


def norm(text: str | None) -> str:
    """A unit or IKU name compared case-, space- and punctuation-insensitively."""
    return " ".join(re.findall(r"[0-9a-z]+", (text or "").casefold()))


def is_cumulative(name: str | None) -> bool:
    """True when an IKU's name says its realisasi is cumulative (``s.d.``, ``s/d``, ``kumulatif``)."""
    return bool(_CUMULATIVE.search(name or ""))


@dataclass
class IkuState:
    """One IKU of a submission: what a later submission is compared against."""

    code: str | None
    name: str
    polkp: str  # "Max/TLK" when recognised, else the cell's text ("" when blank)
    konsolidasi: str
    anchor: CellRef | None  # where a finding about the whole IKU points (name, else T/R header)
    polkp_cell: CellRef | None
    # (row, period) -> (number or None for N/A, cell); only cells the block has
    values: dict[tuple[str, str], tuple[float | None, CellRef | None]] = field(default_factory=dict)
    nilai: dict[str, float | None] = field(default_factory=dict)  # recomputed Nilai per period
    status: dict[str, str] = field(default_factory=dict)  # recomputed status per period

    @property
    def key(self) -> str:
        """How an IKU is matched across submissions: its code, else its name."""
        return f"code:{self.code.strip().casefold()}" if self.code else f"name:{norm(self.name)}"

    def number(self, row: str, period: str) -> float | None:
        """The number of a row in a period, None when N/A or absent."""
        got = self.values.get((row, period))
        return None if got is None else got[0]


@dataclass
class Submission:
    """One workbook as a point in a unit's year: unit, year, reported period, file time and its IKU."""

    path: str
    unit: str | None
    year: int | None
    period: str | None  # Q1..Q4, None when the reader could not tell
    mtime_ns: int
    tolerance: float = 0.01
    archived: bool = False  # from --history: a baseline only, never given findings or outputs
    ikus: list[IkuState] = field(default_factory=list)
    nko: dict[str, float | None] = field(default_factory=dict)
    nko_status: dict[str, str] = field(default_factory=dict)

    @property
    def name(self) -> str:
        """The file name (what messages show), printable (outputs.shown)."""
        return shown(re.split(r"[\\/]", self.path)[-1])

    @property
    def group(self) -> tuple[str, int] | None:
        """(unit key, year), None when either is unknown (such a file is never compared).

        Unit names compare by unitname.unit_key: case, spacing and long office forms ignored.
        """
        unit = unit_key(self.unit)
        return (unit, self.year) if unit and self.year else None

    @property
    def rank(self) -> int | None:
        """0..3 for Q1..Q4, None when the period is unknown."""
        return QUARTERS.index(self.period) if self.period in QUARTERS else None

    def fingerprint(self) -> tuple[object, ...]:
        """Everything a comparison reads: two submissions with equal fingerprints are the same data."""
        return tuple((i.key, i.polkp, tuple(sorted((k, v[0]) for k, v in i.values.items()))) for i in self.ikus)


def snapshot(
    wb: Workbook,
    analysis: Analysis | None,
    profile: Profile | None,
    *,
    path: str,
    mtime_ns: int,
    tolerance: float | None = None,
    archived: bool = False,
) -> Submission:
    """The Submission of a read workbook (call before its cell values are dropped)."""
    tol = tolerance if tolerance is not None else (profile.tolerance if profile else 0.01)
    sub = Submission(
        path=path,
        unit=wb.unit,
        year=wb.year,
        period=wb.period,
        mtime_ns=mtime_ns,
        tolerance=tol,
        archived=archived,
    )
    scores = {id(s.iku): s for s in analysis.ikus} if analysis else {}
    for iku in wb.ikus:
        state = IkuState(
            code=iku.code,
            name=iku.name,
            polkp=(iku.polkp_raw or "").strip() if iku.polkp_assumed else f"{iku.polarisasi}/{iku.konsolidasi}",
            konsolidasi=iku.konsolidasi,
            anchor=iku.name_cell or iku.header_cell,
            polkp_cell=iku.polkp_cell,
        )
        for row in ROWS:
            for period, v in iku.rows.get(row, {}).items():
                state.values[(row, period)] = (v.number, v.cell)
        score = scores.get(id(iku))
        if score is not None:
            state.nilai = {p: ps.nilai for p, ps in score.periods.items()}
            state.status = {p: ps.status for p, ps in score.periods.items()}
        sub.ikus.append(state)
    if analysis is not None:
        sub.nko = dict(analysis.nko)
        sub.nko_status = {
            p: (scoring.status(v, profile) if profile is not None and v is not None else "abu-abu")
            for p, v in analysis.nko.items()
        }
    return sub


# ------------------------------------------------------------------ grouping and ordering


@dataclass
class Group:
    """The submissions of one unit and year: ordered ranks, and those that cannot be placed."""

    unit: str  # as the newest submission writes it
    year: int
    ranks: list[list[Submission]] = field(default_factory=list)  # oldest first; >1 member = a tie
    unknown: list[Submission] = field(default_factory=list)  # period unknown

    @property
    def ordered(self) -> list[Submission]:
        """Every placed submission, oldest first (the members of a tie in input order)."""
        return [s for rank in self.ranks for s in rank]

    @property
    def size(self) -> int:
        """How many submissions the group holds."""
        return len(self.ordered) + len(self.unknown)


def groups(subs: Iterable[Submission]) -> list[Group]:
    """Submissions grouped by (unit, year) and ordered by (period, file time); unknown unit/year left out.

    Within a tie (same period, same file time) submissions with the same data are one
    (the same file in the inbox and in the archive); an input is kept over an archived copy.
    """
    by_key: dict[tuple[str, int], list[Submission]] = {}
    for s in subs:
        key = s.group
        if key is not None:
            by_key.setdefault(key, []).append(s)
    out: list[Group] = []
    for (_, year), unit_members in by_key.items():
        for members in _parts(unit_members):
            out.append(_group(members, year))
    return out


def _parts(members: list[Submission]) -> list[list[Submission]]:
    """The submissions of one unit and year split into the same workbook's versions: an office
    sends one workbook per section, each with its own IKU, so two files are versions of one
    workbook only when they share at least half of the IKU of the smaller one. Linked files
    form one part (connected components), in input order."""
    keys = [{i.key for i in s.ikus} for s in members]
    parent = list(range(len(members)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a in range(len(members)):
        for b in range(a + 1, len(members)):
            small = min(len(keys[a]), len(keys[b]))
            if small and 2 * len(keys[a] & keys[b]) >= small:
                parent[root(b)] = root(a)
    parts: dict[int, list[Submission]] = {}
    for i, s in enumerate(members):
        parts.setdefault(root(i), []).append(s)
    return list(parts.values())


def _group(members: list[Submission], year: int) -> Group:
    """One part's Group: ordered ranks (ties deduplicated) and the submissions of unknown period."""
    placed = [s for s in members if s.rank is not None]
    g = Group(unit=members[-1].unit or "", year=year, unknown=[s for s in members if s.rank is None])
    keys = sorted({(s.rank, s.mtime_ns) for s in placed})
    for k in keys:
        tied = [s for s in placed if (s.rank, s.mtime_ns) == k]
        g.ranks.append(_dedupe(tied))
    if g.ordered:
        g.unit = g.ordered[-1].unit or g.unit
    return g


def _dedupe(tied: list[Submission]) -> list[Submission]:
    """One submission per distinct data; inputs before archived copies."""
    kept: list[Submission] = []
    seen: dict[tuple[object, ...], int] = {}
    for s in sorted(tied, key=lambda s: s.archived):
        fp = s.fingerprint()
        if fp not in seen:
            seen[fp] = len(kept)
            kept.append(s)
    return kept


# ------------------------------------------------------------------ comparing


def compare(subs: Sequence[Submission]) -> dict[int, list[Finding]]:
    """Findings per submission (index into ``subs``) from comparing each with the one before it.

    Only submissions that are not archived get findings. A submission is compared with the
    latest earlier rank of its group that holds exactly one submission (see comparisons); tied
    ones (KX308) and those of unknown period (KX307) are reported, not compared with each other.
    """
    index = {id(s): i for i, s in enumerate(subs)}
    out: dict[int, list[Finding]] = {}

    def add(sub: Submission, findings: Iterable[Finding]) -> None:
        if not sub.archived:
            out.setdefault(index[id(sub)], []).extend(findings)

    for g in groups(subs):
        if g.size < 2:
            continue
        for s in g.unknown:
            add(s, [_unknown_period(s, g)])
        for rank in g.ranks:
            if len(rank) > 1:
                for s in rank:
                    add(s, [_unorderable(s, [o for o in rank if o is not s], g)])
    for older, newer in comparisons(subs):
        add(newer, compare_pair(older, newer))
    return out


def comparisons(subs: Sequence[Submission]) -> list[tuple[Submission, Submission]]:
    """(older, newer) of every comparison: each placed submission against the latest earlier rank
    of its group that holds exactly one submission."""
    out: list[tuple[Submission, Submission]] = []
    for g in groups(subs):
        previous: Submission | None = None
        for rank in g.ranks:
            if previous is not None:
                out.extend((previous, s) for s in rank)
            if len(rank) == 1:
                previous = rank[0]
    return out


def _unknown_period(s: Submission, g: Group) -> Finding:
    return Finding(
        "KX307",
        params={"unit": g.unit, "year": str(g.year), "count": str(g.size - 1)},
    )


def _unorderable(s: Submission, others: list[Submission], g: Group) -> Finding:
    return Finding(
        "KX308",
        period=s.period,
        params={"other_file": ", ".join(o.name for o in others), "unit": g.unit, "year": str(g.year)},
    )


def _shared(period: str, rank: int) -> bool:
    """Whether a period is reported by a file whose reported quarter has this rank (0 = Q1)."""
    last = CONSOLIDATED[period][-1] if period in CONSOLIDATED else period
    return QUARTERS.index(last) <= rank


def _changed(old: float | None, new: float | None, tol: float) -> bool:
    if old is None or new is None:
        return (old is None) != (new is None)
    return abs(old - new) > tol


def _shown(x: float | None) -> float | str:
    """A number for a message, '-' for N/A."""
    return "-" if x is None else x


def compare_pair(older: Submission, newer: Submission) -> list[Finding]:
    """The KX301-KX306 findings of ``newer`` against ``older`` (same unit and year, older first)."""
    tol = newer.tolerance
    if older.rank is None or newer.rank is None:
        return []  # not placed in the year: never compared (KX307)
    base = {"previous_file": older.name, "previous_period": older.period or "-"}
    findings: list[Finding] = []
    old_by_key: dict[str, IkuState] = {}
    for i in older.ikus:
        old_by_key.setdefault(i.key, i)
    new_by_key: dict[str, IkuState] = {}
    for i in newer.ikus:
        new_by_key.setdefault(i.key, i)
    # An IKU whose code is written in one file only is matched by its name.
    by_name_old = {f"name:{norm(i.name)}": i for k, i in old_by_key.items() if k not in new_by_key}
    pairs: list[tuple[IkuState, IkuState]] = []
    matched_old: set[int] = set()
    for key, new in new_by_key.items():
        old = old_by_key.get(key) or by_name_old.get(f"name:{norm(new.name)}")
        if old is None or id(old) in matched_old:
            findings.append(Finding("KX304", new.anchor, iku=new.code or new.name, params=dict(base)))
            continue
        matched_old.add(id(old))
        pairs.append((old, new))
    for old in old_by_key.values():
        if id(old) not in matched_old:
            findings.append(Finding("KX303", None, iku=old.code or old.name, params={"name": old.name, **base}))
    for old, new in pairs:
        findings.extend(_compare_iku(old, new, older, newer, base, tol))
    return findings


def _compare_iku(
    old: IkuState, new: IkuState, older: Submission, newer: Submission, base: dict[str, str], tol: float
) -> Iterable[Finding]:
    """KX301, KX302, KX305, KX306 of one IKU present in both submissions."""
    iku = new.code or new.name
    if old.polkp.casefold() != new.polkp.casefold():
        yield Finding(
            "KX305",
            new.polkp_cell or new.anchor,
            iku=iku,
            params={"old": old.polkp or "-", "new": new.polkp or "-", **base},
        )
    yield from _value_changes(old, new, older.rank or 0, base, tol)
    yield from _cumulative_decrease(old, new, older, newer, base, tol)


def _value_changes(
    old: IkuState, new: IkuState, older_rank: int, base: dict[str, str], tol: float
) -> Iterable[Finding]:
    """KX301 (a period both report) and KX302 (a future target) for every changed cell."""
    changed = {
        key for key in (old.values.keys() & new.values.keys()) if _changed(old.number(*key), new.number(*key), tol)
    }
    iku = new.code or new.name
    for row in ROWS:
        for period in PERIODS:
            if (row, period) not in changed or _follows(changed, row, period):
                continue
            o, n = old.number(row, period), new.number(row, period)
            cell = new.values[(row, period)][1] or new.anchor
            params = {"old": _shown(o), "new": _shown(n), **base}
            if _shared(period, older_rank):
                yield Finding("KX301", cell, iku=iku, period=period, actual=n, params={"row": ROW_LABEL[row], **params})
            elif row == "target" and o is not None:
                # a future target newly filled in is not a change of a set target
                yield Finding("KX302", cell, iku=iku, period=period, actual=n, params=params)


def _follows(changed: set[tuple[str, str]], row: str, period: str) -> bool:
    """A change that follows from another reported one (a roll-up of a quarter, a capaian of T and R)."""
    quarters = CONSOLIDATED.get(period, ())
    if row in ("target", "realisasi"):
        return any((row, q) in changed for q in quarters)
    sources = [(r, p) for r in ("target", "realisasi") for p in (period, *quarters)]
    if row == "nilai":
        sources.append(("capaian", period))
    return any(k in changed for k in sources)


def _cumulative_decrease(
    old: IkuState, new: IkuState, older: Submission, newer: Submission, base: dict[str, str], tol: float
) -> Iterable[Finding]:
    """KX306: a cumulative (by name) TLK realisasi lower than in the previous quarter's report."""
    if (newer.rank or 0) <= (older.rank or 0) or new.konsolidasi != "TLK" or not is_cumulative(new.name):
        return
    o, n = old.number("realisasi", older.period or ""), new.number("realisasi", newer.period or "")
    if o is not None and n is not None and n < o - tol:
        cell = new.values[("realisasi", newer.period or "")][1] or new.anchor
        yield Finding("KX306", cell, iku=new.code or new.name, period=newer.period, actual=n, params={"old": o, **base})


__all__ = [
    "CODES",
    "Group",
    "IkuState",
    "Submission",
    "compare",
    "compare_pair",
    "comparisons",
    "groups",
    "is_cumulative",
    "norm",
    "snapshot",
]
