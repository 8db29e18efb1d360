"""One sheet of the ``dkst aggregate --format xlsx`` workbook laid out: columns, rows, cell formats, widths and
heights that fit the text, the frozen and repeated header, A4 print set-up; and ``SUM`` formulas over rows.

Texts from the dataset go through :func:`plain` (control characters dropped, never a formula). The worksheet
and formats are XlsxWriter objects passed in; XlsxWriter itself is imported by :mod:`dkst.sheets.workbook` only.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from dkst import escape

#: The font of every workbook dkst writes (the aggregate's and the forms), as of its documents (Nghị định 30/2020).
FONT = "Times New Roman"
SIZE = 12
#: Points per wrapped line of 12 pt Times New Roman (Excel's default row is 15.75 pt for 12 pt text).
LINE_HEIGHT = 15.75
#: Zero-based index of the header row on every sheet (rows 1–3: title, period, summary; row 4 blank).
HEADER_ROW = 4
DATE_FORMAT = "dd/mm/yyyy"
NUMBER_FORMAT = "#,##0"
PERCENT_FORMAT = "0.0%"
#: A change against last year: signed, one decimal (``+21.1%``, ``−6.3%``), as dkst's other outputs write it.
CHANGE_FORMAT = "+0.0%;\u22120.0%;0.0%"


def plain(value: Any) -> str:
    """A cell text from user data: control characters dropped (tabs and line breaks kept), never a formula
    (:func:`dkst.escape.excel_text`), never ``None``."""
    if value is None:
        return ""
    return str(escape.excel_text(str(value)))


@dataclass
class Column:
    """A column of a sheet: its header, its kind of content and the widest it may grow (characters)."""

    head: str
    kind: str = "text"  # "text" | "wrap" | "number" | "date" | "percent" | "change" | "stt"
    limit: int = 40


@dataclass
class Row:
    """The cells of one written row and how they look (``bold`` for subtotals and totals)."""

    values: list[Any]
    bold: bool = False
    italic: bool = False
    formulas: dict[int, str] | None = None


class Sheet:
    """One worksheet being written: the header, the rows, widths and heights that fit them."""

    def __init__(
        self, book: Any, formats: dict[str, Any], name: str, columns: list[Column], preamble: Sequence[str]
    ) -> None:
        self.ws = book.add_worksheet(name)
        self.formats = formats
        self.columns = columns
        self.preamble = [plain(line) for line in preamble]
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
                    n = len(f"{value:+,.1%}" if col.kind in ("percent", "change") else f"{value:,}")
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
                    ws.write_string(r, c, plain(value), cell)
                if col.kind in ("wrap", "text") and isinstance(value, str):
                    lines = max(lines, self._lines(value, widths[c]))
            if lines > 1:
                ws.set_row(r, lines * LINE_HEIGHT)
        last = HEADER_ROW + len(self.rows)
        r = last + 1
        for note, bold in self.notes:
            r += 1
            ws.write_string(r, 0, plain(note), fm["bnote" if bold else "note"])
        ws.freeze_panes(HEADER_ROW + 1, freeze_col)
        ws.set_landscape()
        ws.set_paper(9)  # A4
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(HEADER_ROW)
        ws.set_margins(left=0.6, right=0.4, top=0.6, bottom=0.6)
        ws.set_footer(f'&C&"{FONT},Regular"&P/&N')
        ws.print_area(0, 0, max(r, last), len(self.columns) - 1)


def formats(book: Any) -> dict[str, Any]:
    """The workbook's cell formats by name: title, line, note, bnote, head, and each column kind plain,
    bold (``b…``) and italic (``i…``)."""
    base = {"font_name": FONT, "font_size": SIZE, "valign": "top"}
    cell = {**base, "border": 1}
    kinds: dict[str, dict[str, object]] = {
        "text": {},
        "wrap": {"text_wrap": True},
        "number": {"num_format": NUMBER_FORMAT},
        "date": {"num_format": DATE_FORMAT, "align": "center"},
        "percent": {"num_format": PERCENT_FORMAT},
        "change": {"num_format": CHANGE_FORMAT},
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


def col_name(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def sum_formula(col: int, rows: list[int]) -> str:
    """``SUM`` of the cells of column ``col`` in the zero-based sheet rows ``rows`` (ranges where contiguous)."""
    runs: list[tuple[int, int]] = []  # (first, last) of each run of consecutive rows
    for r in sorted(rows):
        if runs and r == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], r)
        else:
            runs.append((r, r))
    parts: list[str] = []
    for start, end in runs:
        a, b = f"{col_name(col)}{start + 1}", f"{col_name(col)}{end + 1}"
        parts.append(a if start == end else f"{a}:{b}")
    return "=SUM(" + ",".join(parts) + ")"


def summable(value: Any, parts: list[Any]) -> bool:
    """A total equal to the plain sum of the given cells (blank for none) can be a formula."""
    numbers = [p for p in parts if isinstance(p, int | float) and not isinstance(p, bool)]
    if value is None:
        return False
    return bool(numbers) and sum(numbers) == value
