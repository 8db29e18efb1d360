"""The report's context (:class:`~dkst.documents.report_model.ReportContext`), built once from a period's aggregate
(:mod:`dkst.figures.aggregate`) and read by the Markdown and Word writers and by the urging letters.

Nothing is summed here: the totals are the aggregate's ``summary`` and each kind's subtotal is
:attr:`~dkst.figures.aggregate.Aggregate.subtotals` (:func:`dkst.figures.aggregate.kind_figures`), the numbers the
exports
print. Labels come in the document's language; the plan's letterhead gets its defaults (:func:`letterhead`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from dkst.documents.report_model import (
    STANDING,
    BasedOn,
    CommendationRow,
    IndicatorRow,
    KindRow,
    Letterhead,
    ModelRow,
    PeriodFacts,
    PlanFacts,
    ReportContext,
    ReportTo,
    Section,
    Signer,
    TextItem,
    Totals,
    UnitRow,
    sentence_of,
)
from dkst.documents.voice import english_period_name, level_words, narrative_facts, text_lines
from dkst.figures.aggregate import AggregateError, aggregate, kind_figures
from dkst.figures.frames import TEXT_KEYS, cell_date, cell_int
from dkst.i18n import text
from dkst.load.schema import ModelStatus
from dkst.periods import date_line

if TYPE_CHECKING:
    from collections.abc import Callable

    from dkst.checks.checker import Checked
    from dkst.figures.aggregate import Aggregate, KindFigures
    from dkst.load.dataset import Dataset
    from dkst.load.partial import PartialPlan


# ---------------------------------------------------------------- built from the aggregate


def render_context(checked: Checked, period_id: str, lang: str = "vi") -> ReportContext:
    """The report context of period ``period_id`` (:class:`AggregateError` when it cannot be aggregated)."""
    return build_report(aggregate(checked, period_id, lang), lang)


def build_report(agg: Aggregate, lang: str) -> ReportContext:
    """The typed report context of an aggregate, labels in ``lang``."""
    from dkst.documents.filters import in_sentence

    ds = agg.dataset
    plan = ds.plan
    if plan is None:  # aggregate() has refused it already
        raise AggregateError("no-plan")
    english = lang == "en"
    summ = agg.summary
    kinds = agg.kinds
    names = {u.id: u.name for u in ds.units}
    short = agg.short_names
    # the plan's optional English words for --lang en; else the words as the plan writes them
    indicators = tuple(
        IndicatorRow(
            i,
            (ind.label_en if english else None) or ind.label,
            (ind.unit_en if english else None) or ind.unit,
            (ind.section_en if english else None) or ind.section,
            summ["indicators"][i]["total"],
            summ["indicators"][i]["units"],
            summ["indicators"][i].get("previous"),
            ind.phrase_en if english else ind.phrase,
        )
        for i, ind in ds.index.indicators.items()
    )
    own = plan.self if plan.self in names else None
    if english:
        kinds = {k: (plan.unit_kinds_en or {}).get(k) or label for k, label in kinds.items()}
    grouped: dict[str, list[IndicatorRow]] = {}
    for row in indicators:
        grouped.setdefault(row.section or text("other-section", lang), []).append(row)
    units = tuple(
        UnitRow(
            u.id,
            u.name,
            short.get(u.id),
            u.kind,
            kinds.get(u.kind, u.kind),
            u.status,
            text(u.status, lang),
            u.submitted,
            u.days_late,
            u.indicators,
            u.models,
            u.left_out,
            u.counted,
            u.previous,
            u.id == own,
        )
        for u in agg.units
    )
    if own is not None:  # the committee's own report: never "not required", spoken of as the standing committee
        units = tuple(replace(u, status_label=text("voice.self-status", lang)) if u.is_self else u for u in units)
    kind_rows = group_kinds(
        [(kind, kind_label, summ["by_kind"][kind]) for kind, kind_label in kinds.items()],
        units,
        lambda kind, members: agg.subtotals[kind],
    )
    models = tuple(
        ModelRow(
            m.unit,
            names.get(m.unit, m.unit),
            m.id,
            m.name,
            ModelStatus(m.status),
            text(f"model-{m.status}", lang),
            m.origin,
            text(f"origin-{m.origin}", lang),
            cell_date(m.started),
            cell_date(m.completed_on),
            m.field,
            m.summary,
            m.results,
            cell_int(m.beneficiaries),
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
            text(f"commendation-{c.kind_of}", lang),
            c.achievement,
            c.level,
        )
        for c in agg.commendations.itertuples(index=False)
    )
    counted = agg.reports[agg.reports["counted"]]
    standing = text("voice.standing-cap", lang)
    texts = {
        key: tuple(
            TextItem(
                unit,
                standing if unit == own else names.get(unit, unit),
                value,
                text_lines(names.get(unit, unit), value),
            )
            for unit, value in counted[["unit", key]].itertuples(index=False, name=None)
            if value
        )
        for key in TEXT_KEYS
    }
    period = agg.period
    given = (plan.periods or {}).get(period.id)
    name = period.name
    if english:
        name = (given.name_en if given is not None else None) or english_period_name(period.start, period.end) or name
    source = ds.narratives.get(period.id)
    narrative = narrative_facts(
        source.record if source is not None else None,
        period.id,
        source is not None,
        plan.signer.name if plan.signer is not None else None,
        lang,
    )
    day = narrative.date or agg.as_of
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
        date_line=date_line(plan.place, day),
        lang=lang,
        summary=summ,
        indicators=indicators,
        sections=tuple(
            Section(title, tuple(rows), sentence_of(Section(title, tuple(rows)), lang))
            for title, rows in grouped.items()
        ),
        kinds=kind_rows,
        units=units,
        models=models,
        commendations=commendations,
        texts=texts,
        totals=totals_of(summ, agg.indicator_ids),
        previous_year=agg.last.year if agg.last is not None else None,
        narrative=narrative,
        level=level_words(plan.issuer, [b.issuer for b in plan.based_on or [] if b is not None], lang),
    )


def totals_of(summary: Mapping[str, Any], ids: list[str]) -> Totals:
    """The totals: the summary's (the aggregate's), last year's beside them where plan.yaml has ``previous``."""
    given = summary["indicators"]
    previous = {i: given[i].get("previous") for i in ids} if _compared(given) else None
    return Totals({i: given[i]["total"] for i in ids}, summary["models"]["total"], previous)


