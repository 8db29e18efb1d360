"""An :class:`~dkst.aggregate.Aggregate` → terminal table / csv / xlsx / json / md.

Every format is a pure function of the aggregate and the language, and gives the same bytes for the same
input. The tabular formats share :func:`table_rows`: the units grouped by kind (kinds in ``unit_kinds``
order, units in registry order), a subtotal row after each kind, a total row, and a row counting the
reports that give each figure. A figure a unit did not report is a blank cell, never 0.

rich and openpyxl are imported inside the functions that need them.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from dkst.aggregate import IND, label
from dkst.i18n import TEXTS, text

if TYPE_CHECKING:
    from dkst.aggregate import Aggregate

#: The width of the table when stdout is not a terminal (a pipe, a file): fixed, so the bytes are stable.
PLAIN_WIDTH = 100


def t(key: str, lang: str, **params: Any) -> str:
    """A text of the catalogue (:data:`dkst.i18n.TEXTS`) in ``lang``; dates written ``04/6/2023``."""
    return text(key, lang, **params)


def number(value: int | None, lang: str) -> str:
    """``12.345`` in Vietnamese, ``12,345`` in English; blank for ``None`` (not reported)."""
    if value is None:
        return ""
    shown = f"{value:,}"
    return shown.replace(",", ".") if lang == "vi" else shown


def percent(value: float | None, lang: str) -> str:
    """``0.8824`` → ``88,24%`` (vi) / ``88.24%`` (en); ``–`` for ``None``."""
    if value is None:
        return "–"
    shown = f"{value * 100:.2f}".rstrip("0").rstrip(".")
    return (shown.replace(".", ",") if lang == "vi" else shown) + "%"


# ---------------------------------------------------------------- the shared rows


@dataclass
class Row:
    """One row of the tabular outputs."""

    type: str  # "unit" | "subtotal" | "total" | "carried"
    label: str  # the unit's name, or the row's title
    short: str  # the unit's short name, or the row's title
    kind: str | None = None
    kind_label: str = ""
    unit_id: str = ""
    status: str | None = None
    status_text: str = ""  # the status label (units) or "received 7/8" (subtotals, total)
    mark: str = ""  # the terminal table's mark
    submitted: date | None = None
    days_late: int | None = None
    values: list[int | None] = field(default_factory=list)
    models: int | None = None
    left_out: bool = False
    note: str = ""


def table_rows(agg: Aggregate, lang: str) -> list[Row]:
    """Units grouped by kind, a subtotal after each kind that has units, the total, the reporting count."""
    import pandas as pd

    frame = agg.reports
    inds = agg.indicator_ids
    cols = [IND + i for i in inds]
    summ = agg.summary
    own = {u["id"]: u for u in summ["units"]}
    counted = frame[frame["counted"]]
    sub_values = counted.groupby("kind")[cols].sum(min_count=1) if cols else pd.DataFrame()
    rows: list[Row] = []
    known = frame[frame["status"].notna()]
    for kind, kind_label in agg.kinds.items():
        members = known[known["kind"] == kind]
        if members.empty:
            continue
        models = 0
        for rec in members.to_dict("records"):
            unit = own[rec["unit"]]
            models += unit["models"]
            status = rec["status"]
            key = f"mark-{status}"
            if status in ("exempt", "not_required") and rec["submitted"]:
                key += "-sent"
            mark = t(key, lang, days_late=unit["days_late"], submitted=rec["submitted"])
            if rec["left_out"]:
                mark += t("mark-left-out", lang)
            rows.append(
                Row(
                    "unit",
                    rec["name"],
                    rec["short_name"] or rec["name"],
                    kind,
                    kind_label,
                    rec["unit"],
                    status,
                    text(status, lang),
                    mark,
                    rec["submitted"],
                    unit["days_late"],
                    [unit["indicators"].get(i) for i in inds],
                    unit["models"],
                    bool(rec["left_out"]),
                    t("note-left-out", lang) if rec["left_out"] else "",
                )
            )
        counts = summ["by_kind"][kind]
        received = _received(counts, lang)
        values = [_cell(sub_values, kind, c) for c in cols]
        title = t("row-subtotal", lang, kind=kind_label)
        rows.append(
            Row(
                "subtotal",
                title,
                title,
                kind,
                kind_label,
                status_text=received,
                mark=received,
                values=values,
                models=models,
            )
        )
    title = t("row-total", lang)
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
    title = t("row-carried", lang)
    rows.append(Row("carried", title, title, values=[summ["indicators"][i]["units"] for i in inds]))
    return rows


def _received(counts: dict[str, Any], lang: str) -> str:
    return t("row-received", lang, **counts) if counts["expected"] else ""


def _cell(frame: Any, kind: str, col: str) -> int | None:
    import pandas as pd

    if kind not in frame.index:
        return None
    value = frame.at[kind, col]
    return None if pd.isna(value) else int(value)


def indicator_headers(agg: Aggregate) -> list[str]:
    """``Label (unit)`` for each indicator, plan order."""
    out = []
    for ind in (agg.dataset.index.indicators or {}).values():
        out.append(f"{ind.label} ({ind.unit})" if ind.unit else ind.label)
    return out


def header_lines(agg: Aggregate, lang: str) -> list[str]:
    """The lines above a table: the period, the reports, the models and the commendations."""
    summ = agg.summary
    rep = summ["reports"]
    period = agg.period
    lines = [
        t(
            "agg-heading",
            lang,
            period=period.id,
            name=period.name,
            as_of=agg.as_of,
            deadline=period.deadline.last_on_time,
        ),
        t(
            "agg-reports",
            lang,
            **{
                **rep,
                "completeness": percent(rep["completeness"], lang),
                "timeliness": percent(rep["timeliness"], lang),
            },
        ),
        t("agg-models", lang, start=period.start, end=min(period.end, agg.as_of), **summ["models"]),
        t("agg-commendations", lang, **summ["commendations"]),
    ]
    return lines


def problem_lines(agg: Aggregate, lang: str) -> list[tuple[str, list[str]]]:
    """For each kind of trouble (left out, invalid, absent): a heading and a line per file."""
    out = []
    for treated in ("left_out", "invalid", "absent"):
        files = [p for p in agg.problems if p["treated"] == treated]
        if files:
            lines = [
                t("agg-problem", lang, path=p["path"], line=f":{p['line']}" if p["line"] else "", message=p["message"])
                for p in files
            ]
            out.append((t(f"agg-{treated}", lang, n=len(files)), lines))
    return out


# ---------------------------------------------------------------- json


def to_json(agg: Aggregate) -> str:
    """FORMAT.md's object, keys in its order, non-ASCII kept, one trailing newline."""
    return json.dumps(agg.summary, ensure_ascii=False, indent=2) + "\n"


