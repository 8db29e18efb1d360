"""``dkst rollup --period P --to DIR``: the period's figures as this dataset's report in the level above's dataset.

Imports typer and :mod:`dkst.cli.options` only; the loader, pandas and :mod:`dkst.scaffold.rollup` load inside the
command.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from dkst.cli.options import AsOfOpt, DataOpt, LangOpt, fail, require_sound, resolve, resolve_date, warn_figures


def rollup(
    period: Annotated[str, typer.Option("--period", help="help.opt.period", metavar="PERIOD", show_default=False)],
    to: Annotated[Path, typer.Option("--to", help="help.rollup.to", metavar="DIR", show_default=False)],
    submitted: Annotated[
        str | None, typer.Option("--submitted", help="help.rollup.submitted", metavar="DATE", show_default=False)
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="help.rollup.force")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="help.rollup.dry-run")] = False,
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
) -> None:
    """Chuyển số liệu một kỳ lên cấp trên: ghi báo cáo và các mô hình của đơn vị vào bộ dữ liệu của tỉnh."""
    from dkst.checks.checker import check as run_check
    from dkst.i18n import text
    from dkst.roots import find_root, plan_year
    from dkst.scaffold.rollup import prepare, write

    ctx = resolve(data, as_of, lang)
    day = resolve_date(submitted, ctx.lang, "--submitted", year=plan_year(ctx.root)) if submitted is not None else None
    city = run_check(ctx.root, ctx.as_of)
    require_sound(city.result.findings, ctx.lang)
    province_root = find_root(to)
    if _same(province_root, ctx.root):
        fail(text("rollup-same-dataset", ctx.lang, path=str(to)))
    province = run_check(province_root, ctx.as_of)
    plan = prepare(city, period, province, day, ctx.lang)
    if plan.figures is not None:
        warn_figures(plan.figures, ctx.lang, provisional=False)
    if plan.left_out:
        sys.stderr.write(f"dkst: {text('rollup-left-out', ctx.lang, ids=', '.join(plan.left_out))}\n")
    if plan.plan_gaps and plan.plan_required:
        keys = ", ".join(plan.plan_gaps)
        sys.stderr.write(f"dkst: {text('rollup-plan-gaps', ctx.lang, keys=keys, unit=plan.unit)}\n")
    if dry_run:
        out = [text("rollup-dry-run", ctx.lang, path=str(province_root))]
        out += [f"  {text('rollup-would-' + f.state, ctx.lang)}: {f.rel}" for f in plan.files]
        out += ["", f"--- {plan.report.rel}", plan.report.content.decode("utf-8")]
        sys.stdout.write("\n".join(out))
        if any(f.state == "changed" for f in plan.files) and not force:
            sys.stdout.flush()
            sys.stderr.write(f"dkst: {text('rollup-dry-run-refused', ctx.lang)}\n")
        return
    try:
        written = write(plan, force)
    except OSError as exc:
        fail(text("write-failed", ctx.lang, path=str(province_root), error=exc.strerror or str(exc)))
    for f in plan.files:
        sys.stdout.write(f"  {text('rollup-' + f.state, ctx.lang)}: {f.rel}\n")
    same = len(plan.files) - len(written)
    key = "rollup-done" if written else "rollup-nothing"
    sys.stdout.write(text(key, ctx.lang, n=len(written) or same, same=same, path=str(province_root)) + "\n")


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False
