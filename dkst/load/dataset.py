"""Find the dataset, walk its layout, and load every file once into typed records (no requirements here).

The result is a :class:`Dataset`: the plan, the registry of units, each unit's plan, models and reports as
:class:`SourceFile` records, and the data findings (encoding, YAML, schema, layout) met on the way.
Nothing here judges requirements or references: :mod:`dkst.checks.checker` runs the checks on the loaded dataset.
"""

from __future__ import annotations

import errno
import gc
import marshal
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic

from dkst import findings as F
from dkst.findings import Finding, Severity
from dkst.load.layout import Entry, UnitFolder, judge_units, scan_units
from dkst.load.partial import PartialPlan
from dkst.load.plan_index import PlanIndex
from dkst.load.schema import (
    PERIOD_ID,
    SLUG,
    WINDOWS_RESERVED,
    ModelRecord,
    Plan,
    Record,
    Report,
    Unit,
    UnitPlan,
    UnitsFile,
)
from dkst.load.validation import R, clean, validate
from dkst.load.yamlio import INDEX_DEPTH, MAX_BYTES, KeyPath, ParsedYaml, parse_bytes


@dataclass(slots=True)
class SourceFile(Generic[R]):
    """One YAML file of the dataset, parsed once: its record and line index.

    ``record`` is ``None`` when nothing readable was found; when ``partial``, any of its fields may be ``None``
    whatever its class declares (see :mod:`dkst.load.validation`): read them with ``is None`` checks.

    The line index of a unit file goes two keys deep (``("indicators", "forums")``, ``("models", 0)``); those of
    ``plan.yaml`` and ``units.yaml`` go four deep. It may come packed (see :class:`ParsedFile`) and is unpacked
    when first asked: most files never are.
    """

    path: str
    record: R | None = None
    packed_lines: dict[KeyPath, int] | bytes = field(default_factory=dict)
    broken: bool = False  # has an error-level data finding of its own (see also :meth:`Dataset.is_broken`)
    partial: bool = False  # the record holds only the fields that are valid, the others None

    @property
    def lines(self) -> dict[KeyPath, int]:
        """Key path (keys and list indexes) → 1-based line."""
        lines = self.packed_lines
        if isinstance(lines, bytes):
            lines = self.packed_lines = unpack_lines(lines)
        return lines

    def line(self, *loc: Any) -> int | None:
        """The line of the value at ``loc`` (or of its nearest parent); ``None`` when nothing was parsed."""
        lines = self.lines
        while loc:
            found = lines.get(tuple(loc))
            if found is not None:
                return found
            loc = loc[:-1]
        return lines.get(())


@dataclass
class Dataset:
    """Every file of a dataset, loaded."""

    root: Path
    #: plan.yaml's record: partial when the file is invalid (its valid parts; see :mod:`dkst.load.partial`)
    plan: PartialPlan | None = None
    plan_file: SourceFile[Plan] | None = None
    units_file: SourceFile[UnitsFile] | None = None
    #: the usable entries of units.yaml (given by :func:`dkst.checks.checker.prepare`)
    units: list[Unit] = field(default_factory=list)
    #: every unit id written in units.yaml, usable or not (their folders are not stray)
    unit_ids: set[str] = field(default_factory=set)
    #: period ids as written in plan.yaml, broken ones included (reports of a broken period are not stray)
    period_ids: set[str] = field(default_factory=set)
    unit_plans: dict[str, SourceFile[UnitPlan]] = field(default_factory=dict)
    models: dict[str, dict[str, SourceFile[ModelRecord]]] = field(default_factory=dict)
    reports: dict[str, dict[str, SourceFile[Report]]] = field(default_factory=dict)
    #: data findings of plan.yaml and units.yaml (encoding, YAML, schema, a missing or stray root file)
    findings: list[Finding] = field(default_factory=list)
    #: data findings of the layout walk and the unit files, in walk order
    file_findings: list[Finding] = field(default_factory=list)
    files_read: int = 0
    #: the valid parts of the plan (given by :func:`dkst.checks.checker.prepare`; empty in what the loader returns)
    index: PlanIndex = field(default_factory=PlanIndex)
    #: files with an error found across files (a reference, an order of dates), given by
    #: :func:`dkst.checks.checker.prepare`
    broken_refs: frozenset[str] = frozenset()
    #: the usable units by id
    unit_index: dict[str, Unit] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.unit_index = {u.id: u for u in self.units}

    def is_broken(self, src: SourceFile[Any]) -> bool:
        """Whether the file has an error-level finding, of its own data or across files: left out of totals."""
        return src.broken or src.path in self.broken_refs


