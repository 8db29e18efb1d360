"""Types that say the truth (#11): status enumerations, partial records, enum choices taken from the classes."""

from __future__ import annotations

import json
from typing import Any

import pytest

from dkst.i18n import text
from dkst.load.dataset import parse_document
from dkst.load.partial import PartialReport
from dkst.load.schema import Commendation, ModelRecord, Plan, Record, Report, ReportRequirement
from dkst.load.validation import validate
from dkst.statuses import VOCABULARY, ItemStatus, ReportStatus, RuleStatus


def test_status_members_are_their_words() -> None:
    assert [s.value for s in ReportStatus] == [
        "on_time",
        "late",
        "missing",
        "pending",
        "invalid",
        "exempt",
        "not_required",
    ]
    assert json.dumps({ReportStatus.ON_TIME: ItemStatus.DONE}) == '{"on_time": "done"}'
    assert f"st-{RuleStatus.FAILED}" == "st-failed"
    assert str(ReportStatus.EXEMPT) == str(ItemStatus.EXEMPT) == str(RuleStatus.EXEMPT) == "exempt"
    assert text(ReportStatus.MISSING, "en") == text("missing", "en")
    assert {VOCABULARY[t].NOT_REQUIRED for t in ("report", "models", "unit_plan", "rule")} == {"not_required"}


def _allowed(cls: type[Record], data: dict[str, Any]) -> list[str]:
    problems = validate(cls, data).problems
    return [p.params["allowed"] for p in problems if p.params.get("reason") == "enum"]


@pytest.mark.parametrize(
    ("cls", "data", "allowed"),
    [
        (
            ModelRecord,
            {"name": "a", "status": "Đang làm"},
            "registered (đăng ký), in_progress (đang triển khai), completed (hoàn thành), stopped (dừng)",
        ),
        (ModelRecord, {"name": "a", "status": "completed", "origin": 3}, "new (mới), replicated (nhân rộng)"),
        (Commendation, {"name": "x", "kind": "nhóm"}, "collective (tập thể), individual (cá nhân)"),
        (ReportRequirement, {"id": "r", "type": "x", "applies_to": ["a"], "period": "h1"}, "report"),
    ],
)
def test_enum_choices_come_from_the_field_class(cls: type[Record], data: dict[str, Any], allowed: str) -> None:
    assert _allowed(cls, data) == [allowed]


def test_enum_choices_inside_a_union_and_a_list() -> None:
    plan = {
        "title": "t",
        "year": 2023,
        "issuer": "i",
        "unit_kinds": {"a": "A"},
        "periods": {},
        "requirements": [{"id": "r", "type": "rule", "applies_to": ["a"], "expr": "x > 1", "severity": "nặng"}],
    }
    assert _allowed(Plan, plan) == ["warning (cảnh báo), error (lỗi), info (thông tin)"]
    report = {"submitted": "2023-01-01", "commendations": [{"name": "x", "kind": "?"}]}
    assert _allowed(Report, report) == ["collective (tập thể), individual (cá nhân)"]


def test_a_partial_record_says_so_and_has_every_attribute() -> None:
    data = {"submitted": "hôm qua", "indicators": ["x"], "commendations": [{"kind": "collective"}, 3], "number": "7"}
    valid = validate(Report, data)
    assert valid.partial and valid.record is not None
    rec: PartialReport = valid.record
    assert all(name in rec.__dict__ for name in Report.model_fields)
    assert rec.submitted is None and rec.indicators is None and rec.number == "7"  # invalid fields are None
    assert rec.commendations is not None and rec.commendations[1] is None  # positions kept
    first = rec.commendations[0]
    assert first is not None and first.name is None and first.kind == "collective"  # a partial item
    assert not validate(Report, {"submitted": "2023-06-01"}).partial
    assert not validate(Report, {"submitted": "2023-06-01", "nmber": "1"}).partial  # a typo alone costs nothing
    assert validate(Report, "text").record is None


def test_partial_goes_through_parsing() -> None:
    assert parse_document(b"submitted: 2023-06-31\n", Report).partial
    assert not parse_document(b"submitted: 2023-06-30\n", Report).partial
