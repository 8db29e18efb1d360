"""``dkst init DIR --from LAST_YEAR_DIR``: the new year's dataset started from last year's.

What carries over: the registry of units (without last year's exemptions: an exemption is granted for one year),
the kinds, the indicators (``max_change`` and English words included), the requirements and ``parent``; what
moves: the year, and every date of the periods and deadlines one year forward (the last day of February stays
the last day of February: 28/02/2023 → 29/02/2024, 29/02/2024 → 28/02/2025), the year written in the plan's
title, the periods' names and the requirements' ids and texts (``model-2023`` → ``model-2024``). What is left
out: the plan's own number and date and the plans it implements (``based_on``): they are next year's to write.
``previous`` points back at last year's dataset, as a path relative to the new ``plan.yaml``.

Last year's ``plan.yaml`` must be readable without error; what is written passes ``dkst check``.
"""

from __future__ import annotations

import os
import re
from calendar import monthrange
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from dkst.findings import KeyedError
from dkst.load.dataset import parse_file
from dkst.load.schema import Plan, UnitsFile
from dkst.load.yamlio import parse_bytes
from dkst.periods import DateError, parse_date

#: Keys of a period and of a requirement that hold dates to move forward.
_PERIOD_DATES = ("start", "end", "due_before", "due_by")
_REQUIREMENT_DATES = ("due_before", "due_by")
#: Keys of plan.yaml that belong to last year's plan only.
_DROPPED = ("number", "issued", "based_on", "previous")


class NextYearError(KeyedError):
    """Last year's dataset cannot be the start of the new one: a catalogue key and its values."""


def next_day(day: date) -> date:
    """The same day one year later; the last day of February stays the last day of February."""
    year = day.year + 1
    if day.month == 2 and day.day == monthrange(day.year, 2)[1]:
        return date(year, 2, monthrange(year, 2)[1])
    return date(year, day.month, day.day)


def _plain(value: Any) -> Any:
    """Loaded YAML as plain Python (the loader's int and str subclasses made plain, for the YAML writer)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    return str(value)


def _read(path: Path) -> dict[str, Any]:
    parsed = parse_bytes(path.read_bytes(), 1)
    data = _plain(parsed.data)
    return data if isinstance(data, dict) else {}


def _moved(value: Any) -> Any:
    try:
        return next_day(parse_date(value))
    except DateError:
        return value


def _year_words(text: Any, old: int, new: int) -> Any:
    """``2023`` written as a number of its own in a text (``năm 2023``, ``model-2023``) → ``2024``."""
    if not isinstance(text, str):
        return text
    return re.sub(rf"(?<![0-9]){old}(?![0-9])", str(new), text)


def next_plan(data: dict[str, Any], old: int, previous: str) -> dict[str, Any]:
    """Last year's plan.yaml (as loaded) → the new year's."""
    new = old + 1
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key in _DROPPED:
            continue
        if key == "year":
            out[key] = new
        elif key == "title":
            out[key] = _year_words(value, old, new)
        elif key == "periods" and isinstance(value, dict):
            out[key] = {
                pid: {
                    k: (_moved(v) if k in _PERIOD_DATES else _year_words(v, old, new) if k.startswith("name") else v)
                    for k, v in period.items()
                }
                if isinstance(period, dict)
                else period
                for pid, period in value.items()
            }
        elif key == "requirements" and isinstance(value, list):
            out[key] = [
                {
                    k: (_moved(v) if k in _REQUIREMENT_DATES else _year_words(v, old, new) if k != "expr" else v)
                    for k, v in req.items()
                }
                if isinstance(req, dict)
                else req
                for req in value
            ]
        else:
            out[key] = value
    out["previous"] = {"data": previous}
    return out


def next_units(data: dict[str, Any]) -> dict[str, Any]:
    """Last year's units.yaml → the new year's: the same units in the same order, without exemptions."""
    units = data.get("units")
    if not isinstance(units, list):
        return data
    return {
        **data,
        "units": [{k: v for k, v in u.items() if k != "exempt"} if isinstance(u, dict) else u for u in units],
    }


def relative(target: Path, last: Path) -> str:
    """``last`` as seen from the folder ``target`` (``../ke-hoach-2023``), with ``/`` on every system; the absolute
    path where there is no relative one (another drive on Windows)."""
    try:
        return Path(os.path.relpath(last.resolve(), target.resolve())).as_posix()
    except ValueError:
        return last.resolve().as_posix()


def _dump(data: dict[str, Any], header: str) -> bytes:
    import yaml

    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=False)
    return (header + body).encode("utf-8")


def next_year_files(
    last: Path, target: Path, headers: Callable[[int], tuple[str, str]]
) -> tuple[int, dict[str, bytes]]:
    """The new year: its number, and ``plan.yaml``, ``units.yaml`` (and a copy of last year's own ``templates/``)
    as relative path → bytes. ``headers(year)``: the comment lines that open the two files. Raises
    :class:`NextYearError` when last year's dataset cannot be read."""
    if not (last / "plan.yaml").is_file():
        raise NextYearError("from-not-dataset", path=str(last))
    plan = parse_file(last / "plan.yaml", Plan)
    if not isinstance(plan.record, Plan) or plan.partial or plan.problems:  # every problem of a plan is an error
        raise NextYearError("from-broken-plan", path=str(last / "plan.yaml"))
    old = plan.record.year
    if old >= 2100:
        raise NextYearError("from-broken-plan", path=str(last / "plan.yaml"))
    files: dict[str, bytes] = {}
    back = relative(target, last)
    plan_head, units_head = headers(old + 1)
    files["plan.yaml"] = _dump(next_plan(_read(last / "plan.yaml"), old, back), plan_head)
    if (last / "units.yaml").is_file() and isinstance(parse_file(last / "units.yaml", UnitsFile).record, UnitsFile):
        files["units.yaml"] = _dump(next_units(_read(last / "units.yaml")), units_head)
    own = last / "templates"
    if own.is_dir() and not own.is_symlink():
        for path in sorted(own.iterdir()):
            if path.is_file() and not path.is_symlink() and not path.name.startswith("."):
                files[f"templates/{path.name}"] = path.read_bytes()
    return old + 1, files
