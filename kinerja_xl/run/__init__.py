"""The run as a pipeline: inputs -> one file (in the pool) -> comparison pass -> outputs.

- ``inputs``: PATH arguments to files (folders, globs; our own outputs skipped), the run's profile;
- ``one_file``: check or fix one workbook, write its copy; never raises for a bad file;
- ``pool``: the one guarded process pool (Ctrl-C, a dead worker, order kept);
- ``compare``: the comparison pass across submissions, with the --history cache its owner holds;
- ``check`` / ``fix``: the two runs built from these.

Result types live in kinerja_xl.results (writers import them); kinerja_xl.api is the front door.
"""

from kinerja_xl.run.check import check
from kinerja_xl.run.compare import HistoryCache, load_history
from kinerja_xl.run.fix import attach_fixed, fix
from kinerja_xl.run.inputs import expand_paths, fixed_profile, is_own_output
from kinerja_xl.run.one_file import check_file, drop_cells, fix_file

__all__ = [
    "HistoryCache",
    "attach_fixed",
    "check",
    "check_file",
    "drop_cells",
    "expand_paths",
    "fix",
    "fix_file",
    "fixed_profile",
    "is_own_output",
    "load_history",
]
