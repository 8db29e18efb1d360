"""The words of compliance: requirement types and the three status vocabularies (docs/format.md, ``dkst status``).

A base-layer module (standard library only), so that the checks, the figures and the outputs all name the
same members. The enumerations are :class:`enum.StrEnum`: a member *is* its string (JSON, f-strings,
catalogue keys such as ``text(status, lang)``, pandas comparisons), so outputs do not change by a byte.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

#: The ``type`` of a plan requirement (the discriminator of ``plan.yaml``'s ``requirements``).
RequirementType = Literal["report", "models", "unit_plan", "rule"]


class ReportStatus(StrEnum):
    """A unit's status on a report requirement, in the order tables list them."""

    ON_TIME = "on_time"
    LATE = "late"
    MISSING = "missing"
    PENDING = "pending"
    INVALID = "invalid"
    EXEMPT = "exempt"
    NOT_REQUIRED = "not_required"


#: The statuses of a unit that owed no report.
UNOWED_STATUSES = (ReportStatus.EXEMPT, ReportStatus.NOT_REQUIRED)


class ItemStatus(StrEnum):
    """A unit's status on a ``models`` or ``unit_plan`` requirement."""

    DONE = "done"
    LATE = "late"
    MISSING = "missing"
    PENDING = "pending"
    INVALID = "invalid"
    EXEMPT = "exempt"
    NOT_REQUIRED = "not_required"


class RuleStatus(StrEnum):
    """A unit's status on a ``rule`` requirement."""

    OK = "ok"
    FAILED = "failed"
    PENDING = "pending"
    EXEMPT = "exempt"
    NOT_REQUIRED = "not_required"


#: Any of the three (a member compares equal to its string, and to the same word of another vocabulary).
AnyStatus = ReportStatus | ItemStatus | RuleStatus

#: The vocabulary of each requirement type.
VOCABULARY: dict[str, type[ReportStatus] | type[ItemStatus] | type[RuleStatus]] = {
    "report": ReportStatus,
    "models": ItemStatus,
    "unit_plan": ItemStatus,
    "rule": RuleStatus,
}


#: The colour of each status in the terminal tables (``dkst status``, ``dkst aggregate``).
STYLES: dict[str, str] = {
    "on_time": "green",
    "done": "green",
    "ok": "green",
    "late": "yellow",
    "missing": "red",
    "failed": "red",
    "pending": "cyan",
    "invalid": "magenta",
    "exempt": "dim",
    "not_required": "dim",
}
