"""``dkst status``: a row per unit in registry order, a column per requirement, a mark in each cell."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from dkst import escape
from dkst.checker import Checked
from dkst.checks.compliance import Status
from dkst.i18n import text


def mark(status: Status, lang: str, compact: bool = False) -> str:
    """The mark a clerk reads in a cell: ✓ done, ✗ overdue, … pending, and the days (shorter if compact)."""
    prefix = "sc-" if compact else "st-"
    s = status.status
    fields = {k: v for k, v in asdict(status).items() if v is not None}
    if status.type == "models" and s in ("missing", "pending"):
        return text(f"{prefix}{s}-model", lang, **fields)
    if s == "done":
        return text(prefix + ("done" if status.type == "models" else "done-plan"), lang, **fields)
    return text(prefix + s, lang, **fields)


def table(checked: Checked) -> dict[str, Any]:
    """The status table as data: the requirement columns and a row of statuses per unit."""
    ds, ev = checked.dataset, checked.evaluation
    reqs = ds.index.requirements or []
    kinds = ds.index.kinds or {}
    rows = []
    for unit in ds.units:
        rows.append({"unit": unit, "kind": kinds.get(unit.kind, unit.kind),
                     "cells": [ev.statuses[(unit.id, r.id)] for r in reqs]})
    return {"requirements": reqs, "rows": rows}


def as_json(checked: Checked, lang: str) -> str:
    data = table(checked)
    doc = {
        "dataset": str(checked.dataset.root), "as_of": checked.evaluation.as_of.isoformat(),
        "requirements": [{"id": r.id, "type": r.type, "period": r.period, "text": r.text}
                         for r in data["requirements"]],
        "units": [{"id": row["unit"].id, "name": row["unit"].name, "kind": row["unit"].kind,
                   "statuses": {c.requirement: _status_dict(c) for c in row["cells"]}} for row in data["rows"]],
    }
    return escape.json_text(json.dumps(doc, ensure_ascii=False, indent=2)) + "\n"


def _status_dict(status: Status) -> dict[str, Any]:
    out = {k: v for k, v in asdict(status).items() if v is not None and k not in ("unit", "requirement", "type")}
    if out.get("submitted") is not None:
        out["submitted"] = out["submitted"].isoformat()
    if not out.get("failed"):
        out.pop("failed", None)
    return out


def as_plain(checked: Checked, lang: str) -> str:
    """Tab-separated text for pipes and files: a header, then a line per unit (no control character from
    the data: a tab inside a name would shift the columns, an escape sequence would reach a terminal)."""
    data = table(checked)
    header = [text("col-unit", lang), text("col-kind", lang)] + [escape.terminal(r.id, keep="")
                                                                 for r in data["requirements"]]
    lines = ["\t".join(header)]
    for row in data["rows"]:
        cells = [row["unit"].id, row["kind"]] + [mark(c, lang) for c in row["cells"]]
        lines.append("\t".join(escape.terminal(c, keep="") for c in cells))
    return "\n".join(lines) + "\n"


def print_rich(checked: Checked, lang: str) -> None:
    """The table in a terminal, with colour where the terminal has it; names from the data printed literally
    (``[/b]`` in a name is text, not markup) and without control sequences (:func:`dkst.escape.rich_text`)."""
    from rich.console import Console
    from rich.table import Table

    data = table(checked)
    styles = {"on_time": "green", "done": "green", "ok": "green", "late": "yellow", "missing": "red",
              "failed": "red", "pending": "cyan", "invalid": "magenta", "exempt": "dim", "not_required": "dim"}
    grid = Table(title=text("status-title", lang, as_of=checked.evaluation.as_of),
                 caption=text("status-legend", lang), show_lines=False, header_style="bold")
    grid.add_column(text("col-unit", lang), no_wrap=False, min_width=14)
    for req in data["requirements"]:
        grid.add_column(escape.rich_text(req.id), overflow="fold", no_wrap=False)
    kind = None
    for row in data["rows"]:
        if row["kind"] != kind:
            kind = row["kind"]
            grid.add_row(f"[bold]{escape.rich_text(kind)}[/bold]", end_section=False)
        cells = [f"[{styles.get(c.status, '')}]{escape.rich_text(mark(c, lang, compact=True))}[/]"
                 for c in row["cells"]]
        grid.add_row("  " + escape.rich_text(row["unit"].label), *cells)
    Console().print(grid)
