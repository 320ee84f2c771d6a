"""The library surface: check(paths, settings) -> RunResult, fix(paths, settings) -> RunResult. No printing.

A front door only: the run is built in kinerja_xl.run (inputs, one file, the pool, the comparison
pass), its results are the types of kinerja_xl.results.
"""

from __future__ import annotations

from kinerja_xl import outputs
from kinerja_xl.results import FileResult, Progress, RunResult, UsageError
from kinerja_xl.run.check import check
from kinerja_xl.run.compare import HistoryCache, load_history
from kinerja_xl.run.fix import attach_fixed, fix
from kinerja_xl.run.fix import exit_code as fix_exit_code
from kinerja_xl.run.inputs import SUFFIXES, expand_paths, fixed_profile, is_own_output
from kinerja_xl.run.one_file import check_file, drop_cells, fix_file

BATCH_NAME = outputs.BATCH_NAME

__all__ = [
    "BATCH_NAME",
    "SUFFIXES",
    "FileResult",
    "HistoryCache",
    "Progress",
    "RunResult",
    "UsageError",
    "attach_fixed",
    "check",
    "check_file",
    "drop_cells",
    "expand_paths",
    "fix",
    "fix_exit_code",
    "fix_file",
    "fixed_profile",
    "is_own_output",
    "load_history",
]