def _compared(indicators: Mapping[str, Any]) -> bool:
    """Whether the summary's indicators carry last year's figures (plan.yaml has ``previous``)."""
    return any(isinstance(v, Mapping) and "previous" in v for v in indicators.values())


@dataclass(frozen=True)
class _LastYear:
    """A unit's figures of last year, as :func:`dkst.figures.aggregate.kind_figures` reads a unit."""

    indicators: dict[str, int]
    models: int = 0


def group_kinds(
    kinds: list[tuple[str, str, dict[str, Any]]],
    units: tuple[UnitRow, ...],
    subtotal: Callable[[str, tuple[UnitRow, ...]], KindFigures],
) -> tuple[KindRow, ...]:
    """Each kind (id, label, reports) with its units in registry order, its subtotal, and a numeral I, II, …
    counted over the kinds that have units (a kind without units gets none)."""
    from dkst.documents.filters import roman

    rows = []
    numeral = 0
    for kind, kind_label, reports in kinds:
        members = tuple(u for u in units if u.kind == kind)
        numeral += bool(members)
        sub = subtotal(kind, members)
        previous = None
        if any(u.previous is not None for u in units):
            ids = list(sub.indicators)
            previous = kind_figures([_LastYear(u.previous or {}) for u in members], ids).indicators
        rows.append(
            KindRow(
                kind,
                kind_label,
                roman(numeral) if members else "",
                reports,
                members,
                sub.indicators,
                sub.models,
                previous,
            )
        )
    return tuple(rows)


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


def letterhead(plan: PartialPlan) -> Letterhead:
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
        organ = STANDING
        superior = issuer[len(STANDING) :].strip().upper()
    symbol = None
    number = plan.number or ""
    if "/KH-" in number:
        symbol = number.split("/KH-", 1)[1].strip() or None

    def pick(written: str | None, default: str | None) -> str | None:
        return written or default

    if given is None:
        return Letterhead(superior, organ, None, None, symbol).filled()
    return Letterhead(
        pick(given.superior, superior),
        pick(given.organ, organ),
        given.national,
        given.motto,
        pick(given.symbol, symbol),
    ).filled()
