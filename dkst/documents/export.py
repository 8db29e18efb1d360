"""An :class:`~dkst.figures.aggregate.Aggregate` → terminal table / csv / xlsx / json / md.

Every format is a pure function of the aggregate and the language, and gives the same bytes for the same
input. The tabular formats share :func:`table_rows`: the units grouped by kind (kinds in ``unit_kinds``
order, units in registry order), a subtotal row after each kind, a total row, and a row counting the
reports that give each figure. A figure a unit did not report is a blank cell, never 0.

rich and openpyxl are imported inside the functions that need them.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from dkst import escape
from dkst.i18n import text
from dkst.statuses import STYLES, UNOWED_STATUSES, ReportStatus

if TYPE_CHECKING:
    from rich.console import Group
    from rich.text import Text as RichText

    from dkst.figures.aggregate import Aggregate

#: The width of the table when stdout is not a terminal (a pipe, a file): fixed, so the bytes are stable.
PLAIN_WIDTH = 100


def number(value: int | None, lang: str) -> str:
    """``12.345`` in Vietnamese, ``12,345`` in English; blank for ``None`` (not reported). The filters'
    formats (:func:`dkst.documents.filters.num`, :func:`dkst.documents.filters.ennum`), the one home of number
    formats."""
    from dkst.documents.filters import ennum, num

    return (num if lang == "vi" else ennum)(value, "")


def percent(value: float | None, lang: str) -> str:
    """``Ratio(15, 17)`` → ``88,2%`` (vi) / ``88.2%`` (en), always one decimal, half-up from the exact ratio
    (:func:`dkst.documents.filters.pct`); ``–`` for ``None``."""
    from dkst.documents.filters import enpct, pct

    return (pct if lang == "vi" else enpct)(value, "–")


# ---------------------------------------------------------------- the shared rows


@dataclass
class Row:
    """One row of the tabular outputs."""

    type: str  # "unit" | "subtotal" | "total" | "carried"; the terminal table's "previous" | "change"
    label: str  # the unit's name, or the row's title
    short: str  # the unit's short name, or the row's title
    kind: str | None = None
    kind_label: str = ""
    unit_id: str = ""
    status: ReportStatus | None = None
    status_text: str = ""  # the status label (units) or "received 7/8" (subtotals, total)
    mark: str = ""  # the terminal table's mark
    submitted: date | None = None
    days_late: int | None = None
    values: list[int | None] = field(default_factory=list)
    models: int | None = None
    left_out: bool = False
    note: str = ""
    #: the same period last year, one per indicator, where plan.yaml has ``previous`` (else empty)
    previous: list[int | None] = field(default_factory=list)
    #: ``value / previous − 1``, exact, one per indicator (``None``: no change to show)
    changes: list[Fraction | None] = field(default_factory=list)

    def compared(self, previous: list[int | None]) -> Row:
        """The row with last year's figures and the changes (values against ``previous``)."""
        from dkst.figures.previous import change

        self.previous = previous
        self.changes = [change(v, p) for v, p in zip(self.values, previous, strict=True)]
        return self


@dataclass(frozen=True)
class _Figures:
    """A unit's figures of last year, as :func:`dkst.figures.aggregate.kind_figures` reads a unit."""

    indicators: dict[str, int]
    models: int = 0


def compared(agg: Aggregate) -> bool:
    """Whether the tables carry the columns “Cùng kỳ” and “Tăng, giảm” (plan.yaml has ``previous``)."""
    return agg.last is not None


