"""Finding codes of writing the outputs (KX030), declared once here: reported by writers/annotate.py."""

from __future__ import annotations

from kinerja_xl.messages import Message
from kinerja_xl.severity import Severity

MESSAGES: tuple[Message, ...] = (
    Message(
        code="KX030",
        symbol="part-lost",
        severity=Severity.WARNING,
        title_id="bagian workbook hilang di salinan beranotasi",
        title_en="a workbook part was lost in the annotated copy",
        template_id="Bagian '{part}' dari workbook asli tidak dapat dipertahankan di salinan beranotasi.",
        template_en="Part '{part}' of the input workbook could not be kept in the annotated copy.",
        doc="kinerja-xl writes its annotations into the original package and keeps every other part "
        "byte for byte. When the package has a shape it cannot handle it falls back to an openpyxl "
        "re-save, which drops some parts (x14 conditional formats and data bars, sparklines, data "
        "validation lists kept in extensions, slicers, cached formula values); each is named here.\n"
        "Bad: a copy without the sparklines of the input.\n"
        "Good: the input file itself, which is never changed, is the master.",
    ),
)
