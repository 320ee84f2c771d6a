"""Profiles load by name, year and file; the catalogue covers every code of docs/findings.md."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from golden_codes import golden_codes

from kinerja_xl import profiles
from kinerja_xl.findings import Finding
from kinerja_xl.messages import CATALOGUE
from kinerja_xl.model import CellRef


def test_catalogue_has_every_code_of_the_contract_in_order():
    assert list(CATALOGUE) == golden_codes()


def test_catalogue_entries_are_complete_and_unique():
    symbols = [m.symbol for m in CATALOGUE.values()]
    assert len(symbols) == len(set(symbols))
    for m in CATALOGUE.values():
        assert re.fullmatch(r"KX\d{3}", m.code)
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", m.symbol)
        assert m.template_id and m.template_en and m.title_id and m.title_en
        assert "Bad" in m.doc or "Good" in m.doc


def test_year_picks_profile():
    assert profiles.for_year(2024).name == "kmk-300-2022"
    assert profiles.for_year(2025).name == "kmk-300-2022"
    assert profiles.for_year(2026).name == "kmk-127-2026"
    assert profiles.for_year(None).name == "kmk-300-2022"


def test_user_profile_file(tmp_path: Path):
    text = (Path(profiles.__file__).parent / "kmk-300-2022.toml").read_text()
    user = tmp_path / "kantor.toml"
    user.write_text(text.replace('name = "kmk-300-2022"', 'name = "kantor"').replace("cap = 120.0", "cap = 110.0"))
    p = profiles.load(str(user))
    assert (p.name, p.cap) == ("kantor", 110.0)


def test_unknown_profile_is_a_clear_error():
    with pytest.raises(profiles.ProfileError, match="unknown profile 'kmk-999'"):
        profiles.load("kmk-999")


def test_message_in_both_languages_formats_numbers():
    f = Finding(
        "KX101",
        CellRef("IKU", "G45"),
        iku="5a-CP",
        period="Q4",
        actual=132.63,
        expected=97.8,
        params={"formula": "R/T x 100", "pol": "Max"},
    )
    assert f.message("id") == "Capaian Q4 tertulis 132,63 tetapi R/T x 100 = 97,80 (Max)."
    assert f.message("en") == "Capaian Q4 reads 132.63 but R/T x 100 = 97.80 (Max)."
    d = f.to_dict()
    assert (d["code"], d["severity"], d["sheet"], d["cell"], d["expected"]) == ("KX101", "error", "IKU", "G45", 97.8)


def test_profile_for_year_is_chosen_by_each_profiles_own_years(tmp_path, monkeypatch):
    """A profile dropped in for 2027 is used for 2027 without a code change; the others keep theirs."""
    import shutil

    from kinerja_xl import profiles

    here = profiles._HERE
    for p in here.glob("*.toml"):
        shutil.copy(p, tmp_path / p.name)
    text = (here / "kmk-127-2026.toml").read_text(encoding="utf-8")
    text = text.replace('name = "kmk-127-2026"', 'name = "kmk-baru-2027"').replace(
        "years = [2026, 9999]", "years = [2027, 2027]"
    )
    (tmp_path / "kmk-baru-2027.toml").write_text(text, encoding="utf-8")
    monkeypatch.setattr(profiles, "_HERE", tmp_path)
    assert [profiles.for_year(y).name for y in (None, 1999, 2024, 2025, 2026, 2027, 2028)] == [
        "kmk-300-2022",
        "kmk-300-2022",
        "kmk-300-2022",
        "kmk-300-2022",
        "kmk-127-2026",
        "kmk-baru-2027",
        "kmk-127-2026",
    ]
