"""``dkst remind --period P``: an urging letter per unit whose report is missing or due within days."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from dkst.cli.options import (
    AsOfOpt,
    DataOpt,
    LangOpt,
    fail,
    os_error_text,
    refusal_text,
    require_units,
    resolve,
    template_folder,
    write_output,
)
from dkst.cli.render import PeriodOpt, TemplateDirOpt


class RemindFormat(StrEnum):
    md = "md"
    docx = "docx"


#: The built-in template of each format.
TEMPLATES = {RemindFormat.md: "remind.md.j2", RemindFormat.docx: "remind.docx"}


def remind(
    period: PeriodOpt,
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    within: Annotated[int, typer.Option("--within", min=0, help="help.remind.within", metavar="DAYS")] = 7,
    fmt: Annotated[RemindFormat, typer.Option("--format", help="help.remind.format")] = RemindFormat.md,
    output: Annotated[
        Path | None, typer.Option("--output", help="help.remind.output", metavar="DIR", show_default=False)
    ] = None,
    template_dir: TemplateDirOpt = None,
    force: Annotated[bool, typer.Option("--force", help="help.remind.force")] = False,
) -> None:
    """Giấy nhắc (công văn đôn đốc) gửi các đơn vị chưa nộp báo cáo hoặc sắp đến hạn."""
    from dkst.checks.checker import check as run_check
    from dkst.cli.form import form_folder
    from dkst.documents.render import RenderError, find_template, render_reminder, render_reminder_docx
    from dkst.documents.report_context import render_context
    from dkst.figures.aggregate import AggregateError
    from dkst.figures.reminders import addressees
    from dkst.files import OutputRefused, check_letter_folder
    from dkst.i18n import text

    ctx = resolve(data, as_of, lang)
    folder = output if output is not None else ctx.root / "out" / f"nhac-{period}"
    try:
        check_letter_folder(folder, ctx.root, [], force)  # before any work; again with the names below
    except OutputRefused as exc:
        fail(refusal_text(exc.key, exc.params, ctx.lang))
    template_dir = template_folder(template_dir, ctx.lang)
    checked = run_check(ctx.root, ctx.as_of)
    require_units(checked, ctx.lang)
    try:
        context = render_context(checked, period, ctx.lang)
    except AggregateError as exc:
        fail(text(exc.key, ctx.lang, **exc.params))
    chosen = addressees(checked, period, within, ctx.lang, form_folder(ctx.root, period))
    letters: list[tuple[Path, str | bytes]] = []
    try:
        template = find_template(TEMPLATES[fmt], template_dir, ctx.root, ctx.lang)
        render = render_reminder_docx if fmt is RemindFormat.docx else render_reminder
        for unit in chosen:
            letters.append((folder / f"{unit.id}.{fmt.value}", render(context, unit.template_data(), template)))
    except RenderError as exc:
        fail(exc.text(ctx.lang), code=1)
    try:
        real, earlier = check_letter_folder(folder, ctx.root, [p.name for p, _ in letters], force)
    except OutputRefused as exc:
        fail(refusal_text(exc.key, exc.params, ctx.lang))
    for old in earlier:  # every letter rendered and every name judged before anything changes
        try:
            old.unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:
            fail(os_error_text(old, exc, ctx.lang))
    for path, content in letters:
        write_output(real / path.name, content, ctx.lang, force)
        sys.stdout.write(f"{path}\n")
    sys.stderr.write(text("reminded", ctx.lang, count=len(letters), period=period) + "\n")
