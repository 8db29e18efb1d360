"""``dkst aggregate`` as a library: a period's figures, built on pandas.

The loaded dataset becomes three tidy frames (:func:`report_frame`: one row per unit of the registry, plus one
per report of a unit whose registry entry is unusable; :func:`model_frame`: one row per counting model of the
period's window; :func:`commendation_frame`: one row per commendation of a counted report), and every table
is derived from them: the JSON object of FORMAT.md (:func:`summary`), the rows of the exports
(:mod:`dkst.export`) and the context of the report templates (:func:`render_context`).

pandas is imported inside the functions only, so that importing this module costs nothing: ``dkst check``
and ``dkst --help`` never load it.

Rules (FORMAT.md, "``dkst aggregate --period P --format json``"):

- a report *counts* when it was received by as-of (a date in the real future is no date: the report is
  absent) and its file has no error-level data finding (``SourceFile.broken``); a received report whose file
  is broken is *left out* of every total and counted in ``left_out``; so is a report of a unit whose entry in
  ``units.yaml`` is unusable (it belongs to no known unit);
- ``expected`` counts the units whose status is on_time, late, missing, pending or invalid; ``received`` =
  on_time + late; completeness and timeliness are rounded half-up to 4 places, ``None`` when nothing is
  expected;
- indicator totals, commendations, highlights, limitations and proposals come from the counted reports,
  required or not; an indicator that no counted report carries has total ``None`` ("not reported", never 0);
- a model counts when its status is in_progress or completed and ``started`` lies in the plan year, between
  the period's start and the earlier of its end and as-of (and not in the real future); it counts for its
  owner only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from dkst.checks.compliance import counting_models, received
from dkst.findings import Severity
from dkst.periods import date_line, today, vn_date
from dkst.schema import ModelRecord, Report

if TYPE_CHECKING:
    import pandas as pd

    from dkst.checker import Checked
    from dkst.checks.registry import PeriodInfo
    from dkst.dataset import Dataset, SourceFile

#: Statuses of a unit that owes the report (the ``expected`` units), in the order of the JSON keys.
EXPECTED_STATUSES = ("on_time", "late", "missing", "pending", "invalid")
#: Keys of ``reports`` and of every ``by_kind`` entry, in order.
REPORT_KEYS = (
    "expected",
    "received",
    "on_time",
    "late",
    "missing",
    "pending",
    "invalid",
    "left_out",
    "completeness",
    "timeliness",
)
MODEL_KEYS = ("total", "new", "replicated", "in_progress", "completed", "propose_replication")
TEXT_KEYS = ("highlights", "limitations", "proposals")
#: Prefix of the indicator columns of the report frame (indicator ids cannot contain a dot, so no clash).
IND = "ind."


NATIONAL = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
STANDING = "Ban Thường trực"


def label(key: str, lang: str, **params: Any) -> str:
    """A text of the catalogue (:data:`dkst.i18n.TEXTS`) in ``lang``."""
    from dkst.i18n import text

    return text(key, lang, **params)


class AggregateError(Exception):
    """The period cannot be aggregated: a one-line error (``unknown-period``, ``no-plan``), exit code 2."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


@dataclass
class Aggregate:
    """A period's figures as of a day: the frames, the JSON object, and the files with errors."""

    checked: Checked
    period: PeriodInfo
    as_of: date
    lang: str
    reports: pd.DataFrame
    models: pd.DataFrame
    commendations: pd.DataFrame
    summary: dict[str, Any] = field(default_factory=dict)
    #: report files of the period with errors: ``{path, unit, line, treated, message}``; ``treated`` is
    #: ``left_out`` (received, not counted), ``invalid`` (``submitted`` unreadable) or ``absent`` (future date)
    problems: list[dict[str, Any]] = field(default_factory=list)

    @property
    def dataset(self) -> Dataset:
        return self.checked.dataset

    @property
    def indicator_ids(self) -> list[str]:
        return list(self.dataset.index.indicators or {})

    @property
    def kinds(self) -> dict[str, str]:
        return dict(self.dataset.index.kinds or {})


