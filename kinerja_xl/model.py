"""The domain model: plain dataclasses, a cell reference on every value, no openpyxl."""

from __future__ import annotations

import dataclasses
import operator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from kinerja_xl.findings import Finding

PERIODS: tuple[str, ...] = ("Q1", "Q2", "Sm.I", "Q3", "s.d. Q3", "Q4", "Y")
QUARTERS: tuple[str, ...] = ("Q1", "Q2", "Q3", "Q4")
# A consolidated column and the quarters it rolls up (rules.md section 1).
CONSOLIDATED: dict[str, tuple[str, ...]] = {
    "Sm.I": ("Q1", "Q2"),
    "s.d. Q3": ("Q1", "Q2", "Q3"),
    "Y": ("Q1", "Q2", "Q3", "Q4"),
}
ROWS: tuple[str, ...] = ("target", "realisasi", "capaian", "nilai")
POLARISASI: tuple[str, ...] = ("Max", "Min", "Stab")
KONSOLIDASI: tuple[str, ...] = ("TLK", "Sum", "Avg")
PERSPECTIVES: tuple[str, ...] = ("Stakeholder", "Customer", "Internal Process", "Learning and Growth")


def column_number(letters: str) -> int:
    """1 for 'A', 27 for 'AA' (case ignored)."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def column_letters(col: int) -> str:
    """'A' for 1, 'AA' for 27."""
    out = ""
    while col > 0:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


def cell_rc(coordinate: str) -> tuple[int, int]:
    """(row, column) of 'E45', '$E$45' or the first cell of 'E45:G45'; (0, n) when there is no row.

    The one parser of cell coordinates (reader, rules, writers and sorting use it).
    """
    first = coordinate.split(":", 1)[0].replace("$", "")
    i = 0
    while i < len(first) and first[i].isalpha():
        i += 1
    digits = first[i:]
    return (int(digits) if digits.isdigit() else 0), column_number(first[:i])


_C = TypeVar("_C", bound=type)


def pickled_as_call(cls: _C) -> _C:
    """Pickle a dataclass as ``cls(*fields)``: a --jobs worker sends every file's model, scores and
    findings back to the run, and the default state (a dict per object, or for a slotted dataclass
    functions that ask ``fields()`` per object) made that a tenth of a worker's time and most of
    the parent's. Every field must be an __init__ argument; what is not a field (a cache) is left out.
    """
    names = tuple(f.name for f in dataclasses.fields(cls))
    assert all(f.init for f in dataclasses.fields(cls)), cls
    state = operator.attrgetter(*names) if len(names) > 1 else (lambda obj: (getattr(obj, names[0]),))

    def __reduce__(self: Any) -> tuple[Any, tuple[Any, ...]]:
        return cls, state(self)

    cls.__reduce__ = __reduce__  # type: ignore[method-assign, assignment]
    return cls


_LETTERS = [column_letters(c) for c in range(703)]  # '' and A..ZZ: the reader names ~100,000 cells a file


def cell_name(row: int, col: int) -> str:
    """'C5' from (5, 3)."""
    return (_LETTERS[col] if 0 <= col < 703 else column_letters(col)) + str(row)


@pickled_as_call
@dataclass(frozen=True, order=True, slots=True)
class CellRef:
    """A cell (or range) on a sheet, as a person finds it in Excel."""

    sheet: str
    coord: str

    def __str__(self) -> str:
        return f"{self.sheet}!{self.coord}"


def _set_slots_directly(cls: Any) -> None:
    """Give a frozen dataclass an __init__ that sets its two slots directly: the generated one
    goes through object.__setattr__ per field, a third of the time of the ~100,000 CellRefs a
    big workbook's reading makes. Still frozen, hashed and compared as before."""
    set_sheet, set_coord = cls.__dict__["sheet"].__set__, cls.__dict__["coord"].__set__

    def __init__(self: Any, sheet: str, coord: str) -> None:
        set_sheet(self, sheet)
        set_coord(self, coord)

    cls.__init__ = __init__


_set_slots_directly(CellRef)


@pickled_as_call
@dataclass(slots=True)
class Value:
    """One parsed cell value; ``number`` is in index/percent points, None when N/A.

    kind: "number", "percent" (a %-formatted fraction, already x100), "text-number"
    (number parsed from text), "na" (blank, "-", N/A marker), "text" (not a number),
    "error" (#DIV/0! and friends), "unevaluated" (formula without cached value that
    could not be evaluated).
    """

    cell: CellRef | None
    number: float | None = None
    kind: str = "na"
    raw: Any = None
    formula: str | None = None
    percent_format: bool = False  # the cell's number format scales by 100 (kind "percent" or text in such a cell)


@pickled_as_call
@dataclass(slots=True)
class IkuMeta:
    """Optional IKU metadata from label rows, summary columns or kinerja.toml."""

    bobot: float | None = None
    validitas: str | None = None  # Exact / Proxy / Activity
    kendali: str | None = None  # Low / Moderate / High
    realisasi_terburuk: float | None = None
    konversi_120: bool = False
    seksi: str | None = None
    stab_scale: list[tuple[float, float]] | None = None
    cells: dict[str, CellRef] = field(default_factory=dict)  # meta name -> where it was read


