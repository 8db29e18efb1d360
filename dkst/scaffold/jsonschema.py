"""JSON Schemas (draft 2020-12) of the five file kinds, for editors that check YAML as you type.

Generated from the pydantic classes of :mod:`dkst.load.schema` (``model_json_schema()``), then adjusted so that
every file that passes ``dkst check`` validates:

- a key with no value is the same as an absent key: every optional key may be ``null``;
- keys that begin with ``x-`` are allowed everywhere (``patternProperties``);
- enumerations may be written in English or Vietnamese, in any case (an ``enum`` for completion, and a
  case-insensitive ``pattern`` beside it);
- with a dataset, the plan's own ids: the indicators of a report (with their labels), the unit ids of a
  model's ``partners``, the unit kinds and requirement ids of ``units.yaml``.

The schemas are a help for typing, not the check: ``dkst check`` remains the judge (line numbers, references
between files, deadlines). Where the two could disagree, the schema is the more lenient.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dkst.load.schema import Plan, Unit

DRAFT = "https://json-schema.org/draft/2020-12/schema"
X_KEYS = "^x-"

#: kind → (file name of the schema, file pattern in a dataset for the YAML extension, Vietnamese title)
FILES: dict[str, tuple[str, str, str]] = {
    "plan": ("dkst-plan.schema.json", "/plan.yaml", "Kế hoạch (plan.yaml)"),
    "units": ("dkst-units.schema.json", "/units.yaml", "Danh sách đơn vị (units.yaml)"),
    "unit-plan": (
        "dkst-unit-plan.schema.json",
        "/units/*/plan.yaml",
        "Kế hoạch của đơn vị (units/<mã đơn vị>/plan.yaml)",
    ),
    "model": (
        "dkst-model.schema.json",
        "/units/*/models/*.yaml",
        "Mô hình (units/<mã đơn vị>/models/<mã mô hình>.yaml)",
    ),
    "report": (
        "dkst-report.schema.json",
        "/units/*/reports/*.yaml",
        "Báo cáo của đơn vị (units/<mã đơn vị>/reports/<mã kỳ>.yaml)",
    ),
    "narrative": (
        "dkst-narrative.schema.json",
        "/narrative/*.yaml",
        "Lời của Ban Thường trực cho báo cáo của kỳ (narrative/<mã kỳ>.yaml)",
    ),
}

#: Vietnamese descriptions of the nested objects (pydantic takes the English class docstrings).
_DEF_DESCRIPTIONS = {
    "Signer": "Người ký: thay mặt, chức vụ, họ tên",
    "BasedOn": "Văn bản cấp trên được thực hiện",
    "ReportTo": "Nơi nhận báo cáo",
    "Letterhead": "Phần đầu văn bản (tên cơ quan, quốc hiệu, tiêu ngữ); mỗi dòng đều sửa được",
    "Period": "Kỳ báo cáo: tên, ngày bắt đầu, ngày kết thúc, hạn nộp (due_before hoặc due_by)",
    "Indicator": "Chỉ tiêu báo cáo",
    "ReportRequirement": "Yêu cầu gửi báo cáo một kỳ",
    "ModelsRequirement": "Yêu cầu xây dựng mô hình",
    "UnitPlanRequirement": "Yêu cầu ban hành kế hoạch của đơn vị",
    "RuleRequirement": "Quy tắc kiểm tra số liệu của báo cáo",
    "Unit": "Một đơn vị",
    "Commendation": "Đề nghị biểu dương, khen thưởng",
    "Parent": "Báo cáo lên cấp trên (dkst rollup): mã đơn vị ở cấp trên, ánh xạ chỉ tiêu và kỳ",
}

_REPLICATED_FROM = r"^\s*[a-z0-9]+(-[a-z0-9]+)*/[a-z0-9]+(-[a-z0-9]+)*\s*$"


def export(plan: Plan | None = None, units: Iterable[Unit] | None = None) -> dict[str, dict[str, Any]]:
    """The five schemas, kind → schema. ``plan`` and ``units`` (records of a dataset) narrow the ids."""
    from dkst.load.schema import KINDS

    out: dict[str, dict[str, Any]] = {}
    for kind, cls in KINDS.items():
        schema = _adjust(copy.deepcopy(cls.model_json_schema()))
        _name, _globs, title = FILES[kind]
        ordered: dict[str, Any] = {"$schema": DRAFT, "title": f"dkst: {title}", "description": title}
        ordered.update((k, v) for k, v in schema.items() if k not in ("title", "description", "$schema"))
        out[kind] = ordered
    _fix_kinds(out)
    if plan is not None or units is not None:
        _narrow(out, plan, list(units or []))
    return out


# ---------------------------------------------------------------- generic adjustments


def _allows_null(schema: dict[str, Any]) -> bool:
    kind = schema.get("type")
    if kind == "null" or (isinstance(kind, list) and "null" in kind):
        return True
    return any(isinstance(s, dict) and _allows_null(s) for s in schema.get("anyOf", []))


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema``, or nothing at all (a key with no value)."""
    if _allows_null(schema):
        return schema
    keep: dict[str, Any] = {k: schema[k] for k in ("description", "default") if k in schema}
    inner = {k: v for k, v in schema.items() if k not in ("description", "default")}
    return {**keep, "anyOf": [inner, {"type": "null"}]}


