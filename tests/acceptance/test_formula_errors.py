"""Acceptance (issue 17 item 7): a block of formulas as Excel saves it (cached results), one Capaian
formula broken to #REF! by a deleted column; its Nilai formula caches #REF! too."""

from __future__ import annotations

import json
from pathlib import Path

import xlsxwriter
from typer.testing import CliRunner

from acceptance.offices import PERIODS, period_values, standard_ikus
from kinerja_xl.cli import app

runner = CliRunner()


def formula_book(path: Path, broken: tuple[str, str]) -> Path:
    """Blocks whose Capaian (=R/T, or =R/T*100 in a row of points) and Nilai (=MIN(...,120)) are formulas."""
    ikus = [ik for ik in standard_ikus() if ik.pol == "Max"]
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("IKU")
    pct, two = wb.add_format({"num_format": "0.00%"}), wb.add_format({"num_format": "0.00"})
    ws.write("A1", "MONITORING IKU KPKNL CIREBON TAHUN 2024")
    r = 2
    for ik in ikus:
        ws.write(r, 0, "KPKNL CIREBON")
        ws.write(r, 1, f"Nama Sasaran Strategis : {ik.ss_name}")
        ws.write(r + 1, 1, f"Nama IKU : {ik.name} ({ik.code})")
        for i, label in enumerate(["T/R", "Q1", "Q2", "Sm.I", "Q3", "s.d. Q3", "Q4", "Y-24", "Pol/KP"]):
            ws.write(r + 2, i, label)
        for k, label in enumerate(["Target", "Realisasi", "Capaian", "Nilai Kinerja"]):
            ws.write(r + 3 + k, 0, label)
        ws.write(r + 3, 8, f"{ik.pol}/{ik.kp}")
        scale, fmt = (100, pct) if ik.pct else (1, two)
        times = "" if ik.pct else "*100"
        for j, p in enumerate(PERIODS):
            t, real, cap, n = period_values(ik, p)
            col = "BCDEFGH"[j]
            T, R, C = f"{col}{r + 4}", f"{col}{r + 5}", f"{col}{r + 6}"
            ws.write_number(T, t / scale, fmt)
            ws.write_number(R, real / scale, fmt)
            if (ik.code, p) == broken:
                ws.write_formula(C, f"=#REF!/{T}{times}", fmt, "#REF!")
                ws.write_formula(f"{col}{r + 7}", f"=MIN({C}{'*100' if ik.pct else ''},120)", two, "#REF!")
            else:
                ws.write_formula(C, f"={R}/{T}{times}", fmt, round(cap / scale, 8))
                ws.write_formula(f"{col}{r + 7}", f"=MIN({C}{'*100' if ik.pct else ''},120)", two, round(n, 8))
        r += 9
    wb.close()
    return path


def test_a_ref_error_is_kx010_naming_its_inputs_and_the_score_follows_t_and_r(tmp_path):
    path = formula_book(tmp_path / "kpknl-cirebon-2024-q4.xlsx", ("1b-CP", "Q3"))
    res = runner.invoke(app, ["check", str(path), "--no-annotate", "--format", "json", "--lang", "en"])
    (doc,) = json.loads(res.stdout)["files"]
    found = {f["cell"]: f["message"] for f in doc["findings"] if f["code"] == "KX010"}
    assert found == {
        "E17": "Cell holds the text '#REF!', not a number; treated as N/A. Its formula =#REF!/E15*100 reads E15 "
        "and a deleted reference (#REF!): check those cells.",
        "E18": "Cell holds the text '#REF!', not a number; treated as N/A. Its formula =MIN(E17,120) reads E17: "
        "check those cells.",
    }
    assert [f["code"] for f in doc["findings"] if f["code"] not in ("KX010", "KX207")] == []
    ikus = [ik for ik in standard_ikus() if ik.pol == "Max"]
    q3 = next(i for i in doc["ikus"] if i["code"] == "1b-CP")["periods"]["Q3"]
    assert round(q3["nilai"], 2) == round(period_values(ikus[1], "Q3")[3], 2)  # from T and R, not from #REF!
    # no summary table: perspectives unknown, NKO = the mean of the NSS (workbook-format.md section 2)
    nss: dict[int, list[float]] = {}
    for ik in ikus:
        nss.setdefault(ik.ss, []).append(period_values(ik, "Y")[3])
    assert doc["nko"]["Y"] == round(sum(sum(v) / len(v) for v in nss.values()) / len(nss), 2)
    for folder in (None, tmp_path / "again"):
        src = path if folder is None else tmp_path / "kpknl-cirebon-2024-q4.fixed.xlsx"
        res = runner.invoke(app, ["fix", str(src), "--lang", "en", *(["--out", str(folder)] if folder else [])])
        assert "0 cells fixed, 2 findings to fix by hand" in res.output
