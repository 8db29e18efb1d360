"""The three tidy frames a period's figures come from (see :mod:`dkst.figures.aggregate`): :func:`report_frame`
(one row per unit of the registry, plus one per report of a unit whose registry entry is unusable),
:func:`model_frame` (one row per counting model of the period's window) and :func:`commendation_frame` (one
row per commendation of a counted report). pandas is imported inside the functions only."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from dkst.checks.compliance import counting_models, judged
from dkst.load.schema import ModelStatus, Origin, Report
from dkst.statuses import ReportStatus

if TYPE_CHECKING:
    import pandas as pd

    from dkst.checks.checker import Checked
    from dkst.load.dataset import Dataset, SourceFile
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


def report_rows(checked: Checked, period: PeriodInfo) -> list[dict[str, Any]]:
    """The rows of :func:`report_frame` as dicts, typed values (an indicator a report does not carry has no key):
    what the JSON's units and the subtotals are read from, without going through the frame's cells."""

    ds, ev = checked.dataset, checked.evaluation
    as_of, now = ev.as_of, ev.now
    columns = [(ind, IND + ind) for ind in ds.index.indicators]
    rows: list[dict[str, Any]] = []
    reports = ds.reports
    pid = period.id
    for order, unit in enumerate(ds.units):
        status = ev.report_status(ds, unit, pid)
        src = reports.get(unit.id, {}).get(pid)
        late = status.status == ReportStatus.LATE
        row = _report_row(ds, src, as_of, now, columns)
        row.update(
            unit=unit.id,
            name=unit.name,
            short_name=unit.short_name,
            kind=unit.kind,
            order=order,
            status=status.status,
            expected=status.status in EXPECTED_STATUSES,
            days_late=status.days_late if late else None,
        )
        rows.append(row)
    known = ds.unit_index
    for unit_id in sorted(reports):
        src = reports[unit_id].get(pid)
        if unit_id in known or src is None:
            continue
        row = _report_row(ds, src, as_of, now, columns)
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
    return rows


def report_frame(rows: list[dict[str, Any]], indicators: list[str]) -> pd.DataFrame:
    """One row per unit of the registry (in order) with its status and report for the period, then one row per
    report of a unit whose registry entry is unusable (``kind`` and ``status`` ``None``, always left out): the
    frame of :func:`report_rows`.

    Indicator columns are ``ind.<id>`` (nullable ``Int64``: ``<NA>`` where the report does not carry it); they
    hold what the report says whether or not it counts: mask with ``counted``.
    """
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
    ds: Dataset, src: SourceFile[Report] | None, as_of: date, now: date, columns: list[tuple[str, str]]
) -> dict[str, Any]:
    day, out, counts = judged(ds, src, as_of, now)
    rec: Report | None = src.record if day is not None and src is not None else None  # received: a whole Report
    row: dict[str, Any] = {
        "submitted": day,
        "received": day is not None,
        "path": src.path if src else None,
        "collective": 0,
        "individual": 0,
        "left_out": out,
        "counted": counts,
    }
    if rec is None:
        row.update(dict.fromkeys(TEXT_KEYS))
        return row
    row.update(highlights=rec.highlights, limitations=rec.limitations, proposals=rec.proposals)
    values = rec.indicators
    if values:
        for ind, column in columns:
            value = values.get(ind)
            if isinstance(value, int) and not isinstance(value, bool):
                row[column] = value
    for item in rec.commendations or []:
        if item is not None and item.kind is not None:
            row[item.kind.value] += 1
    return row


def model_rows(checked: Checked, period: PeriodInfo) -> list[dict[str, Any]]:
    """The rows of :func:`model_frame` as dicts: one per counting model whose ``started`` lies in [period start,
    min(period end, as-of)], by unit in registry order, then model id."""

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
    return rows


def model_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """The frame of :func:`model_rows`."""
    return _frame(
        rows, list(_MODEL_COLUMNS), {"order": "int64", "beneficiaries": "Int64", "propose_replication": "bool"}
    )


def commendation_frame(checked: Checked, period: PeriodInfo, reports: list[dict[str, Any]]) -> pd.DataFrame:
    """One row per commendation of a counted report (``reports``: :func:`report_rows`), by unit in registry
    order, then as written."""

    ds = checked.dataset
    rows = []
    for row in reports:
        if not row["counted"]:
            continue
        rec = ds.reports[row["unit"]][period.id].record  # a counted report is whole (not partial)
        for item in rec.commendations if rec is not None else []:
            rows.append(
                {
                    "unit": row["unit"],
                    "kind": row["kind"],
                    "order": row["order"],
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
