"""The report's context: a typed :class:`ReportContext` built once from a period's aggregate
(:mod:`dkst.aggregate`), and read by the Markdown and Word writers and by the urging letters.

It holds the figures (indicator rows, the kinds with their units and subtotals, the totals), labels in the
document's language, the plan's facts and letterhead, and dates as :class:`datetime.date`. Nothing is summed
here: the totals are the aggregate's ``summary`` and each kind's subtotal is :attr:`Aggregate.subtotals`
(:func:`dkst.aggregate.kind_figures`), the same numbers the exports print.

Templates read :meth:`ReportContext.template_data`: the same facts as plain data, in the shape that
:mod:`dkst.render` documents for clerks who write their own templates (dates as ISO text there), built once
per context and freed of the control characters XML cannot carry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from dkst import escape
from dkst.aggregate import AggregateError, aggregate, label
from dkst.frames import TEXT_KEYS, _int
from dkst.periods import date_line, vn_date

if TYPE_CHECKING:
    from dkst.aggregate import Aggregate
    from dkst.checker import Checked
    from dkst.dataset import Dataset
    from dkst.schema import Plan

NATIONAL = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
STANDING = "Ban Thường trực"

#: Statuses of a unit whose received report counts in the totals (unless its file is left out).
COUNTED_STATUSES = ("on_time", "late", "exempt", "not_required")
#: Of those, the statuses of a unit that owed no report.
UNOWED_STATUSES = ("exempt", "not_required")


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _day(value: Any) -> date | None:
    """A frame's date cell: a date, or ``None`` for an empty one."""
    return value if isinstance(value, date) else None


# ---------------------------------------------------------------- the parts


@dataclass(frozen=True)
class Letterhead:
    """The header block of a document (Nghị định 30/2020): what plan.yaml gives, else the defaults."""

    superior: str | None
    organ: str | None
    national: str | None
    motto: str | None
    symbol: str | None


@dataclass(frozen=True)
class Signer:
    on_behalf: str | None
    title: str | None
    name: str | None


@dataclass(frozen=True)
class BasedOn:
    number: str | None
    date: date | None
    issuer: str | None
    title: str | None


@dataclass(frozen=True)
class ReportTo:
    office: str | None
    email: str | None


@dataclass(frozen=True)
class PlanFacts:
    """The plan's facts a document prints."""

    title: str | None
    year: int | None
    issuer: str | None
    place: str | None
    number: str | None
    issued: date | None
    signer: Signer | None
    based_on: tuple[BasedOn, ...]
    report_to: ReportTo | None
    letterhead: Letterhead
    recipients: tuple[str, ...]


@dataclass(frozen=True)
class PeriodFacts:
    """The period: its name in the document's language, its dates and its reports' deadline."""

    id: str
    name: str
    in_sentence: str
    start: date
    end: date
    last_on_time: date
    deadline: date


@dataclass(frozen=True)
class IndicatorRow:
    """An indicator of the plan with its total (``None``: no counted report gives it) and how many give it."""

    id: str
    label: str
    unit: str | None
    section: str | None
    total: int | None
    units: int


@dataclass(frozen=True)
class Section:
    title: str
    indicators: tuple[IndicatorRow, ...]


@dataclass(frozen=True)
class UnitRow:
    """A unit of the registry: its report's status and, when the report counts, its figures."""

    id: str
    name: str
    short_name: str | None
    kind: str
    kind_label: str
    status: str
    status_label: str
    submitted: date | None
    days_late: int | None
    indicators: dict[str, int]
    models: int
    left_out: bool


@dataclass(frozen=True)
class KindRow:
    """A kind of unit: its reports, its units and its subtotal (numbered I, II, … when it has units)."""

    id: str
    label: str
    numeral: str
    reports: dict[str, Any]
    units: tuple[UnitRow, ...]
    indicators: dict[str, int | None]
    models: int


@dataclass(frozen=True)
class ModelRow:
    unit_id: str
    unit_name: str
    id: str
    name: str
    status: str
    status_label: str
    origin: str
    origin_label: str
    started: date | None
    completed_on: date | None
    field: str | None
    summary: str | None
    results: str | None
    beneficiaries: int | None
    propose_replication: bool


@dataclass(frozen=True)
class CommendationRow:
    unit_id: str
    unit_name: str
    name: str
    kind: str
    kind_label: str
    achievement: str | None
    level: str | None


