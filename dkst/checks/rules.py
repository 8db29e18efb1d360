"""The expression language of ``rule`` requirements, compiled once and evaluated in a sandbox.

Allowed: numbers, indicator ids, ``+ - * / // %``, comparisons (chained too), ``and``/``or``/``not``,
parentheses, and calls of ``min`` and ``max`` (two arguments or more) and ``abs`` (one). Anything else is refused
at compile time (``**``, a bare ``min``, named or starred arguments, attributes, …), so that a rule that compiles
can always run. The expression is parsed with Python's ``ast`` and evaluated by walking the whitelisted tree: no
``eval``. What arithmetic can still raise on a report's figures (a division by zero, a quotient too large for a
float) skips the rule for that report.
"""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

_BINARY = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv,
    ast.Mod: operator.mod,
}
_COMPARE = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
}
_FUNCTIONS: dict[str, Callable[..., Any]] = {"min": min, "max": max, "abs": abs}
MAX_LENGTH = 500


class RuleError(ValueError):
    """A rule that does not compile; ``reason`` is a catalogue key, ``detail`` the offending piece."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


class Skip(Exception):
    """The rule does not apply to this report (an indicator is absent, or an arithmetic error)."""


@dataclass(frozen=True, slots=True)
class Rule:
    """A compiled rule: its tree and the indicator ids it reads."""

    expr: str
    tree: ast.expr
    names: frozenset[str]
    #: the tree as nested closures (:func:`_closure`), made once: the same operations as :func:`_eval`, in the
    #: same order, without walking the tree for every report (``None``: too deep to build; :func:`_eval` then)
    fn: Callable[[Mapping[str, int]], Any] | None = field(default=None, compare=False, repr=False)

    def holds(self, values: Mapping[str, int]) -> bool:
        """True or False for one report's indicators; raises :class:`Skip` when it cannot be judged."""
        if not self.names <= values.keys():
            raise Skip
        try:
            return bool(self.fn(values) if self.fn is not None else _eval(self.tree, values))
        except (ArithmeticError, ValueError, TypeError, RecursionError, MemoryError):
            raise Skip from None


def compile_rule(expr: str, indicators: set[str] | frozenset[str]) -> Rule:
    """Check ``expr`` against the whitelist and the plan's indicator ids."""
    if len(expr) > MAX_LENGTH:
        raise RuleError("too_long", str(MAX_LENGTH))
    try:
        tree = ast.parse(expr.strip(), mode="eval").body
    except SyntaxError as exc:
        raise RuleError("syntax", exc.msg or "") from None
    except (ValueError, RecursionError, MemoryError) as exc:  # a null byte, too deep, a huge literal
        raise RuleError("syntax", str(exc)[:60]) from None
    names: set[str] = set()
    called = {id(node.func) for node in ast.walk(tree) if isinstance(node, ast.Call)}
    for node in ast.walk(tree):
        _allow(node, names, called)
    unknown = sorted(names - set(indicators))
    if unknown:
        raise RuleError("unknown_indicator", ", ".join(unknown))
    try:
        fn: Callable[[Mapping[str, int]], Any] | None = _closure(tree)
    except RecursionError:
        fn = None
    return Rule(expr, tree, frozenset(names), fn)


