"""What every command shares: the global options, one-line errors, and whole-or-nothing output files."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from dkst.findings import KeyedError
from dkst.i18n import LANGS, lang_of, text
from dkst.periods import DateError, parse_date, today

if TYPE_CHECKING:
    from collections.abc import Iterable

    from dkst.checks.checker import Checked
    from dkst.figures.aggregate import Aggregate
    from dkst.findings import Finding

#: ``--period P`` (render, form, remind, aggregate …).
PeriodOpt = Annotated[str, typer.Option("--period", help="help.opt.period", metavar="PERIOD", show_default=False)]
#: ``--template-dir DIR`` (render, remind).
TemplateDirOpt = Annotated[
    Path | None, typer.Option("--template-dir", help="help.opt.template-dir", metavar="DIR", show_default=False)
]


def form_folder(root: Path, period: str) -> Path:
    """The default folder of the forms of a period (``dkst form`` writes there, ``dkst remind`` looks there for
    attachments)."""
    return root / "out" / f"phieu-{period}"


DataOpt = Annotated[
    Path | None,
    typer.Option("--data", help="help.opt.data", metavar="DIR", show_default=False),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option("--as-of", help="help.opt.as-of", metavar="DATE", show_default=False),
]
LangOpt = Annotated[
    str | None,
    typer.Option("--lang", help="help.opt.lang", metavar="LANG", show_default=False),
]
ForceOpt = Annotated[bool, typer.Option("--force", help="help.opt.force")]


@dataclass
class Context:
    """The resolved global options of one command."""

    root: Path
    as_of: date
    lang: str


def fail(message: str, code: int = 2) -> NoReturn:
    """Print a one-line error to stderr and exit (control characters from data shown, never sent raw)."""
    from dkst.escape import terminal

    sys.stderr.write(f"dkst: {terminal(message)}\n")
    raise typer.Exit(code)


def resolve_lang(lang: str | None) -> str:
    """``--lang`` of the command, else the one of this command line (``dkst --lang en check``), else
    ``DKST_LANG``, else Vietnamese. Remembered for :func:`error_line`."""
    if lang is not None and lang.strip().lower() not in LANGS:
        fail(text("bad-lang", lang_of(None), value=lang))
    if lang is None:
        from dkst.cli.usage import current_lang

        chosen = current_lang()
    else:
        chosen = lang_of(lang)
    _LANG[:] = [chosen]
    return chosen


#: The language of the command being run, once :func:`resolve_lang` chose it (emptied by ``main`` first).
_LANG: list[str] = []


def forget_lang() -> None:
    """A new command line: no language chosen yet."""
    _LANG.clear()


def error_line(exc: KeyedError) -> str:
    """A keyed error as the one line ``dkst`` prints for it, in the command's language (control characters
    from data shown, never sent raw)."""
    from dkst.cli.usage import current_lang
    from dkst.escape import terminal

    return terminal(refusal_text(exc.key, exc.params, _LANG[0] if _LANG else current_lang()))


def resolve_date(value: str | None, lang: str) -> date:
    if value is None:
        return today()
    try:
        return parse_date(value)
    except DateError:
        fail(text("bad-date", lang, value=value))


def resolve(data: Path | None, as_of: str | None, lang: str | None) -> Context:
    """Global options → a :class:`Context`; any problem is a one-line error with exit code 2."""
    from dkst.roots import find_root

    chosen = resolve_lang(lang)
    day = resolve_date(as_of, chosen)
    return Context(find_root(data), day, chosen)


def protected(path: Path, root: Path) -> bool:
    """Whether ``path`` may never be an output: the dataset's plan.yaml, units.yaml, units/, templates/, or
    anything in a ``.git`` folder (see :func:`dkst.files.check_output`)."""
    from dkst.files import OutputRefused, check_output

    try:
        check_output(path, root, force=True)
    except OutputRefused as exc:
        return exc.key in ("output-git", "output-protected")
    return False


def output_target(path: Path, root: Path, force: bool, lang: str) -> Path:
    """Judge an output file before any work (docs/format.md's paragraph on outputs): the path to write, or a
    one-line error with exit code 2."""
    from dkst.files import check_output

    return check_output(path, root, force)


def refusal_text(key: str, params: dict[str, Any], lang: str) -> str:
    """The one line of a refusal whose ``params`` may carry ``reason`` (an ``fs-…`` key of
    :func:`dkst.files.os_reason`) and ``error`` (the system's words): the reason in the chosen language."""
    if "reason" in params:
        params = {**params, "reason": os_words(params["reason"], str(params.get("error", "")), lang)}
    return text(key, lang, **params)


def os_words(reason: str, error: str, lang: str) -> str:
    """Why the file system refused, in the chosen language (the system's own words only when unknown)."""
    return text(reason, lang, error=error) if reason != "fs-other" else text("fs-other", lang, error=error)


def os_error_text(path: Path | str, exc: BaseException, lang: str) -> str:
    """``Không ghi được PATH: <why>``: one line for any error of the file system on ``path``."""
    from dkst.files import os_reason

    error = (getattr(exc, "strerror", None) or str(exc)).split("\n")[0][:200]
    return text("write-failed", lang, path=str(path), error=os_words(os_reason(exc), error, lang))


def write_output(path: Path, content: bytes | str, lang: str, force: bool = False) -> None:
    """Write an output judged by :func:`output_target` whole or not at all; a failure is a one-line error.

    Without ``force`` the file is created exclusively: of two commands racing to write the same new output,
    the second is refused (``output-exists``, naming ``--force``) even though both judged it new at start."""
    from dkst.files import FileExists, create_new

    try:
        create_new(path, content, force=force)
    except FileExists:
        fail(text("output-exists", lang, path=str(path)))
    except (OSError, RuntimeError) as exc:
        fail(os_error_text(path, exc, lang))


def template_folder(folder: Path | None, lang: str) -> Path | None:
    """``--template-dir`` as given, or a one-line error (exit 2) when it is not an existing folder."""
    if folder is not None and not folder.is_dir():
        fail(text("template-dir-missing", lang, path=str(folder)))
    return folder


def require_sound(findings: Iterable[Finding], lang: str) -> None:
    """Refuse (one line, exit 1) when ``plan.yaml`` or ``units.yaml`` has an error finding: the file, line and
    message of the first one and how many there are. Every command that computes figures calls this one gate
    (:func:`dkst.checks.checker.blocking`); no figure past such an error can be trusted."""
    from dkst.checks.checker import blocking

    errors = blocking(findings)
    if not errors:
        return
    first = errors[0]
    where = first.path if first.line is None else f"{first.path}:{first.line}"
    message = " ".join(first.message(lang).split())
    fail(text("figures-blocked", lang, where=where, message=message, n=len(errors)), code=1)


def warn_figures(agg: Aggregate, lang: str, provisional: bool = True) -> None:
    """What every command that shows figures says on standard error (FORMAT.md, "Every output tells the same
    truth"): one line per left-out report, then, when asked and only when some owing unit's report is not yet
    due, that the figures are provisional."""
    from dkst.escape import terminal
    from dkst.figures.aggregate import left_out_warnings, provisional_warning

    lines = left_out_warnings(agg, lang)
    if provisional:
        lines += [w for w in [provisional_warning(agg, lang)] if w]
    if lines:
        sys.stdout.flush()
        sys.stderr.write("".join(f"dkst: {terminal(line)}\n" for line in lines))


def require_units(checked: Checked, lang: str) -> None:
    """Refuse (one line, exit 2) a dataset whose units.yaml gives no usable unit: absent, unreadable, or
    with errors that leave no unit. An official report of no unit would look complete and be empty.
    A broken plan.yaml or units.yaml is refused first, with exit code 1 (:func:`require_sound`)."""
    require_sound(checked.result.findings, lang)
    if not checked.dataset.units:
        fail(text("units-unusable", lang))


def is_terminal(stream: Any = None) -> bool:
    stream = stream or sys.stdout
    return bool(getattr(stream, "isatty", lambda: False)())
