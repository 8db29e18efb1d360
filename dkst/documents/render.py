"""Render the city's period report (Markdown, Word) and urging letters through sandboxed templates.

Templates are user input (a dataset's ``templates/`` or ``--template-dir`` may override the built-in
ones), so they run in :class:`jinja2.sandbox.ImmutableSandboxedEnvironment` with ``StrictUndefined``:
a template that reaches for ``__class__``, mutates the data (``units.append``) or names a variable
that does not exist ends in a :class:`RenderError` whose message is one line naming the template
(``templates/report.md.j2:12: …``), never in output and never in a traceback. Data values are
never template source: ``{{ 7*7 }}`` typed into a report prints as itself. Nothing here writes a
file; the CLI writes what these functions return.

What a template reads. The writers take a :class:`dkst.documents.report_context.ReportContext` (typed, dates as dates,
built once from the aggregate) and hand its templates
:meth:`~dkst.documents.report_context.ReportContext.template_data`:
the same facts as plain data, every key present (``None`` where unknown), dates as ISO text::

    plan: {title, year, issuer, place, number, issued (ISO str|None),
           signer: {on_behalf, title, name} | None,
           based_on: [{number, date, issuer, title}], report_to: {office, email} | None,
           letterhead: {superior, organ, national, motto, symbol}, recipients: [str]}
    period: {id, name, in_sentence, start, end, last_on_time, deadline (ISO str), last_on_time_vn: "04/6/2023"}
            (``name`` is the plan's ``name_en`` under ``--lang en`` when the plan gives one; ``in_sentence`` is
            the name as it reads inside a sentence: "Năm 2023" -> "năm 2023", see :func:`in_sentence`)
    as_of: ISO str
    date_line: "Tam Kỳ, ngày 05 tháng 6 năm 2023"
    summary: the ``dkst aggregate --format json`` object (reports, indicators, models,
             commendations, by_kind, units)
    indicators: [{id, label, unit, section (str|None), total (int|None), units (int)}]   plan order
    sections: [{title, indicators: [same dicts]}]    grouped by ``section``, first-seen order;
                                                     no section -> title "Kết quả khác"
    kinds: [{id, label, reports: {expected, received, on_time, late, missing, pending, invalid,
             left_out, completeness, timeliness}}]
    units: [{id, name, short_name, kind, kind_label, status, status_label, submitted (ISO|None),
             submitted_vn, days_late, indicators: {id: int}, models: int}]          registry order
    models: [{unit_id, unit_name, id, name, status, status_label, origin, origin_label, started,
              completed_on, field, summary, results, beneficiaries, propose_replication: bool}]
    commendations: [{unit_id, unit_name, name, kind, kind_label, achievement, level}]
    highlights, limitations, proposals: [{unit_id, unit_name, text}]
    lang: "vi" | "en"

:func:`render_reminder` adds ``unit`` = {id, name, status, status_label, days_overdue|None,
days_left|None, email}.
:func:`render_reminder_docx` does the same for the Word letter (``remind.docx``).

and, derived by the report context (each kind's subtotal is the aggregate's, the same the exports print):

    kinds[*].numeral          "I", "II", … (only kinds that have units are numbered)
    kinds[*].units            the units of that kind, registry order
    kinds[*].indicators       {indicator id: sum over its units, or None when none carries it}
    kinds[*].models           the kind's counting models
    totals: {indicators: {id: total|None}, models: int}   from ``summary``
    counted_reports           how many received reports the totals come from (owed or not, not left out)
    extra_reports             the units among them that owed no report (exempt, not required)
    other_units               units whose kind is not in ``kinds`` (normally empty)

Control characters that XML cannot carry are dropped from every text. The writers also take a hand-made
mapping of the shape above (a test's fixture, a script's own data): :func:`dkst.documents.report_data.report_from_data`
makes it into a report context first, absent optional keys ``None``, so the derived keys above come from the
same rules as a real report's (``{% if plan.signer %}`` works under ``StrictUndefined``).

Filters available to every template: ``md`` (escape for Markdown; a table cell by default),
``mdpara`` (multi-line text inside a list item), ``vndate`` ("04/6/2023", the Nghị định
30/2020 rule: day zero-padded, months 1 and 2 zero-padded), ``vndatelong`` ("ngày 04 tháng 6
năm 2023"), ``num`` (12.345; None -> "–"), ``pct`` (0.8824 -> "88,2%": always one decimal, the
rule of every dkst output), ``figure`` (an indicator as a phrase: "120 buổi tuyên truyền"),
``insentence`` (a period's name inside a sentence), ``lcfirst``, ``roman``, and ``upper`` (None ->
""). ``None`` prints as the empty string.

English documents (``--lang en``) use the English twins: ``endate`` ("4 Jun 2023"),
``endatelong`` ("5 June 2023"), ``ennum`` (12,345), ``enpct`` ("88.2%"), ``enfigure``
("Tuyên truyền: 144 buổi": the label and unit are the plan's own words, kept as written) and
``enformula`` (the fixed formulas of a Vietnamese official document in English: the national
name, the motto, signing formulas such as "TM. BAN THƯỜNG TRỰC" -> "ON BEHALF OF THE STANDING
COMMITTEE"; any other text as written).

Languages. The built-in templates exist once per language: ``templates/`` (Vietnamese, the
default) and ``templates/en/`` (English), with the same names; :func:`find_template` picks them
by ``lang``. The language lives in the template's words, not in the filters: the Vietnamese
templates call ``vndate``/``num``, the English ones ``endate``/``ennum``, and no filter changes
its output with ``lang``. So a Vietnamese document never moves by a byte when the English one
changes, and a clerk's own template (``--template-dir`` or the dataset's ``templates/``), which
applies to every language because it is their document, prints exactly what its author wrote;
it may still branch on ``lang`` itself. What the data says (names of units, the letterhead, the
signer's name, plan titles, period names, typed text) is printed as written in both languages;
labels the program owns (statuses, model origins, commendation kinds, "other results") arrive
already in ``lang`` from :func:`dkst.documents.report_context.render_context`.

Word documents describe themselves (:func:`dkst.documents.render_docx._describe_document`): the template's title,
subject and author are rendered like its body, the created and modified dates are the as-of day, and a preview picture
or customXml the template carried is dropped.

Where each job lives (this module only keeps the names importable):

    dkst.documents.render_errors      RenderError, and how a Jinja error becomes one line naming the file and line
    dkst.documents.templates_lookup   find_template, builtin_templates, make_environment (the bounded sandbox)
    dkst.documents.filters            the filters above (dates, numbers, percentages, Markdown escaping, formulas)
    dkst.documents.template_context   template_data, with_unit (a letter's context), prepare_context (a hand-made
    mapping)
    dkst.documents.report_data        report_from_data: a hand-made mapping made into a ReportContext
    dkst.documents.render_md          render_markdown, render_reminder
    dkst.documents.render_docx        render_docx, render_reminder_docx (tables fitted, document properties)
    dkst.documents.report_model       ReportContext and its parts (typed), their plain-data form for templates
    dkst.documents.report_context     render_context, build_report, plan_facts, letterhead (built from
    dkst.figures.aggregate)
"""

from __future__ import annotations

# The jobs live in modules of their own; this module is the rendering API the commands and tests import.
from dkst.documents.filters import (  # noqa: F401  (the filters templates use, as render.vndate, render.endate, …)
    endate,
    endatelong,
    enfigure,
    enformula,
    ennum,
    enpct,
    figure,
    in_sentence,
    md,
    num,
    pct,
    vndate,
    vndatelong,
)
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