# ---------------------------------------------------------------- the period


def period_of(checked: Checked, period_id: str) -> PeriodInfo:
    """The usable period ``period_id``, or :class:`AggregateError` (``no-plan`` / ``unknown-period``)."""
    ds = checked.dataset
    index = ds.index
    if ds.plan is None or index is None or not isinstance(index.year, int) or not index.periods:
        raise AggregateError("no-plan")
    info = index.periods.get(period_id)
    if info is not None:
        return info
    if period_id in ds.period_ids:
        raise AggregateError("no-plan")  # written in plan.yaml, but broken there
    raise AggregateError("unknown-period", value=period_id, choices=", ".join(index.periods))


def window_end(period: PeriodInfo, as_of: date) -> date:
    """The last day of the models' window: the earlier of the period's end and as-of."""
    return min(period.end, as_of)


# ---------------------------------------------------------------- the frames

_REPORT_COLUMNS = (
    "unit",
    "name",
    "short_name",
    "kind",
    "order",
    "status",
    "expected",
    "submitted",
    "days_late",
    "received",
    "left_out",
    "counted",
    "path",
    "collective",
    "individual",
    *TEXT_KEYS,
)
_MODEL_COLUMNS = (
    "unit",
    "kind",
    "order",
    "id",
    "name",
    "status",
    "origin",
    "started",
    "completed_on",
    "field",
    "summary",
    "results",
    "beneficiaries",
    "propose_replication",
)
_COMMENDATION_COLUMNS = ("unit", "kind", "order", "name", "kind_of", "achievement", "level")


def report_frame(checked: Checked, period: PeriodInfo) -> pd.DataFrame:
    """One row per unit of the registry (in order) with its status and report for ``period``, then one row per
    report of a unit whose registry entry is unusable (``kind`` and ``status`` ``None``, always left out).

    Indicator columns are ``ind.<id>`` (nullable ``Int64``: ``<NA>`` where the report does not carry it); they
    hold what the report says whether or not it counts: mask with ``counted``.
    """

    ds, ev = checked.dataset, checked.evaluation
    as_of, now = ev.as_of, today()
    indicators = list(ds.index.indicators or {})
    rows: list[dict[str, Any]] = []
    for order, unit in enumerate(ds.units):
        status = ev.report_status(ds, unit, period.id)
        src = ds.reports.get(unit.id, {}).get(period.id)
        row = _report_row(src, as_of, now, indicators, orphan=False)
        row.update(
            unit=unit.id,
            name=unit.name,
            short_name=unit.short_name,
            kind=unit.kind,
            order=order,
            status=status.status,
            expected=status.status in EXPECTED_STATUSES,
            days_late=status.days_late if status.status == "late" else None,
        )
        rows.append(row)
    known = ds.unit_index
    for unit_id in sorted(ds.reports):
        src = ds.reports[unit_id].get(period.id)
        if unit_id in known or src is None:
            continue
        row = _report_row(src, as_of, now, indicators, orphan=True)
        row.update(
            unit=unit_id,
            name=unit_id,
            short_name=None,
            kind=None,
            order=len(rows),
            status=None,
            expected=False,
            days_late=None,
        )
        rows.append(row)
    types: dict[str, Any] = {
        "order": "int64",
        "expected": "bool",
        "received": "bool",
        "left_out": "bool",
        "counted": "bool",
        "collective": "int64",
        "individual": "int64",
        "days_late": "Int64",
    }
    types.update({IND + i: "Int64" for i in indicators})
    return _frame(rows, [*_REPORT_COLUMNS, *(IND + i for i in indicators)], types)


def _frame(rows: list[dict[str, Any]], columns: list[str], types: dict[str, Any]) -> pd.DataFrame:
    """A frame of ``rows``; columns not in ``types`` keep Python objects (``None`` stays ``None``, not NaN)."""
    import pandas as pd

    return pd.DataFrame(
        {c: pd.Series([r.get(c) for r in rows], dtype=types.get(c, object)) for c in columns}, columns=columns
    )


