"""The shipped mail templates: package data found without data-files, and the users' copy kept equal."""

from __future__ import annotations

import sys
from pathlib import Path

from kinerja_xl import mail

PACKAGE = Path(mail.__file__).resolve().parent / "templates"
CHECKOUT = Path(__file__).resolve().parents[2] / "templates"


def test_the_shipped_templates_are_package_data_of_kinerja_xl_mail():
    assert mail.default_template_dirs() == [PACKAGE]
    for lang in mail.LANGS:
        for name in mail.TEMPLATE_NAMES:
            assert (PACKAGE / name.format(lang=lang)).is_file()


def test_an_old_share_folder_in_the_prefix_does_not_shadow_the_package(tmp_path, monkeypatch):
    shared = tmp_path / "prefix" / "share" / "kinerja-xl" / "templates"
    shared.mkdir(parents=True)
    for name in mail.TEMPLATE_NAMES:
        (shared / name.format(lang="id")).write_text("lama {{ section }}\n")
    monkeypatch.setattr(sys, "prefix", str(tmp_path / "prefix"))
    assert mail.default_template_dirs() == [PACKAGE]


def test_the_top_level_templates_folder_users_copy_equals_the_shipped_one():
    """templates/ is the copy users start from; edit kinerja_xl/mail/templates/ and copy it over."""
    shipped = {p.name: p.read_bytes() for p in PACKAGE.glob("*.j2")}
    copy = {p.name: p.read_bytes() for p in CHECKOUT.glob("*.j2")}
    assert sorted(copy) == sorted(shipped)
    for name, data in shipped.items():
        assert copy[name] == data, f"templates/{name} differs from kinerja_xl/mail/templates/{name}"


def test_the_pyproject_ships_the_templates_as_package_data_not_data_files():
    text = (CHECKOUT.parent / "pyproject.toml").read_text(encoding="utf-8")
    assert '"mail/templates/*.j2"' in text
    assert "data-files" not in text
