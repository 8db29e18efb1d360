"""The layout walk of ``units/``: which files are a unit's plan, models and reports, and which are stray.

:func:`scan_units` walks the folders before ``plan.yaml`` and ``units.yaml`` are read, so that parsing can start
at once; :func:`judge_units` then keeps the files of known units and periods and turns the rest into
``stray-file`` findings. (Layout only: nothing here reads a file's content.)
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dkst import findings as F
from dkst.findings import Finding
from dkst.load.validation import nearest


@dataclass(slots=True)
class Entry:
    """A file of the layout to load: which kind, whose, and for which id."""

    rel: str
    kind: str  # "unit-plan" | "model" | "report" | "narrative"
    unit: str
    ident: str | None = None


@dataclass(slots=True)
class Misfit:
    """A ``.yaml`` file under a unit folder in no place of the layout (its hint needs the period ids)."""

    rel: str
    unit: str
    name: str


@dataclass(slots=True)
class UnitFolder:
    """What ``units/<name>/`` holds, in walk order; judged once the unit ids and period ids are known."""

    name: str
    items: list[Entry | Misfit | Finding]


def _is_yaml_like(name: str) -> bool:
    """A name ending in ``.yaml`` or ``.yml`` in any case (``.YAML``, ``.Yml``: stray, with a rename hint)."""
    return name.lower().endswith((".yaml", ".yml"))


def _is_special(entry: os.DirEntry[str]) -> bool:
    """A FIFO, socket or device (from the directory listing, without opening it): never to be opened."""
    try:
        return not entry.is_file(follow_symlinks=False) and not entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def scan_units(root: Path) -> list[UnitFolder | Finding]:
    """Everything under ``units/`` that does not depend on ``plan.yaml`` or ``units.yaml``, in one pass.

    Unit folders come back whole (see :func:`judge_units`), so the files can be parsed before the plan and the
    registry are read; a folder that turns out not to be a unit's is then dropped unread by the checks.
    """
    base = root / "units"
    if base.is_symlink():
        return [F.make("stray-file", "units", reason="symlink")]
    if not base.is_dir():
        return []
    out: list[UnitFolder | Finding] = []
    for entry in sorted(os.scandir(base), key=lambda e: e.name):
        if entry.name.startswith("."):
            continue
        rel = f"units/{entry.name}"
        if entry.is_symlink():
            out.append(F.make("stray-file", rel, reason="symlink"))
        elif _is_special(entry):
            out.append(F.make("stray-file", rel, reason="not_regular"))
        elif entry.is_dir():
            items: list[Entry | Misfit | Finding] = []
            _scan_unit(entry.path, rel, entry.name, 0, "", items)
            out.append(UnitFolder(entry.name, items))
        elif _is_yaml_like(entry.name):
            out.append(F.make("stray-file", rel, **stray_reason(entry.name)))
    return out


def _scan_unit(
    path: str, rel_dir: str, unit_id: str, depth: int, section: str, out: list[Entry | Misfit | Finding]
) -> None:
    """One folder of a unit, then its sub-folders (the order of ``os.walk``, top-down, sorted), with a stack of
    folders to go rather than recursion: a tree nested a thousand deep is scanned, not a ``RecursionError``."""
    todo: list[tuple[str, str, int, str]] = [(path, rel_dir, depth, section)]
    while todo:
        path, rel_dir, depth, section = todo.pop()
        subs = _scan_folder(path, rel_dir, unit_id, depth, section, out)
        todo.extend(reversed(subs))  # the first sub-folder next, as the recursion went


def _scan_folder(
    path: str, rel_dir: str, unit_id: str, depth: int, section: str, out: list[Entry | Misfit | Finding]
) -> list[tuple[str, str, int, str]]:
    """One folder of a unit: its files into ``out``; its sub-folders to scan next, in order."""
    try:
        with os.scandir(path) as it:
            entries = list(it)
    except OSError:
        return []  # as os.walk: a folder that cannot be listed is passed over
    dirs: list[os.DirEntry[str]] = []
    files: list[os.DirEntry[str]] = []
    for entry in entries:
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        (dirs if is_dir else files).append(entry)
    dirs.sort(key=lambda e: e.name)
    files.sort(key=lambda e: e.name)
    for entry in dirs:
        if entry.is_symlink() and not entry.name.startswith("."):
            out.append(F.make("stray-file", f"{rel_dir}/{entry.name}", unit=unit_id, reason="symlink"))
    for entry in files:
        name = entry.name
        if name.startswith("."):
            continue
        rel = f"{rel_dir}/{name}"
        if entry.is_symlink():
            out.append(F.make("stray-file", rel, unit=unit_id, reason="symlink"))
            continue
        if _is_special(entry):
            out.append(F.make("stray-file", rel, unit=unit_id, reason="not_regular"))
            continue
        if not _is_yaml_like(name):
            continue  # an attachment: a scan, a photo
        if not name.endswith(".yaml"):
            out.append(F.make("stray-file", rel, unit=unit_id, **stray_reason(name)))
        elif depth == 0 and name == "plan.yaml":
            out.append(Entry(rel, "unit-plan", unit_id))
        elif depth == 1 and section == "models":
            out.append(Entry(rel, "model", unit_id, name[:-5]))
        elif depth == 1 and section == "reports":
            out.append(Entry(rel, "report", unit_id, name[:-5]))
        else:
            out.append(Misfit(rel, unit_id, name))
    return [
        (entry.path, f"{rel_dir}/{entry.name}", depth + 1, section or entry.name)
        for entry in dirs
        if not entry.name.startswith(".") and not entry.is_symlink()
    ]


def judge_units(
    scanned: list[UnitFolder | Finding],
    unit_ids: set[str] | None,
    period_ids: set[str],
    broken_ids: Iterable[str] = (),
) -> Iterator[Entry | Finding]:
    """The files of :func:`scan_units` that fit the layout, and a ``stray-file`` finding for each misfit.

    One mistake gives one finding (docs/format.md, "Findings"): ``unit_ids`` is ``None`` when ``units.yaml`` could
    not be read at all, and then every folder is taken for a unit's (its files are still checked; no folder is
    ``stray-file``); ``broken_ids`` are the ids written in entries whose ``id`` is not valid, and the folder
    each of them names (the same id, or the nearest folder name) is that entry's: left unread, not stray.
    """
    known: list[str] | None = None
    skipped = _broken_folders(scanned, unit_ids, broken_ids)
    for item in scanned:
        if isinstance(item, Finding):
            yield item
        elif unit_ids is None:
            yield from _judge_folder(item, period_ids)
        elif item.name in skipped:
            continue
        elif item.name not in unit_ids:
            params: dict[str, Any] = {"reason": "unknown_unit", "unit_id": item.name}
            known = sorted(unit_ids) if known is None else known
            guess = nearest(item.name, known)
            if guess:
                params["suggest"] = guess
            yield F.make("stray-file", f"units/{item.name}", **params)
        else:
            yield from _judge_folder(item, period_ids)


def _unknown_period(period: str, period_ids: set[str]) -> dict[str, Any]:
    """The parameters of ``stray-file`` for a file named after a period the plan does not have: the plan's periods,
    and the one meant (the same letters in another case, else the nearest) when there is one."""
    params: dict[str, Any] = {
        "reason": "unknown_period_list",
        "period_id": period,
        "periods": ", ".join(sorted(period_ids)) or "—",
    }
    guess = next((p for p in sorted(period_ids) if p.lower() == period.lower()), None)
    guess = guess or nearest(period, sorted(period_ids))
    if guess:
        params["suggest"] = guess
    return params


def _judge_folder(item: UnitFolder, period_ids: set[str]) -> Iterator[Entry | Finding]:
    """The files of a unit's folder that fit the layout, and ``stray-file`` for each misfit in it."""
    for sub in item.items:
        if isinstance(sub, Misfit):
            yield F.make("stray-file", sub.rel, unit=sub.unit, **stray_reason(sub.name, period_ids))
        elif isinstance(sub, Entry) and sub.kind == "report" and sub.ident not in period_ids:
            yield F.make("stray-file", sub.rel, unit=sub.unit, **_unknown_period(sub.ident or "", period_ids))
        else:
            yield sub


