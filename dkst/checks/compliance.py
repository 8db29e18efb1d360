"""The plan's requirements as of a day: a :class:`Status` per unit and requirement, and their findings.

The as-of date is a time machine: a report received after it had not arrived, a unit plan issued after it
did not exist, a model started after it does not count yet. A date after the real today is a typo
(``future-date``) and the record is treated as absent.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Literal

from dkst import findings as F
from dkst.checks.rules import Skip
from dkst.findings import Finding, Severity
from dkst.load.plan_index import Requirement
from dkst.load.schema import ModelRecord, ModelStatus, Report, Unit, UnitPlan
from dkst.periods import Deadline
from dkst.statuses import VOCABULARY, AnyStatus, ItemStatus, ReportStatus, RequirementType, RuleStatus

if TYPE_CHECKING:
    from dkst.load.dataset import Dataset, SourceFile

COUNTING = (ModelStatus.IN_PROGRESS, ModelStatus.COMPLETED)


@dataclass(frozen=True, slots=True)
class Status:
    """Where one unit stands on one requirement as of the day.

    ``status`` is a :class:`ReportStatus` for reports, an :class:`ItemStatus` for models and unit plans, a
    :class:`RuleStatus` for rules (string enumerations: each member is its word).
    """

    unit: str
    requirement: str
    type: RequirementType
    status: AnyStatus
    submitted: date | None = None
    days_late: int | None = None
    days_overdue: int | None = None
    days_left: int | None = None
    expected: int | None = None
    actual: int | None = None
    failed: int = 0
    #: a report received but left out of the totals: its file has an error finding (:func:`left_out`)
    left_out: bool = False


@dataclass
class Evaluation:
    """Statuses and compliance findings of a dataset as of one day."""

    as_of: date
    #: the real today when it was judged: a date after it is a typo, the record treated as absent
    now: date
    statuses: dict[tuple[str, str], Status] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    def report_status(self, ds: Dataset, unit: Unit, period: str) -> Status:
        """The unit's status for period ``period``: from the first report requirement of that period."""
        exempt: Status | None = None
        for req in ds.index.requirements:
            if req.type == "report" and req.period == period and unit.kind in req.kinds:
                status = self.statuses[(unit.id, req.id)]
                if status.status != ReportStatus.EXEMPT:
                    return status
                exempt = exempt or status
        if exempt is not None:
            return exempt
        return Status(unit.id, "", "report", ReportStatus.NOT_REQUIRED)


def received(src: SourceFile[Report] | None, as_of: date, now: date) -> date | None:
    """The day a report arrived, if it had by ``as_of`` (a date in the real future does not count)."""
    if src is None or not isinstance(src.record, Report):
        return None
    day = src.record.submitted
    if day is None or day > as_of or day > now:
        return None
    return day


def plan_arrived(rec: UnitPlan, as_of: date, now: date) -> date | None:
    """The day a unit plan reached the city, if it had by ``as_of``: ``received`` when given, else ``issued``
    (a date in the real future, or a ``received`` before ``issued``, is no arrival)."""
    day = rec.received if rec.received is not None else rec.issued
    if day is None or day > as_of or day > now or (rec.issued is not None and rec.issued > now):
        return None
    if rec.received is not None and rec.issued is not None and rec.received < rec.issued:
        return None
    return day


def left_out(ds: Dataset, src: SourceFile[Report] | None, as_of: date, now: date) -> bool:
    """Whether a report was received by ``as_of`` but is left out of every total: its file has an error
    finding of its own or across files (``rule-failed`` and ``suspicious-date`` are not such errors), or it
    belongs to no usable unit of the registry. The one decision "counted or left out" that the checks, the
    status table, the figures, the documents and the warnings all read (see :func:`counted`)."""
    if src is None or received(src, as_of, now) is None:
        return False
    return _excluded(ds, src)


