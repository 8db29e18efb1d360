"""plan.yaml and units.yaml beyond the schema: ids, references, deadlines, rules, exemptions.

A broken part is left out and only what depends on it goes with it: a broken period (no reports of it
are judged), a broken rule (that rule), a broken unit entry (that unit).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from dkst import findings as F
from dkst.checks.rules import RuleError, compile_rule
from dkst.findings import Finding, Severity
from dkst.load.partial import PartialIndicator, PartialUnit, PartialUnitsFile
from dkst.load.plan_index import Condition, PeriodInfo, PlanIndex, Requirement
from dkst.load.schema import (
    Indicator,
    ModelsRequirement,
    Parent,
    Period,
    ReportRequirement,
    RuleRequirement,
    Unit,
    UnitPlanRequirement,
)
from dkst.load.validation import nearest
from dkst.periods import Deadline, deadline_of

if TYPE_CHECKING:
    from dkst.load.dataset import Dataset

__all__ = ["PeriodInfo", "PlanIndex", "Requirement", "index_plan", "unknown_ref", "usable_unit", "usable_units"]


def index_plan(ds: Dataset) -> tuple[PlanIndex, list[Finding]]:
    """The plan's valid parts, indexed, and the findings on the rest (its ``parent`` included)."""
    index = PlanIndex()
    out: list[Finding] = []
    plan, src = ds.plan, ds.plan_file
    if plan is None or src is None:
        return index, out
    path = "plan.yaml"
    index.year = plan.year
    index.kinds = dict(plan.unit_kinds or {})

    for pid, period in (plan.periods or {}).items():
        info = _period(ds, pid, period, out)
        if info is not None:
            index.periods[pid] = info

    for i, ind in enumerate(plan.indicators or []):
        if ind is None or ind.id is None or ind.label is None:
            continue
        assert isinstance(ind, Indicator)  # a partial item is still of its class; its id and label are valid
        if ind.id in index.indicators:
            out.append(
                F.make(
                    "duplicate-id",
                    path,
                    src.line("indicators", i, "id"),
                    id=ind.id,
                    first=src.line("indicators", _position(plan.indicators, ind.id), "id"),
                )
            )
            continue
        index.indicators[ind.id] = ind

    seen: dict[str, int] = {}
    for i, req in enumerate(plan.requirements or []):
        if req is None:
            continue
        if req.id in seen:
            out.append(
                F.make(
                    "duplicate-id",
                    path,
                    src.line("requirements", i, "id"),
                    id=req.id,
                    first=src.line("requirements", seen[req.id], "id"),
                )
            )
            continue
        seen[req.id] = i
        usable = _requirement(ds, index, i, req, out)
        if usable is not None:
            index.requirements.append(usable)
    out += parent_findings(ds)
    return index, out


def parent_findings(ds: Dataset) -> list[Finding]:
    """``parent`` (for ``dkst rollup``): its keys name this plan's indicators and periods, and no two of this
    plan's indicators go to one indicator of the level above. (Ids themselves are checked by the schema; the
    other side names the level above's dataset, which only ``dkst rollup`` sees.)"""
    plan, src = ds.plan, ds.plan_file
    parent = plan.parent if plan is not None else None
    out: list[Finding] = []
    if plan is None or src is None or not isinstance(parent, Parent):
        return out  # absent, or broken: its schema finding says why
    position: dict[str, int] = {}  # indicator id → its first place in plan.yaml (broken entries included)
    for pos, ind in enumerate(plan.indicators or []):
        if ind is not None and ind.id is not None:
            position.setdefault(ind.id, pos)
    mapping = parent.indicators or {}
    for key in mapping:
        if key not in position:
            out.append(unknown_ref(src.line("parent", "indicators", key), "indicator", key, list(position)))

    def line_of(ind: str) -> int | None:
        if ind in mapping:
            return src.line("parent", "indicators", ind)
        return src.line("indicators", position[ind], "id")

    seen: dict[str, str] = {}
    for ind_id in position:
        target = mapping.get(ind_id, ind_id)
        if target in seen:
            other = seen[target]
            pair = sorted([ind_id, other], key=lambda i: (i in mapping, line_of(i) or 0))  # the mapping entry, last
            out.append(F.make("duplicate-id", "plan.yaml", line_of(pair[1]), id=target, first=line_of(pair[0])))
            continue
        seen[target] = ind_id
    periods = parent.periods or {}
    for key in periods:
        if key not in ds.period_ids:
            out.append(unknown_ref(src.line("parent", "periods", key), "period", key, sorted(ds.period_ids)))
    # two periods onto one period above (``{H1: Y}`` beside ``Y``: the half-year would be written as the year's
    # report, or the year's would replace it): the same finding as two indicators onto one
    taken: dict[str, str] = {}
    order = sorted(ds.period_ids, key=lambda p: (p in periods, src.line("periods", p) or 0, p))
    for pid in order:
        target = periods.get(pid, pid)
        if target in taken:
            first = taken[target]
            here = src.line("parent", "periods", pid) if pid in periods else src.line("periods", pid)
            there = src.line("parent", "periods", first) if first in periods else src.line("periods", first)
            out.append(F.make("duplicate-id", "plan.yaml", here, id=target, first=there))
            continue
        taken[target] = pid
    return out


def _position(items: Sequence[PartialIndicator | None] | None, ident: str) -> int:
    return next(i for i, item in enumerate(items or []) if item is not None and item.id == ident)


