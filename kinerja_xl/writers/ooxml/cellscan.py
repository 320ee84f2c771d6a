"""The few cell elements of a big sheet a copy rewrites, found without a Python call per cell.

A fixed copy rewrites a handful of cells and drops the cached values of the formulas that read
them, on sheets of ~7,000 cells each: the whole-sheet scans (``CELL_ELEMENT.sub`` with a callback
at every cell) were most of writing it. ``wanted_cells`` and ``formula_cells`` return exactly the
matches that scan makes and would act on, in document order, found from the text of their
references or of their ``<f`` elements instead; where the XML has a shape they cannot vouch for
(a tag left open, a cell element not closed before the next) they run the scan itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection

# A cell element with its reference and body (None for an empty <c .../>).
CELL_ELEMENT = re.compile(r'<c\s[^>]*?\br="([A-Za-z]{1,3}[0-9]+)"[^>]*?(?:/>|(?<!/)>(.*?)</c>)', re.S)
FORMULA = re.compile(r"<f\b([^>]*?)(?:/>|(?<!/)>(.*?)</f>)", re.S)
_CELL_OPEN = re.compile(r"<c\s")
_FORMULA_OPEN = re.compile(r"<f\b")


def wanted_cells(xml: str, coords: Collection[str]) -> list[re.Match[str]]:
    """The matches of a CELL_ELEMENT scan over ``xml`` whose reference is in ``coords``, in order."""
    found = _wanted_cells(xml, coords)
    if found is None:
        return [m for m in CELL_ELEMENT.finditer(xml) if m.group(1) in coords]
    return found


def formula_cells(xml: str) -> list[re.Match[str]]:
    """The matches of a CELL_ELEMENT scan over ``xml`` whose body holds a formula, in order."""
    found = _formula_cells(xml)
    if found is None:
        return [m for m in CELL_ELEMENT.finditer(xml) if m.group(2) and FORMULA.search(m.group(2))]
    return found


def replaced(xml: str, matches: list[re.Match[str]], new: Callable[[re.Match[str]], str]) -> str:
    """``xml`` with each match (in order, not overlapping) replaced by ``new(match)``."""
    pieces: list[str] = []
    at = 0
    for m in matches:
        pieces += [xml[at : m.start()], new(m)]
        at = m.end()
    pieces.append(xml[at:])
    return "".join(pieces)


def _reached(xml: str, at: int) -> bool:
    """Whether a CELL_ELEMENT scan from the start of ``xml`` is outside every match at ``at``.

    A match that starts before the last ``</c>`` before ``at`` ends at that ``</c>`` at the latest
    (when that ``</c>`` is not inside a tag left open); one that starts after it must end by ``at``.
    False also when unsure.
    """
    close = xml.rfind("</c>", 0, at)
    if close >= 0 and xml.rfind("<", 0, close) > xml.rfind(">", 0, close):
        return False
    start = close + 4 if close >= 0 else 0
    for q in _CELL_OPEN.finditer(xml, start, at):
        m = CELL_ELEMENT.match(xml, q.start())
        if m is not None and m.end() > at:
            return False
    return True


def _wanted_cells(xml: str, coords: Collection[str]) -> list[re.Match[str]] | None:
    if not coords:
        return []
    hits: dict[int, re.Match[str]] = {}
    needles = re.compile('r="(?:' + "|".join(map(re.escape, coords)) + ')"')
    for found in needles.finditer(xml):
        at = found.start()
        lt = xml.rfind("<", 0, at)
        if lt < 0 or xml.find(">", lt, at) >= 0:
            continue  # in text, not in a tag: no match has it as its reference
        if xml.rfind("<", 0, lt) > xml.rfind(">", 0, lt):
            return None  # a tag left open before this one
        m = CELL_ELEMENT.match(xml, lt)  # the one start tag whose match could have it
        if m is None or m.start(1) != at + 3:
            continue
        if not _reached(xml, lt):
            return None
        hits[lt] = m
    return [hits[k] for k in sorted(hits)]


def _formula_cells(xml: str) -> list[re.Match[str]] | None:
    out: list[re.Match[str]] = []
    taken = -1  # the end of the last cell taken
    for f in _FORMULA_OPEN.finditer(xml):
        pos = f.start()
        if pos < taken:
            continue  # another <f in a body already taken
        lt = xml.rfind("<c", 0, pos)
        while lt >= 0 and _CELL_OPEN.match(xml, lt) is None:
            lt = xml.rfind("<c", 0, lt)
        m = CELL_ELEMENT.match(xml, lt) if lt >= 0 else None
        if m is not None and m.group(2) is not None and m.start(2) <= pos and pos + 2 <= m.end(2):
            if not _reached(xml, lt):
                return None
            if FORMULA.search(m.group(2)):
                out.append(m)
            taken = m.end()
        elif not _reached(xml, pos):
            return None  # it may lie in a cell the scan reads otherwise
    return out
