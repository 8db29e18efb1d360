"""Last year's figures of the same period, for "so với cùng kỳ" (docs/format.md, "Same period last year").

Last year's dataset is the one plan.yaml's ``previous`` names, loaded and judged as of the same as-of day by
:func:`dkst.checks.checker.last_year`. Its totals are summed as this year's are (received by as-of, files
without error: a left-out report is absent), each under this year's indicator id; a unit's own figures are
matched by unit id. ``change`` is kept exact (a :class:`~fractions.Fraction`) and rounded once where it is
written: JSON half-up to 4 places (:func:`rounded`), people's percentages half-up to one decimal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING

from dkst.checks.checker import last_year
from dkst.checks.previous import last_values, previous_root

if TYPE_CHECKING:
    from dkst.checks.checker import Checked


@dataclass(frozen=True)
class LastYear:
    """The same period last year: its year, its period id (``None`` where last year had no such period), each
    indicator's total (``None`` where no counted report gave it) and each unit's own figures."""

    year: int | None
    period: str | None
    totals: dict[str, int | None] = field(default_factory=dict)
    units: dict[str, dict[str, int]] = field(default_factory=dict)


def declared(checked: Checked) -> bool:
    """Whether plan.yaml asks for the comparison (``previous`` written and readable)."""
    plan = checked.dataset.plan
    return plan is not None and plan.previous is not None and plan.previous.data is not None


def last_year_figures(checked: Checked, period_id: str) -> LastYear | None:
    """Last year's figures of the period matching ``period_id``; ``None`` when plan.yaml has no ``previous``.
    A ``previous`` that names no dataset (``invalid-value``) or a period last year lacks gives empty figures."""
    if not declared(checked):
        return None
    ds = checked.dataset
    mapping = previous_root(ds)
    last = last_year(checked)
    if mapping is None or last is None:
        return LastYear(None, None)
    ids = list(ds.index.indicators)
    pid = mapping.period(period_id)
    year = last.dataset.index.year
    if pid not in last.dataset.index.periods:
        return LastYear(year, None, dict.fromkeys(ids))
    units = last_values(last.dataset, mapping, period_id, ids, last.evaluation.as_of, last.evaluation.now)
    totals: dict[str, int | None] = {}
    for i in ids:
        values = [v[i] for v in units.values() if i in v]
        totals[i] = sum(values) if values else None
    return LastYear(year, pid, totals, units)


def change(total: int | None, previous: int | None) -> Fraction | None:
    """``total / previous − 1``, exact; ``None`` when either is ``None`` or ``previous`` is 0."""
    if total is None or previous is None or previous == 0:
        return None
    return Fraction(total, previous) - 1


def rounded(value: Fraction | None, places: int = 4) -> float | None:
    """``value`` rounded half-up (ties away from zero) to ``places`` decimals, from the exact fraction."""
    if value is None:
        return None
    scale: int = 10**places
    q = int(abs(value) * scale + Fraction(1, 2))  # floor: the value is ≥ 0
    return (-q if value < 0 else q) / scale
