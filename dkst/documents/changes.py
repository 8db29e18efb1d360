"""What changed, in words: a change of a file's history as a clerk reads it (``tuyen_truyen: 7 → 9``,
``highlights: đã sửa (120 → 140 ký tự)``), and the appendix sentences of ``render --history``.

The history itself is read by :mod:`dkst.load.history`; this module only words it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from dkst.documents.report_model import LateChanges
from dkst.i18n import text
from dkst.load.history import Change, FileHistory, History, Plain, Revision
from dkst.periods import vn_date

#: A short value (a list of ids) is shown whole up to this many characters; longer, it is counted.
SHORT = 60


def value_text(value: Plain) -> str:
    """One value as a table shows it: ``—`` for not written, a date as ``02/06/2023``, lists joined."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(value_text(v) for v in value) or "[]"
    if isinstance(value, dict):
        return "{…}"
    return str(value)


def _shown_date(value: Plain) -> str:
    if isinstance(value, str):
        try:
            return vn_date(date.fromisoformat(value))
        except ValueError:
            return value
    return value_text(value)


def describe(change: Change, lang: str) -> str:
    """``field: old → new``, with running texts and long lists summarised."""
    old, new, name = change.old, change.new, change.field
    if change.kind == "text" and (isinstance(old, str) or isinstance(new, str)):
        if old is None:
            return text("history-text-added", lang, field=name, new=len(str(new)))
        if new is None:
            return text("history-text-removed", lang, field=name, old=len(str(old)))
        return text("history-text-edited", lang, field=name, old=len(str(old)), new=len(str(new)))
    if change.kind == "map":
        return text("history-map-edited", lang, field=name)
    if change.kind == "list":
        shown = f"{value_text(old)} → {value_text(new)}"
        simple = all(not isinstance(v, list | dict) for v in [*(old or []), *(new or [])])  # type: ignore[misc]
        if simple and len(shown) <= SHORT:
            return f"{name}: {shown}"
        count = [len(v) if isinstance(v, list) else 0 for v in (old, new)]
        return text("history-list-edited", lang, field=name, old=count[0], new=count[1])
    if change.kind == "date":
        return f"{name}: {_shown_date(old)} → {_shown_date(new)}"
    return f"{name}: {value_text(old)} → {value_text(new)}"


def revision_summary(rev: Revision, lang: str, only: Callable[[Change], bool] | None = None) -> list[str]:
    """The changes of one revision in words, one item each (the problem when it does not parse)."""
    if rev.problem is not None:
        line = text("history-line", lang, line=rev.problem_line) if rev.problem_line else ""
        return [text("history-unreadable", lang, code=rev.problem, line=line)]
    items = []
    if rev.deleted:
        return [text("history-deleted", lang)]
    if rev.added:
        items.append(text("history-added", lang))
    items += [describe(c, lang) for c in rev.changes if only is None or only(c)]
    if not items:
        items.append(text("history-no-change", lang))
    return items


def when_text(when: datetime | None, lang: str) -> str:
    """A commit's date and time as a clerk reads it (its own time zone): ``20/6/2023 10:05`` / ``2023-06-20 10:05``."""
    if when is None:
        return "—"
    day = vn_date(when.date()) if lang == "vi" else when.date().isoformat()
    return f"{day} {when:%H:%M}"


# ---------------------------------------------------------------- the report's appendix (render --history)


def late_changes(
    history: History, names: dict[str, str], day: date, lang: str, labels: dict[str, str] | None = None
) -> LateChanges:
    """The appendix's sentence and one line per report whose figures changed after the deadline ``day``
    (``history`` as :func:`dkst.load.history.changed_after_deadline` kept it), units in ``names``' order,
    indicators by their ``labels``."""
    order = {unit: i for i, unit in enumerate(names)}
    files = sorted(history.files, key=lambda f: (order.get(f.unit or "", len(order)), f.unit or ""))
    lines = tuple(_report_line(file, names, lang, labels or {}) for file in files)
    if not lines:
        return LateChanges(text("history-render-none", lang, day=day), ())
    return LateChanges(text("history-render-intro", lang, day=day), lines)


def _report_line(file: FileHistory, names: dict[str, str], lang: str, labels: dict[str, str]) -> str:
    revs = file.revisions
    last = revs[0]
    changes: dict[str, Change] = {}
    for rev in reversed(revs):  # oldest first: the first old value, the last new value of each figure
        for c in rev.changes:
            if c.figure:
                first = changes.get(c.field)
                name = labels.get(c.field, c.field)
                changes[c.field] = Change(name, first.old if first else c.old, c.new, c.kind)
    words = "; ".join(describe(c, lang) for c in changes.values() if c.old != c.new)
    return text(
        "history-render-line",
        lang,
        unit=names.get(file.unit or "", file.unit or ""),
        count=len(revs),
        last=last.when.date() if last.when is not None else "—",
        who=last.author or "—",
        changes=words or text("history-no-change", lang),
    )
