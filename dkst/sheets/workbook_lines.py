"""The lines above the tables of the ``dkst aggregate --format xlsx`` workbook, in words: the period by its name
(never its id), the reports (the counts that are not zero), the models and the commendations; every date
``dd/mm/yyyy`` as the date cells show it."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from dkst.i18n import text

if TYPE_CHECKING:
    from dkst.figures.aggregate import Aggregate


def day(value: date) -> str:
    """A date as every date of the workbook shows: ``04/06/2023`` (the cells' format ``dd/mm/yyyy``)."""
    return f"{value.day:02d}/{value.month:02d}/{value.year}"


def period_words(agg: Aggregate, lang: str) -> str:
    """The period's name as it reads inside a sentence, in ``lang``: ``6 tháng đầu năm 2023``, ``năm 2023``;
    ``the first half of 2023`` (the plan's ``name_en``, else made from the dates)."""
    from dkst.documents.filters import in_sentence

    period = agg.period
    name = period.name
    if lang == "en":
        from dkst.documents.voice import english_period_name

        plan = agg.dataset.plan
        given = (plan.periods or {}).get(period.id) if plan is not None else None
        name = (given.name_en if given is not None else None) or english_period_name(period.start, period.end) or name
        name = in_sentence(name)
        return f"the {name}" if name[:1].islower() else name  # "the year 2023", "the first half of 2023"
    return in_sentence(name)


def sheet_lines(agg: Aggregate, lang: str) -> list[str]:
    """The lines above the workbook's tables, in words: the period by its name (never its id), the reports
    (the counts that are not zero), the models, the commendations; every date ``dd/mm/yyyy``."""
    summ = agg.summary
    rep = summ["reports"]
    period = agg.period
    heading = text(
        "xlsx-heading",
        lang,
        name=period_words(agg, lang),
        as_of=day(agg.as_of),
        deadline=day(period.deadline.last_on_time),
    )
    parts = [
        text(
            "xlsx-reports",
            lang,
            received=rep["received"],
            expected=rep["expected"],
            completeness=_percent(rep["completeness"], lang),
            on_time=rep["on_time"],
            timeliness=_percent(rep["timeliness"], lang),
        )
    ]
    for key in ("late", "missing", "pending", "invalid", "left_out"):
        if rep[key]:
            parts.append(text(f"xlsx-reports-{key}", lang, n=rep[key]))
    extra = unowed_counted(agg)
    reports = "; ".join([", ".join(parts), *([text("xlsx-reports-extra", lang, n=len(extra))] if extra else [])])
    models = text(
        "agg-models",
        lang,
        **{**summ["models"], "start": day(period.start), "end": day(min(period.end, agg.as_of))},
    )
    return [heading, reports + ".", models, text("agg-commendations", lang, **summ["commendations"])]


def unowed_counted(agg: Aggregate) -> list[Any]:
    """The units that owe no report for the period (not required, exempt) whose report came in and counts."""
    return [
        u for u in agg.units if u.status in ("not_required", "exempt") and u.submitted is not None and not u.left_out
    ]


def _percent(value: float | None, lang: str) -> str:
    """``88,2%`` (vi) / ``88.2%`` (en), one decimal, half-up from the exact ratio, as every dkst output."""
    from dkst.documents.filters import enpct, pct

    return (pct if lang == "vi" else enpct)(value, "–")


def english_heads(agg: Aggregate, heads: list[str]) -> list[str]:
    """The figure columns' headers with each indicator's ``label_en (unit_en)`` where the plan gives them (the
    columns of last year and of the change, when there, keep theirs)."""
    step = 3 if len(heads) == 3 * len(agg.dataset.index.indicators) and agg.last is not None else 1
    out = list(heads)
    for i, ind in enumerate(agg.dataset.index.indicators.values()):
        label = ind.label_en or ind.label
        unit = ind.unit_en or ind.unit
        out[i * step] = f"{label} ({unit})" if unit else label
    return out
