"""The context of the report and reminder templates (:func:`render_context`), built from a period's
aggregate (:mod:`dkst.aggregate`): the figures, labels in the document's language, the plan's facts and
letterhead (:func:`plan_context`, :func:`letterhead`). What the templates read is listed in :mod:`dkst.render`."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from dkst.aggregate import AggregateError, aggregate, label
from dkst.frames import TEXT_KEYS, _int, _iso
from dkst.periods import date_line, vn_date
from dkst.template_context import MOTTO, NATIONAL

if TYPE_CHECKING:
    from dkst.checker import Checked
    from dkst.dataset import Dataset

STANDING = "Ban Thường trực"


def render_context(checked: Checked, period_id: str, lang: str = "vi") -> dict[str, Any]:
    """Everything the report templates read (see :mod:`dkst.render`), dates as ISO strings."""
    from dkst.filters import in_sentence
    from dkst.i18n import text

    agg = aggregate(checked, period_id, lang)
    ds = agg.dataset
    plan = ds.plan
    if plan is None:  # aggregate() has refused it already
        raise AggregateError("no-plan")
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
    given = (plan.periods or {}).get(period.id)
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
        "date_line": date_line(plan.place, agg.as_of),
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
    if plan is None:
        raise AggregateError("no-plan")
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
