"""A small, safe evaluator for simple Excel formulas whose cached value is missing (never eval()).

Supports numbers, strings, cell references (with $ and other-sheet prefixes), ranges inside
functions, + - * / ^ %, unary minus, parentheses, comparisons, & and the functions SUM,
AVERAGE, MIN, MAX, COUNT, ROUND, ROUNDUP, ROUNDDOWN, ABS, IF, IFERROR, AND, OR, NOT.
Anything else raises NotEvaluable.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kinerja_xl.model import CellRef, column_letters, column_number
from kinerja_xl.reader.values import EXCEL_ERRORS, parse_number_text


class NotEvaluable(ValueError):
    """The formula uses something this evaluator does not support."""


@dataclass(frozen=True)
class XlError:
    """An Excel error value such as #DIV/0!."""

    code: str

    def __str__(self) -> str:
        return self.code


_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<ref>(?:(?:'(?:[^']|'')+'|[A-Za-z_][\w.]*)!)?\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?(?![\w(]))
  | (?P<num>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)
  | (?P<str>"(?:[^"]|"")*")
  | (?P<func>[A-Za-z_][\w.]*(?=\s*\())
  | (?P<bool>TRUE|FALSE)(?![\w(])
  | (?P<err>\#DIV/0!|\#N/A|\#VALUE!|\#REF!|\#NAME\?|\#NUM!|\#NULL!)
  | (?P<op><>|<=|>=|[-+*/^&=<>%(),;])
""",
    re.VERBOSE | re.IGNORECASE,
)

_CELL = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d+)")


def tokenize(formula: str) -> list[tuple[str, str]]:
    """Split a formula (with or without the leading '=') into (kind, text) tokens."""
    text = formula[1:] if formula.startswith("=") else formula
    pos, out = 0, []
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.lastgroup is None:
            raise NotEvaluable(f"unsupported syntax at {text[pos : pos + 10]!r}")
        kind = m.lastgroup
        if kind != "ws":
            out.append((kind, m.group(kind)))
        pos = m.end()
    return out


Resolver = Callable[[str | None, int, int], Any]


class _Parser:
    """Recursive-descent parser that evaluates as it goes (formulas here are tiny)."""

    def __init__(self, tokens: list[tuple[str, str]], resolve: Resolver):
        self.tokens, self.i, self.resolve = tokens, 0, resolve

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self, text: str | None = None) -> tuple[str, str]:
        tok = self.peek()
        if tok is None or (text is not None and tok[1] != text):
            raise NotEvaluable(f"expected {text!r}")
        self.i += 1
        return tok

    def parse(self) -> Any:
        value = self.comparison()
        if (tok := self.peek()) is not None:
            raise NotEvaluable(f"unexpected {tok[1]!r}")
        return _scalar(value)

    def comparison(self) -> Any:
        left = self.concat()
        while (tok := self.peek()) and tok[0] == "op" and tok[1] in ("=", "<>", "<", ">", "<=", ">="):
            self.i += 1
            right = self.concat()
            left = _compare(tok[1], _scalar(left), _scalar(right))
        return left

    def concat(self) -> Any:
        left = self.additive()
        while (tok := self.peek()) and tok[1] == "&":
            self.i += 1
            right = self.additive()
            a, b = _scalar(left), _scalar(right)
            if isinstance(a, XlError) or isinstance(b, XlError):
                left = a if isinstance(a, XlError) else b
            else:
                left = _text(a) + _text(b)
        return left

    def additive(self) -> Any:
        left = self.term()
        while (tok := self.peek()) and tok[1] in ("+", "-"):
            self.i += 1
            left = _arith(tok[1], left, self.term())
        return left

    def term(self) -> Any:
        left = self.power()
        while (tok := self.peek()) and tok[1] in ("*", "/"):
            self.i += 1
            left = _arith(tok[1], left, self.power())
        return left

    def power(self) -> Any:
        left = self.unary()
        while (tok := self.peek()) and tok[1] == "^":
            self.i += 1
            left = _arith("^", left, self.unary())
        return left

    def unary(self) -> Any:
        tok = self.peek()
        if tok and tok[1] in ("-", "+"):
            self.i += 1
            value = self.unary()
            return _arith("*", -1.0 if tok[1] == "-" else 1.0, value)
        value = self.primary()
        while (tok := self.peek()) and tok[1] == "%":
            self.i += 1
            value = _arith("/", value, 100.0)
        return value

    def primary(self) -> Any:
        tok = self.peek()
        if tok is None:
            raise NotEvaluable("unexpected end of formula")
        kind, text = tok
        self.i += 1
        if kind == "num":
            return float(text)
        if kind == "str":
            return text[1:-1].replace('""', '"')
        if kind == "bool":
            return text.upper() == "TRUE"
        if kind == "err":
            return XlError(text.upper())
        if kind == "ref":
            return self.reference(text)
        if kind == "func":
            return self.function(text.upper())
        if text == "(":
            value = self.comparison()
            self.take(")")
            return value
        raise NotEvaluable(f"unexpected {text!r}")

    def reference(self, text: str) -> Any:
        sheet = None
        if "!" in text:
            sheet, text = text.rsplit("!", 1)
            if sheet.startswith("'"):
                sheet = sheet[1:-1].replace("''", "'")
        parts = text.split(":")
        (c1, r1) = _cell(parts[0])
        if len(parts) == 1:
            return self.resolve(sheet, r1, c1)
        (c2, r2) = _cell(parts[1])
        if (abs(r2 - r1) + 1) * (abs(c2 - c1) + 1) > 10_000:
            raise NotEvaluable("range too large")
        return [
            self.resolve(sheet, r, c)
            for r in range(min(r1, r2), max(r1, r2) + 1)
            for c in range(min(c1, c2), max(c1, c2) + 1)
        ]

    def function(self, name: str) -> Any:
        name = name.removeprefix("_XLFN.")
        self.take("(")
        args: list[Any] = []
        if (tok := self.peek()) and tok[1] == ")":
            self.i += 1
        else:
            while True:
                args.append(self.comparison())
                tok = self.take()
                if tok[1] == ")":
                    break
                if tok[1] not in (",", ";"):
                    raise NotEvaluable(f"unexpected {tok[1]!r} in arguments")
        return _call(name, args)


def _cell(text: str) -> tuple[int, int]:
    m = _CELL.fullmatch(text)
    if not m:
        raise NotEvaluable(f"bad reference {text!r}")
    return column_number(m.group(1)), int(m.group(2))


def _scalar(value: Any) -> Any:
    if isinstance(value, list):
        if len(value) == 1:
            return value[0]
        raise NotEvaluable("range used as a single value")
    return value


def _text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def to_number(v: Any) -> float | XlError:
    """Excel's coercion for arithmetic: blank -> 0, number text -> number, else #VALUE!."""
    if isinstance(v, XlError):
        return v
    if v is None:
        return 0.0
    if isinstance(v, bool):
        return 1.0 if v else 0.0
    if isinstance(v, (int, float)):
        return float(v)
    text = str(v).strip()
    if text.upper() in EXCEL_ERRORS:
        return XlError(text.upper())
    number, percent = parse_number_text(text) if text else (None, False)
    if number is None:
        return XlError("#VALUE!")
    return number / 100.0 if percent else number


def _arith(op: str, a: Any, b: Any) -> Any:
    x, y = to_number(_scalar(a)), to_number(_scalar(b))
    if isinstance(x, XlError):
        return x
    if isinstance(y, XlError):
        return y
    if op == "+":
        return x + y
    if op == "-":
        return x - y
    if op == "*":
        return x * y
    if op == "/":
        return XlError("#DIV/0!") if y == 0 else x / y
    try:
        return float(x**y)
    except (OverflowError, ZeroDivisionError, ValueError):
        return XlError("#NUM!")


def _compare(op: str, a: Any, b: Any) -> Any:
    if isinstance(a, XlError):
        return a
    if isinstance(b, XlError):
        return b
    if a is None:
        a = 0.0 if not isinstance(b, str) else ""
    if b is None:
        b = 0.0 if not isinstance(a, str) else ""
    if isinstance(a, str) and isinstance(b, str):
        a, b = a.lower(), b.lower()
    elif isinstance(a, str) or isinstance(b, str):
        # Excel: text is greater than any number
        return {
            "=": False,
            "<>": True,
            "<": isinstance(b, str),
            "<=": isinstance(b, str),
            ">": isinstance(a, str),
            ">=": isinstance(a, str),
        }[op]
    return {"=": a == b, "<>": a != b, "<": a < b, ">": a > b, "<=": a <= b, ">=": a >= b}[op]


def _numbers(args: list[Any]) -> list[float] | XlError:
    """Numbers of SUM-like arguments: ranges skip text and blanks, direct args are coerced."""
    out: list[float] = []
    for arg in args:
        items = arg if isinstance(arg, list) else None
        if items is None:
            n = to_number(arg) if arg is not None else None
            if isinstance(n, XlError):
                return n
            if n is not None:
                out.append(n)
            continue
        for v in items:
            if isinstance(v, XlError):
                return v
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                out.append(float(v))
    return out


def _round(x: float, digits: int, mode: str) -> float:
    factor = 10.0**digits
    scaled = x * factor
    if mode == "up":
        r = math.ceil(abs(scaled) - 1e-9)
    elif mode == "down":
        r = math.floor(abs(scaled) + 1e-9)
    else:
        r = math.floor(abs(scaled) + 0.5 + 1e-9)  # Excel rounds half away from zero
    return math.copysign(r / factor, x)


# The functions _call evaluates: a formula calling any other is opaque to the evaluator (and to
# the fixes, which import this set rather than restating it).
KNOWN_FUNCTIONS = frozenset(
    (
        "SUM",
        "AVERAGE",
        "MIN",
        "MAX",
        "COUNT",
        "ROUND",
        "ROUNDUP",
        "ROUNDDOWN",
        "ABS",
        "IF",
        "IFERROR",
        "AND",
        "OR",
        "NOT",
    )
)
_REF = re.compile(r"(?:(?:'(?:[^']|'')+'|[A-Za-z_][\w.]*)!)?\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?")


def references(formula: str, sheet: str) -> set[CellRef]:
    """The single cells a formula refers to (ranges expanded up to 10,000 cells), on ``sheet`` unless named."""
    try:
        tokens = tokenize(formula)
    except NotEvaluable:
        return set()
    out: set[CellRef] = set()
    for kind, text in tokens:
        if kind != "ref":
            continue
        where = sheet
        if "!" in text:
            prefix, text = text.rsplit("!", 1)
            where = prefix[1:-1].replace("''", "'") if prefix.startswith("'") else prefix
        m = _REF.fullmatch(text)
        if m is None:
            continue
        c1, r1 = column_number(m.group(1)), int(m.group(2))
        c2, r2 = (column_number(m.group(3)), int(m.group(4))) if m.group(3) else (c1, r1)
        if (abs(r2 - r1) + 1) * (abs(c2 - c1) + 1) > 10_000:
            continue
        for r in range(min(r1, r2), max(r1, r2) + 1):
            for c in range(min(c1, c2), max(c1, c2) + 1):
                out.add(CellRef(where, f"{column_letters(c)}{r}"))
    return out


# complexity: one branch per supported Excel function
def _call(name: str, args: list[Any]) -> Any:  # noqa: C901
    if name in ("SUM", "AVERAGE", "MIN", "MAX", "COUNT"):
        nums = _numbers(args)
        if isinstance(nums, XlError):
            return nums
        if name == "SUM":
            return math.fsum(nums)
        if name == "COUNT":
            return float(len(nums))
        if name == "AVERAGE":
            return XlError("#DIV/0!") if not nums else math.fsum(nums) / len(nums)
        if not nums:
            return 0.0
        return min(nums) if name == "MIN" else max(nums)
    if name in ("ROUND", "ROUNDUP", "ROUNDDOWN"):
        if len(args) != 2:
            raise NotEvaluable(f"{name} needs 2 arguments")
        x, d = to_number(_scalar(args[0])), to_number(_scalar(args[1]))
        if isinstance(x, XlError):
            return x
        if isinstance(d, XlError):
            return d
        return _round(x, int(d), {"ROUND": "half", "ROUNDUP": "up", "ROUNDDOWN": "down"}[name])
    if name == "ABS":
        x = to_number(_scalar(args[0])) if len(args) == 1 else XlError("#VALUE!")
        return x if isinstance(x, XlError) else abs(x)
    if name == "IF":
        if not 1 <= len(args) <= 3:
            raise NotEvaluable("IF needs 1 to 3 arguments")
        cond = _scalar(args[0])
        if isinstance(cond, XlError):
            return cond
        truth = bool(to_number(cond)) if not isinstance(cond, str) else XlError("#VALUE!")
        if isinstance(truth, XlError):
            return truth
        if truth:
            return _scalar(args[1]) if len(args) > 1 else True
        return _scalar(args[2]) if len(args) > 2 else False
    if name == "IFERROR":
        if len(args) != 2:
            raise NotEvaluable("IFERROR needs 2 arguments")
        v = _scalar(args[0])
        return _scalar(args[1]) if isinstance(v, XlError) else v
    if name in ("AND", "OR"):
        vals = [bool(to_number(v)) for a in args for v in (a if isinstance(a, list) else [a])]
        return all(vals) if name == "AND" else any(vals)
    if name == "NOT":
        return not bool(to_number(_scalar(args[0])))
    raise NotEvaluable(f"function {name} not supported")


def evaluate(formula: str, resolve: Resolver) -> Any:
    """Evaluate a formula; resolve(sheet or None, row, col) gives a referenced cell's value.

    Returns a float, str, bool, None or XlError; raises NotEvaluable for unsupported formulas.
    """
    try:
        return _Parser(tokenize(formula), resolve).parse()
    except RecursionError:
        raise NotEvaluable("formula too deeply nested") from None


class Evaluator:
    """Evaluates formula cells of a workbook's grids, recursing into referenced formulas."""

    def __init__(self, grids: dict[str, Any]):
        self.grids = grids
        self._cache: dict[tuple[str, int, int], Any] = {}
        self._active: set[tuple[str, int, int]] = set()

    def cell(self, sheet: str, row: int, col: int) -> Any:
        """The value of a cell: cached value, or the evaluated formula when none is cached."""
        grid = self.grids.get(sheet)
        if grid is None:
            raise NotEvaluable(f"sheet {sheet!r} not found")
        value = grid.get(row, col)
        formula = grid.formulas.get((row, col))
        if formula is None or value is not None:
            return value
        key = (sheet, row, col)
        if key in self._cache:
            return self._cache[key]
        if key in self._active:
            raise NotEvaluable("circular reference")
        self._active.add(key)
        try:
            result = evaluate(formula, lambda s, r, c: self.cell(s or sheet, r, c))
        finally:
            self._active.discard(key)
        self._cache[key] = result
        return result
