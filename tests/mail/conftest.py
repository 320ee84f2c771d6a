"""The mail tests import their helpers from mailkit (a unique name: other test folders have a conftest)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
