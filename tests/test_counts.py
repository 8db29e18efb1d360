"""Counts exactly as docs/format.md says (issue #9): decimal digits, leading zeros decimal, 0 … 999 999 999 999;
every other form is ``invalid-value`` on its line and never becomes a number anywhere."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from dkst.counts import MAX_COUNT, BigDecimal, CountError, parse_count
from dkst.load.dataset import parse_document
from dkst.load.partial import PartialPlan, PartialReport
from dkst.load.schema import ModelRecord, ModelsRequirement, Plan, Report
from tests.conftest import run_dkst, whole

H1 = "units/an-my/reports/H1.yaml"
MODEL = "units/an-my/models/cho-so.yaml"

# ---------------------------------------------------------------- parse_count on Python values


@pytest.mark.parametrize("value", [0, 1, 8, 10, 200, MAX_COUNT])
def test_python_ints_in_range(value: int) -> None:
    assert parse_count(value) == value
    assert type(parse_count(value)) is int


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (True, "count"),
        (False, "count"),
        (-1, "count"),
        (MAX_COUNT + 1, "count_limit"),
        (10**40, "count_limit"),
        (1.0, "count"),
        (12.5, "count"),
        (float("inf"), "count"),
        (float("nan"), "count"),
        (None, "count"),
        ("12", "count_quoted"),  # digits as text (a quoted "12"): #22 says to drop the quotes
        ("08", "count_quoted"),
        ("", "count"),
        ([1], "count"),
        ({"a": 1}, "count"),
        (BigDecimal("9" * 50), "count_limit"),
    ],
)
def test_other_python_values_are_refused(value: object, reason: str) -> None:
    with pytest.raises(CountError) as exc:
        parse_count(value)
    assert exc.value.reason == reason


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [
        ("1.000", "1000"),
        ("1,000", "1000"),
        ("1 000", "1000"),
        ("12.345.678", "12345678"),
        ("1\u00a0000", "1000"),
    ],
)
def test_separators_keep_their_hint(text: str, suggestion: str) -> None:
    with pytest.raises(CountError) as exc:
        parse_count(text)
    reason = "count_separator" if "." in text else "count_grouped"
    assert (exc.value.reason, exc.value.suggestion) == (reason, suggestion)


@pytest.mark.parametrize("text", ["1.5", "1,5", "1.0000", "1.000,000", "1 000.000", "١٠٠٠"])
def test_not_separators(text: str) -> None:
    with pytest.raises(CountError) as exc:
        parse_count(text)
    assert exc.value.reason == "count"


# ---------------------------------------------------------------- every written form through the loader

GOOD = {
    "0": 0,
    "01": 1,
    "08": 8,
    "09": 9,
    "010": 10,
    "0200": 200,
    "007": 7,
    "1250": 1250,
    "999999999999": MAX_COUNT,
    "000000000000000000000000000001": 1,
}
BAD = [
    "1:30",
    "1_000",
    "0x1F",
    "0o17",
    "0b11",
    "+5",
    "1e3",
    "1E3",
    "1.5",
    '"12"',
    "'12'",
    "true",
    "yes",
    "on",
    "-3",
    "-0",
    "1000000000000",
    "99999999999999999999999999999999999999999",
    "!!int 5",
    "!!int '5'",
    "!!float 5",
    "!!str 5",
    "1.0e+3",
    ".inf",
    ".nan",
    "0.",
    "１２",
    "٣",
    "12abc",
    "[1]",
    "{a: 1}",
    "2023-06-02",
    "1 000 000 000 000",
    "0x_1F",
    "1__0",
    "190:20:30",
    "0b",
    "0o",
    "-0x1F",
]
SEPARATED = {"1.000": "1000", "1,000": "1000", "1 000": "1000", "2.500.000": "2500000"}


def _indicator(text: str) -> tuple[object, list[tuple[str, int | None, dict[str, Any]]]]:
    raw = f"submitted: 2023-06-04\nindicators:\n  a: {text}\n  b: 5\n".encode()
    parsed = parse_document(raw, Report)
    record: PartialReport | None = parsed.record
    assert record is not None
    return record.indicators, parsed.problems


@pytest.mark.parametrize(("text", "value"), sorted(GOOD.items()))
def test_decimal_forms(text: str, value: int) -> None:
    indicators, problems = _indicator(text)
    assert problems == []
    assert indicators == {"a": value, "b": 5}
    assert type(indicators["a"]) is int


@pytest.mark.parametrize("text", BAD + sorted(SEPARATED))
def test_other_forms_are_invalid_on_their_line(text: str) -> None:
    indicators, problems = _indicator(text)
    assert indicators == {"b": 5}, "the bad value must not become a number"
    assert [(code, line) for code, line, _ in problems] == [("invalid-value", 3)]
    params = problems[0][2]
    if text in SEPARATED:
        assert params["reason"] in ("count_separator", "count_grouped")
        assert params["suggestion"] == SEPARATED[text]
    elif text.startswith("!"):
        assert params["reason"] == "tag"
    elif text.isdigit() and text.isascii():
        assert params["reason"] == "count_limit"


@pytest.mark.parametrize("text", ["010", "0x1F", "1:30", "!!int 5", "1.000"])
def test_model_beneficiaries_use_the_same_parser(text: str) -> None:
    raw = f"name: X\nstatus: completed\nstarted: 2023-03-01\nbeneficiaries: {text}\n".encode()
    parsed = parse_document(raw, ModelRecord)
    if text == "010":
        assert parsed.problems == [] and whole(parsed).beneficiaries == 10
    else:
        assert [(c, ln) for c, ln, _ in parsed.problems] == [("invalid-value", 4)]
        assert parsed.record is not None and parsed.record.beneficiaries is None


def _plan(year: str, extra: str = "") -> tuple[PartialPlan, list[Any]]:
    raw = (
        f"title: T\nyear: {year}\nissuer: I\nunit_kinds: {{ward: P}}\n"
        f"periods: {{H1: {{name: N, start: 2023-01-01, end: 2023-06-30, due_by: 2023-06-05}}}}\n{extra}"
    ).encode()
    parsed = parse_document(raw, Plan)
    assert parsed.record is not None
    return parsed.record, parsed.problems


def test_other_int_fields_still_work() -> None:
    plan, problems = _plan("2023", "requirements:\n  - {id: m, type: models, min: 1, applies_to: [ward]}\n")
    assert problems == [] and plan.year == 2023 and plan.requirements
    assert isinstance(plan.requirements[0], ModelsRequirement) and plan.requirements[0].min == 1
    assert type(plan.year) is int
    for bad in ("0x7E7", "03747", "2023.0", "'2023'", "1999", "2101", "!!int 2023", "true", "3:53:43"):
        plan, problems = _plan(bad)
        assert [(c, ln) for c, ln, _ in problems] == [("invalid-value", 2)], bad
        assert plan.year is None
    plan, problems = _plan("2023", "requirements:\n  - {id: m, type: models, min: 0x1, applies_to: [ward]}\n")
    assert [c for c, _, _ in problems] == ["invalid-value"]


def test_booleans_still_work() -> None:
    for text, value in (("true", True), ("false", False), ("True", True), ("yes", True), ("off", False)):
        raw = f"name: X\nstatus: completed\nstarted: 2023-03-01\npropose_replication: {text}\n".encode()
        parsed = parse_document(raw, ModelRecord)
        assert parsed.problems == [] and whole(parsed).propose_replication is value
    raw = b"name: X\nstatus: completed\nstarted: 2023-03-01\npropose_replication: 1\n"
    assert [c for c, _, _ in parse_document(raw, ModelRecord).problems] == ["invalid-value"]


def test_text_fields_keep_what_was_typed() -> None:
    raw = b"submitted: 2023-06-04\nnumber: 012\nsigner: 0x1F\nhighlights: 1:30\nlimitations: 1.000\n"
    parsed = parse_document(raw, Report)
    assert parsed.problems == []
    rec = whole(parsed)
    assert (rec.number, rec.signer, rec.highlights, rec.limitations) == ("012", "0x1F", "1:30", "1.000")


def test_keys_read_as_written() -> None:
    raw = b"units:\n  - {id: '2023', name: X, kind: ward}\n  - {id: 010, name: Y, kind: ward}\n"
    from dkst.load.schema import UnitsFile

    parsed = parse_document(raw, UnitsFile)
    assert parsed.problems == []
    assert [u.id for u in whole(parsed).units] == ["2023", "010"]


# ---------------------------------------------------------------- sums never overflow


def test_totals_are_exact_for_ten_thousand_maximal_counts() -> None:
    from types import SimpleNamespace

    from dkst.figures.aggregate import kind_figures

    n = 10_000
    units = [SimpleNamespace(indicators={"a": MAX_COUNT}, models=1) for _ in range(n)]
    units.append(SimpleNamespace(indicators={}, models=0))
    figures = kind_figures(units, ["a", "b"])
    assert figures.indicators == {"a": MAX_COUNT * n, "b": None} and figures.carried == {"a": n, "b": 0}
    assert figures.models == n


# ---------------------------------------------------------------- through the installed command


def test_number_forms_through_check_and_aggregate(valid: Path) -> None:
    """``010`` is 10 in the totals; ``0x1F``, ``1:30``, ``1.000`` are findings and the report is left out."""
    report = valid / H1
    report.write_text(
        "submitted: 2023-06-04\nindicators:\n  propaganda_sessions: 010\n"
        "  propaganda_participants: 0700\nmodels: [cho-so]\n",
        encoding="utf-8",
    )
    proc = run_dkst("aggregate", "--data", str(valid), "--as-of", "2023-12-20", "--period", "H1", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["indicators"]["propaganda_sessions"]["total"] == 10 + 3  # hoi-nong-dan's report says 3
    assert doc["indicators"]["propaganda_participants"]["total"] == 700 + 150

    report.write_text(
        "submitted: 2023-06-04\nindicators:\n  propaganda_sessions: 0x1F\n"
        "  propaganda_participants: 1.000\nmodels: [cho-so]\n",
        encoding="utf-8",
    )
    proc = run_dkst("check", "--data", str(valid), "--as-of", "2023-12-20", "--format", "json", "--lang", "en")
    assert proc.returncode == 1
    hits = [(f["code"], f["line"]) for f in json.loads(proc.stdout)["findings"] if f["path"] == H1]
    assert hits == [("invalid-value", 3), ("invalid-value", 4)]
    assert "write 1000" in proc.stdout
    proc = run_dkst("aggregate", "--data", str(valid), "--as-of", "2023-12-20", "--period", "H1", "--format", "json")
    doc = json.loads(proc.stdout)
    assert doc["reports"]["left_out"] == 1
    assert doc["indicators"]["propaganda_sessions"]["total"] == 3
    assert date.fromisoformat(doc["as_of"]) == date(2023, 12, 20)
