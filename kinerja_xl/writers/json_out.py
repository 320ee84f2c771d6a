"""The machine contract: a RunResult as one JSON document (README, `--format json`); each finding is
the record of docs/findings.md."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from typing import Any

from kinerja_xl import __version__
from kinerja_xl.analysis import IkuScore
from kinerja_xl.model import PERIODS
from kinerja_xl.results import FileResult, RunResult


def _num(x: Any) -> Any:
    """Numbers rounded to 2 decimals; everything else unchanged."""
    if x.__class__ is float or isinstance(x, float):  # the exact type first: 80,000 calls on a big run
        return round(x, 2)
    return x


def _periods(values: dict[str, Any]) -> dict[str, Any]:
    """A period -> value mapping in the standard period order, numbers rounded."""
    return {p: _num(values.get(p)) for p in PERIODS if p in values}


def iku_dict(score: IkuScore) -> dict[str, Any]:
    """One IkuScore as its JSON record."""
    iku = score.iku
    return {
        "code": iku.code,
        "name": iku.name,
        "ss": score.ss,
        "perspective": score.perspective,
        "polarisasi": iku.polarisasi,
        "konsolidasi": iku.konsolidasi,
        "polkp_assumed": iku.polkp_assumed,
        "sheet": iku.sheet,
        "weight": _num(score.weight),
        "weight_source": score.weight_source,
        "konversi_120": score.konversi,
        "periods": {
            p: {
                "target": _num(ps.target),
                "realisasi": _num(ps.realisasi),
                "capaian_reported": _num(ps.capaian_reported),
                "capaian": _num(ps.capaian),
                "nilai_reported": _num(ps.nilai_reported),
                "nilai": _num(ps.nilai),
                "status": ps.status,
            }
            for p, ps in score.periods.items()
        },
    }


def file_dict(fr: FileResult, lang: str = "id") -> dict[str, Any]:
    """One FileResult as its JSON record (path, status, unit, year, period, NKO, IKU, error; its
    findings the records of docs/findings.md)."""
    if fr.scores_dropped:  # JSON lists every IKU's scores: a run for it keeps them (api.check keep_scores)
        raise ValueError(f"{fr.path.name}: its per-IKU scores were dropped (check with keep_scores=True for JSON)")
    wb, an = fr.workbook, fr.analysis
    return {
        "path": str(fr.path),
        "output": str(fr.output) if fr.output else None,
        "status": fr.status,
        "error": fr.error_text(lang),  # in the run's language, like the messages
        "profile": fr.profile.name if fr.profile else None,
        "unit": wb.unit if wb else None,
        "year": wb.year if wb else None,
        "period": wb.period if wb else None,
        # the earlier submission of the same unit and year this file was compared with (KX3xx), or null
        "compared_with": getattr(fr, "compared_with", None),
        "counts": fr.counts,
        "nko": _periods(an.nko) if an else {},
        # the NKO with the Pol/KP labels KX021 questions corrected (null without KX021)
        "nko_labels_corrected": _periods(fr.nko_relabelled) if fr.nko_relabelled else None,
        "predikat": _periods(an.predikat) if an else {},
        "assumptions": list(an.assumptions) if an else [],
        "ikus": [iku_dict(s) for s in an.ikus] if an else [],
        "findings": [f.to_dict(lang) for f in fr.findings],
        # a workbook of several units (a Kanwil's recap): each unit checked on its own
        **({"units": [unit_dict(u, lang) for u in fr.units]} if fr.units else {}),
    }


def unit_dict(part: FileResult, lang: str = "id") -> dict[str, Any]:
    """One unit of a workbook of several units: its name, period, status, NKO (recomputed and as
    its summary table writes it), predikat, IKU and findings (also in the file's lists)."""
    from kinerja_xl.headline import WRITTEN_NKO_PERIOD, written_nko

    wb, an = part.workbook, part.analysis
    assert wb is not None  # a unit of a read workbook
    written = written_nko(part).get(WRITTEN_NKO_PERIOD)
    return {
        "unit": wb.unit,
        "period": wb.period,
        "sheets": sorted({i.sheet for i in wb.ikus}, key=wb.sheets.index),
        "compared_with": part.compared_with,
        "status": part.status,
        "counts": part.counts,
        "nko": _periods(an.nko) if an else {},
        "nko_written": _num(written[0]) if written else None,
        "nko_labels_corrected": _periods(part.nko_relabelled) if part.nko_relabelled else None,
        "predikat": _periods(an.predikat) if an else {},
        "assumptions": list(an.assumptions) if an else [],
        "ikus": [iku_dict(s) for s in an.ikus] if an else [],
        "findings": [f.to_dict(lang) for f in part.findings],
    }


def run_dict(run: RunResult, lang: str | None = None) -> dict[str, Any]:
    """A whole RunResult as the JSON document of ``--format json``."""
    lang = lang or run.settings.lang
    return _run_fields(run, [file_dict(fr, lang) for fr in run.files])


def _run_fields(run: RunResult, files: list[Any]) -> dict[str, Any]:
    names = [fr.profile.name for fr in run.files if fr.profile]
    # The run's profile: the one named by the user, else the one every file used (None if they differ).
    profile = names[0] if names and len(set(names)) == 1 else None
    if run.settings.profile and names:
        profile = names[0]
    return {
        "tool": "kinerja-xl",
        "version": __version__,
        "profile": profile,
        "files": files,
        # where ringkasan-batch.xlsx really went (ringkasan-batch-2.xlsx when the name was taken), or null
        "batch": str(run.batch) if getattr(run, "batch", None) else None,
        # inputs left out because they are our own output of another input of the run
        "skipped": [str(p) for p in getattr(run, "skipped", [])],
    }


def dumps(run: RunResult, lang: str | None = None, indent: int | None = None) -> str:
    """The JSON text of a run (UTF-8, Indonesian names kept readable); compact unless indent is given."""
    return "".join(iter_json(run, lang, indent))


_FILES = "\x00files\x00"  # where the files go in the document's frame (no JSON value holds a NUL)


def iter_json(run: RunResult, lang: str | None = None, indent: int | None = None) -> Iterator[str]:
    """The JSON text of a run in pieces, a file at a time: the text of ``json.dumps(run_dict(run))``
    (compact unless indent is given), but a folder's document is never whole in memory, nor its tree
    of dicts (both grew by ~130 KB a file).

    Compact by default: with an indent json.dumps runs its pure-Python encoder, several
    times slower than the C one on a big run (the CLI indents only for a terminal).
    """
    from kinerja_xl.perf import gc_paused

    lang = lang or run.settings.lang
    if indent is None:
        dump = functools.partial(json.dumps, ensure_ascii=False, separators=(",", ":"))
        between, nl = ",", ""
    else:
        dump = functools.partial(json.dumps, ensure_ascii=False, indent=indent)
        nl = "\n" + " " * (2 * indent)  # a file's lines sit two levels in ({"files": [...]})
        between = "," + nl
    frame = dump(_run_fields(run, [_FILES] if run.files else []))
    if not run.files:
        yield frame
        return
    head, tail = frame.split(dump(_FILES), 1)
    yield head
    for i, fr in enumerate(run.files):
        with gc_paused():  # a file's record is a tree of small dicts, no cycles
            text = dump(file_dict(fr, lang))
        yield (between if i else "") + (text.replace("\n", nl) if nl else text)
    yield tail
