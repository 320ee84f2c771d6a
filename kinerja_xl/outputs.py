"""Where kinerja-xl writes its files, and how it knows a file is its own.

**The marker.** Every workbook kinerja-xl writes (annotated copy, ringkasan-batch.xlsx) carries a
custom document property named ``kinerja-xl`` whose value is the kind of file (``checked``,
``batch``). It lives in ``docProps/custom.xml``, the part behind Excel's *File > Properties >
Custom* and LibreOffice's *File > Properties > Custom Properties*; both keep it when they re-save
the file. A file is ours only when it carries the marker: a name that merely looks like ours
(``x.checked.xlsx``, ``ringkasan-batch.xlsx``) is somebody's input and is never overwritten.

**The names.** The annotated copy of ``q4.xlsx`` is ``q4.checked.xlsx`` beside it or in
``--out``. Within one run no two inputs share an output: a later input whose name is taken (by an
earlier input's output, by an input of the run, or by a file that is not ours) gets ``q4-2.checked.xlsx``,
``q4-3...``, in input order, after every input that can have its plain name got it. A re-run
gives the same names and replaces its own earlier files (they carry the marker). Names are kept
within NAME_BYTES bytes of UTF-8, far below the 255 of common file systems, so the
``-N`` counter and the temporary file fit too; a name cut short keeps its ``.checked.xlsx`` and
gets ``~`` and 8 hex digits of a hash of the whole stem, so two long names stay distinct.

**The files.** ``atomic_write``/``publish`` write through a temporary file in the target folder,
then rename; the result gets the permissions of any new file (0666 less the umask), not the 0600
of a temporary file, so colleagues on a shared folder can open it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
import zipfile
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from pathlib import Path

from kinerja_xl import claims
from kinerja_xl.claims import _CLAIMS, _PENDING, claim_file, ctrl_c_held, release_claim
from kinerja_xl.perf import InOrder

PROPERTY = "kinerja-xl"  # the custom document property that marks our files
KIND_CHECKED = "checked"
KIND_BATCH = "batch"
KIND_FIXED = "fixed"  # the corrected copy of `kinerja-xl fix`
CHECKED_TAG = ".checked"
FIXED_TAG = ".fixed"
# kind of per-input output -> the tag before its suffix (q4.checked.xlsx, q4.fixed.xlsx)
TAGS: dict[str, str] = {KIND_CHECKED: CHECKED_TAG, KIND_FIXED: FIXED_TAG}
BATCH_STEM = "ringkasan-batch"
BATCH_NAME = BATCH_STEM + ".xlsx"
NAME_BYTES = 200  # longest output name we make, UTF-8 bytes (file systems allow 255)
LOCK_PREFIX = "~$"  # Excel's lock files
CUSTOM_PROPS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
_MAX_MARKER_PART = 1 << 20  # docProps/custom.xml larger than this is not read for the marker

# --- names ---------------------------------------------------------------------------------


def _nbytes(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


def fit_name(stem: str, tail: str, limit: int = NAME_BYTES) -> str:
    """``stem + tail`` within ``limit`` UTF-8 bytes; ``tail`` (``.checked.xlsx``, ``-2.eml``) is always kept.

    A stem that does not fit is cut on a character boundary and followed by ``~`` and 8 hex
    digits of a hash of the whole stem: predictable, and distinct for stems that share a prefix.
    """
    if _nbytes(stem + tail) <= limit:
        return stem + tail
    digest = hashlib.sha1(stem.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    budget = max(limit - _nbytes(tail) - 9, 1)
    cut, used = [], 0
    for ch in stem:
        used += _nbytes(ch)
        if used > budget:
            break
        cut.append(ch)
    return "".join(cut).rstrip(" ._-") + "~" + digest + tail


def clean_stem(stem: str, default: str = "workbook") -> str:
    """A stem from untrusted text made safe for a file name (safety.safe_output_name, no length cut)."""
    from kinerja_xl.safety import safe_output_name

    # A lone surrogate (a file name that was not valid UTF-8) would make an unprintable name.
    text = re.sub("[\ud800-\udfff]", "_", stem)
    return safe_output_name(text, default=default, limit=1 << 30)


def output_parts(path: Path, kind: str = KIND_CHECKED) -> tuple[str, str]:
    """(stem, tail) of an output of ``path``: ``q4``, ``.checked.xlsx`` (``.xlsm`` stays ``.xlsm``).

    ``kind`` picks the tag from TAGS (a new per-input output, say ``fix``'s, adds its own there).
    """
    suffix = path.suffix if path.suffix.lower() in (".xlsx", ".xlsm") else ".xlsx"
    return clean_stem(path.stem), TAGS[kind] + suffix


def checked_parts(path: Path) -> tuple[str, str]:
    """(stem, tail) of the annotated copy of ``path``."""
    return output_parts(path, KIND_CHECKED)


def checked_name(path: Path) -> str:
    """The plain name of the annotated copy of ``path`` (before any ``-N`` a run may need)."""
    return fit_name(*checked_parts(path))


def numbered(stem: str, tail: str, n: int, limit: int = NAME_BYTES) -> str:
    """The n-th candidate name: ``stem + tail`` for n = 1, then ``stem-2 + tail``, ..."""
    return fit_name(stem, tail if n == 1 else f"-{n}{tail}", limit)


# --- the marker ----------------------------------------------------------------------------


def package_marker(path: Path) -> str | None:
    """The kind of kinerja-xl file ``path`` is (``checked``, ``batch``, ...) or None when it is not ours.

    Reads the package's root relationships and custom properties part only, each at most 1 MiB
    uncompressed (any file may stand at an output path); never raises (an unreadable file is not ours).
    """
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            part = "docProps/custom.xml"
            if "_rels/.rels" in names and z.getinfo("_rels/.rels").file_size <= _MAX_MARKER_PART:
                rels = z.read("_rels/.rels").decode("utf-8", "replace")
                for tag in re.findall(r"<Relationship\b[^>]*>", rels):
                    if CUSTOM_PROPS_REL in tag:
                        m = re.search(r'Target\s*=\s*"([^"]*)"', tag)
                        if m:
                            part = m.group(1).lstrip("/")
            if part not in names or z.getinfo(part).file_size > _MAX_MARKER_PART:
                return None
            text = z.read(part).decode("utf-8", "replace")
    except (OSError, zipfile.BadZipFile, ValueError, KeyError, RuntimeError, EOFError, NotImplementedError):
        return None
    return marker_in(text)


def marker_in(custom_xml: str) -> str | None:
    """Our marker's value in the text of a custom properties part, or None."""
    pattern = r'<property\b[^>]*\bname\s*=\s*"' + re.escape(PROPERTY) + r'"[^>]*>(.*?)</property>'
    m = re.search(pattern, custom_xml, re.S)
    if m is None:
        return None
    value = re.search(r"<(?:\w+:)?lpwstr>(.*?)</(?:\w+:)?lpwstr>", m.group(1), re.S)
    return value.group(1).strip() if value else ""


def is_ours(path: Path, kind: str | None = None) -> bool:
    """Whether ``path`` is a file kinerja-xl wrote (of that kind, when given)."""
    found = package_marker(path)
    if found is None and looks_like_output(path):
        found = legacy_kind(path)
    return found is not None and (kind is None or found == kind)


def legacy_kind(path: Path) -> str | None:
    """The kind of an output written before the marker existed, recognised by its content, else None.

    An annotated copy: sheets ``Ringkasan`` and ``Temuan`` and a comment by ``kinerja-xl``; a batch
    summary: the sheet ``Ringkasan Batch`` first, alone (older versions) or followed by ``Temuan Batch``
    (a re-save that dropped the marker). Only asked for files named like our outputs, so upgrading
    does not turn last run's ``q4.checked.xlsx`` into a file we must not replace.
    """
    try:
        with zipfile.ZipFile(path) as z:
            infos = {i.filename: i for i in z.infolist()}

            def text(name: str) -> str:
                info = infos.get(name)
                if info is None or info.file_size > _MAX_MARKER_PART:
                    return ""
                return z.read(info).decode("utf-8", "replace")

            sheets = re.findall(r'<sheet\b[^>]*\bname="([^"]*)"', text("xl/workbook.xml"))
            if sheets[:1] == ["Ringkasan Batch"] and (len(sheets) == 1 or sheets[1] == "Temuan Batch"):
                return KIND_BATCH
            if {"Ringkasan", "Temuan"} <= set(sheets) and any(
                "<author>kinerja-xl</author>" in text(n) for n in infos if re.fullmatch(r"xl/comments\d*\.xml", n)
            ):
                return KIND_CHECKED
    except (OSError, zipfile.BadZipFile, ValueError, KeyError, RuntimeError, EOFError, NotImplementedError):
        return None
    return None


def looks_like_output(path: Path) -> bool:
    """A name kinerja-xl gives its outputs: ``*.checked.*`` (any tag of TAGS) or ``ringkasan-batch*.xlsx``."""
    name = path.name.casefold()
    return any(tag + "." in name for tag in TAGS.values()) or (name.startswith(BATCH_STEM) and name.endswith(".xlsx"))


def is_own_output(path: Path) -> bool:
    """An Excel lock file, or one of our outputs: named like one AND carrying the marker."""
    if path.name.startswith(LOCK_PREFIX):
        return True
    return looks_like_output(path) and is_ours(path)


# --- one run's output paths ----------------------------------------------------------------


def path_key(path: Path) -> str:
    """How two paths are compared: absolute, and case-folded (shared folders are often case-insensitive)."""
    return os.path.normcase(os.path.abspath(path)).casefold()


class OutputPlan:
    """The output paths of one run: no two outputs share a path, none overwrites an input or a file not ours.

    A long-running watcher keeps one plan for its whole session.
    """

    def __init__(self, inputs: Iterable[Path] = (), *, keep_existing: bool = False, exclusive: bool = False):
        self.claimed: set[str] = set()
        self.inputs: set[str] = {path_key(p) for p in inputs}
        # True: never replace any existing file, even ours (a watcher's outbox keeps every copy)
        self.keep_existing = keep_existing
        # True: each name is also claimed on disk, atomically, against other runs (see claim_file)
        self.exclusive = exclusive
        self.claims: list[Path] = []  # this run's claim files, removed by release()
        self.before: dict[str, claims.FolderState] = {}  # folder -> its outputs of ours as the run began

    def add_inputs(self, inputs: Iterable[Path]) -> None:
        self.inputs.update(path_key(p) for p in inputs)

    def free(self, path: Path, kind: str, reserved: AbstractSet[str] = frozenset()) -> bool:
        """Whether this run may write ``path``: not claimed, not an input, and absent or ours of that kind.

        With ``exclusive`` the name is then also claimed on disk (claim_file): a run at the same
        time into the same folder never gets it, so the file at ``path`` stays this run's own.
        """
        key = path_key(path)
        if key in self.claimed or key in self.inputs or key in reserved:
            return False
        if self.exclusive:
            claim = claim_file(path)
            if claim is None:
                return False
            self.claims.append(claim)  # first: a Ctrl-C from here on still releases it (release)
            if not self._writable(path, kind):
                self.claims.pop()
                release_claim(claim)
                return False
            return True
        return self._writable(path, kind)

    def note_folders(self, folders: Iterable[Path]) -> None:
        """Note the outputs of ours each folder holds as the run begins (once per folder; _writable)."""
        for folder in folders:
            if path_key(folder) not in self.before:
                self.before[path_key(folder)] = claims.folder_state(folder, lambda name: looks_like_output(Path(name)))

    def _writable(self, path: Path, kind: str) -> bool:
        """Absent, or a file of ours of that kind; in a folder noted as the run began, one that was
        there then, unchanged. One written since is another run's (into the same folder at the same
        time, done before this run came to the name): replacing it puts our unit in its copy."""
        if os.path.lexists(path):
            if self.keep_existing or not path.is_file() or path.is_symlink():
                return False
            before = self.before.get(path_key(path.parent))
            return (before is None or claims.unchanged(path, before)) and is_ours(path, kind)
        return True

    def release(self) -> None:
        """End this run's claims on disk (the names stay taken for the rest of this plan's run)."""
        for claim in self.claims:
            release_claim(claim)
        self.claims.clear()

    def claim(self, folder: Path, stem: str, tail: str, kind: str, reserved: AbstractSet[str] = frozenset()) -> Path:
        """The first free ``folder/stem[-N]tail`` (N = 2, 3, ...), now claimed by this run."""
        n = 1
        while True:
            path = folder / numbered(stem, tail, n)
            if self.free(path, kind, reserved):
                self.claimed.add(path_key(path))
                return path
            n += 1

    def checked_outputs(self, files: list[Path], out_dir: Path | None) -> list[Path]:
        """The annotated copies' paths, in input order (see outputs_for)."""
        return self.outputs_for(files, out_dir, KIND_CHECKED)

    def outputs_for(self, files: list[Path], out_dir: Path | None, kind: str = KIND_CHECKED) -> list[Path]:
        """One output of ``kind`` per input, in input order (see PlannedOutputs), all claimed now."""
        return list(self.planned(files, out_dir, kind))

    def planned(self, files: list[Path], out_dir: Path | None, kind: str = KIND_CHECKED) -> PlannedOutputs:
        """One output of ``kind`` per input, each claimed when first asked for (see PlannedOutputs)."""
        return PlannedOutputs(self, files, out_dir, kind)

    def batch_output(self, folder: Path) -> Path:
        """Where the batch summary goes: ``ringkasan-batch.xlsx``, or ``ringkasan-batch-2.xlsx``... when taken."""
        self.note_folders([folder])
        return self.claim(folder, BATCH_STEM, ".xlsx", KIND_BATCH)


class PlannedOutputs(InOrder[Path]):
    """The outputs of a run's inputs, in input order: every input that can have its plain name gets
    it, the others take ``-2``, ``-3``... (never another input's plain name, taken or not).

    Each name is claimed (on disk too, with ``exclusive``) when it is first asked for, in input
    order: a run's pool starts on its first files while the names of the others are claimed as
    their turn comes, instead of a thousand claim files made before any file is read. Asking in
    order gives the names claiming them all at once would: a numbered name never takes an input's
    plain name, so which inputs keep their plain names does not depend on when they are asked.
    """

    def __init__(self, plan: OutputPlan, files: list[Path], out_dir: Path | None, kind: str):
        plan.add_inputs(files)
        self.plan, self.kind = plan, kind
        self.parts = [output_parts(p, kind) for p in files]
        self.folders = [out_dir if out_dir is not None else p.parent for p in files]
        plan.note_folders(dict.fromkeys(self.folders))  # before any name is claimed (see OutputPlan._writable)
        self.plain = [folder / fit_name(*part) for folder, part in zip(self.folders, self.parts, strict=True)]
        self.reserved = {path_key(p) for p in self.plain}
        super().__init__(len(self.plain), self._next)

    def _next(self, i: int) -> Path:
        plan = self.plan
        path = self.plain[i]
        if plan.free(path, self.kind):
            plan.claimed.add(path_key(path))
            return path
        return plan.claim(self.folders[i], *self.parts[i], self.kind, self.reserved)


def skip_own_outputs(files: list[Path]) -> tuple[list[Path], list[Path]]:
    """(inputs to check, our outputs dropped): an input that is the plain output of another input of
    the run (``check d/*.xlsx`` run twice) or our batch summary, and carries our marker."""
    plain = {path_key(p.parent / fit_name(*output_parts(p, kind))) for p in files for kind in TAGS}
    keep, skipped = [], []
    for p in files:
        if looks_like_output(p) and (path_key(p) in plain or p.name.casefold().startswith(BATCH_STEM)) and is_ours(p):
            skipped.append(p)
        else:
            keep.append(p)
    return keep, skipped


# --- writing -------------------------------------------------------------------------------


def file_mode() -> int:
    """The permissions of a new file: 0666 less the process umask (read now: it may change)."""
    try:  # Linux tells it without changing it
        with open("/proc/self/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return 0o666 & ~int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def temp_path(dst: Path) -> Path:
    """A fresh, short-named temporary file in dst's folder (the caller renames or removes it)."""
    with ctrl_c_held():  # made and noted together: a Ctrl-C never leaves one unnoted
        fd, tmp = tempfile.mkstemp(prefix=".kx-", suffix=".tmp", dir=dst.parent)
        _PENDING.add(tmp)
    os.close(fd)
    return Path(tmp)


def publish(tmp: Path, dst: Path) -> None:
    """Give a finished temporary file the mode of a new file and rename it over dst."""
    os.chmod(tmp, file_mode())
    os.replace(tmp, dst)
    _PENDING.discard(str(tmp))


def remove_pending() -> None:
    """Remove this process's unfinished temporary files (a worker told to stop) and its claims."""
    for tmp in list(_PENDING):
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        _PENDING.discard(tmp)
    for claim in list(_CLAIMS):
        release_claim(Path(claim))


def atomic_write(dst: Path, data: bytes) -> None:
    """Write bytes to dst through a temporary file in its folder; dst is complete or untouched."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    tmp = temp_path(dst)
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
        publish(tmp, dst)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        _PENDING.discard(str(tmp))
        raise


# --- the marker in a package we write ------------------------------------------------------

CUSTOM_PROPS_PART = "docProps/custom.xml"
CUSTOM_PROPS_CT = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the format id every user-defined property has
_CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"


def with_marker(custom_xml: str | None, kind: str) -> str:
    """A custom properties part (the input's, or a new one) with our marker set to ``kind``.

    The input's own properties are kept as they are; an earlier marker of ours is replaced.
    """
    if custom_xml is None or re.search(r"<(\w+:)?Properties\b", custom_xml) is None:
        custom_xml = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Properties xmlns="{_CUSTOM_NS}" xmlns:vt="{_VT_NS}"></Properties>'
        )
    pattern = r'<(\w+:)?property\b[^>]*\bname\s*=\s*"' + re.escape(PROPERTY) + r'"[^>]*>.*?</(\w+:)?property>'
    text = re.sub(pattern, "", custom_xml, flags=re.S)
    root = re.search(r"<(\w+:)?Properties\b[^>]*?(/?)>", text)
    assert root is not None
    prefix = root.group(1) or ""
    if root.group(2):  # <Properties .../>: open it
        text = text[: root.start()] + root.group(0)[:-2].rstrip() + f"></{prefix}Properties>" + text[root.end() :]
        root = re.search(r"<(\w+:)?Properties\b[^>]*>", text)
        assert root is not None
    vt = re.search(r'xmlns:(\w+)\s*=\s*"' + re.escape(_VT_NS) + '"', text)
    if vt is None:
        vt_prefix = "kxvt"
        text = text[: root.end() - 1] + f' xmlns:kxvt="{_VT_NS}"' + text[root.end() - 1 :]
    else:
        vt_prefix = vt.group(1)
    pids = [int(x) for x in re.findall(r'\bpid\s*=\s*"(\d+)"', text)]
    pid = max([*pids, 1]) + 1
    prop = (
        f'<{prefix}property fmtid="{_FMTID}" pid="{pid}" name="{PROPERTY}">'
        f"<{vt_prefix}:lpwstr>{kind}</{vt_prefix}:lpwstr></{prefix}property>"
    )
    end = text.rfind(f"</{prefix}Properties>")
    return text[:end] + prop + text[end:]


# --- text in a cell ------------------------------------------------------------------------

EXCEL_CELL_CHARS = 32767  # the most an Excel cell (or comment) holds, in UTF-16 code units


def excel_text(text: str, limit: int = EXCEL_CELL_CHARS) -> str:
    """Text cut to what an Excel cell or comment holds, ending in '…' when it was cut.

    Excel counts UTF-16 code units: an emoji counts 2. A longer text makes Excel repair the file.
    The bytes of a file name that was not UTF-8 (lone surrogates) cannot be stored: shown as \\xNN.
    """
    if _SURROGATE.search(text):
        text = _SURROGATE.sub(_escape, text)
    if len(text) <= limit // 2:
        return text
    if len(text.encode("utf-16-le", "surrogatepass")) // 2 <= limit:
        return text
    out, used = [], 0
    for ch in text:
        used += 2 if ord(ch) > 0xFFFF else 1
        if used > limit - 1:
            break
        out.append(ch)
    return "".join(out) + "…"


# C0/C1 controls, DEL, Unicode line/paragraph separators, and the lone surrogates that stand for
# the bytes of a file name that was not valid UTF-8 (os.fsdecode's surrogateescape).
_UNSHOWABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(m: re.Match[str]) -> str:
    ch = m.group()
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte of the name
        return f"\\x{code - 0xDC00:02x}"
    return _ESCAPES.get(ch) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def shown(name: object) -> str:
    """A file name or path as one printable line: a newline, escape codes or the bytes of a name that
    was not UTF-8 are shown as escapes (``\\n``, ``\\x1b``, ``\\xff``), so a name can neither forge a
    second line of output nor make printing fail."""
    text = str(name)
    return _UNSHOWABLE.sub(_escape, text) if _UNSHOWABLE.search(text) else text