def _period(ds: Dataset, pid: str, period: Period, out: list[Finding]) -> PeriodInfo | None:
    src = ds.plan_file
    assert src is not None
    line = src.line("periods", pid)
    if period.due_before is not None and period.due_by is not None:
        out.append(
            F.make(
                "invalid-value",
                "plan.yaml",
                src.line("periods", pid, "due_by"),
                period=pid,
                field="due_by",
                value=str(period.due_by),
                reason="both_deadlines",
            )
        )
        return None
    if period.due_before is None and period.due_by is None:
        out.append(F.make("missing-field", "plan.yaml", line, period=pid, field="due_before"))
        return None
    if period.start > period.end:
        out.append(
            F.make(
                "invalid-value",
                "plan.yaml",
                src.line("periods", pid, "end"),
                period=pid,
                field="end",
                value=str(period.end),
                reason="period_order",
            )
        )
        return None
    deadline = deadline_of(period.due_before, period.due_by)
    assert deadline is not None  # one of the two is given (above)
    return PeriodInfo(pid, period.name, period.start, period.end, deadline)


def _requirement(
    ds: Dataset,
    index: PlanIndex,
    i: int,
    req: ReportRequirement | ModelsRequirement | UnitPlanRequirement | RuleRequirement,
    out: list[Finding],
) -> Requirement | None:
    src = ds.plan_file
    assert src is not None
    kinds = []
    for j, kind in enumerate(req.applies_to):
        if kind in index.kinds:
            kinds.append(kind)
        elif index.kinds:  # with unit_kinds itself broken, its own finding says enough
            out.append(unknown_ref(src.line("requirements", i, "applies_to", j), "kind", kind, list(index.kinds)))
    period = req.period if isinstance(req, ReportRequirement | RuleRequirement) else None
    if period is not None and period not in index.periods:
        if period not in ds.period_ids:
            out.append(unknown_ref(src.line("requirements", i, "period"), "period", period, sorted(ds.period_ids)))
        return None  # an unknown or broken period: nothing of it is judged
    minimum = 0
    deadline: Deadline | None = None
    rule: Condition | None = None
    severity: Severity | None = None
    if isinstance(req, ModelsRequirement | UnitPlanRequirement):
        if req.due_before is not None and req.due_by is not None:
            out.append(
                F.make(
                    "invalid-value",
                    "plan.yaml",
                    src.line("requirements", i, "due_by"),
                    field="due_by",
                    value=str(req.due_by),
                    reason="both_deadlines",
                )
            )
            return None
        default = date(index.year, 12, 31) if isinstance(index.year, int) and 1 <= index.year <= 9999 else None
        deadline = deadline_of(req.due_before, req.due_by, default)
        if deadline is None:
            return None
        if isinstance(req, ModelsRequirement):
            minimum = req.min
    if isinstance(req, RuleRequirement):
        try:
            rule = compile_rule(req.expr, frozenset(index.indicators))
        except RuleError as exc:
            out.append(
                F.make(
                    "invalid-rule",
                    "plan.yaml",
                    src.line("requirements", i, "expr"),
                    requirement=req.id,
                    expr=req.expr,
                    reason=exc.reason,
                    detail=exc.detail,
                )
            )
            return None
        severity = Severity.parse(req.severity.value) if req.severity is not None else Severity.WARNING
    return Requirement(req.id, req.type, req.text, tuple(kinds), period, minimum, deadline, rule, severity, i)


def unknown_ref(
    line: int | None,
    what: str,
    ref: str,
    choices: list[str],
    path: str = "plan.yaml",
    unit: str | None = None,
    period: str | None = None,
) -> F.Finding:
    """An ``unknown-ref`` finding with the nearest known id as a hint."""
    params: dict[str, Any] = {"what": what, "ref": ref}
    guess = nearest(ref, choices)
    if guess:
        params["suggest"] = guess
    return F.make("unknown-ref", path, line, unit=unit, period=period, **params)


def usable_unit(unit: PartialUnit | None) -> Unit | None:
    """A unit entry whose id, name and kind are all valid, as a whole :class:`Unit` (an invalid ``exempt``
    counts as none); else ``None``."""
    if unit is None or unit.id is None or unit.name is None or unit.kind is None:
        return None
    if unit.exempt is not None and isinstance(unit, Unit):
        return unit
    return Unit.model_construct(
        id=unit.id, name=unit.name, kind=unit.kind, short_name=unit.short_name, email=unit.email, exempt={}
    )


def usable_units(ds: Dataset, index: PlanIndex) -> tuple[list[Unit], list[Finding]]:
    """The usable entries of units.yaml, and the findings on the others (duplicates, unknown kinds, exemptions)."""
    src = ds.units_file
    units: list[Unit] = []
    out: list[Finding] = []
    if src is None or src.record is None:
        return units, out
    path = "units.yaml"
    requirement_ids = {r.id for r in (ds.plan.requirements or []) if r is not None} if ds.plan else set()
    kinds = index.kinds
    seen: dict[str, int | None] = {}
    record: PartialUnitsFile = src.record
    for pos, unit in enumerate(record.units or []):
        if unit is None or unit.id is None:
            continue
        id_line = src.line("units", pos, "id")
        if unit.id in seen:
            out.append(F.make("duplicate-id", path, id_line, unit=unit.id, id=unit.id, first=seen[unit.id]))
            continue
        seen[unit.id] = id_line
        whole = usable_unit(unit)
        if whole is not None and kinds and whole.kind not in kinds:
            out.append(unknown_ref(src.line("units", pos, "kind"), "kind", whole.kind, list(kinds), path, unit.id))
            whole = None
        for key in unit.exempt or {}:
            if ds.plan is not None and key not in requirement_ids:
                out.append(
                    unknown_ref(
                        src.line("units", pos, "exempt", key),
                        "requirement",
                        key,
                        sorted(requirement_ids),
                        path,
                        unit.id,
                    )
                )
        if whole is not None:
            units.append(whole)
    return units, out