def _allow(node: ast.AST, names: set[str], called: set[int]) -> None:
    if isinstance(node, ast.Name):
        if node.id not in _FUNCTIONS:
            names.add(node.id)
        elif id(node) not in called:  # ``min`` alone, ``abs`` not called: a function is not a number
            raise RuleError("bare_function", node.id)
        return
    if isinstance(node, ast.Call):
        if not isinstance(node.func, ast.Name) or node.func.id not in _FUNCTIONS:
            raise RuleError("forbidden", ast.unparse(node)[:60])
        wanted = 1 if node.func.id == "abs" else 2
        starred = any(isinstance(a, ast.Starred) for a in node.args)
        if node.keywords or starred or len(node.args) < wanted or (wanted == 1 and len(node.args) != 1):
            raise RuleError("arguments", ast.unparse(node)[:60])
        return
    bad_binary = isinstance(node, ast.BinOp) and type(node.op) not in _BINARY  # ``**``, ``<<``, ``&``, ``@``…
    bad_compare = isinstance(node, ast.Compare) and any(type(op) not in _COMPARE for op in node.ops)  # in, is
    if bad_binary or bad_compare or (isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Invert)):
        raise RuleError("forbidden", ast.unparse(node)[:60])
    if isinstance(node, ast.Constant):
        if isinstance(node.value, bool) or not isinstance(node.value, int | float):
            raise RuleError("forbidden", repr(node.value)[:60])
        return
    allowed = (
        ast.BoolOp,
        ast.And,
        ast.Or,
        ast.UnaryOp,
        ast.Not,
        ast.USub,
        ast.UAdd,
        ast.BinOp,
        ast.Compare,
        ast.Load,
        *_BINARY,
        *_COMPARE,
    )
    if not isinstance(node, allowed):
        raise RuleError("forbidden", ast.unparse(node)[:60] if isinstance(node, ast.expr) else type(node).__name__)


def _closure(node: ast.expr) -> Callable[[Mapping[str, int]], Any]:
    """``node`` as a function of the values, doing what :func:`_eval` does for it."""
    if isinstance(node, ast.Constant):
        constant = node.value
        return lambda values: constant
    if isinstance(node, ast.Name):
        name = node.id
        return lambda values: values[name]
    if isinstance(node, ast.BoolOp):
        parts = [_closure(v) for v in node.values]
        if isinstance(node.op, ast.And):
            return lambda values: all(p(values) for p in parts)
        return lambda values: any(p(values) for p in parts)
    if isinstance(node, ast.UnaryOp):
        operand = _closure(node.operand)
        if isinstance(node.op, ast.Not):
            return lambda values: not operand(values)
        if isinstance(node.op, ast.USub):
            return lambda values: -operand(values)
        return lambda values: +operand(values)
    if isinstance(node, ast.BinOp):
        left, right, op = _closure(node.left), _closure(node.right), _BINARY[type(node.op)]

        def binary(values: Mapping[str, int]) -> Any:
            a, b = left(values), right(values)
            try:
                return op(a, b)
            except ZeroDivisionError:
                raise Skip from None

        return binary
    if isinstance(node, ast.Compare):
        first = _closure(node.left)
        steps = [(_COMPARE[type(op)], _closure(c)) for op, c in zip(node.ops, node.comparators, strict=True)]

        def compare(values: Mapping[str, int]) -> bool:
            left = first(values)
            for test, comparator in steps:
                right = comparator(values)
                if not test(left, right):
                    return False
                left = right
            return True

        return compare
    if isinstance(node, ast.Call):
        assert isinstance(node.func, ast.Name)
        function, args = _FUNCTIONS[node.func.id], [_closure(a) for a in node.args]
        return lambda values: function(*(a(values) for a in args))
    raise RuleError("forbidden", type(node).__name__)


def _eval(node: ast.expr, values: Mapping[str, int]) -> Any:
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        return values[node.id]
    if isinstance(node, ast.BoolOp):
        if isinstance(node.op, ast.And):
            return all(_eval(v, values) for v in node.values)
        return any(_eval(v, values) for v in node.values)
    if isinstance(node, ast.UnaryOp):
        operand = _eval(node.operand, values)
        if isinstance(node.op, ast.Not):
            return not operand
        return -operand if isinstance(node.op, ast.USub) else +operand
    if isinstance(node, ast.BinOp):
        left, right = _eval(node.left, values), _eval(node.right, values)
        try:
            return _BINARY[type(node.op)](left, right)
        except ZeroDivisionError:
            raise Skip from None
    if isinstance(node, ast.Compare):
        left = _eval(node.left, values)
        for op, comparator in zip(node.ops, node.comparators, strict=True):
            right = _eval(comparator, values)
            if not _COMPARE[type(op)](left, right):
                return False
            left = right
        return True
    if isinstance(node, ast.Call):
        assert isinstance(node.func, ast.Name)
        return _FUNCTIONS[node.func.id](*(_eval(a, values) for a in node.args))
    raise RuleError("forbidden", type(node).__name__)
