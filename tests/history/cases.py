"""KX3xx case table: each Case is a few submissions of built workbooks and exactly the findings expected.

A submission's IKU are builders.make_iku kwargs, so in the first block Target Q4 is IKU!G4,
Realisasi Q1 IKU!B5, Capaian Q2 IKU!C6, Nilai Q2 IKU!C7, Pol/KP IKU!I4; the second block
starts at row 9 (name cell B10). Files are ordered by period, then by ``mtime`` (default:
list order).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

IKU_1A = dict(code="1a-CP", target=[100, 100, 100, 100], realisasi=[95, 90, 92, 98])
IKU_2A = dict(code="2a-N", pol="Min/TLK", target=[10, 10, 10, 10], realisasi=[9, 9, 8, 8])
IKU_3A = dict(code="3a-CP", target=[50, 60, 70, 80], realisasi=[50, 60, 70, 80])
# A cumulative IKU by its name ("s.d. triwulan"), TLK.
CUMUL = dict(code="4a-N", name="Jumlah berkas diselesaikan s.d. triwulan", target=[20, 40, 60, 80])


def upto(values: list[Any], period: str) -> list[Any]:
    """Quarter values with the quarters after ``period`` blank (a report of that period)."""
    n = int(period[1])
    return [v if i < n else None for i, v in enumerate(values)]


def report(iku: dict[str, Any], period: str, **changes: Any) -> dict[str, Any]:
    """An IKU as a report of ``period`` shows it: realisasi after the period blank."""
    out = {**iku, **changes}
    out["realisasi"] = upto(list(out["realisasi"]), period)
    return out


@dataclass
class Sub:
    """One submission of a case."""

    name: str
    period: str | None
    ikus: list[dict[str, Any]]
    mtime: int | None = None  # default: its position in the case
    unit: str | None = "KPKNL UJI"
    year: int | None = 2024
    archived: bool = False


@dataclass
class Case:
    """Submissions and exactly the (file, cell, code) findings expected for ``codes``."""

    id: str
    subs: list[Sub]
    expect: list[tuple[str, str | None, str]]
    codes: tuple[str, ...] = ("KX301", "KX302", "KX303", "KX304", "KX305", "KX306", "KX307", "KX308")
    params: dict[str, dict[str, Any]] = field(default_factory=dict)  # "file cell code" -> params subset


Q1 = [report(IKU_1A, "Q1"), report(IKU_2A, "Q1")]
Q2 = [report(IKU_1A, "Q2"), report(IKU_2A, "Q2")]
Q3 = [report(IKU_1A, "Q3"), report(IKU_2A, "Q3")]
Q4 = [report(IKU_1A, "Q4"), report(IKU_2A, "Q4")]

CASES = [
    # ---------------------------------------------------------------- KX301
    Case(
        "same-data-whole-year", [Sub("q1", "Q1", Q1), Sub("q2", "Q2", Q2), Sub("q3", "Q3", Q3), Sub("q4", "Q4", Q4)], []
    ),
    Case(
        "kx301-realisasi-q1-revised-in-q3",
        [Sub("q1", "Q1", Q1), Sub("q3", "Q3", [report(IKU_1A, "Q3", realisasi=[88, 90, 92, 98]), Q3[1]])],
        [("q3", "IKU!B5", "KX301")],  # Capaian and Nilai Q1 follow: not repeated
        params={
            "q3 IKU!B5 KX301": {
                "row": "Realisasi",
                "old": 95.0,
                "new": 88.0,
                "previous_file": "q1.xlsx",
                "previous_period": "Q1",
            }
        },
    ),
    Case(
        "kx301-sum-rollups-follow",
        [
            Sub("q2", "Q2", [report({**IKU_1A, "pol": "Max/Sum"}, "Q2")]),
            Sub("q3", "Q3", [report({**IKU_1A, "pol": "Max/Sum"}, "Q3", realisasi=[95, 80, 92, 98])]),
        ],
        [("q3", "IKU!C5", "KX301")],  # Sm.I, s.d. Q3 and Y realisasi follow from Q2
    ),
    Case(
        "kx301-consolidated-typed",
        [
            Sub("q2", "Q2", [{**IKU_1A, "realisasi": [95, 90, 90, None, None, None, None]}]),
            Sub("q3", "Q3", [{**IKU_1A, "realisasi": [95, 90, 93, 92, 92, None, None]}]),
        ],
        [("q3", "IKU!D5", "KX301")],
        params={"q3 IKU!D5 KX301": {"old": 90.0, "new": 93.0}},
    ),
    Case(
        "kx301-capaian-typed-over",
        [Sub("q2", "Q2", Q2), Sub("q3", "Q3", [report(IKU_1A, "Q3", capaian={"Q2": 95.0}), Q3[1]])],
        [("q3", "IKU!C6", "KX301")],
        params={"q3 IKU!C6 KX301": {"row": "Capaian", "old": 90.0, "new": 95.0}},
    ),
    Case(
        "kx301-nilai-typed-over",
        [Sub("q2", "Q2", Q2), Sub("q3", "Q3", [report(IKU_1A, "Q3", nilai={"Q1": 100.0}), Q3[1]])],
        [("q3", "IKU!B7", "KX301")],
    ),
    Case(
        "kx301-na-filled-in-later",
        [
            Sub("q2", "Q2", [report(IKU_1A, "Q2", realisasi=[95, "N/A", 92, 98])]),
            Sub("q3", "Q3", [report(IKU_1A, "Q3")]),
        ],
        [("q3", "IKU!C5", "KX301")],
        params={"q3 IKU!C5 KX301": {"old": "-", "new": 90.0}},
    ),
    Case(
        "kx301-within-tolerance",
        [Sub("q2", "Q2", Q2), Sub("q3", "Q3", [report(IKU_1A, "Q3", realisasi=[95.004, 90, 92, 98]), Q3[1]])],
        [],
    ),
    Case(
        "kx301-revised-q3-newer-by-time",
        [
            Sub("q3-revisi", "Q3", [report(IKU_1A, "Q3", realisasi=[95, 90, 97, 98]), Q3[1]], mtime=2),
            Sub("q3", "Q3", Q3, mtime=1),
        ],
        [("q3-revisi", "IKU!E5", "KX301")],
        params={"q3-revisi IKU!E5 KX301": {"old": 92.0, "new": 97.0, "previous_file": "q3.xlsx"}},
    ),
    Case(
        "kx301-past-target-changed",
        [Sub("q2", "Q2", Q2), Sub("q3", "Q3", [report(IKU_1A, "Q3", target=[100, 95, 100, 100]), Q3[1]])],
        [("q3", "IKU!C4", "KX301")],
        params={"q3 IKU!C4 KX301": {"row": "Target"}},
    ),
    # ---------------------------------------------------------------- KX302
    Case(
        "kx302-q4-target-cut",
        [Sub("q2", "Q2", Q2), Sub("q3", "Q3", [report(IKU_1A, "Q3", target=[100, 100, 100, 90]), Q3[1]])],
        [("q3", "IKU!G4", "KX302")],  # Y follows Q4 under TLK
        params={"q3 IKU!G4 KX302": {"old": 100.0, "new": 90.0, "previous_period": "Q2"}},
    ),
    Case(
        "kx302-future-target-filled-in",
        [
            Sub("q2", "Q2", [report(IKU_1A, "Q2", target=[100, 100, None, None])]),
            Sub("q3", "Q3", [report(IKU_1A, "Q3")]),
        ],
        [],  # Q3 and Q4 targets were blank in q2: filled in, not changed
        codes=("KX302",),
    ),
    Case(
        "kx302-future-target-removed",
        [Sub("q1", "Q1", Q1), Sub("q2", "Q2", [report(IKU_1A, "Q2", target=[100, 100, 100, None]), Q2[1]])],
        [("q2", "IKU!G4", "KX302")],
        params={"q2 IKU!G4 KX302": {"new": "-"}},
    ),
    # ---------------------------------------------------------------- KX303 / KX304
    Case(
        "kx303-iku-dropped",
        [Sub("q2", "Q2", Q2), Sub("q3", "Q3", [Q3[0]])],
        [("q3", None, "KX303")],
        params={"q3 None KX303": {"name": "IKU 2a-N", "previous_file": "q2.xlsx"}},
    ),
    Case(
        "kx304-iku-new",
        [Sub("q2", "Q2", [Q2[0]]), Sub("q3", "Q3", [Q3[0], report(IKU_3A, "Q3")])],
        [("q3", "IKU!B10", "KX304")],
    ),
    Case(
        "kx303-kx304-code-written-in-one-file-only",
        [Sub("q2", "Q2", Q2), Sub("q3", "Q3", [{**Q3[0], "code": None, "name": "IKU 1a-CP"}, Q3[1]])],
        [],
    ),
    # ---------------------------------------------------------------- KX305
    Case(
        "kx305-pol-changed",
        [Sub("q2", "Q2", Q2), Sub("q3", "Q3", [Q3[0], report({**IKU_2A, "pol": "Max/TLK"}, "Q3")])],
        [("q3", "IKU!I12", "KX305")],
        codes=("KX305",),
        params={"q3 IKU!I12 KX305": {"old": "Min/TLK", "new": "Max/TLK"}},
    ),
    Case("kx305-same-polkp", [Sub("q2", "Q2", Q2), Sub("q3", "Q3", Q3)], [], codes=("KX305",)),
    # ---------------------------------------------------------------- KX306
    Case(
        "kx306-cumulative-down",
        [
            Sub("q2", "Q2", [report({**CUMUL, "realisasi": [15, 40, 35, 80]}, "Q2")]),
            Sub("q3", "Q3", [report({**CUMUL, "realisasi": [15, 40, 35, 80]}, "Q3")]),
        ],
        [("q3", "IKU!E5", "KX306")],
        params={"q3 IKU!E5 KX306": {"old": 40.0, "previous_period": "Q2"}},
    ),
    Case(
        "kx306-kumulatif-word",
        [
            Sub("q1", "Q1", [report({**CUMUL, "name": "Nilai kumulatif PNBP", "realisasi": [30, 20, 50, 80]}, "Q1")]),
            Sub("q2", "Q2", [report({**CUMUL, "name": "Nilai kumulatif PNBP", "realisasi": [30, 20, 50, 80]}, "Q2")]),
        ],
        [("q2", "IKU!C5", "KX306")],
    ),
    Case(
        "kx306-not-cumulative-by-name",
        [
            Sub("q2", "Q2", [report({**CUMUL, "name": "Indeks kepuasan", "realisasi": [15, 40, 35, 80]}, "Q2")]),
            Sub("q3", "Q3", [report({**CUMUL, "name": "Indeks kepuasan", "realisasi": [15, 40, 35, 80]}, "Q3")]),
        ],
        [],
    ),
    Case(
        "kx306-sum-not-tlk",
        [
            Sub("q2", "Q2", [report({**CUMUL, "pol": "Max/Sum", "realisasi": [15, 40, 35, 80]}, "Q2")]),
            Sub("q3", "Q3", [report({**CUMUL, "pol": "Max/Sum", "realisasi": [15, 40, 35, 80]}, "Q3")]),
        ],
        [],
    ),
    Case(
        "kx306-cumulative-up",
        [
            Sub("q2", "Q2", [report({**CUMUL, "realisasi": [15, 40, 52, 80]}, "Q2")]),
            Sub("q3", "Q3", [report({**CUMUL, "realisasi": [15, 40, 52, 80]}, "Q3")]),
        ],
        [],
    ),
    # ---------------------------------------------------------------- KX307 / KX308
    Case(
        "kx307-period-unknown",
        [Sub("q2", "Q2", Q2), Sub("laporan", None, Q3), Sub("q3", "Q3", Q3)],
        [("laporan", None, "KX307")],
        params={"laporan None KX307": {"count": "2", "unit": "KPKNL UJI", "year": "2024"}},
    ),
    Case("kx307-alone-not-reported", [Sub("laporan", None, Q3)], []),
    Case(
        "kx308-same-period-same-time",
        [
            Sub("q2", "Q2", Q2, mtime=1),
            Sub("q3-a", "Q3", Q3, mtime=5),
            Sub("q3-b", "Q3", [report(IKU_1A, "Q3", realisasi=[95, 90, 99, 98]), Q3[1]], mtime=5),
            Sub("q4", "Q4", [report(IKU_1A, "Q4", realisasi=[95, 91, 92, 98]), Q4[1]], mtime=9),
        ],
        # both Q3 compared with q2 only; q4 with q2 (the latest that can be ordered)
        [("q3-a", None, "KX308"), ("q3-b", None, "KX308"), ("q4", "IKU!C5", "KX301")],
        params={"q3-a None KX308": {"other_file": "q3-b.xlsx"}, "q4 IKU!C5 KX301": {"previous_file": "q2.xlsx"}},
    ),
    Case(
        "kx308-same-data-is-one-file",
        [Sub("q3", "Q3", Q3, mtime=5), Sub("q3-copy", "Q3", Q3, mtime=5)],
        [],
    ),
    # ---------------------------------------------------------------- never compared
    Case(
        "other-unit-never-compared",
        [Sub("serang-q2", "Q2", Q2, unit="KPKNL SERANG"), Sub("bogor-q3", "Q3", [Q3[0]], unit="KPKNL BOGOR")],
        [],
    ),
    Case(
        "unit-spelling-same-unit",
        [Sub("a", "Q2", Q2, unit="KPKNL  Serang"), Sub("b", "Q3", [Q3[0]], unit="kpknl serang")],
        [("b", None, "KX303")],
    ),
    Case(
        "other-year-never-compared",
        [Sub("q4-2023", "Q4", Q4, year=2023), Sub("q1-2024", "Q1", [Q1[0]], year=2024)],
        [],
    ),
    Case("unknown-year-never-compared", [Sub("a", "Q2", Q2, year=None), Sub("b", "Q3", [Q3[0]], year=None)], []),
    Case(
        "archived-baseline-gets-no-findings",
        [
            Sub("arsip-q2", "Q2", [report(IKU_1A, "Q2", realisasi=[80, 90, 92, 98])], archived=True, mtime=1),
            Sub("arsip-q1", "Q1", [report(IKU_1A, "Q1", realisasi=[70, 90, 92, 98])], archived=True, mtime=0),
            Sub("q3", "Q3", [Q3[0]], mtime=3),
        ],
        [("q3", "IKU!B5", "KX301")],
        params={"q3 IKU!B5 KX301": {"old": 80.0, "previous_file": "arsip-q2.xlsx"}},
    ),
]
