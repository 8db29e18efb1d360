"""``dkst aggregate --period P``: the period's figures, a row per unit, subtotals per kind, totals.

Imports typer and :mod:`dkst.cli.options` only; pandas, openpyxl and rich load inside the command.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from dkst.cli.options import (
    AsOfOpt,
    DataOpt,
    ForceOpt,
    LangOpt,
    fail,
    is_terminal,
    output_target,
    require_units,
    resolve,
    warn_figures,
    write_output,
)


class AggregateFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    xlsx = "xlsx"
    md = "md"


#: ``--output`` suffix → format, when ``--format`` is not given; any other suffix is refused.
_BY_SUFFIX = {".csv": "csv", ".json": "json", ".xlsx": "xlsx", ".md": "md", ".txt": "table"}
#: Suffixes of files dkst cannot write, refused even with ``--format`` (a text file named ``.xls`` is a trap).
_FOREIGN = {
    ".xls",
    ".xlsm",
    ".xlsb",
    ".xltx",
    ".ods",
    ".tsv",
    ".doc",
    ".docx",
    ".odt",
    ".pdf",
    ".html",
    ".htm",
    ".xml",
    ".yaml",
    ".yml",
    ".zip",
}


def output_format(fmt: str | None, output: Path | None) -> tuple[str, tuple[str, dict[str, str]] | None]:
    """The format to write, and the catalogue key and values of a refusal: without ``--format``, a suffix
    dkst cannot write (no suffix at all means table); with it, a suffix that belongs to another format."""
    if output is None:
        return fmt or "table", None
    suffix = output.suffix.lower()
    by_suffix = _BY_SUFFIX.get(suffix)
    if (suffix and by_suffix is None and fmt is None) or suffix in _FOREIGN:
        return fmt or "table", ("output-suffix-unknown", {"suffix": output.suffix})
    if fmt is None:
        return by_suffix or "table", None
    if by_suffix is not None and by_suffix != fmt:
        expected = next(k for k, v in _BY_SUFFIX.items() if v == fmt)
        return fmt, ("output-suffix-mismatch", {"format": fmt, "suffix": output.suffix, "expected": expected})
    return fmt, None


def aggregate(
    period: Annotated[str, typer.Option("--period", help="help.opt.period", metavar="PERIOD", show_default=False)],
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    fmt: Annotated[
        AggregateFormat | None, typer.Option("--format", help="help.aggregate.format", show_default=False)
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", help="help.aggregate.output", metavar="FILE", show_default=False)
    ] = None,
    force: ForceOpt = False,
) -> None:
    """Tổng hợp số liệu một kỳ: mỗi đơn vị một dòng, cộng theo loại đơn vị, tổng cộng."""
    from dkst.checks.checker import check as run_check
    from dkst.documents import export
    from dkst.figures.aggregate import aggregate as run_aggregate
    from dkst.i18n import text

    ctx = resolve(data, as_of, lang)
    chosen, refusal = output_format(fmt.value if fmt is not None else None, output)
    if refusal is not None:
        fail(text(refusal[0], ctx.lang, **refusal[1]))
    if chosen == "xlsx" and output is None:
        fail(text("xlsx-needs-output", ctx.lang))
    target = output_target(output, ctx.root, force, ctx.lang) if output is not None else None  # before any work
    checked = run_check(ctx.root, ctx.as_of)
    require_units(checked, ctx.lang)
    agg = run_aggregate(checked, period, ctx.lang)
    if chosen == "table" and output is None and is_terminal():
        export.print_table(agg, ctx.lang)
        warn_figures(agg, ctx.lang)
        return
    content: str | bytes
    if chosen == "table":
        content = export.to_table(agg, ctx.lang)
    elif chosen == "csv":
        content = export.to_csv(agg, ctx.lang)
    elif chosen == "json":
        content = export.to_json(agg)
    elif chosen == "md":
        content = export.to_md(agg, ctx.lang)
    else:
        content = export.to_xlsx(agg, ctx.lang)
    if target is not None:
        write_output(target, content, ctx.lang, force)
        sys.stderr.write(text("written", ctx.lang, path=str(output)) + "\n")  # as render says it
    elif isinstance(content, bytes):
        sys.stdout.flush()
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()
    else:
        sys.stdout.write(content)
    warn_figures(agg, ctx.lang)