# ---------------------------------------------------------------- parsing one file


@dataclass(slots=True)
class ParsedFile(Generic[R]):
    """One file read and validated: what the cache stores and worker processes send back.

    ``lines`` is the line index, packed with :mod:`marshal` (one bytes object instead of a tuple and a string
    per key, which the cache would unpickle for every file) or a plain dict; :func:`unpack_lines` opens either.
    """

    record: R | None
    lines: dict[KeyPath, int] | bytes
    problems: list[tuple[str, int | None, dict[str, Any]]]
    partial: bool = False  # see :class:`dkst.load.validation.Validated`


def pack_lines(lines: dict[KeyPath, int]) -> dict[KeyPath, int] | bytes:
    return marshal.dumps(lines) if lines else lines


def unpack_lines(lines: dict[KeyPath, int] | bytes) -> dict[KeyPath, int]:
    return marshal.loads(lines) if isinstance(lines, bytes) else lines


def read_file(path: str | os.PathLike[str]) -> tuple[int, int, bytes | None]:
    """``(size, mtime_ns, bytes)`` of a file, in one open; the bytes are ``None`` for a file over MAX_BYTES.

    Raises :class:`OSError`, also for anything but a regular file: a FIFO or a device is opened without
    blocking (``O_NONBLOCK``) and never read, so that it cannot hang the command.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        if st.st_size > MAX_BYTES:
            return st.st_size, st.st_mtime_ns, None
        raw = os.read(fd, st.st_size + 1)  # a short read is the end of a regular file
        if len(raw) > st.st_size:  # it has grown since fstat
            chunks = [raw]
            while chunks[-1]:
                chunks.append(os.read(fd, 1 << 16))
            raw = b"".join(chunks)
    finally:
        os.close(fd)
    if len(raw) > MAX_BYTES:
        return len(raw), st.st_mtime_ns, None
    return len(raw), st.st_mtime_ns, raw


def too_large(size: int) -> ParsedFile[Any]:
    return ParsedFile(None, {}, [("file-too-large", None, {"size": size})])


def unreadable(exc: OSError) -> ParsedFile[Any]:
    return ParsedFile(None, {}, [("yaml-syntax", None, {"problem": exc.strerror or str(exc), "tab": False})])


def parse_file(path: Path, cls: type[R]) -> ParsedFile[R]:
    """Bytes → YAML → schema, with every problem already placed on its line."""
    try:
        size, _, raw = read_file(path)
    except OSError as exc:
        return unreadable(exc)
    if raw is None:
        return too_large(size)
    return parse_document(raw, cls)


#: Depth of the line index kept for unit files: the checks after parsing ask for a top-level key, or an item
#: of ``indicators``, ``models`` or ``partners``. (Schema problems are placed at parse time, at any depth.)
UNIT_FILE_INDEX_DEPTH = 2


def parse_document(raw: bytes, cls: type[R]) -> ParsedFile[R]:
    """Bytes of a file of kind ``cls`` → :class:`ParsedFile`."""
    depth = INDEX_DEPTH if cls in (Plan, UnitsFile) else UNIT_FILE_INDEX_DEPTH
    parsed: ParsedYaml = parse_bytes(raw, depth)
    problems = list(parsed.problems)
    if parsed.data is None:
        return ParsedFile(None, parsed.lines, problems)
    data = clean(parsed.data) if parsed.dirty else parsed.data
    valid = validate(cls, data)
    for prob in valid.problems:
        problems.append((prob.code, parsed.line_of(prob.loc), prob.params))
    parsed.release()
    return ParsedFile(valid.record, pack_lines(parsed.lines), problems, valid.partial)


# ---------------------------------------------------------------- loading


_KIND_CLASS: dict[str, type[Record]] = {"unit-plan": UnitPlan, "model": ModelRecord, "report": Report}

#: A file to read: its path relative to the root, and its record class.
Job = tuple[str, type[Record]]


def parse_each(root: Path, jobs: list[Job]) -> list[ParsedFile[Any]]:
    """Every job parsed, one file after the other, in order (:func:`dkst.load.cache.parse_many` does the same
    with a cache and workers)."""
    return [parse_file(root / rel, cls) for rel, cls in jobs]


def to_findings(parsed: ParsedFile[Any], rel: str, unit: str | None = None, period: str | None = None) -> list[Finding]:
    """The problems of one parsed file as findings on that file."""
    return [F.make(code, rel, line, unit=unit, period=period, **params) for code, line, params in parsed.problems]


def _source(rel: str, parsed: ParsedFile[R], found: list[Finding]) -> SourceFile[R]:
    broken = any(f.level >= Severity.ERROR for f in found)
    return SourceFile(rel, parsed.record, parsed.lines, broken, parsed.partial)


def _root_file(root: Path, name: str, out: list[Finding]) -> bool:
    """Whether ``plan.yaml`` / ``units.yaml`` is there to be read (a link out of the dataset is stray)."""
    path = root / name
    if path.is_symlink():
        target = path.resolve()
        if not target.is_relative_to(root.resolve()):
            out.append(F.make("stray-file", name, reason="symlink"))
            return False
    return path.is_file()


def _read_root_file(
    name: str, parsed: ParsedFile[R] | None, out: list[Finding]
) -> tuple[ParsedFile[R] | None, SourceFile[R] | None]:
    if parsed is None:
        return None, None
    found = to_findings(parsed, name)
    out.extend(found)
    return parsed, _source(name, parsed, found)


@contextmanager
def loading() -> Iterator[None]:
    """No cyclic garbage collection while loading, then none over what was loaded.

    Loading builds millions of long-lived objects and little cyclic garbage; each full collection would walk
    them all again (it doubled the parse time of 3,000 units). Afterwards they are moved to the permanent
    generation (:func:`gc.freeze`), so that collections during the checks do not walk them either.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.enable()


