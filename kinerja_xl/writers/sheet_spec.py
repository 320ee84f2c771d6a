"""The sheet-spec vocabulary: colours, style keys and their meaning (Style, parse_style), and the
ChartSpec / PrintSpec / SheetSpec a sheet of ours is described by before a writer renders it.

Plain data, no openpyxl: ``writers/ooxml/`` renders these specs straight into the package, and
``writers/sheet_openpyxl.py`` renders them through openpyxl (the fallback path).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain
from operator import itemgetter
from typing import Any

from kinerja_xl.model import column_letters
from kinerja_xl.outputs import EXCEL_CELL_CHARS, excel_text

COMMENT_AUTHOR = "kinerja-xl"  # the author of the notes we add to cells

# Excel's own "good / neutral / bad" palette, so the colours read as people expect.
STATUS_FILL = {"hijau": "C6EFCE", "kuning": "FFEB9C", "merah": "FFC7CE", "abu-abu": "D9D9D9"}
SEVERITY_FILL = {"error": "FFC7CE", "warning": "FFEB9C", "info": "DDEBF7"}
# A finding on a cell of our sheets: a medium border in its severity's colour and its sign, never a
# fill (fills are the status colours hijau/kuning/merah/abu-abu; see flag_key).
FLAG_COLOR = {"error": "C00000", "warning": "9C5700", "info": "2F5597"}
SIGNS = {"error": "!", "warning": "?", "info": "i"}
FIXED_FILL = "E4DFEC"  # a cell `kinerja-xl fix` changed: lavender, none of the finding or status colours
# Bar colours of the charts: the status colours, deep enough to read on paper.
STATUS_CHART = {"hijau": "63BE7B", "kuning": "FFD966", "merah": "F8696B", "abu-abu": "BFBFBF"}
HEADER_FILL = "D9E1F2"
BORDER_COLOR = "BFBFBF"
LINK_COLOR = "0563C1"
MARK_COLOR = "9C0006"  # Excel's "bad" text colour: a cell with a finding
NUMBER_FORMAT = "0.00"  # Excel's built-in number format 2

# Style keys of a spec cell. A key is one token or several joined by "|" (see style()):
# "fill:RRGGBB" a solid fill, "fmt:<code>" a number format, "font:RRGGBB" a font colour, and the
# named tokens below (combine() joins them). Both writers read a key through parse_style.
PLAIN, BOLD, TITLE, HEADER, NUMBER, LINK, WRAP = "plain", "bold", "title", "header", "number", "link", "wrap"
BIG, ITALIC, BORDER, CENTER, RIGHT, MARK = "big", "italic", "border", "center", "right", "mark"
TOP, MIDDLE, INDENT = "top", "middle", "indent"
STYLE_KEYS: tuple[str, ...] = (PLAIN, BOLD, TITLE, HEADER, NUMBER, LINK, WRAP)
CHART_SIZE_CM = (18, 9)
# Characters XML 1.0 cannot carry (and lone surrogates, which UTF-8 cannot encode): dropped from text.
ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def flag_key(severity: str) -> str:
    """The style token of a finding's mark on a cell of ours: a medium border in its severity's colour."""
    return "flag:" + FLAG_COLOR[severity]


def flag_style(severity: str) -> str:
    """A cell of ours that carries a finding: bold text in the severity's colour and its border."""
    return combine(BOLD, "font:" + FLAG_COLOR[severity], flag_key(severity))


def fill_key(rgb: str) -> str:
    """The style key of a solid fill."""
    return "fill:" + rgb


_COMBINED: dict[tuple[str | None, ...], str] = {}


def combine(*tokens: str | None) -> str:
    """One style key from several tokens (None and PLAIN dropped): ``combine(NUMBER, fill_key(rgb), BORDER)``.

    Memoised: a sheet asks for the same few combinations thousands of times."""
    key = _COMBINED.get(tokens)
    if key is None:
        parts = sorted({t for token in tokens if token for t in token.split("|") if t != PLAIN})
        key = _COMBINED[tokens] = "|".join(parts) or PLAIN
    return key


@lru_cache(maxsize=64)
def number_format(lang: str = "id", suffix: str = "", *, signed: bool = False) -> str:
    """Two decimals in the language's convention: ``[$-421]`` (Indonesian) makes LibreOffice show
    1.234,57 whatever its own locale; Excel uses the reader's system separators either way.
    ``suffix`` is shown after the number (a finding marker); ``signed`` shows +/- before it."""
    locale = "[$-421]" if lang == "id" else ""
    tail = f'" {suffix}"' if suffix else ""
    if signed:
        return f"{locale}+#,##0.00{tail};{locale}-#,##0.00{tail};{locale}0.00{tail}"
    return f"{locale}#,##0.00{tail}"


