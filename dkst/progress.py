"""A progress bar for long loops, on stderr only, and only where someone is watching.

``progress(items, total, label)`` yields the items unchanged. It shows a transient rich progress bar on
stderr when there are more than :data:`THRESHOLD` items and stderr is a terminal; otherwise it is the
iterable itself (no rich import, no output), so machine output and pipes are never touched.
``NO_COLOR`` is honoured by rich; ``DKST_NO_PROGRESS=1`` turns the bar off.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")

#: Loops of at most this many items never show a bar.
THRESHOLD = 300


def enabled(total: int | None, stream: Any = None) -> bool:
    """Whether a bar would be shown for ``total`` items on ``stream`` (stderr by default)."""
    stream = sys.stderr if stream is None else stream
    if total is None or total <= THRESHOLD or os.environ.get("DKST_NO_PROGRESS"):
        return False
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def progress(iterable: Iterable[T], total: int | None = None, label: str = "") -> Iterable[T]:
    """``iterable``, with a transient progress bar on stderr for more than 300 items on a terminal."""
    if total is None:
        try:
            total = len(iterable)  # type: ignore[arg-type]
        except TypeError:
            total = None
    if not enabled(total):
        return iterable
    return _bar(iterable, total or 0, label)


def _bar(iterable: Iterable[T], total: int, label: str) -> Iterator[T]:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(file=sys.stderr)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    from dkst.escape import rich_text

    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(rich_text(label), total=total)  # a label may hold a path: markup stays text
        for item in iterable:
            yield item
            bar.advance(task)
