"""KX101-KX105 cases (Serang 5a-CP, 2a-CP, 5c-CP, 8b-N transcribed with their printed numbers)."""

from __future__ import annotations

from kinerja_xl.model import CellRef, IkuMeta
from rules.cases import Case

NILAI = ("KX101", "KX102", "KX103", "KX104")

SERANG_5A = dict(
    code="5a-CP",
    target=[20, 40, 40, 60, 60, 100, 100],
    realisasi=[20, 41.56, 41.56, 65.42, 65.42, 97.80, 97.80],
    capaian=[100, 103.90, 103.90, 109.04, 109.04, 132.63, 132.63],
    nilai=[100, 103.90, 103.90, 109.04, 109.04, 120, 120],
)
SERANG_2A = dict(
    code="2a-CP",
    target=[30, 50, 50, 60, 60, 71.5, 71.5],
    realisasi=[20.04, 84.70, 84.70, 86.44, 86.44, 86.51, 86.51],
    capaian=[66.80, 169.39, 169.39, 144.07, 144.07, 120.99, 120.99],
    nilai=[68.80, 120, 120, 120, 120, 120, 120],
)
SERANG_5C = dict(
    code="5c-CP",
    target=[25, 55, 55, 88, 88, 100, 100],
    realisasi=[25, 100, 100, 100, 100, 100, 100],
    capaian=[100, 181.82, 181.82, 113.64, 113.64, 120, 120],
    nilai=[100, 120, 120, 113.64, 113.64, 120, 120],
)
# Target Q4 80% but Target Y 100% under TLK; capaian Y (131,25) already uses the right 80.
SERANG_8B = dict(
    code="8b-N",
    target=[45, 60, 60, 80, 80, 80, 100],
    realisasi=[71.50, 87.13, 87.13, 100.31, 100.31, 105, 105],
    capaian=[158.89, 145.21, 145.21, 125.39, 125.39, 131.25, 131.25],
    nilai=[120] * 7,
)


def _plain(code: str, **kw) -> dict:
    """A correct block: T = R = 100 in every quarter unless overridden."""
    return {"code": code, "target": [100] * 4, "realisasi": [100] * 4, **kw}


KONVERSI = IkuMeta(konversi_120=True, cells={"konversi_120": CellRef("IKU", "J1")})

