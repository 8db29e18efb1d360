"""The three tidy frames a period's figures come from (see :mod:`dkst.figures.aggregate`): :func:`report_frame`
(one row per unit of the registry, plus one per report of a unit whose registry entry is unusable),
:func:`model_frame` (one row per counting model of the period's window) and :func:`commendation_frame` (one
row per commendation of a counted report). pandas is imported inside the functions only."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from dkst.checks.compliance import counted, counting_models, left_out, received
from dkst.load.schema import ModelStatus, Origin, Report
from dkst.statuses import ReportStatus

if TYPE_CHECKING:
    import pandas as pd

    from dkst.checks.checker import Checked
    from dkst.load.dataset import Dataset, SourceFile
    from dkst.load.partial import PartialReport
    from dkst.load.plan_index import PeriodInfo

#: Statuses of a unit that owes the report (the ``expected`` units), in the order of the JSON keys.
EXPECTED_STATUSES = (
    ReportStatus.ON_TIME,
    ReportStatus.LATE,
    ReportStatus.MISSING,
    ReportStatus.PENDING,
    ReportStatus.INVALID,
)
#: Keys of ``reports`` and of every ``by_kind`` entry, in order.
REPORT_KEYS = (
    "expected",
    "received",
    "on_time",
    "late",
    "missing",
    "pending",
    "invalid",
    "left_out",
    "completeness",
    "timeliness",
)
TEXT_KEYS = ("highlights", "limitations", "proposals")
#: Prefix of the indicator columns of the report frame (indicator ids cannot contain a dot, so no clash).
IND = "ind."


def window_end(period: PeriodInfo, as_of: date) -> date:
    """The last day of the models' window: the earlier of the period's end and as-of."""
    return min(period.end, as_of)


_REPORT_COLUMNS = (
    "unit",
    "name",
    "short_name",
    "kind",
    "order",
    "status",
    "expected",
    "submitted",
    "days_late",
    "received",
    "left_out",
    "counted",
    "path",
    "collective",
    "individual",
    *TEXT_KEYS,
)
_MODEL_COLUMNS = (
    "unit",
    "kind",
    "order",
    "id",
    "name",
    "status",
    "origin",
    "started",
    "completed_on",
    "field",
    "summary",
    "results",
    "beneficiaries",
    "propose_replication",
)
_COMMENDATION_COLUMNS = ("unit", "kind", "order", "name", "kind_of", "achievement", "level")


def report_frame(checked: Checked, period: PeriodInfo) -> pd.DataFrame:
    """One row per unit of the registry (in order) with its status and report for ``period``, then one row per
    report of a unit whose registry entry is unusable (``kind`` and ``status`` ``None``, always left out).

    Indicator columns are ``ind.<id>`` (nullable ``Int64``: ``<NA>`` where the report does not carry it); they
    hold what the report says whether or not it counts: mask with ``counted``.
    """

    ds, ev = checked.dataset, checked.evaluation
    as_of, now = ev.as_of, ev.now
    indicators = list(ds.index.indicators)
    rows: list[dict[str, Any]] = []
    for order, unit in enumerate(ds.units):
        status = ev.report_status(ds, unit, period.id)
        src = ds.reports.get(unit.id, {}).get(period.id)
        row = _report_row(ds, src, as_of, now, indicators, orphan=False)
        row.update(
            unit=unit.id,
            name=unit.name,
            short_name=unit.short_name,
            kind=unit.kind,
            order=order,
            status=status.status,
            expected=status.status in EXPECTED_STATUSES,
            days_late=status.days_late if status.status == ReportStatus.LATE else None,
        )
        rows.append(row)
    known = ds.unit_index
    for unit_id in sorted(ds.reports):
        src = ds.reports[unit_id].get(period.id)
        if unit_id in known or src is None:
            continue
        row = _report_row(ds, src, as_of, now, indicators, orphan=True)
        row.update(
            unit=unit_id,
            name=unit_id,
            short_name=None,
            kind=None,
            order=len(rows),
            status=None,
            expected=False,
            days_late=None,
        )
        rows.append(row)
    types: dict[str, Any] = {
        "order": "int64",
        "expected": "bool",
        "received": "bool",
        "left_out": "bool",
        "counted": "bool",
        "collective": "int64",
        "individual": "int64",
        "days_late": "Int64",
    }
    types.update({IND + i: "Int64" for i in indicators})
    return _frame(rows, [*_REPORT_COLUMNS, *(IND + i for i in indicators)], types)


def _frame(rows: list[dict[str, Any]], columns: list[str], types: dict[str, Any]) -> pd.DataFrame:
    """A frame of ``rows``; columns not in ``types`` keep Python objects (``None`` stays ``None``, not NaN)."""
    import pandas as pd

    return pd.DataFrame(
        {c: pd.Series([r.get(c) for r in rows], dtype=types.get(c, object)) for c in columns}, columns=columns
    )


def _report_row(
    ds: Dataset, src: SourceFile[Report] | None, as_of: date, now: date, indicators: list[str], orphan: bool
) -> dict[str, Any]:
    day = received(src, as_of, now)
    row: dict[str, Any] = {
        "submitted": day,
        "received": day is not None,
        "path": src.path if src else None,
        "collective": 0,
        "individual": 0,
    }
    row["left_out"] = left_out(ds, src, as_of, now)
    row["counted"] = counted(ds, src, as_of, now)
    rec: PartialReport | None = (
        src.record if day is not None and src is not None else None
    )  # a left-out one may be partial
    row.update(dict.fromkeys(TEXT_KEYS))
    if rec is not None:
        row.update(highlights=rec.highlights, limitations=rec.limitations, proposals=rec.proposals)
        values = rec.indicators or {}
        for ind in indicators:
            value = values.get(ind)
            if isinstance(value, int) and not isinstance(value, bool):
                row[IND + ind] = value
        for item in rec.commendations or []:
            if item is not None and item.kind is not None:
                row[item.kind.value] += 1
    return row


def model_frame(checked: Checked, period: PeriodInfo) -> pd.DataFrame:
    """One row per counting model whose ``started`` lies in [period start, min(period end, as-of)], by unit in
    registry order, then model id."""

    ds = checked.dataset
    as_of, now = checked.evaluation.as_of, checked.evaluation.now
    last = window_end(period, as_of)
    rows = []
    for order, unit in enumerate(ds.units):
        for model_id, src in counting_models(ds, unit.id, as_of, now, start=period.start):
            rec = src.record
            if rec is None or rec.started is None or rec.started > last:  # counting models have a record, a start
                continue
            origin = rec.origin.value if rec.origin is not None else Origin.NEW.value
            rows.append(
                {
                    "unit": unit.id,
                    "kind": unit.kind,
                    "order": order,
                    "id": model_id,
                    "name": rec.name or model_id,
                    "status": ModelStatus(rec.status).value,
                    "origin": origin,
                    "started": rec.started,
                    "completed_on": rec.completed_on,
                    "field": rec.field,
                    "summary": rec.summary,
                    "results": rec.results,
                    "beneficiaries": rec.beneficiaries,
                    "propose_replication": bool(rec.propose_replication),
                }
            )
    return _frame(
        rows, list(_MODEL_COLUMNS), {"order": "int64", "beneficiaries": "Int64", "propose_replication": "bool"}
    )


def commendation_frame(checked: Checked, period: PeriodInfo, reports: pd.DataFrame) -> pd.DataFrame:
    """One row per commendation of a counted report, by unit in registry order, then as written."""

    ds = checked.dataset
    rows = []
    for row in reports[reports["counted"]].itertuples(index=False):
        rec = ds.reports[row.unit][period.id].record  # a counted report is whole (not partial)
        for item in rec.commendations if rec is not None else []:
            rows.append(
                {
                    "unit": row.unit,
                    "kind": row.kind,
                    "order": row.order,
                    "name": item.name,
                    "kind_of": item.kind.value,
                    "achievement": item.achievement,
                    "level": item.level,
                }
            )
    return _frame(rows, list(_COMMENDATION_COLUMNS), {"order": "int64"})


# ---------------------------------------------------------------- values


def cell_int(value: Any) -> int | None:
    import pandas as pd

    return None if value is None or pd.isna(value) else int(value)


def cell_date(value: Any) -> date | None:
    """A frame's date cell: a date, or ``None`` for an empty one (``None``, NaT)."""
    return value if isinstance(value, date) and value == value else None


def iso_or_none(day: date | None) -> str | None:
    return day.isoformat() if isinstance(day, date) else None