@dataclass(frozen=True)
class TextItem:
    """A unit's typed text (a highlight, a limitation, a proposal)."""

    unit_id: str
    unit_name: str
    text: str


@dataclass(frozen=True)
class Totals:
    indicators: dict[str, int | None]
    models: int


@dataclass
class ReportContext:
    """Everything a period's report and its urging letters print, built once by :func:`build_report`."""

    plan: PlanFacts
    period: PeriodFacts
    as_of: date
    date_line: str
    lang: str
    summary: dict[str, Any]  # the ``dkst aggregate --format json`` object
    indicators: tuple[IndicatorRow, ...]
    sections: tuple[Section, ...]
    kinds: tuple[KindRow, ...]  # every kind of the plan, in its order
    units: tuple[UnitRow, ...]  # registry order
    models: tuple[ModelRow, ...]
    commendations: tuple[CommendationRow, ...]
    texts: dict[str, tuple[TextItem, ...]]  # highlights, limitations, proposals
    totals: Totals
    _data: dict[str, Any] | None = field(default=None, repr=False, compare=False)

    def __repr__(self) -> str:
        return (
            f"ReportContext(period={self.period.id!r}, as_of={self.as_of}, lang={self.lang!r}, units={len(self.units)})"
        )

    @property
    def counted(self) -> tuple[UnitRow, ...]:
        """The received reports the totals come from (owed or not, not left out)."""
        return tuple(u for u in self.units if u.submitted and not u.left_out and u.status in COUNTED_STATUSES)

    @property
    def extra_reports(self) -> tuple[UnitRow, ...]:
        """Of the counted reports, those of units that owed none (exempt, not required)."""
        return tuple(u for u in self.counted if u.status in UNOWED_STATUSES)

    @property
    def other_units(self) -> tuple[UnitRow, ...]:
        """Units whose kind is not one of the plan's (normally none)."""
        known = {k.id for k in self.kinds}
        return tuple(u for u in self.units if u.kind not in known)

    def template_data(self) -> dict[str, Any]:
        """The context as templates read it (see :mod:`dkst.render`), computed once."""
        if self._data is None:
            self._data = escape.xml_tree(_template_data(self))
        return self._data


# ---------------------------------------------------------------- built from the aggregate


def render_context(checked: Checked, period_id: str, lang: str = "vi") -> ReportContext:
    """The report context of period ``period_id`` (:class:`AggregateError` when it cannot be aggregated)."""
    return build_report(aggregate(checked, period_id, lang), lang)


