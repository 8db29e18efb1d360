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
    fail,
    output_target,
    period_unknown,
    protected,
    resolve,
    write_output,
)
from dkst.cli.render import PeriodOpt


def form_folder(root: Path, period: str) -> Path:
    """The default folder of the forms of a period (``dkst remind`` looks there for attachments)."""
    return root / "out" / f"phieu-{period}"


def form(
    period: PeriodOpt,
    units: Annotated[
        list[str] | None, typer.Option("--unit", help="help.form.unit", metavar="UNIT", show_default=False)
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", help="help.form.output", metavar="DIR", show_default=False)
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="help.form.force")] = False,
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
) -> None:
    """Lập phiếu báo cáo Excel gửi các đơn vị: đơn vị điền số liệu, gửi lại, Văn phòng nhập bằng dkst import."""
    from dkst.checks.checker import prepare
    from dkst.i18n import text
    from dkst.load.validation import nearest
    from dkst.sheets.forms.writer import build, form_spec, owing_units

    ctx = resolve(data, as_of, lang)
    folder = output if output is not None else form_folder(ctx.root, period)
    if protected(folder / "x.xlsx", ctx.root):
        fail(text("protected-output", ctx.lang, path=str(folder)))
    ds = prepare(ctx.root).dataset
    if ds.plan is None or ds.index is None:
        fail(text("form-no-plan", ctx.lang))
    periods = ds.index.periods or {}
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
    if not units:
        chosen = owing_units(ds, period)
    if not chosen:
        fail(text("form-none", ctx.lang, period=period), code=1)
    files = [(output_target(folder / f"{unit}-{period}.xlsx", ctx.root, force, ctx.lang), unit) for unit in chosen]
    built = [(path, build(form_spec(ds, unit, period, ctx.as_of))) for path, unit in files]
    for path, content in built:  # every form built before any is written
        write_output(path, content, ctx.lang)
        sys.stdout.write(f"{path}\n")
    sys.stderr.write(text("form-written", ctx.lang, count=len(built), period=period, folder=str(folder)) + "\n")
