"""``dkst history [UNIT] [--period P] [--after-deadline]``: who changed which file and figure, from git.

Imports typer and :mod:`dkst.cli.options` only; dulwich (through :mod:`dkst.load.history`) and rich load
inside the command.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from dkst.cli.options import AsOfOpt, DataOpt, LangOpt, fail, is_terminal, resolve
from dkst.findings import KeyedError

if TYPE_CHECKING:
    from dkst.load.catalogue import Catalogue
    from dkst.load.history import History


class HistoryFormat(StrEnum):
    text = "text"
    json = "json"


def history(
    unit: Annotated[str | None, typer.Argument(metavar="UNIT", help="help.history.unit", show_default=False)] = None,
    period: Annotated[
        str | None, typer.Option("--period", "-p", help="help.history.period", metavar="PERIOD", show_default=False)
    ] = None,
    after_deadline: Annotated[bool, typer.Option("--after-deadline", help="help.history.after-deadline")] = False,
    fmt: Annotated[HistoryFormat, typer.Option("--format", "-f", help="help.history.format")] = HistoryFormat.text,
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
) -> None:
    """Ai đã sửa gì: lịch sử git của từng tệp, mỗi lần sửa và các số liệu đã đổi."""
    from dkst.i18n import text
    from dkst.load.catalogue import read_catalogue
    from dkst.load.history import as_data, changed_after_deadline, read_history

    ctx = resolve(data, as_of, lang)
    cat = read_catalogue(ctx.root)
    unit_id = _unit(cat, unit, ctx.lang) if unit is not None else None
    period_id = _period(cat, period, ctx.lang) if period is not None else None
    try:
        found = read_history(ctx.root, unit_id, period_id)
    except KeyedError:
        raise  # said by the command line's one handler
    except Exception as exc:  # a damaged repository: one line, never a traceback
        fail(text("history-unreadable-repo", ctx.lang, path=str(ctx.root), error=str(exc) or type(exc).__name__))
    if found.shallow and found.oldest is not None:
        sys.stderr.write(
            "dkst: "
            + text("history-shallow", ctx.lang, date=found.oldest.date(), id=(found.oldest_id or "")[:7])
            + "\n"
        )
    deadlines = _deadlines(cat)
    if after_deadline:
        found = changed_after_deadline(found, deadlines.get)
    if fmt == HistoryFormat.json:
        from dkst import escape

        doc = as_data(found, str(ctx.root))
        sys.stdout.write(escape.json_text(json.dumps(doc, ensure_ascii=False, indent=2)) + "\n")
        return
    if not found.files:
        sys.stderr.write(text("history-none-after" if after_deadline else "history-none", ctx.lang) + "\n")
        return
    if is_terminal():
        _print_rich(found, after_deadline, deadlines, ctx.lang)
    else:
        sys.stdout.write(_plain(found, after_deadline, ctx.lang))


def _unit(cat: Catalogue, unit: str, lang: str) -> str:
    from dkst.i18n import text
    from dkst.load.validation import nearest

    if unit in cat.units:
        return unit
    known = list(cat.units)
    guess = nearest(unit, known)
    suggest = text("did-you-mean", lang, x=guess) if guess else ""
    fail(text("unknown-unit", lang, value=unit, suggest=suggest, choices=", ".join(known) or "—"))


def _period(cat: Catalogue, period: str, lang: str) -> str:
    """A period id of the plan, matched without regard to case; an unknown one names the nearest."""
    from dkst.i18n import text
    from dkst.load.validation import nearest

    for pid in cat.periods:
        if pid.upper() == period.strip().upper():
            return pid
    known = list(cat.periods)
    guess = nearest(period.strip().upper(), known)
    suggest = text("did-you-mean", lang, x=guess) if guess else ""
    fail(text("history-unknown-period", lang, value=period, suggest=suggest, choices=", ".join(known) or "—"))


def _deadlines(cat: Catalogue) -> dict[str, date]:
    """Each period's last on-time day, from plan.yaml (``due_before`` / ``due_by``)."""
    from dkst.periods import deadline_of

    out = {}
    for pid, info in cat.periods.items():
        before, by = info.due_before, info.due_by
        deadline = deadline_of(before if isinstance(before, date) else None, by if isinstance(by, date) else None)
        if deadline is not None:
            out[pid] = deadline.last_on_time
    return out


