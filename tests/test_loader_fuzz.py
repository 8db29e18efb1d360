"""Arbitrary bytes and arbitrary YAML thrown at the loader: findings, never an exception."""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dkst.findings import CODES
from dkst.load.dataset import ParsedFile, parse_document
from dkst.load.schema import KINDS, Record, Report

KIND_CLASSES = list(KINDS.values())

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.sampled_from(["2023-06-02", "30/02/2023", "1.000", "đăng ký", "H1"]),
)
keys = st.one_of(
    st.sampled_from(
        [
            "submitted",
            "indicators",
            "models",
            "name",
            "status",
            "started",
            "units",
            "id",
            "kind",
            "periods",
            "requirements",
            "exempt",
            "x-note",
            "type",
            "applies_to",
        ]
    ),
    st.text(min_size=1, max_size=12),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=5)),
    max_leaves=25,
)
documents = st.dictionaries(keys, values, max_size=8)


def _assert_clean(parsed: ParsedFile[Any]) -> None:
    for code, line, params in parsed.problems:
        assert code in CODES
        assert line is None or (isinstance(line, int) and line >= 1)
        assert isinstance(params, dict)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=st.binary(max_size=400), kind=st.sampled_from(KIND_CLASSES))
def test_arbitrary_bytes(raw: bytes, kind: type[Record]) -> None:
    _assert_clean(parse_document(raw, kind))


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=documents, kind=st.sampled_from(KIND_CLASSES))
def test_arbitrary_yaml(doc: dict[str, Any], kind: type[Record]) -> None:
    text = yaml.safe_dump(doc, allow_unicode=True)
    _assert_clean(parse_document(text.encode("utf-8"), kind))


@settings(max_examples=50, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from(list("ab:-[]{}&*!|>'\"#\t\n %@`,?0123456789đệ")), max_size=120),
    kind=st.sampled_from(KIND_CLASSES),
)
def test_yaml_punctuation_soup(text: str, kind: type[Record]) -> None:
    _assert_clean(parse_document(text.encode("utf-8"), kind))


def test_report_with_every_kind_of_bad_value() -> None:
    raw = (
        "submitted: 2023-02-30\nindicators: {a: 1.000, b: '12', c: true, d: -3}\nmodels: [Bad Id, 3]\n"
        "commendations: [{name: X, kind: nhóm}, 7]\nhighlights: [a]\n"
    ).encode()
    parsed = parse_document(raw, Report)
    codes = [code for code, _, _ in parsed.problems]
    assert codes.count("invalid-value") >= 8
    assert parsed.record is not None and parsed.record.submitted is None
