"""The one message catalogue: code -> symbol, severity, Indonesian and English templates, docs.

Templates are ``str.format`` strings. Every finding fills ``iku``, ``period``, ``actual``,
``expected``, ``cell``, ``sheet``; a check may add its own parameters (named below).
Numbers are formatted per language (``132,63`` in Indonesian, ``132.63`` in English).
"""

from __future__ import annotations

from dataclasses import dataclass

from kinerja_xl.severity import Severity, format_number

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO  # noqa: E741  short names keep the catalogue table readable


@dataclass(frozen=True)
class Message:
    """A catalogue entry."""

    code: str
    symbol: str
    severity: Severity
    title_id: str
    title_en: str
    template_id: str
    template_en: str
    doc: str  # long description with a bad and a good example (English, shown by `explain`)

    def template(self, lang: str) -> str:
        """The message template for a language (id default)."""
        return self.template_en if lang == "en" else self.template_id

    def title(self, lang: str) -> str:
        """The one-line meaning for a language."""
        return self.title_en if lang == "en" else self.title_id


_ENTRIES = [
    Message(
        "KX001",
        "unreadable-file",
        E,
        "berkas tidak dapat dibaca sebagai workbook",
        "file cannot be read as a workbook",
        "Berkas tidak dapat dibaca: {reason_id}.",
        "File cannot be read: {reason_en}.",
        "The file is not an .xlsx/.xlsm workbook kinerja-xl can open: missing, empty, corrupt "
        "(not a zip, truncated), password-protected, an old .xls, an .ods or a .csv.\n"
        "Bad: laporan.xls (Excel 97-2003).\nGood: laporan.xlsx (File > Save As > Excel Workbook).",
    ),
    Message(
        "KX002",
        "no-iku-block",
        E,
        "tidak ada blok IKU",
        "no IKU block found",
        "Tidak ditemukan blok IKU (baris berlabel T/R diikuti Q1, Q2, ...).",
        "No IKU block found (a row labelled T/R followed by Q1, Q2, ...).",
        "A block starts with a header row whose first cell reads `T/R`, followed by the period "
        "labels.\nBad: a sheet whose header reads `Uraian | Jan | Feb`.\n"
        "Good: `T/R | Q1 | Q2 | Sm.I | Q3 | s.d. Q3 | Q4 | Y-24 | Pol/ K P`.",
    ),
    Message(
        "KX003",
        "incomplete-block",
        W,
        "blok tidak lengkap",
        "block incomplete",
        "Blok IKU {iku} tidak lengkap: {missing} tidak ditemukan.",
        "IKU block {iku} is incomplete: {missing} not found.",
        "Each block needs the rows Target, Realisasi, Capaian and Nilai Kinerja and the seven "
        "period columns.\nBad: a block without a `Nilai Kinerja` row.\n"
        "Good: Target / Realisasi / Capaian / Nilai Kinerja under the T/R header.",
    ),
    Message(
        "KX004",
        "year-label-mismatch",
        W,
        "label tahun Y-NN berbeda dengan tahun workbook",
        "Y-NN year label differs from the workbook's year",
        "Label kolom tahunan menunjukkan {label_year} tetapi tahun laporan {year}.",
        "Year column label says {label_year} but the report year is {year}.",
        "The `Y-NN` header of a block names the report year. A label copied from last year's "
        "file hints that other cells were copied too.\nBad: `Y-22` in a 2024 report.\nGood: `Y-24`.",
    ),
    Message(
        "KX005",
        "unknown-period-label",
        W,
        "label periode tidak dikenali",
        "period label not recognised",
        "Label periode '{label}' tidak dikenali; kolom dipetakan menurut posisi sebagai {period}.",
        "Period label '{label}' not recognised; column mapped by position as {period}.",
        "Period columns are mapped by label (Q1, TW I, Sm.I, s.d. Q3, Y-24...). A repeated or "
        "unreadable label is mapped by its position.\nBad: `Q2 | Q2` where Sm.I belongs.\n"
        "Good: `Q2 | Sm.I`.",
    ),
    Message(
        "KX010",
        "text-in-value-cell",
        W,
        "teks bukan angka di sel nilai",
        "non-numeric text in a value cell",
        "Sel berisi teks '{text}' yang bukan angka; dianggap N/A.",
        "Cell holds the text '{text}', not a number; treated as N/A.",
        "Value cells hold numbers, or an N/A marker (`-`, `N/A`, `n.a.`).\n"
        "Bad: `Rp18.897M`, `belum ada`.\nGood: `18897000000` or `-`.",
    ),
    Message(
        "KX011",
        "number-as-text",
        I,
        "angka disimpan sebagai teks",
        "number stored as text",
        "Angka disimpan sebagai teks '{text}' (dibaca {actual}).",
        "Number stored as text '{text}' (read as {actual}).",
        "A number typed as text is not summed by Excel formulas and may be misread.\n"
        "Bad: the text `103,67%`.\nGood: the number 1.0367 with a % format.",
    ),
    Message(
        "KX012",
        "mixed-percent-scale",
        W,
        "skala persen bercampur dalam satu baris",
        "percent scale mixed within a row",
        "Baris {row} mencampur skala persen: sel ini tampil {shown_id}, sel lain di baris ini {other_id}; "
        "dibaca sebagai {actual}.",
        "Row {row} mixes percent scales: this cell shows {shown_en} while the row's other cells show "
        "{other_en}; read as {actual}.",
        "A percent row must use one scale throughout. Both directions are found at the cell: a plain "
        "fraction (0.86) among percent points or %-formatted cells, and a number typed as points into a "
        "%-formatted row (104.17 shown as 10,417.00% beside 1.0417 shown as 104.17%). The cell is read "
        "as the row means it (86, 104.17).\nBad: `86% | 0,86 | 90%`.\n"
        "Good: `86% | 86% | 90%` (numbers with a % format) or `86 | 86 | 90`.",
    ),
    Message(
        "KX013",
        "formula-not-evaluated",
        W,
        "rumus tanpa nilai tersimpan tidak dapat dihitung",
        "formula without cached value could not be evaluated",
        "Rumus '{formula}' tidak punya nilai tersimpan dan tidak dapat dihitung; sel dilewati.",
        "Formula '{formula}' has no cached value and could not be evaluated; cell skipped.",
        "A file saved by a program that does not calculate keeps formulas without results. "
        "kinerja-xl evaluates simple ones (references, + - * /, SUM, AVERAGE, MIN, MAX, ROUND, IF).\n"
        "Bad: `=VLOOKUP(...)` never calculated.\nGood: open and save the file in Excel first.",
    ),
    Message(
        "KX014",
        "literal-over-formula",
        I,
        "nilai diketik menimpa rumus",
        "literal value typed over a formula row",
        "Sel berisi nilai ketikan sementara sel lain di barisnya berisi rumus.",
        "Cell holds a typed value while the rest of its row holds formulas.",
        "A typed-over formula stops following Target and Realisasi.\n"
        "Bad: `=C5/C4*100 | 132,63 | =E5/E4*100`.\nGood: the same formula in every period.",
    ),
    Message(
        "KX020",
        "polkp-unknown",
        W,
        "Pol/KP kosong atau tidak dikenali",
        "Pol/KP missing or unknown",
        "Pol/KP '{text}' kosong atau tidak dikenali; IKU dinilai sebagai Max/TLK.",
        "Pol/KP '{text}' missing or unknown; IKU scored as Max/TLK.",
        "The Target row's Pol/KP cell reads `<polarisasi>/<konsolidasi>`.\n"
        "Bad: `Naik/Akhir`, blank.\nGood: `Max/TLK`, `Min/Sum`, `Stab/Avg`.",
    ),
    Message(
        "KX021",
        "polarisasi-mismatch",
        E,
        "capaian mengikuti polarisasi lain",
        "reported capaian fit another polarisasi",
        "Pol/KP tertulis {declared}, tetapi capaian yang dilaporkan mengikuti rumus {fitted} "
        "({formula}) pada {n_fit} dari {n_total} periode. Perbaiki label atau angkanya; "
        "sampai diperbaiki, IKU dinilai menurut label ({declared}).",
        "Pol/KP says {declared}, but the reported capaian follow the {fitted} formula "
        "({formula}) in {n_fit} of {n_total} periods. Fix the label or the numbers; "
        "until then the IKU is scored by its label ({declared}).",
        "A deviation or error-rate indicator is Minimize: lower is better. When its label says Max "
        "but the capaian were computed as (2 - R/T) x 100, the label or the numbers are wrong.\n"
        "Bad: `Max/TLK` with T 16%, R 0%, Capaian 200%.\nGood: `Min/TLK` with the same numbers.",
    ),
    Message(
        "KX022",
        "capaian-not-computable",
        W,
        "capaian tidak dapat dihitung",
        "capaian not computable",
        "Capaian {period} tidak dapat dihitung: {reason_id}.",
        "Capaian {period} cannot be computed: {reason_en}.",
        "Max with target 0 has no ratio; Min with target 0 needs the IKU's realisasi terburuk "
        "(worst tolerated result).\nBad: Min, T=0, no realisasi terburuk.\n"
        "Good: `Realisasi Terburuk : 10` above the block, or in kinerja.toml.",
    ),
    Message(
        "KX101",
        "capaian-mismatch",
        E,
        "capaian berbeda dengan hasil hitung ulang",
        "reported Capaian differs from recomputed",
        "Capaian {period} tertulis {actual} tetapi {formula} = {expected} ({pol}).",
        "Capaian {period} reads {actual} but {formula} = {expected} ({pol}).",
        "Capaian is computed from Target and Realisasi by the IKU's polarisasi.\n"
        "Bad: T 100%, R 97,80%, Capaian 132,63% (Max).\nGood: Capaian 97,80%.",
    ),
    Message(
        "KX102",
        "nilai-mismatch",
        E,
        "Nilai Kinerja berbeda dengan hasil hitung ulang",
        "reported Nilai differs from recomputed",
        "Nilai {period} tertulis {actual} tetapi seharusnya {expected} ({reason_id}).",
        "Nilai {period} reads {actual} but should be {expected} ({reason_en}).",
        "Nilai Kinerja is the capaian clamped to [0, 120], or 120 by a designated konversi.\n"
        "Bad: Capaian 66,80%, Nilai 68,80.\nGood: Nilai 66,80.",
    ),
    Message(
        "KX103",
        "nilai-out-of-range",
        E,
        "Nilai di atas batas atau di bawah batas bawah",
        "Nilai above the cap or below the floor",
        "Nilai {period} tertulis {actual}, di luar rentang [{floor}, {cap}].",
        "Nilai {period} reads {actual}, outside [{floor}, {cap}].",
        "Nilai Kinerja never exceeds the cap (120) nor goes below the floor (0).\n"
        "Bad: Nilai 131,25.\nGood: Nilai 120,00.",
    ),
    Message(
        "KX104",
        "konversi-not-allowed",
        E,
        "Nilai 120 dari konversi yang tidak sah",
        "Nilai 120 by konversi not allowed",
        "Nilai {period} tertulis {actual} tetapi capaian {capaian}: {reason_id}; seharusnya {expected}.",
        "Nilai {period} reads {actual} but capaian is {capaian}: {reason_en}; should be {expected}.",
        "Konversi 120 gives 120 when the target is met exactly, only on an IKU designated for it.\n"
        "Bad: T 100, R 100, Nilai 120 on an undesignated IKU.\nGood: Nilai 100, or "
        "`Konversi 120 : Ya` on the IKU (within the 20% quota).",
    ),
    Message(
        "KX105",
        "konversi-over-quota",
        E,
        "konversi 120 melebihi kuota",
        "konversi 120 over quota",
        "Konversi 120 ditetapkan pada {count} IKU, kuota {quota} (20% dari {total} IKU); "
        "IKU ini di luar kuota menurut prioritas CP, CNP, N.",
        "Konversi 120 is designated on {count} IKU, quota {quota} (20% of {total} IKU); "
        "this IKU falls outside the quota by priority CP, CNP, N.",
        "At most 1 in 5 IKU (rounded down) may use konversi 120, chosen CP first, then CNP, then N.\n"
        "Bad: 5 designations among 19 IKU.\nGood: at most 3.",
    ),
    Message(
        "KX110",
        "konsolidasi-mismatch",
        E,
        "kolom konsolidasi tidak sesuai dengan triwulannya",
        "consolidated column disagrees with its quarters",
        "{row} {period} tertulis {actual} tetapi {kp} dari {quarters} = {expected}.",
        "{row} {period} reads {actual} but {kp} of {quarters} = {expected}.",
        "Sm.I, s.d. Q3 and Y roll up the quarters by the IKU's konsolidasi (TLK, Sum, Avg).\n"
        "Bad: TLK, Target Q4 80%, Target Y 100%.\nGood: Target Y 80%.",
    ),
    Message(
        "KX111",
        "target-decreasing",
        W,
        "target menurun pada IKU Max",
        "target decreases on a Max IKU",
        "Target turun dari {previous} ({from_period}) ke {actual} ({period}) pada IKU Max/{kp}; "
        "periksa apakah IKU ini seharusnya Min.",
        "Target falls from {previous} ({from_period}) to {actual} ({period}) on a Max/{kp} IKU; "
        "check whether this IKU is Min.",
        "Under TLK or Sum a Max target grows or stays over the year. A falling target usually "
        "belongs to a Minimize indicator (a balance to reduce).\nBad: `Max/TLK`, T 95% 90% 81% 19%.\n"
        "Good: `Min/TLK` with the same targets.",
    ),
    Message(
        "KX120",
        "realisasi-missing",
        W,
        "Realisasi kosong padahal Target ada",
        "Realisasi missing where a Target exists",
        "Target {period} ada tetapi Realisasi kosong pada periode yang sudah lewat (s.d. {reported}).",
        "Target {period} exists but Realisasi is empty in a past period (up to {reported}).",
        "A past period with a target needs a realisasi, or an explicit N/A.\n"
        "Bad: Target Q2 50%, Realisasi Q2 blank in a Q4 report.\nGood: Realisasi Q2 48%, or `N/A`.",
    ),
    Message(
        "KX121",
        "realisasi-without-target",
        W,
        "Realisasi ada tanpa Target",
        "Realisasi without a Target",
        "Realisasi {period} terisi ({actual}) tetapi Target {period} kosong; triwulan ini tidak dipakai "
        "dalam kolom konsolidasi.",
        "Realisasi {period} is filled ({actual}) but Target {period} is empty; this quarter is left out "
        "of the consolidated columns.",
        "A quarter is scored and consolidated only with both a Target and a Realisasi. A Realisasi "
        "without a Target is not silently used: fill in the Target from the PK, or clear the Realisasi.\n"
        "Bad: Target Q1 -, Realisasi Q1 5.\nGood: Target Q1 5, Realisasi Q1 5.",
    ),
    Message(
        "KX201",
        "summary-mismatch",
        E,
        "nilai tabel ringkasan berbeda dengan blok",
        "summary table value differs from the block",
        "{field} {iku} di tabel ringkasan tertulis {actual} tetapi di blok IKU ({block_cell}) {expected}.",
        "{field} of {iku} in the summary table reads {actual} but the IKU block ({block_cell}) has {expected}.",
        "The summary table repeats each IKU's annual Target, Realisasi and Nilai from its block.\n"
        "Bad: summary Realisasi 132,63% while the block's Y Realisasi is 97,80%.\nGood: 97,80%.",
    ),
    Message(
        "KX202",
        "ss-name-mismatch",
        W,
        "nama SS di blok berbeda dengan tabel ringkasan",
        "SS name in block differs from the summary table",
        "Nama SS di blok {iku} '{block_ss}' berbeda dengan SS {ss} di tabel ringkasan '{summary_ss}'.",
        "SS name in block {iku} '{block_ss}' differs from SS {ss} in the summary table '{summary_ss}'.",
        "A block's `Nama Sasaran Strategis` should be the SS its IKU belongs to in the summary.\n"
        "Bad: block says SS 2's name, summary lists the IKU under SS 3.\nGood: the same SS.",
    ),
    Message(
        "KX203",
        "aggregate-mismatch",
        E,
        "NSS/Np/NKO berbeda dengan hasil hitung ulang",
        "reported NSS / Np / NKO differs from recomputed",
        "{what} tertulis {actual}, padahal rata-rata tertimbang Nilai yang dilaporkan = {from_reported}; "
        "hasil hitung ulang penuh {expected}.",
        "{what} reads {actual}, but the weighted mean of the reported Nilai is {from_reported}; "
        "fully recomputed: {expected}.",
        "NSS is the weighted mean of its IKU's Nilai, Np the mean of its NSS, NKO the weighted "
        "mean of Np by perspective weight.\nBad: NKO 115,67% when the chain gives 114,90.\n"
        "Good: the recomputed NKO.",
    ),
    Message(
        "KX204",
        "perspective-weights-sum",
        W,
        "bobot perspektif tidak berjumlah 100",
        "perspective weights do not sum to 100",
        "Bobot perspektif berjumlah {actual}, bukan 100.",
        "Perspective weights sum to {actual}, not 100.",
        "Perspective weights are percentages of NKO.\nBad: 30/20/25/30.\nGood: 30/20/25/25.",
    ),
    Message(
        "KX205",
        "validity-control-not-allowed",
        E,
        "kombinasi validitas x kendali tidak diperbolehkan",
        "validity x control combination not allowed",
        "Kombinasi {validitas}-{kendali} pada IKU {iku} tidak diperbolehkan.",
        "Combination {validitas}-{kendali} on IKU {iku} is not allowed.",
        "Exact-High and Activity-Low are not allowed for a strategy-map owner.\n"
        "Bad: Validitas Exact, Kendali High.\nGood: Exact-Moderate.",
    ),
    Message(
        "KX206",
        "iku-not-matched",
        W,
        "IKU ada di blok tetapi tidak di tabel ringkasan, atau sebaliknya",
        "IKU in a block but not in the summary table, or the reverse",
        "IKU {iku} {where_id}.",
        "IKU {iku} {where_en}.",
        "Every IKU block has one row in the summary table and the reverse.\n"
        "Bad: block 12a-N with no summary row.\nGood: a `12a-N` row under its SS.",
    ),
    Message(
        "KX207",
        "equal-weights-assumed",
        I,
        "bobot IKU sama diasumsikan",
        "equal IKU weights assumed",
        "Tidak ada Bobot maupun validitas/kendali: bobot IKU dianggap sama untuk NSS.",
        "No Bobot nor validity/control: equal IKU weights assumed for NSS.",
        "Without weights every IKU of an SS counts the same.\n"
        "Good: a `Bobot` column in the summary table or `Bobot : 12` above a block.",
    ),
    Message(
        "KX030",
        "part-lost",
        W,
        "bagian workbook hilang di salinan beranotasi",
        "a workbook part was lost in the annotated copy",
        "Bagian '{part}' dari workbook asli tidak dapat dipertahankan di salinan beranotasi.",
        "Part '{part}' of the input workbook could not be kept in the annotated copy.",
        "kinerja-xl writes its annotations into the original package and keeps every other part "
        "byte for byte. When the package has a shape it cannot handle it falls back to an openpyxl "
        "re-save, which drops some parts (x14 conditional formats and data bars, sparklines, data "
        "validation lists kept in extensions, slicers, cached formula values); each is named here.\n"
        "Bad: a copy without the sparklines of the input.\n"
        "Good: the input file itself, which is never changed, is the master.",
    ),
]

