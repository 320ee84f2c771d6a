"""The one golden list of finding codes: the code table of docs/findings.md.

That page is generated from the declarations (python tools/findings_doc.py) and committed, so a
code added, removed or moved shows in review; tests/unit/test_findings_doc.py keeps it current.
Tests that need "every code" or "every rule code" read it here instead of keeping their own copy.
"""

from __future__ import annotations

import re
from pathlib import Path

DOC = Path(__file__).resolve().parent.parent / "docs" / "findings.md"
_ROW = re.compile(r"^\| \[(KX\d{3})\]\(#kx\d{3}\) \| \w+ \| `[a-z0-9-]+` \| .* \| `([\w/.]+)` \|$")


def golden_codes(declared_in: str = "") -> list[str]:
    """The contract's codes in catalogue order; only those declared under ``declared_in`` when given."""
    rows = [_ROW.match(line) for line in DOC.read_text(encoding="utf-8").splitlines()]
    return [m[1] for m in rows if m and m[2].startswith(declared_in)]
