"""``dkst aggregate`` as a library: a period's figures, built on pandas.

The loaded dataset becomes three tidy frames (:func:`report_frame`: one row per unit of the registry, plus one
per report of a unit whose registry entry is unusable; :func:`model_frame`: one row per counting model of the
period's window; :func:`commendation_frame`: one row per commendation of a counted report), and every table
is derived from them: the JSON object of docs/format.md (:func:`summary`), the rows of the exports
(:mod:`dkst.documents.export`) and the context of the report templates
(:func:`dkst.documents.report_context.render_context`).
The frames themselves are built in :mod:`dkst.figures.frames`.

pandas is imported inside the functions only, so that importing this module costs nothing: ``dkst check``
and ``dkst --help`` never load it.

Rules (docs/format.md, "``dkst aggregate --period P --format json``"):

- a report *counts* when it was received by as-of (a date in the real future is no date: the report is
  absent) and its file has no error-level data finding (:meth:`Dataset.is_broken`); a received report whose file
  is broken is *left out* of every total and counted in ``left_out``; so is a report of a unit whose entry in
  ``units.yaml`` is unusable (it belongs to no known unit);
- ``expected`` counts the units whose status is on_time, late, missing, pending or invalid; ``received`` =
  on_time + late; completeness and timeliness are exact fractions (rounded once by each output: JSON half-up to 4
  places, people's percentages half-up to one decimal), ``None`` when nothing is expected;
- indicator totals, commendations, highlights, limitations and proposals come from the counted reports,
  required or not; an indicator that no counted report carries has total ``None`` ("not reported", never 0);
- a model counts when its status is in_progress or completed and ``started`` lies in the plan year, between
  the period's start and the earlier of its end and as-of (and not in the real future); it counts for its
  owner only.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Protocol

from dkst.checks.compliance import left_out, received
from dkst.counts import Ratio, half_up
from dkst.figures.frames import (
    EXPECTED_STATUSES,
    IND,
    REPORT_KEYS,
    commendation_frame,
    iso_or_none,
    model_frame,
    model_rows,
    report_frame,
    report_rows,
)
from dkst.figures.previous import LastYear, change, last_year_figures, rounded
from dkst.findings import KeyedError, Severity
from dkst.i18n import text
from dkst.load.dataset import loading
from dkst.load.schema import Report
from dkst.periods import nearest_period

if TYPE_CHECKING:
    import pandas as pd

    from dkst.checks.checker import Checked
    from dkst.load.dataset import Dataset
    from dkst.load.plan_index import PeriodInfo
    from dkst.statuses import ReportStatus


class AggregateError(KeyedError):
    """The period cannot be aggregated: a one-line error (``unknown-period``, ``no-plan``), exit code 2."""


@dataclass
class Aggregate:
    """A period's figures as of a day: the frames, the JSON object, and the files with errors."""

    checked: Checked
    period: PeriodInfo
    as_of: date
    lang: str
    reports: pd.DataFrame
    models: pd.DataFrame
    commendations: pd.DataFrame
    #: the units of the registry, registry order, with their figures (the JSON's ``units``)
    units: list[UnitFigures] = field(default_factory=list)
    summary: dict[str, Any] = field(default_factory=dict)
    #: each kind's sums over its units (:func:`kind_figures`), computed once for the exports and the report
    subtotals: dict[str, KindFigures] = field(default_factory=dict)
    #: the same period last year, where plan.yaml has ``previous`` (:mod:`dkst.figures.previous`)
    last: LastYear | None = None
    #: report files of the period with errors: ``{path, unit, line, treated, message}``; ``treated`` is
    #: ``left_out`` (received, not counted), ``invalid`` (``submitted`` unreadable) or ``absent`` (future date)
    problems: list[dict[str, Any]] = field(default_factory=list)

    @property
    def dataset(self) -> Dataset:
        return self.checked.dataset

    @property
    def indicator_ids(self) -> list[str]:
        return list(self.dataset.index.indicators)

    @property
    def kinds(self) -> dict[str, str]:
        return dict(self.dataset.index.kinds)

    @property
    def short_names(self) -> dict[str, str | None]:
        return {u.id: u.short_name for u in self.dataset.units}


