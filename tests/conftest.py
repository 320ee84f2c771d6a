"""Make tests/ importable, so every test folder can use the shared helpers (builders, workbooks)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

# The terminal report is as wide as COLUMNS says (200 when piped and unset). pytest-xdist sets
# COLUMNS in its workers from the controller's terminal, so under `-n` long paths wrapped where a
# plain run does not: every test sees an unset COLUMNS, and a test about the width sets its own.
os.environ.pop("COLUMNS", None)

# Hypothesis: how many examples a property test tries comes from one profile, chosen by
# HYPOTHESIS_PROFILE ("default" on every run, "thorough" for a long hunt); tests do not hard-code it.
from hypothesis import HealthCheck, settings

settings.register_profile("default", max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
