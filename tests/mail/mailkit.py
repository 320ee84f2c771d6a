"""Helpers for the mail tests: hand-built check results, a fake api.check, a real SMTP server on 127.0.0.1."""

from __future__ import annotations

import functools
import socket
import warnings
from pathlib import Path

from kinerja_xl import mail
from kinerja_xl.analysis import analyse
from kinerja_xl.api import FileResult, RunResult
from kinerja_xl.config import Settings
from kinerja_xl.findings import Finding
from kinerja_xl.model import CellRef, Iku, IkuMeta, Value, Workbook
from kinerja_xl.profiles import load as load_profile


def make_iku(code: str, name: str, seksi: str | None, target: float, realisasi: float, row: int) -> Iku:
    """An IKU block with Q1..Q4 and Y target/realisasi, on sheet IKU starting at row."""
    iku = Iku(
        code=code,
        name=name,
        sheet="IKU",
        header_cell=CellRef("IKU", f"A{row}"),
        meta=IkuMeta(seksi=seksi),
        ss="1",
        perspective="Stakeholder",
    )
    cols = {"Q1": "B", "Q2": "C", "Sm.I": "D", "Q3": "E", "s.d. Q3": "F", "Q4": "G", "Y": "H"}
    for offset, rowname in enumerate(("target", "realisasi")):
        number = target if rowname == "target" else realisasi
        iku.rows[rowname] = {
            p: Value(CellRef("IKU", f"{c}{row + 1 + offset}"), number, "number") for p, c in cols.items()
        }
    return iku


def make_result(
    tmp: Path,
    *,
    unit: str = "KPKNL Serang",
    seksi_a: str | None = "Pelayanan Lelang",
    seksi_b: str | None = "Kepatuhan Internal",
    stem: str = "serang-q4",
    suffix: str = ".xlsx",
    src: Path | None = None,
    out_dir: Path | None = None,
) -> FileResult:
    """A FileResult of a two-section workbook with findings on each IKU and one on the summary.

    The input (src, written when missing) and its 'annotated' copy in out_dir (default tmp) are
    real files so attachments can be compared byte for byte.
    """
    src = src or tmp / f"{stem}{suffix}"
    if not src.exists():
        src.write_bytes(b"PK-input-" + stem.encode())
    ikus = [
        make_iku("1a-CP", "Persentase lelang laku", seksi_a, 100, 97.8, 10),
        make_iku("2a-CP", "Indeks kepatuhan", seksi_b, 100, 110, 20),
    ]
    wb = Workbook(path=str(src), ikus=ikus, year=2024, unit=unit, period="Q4")
    an = analyse(wb, load_profile("kmk-300-2022"))
    findings = [
        Finding(
            "KX101",
            CellRef("IKU", "G13"),
            iku="1a-CP",
            period="Q4",
            actual=132.63,
            expected=97.8,
            params={"formula": "R/T", "pol": "Max"},
        ),
        Finding(
            "KX102",
            CellRef("IKU", "G24"),
            iku="2a-CP",
            period="Q4",
            actual=68.8,
            expected=110,
            params={"reason": "capaian"},
        ),
        Finding("KX203", CellRef("Tabel 1", "E30"), period="Y", actual=115.67, expected=99.0),
    ]
    for f in findings:
        f.file = src.name
    out = (out_dir or tmp) / f"{src.stem}.checked{src.suffix}"
    out.write_bytes(b"PK\x03\x04annotated \x00\xff\r\n bytes of " + src.read_bytes())
    return FileResult(path=src, workbook=wb, analysis=an, profile=an.profile, findings=findings, output=out)


def write_marked(path: Path, kind: str = "checked") -> Path:
    """A minimal package carrying kinerja-xl's marker (custom document property), as our outputs do."""
    import zipfile

    from kinerja_xl import outputs

    rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        f'relationships"><Relationship Id="rId1" Type="{outputs.CUSTOM_PROPS_REL}" Target="docProps/custom.xml"/>'
        "</Relationships>"
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("_rels/.rels", rels)
        z.writestr("docProps/custom.xml", outputs.with_marker(None, kind))
    return path


class FakeCheck:
    """Stands in for api.check: a file whose content starts with b'BAD' is unreadable."""

    def __init__(self, **kwargs):
        self.calls: list[Path] = []
        self.kwargs = kwargs

    def __call__(self, paths, settings=None, progress=None, **_: object) -> RunResult:
        files = []
        for raw in paths:
            path = Path(raw)
            self.calls.append(path)
            if path.read_bytes().startswith(b"BAD"):
                files.append(FileResult(path=path, error="not a zip file"))
                continue
            out_dir = settings.out_dir if settings and settings.out_dir else path.parent
            out_dir.mkdir(parents=True, exist_ok=True)
            files.append(make_result(path.parent, src=path, out_dir=out_dir, **self.kwargs))
        return RunResult(files=files, settings=settings or Settings())


