"""``dkst status``: a row per unit in registry order, a column per requirement, a mark in each cell."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from dkst import escape
from dkst.checks.checker import Checked
from dkst.checks.compliance import Status
from dkst.i18n import text
from dkst.statuses import STYLES, ItemStatus, RuleStatus

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text


def mark(status: Status, lang: str, compact: bool = False) -> str:
    """The mark a clerk reads in a cell: ✓ done, ✗ overdue, … pending, and the days (shorter if compact)."""
    prefix = "sc-" if compact else "st-"
    s = status.status
    if status.left_out:
        return text(prefix + "left-out", lang)
    if status.type == "rule" and s == RuleStatus.PENDING:
        return text(prefix + "pending-rule", lang)
    fields = {k: v for k, v in asdict(status).items() if v is not None}
    if status.type == "models" and s in (ItemStatus.MISSING, ItemStatus.PENDING):
        return text(f"{prefix}{s}-model", lang, **fields)
    if s == ItemStatus.DONE:
        return text(prefix + ("done" if status.type == "models" else "done-plan"), lang, **fields)
    return text(prefix + s, lang, **fields)


def table(checked: Checked) -> dict[str, Any]:
    """The status table as data: the requirement columns and a row of statuses per unit."""
    ds, ev = checked.dataset, checked.evaluation
    reqs = ds.index.requirements
    kinds = ds.index.kinds
    rows = []
    for unit in ds.units:
        rows.append(
            {
                "unit": unit,
                "kind": kinds.get(unit.kind, unit.kind),
                "cells": [ev.statuses[(unit.id, r.id)] for r in reqs],
            }
        )
    return {"requirements": reqs, "rows": rows}


def as_json(checked: Checked, lang: str) -> str:
    data = table(checked)
    doc = {
        "dataset": str(checked.dataset.root),
        "as_of": checked.evaluation.as_of.isoformat(),
        "requirements": [
            {"id": r.id, "type": r.type, "period": r.period, "text": r.text} for r in data["requirements"]
        ],
        "units": [
            {
                "id": row["unit"].id,
                "name": row["unit"].name,
                "kind": row["unit"].kind,
                "statuses": {c.requirement: _status_dict(c) for c in row["cells"]},
            }
            for row in data["rows"]
        ],
    }
    return escape.json_text(json.dumps(doc, ensure_ascii=False, indent=2)) + "\n"


def _status_dict(status: Status) -> dict[str, Any]:
    out = {k: v for k, v in asdict(status).items() if v is not None and k not in ("unit", "requirement", "type")}
    if out.get("submitted") is not None:
        out["submitted"] = out["submitted"].isoformat()
    if not out.get("failed"):
        out.pop("failed", None)
    if not out.get("left_out"):
        out.pop("left_out", None)
    return out


def as_plain(checked: Checked, lang: str) -> str:
    """Tab-separated text for pipes and files: a header, then a line per unit, its id and its name first (no
    control character from
    the data: a tab inside a name would shift the columns, an escape sequence would reach a terminal)."""
    data = table(checked)
    header = [text("col-unit-id", lang), text("col-unit-name", lang), text("col-kind", lang)] + [
        escape.terminal(r.id, keep="") for r in data["requirements"]
    ]
    lines = ["\t".join(header)]
    for row in data["rows"]:  # the id first (for scripts), the name second (for people pasting into Excel)
        cells = [row["unit"].id, row["unit"].name or "", row["kind"]] + [mark(c, lang) for c in row["cells"]]
        lines.append("\t".join(escape.terminal(c, keep="") for c in cells))
    return "\n".join(lines) + "\n"


def column_labels(checked: Checked, lang: str) -> list[str]:
    """A header a clerk reads for each requirement column: the requirement's ``label``, else one made from its
    type and period ("Báo cáo 6 tháng", "Mô hình", "Kế hoạch", "Quy tắc: <id>"); the same twice gets the id."""
    ds = checked.dataset
    reqs = ds.index.requirements
    periods = ds.index.periods
    written = {
        r.id: r.label
        for r in (ds.plan.requirements if ds.plan is not None else None) or []
        if r is not None and r.label
    }
    labels = []
    for req in reqs:
        if req.id in written:
            labels.append(written[req.id])
        elif req.type == "report":
            info = periods.get(req.period or "")
            period = _period_words(info.name) if info is not None and lang == "vi" else req.period or ""
            labels.append(text("col-report", lang, period=period).strip())
        elif req.type == "models":
            labels.append(text("col-models", lang))
        elif req.type == "unit_plan":
            labels.append(text("col-unit-plan", lang))
        else:  # "rule-participants" is shown "Quy tắc: participants"
            labels.append(text("col-rule", lang, id=re.sub(r"^rule-(?=.)", "", req.id)))
    seen = Counter(labels)
    return [f"{label} ({req.id})" if seen[label] > 1 else label for label, req in zip(labels, reqs, strict=True)]


def _period_words(name: str) -> str:
    """A period's name as it follows "Báo cáo": no year, no "đầu/cuối năm" ("6 tháng đầu năm 2023" → "6 tháng",
    "Năm 2023" → "năm", "Quý III năm 2023" → "quý III")."""
    words = re.sub(r"[\s/.-]*\b\d{4}\b", "", name).split()
    while len(words) > 2 and words[-1].lower() == "năm" and words[-2].lower() in ("đầu", "cuối", "giữa"):
        words = words[:-2]
    if len(words) > 1 and words[-1].lower() == "năm":
        words = words[:-1]
    out = " ".join(words)
    return out[:1].lower() + out[1:] if out[:1].isupper() and not out[1:2].isupper() else out


def cell_mark(status: Status, lang: str) -> tuple[str, str]:
    """One cell of the status table: its compact mark (``✓``, ``✓ trễ 3``, ``✗ 12``, ``… 5``, ``!``) and its
    state: the status, or ``left_out`` for a report left out of the figures (its file has errors). The terminal
    table and the page for leaders show the same marks; the state is the page's colour."""
    return mark(status, lang, compact=True), "left_out" if status.left_out else str(status.status)