def _excluded(ds: Dataset, src: SourceFile[Report]) -> bool:
    """What leaves a received report out (:func:`left_out`): an error finding, or no usable unit."""
    unit = src.path.split("/")[1] if src.path.startswith("units/") else ""
    return ds.is_broken(src) or unit not in ds.unit_index


def counted(ds: Dataset, src: SourceFile[Report] | None, as_of: date, now: date) -> bool:
    """Whether a report counts in the totals as of the day: received, and not :func:`left_out`."""
    return received(src, as_of, now) is not None and not left_out(ds, src, as_of, now)


def judged(ds: Dataset, src: SourceFile[Report] | None, as_of: date, now: date) -> tuple[date | None, bool, bool]:
    """:func:`received`, :func:`left_out` and :func:`counted` of one report, each decided once (the figures ask
    all three of every report)."""
    day = received(src, as_of, now)
    if day is None or src is None:
        return None, False, False
    out = _excluded(ds, src)
    return day, out, not out


def counting_models(
    ds: Dataset, unit_id: str, as_of: date, now: date, start: date | None = None
) -> list[tuple[str, SourceFile[ModelRecord]]]:
    """The unit's models that count as of the day: under way or completed, started in the plan year
    (and not before ``start`` when given), not after as-of (nor after ``now``, the real today)."""
    year = ds.index.year
    out: list[tuple[str, SourceFile[ModelRecord]]] = []
    models = ds.models.get(unit_id)
    if not models:
        return out
    for model_id, src in sorted(models.items()):
        rec = src.record
        if not isinstance(rec, ModelRecord) or rec.status not in COUNTING or rec.started is None:
            continue
        started = rec.started
        if started.year != year or started > as_of or started > now:
            continue
        if start is not None and started < start:
            continue
        out.append((model_id, src))
    return out


def not_counted(ds: Dataset, as_of: date, now: date) -> Iterator[Finding]:
    """A ``not-counted`` finding (info) for each model of a usable unit that does not count as of the day, with
    the reason (the rule of :func:`counting_models`), so that a model count of 0 explains itself. A model whose
    status or start is itself at fault (a schema or ``future-date`` finding) gets none."""
    year = ds.index.year
    for unit in ds.units:
        models = ds.models.get(unit.id)
        if not models:
            continue
        for model_id, src in sorted(models.items()):
            rec = src.record
            if not isinstance(rec, ModelRecord) or rec.status is None:
                continue
            params: dict[str, Any] = {"name": rec.name or model_id}
            key = "started"
            if rec.status not in COUNTING:
                key = "status"
                params["reason"] = "status_registered" if rec.status == ModelStatus.REGISTERED else "status_stopped"
            elif rec.started is None or rec.started > now:
                continue  # missing-field, invalid-value or future-date says why
            elif not isinstance(year, int):
                continue  # the plan's year is broken: its own finding
            elif rec.started.year != year:
                params.update(reason="started_other_year", started=rec.started, year=year)
            elif rec.started > as_of:
                params.update(reason="started_after_as_of", started=rec.started, as_of=as_of)
            else:
                continue
            # the line only now: most models count, and their line index stays packed
            yield F.make("not-counted", src.path, src.line(key), unit=unit.id, **params)


def evaluate(ds: Dataset, as_of: date, now: date) -> Evaluation:
    """Judge every usable unit against every usable requirement as of ``as_of`` (``now``: the real today)."""
    ev = Evaluation(as_of, now)
    sink = ev.findings
    sink.extend(not_counted(ds, as_of, now))
    statuses = ev.statuses
    judges = {"report": _report, "models": _models, "unit_plan": _unit_plan}
    requirements = [(req, judges.get(req.type, _rule), VOCABULARY[req.type]) for req in ds.index.requirements]
    for unit in ds.units:
        exempt = unit.exempt or {}
        for req, judge, vocabulary in requirements:
            if unit.kind not in req.kinds:
                status = Status(unit.id, req.id, req.type, vocabulary.NOT_REQUIRED)
            elif req.id in exempt:
                status = Status(unit.id, req.id, req.type, vocabulary.EXEMPT)
            else:
                status = judge(sink, ds, unit, req, as_of, now)
            statuses[(unit.id, req.id)] = status
    return ev


