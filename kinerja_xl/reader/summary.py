"""The summary table (Tabel 1): perspectives with weights, SS rows, IKU rows, NSS/Np/NKO rows."""

from __future__ import annotations

import re

from kinerja_xl.model import CellRef, IkuMeta, Summary, SummaryIku, SummaryPerspective, SummarySs
from kinerja_xl.reader.cells import ReadContext, coord
from kinerja_xl.reader.files import SheetGrid
from kinerja_xl.reader.meta import META_FIELDS, parse_meta, set_meta
from kinerja_xl.reader.values import parse_float
from kinerja_xl.reader.vocabulary import CODE_RE, norm_key

MAX_BLANK_ROWS = 4  # this many empty rows in a row end the table

_PERSPECTIVE_WORDS = (
    (
        "Learning and Growth",
        ("learningandgrowth", "learninggrowth", "pembelajarandanpertumbuhan", "pembelajaranpertumbuhan", "learning"),
    ),
    (
        "Internal Process",
        ("internalprocess", "internalbusinessprocess", "prosesbisnisinternal", "prosesinternal", "internal"),
    ),
    ("Customer", ("customer", "pelanggan", "penggunalayanan")),
    ("Stakeholder", ("stakeholder", "pemangkukepentingan")),
)
_WEIGHT = re.compile(r"\(\s*(\d+(?:[.,]\d+)?)\s*%?\s*\)")
_DIGITS = re.compile(r"\d+")
_SS_CODE = re.compile(r"^\d{1,3}\.?$")

_EXTRA = {
    "bobot": "bobot",
    "bobotiku": "bobot",
    "validitas": "validitas",
    "kendali": "kendali",
    "tingkatkendali": "kendali",
    "polarisasi": "polarisasi",
    "konsolidasi": "konsolidasi",
    "seksi": "seksi",
    "seksipemilik": "seksi",
    "pemilik": "seksi",
    "konversi120": "konversi_120",
    "konversi": "konversi_120",
    "realisasiterburuk": "realisasi_terburuk",
}


def perspective_of(text: str) -> str | None:
    """Canonical perspective name named in a row label, None when none."""
    n = norm_key(text)
    if "perspective" not in n and "perspektif" not in n:
        return None
    for name, words in _PERSPECTIVE_WORDS:
        if any(w in n for w in words):
            return name
    return None


# complexity: one branch per summary-table header spelling
def _header_columns(grid: SheetGrid, row: int) -> dict[str, int] | None:  # noqa: C901
    """Column roles of a summary header row, None when the row is not one."""
    cells = grid.rows.get(row, {})
    roles: dict[str, int] = {}
    for c in sorted(cells):
        v = cells[c]
        if not isinstance(v, str):
            continue
        n = norm_key(v)
        if not n:
            continue
        if n in _EXTRA:
            roles.setdefault(_EXTRA[n], c)
        elif n.startswith("kode"):
            roles.setdefault("code", c)
        elif n.startswith("target"):
            roles.setdefault("target", c)
        elif n.startswith("realisasi"):
            roles.setdefault("realisasi", c)
        elif n.startswith("nilai") or n in ("nk", "indekscapaian"):
            roles.setdefault("nilai", c)
        elif "capaian" in n:
            roles.setdefault("capaian", c)
        elif any(w in n for w in ("sasaran", "indikator", "uraian", "nama")):
            roles.setdefault("name", c)
    if not all(k in roles for k in ("code", "target", "realisasi")):
        return None
    roles.setdefault("name", roles["code"] + 1)
    if "nilai" not in roles and "capaian" in roles:
        roles["nilai"] = roles["capaian"]
    return roles


def find_summary(grids: list[SheetGrid], ctx: ReadContext) -> Summary | None:
    """The first summary table in the workbook (sheet order), parsed; None when there is none."""
    for grid in grids:
        for r in sorted(grid.rows):
            cells = grid.rows[r]
            if not any(isinstance(v, str) and "kode" in v.lower() for v in cells.values()):
                continue
            roles = _header_columns(grid, r)
            if roles is not None:
                return _read_table(grid, r, roles, ctx)
    return None


def summary_headers(grids: list[SheetGrid]) -> list[tuple[SheetGrid, int, dict[str, int]]]:
    """Every summary table's header row in the workbook (sheet order): (sheet, row, column roles)."""
    out = []
    for grid in grids:
        for r in sorted(grid.rows):
            cells = grid.rows[r]
            if not any(isinstance(v, str) and "kode" in v.lower() for v in cells.values()):
                continue
            roles = _header_columns(grid, r)
            if roles is not None:
                out.append((grid, r, roles))
    return out


def read_table(grid: SheetGrid, header_row: int, roles: dict[str, int], ctx: ReadContext) -> Summary:
    """One summary table from its header row (summary_headers)."""
    return _read_table(grid, header_row, roles, ctx)