def _report_row(src: SourceFile | None, as_of: date, now: date, indicators: list[str], orphan: bool) -> dict[str, Any]:
    day = received(src, as_of, now)
    row: dict[str, Any] = {
        "submitted": day,
        "received": day is not None,
        "path": src.path if src else None,
        "collective": 0,
        "individual": 0,
    }
    row["left_out"] = day is not None and (orphan or src.broken)
    row["counted"] = day is not None and not row["left_out"]
    rec = src.record if day is not None else None
    for key in TEXT_KEYS:
        row[key] = getattr(rec, key, None) if isinstance(rec, Report) else None
    if isinstance(rec, Report):
        values = rec.indicators or {}
        for ind in indicators:
            value = values.get(ind)
            if isinstance(value, int) and not isinstance(value, bool):
                row[IND + ind] = value
        for item in rec.commendations or []:
            kind = getattr(getattr(item, "kind", None), "value", None)
            if kind in ("collective", "individual"):
                row[kind] += 1
    return row


def model_frame(checked: Checked, period: PeriodInfo) -> pd.DataFrame:
    """One row per counting model whose ``started`` lies in [period start, min(period end, as-of)], by unit in
    registry order, then model id."""

    ds = checked.dataset
    as_of = checked.evaluation.as_of
    last = window_end(period, as_of)
    rows = []
    for order, unit in enumerate(ds.units):
        for model_id, src in counting_models(ds, unit.id, as_of, start=period.start):
            rec: ModelRecord = src.record
            if rec.started > last:
                continue
            origin = getattr(rec.origin, "value", None) or "new"
            rows.append(
                {
                    "unit": unit.id,
                    "kind": unit.kind,
                    "order": order,
                    "id": model_id,
                    "name": rec.name or model_id,
                    "status": rec.status.value,
                    "origin": origin,
                    "started": rec.started,
                    "completed_on": rec.completed_on,
                    "field": rec.field,
                    "summary": rec.summary,
                    "results": rec.results,
                    "beneficiaries": rec.beneficiaries,
                    "propose_replication": bool(rec.propose_replication),
                }
            )
    return _frame(
        rows, list(_MODEL_COLUMNS), {"order": "int64", "beneficiaries": "Int64", "propose_replication": "bool"}
    )


def commendation_frame(checked: Checked, period: PeriodInfo, reports: pd.DataFrame) -> pd.DataFrame:
    """One row per commendation of a counted report, by unit in registry order, then as written."""

    ds = checked.dataset
    rows = []
    for row in reports[reports["counted"]].itertuples(index=False):
        rec = ds.reports[row.unit][period.id].record
        for item in rec.commendations or []:
            kind = getattr(getattr(item, "kind", None), "value", None)
            if item is None or kind not in ("collective", "individual"):
                continue
            rows.append(
                {
                    "unit": row.unit,
                    "kind": row.kind,
                    "order": row.order,
                    "name": item.name,
                    "kind_of": kind,
                    "achievement": item.achievement,
                    "level": item.level,
                }
            )
    return _frame(rows, list(_COMMENDATION_COLUMNS), {"order": "int64"})


# ---------------------------------------------------------------- the figures


def ratio(part: int, whole: int) -> float | None:
    """``part / whole`` rounded half-up to 4 places; ``None`` when ``whole`` is 0."""
    if not whole:
        return None
    return float((Decimal(part) / Decimal(whole)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP))


def report_counts(frame: pd.DataFrame) -> dict[str, Any]:
    """The ``reports`` object of FORMAT.md over the rows of ``frame``."""
    owed = frame.loc[frame["expected"], "status"].value_counts()
    counts = {s: int(owed.get(s, 0)) for s in EXPECTED_STATUSES}
    out: dict[str, Any] = {"expected": int(frame["expected"].sum()), "received": counts["on_time"] + counts["late"]}
    out.update(counts)
    out["left_out"] = int(frame["left_out"].sum())
    out["completeness"] = ratio(out["received"], out["expected"])
    out["timeliness"] = ratio(out["on_time"], out["expected"])
    return {k: out[k] for k in REPORT_KEYS}