CASES = [
    Case(
        "kx101-serang-5a",
        NILAI,
        [SERANG_5A],
        [
            ("IKU!G6", "KX101", 97.80),
            ("IKU!H6", "KX101", 97.80),
            ("IKU!G7", "KX102", 97.80),
            ("IKU!H7", "KX102", 97.80),
        ],
        params={"IKU!G6 KX101": {"formula": "R/T x 100", "pol": "Max"}},
    ),
    Case(
        "kx101-correct-block", NILAI, [dict(code="1a-CP", target=[20, 40, 60, 100], realisasi=[18, 41, 70, 97.8])], []
    ),
    Case(
        "kx101-min-formula",
        ("KX101",),
        [dict(code="1a-CP", pol="Min/TLK", target=[10] * 4, realisasi=[5] * 4, capaian={"Q3": 50.0})],
        [("IKU!E6", "KX101", 150.0)],
        params={"IKU!E6 KX101": {"formula": "(2 - R/T) x 100", "pol": "Min"}},
    ),
    Case(
        "kx101-within-tolerance",
        ("KX101",),
        [dict(code="1a-CP", target=[3] * 4, realisasi=[1] * 4, capaian=[33.33] * 7)],
        [],
    ),
    # The consolidated column is scored on consolidated T/R: a wrong Target Y is one KX110 only.
    Case("kx101-serang-8b", (*NILAI, "KX110"), [SERANG_8B], [("IKU!H4", "KX110", 80.0)]),
    # Capaian Y computed from the column's own wrong Target: the Target cell is the one error.
    Case(
        "kx101-own-column-cascade",
        (*NILAI, "KX110"),
        [
            dict(
                code="1a-CP",
                target=[80] * 6 + [100],
                realisasi=[80] * 7,
                capaian=[100] * 6 + [80],
                nilai=[100] * 6 + [80],
            )
        ],
        [("IKU!H4", "KX110", 80.0)],
    ),
    Case(
        "kx102-serang-2a",
        NILAI,
        [SERANG_2A],
        [("IKU!B7", "KX102", 66.80)],
        params={"IKU!B7 KX102": {"reason_id": "sama dengan capaian 66,80", "reason_en": "equal to capaian 66.80"}},
    ),
    Case(
        "kx102-capped",
        ("KX102",),
        [_plain("1a-CP", realisasi=[130] * 4, nilai={"Q2": 110.0})],
        [("IKU!C7", "KX102", 120.0)],
        params={"IKU!C7 KX102": {"reason_en": "capaian 130.00 capped at 120.00"}},
    ),
    Case("kx102-capped-ok", ("KX102", "KX103"), [_plain("1a-CP", realisasi=[130] * 4)], []),
    Case(
        "kx103-above-cap",
        ("KX102", "KX103"),
        [_plain("1a-CP", target=[80] * 4, realisasi=[105] * 4, nilai={"Q4": 131.25})],
        [("IKU!G7", "KX103", 120.0)],
        params={"IKU!G7 KX103": {"floor": 0.0, "cap": 120.0}},
    ),
    Case(
        "kx103-below-floor",
        ("KX102", "KX103"),
        [_plain("1a-CP", target=[10] * 4, realisasi=[-5] * 4, nilai={"Q1": -50.0})],
        [("IKU!B7", "KX103", 0.0)],
    ),
    # Serang 5c-CP: T 100 R 100 shown as capaian 120 / Nilai 120 without a konversi designation.
    Case(
        "kx104-serang-5c",
        NILAI,
        [SERANG_5C],
        [
            ("IKU!G6", "KX101", 100.0),
            ("IKU!H6", "KX101", 100.0),
            ("IKU!G7", "KX104", 100.0),
            ("IKU!H7", "KX104", 100.0),
        ],
        params={"IKU!G7 KX104": {"capaian": 100.0, "reason_id": "IKU ini tidak ditetapkan untuk konversi 120"}},
    ),
    Case(
        "kx104-designated-target-not-met",
        ("KX102", "KX104"),
        [_plain(c) for c in ("2a-CP", "2b-CP", "3a-CP", "3b-CP")]
        + [_plain("1a-CP", realisasi=[90] * 4, nilai={"Q4": 120.0}, meta=KONVERSI)],
        [("IKU!G39", "KX104", 90.0)],
        params={"IKU!G39 KX104": {"reason_en": "target not met (T 100.00, R 90.00)"}},
    ),
    Case(
        "kx104-over-quota",
        ("KX102", "KX104"),
        [_plain("1a-CP", nilai=[100] * 5 + [120, 100], meta=KONVERSI)],
        [("IKU!G7", "KX104", 100.0)],
        params={"IKU!G7 KX104": {"reason_en": "this IKU's konversi 120 designation is over the quota"}},
    ),
    Case(
        "kx104-designated-within-quota",
        ("KX102", "KX104"),
        [_plain("1a-CP", meta=KONVERSI)] + [_plain(c) for c in ("2a-CP", "2b-CP", "3a-CP", "3b-CP")],
        [],
    ),
    # Not met and not designated: an ordinary wrong Nilai.
    Case(
        "kx104-not-konversi-is-kx102",
        ("KX102", "KX104"),
        [_plain("1a-CP", realisasi=[90] * 4, nilai={"Q1": 120.0})],
        [("IKU!B7", "KX102", 90.0)],
    ),
    Case(
        "kx105-over-quota",
        ("KX105",),
        [_plain("1a-N", meta=KONVERSI), _plain("2a-CP", meta=IkuMeta(konversi_120=True))]
        + [_plain(c) for c in ("3a-CP", "3b-CP", "4a-CP")],
        [("IKU!J1", "KX105", None)],
        params={"IKU!J1 KX105": {"count": "2", "quota": "1", "total": "5"}},
    ),
    Case(
        "kx105-within-quota",
        ("KX105",),
        [_plain("1a-N", meta=KONVERSI)] + [_plain(c) for c in ("2a-CP", "3a-CP", "3b-CP", "4a-CP")],
        [],
    ),
    # Issue 17 item 4: konversi 120 designated on a Stab IKU is a finding and not applied (the scale decides).
    Case(
        "kx106-konversi-on-stab",
        ("KX106",),
        [_plain("1a-CP", pol="Stab/TLK", meta=KONVERSI)] + [_plain(c) for c in ("2a-CP", "3a-CP", "3b-CP", "4a-CP")],
        [("IKU!J1", "KX106", None)],
    ),
    # ...and a Nilai 120 on it is a plain wrong Nilai (KX102: its scale gives 105), not a konversi
    # whose target was not met (KX104)
    Case(
        "kx106-stab-nilai-by-konversi-is-kx102",
        ("KX102", "KX104", "KX106"),
        [
            _plain(
                "1a-CP",
                pol="Stab/TLK",
                realisasi=[95] * 4,
                capaian=[105.0] * 7,
                nilai=[120.0, *[105.0] * 6],
                meta=IkuMeta(
                    konversi_120=True,
                    stab_scale=[(0, 0), (90, 100), (100, 110)],
                    cells={"konversi_120": CellRef("IKU", "J1")},
                ),
            )
        ]
        + [_plain(c) for c in ("2a-CP", "3a-CP", "3b-CP", "4a-CP")],
        [("IKU!J1", "KX106", None), ("IKU!B7", "KX102", 105.0)],
    ),
    Case(
        "kx106-konversi-on-max-ok",
        ("KX106",),
        [_plain("1a-CP", meta=KONVERSI)] + [_plain(c) for c in ("2a-CP", "3a-CP", "3b-CP", "4a-CP")],
        [],
    ),
    # Negative targets (issue 9 point 7): Min and Stab mirror Max T < 0. An office that typed
    # the mirrored (right) capaian gets no finding; one that typed the old inverted value does.
    Case(
        "kx101-min-negative-target-right",
        NILAI,
        [dict(code="1a-CP", pol="Min/TLK", target=[-10] * 4, realisasi=[-20, -5, -10, -12], nilai=[120, 50, 100, 120])],
        [],
    ),
    Case(
        "kx101-min-negative-target-inverted",
        NILAI,
        [dict(code="1a-CP", pol="Min/TLK", target=[-10] * 4, realisasi=[-20, -5, -10, -12], capaian={"Q1": 0.0})],
        [("IKU!B6", "KX101", 200.0)],
        params={"IKU!B6 KX101": {"formula": "R/T x 100", "pol": "Min"}},
    ),
    Case(
        "kx101-stab-negative-target",
        NILAI,
        [
            dict(
                code="1a-CP",
                pol="Stab/TLK",
                target=[-100] * 4,
                realisasi=[-96, -104, -102, -100],
                capaian={"Q2": 120.0},
                nilai={"Q2": 120.0},
            )
        ],
        [("IKU!C6", "KX101", 112.0), ("IKU!C7", "KX102", 112.0)],
    ),
    Case(
        "kx101-max-negative-target",
        NILAI,
        [dict(code="1a-CP", pol="Max/TLK", target=[-10] * 4, realisasi=[-11, -5, -10, -20], capaian={"Q1": 110.0})],
        [("IKU!B6", "KX101", 90.0)],
        params={"IKU!B6 KX101": {"formula": "(2 - R/T) x 100", "pol": "Max"}},
    ),
]
