"""The words of the command line: its language, catalogue look-ups, and usage errors told in one line.

The language is read from the command line (``--lang X`` anywhere before ``--``), else ``DKST_LANG``, else
Vietnamese, and kept in the root context's ``meta`` under :data:`LANG_KEY`. :func:`run` runs click with
``standalone_mode=False`` and turns click's exceptions into one line in that language on standard error
(exit 2). :mod:`dkst.cli.clihelp` formats ``--help`` on top of this module.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from difflib import get_close_matches
from typing import Any, NoReturn

from typer import _click
from typer.core import TyperOption
from typer.exceptions import Abort

from dkst.i18n import LANGS, TEXTS, lang_of, text

LANG_KEY = "dkst.lang"

# --------------------------------------------------------------------------- language and catalogue


def lang_from_argv(args: Sequence[str]) -> str:
    """``--lang X`` / ``--lang=X`` on the command line (before ``--``), else ``DKST_LANG``, else ``vi``."""
    value: str | None = None
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            value = args[i + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
    if value is not None and value.strip().lower() in LANGS:
        return value.strip().lower()
    return lang_of(None)


def tr(value: str | None, lang: str) -> str:
    """A catalogue key (``help.…``, ``cli.…``) in ``lang``; any other text as it is."""
    if not value:
        return ""
    entry = TEXTS.get(value)
    return entry[lang] if entry is not None else value


def meta(value: str, lang: str) -> str:
    """A placeholder such as ``DATE`` or ``UNIT`` in ``lang`` (``cli.meta.DATE``), else as written."""
    entry = TEXTS.get(f"cli.meta.{value}")
    return entry[lang] if entry is not None else tr(value, lang)


def ctx_lang(ctx: Any) -> str:
    """The language of this command line (set when parsing began), else the environment's."""
    found = getattr(ctx, "meta", {}).get(LANG_KEY) if ctx is not None else None
    return found if found in LANGS else lang_from_argv(sys.argv[1:])


def current_lang() -> str:
    """The language of the command line being run (``lang_of(None)`` outside one)."""
    ctx = _click.globals.get_current_context(silent=True)
    return ctx_lang(ctx) if ctx is not None else lang_of(None)


def value_range(param: Any) -> str:
    low, high = getattr(param, "min", None), getattr(param, "max", None)
    if low is not None and high is not None:
        return f"{low}–{high}"
    if low is not None:
        return f"≥ {low}"
    if high is not None:
        return f"≤ {high}"
    return ""


# --------------------------------------------------------------------------- usage errors


class DkstUsageError(_click.exceptions.UsageError):
    """A usage error of dkst's own, told by catalogue key and parameters."""

    def __init__(self, key: str, ctx: Any = None, **params: Any) -> None:
        super().__init__(key, ctx)
        self.key = key
        self.params = params


def _option_name(param: Any) -> str:
    if isinstance(param, TyperOption) and param.opts:
        return sorted(param.opts, key=len)[-1]
    return str(param.metavar or param.name or "").upper() if param is not None else ""


def _shown_name(param: Any, lang: str) -> str:
    if isinstance(param, TyperOption):
        return _option_name(param)
    return meta(param.metavar or str(param.name).upper(), lang) if param is not None else ""


def _input(exc: BaseException) -> Any:
    """The value a parameter refused, from the pydantic error typer raised it from."""
    cause = exc.__cause__
    errors = getattr(cause, "errors", None)
    if callable(errors):
        try:
            found = errors()
            if found:
                return found[0].get("input")
        except Exception:
            return None
    return None


def _choices(param: Any) -> list[str]:
    desc = getattr(param, "type_descriptor", None)
    if desc is None or not desc.is_choice:
        return []
    return [str(getattr(c, "value", c)) for c in desc.choices or ()]


def _find_option(ctx: Any, name: str) -> Any:
    if ctx is None:
        return None
    for param in ctx.command.get_params(ctx):
        if name in getattr(param, "opts", ()) or name in getattr(param, "secondary_opts", ()):
            return param
    return None