# ---------------------------------------------------------------- csv


def to_csv(agg: Aggregate, lang: str) -> bytes:
    """UTF-8 with BOM (Excel reads the accents): a row per unit, subtotals, total, reporting count."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(
        [
            t("agg-col-kind", lang),
            t("agg-col-unit-id", lang),
            t("agg-col-unit", lang),
            t("agg-col-status", lang),
            t("agg-col-submitted", lang),
            t("agg-col-days-late", lang),
            *indicator_headers(agg),
            t("agg-col-models", lang),
            t("agg-col-note", lang),
        ]
    )
    for row in table_rows(agg, lang):
        writer.writerow(
            [
                row.kind_label,
                row.unit_id,
                row.label,
                row.status_text,
                row.submitted.isoformat() if row.submitted else "",
                _blank(row.days_late),
                *(_blank(v) for v in row.values),
                _blank(row.models),
                row.note,
            ]
        )
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _blank(value: int | None) -> str:
    return "" if value is None else str(value)


# ---------------------------------------------------------------- md


def md_cell(value: Any) -> str:
    """A Markdown table cell: ``|`` and backslashes escaped, line breaks as ``<br>``."""
    shown = "" if value is None else str(value)
    shown = shown.replace("\\", "\\\\").replace("|", "\\|")
    return "<br>".join(part.strip() for part in shown.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def to_md(agg: Aggregate, lang: str) -> str:
    """A Markdown document: the heading lines, the table, the legend and the files with errors."""
    lines = header_lines(agg, lang)
    out = [f"# {md_cell(lines[0])}", "", md_cell(agg.dataset.plan.title), ""]
    out += [f"- {md_cell(line)}" for line in lines[1:]]
    out.append("")
    heads = [t("agg-col-unit", lang), t("agg-col-report", lang), *indicator_headers(agg), t("agg-col-models", lang)]
    out.append("| " + " | ".join(md_cell(h) for h in heads) + " |")
    out.append("| --- | --- |" + " ---: |" * (len(heads) - 2))
    for row in table_rows(agg, lang):
        cells = [row.short, row.mark, *(number(v, lang) for v in row.values), number(row.models, lang)]
        cells = [md_cell(c) for c in cells]
        if row.type in ("subtotal", "total"):
            cells = [f"**{c}**" if c else c for c in cells]
        elif row.type == "carried":
            cells = [f"_{c}_" if c else c for c in cells]
        out.append("| " + " | ".join(cells) + " |")
    out += ["", md_cell(t("agg-blank", lang, carried=t("row-carried", lang))), "", md_cell(t("mark-legend", lang))]
    for heading, files in problem_lines(agg, lang):
        out += ["", md_cell(heading), ""]
        out += [f"- {md_cell(line)}" for line in files]
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- the terminal table

_STYLES = {
    "on_time": "green",
    "late": "yellow",
    "missing": "red",
    "pending": "cyan",
    "invalid": "magenta",
    "exempt": "dim",
    "not_required": "dim",
}


def table_renderable(agg: Aggregate, lang: str) -> Any:
    """The rich renderables of the table: heading lines, the table, the legend, the files with errors."""
    from rich import box
    from rich.console import Group
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    rows = table_rows(agg, lang)
    heads = indicator_headers(agg)
    lines = header_lines(agg, lang)
    grid = Table(
        box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 0), header_style="bold", expand=False
    )
    grid.add_column(t("agg-col-unit", lang), min_width=14, overflow="fold")
    grid.add_column(t("agg-col-report", lang), overflow="fold", min_width=len("✓ 04/12/2023 +9"))
    for i, head in enumerate(heads):
        widest = max((len(number(r.values[i], lang)) for r in rows), default=1)
        word = max((len(w) for w in head.split()), default=1)
        grid.add_column(
            head, justify="right", overflow="fold", min_width=max(widest, 5), max_width=max(widest, min(word, 12), 9)
        )
    widest = max((len(number(r.models, lang)) for r in rows), default=1)
    grid.add_column(t("agg-col-models", lang), justify="right", overflow="fold", min_width=max(widest, 5))
    kind = None
    for row in rows:
        if row.type == "unit" and row.kind != kind:
            kind = row.kind
            grid.add_row(Text(row.kind_label, style="bold underline"))
        style = {"subtotal": "bold", "total": "bold", "carried": "italic"}.get(row.type, "")
        name = Text(("  " if row.type == "unit" else "") + row.short, style=style)
        mark = Text(row.mark, style=_STYLES.get(row.status or "", style))
        cells = [
            name,
            mark,
            *(Text(number(v, lang), style=style) for v in row.values),
            Text(number(row.models, lang), style=style),
        ]
        grid.add_row(*cells, end_section=row.type in ("subtotal", "total"))
    parts: list[Any] = [
        Text(lines[0], style="bold"),
        *(Text(line) for line in lines[1:]),
        Text(""),
        grid,
        Text(t("agg-blank", lang, carried=t("row-carried", lang)), style="dim"),
        Text(t("mark-legend", lang), style="dim"),
    ]
    for heading, files in problem_lines(agg, lang):
        parts.append(Text(""))
        parts.append(Text(heading, style="bold red"))
        parts += [Padding(Text(line), (0, 0, 0, 2)) for line in files]
    return Group(*parts)


def to_table(agg: Aggregate, lang: str, width: int = PLAIN_WIDTH) -> str:
    """The table as plain text (no colour), ``width`` columns wide: for pipes and files."""
    from rich.console import Console

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

_DATE_FORMAT = "DD/MM/YYYY"
_HEADER_ROW = 5


def to_xlsx(agg: Aggregate, lang: str) -> bytes:
    """A workbook: units (with subtotals and totals), models, commendations, and the report counts by kind.

    Every sheet starts with the plan title and the period line, then a header row that stays frozen; numbers
    are numbers, dates are dates, blank is "not reported". The bytes are the same for the same input: the
    workbook's created/modified dates are the as-of date at midnight and the zip entries carry fixed
    timestamps in a stable order.
    """
    from openpyxl import Workbook

    wb = Workbook()
    units = wb.active
    units.title = t("sheet-units", lang)
    _units_sheet(units, agg, lang)
    _models_sheet(wb.create_sheet(t("sheet-models", lang)), agg, lang)
    _commendations_sheet(wb.create_sheet(t("sheet-commendations", lang)), agg, lang)
    _reports_sheet(wb.create_sheet(t("sheet-reports", lang)), agg, lang)
    stamp = datetime(agg.as_of.year, agg.as_of.month, agg.as_of.day)
    props = wb.properties
    props.created = props.modified = stamp
    props.creator = props.lastModifiedBy = "dkst"
    props.title = agg.dataset.plan.title
    return _save(wb, stamp)


def _save(wb: Any, stamp: datetime) -> bytes:
    """Save without openpyxl's "modified = now", then re-pack the zip with fixed timestamps."""
    from openpyxl.writer.excel import ExcelWriter

    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).save()
    when = (max(stamp.year, 1980), stamp.month, stamp.day, 0, 0, 0) if stamp.year >= 1980 else (1980, 1, 1, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=when)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 3
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


