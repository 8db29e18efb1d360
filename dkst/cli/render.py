"""``dkst render --period P``: the city's report for the period, Markdown or Word, through templates; or the page
for leaders (``--format html``, :mod:`dkst.documents.page`).

Imports typer and :mod:`dkst.cli.options` only; pandas (for the figures) and docxtpl load inside the command.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from dkst.cli.options import (
    AsOfOpt,
    DataOpt,
    ForceOpt,
    LangOpt,
    PeriodOpt,
    TemplateDirOpt,
    fail,
    format_by_suffix,
    output_target,
    require_units,
    resolve,
    template_folder,
    warn_figures,
    write_output,
)

if TYPE_CHECKING:
    from dkst.documents.report_model import ReportContext


#: The suffix of each format's file (the formats this command has; ``html`` where the page is built).
SUFFIXES = {".md": "md", ".markdown": "md", ".docx": "docx", ".html": "html", ".htm": "html"}


class RenderFormat(StrEnum):
    md = "md"
    docx = "docx"
    html = "html"


#: ``--output`` suffix → format when ``--format`` is not given; with ``--format``, a suffix of another format
#: is refused (``render --format html --output x.md`` would write a page named as a Markdown file).
#: The default output of the formats that are files (Markdown goes to standard output).
DEFAULT_OUTPUT = {"docx": "bao-cao-{period}.docx", "html": "bao-cao-{period}.html"}


def render(
    period: PeriodOpt,
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    fmt: Annotated[RenderFormat | None, typer.Option("--format", help="help.render.format", show_default=False)] = None,
    output: Annotated[
        Path | None, typer.Option("--output", help="help.render.output", metavar="FILE", show_default=False)
    ] = None,
    template_dir: TemplateDirOpt = None,
    force: ForceOpt = False,
    history: Annotated[bool, typer.Option("--history", help="help.render.history")] = False,
) -> None:
    """Báo cáo kết quả thực hiện Phong trào trong kỳ (Markdown, Word), hoặc trang HTML cho lãnh đạo."""
    from dkst.checks.checker import check as run_check
    from dkst.documents.render import RenderError, find_template, render_docx, render_markdown
    from dkst.documents.report_context import build_report
    from dkst.figures.aggregate import aggregate
    from dkst.i18n import text

    ctx = resolve(data, as_of, lang)
    known = {s: f for s, f in SUFFIXES.items() if f in RenderFormat.__members__}
    chosen = format_by_suffix(fmt.value if fmt is not None else None, output, known, "md", ctx.lang)
    if output is None and chosen in DEFAULT_OUTPUT:
        output = ctx.root / "out" / DEFAULT_OUTPUT[chosen].format(period=period)
    target = output_target(output, ctx.root, force, ctx.lang) if output is not None else None
    template_dir = template_folder(template_dir, ctx.lang)
    checked = run_check(ctx.root, ctx.as_of)
    require_units(checked, ctx.lang)
    agg = aggregate(checked, period, ctx.lang)
    context = build_report(agg, ctx.lang)
    names = {"docx": "report.docx", "html": "report.html.j2", "md": "report.md.j2"}
    if history:
        context = with_late_changes(context, ctx.root)
    try:
        template = find_template(names[chosen], template_dir, ctx.root, ctx.lang)
        if chosen == "docx":
            content: str | bytes = render_docx(context, template)
        elif chosen == "html":
            from dkst.documents.page import render_html

            content = render_html(context, template, checked)
        else:
            content = render_markdown(context, template)
    except RenderError as exc:
        fail(exc.text(ctx.lang), code=1)
    if target is None:
        sys.stdout.write(content if isinstance(content, str) else "")
    else:
        write_output(target, content, ctx.lang, force)
        sys.stderr.write(text("written", ctx.lang, path=str(output)) + "\n")
    sys.stdout.flush()
    warn_figures(agg, ctx.lang)
    for gap in context.facts().warnings:  # every piece of the committee's words still to write, by file or key
        sys.stderr.write(f"dkst: {gap}\n")


def with_late_changes(context: ReportContext, root: Path) -> ReportContext:
    """``render --history``: the context with the appendix's word on reports whose figures changed after the
    period's last on-time day (from the dataset's git history); one-line error, exit 2, where it cannot be read."""
    from dataclasses import replace

    from dkst.documents.changes import late_changes
    from dkst.i18n import text
    from dkst.load.history import HistoryError, changed_after_deadline, read_history

    day = context.period.last_on_time
    try:
        found = read_history(root, period=context.period.id)
    except HistoryError as exc:
        fail(text(exc.key, context.lang, **exc.params))
    except Exception as exc:  # a damaged repository: one line, never a traceback
        fail(text("history-unreadable-repo", context.lang, path=str(root), error=str(exc) or type(exc).__name__))
    late = changed_after_deadline(found, lambda _period: day)
    names = {u.id: u.name for u in context.units}
    labels = {i.id: f"{i.label} ({i.unit})" if i.unit else i.label for i in context.indicators}
    return replace(context, late_changes=late_changes(late, names, day, context.lang, labels))
