"""Rule case tables: each Case builds a workbook and lists exactly the findings expected for its codes.

A case checks only the codes it names: for those codes the findings must be exactly ``expect``
(cell, code, expected value); findings of other codes are ignored. A case whose ``expect`` has
no finding of a code it names is a passing ("does not fire") case for that code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ANY = object()  # expected value not asserted


@dataclass
class Case:
    """One table row: a workbook, the codes under test and the findings expected."""

    id: str
    codes: tuple[str, ...]
    ikus: list[dict[str, Any]]
    expect: list[tuple[str | None, str, Any]] = field(default_factory=list)  # ("IKU!G6", "KX101", 97.8)
    summary: Any = None  # a builders.make_summary(...) result
    period: str | None = "Q4"
    tolerance: float | None = None
    params: dict[str, dict[str, Any]] = field(default_factory=dict)  # "IKU!G7 KX102" -> params subset


def all_cases() -> list[Case]:
    """Every case of every family table."""
    from rules.cases import aggregates, consistency, polarisasi, values

    return [*polarisasi.CASES, *values.CASES, *consistency.CASES, *aggregates.CASES]
