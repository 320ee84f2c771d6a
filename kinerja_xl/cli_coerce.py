"""Plain coercion of our command-line values, so a run never imports pydantic (~60 ms a start).

typer 0.29 coerces every parameter value through a pydantic TypeAdapter it builds on first use
(``_TyperParameter.get_runtime_param`` -> ``typer._coercion.build_runtime_param``). Our options
are plain ``str``, ``int``, ``float``, ``bool`` and ``list[str]``: ``install`` gives each such
parameter a runtime param that converts the values typer's adapter would accept unchanged (an
ASCII decimal, a str) itself, and hands anything else to the runtime param typer would have built,
so an odd value gets typer's own result or its own error (exit 2), word for word.

Guarded: with a typer whose internals differ (no ``typer._coercion``, no ``_runtime_param``) nothing
is installed and typer coerces as it always does.
"""

from __future__ import annotations

import re
from typing import Any

_INT = re.compile(r"-?[0-9]{1,18}")
_FLOAT = re.compile(r"-?[0-9]{1,15}(?:\.[0-9]{1,15})?")
_MISS = object()


def _plain(annotation: Any, value: Any) -> Any:
    """The value typer's adapter gives for ``value``, or _MISS when only the adapter can tell."""
    kind = type(value)
    if annotation is str:
        return value if kind is str else _MISS
    if annotation is int:
        if kind is int:
            return value
        return int(value) if kind is str and _INT.fullmatch(value) else _MISS
    if annotation is float:
        if kind is float:
            return value
        return float(value) if kind is str and _FLOAT.fullmatch(value) else _MISS
    if annotation is bool:
        return value if kind is bool else _MISS
    if annotation == list[str]:
        if kind in (list, tuple) and all(type(v) is str for v in value):
            return list(value)
        return _MISS
    return _MISS


_PLAIN_TYPES: tuple[Any, ...] = (str, int, float, bool, list[str])
_param_class: Any = None  # the RuntimeParam subclass, made on first use (None: not made yet; False: none)


def _runtime_class() -> Any:
    """The plain RuntimeParam subclass for the installed typer, False when it has no such internals."""
    global _param_class
    if _param_class is not None:
        return _param_class
    try:
        import inspect  # typer imports it already
        from dataclasses import dataclass, fields

        from typer._coercion import RuntimeParam, build_runtime_param, resolve_type_descriptor

        if {f.name for f in fields(RuntimeParam)} != {"parameter_info", "annotation"}:
            raise TypeError("another RuntimeParam")
        if list(inspect.signature(RuntimeParam._coerce_value).parameters) != ["self", "value", "param", "ctx"]:
            raise TypeError("another _coerce_value")
    except Exception:  # another typer: leave its coercion alone
        _param_class = False
        return _param_class

    @dataclass(frozen=True)
    class PlainRuntimeParam(RuntimeParam):
        """A str/int/float/bool/list[str] value converted directly; anything else as typer does."""

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            got = _plain(self.annotation, value)
            if got is not _MISS:
                return got
            typer_own = build_runtime_param(resolve_type_descriptor(self.annotation, self.parameter_info))
            return typer_own._coerce_value(value, param=param, ctx=ctx)

    _param_class = PlainRuntimeParam
    return _param_class


def install(command: Any) -> None:
    """Give the plain runtime param to every parameter of ``command`` and its subcommands (see plain_param)."""
    for param in getattr(command, "params", ()):
        plain_param(param)
    for sub in getattr(command, "commands", {}).values():
        install(sub)


def plain_param(param: Any) -> Any:
    """Give ``param`` the plain runtime param when it has a plain type and nothing typer's adapter would
    add (a parser, bounds, choices, a file or path); return it."""
    cls = _runtime_class()
    desc = getattr(param, "type_descriptor", None)
    info = getattr(desc, "parameter_info", None)
    if not cls or getattr(param, "_runtime_param", _MISS) is not None or desc is None or info is None:
        return param
    try:
        if desc.annotation not in _PLAIN_TYPES or getattr(info, "parser", None) is not None:
            return param
        if desc.is_file or desc.is_path or desc.is_choice or desc.is_ranged or desc.is_tuple:
            return param
        param._runtime_param = cls(parameter_info=info, annotation=desc.annotation)
    except Exception:  # an unexpected descriptor: typer coerces this one itself
        pass
    return param
