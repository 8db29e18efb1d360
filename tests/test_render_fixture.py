"""The render fixture (``tests/fixtures/render_context.json``) has the shape of the real report context.

The fixture is written by hand (hostile text, absent parts), so it is not generated; instead its shape — the
keys of every object and the JSON type of every value — is compared with the context that
:func:`dkst.documents.report_context.render_context` builds from real datasets. A key added to or dropped from the real
context, or a value whose type changes, fails here until the fixture follows.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from tests.conftest import CASES, REPO

FIXTURE = REPO / "tests" / "fixtures" / "render_context.json"

#: Objects whose keys are data (indicator ids, unit kinds), not names the templates use: their values are
#: compared, not their keys. A path is the keys from the root, ``[]`` standing for any list item.
DATA_KEYED = {
    ("summary", "indicators"),
    ("summary", "by_kind"),
    ("summary", "units", "[]", "indicators"),
    ("units", "[]", "indicators"),
    ("summary", "units", "[]", "previous_indicators"),
    ("units", "[]", "previous"),
}

Shape = dict[str, Any]

#: What the report context derives from the rest (``kinds[*]`` grouping and subtotals, the totals, the
#: counted reports): a hand-made context may leave them out, and :func:`prepare_context` adds them.
DERIVED_TOP = ("totals", "counted_reports", "extra_reports", "other_units")
DERIVED_KIND = ("units", "numeral", "indicators", "models", "previous")


def base_of(data: dict[str, Any]) -> dict[str, Any]:
    """A template context without what is derived: the shape a hand-made context is written in."""
    out = {k: v for k, v in data.items() if k not in DERIVED_TOP}
    out["kinds"] = [{k: v for k, v in kind.items() if k not in DERIVED_KIND} for kind in data["kinds"]]
    return out


def shape_of(value: Any, path: tuple[str, ...] = ()) -> Shape:
    """The shape of a JSON value: ``{"object": {key: shape}}``, ``{"map": shape}`` for a data-keyed object,
    ``{"list": shape | None}`` (the merged shape of the items), or ``{"types": {...}}`` for a scalar. Merged
    objects name in ``"sometimes"`` the keys that only some of them have."""
    if isinstance(value, dict):
        if path in DATA_KEYED:
            return {"map": _merge_all([shape_of(v, (*path, "*")) for v in value.values()])}
        return {"object": {k: shape_of(v, (*path, k)) for k, v in value.items()}}
    if isinstance(value, list):
        return {"list": _merge_all([shape_of(v, (*path, "[]")) for v in value])}
    return {"types": {_json_type(value)}}


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    raise TypeError(f"not a JSON value: {value!r}")  # the context is plain data (dates as ISO text)


def _merge_all(shapes: list[Shape]) -> Shape | None:
    merged: Shape | None = None
    for s in shapes:
        merged = s if merged is None else _merge(merged, s)
    return merged


def _merge(a: Shape, b: Shape) -> Shape:
    """The shape of values that are sometimes ``a`` and sometimes ``b`` (null may stand for anything)."""
    if "types" in a and a["types"] == {"null"}:
        return b
    if "types" in b and b["types"] == {"null"}:
        return a
    if "object" in a and "object" in b:
        keys = {**a["object"], **b["object"]}
        common = a["object"].keys() & b["object"].keys()
        return {
            "object": {k: _merge(a["object"][k], b["object"][k]) if k in common else keys[k] for k in keys},
            "sometimes": a.get("sometimes", set()) | b.get("sometimes", set()) | (keys.keys() - common),
        }
    if "map" in a and "map" in b:
        return {"map": _merge_opt(a["map"], b["map"])}
    if "list" in a and "list" in b:
        return {"list": _merge_opt(a["list"], b["list"])}
    if "types" in a and "types" in b:
        return {"types": a["types"] | b["types"]}
    raise AssertionError(f"one value is sometimes {a} and sometimes {b}")


def _merge_opt(a: Shape | None, b: Shape | None) -> Shape | None:
    return b if a is None else a if b is None else _merge(a, b)


def differences(real: Shape | None, fixture: Shape | None, path: str = "$") -> list[str]:
    """Where the fixture's shape departs from the real one (an empty list on either side says nothing)."""
    if real is None or fixture is None:
        return []
    if real.get("types") == {"null"} or fixture.get("types") == {"null"}:
        return []  # an absent part: the templates must cope with it either way
    if "object" in real and "object" in fixture:
        r, f = real["object"], fixture["object"]
        out = [f"{path}.{k}: in the real context, not in the fixture" for k in r if k not in f]
        out += [f"{path}.{k}: in the fixture, not in the real context" for k in f if k not in r]
        out += [
            f"{path}.{k}: in every real one, not in every one of the fixture"
            for k in r
            if k in f and k in fixture.get("sometimes", ()) and k not in real.get("sometimes", ())
        ]
        for k in r.keys() & f.keys():
            out += differences(r[k], f[k], f"{path}.{k}")
        return out
    if "map" in real and "map" in fixture:
        return differences(real["map"], fixture["map"], f"{path}.*")
    if "list" in real and "list" in fixture:
        return differences(real["list"], fixture["list"], f"{path}[]")
    if "types" in real and "types" in fixture:
        extra = fixture["types"] - real["types"] - {"null"}
        return [f"{path}: {sorted(extra)} in the fixture, {sorted(real['types'])} in the real context"] if extra else []
    kind = next(iter(real))
    return [f"{path}: {kind} in the real context, {next(iter(fixture))} in the fixture"]


