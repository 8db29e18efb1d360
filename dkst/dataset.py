"""Find the dataset, walk its layout, and load every file once into typed records (no requirements here).

The result is a :class:`Dataset`: the plan, the registry of units, each unit's plan, models and reports as
:class:`SourceFile` records, and the data findings (encoding, YAML, schema, layout) met on the way.
References between files and the plan's requirements are checked by :mod:`dkst.checks`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dkst import findings as F
from dkst.findings import Finding, Severity
from dkst.schema import PERIOD_ID, SLUG, ModelRecord, Plan, Record, Report, Unit, UnitPlan, UnitsFile
from dkst.validation import nearest, validate
from dkst.yamlio import MAX_BYTES, ParsedYaml, parse_bytes


class DatasetError(Exception):
    """No dataset could be found or opened: a one-line error, exit code 2."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


def find_root(data: str | os.PathLike[str] | None = None, cwd: Path | None = None) -> Path:
    """``--data``, then ``DKST_DATA``, then the nearest folder at or above cwd with ``plan.yaml``, then ``./data``."""
    given = data if data is not None else os.environ.get("DKST_DATA") or None
    if given is not None:
        root = Path(given)
        if not root.is_dir():
            raise DatasetError("no-such-dir", path=str(root))
        if not (root / "plan.yaml").is_file():
            raise DatasetError("not-a-dataset", path=str(root))
        return root
    here = (cwd or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "plan.yaml").is_file() and not _is_unit_folder(folder):
            return folder
    fallback = (cwd or Path.cwd()) / "data"
    if (fallback / "plan.yaml").is_file():
        return fallback
    raise DatasetError("no-dataset")


def _is_unit_folder(folder: Path) -> bool:
    """``units/<id>/`` holds a ``plan.yaml`` too (the unit's plan): it is not a dataset root."""
    return folder.parent.name == "units" and (folder.parent.parent / "plan.yaml").is_file()


@dataclass(slots=True)
class SourceFile:
    """One YAML file of the dataset, parsed once: its record (partial if invalid) and line index."""

    path: str
    record: Any = None
    lines: dict[tuple, int] = field(default_factory=dict)
    broken: bool = False  # has an error-level data finding: left out of totals

    def line(self, *loc: Any) -> int | None:
        """The line of the value at ``loc`` (or of its nearest parent); ``None`` when nothing was parsed."""
        while loc:
            found = self.lines.get(tuple(loc))
            if found is not None:
                return found
            loc = loc[:-1]
        return self.lines.get(())


@dataclass
class Dataset:
    """Every file of a dataset, loaded."""

    root: Path
    plan: Plan | None = None
    plan_file: SourceFile | None = None
    units_file: SourceFile | None = None
    units: list[Unit] = field(default_factory=list)
    #: period ids as written in plan.yaml, broken ones included (reports of a broken period are not stray)
    period_ids: set[str] = field(default_factory=set)
    unit_plans: dict[str, SourceFile] = field(default_factory=dict)
    models: dict[str, dict[str, SourceFile]] = field(default_factory=dict)
    reports: dict[str, dict[str, SourceFile]] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    files_read: int = 0
    #: the valid parts of the plan (:class:`dkst.checks.registry.PlanIndex`)
    index: Any = None

    def unit(self, unit_id: str) -> Unit | None:
        return self.unit_index.get(unit_id)

    @property
    def unit_index(self) -> dict[str, Unit]:
        cached = getattr(self, "_unit_index", None)
        if cached is None or len(cached) != len(self.units):
            cached = {u.id: u for u in self.units}
            self._unit_index = cached
        return cached


# ---------------------------------------------------------------- parsing one file


@dataclass(slots=True)
class ParsedFile:
    """One file read and validated: what the cache stores and worker processes send back."""

    record: Any
    lines: dict[tuple, int]
    problems: list[tuple[str, int | None, dict[str, Any]]]


