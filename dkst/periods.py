"""Dates and deadlines: the accepted date forms, the last on-time day, days late and overdue."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date, timedelta

# ASCII digits only: ``\d`` would take ``２０２３`` or Arabic-Indic digits, which ``int()`` then reads.
_ISO = re.compile(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$", re.ASCII)
_DAY_FIRST = re.compile(r"^([0-9]{1,2})([/.\-])([0-9]{1,2})\2([0-9]{4})$", re.ASCII)


#: The JSON Schema pattern of a date field: the two forms above (``dkst schema``).
DATE_PATTERN = r"^([0-9]{4}-[0-9]{1,2}-[0-9]{1,2}|[0-9]{1,2}([/.\-])[0-9]{1,2}\2[0-9]{4})$"


class DateError(ValueError):
    """A text that is not a date in an accepted form, or an impossible date."""

    def __init__(self, text: str, reason: str) -> None:
        super().__init__(f"{reason}: {text!r}")
        self.text = text
        self.reason = reason  # "form" (not an accepted form) or "impossible"


def parse_date(value: object) -> date:
    """Read a date written as ISO ``2023-06-02`` or day-first ``02/06/2023``, ``2.6.2023``, ``2-6-2023``.

    ASCII digits only, a four-digit year; an impossible day (``30/02/2023``, ``0000-01-01``) is
    :class:`DateError` with reason ``impossible``, any other form reason ``form``. Used for files and options.
    """
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise DateError(str(value)[:60], "form")
    text = value.strip()
    if len(text) > 10:
        raise DateError(text[:60], "form")
    m = _ISO.match(text)
    if m:
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    else:
        m = _DAY_FIRST.match(text)
        if not m:
            raise DateError(text, "form")
        d, mo, y = int(m[1]), int(m[3]), int(m[4])
    try:
        return date(y, mo, d)
    except ValueError:
        raise DateError(text, "impossible") from None


def nearest_period(value: str, choices: list[str]) -> str | None:
    """The period id of ``choices`` a mistyped ``value`` most likely meant (``h1`` → ``H1``, ``H3`` → ``H1``)."""
    import difflib

    wanted = value.strip().upper()
    for choice in choices:
        if choice.upper() == wanted:
            return choice
    found = difflib.get_close_matches(wanted, [c.upper() for c in choices], n=1, cutoff=0.5)
    return next((c for c in choices if c.upper() == found[0]), None) if found else None


def iso_date(value: object) -> date | None:
    """A date, or an ISO date text (``2023-06-02``, ASCII digits, spaces around allowed), as a date; anything
    else (another form, an impossible day, not a text) ``None``. For templates' filters, which print what is not
    a date as it is."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    m = _ISO.match(value.strip())
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def today() -> date:
    """The real calendar's today (``DKST_TODAY`` overrides it, for tests only)."""
    forced = os.environ.get("DKST_TODAY")
    return parse_date(forced) if forced else date.today()


@dataclass(frozen=True, slots=True)
class Deadline:
    """``due_before: D`` (on time iff received before D) or ``due_by: D`` (on or before D)."""

    day: date
    inclusive: bool  # True for due_by

    @property
    def last_on_time(self) -> date:
        if self.inclusive or self.day == date.min:  # ``due_before: 0001-01-01``: no day before it
            return self.day
        return self.day - timedelta(days=1)

    def on_time(self, received: date) -> bool:
        return received <= self.last_on_time

    def days_late(self, received: date) -> int:
        return (received - self.last_on_time).days

    def passed(self, as_of: date) -> bool:
        return as_of > self.last_on_time

    def days_overdue(self, as_of: date) -> int:
        return (as_of - self.last_on_time).days


def deadline_of(due_before: date | None, due_by: date | None, default: date | None = None) -> Deadline | None:
    """The deadline a period or requirement states, or ``due_by: default`` when it states none."""
    if due_before is not None:
        return Deadline(due_before, inclusive=False)
    if due_by is not None:
        return Deadline(due_by, inclusive=True)
    if default is not None:
        return Deadline(default, inclusive=True)
    return None


def vn_date(day: date) -> str:
    """A short date as Vietnamese documents write it: ``04/6/2023`` (day padded, month 1–2 not)."""
    month = f"0{day.month}" if day.month <= 2 else str(day.month)
    return f"{day.day:02d}/{month}/{day.year}"


def vn_date_long(day: date) -> str:
    """``ngày 05 tháng 6 năm 2023``: days below 10 and the months January and February take a leading zero."""
    month = f"0{day.month}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def date_line(place: str | None, day: date) -> str:
    """The place-and-date line of Nghị định 30/2020: ``Tam Kỳ, ngày 05 tháng 6 năm 2023``."""
    text = vn_date_long(day)
    return f"{place}, {text}" if place else text.capitalize()
