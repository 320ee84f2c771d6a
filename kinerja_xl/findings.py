"""Findings: what a check reports, one record feeding every output."""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kinerja_xl.model import CellRef, cell_rc, pickled_as_call
from kinerja_xl.numbers import format_number
from kinerja_xl.severity import Severity

if TYPE_CHECKING:
    from kinerja_xl.messages.catalogue import Message

__all__ = ["Finding", "Severity", "format_number"]


class _Params(dict[str, Any]):
    """Template parameters: numbers formatted per language, missing keys shown as '?'."""

    def __init__(self, values: dict[str, Any], lang: str):
        super().__init__(values)
        self.lang = lang

    def __missing__(self, key: str) -> str:
        # "<name>_id" / "<name>_en" fall back to a language-neutral "<name>" (older KX001 params)
        if key[-3:] in ("_id", "_en") and key[:-3] in self:
            return str(self[key[:-3]])
        return "?"

    def __getitem__(self, key: str) -> Any:
        value = super().__getitem__(key) if key in self else self.__missing__(key)
        return (
            format_number(value, self.lang)
            if isinstance(value, (int, float)) and not isinstance(value, bool)
            else value
        )


@pickled_as_call
@dataclass(slots=True)
class Finding:
    """One problem found: a code, the cell a person must look at, and the numbers."""

    code: str
    cell: CellRef | None = None
    iku: str | None = None
    period: str | None = None
    actual: float | None = None
    expected: float | None = None
    params: dict[str, Any] = field(default_factory=dict)
    file: str | None = None
    fix: Any = None  # a fixes.Fix when the finding's cell can be corrected (set by fixes.attach)

    @property
    def spec(self) -> Message:
        """The catalogue entry of this finding's code."""
        spec: Message = _catalogue()[self.code]
        return spec

    @property
    def severity(self) -> Severity:
        """Severity from the catalogue."""
        return self.spec.severity

    @property
    def symbol(self) -> str:
        """The kebab-case symbol from the catalogue."""
        return self.spec.symbol

    @property
    def sheet(self) -> str | None:
        """Sheet name of the cell, if any."""
        return self.cell.sheet if self.cell else None

    def message(self, lang: str = "id") -> str:
        """The message in the asked language, with every parameter filled in."""
        template = self.spec.template(lang)
        values = {
            "iku": self.iku or "-",
            "period": self.period or "-",
            "actual": self.actual,
            "expected": self.expected,
            "cell": self.cell.coord if self.cell else "-",
            "sheet": self.sheet or "-",
            **self.params,
        }
        return string.Formatter().vformat(template, (), _Params(values, lang))

    def sort_key(self) -> tuple[str, str, int, int, str]:
        """Order findings by file, sheet, row, column, code."""
        row, col = _coord_key(self.cell.coord) if self.cell else (0, 0)
        return (self.file or "", self.sheet or "", row, col, self.code)

    def to_dict(self, lang: str = "id") -> dict[str, Any]:
        """The machine record every output renders (its keys: docs/findings.md, "The finding record")."""
        return {
            "code": self.code,
            "symbol": self.symbol,
            "severity": self.severity.value,
            "file": self.file,
            "sheet": self.sheet,
            "cell": self.cell.coord if self.cell else None,
            "iku": self.iku,
            "period": self.period,
            "actual": _round(self.actual),
            "expected": _round(self.expected),
            "message": self.message(lang),
            "fix": self.fix.to_dict() if self.fix is not None else None,
        }


def _round(x: Any) -> Any:
    return round(x, 4) if isinstance(x, float) else x


def _coord_key(coord: str) -> tuple[int, int]:
    """(row, column) of the first cell of 'E45' or 'E45:G45', for sorting."""
    return cell_rc(coord)


_CATALOGUE: Any = None


def _catalogue() -> Any:
    """The finding catalogue, imported on first use (messages imports this module) and kept:
    a finding's severity is asked for thousands of times when the sheets sort and mark them."""
    global _CATALOGUE
    if _CATALOGUE is None:
        from kinerja_xl.messages import CATALOGUE

        _CATALOGUE = CATALOGUE
    return _CATALOGUE
