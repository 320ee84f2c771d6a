"""The library surface: check(paths, settings) -> RunResult. No printing here."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kinerja_xl.analysis import Analysis
from kinerja_xl.config import Settings
from kinerja_xl.findings import Finding, Severity
from kinerja_xl.model import Workbook
from kinerja_xl.profiles import Profile


@dataclass
class FileResult:
    """The outcome of checking one file."""

    path: Path
    workbook: Workbook | None = None
    analysis: Analysis | None = None
    profile: Profile | None = None
    findings: list[Finding] = field(default_factory=list)
    output: Path | None = None  # the annotated copy, when written
    error: str | None = None  # one-line reason when the file could not be read (exit 2)

    @property
    def counts(self) -> dict[str, int]:
        """Number of findings per severity."""
        out = {s.value: 0 for s in Severity}
        for f in self.findings:
            out[f.severity.value] += 1
        return out

    @property
    def status(self) -> str:
        """"unreadable", "errors", "warnings" or "ok"."""
        if self.error:
            return "unreadable"
        c = self.counts
        return "errors" if c["error"] else "warnings" if c["warning"] else "ok"


@dataclass
class RunResult:
    """The outcome of a whole run."""

    files: list[FileResult] = field(default_factory=list)
    settings: Settings = field(default_factory=Settings)

    def exit_code(self, fail_on: str = "error") -> int:
        """2 unreadable file, 1 error (or warning with fail_on warning), else 0."""
        if any(f.error for f in self.files):
            return 2
        worst = {"error": 2, "warning": 1, "info": 0}[fail_on]
        if any(f.severity.rank >= worst for fr in self.files for f in fr.findings):
            return 1
        return 0
