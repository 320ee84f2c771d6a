"""Unit names: how two spellings of one office compare, and which texts never name a unit. Pure.

A unit is the office a workbook reports on (``KPKNL SERANG``). Offices write their name in short
and long forms and in any case: ``KPKNL Serang``, ``Kantor Pelayanan Kekayaan Negara dan Lelang
Serang``. ``unit_key`` maps every spelling of one office to one key; history groups submissions
by it and a Kanwil's recap tells its units apart by it. A caption (``Tabel 1. Capaian ...``), a
generic title (``LAPORAN KINERJA TAHUN 2024``) or a sheet name is never a unit (``is_caption``,
``is_generic``).
"""

from __future__ import annotations

import re

# Long forms of office names and the short form they compare as (lower case, words only).
_LONG_FORMS: tuple[tuple[str, str], ...] = (
    ("kantor pelayanan kekayaan negara dan lelang", "kpknl"),
    ("kantor pengawasan dan pelayanan bea dan cukai", "kppbc"),
    ("kantor pengawasan dan pelayanan bea cukai", "kppbc"),
    ("kantor pelayanan utama bea dan cukai", "kpubc"),
    ("kantor pelayanan perbendaharaan negara", "kppn"),
    ("kantor pelayanan pajak", "kpp"),
    ("kantor wilayah", "kanwil"),
    ("direktorat jenderal kekayaan negara", "djkn"),
    ("direktorat jenderal bea dan cukai", "djbc"),
    ("direktorat jenderal perbendaharaan", "djpb"),
    ("direktorat jenderal pajak", "djp"),
    ("tipe madya pabean", "tmp"),
    ("tipe madya cukai", "tmc"),
)
_LONG = [(re.compile(rf"(?<![0-9a-z]){re.escape(long)}(?![0-9a-z])"), short) for long, short in _LONG_FORMS]
_WORDS = re.compile(r"[0-9a-z]+")
# A caption or table label is no unit: 'Tabel 1. Capaian ...', 'Lampiran 2', 'Gambar 3'.
_CAPTION = re.compile(r"^\s*(tabel|table|gambar|grafik|lampiran|figure|chart)\b", re.IGNORECASE)
# A period written as one word ('tw4', 'q3', 'smt1', 'y24'): no office's name.
_PERIOD = re.compile(r"(q|tw|trw|triwulan|smt|sm|s|y)(iv|iii|ii|i|\d{1,4})")
# Words that say nothing about which office a text is about (left after the title words go).
_GENERIC_WORDS = (
    "tabel table no nomor rekap rekapitulasi ringkasan hasil data final revisi rev draft salinan copy "
    "kirim baru lama arsip fix versi ver v dan atas untuk per sd s d of the "
    # words of a summary table's header row ('Sasaran Strategis/Indikator Kinerja Utama')
    "kode sasaran strategis ss target realisasi nilai uraian nama perspektif perspective "
    # words of a report's kind ('Perjanjian Kinerja', 'Nilai Kinerja Organisasi (NKO)', LAKIP)
    "perjanjian rencana tahunan organisasi nko nss np pk rkt akuntabilitas instansi pemerintah lakip"
)
_GENERIC = frozenset(_GENERIC_WORDS.split())


def unit_key(name: str | None) -> str:
    """The comparable form of a unit name: case, spacing, punctuation and long office forms ignored.

    'Kantor Pelayanan Kekayaan Negara dan Lelang  Serang' and 'KPKNL SERANG' give 'kpknl serang';
    '' when the name is empty.
    """
    text = " ".join(_WORDS.findall((name or "").casefold()))
    for pattern, short in _LONG:
        text = pattern.sub(short, text)
    return text


def is_caption(text: str | None) -> bool:
    """True for a table or figure caption ('Tabel 1. Capaian IKU')."""
    return bool(_CAPTION.match(text or ""))


def is_generic(rest: str | None) -> bool:
    """True when a text (a title without its report words) names no office: empty, numbers, or
    generic words only ('Tabel 1', 'rekap final')."""
    words = _WORDS.findall((rest or "").casefold())
    return not any(w not in _GENERIC and not w.isdigit() and len(w) > 1 and not _PERIOD.fullmatch(w) for w in words)


__all__ = ["is_caption", "is_generic", "unit_key"]
