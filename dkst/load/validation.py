"""Parsed data → a record of one of the schema classes, with every schema problem located by key path.

An invalid file still yields a *partial record* holding every field that is valid (list items and mapping
entries one by one), so that one bad value does not hide the rest of the file from the checks. A partial
record is an instance of its class in which every field that could not be validated is ``None``, required
fields included (nested records and list items likewise): every attribute exists, so readers use plain
attribute access and test for ``None``, never ``getattr(record, name, None)``. :func:`validate` says which
records are partial (:attr:`Validated.partial`, carried on as ``SourceFile.partial``): only those may hold
``None`` where the class declares a value. It is built with pydantic's public ``model_construct`` from the values
found valid (nothing is written into a record's internals afterwards).
"""

from __future__ import annotations

import difflib
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from dkst.load.schema import Labelled, Record
from dkst.load.yamlio import KeyPath, Tagged

R = TypeVar("R", bound=Record)

#: Nesting below which mappings are cleaned of empty values and ``x-`` keys (the format is never deeper).
CLEAN_DEPTH = 6


@dataclass(slots=True)
class SchemaProblem:
    """One schema problem: a finding code, the key path of the value at fault, message parameters."""

    code: str
    loc: KeyPath
    params: dict[str, Any] = field(default_factory=dict)


def clean(data: Any, depth: int = 0) -> Any:
    """Drop keys with no value (same as absent) and ``x-`` keys (kept by the user, ignored by dkst)."""
    if depth > CLEAN_DEPTH:
        return data
    if isinstance(data, dict):
        return {
            k: clean(v, depth + 1) if k != "exempt" else _clean_exempt(v)
            for k, v in data.items()
            if v is not None and not (isinstance(k, str) and k.startswith("x-"))
        }
    if isinstance(data, list):
        return [clean(v, depth + 1) for v in data]
    return data


def _clean_exempt(value: Any) -> Any:
    """An exemption's reason may not be empty: keep ``key:`` with no value so that it is reported."""
    if isinstance(value, dict):
        return {k: v for k, v in value.items() if not (isinstance(k, str) and k.startswith("x-"))}
    return value


def _real_loc(data: Any, loc: KeyPath) -> tuple[KeyPath, bool]:
    """Map a pydantic ``loc`` onto the data: drop union tags; say whether it ends at a mapping key."""
    real: list[Any] = []
    current = data
    for i, el in enumerate(loc):
        if el == "[key]":
            return tuple(real), True
        if isinstance(current, dict) and el in current:
            real.append(el)
            current = current[el]
        elif isinstance(current, list) and isinstance(el, int) and 0 <= el < len(current):
            real.append(el)
            current = current[el]
        elif i == len(loc) - 1:
            real.append(el)  # a key absent from the data: a missing field
        # otherwise a union tag: not a place in the data
    return tuple(real), False