def table_rows(agg: Aggregate, lang: str) -> list[Row]:
    """Units grouped by kind, a subtotal after each kind that has units, the total, the reporting count."""
    from dkst.figures.aggregate import kind_figures

    inds = agg.indicator_ids
    summ = agg.summary
    last = compared(agg)
    rows: list[Row] = []
    for kind, kind_label in agg.kinds.items():
        members = [u for u in agg.units if u.kind == kind]
        if not members:
            continue
        for unit in members:
            status = unit.status
            key = f"mark-{status}"
            if status in UNOWED_STATUSES and unit.submitted:
                key += "-sent"
            mark = text(key, lang, days_late=unit.days_late, submitted=unit.submitted)
            if unit.left_out:
                mark += text("mark-left-out", lang)
            rows.append(
                Row(
                    "unit",
                    unit.name,
                    agg.short_names.get(unit.id) or unit.name,
                    kind,
                    kind_label,
                    unit.id,
                    status,
                    text(status, lang),
                    mark,
                    unit.submitted,
                    unit.days_late,
                    [unit.indicators.get(i) for i in inds],
                    unit.models,
                    unit.left_out,
                    text("note-left-out", lang) if unit.left_out else "",
                )
            )
            if last:
                rows[-1].compared([(unit.previous or {}).get(i) for i in inds])
        sub = agg.subtotals[kind]
        received = _received(summ["by_kind"][kind], lang)
        title = text("row-subtotal", lang, kind=kind_label)
        rows.append(
            Row(
                "subtotal",
                title,
                title,
                kind,
                kind_label,
                status_text=received,
                mark=received,
                values=[sub.indicators[i] for i in inds],
                models=sub.models,
            )
        )
        if last:
            before = kind_figures([_Figures(u.previous or {}) for u in members], inds)
            rows[-1].compared([before.indicators[i] for i in inds])
    title = text("row-total", lang)
    received = _received(summ["reports"], lang)
    rows.append(
        Row(
            "total",
            title,
            title,
            status_text=received,
            mark=received,
            values=[summ["indicators"][i]["total"] for i in inds],
            models=summ["models"]["total"],
        )
    )
    if last:
        rows[-1].compared([summ["indicators"][i]["previous"] for i in inds])
    title = text("row-carried", lang)
    carried = Row("carried", title, title, values=[summ["indicators"][i]["units"] for i in inds])
    if last:
        carried.previous, carried.changes = [None] * len(inds), [None] * len(inds)
    rows.append(carried)
    return rows


def value_heads(agg: Aggregate, lang: str) -> list[str]:
    """The headers of the figure columns: each indicator's (:func:`indicator_headers`), each followed by
    “Cùng kỳ” and “Tăng, giảm” where plan.yaml has ``previous``."""
    heads = indicator_headers(agg)
    if not compared(agg):
        return heads
    extra = [text("agg-col-previous", lang), text("agg-col-change", lang)]
    return [h for head in heads for h in (head, *extra)]


def value_cells(row: Row, lang: str, plus: str = "+") -> list[str]:
    """A row's figure cells as people read them, in :func:`value_heads`' order: numbers with the language's
    separators (blank: not reported), changes as signed percentages (:func:`dkst.documents.filters.change`)."""
    from dkst.documents.filters import change, enchange

    if not row.previous:
        return [number(v, lang) for v in row.values]
    shown = change if lang == "vi" else enchange
    out: list[str] = []
    for v, p, c in zip(row.values, row.previous, row.changes, strict=True):
        out += [number(v, lang), number(p, lang), shown(c, plus=plus)]
    return out


def previous_note(agg: Aggregate, lang: str) -> str | None:
    """The line under a table that says where “Cùng kỳ” comes from; ``None`` without ``previous``."""
    last, plan = agg.last, agg.dataset.plan
    if last is None or plan is None or plan.previous is None:
        return None
    path = plan.previous.data
    if last.year is None:
        return text("agg-previous-none", lang, path=path)
    return text("agg-previous-note", lang, year=last.year, path=path)


def _received(counts: dict[str, Any], lang: str) -> str:
    return text("row-received", lang, **counts) if counts["expected"] else ""


def indicator_headers(agg: Aggregate) -> list[str]:
    """``Label (unit)`` for each indicator, plan order."""
    out = []
    for ind in agg.dataset.index.indicators.values():
        out.append(f"{ind.label} ({ind.unit})" if ind.unit else ind.label)
    return out


def header_lines(agg: Aggregate, lang: str) -> list[str]:
    """The lines above a table: the period, the reports, the models and the commendations."""
    summ = agg.summary
    rep = summ["reports"]
    period = agg.period
    lines = [
        text(
            "agg-heading",
            lang,
            period=period.id,
            name=period.name,
            as_of=agg.as_of,
            deadline=period.deadline.last_on_time,
        ),
        text(
            "agg-reports",
            lang,
            **{
                **rep,
                "completeness": percent(rep["completeness"], lang),
                "timeliness": percent(rep["timeliness"], lang),
            },
        ),
        text("agg-models", lang, start=period.start, end=min(period.end, agg.as_of), **summ["models"]),
        text("agg-commendations", lang, **summ["commendations"]),
    ]
    return lines


def problem_lines(agg: Aggregate, lang: str) -> list[tuple[str, list[str]]]:
    """For each kind of trouble (left out, invalid, absent): a heading and a line per file."""
    out = []
    for treated in ("left_out", "invalid", "absent"):
        files = [p for p in agg.problems if p["treated"] == treated]
        if files:
            lines = [
                text(
                    "agg-problem", lang, path=p["path"], line=f":{p['line']}" if p["line"] else "", message=p["message"]
                )
                for p in files
            ]
            out.append((text(f"agg-{treated}", lang, n=len(files)), lines))
    return out


