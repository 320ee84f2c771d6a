"""The words every output prints (terminal, workbooks, mail, watch), in Indonesian and English."""

from __future__ import annotations

# Words the outputs print, in both languages.
UI: dict[str, dict[str, str]] = {
    "id": {
        "error": "kesalahan",
        "warning": "peringatan",
        "info": "info",
        "ok": "tidak ada kesalahan",
        "profile": "profil",
        "file": "berkas",
        "findings": "temuan",
        "verdict_errors": "ada kesalahan",
        "verdict_warnings": "ada peringatan",
        "verdict_ok": "bersih",
        "nko": "NKO",
        "predikat": "predikat",
        "period": "periode",
        "cell": "sel",
        "message": "pesan",
        "code": "kode",
        "severity": "tingkat",
        "expected": "seharusnya",
        "iku": "IKU",
    },
    "en": {
        "error": "error",
        "warning": "warning",
        "info": "info",
        "ok": "no errors",
        "profile": "profile",
        "file": "file",
        "findings": "findings",
        "verdict_errors": "errors",
        "verdict_warnings": "warnings",
        "verdict_ok": "clean",
        "nko": "NKO",
        "predikat": "predikat",
        "period": "period",
        "cell": "cell",
        "message": "message",
        "code": "code",
        "severity": "severity",
        "expected": "expected",
        "iku": "IKU",
    },
}


# Labels of the annotated workbook (Ringkasan / Temuan sheets and cell comments).
UI["id"].update(
    {
        "wb_title": "Ringkasan pemeriksaan kinerja-xl",
        "wb_unit": "Unit",
        "wb_year": "Tahun",
        "wb_period": "Periode dilaporkan",
        "wb_profile": "Profil",
        "wb_assumptions": "Asumsi",
        "wb_no_assumptions": "tidak ada",
        "wb_iku_table": "Capaian dan Nilai per IKU dan periode",
        "wb_name": "Nama",
        "wb_ss": "SS",
        "wb_perspective": "Perspektif",
        "wb_capaian_reported": "Capaian tertulis",
        "wb_capaian": "Capaian hitung ulang",
        "wb_nilai_reported": "Nilai tertulis",
        "wb_nilai": "Nilai hitung ulang",
        "wb_status": "Status",
        "wb_nss_table": "NSS per Sasaran Strategis",
        "wb_np_table": "Np per perspektif",
        "wb_nko_table": "NKO dan predikat",
        "wb_chart": "Nilai hitung ulang per IKU",
        "wb_no": "No",
        "wb_sheet": "Lembar",
        "wb_actual": "Tertulis",
        "wb_lost": "Bagian workbook yang tidak dapat dipertahankan",
        "as_equal-weights": "Bobot IKU dianggap sama (tidak ada Bobot maupun validitas/kendali).",
        "as_no-perspectives": "Perspektif tidak ditemukan: NKO = rata-rata NSS.",
        "as_default-perspective-weights": "Bobot perspektif tidak tertulis: dipakai bobot bawaan profil.",
        "as_polkp-assumed": "Pol/KP IKU {iku} kosong atau tidak dikenali: dianggap Max/TLK.",
    }
)
UI["en"].update(
    {
        "wb_title": "kinerja-xl check summary",
        "wb_unit": "Unit",
        "wb_year": "Year",
        "wb_period": "Reported period",
        "wb_profile": "Profile",
        "wb_assumptions": "Assumptions",
        "wb_no_assumptions": "none",
        "wb_iku_table": "Capaian and Nilai per IKU and period",
        "wb_name": "Name",
        "wb_ss": "SS",
        "wb_perspective": "Perspective",
        "wb_capaian_reported": "Capaian reported",
        "wb_capaian": "Capaian recomputed",
        "wb_nilai_reported": "Nilai reported",
        "wb_nilai": "Nilai recomputed",
        "wb_status": "Status",
        "wb_nss_table": "NSS per strategic objective (SS)",
        "wb_np_table": "Np per perspective",
        "wb_nko_table": "NKO and predikat",
        "wb_chart": "Recomputed Nilai per IKU",
        "wb_no": "No",
        "wb_sheet": "Sheet",
        "wb_actual": "Reported",
        "wb_lost": "Workbook parts that could not be kept",
        "as_equal-weights": "Equal IKU weights assumed (no Bobot nor validity/control).",
        "as_no-perspectives": "No perspectives found: NKO = mean of the NSS.",
        "as_default-perspective-weights": "Perspective weights not given: the profile's default weights are used.",
        "as_polkp-assumed": "Pol/KP of IKU {iku} missing or unknown: assumed Max/TLK.",
    }
)