def _common(unit: Unit, req: Requirement) -> dict[str, Any]:
    return {"unit_name": unit.name, "requirement": req.id, "text": req.text or ""}


# Each judge below appends the findings of one unit and one requirement to ``sink``, in order, and returns the
# status (no generators: 15,000 judgements a check at 3,000 units).


def _report(sink: list[Finding], ds: Dataset, unit: Unit, req: Requirement, as_of: date, now: date) -> Status:
    assert req.period is not None  # a report requirement names its period
    period = ds.index.periods[req.period]
    deadline: Deadline = period.deadline
    src = ds.reports.get(unit.id, {}).get(req.period)
    if src is not None and (not isinstance(src.record, Report) or src.record.submitted is None):
        return Status(unit.id, req.id, req.type, ReportStatus.INVALID)
    day, dropped, _ = judged(ds, src, as_of, now)
    if day is not None and deadline.on_time(day):
        return Status(unit.id, req.id, req.type, ReportStatus.ON_TIME, submitted=day, left_out=dropped)
    path = f"units/{unit.id}/reports/{req.period}.yaml"
    base = {
        "unit": unit.id,
        "period": req.period,
        **_common(unit, req),
        "period_name": period.name,
        "deadline": deadline.last_on_time,
    }
    if day is not None:
        assert src is not None  # received
        late = deadline.days_late(day)
        sink.append(
            F.make(
                "late-report",
                path,
                src.line("submitted"),
                submitted=day,
                extras={"days_late": late, "requirement": req.id},
                **base,
            )
        )
        return Status(unit.id, req.id, req.type, ReportStatus.LATE, submitted=day, days_late=late, left_out=dropped)
    later = src.record.submitted if src is not None and isinstance(src.record, Report) else None
    fix = _year_typo(later, period.start, period.end.year, as_of, deadline.last_on_time)
    if later is not None and fix is not None:  # the file is there, dated in another year: say which file
        base.update(later=later, fix=fix)
    return _not_done(sink, "report", path, unit, req, deadline, as_of, base)


def _year_typo(day: date | None, start: date, year: int, as_of: date, deadline: date) -> date | None:
    """The day a report dated ``day`` (after the as-of day, so not received) was likely sent, if only its year
    is wrong: the same day and month in the period's year or the next, between the period's start and the as-of
    day, nearest the deadline; ``None`` when no such day (a report really sent later, seen in time travel)."""
    if day is None or day <= as_of:
        return None
    candidates = []
    for y in (year, year + 1):
        if y == day.year:
            continue
        try:
            candidate = day.replace(year=y)
        except ValueError:  # 29 February
            continue
        if start <= candidate <= as_of:
            candidates.append(candidate)
    return min(candidates, key=lambda c: abs((c - deadline).days), default=None)


#: The codes of a requirement not done, by what is owed (literal, so that grepping a code finds where it is raised).
_MISSING = {"report": "missing-report", "model": "missing-model", "unit-plan": "missing-unit-plan"}
_PENDING = {"report": "pending-report", "model": "pending-model", "unit-plan": "pending-unit-plan"}


def _not_done(
    sink: list[Finding],
    what: Literal["report", "model", "unit-plan"],
    path: str,
    unit: Unit,
    req: Requirement,
    deadline: Deadline,
    as_of: date,
    base: dict[str, Any],
    counts: dict[str, int] | None = None,
) -> Status:
    """Not done as of the day: ``missing-<what>`` past the deadline (``days_overdue``), else
    ``pending-<what>``; ``counts`` (expected, actual) go to the extras and the status alike."""
    counts = counts or {}
    vocabulary: type[ReportStatus] | type[ItemStatus] = ReportStatus if what == "report" else ItemStatus
    extras = {**counts, "requirement": req.id}
    if deadline.passed(as_of):
        overdue = deadline.days_overdue(as_of)
        sink.append(F.make(_MISSING[what], path, None, extras={**extras, "days_overdue": overdue}, **base))
        return Status(
            unit.id,
            req.id,
            req.type,
            vocabulary.MISSING,
            days_overdue=overdue,
            expected=counts.get("expected"),
            actual=counts.get("actual"),
        )
    left = (deadline.last_on_time - as_of).days
    sink.append(F.make(_PENDING[what], path, None, days_left=left, extras=extras, **base))
    return Status(
        unit.id,
        req.id,
        req.type,
        vocabulary.PENDING,
        days_left=left,
        expected=counts.get("expected"),
        actual=counts.get("actual"),
    )


