"""What a message says: the templates, and the values they are given for one section of one file."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from kinerja_xl.findings import Finding, format_number
from kinerja_xl.mail.contacts import section_key
from kinerja_xl.mail.letter import MailOptions, addressee, fix_kinds, letter_context, revision_name, unit_name
from kinerja_xl.mail.safe import MailError, header_text, one_line, safe_filename
from kinerja_xl.outputs import NAME_BYTES

if TYPE_CHECKING:
    from kinerja_xl.model import CellRef, Iku
    from kinerja_xl.results import FileResult

# (code, cell, period) of a finding: how a finding of the input is found again in its fixed copy
FixedKey = tuple[str, "CellRef | None", "str | None"]

TEMPLATE_NAMES = ("mail_subject.{lang}.txt.j2", "mail_body.{lang}.txt.j2")
# Every kind of draft: (subject, body) templates. mail: a section with something to fix; thanks: a
# section with nothing to fix (--all-sections); manager: the workbook-level findings, for the
# performance manager; failed: a file that could not be read, to its sender or the manager.
KINDS = {
    "mail": TEMPLATE_NAMES,
    "thanks": ("thanks_subject.{lang}.txt.j2", "thanks_body.{lang}.txt.j2"),
    "manager": ("manager_subject.{lang}.txt.j2", "manager_body.{lang}.txt.j2"),
    "failed": ("failed_subject.{lang}.txt.j2", "failed_body.{lang}.txt.j2"),
}
LANGS = ("id", "en")


def default_template_dirs() -> list[Path]:
    """Where the shipped templates are: kinerja_xl/mail/templates/, package data of the install.

    One source: the top-level templates/ of a checkout is a copy for users to edit (a test keeps
    it equal), so neither an old <prefix>/share copy nor the current folder can shadow these.
    """
    here = Path(__file__).resolve().parent / "templates"
    return [here] if (here / TEMPLATE_NAMES[1].format(lang="id")).is_file() else []


def template_env(templates: Path | None = None) -> jinja2.Environment:
    """The jinja2 environment: the user's --templates DIR first, the shipped ones behind it.

    Plain text: no autoescape, StrictUndefined so a typo in a template fails loudly;
    sandboxed so a template cannot reach Python internals through the values.
    """
    dirs: list[Path] = []
    if templates is not None:
        if not Path(templates).is_dir():
            raise MailError(f"--templates {templates}: not a folder")
        dirs.append(Path(templates))
    dirs += default_template_dirs()
    if not dirs:
        raise MailError("mail templates not found (kinerja_xl/mail/templates/ is missing from the install)")
    return SandboxedEnvironment(
        loader=jinja2.FileSystemLoader([str(d) for d in dirs]),
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _iku_key(iku: Iku) -> set[str]:
    return {k for k in (iku.code, iku.name) if k}


def _is_fixed(f: Finding, fixed: set[FixedKey] | None) -> bool:
    return bool(fixed) and (f.code, f.cell, f.period) in (fixed or set())


def _finding_row(f: Finding, lang: str, fixed: set[FixedKey] | None = None) -> dict[str, Any]:
    where = f"{f.sheet}!{f.cell.coord}" if f.cell else "-"
    message = one_line(f.message(lang))
    expected = format_number(f.expected, lang) if f.expected is not None else ""
    return {
        "code": f.code,
        "symbol": f.symbol,
        "severity": f.severity.value,
        "sheet": one_line(f.sheet or "-"),
        "cell": one_line(f.cell.coord if f.cell else "-"),
        "where": one_line(where),
        "period": one_line(f.period or ""),
        "message": message,
        "actual": format_number(f.actual, lang) if f.actual is not None else "",
        "expected": expected,
        # the expected value said once: empty when the message already gives it
        "expected_extra": "" if expected in message else expected,
        "fixed": _is_fixed(f, fixed),  # corrected in the attached fixed copy
    }


def long_counts(counts: dict[str, int], lang: str) -> str:
    """'1 kesalahan, 0 peringatan, 0 info' / '1 error, 0 warnings, 0 info'."""
    from kinerja_xl.headline import counts_text

    return counts_text(counts, lang)


def short_counts(counts: dict[str, int], lang: str) -> str:
    """'1 kesalahan, 0 peringatan' / '1 error, 0 warnings'."""
    from kinerja_xl.headline import count_text

    return ", ".join(count_text(counts.get(s, 0), s, lang) for s in ("error", "warning"))


def _counts(findings: Iterable[Finding]) -> dict[str, int]:
    out = {"error": 0, "warning": 0, "info": 0}
    for f in findings:
        out[f.severity.value] += 1
    out["total"] = sum(out.values())
    return out


def _owners(fr: FileResult) -> tuple[dict[str, tuple[list[Iku], list[Finding]]], dict[str, str]]:
    """Section -> (its IKU, []) and IKU code/name -> section, for one FileResult."""
    wb = fr.workbook
    fallback = one_line(Path(fr.path).stem) or "workbook"
    groups: dict[str, list[Iku]] = {}
    labels: dict[str, str] = {}
    for iku in wb.ikus if wb else []:
        name = one_line(iku.meta.seksi) or fallback
        key = section_key(name)
        labels.setdefault(key, name)
        groups.setdefault(key, []).append(iku)
    if not groups:
        labels[section_key(fallback)] = fallback
        groups[section_key(fallback)] = []
    owner: dict[str, str] = {}
    for key, ikus in groups.items():
        for iku in ikus:
            for k in _iku_key(iku):
                owner.setdefault(k, labels[key])
    return {labels[k]: (ikus, []) for k, ikus in groups.items()}, owner


def sections_of(fr: FileResult) -> dict[str, tuple[list[Iku], list[Finding]]]:
    """Section -> (its IKU, the findings on them) for one FileResult; IKU without Seksi go to the file stem.

    Findings on no section's IKU (NKO, weights, the summary table's totals) are the performance
    manager's: see workbook_findings. They are in no section's list and no section's counts.
    """
    out, owner = _owners(fr)
    for f in sorted(fr.findings, key=lambda x: x.sort_key()):
        section = owner.get(f.iku or "")
        if section:
            out[section][1].append(f)
    return out


def workbook_findings(fr: FileResult) -> list[Finding]:
    """The findings of one FileResult on no section's IKU: the performance manager's."""
    _, owner = _owners(fr)
    return [f for f in sorted(fr.findings, key=lambda x: x.sort_key()) if not owner.get(f.iku or "")]


def context_for(
    fr: FileResult,
    section: str,
    ikus: list[Iku],
    findings: list[Finding],
    lang: str,
    attachment: Path | None,
    settings: object | None = None,
    options: MailOptions | None = None,
    fixed: set[FixedKey] | None = None,
) -> dict[str, Any]:
    """The template values for one section's message (every string one clean line).

    fixed: the (code, cell, period) of findings the attached fixed copy corrects (--attach fixed).
    """
    wb, an = fr.workbook, fr.analysis
    period = (wb.period if wb else None) or None
    year = (wb.year if wb else None) or getattr(settings, "year", None)
    nko = an.nko.get(period) if (an and period) else None
    nko_y = an.nko.get("Y") if an else None
    pred = an.predikat.get(period) if (an and period) else None
    pred_y = an.predikat.get("Y") if an else None
    iku_keys = {k: iku for iku in ikus for k in _iku_key(iku)}
    by_iku: dict[int, dict[str, Any]] = {}
    general: list[dict[str, Any]] = []
    for f in findings:
        iku = iku_keys.get(f.iku or "")
        if iku is None:
            general.append(_finding_row(f, lang, fixed))
            continue
        entry = by_iku.setdefault(
            id(iku),
            {
                "code": one_line(iku.code or "-"),
                "name": one_line(iku.name),
                "sheet": one_line(iku.sheet),
                "findings": [],
            },
        )
        entry["findings"].append(_finding_row(f, lang, fixed))
    order = {id(i): n for n, i in enumerate(ikus)}
    # True when no IKU named its Seksi and the file name stands in for it.
    is_file = section_key(section) == section_key(Path(fr.path).stem) and not any(
        section_key(i.meta.seksi) == section_key(section) for i in ikus if i.meta.seksi
    )
    unit = one_line((wb.unit if wb else None) or Path(fr.path).stem)
    return {
        "lang": lang,
        "section": one_line(section),
        "section_is_file": is_file,
        # the section as the office writes it ('Seksi Pelayanan Lelang', 'Subbagian Umum') and its head
        "section_name": one_line(section) if is_file else unit_name(section),
        "addressee": addressee(section, lang, is_file=is_file),
        "revision_file": one_line(revision_name(Path(fr.path))),
        **letter_context(options or MailOptions(), unit, lang),
        "unit": unit,
        "period": one_line(period or "-"),
        "year": one_line(year or "-"),
        "file": one_line(Path(fr.path).name),
        "attachment": one_line(safe_filename(attachment.name, limit=NAME_BYTES)) if attachment else "",
        "nko": format_number(nko, lang) if nko is not None else "-",
        "nko_y": format_number(nko_y, lang) if nko_y is not None else "-",
        "predikat": one_line(pred or "-"),
        "predikat_y": one_line(pred_y or "-"),
        **_written_context(fr, period, lang),
        "profile": one_line(fr.profile.name if fr.profile else "-"),
        "counts": _counts(findings),
        "counts_text": one_line(long_counts(_counts(findings), lang)),  # '1 kesalahan, 0 peringatan, 0 info'
        "counts_short": one_line(short_counts(_counts(findings), lang)),  # '1 kesalahan, 0 peringatan'
        "left": sum(1 for f in findings if f.severity.rank >= 1 and not _is_fixed(f, fixed)),
        "file_counts": _counts(fr.findings),
        "iku_count": len(ikus),
        "iku_codes": [one_line(i.code or i.name) for i in ikus],
        "ikus": [by_iku[k] for k in sorted(by_iku, key=lambda k: order.get(k, 0))],
        "general": general,
    }


def _written_context(fr: FileResult, period: str | None, lang: str) -> dict[str, Any]:
    """The NKO the workbook writes (headline.written_nko), beside the recomputed one, and the verdict.

    ``nko_written``/``nko_y_written`` (and their predikat) are empty when the workbook writes none.
    """
    from kinerja_xl.headline import headline, nko_line, verdict_text

    out: dict[str, Any] = {"nko_written": "", "predikat_written": "", "nko_y_written": "", "predikat_y_written": ""}
    if fr.analysis is not None:
        for key, p in (("nko_written", period), ("nko_y_written", "Y")):
            line = nko_line(fr, p) if p else None
            if line is not None and line.written is not None:
                out[key] = format_number(line.written, lang)
                out[key.replace("nko", "predikat")] = one_line(line.written_predikat or "-")
    out["verdict"] = one_line(verdict_text(headline(fr), lang))
    # a workbook of several units: each unit's NKO Y (recomputed and as its own table writes it)
    out["units"] = [
        {
            "unit": one_line(str(u.unit)),
            "nko_y": format_number(line.recomputed, lang) if line.recomputed is not None else "-",
            "predikat_y": one_line(line.predikat or "-"),
            "nko_y_written": format_number(line.written, lang) if line.written is not None else "",
        }
        for u in fr.units
        for line in [nko_line(u, "Y")]
    ]
    return out


def render(env: jinja2.Environment, lang: str, context: dict[str, Any], kind: str = "mail") -> tuple[str, str]:
    """(subject, body) from the templates of a language and a kind of draft (KINDS)."""
    if lang not in LANGS:
        raise MailError(f"--lang {lang}: use one of {', '.join(LANGS)}")
    texts = []
    for name in (n.format(lang=lang) for n in KINDS[kind]):
        try:
            texts.append(env.get_template(name).render(context))
        except jinja2.TemplateError as exc:
            raise MailError(f"template {name}: {exc}") from None
        except (OverflowError, RecursionError, MemoryError, ArithmeticError, LookupError, TypeError) as exc:
            # the sandbox's own limits (a range over MAX_RANGE) and runaway templates (recursive macros)
            raise MailError(f"template {name}: {type(exc).__name__}: {str(exc).splitlines()[0][:200]}") from None
    subject, body = texts
    return header_text(subject, 250), body


def fixed_context(fr: FileResult, lang: str) -> dict[str, Any] | None:
    """What the body says about the attached fixed copy (mail/watch --attach fixed), None without one."""
    fixed = getattr(fr, "fixed", None)
    plan = getattr(fixed, "fix_plan", None)
    if fixed is None or plan is None or not fixed.output or not Path(fixed.output).is_file():
        return None
    nko = plan.analysis.nko.get("Y")
    codes = [fx.code for fx in plan.fixes]
    return {
        "file": one_line(safe_filename(Path(fixed.output).name, limit=NAME_BYTES)),
        "cells": len(plan.fixes),
        "codes": ", ".join(sorted(set(codes))) or "-",
        # the kinds of cell in words, the codes after them in brackets
        "kinds": one_line(fix_kinds(codes, lang)),
        "cells_total": len(plan.fixes),
        "left": sum(1 for f in plan.remaining if f.severity.rank >= 1),
        "nko_y": format_number(nko, lang) if nko is not None else "-",
    }


def section_fixed(fr: FileResult, fixed: dict[str, Any] | None, ikus: list[Iku], lang: str) -> dict[str, Any] | None:
    """The fixed copy's context for one section: its own IKU's fixed cells (cells, kinds, codes),
    the whole workbook's count in cells_total."""
    if fixed is None:
        return None
    keys = {k for iku in ikus for k in _iku_key(iku)}
    plan = fr.fixed.fix_plan if fr.fixed is not None else None
    assert plan is not None  # fixed_context gave a context: the fixed copy and its plan are there
    codes = [fx.code for fx in plan.fixes if fx.iku in keys]
    return {
        **fixed,
        "cells": len(codes),
        "codes": ", ".join(sorted(set(codes))) or "-",
        "kinds": one_line(fix_kinds(codes, lang)),
        "cells_total": len(plan.fixes),
    }


def fixed_keys(fr: FileResult) -> set[FixedKey]:
    """(code, cell, period) of the findings the attached fixed copy no longer has (corrected)."""
    plan = getattr(getattr(fr, "fixed", None), "fix_plan", None)
    if plan is None:
        return set()
    left = {(f.code, f.cell, f.period) for f in plan.remaining}
    return {(f.code, f.cell, f.period) for f in fr.findings} - left
