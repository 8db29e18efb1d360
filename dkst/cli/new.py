"""``dkst new report|model|unit-plan|narrative``: a new file of the dataset from a commented skeleton."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from dkst.cli.options import AsOfOpt, DataOpt, LangOpt, date_problem, fail, period_unknown, resolve
from dkst.i18n import text

if TYPE_CHECKING:
    from dkst.load.catalogue import Catalogue

new_app = typer.Typer(
    name="new",
    help="help.new",
    no_args_is_help=True,
    rich_markup_mode=None,
)


@new_app.callback()
def _new(lang: LangOpt = None) -> None:  # ``dkst new --lang en --help``: --lang is accepted everywhere
    if lang is not None:
        from dkst.cli.options import resolve_lang

        resolve_lang(lang)


# ---------------------------------------------------------------- shell completion


def _root_of(ctx: typer.Context) -> Path | None:
    from dkst.cli.completion import quick_root

    return quick_root(ctx.params.get("data"))


def complete_unit(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Unit ids of ``units.yaml``, with their short names."""
    from dkst.cli.completion import quick_ids

    try:
        root = _root_of(ctx)
        found = quick_ids(root, "units") if root is not None else []
        return [(uid, label) for uid, label in found if uid.startswith(incomplete)]
    except Exception:
        return []


