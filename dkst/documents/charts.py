"""The charts of the page for leaders and of the Word report: Vega-Lite specifications made from the report's
figures (:class:`~dkst.documents.report_model.ReportContext`, the aggregate's), drawn by ``vl-convert-python``
to SVG (the page, inline) or PNG (the Word report's appendix) when the document is written.

A chart is a picture drawn by a charting library, never SVG put together by hand here. Its labels are the
document's own: percentages and numbers are formatted by :mod:`dkst.documents.filters` (rounded once, half up,
from the exact ratio) and handed to the chart as text, so the chart and the tables beside it print the same
figure. Drawing needs no network: the data are inline and ``allowed_base_urls`` is empty, so a specification
cannot fetch anything; the SVG refers to no font file and no other address (a test checks).

``vl_convert`` is imported inside :func:`to_svg` and :func:`to_png` only: ``dkst check`` and ``dkst --help``
never load it.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from dkst.documents.filters import ennum, enpct, num, pct
from dkst.i18n import text

if TYPE_CHECKING:
    from dkst.documents.report_model import IndicatorRow, ReportContext

#: The natural width of a chart's plot, in CSS pixels: it reads at this size on a 390-px phone, and the page
#: lets it grow on a wider screen.
WIDTH = 200
#: Height of one bar band, in pixels.
BAND = 22
#: Colours with different lightness, so that a chart printed in black and white, or read by a colour-blind
#: reader, still tells its bars apart (and every bar carries its figure as text).
DARK, LIGHT = "#1f4e79", "#9dc3e6"
FONT = "sans-serif"

#: d3-format locales: how the axes write numbers (the bars' own labels are the document's text).
LOCALES: dict[str, dict[str, Any]] = {
    "vi": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " ₫"]},
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["$", ""]},
}


#: A unit's name often begins with the organ's full name; a chart's row label drops it when the unit has no
#: ``short_name`` ("Ủy ban MTTQ Việt Nam phường An Mỹ" → "phường An Mỹ"), so that labels cut to the axis's width
#: still differ.
ORGAN_PREFIXES = ("Ủy ban MTTQ Việt Nam ", "Uỷ ban MTTQ Việt Nam ", "UBMTTQ Việt Nam ", "Ủy ban MTTQVN ")


def row_label(name: str, short_name: str | None) -> str:
    """How a unit is named on a chart's row: its short name, else its name without the organ's prefix."""
    if short_name:
        return short_name
    for prefix in ORGAN_PREFIXES:
        if name.casefold().startswith(prefix.casefold()) and name[len(prefix) :].strip():
            return name[len(prefix) :].strip()
    return name


@dataclass(frozen=True)
class Chart:
    """A chart: a stable id (``completeness``, ``indicator-<id>``, ``models``), its title in the document's
    language, a one-sentence description for readers who cannot see it, and its Vega-Lite specification."""

    id: str
    title: str
    description: str
    spec: dict[str, Any]


def exact(part: int | None, whole: int | None) -> Fraction | None:
    """``part / whole`` exactly; ``None`` when nothing is expected."""
    if not whole or part is None:
        return None
    return Fraction(part, whole)


def percent(value: Fraction | float | None, lang: str) -> str:
    """A ratio as the document prints it (one decimal, half up, rounded once from the exact value)."""
    if value is None:
        return pct(None) if lang != "en" else enpct(None)
    # filters.pct reads the value's decimal text: give it the exact ratio to 12 places (a ratio of counts
    # never lies within 1e-12 of a rounding boundary without being on it)
    shown = f"{float(value):.12f}" if isinstance(value, Fraction) else value
    return enpct(shown) if lang == "en" else pct(shown)


def number(value: int | None, lang: str) -> str:
    return ennum(value) if lang == "en" else num(value)


def _config(lang: str) -> dict[str, Any]:
    return {
        "font": FONT,
        "view": {"stroke": None},
        "axis": {"labelFontSize": 12, "titleFontSize": 12, "labelLimit": 170, "grid": True, "gridColor": "#e5e5e5"},
        "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "top", "labelLimit": 260},
        "text": {"fontSize": 12},
        "padding": {"left": 2, "top": 2, "right": 4, "bottom": 2},
        "title": {"fontSize": 14, "anchor": "start"},
    }


def completeness(context: ReportContext) -> Chart | None:
    """Completeness and timeliness of the reports by kind of unit (and for all units): two bars per kind,
    each labelled with its percentage. ``None`` when no report is expected at all."""
    lang = context.lang
    received, on_time = text("page.chart.received", lang), text("page.chart.on-time", lang)
    rows: list[dict[str, Any]] = []
    groups = [(k.label, k.reports) for k in context.kinds if k.reports.get("expected")]
    whole = context.summary.get("reports") or {}
    if not whole.get("expected"):
        return None
    if len(groups) > 1:
        groups.append((text("page.all-units", lang), whole))
    for label, reports in groups:
        for measure, part in ((received, reports.get("received")), (on_time, reports.get("on_time"))):
            ratio = exact(part, reports.get("expected"))
            rows.append(
                {
                    "group": label,
                    "measure": measure,
                    "value": float(ratio) if ratio is not None else 0.0,
                    "label": percent(ratio, lang),
                }
            )
    order = [label for label, _ in groups]
    spec: dict[str, Any] = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "description": text("page.chart.completeness-desc", lang),
        "data": {"values": rows},
        "width": WIDTH,
        "height": {"step": BAND},
        "encoding": {
            "y": {"field": "group", "type": "nominal", "sort": order, "title": None},
            "yOffset": {"field": "measure", "sort": [received, on_time]},
            "x": {
                "field": "value",
                "type": "quantitative",
                "scale": {"domain": [0, 1]},
                "axis": {"format": ".0%", "values": [0, 0.25, 0.5, 0.75, 1], "title": None},
            },
        },
        "layer": [
            {
                "mark": {"type": "bar", "stroke": "#333", "strokeWidth": 0.5},
                "encoding": {
                    "color": {
                        "field": "measure",
                        "type": "nominal",
                        "sort": [received, on_time],
                        "scale": {"range": [DARK, LIGHT]},
                        "title": None,
                    }
                },
            },
            {
                "mark": {"type": "text", "align": "left", "baseline": "middle", "dx": 3, "fontSize": 12},
                "encoding": {"text": {"field": "label"}},
            },
        ],
        "config": _config(lang),
    }
    return Chart(
        "completeness",
        text("page.chart.completeness", lang),
        text("page.chart.completeness-desc", lang),
        spec,
    )


def statuses(context: ReportContext) -> Chart | None:
    """The units owing a report, by where their report stands: on time, late, overdue, not yet due, invalid
    file (and, apart, the received reports left out of the figures); ``None`` when no report is expected."""
    lang = context.lang
    reports = context.summary.get("reports") or {}
    if not reports.get("expected"):
        return None
    keys = ("on_time", "late", "missing", "pending", "invalid", "left_out")
    counts = {key: int(reports.get(key) or 0) for key in keys}
    rows = [
        {"status": text(f"page.chart.{key}", lang), "value": n, "label": number(n, lang)}
        for key, n in counts.items()
        if key in ("on_time", "late", "missing") or n
    ]
    spec: dict[str, Any] = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "description": text("page.chart.statuses-desc", lang),
        "data": {"values": rows},
        "width": WIDTH,
        "height": {"step": BAND},
        "encoding": {
            "y": {"field": "status", "type": "nominal", "sort": [r["status"] for r in rows], "title": None},
            "x": {
                "field": "value",
                "type": "quantitative",
                "scale": {"domainMin": 0},
                "axis": {"format": ",d", "title": None, "tickMinStep": 1},
            },
        },
        "layer": [
            {"mark": {"type": "bar", "color": DARK}},
            {
                "mark": {"type": "text", "align": "left", "baseline": "middle", "dx": 3, "fontSize": 12},
                "encoding": {"text": {"field": "label"}},
            },
        ],
        "config": _config(lang),
    }
    return Chart("statuses", text("page.chart.statuses", lang), text("page.chart.statuses-desc", lang), spec)


def indicator(context: ReportContext, row: IndicatorRow) -> Chart | None:
    """An indicator's figure by unit, largest first, each bar labelled with its figure; ``None`` when no
    counted report gives it."""
    lang = context.lang
    values = sorted(
        ((row_label(u.name, u.short_name), u.indicators[row.id]) for u in context.counted if row.id in u.indicators),
        key=lambda item: (-item[1], item[0]),
    )
    if not values:
        return None
    title = text("page.chart.indicator", lang, label=row.label, unit=row.unit or "")
    spec: dict[str, Any] = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "description": text("page.chart.indicator-desc", lang, label=row.label),
        "data": {"values": [{"unit": name, "value": value, "label": number(value, lang)} for name, value in values]},
        "width": WIDTH,
        "height": {"step": BAND},
        "encoding": {
            "y": {"field": "unit", "type": "nominal", "sort": None, "title": None},
            "x": {
                "field": "value",
                "type": "quantitative",
                "scale": {"domainMin": 0},
                "axis": {"format": "~s" if max(v for _, v in values) >= 10_000 else ",d", "title": None},
            },
        },
        "layer": [
            {"mark": {"type": "bar", "color": DARK}},
            {
                "mark": {"type": "text", "align": "left", "baseline": "middle", "dx": 3, "fontSize": 12},
                "encoding": {"text": {"field": "label"}},
            },
        ],
        "config": _config(lang),
    }
    return Chart(f"indicator-{row.id}", title, text("page.chart.indicator-desc", lang, label=row.label), spec)


def models(context: ReportContext) -> Chart | None:
    """The period's counting models by status, split by origin (new, replicated); ``None`` without models."""
    lang = context.lang
    if not context.models:
        return None
    counts: dict[tuple[str, str], int] = {}
    for m in context.models:
        counts[m.status_label, m.origin_label] = counts.get((m.status_label, m.origin_label), 0) + 1
    statuses = list(dict.fromkeys(m.status_label for m in sorted(context.models, key=lambda m: m.status)))
    origins = list(dict.fromkeys(m.origin_label for m in sorted(context.models, key=lambda m: m.origin)))
    totals = {s: sum(n for (st, _), n in counts.items() if st == s) for s in statuses}
    spec: dict[str, Any] = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "description": text("page.chart.models-desc", lang),
        "width": WIDTH,
        "height": {"step": BAND + 6},
        "layer": [
            {
                "data": {
                    "values": [
                        {"status": s, "origin": o, "value": n, "label": number(n, lang)}
                        for (s, o), n in sorted(counts.items())
                    ]
                },
                "mark": {"type": "bar", "stroke": "#333", "strokeWidth": 0.5},
                "encoding": {
                    "y": {"field": "status", "type": "nominal", "sort": statuses, "title": None},
                    "x": {
                        "field": "value",
                        "type": "quantitative",
                        "stack": "zero",
                        "scale": {"domainMin": 0},
                        "axis": {"format": ",d", "title": None, "tickMinStep": 1},
                    },
                    "color": {
                        "field": "origin",
                        "type": "nominal",
                        "sort": origins,
                        "scale": {"range": [DARK, LIGHT]},
                        "title": None,
                    },
                    "order": {"field": "origin"},
                },
            },
            {
                "data": {"values": [{"status": s, "value": n, "label": number(n, lang)} for s, n in totals.items()]},
                "mark": {"type": "text", "align": "left", "baseline": "middle", "dx": 3, "fontSize": 12},
                "encoding": {
                    "y": {"field": "status", "type": "nominal", "sort": statuses},
                    "x": {"field": "value", "type": "quantitative"},
                    "text": {"field": "label"},
                },
            },
        ],
        "config": _config(lang),
    }
    return Chart("models", text("page.chart.models", lang), text("page.chart.models-desc", lang), spec)


def page_charts(context: ReportContext) -> list[Chart]:
    """The page's charts, in its order: completeness by kind, reports by status, each indicator by unit, models
    by status."""
    charts = [completeness(context), statuses(context)]
    charts.extend(indicator(context, row) for row in context.indicators)
    charts.append(models(context))
    return [c for c in charts if c is not None]


def to_svg(chart: Chart, lang: str) -> str:
    """The chart as an SVG document (text, no external reference, no script)."""
    import vl_convert

    svg: str = vl_convert.vegalite_to_svg(chart.spec, allowed_base_urls=[], format_locale=LOCALES[_lang(lang)])
    return svg


def to_png(chart: Chart, lang: str, scale: float = 2.0) -> bytes:
    """The chart as a PNG picture (for the Word report), ``scale`` times its natural size in pixels."""
    import vl_convert

    png: bytes = vl_convert.vegalite_to_png(
        chart.spec, scale=scale, allowed_base_urls=[], format_locale=LOCALES[_lang(lang)]
    )
    return png


def _lang(lang: str) -> str:
    return lang if lang in LOCALES else "vi"
