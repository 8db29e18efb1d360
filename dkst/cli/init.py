"""``dkst init DIR``: a new dataset from the built-in plan, with a README, .gitignore and pre-commit hook."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from dkst.cli.options import AsOfOpt, DataOpt, LangOpt, fail, os_error_text, resolve_date, resolve_lang
from dkst.i18n import text


def init(
    directory: Annotated[Path | None, typer.Argument(metavar="DIR", help="help.init.dir", show_default=False)] = None,
    sample: Annotated[bool, typer.Option("--sample", help="help.init.sample")] = False,
    year: Annotated[
        str | None, typer.Option("--year", help="help.init.year", metavar="YEAR", show_default=False)
    ] = None,
    templates_only: Annotated[bool, typer.Option("--templates-only", help="help.init.templates-only")] = False,
    last_year: Annotated[
        Path | None, typer.Option("--from", help="help.init.from", metavar="LAST_YEAR_DIR", show_default=False)
    ] = None,
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
) -> None:
    """Tạo bộ dữ liệu mới: plan.yaml, units.yaml theo kế hoạch mẫu, README.md, .gitignore, .pre-commit-config.yaml."""
    from dkst.files import FileExists, create_new
    from dkst.periods import today
    from dkst.scaffold import skeletons as sk

    chosen = resolve_lang(lang)
    directory = directory if directory is not None else data
    if templates_only:
        copy_templates(directory if directory is not None else Path("."), chosen)
        return
    if directory is None:
        fail(text("init-needs-dir", chosen))
    if last_year is not None and (sample or year is not None):
        fail(text("init-from-alone", chosen))
    if last_year is not None:
        _check_empty(directory, chosen)
        _from_last_year(directory, last_year, chosen)
        return
    if year is None:
        number = sk.SAMPLE_YEAR if sample else (resolve_date(as_of, chosen) if as_of else today()).year
    else:
        given = year.strip()
        if not (given.isascii() and given.isdigit() and len(given) == 4 and 2000 <= int(given) <= 2099):
            fail(text("bad-year", chosen, value=year))
        number = int(given)
    if sample and number != sk.SAMPLE_YEAR:
        fail(text("sample-year", chosen, sample=sk.SAMPLE_YEAR, year=number))
    _check_empty(directory, chosen)

    for what in ("templates", *(("sample",) if sample else ())):
        folder = sk.builtin_dir(what)
        if not folder.is_dir():
            fail(text("no-builtin", chosen, what=what, path=str(folder)))
    try:
        files = sk.init_files(number, sample)
    except OSError as exc:
        fail(text("no-builtin", chosen, what="templates", path=exc.filename or str(exc)))
    files.update(_templates(chosen))

    for rel, content in files.items():
        try:
            create_new(directory / rel, content)
        except FileExists:
            fail(text("exists", chosen, path=str(directory / rel)))
        except (OSError, RuntimeError) as exc:
            fail(os_error_text(directory / rel, exc, chosen))

    out = [text("init-done", chosen, year=number, path=str(directory))]
    top = [rel for rel in files if "/" not in rel]
    out += [f"  {directory / rel}" for rel in top]
    out.append(f"  {directory / 'templates'}  " + text("init-templates-note", chosen))
    if sample:
        unit_files = [rel for rel in files if rel.startswith("units/")]
        units = {rel.split("/")[1] for rel in unit_files}
        out.append("  " + text("init-sample", chosen, units=len(units), files=len(unit_files)))
    where = sk.shell_quote(str(directory))
    out += [
        "",
        text("init-next", chosen),
        f'  cd {where} && git init && git add . && git commit -m "Khởi tạo"',
        "  dkst check",
    ]
    typer.echo("\n".join(out))


def _check_empty(directory: Path, lang: str) -> None:
    """A new dataset goes into a new or empty folder: nothing is ever overwritten."""
    problem = None
    try:  # typer.Exit is a RuntimeError: judge here, fail below
        if os.path.lexists(directory):
            if not directory.is_dir():
                problem = text("not-a-folder", lang, path=str(directory))
            elif any(directory.iterdir()):
                problem = text("not-empty", lang, path=str(directory))
    except (OSError, RuntimeError) as exc:
        problem = os_error_text(directory, exc, lang)
    if problem is not None:
        fail(problem)


def _from_last_year(directory: Path, last: Path, lang: str) -> None:
    """``dkst init DIR --from LAST_YEAR_DIR`` (:mod:`dkst.scaffold.next_year`)."""
    from dkst.files import FileExists, create_new
    from dkst.scaffold import skeletons as sk
    from dkst.scaffold.next_year import next_year_files

    def headers(year: int) -> tuple[str, str]:
        return (
            text("init-from-plan-header", lang, year=year, last=str(last)),
            text("init-from-units-header", lang, year=year),
        )

    try:
        number, own = next_year_files(last, directory, headers)
        files = sk.init_files(number)
    except OSError as exc:
        fail(text("no-builtin", lang, what="templates", path=exc.filename or str(exc)))
    files.update(_templates(lang))
    files.update(own)
    for rel, content in files.items():
        try:
            create_new(directory / rel, content)
        except FileExists:
            fail(text("exists", lang, path=str(directory / rel)))
        except OSError as exc:
            fail(f"{directory / rel}: {exc.strerror or exc}")
    out = [text("init-from-done", lang, year=number, path=str(directory), last=str(last))]
    out += [f"  {directory / rel}" for rel in files if "/" not in rel]
    out += ["", text("init-next", lang), f"  cd {sk.shell_quote(str(directory))} && dkst check"]
    typer.echo("\n".join(out))


def _templates(lang: str) -> dict[str, bytes]:
    """The built-in templates to copy (``templates/…`` → bytes); a one-line error if none are installed."""
    from dkst.documents.render import builtin_templates

    found = builtin_templates()
    if not found:
        fail(text("no-builtin", lang, what="templates", path="templates/report.docx"))
    return found


def copy_templates(directory: Path, lang: str) -> None:
    """``dkst init --templates-only``: the built-in templates into an existing dataset's ``templates/``, each
    file only where none exists (a clerk's edited template is never replaced)."""
    from dkst.files import FileExists, create_new

    try:
        is_dataset = (directory / "plan.yaml").is_file()
    except (OSError, RuntimeError) as exc:
        fail(os_error_text(directory, exc, lang))
    if not is_dataset:
        fail(text("init-templates-no-dataset", lang, path=str(directory)))
    written: list[Path] = []
    kept: list[Path] = []
    for rel, content in _templates(lang).items():
        target = directory / rel
        try:
            create_new(target, content)
        except FileExists:
            kept.append(target)
            continue
        except (OSError, RuntimeError) as exc:
            fail(os_error_text(target, exc, lang))
        written.append(target)
    out = [text("init-templates-done", lang, n=len(written), path=str(directory / "templates"))]
    out += [f"  {path}" for path in written]
    if kept:
        out.append(text("init-templates-kept", lang, n=len(kept)))
        out += [f"  {path}" for path in kept]
    out.append(text("init-templates-note", lang))
    typer.echo("\n".join(out))