def indicator_figures(frame: pd.DataFrame, indicators: list[str]) -> dict[str, tuple[int | None, int]]:
    """``{id: (total or None, how many counted reports carry it)}`` over the counted rows of ``frame``."""
    cols = [IND + i for i in indicators]
    counted = frame.loc[frame["counted"], cols]
    out: dict[str, tuple[int | None, int]] = {}
    for i in indicators:
        # summed as Python ints, which cannot wrap (pandas sums int64 and would wrap silently past 2**63)
        values = [int(v) for v in counted[IND + i].dropna().tolist()]
        out[i] = (sum(values) if values else None, len(values))
    return out


def model_counts(models: pd.DataFrame) -> dict[str, int]:
    """The ``models`` object of FORMAT.md over the rows of ``models``."""
    origin = models["origin"].value_counts()
    status = models["status"].value_counts()
    return {
        "total": len(models),
        "new": int(origin.get("new", 0)),
        "replicated": int(origin.get("replicated", 0)),
        "in_progress": int(status.get("in_progress", 0)),
        "completed": int(status.get("completed", 0)),
        "propose_replication": int(models["propose_replication"].sum()),
    }


def _int(value: Any) -> int | None:
    import pandas as pd

    return None if value is None or pd.isna(value) else int(value)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if isinstance(day, date) else None


def aggregate(checked: Checked, period_id: str, lang: str = "vi") -> Aggregate:
    """Aggregate period ``period_id`` of a checked dataset (as of ``checked.evaluation.as_of``).

    Raises :class:`AggregateError` when the plan is too broken or the period is unknown.
    """
    period = period_of(checked, period_id)
    reports = report_frame(checked, period)
    models = model_frame(checked, period)
    agg = Aggregate(
        checked, period, checked.evaluation.as_of, lang, reports, models, commendation_frame(checked, period, reports)
    )
    agg.problems = problem_files(checked, period, lang)
    agg.summary = summary(agg)
    return agg


def summary(agg: Aggregate) -> dict[str, Any]:
    """The JSON object of ``dkst aggregate --format json``, keys in FORMAT.md's order.

    Extra keys beyond FORMAT.md: ``files_with_errors`` (see :attr:`Aggregate.problems`) at the end, and
    ``left_out`` (bool) in each unit entry.
    """
    ds = agg.dataset
    frame, models, comm = agg.reports, agg.models, agg.commendations
    indicators = ds.index.indicators or {}
    figures = indicator_figures(frame, list(indicators))
    own_models = models.groupby("unit").size().to_dict()
    kind_of = comm["kind_of"].value_counts()
    by_kind = {kind: report_counts(frame[frame["kind"] == kind]) for kind in agg.kinds}
    units = []
    for row in frame[frame["status"].notna()].to_dict("records"):
        values = {}
        if row["counted"]:
            for ind in indicators:
                value = _int(row[IND + ind])
                if value is not None:
                    values[ind] = value
        units.append(
            {
                "id": row["unit"],
                "name": row["name"],
                "kind": row["kind"],
                "status": row["status"],
                "submitted": _iso(row["submitted"]),
                "days_late": _int(row["days_late"]),
                "indicators": values,
                "models": int(own_models.get(row["unit"], 0)),
                "left_out": bool(row["left_out"]),
            }
        )
    return {
        "period": agg.period.id,
        "name": agg.period.name,
        "as_of": agg.as_of.isoformat(),
        "reports": report_counts(frame),
        "indicators": {
            i: {"label": ind.label, "total": figures[i][0], "units": figures[i][1]} for i, ind in indicators.items()
        },
        "models": model_counts(models),
        "commendations": {
            "collective": int(kind_of.get("collective", 0)),
            "individual": int(kind_of.get("individual", 0)),
        },
        "by_kind": by_kind,
        "units": units,
        "files_with_errors": agg.problems,
    }