def ui(key: str, lang: str = "id") -> str:
    """A user-interface word in the asked language."""
    return UI.get(lang, UI["id"]).get(key, key)


# Words of `kinerja-xl check`'s terminal report and batch summary (added by the check command).
UI["id"].update(
    {
        "status_errors": "ada kesalahan",
        "status_warnings": "ada peringatan",
        "status_ok": "bersih",
        "status_unreadable": "tidak terbaca",
        "batch_no": "No",
        "batch_unit": "Unit",
        "batch_year": "Tahun",
        "batch_reported": "periode laporan",
        "batch_status": "Status",
        "batch_output": "Berkas hasil",
        "batch_note": "Keterangan",
        "no_findings": "Tidak ada temuan.",
        "not_written": "tidak ditulis",
        "recomputed": "hasil hitung ulang",
        "assumptions": "Asumsi",
        "location": "lokasi",
        "profile_by_year": "dipilih menurut tahun laporan",
        "unit": "unit",
        "year": "tahun",
        "batch_written": "Ringkasan batch",
        "skipped_own_output": "dilewati, keluaran kinerja-xl dari berkas lain dalam perintah ini",
    }
)
UI["en"].update(
    {
        "status_errors": "errors",
        "status_warnings": "warnings",
        "status_ok": "clean",
        "status_unreadable": "unreadable",
        "batch_no": "No",
        "batch_unit": "Unit",
        "batch_year": "Year",
        "batch_reported": "reported period",
        "batch_status": "Status",
        "batch_output": "Output file",
        "batch_note": "Note",
        "no_findings": "No findings.",
        "not_written": "not written",
        "recomputed": "recomputed",
        "assumptions": "Assumptions",
        "location": "location",
        "profile_by_year": "chosen by the report year",
        "unit": "unit",
        "year": "year",
        "batch_written": "Batch summary",
        "skipped_own_output": "skipped, kinerja-xl's output of another file of this command",
    }
)


# Words of `kinerja-xl fix` (terminal, the fixed copy's comments and its Perbaikan sheet) and of
# the fix line that `check` ends with.
UI["id"].update(
    {
        "fx_title": "Perbaikan oleh kinerja-xl",
        "fx_changes": "Sel yang diperbaiki",
        "fx_old": "Tertulis",
        "fx_new": "Diperbaiki",
        "fx_safe": "Otomatis",
        "fx_safe_yes": "ya",
        "fx_safe_no": "perlu keputusan Anda",
        "fx_formula": "Rumus",
        "fx_manual": "Perbaiki manual",
        "fx_reason": "Alasan",
        "fx_none": "Tidak ada sel yang diperbaiki.",
        "fx_no_manual": "Tidak ada yang perlu diperbaiki manual.",
        "fx_comment": "diperbaiki: tertulis {old} -> {new} ({code})",
        "fx_nko": "NKO setelah perbaikan",
        "fx_nko_before": "NKO tertulis",
        "fx_fixable": "{n} temuan dapat diperbaiki otomatis:",
        "fx_fixable_unsafe": "{n} lagi dengan --unsafe-fixes",
        "fx_nko_relabelled": "NKO {period} bila label Pol/KP dibetulkan (KX021): {nko} (menurut label tertulis: {now})",
        "fx_written": "{n} sel diperbaiki",
        "fx_would": "{n} sel akan diperbaiki",
        "fx_left": "{n} temuan perlu diperbaiki manual",
        "fx_diff_none": "tidak ada perubahan",
        "fx_nko_relabelled_row": "NKO bila label Pol/KP dibetulkan (KX021)",
        "fix-formula-opaque": "rumus tidak dikenali: perbaiki rumusnya sendiri",
        "fix-no-formula": "tidak ada rumus baku untuk sel ini: perbaiki rumusnya sendiri",
        "fix-not-computable": "nilai yang benar tidak dapat dihitung dari workbook",
        "fix-unsafe": "perlu keputusan Anda: jalankan dengan --unsafe-fixes bila setuju",
        "fix-never-guessed": "tidak dapat diperbaiki otomatis",
        "fix-upstream": "rumusnya benar tetapi membaca sel lain yang salah: perbaiki sel itu",
        "fix-fill-realisasi": "isi Realisasi {arg} dahulu",
        "fix-implausible": (
            "capaian hasil hitung ulang 1.000% atau lebih, tidak wajar: periksa Target dan Realisasi dahulu"
        ),
    }
)
UI["en"].update(
    {
        "fx_title": "Fixes by kinerja-xl",
        "fx_changes": "Cells fixed",
        "fx_old": "Reported",
        "fx_new": "Fixed",
        "fx_safe": "Automatic",
        "fx_safe_yes": "yes",
        "fx_safe_no": "needs your decision",
        "fx_formula": "Formula",
        "fx_manual": "Fix by hand",
        "fx_reason": "Reason",
        "fx_none": "No cell was fixed.",
        "fx_no_manual": "Nothing left to fix by hand.",
        "fx_comment": "fixed: was {old} -> {new} ({code})",
        "fx_nko": "NKO after the fixes",
        "fx_nko_before": "NKO reported",
        "fx_fixable": "{n} findings can be fixed automatically:",
        "fx_fixable_unsafe": "{n} more with --unsafe-fixes",
        "fx_nko_relabelled": (
            "NKO {period} with the Pol/KP labels corrected (KX021): {nko} (by the labels as written: {now})"
        ),
        "fx_written": "{n} cells fixed",
        "fx_would": "{n} cells would be fixed",
        "fx_left": "{n} findings to fix by hand",
        "fx_diff_none": "no changes",
        "fx_nko_relabelled_row": "NKO with the Pol/KP labels corrected (KX021)",
        "fix-formula-opaque": "formula not understood: fix the formula by hand",
        "fix-no-formula": "no canonical formula for this cell: fix the formula by hand",
        "fix-not-computable": "the right value cannot be computed from the workbook",
        "fix-unsafe": "needs your decision: run with --unsafe-fixes if you agree",
        "fix-never-guessed": "cannot be fixed automatically",
        "fix-upstream": "the formula is right but reads another wrong cell: fix that cell",
        "fix-fill-realisasi": "fill in Realisasi {arg} first",
        "fix-implausible": "the recomputed capaian is 1,000% or more, implausible: check Target and Realisasi first",
    }
)


