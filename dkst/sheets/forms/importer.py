"""A filled form → the text of ``units/<unit>/reports/<P>.yaml``, judged by the loader and checks of ``dkst check``.

There is one set of rules: each cell becomes the YAML text a clerk would have typed (:mod:`dkst.sheets.forms.cells`),
the report file is built around the commented skeleton of ``dkst new report``, and that text goes through
:func:`dkst.load.dataset.parse_document`, the file's reference and date checks, and the plan's requirements, as
the file would in ``dkst check``. Each finding's line is mapped back to the sheet and cell it came from.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from dkst.findings import KeyedError
from dkst.sheets.forms import cells as C
from dkst.sheets.forms.reader import Cell, Form, shown_name

if TYPE_CHECKING:
    from dkst.load.dataset import Dataset
    from dkst.load.schema import Report

_KEY_LINE = re.compile(r"^(?P<indent>\s*)(?P<key>[A-Za-z_][A-Za-z0-9_-]*):(?P<rest>.*)$")


class Refused(KeyedError):
    """A form that is not this dataset's, or names no known unit or period: ``key`` of the catalogue."""


@dataclass
class Problem:
    """A finding of the built report, placed on the form."""

    severity: str
    code: str
    where: str | None  # ``Báo cáo!C12`` or None
    what: str | None  # an indicator's label, for the reader
    message: str


@dataclass
class NewModel:
    """A model the form names that the unit has not registered: the file ``dkst import`` writes for it."""

    id: str
    name: str
    rel: str
    text: str
    #: the form's cell behind each line of ``text`` that holds a value (1-based line → (cell, column head))
    origin: dict[int, tuple[str, str | None]] = field(default_factory=dict)
    where: str = ""
    #: the cell of each field the row gave (``status``, ``started``)
    cells: dict[str, str] = field(default_factory=dict)