def load(root: Path) -> Dataset:
    """Load the whole dataset at ``root``, one file after the other: :func:`walk`, :func:`parse_each`,
    :func:`assemble` (:func:`dkst.checks.checker.prepare` puts the parse cache in the middle)."""
    with loading():
        walked = walk(root)
        return assemble(walked, parse_each(root, walked.jobs))


@dataclass
class Walk:
    """What walking the dataset finds before any file is read: the files to parse (``jobs``, plan.yaml and
    units.yaml first), the unit folders as scanned, and the findings on plan.yaml and units.yaml themselves
    (absent is said later; a link out of the dataset is said here)."""

    root: Path
    jobs: list[Job]
    scanned: list[UnitFolder | Finding]
    root_findings: list[Finding]


def walk(root: Path) -> Walk:
    """The files of the dataset at ``root`` to parse, and what the walk found on the way."""
    root_findings: list[Finding] = []
    jobs: list[Job] = []
    if _root_file(root, "plan.yaml", root_findings):
        jobs.append(("plan.yaml", Plan))
    if _root_file(root, "units.yaml", root_findings):
        jobs.append(("units.yaml", UnitsFile))
    scanned = scan_units(root)
    jobs.extend(
        (sub.rel, _KIND_CLASS[sub.kind])
        for folder in scanned
        if isinstance(folder, UnitFolder)
        for sub in folder.items
        if isinstance(sub, Entry)
    )
    return Walk(root, jobs, scanned, root_findings)