def _preamble(ws: Any, agg: Aggregate, lang: str, line: str) -> None:
    from openpyxl.styles import Font

    ws.cell(1, 1, agg.dataset.plan.title).font = Font(bold=True)
    ws.cell(2, 1, header_lines(agg, lang)[0])
    ws.cell(3, 1, line)


def _header(ws: Any, heads: list[str], freeze_col: int = 1) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    fill = PatternFill("solid", fgColor="DDEBF7")
    for col, head in enumerate(heads, 1):
        cell = ws.cell(_HEADER_ROW, col, head)
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = f"{get_column_letter(freeze_col)}{_HEADER_ROW + 1}"


def _units_sheet(ws: Any, agg: Aggregate, lang: str) -> None:
    from openpyxl.styles import Font

    lines = header_lines(agg, lang)
    _preamble(ws, agg, lang, lines[1])
    heads = [
        t("agg-col-unit", lang),
        t("agg-col-unit-id", lang),
        t("agg-col-kind", lang),
        t("agg-col-status", lang),
        t("agg-col-submitted", lang),
        t("agg-col-days-late", lang),
        *indicator_headers(agg),
        t("agg-col-models", lang),
        t("agg-col-note", lang),
    ]
    _header(ws, heads, freeze_col=2)
    r = _HEADER_ROW
    rows = table_rows(agg, lang)
    for row in rows:
        r += 1
        values = [
            row.label,
            row.unit_id or None,
            row.kind_label or None,
            row.status_text or None,
            row.submitted,
            row.days_late,
            *row.values,
            row.models,
            row.note or None,
        ]
        for col, value in enumerate(values, 1):
            cell = ws.cell(r, col, value)
            if isinstance(value, date):
                cell.number_format = _DATE_FORMAT
            if row.type != "unit":
                cell.font = Font(bold=row.type != "carried", italic=row.type == "carried")
    r += 1
    for line in (t("agg-blank", lang, carried=t("row-carried", lang)), *lines[2:]):
        r += 1
        ws.cell(r, 1, line)
    for heading, files in problem_lines(agg, lang):
        r += 2
        ws.cell(r, 1, heading).font = Font(bold=True)
        for line in files:
            r += 1
            ws.cell(r, 1, line)
    _fit_table(ws, len(heads), _HEADER_ROW + len(rows), {1: 45})