def number_axis_format(lang: str = "id") -> str:
    """Whole numbers in the language's convention, for a chart's value axis."""
    return ("[$-421]" if lang == "id" else "") + "#,##0"


def num_key(lang: str = "id", suffix: str = "", *, signed: bool = False) -> str:
    """The style token of a two-decimal number (see number_format)."""
    return "fmt:" + number_format(lang, suffix, signed=signed)


@dataclass(frozen=True)
class Style:
    """What a style key means, for both writers."""

    bold: bool = False
    italic: bool = False
    size: float | None = None
    color: str | None = None
    underline: bool = False
    fill: str | None = None
    num_format: str | None = None
    wrap: bool = False
    halign: str | None = None
    valign: str | None = None
    indent: int = 0  # a text cell next to a right-aligned number keeps a gap from it
    border: bool = False
    flag: str | None = None  # RRGGBB of a medium border: a finding's mark (flag_key)

    @property
    def has_font(self) -> bool:
        return self.bold or self.italic or self.size is not None or self.color is not None or self.underline

    @property
    def has_alignment(self) -> bool:
        return self.wrap or self.halign is not None or self.valign is not None or self.indent > 0


# What each named token sets (HEADER, LINK and WRAP keep a fill, colour or alignment set by another token).
_TOKENS: dict[str, dict[str, Any]] = {
    BOLD: {"bold": True},
    TITLE: {"bold": True, "size": 14},
    BIG: {"bold": True, "size": 12},
    ITALIC: {"italic": True},
    HEADER: {"bold": True, "fill": HEADER_FILL, "wrap": True, "valign": "center"},
    NUMBER: {"num_format": NUMBER_FORMAT},
    LINK: {"color": LINK_COLOR, "underline": True},
    MARK: {"bold": True, "color": MARK_COLOR, "underline": True},
    WRAP: {"wrap": True, "valign": "top"},
    TOP: {"valign": "top"},
    INDENT: {"indent": 1, "halign": "left"},
    MIDDLE: {"valign": "center"},
    BORDER: {"border": True},
    CENTER: {"halign": "center"},
    RIGHT: {"halign": "right"},
}
_PREFIXES = {"fill:": "fill", "font:": "color", "fmt:": "num_format", "flag:": "flag"}


@lru_cache(maxsize=1024)
def parse_style(key: str) -> Style:
    """The Style of a key (unknown tokens are ignored).

    Explicit values (a "fill:", "font:" or "fmt:" token, MARK's colour, MIDDLE) win over the
    defaults a named token brings (HEADER's fill, LINK's colour, WRAP's top alignment).
    """
    defaults: dict[str, Any] = {}
    explicit: dict[str, Any] = {}
    for token in key.split("|"):
        prefix = next((p for p in _PREFIXES if token.startswith(p)), None)
        if prefix is not None:
            explicit[_PREFIXES[prefix]] = token[len(prefix) :]
        elif token in (MARK, MIDDLE, CENTER, RIGHT, TOP, INDENT):
            explicit.update(_TOKENS[token])
        else:
            defaults.update(_TOKENS.get(token, {}))
    return Style(**{**defaults, **explicit})


@dataclass
class ChartSpec:
    """A chart of one series on the sheet: categories and values are ranges (col1, row1, col2, row2), 1-based.

    ``kind``: "col" (vertical bars), "bar" (horizontal bars) or "line". ``colors``: one RRGGBB per
    point (None: the default colour). The chart's top-left corner is at ``anchor`` (col, row), 1-based.
    """

    title: str
    y_title: str
    cats: tuple[int, int, int, int]
    vals: tuple[int, int, int, int]
    anchor: tuple[int, int]
    name: str = ""
    kind: str = "col"
    colors: list[str | None] = field(default_factory=list)
    size_cm: tuple[float, float] = CHART_SIZE_CM
    labels: bool = True  # show each value on its bar
    num_format: str = NUMBER_FORMAT  # of the value labels
    y_min: float | None = None
    y_max: float | None = None
    # a second series beside the first (NKO as written beside recomputed): values range and name
    color: str | None = None  # the first series' own colour (its legend key) under the point colours
    vals2: tuple[int, int, int, int] | None = None
    name2: str = ""
    color2: str | None = None
    axis_format: str = "General"  # of the value axis (the language's whole numbers, number_axis_format)
    major_unit: float | None = None  # 100: the one dark gridline is the line at 100
    minor_unit: float | None = None  # light gridlines between


