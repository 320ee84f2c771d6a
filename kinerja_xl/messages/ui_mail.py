"""Words of `kinerja-xl mail`, its drafts and the lines `watch` prints, in both languages. Merged into
ui.UI at import (see the end of ui.py), before ui_dash's words."""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {"id": {}, "en": {}}

# Words of `kinerja-xl mail` and `watch` lines (str.format templates).
WORDS["id"].update(
    {
        "mail_drafts_in": "{n} draf di {outbox}",
        "mail_without_contact": ", {n} tanpa kontak",
        "mail_not_sent_hint": "belum dikirim (gunakan --send untuk mengirim)",
        "mail_draft": "draf",
        "mail_sent": "terkirim",
        "mail_not_sent": "TIDAK TERKIRIM",
        "mail_invalid_address": "alamat tidak valid diabaikan",
        "watch_watching": "memantau {folder} setiap {interval} detik (Ctrl-C untuk berhenti)",
        "watch_out_ignored": "kinerja-xl: watch menulis salinan beranotasi ke outbox; --out diabaikan",
        "watch_failed": "GAGAL",
        "watch_cannot_move": "kinerja-xl: tidak dapat memindahkan {name}: {detail}",
        "watch_summary": "pemantauan berhenti: {processed} berkas diperiksa, {drafts} draf, "
        "{failed} dipindah ke {folder}/, {send_failures} pengiriman gagal",
    }
)
WORDS["en"].update(
    {
        "mail_drafts_in": "{n} draft(s) in {outbox}",
        "mail_without_contact": ", {n} without contact",
        "mail_not_sent_hint": "not sent (use --send to send)",
        "mail_draft": "draft",
        "mail_sent": "sent",
        "mail_not_sent": "NOT SENT",
        "mail_invalid_address": "invalid address dropped",
        "watch_watching": "watching {folder} every {interval} s (Ctrl-C to stop)",
        "watch_out_ignored": "kinerja-xl: watch writes the annotated copies to the outbox; --out is ignored",
        "watch_failed": "FAILED",
        "watch_cannot_move": "kinerja-xl: cannot move {name}: {detail}",
        "watch_summary": "watch stopped: {processed} file(s) checked, {drafts} draft(s), "
        "{failed} moved to {folder}/, {send_failures} delivery failure(s)",
    }
)


# Words of the mail drafts that are not in the templates: names, dates, kinds of cell, the scope line,
# and the one line `watch` prints per file.
WORDS["id"].update(
    {
        "date_weekdays": "Senin,Selasa,Rabu,Kamis,Jumat,Sabtu,Minggu",
        "date_months": "Januari,Februari,Maret,April,Mei,Juni,Juli,Agustus,September,Oktober,November,Desember",
        "mail_default_unit": "Seksi",
        "mail_leader": "Kepala {unit}",
        "mail_leader_team": "Ketua {unit}",
        "mail_file_owner": "Bapak/Ibu pengelola {name}",
        "mail_manager": "Pengelola Kinerja {unit}",
        "mail_someone": "Bapak/Ibu",
        "mail_broken_file": "berkas rusak",
        "fix_kind_capaian": "capaian",
        "fix_kind_nilai": "nilai",
        "fix_kind_konsolidasi": "kolom konsolidasi",
        "fix_kind_ringkasan": "tabel ringkasan",
        "fix_kind_aggregate": "NSS/Np/NKO",
        "fix_kind_text": "angka tersimpan sebagai teks",
        "fix_kind_percent": "skala persen",
        "fix_kind_year": "label tahun",
        "fix_kind_other": "sel lain",
        "mail_scope": "{drafts} draf untuk {sections} seksi di {files} berkas",
        "mail_scope_thanks": "; {n} ucapan terima kasih untuk seksi tanpa temuan",
        "mail_scope_quiet": "; {n} seksi tanpa temuan tidak dikirimi",
        "mail_scope_manager": "; {n} ringkasan untuk pengelola kinerja",
        "mail_scope_failed": "; {n} pemberitahuan berkas rusak",
        "watch_line_failed": "{time} {name}: {failed}: {reason} -> {drafts} -> {folder}/",
        "watch_written": " (tertulis {nko})",
        "watch_drafts": "{n} draf",
        "watch_sent": " (terkirim)",
        "watch_unsent": " ({n} tidak terkirim)",
    }
)
WORDS["en"].update(
    {
        "date_weekdays": "Monday,Tuesday,Wednesday,Thursday,Friday,Saturday,Sunday",
        "date_months": "January,February,March,April,May,June,July,August,September,October,November,December",
        "mail_default_unit": "Seksi",
        "mail_leader": "Head of {unit}",
        "mail_leader_team": "Leader of {unit}",
        "mail_file_owner": "owner of {name}",
        "mail_manager": "Performance Manager of {unit}",
        "mail_someone": "Sir or Madam",
        "mail_broken_file": "broken file",
        "fix_kind_capaian": "capaian",
        "fix_kind_nilai": "nilai",
        "fix_kind_konsolidasi": "consolidated column",
        "fix_kind_ringkasan": "summary table",
        "fix_kind_aggregate": "NSS/Np/NKO",
        "fix_kind_text": "number stored as text",
        "fix_kind_percent": "percent scale",
        "fix_kind_year": "year label",
        "fix_kind_other": "other cell",
        "mail_scope": "{drafts} draft(s) for {sections} section(s) in {files} file(s)",
        "mail_scope_thanks": "; {n} thank-you note(s) to sections without findings",
        "mail_scope_quiet": "; {n} section(s) without findings not mailed",
        "mail_scope_manager": "; {n} summary(ies) for the performance manager",
        "mail_scope_failed": "; {n} note(s) about a broken file",
        "watch_line_failed": "{time} {name}: {failed}: {reason} -> {drafts} -> {folder}/",
        "watch_written": " (written {nko})",
        "watch_drafts": "{n} draft(s)",
        "watch_sent": " (sent)",
        "watch_unsent": " ({n} not sent)",
    }
)