def _case_insensitive(words: Iterable[str]) -> str:
    """A pattern matching any of ``words`` in any case, with any run of spaces between words."""
    parts = []
    for word in words:
        piece = ""
        for ch in word:
            if ch.isspace():
                piece += r"\s+"
            elif ch.lower() != ch.upper():
                piece += f"[{re.escape(ch.lower())}{re.escape(ch.upper())}]"
            else:
                piece += re.escape(ch)
        parts.append(piece)
    return r"^\s*(" + "|".join(parts) + r")\s*$"


def _adjust(node: Any, names: bool = False) -> Any:
    """Walk a generated schema: optional keys nullable, ``x-`` keys allowed, enums in any case,
    map entries with no value allowed, invalid map keys refused, pydantic's English titles dropped."""
    if isinstance(node, list):
        return [_adjust(item) for item in node]
    if not isinstance(node, dict):
        return node
    if names:  # property name (or pattern, or $defs name) → schema
        return {name: _adjust(sub) for name, sub in node.items()}
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key == "title":
            continue
        out[key] = _adjust(value, names=key in ("properties", "$defs", "patternProperties"))
    if out.get("type") == "string" and isinstance(out.get("enum"), list):
        enum = out.pop("enum")
        words = sorted({" ".join(str(v).lower().split()) for v in enum}, key=lambda w: (-len(w), w))
        out["anyOf"] = [{"enum": enum}, {"pattern": _case_insensitive(words)}]
    if out.get("type") == "object":
        required = set(out.get("required", []))
        props = out.get("properties", {})
        for name in list(props):
            if name not in required:
                props[name] = _nullable(props[name])
        patterns = out.get("patternProperties")
        if patterns is not None:  # a mapping whose keys are ids (unit_kinds, periods, exempt)
            out["patternProperties"] = {"^(?!x-)" + p.removeprefix("^"): _nullable(v) for p, v in patterns.items()}
            out.pop("propertyNames", None)
            out.setdefault("additionalProperties", False)
        if isinstance(out.get("additionalProperties"), dict):  # a mapping of any keys (indicators)
            out["additionalProperties"] = _nullable(out["additionalProperties"])
        if out.get("additionalProperties") is False:
            out.setdefault("patternProperties", {})[X_KEYS] = {}
    for name, sub in out.get("$defs", {}).items():
        if name in _DEF_DESCRIPTIONS:
            sub["description"] = _DEF_DESCRIPTIONS[name]
    return out


def _inner(schema: dict[str, Any], kind: str) -> dict[str, Any]:
    """The ``kind`` branch of a nullable schema (or the schema itself)."""
    return next((s for s in schema.get("anyOf", []) if s.get("type") == kind), schema)


def _not_null(schema: dict[str, Any]) -> dict[str, Any]:
    """Undo :func:`_nullable`."""
    branches = [s for s in schema.get("anyOf", []) if s != {"type": "null"}]
    if "anyOf" in schema and len(branches) == 1:
        rest = {k: v for k, v in schema.items() if k != "anyOf"}
        return {**rest, **branches[0]}
    return schema


