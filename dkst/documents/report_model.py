"""The report's context as types: :class:`ReportContext` and its parts, built by
:func:`dkst.documents.report_context.build_report`, and their plain-data form for templates
(:meth:`ReportContext.template_data`,
the shape :mod:`dkst.documents.render` documents: dates as ISO text there, as :class:`datetime.date` here)."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass, replace
from datetime import date
from typing import Any

from dkst import escape
from dkst.documents.voice import (
    LevelWords,
    NarrativeFacts,
    letterhead_lines,
    section_sentence,
    tasks_heading,
    text_lines,
)
from dkst.i18n import text
from dkst.load.schema import ModelStatus
from dkst.periods import vn_date
from dkst.statuses import UNOWED_STATUSES, ReportStatus

#: The letterhead's defaults (Nghị định 30/2020): the national name and the motto, in Vietnamese in every document.
NATIONAL = text("formula.national", "vi")
MOTTO = text("formula.motto", "vi")
#: The standing committee: an issuer that begins with it gets it as the letterhead's organ line.
STANDING = text("formula.standing", "vi")


# ---------------------------------------------------------------- the parts


@dataclass(frozen=True)
class Letterhead:
    """The header block of a document (Nghị định 30/2020): what plan.yaml gives, else the defaults."""

    superior: str | None
    organ: str | None
    national: str | None
    motto: str | None
    symbol: str | None

    def filled(self) -> Letterhead:
        """The same with the national name and the motto of Nghị định 30/2020 where none is written."""
        return replace(self, national=self.national or NATIONAL, motto=self.motto or MOTTO)


@dataclass(frozen=True)
class Signer:
    on_behalf: str | None
    title: str | None
    name: str | None


@dataclass(frozen=True)
class BasedOn:
    number: str | None
    date: date | None
    issuer: str | None
    title: str | None


@dataclass(frozen=True)
class ReportTo:
    office: str | None
    email: str | None


@dataclass(frozen=True)
class PlanFacts:
    """The plan's facts a document prints."""

    title: str | None
    year: int | None
    issuer: str | None
    place: str | None
    number: str | None
    issued: date | None
    signer: Signer | None
    based_on: tuple[BasedOn, ...]
    report_to: ReportTo | None
    letterhead: Letterhead
    recipients: tuple[str, ...]


@dataclass(frozen=True)
class PeriodFacts:
    """The period: its name in the document's language, its dates and its reports' deadline."""

    id: str
    name: str
    in_sentence: str
    start: date
    end: date
    last_on_time: date
    deadline: date


@dataclass(frozen=True)
class IndicatorRow:
    """An indicator of the plan with its total (``None``: no counted report gives it) and how many give it."""

    id: str
    label: str
    unit: str | None
    section: str | None
    total: int | None
    units: int
    #: the total of the same period last year (``None``: none, or no ``previous``); the change is worked out
    #: from the two, exactly, where it is written (:func:`dkst.documents.filters.compare`, ``growth``)
    previous: int | None = None
    phrase: str | None = None  # how a sentence says it, ``{n}`` the number (the document's language)


@dataclass(frozen=True)
class Section:
    title: str
    indicators: tuple[IndicatorRow, ...]
    sentence: str = ""  # the paragraph a person writes (dkst.documents.voice.section_sentence); "" → made on demand


@dataclass(frozen=True)
class UnitRow:
    """A unit of the registry: its report's status and, when the report counts, its figures."""

    id: str
    name: str
    short_name: str | None
    kind: str
    kind_label: str
    status: ReportStatus
    status_label: str
    submitted: date | None
    days_late: int | None
    indicators: dict[str, int]
    models: int
    left_out: bool
    #: its report counts in the totals (:func:`dkst.checks.compliance.counted`, the one decision, carried here)
    counted: bool
    #: its own figures of the same period last year (empty: none; ``None``: no ``previous``)
    previous: dict[str, int] | None = None
    is_self: bool = False  # plan.yaml's ``self``: the issuer's own entry, spoken of as "Ban Thường trực"


@dataclass(frozen=True)
class KindRow:
    """A kind of unit: its reports, its units and its subtotal (numbered I, II, … when it has units)."""

    id: str
    label: str
    numeral: str
    reports: dict[str, Any]
    units: tuple[UnitRow, ...]
    indicators: dict[str, int | None]
    models: int
    #: its units' figures of the same period last year, summed (``None``: no ``previous``)
    previous: dict[str, int | None] | None = None


@dataclass(frozen=True)
class ModelRow:
    unit_id: str
    unit_name: str
    id: str
    name: str
    status: ModelStatus
    status_label: str
    origin: str
    origin_label: str
    started: date | None
    completed_on: date | None
    field: str | None
    summary: str | None
    results: str | None
    beneficiaries: int | None
    propose_replication: bool


@dataclass(frozen=True)
class CommendationRow:
    unit_id: str
    unit_name: str
    name: str
    kind: str
    kind_label: str
    achievement: str | None
    level: str | None


@dataclass(frozen=True)
class TextItem:
    """A unit's typed text (a highlight, a limitation, a proposal)."""

    unit_id: str
    unit_name: str
    text: str
    lines: tuple[str, ...] = ()  # the text's lines, the unit's own name not repeated (voice.text_lines)


@dataclass(frozen=True)
class Totals:
    indicators: dict[str, int | None]
    models: int
    #: last year's totals of the same period (``None``: no ``previous``)
    previous: dict[str, int | None] | None = None