# KX3xx: across submissions of one unit and year (kinerja_xl.history). Each compares a file with
# the unit's previous submission; {previous_file} and {previous_period} name it.
_ENTRIES += [
    Message(
        "KX301",
        "history-value-changed",
        W,
        "nilai periode yang sudah dilaporkan berubah dibanding kiriman sebelumnya",
        "a value of an already reported period changed since the previous submission",
        "{row} {period} berubah dari {old} (di {previous_file}, laporan {previous_period}) menjadi {new}.",
        "{row} {period} changed from {old} (in {previous_file}, report {previous_period}) to {new}.",
        "A period both files report (Q1..Q3, Sm.I, s.d. Q3 of a later report; every period of a revised "
        "file) should keep its Target, Realisasi, Capaian and Nilai. A change may be a correction, "
        "but one of the two files is wrong: a person must confirm it. A change that only follows "
        "from another one (a roll-up of a changed quarter, a capaian of a changed realisasi) is not "
        "repeated.\nBad: Realisasi Q1 95 in the Q1 file, 88 in the Q3 file.\n"
        "Good: Realisasi Q1 95 in both, or the revision explained to the inspector.",
    ),
    Message(
        "KX302",
        "history-future-target-changed",
        W,
        "target periode mendatang berubah dibanding kiriman sebelumnya",
        "a target of a future period changed since the previous submission",
        "Target {period} berubah dari {old} (di {previous_file}, laporan {previous_period}) menjadi {new}; "
        "target ditetapkan dalam PK dan hanya berubah dengan revisi PK.",
        "Target {period} changed from {old} (in {previous_file}, report {previous_period}) to {new}; "
        "targets are set in the PK and change only with a revised PK.",
        "The targets of periods not yet reported were set in the Perjanjian Kinerja at the start of "
        "the year. A target raised or cut mid-year needs a revised PK. A target left blank before "
        "and filled in now is not reported.\nBad: Target Q4 100 in the Q2 file, 90 in the Q3 file.\n"
        "Good: the PK's target in every file of the year.",
    ),
    Message(
        "KX303",
        "history-iku-missing",
        W,
        "IKU dari kiriman sebelumnya tidak ada",
        "an IKU of the previous submission is missing",
        "IKU {iku} ({name}) ada di {previous_file} (laporan {previous_period}) tetapi tidak ada di berkas ini.",
        "IKU {iku} ({name}) is in {previous_file} (report {previous_period}) but not in this file.",
        "The IKU of a unit are those of its PK for the whole year. An IKU that disappears drops out "
        "of NSS and NKO.\nBad: 5a-CP in the Q2 file, no 5a-CP block in the Q3 file.\n"
        "Good: every IKU of the PK in every file (N/A where there is no realisasi yet).",
    ),
    Message(
        "KX304",
        "history-iku-new",
        W,
        "IKU baru dibanding kiriman sebelumnya",
        "an IKU not in the previous submission",
        "IKU {iku} tidak ada di {previous_file} (laporan {previous_period}); baru di berkas ini.",
        "IKU {iku} is not in {previous_file} (report {previous_period}); it is new in this file.",
        "An IKU that appears mid-year needs a revised PK, or its code or name was changed (the IKU "
        "are matched by code, else by name).\nBad: 9a-N in the Q4 file only.\n"
        "Good: the same IKU, with the same codes, in every file of the year.",
    ),
    Message(
        "KX305",
        "history-polkp-changed",
        W,
        "Pol/KP berubah dibanding kiriman sebelumnya",
        "Pol/KP changed since the previous submission",
        "Pol/KP berubah dari {old} (di {previous_file}, laporan {previous_period}) menjadi {new}.",
        "Pol/KP changed from {old} (in {previous_file}, report {previous_period}) to {new}.",
        "Polarisasi and konsolidasi decide how every period of an IKU is scored; they come from the "
        "IKU manual and stay the same all year. A change re-scores earlier periods.\n"
        "Bad: Max/TLK in the Q2 file, Max/Sum in the Q3 file.\nGood: Max/TLK in both.",
    ),
    Message(
        "KX306",
        "history-cumulative-decrease",
        W,
        "realisasi kumulatif turun dibanding kiriman sebelumnya",
        "cumulative realisasi lower than in the previous submission",
        "Realisasi kumulatif {period} {actual} lebih rendah daripada {old} pada laporan {previous_period} "
        "(di {previous_file}); nama IKU ini menyatakan kumulatif sehingga realisasinya tidak turun.",
        "Cumulative realisasi {period} {actual} is lower than {old} in report {previous_period} "
        "(in {previous_file}); this IKU's name says it is cumulative, so its realisasi does not go down.",
        "Under TLK a quarter holds the figure 's.d.' that quarter. When the IKU's name says it is "
        "cumulative (`s.d. Triwulan`, `kumulatif`), a later report cannot have less.\n"
        "Bad: 'Jumlah berkas s.d. triwulan' 40 in the Q2 report, 35 in the Q3 report.\n"
        "Good: 40 then 52.",
    ),
    Message(
        "KX307",
        "history-period-unknown",
        W,
        "periode laporan tidak diketahui; tidak dibandingkan",
        "reported period unknown; not compared",
        "Periode laporan berkas ini tidak diketahui, sehingga berkas ini tidak dapat diurutkan dengan "
        "{count} kiriman lain unit {unit} tahun {year} dan tidak dibandingkan.",
        "This file's reported period is unknown, so it cannot be ordered with the {count} other "
        "submission(s) of {unit} {year} and was not compared.",
        "Submissions are ordered by the quarter they report: from the file name or title (`Q3`, "
        "`TW III`, `Triwulan III`), else the last quarter with a Realisasi.\n"
        "Bad: laporan.xlsx with no Realisasi and no quarter in its name or title.\n"
        "Good: laporan-2024-tw1.xlsx.",
    ),
    Message(
        "KX308",
        "history-unorderable",
        W,
        "dua kiriman tidak dapat diurutkan; tidak dibandingkan",
        "two submissions cannot be ordered; not compared",
        "Berkas ini dan {other_file} sama-sama laporan {period} unit {unit} tahun {year} dengan waktu "
        "ubah yang sama; mana yang lebih baru tidak dapat ditentukan, sehingga keduanya tidak "
        "dibandingkan satu sama lain.",
        "This file and {other_file} both report {period} of {unit} {year} and have the same modification "
        "time; which one is newer cannot be told, so they were not compared with each other.",
        "Two files of one unit, year and quarter are ordered by their modification time (a revised "
        "file is the newer one). With equal times kinerja-xl does not guess.\n"
        "Bad: q3.xlsx and q3-revisi.xlsx copied with the same time stamp.\n"
        "Good: keep the original in the archive (--history) and check the revision.",
    ),
]

