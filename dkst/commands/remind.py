"""``dkst remind --period P``: an urging letter per unit whose report is missing or due within days."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from dkst.cli import app
from dkst.commands.render import PeriodOpt, TemplateDirOpt
from dkst.options import AsOfOpt, DataOpt, LangOpt, fail, require_units, resolve, template_folder, write_output


class RemindFormat(StrEnum):
    md = "md"
    docx = "docx"


#: The built-in template of each format.
TEMPLATES = {RemindFormat.md: "remind.md.j2", RemindFormat.docx: "remind.docx"}


def units_to_remind(checked: Any, period: str, within: int) -> list[tuple[Any, Any]]:
    """(unit, status) of every unit whose report for ``period`` is missing, or pending with at most
    ``within`` days left, in registry order."""
    ds, ev = checked.dataset, checked.evaluation
    out = []
    for unit in ds.units:
        status = ev.report_status(ds, unit, period)
        if status.status == "missing" or (status.status == "pending" and (status.days_left or 0) <= within):
            out.append((unit, status))
    return out


def _form_file(root: Path, unit_id: str, period: str) -> str | None:
    """The name of the unit's form of ``dkst form`` in the default form folder, if one is there (to attach)."""
    from dkst.commands.form import form_folder

    path = form_folder(root, period) / f"{unit_id}-{period}.xlsx"
    return path.name if path.is_file() else None


@app.command(help="help.remind")
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
    from dkst.aggregate import AggregateError
    from dkst.checker import check as run_check
    from dkst.files import OutputRefused, check_letter_folder
    from dkst.i18n import text
    from dkst.render import RenderError, find_template, render_reminder, render_reminder_docx
    from dkst.report_context import render_context

    ctx = resolve(data, as_of, lang)
    folder = output if output is not None else ctx.root / "out" / f"nhac-{period}"
    try:
        check_letter_folder(folder, ctx.root, [], force)  # before any work; again with the names below
    except OutputRefused as exc:
        fail(text(exc.key, ctx.lang, **exc.params))
    template_dir = template_folder(template_dir, ctx.lang)
    checked = run_check(ctx.root, ctx.as_of)
    require_units(checked, ctx.lang)
    try:
        context = render_context(checked, period, ctx.lang)
    except AggregateError as exc:
        fail(text(exc.key, ctx.lang, **exc.params))
    chosen = units_to_remind(checked, period, within)
    letters: list[tuple[Path, str | bytes]] = []
    try:
        template = find_template(TEMPLATES[fmt], template_dir, ctx.root, ctx.lang)
        for unit, status in chosen:
            info = {
                "id": unit.id,
                "name": unit.name,
                "status": status.status,
                "status_label": text(status.status, ctx.lang),
                "days_overdue": status.days_overdue,
                "days_left": status.days_left,
                "email": unit.email,
                "form_file": _form_file(ctx.root, unit.id, period),
            }
            render = render_reminder_docx if fmt is RemindFormat.docx else render_reminder
            letters.append((folder / f"{unit.id}.{fmt.value}", render(context, info, template)))
    except RenderError as exc:
        fail(exc.text(ctx.lang), code=1)
    try:
        real, earlier = check_letter_folder(folder, ctx.root, [p.name for p, _ in letters], force)
    except OutputRefused as exc:
        fail(text(exc.key, ctx.lang, **exc.params))
    for old in earlier:  # every letter rendered and every name judged before anything changes
        try:
            old.unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:
            fail(text("write-failed", ctx.lang, path=str(old), error=exc.strerror or str(exc)))
    for path, content in letters:
        write_output(real / path.name, content, ctx.lang)
        sys.stdout.write(f"{path}\n")
    sys.stderr.write(text("reminded", ctx.lang, count=len(letters), period=period) + "\n")
