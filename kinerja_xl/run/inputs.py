"""The inputs of a run: PATH arguments (files, folders, globs) to files, our own outputs skipped;
the profile a run fixes for every file."""

from __future__ import annotations

import dataclasses
import glob
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kinerja_xl import outputs
from kinerja_xl.config import Settings
from kinerja_xl.profiles import Profile, ProfileError
from kinerja_xl.results import UsageError

SUFFIXES = (".xlsx", ".xlsm")


def is_own_output(path: Path) -> bool:
    """An Excel lock file, or a file kinerja-xl wrote: named like our outputs AND carrying our marker.

    A file merely named ``x.checked.xlsx`` or ``ringkasan-batch.xlsx`` is an input (see outputs.py).
    """
    return outputs.is_own_output(path)


def expand_paths(paths: Sequence[str | Path]) -> tuple[list[Path], bool]:
    """Files to check from PATH arguments (files, folders, globs), and whether a folder was given.

    A folder gives every .xlsx/.xlsm directly inside it, sorted, without our own outputs and
    Excel lock files. A glob gives its matches filtered the same way. A path that matches
    nothing is kept so the run reports it as unreadable. Duplicates are dropped.
    """
    out: list[Path] = []
    folder = False
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            folder = True
            out.extend(
                sorted(c for c in p.iterdir() if c.is_file() and c.suffix.lower() in SUFFIXES and not is_own_output(c))
            )
        elif not p.exists() and glob.has_magic(str(raw)):
            matches = sorted(Path(m) for m in glob.glob(str(raw)))
            files = [m for m in matches if m.is_file() and not is_own_output(m)]
            out.extend(files if files else [p])
        else:
            out.append(p)
    seen: set[Path] = set()
    unique = []
    for p in out:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique, folder


@dataclass
class Inputs:
    """The files a run covers, in order, and what it left out."""

    files: list[Path]
    skipped: list[Path]  # our own outputs of an earlier run
    folder: bool  # a folder was named (a batch summary is written)
    empty: list[Path] = field(default_factory=list)  # named folders that hold no workbook to check

    def refuse_empty(self, lang: str) -> None:
        """UsageError "no workbook in DIR" for the first named folder with nothing to check."""
        if self.empty:
            from kinerja_xl.messages import reason_texts

            texts = reason_texts("run-no-workbook", folder=outputs.shown(self.empty[0]))
            raise UsageError(texts.get(lang, texts["en"]))


def collect(paths: Sequence[str | Path]) -> Inputs:
    """The inputs of PATH arguments: expanded (expand_paths), our own outputs skipped."""
    files, folder = expand_paths(list(paths))
    files, skipped = outputs.skip_own_outputs(files)
    parents = {p.parent.resolve() for p in files}
    empty = [Path(p) for p in paths if Path(p).is_dir() and Path(p).resolve() not in parents]
    return Inputs(files, skipped, folder, empty)


def fixed_profile(settings: Settings) -> Profile | None:
    """The profile named by --profile / kinerja.toml, None when the workbook's year picks it.

    Raises UsageError with a one-line reason when it cannot be loaded.
    """
    if not settings.profile:
        return None
    from kinerja_xl import profiles

    try:
        return with_tolerance(profiles.load(settings.profile), settings)
    except ProfileError as exc:
        raise UsageError(str(exc)) from exc


def with_tolerance(profile: Profile, settings: Settings) -> Profile:
    """The profile with --tolerance (or kinerja.toml's) applied."""
    if settings.tolerance is None:
        return profile
    return dataclasses.replace(profile, tolerance=settings.tolerance)


def profile_for(wb_year: int | None, settings: Settings) -> Profile:
    """The profile of a workbook's report year (--year first), with the settings' tolerance."""
    from kinerja_xl import profiles

    return with_tolerance(profiles.for_year(settings.year or wb_year), settings)


def make_out_dir(settings: Settings) -> None:
    """Create --out when outputs go there; UsageError when it cannot be made."""
    if settings.out_dir is None:
        return
    try:
        settings.out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"--out {settings.out_dir}: {exc.strerror or exc}") from exc
