"""Settings for a run: from command-line options, over kinerja.toml, over defaults."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kinerja_xl import schema

CONFIG_NAME = "kinerja.toml"


class ConfigError(ValueError):
    """A kinerja.toml that cannot be used."""


@dataclass
class Settings:
    """Everything a check run needs besides the files."""

    profile: str | None = None  # name or path; None = chosen by the workbook's year
    tolerance: float | None = None  # None = the profile's
    select: tuple[str, ...] = ()  # code prefixes to keep (empty = all)
    ignore: tuple[str, ...] = ()  # code prefixes to drop
    lang: str = "id"
    year: int | None = None
    out_dir: Path | None = None
    annotate: bool = True
    fail_on: str = "error"
    jobs: int = 1
    history: Path | None = None  # --history DIR: earlier submissions to compare with (read, never written)
    compare: bool = False  # set by api.check for its reading pass: snapshot each file for kinerja_xl.history
    # IKU metadata by code: {"1a-CP": {"bobot": 10, "konversi_120": true, ...}}
    iku: dict[str, dict[str, Any]] = field(default_factory=dict)
    seksi: dict[str, list[str]] = field(default_factory=dict)  # section -> addresses
    smtp: dict[str, Any] = field(default_factory=dict)
    mail: dict[str, Any] = field(default_factory=dict)  # [mail]: deadline (a date), sender (lines), reply_to
    limits: dict[str, Any] = field(default_factory=dict)  # max_file_mb, max_ratio, max_uncompressed_mb
    config_path: Path | None = None

    def wants(self, code: str) -> bool:
        """Whether a finding code passes --select / --ignore (prefix match)."""
        if self.select and not any(code.startswith(p) for p in self.select):
            return False
        return not any(code.startswith(p) for p in self.ignore)


def split_codes(text: str | None) -> tuple[str, ...]:
    """'KX1, KX205' -> ('KX1', 'KX205')."""
    if not text:
        return ()
    return tuple(part.strip().upper() for part in text.replace(";", ",").split(",") if part.strip())


def load_toml(path: Path) -> dict[str, Any]:
    """Read a kinerja.toml, raising ConfigError with the file name on a bad one."""
    try:
        return tomllib.loads(schema.read_text(path))
    except schema.SchemaError as exc:
        raise ConfigError(f"{path}: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {exc}") from exc


def find_config(paths: list[Path]) -> Path | None:
    """The kinerja.toml beside the first input (a folder's own, or a file's folder)."""
    for p in paths:
        folder = p if p.is_dir() else p.parent
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


# [iku."1a-CP"] keys and how each is checked (see reader._apply_settings for their use)
_IKU_NUMBERS = {"bobot": {"lo": 0.0}, "realisasi_terburuk": {}}
_IKU_TEXTS = ("validitas", "kendali", "seksi", "polarisasi", "konsolidasi", "name", "nama")
_IKU_BOOLS = ("konversi_120", "konversi120", "konversi")


def apply_toml(settings: Settings, data: dict[str, Any], path: Path | None = None) -> Settings:
    """Fill settings not given on the command line from a kinerja.toml mapping.

    Every value is checked for its type and range; schema.SchemaError names the key.
    """
    check = schema.table(data, "check") if "check" in data else data
    where = "[check] " if "check" in data else ""
    if settings.profile is None:
        settings.profile = schema.text(check, "profile", where=where) or None
    if settings.tolerance is None:
        settings.tolerance = schema.number(check, "tolerance", where=where, lo=0.0, hi=100.0)
    if not settings.select:
        settings.select = split_codes(",".join(schema.texts(check, "select", where=where) or []))
    if not settings.ignore:
        settings.ignore = split_codes(",".join(schema.texts(check, "ignore", where=where) or []))
    lang = schema.text(check, "lang", where=where)
    if lang and settings.lang == "id":
        settings.lang = lang
    year = schema.integer(check, "year", where=where, lo=1990, hi=2100)
    if settings.year is None and year:
        settings.year = year
    settings.iku = _iku_tables(schema.table(data, "iku"))
    settings.seksi = {
        str(k): schema.texts({k: v}, k, where="[seksi] ") or [] for k, v in schema.table(data, "seksi").items()
    }
    settings.smtp = dict(schema.table(data, "smtp"))
    settings.mail = _mail_table(schema.table(data, "mail"))
    limits = schema.table(data, "limits")
    settings.limits = dict(limits)
    settings.config_path = path
    return settings


MAIL_KEYS = ("deadline", "sender", "reply_to")


def _mail_table(table: dict[str, Any]) -> dict[str, Any]:
    """[mail]: deadline a date (2025-01-10), sender a text or a list of texts (the signature's lines:
    name, title), reply_to a text (the address is checked by kinerja_xl.mail)."""
    where = "[mail] "
    schema.known(table, MAIL_KEYS, where)
    out: dict[str, Any] = {}
    deadline = schema.day(table, "deadline", where=where)
    if deadline is not None:
        out["deadline"] = deadline
    sender = schema.texts(table, "sender", where=where)
    if sender:
        out["sender"] = sender
    reply_to = schema.text(table, "reply_to", where=where)
    if reply_to:
        out["reply_to"] = reply_to
    return out


def _iku_tables(tables: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """[iku."<code>"] tables, each value checked: bobot a finite number >= 0, texts, true/false."""
    out: dict[str, dict[str, Any]] = {}
    for code, meta in tables.items():
        where = f'[iku."{code}"] '
        if not isinstance(meta, dict):
            raise schema.SchemaError(f'[iku."{code}"] must be a table, not {type(meta).__name__}')
        for key in meta:
            k = key.lower().replace("-", "_").replace(" ", "_")
            if k in _IKU_NUMBERS:
                schema.number(meta, key, where=where, **_IKU_NUMBERS[k])
            elif k in _IKU_TEXTS:
                schema.text(meta, key, where=where)
            elif k in _IKU_BOOLS:
                schema.boolean(meta, key, where=where)
            elif k == "stab_scale":
                _stab_scale(meta[key], f"{where}stab_scale")
        out[str(code)] = dict(meta)
    return out


def _stab_scale(value: object, key: str) -> None:
    if not isinstance(value, list) or not all(isinstance(p, list) and len(p) == 2 for p in value):
        raise schema.SchemaError(f"{key} must be a list of [capaian, nilai] pairs")
    for a, b in value:
        schema.finite(a, key)
        schema.finite(b, key)


LANGS = ("id", "en")
FAIL_ON = ("error", "warning")


def resolve_settings(paths: list[Path], cli: dict[str, Any], config: Path | None = None) -> Settings:
    """Settings for a run: command-line values (those not None) over kinerja.toml over defaults.

    The kinerja.toml is ``config`` when given (it must exist), else the one beside the inputs.
    Raises ConfigError (one line, naming the file) on a config or option that cannot be used.
    """
    given = {k: v for k, v in cli.items() if v is not None and v != ()}
    settings = Settings(**given)
    if config is not None and not config.is_file():
        from kinerja_xl.messages import ui

        lang = str(given["lang"]) if given.get("lang") in LANGS else "id"
        raise ConfigError(ui("cfg_no_config", lang).format(path=config))
    path = config or find_config(paths)
    if path is not None:
        data = load_toml(path)
        try:
            apply_toml(settings, data, path)
            check = data.get("check", data)
            # apply_toml cannot tell an explicit --lang id from the default: the command line wins.
            if "lang" in given:
                settings.lang = given["lang"]
            fail_on = schema.text(check, "fail_on", where="[check] " if "check" in data else "")
            if "fail_on" not in given and fail_on:
                settings.fail_on = fail_on
            if "profile" not in given and settings.profile and settings.profile.endswith(".toml"):
                # A profile file named in kinerja.toml is relative to that file, not to the cwd.
                p = Path(settings.profile)
                if not p.is_absolute():
                    settings.profile = str(path.parent / p)
        except schema.SchemaError as exc:
            raise ConfigError(f"{path}: {exc}") from None
    _validate(settings, path, given)
    return settings


def _validate(settings: Settings, path: Path | None, given: dict[str, Any] | None = None) -> None:
    """Raise ConfigError on a value no run can use (naming where it came from: an option or the file)."""
    from kinerja_xl.messages import ui

    where = f"{path}: " if path else ""
    if settings.lang not in LANGS:
        raise ConfigError(ui("cfg_unknown_lang", "id").format(where=where, lang=settings.lang))
    if settings.fail_on not in FAIL_ON:
        raise ConfigError(ui("cfg_unknown_fail_on", settings.lang).format(where=where, value=settings.fail_on))
    if settings.tolerance is not None and settings.tolerance < 0:
        raise ConfigError(f"{where}tolerance must not be negative")
    if settings.jobs < 1:
        raise ConfigError("--jobs must be at least 1")
    from kinerja_xl import safety

    try:
        safety.limits_from(settings.limits)  # nan, inf, 0 or text would switch a limit off
    except safety.FileRefused as exc:
        raise ConfigError(f"{where}{exc.text('en')}: a positive finite number is needed") from None
    from kinerja_xl.messages import CATALOGUE

    for option in ("select", "ignore"):
        for prefix in getattr(settings, option):
            if any(code.startswith(prefix) for code in CATALOGUE):
                continue
            from_cli = prefix in (given or {}).get(option, ()) or path is None
            source = f"--{option}" if from_cli else f"{path} ({option})"
            raise ConfigError(ui("cfg_unknown_code", settings.lang).format(where=source, code=prefix))
    for code, meta in settings.iku.items():
        if not isinstance(meta, dict):
            raise ConfigError(f'{where}[iku."{code}"] must be a table')