def parse_file(path: Path, cls: type[Record]) -> ParsedFile:
    """Bytes → YAML → schema, with every problem already placed on its line."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return ParsedFile(None, {}, [("file-too-large", None, {"size": size})])
        raw = path.read_bytes()
    except OSError as exc:
        return ParsedFile(None, {}, [("yaml-syntax", None, {"problem": exc.strerror or str(exc), "tab": False})])
    return parse_document(raw, cls)


def parse_document(raw: bytes, cls: type[Record]) -> ParsedFile:
    """Bytes of a file of kind ``cls`` → :class:`ParsedFile`."""
    parsed: ParsedYaml = parse_bytes(raw)
    problems = list(parsed.problems)
    if parsed.data is None:
        return ParsedFile(None, parsed.lines, problems)
    from dkst.validation import clean

    data = clean(parsed.data)
    record, schema_problems = validate(cls, data)
    for prob in schema_problems:
        problems.append((prob.code, parsed.line_of(prob.loc), prob.params))
    return ParsedFile(record, parsed.lines, problems)


# ---------------------------------------------------------------- the layout


@dataclass(slots=True)
class _Entry:
    """A file of the layout to load: which kind, whose, and for which id."""

    rel: str
    kind: str  # "unit-plan" | "model" | "report"
    unit: str
    ident: str | None = None


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def _is_yaml_like(name: str) -> bool:
    return name.endswith((".yaml", ".yml"))


def walk_units(root: Path, unit_ids: set[str], period_ids: set[str]) -> Iterator[_Entry | Finding]:
    """The files under ``units/`` that fit the layout, and a ``stray-file`` finding for each misfit."""
    base = root / "units"
    if base.is_symlink():
        yield F.make("stray-file", "units", reason="symlink")
        return
    if not base.is_dir():
        return
    for entry in sorted(os.scandir(base), key=lambda e: e.name):
        if entry.name.startswith("."):
            continue
        rel = f"units/{entry.name}"
        if entry.is_symlink():
            yield F.make("stray-file", rel, reason="symlink")
        elif entry.is_dir():
            if entry.name not in unit_ids:
                params: dict[str, Any] = {"reason": "unknown_unit", "unit_id": entry.name}
                guess = nearest(entry.name, sorted(unit_ids))
                if guess:
                    params["suggest"] = guess
                yield F.make("stray-file", rel, **params)
            else:
                yield from _walk_unit(root, Path(entry.path), entry.name, period_ids)
        elif _is_yaml_like(entry.name):
            yield F.make("stray-file", rel, **_stray_reason(entry.name))


def _stray_reason(name: str, period_ids: set[str] | None = None, where: str = "") -> dict[str, Any]:
    if name.endswith(".yml"):
        return {"reason": "yml", "suggest": name[:-4] + ".yaml"}
    stem = name[:-5]
    if period_ids and stem in period_ids:
        return {"reason": "not_in_layout", "suggest": f"reports/{name}"}
    return {"reason": "not_in_layout"}


def _walk_unit(root: Path, folder: Path, unit_id: str, period_ids: set[str]) -> Iterator[_Entry | Finding]:
    for dirpath, dirnames, filenames in os.walk(folder):
        here = Path(dirpath)
        rel_dir = _rel(root, here)
        depth = len(here.relative_to(folder).parts)
        section = here.relative_to(folder).parts[0] if depth else ""
        for name in sorted(dirnames):
            if (here / name).is_symlink() and not name.startswith("."):
                yield F.make("stray-file", f"{rel_dir}/{name}", unit=unit_id, reason="symlink")
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and not (here / d).is_symlink())
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            rel = f"{rel_dir}/{name}"
            if (here / name).is_symlink():
                yield F.make("stray-file", rel, unit=unit_id, reason="symlink")
                continue
            if not _is_yaml_like(name):
                continue  # an attachment: a scan, a photo
            if name.endswith(".yml"):
                yield F.make("stray-file", rel, unit=unit_id, **_stray_reason(name))
            elif depth == 0 and name == "plan.yaml":
                yield _Entry(rel, "unit-plan", unit_id)
            elif depth == 1 and section == "models":
                yield _Entry(rel, "model", unit_id, name[:-5])
            elif depth == 1 and section == "reports":
                period = name[:-5]
                if period in period_ids:
                    yield _Entry(rel, "report", unit_id, period)
                else:
                    params: dict[str, Any] = {"reason": "unknown_period", "period_id": period}
                    guess = next((p for p in sorted(period_ids) if p.lower() == period.lower()), None)
                    guess = guess or nearest(period, sorted(period_ids))
                    if guess:
                        params["suggest"] = guess
                    yield F.make("stray-file", rel, unit=unit_id, **params)
            else:
                yield F.make("stray-file", rel, unit=unit_id, **_stray_reason(name, period_ids))


# ---------------------------------------------------------------- loading


_KIND_CLASS: dict[str, type[Record]] = {"unit-plan": UnitPlan, "model": ModelRecord, "report": Report}


def to_findings(parsed: ParsedFile, rel: str, unit: str | None = None,
                period: str | None = None) -> list[Finding]:
    """The problems of one parsed file as findings on that file."""
    return [F.make(code, rel, line, unit=unit, period=period, **params)
            for code, line, params in parsed.problems]


def _source(rel: str, parsed: ParsedFile, found: list[Finding]) -> SourceFile:
    broken = any(f.level >= Severity.ERROR for f in found)
    return SourceFile(rel, parsed.record, parsed.lines, broken)


def _read_root_file(root: Path, name: str, cls: type[Record], out: list[Finding]) -> tuple[ParsedFile | None,
                                                                                           SourceFile | None]:
    path = root / name
    if path.is_symlink():
        target = path.resolve()
        if not target.is_relative_to(root.resolve()):
            out.append(F.make("stray-file", name, reason="symlink"))
            return None, None
    if not path.is_file():
        return None, None
    parsed = parse_file(path, cls)
    found = to_findings(parsed, name)
    out.extend(found)
    return parsed, _source(name, parsed, found)


def load(root: Path, parse: Any = None) -> Dataset:
    """Load the whole dataset at ``root``; ``parse`` maps a list of (path, class) to ParsedFiles."""
    from dkst.checks import references, registry

    ds = Dataset(root=root)
    plan_parsed, ds.plan_file = _read_root_file(root, "plan.yaml", Plan, ds.findings)
    if plan_parsed is not None and isinstance(plan_parsed.record, Plan):
        ds.plan = plan_parsed.record
    raw_periods = getattr(ds.plan, "periods", None) or {}
    ds.period_ids = set(raw_periods) | _raw_keys(ds.plan_file, "periods")

    units_parsed, ds.units_file = _read_root_file(root, "units.yaml", UnitsFile, ds.findings)
    if units_parsed is None:
        ds.findings.append(F.make("missing-file", "units.yaml", name="units.yaml"))
    files_read = (plan_parsed is not None) + (units_parsed is not None)

    registry.check_plan(ds)
    folder_ids = registry.check_units(ds, units_parsed)

    entries: list[_Entry] = []
    for item in walk_units(root, folder_ids, ds.period_ids):
        if isinstance(item, Finding):
            ds.findings.append(item)
        else:
            entries.append(item)
    jobs = [(root / e.rel, _KIND_CLASS[e.kind]) for e in entries]
    results = parse(jobs) if parse is not None else [parse_file(p, c) for p, c in jobs]
    for entry, parsed in zip(entries, results, strict=True):
        period = entry.ident if entry.kind == "report" else None
        found = to_findings(parsed, entry.rel, entry.unit, period)
        if entry.kind == "model" and not SLUG.match(entry.ident or ""):
            found.append(F.make("invalid-value", entry.rel, None, unit=entry.unit, field=entry.rel.rsplit("/", 1)[-1],
                                value=entry.ident, reason="model_file_name"))
        ds.findings.extend(found)
        src = _source(entry.rel, parsed, found)
        if entry.kind == "unit-plan":
            ds.unit_plans[entry.unit] = src
        elif entry.kind == "model":
            ds.models.setdefault(entry.unit, {})[entry.ident or ""] = src
        else:
            ds.reports.setdefault(entry.unit, {})[entry.ident or ""] = src
    ds.files_read = files_read + len(entries)
    references.check_files(ds)
    return ds


def _raw_keys(src: SourceFile | None, key: str) -> set[str]:
    """Keys written under a top-level mapping (from the line index), valid or not."""
    if src is None:
        return set()
    return {loc[1] for loc in src.lines if len(loc) == 2 and loc[0] == key and isinstance(loc[1], str)
            and PERIOD_ID.match(loc[1])}
