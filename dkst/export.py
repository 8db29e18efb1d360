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
from dkst.i18n import text
from dkst.periods import vn_date

if TYPE_CHECKING:
    from dkst.aggregate import Aggregate

FORMATS = ("table", "csv", "json", "xlsx", "md")
#: The width of the table when stdout is not a terminal (a pipe, a file): fixed, so the bytes are stable.
PLAIN_WIDTH = 100

#: The texts of these outputs, Vietnamese and English (candidates for dkst.i18n.TEXTS).
TEXTS: dict[str, dict[str, str]] = {
    "agg-heading": {"vi": "Tổng hợp kỳ {period} ({name}), số liệu đến ngày {as_of}; hạn cuối {deadline}",
                    "en": "Summary of period {period} ({name}) as of {as_of}; last on-time day {deadline}"},
    "agg-reports": {"vi": "Báo cáo: đã nhận {received}/{expected} ({completeness}), đúng hạn {on_time}/{expected} "
                          "({timeliness}); trễ hạn {late}, chưa gửi {missing}, chưa đến hạn {pending}, "
                          "không hợp lệ {invalid}, không tính {left_out}",
                    "en": "Reports: received {received}/{expected} ({completeness}), on time {on_time}/{expected} "
                          "({timeliness}); late {late}, missing {missing}, pending {pending}, invalid {invalid}, "
                          "left out {left_out}"},
    "agg-models": {"vi": "Mô hình bắt đầu từ {start} đến {end}: {total} (xây dựng mới {new}, nhân rộng {replicated}; "
                         "đang triển khai {in_progress}, hoàn thành {completed}; đề xuất nhân rộng "
                         "{propose_replication})",
                   "en": "Models started {start} to {end}: {total} (new {new}, replicated {replicated}; in progress "
                         "{in_progress}, completed {completed}; proposed for replication {propose_replication})"},
    "agg-commendations": {"vi": "Đề nghị biểu dương, khen thưởng: {collective} tập thể, {individual} cá nhân",
                          "en": "Proposed for commendation: {collective} collectives, {individual} individuals"},
    "agg-blank": {"vi": "Ô trống: đơn vị không báo cáo chỉ tiêu đó (khác với 0). “{carried}”: số báo cáo được tính "
                        "có ghi chỉ tiêu đó. Báo cáo của đơn vị không phải gửi vẫn được cộng.",
                  "en": "Blank: the unit did not report that figure (not the same as 0). “{carried}”: how many "
                        "counted reports give it. Reports of units that owe none are counted too."},
    "agg-left_out": {"vi": "{n} báo cáo đã nhận nhưng không được tính vào số liệu vì tệp có lỗi (xem dkst check):",
                     "en": "{n} received reports are left out of the figures because their files have errors "
                           "(see dkst check):"},
    "agg-invalid": {"vi": "{n} báo cáo không đọc được ngày nhận (tình trạng “không hợp lệ”):",
                    "en": "{n} reports whose date received cannot be read (status “invalid”):"},
    "agg-absent": {"vi": "{n} báo cáo ghi ngày nhận sau ngày hôm nay nên được coi như chưa nhận:",
                   "en": "{n} reports dated after today, so treated as not yet received:"},
    "agg-problem": {"vi": "{path}{line}: {message}", "en": "{path}{line}: {message}"},
    "xlsx-needs-output": {"vi": "Định dạng xlsx cần --output TỆP.xlsx (không ghi ra màn hình)",
                          "en": "The xlsx format needs --output FILE.xlsx (it cannot go to the screen)"},
    "agg-stderr-left-out": {"vi": "{n} báo cáo không được tính vào số liệu vì tệp có lỗi; chạy dkst check để xem",
                            "en": "{n} reports left out of the figures because their files have errors; "
                                  "see dkst check"},
    # columns
    "col-kind": {"vi": "Loại đơn vị", "en": "Unit kind"},
    "col-unit-id": {"vi": "Mã đơn vị", "en": "Unit id"},
    "col-unit": {"vi": "Đơn vị", "en": "Unit"},
    "col-status": {"vi": "Tình trạng báo cáo", "en": "Report status"},
    "col-report": {"vi": "Báo cáo", "en": "Report"},
    "col-submitted": {"vi": "Ngày nhận", "en": "Received"},
    "col-days-late": {"vi": "Số ngày trễ", "en": "Days late"},
    "col-models": {"vi": "Mô hình", "en": "Models"},
    "col-note": {"vi": "Ghi chú", "en": "Note"},
    "col-model": {"vi": "Tên mô hình", "en": "Model"},
    "col-model-id": {"vi": "Mã mô hình", "en": "Model id"},
    "col-model-status": {"vi": "Tình trạng", "en": "Status"},
    "col-origin": {"vi": "Hình thức", "en": "Origin"},
    "col-started": {"vi": "Ngày bắt đầu", "en": "Started"},
    "col-completed": {"vi": "Ngày hoàn thành", "en": "Completed on"},
    "col-field": {"vi": "Lĩnh vực", "en": "Field"},
    "col-beneficiaries": {"vi": "Số người/hộ hưởng lợi", "en": "Beneficiaries"},
    "col-propose": {"vi": "Đề xuất nhân rộng", "en": "Proposed for replication"},
    "col-summary": {"vi": "Mô tả", "en": "Summary"},
    "col-results": {"vi": "Kết quả", "en": "Results"},
    "col-name": {"vi": "Tên tập thể, cá nhân", "en": "Name"},
    "col-commendation-kind": {"vi": "Tập thể/cá nhân", "en": "Collective/individual"},
    "col-achievement": {"vi": "Thành tích", "en": "Achievement"},
    "col-level": {"vi": "Hình thức khen thưởng", "en": "Level"},
    "col-expected": {"vi": "Phải gửi", "en": "Expected"},
    "col-received": {"vi": "Đã nhận", "en": "Received"},
    "col-completeness": {"vi": "Tỷ lệ đã nhận", "en": "Completeness"},
    "col-timeliness": {"vi": "Tỷ lệ đúng hạn", "en": "Timeliness"},
    "col-left_out": {"vi": "Không tính", "en": "Left out"},
    "yes": {"vi": "Có", "en": "Yes"},
    "no": {"vi": "Không", "en": "No"},
    # rows
    "row-subtotal": {"vi": "Cộng {kind}", "en": "Subtotal {kind}"},
    "row-total": {"vi": "Tổng cộng", "en": "Total"},
    "row-carried": {"vi": "Số báo cáo có số liệu", "en": "Reports giving the figure"},
    "row-received": {"vi": "đã nhận {received}/{expected}", "en": "received {received}/{expected}"},
    "note-left-out": {"vi": "Không tính số liệu: tệp có lỗi", "en": "Figures left out: the file has errors"},
    # marks of the terminal table
    "mark-on_time": {"vi": "✓ {submitted}", "en": "✓ {submitted}"},
    "mark-late": {"vi": "✓ {submitted} +{days_late}", "en": "✓ {submitted} +{days_late}"},
    "mark-missing": {"vi": "✗ chưa gửi", "en": "✗ missing"},
    "mark-pending": {"vi": "… chưa đến hạn", "en": "… not yet due"},
    "mark-invalid": {"vi": "! tệp lỗi", "en": "! invalid file"},
    "mark-exempt": {"vi": "miễn", "en": "exempt"},
    "mark-exempt-sent": {"vi": "miễn {submitted}", "en": "exempt {submitted}"},
    "mark-not_required": {"vi": "–", "en": "–"},
    "mark-not_required-sent": {"vi": "– {submitted}", "en": "– {submitted}"},
    "mark-left-out": {"vi": " ⊘", "en": " ⊘"},
    "mark-legend": {"vi": "✓ ngày nhận (+n: trễ n ngày) · ✗ chưa gửi, quá hạn · … chưa đến hạn · ! tệp lỗi · "
                          "miễn: được miễn · –: không phải gửi · ⊘: không tính số liệu (tệp có lỗi)",
                    "en": "✓ date received (+n: n days late) · ✗ missing, overdue · … not yet due · ! invalid file · "
                          "exempt · –: not required · ⊘: figures left out (file has errors)"},
    # sheets
    "sheet-units": {"vi": "Đơn vị", "en": "Units"},
    "sheet-models": {"vi": "Mô hình", "en": "Models"},
    "sheet-commendations": {"vi": "Khen thưởng", "en": "Commendations"},
    "sheet-reports": {"vi": "Tình hình báo cáo", "en": "Reports"},
}


