"""The finding catalogue: code -> symbol, severity, Indonesian and English templates, docs.

Templates are ``str.format`` strings. Every finding fills ``iku``, ``period``, ``actual``,
``expected``, ``cell``, ``sheet``; a check may add its own parameters (named below).
Numbers are formatted per language (``132,63`` in Indonesian, ``132.63`` in English).
"""

from __future__ import annotations

from dataclasses import dataclass

from kinerja_xl.severity import Severity

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
        "{what} tertulis {actual}, seharusnya {expected}. Rata-rata tertimbang Nilai yang dilaporkan: {from_reported}.",
        "{what} written {actual}, should be {expected}. Weighted mean of the reported Nilai: {from_reported}.",
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

BY_SYMBOL: dict[str, Message] = {m.symbol: m for m in _ENTRIES}


def lookup(code_or_symbol: str) -> Message | None:
    """A catalogue entry by code (case-insensitive) or symbol."""
    key = code_or_symbol.strip()
    return CATALOGUE.get(key.upper()) or BY_SYMBOL.get(key.lower())