@dataclass(frozen=True)
class LateChanges:
    """``render --history``: which units' reports had their figures changed after the deadline (from git), as
    the appendix says it: a sentence, then one line per report (none: the sentence says so)."""

    intro: str
    lines: tuple[str, ...]


@dataclass
class ReportContext:
    """Everything a period's report and its urging letters print, built once by :func:`build_report`."""

    plan: PlanFacts
    period: PeriodFacts
    as_of: date
    date_line: str | None
    lang: str
    summary: dict[str, Any]  # the ``dkst aggregate --format json`` object
    indicators: tuple[IndicatorRow, ...]
    sections: tuple[Section, ...]
    kinds: tuple[KindRow, ...]  # every kind of the plan, in its order
    units: tuple[UnitRow, ...]  # registry order
    models: tuple[ModelRow, ...]
    commendations: tuple[CommendationRow, ...]
    texts: dict[str, tuple[TextItem, ...]]  # highlights, limitations, proposals
    totals: Totals
    #: narrative/<P>.yaml as the report prints it (empty where there is none: its placeholders)
    narrative: NarrativeFacts
    #: the level's words (from ``issuer``)
    level: LevelWords
    #: only with ``render --history``; ``None`` otherwise (the templates then print nothing of it)
    late_changes: LateChanges | None = None
    #: the year of the figures compared with (plan.yaml's ``previous``); ``None``: no comparison
    previous_year: int | None = None
    #: the template data, computed once (not an argument: :func:`dataclasses.replace` starts afresh)
    _data: dict[str, Any] | None = field(default=None, init=False, repr=False, compare=False)

    def __repr__(self) -> str:
        return (
            f"ReportContext(period={self.period.id!r}, as_of={self.as_of}, lang={self.lang!r}, units={len(self.units)})"
        )

    @property
    def counted(self) -> tuple[UnitRow, ...]:
        """The received reports the totals come from (owed or not, not left out)."""
        return tuple(u for u in self.units if u.counted)

    @property
    def extra_reports(self) -> tuple[UnitRow, ...]:
        """Of the counted reports, those of units that owed none (exempt, not required)."""
        return tuple(u for u in self.counted if u.status in UNOWED_STATUSES and not u.is_self)

    @property
    def self_unit(self) -> UnitRow | None:
        """The issuer's own entry (plan.yaml's ``self``), if any."""
        return next((u for u in self.units if u.is_self), None)

    def facts(self) -> NarrativeFacts:
        """The narrative's facts (all placeholders when the period has no narrative file)."""
        return self.narrative

    @property
    def other_units(self) -> tuple[UnitRow, ...]:
        """Units whose kind is not one of the plan's (normally none)."""
        known = {k.id for k in self.kinds}
        return tuple(u for u in self.units if u.kind not in known)

    def template_data(self) -> dict[str, Any]:
        """The context as templates read it (see :mod:`dkst.documents.render`): plain data, dates as ISO text, the texts
        freed of what XML cannot carry; computed once."""
        if self._data is None:
            data = plain(self)
            del data["narrative"], data["level"]  # given below, after the keys templates always had
            late = data.pop("late_changes", None)
            for key, items in data.pop("texts").items():  # highlights, limitations, proposals at the top
                data[key] = items
            data["lang"] = data.pop("lang")
            data["totals"] = data.pop("totals")
            data["previous_year"] = data.pop("previous_year")
            data["counted_reports"] = len(self.counted)
            data["extra_reports"] = plain(self.extra_reports)
            data["other_units"] = plain(self.other_units)
            data["self_unit"] = plain(self.self_unit)
            facts = self.facts()
            data["narrative"] = plain(facts)
            data["holes"] = data["narrative"].pop("holes")
            data["level"] = plain(self.level)
            data["tasks_title"] = tasks_heading(self.period.start, self.period.end, self.lang)
            # the letterhead's first line as printed, broken before the level and place (English under --lang en)
            data["plan"]["letterhead"]["lines"] = list(letterhead_lines(self.plan.letterhead.superior, self.lang))
            data["late_changes"] = late
            data["date_line"] = self.date_line
            for sec, given in zip(data["sections"], self.sections, strict=True):
                if not sec["sentence"]:
                    sec["sentence"] = sentence_of(given, self.lang)
            self._data = escape.xml_tree(data)
        return self._data


def sentence_of(section: Section, lang: str) -> str:
    """The paragraph of a section (:func:`dkst.documents.voice.section_sentence`)."""
    from dkst.documents.voice import Figure

    return section_sentence(
        [Figure(i.label, i.unit, i.phrase, i.total, i.units) for i in section.indicators],
        lang,
    )


def plain(value: Any) -> Any:
    """A part of the report context as plain data: a dataclass → a dict of its public fields (a unit also gets
    ``submitted_vn``, a period ``last_on_time_vn``: "04/6/2023"), a date → ISO text, a tuple → a list."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if is_dataclass(value):
        out = {f.name: plain(getattr(value, f.name)) for f in fields(value) if not f.name.startswith("_")}
        if isinstance(value, UnitRow):
            out["submitted_vn"] = vn_date(value.submitted) if value.submitted else ""
        elif isinstance(value, TextItem):
            out["lines"] = list(value.lines or text_lines(value.unit_name, value.text))
        elif isinstance(value, PeriodFacts):
            out["last_on_time_vn"] = vn_date(value.last_on_time) if value.last_on_time else ""
        return out
    return value
