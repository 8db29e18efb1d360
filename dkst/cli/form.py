"""``dkst form --period P``: an Excel form per unit that owes the period's report, to send out by e-mail."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from dkst.cli.options import (
    AsOfOpt,
    DataOpt,
    LangOpt,
    PeriodOpt,
    fail,
    form_folder,
    os_error_text,
    output_target,
    period_unknown,
    protected,
    require_sound,
    resolve,
    write_output,
)
from dkst.cli.sending import ResendOpt, SendDryRunOpt, SendOpt


def form(
    period: PeriodOpt,
    units: Annotated[
        list[str] | None, typer.Option("--unit", help="help.form.unit", metavar="UNIT", show_default=False)
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", help="help.form.output", metavar="DIR", show_default=False)
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="help.form.force")] = False,
    every: Annotated[bool, typer.Option("--all", help="help.form.all")] = False,
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    send: SendOpt = False,
    resend: ResendOpt = False,
    dry_run: SendDryRunOpt = False,
) -> None:
    """Lập phiếu báo cáo Excel gửi các đơn vị: đơn vị điền số liệu, gửi lại, Văn phòng nhập bằng dkst import."""
    from dkst.checks.checker import prepare
    from dkst.i18n import text
    from dkst.load.validation import nearest
    from dkst.sheets.forms.mark import SECRET_FILE, ensure_secret
    from dkst.sheets.forms.writer import build, form_spec, owing_units, reported_units

    ctx = resolve(data, as_of, lang)
    folder = output if output is not None else form_folder(ctx.root, period)
    if protected(folder / "x.xlsx", ctx.root):
        fail(text("protected-output", ctx.lang, path=str(folder)))
    prepared = prepare(ctx.root)
    require_sound(prepared.findings, ctx.lang)
    ds = prepared.dataset
    if ds.plan is None or ds.index is None:
        fail(text("form-no-plan", ctx.lang))
    periods = ds.index.periods
    if period not in periods:
        fail(period_unknown(period, list(periods), ctx.lang))
    known = [u.id for u in ds.units]
    chosen: list[str] = []
    for unit in units or []:
        if unit not in known:
            guess = nearest(unit, known)
            suggest = text("did-you-mean", ctx.lang, x=guess) if guess else ""
            fail(text("unknown-unit", ctx.lang, value=unit, suggest=suggest, choices=", ".join(known) or "—"))
        if unit not in chosen:
            chosen.append(unit)
    skipped: list[str] = []  # owing units whose report has come in as of the day: no form unless --all
    if not units:
        chosen = owing_units(ds, period)
        if not every:
            came = reported_units(ds, period, ctx.as_of)
            skipped = [u for u in chosen if u in came]
            chosen = [u for u in chosen if u not in came]
    if not chosen:
        if skipped:
            fail(text("form-none-owing", ctx.lang, period=period, count=len(skipped)), code=1)
        fail(text("form-none", ctx.lang, period=period), code=1)
    sending_on = send or resend or dry_run  # --resend and --dry-run only make sense with --send: they imply it
    sending = None
    if sending_on:
        from dkst.cli.sending import prepare_sending

        sending = prepare_sending(ds, period, None, dry_run, ctx.lang)
    # a sending run repeated finds its own forms: the same bytes are no clerk's work to protect
    files = [
        (output_target(folder / f"{unit}-{period}.xlsx", ctx.root, force or sending_on, ctx.lang), unit)
        for unit in chosen
    ]
    try:
        secret = ensure_secret(ctx.root)  # the dataset's form key: signs each form's integrity mark
    except OSError as exc:
        fail(os_error_text(ctx.root / SECRET_FILE, exc, ctx.lang))
    built = [(path, unit, build(form_spec(ds, unit, period, ctx.as_of, secret, ctx.lang))) for path, unit in files]
    if sending_on and not force:
        for path, _, content in built:
            if (path.exists() or path.is_symlink()) and not _same_bytes(path, content):
                output_target(path, ctx.root, False, ctx.lang)  # refused: it differs
    for path, _, content in built:  # every form built before any is written
        write_output(path, content, ctx.lang, force or sending_on)
        sys.stdout.write(f"{path}\n")
    sys.stderr.write(text("form-written", ctx.lang, count=len(built), period=period, folder=str(folder)) + "\n")
    if skipped:
        from dkst.escape import terminal

        names = {u.id: u.name or u.id for u in ds.units}
        shown = "; ".join(terminal(names[u]) for u in skipped)
        sys.stderr.write(text("form-skipped", ctx.lang, count=len(skipped), units=shown, period=period) + "\n")
    if sending is not None:
        from dkst.cli.sending import send_files

        sent = [(unit, path, content) for path, unit, content in built]
        raise typer.Exit(send_files("form", ds, sending, sent, files[0][0].parent, resend, ctx.lang))


def _same_bytes(path: Path, content: bytes) -> bool:
    if path.is_symlink() or not path.is_file():
        return False
    try:
        return path.read_bytes() == content
    except OSError:
        return False