def t(key: str, lang: str, **params: Any) -> str:
    """A text of :data:`TEXTS` in ``lang``; dates in parameters are written ``04/6/2023``."""
    entry = TEXTS[key]
    shown = {k: vn_date(v) if isinstance(v, date) else v for k, v in params.items()}
    return entry.get(lang, entry["vi"]).format(**shown)


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
            rows.append(Row("unit", rec["name"], rec["short_name"] or rec["name"], kind, kind_label, rec["unit"],
                            status, text(status, lang), mark, rec["submitted"], unit["days_late"],
                            [unit["indicators"].get(i) for i in inds], unit["models"], bool(rec["left_out"]),
                            t("note-left-out", lang) if rec["left_out"] else ""))
        counts = summ["by_kind"][kind]
        received = _received(counts, lang)
        values = [_cell(sub_values, kind, c) for c in cols]
        title = t("row-subtotal", lang, kind=kind_label)
        rows.append(Row("subtotal", title, title, kind, kind_label, status_text=received, mark=received,
                        values=values, models=models))
    title = t("row-total", lang)
    received = _received(summ["reports"], lang)
    rows.append(Row("total", title, title, status_text=received, mark=received,
                    values=[summ["indicators"][i]["total"] for i in inds], models=summ["models"]["total"]))
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
        t("agg-heading", lang, period=period.id, name=period.name, as_of=agg.as_of,
          deadline=period.deadline.last_on_time),
        t("agg-reports", lang, **{**rep, "completeness": percent(rep["completeness"], lang),
                                  "timeliness": percent(rep["timeliness"], lang)}),
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
            lines = [t("agg-problem", lang, path=p["path"], line=f":{p['line']}" if p["line"] else "",
                       message=p["message"]) for p in files]
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
    writer.writerow([t("col-kind", lang), t("col-unit-id", lang), t("col-unit", lang), t("col-status", lang),
                     t("col-submitted", lang), t("col-days-late", lang), *indicator_headers(agg),
                     t("col-models", lang), t("col-note", lang)])
    for row in table_rows(agg, lang):
        writer.writerow([row.kind_label, row.unit_id, row.label, row.status_text,
                         row.submitted.isoformat() if row.submitted else "", _blank(row.days_late),
                         *(_blank(v) for v in row.values), _blank(row.models), row.note])
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
    heads = [t("col-unit", lang), t("col-report", lang), *indicator_headers(agg), t("col-models", lang)]
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
    out += ["", md_cell(t("agg-blank", lang, carried=t("row-carried", lang))),
            "", md_cell(t("mark-legend", lang))]
    for heading, files in problem_lines(agg, lang):
        out += ["", md_cell(heading), ""]
        out += [f"- {md_cell(line)}" for line in files]
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- the terminal table