@pytest.fixture(scope="module")
def real_shape() -> Shape:
    """The merged shape of real contexts (their base, without what is derived)."""
    contexts = [base_of(data) for data in real_contexts()]
    merged = _merge_all([shape_of(c) for c in contexts])
    assert merged is not None
    return merged


def real_contexts() -> list[dict[str, Any]]:
    """The template data of real report contexts: the sample (H1, Y) and the hand-made case with a broken
    report, in both languages."""
    from dkst.checks.checker import check
    from dkst.documents.report_context import render_context

    contexts = []
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DKST_TODAY", "2024-06-30")
        for root, period, as_of in (
            (REPO / "data", "H1", date(2023, 11, 30)),
            (REPO / "data", "Y", date(2024, 1, 15)),
            (CASES / "aggregate" / "basic", "H1", date(2023, 7, 15)),
        ):
            checked = check(root, as_of)
            contexts += [render_context(checked, period, lang).template_data() for lang in ("vi", "en")]
    return contexts


def test_a_hand_made_context_is_prepared_as_the_report_context_is_built() -> None:
    """A hand-made context (:func:`prepare_context`, :func:`dkst.documents.report_data.report_from_data`) given the base
    of a real context derives exactly what the real one gives: the same grouping, subtotals, totals, counted
    reports, letterhead and dates in words."""
    from dkst.documents.template_context import prepare_context

    for data in real_contexts():
        assert prepare_context(json.loads(json.dumps(base_of(data)))) == data


def test_the_fixture_has_the_shape_of_the_real_context(real_shape: Shape) -> None:
    fixture = json.loads(FIXTURE.read_text(encoding="utf-8"))
    drift = differences(real_shape, shape_of(fixture))
    assert drift == [], "\n".join(drift)


def test_the_comparison_sees_drift(real_shape: Shape) -> None:
    fixture = json.loads(FIXTURE.read_text(encoding="utf-8"))
    fixture["units"][0].pop("left_out")
    fixture["summary"]["extra"] = 1
    fixture["period"]["deadline"] = 20230605
    assert sorted(differences(real_shape, shape_of(fixture))) == [
        "$.period.deadline: ['number'] in the fixture, ['string'] in the real context",
        "$.summary.extra: in the fixture, not in the real context",
        "$.units[].left_out: in every real one, not in every one of the fixture",
    ]


def test_the_fixture_is_plain_json() -> None:
    raw = FIXTURE.read_text(encoding="utf-8")
    assert raw == json.dumps(json.loads(raw), ensure_ascii=False, indent=1) + "\n"
