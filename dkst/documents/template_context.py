"""The context as templates see it (:func:`template_data`).

A :class:`~dkst.documents.report_model.ReportContext` gives it
(:meth:`~dkst.documents.report_model.ReportContext.template_data`),
built once; a hand-made mapping (a test's fixture, a script's own data) is made into one first
(:func:`prepare_context`, :mod:`dkst.documents.report_data`), so every template reads data derived by the same rules.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dkst import escape
from dkst.documents.report_model import ReportContext

__all__ = [
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


def prepare_context(context: Mapping[str, Any]) -> dict[str, Any]:
    """A hand-made mapping as templates read it: made into a report context
    (:func:`dkst.documents.report_data.report_from_data`,
    the same rules as a real report's) and given back as its template data."""
    from dkst.documents.report_data import report_from_data

    return report_from_data(context).template_data()
