"""Make tests/ importable, so every test folder can use the shared helpers (builders, workbooks)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
