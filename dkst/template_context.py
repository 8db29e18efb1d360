"""The context as templates see it (:func:`prepare_context`): a cleaned copy of what the report context
gives, optional keys filled with ``None``, grouping keys added (see :mod:`dkst.render`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dkst import escape
from dkst.filters import in_sentence, roman, vndate

NATIONAL = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
OTHER_SECTION = "Kết quả khác"

#: Statuses of a unit whose received report counts in the totals (unless its file is left out).
COUNTED_STATUSES = ("on_time", "late", "exempt", "not_required")


def _clean(value: Any) -> Any:
    """A deep copy with every string freed of the control characters XML 1.0 cannot carry."""
    if isinstance(value, str):
        return escape.xml_chars(value)
    if isinstance(value, Mapping):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return value


def _defaults(d: dict, keys: tuple[str, ...]) -> None:
    for k in keys:
        d.setdefault(k, None)


def prepare_context(context: Mapping[str, Any]) -> dict[str, Any]:
    """The context as templates see it: a cleaned copy, optional keys filled, grouping keys added."""
    ctx: dict[str, Any] = _clean(context)
    plan = ctx.setdefault("plan", {})
    _defaults(plan, ("title", "year", "issuer", "place", "number", "issued", "signer", "report_to"))
    plan["based_on"] = plan.get("based_on") or []
    for b in plan["based_on"]:
        _defaults(b, ("number", "date", "issuer", "title"))
    plan["recipients"] = plan.get("recipients") or []
    lh = plan.get("letterhead") or {}
    plan["letterhead"] = lh
    _defaults(lh, ("superior", "organ", "symbol"))
    lh["national"] = lh.get("national") or NATIONAL
    lh["motto"] = lh.get("motto") or MOTTO
    if isinstance(plan.get("signer"), dict):
        _defaults(plan["signer"], ("on_behalf", "title", "name"))
    if isinstance(plan.get("report_to"), dict):
        _defaults(plan["report_to"], ("office", "email"))
    for key in (
        "indicators",
        "sections",
        "kinds",
        "units",
        "models",
        "commendations",
        "highlights",
        "limitations",
        "proposals",
    ):
        if ctx.get(key) is None:
            ctx[key] = []
    ctx.setdefault("summary", {})
    ctx.setdefault("lang", "vi")
    _defaults(ctx, ("as_of", "date_line"))
    period = ctx.setdefault("period", {})
    _defaults(period, ("id", "name", "start", "end", "last_on_time", "deadline"))
    if not period.get("last_on_time_vn"):
        period["last_on_time_vn"] = vndate(period.get("last_on_time"))
    if not period.get("in_sentence"):
        period["in_sentence"] = in_sentence(period.get("name"))
    for u in ctx["units"]:
        _defaults(u, ("short_name", "kind_label", "status_label", "submitted", "days_late"))
        u.setdefault("indicators", {})
        u.setdefault("models", 0)
        u.setdefault("left_out", False)
        if not u.get("submitted_vn"):
            u["submitted_vn"] = vndate(u.get("submitted"))
    # the reports behind the totals: the owed reports received, and reports of units that owed none
    counted = [
        u for u in ctx["units"] if u.get("submitted") and not u.get("left_out") and u.get("status") in COUNTED_STATUSES
    ]
    ctx.setdefault("extra_reports", [u for u in counted if u.get("status") in ("exempt", "not_required")])
    ctx.setdefault("counted_reports", len(counted))
    for m in ctx["models"]:
        _defaults(
            m,
            ("status_label", "origin_label", "started", "completed_on", "field", "summary", "results", "beneficiaries"),
        )
        m.setdefault("propose_replication", False)
    for c in ctx["commendations"]:
        _defaults(c, ("kind_label", "achievement", "level"))

    ids = [i.get("id") for i in ctx["indicators"]]

    def sums(units: list[dict]) -> dict[str, int | None]:
        out: dict[str, int | None] = {}
        for i in ids:
            vals = [u["indicators"][i] for u in units if u["indicators"].get(i) is not None]
            out[i] = sum(vals) if vals else None
        return out

    known = set()
    numeral = 0
    for k in ctx["kinds"]:
        known.add(k.get("id"))
        members = [u for u in ctx["units"] if u.get("kind") == k.get("id")]
        k.setdefault("units", members)
        if k["units"]:
            numeral += 1
        k.setdefault("numeral", roman(numeral) if k["units"] else "")
        # a kind's sums are computed here, once, unless the caller gave them
        if "indicators" not in k:
            k["indicators"] = sums(k["units"])
        if "models" not in k:
            k["models"] = sum(int(u.get("models") or 0) for u in k["units"])
        k.setdefault("reports", {})
    ctx.setdefault("other_units", [u for u in ctx["units"] if u.get("kind") not in known])

    if "totals" not in ctx:
        # the totals are the aggregate's (``summary``); summed here only for what a hand-made context lacks
        summary = ctx["summary"]
        s_ind = summary.get("indicators") or {}
        totals = {i: (s_ind.get(i) or {}).get("total") for i in ids}
        if any(i not in s_ind for i in ids):
            for i, v in sums(ctx["units"]).items():
                if i not in s_ind:
                    totals[i] = v
        s_models = summary.get("models") or {}
        models = s_models["total"] if "total" in s_models else sum(int(u.get("models") or 0) for u in ctx["units"])
        ctx["totals"] = {"indicators": totals, "models": models}
    return ctx
