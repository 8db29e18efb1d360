"""``--help`` in the chosen language, through typer's own hooks.

typer 0.29 vendors click (``typer._click``) with its words as literals ("Usage: ", "Error: ", "Missing option")
and runs a dozen more through ``gettext`` of the global domain; neither can be switched per call. So dkst
passes its own command and group classes (``cls=``, :class:`DkstGroup` and :class:`DkstCommand`) that format
usage, help and the parameter table from the catalogue (:data:`dkst.i18n.TEXTS`), and run click through
:func:`dkst.cli.usage.run`, which turns click's exceptions into one line in the chosen language (exit 2).

The language (:mod:`dkst.cli.usage`) is read when parsing starts and kept in the root context's ``meta``: help is
formatted while parsing (``--help`` is eager), before the ``--lang`` option has a value. Nothing is kept
between two calls.

A help text, a command's help or a ``metavar`` may be a catalogue key (``help.check.format``, ``DATE``):
it is looked up at format time in the chosen language; any other string is shown as written.
"""

from __future__ import annotations

import inspect
import re
import shutil
import sys
from collections.abc import Sequence
from difflib import get_close_matches
from typing import Any

import typer
from typer import _click
from typer._click.formatting import HelpFormatter, join_options
from typer._click.utils import make_default_short_help
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from dkst.cli.coercion import install
from dkst.cli.usage import (
    LANG_KEY,
    DkstUsageError,
    ctx_lang,
    current_lang,
    describe,
    lang_from_argv,
    meta,
    run,
    show_error,
    tr,
    value_range,
)
from dkst.findings import KeyedError
from dkst.i18n import text

#: The short name of each option a clerk types many times a day (docs/format.md, "Commands"): given to every command
#: that has the long option, unless the command uses the short name for something else.
SHORT_NAMES = {"--data": "-d", "--period": "-p", "--format": "-f", "--output": "-o"}
#: A bare word that may be a period id (``H1``, ``y``): ``dkst aggregate H1`` is read as ``--period H1``.
PERIOD_WORD = re.compile(r"^[A-Za-z][A-Za-z0-9]{0,15}$")

#: Help of the options typer adds itself, by parameter name.
BUILTIN_HELP = {
    "help": "cli.help-option",
    "install_completion": "cli.install-completion",
    "show_completion": "cli.show-completion",
}


DATA_KEY = "dkst.data"


def data_from_argv(args: Sequence[str]) -> str | None:
    """``--data DIR`` / ``-d DIR`` / ``--data=DIR`` on the command line (before ``--``), else None."""
    found: str | None = None
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg in ("--data", "-d") and i + 1 < len(args):
            found = args[i + 1]
        elif arg.startswith("--data="):
            found = arg.split("=", 1)[1]
    return found


def help_year(ctx: Any) -> int:
    """The year the examples of ``--help`` use: the dataset's (``--data``, ``DKST_DATA``, the nearest
    ``plan.yaml``), else this year."""
    from dkst.periods import today
    from dkst.roots import DatasetError, find_root, plan_year

    meta_ = getattr(ctx, "meta", None)
    if meta_ is not None and "dkst.year" in meta_:
        return int(meta_["dkst.year"])
    try:
        year = plan_year(find_root(meta_.get(DATA_KEY) if meta_ is not None else None))
    except DatasetError:
        year = None
    year = year or today().year
    if meta_ is not None:
        meta_["dkst.year"] = year
    return year


def with_year(value: str, ctx: Any) -> str:
    """A help text with its example dates in the dataset's year (``{year}`` in the catalogue)."""
    return value.replace("{year}", str(help_year(ctx))) if "{year}" in value else value


def _width() -> int:
    """Click's width: the terminal's (or ``COLUMNS``) up to 80, less 2, at least 50."""
    return max(min(shutil.get_terminal_size().columns, 80) - 2, 50)


# --------------------------------------------------------------------------- parameters


def metavar(param: Any, ctx: Any, lang: str) -> str:
    """The placeholder of a parameter's value: its ``metavar``, its choices, or its type, in ``lang``."""
    if param.metavar:
        return meta(param.metavar, lang)
    desc = getattr(param, "type_descriptor", None)
    if desc is None:
        return meta("TEXT", lang)
    if desc.is_choice:
        return "[" + "|".join(str(getattr(c, "value", c)) for c in desc.choices or ()) + "]"
    if desc.is_path:
        return meta("PATH", lang)
    annotation = desc.annotation
    if annotation is int:
        return meta("INTEGER", lang)
    if annotation is float:
        return meta("NUMBER", lang)
    if desc.is_datetime:
        return meta("DATE", lang)
    return meta("TEXT", lang)