@dataclass(frozen=True)
class UnitFigures:
    """A unit of the registry in the period: its report's status and, when the report counts, its figures."""

    id: str
    name: str
    kind: str
    status: ReportStatus
    submitted: date | None
    days_late: int | None
    indicators: dict[str, int]  # only a counted report's, and only the figures it gives
    models: int
    left_out: bool
    #: its report counts in the totals (:func:`dkst.checks.compliance.counted`, the one decision)
    counted: bool
    #: its own counted figures of the same period last year (``None``: plan.yaml has no ``previous``)
    previous: dict[str, int] | None = None

    def as_json(self) -> dict[str, Any]:
        """The unit's entry of ``units`` in the JSON object (docs/format.md), ``left_out`` added, and
        ``previous_indicators`` where plan.yaml has ``previous``."""
        out = {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "status": self.status,
            "submitted": iso_or_none(self.submitted),
            "days_late": self.days_late,
            "indicators": self.indicators,
            "models": self.models,
            "left_out": self.left_out,
        }
        if self.previous is not None:
            out["previous_indicators"] = self.previous
        return out


class Figured(Protocol):
    """What :func:`kind_figures` reads of a unit."""

    @property
    def indicators(self) -> dict[str, int]: ...

    @property
    def models(self) -> int: ...


@dataclass(frozen=True)
class KindFigures:
    """The figures of a group of units (a kind, or all): each indicator summed over their counted reports
    (``None`` when none of them carries it, never 0), how many reports carry it, and the models of the units."""

    indicators: dict[str, int | None]
    models: int
    carried: dict[str, int] = field(default_factory=dict)


def kind_figures(units: Sequence[Figured], indicator_ids: list[str]) -> KindFigures:
    """The figures of ``units`` (only a counted report has figures there).
    The one place indicators are summed: the totals, the exports' subtotal rows and the report's kind rows."""
    sums: dict[str, int | None] = {}
    carried: dict[str, int] = {}
    for i in indicator_ids:
        values = [u.indicators[i] for u in units if u.indicators.get(i) is not None]
        sums[i] = sum(values) if values else None  # Python ints: no wrap past 2**63
        carried[i] = len(values)
    return KindFigures(sums, sum(int(u.models or 0) for u in units), carried)


# ---------------------------------------------------------------- the period


def period_of(checked: Checked, period_id: str) -> PeriodInfo:
    """The usable period ``period_id``, or :class:`AggregateError` (``no-plan`` / ``unknown-period``)."""
    ds = checked.dataset
    index = ds.index
    if ds.plan is None or index is None or not isinstance(index.year, int) or not index.periods:
        raise AggregateError("no-plan")
    info = index.periods.get(period_id)
    if info is not None:
        return info
    if period_id in ds.period_ids:
        raise AggregateError("no-plan")  # written in plan.yaml, but broken there
    near = nearest_period(period_id, list(index.periods))
    if near is not None:
        raise AggregateError("period-unknown-near", value=period_id, near=near, choices=", ".join(index.periods))
    raise AggregateError("unknown-period", value=period_id, choices=", ".join(index.periods))


# ---------------------------------------------------------------- the figures


def ratio(part: int, whole: int) -> Ratio | None:
    """``part / whole``, exact (a :class:`~dkst.counts.Ratio`: a float that keeps its fraction); ``None`` when
    ``whole`` is 0. Kept exact in :attr:`Aggregate.summary` to every
    writer, each of which rounds it once (:func:`dkst.counts.half_up`): JSON to 4 places (:func:`json_ready`),
    people's percentages to one decimal (:func:`dkst.documents.filters.pct`, the workbook)."""
    if not whole:
        return None
    return Ratio(part, whole)