def _fit_table(ws: Any, ncols: int, last_row: int, limits: dict[int, int]) -> None:
    """Fit the widths on the header and table rows only (notes below the table overflow freely)."""
    from openpyxl.utils import get_column_letter

    for col in range(1, ncols + 1):
        size = 4
        for r in range(_HEADER_ROW, last_row + 1):
            value = ws.cell(r, col).value
            if value is None:
                continue
            if isinstance(value, date | datetime):
                n = 10
            elif r == _HEADER_ROW:
                n = max(max(len(w) for w in str(value).split()), min(len(str(value)), 14))
            else:
                n = max(len(part) for part in str(value).split("\n"))
            size = max(size, n)
        ws.column_dimensions[get_column_letter(col)].width = min(size, limits.get(col, 50)) + 2


def _models_sheet(ws: Any, agg: Aggregate, lang: str) -> None:
    _preamble(ws, agg, lang, header_lines(agg, lang)[2])
    heads = [
        t("agg-col-unit", lang),
        t("agg-col-model", lang),
        t("agg-col-model-id", lang),
        t("agg-col-model-status", lang),
        t("agg-col-origin", lang),
        t("agg-col-started", lang),
        t("agg-col-completed", lang),
        t("agg-col-field", lang),
        t("agg-col-beneficiaries", lang),
        t("agg-col-propose", lang),
        t("agg-col-summary", lang),
        t("agg-col-results", lang),
    ]
    _header(ws, heads, freeze_col=1)
    names = {u.id: u.name for u in agg.dataset.units}
    r = _HEADER_ROW
    for m in agg.models.to_dict("records"):
        r += 1
        beneficiaries = None if m["beneficiaries"] is None or _na(m["beneficiaries"]) else int(m["beneficiaries"])
        values = [
            names.get(m["unit"], m["unit"]),
            m["name"],
            m["id"],
            label(f"model-{m['status']}", lang),
            label(f"origin-{m['origin']}", lang),
            m["started"],
            m["completed_on"],
            m["field"],
            beneficiaries,
            t("yes" if m["propose_replication"] else "no", lang),
            m["summary"],
            m["results"],
        ]
        for col, value in enumerate(values, 1):
            cell = ws.cell(r, col, value)
            if isinstance(value, date):
                cell.number_format = _DATE_FORMAT
    _fit_table(ws, len(heads), r, {1: 40, 2: 40, 11: 60, 12: 60})


