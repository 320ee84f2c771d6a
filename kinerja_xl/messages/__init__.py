"""Every user-facing word, in Indonesian (default) and English: the finding catalogue
(catalogue.py, a view of the codes declared where they are reported), the phrases and reasons
picked by key (reasons.py) and the words of the outputs (ui.py). Import from here:
``from kinerja_xl.messages import CATALOGUE, ui, reason_texts``."""

from __future__ import annotations

from kinerja_xl.messages.catalogue import BY_SYMBOL, CATALOGUE, Message, lookup
from kinerja_xl.messages.reasons import PHRASES, LocalizedReason, phrase, reason_texts
from kinerja_xl.messages.ui import UI, ui

__all__ = [
    "BY_SYMBOL",
    "CATALOGUE",
    "PHRASES",
    "UI",
    "LocalizedReason",
    "Message",
    "lookup",
    "phrase",
    "reason_texts",
    "ui",
]
