"""The rendering API the commands and tests import: the city's period report (Markdown, Word) and the urging
letters, through sandboxed templates.

Templates are user input (a dataset's ``templates/`` or ``--template-dir`` may override the built-in ones), so
they run in :class:`jinja2.sandbox.ImmutableSandboxedEnvironment` with ``StrictUndefined``: a template that
reaches for ``__class__``, mutates the data or names a variable that does not exist ends in a
:class:`RenderError`, one line naming the template and line (``templates/report.md.j2:12: …``), never in output
and never in a traceback. Data values are never template source: ``{{ 7*7 }}`` typed into a report prints as
itself. Nothing here writes a file; the command writes what these functions return.

The writers take a :class:`dkst.documents.report_model.ReportContext` (built once from the aggregate by
:func:`dkst.documents.report_context.render_context`), and templates read its
:meth:`~dkst.documents.report_model.ReportContext.template_data` (every key and filter a template may use is in
the README, "Editing the Word templates"). The built-in templates exist once per language (``templates/`` and
``templates/en/``); the language lives in the template's words, not in the filters.

Where each job lives (this module only keeps the names importable):

    dkst.documents.render_errors      RenderError; a Jinja error read once (template_error) into one line
    dkst.documents.templates_lookup   find_template, builtin_templates, make_environment (the bounded sandbox)
    dkst.documents.filters            the filters (dates, numbers, percentages, Markdown escaping, formulas)
    dkst.documents.template_context   template_data, with_unit (a letter's context)
    dkst.documents.render_md          render_markdown, render_reminder
    dkst.documents.render_docx        render_docx, render_reminder_docx (tables fitted, document properties)
"""

from __future__ import annotations

from dkst.documents.render_docx import render_docx, render_reminder_docx
from dkst.documents.render_errors import RenderError
from dkst.documents.render_md import render_markdown, render_reminder
from dkst.documents.templates_lookup import TEMPLATE_NAMES, builtin_templates, find_template, make_environment

__all__ = [
    "TEMPLATE_NAMES",
    "RenderError",
    "builtin_templates",
    "find_template",
    "make_environment",
    "render_docx",
    "render_markdown",
    "render_reminder",
    "render_reminder_docx",
]