_STYLES = {"on_time": "green", "late": "yellow", "missing": "red", "pending": "cyan", "invalid": "magenta",
           "exempt": "dim", "not_required": "dim"}


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
    grid = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 0), header_style="bold",
                 expand=False)
    grid.add_column(t("col-unit", lang), min_width=14, overflow="fold")
    grid.add_column(t("col-report", lang), overflow="fold", min_width=len("✓ 04/12/2023 +9"))
    for i, head in enumerate(heads):
        widest = max((len(number(r.values[i], lang)) for r in rows), default=1)
        word = max((len(w) for w in head.split()), default=1)
        grid.add_column(head, justify="right", overflow="fold", min_width=max(widest, 5),
                        max_width=max(widest, min(word, 12), 9))
    widest = max((len(number(r.models, lang)) for r in rows), default=1)
    grid.add_column(t("col-models", lang), justify="right", overflow="fold", min_width=max(widest, 5))
    kind = None
    for row in rows:
        if row.type == "unit" and row.kind != kind:
            kind = row.kind
            grid.add_row(Text(row.kind_label, style="bold underline"))
        style = {"subtotal": "bold", "total": "bold", "carried": "italic"}.get(row.type, "")
        name = Text(("  " if row.type == "unit" else "") + row.short, style=style)
        mark = Text(row.mark, style=_STYLES.get(row.status or "", style))
        cells = [name, mark, *(Text(number(v, lang), style=style) for v in row.values),
                 Text(number(row.models, lang), style=style)]
        grid.add_row(*cells, end_section=row.type in ("subtotal", "total"))
    parts: list[Any] = [Text(lines[0], style="bold"), *(Text(line) for line in lines[1:]), Text(""), grid,
                        Text(t("agg-blank", lang, carried=t("row-carried", lang)), style="dim"),
                        Text(t("mark-legend", lang), style="dim")]
    for heading, files in problem_lines(agg, lang):
        parts.append(Text(""))
        parts.append(Text(heading, style="bold red"))
        parts += [Padding(Text(line), (0, 0, 0, 2)) for line in files]
    return Group(*parts)