def _default(param: Any, ctx: Any) -> str:
    show = getattr(param, "show_default", False)
    if isinstance(show, str):
        return show
    if not (show or ctx.show_default):
        return ""
    try:
        value = param._extract_default_help_str(ctx=ctx)
        if value is None:
            return ""
        return str(param._get_default_string(ctx=ctx, show_default_is_str=False, default_value=value))
    except Exception:  # a default typer cannot show is not worth a traceback in --help
        return ""


def help_record(param: Any, ctx: Any, lang: str) -> tuple[str, str] | None:
    """(name column, help column) of one parameter in ``lang``; None when hidden."""
    if getattr(param, "hidden", False):
        return None
    if isinstance(param, TyperOption):
        names = [join_options(param.opts)[0]]
        if param.secondary_opts:
            names.append(join_options(param.secondary_opts)[0])
        name = " / ".join(names)
        if not param.is_flag and not param.count:
            name += " " + metavar(param, ctx, lang)
    else:
        name = metavar(param, ctx, lang) if param.metavar else meta(str(param.name).upper(), lang)
    help_text = with_year(
        tr(BUILTIN_HELP.get(str(param.name)) if param.name in BUILTIN_HELP else param.help, lang), ctx
    )
    extra = []
    default = _default(param, ctx)
    if default:
        extra.append(text("cli.default", lang, value=default))
    span = value_range(param)
    if span:
        extra.append(span)
    if param.required:
        extra.append(text("cli.required", lang))
    if extra:
        joined = "[" + "; ".join(extra) + "]"
        help_text = f"{help_text}  {joined}" if help_text else joined
    return name, help_text


def _usage_piece(param: Any, lang: str) -> list[str]:
    if not isinstance(param, TyperArgument):
        return []
    name = meta(param.metavar or str(param.name).upper(), lang)
    if param.nargs != 1:
        name += "..."
    return [name if param.required else f"[{name}]"]


def command_help(cmd: Any, lang: str) -> str:
    """The full help text of a command (or group) in ``lang``, up to a form feed."""
    raw = tr(cmd.help, lang) if cmd.help else ""
    return inspect.cleandoc(raw).partition("\f")[0] if raw else ""


def short_help(cmd: Any, lang: str, limit: int = 45) -> str:
    """The one-line help of a command in ``lang``: its short help, else its help's first sentence."""
    if cmd.short_help:
        return inspect.cleandoc(tr(cmd.short_help, lang)).strip()
    full = command_help(cmd, lang)
    return make_default_short_help(full, limit).strip() if full else ""


# --------------------------------------------------------------------------- command classes


def add_short_names(params: list[Any]) -> None:
    """Give the options of :data:`SHORT_NAMES` their short name (``--period`` → also ``-p``), once, where the
    command does not use that short name already."""
    taken = {name for p in params for name in (*getattr(p, "opts", ()), *getattr(p, "secondary_opts", ()))}
    for param in params:
        if not isinstance(param, TyperOption):
            continue
        for long, short in SHORT_NAMES.items():
            if long in param.opts and short not in taken:
                param.opts.append(short)
                taken.add(short)


def _period_option(cmd: Any) -> Any:
    """The ``--period`` option of a command that takes no argument, else None."""
    if isinstance(cmd, TyperGroup) or any(isinstance(p, TyperArgument) for p in cmd.params):
        return None
    return next((p for p in cmd.params if isinstance(p, TyperOption) and "--period" in p.opts), None)