CATALOGUE: dict[str, Message] = {m.code: m for m in _ENTRIES}

# Phrases a check picks by key to fill a "<name>_id" / "<name>_en" parameter pair, so that a
# finding's params stay language-neutral data and the wording lives here: key -> (id, en).
PHRASES: dict[str, tuple[str, str]] = {
    # KX102 reason
    "nilai-equals-capaian": ("sama dengan capaian {capaian}", "equal to capaian {capaian}"),
    "nilai-capped": ("capaian {capaian} dibatasi {cap}", "capaian {capaian} capped at {cap}"),
    "nilai-floored": ("capaian {capaian} dibatasi batas bawah {floor}", "capaian {capaian} floored at {floor}"),
    "nilai-konversi": ("konversi 120: target tercapai", "konversi 120: target met"),
    # KX104 reason
    "konversi-not-designated": (
        "IKU ini tidak ditetapkan untuk konversi 120",
        "this IKU is not designated for konversi 120",
    ),
    "konversi-over-quota": (
        "penetapan konversi 120 IKU ini di luar kuota",
        "this IKU's konversi 120 designation is over the quota",
    ),
    "konversi-target-not-met": ("target tidak tercapai (T {t}, R {r})", "target not met (T {t}, R {r})"),
    # KX022 reason
    "max-target-0": ("target 0 pada IKU Max, R/T tidak terdefinisi", "target 0 on a Max IKU, R/T is undefined"),
    "min-target-0": (
        "target 0 pada IKU Min tanpa realisasi terburuk",
        "target 0 on a Min IKU without realisasi terburuk",
    ),
    "stab-target-0": ("target 0 pada IKU Stab", "target 0 on a Stab IKU"),
    # KX206 where
    "block-only": ("ada di blok tetapi tidak ada di tabel ringkasan", "has a block but no row in the summary table"),
    "summary-only": ("ada di tabel ringkasan tetapi tidak ada bloknya", "is in the summary table but has no block"),
}

