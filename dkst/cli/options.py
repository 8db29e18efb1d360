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


def period_unknown(value: str, choices: list[str], lang: str) -> str:
    """The one line for a period the plan lacks: the nearest one named where there is one, and the plan's periods."""
    from dkst.periods import nearest_period

    near = nearest_period(value, choices)
    shown = ", ".join(choices) or "—"
    if near is not None:
        return text("period-unknown-near", lang, value=value, near=near, choices=shown)
    return text("unknown-period", lang, value=value, choices=shown)


def date_problem(value: str, option: str, lang: str, year: int | None = None) -> str:
    """The one line for a date an option cannot read: the option, the reason, and examples in ``year`` (the
    dataset's year where known, else this year): ``--issued: ngày không có thật: 31/02/2025``."""
    import calendar
    import re

    try:
        parse_date(value)
    except DateError as exc:
        reason = exc.reason
    else:
        reason = "form"
    shown = value.strip()[:60]
    if reason == "impossible":
        m = re.match(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$|^([0-9]{1,2})[/.\-]([0-9]{1,2})[/.\-]([0-9]{4})$", shown)
        month = year_of = None
        if m:
            month, year_of = (int(m[2]), int(m[1])) if m[1] else (int(m[5]), int(m[6]))
        if month is not None and year_of is not None and 1 <= month <= 12 and year_of >= 1:
            days = calendar.monthrange(year_of, month)[1]
            return text("date-impossible-days", lang, option=option, value=shown, month=month, year=year_of, days=days)
        return text("date-impossible", lang, option=option, value=shown)
    return text("date-unreadable", lang, option=option, value=shown, year=year or today().year)


def resolve_date(value: str | None, lang: str, option: str = "--as-of", year: int | None = None) -> date:
    """The date an option gives (``None``: today), or a one-line error naming the option and the reason."""
    if value is None:
        return today()
    try:
        return parse_date(value)
    except DateError:
        if year is None:
            year = _dataset_year(None)
        fail(date_problem(value, option, lang, year))


def _dataset_year(data: Path | None) -> int | None:
    """The year of the dataset this command line would use, when one is found (for examples in messages)."""
    from dkst.roots import DatasetError, find_root, plan_year

    try:
        return plan_year(find_root(data))
    except DatasetError:
        return None


def resolve(data: Path | None, as_of: str | None, lang: str | None) -> Context:
    """Global options → a :class:`Context`; any problem is a one-line error with exit code 2."""
    from dkst.roots import DatasetError, find_root, plan_year

    chosen = resolve_lang(lang)
    try:
        root = find_root(data)
    except DatasetError:
        if as_of is not None:
            resolve_date(as_of, chosen, "--as-of")  # a bad date first: the clerk just typed it
        raise
    day = resolve_date(as_of, chosen, "--as-of", year=plan_year(root))
    return Context(root, day, chosen)


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


def format_by_suffix(fmt: str | None, output: Path | None, suffixes: dict[str, str], default: str, lang: str) -> str:
    """The format a command writes, judged with its ``--output``'s suffix before any work: without ``--format``,
    the suffix says it (``suffixes``: suffix → format; none at all: ``default``); a suffix that does not fit the
    format (``render --format docx --output x.md``), or one the command cannot write, is a usage error naming
    the suffix to use (docs/format.md, "Commands")."""
    if output is None:
        return fmt or default
    suffix = output.suffix.lower()
    by_suffix = suffixes.get(suffix)
    if fmt is None:
        if not suffix:
            return default
        if by_suffix is None:
            choices = ", ".join(dict.fromkeys(suffixes))
            fail(text("output-suffix-choices", lang, suffix=output.suffix, path=str(output), choices=choices))
        return by_suffix
    if by_suffix != fmt:
        expected = " / ".join(k for k, v in suffixes.items() if v == fmt) or "—"
        fail(text("output-suffix-fits", lang, format=fmt, suffix=output.suffix or "—", expected=expected))
    return fmt


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
    """What every command that shows figures says on standard error (docs/format.md, "Every output tells the same
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
