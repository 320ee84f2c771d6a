"""Phrases picked by key: the one-line reasons of KX001 and the reason parameters of findings,
in Indonesian and English, and the exception that carries such a reason."""

from __future__ import annotations

from typing import Any, Self

from kinerja_xl.numbers import format_count, format_number

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
    "min-worst-wrong-side": (
        "realisasi terburuk {worst} berada di sisi yang salah dari target 0 pada IKU Min (harus di atasnya)",
        "realisasi terburuk {worst} is on the wrong side of target 0 on a Min IKU (must be above it)",
    ),
    # KX010 hint: a formula error value names the formula's inputs (empty for plain text)
    "no-hint": ("", ""),
    "formula-inputs": (
        " Rumusnya {formula} membaca {inputs}: periksa sel-sel itu.",
        " Its formula {formula} reads {inputs}: check those cells.",
    ),
    "formula-inputs-deleted": (
        " Rumusnya {formula} membaca {inputs} dan rujukan yang sudah terhapus (#REF!): periksa sel-sel itu.",
        " Its formula {formula} reads {inputs} and a deleted reference (#REF!): check those cells.",
    ),
    "formula-deleted": (
        " Rumusnya {formula} merujuk sel yang sudah terhapus (#REF!): tulis ulang rumusnya.",
        " Its formula {formula} refers to a deleted cell (#REF!): write the formula again.",
    ),
    "formula-no-inputs": (
        " Rumusnya {formula} tidak membaca sel lain: periksa rumusnya.",
        " Its formula {formula} reads no other cell: check the formula.",
    ),
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
            "kesalahan internal saat membaca ({kind}: {detail})",
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
            "kesalahan internal saat memeriksa ({kind}: {detail})",
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
                v = format_count(v, lang)
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
    def of(cls, key: str, /, **values: object) -> Self:
        """The exception for a PHRASES key, worded in both languages."""
        return cls(key=key, params=values)

    def text(self, lang: str = "id") -> str:
        """The reason in the asked language (English when there is no translation)."""
        return self.texts.get(lang) or self.texts.get("en") or str(self)

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # keyword arguments do not survive Exception's default pickling (--jobs workers)
        return (_rebuild_reason, (type(self), str(self), self.key, self.texts))


def _rebuild_reason(
    cls: type[LocalizedReason], message: str, key: str | None, texts: dict[str, str]
) -> LocalizedReason:
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


# The run (kinerja_xl.run): a named folder with nothing to check, a --jobs worker that stopped.
PHRASES.update(
    {
        "write-cannot-patch": (
            "bentuk paket workbook ini tidak dapat ditambal ({detail})",
            "the package cannot be patched ({detail})",
        ),
        "run-no-workbook": ("tidak ada workbook di {folder}", "no workbook in {folder}"),
        "run-reread-failed": (
            "berkas tidak dapat dibaca lagi untuk salinannya (berubah atau terhapus selama pemeriksaan?)",
            "the file cannot be read again for its copy (changed or removed during the check?)",
        ),
        "run-worker-died": (
            "proses pekerja berhenti mendadak ({detail}); periksa berkas ini lagi tanpa --jobs",
            "the worker process stopped unexpectedly ({detail}); check this file again without --jobs",
        ),
    }
)