def build_report(agg: Aggregate, lang: str) -> ReportContext:
    """The typed report context of an aggregate, labels in ``lang``."""
    from dkst.filters import in_sentence, roman
    from dkst.i18n import text

    ds = agg.dataset
    plan = ds.plan
    if plan is None:  # aggregate() has refused it already
        raise AggregateError("no-plan")
    english = lang == "en"
    summ = agg.summary
    kinds = agg.kinds
    names = {u.id: u.name for u in ds.units}
    short = agg.short_names
    indicators = tuple(
        IndicatorRow(
            i,
            # the plan's optional English label for --lang en; else the label as the plan writes it
            (ind.label_en if english else None) or ind.label,
            ind.unit,
            ind.section,
            summ["indicators"][i]["total"],
            summ["indicators"][i]["units"],
        )
        for i, ind in (ds.index.indicators or {}).items()
    )
    grouped: dict[str, list[IndicatorRow]] = {}
    for row in indicators:
        grouped.setdefault(row.section or label("other-section", lang), []).append(row)
    units = tuple(
        UnitRow(
            u["id"],
            u["name"],
            short.get(u["id"]),
            u["kind"],
            kinds.get(u["kind"], u["kind"]),
            u["status"],
            text(u["status"], lang),
            date.fromisoformat(u["submitted"]) if u["submitted"] else None,
            u["days_late"],
            u["indicators"],
            u["models"],
            u["left_out"],
        )
        for u in summ["units"]
    )
    kind_rows = []
    numeral = 0
    for kind, kind_label in kinds.items():
        members = tuple(u for u in units if u.kind == kind)
        numeral += bool(members)
        sub = agg.subtotals[kind]
        kind_rows.append(
            KindRow(
                kind,
                kind_label,
                roman(numeral) if members else "",
                summ["by_kind"][kind],
                members,
                sub.indicators,
                sub.models,
            )
        )
    models = tuple(
        ModelRow(
            m.unit,
            names.get(m.unit, m.unit),
            m.id,
            m.name,
            m.status,
            label(f"model-{m.status}", lang),
            m.origin,
            label(f"origin-{m.origin}", lang),
            _day(m.started),
            _day(m.completed_on),
            m.field,
            m.summary,
            m.results,
            _int(m.beneficiaries),
            bool(m.propose_replication),
        )
        for m in agg.models.itertuples(index=False)
    )
    commendations = tuple(
        CommendationRow(
            c.unit,
            names.get(c.unit, c.unit),
            c.name,
            c.kind_of,
            label(f"commendation-{c.kind_of}", lang),
            c.achievement,
            c.level,
        )
        for c in agg.commendations.itertuples(index=False)
    )
    counted = agg.reports[agg.reports["counted"]]
    texts = {
        key: tuple(
            TextItem(unit, names.get(unit, unit), value)
            for unit, value in counted[["unit", key]].itertuples(index=False, name=None)
            if value
        )
        for key in TEXT_KEYS
    }
    period = agg.period
    given = (plan.periods or {}).get(period.id)
    name = ((given.name_en if given is not None else None) if english else None) or period.name
    return ReportContext(
        plan=plan_facts(ds),
        period=PeriodFacts(
            period.id,
            name,
            in_sentence(name),
            period.start,
            period.end,
            period.deadline.last_on_time,
            period.deadline.day,
        ),
        as_of=agg.as_of,
        date_line=date_line(plan.place, agg.as_of),
        lang=lang,
        summary=summ,
        indicators=indicators,
        sections=tuple(Section(title, tuple(rows)) for title, rows in grouped.items()),
        kinds=tuple(kind_rows),
        units=units,
        models=models,
        commendations=commendations,
        texts=texts,
        totals=Totals({i: summ["indicators"][i]["total"] for i in agg.indicator_ids}, summ["models"]["total"]),
    )


def plan_facts(ds: Dataset) -> PlanFacts:
    """The plan's facts, with the letterhead's defaults filled in."""
    plan = ds.plan
    if plan is None:
        raise AggregateError("no-plan")
    signer, report_to = plan.signer, plan.report_to
    return PlanFacts(
        plan.title,
        plan.year,
        plan.issuer,
        plan.place,
        plan.number,
        plan.issued,
        Signer(signer.on_behalf, signer.title, signer.name) if signer is not None else None,
        tuple(BasedOn(b.number, b.date, b.issuer, b.title) for b in plan.based_on or [] if b is not None),
        ReportTo(report_to.office, report_to.email) if report_to is not None else None,
        letterhead(plan),
        tuple(r for r in plan.recipients or [] if r),
    )


def letterhead(plan: Plan) -> Letterhead:
    """The header block: what plan.yaml gives, else derived from the issuer.

    ``Ban Thường trực Ủy ban MTTQ Việt Nam thành phố Tam Kỳ`` → superior ``ỦY BAN MTTQ VIỆT NAM THÀNH PHỐ TAM
    KỲ``, organ ``BAN THƯỜNG TRỰC``; another issuer → superior its name in capitals, no organ line. The symbol
    defaults to what follows ``KH-`` in the plan's number (``25/KH-MTTQ-BTT`` → ``MTTQ-BTT``).
    """
    given = plan.letterhead
    issuer = " ".join((plan.issuer or "").split())
    organ: str | None = None
    superior: str | None = issuer.upper() or None
    if issuer.casefold().startswith(STANDING.casefold()) and issuer[len(STANDING) :].strip():
        organ = STANDING.upper()
        superior = issuer[len(STANDING) :].strip().upper()
    symbol = None
    number = plan.number or ""
    if "/KH-" in number:
        symbol = number.split("/KH-", 1)[1].strip() or None

    def pick(written: str | None, default: str | None) -> str | None:
        return written or default

    if given is None:
        return Letterhead(superior, organ, NATIONAL, MOTTO, symbol)
    return Letterhead(
        pick(given.superior, superior),
        pick(given.organ, organ),
        pick(given.national, NATIONAL),
        pick(given.motto, MOTTO),
        pick(given.symbol, symbol),
    )