@dataclass
class Built:
    """A form turned into a report file: its text, where each line came from, and what the checks found."""

    unit: str
    period: str
    rel: str
    text: str
    origin: dict[int, tuple[str, str | None]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    record: Report | None = None
    new_models: list[NewModel] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def identify(form: Form, ds: Dataset) -> tuple[str, str]:
    """The unit and period of a form; :class:`Refused` when missing, unknown, tampered or of another dataset.

    The dataset marker (``dkst_plan``) and the integrity mark (``dkst_key``) are required: a form without them
    (its hidden sheet deleted, a name removed, the cell emptied) is refused naming what is missing, so no check
    is skipped by deleting what it reads. The mark is a keyed digest (:mod:`dkst.sheets.forms.mark`) of the
    marker, unit and period under the dataset's own key: editing the unit or period cell breaks it.
    """
    from dkst.sheets.forms.mark import mark_matches, read_secret
    from dkst.sheets.forms.spec import dataset_marker

    unit_cell, period_cell = form.cell(C.UNIT), form.cell(C.PERIOD)
    if unit_cell is None or period_cell is None:
        raise Refused("form-not-dkst", file=shown_name(form.path), name=C.UNIT if unit_cell is None else C.PERIOD)
    unit = C.cell_text(unit_cell.value) or ""
    period = C.cell_text(period_cell.value) or ""
    for name in (C.PLAN, C.KEY):
        if C.cell_text(form.value(name)) is None:
            raise Refused("form-no-mark", file=shown_name(form.path), name=name)
    marker = C.cell_text(form.value(C.PLAN)) or ""
    mark = C.cell_text(form.value(C.KEY)) or ""
    mine = dataset_marker(ds)
    if marker != mine:
        raise Refused("form-other-dataset", file=shown_name(form.path))
    if not any(u.id == unit for u in ds.units):
        raise Refused("form-unknown-unit", where=unit_cell.ref, value=unit or "—")
    periods = ds.index.periods or {}
    if period not in periods:
        raise Refused(
            "form-unknown-period", where=period_cell.ref, value=period or "—", choices=", ".join(periods) or "—"
        )
    secret = read_secret(ds.root)
    if secret is None:
        raise Refused("form-no-secret", file=shown_name(form.path))
    if not mark_matches(secret, mine, unit, period, mark):
        raise Refused("form-key-changed", where=f"{unit_cell.ref}, {period_cell.ref}", unit=unit, period=period)
    return unit, period


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def build_text(
    form: Form,
    ds: Dataset,
    cat: Any,
    unit: str,
    period: str,
    submitted: date | None,
    as_of: date,
    today: date,
    source: str | None = None,
) -> Built:
    """The report file's text for a form, and the origin (cell, label) of each line that holds a value.

    ``source`` is what ``x-nguon`` says of where the form came from (default: its file name; for a form taken
    from a saved e-mail, the sender and the date)."""
    from dkst.scaffold.skeletons import report_skeleton
    from dkst.scaffold.yamlwrite import line, one_line, yaml_scalar

    rel = f"units/{unit}/reports/{period}.yaml"
    lines = report_skeleton(cat, unit, period, as_of, today).split("\n")
    origin: dict[int, tuple[str, str | None]] = {}
    # the skeleton's own lines (comments, keys) have no origin; inserted lines are tracked by content object
    tagged: list[tuple[str, tuple[str, str | None] | None]] = [(text, None) for text in lines]
    tagged[2] = ("# " + C.form_text("form.import-header", day=_vn(today), file=one_line(shown_name(form.path))), None)

    def find(key: str, indent: str = "") -> int | None:
        for i, (text, _) in enumerate(tagged):
            m = _KEY_LINE.match(text)
            if m and m["key"] == key and m["indent"] == indent:
                return i
        return None

    def put(key: str, token: str | None, cell: Cell | None, what: str | None = None, indent: str = "") -> None:
        i = find(key, indent)
        if i is None or token is None:
            return
        rest = _KEY_LINE.match(tagged[i][0])["rest"]  # type: ignore[index]
        comment = rest.split("# ", 1)[1] if "# " in rest else None
        tagged[i] = (line(f"{indent}{key}: {token}", comment), (cell.ref, what) if cell else None)

    sub_cell = form.cell("submitted")
    if submitted is not None:
        put("submitted", submitted.isoformat(), None)
    elif sub_cell is not None and C.raw_scalar(sub_cell.value) is not None:
        put("submitted", _iso_if_date(C.raw_scalar(sub_cell.value)), sub_cell)
    else:
        put("submitted", as_of.isoformat(), None)
    for key in ("number", "signer"):
        cell = form.cell(key)
        put(key, C.text_scalar(cell.value) if cell else None, cell)
    signer_at = find("signer")
    if signer_at is not None:
        tagged.insert(
            signer_at + 1,
            (line(f"x-nguon: {yaml_scalar(source or shown_name(form.path))}", C.form_text("form.import-source")), None),
        )

    # indicators, in the plan's order, then names of the form that the plan lacks (the checks refuse them)
    labels = {i.id: i.label for i in (ds.index.indicators or {}).values()}
    ind_names = [n for n in form.names if n.startswith(C.INDICATOR_PREFIX)]
    order = {ind_id: k for k, ind_id in enumerate(labels)}
    ind_names.sort(key=lambda n: (order.get(n[len(C.INDICATOR_PREFIX) :], len(order)), n))
    extra: list[tuple[str, tuple[str, str | None]]] = []
    all_cells: list[Cell] = []
    for name in ind_names:
        ind_id = name[len(C.INDICATOR_PREFIX) :]
        cell = form.cell(name)
        token = C.raw_scalar(cell.value) if cell else None
        if cell is None or token is None:
            continue
        all_cells.append(cell)
        if find(ind_id, "  ") is not None:
            put(ind_id, token, cell, labels.get(ind_id), indent="  ")
        else:
            extra.append((f"  {yaml_scalar(ind_id)}: {token}", (cell.ref, None)))
    at = find("indicators")
    if at is not None:
        if all_cells:
            first, last = all_cells[0], all_cells[-1]
            span = first.ref if first is last else f"{first.ref}:{last.coord}"
            tagged[at] = ("indicators:", (span, None))
        end = at + 1
        while end < len(tagged) and tagged[end][0].startswith("  "):
            end += 1
        tagged[end:end] = extra

    # models: an existing model's id chosen (or its name typed); a name alone registers a new model
    items, new_models = _model_items(form, ds, cat, unit, today)
    at = find("models")
    if at is not None and items:
        tagged[at + 1 : at + 1] = items

    # commendations: a row per body or person, blank rows skipped
    items = []
    heads = [C.cell_text(cell.value) for cell in (form.names.get(C.COMMENDATIONS) or [[]])[0]]
    for row in form.table(C.COMMENDATIONS):
        entry = [
            (k, key, cell, C.text_scalar(cell.value))
            for k, (key, cell) in enumerate(zip(C.COMMENDATION_KEYS, row, strict=False))
        ]
        entry = [item for item in entry if item[3] is not None]
        for n, (k, key, cell, token) in enumerate(entry):
            head = heads[k] if k < len(heads) else None
            items.append((f"{'  - ' if n == 0 else '    '}{key}: {token}", (cell.ref, head)))
    at = find("commendations")
    if at is not None and items:
        end = at + 1
        while end < len(tagged) and tagged[end][0].startswith("#  "):
            end += 1
        tagged[end:end] = items

    for key in C.TEXT_KEYS:
        cell = form.cell(key)
        put(key, C.text_scalar(cell.value) if cell else None, cell)

    for i, (_, where) in enumerate(tagged, start=1):
        if where is not None:
            origin[i] = where
    text = "\n".join(t for t, _ in tagged)
    return Built(unit, period, rel, text if text.endswith("\n") else text + "\n", origin, new_models=new_models)


def _model_items(
    form: Form, ds: Dataset, cat: Any, unit: str, today: date
) -> tuple[list[tuple[str, tuple[str, str | None]]], list[NewModel]]:
    """The report's ``models`` lines (with the cell of each) and the new models to register.

    A row's first cell is an existing model: its id (chosen from the list), or its name typed there; text
    there that is neither an id nor a name of the unit's models is a new model's name. Else the row's name
    cell, when it names an existing model, is that model; else it is a new model with the row's status and
    start date: its id is made from its name as ``dkst new model`` suggests (ASCII, a Windows device name
    prefixed), and made unique in the unit with ``-2``, ``-3``…
    """
    from dkst.load.fields import SLUG, WINDOWS_RESERVED
    from dkst.load.schema import ModelRecord
    from dkst.scaffold.yamlwrite import slugify, yaml_scalar

    own = ds.models.get(unit) or {}
    names = {
        _norm(src.record.name): mid
        for mid, src in own.items()
        if isinstance(src.record, ModelRecord) and src.record.name
    }
    taken = set(own) | set(cat.model_ids(unit) if hasattr(cat, "model_ids") else ())
    items: list[tuple[str, tuple[str, str | None]]] = []
    new: list[NewModel] = []
    made: dict[str, str] = {}  # a new name (normalised) → its id: the same new model twice is one file
    heads = [C.cell_text(cell.value) for cell in (form.names.get(C.MODELS) or [[]])[0]] + [None] * 4
    for row in form.table(C.MODELS):
        cells = [*row, None, None, None, None][:4]
        model_cell, name_cell, status_cell, started_cell = cells
        ident = C.cell_text(model_cell.value) if model_cell else None
        typed = C.cell_text(name_cell.value) if name_cell else None
        status = C.cell_text(status_cell.value) if status_cell else None
        started = C.raw_scalar(started_cell.value) if started_cell else None
        if ident is not None and model_cell is not None:
            if ident in own or SLUG.match(ident):
                items.append((f"  - {yaml_scalar(ident)}", (model_cell.ref, heads[0])))
                continue
            if _norm(ident) in names:
                items.append((f"  - {yaml_scalar(names[_norm(ident)])}", (model_cell.ref, heads[0])))
                continue
            typed, name_cell = ident, model_cell  # a name where an id belongs: a new model by that name
        if typed is None or name_cell is None:
            if status is not None or started is not None:
                given = next(c for c in (status_cell, started_cell) if c is not None)
                where = given.ref
                new.append(NewModel("", "", "", "", where=where))  # judged as an error: a row without a name
            continue
        if _norm(typed) in names:
            items.append((f"  - {yaml_scalar(names[_norm(typed)])}", (name_cell.ref, heads[1])))
            continue
        if _norm(typed) in made:
            items.append((f"  - {made[_norm(typed)]}", (name_cell.ref, heads[1])))
            continue
        base = slugify(typed)
        if base in WINDOWS_RESERVED:
            base = f"mo-hinh-{base}"
        model_id = base
        n = 2
        while model_id in taken:
            model_id = f"{base}-{n}"
            n += 1
        if base:
            taken.add(model_id)
            made[_norm(typed)] = model_id
            items.append((f"  - {model_id}", (name_cell.ref, heads[1])))
        new.append(
            _new_model(
                cat, unit, model_id, typed, status, started, today, form, (name_cell, status_cell, started_cell), heads
            )
        )
    return items, new


def _new_model(
    cat: Any,
    unit: str,
    model_id: str,
    name: str,
    status: str | None,
    started: str | None,
    today: date,
    form: Form,
    cells: tuple[Cell | None, Cell | None, Cell | None],
    heads: list[str | None],
) -> NewModel:
    """The model file of a new model of the form (the skeleton of ``dkst new model``, with the row's values)."""
    from dkst.load.schema import ModelStatus
    from dkst.scaffold.skeletons import model_skeleton
    from dkst.scaffold.yamlwrite import line, one_line, yaml_scalar

    name_cell, status_cell, started_cell = cells
    where = name_cell.ref if name_cell is not None else ""
    if not model_id:
        return NewModel("", name, "", "", where=where)
    value = ModelStatus.read(status) if status is not None else "registered"
    known = {m.value for m in ModelStatus}
    shown_status = value if value in known else yaml_scalar(status or "")
    text = model_skeleton(cat, unit, model_id, name, "registered", None, today)
    lines = text.split("\n")
    lines[1] = "# " + C.form_text(
        "form.import-model-header", id=model_id, day=_vn(today), file=one_line(shown_name(form.path))
    )
    origin: dict[int, tuple[str, str | None]] = {}
    for i, text_line in enumerate(lines):
        m = _KEY_LINE.match(text_line)
        if not m or m["indent"]:
            continue
        rest = m["rest"]
        comment = rest.split("# ", 1)[1] if "# " in rest else None
        if m["key"] == "name":
            origin[i + 1] = (where, heads[1])
        elif m["key"] == "status":
            lines[i] = line(f"status: {shown_status}", comment)
            if status_cell is not None and status is not None:
                origin[i + 1] = (status_cell.ref, heads[2])
        elif m["key"] == "started" and started is not None:
            lines[i] = line(f"started: {_iso_if_date(started)}", comment)
            if started_cell is not None:
                origin[i + 1] = (started_cell.ref, heads[3])
        elif m["key"] == "started" and started_cell is not None:
            origin[i + 1] = (started_cell.ref, heads[3])
    cells_of = {key: cell.ref for key, cell in (("status", status_cell), ("started", started_cell)) if cell is not None}
    return NewModel(
        model_id, name, f"units/{unit}/models/{model_id}.yaml", "\n".join(lines), origin, where=where, cells=cells_of
    )


def _iso_if_date(token: str | None) -> str | None:
    """A date the format accepts (``02/06/2023``), written ISO as ``dkst new`` writes it; anything else as it is,
    for the loader to judge (the same :func:`dkst.periods.parse_date` decides both)."""
    from dkst.periods import DateError, parse_date

    try:
        return parse_date(token).isoformat() if token else token
    except DateError:
        return token


def _vn(day: date) -> str:
    from dkst.periods import vn_date

    return vn_date(day)


def judge(built: Built, ds: Dataset, as_of: date, lang: str) -> None:
    """Parse and check the built text as ``dkst check`` would the file at ``built.rel``
    (:func:`dkst.checks.checker.judge_report`); place each finding in the form."""
    from dkst.checks.checker import judge_report
    from dkst.checks.references import model_findings
    from dkst.findings import Severity
    from dkst.i18n import text as say
    from dkst.load.dataset import SourceFile, parse_document, to_findings
    from dkst.load.schema import ModelRecord, Report
    from dkst.periods import today

    placed: dict[str, Any] = {}
    for new in built.new_models:
        if not new.id:
            key, params = ("import-model-no-id", {"name": new.name}) if new.name else ("import-model-no-name", {})
            built.problems.append(Problem("error", "invalid-value", new.where or None, None, say(key, lang, **params)))
            continue
        parsed_model = parse_document(new.text.encode("utf-8"), ModelRecord)
        model_src = SourceFile(new.rel, parsed_model.record, parsed_model.lines, False, parsed_model.partial)
        model_found = to_findings(parsed_model, new.rel, built.unit)
        model_found += model_findings(ds, model_src, built.unit, new.id, today())
        for f in model_found:
            where, what = new.origin.get(f.line or 0, (new.where, None))
            if f.code == "missing-field" and str(f.param("field")) in new.cells:
                where = new.cells[str(f.param("field"))]
            built.problems.append(Problem(f.level.label, f.code, where or None, what, f.message(lang)))
        placed[new.id] = model_src
    if placed:  # the report may cite its new models: judge it with them registered
        from dataclasses import replace

        ds = replace(ds, models={**ds.models, built.unit: {**ds.models.get(built.unit, {}), **placed}})
    parsed = parse_document(built.text.encode("utf-8"), Report)
    found = to_findings(parsed, built.rel, built.unit, built.period)
    src = SourceFile(
        built.rel, parsed.record, parsed.lines, any(f.level >= Severity.ERROR for f in found), parsed.partial
    )
    found += judge_report(ds, src, built.unit, built.period, as_of, today())
    built.record = parsed.record
    for f in found:
        at, about = built.origin.get(f.line or 0, (None, None))
        built.problems.append(Problem(f.level.label, f.code, at, about, f.message(lang)))