def period_as_argument(cmd: Any, ctx: Any, args: list[str]) -> list[str]:
    """``dkst aggregate H1`` read as ``dkst aggregate --period H1``: where a command has ``--period`` and no
    argument, the period was not given as an option, and exactly one bare word is left that looks like a period
    id. ``new report UNIT PERIOD`` takes it so; a clerk types it so everywhere. Anything else: ``args`` as given
    (click then says what is wrong)."""
    option = _period_option(cmd)
    if option is None or ctx.resilient_parsing:
        return args
    try:
        parser = cmd.make_parser(ctx)
        opts, rest, _order = parser.parse_args(args=list(args))
    except _click.exceptions.ClickException:
        return args
    if opts.get(option.name) is not None or len(rest) != 1 or not PERIOD_WORD.match(rest[0]):
        return args
    takes_value = {
        name
        for table in (parser._long_opt, parser._short_opt)  # click's parser has no public table of its options
        for name, opt in table.items()
        if opt.takes_value
    }
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            break
        if arg in takes_value:
            i += 2
            continue
        if arg == rest[0]:
            return [*args[:i], "--period", arg, *args[i + 1 :]]
        i += 1
    return args


def upper_period(ctx: Any) -> None:
    """A period id is upper case (``^[A-Z][A-Z0-9]*$``): ``h1`` typed is ``H1`` (docs/format.md, "Commands")."""
    value = ctx.params.get("period")
    if isinstance(value, str) and value.isascii():
        ctx.params["period"] = value.upper()


class _Localized:
    """What :class:`DkstCommand` and :class:`DkstGroup` share: parsing that notes the language, help in it,
    the short option names, and the period typed in any case (or as a bare word)."""

    def get_params(self, ctx: Any) -> list[Any]:
        add_short_names(self.params)  # type: ignore[attr-defined]
        params: list[Any] = super().get_params(ctx)  # type: ignore[misc]
        return params

    def get_help_option_names(self, ctx: Any) -> list[str]:
        names = set(ctx.help_option_names) | {"-h", "--help"}
        for param in self.params:  # type: ignore[attr-defined]
            names.difference_update(param.opts)
            names.difference_update(param.secondary_opts)
        return sorted(names, key=len)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        install(self.get_params(ctx))  # plain options (and --help) coerced without pydantic
        ctx.meta.setdefault(LANG_KEY, lang_from_argv(args))
        ctx.meta.setdefault(DATA_KEY, data_from_argv(args))
        args = period_as_argument(self, ctx, args)
        allow = ctx.allow_extra_args
        ctx.allow_extra_args = True
        try:
            rest: list[str] = super().parse_args(ctx, args)  # type: ignore[misc]
        except _click.exceptions.UsageError as exc:
            if exc.ctx is None:  # the option parser raises without one; the message needs the command
                exc.ctx, exc.cmd = ctx, ctx.command
            raise
        finally:
            ctx.allow_extra_args = allow
        if rest and not allow and not ctx.resilient_parsing:
            raise DkstUsageError("cli.err.extra-args", ctx, args=" ".join(rest))
        upper_period(ctx)
        return rest

    def get_help(self, ctx: Any) -> str:
        formatter = HelpFormatter(width=_width())
        self.format_help(ctx, formatter)
        return formatter.getvalue().rstrip("\n")

    def format_help(self, ctx: Any, formatter: HelpFormatter) -> None:
        lang = ctx_lang(ctx)
        self.format_usage(ctx, formatter)
        body = with_year(command_help(self, lang), ctx)
        if body:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(body)
        self.format_options(ctx, formatter)
        if getattr(self, "epilog", None):
            formatter.write_paragraph()
            with formatter.indentation():
                epilog = inspect.cleandoc(tr(self.epilog, lang))  # type: ignore[attr-defined]
                formatter.write_text(with_year(epilog, ctx))

    def format_usage(self, ctx: Any, formatter: HelpFormatter) -> None:
        lang = ctx_lang(ctx)
        pieces = [text("cli.options-metavar", lang)] if getattr(self, "options_metavar", None) else []
        for param in self.get_params(ctx):
            pieces += _usage_piece(param, lang)
        if isinstance(self, TyperGroup):
            pieces.append(text("cli.command-metavar", lang))
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=text("cli.usage", lang) + ": ")

    def format_options(self, ctx: Any, formatter: HelpFormatter) -> None:
        lang = ctx_lang(ctx)
        args: list[tuple[str, str]] = []
        opts: list[tuple[str, str]] = []
        for param in self.get_params(ctx):
            record = help_record(param, ctx, lang)
            if record is not None:
                (opts if isinstance(param, TyperOption) else args).append(record)
        if args:
            with formatter.section(text("cli.arguments", lang)):
                formatter.write_dl(args)
        if opts:
            with formatter.section(text("cli.options", lang)):
                formatter.write_dl(opts)
        if isinstance(self, TyperGroup):
            self._format_commands(ctx, formatter, lang)  # type: ignore[attr-defined]

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)  # type: ignore[misc]
        run(
            lambda: super(_Localized, self).main(  # type: ignore[misc]
                args, prog_name, complete_var, standalone_mode=False, **extra
            ),
            list(sys.argv[1:] if args is None else args),
        )