# ---------------------------------------------------------------- as templates read it


def _template_data(r: ReportContext) -> dict[str, Any]:
    """The documented shape of :mod:`dkst.render`: plain data, dates as ISO text."""
    plan, period = r.plan, r.period
    units = {u.id: _unit(u) for u in r.units}
    indicators = [_indicator(i) for i in r.indicators]
    by_id = {i["id"]: i for i in indicators}
    return {
        "plan": {
            "title": plan.title,
            "year": plan.year,
            "issuer": plan.issuer,
            "place": plan.place,
            "number": plan.number,
            "issued": _iso(plan.issued),
            "signer": (
                {"on_behalf": plan.signer.on_behalf, "title": plan.signer.title, "name": plan.signer.name}
                if plan.signer is not None
                else None
            ),
            "based_on": [
                {"number": b.number, "date": _iso(b.date), "issuer": b.issuer, "title": b.title} for b in plan.based_on
            ],
            "report_to": (
                {"office": plan.report_to.office, "email": plan.report_to.email} if plan.report_to is not None else None
            ),
            "letterhead": {
                "superior": plan.letterhead.superior,
                "organ": plan.letterhead.organ,
                "national": plan.letterhead.national,
                "motto": plan.letterhead.motto,
                "symbol": plan.letterhead.symbol,
            },
            "recipients": list(plan.recipients),
        },
        "period": {
            "id": period.id,
            "name": period.name,
            "in_sentence": period.in_sentence,
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
            "last_on_time": period.last_on_time.isoformat(),
            "deadline": period.deadline.isoformat(),
            "last_on_time_vn": vn_date(period.last_on_time),
        },
        "as_of": r.as_of.isoformat(),
        "date_line": r.date_line,
        "summary": r.summary,
        "indicators": indicators,
        "sections": [{"title": s.title, "indicators": [by_id[i.id] for i in s.indicators]} for s in r.sections],
        "kinds": [
            {
                "id": k.id,
                "label": k.label,
                "reports": k.reports,
                "units": [units[u.id] for u in k.units],
                "numeral": k.numeral,
                "indicators": k.indicators,
                "models": k.models,
            }
            for k in r.kinds
        ],
        "units": list(units.values()),
        "models": [_model(m) for m in r.models],
        "commendations": [
            {
                "unit_id": c.unit_id,
                "unit_name": c.unit_name,
                "name": c.name,
                "kind": c.kind,
                "kind_label": c.kind_label,
                "achievement": c.achievement,
                "level": c.level,
            }
            for c in r.commendations
        ],
        **{
            key: [{"unit_id": t.unit_id, "unit_name": t.unit_name, "text": t.text} for t in items]
            for key, items in r.texts.items()
        },
        "lang": r.lang,
        "totals": {"indicators": r.totals.indicators, "models": r.totals.models},
        "counted_reports": len(r.counted),
        "extra_reports": [units[u.id] for u in r.extra_reports],
        "other_units": [units[u.id] for u in r.other_units],
    }


def _indicator(i: IndicatorRow) -> dict[str, Any]:
    return {"id": i.id, "label": i.label, "unit": i.unit, "section": i.section, "total": i.total, "units": i.units}


def _unit(u: UnitRow) -> dict[str, Any]:
    return {
        "id": u.id,
        "name": u.name,
        "short_name": u.short_name,
        "kind": u.kind,
        "kind_label": u.kind_label,
        "status": u.status,
        "status_label": u.status_label,
        "submitted": _iso(u.submitted),
        "submitted_vn": vn_date(u.submitted) if u.submitted else "",
        "days_late": u.days_late,
        "indicators": u.indicators,
        "models": u.models,
        "left_out": u.left_out,
    }


def _model(m: ModelRow) -> dict[str, Any]:
    return {
        "unit_id": m.unit_id,
        "unit_name": m.unit_name,
        "id": m.id,
        "name": m.name,
        "status": m.status,
        "status_label": m.status_label,
        "origin": m.origin,
        "origin_label": m.origin_label,
        "started": _iso(m.started),
        "completed_on": _iso(m.completed_on),
        "field": m.field,
        "summary": m.summary,
        "results": m.results,
        "beneficiaries": m.beneficiaries,
        "propose_replication": m.propose_replication,
    }
