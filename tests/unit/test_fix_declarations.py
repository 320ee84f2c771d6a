"""Each fix is declared beside its code (a rule's in its family module, a reading code's in
reader/codes.py); the fix registry finds them on first use, and importing it imports no layer above."""

from __future__ import annotations

import subprocess
import sys

from kinerja_xl import fixes, rules
from kinerja_xl.messages import catalogue


def _declared_in() -> dict[str, str]:
    """The module each code is declared in: its rule's family module, else its source module."""
    by_rule = {code: func.__module__ for codes, func in rules.registered() for code in codes}
    return {m.code: by_rule.get(m.code, source) for source, m in catalogue.declared()}


def test_each_fix_is_declared_in_the_module_of_its_code():
    where = _declared_in()
    beside = {code: entry.function.__module__ for code, entry in fixes.FIXERS.items()}
    assert beside == {code: where[code] for code in beside}
    assert beside == {
        "KX004": "kinerja_xl.reader.codes",
        "KX011": "kinerja_xl.reader.codes",
        "KX012": "kinerja_xl.reader.codes",
        "KX021": "kinerja_xl.rules.polarisasi",
        "KX101": "kinerja_xl.rules.values",
        "KX102": "kinerja_xl.rules.values",
        "KX103": "kinerja_xl.rules.values",
        "KX104": "kinerja_xl.rules.values",
        "KX110": "kinerja_xl.rules.consistency",
        "KX201": "kinerja_xl.rules.aggregates",
        "KX203": "kinerja_xl.rules.aggregates",
    }


def test_safe_and_unsafe_codes_come_from_the_declarations():
    assert sorted(fixes.SAFE_CODES) == ["KX011", "KX012", "KX101", "KX102", "KX103", "KX104", "KX201", "KX203"]
    assert sorted(fixes.UNSAFE_CODES) == ["KX004", "KX021", "KX110"]
    assert fixes.FIXABLE_CODES == fixes.SAFE_CODES | fixes.UNSAFE_CODES == set(fixes.FIXERS)
    assert fixes.fixable_codes(safe=True) == fixes.SAFE_CODES


def _fresh(code: str) -> list[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.splitlines()


def test_importing_the_fix_registry_imports_no_declaring_module():
    above = ("kinerja_xl.reader", "kinerja_xl.rules", "kinerja_xl.writers", "kinerja_xl.history", "openpyxl")
    code = (
        "import sys, kinerja_xl.fixes as f\n"
        f"def above(): return sorted(n for n in sys.modules if n.startswith({above!r}))\n"
        "print(above()); print(sorted(f.UNSAFE_CODES)); print(above())"
    )
    out = _fresh(code)
    assert out[0] == "[]"
    assert out[1] == "['KX004', 'KX021', 'KX110']"  # found on first use
    assert "'kinerja_xl.reader.codes'" in out[2] and "'kinerja_xl.rules.values'" in out[2]


def test_a_declaring_module_imports_alone_and_a_rule_family_without_openpyxl():
    for module in ("kinerja_xl.rules", "kinerja_xl.rules.aggregates", "kinerja_xl.rules.polarisasi"):
        assert _fresh(f"import sys, {module}; print('openpyxl' in sys.modules)") == ["False"], module
    assert _fresh("import kinerja_xl.reader.codes as c; print(len(c.MESSAGES) > 0)") == ["True"]
