"""Who gets an urging letter (``dkst remind``), and what each letter says of its unit (:class:`Addressee`).

A unit is reminded when its report for the period is missing, or pending with at most ``within`` days left,
as of the day of the check; units come in registry order. The letters share the period's
:class:`~dkst.documents.report_model.ReportContext`; each adds its addressee as ``unit``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from dkst.checks.compliance import left_out
from dkst.statuses import ReportStatus

if TYPE_CHECKING:
    from dkst.checks.checker import Checked
    from dkst.checks.compliance import Status
    from dkst.load.schema import Unit


@dataclass(frozen=True)
class Addressee:
    """The unit a letter goes to, as ``unit`` in the letter's template."""

    id: str
    name: str
    status: ReportStatus
    status_label: str
    days_overdue: int | None
    days_left: int | None
    email: str | None
    form_file: str | None  # the unit's form of ``dkst form``, when one is there to attach
    left_out: bool = False  # its report arrived but has errors: not in the totals, to be corrected and sent again

    def template_data(self) -> dict[str, str | int | None]:
        return {
            "id": self.id,
            "name": self.name,
            "status": self.status,
            "status_label": self.status_label,
            "days_overdue": self.days_overdue,
            "days_left": self.days_left,
            "email": self.email,
            "form_file": self.form_file,
            "left_out": self.left_out,
        }


def units_to_remind(checked: Checked, period: str, within: int) -> list[tuple[Unit, Status]]:
    """(unit, status) of every unit whose report for ``period`` is missing, pending with at most ``within`` days
    left, or received but left out of the totals for its errors, in registry order; never plan.yaml's ``self``
    (the committee does not urge itself)."""
    ds, ev = checked.dataset, checked.evaluation
    own = ds.plan.self if ds.plan is not None else None  # the issuer's own entry: never sent a letter
    out = []
    for unit in ds.units:
        if unit.id == own:
            continue
        status = ev.report_status(ds, unit, period)
        if status.status == ReportStatus.MISSING or (
            status.status == ReportStatus.PENDING and (status.days_left or 0) <= within
        ):
            out.append((unit, status))
        elif status.status in (ReportStatus.ON_TIME, ReportStatus.LATE) and left_out(
            ds, ds.reports.get(unit.id, {}).get(period), ev.as_of, ev.now
        ):
            out.append((unit, status))  # received with errors: asked to correct it and send it again
    return out


def addressees(checked: Checked, period: str, within: int, lang: str, forms: Path | None) -> list[Addressee]:
    """The units to remind (:func:`units_to_remind`) as letters address them; ``forms`` is the folder where
    ``dkst form`` left the units' forms (``<unit>-<period>.xlsx``), if any."""
    from dkst.i18n import text

    out = []
    for unit, status in units_to_remind(checked, period, within):
        form = forms / f"{unit.id}-{period}.xlsx" if forms is not None else None
        out.append(
            Addressee(
                unit.id,
                unit.name,
                ReportStatus(status.status),
                text(status.status, lang),
                status.days_overdue,
                status.days_left,
                unit.email,
                form.name if form is not None and form.is_file() else None,
                status.status in (ReportStatus.ON_TIME, ReportStatus.LATE),  # only a left-out report is reminded so
            )
        )
    return out