# KX001 reasons: why a file cannot be read (kinerja_xl.reader.files, kinerja_xl.safety, api).
# The English wording is also str() of the ReadError / FileRefused, so keep it stable.
PHRASES.update(
    {
        "read-no-match": ("tidak ada berkas yang cocok", "no file matches"),
        "read-not-found": ("berkas tidak ditemukan", "file not found"),
        "read-not-found-path": ("berkas tidak ditemukan: {path}", "file not found: {path}"),
        "read-is-folder": ("berupa folder, bukan workbook", "is a folder, not a workbook"),
        "read-named-folder": ("{name} berupa folder, bukan workbook", "{name} is a folder, not a workbook"),
        "read-xls": (
            "bukan workbook Excel (.xls Excel 97-2003: simpan sebagai .xlsx)",
            "not an Excel workbook (.xls Excel 97-2003: save as .xlsx)",
        ),
        "read-ods": (
            "bukan workbook Excel (.ods: simpan sebagai .xlsx)",
            "not an Excel workbook (.ods: save as .xlsx)",
        ),
        "read-text-file": (
            "bukan workbook Excel ({suffix}: simpan sebagai .xlsx)",
            "not an Excel workbook ({suffix}: save as .xlsx)",
        ),
        "read-cannot-open": ("berkas tidak dapat dibuka: {detail}", "cannot open file: {detail}"),
        "read-empty": ("berkas kosong (0 byte)", "empty file (0 bytes)"),
        "read-ole": (
            "workbook dilindungi kata sandi (terenkripsi) atau format .xls lama: "
            "hapus kata sandinya / simpan sebagai .xlsx",
            "password-protected (encrypted) workbook or old .xls format: remove the password / save as .xlsx",
        ),
        "read-not-zip": (
            "bukan workbook Excel ({suffix}: bukan berkas zip/.xlsx)",
            "not an Excel workbook ({suffix}: not a zip/.xlsx file)",
        ),
        "read-not-zip-bare": (
            "bukan workbook Excel (tanpa ekstensi: bukan berkas zip/.xlsx)",
            "not an Excel workbook (no extension: not a zip/.xlsx file)",
        ),
        "read-refused": ("berkas ditolak: {reason}", "file refused: {reason}"),
        "read-truncated": (
            "berkas rusak atau terpotong (bukan zip/.xlsx yang dapat dibaca)",
            "corrupt or truncated file (not a readable zip/.xlsx)",
        ),
        "read-ods-content": (
            "bukan workbook Excel (isi .ods: simpan sebagai .xlsx)",
            "not an Excel workbook (.ods content: save as .xlsx)",
        ),
        "read-word": ("bukan workbook Excel (dokumen Word)", "not an Excel workbook (a Word document)"),
        "read-zip-no-workbook": (
            "bukan workbook Excel (zip tanpa xl/workbook.xml)",
            "not an Excel workbook (a zip without xl/workbook.xml)",
        ),
        "read-sheet-doctype": (
            "sebuah sheet mendeklarasikan DOCTYPE atau entitas XML",
            "a worksheet declares a DOCTYPE or XML entities",
        ),
        "read-corrupt-workbook": ("workbook rusak ({kind}: {detail})", "corrupt workbook ({kind}: {detail})"),
        "read-too-nested": ("workbook terlalu dalam bersarang untuk dibaca", "workbook too deeply nested to read"),
        "read-too-large": ("workbook terlalu besar untuk dibaca", "workbook too large to read"),
        "read-unexpected": (
            "isi tak terduga, workbook tidak dapat dibaca ({kind}: {detail})",
            "unexpected content, could not read the workbook ({kind}: {detail})",
        ),
        "read-internal-reading": (
            "galat internal saat membaca ({kind}: {detail})",
            "internal error while reading ({kind}: {detail})",
        ),
        "read-strict": (
            "workbook berformat Strict Open XML, yang tidak dapat dibaca; simpan ulang sebagai "
            "'Excel Workbook (*.xlsx)' (bukan 'Strict Open XML Spreadsheet')",
            "the workbook is Strict Open XML, which cannot be read; save it again as "
            "'Excel Workbook (*.xlsx)' (not 'Strict Open XML Spreadsheet')",
        ),
        "write-failed": (
            "tidak dapat menulis {path}: {detail}",
            "cannot write {path}: {detail}",
        ),
        "read-internal-checking": (
            "galat internal saat memeriksa ({kind}: {detail})",
            "internal error while checking ({kind}: {detail})",
        ),
        # kinerja_xl.safety refusals (shown after "berkas ditolak: " / "file refused: ")
        "safe-bad-limit": ("batas {key} = {value} di [limits] tidak sah", "invalid limit {key} = {value} in [limits]"),
        "safe-file-too-large": (
            "berkas terlalu besar ({size} MB; batasnya {limit} MB, "
            "atur [limits] max_file_mb di kinerja.toml untuk menaikkannya)",
            "file is too large ({size} MB; the limit is {limit} MB, "
            "set [limits] max_file_mb in kinerja.toml to raise it)",
        ),
        "safe-damaged-zip": (
            "arsip zip rusak atau terenkripsi ({detail})",
            "damaged or encrypted zip archive ({detail})",
        ),
        "safe-too-many-members": (
            "arsip zip berisi {count} anggota (batasnya {limit}); bukan workbook",
            "zip archive has {count} members (the limit is {limit}); not a workbook",
        ),
        "safe-traversal": (
            "nama anggota zip {name} menunjuk ke luar arsip (path traversal)",
            "zip member name {name} points outside the archive (path traversal)",
        ),
        "safe-uncompressed": (
            "arsip zip mengembang melebihi {limit} MB (kemungkinan zip bomb; "
            "atur [limits] max_uncompressed_mb untuk menaikkannya)",
            "zip archive expands to more than {limit} MB "
            "(possible zip bomb; set [limits] max_uncompressed_mb to raise it)",
        ),
        "safe-ratio": (
            "anggota zip {name} terkompresi {ratio} banding 1 (batas {limit}; kemungkinan zip bomb; "
            "atur [limits] max_ratio untuk menaikkannya)",
            "zip member {name} is compressed {ratio} to 1 (limit {limit}; "
            "possible zip bomb; set [limits] max_ratio to raise it)",
        ),
        "safe-doctype": (
            "bagian XML {name} mendeklarasikan DOCTYPE atau entitas "
            "(serangan ekspansi entitas / entitas eksternal); ditolak",
            "XML part {name} declares a DOCTYPE or entities (entity expansion / external entity attack); refused",
        ),
        "safe-no-root": (
            "bagian XML {name} tidak punya elemen akar dalam {kb} KB pertamanya; ditolak",
            "XML part {name} has no root element within its first {kb} KB; refused",
        ),
    }
)