def problem_files(checked: Checked, period: PeriodInfo, lang: str) -> list[dict[str, Any]]:
    """The report files of ``period`` with an error, and how the figures treat them; registry order."""
    ds = checked.dataset
    as_of, now = checked.evaluation.as_of, today()
    order = {u.id: i for i, u in enumerate(ds.units)}
    errors: dict[str, list[Any]] = {}
    for f in checked.result.findings:
        if f.level >= Severity.ERROR and f.code != "rule-failed":
            errors.setdefault(f.path, []).append(f)
    out = []
    for unit_id in sorted(ds.reports, key=lambda u: (order.get(u, len(order)), u)):
        src = ds.reports[unit_id].get(period.id)
        if src is None:
            continue
        orphan = unit_id not in order
        rec = src.record
        if not isinstance(rec, Report) or rec.submitted is None:
            treated = "invalid"
        elif received(src, as_of, now) is not None:
            if not (src.broken or orphan):
                continue
            treated = "left_out"
        elif src.broken and any(f.code == "future-date" for f in errors.get(src.path, [])):
            treated = "absent"
        else:
            continue
        first = min(errors.get(src.path, []), key=lambda f: (f.line is not None, f.line or 0, f.code), default=None)
        if first is not None:
            line, message = first.line, first.message(lang)
        else:  # an orphan report with a clean file: its unit entry is what is wrong
            line, message = None, label("orphan-unit", lang, unit=unit_id)
        out.append({"path": src.path, "unit": unit_id, "line": line, "treated": treated, "message": message})
    return out


# ---------------------------------------------------------------- the render context


def render_context(checked: Checked, period_id: str, lang: str = "vi") -> dict[str, Any]:
    """Everything the report templates read (see :mod:`dkst.render`), dates as ISO strings."""
    from dkst.i18n import text
    from dkst.render import in_sentence

    agg = aggregate(checked, period_id, lang)
    ds = agg.dataset
    period = agg.period
    kinds = agg.kinds
    names = {u.id: u.name for u in ds.units}
    summ = agg.summary
    english = lang == "en"
    indicators = [
        {
            "id": i,
            # the plan's optional English label for --lang en; else the label as the plan writes it
            "label": (getattr(ind, "label_en", None) if english else None) or ind.label,
            "unit": ind.unit,
            "section": ind.section,
            "total": summ["indicators"][i]["total"],
            "units": summ["indicators"][i]["units"],
        }
        for i, ind in (ds.index.indicators or {}).items()
    ]
    sections: dict[str, list[dict[str, Any]]] = {}
    for item in indicators:
        sections.setdefault(item["section"] or label("other-section", lang), []).append(item)
    short = {u.id: u.short_name for u in ds.units}
    units = []
    for item in summ["units"]:
        submitted = date.fromisoformat(item["submitted"]) if item["submitted"] else None
        units.append(
            {
                "id": item["id"],
                "name": item["name"],
                "short_name": short.get(item["id"]),
                "kind": item["kind"],
                "kind_label": kinds.get(item["kind"], item["kind"]),
                "status": item["status"],
                "status_label": text(item["status"], lang),
                "submitted": item["submitted"],
                "submitted_vn": vn_date(submitted) if submitted else None,
                "days_late": item["days_late"],
                "indicators": item["indicators"],
                "models": item["models"],
                "left_out": item["left_out"],
            }
        )
    models = [
        {
            "unit_id": m.unit,
            "unit_name": names.get(m.unit, m.unit),
            "id": m.id,
            "name": m.name,
            "status": m.status,
            "status_label": label(f"model-{m.status}", lang),
            "origin": m.origin,
            "origin_label": label(f"origin-{m.origin}", lang),
            "started": _iso(m.started),
            "completed_on": _iso(m.completed_on),
            "field": m.field,
            "summary": m.summary,
            "results": m.results,
            "beneficiaries": _int(m.beneficiaries),
            "propose_replication": bool(m.propose_replication),
        }
        for m in agg.models.itertuples(index=False)
    ]
    commendations = [
        {
            "unit_id": c.unit,
            "unit_name": names.get(c.unit, c.unit),
            "name": c.name,
            "kind": c.kind_of,
            "kind_label": label(f"commendation-{c.kind_of}", lang),
            "achievement": c.achievement,
            "level": c.level,
        }
        for c in agg.commendations.itertuples(index=False)
    ]
    counted = agg.reports[agg.reports["counted"]]
    texts = {
        key: [
            {"unit_id": r.unit, "unit_name": names.get(r.unit, r.unit), "text": getattr(r, key)}
            for r in counted.itertuples(index=False)
            if getattr(r, key)
        ]
        for key in TEXT_KEYS
    }
    given = (ds.plan.periods or {}).get(period.id)
    name = (getattr(given, "name_en", None) if english else None) or period.name
    return {
        "plan": plan_context(ds),
        "period": {
            "id": period.id,
            "name": name,
            "in_sentence": in_sentence(name),
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
            "last_on_time": period.deadline.last_on_time.isoformat(),
            "deadline": period.deadline.day.isoformat(),
            "last_on_time_vn": vn_date(period.deadline.last_on_time),
        },
        "as_of": agg.as_of.isoformat(),
        "date_line": date_line(ds.plan.place, agg.as_of),
        "summary": summ,
        "indicators": indicators,
        "sections": [{"title": title, "indicators": items} for title, items in sections.items()],
        "kinds": [{"id": k, "label": lab, "reports": summ["by_kind"][k]} for k, lab in kinds.items()],
        "units": units,
        "models": models,
        "commendations": commendations,
        **texts,
        "lang": lang,
    }


