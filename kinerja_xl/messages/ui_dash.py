"""Words of the copy's dashboard, print footer and grouped terminal report (issue 19), in both
languages. Merged into ui.UI at import (see the end of ui.py); a key here wins over ui.py's."""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    "id": {
        # The print footer of every sheet we write (Excel/LibreOffice header-footer codes: &F the
        # file name, &P the page, &N the pages).
        "ft_page": "Halaman &P dari &N",
        "db_checked": "Diperiksa",
        "cfg_unknown_code": "{where}: kode temuan '{code}' tidak dikenal (lihat 'kinerja-xl rules')",
        "cli_unknown_code": "kode '{code}' tidak dikenal (lihat 'kinerja-xl rules')",
        "cli_unknown_format": "--format '{fmt}' tidak dikenal (pakai {choices})",
        "cfg_no_config": "{path}: berkas konfigurasi tidak ditemukan",
        "cfg_unknown_lang": "{where}bahasa '{lang}' tidak dikenal (pakai id atau en)",
        "cfg_unknown_fail_on": "{where}--fail-on '{value}' tidak dikenal (pakai error atau warning)",
        # the sheets we add, by role (found again by their marker, never by these names)
        "wb_seksi": "Seksi",
        "sheet_ringkasan": "Ringkasan",
        "sheet_temuan": "Temuan",
        "sheet_rincian": "Rincian",
        "sheet_perbaikan": "Perbaikan",
        # kinerja-xl fix (writers/fix_report.py)
        "fx_text": "teks",
        "fx_unsafe_applied": "diterapkan dengan --unsafe-fixes: periksa",
        "fx_number": "angka",
        "fx_predikat_same": "predikat tetap {predikat}",
        "fx_predikat_changes": "predikat berubah: {before} -> {after}",
        "fx_followers": "({n} di antaranya menyusul perbaikan lain)",
        # the terminal's findings grouped by IKU (writers/grouped.py)
        "tm_capaian": "Capaian",
        "tm_nilai": "Nilai",
        "tm_symbol": "Simbol",
        "tm_meaning": "Arti",
        "tm_years": "tahun",
        "tm_tolerance": "toleransi",
        "tm_consolidated": "Konsolidasi",
        "tm_summary": "Tabel ringkasan",
        "tm_other": "Di luar blok IKU",
        "tm_cells": "({n} sel)",
        "batch_nko_y": "NKO Y hitung ulang",
        "batch_chart_units": "Unit (periode terakhir)",
        "db_checked_value": "{when} dengan kinerja-xl {version}",
        "db_legend": "Warna isi: status Nilai. Bingkai berwarna dengan tanda ! kesalahan, ? peringatan, i info: "
        "sel itu punya temuan; klik untuk membuka selnya di lembar input. Kode IKU: klik untuk membuka bloknya.",
        "db_relabelled": "Label Pol/KP dibetulkan",
        "db_pred_change": "Predikat berubah?",
        "db_pred_same": "tetap",
        # KX021: an IKU scored under a Pol/KP label its own numbers contradict
        "db_label_note": "{code}: dinilai menurut label {declared}: {now}. "
        "Menurut {fitted} (rumus yang diikuti capaian tertulis): {other}.",
        "db_label_row": "{iku}: label {declared}, capaian tertulis mengikuti {fitted} (KX021). "
        "Nilai menurut {fitted}: {values}",
    },
    "en": {
        "ft_page": "Page &P of &N",
        "db_checked": "Checked",
        "cfg_unknown_code": "{where}: unknown finding code '{code}' (see 'kinerja-xl rules')",
        "cli_unknown_code": "unknown code '{code}' (see 'kinerja-xl rules')",
        "cli_unknown_format": "unknown --format '{fmt}' (use {choices})",
        "cfg_no_config": "{path}: config file not found",
        "cfg_unknown_lang": "{where}unknown language '{lang}' (use id or en)",
        "cfg_unknown_fail_on": "{where}unknown fail-on '{value}' (use error or warning)",
        "wb_seksi": "Section",
        "sheet_ringkasan": "Summary",
        "sheet_temuan": "Findings",
        "sheet_rincian": "Details",
        "sheet_perbaikan": "Fixes",
        "fx_text": "text",
        "fx_unsafe_applied": "applied with --unsafe-fixes: check it",
        "fx_number": "number",
        "fx_predikat_same": "predikat stays {predikat}",
        "fx_predikat_changes": "predikat changes: {before} -> {after}",
        "fx_followers": "({n} of them follow from other fixes)",
        "tm_capaian": "Capaian",
        "tm_nilai": "Nilai",
        "tm_symbol": "Symbol",
        "tm_meaning": "Meaning",
        "tm_years": "years",
        "tm_tolerance": "tolerance",
        "tm_consolidated": "Consolidated",
        "tm_summary": "Summary table",
        "tm_other": "Outside the IKU blocks",
        "tm_cells": "({n} cells)",
        "batch_nko_y": "NKO Y recomputed",
        "batch_chart_units": "Unit (latest period)",
        "db_checked_value": "{when} with kinerja-xl {version}",
        "db_legend": "Fill: the Nilai's status. A coloured border with ! error, ? warning, i info: the cell "
        "has a finding; click to open its cell in the input sheet. IKU code: click to open its block.",
        "db_relabelled": "Pol/KP labels corrected",
        "db_pred_change": "Predikat changes?",
        "db_pred_same": "unchanged",
        "db_label_note": "{code}: scored by its label {declared}: {now}. "
        "Under {fitted} (the formula the reported capaian follow): {other}.",
        "db_label_row": "{iku}: label {declared}, the reported capaian follow {fitted} (KX021). "
        "Nilai under {fitted}: {values}",
    },
}
