"""An office sends one workbook per section, all of the same unit, year and quarter: they are parts
of the unit's report, not versions of one workbook, and are never compared with each other. A
revised file of one section (same IKU) still is."""

from __future__ import annotations

from kinerja_xl.history import IkuState, Submission, compare, groups
from kinerja_xl.model import CellRef


def iku(code: str, realisasi: float) -> IkuState:
    cell = CellRef("IKU", "B7")
    return IkuState(
        code=code,
        name=f"Indeks {code}",
        polkp="Max/TLK",
        konsolidasi="TLK",
        anchor=cell,
        polkp_cell=cell,
        values={("target", "Q1"): (100.0, cell), ("realisasi", "Q1"): (realisasi, cell)},
    )


def section(path: str, codes: list[str], mtime: int, realisasi: float = 90.0) -> Submission:
    return Submission(
        path=path, unit="KPKNL SERANG", year=2024, period="Q1", mtime_ns=mtime, ikus=[iku(c, realisasi) for c in codes]
    )


def test_section_workbooks_of_one_unit_and_quarter_are_not_compared():
    lelang = section("lelang.xlsx", ["1a-CP", "1b-CP", "2a-CP"], 1)
    pkn = section("pkn.xlsx", ["3a-CP", "3b-CP"], 2)
    hukum = section("hukum.xlsx", ["4a-CP"], 3)
    assert compare([lelang, pkn, hukum]) == {}  # no KX303/KX304, no KX308
    assert sorted(len(g.ordered) for g in groups([lelang, pkn, hukum])) == [1, 1, 1]


def test_a_revised_section_workbook_is_still_compared():
    first = section("lelang.xlsx", ["1a-CP", "1b-CP", "2a-CP"], 1, realisasi=90.0)
    revised = section("lelang-revisi.xlsx", ["1a-CP", "1b-CP"], 2, realisasi=95.0)  # one IKU dropped, values changed
    pkn = section("pkn.xlsx", ["3a-CP"], 3)
    found = compare([first, revised, pkn])
    codes = sorted(f.code for f in found.get(1, []))
    assert "KX303" in codes and "KX301" in codes  # 2a-CP missing, realisasi changed
    assert 2 not in found  # the other section is left alone
