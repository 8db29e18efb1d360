"""The look of the ``dkst form`` workbook: font, fills and cell formats, row heights, and cell references.

XlsxWriter is imported inside functions only (a workbook object is passed in).
"""

from __future__ import annotations

from typing import Any

from dkst.sheets.workbook_layout import FONT as FONT  # the one font of every workbook dkst writes (Nghị định 30/2020)

INPUT_FILL = "#FFF2CC"
LOCKED_FILL = "#E7E6E6"
HEAD_FILL = "#DDEBF7"


def height(text: str, chars_per_line: int, line_height: float = 16.5) -> float:
    """A row height (points) that shows ``text`` wrapped in a column of about ``chars_per_line`` characters.

    Neither XlsxWriter nor LibreOffice sizes a row to wrapped text when the file is opened, so it is set here.
    """
    lines = sum(max(1, -(-len(part) // chars_per_line)) for part in text.split("\n"))
    return max(1, lines) * line_height + 2


def cell(row: int, col: int) -> str:
    """The absolute reference of a zero-based cell: ``$C$10``."""
    from xlsxwriter.utility import xl_rowcol_to_cell

    return str(xl_rowcol_to_cell(row, col, row_abs=True, col_abs=True))


def ref(sheet: str, first: tuple[int, int], last: tuple[int, int] | None = None) -> str:
    """The formula of a defined name or a list source: ``='Báo cáo'!$C$10`` or a range."""
    where = cell(*first) + (f":{cell(*last)}" if last and last != first else "")
    return f"='{sheet}'!{where}"


class Formats:
    """The workbook's cell formats, all in Times New Roman."""

    def __init__(self, wb: Any) -> None:
        def fmt(**props: Any) -> Any:
            return wb.add_format({"font_name": FONT, "font_size": 12, "valign": "vcenter", **props})

        border = {"border": 1, "border_color": "#808080"}
        self.plain = fmt(text_wrap=True)
        self.center = fmt(align="center", text_wrap=True)
        self.bold_center = fmt(bold=True, align="center", text_wrap=True)
        self.italic_center = fmt(italic=True, align="center", text_wrap=True)
        self.title = fmt(bold=True, align="center", font_size=14, text_wrap=True)
        self.section = fmt(bold=True)
        self.note = fmt(italic=True, font_size=11, text_wrap=True, font_color="#404040")
        self.head = fmt(bold=True, align="center", text_wrap=True, bg_color=HEAD_FILL, **border)
        self.label = fmt(text_wrap=True, **border)
        self.label_center = fmt(align="center", text_wrap=True, **border)
        self.group = fmt(bold=True, italic=True, text_wrap=True, **border)
        self.locked_value = fmt(bold=True, bg_color=LOCKED_FILL, **border)
        self.number = fmt(locked=False, bg_color=INPUT_FILL, num_format="0", align="right", **border)
        self.date = fmt(locked=False, bg_color=INPUT_FILL, num_format="dd/mm/yyyy", align="center", **border)
        self.text = fmt(locked=False, bg_color=INPUT_FILL, num_format="@", text_wrap=True, **border)
        self.long_text = fmt(locked=False, bg_color=INPUT_FILL, num_format="@", text_wrap=True, valign="top", **border)
        self.help_title = fmt(bold=True, font_size=14)
        self.help = fmt(text_wrap=True, valign="top")
