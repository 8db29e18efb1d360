"""The context as templates see it (:func:`template_data`).

A :class:`~dkst.report_context.ReportContext` gives it whole (:meth:`~dkst.report_context.ReportContext.template_data`).
A hand-made mapping (a test's fixture, a script's own data) goes through :func:`prepare_context`: a cleaned
copy with the optional keys that are absent filled with ``None`` and the grouping keys the report context
would give added by the same rules (see :mod:`dkst.render`); subtotals come from
:func:`dkst.aggregate.kind_figures`, the one function that sums a kind.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dkst import escape
from dkst.aggregate import kind_figures
from dkst.filters import in_sentence, roman, vndate
from dkst.report_model import COUNTED_STATUSES, MOTTO, NATIONAL, UNOWED_STATUSES, ReportContext

__all__ = [
    "COUNTED_STATUSES",
    "MOTTO",
    "NATIONAL",
    "Context",
    "TemplateData",
    "context_lang",
    "prepare_context",
    "template_data",
    "with_unit",
]


class TemplateData(dict[str, Any]):
    """A context already as templates read it: nothing more to prepare."""


#: What the writers accept: the report context, data already prepared, or a hand-made mapping.
Context = ReportContext | Mapping[str, Any]


def template_data(context: Context) -> TemplateData:
    """What a template reads: a report context's own data (built once), or a hand-made mapping prepared."""
    if isinstance(context, TemplateData):
        return context
    if isinstance(context, ReportContext):
        return TemplateData(context.template_data())
    return TemplateData(prepare_context(context))


def with_unit(context: Context, unit: Mapping[str, Any]) -> TemplateData:
    """The context of an urging letter: the report's, and ``unit`` = {id, name, status, status_label,
    days_overdue, days_left, email, …} (absent keys ``None``). The report's part is prepared once."""
    u = escape.xml_tree(unit)
    for key in ("status", "status_label", "days_overdue", "days_left", "email"):
        u.setdefault(key, None)
    return TemplateData({**template_data(context), "unit": u})


def context_lang(context: Context) -> str | None:
    """The document's language as the context says it (for error messages before it is prepared)."""
    if isinstance(context, ReportContext):
        return context.lang
    found = context.get("lang") if isinstance(context, Mapping) else None
    return found if isinstance(found, str) else None


def _defaults(d: dict, keys: tuple[str, ...]) -> None:
    for k in keys:
        d.setdefault(k, None)


def prepare_context(context: Mapping[str, Any]) -> dict[str, Any]:
    """The context as templates see it: a cleaned copy, optional keys filled, grouping keys added."""
    ctx: dict[str, Any] = escape.xml_tree(context)
    plan = ctx.setdefault("plan", {})
    _defaults(plan, ("title", "year", "issuer", "place", "number", "issued", "signer", "report_to"))
    plan["based_on"] = plan.get("based_on") or []
    for b in plan["based_on"]:
        _defaults(b, ("number", "date", "issuer", "title"))
    plan["recipients"] = plan.get("recipients") or []
    lh = plan.get("letterhead") or {}
    plan["letterhead"] = lh
    _defaults(lh, ("superior", "organ", "symbol"))
    lh["national"] = lh.get("national") or NATIONAL
    lh["motto"] = lh.get("motto") or MOTTO
    if isinstance(plan.get("signer"), dict):
        _defaults(plan["signer"], ("on_behalf", "title", "name"))
    if isinstance(plan.get("report_to"), dict):
        _defaults(plan["report_to"], ("office", "email"))
    for key in (
        "indicators",
        "sections",
        "kinds",
        "units",
        "models",
        "commendations",
        "highlights",
        "limitations",
        "proposals",
    ):
        if ctx.get(key) is None:
            ctx[key] = []
    ctx.setdefault("summary", {})
    ctx.setdefault("lang", "vi")
    _defaults(ctx, ("as_of", "date_line"))
    period = ctx.setdefault("period", {})
    _defaults(period, ("id", "name", "start", "end", "last_on_time", "deadline"))
    if not period.get("last_on_time_vn"):
        period["last_on_time_vn"] = vndate(period.get("last_on_time"))
    if not period.get("in_sentence"):
        period["in_sentence"] = in_sentence(period.get("name"))
    for u in ctx["units"]:
        _defaults(u, ("short_name", "kind_label", "status_label", "submitted", "days_late"))
        u.setdefault("indicators", {})
        u.setdefault("models", 0)
        u.setdefault("left_out", False)
        if not u.get("submitted_vn"):
            u["submitted_vn"] = vndate(u.get("submitted"))
    # the reports behind the totals: the owed reports received, and reports of units that owed none
    counted = [
        u for u in ctx["units"] if u.get("submitted") and not u.get("left_out") and u.get("status") in COUNTED_STATUSES
    ]
    ctx.setdefault("extra_reports", [u for u in counted if u.get("status") in UNOWED_STATUSES])
    ctx.setdefault("counted_reports", len(counted))
    for m in ctx["models"]:
        _defaults(
            m,
            ("status_label", "origin_label", "started", "completed_on", "field", "summary", "results", "beneficiaries"),
        )
        m.setdefault("propose_replication", False)
    for c in ctx["commendations"]:
        _defaults(c, ("kind_label", "achievement", "level"))

    ids = [i.get("id") for i in ctx["indicators"]]
    known = set()
    numeral = 0
    for k in ctx["kinds"]:
        known.add(k.get("id"))
        members = [u for u in ctx["units"] if u.get("kind") == k.get("id")]
        k.setdefault("units", members)
        if k["units"]:
            numeral += 1
        k.setdefault("numeral", roman(numeral) if k["units"] else "")
        if "indicators" not in k or "models" not in k:
            sub = kind_figures(k["units"], ids)
            k.setdefault("indicators", sub.indicators)
            k.setdefault("models", sub.models)
        k.setdefault("reports", {})
    ctx.setdefault("other_units", [u for u in ctx["units"] if u.get("kind") not in known])

    if "totals" not in ctx:
        # the totals are the aggregate's (``summary``); summed here only for what a hand-made context lacks
        summary = ctx["summary"]
        s_ind = summary.get("indicators") or {}
        missing = [i for i in ids if i not in s_ind]
        totals = {i: (s_ind.get(i) or {}).get("total") for i in ids}
        whole = kind_figures(ctx["units"], missing)
        totals.update(whole.indicators)
        s_models = summary.get("models") or {}
        models = s_models["total"] if "total" in s_models else whole.models
        ctx["totals"] = {"indicators": totals, "models": models}
    return ctx
