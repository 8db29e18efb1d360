"""The page for leaders (``dkst render --format html``): one self-contained HTML page of the period, rendered from
``report.html.j2`` in the same sandbox as the other templates, with autoescape on.

The page reads the report's context (:class:`~dkst.documents.report_model.ReportContext`, built from the
aggregate: every figure on the page is the aggregate's) and adds what only a page shows:

    page: {
      provisional: str                 "" unless some owing unit's report is not yet due
      reports: {expected, received, on_time, late, missing, pending, invalid, left_out,
                completeness, timeliness,            the period's; ratios exact (floats), printed with pct/enpct
                completeness_json, timeliness_json}  the same as ``aggregate --format json`` (4 places)
      kinds: [{id, label, reports: {same keys}}]     kinds that owe reports, plan order
      indicators: [{id, label, unit, section, total, units, previous, change, change_exact, has_previous,
                    rows: [{unit_id, name, value, previous}]}]     rows: the units giving it, largest first
      grid: {columns: [{id, label}], legend,
             rows: [{kind_label, unit_id, name, short_name, cells: [{mark, full, state}]}]}
                                                    the marks of ``dkst status``; ``state`` the status (or
                                                    ``left_out``), ``full`` the long mark
      models: {total, new, replicated, in_progress, completed, propose_replication}
      missing, pending, left_out: [{unit_id, name, kind_label, detail}]   by name, registry order
    }
    charts: {id: {id, title, description, svg}}     completeness, indicator-<id>…, models (those that have data)
    words: {key: text}                              the page's own words in the chosen language (catalogue keys
                                                    ``page.w.<key>``, ``-`` read as ``_``: words.on_time)

``previous`` and ``change`` are last year's figure and the change (docs/format.md, "Same period last year") where
the aggregate carries them (``change`` as its JSON gives it, ``change_exact`` for the page to round once);
``has_previous`` says whether it does.

The charts are drawn by :mod:`dkst.documents.charts` (Vega-Lite, vl-convert) and put into the page as inline
SVG: no script, no request to any other address, fonts of the reader's own system.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dkst.documents.charts import exact
from dkst.i18n import TEXTS, text
from dkst.statuses import ReportStatus

if TYPE_CHECKING:
    from dkst.checks.checker import Checked
    from dkst.documents.charts import Chart
    from dkst.documents.report_model import ReportContext

#: The counts of a ``reports`` object (docs/format.md) the page shows, in its order.
REPORT_COUNTS = ("expected", "received", "on_time", "late", "missing", "pending", "invalid", "left_out")
#: Catalogue keys of the page's words start with this; ``words`` holds them without it.
WORDS = "page.w."


def reports_view(reports: Mapping[str, Any]) -> dict[str, Any]:
    """A ``reports`` object with its two ratios exact (from the counts, for the page to round once) and as the
    aggregate's JSON gives them (``completeness_json``, ``timeliness_json``: 4 places, the pages' ``<data>`` values)."""
    from dkst.figures.aggregate import ratio

    out = {k: reports.get(k) for k in REPORT_COUNTS}
    for key, part in (("completeness", "received"), ("timeliness", "on_time")):
        out[key] = _float(exact(out[part], out["expected"]))
        whole, share = out["expected"], out[part]
        out[key + "_json"] = ratio(share, whole) if isinstance(whole, int) and isinstance(share, int) else None
    return out


def _float(value: Fraction | None) -> float | None:
    return float(value) if value is not None else None


def words(lang: str) -> dict[str, str]:
    """The page's own words (catalogue keys ``page.w.*``) in ``lang``."""
    return {key[len(WORDS) :].replace("-", "_"): value[lang] for key, value in TEXTS.items() if key.startswith(WORDS)}


def grid(checked: Checked, lang: str) -> dict[str, Any]:
    """The status grid: a row per unit (registry order), a column per requirement, the marks of ``dkst status``."""
    from dkst.figures.status import cell_mark, column_labels, mark, table

    data = table(checked)
    reqs = data["requirements"]
    labels = column_labels(checked, lang)
    rows = []
    for row in data["rows"]:
        cells = []
        for status in row["cells"]:
            shown, state = cell_mark(status, lang)
            cells.append({"mark": shown, "full": mark(status, lang), "state": state})
        unit = row["unit"]
        rows.append(
            {
                "kind_label": str(row["kind"]),
                "unit_id": unit.id,
                "name": unit.name,
                "short_name": unit.short_name or unit.name,
                "cells": cells,
            }
        )
    legend = text("status-legend", lang) + (
        text("status-legend-rule", lang) if any(r.type == "rule" for r in reqs) else ""
    )
    return {
        "columns": [{"id": r.id, "label": label} for r, label in zip(reqs, labels, strict=True)],
        "rows": rows,
        "legend": legend,
    }