def _broken_folders(
    scanned: list[UnitFolder | Finding], unit_ids: set[str] | None, broken_ids: Iterable[str]
) -> set[str]:
    """The folders that belong to a registry entry whose id is broken: a folder named as the id is written, or
    (one per entry) the nearest folder name that no valid id claims."""
    if unit_ids is None:
        return set()
    free = [i.name for i in scanned if isinstance(i, UnitFolder) and i.name not in unit_ids]
    out: set[str] = set()
    for raw in broken_ids:
        left = [name for name in free if name not in out]
        hit = raw if raw in left else nearest(raw, left) or nearest(raw.lower().replace(" ", "-"), left)
        if hit:
            out.add(hit)
    return out


def scan_narratives(root: Path) -> list[Entry | Misfit | Finding]:
    """``narrative/<period-id>.yaml``: the committee's own words per period (judged by :func:`judge_narratives`)."""
    base = root / "narrative"
    if base.is_symlink():
        return [F.make("stray-file", "narrative", reason="symlink")]
    if not base.is_dir():
        return []
    out: list[Entry | Misfit | Finding] = []
    for entry in sorted(os.scandir(base), key=lambda e: e.name):
        name = entry.name
        if name.startswith("."):
            continue
        rel = f"narrative/{name}"
        if entry.is_symlink():
            out.append(F.make("stray-file", rel, reason="symlink"))
        elif _is_special(entry):
            out.append(F.make("stray-file", rel, reason="not_regular"))
        elif entry.is_dir() or not _is_yaml_like(name):
            continue  # a scan of the signed report, a draft in Word: not the checks' business
        elif not name.endswith(".yaml"):
            out.append(F.make("stray-file", rel, **stray_reason(name)))
        else:
            out.append(Entry(rel, "narrative", "", name[:-5]))
    return out


def judge_narratives(scanned: list[Entry | Misfit | Finding], period_ids: set[str]) -> Iterator[Entry | Finding]:
    """The narrative files of known periods, and a ``stray-file`` finding (with the plan's periods) for the rest."""
    for item in scanned:
        if isinstance(item, Entry) and item.ident not in period_ids:
            yield F.make("stray-file", item.rel, **_unknown_period(item.ident or "", period_ids))
        elif isinstance(item, Entry | Finding):
            yield item


def stray_reason(name: str, period_ids: set[str] | None = None, where: str = "") -> dict[str, Any]:
    if name.endswith(".yml"):
        return {"reason": "yml", "suggest": name[:-4] + ".yaml"}
    if not name.endswith(".yaml"):  # ``.YAML``, ``.Yml``, ``.YML``…
        stem = name[:-5] if name.lower().endswith(".yaml") else name[:-4]
        return {"reason": "yaml_suffix", "rename": stem + ".yaml"}
    stem = name[:-5]
    if period_ids and stem in period_ids:
        return {"reason": "not_in_layout", "suggest": f"reports/{name}"}
    return {"reason": "not_in_layout"}
