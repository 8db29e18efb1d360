"""What one unit's form shows, gathered from a loaded dataset: :class:`FormSpec` and the dataset's marker.

No spreadsheet library here: :mod:`dkst.sheets.forms.writer` lays a :class:`FormSpec` out with XlsxWriter, and
:mod:`dkst.sheets.forms.importer` checks a filled form's marker against :func:`dataset_marker`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from dkst.sheets.forms import cells as C

if TYPE_CHECKING:
    from dkst.load.dataset import Dataset


@dataclass
class FormIndicator:
    id: str
    label: str
    unit: str | None = None
    section: str | None = None


@dataclass
class FormModel:
    id: str
    name: str
    status: str | None = None


@dataclass
class FormSpec:
    """Everything one unit's form shows, gathered from the dataset by the command."""

    unit_id: str
    unit_name: str
    period_id: str
    period_name: str
    last_on_time: date | None
    due_text: str | None
    marker: str
    issuer: str | None
    title: str | None
    letterhead: dict[str, str | None]
    report_to_office: str | None
    report_to_email: str | None
    indicators: list[FormIndicator] = field(default_factory=list)
    models: list[FormModel] = field(default_factory=list)
    created: date = date(2000, 1, 1)
    #: the language of the form's own words (``--lang``); the defined names do not change with it
    lang: str = "vi"
    #: the integrity mark (:func:`dkst.sheets.forms.mark.form_mark`); empty when built without the dataset's key
    mark: str = ""


def dataset_marker(ds: Dataset) -> str:
    """The marker of the dataset's plan (see :func:`dkst.sheets.forms.cells.plan_marker`)."""
    plan = ds.plan
    indicators = tuple((ds.index.indicators or {}) if ds.index is not None else ())
    if plan is None:
        return C.plan_marker(None, None, None, None, indicators)
    return C.plan_marker(plan.number, plan.year, plan.issuer, plan.title, indicators)


def owing_units(ds: Dataset, period: str) -> list[str]:
    """Ids of the units a ``report`` requirement for ``period`` applies to, not exempt, in registry order; never
    plan.yaml's ``self`` (the committee's own entry gets no form)."""
    own = ds.plan.self if ds.plan is not None else None
    out: list[str] = []
    for unit in ds.units:
        if unit.id == own:
            continue
        for req in ds.index.requirements or []:
            if (
                req.type == "report"
                and req.period == period
                and unit.kind in req.kinds
                and req.id not in (unit.exempt or {})
            ):
                out.append(unit.id)
                break
    return out


def reported_units(ds: Dataset, period: str, as_of: date) -> set[str]:
    """Ids of the units whose report for ``period`` has come in as of ``as_of`` (on time, late, or in with
    errors): ``dkst form`` writes them no form unless ``--all`` (docs/format.md, "Forms")."""
    from dkst.checks.compliance import evaluate
    from dkst.periods import today
    from dkst.statuses import ReportStatus

    ev = evaluate(ds, as_of, today())
    came = (ReportStatus.ON_TIME, ReportStatus.LATE, ReportStatus.INVALID)
    out: set[str] = set()
    for unit in ds.units:
        status = ev.report_status(ds, unit, period)
        if status.status in came or status.submitted is not None or status.left_out:
            out.add(unit.id)
    return out


def form_spec(
    ds: Dataset, unit_id: str, period_id: str, created: date, secret: bytes = b"", lang: str = "vi"
) -> FormSpec:
    """The :class:`FormSpec` of a unit and a period of a loaded dataset (its plan read, the period valid);
    ``secret`` is the dataset's form key (:func:`dkst.sheets.forms.mark.ensure_secret`) that signs the form;
    ``lang`` the language of its own words."""
    with C.form_lang(lang):
        return _form_spec(ds, unit_id, period_id, created, secret, lang)


def _form_spec(ds: Dataset, unit_id: str, period_id: str, created: date, secret: bytes, lang: str) -> FormSpec:
    from dkst.load.schema import ModelRecord, ModelStatus
    from dkst.periods import vn_date
    from dkst.sheets.forms.mark import form_mark

    plan = ds.plan
    if plan is None:
        raise ValueError("form_spec needs a dataset whose plan.yaml was read")
    unit = next((u for u in ds.units if u.id == unit_id), None)
    info = ds.index.periods[period_id]
    deadline = info.deadline
    due_text = None
    if deadline is not None:
        last = vn_date(deadline.last_on_time)
        if deadline.inclusive:
            due_text = C.form_text("form.due-by", last=last)
        else:
            due_text = C.form_text("form.due-before", last=last, day=vn_date(deadline.day))
    from dkst.documents.report_context import letterhead as document_letterhead
    from dkst.documents.voice import letterhead_lines
    from dkst.i18n import text

    lh = document_letterhead(plan)  # the report's letterhead: from letterhead:, else from the issuer
    english = lang == "en"
    superior = "\n".join(letterhead_lines(lh.superior, lang)) or None  # broken before the level and place
    organ = lh.organ
    if english and organ and organ.strip().upper() == text("formula.standing", "vi").upper():
        organ = C.form_text("formula.standing")
    letterhead: dict[str, str | None] = {
        "superior": superior,
        "organ": organ,
        # the formulas of Nghị định 30/2020 in the form's language (the plan's are Vietnamese)
        "national": C.form_text("formula.national") if english else lh.national,
        "motto": C.form_text("formula.motto") if english else lh.motto,
    }
    report_to = plan.report_to
    english = lang == "en"  # the plan's English words where it gives them (label_en, unit_en, section_en)
    indicators = [
        FormIndicator(
            i.id,
            (i.label_en if english else None) or i.label,
            (i.unit_en if english else None) or i.unit,
            (i.section_en if english else None) or i.section,
        )
        for i in (ds.index.indicators or {}).values()
    ]
    status_words = {m.value: C.form_text(f"form.model-{m.value}") for m in ModelStatus}
    models: list[FormModel] = []
    for model_id, src in sorted((ds.models.get(unit_id) or {}).items()):
        rec = src.record
        if isinstance(rec, ModelRecord) and rec.name:
            status = rec.status.value if rec.status is not None else None
            models.append(FormModel(model_id, rec.name, status_words.get(str(status))))
        elif not ds.is_broken(src):
            models.append(FormModel(model_id, model_id))
    return FormSpec(
        unit_id=unit_id,
        unit_name=(unit.name if unit is not None else None) or unit_id,
        period_id=period_id,
        period_name=_period_name(ds, period_id, lang),
        last_on_time=deadline.last_on_time if deadline is not None else None,
        due_text=due_text,
        marker=dataset_marker(ds),
        issuer=plan.issuer,
        title=plan.title,
        letterhead=letterhead,
        report_to_office=report_to.office if report_to is not None else None,
        report_to_email=report_to.email if report_to is not None else None,
        indicators=indicators,
        models=models,
        created=created,
        lang=lang,
        mark=form_mark(secret, dataset_marker(ds), unit_id, period_id) if secret else "",
    )


def _period_name(ds: Dataset, period_id: str, lang: str) -> str:
    """The period's name in the form's language: the plan's ``name_en`` under English, else one made from the
    period's dates (``year 2023``), else the plan's name."""
    info = ds.index.periods[period_id]
    if lang != "en":
        return info.name
    from dkst.documents.voice import english_period_name

    given = (ds.plan.periods or {}).get(period_id) if ds.plan is not None else None
    made = english_period_name(info.start, info.end)
    return (given.name_en if given is not None else None) or made or info.name
