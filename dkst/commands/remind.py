"""``dkst remind --period P``: an urging letter per unit whose report is missing or due within days."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from dkst.cli import app
from dkst.commands.render import PeriodOpt, TemplateDirOpt
from dkst.options import AsOfOpt, DataOpt, LangOpt, fail, protected, resolve, write_output


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


@app.command()
def remind(
    period: PeriodOpt,
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    within: Annotated[int, typer.Option("--within", min=0, help="Nhắc cả đơn vị chưa đến hạn nếu còn không quá "
                                                                "chừng này ngày.")] = 7,
    fmt: Annotated[RemindFormat, typer.Option(
        "--format", help="md: mỗi thư một tệp Markdown (mẫu remind.md.j2); docx: một văn bản Word "
                         "(mẫu remind.docx).")] = RemindFormat.md,
    output: Annotated[Path | None, typer.Option(
        "--output", help="Thư mục ghi thư nhắc (mỗi đơn vị một tệp <mã đơn vị>.md hoặc .docx). Mặc định: "
                         "out/nhac-<kỳ>/ của bộ dữ liệu.", show_default=False)] = None,
    template_dir: TemplateDirOpt = None,
) -> None:
    """Giấy nhắc (công văn đôn đốc) gửi các đơn vị chưa nộp báo cáo hoặc sắp đến hạn."""
    from dkst.aggregate import AggregateError, render_context
    from dkst.checker import check as run_check
    from dkst.i18n import text
    from dkst.render import RenderError, find_template, render_reminder, render_reminder_docx

    ctx = resolve(data, as_of, lang)
    folder = output if output is not None else ctx.root / "out" / f"nhac-{period}"
    if protected(folder / "x.md", ctx.root):
        fail(text("protected-output", ctx.lang, path=str(folder)))
    checked = run_check(ctx.root, ctx.as_of)
    try:
        context = render_context(checked, period, ctx.lang)
    except AggregateError as exc:
        fail(text(exc.key, ctx.lang, **exc.params))
    chosen = units_to_remind(checked, period, within)
    letters: list[tuple[Path, str | bytes]] = []
    try:
        template = find_template(TEMPLATES[fmt], template_dir, ctx.root, ctx.lang)
        for unit, status in chosen:
            info = {"id": unit.id, "name": unit.name, "status": status.status,
                    "status_label": text(status.status, ctx.lang), "days_overdue": status.days_overdue,
                    "days_left": status.days_left, "email": unit.email,
                    "form_file": _form_file(ctx.root, unit.id, period)}
            render = render_reminder_docx if fmt is RemindFormat.docx else render_reminder
            letters.append((folder / f"{unit.id}.{fmt.value}", render(context, info, template)))
    except RenderError as exc:
        fail(str(exc), code=1)
    for path, content in letters:  # every letter rendered before any is written
        write_output(path, content, ctx.root, ctx.lang)
        sys.stdout.write(f"{path}\n")
    sys.stderr.write(text("reminded", ctx.lang, count=len(letters), period=period) + "\n")
