"""The indented JSON writer (:func:`dkst.escape.json_indented`) writes exactly what ``json.dumps(value,
ensure_ascii=False, indent=2)`` writes (#20: the same bytes without json's pure-Python encoder)."""

from __future__ import annotations

import json
from enum import IntEnum, StrEnum
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dkst.counts import Ratio, half_up
from dkst.escape import json_indented
from dkst.figures.aggregate import json_number, json_ready
from dkst.statuses import ReportStatus


class Colour(StrEnum):
    RED = "đỏ"


class Level(IntEnum):
    HIGH = 3


def reference(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


leaves = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text()
    | st.sampled_from([Colour.RED, Level.HIGH, ReportStatus.LATE])
)
keys = st.text() | st.integers() | st.floats(allow_nan=False) | st.booleans() | st.none()
values = st.recursive(
    leaves,
    lambda inner: (
        st.lists(inner, max_size=5) | st.lists(inner, max_size=3).map(tuple) | st.dictionaries(keys, inner, max_size=5)
    ),
    max_leaves=40,
)


@settings(max_examples=400, deadline=None)
@given(values)
def test_same_text_as_json_dumps(value: Any) -> None:
    assert json_indented(value) == reference(value)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.text(), st.integers(0, 50).flatmap(lambda w: st.tuples(st.integers(0, w), st.just(w)))))
def test_ratios_rounded_once_as_json_ready(pairs: dict[str, tuple[int, int]]) -> None:
    value = {
        k: [Ratio(p, w) if w else None, Fraction(p, w or 1), {"x": Ratio(p, w) if w else 0}]
        for k, (p, w) in pairs.items()
    }
    assert json_indented(value, json_number) == reference(json_ready(value))


def test_ratio_written_half_up() -> None:
    assert json_indented([Ratio(6, 11), Ratio(1, 8)], json_number) == "[\n  0.5455,\n  0.125\n]"
    assert float(half_up(Fraction(6, 11), 4)) == 0.5455


def test_empty_containers_and_control_characters() -> None:
    value: dict[str, Any] = {"a": {}, "b": [], "c": ([], {}), "d": '\x00\x1f\u2028\x9b"\\'}
    assert json_indented(value) == reference(value)


def test_refuses_what_json_refuses() -> None:
    with pytest.raises(TypeError):
        json_indented({"a": object()})
    with pytest.raises(TypeError):
        json_indented({(1, 2): 1})
    with pytest.raises(TypeError):
        json_indented({"a": {1, 2}})


def test_subclass_of_float_without_leaf_as_json() -> None:
    value = {"r": Ratio(6, 11), "f": Fraction(1, 3)}
    assert json_indented(value, lambda v: v if isinstance(v, float) else float(v)) == reference(
        {"r": Ratio(6, 11), "f": float(Fraction(1, 3))}
    )
