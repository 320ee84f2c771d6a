"""How the package is laid out: modules under 500 lines, the OOXML patcher importing nothing above
it, and a check through the package writer that never loads openpyxl (its start-up cost)."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "kinerja_xl"
SAMPLE = PACKAGE.parent / "samples" / "kpknl-serang-2024-q4.xlsx"
MAX_LINES = 500
# What writers/ooxml/ may import at run time: itself, the sheet-spec vocabulary and the low modules.
OOXML_MAY_IMPORT = (
    "kinerja_xl.writers.ooxml",
    "kinerja_xl.writers.sheet_spec",
    "kinerja_xl.model",
    "kinerja_xl.outputs",
    "kinerja_xl.default_styles",
    "kinerja_xl.reader.formulas",
)


def test_no_module_over_500_lines():
    long = {
        str(p.relative_to(PACKAGE)): n
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text().splitlines())) > MAX_LINES
    }
    assert long == {}


def _run_time_imports(tree: ast.Module) -> list[str]:
    """Modules imported outside ``if TYPE_CHECKING:`` blocks."""
    type_only = {
        id(n)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"
        for stmt in node.body
        for n in ast.walk(stmt)
    }
    out = []
    for node in ast.walk(tree):
        if id(node) in type_only:
            continue
        if isinstance(node, ast.ImportFrom) and node.module:
            out += [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            out += [a.name for a in node.names]
    return out


def test_ooxml_patcher_imports_no_content_module():
    above = {
        f"{path.name}: {module}"
        for path in (PACKAGE / "writers" / "ooxml").glob("*.py")
        for module in _run_time_imports(ast.parse(path.read_text()))
        if module.startswith("kinerja_xl") and not module.startswith(OOXML_MAY_IMPORT)
    }
    assert above == set()


def test_a_check_through_the_package_writer_does_not_load_openpyxl(tmp_path):
    book = tmp_path / SAMPLE.name
    shutil.copy(SAMPLE, book)
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from kinerja_xl.cli import app\n"
        f"result = CliRunner().invoke(app, ['check', {str(book)!r}, '--format', 'json'])\n"
        "assert result.exit_code in (0, 1), result.output\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'openpyxl'))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    assert (tmp_path / "kpknl-serang-2024-q4.checked.xlsx").is_file()
