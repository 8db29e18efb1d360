"""``dkst import FILE…``: filled Excel forms → report files, each value judged as ``dkst check`` judges YAML."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from dkst.cli.options import AsOfOpt, DataOpt, LangOpt, fail, require_sound, resolve, resolve_date

if TYPE_CHECKING:
    from dkst.cli.options import Context
    from dkst.load.catalogue import Catalogue
    from dkst.load.dataset import Dataset
    from dkst.load.schema import Report

#: The reason key of each refusal of :mod:`dkst.sheets.forms.importer`.
_REFUSAL_REASON = {
    "form-not-dkst": "import-reason-unit",
    "form-other-dataset": "import-reason-dataset",
    "form-unknown-unit": "import-reason-unit",
    "form-unknown-period": "import-reason-period",
    "form-key-changed": "import-reason-key",
    "form-no-mark": "import-reason-key",
    "form-no-secret": "import-reason-key",
}


@dataclass
class Outcome:
    """What became of one form: for the summary table."""

    file: str
    unit: str = "—"
    period: str = "—"
    result: str = "import-refused"
    reason: str | None = None
    params: dict[str, Any] = field(default_factory=dict)
    #: the new models' files written (or, with --dry-run, that would be)
    models: list[str] = field(default_factory=list)


def _write_atomic(path: Path, content: str, force: bool) -> None:
    """Write whole or not at all; never over an existing file unless ``force`` (:func:`dkst.files.create_new`)."""
    from dkst.files import create_new

    create_new(path, content, force=force)


def _say(line: str = "") -> None:
    """Print one line; what a form or a file name says is shown escaped (:func:`dkst.escape.terminal`): a unit
    cannot send escape sequences, bidirectional overrides or line breaks to the clerk's terminal."""
    from dkst.escape import terminal

    sys.stdout.write(terminal(line) + "\n")


def _form_error_text(key: str, params: dict[str, Any], lang: str) -> str:
    """The one line of a :class:`dkst.sheets.forms.reader.FormError`, its ``what`` in the chosen language."""
    from dkst.i18n import text

    if "what" in params:
        where = params.get("where") or ""
        what = text(f"import-what-{params['what']}", lang)
        params = {**params, "what": what, "where": f" ({where})" if where else ""}
    return text(key, lang, **params)


def _fields(rec: Report | None) -> dict[str, Any]:
    """A report record's fields by name (a partial record has them all too); all ``None`` for no record."""
    from dkst.load.schema import Report

    return dict(rec) if rec is not None else dict.fromkeys(Report.model_fields)


def _changes(old: Report | None, new: Report | None, labels: dict[str, str], lang: str) -> list[str]:
    """``what: old → new`` for every figure and field that differs between two report records."""
    from dkst.i18n import text
    from dkst.load.schema import Commendation

    blank = text("import-blank", lang)
    was, now = _fields(old), _fields(new)

    def show(value: Any) -> str:
        if value is None or value == [] or value == {}:
            return blank
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, list):
            return ", ".join(str(v.name if isinstance(v, Commendation) else v) for v in value)
        return str(value)

    out = []
    for key in ("submitted", "number", "signer"):
        a, b = was[key], now[key]
        if a != b:
            out.append(f"  {key}: {show(a)} → {show(b)}")
    old_ind, new_ind = was["indicators"] or {}, now["indicators"] or {}
    ids = [i for i in labels if i in old_ind or i in new_ind]
    ids += sorted(i for i in {*old_ind, *new_ind} if i not in labels)
    for ind in ids:
        a, b = old_ind.get(ind), new_ind.get(ind)
        if a != b:
            label = f" ({labels[ind]})" if ind in labels else ""
            out.append(f"  {ind}{label}: {show(a)} → {show(b)}")
    for key in ("models", "commendations"):
        a, b = was[key], now[key]
        if a != b:
            out.append(f"  {key}: {show(a)} → {show(b)}")
    for key in ("highlights", "limitations", "proposals"):
        if was[key] != now[key]:
            out.append(f"  {key}: {text('import-text-changed', lang)}")
    return out