def assemble(walked: Walk, parsed_files: list[ParsedFile[Any]]) -> Dataset:
    """The dataset from the walk and the parse of each of its jobs (in the same order)."""
    root, scanned, root_findings = walked.root, walked.scanned, walked.root_findings
    ds = Dataset(root=root)
    results = dict(zip((rel for rel, _ in walked.jobs), parsed_files, strict=True))

    # plan.yaml first: its findings, then those of units.yaml, as when each was read in turn
    plan_findings = [f for f in root_findings if f.path == "plan.yaml"]
    ds.findings.extend(plan_findings)
    plan_parsed, ds.plan_file = _read_root_file("plan.yaml", results.get("plan.yaml"), ds.findings)
    if plan_parsed is not None and isinstance(plan_parsed.record, Plan):
        ds.plan = plan_parsed.record
    raw_periods = (ds.plan.periods if ds.plan is not None else None) or {}
    ds.period_ids = set(raw_periods) | _raw_keys(ds.plan_file, "periods")

    ds.findings.extend(f for f in root_findings if f.path != "plan.yaml")
    units_parsed, ds.units_file = _read_root_file("units.yaml", results.get("units.yaml"), ds.findings)
    if units_parsed is None:
        ds.findings.append(F.make("missing-file", "units.yaml", name="units.yaml"))
    files_read = (plan_parsed is not None) + (units_parsed is not None)

    registry: set[str] | None = None  # None: units.yaml absent or unreadable, so no folder can be judged stray
    broken_ids: list[str] = []
    if units_parsed is not None and units_parsed.record is not None:
        ds.unit_ids = {u.id for u in units_parsed.record.units or [] if u is not None and u.id is not None}
        registry = ds.unit_ids
        broken_ids = [
            str(params["value"])
            for code, _, params in units_parsed.problems
            if code == "invalid-value" and params.get("field") == "id" and params.get("value") is not None
        ]

    entries: list[Entry] = []
    for item in judge_units(scanned, registry, ds.period_ids, broken_ids):
        if isinstance(item, Finding):
            ds.file_findings.append(item)
        else:
            entries.append(item)
    for entry in entries:
        parsed = results[entry.rel]
        period = entry.ident if entry.kind == "report" else None
        found = to_findings(parsed, entry.rel, entry.unit, period)
        if entry.kind == "model" and not SLUG.match(entry.ident or ""):
            found.append(
                F.make(
                    "invalid-value",
                    entry.rel,
                    None,
                    unit=entry.unit,
                    field=entry.rel.rsplit("/", 1)[-1],
                    value=entry.ident,
                    reason="model_file_name",
                )
            )
        elif entry.kind == "model" and entry.ident in WINDOWS_RESERVED:
            found.append(
                F.make(
                    "invalid-value",
                    entry.rel,
                    None,
                    unit=entry.unit,
                    field=entry.rel.rsplit("/", 1)[-1],
                    value=entry.ident,
                    reason="windows_name",
                )
            )
        ds.file_findings.extend(found)
        src = _source(entry.rel, parsed, found)
        if entry.kind == "unit-plan":
            ds.unit_plans[entry.unit] = src
        elif entry.kind == "model":
            ds.models.setdefault(entry.unit, {})[entry.ident or ""] = src
        else:
            ds.reports.setdefault(entry.unit, {})[entry.ident or ""] = src
    ds.files_read = files_read + len(entries)
    return ds


def _raw_keys(src: SourceFile[Plan] | None, key: str) -> set[str]:
    """Keys written under a top-level mapping (from the line index), valid or not."""
    if src is None:
        return set()
    return {
        loc[1]
        for loc in src.lines
        if len(loc) == 2 and loc[0] == key and isinstance(loc[1], str) and PERIOD_ID.match(loc[1])
    }
