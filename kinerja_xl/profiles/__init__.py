"""Rule profiles are data: TOML files shipped here, or a user's own file."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from kinerja_xl import schema

_HERE = Path(__file__).parent
DEFAULT_YEAR = 2024  # a workbook without a year is read under the rules of this year


@dataclass(frozen=True)
class Profile:
    """Every number that differs between regulations (rules.md section 9)."""

    name: str
    title: str
    cap: float
    floor: float
    tolerance: float
    konversi_quota: float
    konversi_priority: tuple[str, ...]
    stabilize_scale: tuple[tuple[float, float], ...]
    status_hijau: float
    status_kuning: float
    perspective_weights: dict[str, float]
    perspective_weights_merged: dict[str, float]
    validity_control: dict[tuple[str, str], float]
    predikat: tuple[tuple[str, float], ...]  # (name, inclusive lower bound), highest first
    years: tuple[int, int] = (0, 9999)
    source: str = ""

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # every result of a --jobs run carries its profile: the parent keeps one object per profile
        # instead of one per file (a few KB each, a thousand files)
        return _unpickled, tuple(getattr(self, f.name) for f in fields(self))


_UNPICKLED: list[Profile] = []  # the profiles this process has unpickled (a run has one or two)


def _unpickled(*values: Any) -> Profile:
    """The Profile of these field values: one this process unpickled before when equal (see __reduce__)."""
    made = Profile(*values)
    for earlier in _UNPICKLED:
        if earlier == made:
            return earlier
    if len(_UNPICKLED) < 16:
        _UNPICKLED.append(made)
    return made


def available() -> list[str]:
    """Names of the profiles shipped with the package."""
    return sorted(p.stem for p in _HERE.glob("*.toml"))


def _from_dict(data: dict[str, Any], source: str) -> Profile:
    try:
        return _profile(data, source)
    except schema.SchemaError as exc:
        raise ProfileError(f"{source}: {exc}") from None
    except (KeyError, ValueError, TypeError, AttributeError) as exc:
        raise ProfileError(f"{source}: invalid profile ({type(exc).__name__}: {exc})") from None


def _profile(data: dict[str, Any], source: str) -> Profile:
    """A Profile from a TOML mapping, every value checked for type and range (schema.py)."""
    name = schema.text(data, "name")
    if not name:
        raise schema.SchemaError("name must be text (the profile's name)")
    status = schema.table(data, "status")
    vc = {}
    for key, mult in schema.table(data, "validity_control").items():
        validitas, _, kendali = key.partition(".")
        if not kendali:
            raise schema.SchemaError(f'[validity_control] "{key}" must be "Validitas.Kendali" (e.g. "Exact.Low")')
        vc[(validitas.capitalize(), kendali.capitalize())] = schema.finite(mult, f"[validity_control] {key}", lo=0)
    bands = data.get("predikat", [])
    if not isinstance(bands, list) or not all(isinstance(b, dict) for b in bands):
        raise schema.SchemaError("[[predikat]] must be a list of tables with name and min")
    predikat = tuple(
        (schema.text(b, "name", where="[[predikat]] ") or "?", schema.number(b, "min", 0.0, where="[[predikat]] "))
        for b in bands
    )
    scale = data.get("stabilize_scale", [[0, 0], [90, 100], [100, 120]])
    if not isinstance(scale, list) or not all(isinstance(p, list) and len(p) == 2 for p in scale):
        raise schema.SchemaError("stabilize_scale must be a list of [capaian, nilai] pairs")
    years = data.get("years", [0, 9999])
    if not (isinstance(years, list) and len(years) == 2 and all(isinstance(y, int) for y in years)):
        raise schema.SchemaError("years must be [first, last], two whole numbers")
    priority = schema.texts(data, "konversi_priority") or ["CP", "CNP", "N"]

    def weights(key: str) -> dict[str, float]:
        return {k: schema.finite(v, f"[{key}] {k}", lo=0) for k, v in schema.table(data, key).items()}

    cap = schema.number(data, "cap", 120.0, above=0.0)
    return Profile(
        name=name,
        title=schema.text(data, "title", name),
        cap=cap,
        floor=schema.number(data, "floor", 0.0, lo=0.0, hi=cap),
        tolerance=schema.number(data, "tolerance", 0.01, lo=0.0, hi=100.0),
        konversi_quota=schema.number(data, "konversi_quota", 0.2, lo=0.0, hi=1.0),
        konversi_priority=tuple(priority),
        stabilize_scale=tuple(
            (schema.finite(a, "stabilize_scale"), schema.finite(b, "stabilize_scale")) for a, b in scale
        ),
        status_hijau=schema.number(status, "hijau", 100.0, where="[status] "),
        status_kuning=schema.number(status, "kuning", 80.0, where="[status] "),
        perspective_weights=weights("perspective_weights"),
        perspective_weights_merged=weights("perspective_weights_merged"),
        validity_control=vc,
        predikat=tuple(sorted(predikat, key=lambda b: -b[1])),
        years=(years[0], years[1]),
        source=source,
    )


class ProfileError(ValueError):
    """A profile name or file that cannot be used."""


def load(name_or_path: str) -> Profile:
    """A shipped profile by name, or a user's TOML file by path."""
    path = Path(name_or_path)
    if path.suffix == ".toml" and path.exists():
        source = str(path)
        try:
            text = schema.read_text(path, "profile file")
        except schema.SchemaError as exc:
            raise ProfileError(f"{source}: {exc}") from None
    else:
        shipped = _HERE / f"{name_or_path}.toml"
        if not shipped.exists():
            raise ProfileError(f"unknown profile '{name_or_path}' (available: {', '.join(available())})")
        text, source = shipped.read_text(encoding="utf-8"), shipped.name
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{source}: {exc}") from exc
    return _from_dict(data, source)


def shipped() -> list[Profile]:
    """Every profile shipped with the package (and dropped into its profiles folder).

    Parsed once per process while the folder's files stay the same (name, size, modification
    time): a run asks for every workbook's profile, a watcher sees a profile dropped in later.
    """
    key = []
    for name in available():
        st = (_HERE / f"{name}.toml").stat()
        key.append((name, st.st_size, st.st_mtime_ns))
    found = _SHIPPED.get((str(_HERE), *key))
    if found is None:
        found = [load(name) for name, _, _ in key]
        _SHIPPED.clear()
        _SHIPPED[(str(_HERE), *key)] = found
    return list(found)


_SHIPPED: dict[tuple[object, ...], list[Profile]] = {}  # shipped(): the folder's state -> its profiles


def for_year(year: int | None) -> Profile:
    """The profile in force for a report year: the one whose ``years`` range holds it.

    Chosen by each profile's own ``years`` (data, not code): an office drops in a profile for
    2027 and it is used without a release. Of several that hold the year, the narrowest range
    wins (a specific rule over a general one); with no year, or none holding it, the profile
    whose range is nearest (the newest for a later year, the oldest for an earlier one).
    """
    profiles = shipped()
    if year is None:
        year = DEFAULT_YEAR
    holding = [p for p in profiles if p.years[0] <= year <= p.years[1]]
    if holding:
        return min(holding, key=lambda p: (p.years[1] - p.years[0], p.name))
    return min(profiles, key=lambda p: (min(abs(year - p.years[0]), abs(year - p.years[1])), p.name))
