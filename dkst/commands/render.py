"""``dkst render --period P``: the city's report for the period, Markdown or Word, through templates.

Imports typer and :mod:`dkst.options` only; pandas (for the figures) and docxtpl load inside the command.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from dkst.cli import app
from dkst.options import (
    AsOfOpt,
    DataOpt,
    ForceOpt,
    LangOpt,
    fail,
    output_target,
    require_units,
    resolve,
    template_folder,
    write_output,
)

PeriodOpt = Annotated[str, typer.Option("--period", help="Mã kỳ báo cáo trong plan.yaml, ví dụ H1 hoặc Y.",
                                        show_default=False)]
TemplateDirOpt = Annotated[Path | None, typer.Option(
    "--template-dir", help="Thư mục mẫu riêng (report.md.j2, report.docx, remind.md.j2, remind.docx); ưu tiên hơn "
                           "templates/ của bộ dữ liệu và mẫu có sẵn.", show_default=False)]


class RenderFormat(StrEnum):
    md = "md"
    docx = "docx"


@app.command()
def render(
    period: PeriodOpt,
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    fmt: Annotated[RenderFormat | None, typer.Option(
        "--format", help="md (mặc định) hoặc docx; khi có --output mà không có --format thì theo đuôi tệp.",
        show_default=False)] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", help="Ghi ra tệp này. Mặc định: md in ra màn hình, docx ghi vào out/bao-cao-<kỳ>.docx "
                         "của bộ dữ liệu.", show_default=False)] = None,
    template_dir: TemplateDirOpt = None,
    force: ForceOpt = False,
) -> None:
    """Báo cáo kết quả thực hiện Phong trào trong kỳ gửi cấp trên, dạng Markdown hoặc Word."""
    from dkst.aggregate import AggregateError, render_context
    from dkst.checker import check as run_check
    from dkst.i18n import text
    from dkst.render import RenderError, find_template, render_docx, render_markdown

    ctx = resolve(data, as_of, lang)
    chosen = fmt.value if fmt is not None else ("docx" if output and output.suffix.lower() == ".docx" else "md")
    if output is None and chosen == "docx":
        output = ctx.root / "out" / f"bao-cao-{period}.docx"
    target = output_target(output, ctx.root, force, ctx.lang) if output is not None else None
    template_dir = template_folder(template_dir, ctx.lang)
    checked = run_check(ctx.root, ctx.as_of)
    require_units(checked, ctx.lang)
    try:
        context = render_context(checked, period, ctx.lang)
    except AggregateError as exc:
        fail(text(exc.key, ctx.lang, **exc.params))
    try:
        template = find_template("report.docx" if chosen == "docx" else "report.md.j2", template_dir, ctx.root,
                                 ctx.lang)
        if chosen == "docx":
            content: str | bytes = render_docx(context, template)
        else:
            content = render_markdown(context, template)
    except RenderError as exc:
        fail(str(exc), code=1)
    if target is None:
        sys.stdout.write(content if isinstance(content, str) else "")
        return
    write_output(target, content, ctx.lang)
    sys.stderr.write(text("written", ctx.lang, path=str(output)) + "\n")
