"""Rule profiles are data: TOML files shipped here, or a user's own file."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

_HERE = Path(__file__).parent
DEFAULT_BY_YEAR_CUTOFF = 2025  # report years up to this use kmk-300-2022


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
    extra: dict = field(default_factory=dict)


def available() -> list[str]:
    """Names of the profiles shipped with the package."""
    return sorted(p.stem for p in _HERE.glob("*.toml"))


def _from_dict(data: dict, source: str) -> Profile:
    try:
        status = data.get("status", {})
        vc = {}
        for key, mult in data.get("validity_control", {}).items():
            validitas, kendali = key.split(".")
            vc[(validitas.capitalize(), kendali.capitalize())] = float(mult)
        bands = tuple((b["name"], float(b["min"])) for b in data.get("predikat", []))
        return Profile(
            name=str(data["name"]),
            title=str(data.get("title", data["name"])),
            cap=float(data.get("cap", 120.0)),
            floor=float(data.get("floor", 0.0)),
            tolerance=float(data.get("tolerance", 0.01)),
            konversi_quota=float(data.get("konversi_quota", 0.2)),
            konversi_priority=tuple(data.get("konversi_priority", ["CP", "CNP", "N"])),
            stabilize_scale=tuple(
                (float(a), float(b)) for a, b in data.get("stabilize_scale", [[0, 0], [90, 100], [100, 120]])
            ),
            status_hijau=float(status.get("hijau", 100.0)),
            status_kuning=float(status.get("kuning", 80.0)),
            perspective_weights={k: float(v) for k, v in data.get("perspective_weights", {}).items()},
            perspective_weights_merged={k: float(v) for k, v in data.get("perspective_weights_merged", {}).items()},
            validity_control=vc,
            predikat=tuple(sorted(bands, key=lambda b: -b[1])),
            years=tuple(data.get("years", [0, 9999])),
            source=source,
        )
    except (KeyError, ValueError, TypeError) as exc:
        raise ProfileError(f"{source}: invalid profile ({exc})") from exc


class ProfileError(ValueError):
    """A profile name or file that cannot be used."""


def load(name_or_path: str) -> Profile:
    """A shipped profile by name, or a user's TOML file by path."""
    path = Path(name_or_path)
    if path.suffix == ".toml" and path.exists():
        text, source = path.read_text(encoding="utf-8"), str(path)
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


def for_year(year: int | None) -> Profile:
    """The profile in force for a report year (kmk-300-2022 up to 2025, kmk-127-2026 after)."""
    if year is not None and year > DEFAULT_BY_YEAR_CUTOFF:
        return load("kmk-127-2026")
    return load("kmk-300-2022")