class DkstCommand(_Localized, TyperCommand):  # type: ignore[misc]  # main: click's overloads, one body
    """A typer command whose help and usage errors are in the chosen language."""


class DkstGroup(_Localized, TyperGroup):  # type: ignore[misc]  # main: click's overloads, one body
    """A typer group whose help, usage errors and sub-commands are in the chosen language.

    Sub-commands declared without ``cls=`` (plain :class:`TyperCommand` / :class:`TyperGroup`) become
    :class:`DkstCommand` / :class:`DkstGroup` here, so a new command is translated without extra code.
    """

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        _adopt(self)

    def _format_commands(self, ctx: Any, formatter: HelpFormatter, lang: str) -> None:
        rows = []
        commands = [(n, self.get_command(ctx, n)) for n in self.list_commands(ctx)]
        shown = [(n, c) for n, c in commands if c is not None and not c.hidden]
        if not shown:
            return
        for name, cmd in shown:  # the whole first sentence, wrapped by the formatter: never cut with "…"
            rows.append((name, with_year(short_help(cmd, lang, limit=10_000), ctx)))
        with formatter.section(text("cli.commands", lang)):
            formatter.write_dl(rows)

    def resolve_command(self, ctx: Any, args: list[str]) -> tuple[str | None, Any, list[str]]:
        name = args[0]
        cmd = self.get_command(ctx, name)
        if cmd is None and not ctx.resilient_parsing:
            if name.startswith("-"):
                self.parse_args(ctx, args)  # an unknown option: NoSuchOption, as click says it
            names = [n for n in self.list_commands(ctx) if not getattr(self.commands[n], "hidden", False)]
            near = get_close_matches(name, names, n=1)
            suggest = text("did-you-mean", ctx_lang(ctx), x=near[0]) if near else ""
            raise DkstUsageError("cli.err.unknown-command", ctx, name=name, suggest=suggest, choices=", ".join(names))
        return (name if cmd else None), cmd, args[1:]

    def invoke(self, ctx: Any) -> Any:
        """Run the command; a :class:`~dkst.findings.KeyedError` that leaves it is said here, the one place:
        ``dkst: <one line in the command's language>``, exit code 2."""
        if not ctx._protected_args and not self.invoke_without_command:
            names = [n for n in self.list_commands(ctx) if not getattr(self.commands[n], "hidden", False)]
            raise DkstUsageError("cli.err.missing-command", ctx, choices=", ".join(names))
        try:
            return super().invoke(ctx)
        except KeyedError as exc:
            from dkst.cli.options import error_line

            sys.stderr.write(f"dkst: {error_line(exc)}\n")
            raise typer.Exit(2) from None


def _adopt(group: TyperGroup) -> None:
    """Give every plain typer sub-command of ``group`` dkst's class (same state, in a new object)."""
    for name, cmd in list(group.commands.items()):
        kinds: dict[type, type[TyperCommand] | type[TyperGroup]] = {TyperCommand: DkstCommand, TyperGroup: DkstGroup}
        kind = kinds.get(type(cmd))
        if kind is None:
            continue
        adopted = kind.__new__(kind)
        adopted.__dict__.update(cmd.__dict__)
        group.commands[name] = adopted
        if isinstance(adopted, DkstGroup):
            _adopt(adopted)


__all__ = [
    "BUILTIN_HELP",
    "LANG_KEY",
    "PERIOD_WORD",
    "SHORT_NAMES",
    "DkstCommand",
    "DkstGroup",
    "DkstUsageError",
    "add_short_names",
    "command_help",
    "ctx_lang",
    "current_lang",
    "describe",
    "help_record",
    "lang_from_argv",
    "meta",
    "metavar",
    "period_as_argument",
    "run",
    "short_help",
    "show_error",
    "tr",
    "upper_period",
]
