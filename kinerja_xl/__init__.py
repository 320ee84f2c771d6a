"""kinerja-xl: checks Kemenkeu quarterly IKU monitoring workbooks."""

from __future__ import annotations

__version__ = "0.1.0"
