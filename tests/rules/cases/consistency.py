"""KX110, KX111, KX120, KX121 cases."""

from __future__ import annotations

from rules.cases import Case
from rules.cases.polarisasi import SERANG_6A
from rules.cases.values import SERANG_8B

CASES = [
    Case(
        "kx110-serang-8b",
        ("KX110",),
        [SERANG_8B],
        [("IKU!H4", "KX110", 80.0)],
        params={"IKU!H4 KX110": {"row": "Target", "kp": "TLK", "quarters": "Q1-Q4"}},
    ),
    Case(
        "kx110-sum-realisasi",
        ("KX110",),
        [
            dict(
                code="1a-CP", pol="Max/Sum", target=[10, 10, 20, 10, 30, 10, 40], realisasi=[10, 10, 25, 10, 30, 10, 40]
            )
        ],
        [("IKU!D5", "KX110", 20.0)],
    ),
    Case(
        "kx110-avg-consistent",
        ("KX110",),
        [dict(code="1a-CP", pol="Max/Avg", target=[10, 20, 30, 40], realisasi=[10, 20, "N/A", None])],
        [],
    ),
    Case(
        "kx110-quarters-all-na",
        ("KX110",),
        [dict(code="1a-CP", target=[None] * 6 + [100], realisasi=[None] * 6 + [90])],
        [],
    ),
    Case(
        "kx110-blank-consolidated",
        ("KX110",),
        [dict(code="1a-CP", target=[10, 20, None, 30, None, 40, None], realisasi=[10, 20, None, 30, None, 40, None])],
        [],
    ),
    # Issue 17 item 3 (rules.md section 1, Gaps): Max/Sum, R Q3 blank in a Q4 report. The column is N/A:
    # s.d. Q3 and Y are not checked (their T 30 and R 30.78 follow the old paired sum, T 40 the quarters);
    # the gap is KX120 at the blank cell.
    Case(
        "kx110-sum-gap-column-not-checked",
        ("KX110", "KX120"),
        [
            dict(
                code="1a-CP",
                pol="Max/Sum",
                target=[10, 10, 20, 10, 20, 10, 30],
                realisasi=[11.72, 9.71, 21.43, None, 21.43, 9.35, 30.78],
            )
        ],
        [("IKU!E5", "KX120", None)],
    ),
    Case(
        "kx110-avg-gap-column-not-checked",
        ("KX110", "KX120"),
        [
            dict(
                code="1a-CP",
                pol="Max/Avg",
                target=[10, 10, 10, 10, 10, 10, 10],
                realisasi=[12, None, 12, 9, 10.5, 10, 31 / 3],
            )
        ],
        [("IKU!C5", "KX120", None)],
    ),
    # TLK takes the last quarter with a Realisasi: Q4 blank in a Q4 report, Y's Realisasi is Q3's.
    Case(
        "kx110-tlk-gap-last-realisasi",
        ("KX110", "KX120"),
        [
            dict(
                code="1a-CP",
                target=[100] * 7,
                realisasi=[80, 85, 85, 90, 90, None, 100],
            )
        ],
        [("IKU!G5", "KX120", None), ("IKU!H5", "KX110", 90.0)],
    ),
    # A gap before a later Realisasi is KX120 even when the report's period is unknown.
    Case(
        "kx120-gap-period-unknown",
        ("KX120",),
        [dict(code="1a-CP", target=[10, 20, 30, 40], realisasi=[10, None, 30, 40])],
        [("IKU!C5", "KX120", None)],
        period=None,
        params={"IKU!C5 KX120": {"reported": "Q4"}},
    ),
    Case(
        "kx111-serang-6a",
        ("KX111",),
        [SERANG_6A],
        [("IKU!C4", "KX111", None)],
        params={"IKU!C4 KX111": {"previous": 95.0, "from_period": "Q1", "kp": "TLK"}},
    ),
    Case("kx111-min-falling-ok", ("KX111",), [{**SERANG_6A, "pol": "Min/TLK"}], []),
    Case(
        "kx111-avg-falling-ok",
        ("KX111",),
        [dict(code="1a-CP", pol="Max/Avg", target=[40, 30, 20, 10], realisasi=[40, 30, 20, 10])],
        [],
    ),
    # KX111 only for cumulative (TLK) targets: Sum quarterly targets are flows (issue 17 item 4).
    Case(
        "kx111-sum-falling-ok",
        ("KX111",),
        [dict(code="1a-CP", pol="Max/Sum", target=[40, 30, 20, 10], realisasi=[40, 30, 20, 10])],
        [],
    ),
    Case(
        "kx111-rising-ok", ("KX111",), [dict(code="1a-CP", target=[20, 40, 60, 100], realisasi=[20, 40, 60, 100])], []
    ),
    Case(
        "kx120-blank-q2",
        ("KX120",),
        [dict(code="1a-CP", target=[10, 20, 30, 40], realisasi=[10, None, 30, 40])],
        [("IKU!C5", "KX120", None)],
        params={"IKU!C5 KX120": {"reported": "Q4"}},
    ),
    Case(
        "kx120-explicit-na",
        ("KX120",),
        [dict(code="1a-CP", target=[10, 20, 30, 40], realisasi=[10, "N/A", 30, 40])],
        [],
    ),
    Case(
        "kx120-future-quarter",
        ("KX120",),
        [dict(code="1a-CP", target=[10, 20, 30, 40], realisasi=[10, None, None, None])],
        [],
        period="Q1",
    ),
    Case(
        "kx121-realisasi-without-target",
        ("KX121",),
        [dict(code="1a-CP", target=[None, 20, None, 40], realisasi=[5, 18, 7, 44])],
        [("IKU!B5", "KX121", None), ("IKU!E5", "KX121", None)],
        params={"IKU!B5 KX121": {}, "IKU!E5 KX121": {}},
    ),
    Case(
        "kx121-target-and-realisasi-or-neither",
        ("KX121",),
        [dict(code="1a-CP", target=[10, 20, "N/A", 40], realisasi=[10, 20, "N/A", 40])],
        [],
    ),
]
