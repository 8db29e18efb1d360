"""Deadline arithmetic on the boundary days, against a plain reference written from docs/format.md."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dkst.periods import DateError, Deadline, date_line, parse_date, vn_date


def reference(kind: str, d: date, received: date) -> tuple[bool, int | None]:
    """docs/format.md read literally: due_before D → on time iff received < D; due_by D → iff received <= D."""
    on_time = received < d if kind == "before" else received <= d
    last = d - timedelta(days=1) if kind == "before" else d
    return on_time, None if on_time else (received - last).days


@pytest.mark.parametrize("kind", ["before", "by"])
@pytest.mark.parametrize("offset", [-2, -1, 0, 1, 2])
def test_boundary_days(kind: str, offset: int) -> None:
    day = date(2023, 6, 5)
    deadline = Deadline(day, inclusive=kind == "by")
    received = day + timedelta(days=offset)
    on_time, late = reference(kind, day, received)
    assert deadline.on_time(received) is on_time
    if late is not None:
        assert deadline.days_late(received) == late >= 1


@given(d=st.dates(date(2000, 1, 1), date(2100, 1, 1)), delta=st.integers(-400, 400), inclusive=st.booleans())
def test_against_reference(d: date, delta: int, inclusive: bool) -> None:
    deadline = Deadline(d, inclusive)
    received = d + timedelta(days=delta)
    on_time, late = reference("by" if inclusive else "before", d, received)
    assert deadline.on_time(received) is on_time
    assert deadline.passed(received) is (not on_time)
    if not on_time:
        assert deadline.days_late(received) == late and deadline.days_overdue(received) == late


def test_seed_deadline() -> None:
    """“trước ngày 05/6” is due_before 2023-06-05: the last on-time day is 04/6/2023."""
    deadline = Deadline(date(2023, 6, 5), inclusive=False)
    assert deadline.last_on_time == date(2023, 6, 4)
    assert vn_date(deadline.last_on_time) == "04/6/2023"
    assert deadline.days_late(date(2023, 6, 7)) == 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-06-02", date(2023, 6, 2)),
        ("02/06/2023", date(2023, 6, 2)),
        ("2/6/2023", date(2023, 6, 2)),
        ("02.06.2023", date(2023, 6, 2)),
        ("2-6-2023", date(2023, 6, 2)),
        (" 2023-6-2 ", date(2023, 6, 2)),
    ],
)
def test_date_forms(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    ["02/06/23", "06/31/2023", "2023/06/02", "30/02/2023", "2023-13-45", "hôm nay", "2023-06-02T10:00", "2/6.2023", ""],
)
def test_bad_dates(text: str) -> None:
    with pytest.raises(DateError):
        parse_date(text)


def test_date_line_padding() -> None:
    """Nghị định 30/2020: days below 10 and months 1 and 2 take a leading zero."""
    assert date_line("Tam Kỳ", date(2023, 6, 5)) == "Tam Kỳ, ngày 05 tháng 6 năm 2023"
    assert date_line("Tam Kỳ", date(2023, 2, 17)) == "Tam Kỳ, ngày 17 tháng 02 năm 2023"
    assert date_line("Tam Kỳ", date(2023, 12, 25)) == "Tam Kỳ, ngày 25 tháng 12 năm 2023"
    assert vn_date(date(2023, 1, 9)) == "09/01/2023"
