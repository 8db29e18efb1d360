"""What every command shares: the global options, one-line errors, and whole-or-nothing output files."""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from dkst.i18n import LANGS, lang_of, text
from dkst.periods import DateError, parse_date, today

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


@dataclass
class Context:
    """The resolved global options of one command."""

    root: Path
    as_of: date
    lang: str


def fail(message: str, code: int = 2) -> NoReturn:
    """Print a one-line error to stderr and exit."""
    sys.stderr.write(f"dkst: {message}\n")
    raise typer.Exit(code)


def resolve_lang(lang: str | None) -> str:
    """``--lang`` of the command, else the one of this command line (``dkst --lang en check``), else
    ``DKST_LANG``, else Vietnamese."""
    if lang is not None and lang.strip().lower() not in LANGS:
        fail(text("bad-lang", lang_of(None), value=lang))
    if lang is None:
        from dkst.clihelp import current_lang

        return current_lang()
    return lang_of(lang)


def resolve_date(value: str | None, lang: str) -> date:
    if value is None:
        return today()
    try:
        return parse_date(value)
    except DateError:
        fail(text("bad-date", lang, value=value))


def resolve(data: Path | None, as_of: str | None, lang: str | None) -> Context:
    """Global options → a :class:`Context`; any problem is a one-line error with exit code 2."""
    from dkst.dataset import DatasetError, find_root

    chosen = resolve_lang(lang)
    day = resolve_date(as_of, chosen)
    try:
        root = find_root(data)
    except DatasetError as exc:
        fail(text(exc.key, chosen, **exc.params))
    return Context(root, day, chosen)


def protected(path: Path, root: Path) -> bool:
    """Whether ``path`` is a file the user wrote: plan.yaml, units.yaml or anything under units/."""
    try:
        rel = path.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    parts = rel.parts
    return bool(parts) and (parts[0] == "units" or rel.as_posix() in ("plan.yaml", "units.yaml"))


def write_output(path: Path, content: bytes | str, root: Path, lang: str) -> None:
    """Write an output whole or not at all (temporary file, then rename); never over the user's data."""
    if protected(path, root):
        fail(text("protected-output", lang, path=str(path)))
    data = content.encode("utf-8") if isinstance(content, str) else content
    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private; an output is an ordinary file
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        fail(text("write-failed", lang, path=str(path), error=exc.strerror or str(exc)))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def is_terminal(stream: Any = None) -> bool:
    stream = stream or sys.stdout
    return bool(getattr(stream, "isatty", lambda: False)())
