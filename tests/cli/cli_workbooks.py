"""Small IKU monitoring workbooks written with openpyxl in the documented layout, for the check tests."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from workbooks import write_block

PERIOD_LABELS = ["Q1", "Q2", "Sm.I", "Q3", "s.d. Q3", "Q4", "Y-24"]
# Two IKU, TLK: consolidated columns repeat the last quarter. Capaian = R/T x 100, Nilai = Capaian.
IKU_1A = {
    "code": "1a-CP",
    "ss": "1",
    "ss_name": "Terwujudnya lelang yang optimal",
    "name": "Persentase pokok lelang laku",
    "target": [100] * 7,
    "realisasi": [90, 100, 100, 110, 110, 100, 100],
}
IKU_2A = {
    "code": "2a-N",
    "ss": "2",
    "ss_name": "Proses bisnis yang efektif",
    "name": "Indeks kepuasan layanan",
    "target": [80] * 7,
    "realisasi": [80, 40, 40, 80, 80, 88, 88],
}
# Recomputed NKO of the clean workbook (perspectives 50/50): Q1 (90+100)/2, Y (100+110)/2.
NKO_Q1, NKO_Y = 95.0, 105.0


def write_workbook(
    path: Path,
    *,
    unit: str = "KPKNL CONTOH",
    year: int = 2024,
    year_label: str = "Y-24",
    capaian: dict | None = None,
    nilai: dict | None = None,
) -> Path:
    """Write a clean two-IKU workbook; ``capaian``/``nilai`` override cells: {(code, col_index): value}."""
    capaian, nilai = capaian or {}, nilai or {}
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "IKU"
    ws["A1"] = f"MONITORING CAPAIAN IKU {unit} TAHUN {year}"
    labels = [*PERIOD_LABELS[:-1], year_label]
    summary_rows = []
    for n, iku in enumerate((IKU_1A, IKU_2A)):
        caps = [round(real / t * 100, 2) for t, real in zip(iku["target"], iku["realisasi"], strict=False)]
        write_block(
            ws,
            3 + n * 8,
            unit=unit,
            ss=f"Nama Sasaran Strategis : {iku['ss_name']}",
            name=f"Nama IKU : {iku['name']} ({iku['code']})",
            header=["T/R", *labels, "Pol/ K P"],
            values={
                "target": iku["target"],
                "realisasi": iku["realisasi"],
                "capaian": [capaian.get((iku["code"], j), c) for j, c in enumerate(caps)],
                "nilai": [nilai.get((iku["code"], j), min(c, 120)) for j, c in enumerate(caps)],
            },
        )
        summary_rows.append(
            (iku, iku["target"][6], iku["realisasi"][6], round(iku["realisasi"][6] / iku["target"][6] * 100, 2))
        )
    ts = wb.create_sheet("Tabel1")
    ts.append(["Kode SS/IKU", "Sasaran Strategis/Indikator Kinerja Utama", "Target", "Realisasi", "Nilai"])
    for persp, (iku, t, real, n) in zip(
        ("Stakeholder Perspective (50%)", "Internal Process Perspective (50%)"), summary_rows, strict=False
    ):
        ts.append([persp])
        ts.append([iku["ss"], iku["ss_name"]])
        ts.append([iku["code"], iku["name"], t, real, n])
    ts.append(["Nilai Kinerja Organisasi (NKO)", None, None, None, NKO_Y])
    wb.save(path)
    return path


def write_error(path: Path) -> Path:
    """1a-CP Q4 (column index 5, cell G8): Capaian 132,63 and Nilai 120 where R/T x 100 = 100."""
    return write_workbook(path, capaian={("1a-CP", 5): 132.63}, nilai={("1a-CP", 5): 120})


def write_warning(path: Path) -> Path:
    """A 2024 report whose blocks say Y-22: only warnings (KX004)."""
    return write_workbook(path, year_label="Y-22")


def write_broken(path: Path) -> Path:
    """A file named .xlsx that is not a workbook."""
    path.write_text("this is not a workbook\n", encoding="utf-8")
    return path