class Collector:
    """An aiosmtpd handler keeping every envelope; refuses the addresses in `refuse` with 550."""

    def __init__(self, refuse: tuple[str, ...] = ()):
        self.envelopes = []
        self.refuse = {a.lower() for a in refuse}

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.refuse:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SmtpServer:
    """A running aiosmtpd Controller and its collector."""

    def __init__(self, refuse=(), auth: tuple[str, str] | None = None, starttls=None, implicit_tls=None):
        from aiosmtpd.controller import Controller
        from aiosmtpd.smtp import AuthResult

        self.handler = Collector(refuse)
        self.logins: list[str] = []
        kwargs = {}
        if auth:

            def authenticator(server, session, envelope, mechanism, auth_data):
                ok = (auth_data.login.decode(), auth_data.password.decode()) == auth
                if ok:
                    self.logins.append(auth_data.login.decode())
                return AuthResult(success=ok, handled=False)

            kwargs = {"authenticator": authenticator, "auth_required": True, "auth_require_tls": starttls is not None}
        if starttls is not None:  # an ssl.SSLContext: STARTTLS offered and required
            kwargs.update(tls_context=starttls, require_starttls=True)
        if implicit_tls is not None:  # an ssl.SSLContext: TLS from the first byte (port 465 style)
            kwargs["ssl_context"] = implicit_tls
        # aiosmtpd's start() connects to its own port, so port=0 cannot be used: ask the OS for one.
        with warnings.catch_warnings():
            # AUTH without TLS is what we want on 127.0.0.1; aiosmtpd warns about it.
            warnings.simplefilter("ignore", UserWarning)
            self.controller = Controller(self.handler, hostname="127.0.0.1", port=_free_port(), **kwargs)

    def __enter__(self) -> SmtpServer:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.controller.stop()

    @property
    def port(self) -> int:
        return self.controller.port

    def smtp_table(self, **extra) -> dict:
        return {
            "host": "127.0.0.1",
            "port": self.port,
            "security": "none",
            "from": "kinerja@kpknl.example.id",
            "timeout": 5,
            **extra,
        }


def write_sectioned_workbook(path: Path, *, unit: str = "KPKNL SERANG", wrong_capaian: bool = True) -> Path:
    """A real two-IKU workbook whose blocks carry `Seksi :` label rows (openpyxl, documented layout).

    1a-CP belongs to Pelayanan Lelang, 2a-N to Kepatuhan Internal. With wrong_capaian,
    1a-CP Capaian Q4 (cell G9) reads 132,63 where R/T x 100 = 97,80 (KX101).
    """
    import openpyxl
    from workbooks import write_block

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "IKU"
    ws["A1"] = f"MONITORING CAPAIAN IKU {unit} TAHUN 2024"
    labels = ["Q1", "Q2", "Sm.I", "Q3", "s.d. Q3", "Q4", "Y-24"]
    ikus = [
        ("1a-CP", "Persentase pokok lelang laku", "Pelayanan Lelang", [100] * 7, [90, 100, 100, 110, 110, 97.8, 97.8]),
        ("2a-N", "Indeks kepuasan layanan", "Kepatuhan Internal", [80] * 7, [80, 40, 40, 80, 80, 88, 88]),
    ]
    for n, (code, name, seksi, target, real) in enumerate(ikus):
        caps = [round(r / t * 100, 2) for t, r in zip(target, real, strict=False)]
        write_block(
            ws,
            3 + n * 9,
            unit=unit,
            labels=[f"Seksi : {seksi}"],
            ss=f"Nama Sasaran Strategis : SS {code}",
            name=f"Nama IKU : {name} ({code})",
            header=["T/R", *labels, "Pol/ K P"],
            values={"target": target, "realisasi": real, "capaian": caps, "nilai": [min(c, 120) for c in caps]},
        )
    if wrong_capaian:
        ws["G9"] = 132.63
    wb.save(path)
    return path


def self_signed_cert(folder: Path) -> tuple[Path, Path]:
    """(cert, key) for 127.0.0.1, made with the openssl command."""
    import subprocess

    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


@functools.cache
def shipped_templates():
    """The jinja2 environment of the shipped templates, made once per session: a template is then
    compiled the first time a test renders it, as in one long watch session, not once per test
    (a test of its own --templates makes its own environment)."""
    return mail.template_env()