def to_table(agg: Aggregate, lang: str, width: int = PLAIN_WIDTH) -> str:
    """The table as plain text (no colour), ``width`` columns wide: for pipes and files."""
    from rich.console import Console

    buf = io.StringIO()
    console = Console(file=buf, width=width, color_system=None, force_terminal=False, no_color=True,
                      highlight=False, emoji=False, markup=False, legacy_windows=False, soft_wrap=False)
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
    heads = [t("col-unit", lang), t("col-unit-id", lang), t("col-kind", lang), t("col-status", lang),
             t("col-submitted", lang), t("col-days-late", lang), *indicator_headers(agg), t("col-models", lang),
             t("col-note", lang)]
    _header(ws, heads, freeze_col=2)
    r = _HEADER_ROW
    rows = table_rows(agg, lang)
    for row in rows:
        r += 1
        values = [row.label, row.unit_id or None, row.kind_label or None, row.status_text or None, row.submitted,
                  row.days_late, *row.values, row.models, row.note or None]
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
    heads = [t("col-unit", lang), t("col-model", lang), t("col-model-id", lang), t("col-model-status", lang),
             t("col-origin", lang), t("col-started", lang), t("col-completed", lang), t("col-field", lang),
             t("col-beneficiaries", lang), t("col-propose", lang), t("col-summary", lang), t("col-results", lang)]
    _header(ws, heads, freeze_col=1)
    names = {u.id: u.name for u in agg.dataset.units}
    r = _HEADER_ROW
    for m in agg.models.to_dict("records"):
        r += 1
        beneficiaries = None if m["beneficiaries"] is None or _na(m["beneficiaries"]) else int(m["beneficiaries"])
        values = [names.get(m["unit"], m["unit"]), m["name"], m["id"], label(f"model-{m['status']}", lang),
                  label(f"origin-{m['origin']}", lang), m["started"], m["completed_on"], m["field"], beneficiaries,
                  t("yes" if m["propose_replication"] else "no", lang), m["summary"], m["results"]]
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
    heads = [t("col-unit", lang), t("col-name", lang), t("col-commendation-kind", lang), t("col-achievement", lang),
             t("col-level", lang)]
    _header(ws, heads, freeze_col=1)
    names = {u.id: u.name for u in agg.dataset.units}
    r = _HEADER_ROW
    for c in agg.commendations.to_dict("records"):
        r += 1
        values = [names.get(c["unit"], c["unit"]), c["name"], label(f"commendation-{c['kind_of']}", lang),
                  c["achievement"], c["level"]]
        for col, value in enumerate(values, 1):
            ws.cell(r, col, value)
    _fit_table(ws, len(heads), r, {1: 40, 2: 50, 4: 60})


def _reports_sheet(ws: Any, agg: Aggregate, lang: str) -> None:
    from openpyxl.styles import Font

    _preamble(ws, agg, lang, header_lines(agg, lang)[1])
    keys = ("expected", "received", "on_time", "late", "missing", "pending", "invalid", "left_out")
    heads = [t("col-kind", lang), *(t(f"col-{k}", lang) if f"col-{k}" in TEXTS else text(k, lang) for k in keys),
             t("col-completeness", lang), t("col-timeliness", lang)]
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
