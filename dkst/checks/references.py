"""Each unit file's references (indicators, models, units) and dates (future, before the period)."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from dkst import findings as F
from dkst.checks.registry import unknown_ref
from dkst.findings import Finding, Severity
from dkst.load.plan_index import PlanIndex
from dkst.load.schema import ModelRecord, ModelStatus, Origin, Report, Unit, UnitPlan
from dkst.load.validation import R

if TYPE_CHECKING:
    from dkst.load.dataset import Dataset, SourceFile

_REPLICATED_FROM = re.compile(r"^([a-z0-9]+(?:-[a-z0-9]+)*)/([a-z0-9]+(?:-[a-z0-9]+)*)$")


def check_files(ds: Dataset, index: PlanIndex, units: list[Unit], now: date) -> tuple[list[Finding], set[str]]:
    """Reference and date findings on every unit file (a date after ``now``, the real today, is a typo), and
    the paths of the files they break (errors)."""
    known = {u.id: u for u in units}
    unit_ids = set(known) | {u for u in ds.models} | {u for u in ds.reports} | set(ds.unit_plans)
    bad = _BadKeys(ds.file_findings)
    out: list[Finding] = []
    broken: set[str] = set()

    def add(path: str, found: list[Finding]) -> None:
        if found:
            out.extend(found)
            if any(f.level >= Severity.ERROR for f in found):
                broken.add(path)

    for unit, plan_src in ds.unit_plans.items():
        add(plan_src.path, _unit_plan(plan_src, unit, now))
    for unit, models in ds.models.items():
        for model_id, model_src in models.items():
            add(model_src.path, _model(ds, model_src, unit, model_id, unit_ids, now, bad, known))
    for unit, reports in ds.reports.items():
        for period, src in reports.items():
            add(src.path, report_findings(ds, index, src, unit, period, now))
    return out, broken


def _future(
    src: SourceFile[R], key: str, value: date | None, now: date, unit: str, period: str | None = None
) -> list[Finding]:
    """``future-date`` on ``key`` when its valid date ``value`` is after the real today."""
    if value is not None and value > now:
        return [
            F.make("future-date", src.path, src.line(key), unit=unit, period=period, field=key, date=value, today=now)
        ]
    return []


def _order(
    src: SourceFile[R], first: str, early: date | None, then: str, late: date | None, unit: str
) -> list[Finding]:
    """``inconsistent-date`` on ``then`` when its date ``late`` is before ``early``, the date of ``first`` (both
    valid dates of one file)."""
    if early is not None and late is not None and late < early:
        return [
            F.make(
                "inconsistent-date",
                src.path,
                src.line(then),
                unit=unit,
                field=then,
                date=late,
                other=first,
                other_date=early,
            )
        ]
    return []


def _unit_plan(src: SourceFile[UnitPlan], unit: str, now: date) -> list[Finding]:
    rec = src.record
    if not isinstance(rec, UnitPlan):
        return []
    return (
        _future(src, "issued", rec.issued, now, unit)
        + _future(src, "received", rec.received, now, unit)
        + _order(src, "issued", rec.issued, "received", rec.received, unit)
    )


def _model(
    ds: Dataset,
    src: SourceFile[ModelRecord],
    unit: str,
    model_id: str,
    unit_ids: set[str],
    now: date,
    bad: _BadKeys,
    known: dict[str, Unit],
) -> list[Finding]:
    rec = src.record
    if not isinstance(rec, ModelRecord):
        return []
    out: list[Finding] = []
    if rec.status is not None and rec.status != ModelStatus.REGISTERED:
        if rec.started is None and "started" not in bad.of(src.path):
            out.append(F.make("missing-field", src.path, src.line(), unit=unit, field="started"))
        out += _future(src, "started", rec.started, now, unit)
        out += _future(src, "completed_on", rec.completed_on, now, unit)
    out += _order(src, "started", rec.started, "completed_on", rec.completed_on, unit)
    if rec.replicated_from is not None:
        m = _REPLICATED_FROM.match(rec.replicated_from)
        if rec.origin != Origin.REPLICATED:
            out.append(
                F.make(
                    "invalid-value",
                    src.path,
                    src.line("replicated_from"),
                    unit=unit,
                    field="replicated_from",
                    value=rec.replicated_from,
                    reason="replicated_without_origin",
                )
            )
        elif m is None:
            out.append(
                F.make(
                    "invalid-value",
                    src.path,
                    src.line("replicated_from"),
                    unit=unit,
                    field="replicated_from",
                    value=rec.replicated_from,
                    reason="replicated_from_form",
                )
            )
        elif m[1] in unit_ids and m[2] not in ds.models.get(m[1], {}):
            out.append(
                unknown_ref(
                    src.line("replicated_from"),
                    "model",
                    rec.replicated_from,
                    [f"{m[1]}/{x}" for x in ds.models.get(m[1], {})],
                    src.path,
                    unit,
                )
            )
    # one mistake, one finding: an unreadable units.yaml, or a partner whose own entry is broken (its id is
    # written), is that file's finding, not one more here
    registry_read = ds.units_file is not None and ds.units_file.record is not None
    for i, partner in enumerate(rec.partners or [] if registry_read else []):
        if partner is not None and partner not in known and partner not in ds.unit_ids:
            out.append(unknown_ref(src.line("partners", i), "unit", partner, sorted(known), src.path, unit))
    return out


class _BadKeys:
    """Top-level keys of a file that already have a schema finding (not to be reported twice).

    Indexed by path once, when first asked, from the findings of loading: the checks here add findings of
    other files only before a file's own keys are looked up.
    """

    def __init__(self, findings: list[Finding]) -> None:
        self._findings = findings
        self._by_path: dict[str, set[str]] | None = None

    def of(self, path: str) -> set[str]:
        if self._by_path is None:
            self._by_path = {}
            for f in self._findings:
                self._by_path.setdefault(f.path, set()).add(str(f.param("field")))
        return self._by_path.get(path, set())


def report_findings(
    ds: Dataset, index: PlanIndex, src: SourceFile[Report], unit: str, period: str, now: date
) -> list[Finding]:
    """The reference and date findings of one report (also used by ``dkst import`` on a built report)."""
    rec = src.record
    if not isinstance(rec, Report):
        return []
    out = _future(src, "submitted", rec.submitted, now, unit, period)
    info = (index.periods).get(period)
    if info is not None and rec.submitted is not None and rec.submitted < info.start and not out:
        out.append(
            F.make(
                "suspicious-date",
                src.path,
                src.line("submitted"),
                unit=unit,
                period=period,
                date=rec.submitted,
                start=info.start,
                period_name=info.name,
            )
        )
    indicators = index.indicators
    if ds.plan is not None:
        for key in rec.indicators or {}:
            if key not in indicators:
                out.append(
                    unknown_ref(
                        src.line("indicators", key), "indicator", key, sorted(indicators), src.path, unit, period
                    )
                )
    own = ds.models.get(unit, {})
    for i, model_id in enumerate(rec.models or []):
        if model_id is not None and model_id not in own:
            owners = [u for u, models in ds.models.items() if u != unit and model_id in models]
            if owners:  # another unit's model: say whose, not a near id of this unit's
                line = src.line("models", i)
                out.append(
                    F.make(
                        "unknown-ref",
                        src.path,
                        line,
                        unit=unit,
                        period=period,
                        what="model",
                        ref=model_id,
                        owner=owners[0],
                    )
                )
                continue
            out.append(unknown_ref(src.line("models", i), "model", model_id, sorted(own), src.path, unit, period))
    return out


def model_findings(ds: Dataset, src: SourceFile[ModelRecord], unit: str, model_id: str, now: date) -> list[Finding]:
    """The findings ``dkst check`` gives a model file of ``unit`` beyond its schema (``started`` for a model
    under way, dates, ``replicated_from``, partners): ``dkst import`` judges a new model of a form by them."""
    known = {u.id: u for u in ds.units}
    unit_ids = set(known) | set(ds.models) | set(ds.reports) | set(ds.unit_plans)
    return _model(ds, src, unit, model_id, unit_ids, now, _BadKeys([]), known)