def _unwrap(annotation: Any) -> list[Any]:
    """The concrete types behind Annotated / Optional / Union."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        out: list[Any] = []
        for arg in typing.get_args(annotation):
            out.extend(_unwrap(arg))
        return out
    return [annotation]


def _is_model(cand: Any) -> bool:
    return isinstance(cand, type) and issubclass(cand, BaseModel)


def _tag_of(model: type[BaseModel]) -> Any:
    field_info = model.model_fields.get("type")
    if field_info is not None and typing.get_origin(field_info.annotation) is typing.Literal:
        return typing.get_args(field_info.annotation)[0]
    return None


def _model_at(cls: type[BaseModel], loc: KeyPath) -> type[BaseModel] | None:
    """The record class whose keys are expected at ``loc`` (pydantic's loc, union tags included)."""
    candidates: list[Any] = [cls]
    for el in loc:
        nxt: list[Any] = []
        for cand in candidates:
            if _is_model(cand):
                if el in cand.model_fields:
                    nxt.extend(_unwrap(cand.model_fields[el].annotation))
                elif _tag_of(cand) == el:
                    nxt.append(cand)  # a discriminated union's tag selects this member
                continue
            origin, args = typing.get_origin(cand), typing.get_args(cand)
            if origin is list and isinstance(el, int):
                nxt.extend(_unwrap(args[0]))
            elif origin is dict and isinstance(el, str):
                nxt.extend(_unwrap(args[1]))
        candidates = nxt
    models = [c for c in candidates if _is_model(c)]
    return models[0] if models else None


def _known_keys(cls: type[BaseModel], loc: KeyPath) -> list[str]:
    model = _model_at(cls, loc[:-1])
    return list(model.model_fields) if model is not None else []


def _choices(cls: type[BaseModel], loc: KeyPath) -> str:
    """The allowed values of the enumeration (or literal) field at pydantic's ``loc``, from its class:
    ``a (đăng ký), b (…)`` (see :meth:`Labelled.choices`); empty when the field is not found."""
    model = _model_at(cls, loc[:-1])
    info = model.model_fields.get(loc[-1]) if model is not None and isinstance(loc[-1], str) else None
    for shape in _unwrap(info.annotation) if info is not None else []:
        if isinstance(shape, type) and issubclass(shape, Labelled):
            return shape.choices()
        if typing.get_origin(shape) is typing.Literal:
            return ", ".join(str(arg) for arg in typing.get_args(shape))
    return ""


def nearest(word: str, choices: list[str]) -> str | None:
    """The closest known word, for a 'did you mean' hint."""
    if not choices:
        return None
    match = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if match:
        return match[0]
    lowered = {c.lower(): c for c in choices}
    return lowered.get(word.lower())


def _field_name(loc: KeyPath) -> str:
    """The name a message gives the value at ``loc``: its key, or ``list[n]`` (1-based) for a list item."""
    if not loc:
        return ""
    last = loc[-1]
    if isinstance(last, int):
        parent = str(loc[-2]) if len(loc) > 1 else ""
        return f"{parent}[{last + 1}]"
    return str(last)


def _problem(cls: type[Record], data: Any, err: ErrorDetails) -> SchemaProblem:
    kind = err["type"]
    loc = tuple(err["loc"])
    real, at_key = _real_loc(data, loc)
    name = _field_name(real)
    if kind == "missing":
        return SchemaProblem("missing-field", real, {"field": name})
    if kind == "union_tag_not_found":
        return SchemaProblem("missing-field", (*real, "type"), {"field": "type"})
    if kind == "extra_forbidden":
        params: dict[str, Any] = {"field": name}
        suggestion = nearest(name, _known_keys(cls, loc))
        if suggestion:
            params["suggest"] = suggestion
        return SchemaProblem("unknown-field", real, params)
    value = err.get("input")
    if at_key:
        value = name
    params = {"field": name, "value": _short(value)}
    if isinstance(value, Tagged):  # whatever the field expects, the tag is the fault
        return SchemaProblem("invalid-value", real, {**params, "reason": "tag"})
    ctx = err.get("ctx") or {}
    if kind == "union_tag_invalid":
        params.update(field="type", value=_short(ctx.get("tag")), reason="enum", allowed=ctx.get("expected_tags", ""))
        return SchemaProblem("invalid-value", (*real, "type") if real[-1:] != ("type",) else real, params)
    if kind in ("enum", "literal_error"):
        params.update(reason="enum", allowed=_choices(cls, loc) or str(ctx.get("expected", "")))
    elif kind in ("model_type", "model_attributes_type", "dict_type"):
        params["reason"] = "mapping"
    elif kind == "list_type":
        params["reason"] = "list"
    elif kind in ("greater_than_equal", "greater_than"):
        params.update(reason="minimum", minimum=ctx.get("ge", ctx.get("gt")))
    elif kind in _REASONS:
        params["reason"] = kind
        params.update({k: v for k, v in ctx.items() if isinstance(v, str | int)})
    else:
        params.update(reason="other", detail=err.get("msg", kind))
    if at_key:
        params["reason"] = {"slug": "key_slug", "period_id": "key_period_id"}.get(params["reason"], params["reason"])
    return SchemaProblem("invalid-value", real, params)


_REASONS = {
    "empty",
    "date_form",
    "date_impossible",
    "count",
    "count_separator",
    "text",
    "int",
    "bool",
    "slug",
    "indicator_id",
    "reserved_word",
    "period_id",
    "count_limit",
    "count_grouped",
    "count_words",
    "count_quoted",
    "slug_ascii",
    "year",
    "windows_name",
    "email",
    "ratio",
}


def _short(value: Any) -> str:
    if isinstance(value, dict | list):
        return "{…}" if isinstance(value, dict) else "[…]"
    if isinstance(value, bool):
        return "true" if value else "false"
    text = getattr(value, "raw", None) or ("" if value is None else str(value))
    return text if len(text) <= 60 else text[:57] + "…"


def _salvage(cls: type[R], data: dict[str, Any]) -> R:
    """A partial record holding every valid field; every other field is set to ``None`` (even with a default).

    List items are kept one by one, and an invalid item becomes ``None`` so that positions still match
    the file (record items are kept partial: see :func:`_partial_item`); mapping entries likewise are
    kept one by one, invalid ones dropped.
    """
    probe = cls.model_construct()  # a scratch record: each field is tried on it by pydantic's own assignment
    validator = cls.__pydantic_validator__
    values: dict[str, Any] = dict.fromkeys(cls.model_fields)  # every field None unless found valid
    given: set[str] = set()
    for name, value in data.items():
        if name not in cls.model_fields:
            continue
        if _valid(validator, probe, name, value):
            values[name] = getattr(probe, name)
            given.add(name)
            continue
        item_cls = _record_items(cls, name)
        shapes = _unwrap(cls.model_fields[name].annotation)
        origins = {typing.get_origin(t) for t in shapes}
        models = [t for t in shapes if _is_model(t)]
        if isinstance(value, list) and list in origins:
            kept: Any = []
            for item in value:
                if item_cls is not None:
                    kept.append(_partial_item(item_cls, item))
                else:
                    kept.append(getattr(probe, name)[0] if _valid(validator, probe, name, [item]) else None)
        elif isinstance(value, dict) and dict in origins:
            kept = {}
            for key, item in value.items():
                if _valid(validator, probe, name, {key: item}):
                    kept.update(getattr(probe, name))
        elif isinstance(value, dict) and len(models) == 1:  # a nested record (``signer``): partial too
            kept = _partial_item(models[0], value)
        else:  # a list or mapping where a value is expected, or any other invalid value: left out (None)
            continue
        values[name] = kept
        given.add(name)
    return cls.model_construct(_fields_set=given, **values)


def _record_items(cls: type[Record], name: str) -> type[Record] | None:
    """The record class of a ``list[Record]`` field's items (not for unions), else ``None``."""
    annotation = cls.model_fields[name].annotation
    if typing.get_origin(annotation) is list:
        items = _unwrap(typing.get_args(annotation)[0])
        if (
            len(items) == 1
            and _is_model(items[0])
            and typing.get_origin(typing.get_args(annotation)[0]) is not typing.Annotated
        ):
            model: type[Record] = items[0]
            return model
    return None


def _partial_item(item_cls: type[R], item: Any) -> R | None:
    """A list item: whole if valid, else partial (its invalid fields ``None``); not a mapping: ``None``."""
    if not isinstance(item, dict):
        return None
    try:
        return item_cls.model_validate(item)
    except ValidationError:
        return _salvage(item_cls, _without(item, [(k,) for k in item if k not in item_cls.model_fields]))


def _valid(validator: Any, obj: Record, name: str, value: Any) -> bool:
    try:
        validator.validate_assignment(obj, name, value)
        return True
    except ValidationError:
        return False


@dataclass(slots=True)
class Validated(Generic[R]):
    """What :func:`validate` makes of a file's data: its record (``None`` when the data is not a mapping),
    whether that record is partial (see the module's docstring), and the schema problems."""

    record: R | None
    partial: bool
    problems: list[SchemaProblem]


def validate(cls: type[R], data: Any) -> Validated[R]:
    """Validate cleaned data: the record (partial when invalid) and the problems found."""
    if not isinstance(data, dict):
        reason = "tag" if isinstance(data, Tagged) else "top_mapping"
        problem = SchemaProblem("invalid-value", (), {"field": "", "value": _short(data), "reason": reason})
        return Validated(None, False, [problem])
    try:
        return Validated(cls.model_validate(data), False, [])
    except ValidationError as exc:
        problems = [_problem(cls, data, err) for err in exc.errors()]
    # an unknown key (a typo) must not cost the valid rest of its mapping: drop it and try again
    data = _without(data, [p.loc for p in problems if p.code == "unknown-field"])
    try:
        return Validated(cls.model_validate(data), False, problems)
    except ValidationError:
        return Validated(_salvage(cls, data), True, problems)


def _without(data: Any, locs: list[KeyPath]) -> Any:
    """A copy of ``data`` without the entries at ``locs`` (copied only along those paths)."""
    for loc in locs:
        data = _drop(data, loc)
    return data


def _drop(data: Any, loc: KeyPath) -> Any:
    if not loc:
        return data
    head, rest = loc[0], loc[1:]
    if isinstance(data, dict) and head in data:
        out = dict(data)
        if rest:
            out[head] = _drop(data[head], rest)
        else:
            del out[head]
        return out
    if isinstance(data, list) and isinstance(head, int) and 0 <= head < len(data) and rest:
        out_list = list(data)
        out_list[head] = _drop(data[head], rest)
        return out_list
    return data