def _na(value: Any) -> bool:
    import pandas as pd

    return bool(pd.isna(value))


def _commendations_sheet(ws: Any, agg: Aggregate, lang: str) -> None:
    _preamble(ws, agg, lang, header_lines(agg, lang)[3])
    heads = [
        t("agg-col-unit", lang),
        t("agg-col-name", lang),
        t("agg-col-commendation-kind", lang),
        t("agg-col-achievement", lang),
        t("agg-col-level", lang),
    ]
    _header(ws, heads, freeze_col=1)
    names = {u.id: u.name for u in agg.dataset.units}
    r = _HEADER_ROW
    for c in agg.commendations.to_dict("records"):
        r += 1
        values = [
            names.get(c["unit"], c["unit"]),
            c["name"],
            label(f"commendation-{c['kind_of']}", lang),
            c["achievement"],
            c["level"],
        ]
        for col, value in enumerate(values, 1):
            ws.cell(r, col, value)
    _fit_table(ws, len(heads), r, {1: 40, 2: 50, 4: 60})


def _reports_sheet(ws: Any, agg: Aggregate, lang: str) -> None:
    from openpyxl.styles import Font

    _preamble(ws, agg, lang, header_lines(agg, lang)[1])
    keys = ("expected", "received", "on_time", "late", "missing", "pending", "invalid", "left_out")
    heads = [
        t("agg-col-kind", lang),
        *(t(f"agg-col-{k}", lang) if f"agg-col-{k}" in TEXTS else text(k, lang) for k in keys),
        t("agg-col-completeness", lang),
        t("agg-col-timeliness", lang),
    ]
    _header(ws, heads, freeze_col=1)
    summ = agg.summary
    r = _HEADER_ROW
    entries = [(agg.kinds[k], summ["by_kind"][k], False) for k in agg.kinds]
    entries.append((t("row-total", lang), summ["reports"], True))
    for title, counts, bold in entries:
        r += 1
        values = [title, *(counts[k] for k in keys), counts["completeness"], counts["timeliness"]]
        for col, value in enumerate(values, 1):
            cell = ws.cell(r, col, value)
            if col > len(keys) + 1:
                cell.number_format = "0.00%"
            if bold:
                cell.font = Font(bold=True)
    _fit_table(ws, len(heads), r, {1: 30})