def _rows(found: History, after_deadline: bool, lang: str) -> list[tuple[str, list[list[str]]]]:
    """Per file, its rows: commit, date, author, message, changes (one per line)."""
    from dkst.documents.changes import revision_summary, when_text
    from dkst.i18n import text

    out = []
    for file in found.files:
        rows = []
        for rev in file.revisions:
            only = (lambda c: c.figure) if after_deadline else None
            rows.append(
                [
                    rev.id[:7] if rev.id is not None else text("history-uncommitted", lang),
                    when_text(rev.when, lang),
                    rev.author or "—",
                    rev.message if rev.message is not None else "—",
                    "\n".join(revision_summary(rev, lang, only)),
                ]
            )
        out.append((file.path, rows))
    return out


def _plain(found: History, after_deadline: bool, lang: str) -> str:
    """Tab-separated text for pipes and files: a header, then a line per commit of each file (the file's path, or
    for ``--after-deadline`` the unit and period, first); changes joined by ``; ``. No control character from the
    data (a tab inside a message would shift the columns)."""
    from dkst import escape
    from dkst.i18n import text

    cols = ["history-col-commit", "history-col-date", "history-col-author", "history-col-message"]
    lead = ["history-col-unit", "history-col-period"] if after_deadline else ["history-col-file"]
    header = [text(k, lang) for k in [*lead, *cols, "history-col-changes"]]
    lines = ["\t".join(header)]
    by_path = {f.path: f for f in found.files}
    for path, rows in _rows(found, after_deadline, lang):
        file = by_path[path]
        first = [file.unit or "", file.period or ""] if after_deadline else [path]
        for row in rows:
            cells = [*first, *row[:4], row[4].replace("\n", "; ")]
            lines.append("\t".join(escape.terminal(c, keep="") for c in cells))
    return "\n".join(lines) + "\n"


def _print_rich(found: History, after_deadline: bool, deadlines: dict[str, date], lang: str) -> None:
    """A table per file in a terminal (one table for ``--after-deadline``); text from the data shown literally."""
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from dkst import escape
    from dkst.i18n import text

    console = Console()
    by_path = {f.path: f for f in found.files}

    def table(title: str, lead: list[str]) -> Table:
        grid = Table(title=title, box=box.SIMPLE_HEAD, header_style="bold", title_justify="left")
        for key in [*lead, "history-col-commit", "history-col-date", "history-col-author", "history-col-message"]:
            grid.add_column(Text(text(key, lang)), overflow="fold")
        grid.add_column(Text(text("history-col-changes", lang)), overflow="fold", ratio=2)
        return grid

    if after_deadline:
        grid = table(
            text("history-title-after", lang),
            ["history-col-unit", "history-col-period"],
        )
        for path, rows in _rows(found, True, lang):
            file = by_path[path]
            day = deadlines.get(file.period or "")
            period = file.period or ""
            if day is not None:
                period += "\n" + text("history-deadline", lang, day=day)
            for row in rows:
                grid.add_row(*(Text(escape.terminal(c, keep="\n")) for c in [file.unit or "", period, *row]))
        console.print(grid)
        return
    for path, rows in _rows(found, False, lang):
        grid = table(text("history-title", lang, path=escape.terminal(path)), [])
        for row in rows:
            style = "yellow" if row[0] == text("history-uncommitted", lang) else ""
            grid.add_row(*(Text(escape.terminal(c, keep="\n"), style=style) for c in row))
        console.print(grid)
