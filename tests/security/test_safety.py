"""safety.inspect_file refuses hostile files with a one-line reason; safe_output_name sanitises."""

from __future__ import annotations

import ast
import unicodedata
import zipfile
from pathlib import Path

import openpyxl
import pytest

from kinerja_xl.safety import FileRefused, inspect_file, limits_from, safe_output_name

from .hostile import BILLION_LAUGHS, XXE, base_workbook, rewrite, with_prolog, zip_bomb

SS = "xl/sharedStrings.xml"
SHEET = "xl/worksheets/sheet1.xml"


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("hostile")


@pytest.fixture(scope="module")
def good(work) -> Path:
    return base_workbook(work / "good.xlsx")


@pytest.fixture(scope="module")
def laughs(work, good) -> Path:
    """Billion laughs in the shared strings, the expansion used by the first string."""
    edit = with_prolog(SS, BILLION_LAUGHS, lambda s: s.replace("<t>T/R</t>", "<t>&lol9;</t>"))
    return rewrite(good, work / "laughs.xlsx", edit)


@pytest.fixture(scope="module")
def bomb(work, good) -> Path:
    """24 MB of zeros in one member: about 24 KB on disk."""
    return zip_bomb(good, work / "bomb.xlsx", 24)


def refused(path: Path, limits: dict | None = None) -> str:
    with pytest.raises(FileRefused) as info:
        inspect_file(path, limits)
    reason = str(info.value)
    assert reason and "\n" not in reason  # one line, shown as is after the file name
    return reason


def test_a_valid_workbook_passes(good):
    assert inspect_file(good) is None
    assert inspect_file(good, {"max_file_mb": 1, "max_ratio": 10}) is None


def test_files_that_are_not_zips_are_left_to_the_reader(work):
    csv = work / "data.csv"
    csv.write_text("a,b\n1,2\n")
    xls = work / "old.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))  # OLE2 header (xls, encrypted xlsx)
    assert inspect_file(csv) is None
    assert inspect_file(xls) is None
    assert inspect_file(work / "missing.xlsx") is None


def test_billion_laughs_is_refused(laughs):
    reason = refused(laughs)
    assert "sharedStrings.xml" in reason and "DOCTYPE" in reason


def test_external_entity_in_a_sheet_is_refused(work, good):
    edit = with_prolog(SHEET, XXE, lambda s: s.replace("<v>100</v>", "<v>&xxe;</v>"))
    reason = refused(rewrite(good, work / "xxe.xlsx", edit))
    assert "sheet1.xml" in reason and "entit" in reason


@pytest.mark.parametrize("part", ["[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels"])
def test_entity_declarations_are_refused_in_every_part(work, good, part):
    dst = work / f"decl-{part.replace('/', '_')}.xlsx"
    assert part in refused(rewrite(good, dst, with_prolog(part, XXE)))


def test_a_doctype_hidden_behind_a_long_prolog_is_found(work, good):
    padding = "<!-- " + "x" * 40_000 + " -->\n" + "\n" * 30_000
    prolog = '<?xml version="1.0" encoding="UTF-8"?>\n' + padding + XXE.split("\n", 1)[1]
    assert "DOCTYPE" in refused(rewrite(good, work / "padded.xlsx", with_prolog(SS, prolog)))


def test_a_doctype_in_a_utf16_part_is_found(work, good):
    edit = with_prolog(SS, "\ufeff" + BILLION_LAUGHS, encoding="utf-16-le")
    assert "DOCTYPE" in refused(rewrite(good, work / "utf16.xlsx", edit))


def test_openpyxl_parses_through_defusedxml(laughs):
    """The second line of defence: openpyxl itself refuses entities (defusedxml in effect)."""
    from defusedxml import DefusedXmlException

    assert openpyxl.DEFUSEDXML is True
    # openpyxl wraps the parser's refusal in a ValueError; the cause is defusedxml's.
    with pytest.raises(ValueError) as info:
        openpyxl.load_workbook(laughs)
    assert isinstance(info.value.__cause__, DefusedXmlException)