def _plain_number(value: int | float, lang: str) -> str:
    """12345 -> '12.345' / '12,345'; 1.25 -> '1,2' / '1.2' (one decimal, no trailing 2-decimal padding)."""
    text = f"{value:,}" if isinstance(value, int) else f"{value:,.1f}"
    if lang == "id":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def reason_texts(key: str, /, **values: object) -> dict[str, str]:
    """A PHRASES entry in both languages as {"id": ..., "en": ...} (the one-line reasons of KX001).

    Numbers get the language's separators (ints as counts, floats with one decimal); a value
    with a ``text(lang)`` method (a nested reason, e.g. a safety refusal) is worded per language;
    anything else is inserted as str().
    """
    out: dict[str, str] = {}
    for lang, template in zip(("id", "en"), PHRASES[key], strict=True):
        filled = {}
        for k, v in values.items():
            if hasattr(v, "text") and callable(v.text):
                v = v.text(lang)
            elif isinstance(v, (int, float)) and not isinstance(v, bool):
                v = _plain_number(v, lang)
            filled[k] = v
        out[lang] = template.format(**filled)
    return out


class LocalizedReason(Exception):
    """An exception whose one-line reason exists in Indonesian and English (str() is English).

    Built either as ``Cls("english text")`` (no translation: text() gives it in every language)
    or as ``Cls.of("phrase-key", **values)`` from a PHRASES entry.
    """

    def __init__(
        self,
        message: str = "",
        *,
        key: str | None = None,
        params: dict[str, object] | None = None,
        texts: dict[str, str] | None = None,
    ):
        if key is not None and texts is None:
            texts = reason_texts(key, **(params or {}))
        if texts is not None and not message:
            message = texts["en"]
        super().__init__(message)
        self.key = key
        self.params = dict(params or {})
        self.texts = dict(texts) if texts else {"en": message}

    @classmethod
    def of(cls, key: str, /, **values: object):
        """The exception for a PHRASES key, worded in both languages."""
        return cls(key=key, params=values)

    def text(self, lang: str = "id") -> str:
        """The reason in the asked language (English when there is no translation)."""
        return self.texts.get(lang) or self.texts.get("en") or str(self)

    def __reduce__(self):
        # keyword arguments do not survive Exception's default pickling (--jobs workers)
        return (_rebuild_reason, (type(self), str(self), self.key, self.texts))


