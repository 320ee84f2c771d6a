"""Severity of a finding: shared by the message catalogue and the Finding record (kept here so
neither imports the other's module in a cycle)."""

from __future__ import annotations

from enum import Enum


class Severity(str, Enum):  # noqa: UP042  StrEnum would change str(); outputs use .value
    """How bad a finding is; decides fill colour and exit code."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is worse."""
        return {"info": 0, "warning": 1, "error": 2}[self.value]
