"""The ``dkst aggregate --format xlsx`` workbook, written with XlsxWriter: ready to paste and to print.

Four sheets (units, models, commendations, reports by kind), each with the plan's title, the period line and a
summary line above a header row that stays frozen and is repeated on every printed page. Everything is in
Times New Roman (bold included); headers and long texts wrap, with row heights that fit them; numbers carry a
thousands separator, ratios the percentage format ``0.0%`` (one decimal, the rule of every dkst output); an
STT column numbers the rows. Subtotals and totals are formulas (``=SUM(…)``) stored with their values, so a
viewer that does not calculate still shows them; where a total cannot be a plain sum of the rows above (a
report of a unit outside the registry) it is written as a value. Pages are A4 landscape, one page wide.

What the workbook leaves out on purpose: ids (unit and model slugs; scripts read ``--format json``), and the
row of a unit that owes no report, sent none and has no model in the window: such units are named in one
note line under the table instead of an all-blank row.

Texts from the dataset are written with ``write_string`` only (never as a formula, whatever they start with)
and freed of control characters (:func:`_plain`). The bytes are the same for the same input: XlsxWriter dates
the zip entries 1980-01-01, and the document's created date is the as-of day.

XlsxWriter is imported inside :func:`write_workbook` only.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from dkst import escape
from dkst.i18n import text

if TYPE_CHECKING:
    from dkst.aggregate import Aggregate

FONT = "Times New Roman"
SIZE = 12
#: Points per wrapped line of 12 pt Times New Roman (Excel's default row is 15.75 pt for 12 pt text).
LINE_HEIGHT = 15.75
#: Zero-based index of the header row on every sheet (rows 1–3: title, period, summary; row 4 blank).
HEADER_ROW = 4
DATE_FORMAT = "dd/mm/yyyy"
NUMBER_FORMAT = "#,##0"
PERCENT_FORMAT = "0.0%"

#: A catalogue lookup in the workbook's language: key and parameters → text.
Translate = Callable[..., str]


def _plain(value: Any) -> str:
    """A cell text from user data: control characters dropped (tabs and line breaks kept), never a formula
    (:func:`dkst.escape.excel_text`), never ``None``."""
    if value is None:
        return ""
    return str(escape.excel_text(str(value)))


@dataclass
class Column:
    """A column of a sheet: its header, its kind of content and the widest it may grow (characters)."""

    head: str
    kind: str = "text"  # "text" | "wrap" | "number" | "date" | "percent" | "stt"
    limit: int = 40


@dataclass
class Row:
    """The cells of one written row and how they look (``bold`` for subtotals and totals)."""

    values: list[Any]
    bold: bool = False
    italic: bool = False
    formulas: dict[int, str] | None = None


class _Sheet:
    """One worksheet being written: the header, the rows, widths and heights that fit them."""

    def __init__(
        self, book: Any, formats: dict[str, Any], name: str, columns: list[Column], preamble: Sequence[str]
    ) -> None:
        self.ws = book.add_worksheet(name)
        self.formats = formats
        self.columns = columns
        self.preamble = [_plain(line) for line in preamble]
        self.rows: list[Row] = []
        self.notes: list[tuple[str, bool]] = []

    def add(self, row: Row) -> int:
        """Add a row; its zero-based sheet row index."""
        self.rows.append(row)
        return HEADER_ROW + len(self.rows)

    def widths(self) -> list[float]:
        out = []
        for i, col in enumerate(self.columns):
            longest = max((len(w) for w in col.head.split()), default=4)
            longest = max(longest, min(len(col.head), 12))
            for row in self.rows:
                value = row.values[i]
                if value is None or value == "":
                    continue
                if isinstance(value, date | datetime):
                    n = 10
                elif isinstance(value, int | float):
                    n = len(f"{value:,.1f}" if col.kind == "percent" else f"{value:,}")
                else:
                    n = max(len(part) for part in str(value).split("\n"))
                longest = max(longest, n)
            out.append(min(longest, col.limit) + 2.0)
        return out

    @staticmethod
    def _lines(value: Any, width: float) -> int:
        if value is None or isinstance(value, int | float | date | datetime):
            return 1
        chars = max(int((width - 1) * 1.35), 1)  # Times New Roman is narrower than Excel's width unit
        return sum(max(1, math.ceil(len(part) / chars)) for part in str(value).split("\n"))

    def finish(self, freeze_col: int = 0) -> None:
        ws, fm = self.ws, self.formats
        widths = self.widths()
        for i, width in enumerate(widths):
            ws.set_column(i, i, width)
        ws.write_string(0, 0, self.preamble[0], fm["title"])
        for r, line in enumerate(self.preamble[1:], 1):
            ws.write_string(r, 0, line, fm["line"])
        for c, col in enumerate(self.columns):
            ws.write_string(HEADER_ROW, c, col.head, fm["head"])
        head_lines = max(self._lines(col.head, w) for col, w in zip(self.columns, widths, strict=True))
        ws.set_row(HEADER_ROW, head_lines * LINE_HEIGHT + 4)
        for n, row in enumerate(self.rows):
            r = HEADER_ROW + 1 + n
            lines = 1
            for c, (col, value) in enumerate(zip(self.columns, row.values, strict=True)):
                style = ("b" if row.bold else "i" if row.italic else "") + col.kind
                cell = fm[style]
                formula = (row.formulas or {}).get(c)
                if formula is not None:
                    ws.write_formula(r, c, formula, cell, value if value is not None else 0)
                elif value is None or value == "":
                    ws.write_blank(r, c, None, cell)
                elif isinstance(value, date | datetime):
                    ws.write_datetime(r, c, datetime(value.year, value.month, value.day), cell)
                elif isinstance(value, bool):
                    ws.write_string(r, c, str(value), cell)
                elif isinstance(value, int | float):
                    ws.write_number(r, c, value, cell)
                else:
                    ws.write_string(r, c, _plain(value), cell)
                if col.kind in ("wrap", "text") and isinstance(value, str):
                    lines = max(lines, self._lines(value, widths[c]))
            if lines > 1:
                ws.set_row(r, lines * LINE_HEIGHT)
        last = HEADER_ROW + len(self.rows)
        r = last + 1
        for note, bold in self.notes:
            r += 1
            ws.write_string(r, 0, _plain(note), fm["bnote" if bold else "note"])
        ws.freeze_panes(HEADER_ROW + 1, freeze_col)
        ws.set_landscape()
        ws.set_paper(9)  # A4
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(HEADER_ROW)
        ws.set_margins(left=0.6, right=0.4, top=0.6, bottom=0.6)
        ws.set_footer(f'&C&"{FONT},Regular"&P/&N')
        ws.print_area(0, 0, max(r, last), len(self.columns) - 1)


def _formats(book: Any) -> dict[str, Any]:
    base = {"font_name": FONT, "font_size": SIZE, "valign": "top"}
    cell = {**base, "border": 1}
    kinds: dict[str, dict[str, object]] = {
        "text": {},
        "wrap": {"text_wrap": True},
        "number": {"num_format": NUMBER_FORMAT},
        "date": {"num_format": DATE_FORMAT, "align": "center"},
        "percent": {"num_format": PERCENT_FORMAT},
        "stt": {"align": "center"},
    }
    out: dict[str, Any] = {
        "title": book.add_format({**base, "bold": True, "font_size": 13}),
        "line": book.add_format(base),
        "note": book.add_format({**base, "italic": True}),
        "bnote": book.add_format({**base, "bold": True}),
        "head": book.add_format(
            {**cell, "bold": True, "text_wrap": True, "align": "center", "valign": "vcenter", "bg_color": "#DDEBF7"}
        ),
    }
    for name, extra in kinds.items():
        out[name] = book.add_format({**cell, **extra})
        out["b" + name] = book.add_format({**cell, **extra, "bold": True})
        out["i" + name] = book.add_format({**cell, **extra, "italic": True})
    return out


def _col(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def _sum_formula(col: int, rows: list[int]) -> str:
    """``SUM`` of the cells of column ``col`` in the zero-based sheet rows ``rows`` (ranges where contiguous)."""
    runs: list[tuple[int, int]] = []  # (first, last) of each run of consecutive rows
    for r in sorted(rows):
        if runs and r == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], r)
        else:
            runs.append((r, r))
    parts: list[str] = []
    for start, end in runs:
        a, b = f"{_col(col)}{start + 1}", f"{_col(col)}{end + 1}"
        parts.append(a if start == end else f"{a}:{b}")
    return "=SUM(" + ",".join(parts) + ")"


def _summable(value: Any, parts: list[Any]) -> bool:
    """A total equal to the plain sum of the given cells (blank for none) can be a formula."""
    numbers = [p for p in parts if isinstance(p, int | float) and not isinstance(p, bool)]
    if value is None:
        return False
    return bool(numbers) and sum(numbers) == value


def write_workbook(
    agg: Aggregate,
    lang: str,
    rows: list[Any],
    indicator_heads: list[str],
    lines: list[str],
    problems: list[tuple[str, list[str]]],
) -> bytes:
    """The workbook's bytes. ``rows`` are :func:`dkst.export.table_rows`, ``lines`` :func:`dkst.export.header_lines`
    and ``problems`` :func:`dkst.export.problem_lines`, all in ``lang``."""
    import xlsxwriter

    def t(key: str, **params: Any) -> str:
        return text(key, lang, **params)

    buf = io.BytesIO()
    book = xlsxwriter.Workbook(
        buf, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    )
    as_of = datetime(agg.as_of.year, agg.as_of.month, agg.as_of.day)
    plan = agg.dataset.plan
    if plan is None:  # aggregate() refuses a dataset without a usable plan
        from dkst.aggregate import AggregateError

        raise AggregateError("no-plan")
    title = _plain(plan.title)
    issuer = _plain(plan.issuer)
    book.set_properties(
        {
            "title": f"{title} – {_plain(agg.period.name)}",
            "subject": _plain(lines[0]),
            "author": issuer,
            "company": issuer,
            "created": as_of,
        }
    )
    book.set_calc_mode("auto")
    fm = _formats(book)
    head = [title, lines[0]]
    _units_sheet(book, fm, agg, lang, rows, indicator_heads, [*head, lines[1]], lines, problems, t)
    _models_sheet(book, fm, agg, lang, [*head, lines[2]], t)
    _commendations_sheet(book, fm, agg, lang, [*head, lines[3]], t)
    _reports_sheet(book, fm, agg, [*head, lines[1]], t)
    book.close()
    return buf.getvalue()


def _units_sheet(
    book: Any,
    fm: dict[str, Any],
    agg: Aggregate,
    lang: str,
    rows: list[Any],
    heads: list[str],
    preamble: list[str],
    lines: list[str],
    problems: list[tuple[str, list[str]]],
    t: Translate,
) -> None:
    columns = [
        Column(t("agg-col-no"), "stt", 5),
        Column(t("agg-col-unit"), "wrap", 32),
        Column(t("agg-col-kind"), "wrap", 12),
        Column(t("agg-col-status"), "wrap", 12),
        Column(t("agg-col-submitted"), "date", 11),
        Column(t("agg-col-days-late"), "number", 8),
        *(Column(h, "number", 10) for h in heads),
        Column(t("agg-col-models"), "number", 9),
        Column(t("agg-col-note"), "wrap", 30),
    ]
    sheet = _Sheet(book, fm, t("sheet-units"), columns, preamble)
    first_value = 6  # column of the first indicator
    members: list[int] = []
    subtotals: list[int] = []
    member_values: list[list[Any]] = []
    sub_values: list[list[Any]] = []
    hidden: list[str] = []
    number = 0
    for row in rows:
        values = [*row.values, row.models]
        if row.type == "unit":
            if (
                row.status in ("exempt", "not_required")
                and row.submitted is None
                and not row.models
                and not row.left_out
            ):
                hidden.append(f"{row.label} ({row.status_text.lower()})")
                continue
            number += 1
            r = sheet.add(
                Row(
                    [
                        number,
                        row.label,
                        row.kind_label,
                        row.status_text,
                        row.submitted,
                        row.days_late,
                        *values,
                        row.note,
                    ]
                )
            )
            members.append(r)
            member_values.append(values)
        elif row.type == "subtotal":
            formulas = {
                first_value + i: _sum_formula(first_value + i, members)
                for i, v in enumerate(values)
                if _summable(v, [m[i] for m in member_values])
            }
            r = sheet.add(
                Row(["", row.label, "", row.status_text, None, None, *values, ""], bold=True, formulas=formulas)
            )
            subtotals.append(r)
            sub_values.append(values)
            members, member_values = [], []
        elif row.type == "total":
            formulas = {
                first_value + i: _sum_formula(first_value + i, subtotals)
                for i, v in enumerate(values)
                if _summable(v, [s[i] for s in sub_values])
            }
            sheet.add(Row(["", row.label, "", row.status_text, None, None, *values, ""], bold=True, formulas=formulas))
        else:  # the count of reports giving each figure
            sheet.add(Row(["", row.label, "", "", None, None, *row.values, None, ""], italic=True))
    sheet.notes.append((t("agg-blank", carried=t("row-carried")), False))
    if hidden:
        sheet.notes.append((t("xlsx-not-listed", units="; ".join(hidden)), False))
    sheet.notes.extend((line, False) for line in lines[2:])
    for heading, files in problems:
        sheet.notes.append((heading, True))
        sheet.notes.extend((line, False) for line in files)
    sheet.finish(freeze_col=2)


def _models_sheet(book: Any, fm: dict[str, Any], agg: Aggregate, lang: str, preamble: list[str], t: Translate) -> None:
    from dkst.aggregate import label

    columns = [
        Column(t("agg-col-no"), "stt", 5),
        Column(t("agg-col-unit"), "wrap", 22),
        Column(t("agg-col-model"), "wrap", 26),
        Column(t("agg-col-model-status"), "wrap", 12),
        Column(t("agg-col-origin"), "wrap", 11),
        Column(t("agg-col-started"), "date", 11),
        Column(t("agg-col-completed"), "date", 11),
        Column(t("agg-col-field"), "wrap", 14),
        Column(t("agg-col-beneficiaries"), "number", 10),
        Column(t("agg-col-propose"), "stt", 9),
        Column(t("agg-col-summary"), "wrap", 32),
        Column(t("agg-col-results"), "wrap", 32),
    ]
    sheet = _Sheet(book, fm, t("sheet-models"), columns, preamble)
    names = {u.id: u.name for u in agg.dataset.units}
    for n, m in enumerate(agg.models.to_dict("records"), 1):
        sheet.add(
            Row(
                [
                    n,
                    names.get(m["unit"], m["unit"]),
                    m["name"],
                    label(f"model-{m['status']}", lang),
                    label(f"origin-{m['origin']}", lang),
                    _day(m["started"]),
                    _day(m["completed_on"]),
                    m["field"],
                    _whole(m["beneficiaries"]),
                    "x" if m["propose_replication"] else "",
                    m["summary"],
                    m["results"],
                ]
            )
        )
    sheet.finish(freeze_col=0)


def _commendations_sheet(
    book: Any, fm: dict[str, Any], agg: Aggregate, lang: str, preamble: list[str], t: Translate
) -> None:
    from dkst.aggregate import label

    columns = [
        Column(t("agg-col-no"), "stt", 5),
        Column(t("agg-col-unit"), "wrap", 28),
        Column(t("agg-col-name"), "wrap", 36),
        Column(t("agg-col-commendation-kind"), "wrap", 12),
        Column(t("agg-col-achievement"), "wrap", 44),
        Column(t("agg-col-level"), "wrap", 16),
    ]
    sheet = _Sheet(book, fm, t("sheet-commendations"), columns, preamble)
    names = {u.id: u.name for u in agg.dataset.units}
    for n, c in enumerate(agg.commendations.to_dict("records"), 1):
        sheet.add(
            Row(
                [
                    n,
                    names.get(c["unit"], c["unit"]),
                    c["name"],
                    label(f"commendation-{c['kind_of']}", lang),
                    c["achievement"],
                    c["level"],
                ]
            )
        )
    sheet.finish(freeze_col=0)


def _reports_sheet(book: Any, fm: dict[str, Any], agg: Aggregate, preamble: list[str], t: Translate) -> None:
    keys = ("expected", "received", "on_time", "late", "missing", "pending", "invalid", "left_out")
    columns = [
        Column(t("agg-col-no"), "stt", 5),
        Column(t("agg-col-kind"), "wrap", 24),
        *(Column(t(f"agg-col-{k}") if _known(f"agg-col-{k}") else t(k), "number", 10) for k in keys),
        Column(t("agg-col-completeness"), "percent", 10),
        Column(t("agg-col-timeliness"), "percent", 10),
    ]
    sheet = _Sheet(book, fm, t("sheet-reports"), columns, preamble)
    summ = agg.summary
    rows: list[int] = []
    values: list[list[Any]] = []
    first = 2
    ratio = first + len(keys)
    exp, rec, on = (_col(first + keys.index(k)) for k in ("expected", "received", "on_time"))
    for n, kind in enumerate(agg.kinds, 1):
        counts = summ["by_kind"][kind]
        cells = [counts[k] for k in keys]
        one_based = HEADER_ROW + len(sheet.rows) + 2
        r = sheet.add(
            Row(
                [n, agg.kinds[kind], *cells, *_ratios(counts)],
                formulas=_ratio_formulas(one_based, ratio, exp, rec, on, counts),
            )
        )
        rows.append(r)
        values.append(cells)
    counts = summ["reports"]
    r = HEADER_ROW + len(sheet.rows) + 2
    formulas = {
        first + i: _sum_formula(first + i, rows)
        for i, k in enumerate(keys)
        if _summable(counts[k], [v[i] for v in values])
    }
    formulas.update(_ratio_formulas(r, ratio, exp, rec, on, counts))
    sheet.add(Row(["", t("row-total"), *(counts[k] for k in keys), *_ratios(counts)], bold=True, formulas=formulas))
    sheet.finish(freeze_col=0)


def _ratios(counts: dict[str, Any]) -> list[float | None]:
    if not counts["expected"]:
        return [None, None]
    return [counts["received"] / counts["expected"], counts["on_time"] / counts["expected"]]


def _ratio_formulas(r: int, col: int, exp: str, rec: str, on: str, counts: dict[str, Any]) -> dict[int, str]:
    """Completeness and timeliness of sheet row ``r`` (one-based in the formula) as formulas, when defined."""
    if not counts["expected"]:
        return {}
    return {col: f"={rec}{r}/{exp}{r}", col + 1: f"={on}{r}/{exp}{r}"}


def _known(key: str) -> bool:
    from dkst.i18n import TEXTS

    return key in TEXTS


def _day(value: Any) -> date | None:
    return value if isinstance(value, date) and value == value else None  # NaT is no day


def _whole(value: Any) -> int | None:
    if value is None:
        return None
    try:
        if value != value:  # NaN from pandas
            return None
        return int(value)
    except (TypeError, ValueError):
        return None
