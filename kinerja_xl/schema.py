"""Typed reading of TOML tables (kinerja.toml, rule profiles): each value checked for its type and
range, and a bad one named by its key and the type expected, in one line (no traceback).

TOML has inf and nan; a limit of nan or a tolerance of inf would silently switch a check off, so
every number here must be finite unless said otherwise.
"""

from __future__ import annotations

import datetime
import math
import re
from pathlib import Path
from typing import Any


class SchemaError(ValueError):
    """A value of the wrong type or range; the message names the key."""


_MISSING = object()


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"the text {value!r}"
    return repr(value)


def _fail(key: str, expected: str, value: object) -> SchemaError:
    return SchemaError(f"{key} must be {expected}, not {_kind(value)}")


def table(data: dict[str, Any], key: str, where: str = "") -> dict[str, Any]:
    """data[key] as a table ({} when absent)."""
    value = data.get(key, _MISSING)
    if value is _MISSING:
        return {}
    if not isinstance(value, dict):
        raise _fail(f"[{where}{key}]", "a table", value)
    return value


def number(
    data: dict[str, Any],
    key: str,
    default: Any = None,
    *,
    where: str = "",
    lo: float | None = None,
    hi: float | None = None,
    above: float | None = None,
) -> Any:
    """data[key] as a finite float in [lo, hi] (or > above); default when absent."""
    value = data.get(key, _MISSING)
    if value is _MISSING or value is None:
        return default
    return finite(value, f"{where}{key}", lo=lo, hi=hi, above=above)


def finite(
    value: object, key: str, *, lo: float | None = None, hi: float | None = None, above: float | None = None
) -> float:
    """value as a finite float within the range; SchemaError naming key otherwise."""
    bounds = []
    if lo is not None:
        bounds.append(f">= {lo:g}")
    if above is not None:
        bounds.append(f"> {above:g}")
    if hi is not None:
        bounds.append(f"<= {hi:g}")
    expected = "a finite number" + (" " + " and ".join(bounds) if bounds else "")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _fail(key, expected, value)
    x = float(value)
    if (
        not math.isfinite(x)
        or (lo is not None and x < lo)
        or (hi is not None and x > hi)
        or (above is not None and x <= above)
    ):
        raise _fail(key, expected, value)
    return x


def _typed(data: dict[str, Any], key: str, default: Any, where: str, ok: Any, expected: str) -> Any:
    """data[key] when ok(value), default when absent; SchemaError naming the key otherwise."""
    value = data.get(key, _MISSING)
    if value is _MISSING or value is None:
        return default
    if not ok(value):
        raise _fail(f"{where}{key}", expected, value)
    return value


def integer(data: dict[str, Any], key: str, default: Any = None, *, where: str = "", lo: int, hi: int) -> Any:
    """data[key] as an int in [lo, hi]; default when absent."""

    def ok(v: Any) -> bool:
        return not isinstance(v, bool) and isinstance(v, int) and lo <= v <= hi

    return _typed(data, key, default, where, ok, f"a whole number from {lo} to {hi}")


def text(data: dict[str, Any], key: str, default: Any = None, *, where: str = "") -> Any:
    """data[key] as a string; default when absent."""
    return _typed(data, key, default, where, lambda v: isinstance(v, str), "text")


def boolean(data: dict[str, Any], key: str, default: Any = None, *, where: str = "") -> Any:
    """data[key] as true/false; default when absent."""
    return _typed(data, key, default, where, lambda v: isinstance(v, bool), "true or false")


def texts(data: dict[str, Any], key: str, *, where: str = "") -> list[str] | None:
    """data[key] as a list of strings (one string is a list of one); None when absent."""
    value = data.get(key, _MISSING)
    if value is _MISSING or value is None:
        return None
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(f"{where}{key}", "text or a list of texts", value)
    return list(value)


def day(data: dict[str, Any], key: str, default: Any = None, *, where: str = "") -> Any:
    """data[key] as a calendar date: a TOML date (2025-01-10) or the text "2025-01-10"; default when absent."""
    value = data.get(key, _MISSING)
    if value is _MISSING or value is None:
        return default
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise _fail(f"{where}{key}", "a date written YYYY-MM-DD", value)


def known(data: dict[str, Any], keys: tuple[str, ...], where: str) -> None:
    """SchemaError naming the first key of data that is not one of keys (a typo would be ignored)."""
    for key in data:
        if key not in keys:
            raise SchemaError(f"{where}{key}: unknown key (use {', '.join(keys)})")


def read_text(path: Path, what: str = "TOML file") -> str:
    """A TOML file's text; SchemaError with a one-line reason for a folder, a binary file or an OS error."""
    try:
        return path.read_text(encoding="utf-8")
    except IsADirectoryError:
        raise SchemaError(f"is a folder, not a {what}") from None
    except UnicodeDecodeError:
        raise SchemaError(f"not a text file (a {what} is UTF-8 text)") from None
    except OSError as exc:
        raise SchemaError(str(exc.strerror or exc)) from None
