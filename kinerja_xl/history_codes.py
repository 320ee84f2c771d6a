"""Finding codes across submissions of one unit and year (KX3xx), declared once here: reported by
kinerja_xl.history. Each compares a file with the unit's previous submission; {previous_file} and
{previous_period} name it.
"""

from __future__ import annotations

from kinerja_xl.messages import Message
from kinerja_xl.severity import Severity

MESSAGES: tuple[Message, ...] = (
    Message(
        code="KX301",
        symbol="history-value-changed",
        severity=Severity.WARNING,
        title_id="nilai periode yang sudah dilaporkan berubah dibanding kiriman sebelumnya",
        title_en="a value of an already reported period changed since the previous submission",
        template_id="{row} {period} berubah dari {old} (di {previous_file}, laporan {previous_period}) menjadi {new}.",
        template_en="{row} {period} changed from {old} (in {previous_file}, report {previous_period}) to {new}.",
        doc="A period both files report (Q1..Q3, Sm.I, s.d. Q3 of a later report; every period of a revised "
        "file) should keep its Target, Realisasi, Capaian and Nilai. A change may be a correction, "
        "but one of the two files is wrong: a person must confirm it. A change that only follows "
        "from another one (a roll-up of a changed quarter, a capaian of a changed realisasi) is not "
        "repeated.\nBad: Realisasi Q1 95 in the Q1 file, 88 in the Q3 file.\n"
        "Good: Realisasi Q1 95 in both, or the revision explained to the inspector.",
    ),
    Message(
        code="KX302",
        symbol="history-future-target-changed",
        severity=Severity.WARNING,
        title_id="target periode mendatang berubah dibanding kiriman sebelumnya",
        title_en="a target of a future period changed since the previous submission",
        template_id="Target {period} berubah dari {old} (di {previous_file}, laporan {previous_period}) menjadi {new}; "
        "target ditetapkan dalam PK dan hanya berubah dengan revisi PK.",
        template_en="Target {period} changed from {old} (in {previous_file}, report {previous_period}) to {new}; "
        "targets are set in the PK and change only with a revised PK.",
        doc="The targets of periods not yet reported were set in the Perjanjian Kinerja at the start of "
        "the year. A target raised or cut mid-year needs a revised PK. A target left blank before "
        "and filled in now is not reported.\nBad: Target Q4 100 in the Q2 file, 90 in the Q3 file.\n"
        "Good: the PK's target in every file of the year.",
    ),
    Message(
        code="KX303",
        symbol="history-iku-missing",
        severity=Severity.WARNING,
        title_id="IKU dari kiriman sebelumnya tidak ada",
        title_en="an IKU of the previous submission is missing",
        template_id="IKU {iku} ({name}) ada di {previous_file} (laporan {previous_period}) "
        "tetapi tidak ada di berkas ini.",
        template_en="IKU {iku} ({name}) is in {previous_file} (report {previous_period}) but not in this file.",
        doc="The IKU of a unit are those of its PK for the whole year. An IKU that disappears drops out "
        "of NSS and NKO.\nBad: 5a-CP in the Q2 file, no 5a-CP block in the Q3 file.\n"
        "Good: every IKU of the PK in every file (N/A where there is no realisasi yet).",
    ),
    Message(
        code="KX304",
        symbol="history-iku-new",
        severity=Severity.WARNING,
        title_id="IKU baru dibanding kiriman sebelumnya",
        title_en="an IKU not in the previous submission",
        template_id="IKU {iku} tidak ada di {previous_file} (laporan {previous_period}); baru di berkas ini.",
        template_en="IKU {iku} is not in {previous_file} (report {previous_period}); it is new in this file.",
        doc="An IKU that appears mid-year needs a revised PK, or its code or name was changed (the IKU "
        "are matched by code, else by name).\nBad: 9a-N in the Q4 file only.\n"
        "Good: the same IKU, with the same codes, in every file of the year.",
    ),
    Message(
        code="KX305",
        symbol="history-polkp-changed",
        severity=Severity.WARNING,
        title_id="Pol/KP berubah dibanding kiriman sebelumnya",
        title_en="Pol/KP changed since the previous submission",
        template_id="Pol/KP berubah dari {old} (di {previous_file}, laporan {previous_period}) menjadi {new}.",
        template_en="Pol/KP changed from {old} (in {previous_file}, report {previous_period}) to {new}.",
        doc="Polarisasi and konsolidasi decide how every period of an IKU is scored; they come from the "
        "IKU manual and stay the same all year. A change re-scores earlier periods.\n"
        "Bad: Max/TLK in the Q2 file, Max/Sum in the Q3 file.\nGood: Max/TLK in both.",
    ),
    Message(
        code="KX306",
        symbol="history-cumulative-decrease",
        severity=Severity.WARNING,
        title_id="realisasi kumulatif turun dibanding kiriman sebelumnya",
        title_en="cumulative realisasi lower than in the previous submission",
        template_id="Realisasi kumulatif {period} {actual} lebih rendah daripada {old} pada laporan {previous_period} "
        "(di {previous_file}); nama IKU ini menyatakan kumulatif sehingga realisasinya tidak turun.",
        template_en="Cumulative realisasi {period} {actual} is lower than {old} in report {previous_period} "
        "(in {previous_file}); this IKU's name says it is cumulative, so its realisasi does not go down.",
        doc="Under TLK a quarter holds the figure 's.d.' that quarter. When the IKU's name says it is "
        "cumulative (`s.d. Triwulan`, `kumulatif`), a later report cannot have less.\n"
        "Bad: 'Jumlah berkas s.d. triwulan' 40 in the Q2 report, 35 in the Q3 report.\n"
        "Good: 40 then 52.",
    ),
    Message(
        code="KX307",
        symbol="history-period-unknown",
        severity=Severity.WARNING,
        title_id="periode laporan tidak diketahui; tidak dibandingkan",
        title_en="reported period unknown; not compared",
        template_id="Periode laporan berkas ini tidak diketahui, sehingga berkas ini tidak dapat diurutkan dengan "
        "{count} kiriman lain unit {unit} tahun {year} dan tidak dibandingkan.",
        template_en="This file's reported period is unknown, so it cannot be ordered with the {count} other "
        "submission(s) of {unit} {year} and was not compared.",
        doc="Submissions are ordered by the quarter they report: from the file name or title (`Q3`, "
        "`TW III`, `Triwulan III`), else the last quarter with a Realisasi.\n"
        "Bad: laporan.xlsx with no Realisasi and no quarter in its name or title.\n"
        "Good: laporan-2024-tw1.xlsx.",
    ),
    Message(
        code="KX308",
        symbol="history-unorderable",
        severity=Severity.WARNING,
        title_id="dua kiriman tidak dapat diurutkan; tidak dibandingkan",
        title_en="two submissions cannot be ordered; not compared",
        template_id="Berkas ini dan {other_file} sama-sama laporan {period} unit {unit} tahun {year} dengan waktu "
        "ubah yang sama; mana yang lebih baru tidak dapat ditentukan, sehingga keduanya tidak "
        "dibandingkan satu sama lain.",
        template_en="This file and {other_file} both report {period} of {unit} {year} and have the same modification "
        "time; which one is newer cannot be told, so they were not compared with each other.",
        doc="Two files of one unit, year and quarter are ordered by their modification time (a revised "
        "file is the newer one). With equal times kinerja-xl does not guess.\n"
        "Bad: q3.xlsx and q3-revisi.xlsx copied with the same time stamp.\n"
        "Good: keep the original in the archive (--history) and check the revision.",
    ),
)
