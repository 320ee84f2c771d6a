"""The words of a block: period and row labels, label-row keys, IKU codes, the T/R header cell."""

from __future__ import annotations

import re
from functools import lru_cache

from kinerja_xl.model import PERIODS
from kinerja_xl.reader.values import squash

POLKP = "Pol/KP"
STANDARD_COLUMNS: tuple[str, ...] = (*PERIODS, POLKP)
ROW_NAMES = {"target": "Target", "realisasi": "Realisasi", "capaian": "Capaian", "nilai": "Nilai Kinerja"}
MAX_LABEL_COLUMNS = 14  # how far right of T/R a header may reach
MAX_VALUE_ROWS = 10  # how far below the header the four rows may be
MAX_LABEL_ROWS = 10  # how far above the header label rows may be

_PERIOD_LABELS: dict[str, str] = {}
for _p, _labels in {
    "Q1": "q1 tw1 twi triwulani triwulan1 trwi trw1",
    "Q2": "q2 tw2 twii triwulanii triwulan2 trwii trw2",
    "Sm.I": "smi sml sm1 smt1 smti smtl s1 si semesteri semester1 sdq2 s/dq2 sdtwii sdtw2 s/dtwii "
    "s/dtw2 sdtriwulanii s/dtriwulanii",
    "Q3": "q3 tw3 twiii triwulaniii triwulan3 trwiii trw3",
    "s.d. Q3": "sdq3 s/dq3 sdtwiii sdtw3 s/dtwiii s/dtw3 sdtriwulaniii s/dtriwulaniii",
    "Q4": "q4 tw4 twiv triwulaniv triwulan4 trwiv trw4",
    "Y": "y tahunan tahun annual",
    POLKP: "pol/kp po/kp polkp pol/k/p polarisasi/konsolidasi polarisasi/kp pol/konsolidasi polarisasidankonsolidasi",
}.items():
    for _l in _labels.split():
        _PERIOD_LABELS[_l] = _p
_Y_LABEL = re.compile(r"^(?:y|tahun|tahunan)-?(\d{2}|\d{4})$")

_ROW_LABELS = {
    "target": "target",
    "realisasi": "realisasi",
    "capaian": "capaian",
    "capaian(%)": "capaian",
    "%capaian": "capaian",
    "capaian%": "capaian",
    "nilaikinerja": "nilai",
    "nilai": "nilai",
    "nk": "nilai",
    "indekscapaian": "nilai",
    "nilaikinerja(nk)": "nilai",
    "nilai(nk)": "nilai",
}

# label-row keys above a block (normalised: lower case, letters and digits only)
_META_KEYS = {
    "namasasaranstrategis": "ss_name",
    "namass": "ss_name",
    "sasaranstrategis": "ss_name",
    "ss": "ss_name",
    "namasasaran": "ss_name",
    "namaiku": "name",
    "iku": "name",
    "namaindikatorkinerjautama": "name",
    "indikatorkinerjautama": "name",
    "namaindikator": "name",
    "indikator": "name",
    "kodeiku": "code",
    "kode": "code",
    "kodeindikator": "code",
    "seksi": "seksi",
    "seksipemilik": "seksi",
    "pemilik": "seksi",
    "bagian": "seksi",
    "subbagian": "seksi",
    "bobot": "bobot",
    "bobotiku": "bobot",
    "validitas": "validitas",
    "validitasiku": "validitas",
    "kendali": "kendali",
    "tingkatkendali": "kendali",
    "realisasiterburuk": "realisasi_terburuk",
    "konversi120": "konversi_120",
    "konversi": "konversi_120",
}
CODE_RE = re.compile(r"^\d{1,3}[a-z]{1,2}-[A-Za-z]{1,4}$")
_CODE_AT_END = re.compile(r"\(\s*(\d{1,3}[a-z]{1,2}-[A-Za-z]{1,4})\s*\)\s*\.?$")
_SPACES = re.compile(r"\s+")
_NOT_ALNUM = re.compile(r"[^a-z0-9]")
_POLKP_LABEL = re.compile(r"po(?:l|larisasi)?/?k(?:p|onsolidasi)?")
_CODE_AT_START = re.compile(r"^\s*(\d{1,3}[a-z]{1,2}-[A-Za-z]{1,4})(?=[\s.:)\-]|$)[\s.:)\-]*")


# Labels repeat in every block ('Target', 'Q1', 'Max/TLK'): the label parsers below are
# cached per value (typed, so 1, 1.0 and True stay apart).
@lru_cache(maxsize=4096, typed=True)
def norm(text: object) -> str:
    """Lower case without spaces (for row and T/R labels)."""
    return _SPACES.sub("", str(text)).lower() if text is not None else ""


@lru_cache(maxsize=4096, typed=True)
def norm_key(text: object) -> str:
    """Lower case letters and digits only (for label keys)."""
    return _NOT_ALNUM.sub("", str(text).lower()) if text is not None else ""


@lru_cache(maxsize=4096, typed=True)
def classify_period(label: object) -> tuple[str | None, int | None]:
    """A header label -> (period or 'Pol/KP' or None, four-digit year of a Y-NN label)."""
    if label is None:
        return None, None
    n = squash(str(label))
    if not n:
        return None, None
    if n in _PERIOD_LABELS:
        return _PERIOD_LABELS[n], None
    m = _Y_LABEL.match(n)
    if m:
        digits = m.group(1)
        year = int(digits) + 2000 if len(digits) == 2 else int(digits)
        return "Y", year
    if _POLKP_LABEL.fullmatch(n):
        return POLKP, None
    return None, None


def classify_row(label: object) -> str | None:
    """A row label -> 'target' | 'realisasi' | 'capaian' | 'nilai' | None."""
    n = norm(label).rstrip(":")
    return _ROW_LABELS.get(n)


def code_in_name(name: str) -> tuple[str | None, str]:
    """('1a-CP', 'name without code') when the name ends with '(1a-CP)' or starts with '1a-CP'."""
    m = _CODE_AT_END.search(name)
    if m:
        return m.group(1), name[: m.start()].strip()
    m = _CODE_AT_START.match(name)
    if m:
        return m.group(1), name[m.end() :].strip()
    return None, name


def is_header_cell(value: object) -> bool:
    """Whether a cell reads T/R (spaces and case ignored)."""
    return isinstance(value, str) and len(value) < 12 and norm(value) in _HEADER_LABELS


_HEADER_LABELS = ("t/r", "t\\r", "t/r:")
