"""``dkst check`` as a library call: load the dataset, evaluate the requirements, collect the findings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from dkst.checks.compliance import Evaluation, evaluate
from dkst.dataset import Dataset, load
from dkst.findings import CheckResult


@dataclass
class Checked:
    """A loaded dataset, its evaluation as of a day, and every finding."""

    dataset: Dataset
    evaluation: Evaluation
    result: CheckResult


def check(root: Path, as_of: date) -> Checked:
    """Load and judge the dataset at ``root`` as of ``as_of``."""
    from dkst.cache import parse_many

    ds = load(root, parse=parse_many)
    ev = evaluate(ds, as_of)
    result = CheckResult(dataset=str(root), as_of=as_of, findings=[*ds.findings, *ev.findings])
    result.files = ds.files_read
    return Checked(ds, ev, result)
