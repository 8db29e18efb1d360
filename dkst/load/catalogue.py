"""A dataset's catalogue: the plan's year, periods and indicators, and the registry's units — read cheaply.

The one reader of these for every quick lookup: ``dkst new`` (the skeletons), ``history`` and ``import`` (names
and deadlines), and shell completion, which runs on every Tab. It reads ``plan.yaml`` and ``units.yaml`` with
the loader's own YAML reader (:mod:`dkst.load.yamlio`: encodings, no tags, the size bound), keeps each value
only where it has the shape the format gives it (the patterns below, which :mod:`dkst.load.fields` uses too),
and never raises; it imports no schema, so completion stays light. The checks read the same files through the
schema (:mod:`dkst.load.dataset`) and index the plan for themselves (:class:`dkst.load.plan_index.PlanIndex`).
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from dkst.periods import DateError, parse_date

#: Unit and model ids (folder names), indicator ids, period ids: docs/format.md §2.
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
INDICATOR_ID = re.compile(r"^[a-z][a-z0-9_]*$")
PERIOD_ID = re.compile(r"^[A-Z][A-Z0-9]*$")
RESERVED_WORDS = frozenset({"and", "or", "not", "in", "is", "if", "else", "true", "false", "none", "min", "max", "abs"})
#: Names Windows cannot give a file or folder, in any case: refused as unit and model ids (datasets travel in git).
WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}
)
YEAR_MIN, YEAR_MAX = 2000, 2100


@dataclass(frozen=True)
class CatalogPeriod:
    name: str | None
    start: date | None
    end: date | None
    due_before: date | None
    due_by: date | None


@dataclass(frozen=True)
class CatalogIndicator:
    id: str
    label: str | None
    unit: str | None
    section: str | None


@dataclass(frozen=True)
class CatalogUnit:
    name: str
    short_name: str | None
    kind: str | None

    @property
    def label(self) -> str:
        return self.short_name or self.name


@dataclass
class Catalogue:
    """What the quick lookups need of a dataset: the plan's year, periods and indicators, the units (registry
    order), their models."""

    root: Path
    year: int | None = None
    periods: dict[str, CatalogPeriod] = field(default_factory=dict)
    indicators: list[CatalogIndicator] = field(default_factory=list)
    units: dict[str, CatalogUnit] = field(default_factory=dict)

    def model_ids(self, unit_id: str) -> list[str]:
        folder = self.root / "units" / unit_id / "models"
        try:
            return sorted(
                p.name[:-5]
                for p in folder.iterdir()
                if p.name.endswith(".yaml") and not p.name.startswith(".") and p.is_file()
            )
        except OSError:
            return []


def _read(path: Path) -> Any:
    """The YAML data of a regular file (``None``: absent, unreadable, too large or not YAML)."""
    from dkst.load.yamlio import MAX_BYTES, parse_bytes

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_BYTES:
            return None
        raw = os.read(fd, MAX_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    return parse_bytes(raw).data


def _text(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return getattr(value, "raw", None) or str(value)
    return None


def _date(value: Any) -> date | None:
    try:
        return parse_date(value)
    except DateError:
        return None


def _id(value: Any, pattern: re.Pattern[str]) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool) and pattern is SLUG:
        value = _text(value)  # ``2023`` or ``010`` written plainly: the id as typed
    return value if isinstance(value, str) and pattern.match(value) else None


def _map(value: Any) -> dict[Any, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def read_catalogue(root: Path, *, plan: bool = True, units: bool = True) -> Catalogue:
    """The catalogue of the dataset at ``root``: ``plan.yaml`` unless not ``plan``, ``units.yaml`` unless not
    ``units``; what is absent or malformed is left out, and nothing raises."""
    cat = Catalogue(root)
    data = _map(_read(root / "plan.yaml")) if plan else {}
    year = data.get("year")
    if isinstance(year, int) and not isinstance(year, bool) and YEAR_MIN <= year <= YEAR_MAX:
        cat.year = year
    for pid, period in _map(data.get("periods")).items():
        if _id(pid, PERIOD_ID) is not None:
            p = _map(period)
            cat.periods[pid] = CatalogPeriod(
                _text(p.get("name")),
                _date(p.get("start")),
                _date(p.get("end")),
                _date(p.get("due_before")),
                _date(p.get("due_by")),
            )
    for ind in _list(data.get("indicators")):
        i = _map(ind)
        iid = _id(i.get("id"), INDICATOR_ID)
        if iid is not None:
            cat.indicators.append(
                CatalogIndicator(iid, _text(i.get("label")), _text(i.get("unit")), _text(i.get("section")))
            )
    listed = _map(_read(root / "units.yaml")).get("units") if units else None
    for unit in _list(listed):
        u = _map(unit)
        uid = _id(u.get("id"), SLUG)
        if uid is not None and uid not in WINDOWS_RESERVED and uid not in cat.units:
            cat.units[uid] = CatalogUnit(
                _text(u.get("name")) or uid, _text(u.get("short_name")), _id(u.get("kind"), SLUG)
            )
    return cat


__all__ = [
    "INDICATOR_ID",
    "PERIOD_ID",
    "RESERVED_WORDS",
    "SLUG",
    "WINDOWS_RESERVED",
    "YEAR_MAX",
    "YEAR_MIN",
    "CatalogIndicator",
    "CatalogPeriod",
    "CatalogUnit",
    "Catalogue",
    "read_catalogue",
]
