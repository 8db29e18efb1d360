"""Shell completion of unit and period ids: the dataset root and its ids, found cheaply on every Tab.

No schema, no loader, no checks, and never an exception: only the standard library and PyYAML.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from dkst.yamlwrite import one_line


def quick_root(data: Any = None) -> Path | None:
    """The dataset root as :func:`dkst.dataset.find_root` finds it, without importing the loader.

    For shell completion, which runs on every Tab: ``--data``, ``DKST_DATA``, the nearest folder with
    ``plan.yaml`` (not a unit's folder), ``./data``; ``None`` when there is none.
    """
    try:
        given = data if data is not None else os.environ.get("DKST_DATA") or None
        if given is not None:
            root = Path(given)
            return root if (root / "plan.yaml").is_file() else None
        here = Path.cwd().resolve()
        for folder in (here, *here.parents):
            unit_folder = folder.parent.name == "units" and (folder.parent.parent / "plan.yaml").is_file()
            if (folder / "plan.yaml").is_file() and not unit_folder:
                return folder
        fallback = Path.cwd() / "data"
        return fallback if (fallback / "plan.yaml").is_file() else None
    except (OSError, ValueError, TypeError):
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
