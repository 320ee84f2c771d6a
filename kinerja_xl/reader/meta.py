"""IKU metadata (Bobot, Validitas, Kendali, Realisasi terburuk, Konversi 120, Seksi, Pol/KP):
one parser for the three places it comes from, block label rows, summary-table columns and
kinerja.toml [iku."<code>"] tables."""

from __future__ import annotations

from typing import Any

from kinerja_xl.model import CellRef, IkuMeta
from kinerja_xl.reader.values import parse_bool, parse_float, parse_konsolidasi, parse_polarisasi

# the IkuMeta fields a value can be parsed into (polarisasi/konsolidasi belong to the Iku)
META_FIELDS = ("bobot", "realisasi_terburuk", "validitas", "kendali", "seksi", "konversi_120", "stab_scale")
_ALIASES = {"konversi120": "konversi_120", "konversi": "konversi_120", "nama_seksi": "seksi", "section": "seksi"}


def meta_key(name: str) -> str:
    """A metadata key as written ('Konversi 120', 'konversi-120') in its one spelling ('konversi_120')."""
    key = name.strip().lower().replace("-", "_").replace(" ", "_")
    return _ALIASES.get(key, key)


def parse_meta(key: str, raw: Any) -> Any:
    """The value of one metadata key from a cell or a TOML value; None when it says nothing usable."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if key in ("bobot", "realisasi_terburuk"):
        return parse_float(raw)
    if key in ("validitas", "kendali"):
        return str(raw).strip().capitalize()
    if key == "seksi":
        return str(raw).strip()
    if key == "konversi_120":
        return parse_bool(raw)
    if key == "polarisasi":
        return parse_polarisasi(raw)
    if key == "konsolidasi":
        return parse_konsolidasi(raw)
    if key == "stab_scale":
        try:
            return [(float(a), float(b)) for a, b in raw]
        except (TypeError, ValueError):
            return None
    return None


def set_meta(meta: IkuMeta, key: str, value: Any, cell: CellRef | None = None, *, replace: bool = True) -> bool:
    """Store a parsed value (not None) in meta, with the cell it came from; replace=False keeps a
    value already there (label rows: the first one wins). True when stored."""
    if value is None or key not in META_FIELDS:
        return False
    already = key in meta.cells if key == "konversi_120" else getattr(meta, key) is not None
    if already and not replace:
        return False
    setattr(meta, key, value)
    if cell is not None:
        meta.cells[key] = cell
    return True
