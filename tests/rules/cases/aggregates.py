"""KX201-KX207 cases, with a transcription of the Serang 2024 summary table (Tabel 1)."""

from __future__ import annotations

from builders import make_summary

from kinerja_xl.model import CellRef, IkuMeta
from rules.cases import Case
from rules.cases.values import SERANG_5A, SERANG_8B

# Serang Tabel 1 as printed: (perspective, weight, [(SS, name, [(IKU, T, R, Nilai)])]), NKO 115,67%.
SERANG_TABLE = [
    (
        "Stakeholder",
        30,
        [
            (
                "1",
                "Pengelolaan Kekayaan Negara dan Lelang yang Akuntabel",
                [("1a-CP", 100, 134.35, 120), ("1b-CP", 89.17, 92.44, 103.67)],
            )
        ],
    ),
    (
        "Customer",
        20,
        [
            (
                "2",
                "Pengelolaan Kekayaan Negara dan Lelang yang Memenuhi Harapan Pengguna Jasa",
                [("2a-CP", 71.5, 86.51, 120), ("2b-CP", 86.5, 100, 115.61)],
            ),
            (
                "3",
                "Pengelolaan Piutang dan Lelang yang Optimal",
                [("3a-CP", 100, 105.76, 105.76), ("3b-CP", 100, 111.92, 111.92)],
            ),
        ],
    ),
    (
        "Internal Process",
        25,
        [
            ("4", "Layanan Penilaian yang Agile, Efektif, dan Efisien", [("4a-CP", 75, 101.79, 120)]),
            (
                "5",
                "Penerapan Tata Kelola Kekayaan Negara yang Efektif",
                [("5a-CP", 100, 132.63, 120), ("5b-CP", 100, 121.33, 120), ("5c-CP", 100, 100, 120)],
            ),
            (
                "6",
                "Penerapan Tata Kelola Piutang dan Lelang yang Produktif",
                [("6a-CP", 19, -50, 120), ("6b-CP", 89, 116.80, 120)],
            ),
        ],
    ),
    (
        "Learning and Growth",
        25,
        [
            ("7", "Pelaksanaan Penilaian yang Akuntabel dan Profesional", [("7a-CP", 16, 0, 120)]),
            (
                "8",
                "Pengelolaan Organisasi dan SDM yang Adaptif",
                [("8a-N", 85, 97.11, 114.24), ("8b-N", 80, 105.00, 120)],
            ),
            (
                "9",
                "Penguatan Pengelolaan Keuangan dan BMN yang Optimal",
                [("9a-CP", 100, 120, 120), ("9b-CP", 10, 0, 120)],
            ),
            ("10", "Komunikasi Publik yang Efektif", [("10a-N", 80, 100, 120)]),
            ("11", "Pengawasan dan Pengendalian Internal yang Bernilai Tambah", [("11a-N", 82, 98, 119.51)]),
        ],
    ),
]
SERANG_SUMMARY = make_summary(SERANG_TABLE, nko=115.67)
# One block per summary row with its annual T and R in every quarter (TLK: Y = Q4 = the summary's).
SERANG_BLOCKS = [
    dict(code=code, target=[t] * 4, realisasi=[r] * 4)
    for _, _, ss_list in SERANG_TABLE
    for _, _, rows in ss_list
    for code, t, r, _ in rows
]
# ... except 5a-CP, whose summary Realisasi (132,63) is the KX201 error: its block shows 97,80.
SERANG_BLOCKS[[b["code"] for b in SERANG_BLOCKS].index("5a-CP")]["realisasi"] = [97.80] * 4

ONE_SS = lambda ikus, weight=100, nss=None: [  # noqa: E731  (a one-perspective, one-SS summary)
    ("Stakeholder", weight, [("1", "Sasaran Satu", ikus) if nss is None else ("1", "Sasaran Satu", ikus, nss)])
]


def _plain(code: str, **kw) -> dict:
    return {"code": code, "target": [100] * 4, "realisasi": [100] * 4, **kw}


