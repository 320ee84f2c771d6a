"""Cell value parsing: number text (Indonesian/English), percent, N/A markers, errors, Pol/KP spellings."""

from __future__ import annotations

import pytest

from kinerja_xl.reader.values import classify, is_percent_format, parse_number_text, parse_polkp


@pytest.mark.parametrize(
    "text, number, percent",
    [
        ("11,26%", 11.26, True),
        ("1.234,56", 1234.56, False),
        ("1,234.56", 1234.56, False),
        ("97.8", 97.8, False),
        ("89,17", 89.17, False),
        ("120", 120.0, False),
        ("-50%", -50.0, True),
        ("100,00 %", 100.0, True),
        ("1.234.567", 1234567.0, False),
        ("Rp18.897M", None, False),
        ("belum ada", None, False),
    ],
)
def test_number_text(text, number, percent):
    assert parse_number_text(text) == (number, percent)


@pytest.mark.parametrize("raw", [None, "", "-", "N/A", "n.a.", "NA", "  n/a "])
def test_na_markers(raw):
    p = classify(raw)
    assert (p.number, p.kind) == (None, "na")


@pytest.mark.parametrize(
    "raw, pct, number, kind",
    [
        (0.1126, True, 11.26, "percent"),
        (0.1126, False, 0.1126, "number"),
        (89.17, False, 89.17, "number"),
        ("103,67%", False, 103.67, "text-number"),
        ("Rp18.897M", False, None, "text"),
        ("#DIV/0!", False, None, "error"),
        (True, False, None, "text"),
    ],
)
def test_classify(raw, pct, number, kind):
    p = classify(raw, pct)
    assert (p.number, p.kind) == (number, kind)


@pytest.mark.parametrize(
    "fmt, expected",
    [("0.00%", True), ("0%", True), ("0.00", False), ("General", False), ('0.00"%"', False), (None, False)],
)
def test_percent_format(fmt, expected):
    assert is_percent_format(fmt) is expected


@pytest.mark.parametrize(
    "text, pol, kp",
    [
        ("Max/TLK", "Max", "TLK"),
        ("Maximize/Take Last Known", "Max", "TLK"),
        ("Maks/Last", "Max", "TLK"),
        ("Min/Sum", "Min", "Sum"),
        ("Minimize / Jumlah", "Min", "Sum"),
        ("Stab/Avg", "Stab", "Avg"),
        ("Stabilize/Average", "Stab", "Avg"),
        ("Max/Rata-rata", "Max", "Avg"),
        ("Naik/Akhir", None, None),
        ("", None, None),
        (None, None, None),
        ("Max", "Max", None),
    ],
)
def test_polkp_spellings(text, pol, kp):
    assert parse_polkp(text) == (pol, kp)