def _row_text(cells: dict[int, object], upto: int) -> str:
    return " ".join(str(cells[c]).strip() for c in sorted(cells) if c <= upto and isinstance(cells[c], str))


# complexity: one branch per summary row kind (IKU, SS, perspective, NSS/Np/NKO)
def _read_table(grid: SheetGrid, header_row: int, roles: dict[str, int], ctx: ReadContext) -> Summary:  # noqa: C901
    title = grid.title
    summary = Summary(sheet=title, header_cell=CellRef(title, coord(header_row, roles["code"])))
    persp: SummaryPerspective | None = None
    ss: SummarySs | None = None
    blank = 0
    last_row = max(grid.rows) if grid.rows else header_row
    label_upto = max(roles["code"], roles["name"])
    for r in range(header_row + 1, last_row + 1):
        cells = grid.rows.get(r)
        if not cells or all(v is None or (isinstance(v, str) and not v.strip()) for v in cells.values()):
            blank += 1
            if blank >= MAX_BLANK_ROWS:
                break
            continue
        blank = 0
        raw_code = cells.get(roles["code"])
        code_text = (
            ""
            if raw_code is None
            else str(int(raw_code))
            if isinstance(raw_code, float) and raw_code.is_integer()
            else str(raw_code).strip()
        )
        name = str(cells.get(roles["name"], "") or "").strip()
        cell = ctx.ref(title, r, roles["code"])
        if CODE_RE.match(code_text):
            row = SummaryIku(
                code=code_text,
                name=name,
                row_cell=cell,
                ss=ss.code if ss else _ss_of(code_text),
                perspective=persp.name if persp else None,
            )
            for key in ("target", "realisasi", "nilai"):
                if key in roles:
                    setattr(row, key, ctx.value(grid, r, roles[key], iku=code_text))
            row.meta = _extras(grid, r, roles)
            summary.ikus.append(row)
            continue
        if (isinstance(raw_code, (int, float)) and not isinstance(raw_code, bool)) or _SS_CODE.match(code_text):
            ss = SummarySs(
                code=code_text.rstrip("."), name=name, row_cell=cell, perspective=persp.name if persp else None
            )
            summary.ss.append(ss)
            continue
        label = _row_text(cells, label_upto)  # the row's words: for the rows below (not IKU or SS)
        nkey = norm_key(label)
        if "nko" in nkey or "nilaikinerjaorganisasi" in nkey:
            summary.nko = _aggregate(grid, r, roles, ctx)
            break
        elif nkey.startswith(("nss", "nilaiss", "nilaisasaran")) and ss is not None:
            ss.nss = _aggregate(grid, r, roles, ctx)
        elif nkey.startswith(("nilaiperspektif", "np", "nilaiperspective")) and persp is not None:
            persp.np = _aggregate(grid, r, roles, ctx)
        elif (name_p := perspective_of(label)) is not None:
            m = _WEIGHT.search(label)
            weight = float(m.group(1).replace(",", ".")) if m else None
            if weight is None and "bobot" in roles:
                weight = parse_float(cells.get(roles["bobot"]))
            persp = SummaryPerspective(name=name_p, label=label, row_cell=cell, weight=weight)
            summary.perspectives.append(persp)
            ss = None
    return summary


def _aggregate(grid: SheetGrid, r: int, roles: dict[str, int], ctx: ReadContext):
    """The value of an NSS/Np/NKO row: the Nilai column, else the right-most number in the row."""
    col = roles.get("nilai")
    if col is None or (grid.get(r, col) is None and (r, col) not in grid.formulas):
        cells = grid.rows.get(r, {})
        nums = [
            c for c in sorted(cells) if c > roles["code"] and cells[c] is not None and parse_float(cells[c]) is not None
        ]
        if not nums:
            return None
        col = nums[-1]
    return ctx.value(grid, r, col)


def _extras(grid: SheetGrid, r: int, roles: dict[str, int]) -> IkuMeta:
    """Metadata from the optional extra columns of an IKU row (Pol/KP cells kept when readable)."""
    meta = IkuMeta()
    for key in (*META_FIELDS, "polarisasi", "konsolidasi"):
        col = roles.get(key)
        if col is None:
            continue
        value = parse_meta(key, grid.get(r, col))
        if value is None:
            continue
        cell = CellRef(grid.title, coord(r, col))
        if not set_meta(meta, key, value, cell):
            meta.cells[key] = cell  # polarisasi / konsolidasi: read from their cell when needed
    return meta


def _ss_of(code_text: str) -> str:
    """The SS number a code starts with ('1a-CP' -> '1'); the code itself when it has none."""
    m = _DIGITS.match(code_text)
    return m.group(0) if m else code_text