def _rebuild_reason(cls, message, key, texts):
    exc = cls.__new__(cls)
    LocalizedReason.__init__(exc, message, key=key, texts=texts)
    return exc


def phrase(name: str, key: str, **values: object) -> dict[str, str]:
    """Parameters ``<name>_id`` and ``<name>_en``: a PHRASES entry worded in both languages."""
    out: dict[str, str] = {}
    for lang, text in zip(("id", "en"), PHRASES[key], strict=True):
        filled = {
            k: format_number(v, lang) if isinstance(v, (int, float)) and not isinstance(v, bool) else v
            for k, v in values.items()
        }
        out[f"{name}_{lang}"] = text.format(**filled)
    return out


BY_SYMBOL: dict[str, Message] = {m.symbol: m for m in _ENTRIES}


def lookup(code_or_symbol: str) -> Message | None:
    """A catalogue entry by code (case-insensitive) or symbol."""
    key = code_or_symbol.strip()
    return CATALOGUE.get(key.upper()) or BY_SYMBOL.get(key.lower())


# Words the outputs print, in both languages.
UI: dict[str, dict[str, str]] = {
    "id": {
        "error": "galat",
        "warning": "peringatan",
        "info": "info",
        "ok": "tidak ada galat",
        "profile": "profil",
        "file": "berkas",
        "findings": "temuan",
        "verdict_errors": "ada galat",
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
        "wb_sheet": "Sheet",
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
        "status_errors": "ada galat",
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
        "fx_safe": "Aman",
        "fx_safe_yes": "aman",
        "fx_safe_no": "tidak aman",
        "fx_formula": "Rumus",
        "fx_manual": "Perbaiki manual",
        "fx_reason": "Alasan",
        "fx_none": "Tidak ada sel yang diperbaiki.",
        "fx_no_manual": "Tidak ada yang perlu diperbaiki manual.",
        "fx_comment": "diperbaiki: tertulis {old} -> {new} ({code})",
        "fx_nko": "NKO setelah perbaikan",
        "fx_nko_before": "NKO tertulis",
        "fx_fixable": "{n} temuan dapat diperbaiki otomatis: {cmd}",
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
        "fix-unsafe": "perbaikan tidak aman: jalankan dengan --unsafe-fixes",
        "fix-never-guessed": "tidak ditebak: perlu diperbaiki orang",
        "fix-upstream": "rumusnya benar tetapi membaca sel lain yang salah: perbaiki sel itu",
    }
)
UI["en"].update(
    {
        "fx_title": "Fixes by kinerja-xl",
        "fx_changes": "Cells fixed",
        "fx_old": "Reported",
        "fx_new": "Fixed",
        "fx_safe": "Safe",
        "fx_safe_yes": "safe",
        "fx_safe_no": "unsafe",
        "fx_formula": "Formula",
        "fx_manual": "Fix by hand",
        "fx_reason": "Reason",
        "fx_none": "No cell was fixed.",
        "fx_no_manual": "Nothing left to fix by hand.",
        "fx_comment": "fixed: was {old} -> {new} ({code})",
        "fx_nko": "NKO after the fixes",
        "fx_nko_before": "NKO reported",
        "fx_fixable": "{n} findings can be fixed automatically: {cmd}",
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
        "fix-unsafe": "unsafe fix: run with --unsafe-fixes",
        "fix-never-guessed": "never guessed: needs a person",
        "fix-upstream": "the formula is right but reads another wrong cell: fix that cell",
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
        "year_title": "Tahun sekilas: {unit} {year}",
        "year_note": "Nilai hitung ulang per triwulan, dari kiriman terakhir yang melaporkan triwulan itu "
        "(revisi menggantikan kiriman awal).",
        "year_code": "Kode",
        "year_name": "IKU",
        "year_source": "Berkas",
        "year_chart": "NKO per triwulan",
        "year_submissions": "Kiriman yang dibandingkan",
        "year_period": "Periode",
        "year_mtime": "Waktu berkas",
        "year_archived": "Arsip (--history)",
        "year_changes": "Temuan KX3xx",
        "yes": "ya",
        "no": "tidak",
    }
)
UI["en"].update(
    {
        "year_title": "The year at a glance: {unit} {year}",
        "year_note": "Recomputed Nilai per quarter, from the latest submission that reports the quarter "
        "(a revision replaces the original).",
        "year_code": "Code",
        "year_name": "IKU",
        "year_source": "File",
        "year_chart": "NKO per quarter",
        "year_submissions": "Submissions compared",
        "year_period": "Period",
        "year_mtime": "File time",
        "year_archived": "Archive (--history)",
        "year_changes": "KX3xx findings",
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
        "hl_verdict_errors": "{count}: NKO yang dilaporkan tidak dapat dipertanggungjawabkan sebelum diperbaiki.",
        "hl_verdict_warnings": "Tidak ada galat; {count} perlu diperiksa.",
        "hl_verdict_ok": "Bersih: angka yang dilaporkan sesuai hasil hitung ulang.",
    }
)
UI["en"].update(
    {
        "hl_written": "written",
        "hl_nko_both": "written {written}, recomputed {recomputed}",
        "hl_nko_recomputed": "recomputed {recomputed} (not written in the workbook)",
        "hl_verdict_errors": "{count}: the reported NKO cannot be relied on until they are corrected.",
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
        "db_marks": "! galat   ? peringatan   i info",
        "db_hint": "Angka bertanda: klik untuk membuka sel temuannya di lembar input. Kode IKU: klik untuk "
        "membuka bloknya.",
        "db_iku_name": "Nama IKU",
        "db_ss_name": "Nama Sasaran Strategis",
        "db_nko_matrix": "NKO dan predikat per periode",
        "db_nko_recomputed": "NKO hitung ulang",
        "db_nko_written": "NKO tertulis",
        "db_chart_nko": "NKO hitung ulang per periode",
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
        "db_chart_nko": "Recomputed NKO per period",
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
        "batch_where": "Sheet!Sel",
        "batch_chart": "NKO hitung ulang per unit (periode laporan)",
    }
)
UI["en"].update(
    {
        "batch_nko_reported": "NKO reported period",
        "batch_nko_written": "NKO Y written",
        "batch_where": "Sheet!Cell",
        "batch_chart": "Recomputed NKO per unit (reported period)",
    }
)


# Words of `kinerja-xl mail` and `watch` lines (str.format templates).
UI["id"].update(
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
UI["en"].update(
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
