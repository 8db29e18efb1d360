"""``dkst check`` as a library call: the pipeline from files to findings, in one place.

load (files → records and data findings) → plan index (:mod:`dkst.checks.registry`) → usable units →
references and dates (:mod:`dkst.checks.references`) → compliance as of a day (:mod:`dkst.checks.compliance`).
Each step is a function of its inputs that returns findings and derived facts, and writes into nothing;
:func:`prepare` then builds the dataset the outputs read: the loaded one with those facts (``index``, ``units``,
``broken_refs``), a new object.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from dkst.checks import previous, references, registry
from dkst.checks.compliance import Evaluation, evaluate
from dkst.findings import CheckResult, Finding, Severity
from dkst.load.dataset import Dataset, SourceFile, assemble, load, loading, walk
from dkst.load.schema import Report
from dkst.periods import today


@dataclass
class Prepared:
    """A loaded dataset with its plan index, usable units and broken files set, and the findings so far."""

    dataset: Dataset
    findings: list[Finding]


@dataclass
class Checked:
    """A loaded dataset, its evaluation as of a day, and every finding."""

    dataset: Dataset
    evaluation: Evaluation
    result: CheckResult
    #: last year's dataset checked as of the same day, once asked for (:func:`last_year`)
    last: Checked | None = field(default=None, repr=False)
    last_loaded: bool = field(default=False, repr=False)


def prepare(root: Path, now: date | None = None, cached: bool = False) -> Prepared:
    """Load the dataset at ``root`` and run the checks that do not depend on a day (``now``: the real today,
    read from the clock once when not given). ``cached``: through the parse cache and workers
    (:mod:`dkst.load.cache`), opened before the walk; else one file after the other."""
    now = now or today()
    if cached:
        from dkst.load import cache

        with loading():
            started = cache.start(root)
            walked = walk(root)
            ds = assemble(walked, cache.parse_many(started, walked.jobs))
    else:
        ds = load(root)
    index, plan_findings = registry.index_plan(ds)
    units, unit_findings = registry.usable_units(ds, index)
    ref_findings, broken = references.check_files(ds, index, units, now)
    ref_findings += previous.previous_findings(ds)
    # the dataset the rest of the program reads: what was loaded, with the derived facts (a new object; the
    # loader's own is left as it returned it)
    ds = replace(ds, index=index, units=units, broken_refs=frozenset(broken))
    findings = [*ds.findings, *plan_findings, *unit_findings, *ds.file_findings, *ref_findings]
    year = ds.plan.year if ds.plan is not None and isinstance(ds.plan.year, int) else None
    return Prepared(ds, [dated_example(f, year) for f in findings])


def dated_example(finding: Finding, year: int | None) -> Finding:
    """A date that cannot be read is answered with examples in the dataset's year (``date_form``'s ``year``)."""
    if year is None or finding.code != "invalid-value" or finding.param("reason") != "date_form":
        return finding
    return replace(finding, params=(*finding.params, ("year", year)))


def check(root: Path, as_of: date, jumps: bool = True) -> Checked:
    """Load and judge the dataset at ``root`` as of ``as_of`` (``jumps``: with the ``jump`` findings, which load
    last year's dataset where an indicator has ``max_change``)."""
    now = today()  # the one reading of the clock for the whole check
    prepared = prepare(root, now=now, cached=True)
    ds = prepared.dataset
    with loading():  # 15,000 statuses and their findings at 3,000 units: long-lived, no cyclic garbage
        ev = evaluate(ds, as_of, now)
    result = CheckResult(dataset=str(root), as_of=as_of, findings=[*prepared.findings, *ev.findings])
    result.files = ds.files_read
    checked = Checked(ds, ev, result)
    if jumps and any(ind.max_change is not None for ind in ds.index.indicators.values()):
        mapping = previous.previous_root(ds)
        last = last_year(checked)
        if mapping is not None and last is not None:
            result.findings += previous.jump_findings(ds, last.dataset, mapping, as_of, now)
    return checked


def last_year(checked: Checked) -> Checked | None:
    """Last year's dataset (plan.yaml's ``previous``) loaded by the same loader and parse cache and judged as of
    the same as-of day, once; ``None`` when ``previous`` is absent or names no dataset. Its findings are its own:
    nothing of it reaches this year's result."""
    if not checked.last_loaded:
        mapping = previous.previous_root(checked.dataset)
        if mapping is not None:
            checked.last = check(mapping.root, checked.evaluation.as_of, jumps=False)
        checked.last_loaded = True
    return checked.last


def judge_report(ds: Dataset, src: SourceFile[Report], unit: str, period: str, as_of: date, now: date) -> list[Finding]:
    """The findings ``dkst check`` would give the report file ``src`` of ``unit`` for ``period`` put into the
    dataset (its references, and compliance as of the day), without changing ``ds``: ``dkst import`` judges a
    form by the same rules before it writes the file."""
    found = references.report_findings(ds, ds.index, src, unit, period, now)
    placed = replace(ds, reports={**ds.reports, unit: {**ds.reports.get(unit, {}), period: src}})
    return found + [f for f in evaluate(placed, as_of, now).findings if f.path == src.path]


#: The files every figure is computed from: their denominators, deadlines and kinds.
GOVERNING = ("plan.yaml", "units.yaml")


def blocking(findings: Iterable[Finding]) -> list[Finding]:
    """The error findings on ``plan.yaml`` or ``units.yaml``, first first (by file, then line, then code).

    The one gate of every command that computes figures (docs/format.md, "Every output tells the same truth"): when
    this is not empty, ``status``, ``aggregate``, ``render``, ``remind``, ``form``, ``rollup`` and ``import``
    refuse (:func:`dkst.cli.options.require_sound`); ``check`` alone goes on and lists them all.
    """
    found = [f for f in findings if f.path in GOVERNING and f.level >= Severity.ERROR]
    return sorted(found, key=lambda f: (GOVERNING.index(f.path), f.line is not None, f.line or 0, f.code))