# ---------------------------------------------------------------- json


def to_json(agg: Aggregate) -> str:
    """docs/format.md's object, keys in its order, non-ASCII kept, one trailing newline."""
    from dkst.figures.aggregate import json_number

    return escape.json_text(escape.json_indented(agg.summary, json_number)) + "\n"


# ---------------------------------------------------------------- csv


def to_csv(agg: Aggregate, lang: str) -> bytes:
    """UTF-8 with BOM (Excel reads the accents): a row per unit, subtotals, total, reporting count.
    No text cell starts a formula or holds a control character (:func:`dkst.escape.excel_text`); numbers are
    written as numbers."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")

    def writer_row(cells: list[Any]) -> None:
        writer.writerow([escape.excel_text(c) for c in cells])

    writer_row(
        [
            text("agg-col-kind", lang),
            text("agg-col-unit-id", lang),
            text("agg-col-unit", lang),
            text("agg-col-status", lang),
            text("agg-col-submitted", lang),
            text("agg-col-days-late", lang),
            *value_heads(agg, lang),
            text("agg-col-models", lang),
            text("agg-col-note", lang),
        ]
    )
    for row in table_rows(agg, lang):
        writer_row(
            [
                row.kind_label,
                row.unit_id,
                row.label,
                row.status_text,
                row.submitted.isoformat() if row.submitted else "",
                _blank(row.days_late),
                *_csv_values(row, lang),
                _blank(row.models),
                row.note,
            ]
        )
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _blank(value: int | None) -> str:
    return "" if value is None else str(value)


def _csv_values(row: Row, lang: str) -> list[str]:
    """The figure cells of a CSV row: plain numbers, and each change as a percentage without a plus sign (a
    cell starting with ``+`` would be guarded as a formula)."""
    if not row.previous:
        return [_blank(v) for v in row.values]
    from dkst.documents.filters import change, enchange

    shown = change if lang == "vi" else enchange
    out: list[str] = []
    for v, p, c in zip(row.values, row.previous, row.changes, strict=True):
        out += [_blank(v), _blank(p), shown(c, plus="")]
    return out


# ---------------------------------------------------------------- md


def md_cell(value: Any) -> str:
    """A Markdown table cell, escaped as ``render`` escapes (:func:`dkst.escape.markdown_cell`): ``|``,
    backslashes, emphasis, links and HTML neutralised, line breaks as ``<br>``."""
    return escape.markdown_cell(value)


def to_md(agg: Aggregate, lang: str) -> str:
    """A Markdown document: the heading lines, the table, the legend and the files with errors."""
    lines = header_lines(agg, lang)
    plan = agg.dataset.plan
    if plan is None:  # aggregate() refuses a dataset without a usable plan
        from dkst.figures.aggregate import AggregateError

        raise AggregateError("no-plan")
    out = [f"# {md_cell(lines[0])}", "", md_cell(plan.title), ""]
    out += [f"- {md_cell(line)}" for line in lines[1:]]
    out.append("")
    heads = [
        text("agg-col-unit", lang),
        text("agg-col-report", lang),
        *value_heads(agg, lang),
        text("agg-col-models", lang),
    ]
    out.append("| " + " | ".join(md_cell(h) for h in heads) + " |")
    out.append("| --- | --- |" + " ---: |" * (len(heads) - 2))
    for row in table_rows(agg, lang):
        cells = [row.short, row.mark, *value_cells(row, lang), number(row.models, lang)]
        cells = [md_cell(c) for c in cells]
        if row.type in ("subtotal", "total"):
            cells = [f"**{c}**" if c else c for c in cells]
        elif row.type == "carried":
            cells = [f"_{c}_" if c else c for c in cells]
        out.append("| " + " | ".join(cells) + " |")
    out += [
        "",
        md_cell(text("agg-blank", lang, carried=text("row-carried", lang))),
        "",
        md_cell(text("mark-legend", lang)),
    ]
    note = previous_note(agg, lang)
    if note is not None:
        out += ["", md_cell(note)]
    for heading, files in problem_lines(agg, lang):
        out += ["", md_cell(heading), ""]
        out += [f"- {md_cell(line)}" for line in files]
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- the terminal table


def table_renderable(agg: Aggregate, lang: str) -> Group:
    """The rich renderables of the table: heading lines, the table, the legend, the files with errors."""
    from rich import box
    from rich.console import Group
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text as RichText

    def Text(value: str, **kw: Any) -> RichText:  # data never sends escapes to a terminal
        return RichText(escape.terminal(value), **kw)

    rows = table_rows(agg, lang)
    heads = [escape.terminal(h) for h in indicator_headers(agg)]
    # the terminal table keeps one column per indicator (100 columns wide): last year's totals and the changes
    # are two rows under the total (“Cùng kỳ”, “Tăng, giảm”); the other formats have them as columns
    total = next(r for r in rows if r.type == "total")
    if total.previous:
        title = text("agg-col-previous", lang)
        rows.insert(rows.index(total) + 1, Row("previous", title, title, values=total.previous))
    cells_of = {id(r): [number(v, lang) for v in r.values] for r in rows}
    if total.previous:
        from dkst.documents.filters import change, enchange

        title = text("agg-col-change", lang)
        changes = Row("change", title, title)
        rows.insert(rows.index(total) + 2, changes)
        cells_of[id(changes)] = [(change if lang == "vi" else enchange)(c) for c in total.changes]
    lines = header_lines(agg, lang)
    grid = Table(
        box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 0), header_style="bold", expand=False
    )
    grid.add_column(text("agg-col-unit", lang), min_width=14, overflow="fold")
    grid.add_column(text("agg-col-report", lang), overflow="fold", min_width=len("✓ 04/12/2023 +9"))
    for i, head in enumerate(heads):
        widest = max((len(cells_of[id(r)][i]) for r in rows), default=1)
        word = max((len(w) for w in head.split()), default=1)
        grid.add_column(
            head, justify="right", overflow="fold", min_width=max(widest, 5), max_width=max(widest, min(word, 12), 9)
        )
    widest = max((len(number(r.models, lang)) for r in rows), default=1)
    grid.add_column(text("agg-col-models", lang), justify="right", overflow="fold", min_width=max(widest, 5))
    kind = None
    for row in rows:
        if row.type == "unit" and row.kind != kind:
            kind = row.kind
            grid.add_row(Text(row.kind_label, style="bold underline"))
        style = {"subtotal": "bold", "total": "bold", "carried": "italic", "previous": "bold", "change": "bold"}.get(
            row.type, ""
        )
        name = Text(("  " if row.type == "unit" else "") + row.short, style=style)
        mark = Text(row.mark, style=STYLES.get(row.status or "", style))
        cells = [
            name,
            mark,
            *(Text(cell, style=style) for cell in cells_of[id(row)]),
            Text(number(row.models, lang), style=style),
        ]
        grid.add_row(
            *cells, end_section=row.type in ("subtotal", "change") or (row.type == "total" and not total.previous)
        )
    parts: list[Any] = [
        Text(lines[0], style="bold"),
        *(Text(line) for line in lines[1:]),
        Text(""),
        grid,
        Text(text("agg-blank", lang, carried=text("row-carried", lang)), style="dim"),
        Text(text("mark-legend", lang), style="dim"),
    ]
    note = previous_note(agg, lang)
    if note is not None:
        parts.append(Text(note, style="dim"))
    for heading, files in problem_lines(agg, lang):
        parts.append(Text(""))
        parts.append(Text(heading, style="bold red"))
        parts += [Padding(Text(line), (0, 0, 0, 2)) for line in files]
    return Group(*parts)


def to_table(agg: Aggregate, lang: str, width: int | None = None) -> str:
    """The table as plain text (no colour), ``width`` columns wide (default :data:`PLAIN_WIDTH`): for pipes and
    files."""
    from rich.console import Console

    if width is None:
        width = PLAIN_WIDTH

    buf = io.StringIO()
    console = Console(
        file=buf,
        width=width,
        color_system=None,
        force_terminal=False,
        no_color=True,
        highlight=False,
        emoji=False,
        markup=False,
        legacy_windows=False,
        soft_wrap=False,
    )
    console.print(table_renderable(agg, lang))
    return "\n".join(line.rstrip() for line in buf.getvalue().splitlines()) + "\n"


def print_table(agg: Aggregate, lang: str) -> None:
    """The table on the terminal, in colour unless NO_COLOR is set."""
    from rich.console import Console

    Console(highlight=False, emoji=False, markup=False).print(table_renderable(agg, lang))


# ---------------------------------------------------------------- xlsx


def to_xlsx(agg: Aggregate, lang: str) -> bytes:
    """The workbook (XlsxWriter, :mod:`dkst.sheets.workbook`): units with subtotals and totals as formulas, models,
    commendations and the reports by kind, ready to print (A4 landscape, one page wide)."""
    from dkst.sheets.workbook import write_workbook

    note = previous_note(agg, lang)
    lines = header_lines(agg, lang) + ([note] if note is not None else [])  # lines[2:] are the units sheet's notes
    return write_workbook(agg, lang, table_rows(agg, lang), value_heads(agg, lang), lines, problem_lines(agg, lang))
