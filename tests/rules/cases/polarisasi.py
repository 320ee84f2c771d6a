"""KX021 and KX022 cases (Serang 7a-CP, 9b-CP, 6a-CP transcribed with their printed numbers)."""

from __future__ import annotations

from kinerja_xl.model import IkuMeta
from rules.cases import Case

VALUE_CODES = ("KX021", "KX101", "KX102", "KX103", "KX104")

# Serang 2024, printed: deviation indicators labelled Max/TLK whose capaian follow Min.
SERANG_7A = dict(code="7a-CP", pol="Max/TLK", target=[16] * 7, realisasi=[0] * 7, capaian=[200] * 7, nilai=[120] * 7)
SERANG_9B = dict(code="9b-CP", pol="Max/TLK", target=[10] * 7, realisasi=[0] * 7, capaian=[200] * 7, nilai=[120] * 7)
# Target falls 95% -> 19%, R -50%: a balance to reduce. Printed R are rounded to whole percents.
SERANG_6A = dict(
    code="6a-CP",
    pol="Max/TLK",
    target=[95, 90, 90, 81, 81, 19, 19],
    realisasi=[93, 83, 83, 19, 19, -50, -50],
    capaian=[102.50, 107.89, 107.89, 176.48, 176.48, 463.16, 463.16],
    nilai=[102.50, 107.89, 107.89, 120, 120, 120, 120],
)

CASES = [
    Case(
        "kx021-serang-7a",
        VALUE_CODES,
        [SERANG_7A],
        [("IKU!I4", "KX021", None)],
        params={
            "IKU!I4 KX021": {
                "declared": "Max/TLK",
                "fitted": "Min",
                "formula": "(2 - R/T) x 100",
                "n_fit": "7",
                "n_total": "7",
            }
        },
    ),
    Case("kx021-serang-9b", VALUE_CODES, [SERANG_9B], [("IKU!I4", "KX021", None)]),
    Case(
        "kx021-serang-6a", (*VALUE_CODES, "KX111"), [SERANG_6A], [("IKU!I4", "KX021", None), ("IKU!C4", "KX111", None)]
    ),
    # Min label with the same numbers: the label is right, nothing to say.
    Case("kx021-min-labelled", VALUE_CODES, [{**SERANG_7A, "pol": "Min/TLK"}], []),
    # Target met exactly: Max and Min give the same 100, no evidence for either.
    Case("kx021-ambiguous-equal", VALUE_CODES, [dict(code="1a-CP", target=[50] * 4, realisasi=[50] * 4)], []),
    # A single wrong period among correct ones is a KX101, not another polarisasi.
    Case(
        "kx021-one-period-only",
        ("KX021", "KX101"),
        [dict(code="1a-CP", target=[16] * 4, realisasi=[8] * 4, capaian={"Q1": 150.0})],
        [("IKU!B6", "KX101", 50.0)],
    ),
    Case(
        "kx022-max-target-0",
        ("KX022",),
        [dict(code="1a-CP", target=[0, 10, 10, 10], realisasi=[1, 5, 5, 5])],
        [("IKU!B6", "KX022", None)],
        params={"IKU!B6 KX022": {"reason_en": "target 0 on a Max IKU, R/T is undefined"}},
    ),
    Case(
        "kx022-min-target-0",
        ("KX022",),
        [dict(code="1a-CP", pol="Min/TLK", target=[5, 5, 5, 0], realisasi=[1, 1, 1, 0])],
        [("IKU!G6", "KX022", None), ("IKU!H6", "KX022", None)],
    ),
    # Issue 17 item 4: a realisasi terburuk on the wrong side of target 0 (W = -10 <= T for Min) would
    # score backwards (R 98 gave Nilai 100): KX022, N/A.
    Case(
        "kx022-min-target-0-worst-wrong-side",
        ("KX022",),
        [
            dict(
                code="1a-CP",
                pol="Min/TLK",
                target=[5, 5, 5, 0],
                realisasi=[1, 1, 1, 98],
                capaian={"Q4": 100.0, "Y": 100.0},
                nilai={"Q4": 100.0, "Y": 100.0},
                meta=IkuMeta(realisasi_terburuk=-10),
            )
        ],
        [("IKU!G6", "KX022", None), ("IKU!H6", "KX022", None)],
        params={
            "IKU!G6 KX022": {
                "reason_en": "realisasi terburuk -10.00 is on the wrong side of target 0 on a Min IKU "
                "(must be above it)"
            }
        },
    ),
    Case(
        "kx022-min-target-0-with-worst",
        ("KX022", "KX101"),
        [
            dict(
                code="1a-CP",
                pol="Min/TLK",
                target=[5, 5, 5, 0],
                realisasi=[1, 1, 1, 0],
                meta=IkuMeta(realisasi_terburuk=10),
            )
        ],
        [],
    ),
]
