"""The command line's help in Indonesian (the default): command summaries and option texts.

The English texts are the ones declared with the commands (cli*.py); ``kinerja-xl ... --lang en
--help`` shows them. Keys: ``<command>`` for a command's summary, ``<command>.<param>`` for one
command's option, ``*.<param>`` for an option that means the same in every command.
"""

from __future__ import annotations

HELP_ID: dict[str, str] = {
    "": "Memeriksa workbook monitoring IKU triwulanan Kemenkeu.",
    "rules": "Daftar setiap kode temuan dengan tingkat, arti, dan apakah `fix` memperbaikinya.",
    "explain": "Penjelasan satu kode temuan dengan contoh yang salah dan yang benar.",
    "profiles": "Daftar profil aturan yang tersedia.",
    "check": "Memeriksa workbook: hitung ulang setiap skor, daftar temuan, tulis salinan beranotasi.\n\n"
    "Kode keluar: 0 tidak ada kesalahan; 1 ada temuan kesalahan (atau peringatan dengan --fail-on "
    "warning); 2 berkas tidak terbaca atau perintah salah pakai.",
    "fix": "Tulis <nama>.fixed.xlsx: setiap angka yang mengikuti Target dan Realisasi workbook itu sendiri "
    "dibetulkan.\n\nKode keluar: 0 tidak ada yang perlu dibetulkan orang; 1 masih ada temuan yang tidak "
    "dapat diperbaiki otomatis; 2 berkas tidak terbaca atau tidak dapat ditulis, atau perintah salah pakai.",
    "mail": "Memeriksa workbook, lalu menulis satu draf .eml untuk setiap seksi yang punya temuan untuk "
    "diperbaiki, dengan temuannya dan berkas beranotasi; temuan tingkat workbook masuk ke satu ringkasan untuk "
    "pengelola kinerja. Tanpa --send tidak ada yang dikirim.\n\nKode keluar: 0 selesai; "
    "1 dengan --send, ada surat yang tidak terkirim (atau seksi tanpa kontak); "
    "2 berkas tidak terbaca atau perintah salah pakai.",
    "watch": "Memantau folder masukan: periksa setiap workbook yang selesai disalin, buat draf suratnya, "
    "pindahkan ke arsip/ (atau gagal/).",
    "*.version": "Tampilkan versi lalu keluar.",
    "*.help": "Tampilkan bantuan ini lalu keluar.",
    "*.lang": "Bahasa pesan (bawaan id; en untuk bahasa Inggris).",
    "*.profile": "Profil aturan (bawaan: dipilih menurut tahun laporan).",
    "*.config": "kinerja.toml yang dipakai (bawaan: yang ada di samping berkas masukan).",
    "*.select": "Hanya kode atau awalan kode ini, dipisah koma (KX1,KX205).",
    "*.ignore": "Abaikan kode atau awalan kode ini, dipisah koma.",
    "*.year": "Tahun laporan (menentukan profil).",
    "*.jobs": "Periksa N berkas sekaligus.",
    "*.history": "Kiriman sebelumnya (mis. arsip/) untuk dibandingkan; hanya dibaca, tidak pernah ditulis.",
    "*.outbox": "Folder untuk draf .eml (dan hasil lain bila tanpa --out).",
    "*.contacts": "CSV 'seksi,email' (menambah tabel [seksi] di kinerja.toml).",
    "*.send": "Kirim lewat tabel [smtp] di kinerja.toml. Tanpa opsi ini tidak ada yang dikirim.",
    "*.templates": "Templat mail_subject/mail_body Anda sendiri.",
    "*.attach": "Lampirkan juga salinan yang ditulis `kinerja-xl fix` (perbaikan otomatis saja).",
    "*.out": "Folder untuk salinan beranotasi (bawaan: di samping setiap berkas masukan).",
    "explain.code": "Kode (KX101) atau simbol (capaian-mismatch).",
    "check.paths": "Workbook (.xlsx/.xlsm), folder atau pola glob yang diperiksa.",
    "check.fmt": "text: tampilan untuk orang di terminal; concise: satu baris per temuan "
    "(berkas:Lembar!A1: KODE ...), bawaan bila stdout bukan terminal; json: kontrak mesin di stdout.",
    "check.fail_on": "Keluar dengan kode 1 pada kesalahan (bawaan) atau juga pada peringatan.",
    "check.no_annotate": "Jangan tulis berkas apa pun (tanpa salinan beranotasi, tanpa ringkasan batch).",
    "fix.paths": "Workbook (.xlsx/.xlsm), folder atau pola glob yang dibetulkan.",
    "fix.out": "Folder untuk salinan yang dibetulkan (bawaan: di samping setiap berkas masukan).",
    "fix.unsafe_fixes": "Betulkan juga label Pol/KP (KX021) dan label tahun Y-NN (KX004): perlu keputusan Anda.",
    "fix.diff": "Jangan tulis apa pun; tampilkan setiap perubahan yang akan dibuat.",
    "fix.select": "Hanya betulkan kode atau awalan kode ini (KX1,KX201).",
    "fix.ignore": "Jangan betulkan kode atau awalan kode ini.",
    "fix.jobs": "Betulkan N berkas sekaligus.",
    "mail.paths": "Workbook, folder atau pola glob yang diperiksa.",
    "mail.out": "Folder untuk salinan beranotasi (bawaan: folder draf).",
    "*.deadline": "Tanggal paling lambat perbaikan dikirim kembali (menggantikan [mail] deadline).",
    "*.all_sections": "Kirim juga ucapan terima kasih singkat ke seksi yang tidak punya temuan.",
    "watch.no_history": "Jangan bandingkan dengan kiriman sebelumnya (bawaan: dengan INBOX/arsip/).",
    "watch.inbox": "Folder masukan yang dipantau.",
    "watch.out": "Folder untuk salinan beranotasi (bawaan: folder draf).",
    "watch.interval": "Detik di antara dua pemeriksaan folder.",
    "watch.once": "Proses isi folder saat ini, lalu keluar (untuk cron).",
}

# The headings of the help (click's plain formatter: Usage, Options, Commands, Arguments).
PANELS_ID = {"usage": "Penggunaan", "options": "Opsi", "commands": "Perintah", "arguments": "Argumen"}
