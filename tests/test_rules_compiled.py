"""A rule is evaluated through closures built once (#20, speed): the same judgement as walking its tree, for
every form a rule may take, including the reports it cannot judge (:class:`Skip`)."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from dkst.checks.rules import Rule, Skip, compile_rule

IDS = {"a", "b", "c"}
RULES = [
    "a >= b",
    "a >= b >= c",
    "a < b or not c",
    "a and b and c > 0",
    "a + b * c - 2 >= 10",
    "a / b <= 2",
    "a // b == c % b",
    "-a + +b != c",
    "min(a, b) < max(b, c)",
    "abs(a - b) <= c",
    "1 == 1",
    "(a > 1) + (b > 1) >= 1",
]


def _judge(rule: Rule, values: dict[str, int]) -> bool | str:
    try:
        return rule.holds(values)
    except Skip:
        return "skip"


@pytest.mark.parametrize("expr", RULES)
def test_closures_judge_as_the_tree_does(expr: str) -> None:
    rule = compile_rule(expr, IDS)
    assert rule.fn is not None
    walked = replace(rule, fn=None)
    rng = random.Random(expr)
    for _ in range(300):
        values = {k: rng.choice([0, 1, 2, 3, 7, 100, 10**6]) for k in IDS if rng.random() > 0.05}
        assert _judge(rule, values) == _judge(walked, values), values