def plan_context(ds: Dataset) -> dict[str, Any]:
    """The ``plan`` entry of the render context, with the letterhead's defaults filled in."""
    plan = ds.plan
    signer = plan.signer
    report_to = plan.report_to
    return {
        "title": plan.title,
        "year": plan.year,
        "issuer": plan.issuer,
        "place": plan.place,
        "number": plan.number,
        "issued": _iso(plan.issued),
        "signer": (
            {"on_behalf": signer.on_behalf, "title": signer.title, "name": signer.name} if signer is not None else None
        ),
        "based_on": [
            {"number": b.number, "date": _iso(b.date), "issuer": b.issuer, "title": b.title}
            for b in plan.based_on or []
            if b is not None
        ],
        "report_to": ({"office": report_to.office, "email": report_to.email} if report_to is not None else None),
        "letterhead": letterhead(plan),
        "recipients": [r for r in plan.recipients or [] if r],
    }


def letterhead(plan: Any) -> dict[str, str | None]:
    """The header block: what plan.yaml gives, else derived from the issuer.

    ``Ban Thường trực Ủy ban MTTQ Việt Nam thành phố Tam Kỳ`` → superior ``ỦY BAN MTTQ VIỆT NAM THÀNH PHỐ TAM
    KỲ``, organ ``BAN THƯỜNG TRỰC``; another issuer → superior its name in capitals, no organ line. The symbol
    defaults to what follows ``KH-`` in the plan's number (``25/KH-MTTQ-BTT`` → ``MTTQ-BTT``).
    """
    given = plan.letterhead
    issuer = " ".join((plan.issuer or "").split())
    organ: str | None = None
    superior: str | None = issuer.upper() or None
    if issuer.casefold().startswith(STANDING.casefold()) and issuer[len(STANDING) :].strip():
        organ = STANDING.upper()
        superior = issuer[len(STANDING) :].strip().upper()
    symbol = None
    number = plan.number or ""
    if "/KH-" in number:
        symbol = number.split("/KH-", 1)[1].strip() or None

    def pick(key: str, default: str | None) -> str | None:
        value = getattr(given, key, None) if given is not None else None
        return value if value else default

    return {
        "superior": pick("superior", superior),
        "organ": pick("organ", organ),
        "national": pick("national", NATIONAL),
        "motto": pick("motto", MOTTO),
        "symbol": pick("symbol", symbol),
    }