def describe(exc: _click.exceptions.ClickException, lang: str) -> str:
    """One line, in ``lang``, saying what is wrong with the command line."""
    exceptions = _click.exceptions
    ctx = getattr(exc, "ctx", None)
    if isinstance(exc, DkstUsageError):
        return text(exc.key, lang, **exc.params)
    if isinstance(exc, exceptions.MissingParameter):
        param = exc.param
        choices = _choices(param)
        tail = text("cli.err.choose", lang, choices=", ".join(choices)) if choices else ""
        key = "cli.err.missing-option" if isinstance(param, TyperOption) else "cli.err.missing-argument"
        return text(key, lang, name=_shown_name(param, lang)) + tail
    if isinstance(exc, exceptions.BadParameter):
        param = exc.param
        value = _input(exc)
        shown = "" if value is None else str(value)
        name = _shown_name(param, lang)
        choices = _choices(param)
        if choices:
            near = get_close_matches(shown, choices, n=1)
            suggest = text("did-you-mean", lang, x=near[0]) if near else ""
            return text("cli.err.bad-choice", lang, value=shown, name=name, choices=", ".join(choices), suggest=suggest)
        desc = getattr(param, "type_descriptor", None)
        if desc is not None and desc.annotation is int:
            span = value_range(param)
            if span:
                return text("cli.err.range", lang, name=name, range=span, value=shown)
            return text("cli.err.integer", lang, name=name, value=shown)
        return text("cli.err.bad-value", lang, name=name, value=shown)
    if isinstance(exc, exceptions.NoSuchOption):
        near = sorted(exc.possibilities or ())
        suggest = text("did-you-mean", lang, x=near[0]) if near else ""
        return text("cli.err.no-such-option", lang, name=exc.option_name, suggest=suggest)
    if isinstance(exc, exceptions.BadOptionUsage):
        param = _find_option(ctx, exc.option_name)
        if param is not None and getattr(param, "is_flag", False):
            return text("cli.err.takes-no-value", lang, name=exc.option_name)
        return text("cli.err.needs-value", lang, name=exc.option_name)
    if isinstance(exc, exceptions.FileError):
        return text("cli.err.file", lang, path=exc.ui_filename)
    if isinstance(exc, exceptions.UsageError):
        return text("cli.err.usage", lang)
    return text("cli.err.other", lang)


def show_error(exc: _click.exceptions.ClickException, lang: str) -> None:
    """Print the one-line error (with where to look for help) on standard error."""
    ctx = getattr(exc, "ctx", None)
    line = describe(exc, lang)
    if ctx is not None and isinstance(exc, _click.exceptions.UsageError):
        line += text("cli.err.see-help", lang, command=ctx.command_path)
    sys.stdout.flush()
    sys.stderr.write(f"dkst: {line}\n")
    sys.stderr.flush()


def run(call: Any, argv: list[str]) -> NoReturn:
    """Run a click command non-standalone; exit with its code, a usage error being one line and code 2."""
    exceptions = _click.exceptions
    lang = lang_from_argv(argv)
    try:
        result = call()
    except exceptions.NoArgsIsHelpError as exc:
        sys.stderr.write(exc.format_message() + "\n")
        sys.exit(exc.exit_code)
    except exceptions.ClickException as exc:
        show_error(exc, ctx_lang(getattr(exc, "ctx", None)) if getattr(exc, "ctx", None) else lang)
        sys.exit(exc.exit_code)
    except Abort:
        sys.stderr.write(f"dkst: {text('cli.aborted', lang)}\n")
        sys.exit(1)
    sys.exit(result if isinstance(result, int) else 0)


__all__ = [
    "LANG_KEY",
    "DkstUsageError",
    "ctx_lang",
    "current_lang",
    "describe",
    "lang_from_argv",
    "meta",
    "run",
    "show_error",
    "tr",
    "value_range",
]
