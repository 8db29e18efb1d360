"""The valid parts of plan.yaml, indexed and typed: what the registry derives and the later checks read.

A neutral module of plain records (no parsing, no checks), so that the loader, the checks and the outputs can
all name these types without depending on one another.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from dkst.findings import Severity
from dkst.load.schema import Indicator
from dkst.periods import Deadline
from dkst.statuses import RequirementType


class Condition(Protocol):
    """A compiled ``rule`` expression (:class:`dkst.checks.rules.Rule`): its text, its names, its test."""

    @property
    def expr(self) -> str: ...

    @property
    def names(self) -> frozenset[str]: ...

    def holds(self, values: Mapping[str, int]) -> bool: ...


@dataclass(frozen=True, slots=True)
class PeriodInfo:
    """A valid period of the plan with its deadline."""

    id: str
    name: str
    start: date
    end: date
    deadline: Deadline


@dataclass(frozen=True, slots=True)
class Requirement:
    """A usable requirement: what the plan asks, of which kinds, by when."""

    id: str
    type: RequirementType
    text: str | None
    kinds: tuple[str, ...]
    period: str | None = None
    minimum: int = 0
    deadline: Deadline | None = None
    rule: Condition | None = None
    severity: Severity | None = None  # a rule's: the level of its rule-failed findings
    index: int = 0


@dataclass
class PlanIndex:
    """The valid parts of plan.yaml, indexed for the checks."""

    year: int | None = None
    kinds: dict[str, str] = field(default_factory=dict)
    periods: dict[str, PeriodInfo] = field(default_factory=dict)
    indicators: dict[str, Indicator] = field(default_factory=dict)
    requirements: list[Requirement] = field(default_factory=list)
