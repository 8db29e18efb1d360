"""A report context from plain data (:func:`report_from_data`): a test's fixture or a script's own mapping of
the shape :mod:`dkst.documents.render` documents, made into the same typed
:class:`~dkst.documents.report_model.ReportContext`
that :func:`dkst.documents.report_context.build_report` makes from an aggregate.

Absent optional parts are ``None`` (or empty). What the report context derives — each kind's units, numeral
and subtotal, the totals, the counted reports, the letterhead's national name and motto, a period's name
inside a sentence, the dates in Vietnamese — is derived by the same functions as for a real report, never
taken from the mapping, so a hand-made context cannot disagree with itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from dkst.documents.report_context import group_kinds, totals_of
from dkst.documents.report_model import (
    BasedOn,
    CommendationRow,
    IndicatorRow,
    Letterhead,
    ModelRow,
    PeriodFacts,
    PlanFacts,
    ReportContext,
    ReportTo,
    Section,
    Signer,
    TextItem,
    UnitRow,
)
from dkst.figures.aggregate import KindFigures, kind_figures
from dkst.figures.frames import TEXT_KEYS


def _date(value: Any) -> date | None:
    """A date, or an ISO date text, as a date; anything else ``None``."""
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _map(value: Any) -> Any:
    """A mapping of the data (plain data: its values are of any type), or an empty one."""
    return value if isinstance(value, Mapping) else {}


def _list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else []


def _indicator(d: Any) -> IndicatorRow:
    return IndicatorRow(
        d.get("id"), d.get("label"), d.get("unit"), d.get("section"), d.get("total"), d.get("units"), d.get("previous")
    )


def _plan(plan: Any) -> PlanFacts:
    signer, report_to, lh = plan.get("signer"), plan.get("report_to"), _map(plan.get("letterhead"))
    return PlanFacts(
        plan.get("title"),
        plan.get("year"),
        plan.get("issuer"),
        plan.get("place"),
        plan.get("number"),
        _date(plan.get("issued")),
        Signer(signer.get("on_behalf"), signer.get("title"), signer.get("name"))
        if isinstance(signer, Mapping)
        else None,
        tuple(
            BasedOn(b.get("number"), _date(b.get("date")), b.get("issuer"), b.get("title"))
            for b in map(_map, _list(plan.get("based_on")))
        ),
        ReportTo(report_to.get("office"), report_to.get("email")) if isinstance(report_to, Mapping) else None,
        Letterhead(lh.get("superior"), lh.get("organ"), lh.get("national"), lh.get("motto"), lh.get("symbol")).filled(),
        tuple(_list(plan.get("recipients"))),
    )


def _period(period: Any) -> PeriodFacts:
    from dkst.documents.filters import in_sentence

    name = period.get("name")
    return PeriodFacts(
        period.get("id"),
        name,
        period.get("in_sentence") or in_sentence(name),
        _date(period.get("start")),
        _date(period.get("end")),
        _date(period.get("last_on_time")),
        _date(period.get("deadline")),
    )


def _unit(u: Any) -> UnitRow:
    return UnitRow(
        u.get("id"),
        u.get("name"),
        u.get("short_name"),
        u.get("kind"),
        u.get("kind_label"),
        u.get("status"),
        u.get("status_label"),
        _date(u.get("submitted")),
        u.get("days_late"),
        dict(_map(u.get("indicators"))),
        u.get("models") or 0,
        bool(u.get("left_out")),
        dict(_map(u.get("previous"))) if u.get("previous") is not None else None,
    )


def _model(m: Any) -> ModelRow:
    return ModelRow(
        m.get("unit_id"),
        m.get("unit_name"),
        m.get("id"),
        m.get("name"),
        m.get("status"),
        m.get("status_label"),
        m.get("origin"),
        m.get("origin_label"),
        _date(m.get("started")),
        _date(m.get("completed_on")),
        m.get("field"),
        m.get("summary"),
        m.get("results"),
        m.get("beneficiaries"),
        bool(m.get("propose_replication")),
    )


def _commendation(c: Any) -> CommendationRow:
    return CommendationRow(
        c.get("unit_id"),
        c.get("unit_name"),
        c.get("name"),
        c.get("kind"),
        c.get("kind_label"),
        c.get("achievement"),
        c.get("level"),
    )


def report_from_data(data: Mapping[str, Any]) -> ReportContext:
    """The report context that plain data of the documented shape describes (see the module's docstring)."""
    indicators = tuple(_indicator(_map(i)) for i in _list(data.get("indicators")))
    ids = [i.id for i in indicators]
    units = tuple(_unit(_map(u)) for u in _list(data.get("units")))
    summary = dict(_map(data.get("summary")))

    def subtotal(kind: str, members: tuple[UnitRow, ...]) -> KindFigures:
        return kind_figures(members, ids)

    kinds = [_map(k) for k in _list(data.get("kinds"))]
    return ReportContext(
        plan=_plan(_map(data.get("plan"))),
        period=_period(_map(data.get("period"))),
        as_of=_date(data.get("as_of")),
        date_line=data.get("date_line"),
        lang=data.get("lang") or "vi",
        summary=summary,
        indicators=indicators,
        sections=tuple(
            Section(s.get("title"), tuple(_indicator(_map(i)) for i in _list(s.get("indicators"))))
            for s in map(_map, _list(data.get("sections")))
        ),
        kinds=group_kinds(
            [(k.get("id"), k.get("label"), dict(_map(k.get("reports")))) for k in kinds], units, subtotal
        ),
        units=units,
        models=tuple(_model(_map(m)) for m in _list(data.get("models"))),
        commendations=tuple(_commendation(_map(c)) for c in _list(data.get("commendations"))),
        texts={
            key: tuple(
                TextItem(t.get("unit_id"), t.get("unit_name"), t.get("text")) for t in map(_map, _list(data.get(key)))
            )
            for key in TEXT_KEYS
        },
        totals=totals_of(summary, ids, units),
        previous_year=data.get("previous_year"),
    )