def test_our_code_parses_xml_only_through_defusedxml():
    """No module of ours imports the stdlib / lxml XML parsers directly."""
    unsafe = ("xml.etree", "xml.dom", "xml.sax", "lxml", "xml.parsers")
    package = Path(__file__).resolve().parents[2] / "kinerja_xl"
    offenders = []
    for source in package.rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        # every such import names "xml" (or "lxml") in its text, as Python reads identifiers (NFKC):
        # only those modules are parsed (parsing all of them took a second and a half)
        if "xml" not in unicodedata.normalize("NFKC", text):
            continue
        for node in ast.walk(ast.parse(text)):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            offenders += [f"{source.name}: {n}" for n in names if n.startswith(unsafe)]
    assert offenders == []


def test_zip_bomb_over_the_uncompressed_limit_is_refused(bomb):
    reason = refused(bomb, {"max_uncompressed_mb": 16})
    assert "zip bomb" in reason and "16 MB" in reason


def test_zip_bomb_over_the_ratio_limit_is_refused_by_default(bomb):
    reason = refused(bomb)
    assert "image1.bin" in reason and "compressed" in reason


def test_raised_limits_let_the_same_file_through(bomb):
    assert inspect_file(bomb, {"max_ratio": 100_000, "max_uncompressed_mb": 100}) is None


def test_a_file_over_the_size_limit_is_refused(good):
    size_mb = good.stat().st_size / (1 << 20)
    reason = refused(good, {"max_file_mb": size_mb / 2})
    assert "too large" in reason and "max_file_mb" in reason


def test_too_many_members_is_refused(work, good):
    extra = {f"xl/junk/{i}.bin": b"x" for i in range(40)}
    reason = refused(rewrite(good, work / "many.xlsx", lambda n, d: d, extra), {"max_members": 20})
    assert "members" in reason


@pytest.mark.parametrize(
    "member", ["../../evil.sh", "/etc/cron.d/evil", "xl/../../evil", "C:\\Windows\\evil.dll", "..\\evil.bat"]
)
def test_member_names_leaving_the_archive_are_refused(work, good, member):
    dst = work / "traversal.xlsx"
    assert "path traversal" in refused(rewrite(good, dst, lambda n, d: d, {member: b"x"}))


def test_an_encrypted_or_damaged_member_is_refused_not_traced_back(work, good):
    data = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as z:
        info = z.getinfo(SS)
    # Corrupt the compressed bytes of the shared strings (past the 30-byte local header + name).
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    data[start : start + 16] = b"\xff" * 16
    bad = work / "damaged.xlsx"
    bad.write_bytes(bytes(data))
    assert "damaged" in refused(bad)


def test_limits_from_merges_defaults_and_rejects_junk():
    assert limits_from({"max_ratio": "50"})["max_ratio"] == 50.0
    assert limits_from(None)["max_file_mb"] == 50
    with pytest.raises(FileRefused):
        limits_from({"max_file_mb": "lots"})


@pytest.mark.parametrize(
    "name, expected",
    [
        ("laporan-q4", "laporan-q4"),
        ("KPKNL Serang TW IV 2024", "KPKNL Serang TW IV 2024"),
        ("../../etc/passwd", "etc_passwd"),
        ("..\\..\\Windows\\system32", "Windows_system32"),
        ("/abs/path", "abs_path"),
        ("a..b", "a.b"),
        ("..", "workbook"),
        ("", "workbook"),
        ("nul\x00byte", "nul_byte"),
        ("bell\x07\x1b[31mred", "bell_[31mred"),
        ("CON", "_CON"),
        ("con.checked", "_con.checked"),
        ("LPT1", "_LPT1"),
        ("CONTOH", "CONTOH"),
        ('a:b*c?d"e<f>g|h', "a_b_c_d_e_f_g_h"),
        ("trailing. . ", "trailing"),
        (".hidden", "hidden"),
        ("rtl\u202egnp.exe", "rtlgnp.exe"),
    ],
)
def test_safe_output_name(name, expected):
    assert safe_output_name(name) == expected


def test_safe_output_name_never_escapes_a_folder(tmp_path):
    for hostile in ["../../x", "..\\..\\x", "/x", "x/../../y", "....//....//z", "\u2028..\u2029/x"]:
        out = (tmp_path / (safe_output_name(hostile) + ".checked.xlsx")).resolve()
        assert out.parent == tmp_path.resolve()
        assert len(safe_output_name("a" * 1000)) <= 120