CASES = [
    # Summary row 5a-CP at row 5 (perspective A3, SS A4): Realisasi 132,63 vs the block's Y 97,80.
    Case(
        "kx201-serang-5a",
        ("KX201",),
        [SERANG_5A],
        [("Tabel1!D5", "KX201", 97.80)],
        summary=make_summary(ONE_SS([("5a-CP", 100, 132.63, 120)])),
        params={"Tabel1!D5 KX201": {"field": "Realisasi", "block_cell": "IKU!H5"}},
    ),
    # Summary Target 80 is right, the block's Target Y 100 is wrong (KX110 there): no KX201.
    Case(
        "kx201-serang-8b-summary-right", ("KX201",), [SERANG_8B], summary=make_summary(ONE_SS([("8b-N", 80, 105, 120)]))
    ),
    Case("kx201-all-equal", ("KX201",), [_plain("1a-CP")], summary=make_summary(ONE_SS([("1a-CP", 100, 100, 100)]))),
    Case(
        "kx202-serang-3a",
        ("KX202",),
        [_plain("3a-CP", ss_name="Pengelolaan Kekayaan Negara yang Optimal")],
        [("IKU!B1", "KX202", None)],
        summary=make_summary(
            [("Customer", 100, [("3", "Pengelolaan Piutang dan Lelang yang Optimal", [("3a-CP", 100, 100, 100)])])]
        ),
        params={
            "IKU!B1 KX202": {
                "block_ss": "Pengelolaan Kekayaan Negara yang Optimal",
                "ss": "3",
                "summary_ss": "Pengelolaan Piutang dan Lelang yang Optimal",
            }
        },
    ),
    Case(
        "kx202-typo-level-match",
        ("KX202",),
        [_plain("1a-CP", ss_name="  sasaran  SATU)")],
        [],
        summary=make_summary(ONE_SS([("1a-CP", 100, 100, 100)])),
    ),
    # Serang: NKO 115,67 while the reported Nilai give 116,05; fully recomputed 100,87.
    Case(
        "kx203-serang-nko",
        ("KX203",),
        SERANG_BLOCKS,
        [("Tabel1!E37", "KX203", 100.87)],
        summary=SERANG_SUMMARY,
        params={"Tabel1!E37 KX203": {"what": "NKO", "from_reported": 116.05}},
    ),
    Case(
        "kx203-nss",
        ("KX203",),
        [_plain("1a-CP", realisasi=[90] * 4), _plain("1b-CP", realisasi=[80] * 4)],
        [("Tabel1!E4", "KX203", 85.0)],
        summary=make_summary(ONE_SS([("1a-CP", 100, 90, 90), ("1b-CP", 100, 80, 80)], nss=88.0)),
    ),
    # NKO right for the reported (wrong) Nilai: the IKU cells carry the error, not the NKO.
    Case(
        "kx203-own-arithmetic-right",
        ("KX203",),
        [SERANG_5A],
        [],
        summary=make_summary(ONE_SS([("5a-CP", 100, 97.8, 120)]), nko=120.0),
    ),
    Case(
        "kx204-weights-105",
        ("KX204",),
        [_plain("1a-CP"), _plain("2a-CP")],
        [("Tabel1!A3", "KX204", 100.0)],
        summary=make_summary(
            [
                ("Stakeholder", 30, [("1", "S1", [("1a-CP", 100, 100, 100)])]),
                ("Customer", 20, []),
                ("Internal Process", 25, []),
                ("Learning and Growth", 30, [("2", "S2", [("2a-CP", 100, 100, 100)])]),
            ]
        ),
    ),
    Case(
        "kx204-weights-100",
        ("KX204",),
        [_plain("1a-CP")],
        [],
        summary=make_summary(
            [
                ("Stakeholder", 30, [("1", "S1", [("1a-CP", 100, 100, 100)])]),
                ("Customer", 20, []),
                ("Internal Process", 25, []),
                ("Learning and Growth", 25, []),
            ]
        ),
    ),
    Case(
        "kx205-exact-high",
        ("KX205",),
        [_plain("1a-CP", meta=IkuMeta(validitas="exact", kendali="High", cells={"validitas": CellRef("IKU", "K3")}))],
        [("IKU!K3", "KX205", None)],
        params={"IKU!K3 KX205": {"validitas": "Exact", "kendali": "High"}},
    ),
    Case(
        "kx205-activity-low",
        ("KX205",),
        [_plain("1a-CP", meta=IkuMeta(validitas="Activity", kendali="Low"))],
        [("IKU!A3", "KX205", None)],
    ),
    Case(
        "kx205-allowed",
        ("KX205",),
        [
            _plain("1a-CP", meta=IkuMeta(validitas="Exact", kendali="Moderate")),
            _plain("2a-CP", meta=IkuMeta(validitas="Tinggi", kendali="Rendah")),
        ],
        [],
    ),
    Case(
        "kx206-both-ways",
        ("KX206",),
        [_plain("1a-CP"), _plain("12a-N")],
        [("IKU!B10", "KX206", None), ("Tabel1!A6", "KX206", None)],
        summary=make_summary(ONE_SS([("1A-cp", 100, 100, 100), ("1b-CP", 100, 100, 100)])),
        params={"IKU!B10 KX206": {"where_en": "has a block but no row in the summary table"}},
    ),
    Case("kx206-no-summary", ("KX206",), [_plain("1a-CP")], []),
    Case(
        "kx207-equal-weights",
        ("KX207",),
        [_plain("1a-CP")],
        [("Tabel1!A2", "KX207", None)],
        summary=make_summary(ONE_SS([("1a-CP", 100, 100, 100)])),
    ),
    Case("kx207-no-summary", ("KX207",), [_plain("1a-CP")], [(None, "KX207", None)]),
    Case(
        "kx207-bobot-given",
        ("KX207",),
        [_plain("1a-CP", meta=IkuMeta(bobot=10)), _plain("2a-CP", meta=IkuMeta(bobot=20))],
        [],
    ),
]