#: Spaces between two columns (the box's blank separator and a left padding).
GUTTER = 2
#: The unit column: at least this wide (names wrap inside it), at most as wide as it wants up to UNIT_MAX.
UNIT_MIN, UNIT_MAX = 12, 24


def render_tables(checked: Checked, lang: str, width: int = 80) -> list[Table]:
    """The status table as :class:`rich.table.Table` objects that each fit ``width`` columns.

    Headers a clerk reads (:func:`column_labels`); unit names wrap; a requirement column is never narrower
    than its widest mark, so a mark is never cut or wrapped, and a long header folds inside its column. When
    the requirements do not fit side by side, they go into several tables, each with the unit column again.
    Every text from the dataset is shown literally (no rich markup is read from names)."""
    from rich.cells import cell_len
    from rich.text import Text

    data = table(checked)
    styles = STYLES
    reqs = data["requirements"]
    rows: list[tuple[dict[str, Any], list[Text]]] = []
    for row in data["rows"]:
        cells = []
        for status in row["cells"]:
            style = styles["invalid"] if status.left_out else styles.get(status.status, "")
            cells.append(Text(mark(status, lang, compact=True), style=style))
        rows.append((row, cells))
    labels = column_labels(checked, lang)
    marks = [max((cells[i].cell_len for _, cells in rows), default=1) for i in range(len(reqs))]
    words = [max((cell_len(w) for w in label.split()), default=1) for label in labels]
    need = [max(m, min(w, 12)) for m, w in zip(marks, words, strict=True)]
    natural = [max(m, cell_len(label)) for m, label in zip(marks, labels, strict=True)]
    unit_want = max(
        [cell_len(text("col-unit", lang))]
        + [cell_len(str(r["kind"])) for r, _ in rows]
        + [2 + cell_len(r["unit"].label) for r, _ in rows]
    )
    unit_min = min(max(UNIT_MIN, min(unit_want, 16)), max(width // 4, 8))

    groups: list[list[int]] = [[]]
    used = unit_min
    for i in range(len(reqs)):
        wanted = GUTTER + need[i]
        if groups[-1] and used + wanted > width:
            groups.append([])
            used = unit_min
        groups[-1].append(i)
        used += wanted
    legend = text("status-legend", lang) + (
        text("status-legend-rule", lang) if any(r.type == "rule" for r in reqs) else ""
    )
    title = text("status-title", lang, as_of=checked.evaluation.as_of)
    out = []
    for n, group in enumerate(groups):
        widths = {i: need[i] for i in group}
        over = unit_min + sum(GUTTER + widths[i] for i in group) - width
        for i in sorted(group, key=lambda k: widths[k] - marks[k], reverse=True):  # too wide: fold headers
            if over <= 0:
                break
            cut = min(over, widths[i] - marks[i])
            widths[i] -= cut
            over -= cut
        spare = -over if over < 0 else 0
        for i in sorted(group, key=lambda k: natural[k] - widths[k]):  # room left: headers on fewer lines,
            more = min(spare, natural[i] - widths[i])
            if more > 0:
                widths[i] += more
                spare -= more
        unit_width = min(unit_want, unit_min + spare)  # then names on fewer lines
        out.append(
            _one_table(
                title if n == 0 else None,
                legend if n == len(groups) - 1 else None,
                lang,
                unit_width,
                [(labels[i], widths[i]) for i in group],
                [(row, [cells[i] for i in group]) for row, cells in rows],
            )
        )
    return out


def _one_table(
    title: str | None,
    caption: str | None,
    lang: str,
    unit_width: int,
    columns: list[tuple[str, int]],
    rows: list[tuple[dict[str, Any], list[Text]]],
) -> Table:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    grid = Table(
        title=title,
        caption=caption,
        box=box.SIMPLE_HEAD,
        padding=(0, 0, 0, 1),
        pad_edge=False,
        show_edge=False,
        show_lines=False,
        header_style="bold",
    )
    grid.add_column(Text(text("col-unit", lang)), width=unit_width, no_wrap=False, overflow="fold")
    for label, width in columns:
        grid.add_column(Text(escape.terminal(label)), width=width, no_wrap=False, overflow="fold")
    kind = None
    for row, cells in rows:
        if row["kind"] != kind:
            kind = row["kind"]
            grid.add_row(Text(escape.terminal(str(kind)), style="bold"), end_section=False)
        grid.add_row(Text("  " + escape.terminal(row["unit"].label)), *cells)
    return grid


def print_rich(checked: Checked, lang: str, console: Console | None = None) -> None:
    """The table in a terminal (in parts if the terminal is too narrow), with colour where it has it."""
    from rich.console import Console

    console = console or Console()
    for grid in render_tables(checked, lang, console.width):
        console.print(grid)
