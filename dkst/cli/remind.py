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
    PeriodOpt,
    TemplateDirOpt,
    fail,
    form_folder,
    os_error_text,
    require_units,
    resolve,
    template_folder,
    warn_figures,
    write_output,
)
from dkst.cli.sending import ResendOpt, SendDryRunOpt, SendOpt


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
    fmt: Annotated[RemindFormat | None, typer.Option("--format", help="help.remind.format")] = None,
    output: Annotated[
        Path | None, typer.Option("--output", help="help.remind.output", metavar="DIR", show_default=False)
    ] = None,
    template_dir: TemplateDirOpt = None,
    force: Annotated[bool, typer.Option("--force", help="help.remind.force")] = False,
    send: SendOpt = False,
    resend: ResendOpt = False,
    dry_run: SendDryRunOpt = False,
) -> None:
    """Giấy nhắc (công văn đôn đốc) gửi các đơn vị chưa nộp báo cáo hoặc sắp đến hạn."""
    from dkst.checks.checker import check as run_check
    from dkst.documents.render import RenderError, find_template, render_reminder, render_reminder_docx
    from dkst.documents.report_context import build_report
    from dkst.figures.aggregate import aggregate
    from dkst.figures.reminders import addressees
    from dkst.files import check_letter_folder
    from dkst.i18n import text

    ctx = resolve(data, as_of, lang)
    sending_on = send or resend or dry_run  # --resend and --dry-run only make sense with --send: they imply it
    if sending_on and fmt is RemindFormat.md:
        fail(text("mail-send-format", ctx.lang))
    fmt = fmt or (RemindFormat.docx if sending_on else RemindFormat.md)
    folder = output if output is not None else ctx.root / "out" / f"nhac-{period}"
    check_letter_folder(folder, ctx.root, [], force or sending_on)  # before any work; again with the names below
    template_dir = template_folder(template_dir, ctx.lang)
    checked = run_check(ctx.root, ctx.as_of)
    require_units(checked, ctx.lang)
    agg = aggregate(checked, period, ctx.lang)
    context = build_report(agg, ctx.lang)
    sending = None
    if sending_on:
        from dkst.cli.sending import prepare_sending

        sending = prepare_sending(checked.dataset, period, context.period.name, dry_run, ctx.lang)
    chosen = addressees(checked, period, within, ctx.lang, form_folder(ctx.root, period))
    letters: list[tuple[Path, str | bytes]] = []
    try:
        template = find_template(TEMPLATES[fmt], template_dir, ctx.root, ctx.lang)
        render = render_reminder_docx if fmt is RemindFormat.docx else render_reminder
        for unit in chosen:
            letters.append((folder / f"{unit.id}.{fmt.value}", render(context, unit, template)))
    except RenderError as exc:
        fail(exc.text(ctx.lang), code=1)
    names = [p.name for p, _ in letters]
    real, earlier = check_letter_folder(folder, ctx.root, names, force or sending_on)
    if sending_on and not force and not _same_letters(earlier, letters):
        real, earlier = check_letter_folder(folder, ctx.root, names, force)  # refused: they differ
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
    if letters and (context.plan.signer is None or not context.plan.signer.name):
        sys.stderr.write(f"dkst: {text('voice.no-signer-letters', ctx.lang)}\n")  # the letters leave a marked gap
    warn_figures(agg, ctx.lang, provisional=False)
    if sending is not None:
        from dkst.cli.sending import send_files

        files = [(p.stem, real / p.name, c if isinstance(c, bytes) else c.encode("utf-8")) for p, c in letters]
        raise typer.Exit(send_files("remind", checked.dataset, sending, files, real, resend, ctx.lang))


def _same_letters(earlier: list[Path], letters: list[tuple[Path, str | bytes]]) -> bool:
    """Whether the letters already in the folder are exactly this run's (a sending run repeated: nothing of
    the clerk's would be lost by writing them again)."""
    wanted = {p.name: c if isinstance(c, bytes) else c.encode("utf-8") for p, c in letters}
    for old in earlier:
        if old.is_symlink() or not old.is_file():
            return False
        try:
            if wanted.get(old.name) != old.read_bytes():
                return False
        except OSError:
            return False
    return True
