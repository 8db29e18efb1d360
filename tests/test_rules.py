"""Rules (issue #9): a rule that compiles must be able to run; arithmetic errors skip the rule for a report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dkst.checks.rules import RuleError, Skip, compile_rule
from tests.conftest import run_dkst

IND = frozenset({"a", "b"})


@pytest.mark.parametrize(
    ("expr", "reason"),
    [
        ("min(a)", "arguments"),
        ("max(a)", "arguments"),
        ("min()", "arguments"),
        ("abs()", "arguments"),
        ("abs(a, b)", "arguments"),
        ("min(a, b, key=a)", "arguments"),
        ("max(*[a, b])", "arguments"),
        ("max(a, *b)", "arguments"),
        ("abs(x=a)", "arguments"),
        ("min", "bare_function"),
        ("abs", "bare_function"),
        ("a < max", "bare_function"),
        ("min + 1 > a", "bare_function"),
        ("min(a, b) > abs", "bare_function"),
        ("9**9**9", "forbidden"),
        ("a ** 2 > b", "forbidden"),
        ("a in b", "forbidden"),
        ("a is b", "forbidden"),
        ("~a", "forbidden"),
        ("a << 3", "forbidden"),
        ("a & b", "forbidden"),
        ("a @ b", "forbidden"),
        ("a if b else 1", "forbidden"),
        ("a.real", "forbidden"),
        ("[a][0]", "forbidden"),
        ("True", "forbidden"),
        ("'x' < a", "forbidden"),
        ("1j", "forbidden"),
        ("min(a, b)(1)", "forbidden"),
        ("lambda: 1", "forbidden"),
        ("(x := a)", "forbidden"),
        ("f'{a}'", "forbidden"),
        ("__import__('os')", "forbidden"),
        ("a >=", "syntax"),
        ("\x00", "syntax"),
        ("a" * 600, "too_long"),
        ("c > a", "unknown_indicator"),
    ],
)
def test_refused_at_compile_time(expr: str, reason: str) -> None:
    with pytest.raises(RuleError) as exc:
        compile_rule(expr, IND)
    assert exc.value.reason == reason


@pytest.mark.parametrize(
    ("expr", "values", "holds"),
    [
        ("a >= b", {"a": 2, "b": 1}, True),
        ("min(a, b) >= 1", {"a": 2, "b": 1}, True),
        ("max(a, b, 3) == 3", {"a": 2, "b": 1}, True),
        ("abs(a - b) <= 1", {"a": 2, "b": 5}, False),
        ("0 <= a < b", {"a": 0, "b": 1}, True),
        ("not (a > b) or a == 0", {"a": 0, "b": 5}, True),
        ("a // 2 + a % 2 == 1", {"a": 1, "b": 0}, True),
        ("-a + +b > 0", {"a": 1, "b": 2}, True),
    ],
)
def test_allowed_rules_run(expr: str, values: dict[str, int], holds: bool) -> None:
    assert compile_rule(expr, IND).holds(values) is holds


@pytest.mark.parametrize(
    "expr", ["a / b > 1", "a // b > 1", "a % b > 1", "9" * 400 + " / (a + 1) > b", "a / b / b > 1"]
)
def test_arithmetic_errors_skip_the_report(expr: str) -> None:
    rule = compile_rule(expr, IND)
    with pytest.raises(Skip):
        rule.holds({"a": 0, "b": 0})


def test_absent_indicator_skips() -> None:
    with pytest.raises(Skip):
        compile_rule("a > b", IND).holds({"a": 1})


def test_every_compiled_rule_can_run() -> None:
    """A small exhaustive sweep: whatever compiles holds or skips on edge values, never raises anything else."""
    pieces = ["a", "b", "0", "1", "999999999999", "1e308", "min(a, b)", "max(a, b, 0)", "abs(a - b)"]
    ops = ["+", "-", "*", "/", "//", "%", "<", ">=", "==", "and", "or"]
    values = [{"a": 0, "b": 0}, {"a": 999_999_999_999, "b": 0}, {"a": 1, "b": 999_999_999_999}]
    for left in pieces:
        for op in ops:
            for right in pieces:
                rule = compile_rule(f"{left} {op} {right} {op} {left}", IND)
                for vals in values:
                    try:
                        assert rule.holds(vals) in (True, False)
                    except Skip:
                        pass


@pytest.mark.parametrize(
    "expr", ["min(propaganda_participants) >= 1", "propaganda_participants > max", "propaganda_participants ** 99 > 1"]
)
def test_invalid_rule_through_the_command(valid: Path, expr: str) -> None:
    plan = valid / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(
        text.replace("expr: propaganda_participants >= propaganda_sessions", f"expr: {expr}"), encoding="utf-8"
    )
    commands = [["check", "--format", "json"]]
    if expr.startswith("min"):
        commands.append(["aggregate", "--period", "H1", "--format", "json"])
    for cmd in commands:
        proc = run_dkst(*cmd, "--data", str(valid), "--as-of", "2023-12-20", "--lang", "en")
        assert "Traceback" not in proc.stderr
        assert proc.returncode in (0, 1), proc.stderr
        if cmd[0] == "check":
            hits = [f for f in json.loads(proc.stdout)["findings"] if f["code"] == "invalid-rule"]
            assert [(h["path"], h["line"]) for h in hits] == [("plan.yaml", 48)]


def test_division_by_zero_skips_through_the_command(valid: Path) -> None:
    plan = valid / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    expr = "expr: propaganda_participants / (propaganda_sessions - 10) != 12345"
    plan.write_text(text.replace("expr: propaganda_participants >= propaganda_sessions", expr), encoding="utf-8")
    proc = run_dkst("check", "--data", str(valid), "--as-of", "2023-12-20", "--format", "json")
    assert proc.returncode == 0, proc.stdout
    assert json.loads(proc.stdout)["findings"] == []  # an-my has 10 sessions: skipped, hoi-nong-dan's holds
