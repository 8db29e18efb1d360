"""One sheet of the ``dkst aggregate --format xlsx`` workbook laid out: columns, rows, cell formats, widths and
heights that fit the text, the frozen and repeated header, A4 print set-up; and ``SUM`` formulas over rows.

Texts from the dataset go through :func:`plain` (control characters dropped, never a formula). The worksheet
and formats are XlsxWriter objects passed in; XlsxWriter itself is imported by :mod:`dkst.sheets.workbook` only.
"""

from __future__ import annotations

import itertools
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


#: Advance widths of Times New Roman, in ems, by kind of character (a conservative average of each kind: a row
#: is rather a little too high than overprinted by its neighbour's wrapped text).
_NARROW = set("ijlrtf.,;:'!|()[]-–/ ")
_WIDE_LOWER = set("mw")
_WIDE_UPPER = set("MWĐÐ")


def text_points(value: str, size: float = SIZE, bold: bool = False) -> float:
    """The printed width (points) of one line of ``value`` in Times New Roman of ``size``."""
    ems = 0.0
    for ch in value:
        base = ch.lower() if ch.isalpha() else ch
        if ch in _WIDE_UPPER or ch in _WIDE_LOWER:
            ems += 0.9 if ch.isupper() else 0.76
        elif ch.isspace():
            ems += 0.25
        elif base in _NARROW or ch in _NARROW:
            ems += 0.33
        elif ch.isupper():
            ems += 0.72
        elif ch.isdigit():
            ems += 0.5
        else:
            ems += 0.5
    # measured against LibreOffice's PDF (Liberation Serif, Times New Roman's metrics): within 2% of real lines
    return ems * size * (1.07 if bold else 1.0) * 1.02


def column_points(width: float) -> float:
    """The room for text (points) in a column of Excel width ``width``: its pixels (``8 × width + 5`` with the
    workbook's default font, Times New Roman 12, whose digits are 8 pixels wide) at 0.75 pt a pixel, less the
    cell's padding. Excel and LibreOffice agree on it once the default font is set (:func:`formats`)."""
    return (8 * width + 5) * 0.75 - 4


#: Points of an A4 landscape page's width between the margins (0.6 and 0.4 inch).
PAGE_WIDTH = 842 - 72
#: The smallest print scale a sheet one page wide may take; a wider sheet is printed on more pages across,
#: with its first columns (STT and the names) repeated on each.
MIN_SCALE = 0.65
#: The print scale of a sheet too wide for one page at :data:`MIN_SCALE`.
WIDE_SCALE = 0.8


def wrapped_lines(value: str, width: float, size: float = SIZE, bold: bool = False) -> int:
    """How many lines ``value`` takes wrapped at word boundaries in a column of Excel width ``width``."""
    room = max(column_points(width), 1.0)
    space = text_points(" ", size, bold)
    total = 0
    for part in value.split("\n"):
        lines, used = 1, 0.0
        for word in part.split():
            w = text_points(word, size, bold)
            if used and used + space + w > room:
                lines += 1
                used = 0.0
            if w > room:  # a word longer than the column is broken over lines of its own
                pieces = math.ceil(w / room)
                lines += pieces - 1
                w -= (pieces - 1) * room
            used = used + space + w if used else w
        total += lines
    return max(total, 1)


