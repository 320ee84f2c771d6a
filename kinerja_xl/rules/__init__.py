"""Consistency and aggregate checks (KX021, KX022, KX1xx, KX2xx): pure functions over model and Analysis."""

from __future__ import annotations

import math

from kinerja_xl.analysis import Analysis
from kinerja_xl.config import Settings
from kinerja_xl.findings import Finding
from kinerja_xl.messages import Message
from kinerja_xl.model import Workbook
from kinerja_xl.rules import registry
from kinerja_xl.rules.registry import Context, rule

# Importing the family modules registers their checks.
from kinerja_xl.rules import polarisasi, values, consistency, aggregates  # noqa: F401  isort: skip

# The catalogue entries of every check, in family order (a source of messages.catalogue).
MESSAGES: tuple[Message, ...] = tuple(registry.messages())


def registered() -> list[tuple[tuple[str, ...], registry.Check]]:
    """Every registered (codes, function), in registration order."""
    return registry.registered()


def run(wb: Workbook, analysis: Analysis, settings: Settings) -> list[Finding]:
    """Run every registered check; findings unsorted and unfiltered (api applies select/ignore)."""
    tolerance = settings.tolerance if settings.tolerance is not None else analysis.profile.tolerance
    ctx = Context(wb=wb, analysis=analysis, settings=settings, tolerance=tolerance, profile=analysis.profile)
    findings: list[Finding] = []
    for _codes, check in registry.registered():
        findings.extend(check(ctx))
    for f in findings:
        # An overflowed number (1e308 / 1e-308) is no number a person can check; outputs need finite JSON.
        f.actual = f.actual if _finite(f.actual) else None
        f.expected = f.expected if _finite(f.expected) else None
    return findings


def _finite(x: object) -> bool:
    """True for None, non-floats and finite floats."""
    return x is None or not isinstance(x, float) or math.isfinite(x)


__all__ = ["MESSAGES", "Context", "registered", "rule", "run"]