def _fix_kinds(out: dict[str, dict[str, Any]]) -> None:
    """What the generic walk cannot know."""
    from dkst.load.schema import INDICATOR_ID

    # a report's indicators: keys are indicator ids; "key:" with no value = not reported
    indicators = _inner(out["report"]["properties"]["indicators"], "object")
    count = indicators.pop("additionalProperties", {})
    indicators["patternProperties"] = {INDICATOR_ID.pattern: count, X_KEYS: {}}
    indicators["additionalProperties"] = False
    # an exemption's reason may not be empty
    exempt = _inner(out["units"]["$defs"]["Unit"]["properties"]["exempt"], "object")
    for pattern, value in list(exempt.get("patternProperties", {}).items()):
        if pattern != X_KEYS:
            exempt["patternProperties"][pattern] = _not_null(value)
    # a model's replicated_from: <unit-id>/<model-id>
    out["model"]["properties"]["replicated_from"] = _nullable(
        {"type": "string", "pattern": _REPLICATED_FROM, "description": "Nhân rộng từ mô hình: <mã đơn vị>/<mã mô hình>"}
    )


# ---------------------------------------------------------------- a dataset's own ids


def _indicator_props(plan: Plan) -> dict[str, Any]:
    count = {"type": "integer", "minimum": 0}
    props: dict[str, Any] = {}
    for ind in plan.indicators or []:
        if ind is None or not ind.id:
            continue
        ident = ind.id
        label = str(ind.label or ident)
        unit = ind.unit
        props[ident] = {"description": f"{label} ({unit})" if unit else label, "anyOf": [count, {"type": "null"}]}
    return props


def _narrow(out: dict[str, dict[str, Any]], plan: Plan | None, units: list[Unit]) -> None:
    indicators = _indicator_props(plan) if plan is not None else {}
    if indicators:
        report = out["report"]["properties"]
        target = report["indicators"]
        inner = _inner(target, "object")
        inner["properties"] = indicators
        inner.pop("patternProperties", None)
        inner["additionalProperties"] = False
        inner["patternProperties"] = {X_KEYS: {}}
    unit_ids = [u.id for u in units if u.id]
    if unit_ids:
        partners = out["model"]["properties"]["partners"]
        inner = _inner(partners, "array")
        inner["items"] = {"type": "string", "enum": unit_ids, "description": "Mã đơn vị trong units.yaml"}
    kinds = list(plan.unit_kinds or {}) if plan is not None else []
    unit_def = out["units"].get("$defs", {}).get("Unit")
    if plan is not None and kinds and unit_def:
        unit_def["properties"]["kind"] = {
            "type": "string",
            "enum": kinds,
            "description": "Loại đơn vị: " + ", ".join(f"{k} ({v})" for k, v in plan.unit_kinds.items()),
        }
    requirements = [r.id for r in (plan.requirements if plan is not None else None) or [] if r is not None and r.id]
    if requirements and unit_def:
        exempt = unit_def["properties"]["exempt"]
        inner = _inner(exempt, "object")
        reason = {"type": ["string", "number"], "description": "Lý do được miễn"}
        inner["properties"] = {rid: reason for rid in requirements}
        inner["patternProperties"] = {X_KEYS: {}}
        inner["additionalProperties"] = False


# ---------------------------------------------------------------- files and the editor snippet


def write(schemas: dict[str, dict[str, Any]], folder: Path) -> dict[str, Path]:
    """Write ``dkst-<kind>.schema.json`` files into ``folder``; kind → path."""
    import json

    from dkst.files import create_new

    paths: dict[str, Path] = {}
    for kind, schema in schemas.items():
        path = folder / FILES[kind][0]
        create_new(path, json.dumps(schema, ensure_ascii=False, indent=2) + "\n", force=True)
        paths[kind] = path
    return paths


def vscode_snippet(paths: dict[str, Path]) -> str:
    """The ``yaml.schemas`` setting of the VS Code YAML extension (Red Hat) for these files."""
    import json

    mapping = {str(path.resolve()): FILES[kind][1] for kind, path in paths.items()}
    body = json.dumps({"yaml.schemas": mapping}, ensure_ascii=False, indent=2)
    return body
