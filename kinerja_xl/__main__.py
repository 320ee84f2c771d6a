"""Entry point for ``python -m kinerja_xl``."""

from __future__ import annotations

from kinerja_xl.cli import main

main()