def _table(outcomes: list[Outcome], lang: str) -> list[str]:
    from dkst.i18n import text

    head = [text(k, lang) for k in ("import-col-file", "import-col-unit", "import-col-period", "import-col-result")]
    rows = []
    for o in outcomes:
        if o.reason:
            result = text("import-refused", lang, reason=text(o.reason, lang, **o.params))
        else:
            result = text(o.result, lang)
        rows.append([o.file, o.unit, o.period, result])
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(3)]
    return ["  ".join(c.ljust(w) for c, w in zip(r[:3], widths, strict=True)) + "  " + r[3] for r in [head, *rows]]


def _sender_unit(ds: Dataset, sender: str | None, unit: str) -> str | None:
    """The id of another unit whose ``email`` is the e-mail's sender (a form sent from another unit's address),
    or None: the sender is the unit's own address, or no unit's."""
    if not sender:
        return None
    owners = [u.id for u in ds.units if u.email and u.email.strip().lower() == sender]
    if not owners or unit in owners:
        return None
    return owners[0]


def _expand(files: list[Path]) -> list[Path]:
    """The files given, with patterns expanded where the shell did not (``cmd.exe`` passes ``*.xlsx`` as is)."""
    import glob

    out: list[Path] = []
    for path in files:
        text = str(path)
        try:
            there = os.path.lexists(path)
        except (OSError, ValueError):
            there = True  # let reading it say what is wrong, in one line
        matches = sorted(glob.glob(text)) if not there and any(ch in text for ch in "*?[") else []
        if matches:
            out.extend(Path(m) for m in matches)
        else:
            out.append(path)
    return out


@dataclass(frozen=True)
class FromMail:
    """Where a form taken from a saved e-mail came from."""

    eml: str  # the .eml file's name
    name: str  # the attachment's name
    sender: str | None
    day: date | None

    def source(self, lang: str) -> str:
        """What ``x-nguon`` says: the sender's address, the e-mail's date, the attachment's name."""
        from dkst.i18n import text
        from dkst.periods import vn_date

        shown = vn_date(self.day) if self.day else "?"
        return text("eml-source", lang, sender=self.sender or "?", date=shown, name=self.name)


def _forms(paths: list[Path], lang: str, outcomes: list[Outcome]) -> Iterator[tuple[Path, FromMail | None]]:
    """Each form to import: the .xlsx files given, and the .xlsx attachments of the .eml files given (each
    saved in a temporary folder while it is imported). An e-mail that cannot be read is an outcome at once."""
    from dkst.files import scratch_folder
    from dkst.sheets.forms.eml import EmlError, read_eml

    for path in paths:
        if path.suffix.lower() != ".eml":
            yield path, None
            continue
        _say(f"{path}")
        try:
            saved = read_eml(path)
        except EmlError as exc:
            _say("  " + exc.text(lang))
            outcomes.append(Outcome(path.name, reason="import-reason-file"))
            _say()
            continue
        with scratch_folder("dkst-eml-") as tmp:
            for k, att in enumerate(saved.attachments):
                folder = tmp / str(k)
                folder.mkdir()
                form = folder / att.safe_name
                form.write_bytes(att.content)
                yield form, FromMail(path.name, att.name, saved.sender, saved.day)


