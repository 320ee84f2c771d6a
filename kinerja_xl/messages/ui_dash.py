"""Words of the copy's dashboard, print footer and grouped terminal report (issue 19), in both
languages. Merged into ui.UI at import (see the end of ui.py); a key here wins over ui.py's."""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    "id": {
        # The print footer of every sheet we write (Excel/LibreOffice header-footer codes: &F the
        # file name, &P the page, &N the pages).
        "ft_page": "Halaman &P dari &N",
        "db_checked": "Diperiksa",
        "db_checked_value": "{when} dengan kinerja-xl {version}",
    },
    "en": {
        "ft_page": "Page &P of &N",
        "db_checked": "Checked",
        "db_checked_value": "{when} with kinerja-xl {version}",
    },
}
