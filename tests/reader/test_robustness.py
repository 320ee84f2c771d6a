"""Whatever offices type into a block, the reader returns a model and findings, never an exception."""

from __future__ import annotations

import datetime as dt

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kinerja_xl.reader import files, read_workbook

from .conftest import HEADER, codes, save, write_block

CELL = st.one_of(
    st.none(),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.integers(-(10**6), 10**6),
    st.text(st.characters(min_codepoint=32, max_codepoint=0x2FFF, blacklist_categories=("Cs",)), max_size=12),
    st.sampled_from(
        [
            "-",
            "N/A",
            "11,26%",
            "1.234,56",
            "#DIV/0!",
            "=1/0",
            "=B6*2",
            "=SUM(B6:H6)",
            "=FOO(1)",
            "=B8",
            "Max/TLK",
            "T/R",
            "Target",
        ]
    ),
    st.just(dt.datetime(2024, 3, 31)),
    st.booleans(),
)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])  # examples: the profile
@given(
    values=st.lists(st.lists(CELL, min_size=7, max_size=7), min_size=4, max_size=4),
    header=st.lists(st.sampled_from([*HEADER, "Q2", "", "???", "Y-19", None]), min_size=9, max_size=9),
    polkp=CELL,
)
def test_random_block_never_crashes(tmp_path_factory, values, header, polkp):
    wb = openpyxl.Workbook()
    header[0] = "T/R"
    write_block(
        wb.active,
        header=header,
        polkp=polkp,
        values=dict(zip(["target", "realisasi", "capaian", "nilai"], values, strict=False)),
    )
    model = read_workbook(save(wb, tmp_path_factory.mktemp("r")))
    assert len(model.ikus) >= 1
    for f in model.findings:
        assert f.message("id") and f.message("en")


def test_public_api_fallback_reads_the_same(tmp_path, monkeypatch):
    """If openpyxl's internals move, the public read-only API (two passes) gives the same model."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "IKU"
    write_block(ws, values={"realisasi": ["11,26%", 22, 22, 33, 33, 44, 44]})
    ws["B8"] = "=B7/B6*100"
    ws["C8"] = "=FOO(1)"
    path = save(wb, tmp_path)
    fast = read_workbook(path)

    def broken(*args, **kwargs):
        raise AttributeError("moved")

    monkeypatch.setattr(files, "_read_sheet", broken)
    slow = read_workbook(path)
    assert codes(slow) == codes(fast) == [("IKU", "B7", "KX011"), ("IKU", "C8", "KX013")]
    assert {p: v.number for p, v in slow.ikus[0].rows["capaian"].items()} == {
        p: v.number for p, v in fast.ikus[0].rows["capaian"].items()
    }
    assert slow.ikus[0].value("capaian", "Q1").formula == "=B7/B6*100"