def import_forms(
    files: Annotated[
        list[Path] | None, typer.Argument(metavar="FILE", help="help.import.files", show_default=False)
    ] = None,
    submitted: Annotated[
        str | None, typer.Option("--submitted", help="help.import.submitted", metavar="DATE", show_default=False)
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="help.import.force")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="help.import.dry-run")] = False,
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
) -> None:
    """Nhập phiếu báo cáo Excel đã điền thành tệp báo cáo của đơn vị; phiếu có lỗi thì không ghi gì."""
    from dkst.checks.checker import prepare
    from dkst.i18n import text
    from dkst.load.catalogue import read_catalogue
    from dkst.roots import plan_year
    from dkst.sheets.forms.reader import shown_name

    ctx = resolve(data, as_of, lang)
    if not files:
        fail(text("import-no-files", ctx.lang))
    day = None
    if submitted is not None:
        day = resolve_date(submitted, ctx.lang, "--submitted", year=plan_year(ctx.root))
    prepared = prepare(ctx.root)
    require_sound(prepared.findings, ctx.lang)
    ds = prepared.dataset
    if ds.plan is None or ds.index is None:
        fail(text("form-no-plan", ctx.lang))
    cat = read_catalogue(ctx.root)
    outcomes: list[Outcome] = []
    seen: dict[tuple[str, str], str] = {}
    for path, mail in _forms(_expand(files), ctx.lang, outcomes):
        try:
            outcome = _import_one(path, ds, cat, ctx, day, force, dry_run, seen, mail)
        except MemoryError:
            _say("  " + text("import-unreadable", ctx.lang, file=shown_name(path), error="MemoryError"))
            outcome = Outcome(shown_name(path), reason="import-reason-file")
        except Exception as exc:  # a workbook no check foresaw: one line, never a traceback
            from dkst.sheets.forms.reader import one_line

            _say("  " + text("import-unreadable", ctx.lang, file=shown_name(path), error=one_line(exc)))
            outcome = Outcome(shown_name(path), reason="import-reason-file")
        if mail is not None:
            outcome.file = f"{mail.eml}: {mail.name}"
        outcomes.append(outcome)
        _say()
    for row in _table(outcomes, ctx.lang):
        _say(row)
    new_models = [m for o in outcomes if not o.reason for m in o.models]
    if new_models:
        key = "import-new-models-dry-run" if dry_run else "import-new-models"
        _say(text(key, ctx.lang, files=", ".join(new_models)))
    counts = {k: sum(o.result == f"import-{k}" and not o.reason for o in outcomes) for k in ("written", "unchanged")}
    refused = sum(bool(o.reason) for o in outcomes)
    if dry_run:  # says what would be written, never that anything was (docs/format.md, "Commands")
        would = sum(o.result == "import-would-write" and not o.reason for o in outcomes)
        done = text("import-done-dry-run", ctx.lang, would=would, refused=refused, **counts)
    elif counts["written"]:
        done = text("import-done", ctx.lang, refused=refused, **counts)
    else:  # nothing written: no next step to take
        done = text("import-done-nothing", ctx.lang, refused=refused, **counts)
    sys.stderr.write(done + "\n")
    raise typer.Exit(1 if refused else 0)


