"""The ``dkst`` command line: options → one library call → a reporter → an exit code.

Commands beyond ``check`` and ``status`` live in :mod:`dkst.cli`, one module each.
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from typing import Annotated

import typer

from dkst.cli.clihelp import DkstGroup
from dkst.cli.console import use_color
from dkst.cli.options import (
    AsOfOpt,
    DataOpt,
    LangOpt,
    forget_lang,
    is_terminal,
    require_sound,
    resolve,
    resolve_lang,
)

app = typer.Typer(
    name="dkst",
    cls=DkstGroup,
    help="help.dkst",
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


class StatusFormat(StrEnum):
    table = "table"
    text = "text"
    json = "json"


def _version(value: bool) -> None:
    if value:
        from dkst import __version__

        sys.stdout.write(f"dkst {__version__}\n")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="help.dkst.version")
    ] = False,
    lang: LangOpt = None,
) -> None:
    """Theo dõi Phong trào thi đua “Đoàn kết sáng tạo”: kiểm tra, theo dõi, tổng hợp và báo cáo."""
    if lang is not None:  # ``dkst --lang en check``: the commands read it from the context (options.resolve_lang)
        resolve_lang(lang)


@app.command(help="help.check")
def check(
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    fmt: Annotated[CheckFormat, typer.Option("--format", help="help.check.format")] = CheckFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="help.check.strict")] = False,
    no_warnings: Annotated[bool, typer.Option("--no-warnings", help="help.check.no-warnings")] = False,
) -> None:
    """Kiểm tra mọi tệp của bộ dữ liệu và các yêu cầu của kế hoạch; mã thoát 0, 1 (có lỗi) hoặc 2."""
    from dkst.checks import memo
    from dkst.checks.reporters import report

    ctx = resolve(data, as_of, lang)
    color = fmt == CheckFormat.text and use_color()
    probe = memo.lookup(ctx.root, ctx.as_of)  # a small dataset checked before, unchanged: its result, nothing loaded
    result = probe.result if probe is not None else None
    output = None
    if result is not None:
        try:
            output = report(result, fmt.value, ctx.lang, color, errors_only=no_warnings)
        except Exception:  # a memo the reporters cannot read (damaged past its checks): it is checked again
            result = None
    if result is None:
        from dkst.checks.checker import check as run_check

        checked = run_check(ctx.root, ctx.as_of)
        if probe is not None:
            memo.keep(probe, checked)
        result = checked.result
        output = report(result, fmt.value, ctx.lang, color, errors_only=no_warnings)
    sys.stdout.write(output or "")
    raise typer.Exit(result.exit_code(strict))


@app.command(help="help.status")
def status(
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    fmt: Annotated[
        StatusFormat | None,
        typer.Option(
            "--format",
            help="help.status.format",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Bảng tình hình: mỗi đơn vị một dòng, mỗi yêu cầu một cột."""
    from dkst.checks.checker import check as run_check
    from dkst.figures import status as st

    ctx = resolve(data, as_of, lang)
    checked = run_check(ctx.root, ctx.as_of)
    require_sound(checked.result.findings, ctx.lang)
    chosen = fmt or (StatusFormat.table if is_terminal() else StatusFormat.text)
    if chosen == StatusFormat.table:
        st.print_rich(checked, ctx.lang)
    elif chosen == StatusFormat.json:
        sys.stdout.write(st.as_json(checked, ctx.lang))
    else:
        sys.stdout.write(st.as_plain(checked, ctx.lang))


def register_commands() -> None:
    """Add the commands of :mod:`dkst.cli` to ``app``, once, in the order ``dkst --help`` lists them
    (after ``check`` and ``status``, defined above). Their modules import only typer and the options at import
    time, so this costs little; each command imports what it needs when it runs."""
    if _REGISTERED:
        return
    from dkst.cli import aggregate, form, history, importing, init, new, remind, render, rollup, schema

    app.command(help="help.aggregate")(aggregate.aggregate)
    app.command(help="help.render")(render.render)
    app.command(help="help.form")(form.form)
    app.command("import", help="help.import")(importing.import_forms)
    app.command(help="help.init")(init.init)
    app.add_typer(new.new_app, name="new")
    app.command(help="help.remind")(remind.remind)
    app.command(help="help.rollup")(rollup.rollup)
    app.command("schema", help="help.schema")(schema.schema_command)
    app.command(help="help.history")(history.history)
    _REGISTERED.append(True)


#: The commands defined in this module: ``dkst check …`` and ``dkst status …`` run without importing and building the
#: others (about a tenth of ``check``'s start-up on a small dataset, see benchmarks/README.md).
_ONLY_OWN = frozenset({"check", "status"})

#: Set once the commands are added (``main`` may run more than once in a process: tests, scripts).
_REGISTERED: list[bool] = []


def main() -> None:
    """Console entry point: safe streams first, then the commands; exits with the command's code.

    Usage errors are one line in the chosen language (:mod:`dkst.cli.clihelp`). Callable more than once in a
    process: the language is read again from ``sys.argv`` and the environment on every call.
    """
    from dkst.cli.console import setup_streams

    setup_streams()
    # pydantic looks for plugins (the entry points of every installed package) when it builds its first
    # validator: 10–20 ms of a small dataset's check for nothing, since dkst uses none. One set by the user stays.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if not _ONLY_OWN.intersection(sys.argv[1:2]):
        register_commands()
    forget_lang()
    app(prog_name="dkst")


def run() -> None:
    """The ``dkst`` executable and ``python -m dkst``: :func:`main`, then out at once.

    A run over a large dataset keeps millions of objects alive; tearing the interpreter down frees each one
    (0.2–0.3 s at 3,000 units, see benchmarks/README.md) for nothing, since the process ends. Once the command
    has returned (outputs are written whole by then, child processes joined, temporary folders gone), the
    standard streams are flushed and the process leaves with the command's exit code through :func:`os._exit`.
    Anything else (an exception, a stream that cannot be flushed, a profiler or a coverage tracer that
    writes its figures at exit) takes Python's usual way out."""
    try:
        main()
        code: object = 0
    except SystemExit as exc:
        code = exc.code
    if code is None:
        code = 0
    if not isinstance(code, int):  # ``sys.exit("text")``: Python prints it and exits with 1
        sys.stderr.write(f"{code}\n")
        code = 1
    if sys.getprofile() is not None or sys.gettrace() is not None:  # cProfile, coverage: they write at exit
        raise SystemExit(code)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe: let Python say so the usual way
        raise SystemExit(code) from None
    os._exit(code)
