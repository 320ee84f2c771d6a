"""Severity of a finding and the way numbers are worded: the two facts the message catalogue and
the Finding record share (kept here so neither imports the other's module in a cycle)."""

from __future__ import annotations

from enum import Enum
from typing import Any


class Severity(str, Enum):  # noqa: UP042  StrEnum would change str(); outputs use .value
    """How bad a finding is; decides fill colour and exit code."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is worse."""
        return {"info": 0, "warning": 1, "error": 2}[self.value]


def format_number(x: Any, lang: str = "id") -> str:
    """A number as a person reads it: 2 decimals, Indonesian decimal comma by default."""
    if isinstance(x, bool) or not isinstance(x, (int, float)):
        return "-" if x is None else str(x)
    text = f"{x:,.2f}"
    if lang == "id":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text