def merged_width(widths: Sequence[float]) -> float:
    """The Excel width of one column as wide as the columns of ``widths`` merged."""
    return (sum(8 * w + 5 for w in widths) - 5) / 8


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
        #: columns a printed page may start with, when the sheet is printed on several pages across (a value,
        #: last year's and the change stay together); ``None``: any column
        self.page_starts: list[int] | None = None

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
    def _lines(value: Any, width: float, bold: bool = False) -> int:
        if value is None or isinstance(value, int | float | date | datetime):
            return 1
        return wrapped_lines(str(value), width, bold=bold)

    def finish(self, freeze_col: int = 0) -> None:
        ws, fm = self.ws, self.formats
        widths = self.widths()
        for i, width in enumerate(widths):
            ws.set_column(i, i, width)
        # the lines above the table span the table's width (the columns repeated on every page when the sheet
        # is printed on several pages across), wrapped, each row as high as its text: never cut at a page's edge,
        # whatever the sheet's width (an empty sheet's columns are narrow)
        total = sum(column_points(w) + 4 for w in widths)
        across = total * MIN_SCALE > PAGE_WIDTH
        last_col = len(self.columns) - 1
        if across:  # within the columns repeated on every page: a line merged wider is cut on the pages after
            last_col = max(freeze_col - 1, 0)
        span = merged_width(widths[: last_col + 1])
        for r, line in enumerate(self.preamble):
            style, size = (fm["title"], 13.0) if r == 0 else (fm["line"], float(SIZE))
            if last_col > 0:
                ws.merge_range(r, 0, r, last_col, line, style)
            else:
                ws.write_string(r, 0, line, style)
            n = wrapped_lines(line, span, size=size, bold=r == 0)
            ws.set_row(r, n * LINE_HEIGHT * size / SIZE + 2)
        for c, col in enumerate(self.columns):
            ws.write_string(HEADER_ROW, c, col.head, fm["head"])
        head_lines = max(self._lines(col.head, w, True) for col, w in zip(self.columns, widths, strict=True))
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
                    lines = max(lines, self._lines(value, widths[c], row.bold))
            if lines > 1:
                ws.set_row(r, lines * LINE_HEIGHT)
        last = HEADER_ROW + len(self.rows)
        r = last + 1
        for note, bold in self.notes:
            r += 1
            shown = plain(note)
            if last_col > 0:
                ws.merge_range(r, 0, r, last_col, shown, fm["bnote" if bold else "note"])
            else:
                ws.write_string(r, 0, shown, fm["bnote" if bold else "note"])
            ws.set_row(r, wrapped_lines(shown, span, bold=bold) * LINE_HEIGHT + 2)
        ws.freeze_panes(HEADER_ROW + 1, freeze_col)
        ws.set_landscape()
        ws.set_paper(9)  # A4
        if across:  # several pages across at a fixed scale, the names repeated on each, left to right first
            ws.set_print_scale(int(WIDE_SCALE * 100))
            ws.print_across()
            if freeze_col:
                ws.repeat_columns(0, freeze_col - 1)
            ws.set_v_pagebreaks(self._column_breaks(widths, freeze_col))
        else:
            ws.fit_to_pages(1, 0)
        ws.repeat_rows(HEADER_ROW)
        ws.set_margins(left=0.6, right=0.4, top=0.6, bottom=0.6)
        ws.set_footer(f'&C&"{FONT},Regular"&P/&N')
        ws.print_area(0, 0, max(r, last), len(self.columns) - 1)

    def _column_breaks(self, widths: list[float], freeze_col: int) -> list[int]:
        """The columns that start a new printed page: as many whole groups (:attr:`page_starts`) as fit a page
        at :data:`WIDE_SCALE` beside the repeated columns."""
        room = PAGE_WIDTH / WIDE_SCALE * 0.97
        points = [column_points(w) + 4 for w in widths]
        repeated = sum(points[:freeze_col])
        starts = sorted({*(self.page_starts or range(freeze_col, len(widths))), len(widths)})
        starts = [c for c in starts if c >= freeze_col]
        breaks: list[int] = []
        used = repeated
        for a, b in itertools.pairwise(starts):
            group = sum(points[a:b])
            if used + group > room and used > repeated:
                breaks.append(a)
                used = repeated
            used += group
        return breaks


def formats(book: Any) -> dict[str, Any]:
    """The workbook's cell formats by name: title, line, note, bnote, head, and each column kind plain,
    bold (``b…``) and italic (``i…``)."""
    book.formats[0].set_font_name(FONT)  # the default font sets the width unit: Excel and LibreOffice then agree
    book.formats[0].set_font_size(SIZE)
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
        "title": book.add_format({**base, "bold": True, "font_size": 13, "text_wrap": True}),
        "line": book.add_format({**base, "text_wrap": True}),
        "note": book.add_format({**base, "italic": True, "text_wrap": True}),
        "bnote": book.add_format({**base, "bold": True, "text_wrap": True}),
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
