"""The rule registry: ``@rule(KX101)`` registers a plain check function with the catalogue entries
(``Message``) of the codes it emits, declared beside it; Context is what it reads."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from kinerja_xl.analysis import Analysis, IkuScore
from kinerja_xl.config import Settings
from kinerja_xl.findings import Finding
from kinerja_xl.messages import Message
from kinerja_xl.model import Iku, Workbook
from kinerja_xl.profiles import Profile

Check = Callable[["Context"], Iterator[Finding]]
_REGISTRY: list[tuple[tuple[str, ...], Check]] = []
_MESSAGES: list[Message] = []


@dataclass
class Context:
    """Everything a check reads: the model, the recomputed analysis, settings and the tolerance."""

    wb: Workbook
    analysis: Analysis
    settings: Settings
    tolerance: float
    profile: Profile
    cache: dict[Any, Any] = field(default_factory=dict)  # shared results between checks (e.g. KX021 fits)

    def scores(self) -> Iterator[tuple[Iku, IkuScore]]:
        """Every IKU with its recomputed scores, in workbook order."""
        for s in self.analysis.ikus:
            yield s.iku, s


def rule(*messages: Message) -> Callable[[Check], Check]:
    """Register a check function emitting the findings declared by ``messages``."""
    if not messages:
        raise ValueError("a rule needs at least one code")

    def decorate(func: Check) -> Check:
        _REGISTRY.append((tuple(m.code for m in messages), func))
        _MESSAGES.extend(messages)
        return func

    return decorate


def registered() -> list[tuple[tuple[str, ...], Check]]:
    """Every registered (codes, function), in registration order."""
    return list(_REGISTRY)


def messages() -> list[Message]:
    """The catalogue entries the registered checks declare, in registration order."""
    return list(_MESSAGES)