def complete_period(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Period ids of ``plan.yaml``, with their names."""
    from dkst.cli.completion import quick_ids

    try:
        root = _root_of(ctx)
        found = quick_ids(root, "periods") if root is not None else []
        return [(pid, label) for pid, label in found if pid.upper().startswith(incomplete.upper())]
    except Exception:
        return []


def complete_status(incomplete: str) -> list[tuple[str, str]]:
    from dkst.load.schema import ModelStatus

    choices = list(ModelStatus.vietnamese().items())
    return [c for c in choices if c[0].startswith(incomplete) or c[1].startswith(incomplete)]


UnitArg = Annotated[
    str, typer.Argument(metavar="UNIT", help="help.new.unit", autocompletion=complete_unit, show_default=False)
]
ForceOpt = Annotated[bool, typer.Option("--force", help="help.opt.force")]


# ---------------------------------------------------------------- shared steps


def _catalogue(data: Path | None, lang: str | None) -> tuple[Catalogue, str]:
    from dkst.load.catalogue import read_catalogue

    ctx = resolve(data, None, lang)
    return read_catalogue(ctx.root), ctx.lang


def _unit(cat: Catalogue, unit_id: str, lang: str) -> None:
    from dkst.load.validation import nearest

    if not cat.units:
        fail(text("no-units", lang))
    if unit_id not in cat.units:
        guess = nearest(unit_id, list(cat.units))
        suggest = text("did-you-mean", lang, x=guess) if guess else ""
        fail(text("unknown-unit", lang, value=unit_id, suggest=suggest, choices=", ".join(cat.units)))


def _date(value: str | None, what: str, lang: str, future_ok: bool = False, year: int | None = None) -> date | None:
    from dkst.periods import DateError, parse_date, today, vn_date

    if value is None:
        return None
    try:
        day = parse_date(value)
    except DateError:
        option = what if what.startswith("-") else f"--{what}"
        fail(date_problem(value, option, lang, year))
    if not future_ok and day > today():
        fail(text("future", lang, value=vn_date(day), what=what, today=vn_date(today())))
    return day


def model_id_problem(model: str, lang: str) -> str:
    """Why ``check`` would refuse ``model`` as a model id (the file name), in one line with the id to use; "" when
    it would not. ``new`` refuses before creating anything (docs/format.md, "Commands")."""
    from dkst.load.catalogue import SLUG, WINDOWS_RESERVED
    from dkst.scaffold.yamlwrite import slugify

    slug = slugify(model)
    if slug in WINDOWS_RESERVED:
        slug = f"mo-hinh-{slug}"
    if SLUG.match(model):
        if model in WINDOWS_RESERVED:
            return text("new-id-windows", lang, value=model, example=slug)
        return ""
    if not model.isascii() and slug:
        return text("new-id-ascii", lang, value=model, example=slug)
    return text("bad-model-id", lang, value=model, example=slug or "khu-pho-chuyen-doi-so")


def _text(value: str, what: str, lang: str) -> str:
    from dkst.scaffold.yamlwrite import normalise_text

    try:
        cleaned = normalise_text(value)
    except ValueError:
        fail(text("bad-text", lang, what=what))
    if not cleaned:
        fail(text("empty-text", lang, what=what))
    return cleaned


def _write(cat: Catalogue, rel: str, content: str, force: bool, lang: str, hint: str) -> None:
    import sys

    from dkst.files import FileExists, create_new
    from dkst.scaffold.skeletons import symlinked_folder

    path = cat.root / rel
    linked = symlinked_folder(cat.root, str(Path(rel).parent))
    if linked is not None:
        fail(text("symlink-folder", lang, path=str(linked)))
    try:
        create_new(path, content, force=force)
    except FileExists:
        fail(text("exists", lang, path=_shown(path)))
    except OSError as exc:
        fail(text("write-failed", lang, path=str(path), error=exc.strerror or str(exc)))
    typer.echo(_shown(path))
    sys.stderr.write(hint + "\n")


def _shown(path: Path) -> str:
    """The path as the user would type it: relative to the working folder when it is inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


# ---------------------------------------------------------------- the commands


@new_app.command("report", help="help.new.report")
def new_report(
    unit: UnitArg,
    period: Annotated[
        str,
        typer.Argument(
            metavar="PERIOD", help="help.new.report.period", autocompletion=complete_period, show_default=False
        ),
    ],
    submitted: Annotated[
        str | None, typer.Option("--submitted", help="help.new.report.submitted", metavar="DATE", show_default=False)
    ] = None,
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    force: ForceOpt = False,
) -> None:
    """Tạo units/UNIT/reports/PERIOD.yaml: báo cáo của đơn vị, có sẵn các chỉ tiêu của kế hoạch để điền."""
    from dkst.periods import today
    from dkst.scaffold.skeletons import report_skeleton

    cat, lang_ = _catalogue(data, lang)
    _unit(cat, unit, lang_)
    if not cat.periods:
        fail(text("no-periods", lang_))
    if period not in cat.periods:
        fail(period_unknown(period, list(cat.periods), lang_))
    day = (
        _date(submitted, "submitted", lang_, year=cat.year) or _date(as_of, "--as-of", lang_, year=cat.year) or today()
    )
    content = report_skeleton(cat, unit, period, day, today())
    _write(cat, f"units/{unit}/reports/{period}.yaml", content, force, lang_, text("hint-report", lang_))


@new_app.command("model", help="help.new.model")
def new_model(
    unit: UnitArg,
    model: Annotated[str, typer.Argument(metavar="MODEL", help="help.new.model.model", show_default=False)],
    name: Annotated[str, typer.Option("--name", help="help.new.model.name", metavar="NAME", show_default=False)],
    status: Annotated[
        str, typer.Option("--status", help="help.new.model.status", metavar="STATUS", autocompletion=complete_status)
    ] = "registered",
    started: Annotated[
        str | None, typer.Option("--started", help="help.new.model.started", metavar="DATE", show_default=False)
    ] = None,
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    force: ForceOpt = False,
) -> None:
    """Tạo units/UNIT/models/MODEL.yaml: một mô hình “Đoàn kết sáng tạo” của đơn vị."""
    from dkst.load.schema import ModelStatus
    from dkst.scaffold.skeletons import model_skeleton

    cat, lang_ = _catalogue(data, lang)
    _unit(cat, unit, lang_)
    problem = model_id_problem(model, lang_)
    if problem:
        fail(problem)
    title = _text(name, "--name", lang_)
    value: Any = ModelStatus.read(status)
    if value not in {s.value for s in ModelStatus}:
        words = ModelStatus.vietnamese()
        choices = ", ".join(words.values()) + " (" + ", ".join(words) + ")"
        fail(text("bad-status", lang_, value=status, choices=choices))
    registered = value == ModelStatus.REGISTERED.value
    day = _date(started, "started", lang_, future_ok=registered, year=cat.year)
    from dkst.periods import today

    content = model_skeleton(cat, unit, model, title, value, day, today())
    hint = (
        text("hint-model-started", lang_, status=status)
        if (not registered and day is None)
        else text("hint-model", lang_)
    )
    _write(cat, f"units/{unit}/models/{model}.yaml", content, force, lang_, hint)


@new_app.command("unit-plan", help="help.new.unit-plan")
def new_unit_plan(
    unit: UnitArg,
    number: Annotated[
        str | None,
        typer.Option("--number", help="help.new.unit-plan.number", metavar="NUMBER-TEXT", show_default=False),
    ] = None,
    issued: Annotated[
        str | None, typer.Option("--issued", help="help.new.unit-plan.issued", metavar="DATE", show_default=False)
    ] = None,
    received: Annotated[
        str | None, typer.Option("--received", help="help.new.unit-plan.received", metavar="DATE", show_default=False)
    ] = None,
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    force: ForceOpt = False,
) -> None:
    """Tạo units/UNIT/plan.yaml: kế hoạch triển khai Phong trào của đơn vị."""
    from dkst.periods import today
    from dkst.scaffold.skeletons import unit_plan_skeleton

    cat, lang_ = _catalogue(data, lang)
    _unit(cat, unit, lang_)
    num = _text(number, "--number", lang_) if number is not None else None
    issued_day = _date(issued, "issued", lang_, year=cat.year)
    received_day = _date(received, "received", lang_, year=cat.year)
    content = unit_plan_skeleton(cat, unit, num, issued_day, received_day, today())
    _write(cat, f"units/{unit}/plan.yaml", content, force, lang_, text("hint-unit-plan", lang_))


@new_app.command("narrative", help="help.new.narrative")
def new_narrative(
    period: Annotated[
        str,
        typer.Argument(
            metavar="PERIOD", help="help.new.report.period", autocompletion=complete_period, show_default=False
        ),
    ],
    data: DataOpt = None,
    lang: LangOpt = None,
    force: ForceOpt = False,
) -> None:
    """Tạo narrative/PERIOD.yaml: lời của Ban Thường trực cho báo cáo của kỳ (đánh giá, hạn chế, nhiệm vụ…)."""
    from dkst.periods import today
    from dkst.scaffold.skeletons import narrative_skeleton

    cat, lang_ = _catalogue(data, lang)
    if not cat.periods:
        fail(text("no-periods", lang_))
    match = next((p for p in cat.periods if p.lower() == period.lower()), None)
    if match is None:
        fail(text("unknown-period", lang_, value=period, choices=", ".join(cat.periods)))
    content = narrative_skeleton(cat, match, today())
    _write(cat, f"narrative/{match}.yaml", content, force, lang_, text("hint-narrative", lang_))
