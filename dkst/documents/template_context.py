"""The context as templates see it (:func:`template_data`): a
:class:`~dkst.documents.report_model.ReportContext`'s own data
(:meth:`~dkst.documents.report_model.ReportContext.template_data`, built once), and for an urging letter the
unit it is addressed to (:func:`with_unit`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dkst import escape
from dkst.documents.report_model import ReportContext

if TYPE_CHECKING:
    from dkst.figures.reminders import Addressee

__all__ = ["TemplateData", "template_data", "with_unit"]


class TemplateData(dict[str, Any]):
    """A context as templates read it."""


def template_data(context: ReportContext) -> TemplateData:
    """What a template reads: the report context's own data (built once)."""
    return TemplateData(context.template_data())


def with_unit(context: ReportContext, unit: Addressee) -> TemplateData:
    """The context of an urging letter: the report's, and ``unit`` (:meth:`Addressee.template_data`: id, name,
    status, status_label, days_overdue, days_left, email, form_file). The report's part is prepared once."""
    return TemplateData({**template_data(context), "unit": escape.xml_tree(unit.template_data())})
