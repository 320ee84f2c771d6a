"""What a run gives back: one FileResult per input, one RunResult per run.

A low module: writers, mail and watch import these types; the run (kinerja_xl.run) fills them.
No project module above the model, analysis, history and fixes is imported here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kinerja_xl.analysis import Analysis
from kinerja_xl.config import Settings
from kinerja_xl.findings import Finding, Severity
from kinerja_xl.model import Workbook
from kinerja_xl.profiles import Profile

if TYPE_CHECKING:
    from kinerja_xl.fixes import FixPlan
    from kinerja_xl.history import Submission


class UsageError(ValueError):
    """The command was used wrongly (unknown profile, bad option): exit 2, one line."""


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
    # the same reason per language {"id": ..., "en": ...} when it has a translation (see error_text)
    error_texts: dict[str, str] | None = None
    # its history.Submission, taken while the cell values were there (compared runs)
    submission: Submission | None = None
    compared_with: str | None = None  # the earlier submission of its unit and year it was compared with
    # the NKO per period with the KX021 labels corrected (None without KX021), see fixes.relabelled_nko
    nko_relabelled: dict[str, float | None] | None = None
    fix_plan: FixPlan | None = None  # kept by `kinerja-xl fix` only (it holds a copy of the model)
    fixed: FileResult | None = None  # the result of its fixed copy (run.attach_fixed: mail/watch --attach fixed)
    # a workbook of several units (Workbook.units): one result per unit, its own workbook, analysis
    # and findings (the same Finding objects as in ``findings``); empty for a workbook of one unit
    units: list[FileResult] = field(default_factory=list)
    # the per-IKU scores went after its reports were made (run.one_file.drop_scores): writing its
    # copy again checks the file again for them, if it is still as read: (size, mtime_ns) then
    scores_dropped: bool = False
    read_stamp: tuple[int, int] | None = None

    def error_text(self, lang: str = "id") -> str | None:
        """The one-line reason in the asked language (``error`` itself when not translated)."""
        texts = self.error_texts
        # only while the texts still describe the current error (a later error replaces it)
        if self.error and texts and texts.get("en") == self.error:
            return texts.get(lang) or self.error
        return self.error

    @property
    def unit(self) -> str | None:
        """The unit its workbook reports on (a unit of a workbook of several: that unit), None when unknown."""
        return self.workbook.unit if self.workbook is not None else None

    @property
    def counts(self) -> dict[str, int]:
        """Number of findings per severity."""
        out = dict(_NO_FINDINGS)
        for f in self.findings:
            out[f.severity.value] += 1
        return out

    @property
    def status(self) -> str:
        """ "unreadable", "errors", "warnings" or "ok"."""
        if self.error:
            return "unreadable"
        c = self.counts
        return "errors" if c["error"] else "warnings" if c["warning"] else "ok"


_NO_FINDINGS = {s.value: 0 for s in Severity}  # FileResult.counts starts from a copy (reports ask it often)


@dataclass
class RunResult:
    """The outcome of a whole run."""

    files: list[FileResult] = field(default_factory=list)
    settings: Settings = field(default_factory=Settings)
    batch: Path | None = None  # ringkasan-batch.xlsx, when the run covered a folder or several files
    skipped: list[Path] = field(default_factory=list)  # inputs left out: our own outputs of an earlier run
    batch_error: str | None = None  # one-line reason when ringkasan-batch.xlsx could not be written
    # every submission compared across the run (inputs and --history files), see kinerja_xl.history; with
    # keep_cells=False an input alone in its unit and year may be left out (compared with nothing)
    submissions: list[Submission] = field(default_factory=list)

    def exit_code(self, fail_on: str = "error") -> int:
        """2 unreadable file, 1 error (or warning with fail_on warning), else 0."""
        if self.batch_error or any(f.error for f in self.files):
            return 2
        worst = Severity(fail_on).rank
        if any(f.severity.rank >= worst for fr in self.files for f in fr.findings):
            return 1
        return 0


# (done, total, path): called once with (0, total, None) before the first file, then after
# each file, always in the calling process.
Progress = Callable[[int, int, "Path | None"], None]