@pickled_as_call
@dataclass(slots=True)
class Iku:
    """One IKU block: four value rows over the seven periods plus its Pol/KP."""

    code: str | None
    name: str
    sheet: str
    header_cell: CellRef  # the T/R cell
    ss_name: str | None = None
    unit: str | None = None
    name_cell: CellRef | None = None
    ss_name_cell: CellRef | None = None
    polkp_cell: CellRef | None = None
    polkp_raw: str | None = None
    polarisasi: str = "Max"
    konsolidasi: str = "TLK"
    polkp_assumed: bool = False  # True when Pol/KP was missing or unknown
    # row name ("target"...) -> period -> Value; a missing row is absent
    rows: dict[str, dict[str, Value]] = field(default_factory=dict)
    row_cells: dict[str, CellRef] = field(default_factory=dict)  # row name -> its label cell
    period_cells: dict[str, CellRef] = field(default_factory=dict)  # period -> header label cell
    year_label: int | None = None  # the NN of a Y-NN label, as a four-digit year
    year_cell: CellRef | None = None
    year_text: str | None = None  # the Y-NN label as written ('Y-22'), when it names a year
    meta: IkuMeta = field(default_factory=IkuMeta)
    ss: str | None = None  # SS code, from the summary table
    perspective: str | None = None  # canonical perspective name, from the summary table

    def value(self, row: str, period: str) -> Value | None:
        """The Value of a row in a period, None when the row or column is missing."""
        values = self.rows.get(row)  # (no default {}: analysis and rules call this ~100 times per IKU)
        return None if values is None else values.get(period)

    def number(self, row: str, period: str) -> float | None:
        """The number of a row in a period, None when N/A or missing."""
        values = self.rows.get(row)
        v = None if values is None else values.get(period)
        return None if v is None else v.number

    @property
    def cascading(self) -> str:
        """CP, CNP or N from the code suffix; N when unknown."""
        if self.code and "-" in self.code:
            suffix = self.code.rsplit("-", 1)[1].upper()
            if suffix in ("CP", "CNP", "N"):
                return suffix
        return "N"


@pickled_as_call
@dataclass
class SummaryIku:
    """An IKU row of the summary table (Tabel 1)."""

    code: str
    name: str
    row_cell: CellRef
    ss: str | None = None
    perspective: str | None = None
    target: Value | None = None
    realisasi: Value | None = None
    nilai: Value | None = None
    meta: IkuMeta = field(default_factory=IkuMeta)


@pickled_as_call
@dataclass
class SummarySs:
    """An SS row of the summary table, with a reported NSS when the table has one."""

    code: str
    name: str
    row_cell: CellRef
    perspective: str | None = None
    nss: Value | None = None


@pickled_as_call
@dataclass
class SummaryPerspective:
    """A perspective header row, its weight if given, and a reported Np if any."""

    name: str  # canonical: one of PERSPECTIVES
    label: str
    row_cell: CellRef
    weight: float | None = None
    np: Value | None = None


@pickled_as_call
@dataclass
class Summary:
    """The summary table of a workbook."""

    sheet: str
    header_cell: CellRef
    perspectives: list[SummaryPerspective] = field(default_factory=list)
    ss: list[SummarySs] = field(default_factory=list)
    ikus: list[SummaryIku] = field(default_factory=list)
    nko: Value | None = None

    def iku(self, code: str) -> SummaryIku | None:
        """The summary row of an IKU code, if any."""
        # The rules ask once per IKU per check: a scan made 2,000-IKU workbooks quadratic.
        # The index is rebuilt when rows are added; the first row of a code wins, as before.
        cached = self.__dict__.get("_iku_index")
        if cached is None or cached[0] != len(self.ikus):
            index: dict[str, SummaryIku] = {}
            for row in self.ikus:
                index.setdefault(row.code.lower(), row)
            cached = self.__dict__["_iku_index"] = (len(self.ikus), index)
        return cached[1].get(code.lower())


@pickled_as_call
@dataclass
class Workbook:
    """Everything kinerja-xl read from one file."""

    path: str
    ikus: list[Iku] = field(default_factory=list)
    summary: Summary | None = None
    year: int | None = None
    year_source: str | None = None
    unit: str | None = None
    period: str | None = None  # the period being reported: the last quarter with Realisasi
    sheets: list[str] = field(default_factory=list)
    # Findings raised while reading (KX0xx); the rules add the rest.
    findings: list[Finding] = field(default_factory=list)
    # A workbook that holds several units (a Kanwil's recap, reader/units.py): one Workbook per unit,
    # its own blocks (the same Iku objects), summary table, unit, period and reading findings; empty
    # for a workbook of one unit. The parent then has no summary table and no unit of its own.
    units: list[Workbook] = field(default_factory=list)
