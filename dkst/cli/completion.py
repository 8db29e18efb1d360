"""Shell completion of unit and period ids: the dataset root and its ids, found cheaply on every Tab.

No schema, no loader, no checks, and never an exception: only the standard library and PyYAML.
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
    """Unit ids (``what="units"``) or period ids (``"periods"``) with a label, read with plain YAML.

    For shell completion: no schema, no checks, and never an exception.
    """
    try:
        import yaml

        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        name = "units.yaml" if what == "units" else "plan.yaml"
        path = root / name
        if not path.is_file() or path.stat().st_size > 1024 * 1024:
            return []
        data = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=loader)
        out: list[tuple[str, str]] = []
        if what == "units":
            for unit in (data or {}).get("units") or []:
                if isinstance(unit, dict) and isinstance(unit.get("id"), str):
                    out.append((unit["id"], one_line(unit.get("short_name") or unit.get("name") or "")))
        else:
            for pid, period in ((data or {}).get("periods") or {}).items():
                label = period.get("name") if isinstance(period, dict) else ""
                out.append((str(pid), one_line(label or "")))
        return out
    except Exception:  # completion must never crash
        return []


__all__ = ["quick_ids", "quick_root"]
