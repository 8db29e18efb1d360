"""Same period last year (docs/format.md, "Same period last year: ``previous`` and ``jump``").

plan.yaml's ``previous`` names last year's dataset, a folder relative to the plan. Here: where it is
(:func:`previous_root`), the findings on the ``previous`` block itself (:func:`previous_findings`: a ``data`` that
is not a dataset is ``invalid-value`` on its line; a mapped id this plan lacks is ``unknown-ref``), the figures a
checked dataset counts for a period, unit by unit (:func:`counted_values`: what both years are compared on), and
the ``jump`` warnings (:func:`jump_findings`).

Last year's dataset itself is loaded and judged by :func:`dkst.checks.checker.last_year`, as of the same as-of day;
its own findings are not this year's, and its left-out reports count as absent (they are not in
:func:`counted_values`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from dkst import findings as F
from dkst.checks.compliance import counted
from dkst.checks.registry import unknown_ref
from dkst.findings import Finding
from dkst.load.schema import Previous

if TYPE_CHECKING:
    from dkst.load.dataset import Dataset


@dataclass(frozen=True)
class Mapping:
    """``previous`` read: last year's root, and this year's ids → last year's (indicators, periods)."""

    root: Path
    indicators: dict[str, str]
    periods: dict[str, str]

    def indicator(self, ind: str) -> str:
        return self.indicators.get(ind, ind)

    def period(self, pid: str) -> str:
        return self.periods.get(pid, pid)


def _declared(ds: Dataset) -> Previous | None:
    plan = ds.plan
    prev = plan.previous if plan is not None else None
    return prev if isinstance(prev, Previous) and prev.data is not None else None


def _problem(ds: Dataset, data: str) -> str | None:
    """Why ``data`` is not last year's dataset (a reason key of ``invalid-value``), or ``None`` when it is."""
    target = ds.root / data
    try:
        if not target.exists():
            return "previous_missing"
        if not target.is_dir():
            return "previous_not_folder"
        if not (target / "plan.yaml").is_file():
            return "previous_no_plan"
        if target.resolve() == ds.root.resolve():
            return "previous_self"
    except OSError:
        return "previous_missing"
    return None


def previous_root(ds: Dataset) -> Mapping | None:
    """``previous`` of a loaded dataset when it names a dataset; ``None`` when absent or broken."""
    prev = _declared(ds)
    if prev is None or _problem(ds, prev.data) is not None:
        return None
    return Mapping(ds.root / prev.data, dict(prev.indicators or {}), dict(prev.periods or {}))


def declared_path(ds: Dataset) -> Path | None:
    """Where ``previous`` points (``data`` under the dataset's root), whether or not a dataset is there: what the
    check looks at (the memo of the check's result lists it, :mod:`dkst.checks.memo`)."""
    prev = _declared(ds)
    return None if prev is None else ds.root / prev.data


def previous_findings(ds: Dataset) -> list[Finding]:
    """The findings on plan.yaml's ``previous``: ``data`` not a dataset (``invalid-value`` on its line); a key of
    ``indicators`` or ``periods`` that this plan lacks (``unknown-ref``). The rest of the check goes on."""
    prev, src = _declared(ds), ds.plan_file
    out: list[Finding] = []
    if prev is None or src is None:
        return out  # absent, or broken: its schema finding says why
    reason = _problem(ds, prev.data)
    if reason is not None:
        out.append(
            F.make(
                "invalid-value",
                "plan.yaml",
                src.line("previous", "data"),
                field="data",
                value=prev.data,
                reason=reason,
            )
        )
    plan = ds.plan
    known = [i.id for i in (plan.indicators if plan is not None else None) or [] if i is not None and i.id]
    for key in prev.indicators or {}:
        if key not in known:
            out.append(unknown_ref(src.line("previous", "indicators", key), "indicator", key, known))
    for key in prev.periods or {}:
        if key not in ds.period_ids:
            out.append(unknown_ref(src.line("previous", "periods", key), "period", key, sorted(ds.period_ids)))
    return out


def counted_values(ds: Dataset, period_id: str, as_of: date, now: date) -> dict[str, dict[str, int]]:
    """Unit id → the figures of its report of ``period_id`` that counts as of the day (received by as-of, its file
    without error, its unit usable in the registry); units without such a report are left out."""
    out: dict[str, dict[str, int]] = {}
    for unit in ds.units:
        src = ds.reports.get(unit.id, {}).get(period_id)
        if src is None or src.record is None or not counted(ds, src, as_of, now):
            continue
        values = {
            k: v
            for k, v in (src.record.indicators or {}).items()
            if isinstance(v, int) and not isinstance(v, bool) and k in ds.index.indicators
        }
        out[unit.id] = values
    return out


def last_values(
    last: Dataset, mapping: Mapping, period_id: str, indicators: list[str], as_of: date, now: date
) -> dict[str, dict[str, int]]:
    """Last year's counted figures of the period matching ``period_id``, under this year's indicator ids."""
    pid = mapping.period(period_id)
    if pid not in last.index.periods:
        return {}
    out: dict[str, dict[str, int]] = {}
    for unit, values in counted_values(last, pid, as_of, now).items():
        out[unit] = {i: values[mapping.indicator(i)] for i in indicators if mapping.indicator(i) in values}
    return out


def jump_findings(ds: Dataset, last: Dataset, mapping: Mapping, as_of: date, now: date) -> list[Finding]:
    """``jump`` (warning): for an indicator with ``max_change: M``, a unit's counted value v and its own value p of
    the same period last year, both > 0, with v > p × M or v × M < p; on the value's line."""
    limits = {i: ind.max_change for i, ind in ds.index.indicators.items() if isinstance(ind.max_change, Decimal)}
    out: list[Finding] = []
    if not limits:
        return out
    for pid in ds.index.periods:
        now_values = counted_values(ds, pid, as_of, now)
        then = last_values(last, mapping, pid, list(limits), as_of, now)
        for unit in ds.units:
            mine, before = now_values.get(unit.id), then.get(unit.id)
            if not mine or not before:
                continue
            src = ds.reports[unit.id][pid]
            for ind, limit in limits.items():
                v, p = mine.get(ind), before.get(ind)
                if v is None or p is None or v <= 0 or p <= 0:
                    continue
                if v > p * limit or v * limit < p:
                    out.append(
                        F.make(
                            "jump",
                            src.path,
                            src.line("indicators", ind),
                            unit=unit.id,
                            period=pid,
                            extras={"previous": p, "actual": v},
                            indicator=ds.index.indicators[ind].label,
                            max_change=format(limit.normalize(), "f"),
                        )
                    )
    return out
