"""The package writer (writers/ooxml/): a shape it does not handle is named where it is detected
(UnsupportedPackage, then the openpyxl path with KX030); a bug in it is never hidden behind that fallback."""

from __future__ import annotations

import pytest
from writerkit import make_result

from kinerja_xl.writers import annotate, ooxml


def test_a_bug_in_the_package_writer_is_not_hidden_behind_the_openpyxl_fallback(input_file, tmp_path, monkeypatch):
    def broken(*_args, **_kwargs):
        raise ValueError("a bug")

    monkeypatch.setattr(ooxml, "add_comments", broken)
    with pytest.raises(ValueError, match="a bug"):
        annotate.write_annotated(make_result(input_file), tmp_path / "out.xlsx")
    assert not (tmp_path / "out.xlsx").exists()


def test_must_names_what_the_shape_lacked():
    with pytest.raises(ooxml.UnsupportedPackage, match="no <sheetData>"):
        ooxml.parts.must(None, "<sheetData>")
