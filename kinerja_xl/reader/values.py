"""Cell values: numbers, percent, Indonesian/English number text, N/A markers, Excel errors, Pol/KP."""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from functools import lru_cache

# Text that means "no value" (spec section 3); compared after lower() and strip().
NA_MARKERS = frozenset({"-", "--", "\u2013", "\u2014", "n/a", "na", "n.a.", "n.a", "#n/a!", "nihil"})
# Excel error values, as openpyxl returns them for cells of type "e".
EXCEL_ERRORS = frozenset(
    {
        "#DIV/0!",
        "#N/A",
        "#VALUE!",
        "#REF!",
        "#NAME?",
        "#NUM!",
        "#NULL!",
        "#GETTING_DATA",
        "#SPILL!",
        "#CALC!",
        "#FIELD!",
        "#BLOCKED!",
        "#UNKNOWN!",
    }
)

# Indonesian: 1.234.567,89 or 1234,5 or 120; English: 1,234,567.89 or 97.8.
_ID_GROUPED = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$")
_ID_PLAIN = re.compile(r"^\d+(?:,\d+)?$")
_EN_GROUPED = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_EN_PLAIN = re.compile(r"^\d*\.\d+$")
_QUOTED_OR_ESCAPED = re.compile(r'"[^"]*"|\\.')
_SPACES_DOTS = re.compile(r"[\s.]+")
_POLKP_SLASH = re.compile(r"\s*[/\\|;]\s*")
_POLKP_SPACE = re.compile(r"\s+-\s+|\s+")


@dataclass(frozen=True)
class Parsed:
    """The number read from one raw cell value, before it becomes a model Value."""

    number: float | None
    kind: str  # number, percent, text-number, na, text, error


def _clean(x: float) -> float:
    """Round away binary noise from x100 (0.1126 * 100 = 11.260000000000002)."""
    return round(x, 9)


def parse_number_text(text: str) -> tuple[float | None, bool]:
    """Parse number text in Indonesian (first) or English format: (number or None, ends in %).

    '11,26%' -> (11.26, True); '1.234,56' -> (1234.56, False); '1,234.56' -> (1234.56, False);
    'Rp18.897M' -> (None, False). A three-digit group ('1.234') is read the Indonesian way.
    """
    s = text.strip().replace("\u00a0", "").replace(" ", "")
    percent = s.endswith("%")
    if percent:
        s = s[:-1]
    sign = 1.0
    if s[:1] in ("-", "+", "\u2212"):
        sign = -1.0 if s[0] != "+" else 1.0
        s = s[1:]
    if s.startswith("(") and s.endswith(")"):  # accounting negative (12,5)
        sign, s = -sign, s[1:-1]
    if not s:
        return None, percent
    if _ID_PLAIN.match(s):
        number = float(s.replace(",", "."))
    elif _ID_GROUPED.match(s):
        number = float(s.replace(".", "").replace(",", "."))
    elif _EN_GROUPED.match(s):
        number = float(s.replace(",", ""))
    elif _EN_PLAIN.match(s):
        number = float(s)
    else:
        return None, percent
    return sign * number, percent


def classify(raw: object, is_percent_format: bool = False) -> Parsed:
    """Read one raw cell value (as openpyxl returns it) into a number in index/percent points."""
    if raw is None:
        return Parsed(None, "na")
    if isinstance(raw, bool):
        return Parsed(None, "text")
    if isinstance(raw, (int, float)):
        x = float(raw)
        if x != x or x in (float("inf"), float("-inf")):
            return Parsed(None, "error")
        if is_percent_format:
            return Parsed(_clean(x * 100.0), "percent")
        return Parsed(x, "number")
    if isinstance(raw, (_dt.datetime, _dt.date, _dt.time, _dt.timedelta)):
        return Parsed(None, "text")
    text = str(raw).strip()
    if not text:
        return Parsed(None, "na")
    if text.upper() in EXCEL_ERRORS:
        return Parsed(None, "error")
    if text.lower() in NA_MARKERS:
        return Parsed(None, "na")
    number, _ = parse_number_text(text)
    if number is None:
        return Parsed(None, "text")
    return Parsed(number, "text-number")


def raw_text(raw: object) -> str:
    """The raw value as a person would see it typed (for messages)."""
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return str(raw).strip()


def is_percent_format(fmt: str | None) -> bool:
    """Whether an Excel number format scales by 100 (a '%' outside quotes and escapes)."""
    if not fmt or "%" not in fmt:
        return False
    stripped = _QUOTED_OR_ESCAPED.sub("", fmt)
    return "%" in stripped


# ---------------------------------------------------------------- Pol/KP

_POL = {
    "max": "Max",
    "maximize": "Max",
    "maximise": "Max",
    "maks": "Max",
    "maksimal": "Max",
    "maksimum": "Max",
    "maximum": "Max",
    "min": "Min",
    "minimize": "Min",
    "minimise": "Min",
    "minimal": "Min",
    "minimum": "Min",
    "stab": "Stab",
    "stabilize": "Stab",
    "stabilise": "Stab",
    "stabil": "Stab",
}
_KP = {
    "tlk": "TLK",
    "takelastknown": "TLK",
    "last": "TLK",
    "lastknown": "TLK",
    "sum": "Sum",
    "jumlah": "Sum",
    "avg": "Avg",
    "average": "Avg",
    "rata-rata": "Avg",
    "ratarata": "Avg",
    "rata2": "Avg",
}


def squash(text: str) -> str:
    """Lower case without spaces and dots: how labels are compared ('S.d. Q3' == 'sdq3')."""
    return _SPACES_DOTS.sub("", text.lower())


def parse_polarisasi(text: object) -> str | None:
    """'Maximize' -> 'Max'; None when unknown."""
    return _POL.get(squash(str(text))) if text is not None else None


def parse_konsolidasi(text: object) -> str | None:
    """'Take Last Known' -> 'TLK'; None when unknown."""
    return _KP.get(squash(str(text))) if text is not None else None


@lru_cache(maxsize=1024, typed=True)  # a handful of distinct texts per workbook
def parse_polkp(text: object) -> tuple[str | None, str | None]:
    """'Max/TLK' -> ('Max', 'TLK'); unknown parts are None."""
    if text is None:
        return None, None
    s = str(text).strip()
    if not s:
        return None, None
    parts = _POLKP_SLASH.split(s, maxsplit=1)
    if len(parts) == 1:  # 'Max TLK' or 'Max - TLK'
        parts = _POLKP_SPACE.split(s, maxsplit=1)
    pol = parse_polarisasi(parts[0])
    kp = parse_konsolidasi(parts[1]) if len(parts) > 1 else None
    return pol, kp


def parse_bool(text: object) -> bool | None:
    """'Ya' / 'Yes' / 'True' / 1 -> True; 'Tidak' / 'No' / 0 -> False; else None."""
    if isinstance(text, bool):
        return text
    if isinstance(text, (int, float)):
        return bool(text)
    s = squash(str(text or ""))
    if s in ("ya", "y", "yes", "true", "benar", "1", "v", "x", "\u2713"):
        return True
    if s in ("tidak", "t", "no", "n", "false", "salah", "0", "-", ""):
        return False
    return None


def parse_float(raw: object) -> float | None:
    """A number from a metadata cell (number or number text), else None."""
    p = classify(raw)
    return p.number