# Words of `kinerja-xl watch` (the drop folder).
UI["id"].update(
    {
        "watch_left_for_next_run": "masih ditulis, menunggu putaran berikut",
        "watch_already_mailed": "sudah diperiksa dan dikirim, tidak dikirim lagi",
        "watch_checked": "diperiksa",
    }
)
UI["en"].update(
    {
        "watch_left_for_next_run": "still being written, left for next run",
        "watch_already_mailed": "already checked and mailed, not sent again",
        "watch_checked": "checked",
    }
)


# Words of the year sheets of ringkasan-batch.xlsx (one per unit and year, writers/batch_year.py).
UI["id"].update(
    {
        "year_title": "Perkembangan per triwulan: {unit} {year}",
        "year_note": "Nilai hitung ulang per triwulan, dari kiriman terakhir yang melaporkan triwulan itu "
        "(revisi menggantikan kiriman awal).",
        "year_code": "Kode",
        "year_name": "IKU",
        "year_source": "Berkas",
        "year_chart": "NKO per triwulan",
        "year_submissions": "Kiriman yang dibandingkan",
        "year_period": "Periode",
        "year_mtime": "Waktu berkas",
        "year_archived": "Dari arsip",
        "year_changes": "Angka yang berubah",
        "yes": "ya",
        "no": "tidak",
    }
)
UI["en"].update(
    {
        "year_title": "Quarter by quarter: {unit} {year}",
        "year_note": "Recomputed Nilai per quarter, from the latest submission that reports the quarter "
        "(a revision replaces the original).",
        "year_code": "Code",
        "year_name": "IKU",
        "year_source": "File",
        "year_chart": "NKO per quarter",
        "year_submissions": "Submissions compared",
        "year_period": "Period",
        "year_mtime": "File time",
        "year_archived": "From the archive",
        "year_changes": "Numbers changed",
        "yes": "yes",
        "no": "no",
    }
)


# The headline every output opens with (kinerja_xl/headline.py): NKO written vs recomputed, verdict.
UI["id"].update(
    {
        "hl_written": "tertulis",
        "hl_nko_both": "tertulis {written}, hitung ulang {recomputed}",
        "hl_nko_recomputed": "hitung ulang {recomputed} (tidak tertulis di workbook)",
        "hl_verdict_errors": "{count}: angka yang dilaporkan belum sesuai hasil hitung ulang. "
        "Perbaiki sebelum diunggah ke e-Performance.",
        "hl_verdict_errors_nko": "{count}: NKO tertulis {written} belum sesuai hasil hitung ulang {recomputed}. "
        "Perbaiki sebelum diunggah ke e-Performance.",
        "hl_verdict_warnings": "Tidak ada kesalahan; {count} perlu diperiksa.",
        "hl_verdict_ok": "Bersih: angka yang dilaporkan sesuai hasil hitung ulang.",
    }
)
UI["en"].update(
    {
        "hl_written": "written",
        "hl_nko_both": "written {written}, recomputed {recomputed}",
        "hl_nko_recomputed": "recomputed {recomputed} (not written in the workbook)",
        "hl_verdict_errors": "{count}: the reported numbers do not match the recomputation. "
        "Correct them before uploading to e-Performance.",
        "hl_verdict_errors_nko": "{count}: the written NKO {written} does not match the recomputed {recomputed}. "
        "Correct it before uploading to e-Performance.",
        "hl_verdict_warnings": "No errors; {count} to review.",
        "hl_verdict_ok": "Clean: the reported numbers match the recomputation.",
    }
)

