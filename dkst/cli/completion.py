"""Shell completion of unit and period ids: the dataset root and its ids, found cheaply on every Tab.

No schema, no checks, and never an exception: the catalogue reader (:mod:`dkst.load.catalogue`) and PyYAML.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dkst.scaffold.yamlwrite import one_line


def quick_root(data: Any = None) -> Path | None:
    """The dataset root as :func:`dkst.roots.find_root` finds it, or ``None``; never an exception.

    For shell completion, which runs on every Tab: ``--data``, ``DKST_DATA``, the nearest folder with
    ``plan.yaml`` (not a unit's folder), ``./data``; ``None`` when there is none.
    """
    from dkst.roots import DatasetError, find_root

    try:
        return find_root(data)
    except (DatasetError, OSError, ValueError, TypeError):
        return None


def quick_ids(root: Path, what: str) -> list[tuple[str, str]]:
    """Unit ids (``what="units"``) or period ids (``"periods"``) with a label, from the one catalogue reader
    (:func:`dkst.load.catalogue.read_catalogue`: plain YAML, no schema). Never an exception."""
    try:
        from dkst.load.catalogue import read_catalogue

        if what == "units":
            return [(uid, one_line(u.label)) for uid, u in read_catalogue(root, plan=False).units.items()]
        return [(pid, one_line(p.name or "")) for pid, p in read_catalogue(root, units=False).periods.items()]
    except Exception:  # completion must never crash
        return []


__all__ = ["quick_ids", "quick_root"]