def _import_one(
    path: Path,
    ds: Dataset,
    cat: Catalogue,
    ctx: Context,
    day: date | None,
    force: bool,
    dry_run: bool,
    seen: dict[tuple[str, str], str],
    mail: FromMail | None = None,
) -> Outcome:
    from dkst.files import FileExists
    from dkst.i18n import text
    from dkst.load.dataset import parse_file
    from dkst.load.schema import Report
    from dkst.periods import today
    from dkst.scaffold.skeletons import symlinked_folder
    from dkst.sheets.forms.importer import Refused, build_text, identify, judge
    from dkst.sheets.forms.reader import FormError, open_form, shown_name

    lang = ctx.lang
    outcome = Outcome(shown_name(path))
    _say(str(path).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace"))
    try:
        form = open_form(path)
    except FormError as exc:
        _say("  " + _form_error_text(exc.key, exc.params, lang))
        outcome.reason = "import-reason-file"
        return outcome
    try:
        unit, period = identify(form, ds)
    except Refused as exc:
        _say("  " + exc.text(lang))
        outcome.reason = _REFUSAL_REASON.get(exc.key, "import-reason-unit")
        return outcome
    outcome.unit, outcome.period = unit, period
    if mail is not None:
        _say("  " + text("eml-attachment", lang, name=mail.name, sender=mail.sender or "?", date=str(mail.day or "?")))
        other = _sender_unit(ds, mail.sender, unit)
        if other is not None:
            _say("  " + text("eml-other-sender", lang, sender=mail.sender or "", other=other, unit=unit))
    if (unit, period) in seen:
        outcome.reason = "import-reason-duplicate"
        _say("  " + text("import-duplicate", lang, unit=unit, period=period, file=seen[(unit, period)]))
        return outcome
    seen[(unit, period)] = shown_name(path)
    source = mail.source(lang) if mail is not None else None
    built = build_text(form, ds, cat, unit, period, day, ctx.as_of, today(), source)
    judge(built, ds, ctx.as_of, lang)
    for p in built.problems:
        where = p.where or shown_name(path)
        what = f" ({p.what})" if p.what else ""
        _say(f"  {where}{what}: {text('sev-' + p.severity, lang)}: {p.message} [{p.code}]")
    if built.errors:
        outcome.reason = "import-errors"
        outcome.params = {"count": len(built.errors)}
        return outcome
    for new in built.new_models:
        _say("  " + text("import-new-model", lang, where=new.where, name=new.name, path=new.rel))
    target = ctx.root / built.rel
    rel_shown = built.rel
    labels = {i.id: i.label for i in ds.index.indicators.values()}
    exists = target.exists() or target.is_symlink()
    if exists:
        old = parse_file(target, Report).record
        if old is not None and old == built.record:
            outcome.result = "import-unchanged"
            _say(f"  {rel_shown}: {text('import-unchanged', lang)}")
            return outcome
        changes = _changes(old, built.record, labels, lang)
        if changes:
            _say("  " + text("import-changes", lang, path=rel_shown))
            for change in changes:
                _say("  " + change)
        if not force:
            _say("  " + text("import-exists", lang, path=rel_shown))
            outcome.reason = "import-reason-exists"
            return outcome
    if dry_run:
        _say("  " + text("import-dry-run", lang, path=rel_shown))
        for line in built.text.rstrip("\n").split("\n"):
            _say("    " + line)
        for new in built.new_models:
            _say("  " + text("import-new-model-dry-run", lang, path=new.rel))
            for line in new.text.rstrip("\n").split("\n"):
                _say("    " + line)
        outcome.result = "import-would-write"
        outcome.models = [new.rel for new in built.new_models]
        return outcome
    linked = symlinked_folder(ctx.root, str(Path(built.rel).parent))
    if linked is not None or target.is_symlink():
        _say("  " + text("import-symlink", lang, path=str(linked or target)))
        outcome.reason = "import-reason-write"
        return outcome
    for new in built.new_models:
        model_path = ctx.root / new.rel
        if symlinked_folder(ctx.root, str(Path(new.rel).parent)) is not None or model_path.is_symlink():
            _say("  " + text("import-symlink", lang, path=str(model_path)))
            outcome.reason = "import-reason-write"
            return outcome
    written: list[Path] = []
    try:
        for new in built.new_models:  # each new model first, never over a file: the report may cite it
            _write_atomic(ctx.root / new.rel, new.text, force=False)
            written.append(ctx.root / new.rel)
            outcome.models.append(new.rel)
        _write_atomic(target, built.text, force=force)
    except FileExists:
        _unwrite(written)
        _say("  " + text("import-exists", lang, path=rel_shown))
        outcome.reason = "import-reason-exists"
        return outcome
    except (OSError, RuntimeError) as exc:
        from dkst.cli.options import os_error_text

        _unwrite(written)
        _say("  " + os_error_text(target, exc, lang))
        outcome.reason = "import-reason-write"
        return outcome
    for rel in outcome.models:
        _say(f"  → {rel}")
    _say(f"  → {rel_shown}")
    outcome.result = "import-written"
    return outcome


def _unwrite(paths: list[Path]) -> None:
    """Remove the new model files this form wrote when its report could not be written: a form writes all its
    files or none."""
    for path in paths:
        try:
            path.unlink()
        except OSError:
            pass