# The Ringkasan dashboard and the Rincian sheet (writers/dashboard.py).
UI["id"].update(
    {
        "db_written": "Tertulis",
        "db_recomputed": "Hitung ulang",
        "db_diff": "Selisih",
        "db_not_written": "tidak tertulis",
        "db_matrix": "Nilai hitung ulang per IKU dan periode",
        "db_marks": "! kesalahan   ? peringatan   i info",
        "db_hint": "Angka bertanda: klik untuk membuka sel temuannya di lembar input. Kode IKU: klik untuk "
        "membuka bloknya.",
        "db_iku_name": "Nama IKU",
        "db_ss_name": "Nama Sasaran Strategis",
        "db_nko_matrix": "NKO dan predikat per periode",
        "db_nko_recomputed": "NKO hitung ulang",
        "db_nko_written": "NKO tertulis",
        "db_chart_nko": "NKO per periode: hitung ulang dan tertulis",
        "db_chart_iku": "Nilai hitung ulang per IKU ({period})",
        "db_nilai_axis": "Nilai",
        "db_target": "Target",
        "db_realisasi": "Realisasi",
    }
)
UI["en"].update(
    {
        "db_written": "Written",
        "db_recomputed": "Recomputed",
        "db_diff": "Difference",
        "db_not_written": "not written",
        "db_matrix": "Recomputed Nilai per IKU and period",
        "db_marks": "! error   ? warning   i info",
        "db_hint": "Marked numbers: click to open the finding's cell in the input sheet. IKU code: click to "
        "open its block.",
        "db_iku_name": "IKU name",
        "db_ss_name": "Strategic objective (SS)",
        "db_nko_matrix": "NKO and predikat per period",
        "db_nko_recomputed": "NKO recomputed",
        "db_nko_written": "NKO written",
        "db_chart_nko": "NKO per period: recomputed and written",
        "db_chart_iku": "Recomputed Nilai per IKU ({period})",
        "db_nilai_axis": "Nilai",
        "db_target": "Target",
        "db_realisasi": "Realisasi",
    }
)

# The batch summary's new columns and its findings sheet (writers/batch.py).
UI["id"].update(
    {
        "batch_nko_reported": "NKO periode laporan",
        "batch_nko_written": "NKO Y tertulis",
        "batch_where": "Lembar!Sel",
        "batch_chart": "NKO Y hitung ulang per unit (periode terakhirnya)",
    }
)
UI["en"].update(
    {
        "batch_nko_reported": "NKO reported period",
        "batch_nko_written": "NKO Y written",
        "batch_where": "Sheet!Cell",
        "batch_chart": "Recomputed NKO Y per unit (its latest period)",
    }
)


# Words of the run (kinerja_xl.run) and of `fix`'s report when a copy was not written.
UI["id"].update(
    {
        "fx_not_written": "salinan perbaikan tidak ditulis",
    }
)
UI["en"].update(
    {
        "fx_not_written": "fixed copy not written",
    }
)


# Words about units (issue 22 item 1, issue 17 item 6): a file of unknown unit, a workbook of several units.
UI["id"].update(
    {
        "unit_unknown": "unit tidak diketahui",
        "year_ambiguous": "tidak dapat ditentukan (KX308): {files}",
        "units_title": "Unit dalam workbook ini",
        "unit_section": "Unit {n} dari {count}: {unit}",
    }
)
UI["en"].update(
    {
        "unit_unknown": "unit unknown",
        "year_ambiguous": "not determined (KX308): {files}",
        "units_title": "Units in this workbook",
        "unit_section": "Unit {n} of {count}: {unit}",
    }
)


def _merge_dash_words() -> None:
    from kinerja_xl.messages.ui_dash import WORDS
    from kinerja_xl.messages.ui_mail import WORDS as MAIL_WORDS

    for lang, words in MAIL_WORDS.items():
        UI[lang].update(words)
    for lang, words in WORDS.items():
        UI[lang].update(words)


_merge_dash_words()