def _change(total: int | None, previous: Any) -> float | None:
    """total / previous − 1, exactly (the page rounds it once); ``None`` when either is missing or previous is 0."""
    if not isinstance(total, int) or not isinstance(previous, int) or isinstance(previous, bool) or previous <= 0:
        return None
    return float(Fraction(total, previous) - 1)


def provisional(context: ReportContext) -> str:
    """The page's visible line when the figures are provisional: some owing unit's report is not yet due."""
    pending = (context.summary.get("reports") or {}).get("pending") or 0
    if not pending or context.as_of is None:
        return ""
    return text("page.provisional", context.lang, as_of=context.as_of, n=pending)


def indicators(context: ReportContext) -> list[dict[str, Any]]:
    """Each indicator of the plan with its total, how many reports give it, last year's figure where the
    aggregate has one, and the units that give it, largest first."""
    given = context.summary.get("indicators") or {}
    previous_of = {u["id"]: u.get("previous_indicators") or {} for u in context.summary.get("units") or []}
    out = []
    for row in context.indicators:
        figures = given.get(row.id) or {}
        units = sorted(
            (u for u in context.counted if row.id in u.indicators),
            key=lambda u: (-u.indicators[row.id], u.name),
        )
        out.append(
            {
                "id": row.id,
                "label": row.label,
                "unit": row.unit,
                "section": row.section,
                "total": row.total,
                "units": row.units,
                "has_previous": "previous" in figures,
                "previous": figures.get("previous"),
                "change": figures.get("change"),
                "change_exact": _change(row.total, figures.get("previous")),
                "rows": [
                    {
                        "unit_id": u.id,
                        "name": u.name,
                        "value": u.indicators[row.id],
                        "previous": previous_of.get(u.id, {}).get(row.id),
                    }
                    for u in units
                ],
            }
        )
    return out


def unit_lists(context: ReportContext, checked: Checked | None) -> dict[str, list[dict[str, Any]]]:
    """The units a leader must know by name: missing (with the days overdue), not yet due (days left), and
    left out of the figures (with the first error of their file)."""
    lang = context.lang
    problems = {p["unit"]: p for p in context.summary.get("files_with_errors") or []}
    days: dict[str, Any] = {}
    if checked is not None:
        statuses = checked.evaluation.statuses
        for req in checked.dataset.index.requirements:
            if req.type == "report" and req.period == context.period.id:
                for u in context.units:
                    st = statuses.get((u.id, req.id))
                    if st is not None:
                        days.setdefault(u.id, st)
    missing, pending, left_out = [], [], []
    for u in context.units:
        st = days.get(u.id)
        entry = {"unit_id": u.id, "name": u.name, "kind_label": u.kind_label, "detail": ""}
        if u.status == ReportStatus.MISSING:
            if st is not None and st.days_overdue is not None:
                entry["detail"] = text("page.w.days-overdue", lang, n=st.days_overdue)
            missing.append(entry)
        elif u.status == ReportStatus.PENDING:
            if st is not None and st.days_left is not None:
                entry["detail"] = text("page.w.days-left", lang, n=st.days_left)
            pending.append(entry)
        if u.left_out or u.status == ReportStatus.INVALID:
            problem = problems.get(u.id)
            left = dict(entry)
            left["detail"] = str(problem["message"]) if problem else ""
            left_out.append(left)
    return {"missing": missing, "pending": pending, "left_out": left_out}


def page_data(context: ReportContext, checked: Checked | None) -> dict[str, Any]:
    """The ``page`` part of the template data (see the module's docstring)."""
    summary = context.summary
    return {
        "provisional": provisional(context),
        "reports": reports_view(summary.get("reports") or {}),
        "kinds": [
            {"id": k.id, "label": k.label, "reports": reports_view(k.reports)}
            for k in context.kinds
            if k.reports.get("expected")
        ],
        "indicators": indicators(context),
        "grid": grid(checked, context.lang) if checked is not None else {"columns": [], "rows": [], "legend": ""},
        "models": dict(summary.get("models") or {}),
        **unit_lists(context, checked),
    }


def chart_data(charts: list[Chart], lang: str) -> dict[str, dict[str, Any]]:
    """The charts drawn as SVG, by id, ready to put into the page as they are (safe markup)."""
    from markupsafe import Markup

    from dkst.documents.charts import to_svg

    return {
        c.id: {"id": c.id, "title": c.title, "description": c.description, "svg": Markup(to_svg(c, lang))}
        for c in charts
    }


def render_html(context: ReportContext, template_path: Path, checked: Checked | None = None) -> str:
    """Render the page for leaders from ``report.html.j2`` (or a user's template of that name): the report's
    template data plus ``page``, ``charts`` and ``words`` (see the module's docstring)."""
    from dkst import escape
    from dkst.documents.charts import page_charts
    from dkst.documents.render_md import render_text

    extra = {
        "page": escape.xml_tree(page_data(context, checked)),
        "charts": chart_data(page_charts(context), context.lang),
        "words": words(context.lang),
    }
    return render_text(context, template_path, extra=extra, html=True)
