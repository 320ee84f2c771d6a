"""Numbers as a person reads them, per language (Indonesian decimal comma by default)."""

from __future__ import annotations

from typing import Any


def format_number(x: Any, lang: str = "id") -> str:
    """A number as a person reads it: 2 decimals, Indonesian decimal comma by default."""
    if isinstance(x, bool) or not isinstance(x, (int, float)):
        return "-" if x is None else str(x)
    text = f"{x:,.2f}"
    if text == "-0.00":  # a tiny negative: never "-0,00"
        text = "0.00"
    if lang == "id":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def format_count(value: int | float, lang: str = "id") -> str:
    """12345 -> '12.345' / '12,345'; 1.25 -> '1,2' / '1.2': a count, or a size with one decimal."""
    text = f"{value:,}" if isinstance(value, int) else f"{value:,.1f}"
    if lang == "id":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text
