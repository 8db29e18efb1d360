"""Where the dataset is: ``--data``, ``DKST_DATA``, the nearest folder with ``plan.yaml``, ``./data``.

Standard library only, so that shell completion (:mod:`dkst.cli.completion`) finds the root on every Tab without
loading anything else.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from dkst.findings import KeyedError


class DatasetError(KeyedError):
    """No dataset could be found or opened: a one-line error, exit code 2."""


def find_root(data: str | os.PathLike[str] | None = None, cwd: Path | None = None) -> Path:
    """``--data``, then ``DKST_DATA``, then the nearest folder at or above cwd with ``plan.yaml``, then ``./data``.

    A path the file system cannot look at (a name over 255 bytes, a loop of symbolic links, no permission) is a
    :class:`DatasetError` ``bad-path`` naming it, never a traceback."""
    try:
        return _find_root(data, cwd)
    except (OSError, RuntimeError) as exc:
        from dkst.files import os_reason

        shown = data if data is not None else os.environ.get("DKST_DATA") or (cwd or ".")
        error = (getattr(exc, "strerror", None) or str(exc)).split("\n")[0][:200]
        raise DatasetError("output-bad-path", path=os.fsdecode(shown), reason=os_reason(exc), error=error) from None


def _find_root(data: str | os.PathLike[str] | None, cwd: Path | None) -> Path:
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


#: ``year: 2025`` at the start of a line of plan.yaml (read without YAML: this must stay cheap).
_YEAR = re.compile(r"^year:[ \t]*[\"']?([0-9]{4})[\"']?[ \t]*(#.*)?$", re.M | re.ASCII)


def plan_year(root: Path | None) -> int | None:
    """The plan year written in ``root/plan.yaml``, or None (no dataset, no such line, unreadable): for the
    examples of help texts and messages, which use the dataset's year."""
    if root is None:
        return None
    try:
        with open(root / "plan.yaml", "rb") as f:
            head = f.read(65536).decode("utf-8", "replace")
    except OSError:
        return None
    m = _YEAR.search(head)
    return int(m[1]) if m and 2000 <= int(m[1]) <= 2100 else None


def _is_unit_folder(folder: Path) -> bool:
    """``units/<id>/`` holds a ``plan.yaml`` too (the unit's plan): it is not a dataset root."""
    return folder.parent.name == "units" and (folder.parent.parent / "plan.yaml").is_file()