def _models(sink: list[Finding], ds: Dataset, unit: Unit, req: Requirement, as_of: date, now: date) -> Status:
    actual = len(counting_models(ds, unit.id, as_of, now))
    deadline = req.deadline
    assert deadline is not None
    if actual >= req.minimum:
        return Status(unit.id, req.id, req.type, ItemStatus.DONE, expected=req.minimum, actual=actual)
    path = f"units/{unit.id}/models"
    base = {"unit": unit.id, **_common(unit, req), "deadline": deadline.last_on_time}
    return _not_done(
        sink, "model", path, unit, req, deadline, as_of, base, counts={"expected": req.minimum, "actual": actual}
    )


def _unit_plan(sink: list[Finding], ds: Dataset, unit: Unit, req: Requirement, as_of: date, now: date) -> Status:
    deadline = req.deadline
    assert deadline is not None
    src = ds.unit_plans.get(unit.id)
    day: date | None = None
    key = "issued"
    if src is not None:
        rec = src.record
        if not isinstance(rec, UnitPlan) or rec.issued is None:
            return Status(unit.id, req.id, req.type, ItemStatus.INVALID)
        day = plan_arrived(rec, as_of, now)
        if day is not None and deadline.on_time(day):
            return Status(unit.id, req.id, req.type, ItemStatus.DONE, submitted=day)
        key = "received" if rec.received is not None else "issued"
    path = f"units/{unit.id}/plan.yaml"
    base = {"unit": unit.id, **_common(unit, req), "deadline": deadline.last_on_time}
    if src is not None and day is not None:
        late = deadline.days_late(day)
        sink.append(
            F.make(
                "late-unit-plan",
                path,
                src.line(key),
                received=day,
                extras={"days_late": late, "requirement": req.id},
                **base,
            )
        )
        return Status(unit.id, req.id, req.type, ItemStatus.LATE, submitted=day, days_late=late)
    return _not_done(sink, "unit-plan", path, unit, req, deadline, as_of, base)


def _rule(sink: list[Finding], ds: Dataset, unit: Unit, req: Requirement, as_of: date, now: date) -> Status:
    rule = req.rule
    assert rule is not None
    severity = req.severity if req.severity is not None else Severity.WARNING
    failed = 0
    counting = 0
    for period, src in sorted(ds.reports.get(unit.id, {}).items()):
        if req.period is not None and period != req.period:
            continue
        rec = src.record
        if rec is None:
            continue
        day, dropped, _ = judged(ds, src, as_of, now)
        if day is None:
            continue
        counting += not dropped
        values = {k: v for k, v in (rec.indicators or {}).items() if v is not None}
        try:
            if rule.holds(values):
                continue
        except Skip:
            continue
        failed += 1
        shown = ", ".join(f"{name} = {values[name]}" for name in sorted(rule.names))
        sink.append(
            F.make(
                "rule-failed",
                src.path,
                src.line("indicators"),
                unit=unit.id,
                period=period,
                severity=severity,
                expr=rule.expr,
                values=shown,
                **_common(unit, req),
                extras={"requirement": req.id},
            )
        )
    # never met without a report: a rule no counted report was judged by is pending (docs/format.md)
    status = RuleStatus.FAILED if failed else RuleStatus.OK if counting else RuleStatus.PENDING
    return Status(unit.id, req.id, req.type, status, failed=failed)