def json_ready(value: Any) -> Any:
    """``value`` (the summary, or any part of it) with each exact ratio rounded half-up to 4 places, once, as
    docs/format.md's JSON gives it (:func:`dkst.counts.half_up`); everything else as it is."""
    if isinstance(value, dict):
        return {k: json_ready(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_ready(v) for v in value]
    return json_number(value)


def json_number(value: Any) -> Any:
    """An exact ratio rounded half-up to 4 places (:func:`dkst.counts.half_up`), anything else as it is: what
    :func:`json_ready` does to each value, and what :func:`dkst.documents.export.to_json` hands
    :func:`dkst.escape.json_indented` to write the summary without copying it first."""
    if isinstance(value, Ratio | Fraction):
        return float(half_up(value, 4))
    return value


def report_counts(frame: pd.DataFrame) -> dict[str, Any]:
    """The ``reports`` object of docs/format.md over the rows of ``frame``."""
    owed = frame.loc[frame["expected"], "status"].value_counts()
    counts = {s.value: int(owed.get(s, 0)) for s in EXPECTED_STATUSES}
    out: dict[str, Any] = {"expected": int(frame["expected"].sum()), "received": counts["on_time"] + counts["late"]}
    out.update(counts)
    out["left_out"] = int(frame["left_out"].sum())
    out["completeness"] = ratio(out["received"], out["expected"])
    out["timeliness"] = ratio(out["on_time"], out["expected"])
    return {k: out[k] for k in REPORT_KEYS}


def model_counts(models: pd.DataFrame) -> dict[str, int]:
    """The ``models`` object of docs/format.md over the rows of ``models``."""
    origin = models["origin"].value_counts()
    status = models["status"].value_counts()
    return {
        "total": len(models),
        "new": int(origin.get("new", 0)),
        "replicated": int(origin.get("replicated", 0)),
        "in_progress": int(status.get("in_progress", 0)),
        "completed": int(status.get("completed", 0)),
        "propose_replication": int(models["propose_replication"].sum()),
    }


def aggregate(checked: Checked, period_id: str, lang: str = "vi") -> Aggregate:
    """Aggregate period ``period_id`` of a checked dataset (as of ``checked.evaluation.as_of``).

    Raises :class:`AggregateError` when the plan is too broken or the period is unknown.
    """
    period = period_of(checked, period_id)
    # Importing pandas (the first frame does) and building the figures make long-lived objects and little
    # cyclic garbage: as for loading, no collection walks them (~50 ms of collections at 3,000 units).
    with loading():
        rows = report_rows(checked, period)
        owned = model_rows(checked, period)
        agg = Aggregate(
            checked,
            period,
            checked.evaluation.as_of,
            lang,
            report_frame(rows, list(checked.dataset.index.indicators)),
            model_frame(owned),
            commendation_frame(checked, period, rows),
        )
        agg.problems = problem_files(checked, period, lang)
        agg.last = last_year_figures(checked, period_id)
        agg.units = unit_figures(agg, rows, owned)
        agg.summary = summary(agg)
        ids = agg.indicator_ids
        members: dict[str, list[UnitFigures]] = {kind: [] for kind in agg.kinds}
        for unit in agg.units:
            members.setdefault(unit.kind, []).append(unit)
        agg.subtotals = {kind: kind_figures(units, ids) for kind, units in members.items()}
    return agg


def unit_figures(agg: Aggregate, rows: list[dict[str, Any]], models: list[dict[str, Any]]) -> list[UnitFigures]:
    """The units of the registry (the rows of the report frame with a status), registry order, read from the
    typed rows the frames are built of (:func:`~dkst.figures.frames.report_rows`,
    :func:`~dkst.figures.frames.model_rows`): the same values as the frames' cells, without boxing and unboxing
    50,000 of them."""
    indicators = [(ind, IND + ind) for ind in agg.dataset.index.indicators]
    own_models = Counter(m["unit"] for m in models)
    last = agg.last
    out = []
    for row in rows:
        if row["status"] is None:
            continue
        values = {}
        if row["counted"]:
            for ind, column in indicators:
                value = row.get(column)
                if value is not None:
                    values[ind] = value
        unit = row["unit"]
        out.append(
            UnitFigures(
                unit,
                row["name"],
                row["kind"],
                row["status"],
                row["submitted"],
                row["days_late"],
                values,
                own_models[unit],
                row["left_out"],
                row["counted"],
                dict(last.units.get(unit, {})) if last is not None else None,
            )
        )
    return out


def summary(agg: Aggregate) -> dict[str, Any]:
    """The JSON object of ``dkst aggregate --format json``, keys in docs/format.md's order.

    Extra keys beyond docs/format.md: ``files_with_errors`` (see :attr:`Aggregate.problems`) at the end, and
    ``left_out`` (bool) in each unit entry.
    """
    ds = agg.dataset
    frame, models, comm = agg.reports, agg.models, agg.commendations
    indicators = ds.index.indicators
    kind_of = comm["kind_of"].value_counts()
    by_kind = {kind: report_counts(frame[frame["kind"] == kind]) for kind in agg.kinds}
    figures = kind_figures(agg.units, list(indicators))
    return {
        "period": agg.period.id,
        "name": agg.period.name,
        "as_of": agg.as_of.isoformat(),
        "reports": report_counts(frame),
        "indicators": {
            i: {"label": ind.label, "total": figures.indicators[i], "units": figures.carried[i]}
            | (_compared(figures.indicators[i], agg.last.totals.get(i)) if agg.last is not None else {})
            for i, ind in indicators.items()
        },
        "models": model_counts(models),
        "commendations": {
            "collective": int(kind_of.get("collective", 0)),
            "individual": int(kind_of.get("individual", 0)),
        },
        "by_kind": by_kind,
        "units": [u.as_json() for u in agg.units],
        "files_with_errors": agg.problems,
    }


def _compared(total: int | None, previous: int | None) -> dict[str, Any]:
    """An indicator's ``previous`` and ``change`` (half-up to 4 places from the exact ratio)."""
    return {"previous": previous, "change": rounded(change(total, previous))}


def problem_files(checked: Checked, period: PeriodInfo, lang: str) -> list[dict[str, Any]]:
    """The report files of ``period`` with an error, and how the figures treat them; registry order."""
    ds = checked.dataset
    as_of, now = checked.evaluation.as_of, checked.evaluation.now
    order = {u.id: i for i, u in enumerate(ds.units)}
    errors: dict[str, list[Any]] = {}
    for f in checked.result.findings:
        if f.level >= Severity.ERROR and f.code != "rule-failed":
            errors.setdefault(f.path, []).append(f)
    out = []
    for unit_id in sorted(ds.reports, key=lambda u: (order.get(u, len(order)), u)):
        src = ds.reports[unit_id].get(period.id)
        if src is None:
            continue
        rec = src.record
        if not isinstance(rec, Report) or rec.submitted is None:
            treated = "invalid"
        elif received(src, as_of, now) is not None:
            if not left_out(ds, src, as_of, now):
                continue
            treated = "left_out"
        elif ds.is_broken(src) and any(f.code == "future-date" for f in errors.get(src.path, [])):
            treated = "absent"
        else:
            continue
        first = min(errors.get(src.path, []), key=lambda f: (f.line is not None, f.line or 0, f.code), default=None)
        if first is not None:
            line, message = first.line, first.message(lang)
        else:  # an orphan report with a clean file: its unit entry is what is wrong
            line, message = None, text("orphan-unit", lang, unit=unit_id)
        out.append({"path": src.path, "unit": unit_id, "line": line, "treated": treated, "message": message})
    return out


# ---------------------------------------------------------------- what every output must say of the figures


def left_out_warnings(agg: Aggregate, lang: str) -> list[str]:
    """One line per received report left out of the totals (:func:`dkst.checks.compliance.left_out`): the
    unit's name, the file and its first error. ``aggregate``, ``render``, ``remind`` and ``rollup`` print them on
    standard error (docs/format.md, "A report left out is named everywhere")."""
    names = {u.id: u.name for u in agg.dataset.units}
    out = []
    for p in agg.problems:
        if p["treated"] != "left_out":
            continue
        where = f"{p['path']}:{p['line']}" if p["line"] else p["path"]
        message = " ".join(str(p["message"]).split())
        out.append(text("left-out-warning", lang, name=names.get(p["unit"], p["unit"]), where=where, message=message))
    return out


def still_pending(agg: Aggregate) -> int:
    """How many units that owe the period's report have it not yet due as of the day (status ``pending``): the
    figures are provisional exactly when this is not 0 (never after the last on-time day, when such a unit is
    ``missing``)."""
    return int(agg.summary["reports"]["pending"])


def provisional_warning(agg: Aggregate, lang: str) -> str:
    """The warning line of provisional figures (docs/format.md), or "" when they are not."""
    n = still_pending(agg)
    if not n:
        return ""
    return text("provisional-warning", lang, n=n, deadline=agg.period.deadline.last_on_time)


def provisional_line(agg: Aggregate, lang: str) -> str:
    """The sentence a document carries under its title when its figures are provisional, or ""."""
    n = still_pending(agg)
    if not n:
        return ""
    return text("provisional-line", lang, n=n, as_of=agg.as_of, deadline=agg.period.deadline.last_on_time)