@dataclass
class PrintSpec:
    """How a sheet prints: orientation, fit to one page wide, rows repeated on every page, page breaks."""

    landscape: bool = True
    fit_width: bool = True
    title_rows: tuple[int, int] | None = None  # (first, last), 1-based
    breaks: list[int] = field(default_factory=list)  # a new page starts at each of these rows
    # the footer, in Excel's header/footer codes: "&L&F&RHalaman &P dari &N" (see footer_text)
    footer: str | None = None


LINE_HEIGHT = 15.0  # points, one line of the default font


@lru_cache(maxsize=4096)
def text_height(text: str | None, width: float, line: float = LINE_HEIGHT) -> float | None:
    """The row height (points) that shows ``text`` wrapped in a column ``width`` wide; None for one line.

    Neither Excel nor LibreOffice sizes a row to wrapped text it did not lay out itself, so our
    sheets set the height: about 1.15 characters of ordinary text per unit of column width.
    """
    if not text:
        return None
    per_line = max(int(width * 1.15), 1)
    lines = sum(max(1, -(-len(part) // per_line)) for part in str(text).split("\n"))
    return lines * line if lines > 1 else None


@dataclass
class SheetSpec:
    """What one sheet shows: cells by row (col, value, style key), widths, links, filter, pane, charts, print."""

    name: str
    rows: dict[int, list[tuple[int, Any, str]]] = field(default_factory=dict)
    widths: dict[int, float] = field(default_factory=dict)
    heights: dict[int, float] = field(default_factory=dict)
    links: list[tuple[str, str]] = field(default_factory=list)  # (cell, internal location)
    merges: list[str] = field(default_factory=list)  # "A1:K1"
    autofilter: str | None = None
    freeze: str | None = None  # top-left cell of the scrolling pane, e.g. "A2"
    charts: list[ChartSpec] = field(default_factory=list)
    page: PrintSpec = field(default_factory=PrintSpec)
    max_col: int = 0
    number_style: str = NUMBER  # the key put(number=True) gives numbers
    unordered: set[int] = field(default_factory=set)  # rows whose cells were not put left to right
    selected: bool = False  # the sheet the copy opens on (its tab selected)
    top: bool = False  # a table of multi-line rows: every cell but a header's aligned to the top
    comments: dict[str, str] = field(default_factory=dict)  # cell -> a note shown on hover

    @property
    def chart(self) -> ChartSpec | None:
        """The first chart (older callers knew one)."""
        return self.charts[0] if self.charts else None

    def put(self, row: int, col: int, value: Any, style: str = PLAIN, *, number: bool = False) -> None:
        """Set one cell; ``number`` gives numbers the sheet's number style (text keeps ``style``)."""
        if self.top and style != HEADER and HEADER not in style.split("|"):
            style = combine(style, TOP)
        if number and isinstance(value, (int, float)) and not isinstance(value, bool):
            style = combine(style, self.number_style)
        elif value.__class__ is str and len(value) > EXCEL_CELL_CHARS // 2:
            value = excel_text(value)  # a cell holds 32,767 characters at most
        cells = self.rows.get(row)
        if cells is None:
            cells = self.rows[row] = []
        elif col <= cells[-1][0]:
            self.unordered.add(row)
        cells.append((col, value, style))
        if col > self.max_col:
            self.max_col = col

    def header(self, row: int, labels: Iterable[str], first: int = 1, key: str = HEADER) -> None:
        """A row of bold labels on the header fill, from column ``first``."""
        for col, label in enumerate(labels, start=first):
            self.put(row, col, label, key)

    def merge(self, row: int, first: int, last: int) -> None:
        """Merge columns first..last of a row (the value and style stay in the first cell)."""
        if last > first:
            self.merges.append(f"{column_letters(first)}{row}:{column_letters(last)}{row}")

    def fit_row(self, row: int, text: str | None, width: float, line: float = LINE_HEIGHT) -> None:
        """Make a row tall enough for ``text`` wrapped in ``width`` (never lower than it is)."""
        height = text_height(text, width, line)
        if height is not None and height > self.heights.get(row, 0):
            self.heights[row] = height

    def style_keys(self) -> set[str]:
        """Every style key the sheet uses."""
        return set(map(itemgetter(2), chain.from_iterable(self.rows.values())))  # ~190,000 cells on Rincian

    def sorted_rows(self) -> list[tuple[int, list[tuple[int, Any, str]]]]:
        """Rows in order, each row's cells in column order (a later put on a cell wins)."""
        out = []
        for r in sorted(self.rows):
            cells = self.rows[r]
            if r in self.unordered:
                cells = sorted({c[0]: c for c in cells}.values(), key=lambda c: c[0])
            out.append((r, cells))
        return out
