"""The sheet a unit fills in (``Báo cáo``): heading, report document, indicators, models, commendations, texts.

Each input cell carries a defined name of docs/format.md (:mod:`dkst.sheets.forms.cells`), Excel's own validation with
a prompt, and the input fill; every other cell is locked. The words come from the catalogue in the form's
language (:func:`dkst.sheets.forms.cells.form_text`). The unit's and period's ids (``dkst_unit``, ``dkst_period``)
sit in a hidden column beside the heading that shows their names: a clerk reads names, ``dkst import`` reads ids.

Five columns: STT, then 30, 26, 30 and 14 characters wide. Every row's height is known here (set, or the default
row), so page breaks are placed by :class:`Pager` before a section that would not fit on what is left of a page:
no table is split from its header, no heading is left alone at a page foot.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from dkst.sheets.forms import cells as C
from dkst.sheets.forms.formats import FONT, Formats, height, ref
from dkst.sheets.forms.spec import FormSpec

t = C.form_text

#: Blank rows of the commendations and models tables (a unit may insert more inside the table).
COMMENDATION_ROWS = 12
MODEL_ROWS = 8
#: Column widths (characters): STT, then the four columns every table shares.
WIDTHS = (6, 30, 26, 30, 14)
#: The hidden column of the ids (right of the printed area).
ID_COL = 5
#: Points of a row left at its default height (12 pt Times New Roman), set as the sheet's default row height so
#: that Excel, LibreOffice and WPS all give it this height.
DEFAULT_ROW = 16.5
#: Points of rows that fit one printed A4 page at the scale that fits the five columns to its width (about 80%
#: in LibreOffice, a little less in Excel), with margin to spare.
PAGE = 900.0
#: How much wider than a digit an upper-case letter of the letterhead is, on average.
CAPITALS = 1.45


class Pager:
    """The heights of the rows written so far, and the manual page breaks that keep each block on one page."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.heights: dict[int, float] = {}
        self.breaks: list[int] = []

    def set(self, row: int, points: float) -> None:
        self.ws.set_row(row, points)
        self.heights[row] = points

    def used(self, first: int, last: int) -> float:
        return sum(self.heights.get(r, DEFAULT_ROW) for r in range(first, last + 1))

    def keep(self, first: int, last: int) -> None:
        """Rows ``first``..``last`` on one page: a break before ``first`` when they would cross the foot."""
        start = self.breaks[-1] if self.breaks else 0
        if first > start and self.used(start, last) > PAGE and self.used(first, last) <= PAGE:
            self.breaks.append(first)


def report_sheet(wb: Any, ws: Any, fm: Formats, spec: FormSpec) -> None:
    """Write the form sheet ``ws`` of workbook ``wb``: layout, cells, validation, names, print set-up."""
    ws.set_paper(9)  # A4
    ws.set_portrait()
    ws.set_margins(left=0.6, right=0.4, top=0.6, bottom=0.6)
    ws.fit_to_pages(1, 0)
    ws.center_horizontally()
    ws.set_footer(f'&C&"{FONT}"&10{t("form.page")} &P/&N')
    for col, width in enumerate(WIDTHS):
        ws.set_column(col, col, width, fm.plain)
    ws.set_column(ID_COL, ID_COL, 12, fm.plain, {"hidden": True})
    ws.set_default_row(DEFAULT_ROW)
    pager = Pager(ws)
    row = _heading(wb, ws, fm, spec, pager)
    row = _document(wb, ws, fm, row, pager)
    row = _indicators(wb, ws, fm, spec, row, pager)
    row = _models(wb, ws, fm, spec, row, pager)
    row = _commendations(wb, ws, fm, row, pager)
    for key in C.TEXT_KEYS:
        row += 2
        ws.write_string(row, 0, t(f"form.section-{key}"), fm.section)
        row += 1
        ws.merge_range(row, 1, row, 4, "", fm.long_text)
        pager.set(row, 100)
        wb.define_name(key, ref(C.form_sheet(), (row, 1)))
        pager.keep(row - 2, row)
    row += 2
    ws.merge_range(row, 2, row, 4, t("form.signature"), fm.bold_center)
    ws.merge_range(row + 1, 2, row + 1, 4, t("form.signature-note"), fm.italic_center)
    pager.keep(row - 4, row + 1)
    ws.set_h_pagebreaks(pager.breaks)
    ws.print_area(0, 0, row + 1, 4)
    ws.protect(
        "", {"select_locked_cells": True, "select_unlocked_cells": True, "format_columns": True, "format_rows": True}
    )


def _heading(wb: Any, ws: Any, fm: Formats, spec: FormSpec, pager: Pager) -> int:
    """Letterhead, title, period, unit, where to send; the ids in the hidden column; the last row written."""
    lh = spec.letterhead
    left, right = (lh.get("superior") or "").upper(), (lh.get("national") or t("formula.national")).upper()
    organ, motto = (lh.get("organ") or "").upper(), lh.get("motto") or t("formula.motto")
    ws.merge_range(0, 0, 0, 1, left, fm.center)
    ws.merge_range(0, 2, 0, 4, right, fm.bold_center)
    ws.merge_range(1, 0, 1, 1, organ, fm.bold_center)
    ws.merge_range(1, 2, 1, 4, motto, fm.bold_center)
    left_chars = int((WIDTHS[0] + WIDTHS[1]) / CAPITALS)
    right_chars = int(sum(WIDTHS[2:]) / CAPITALS)
    pager.set(0, max(height(left, left_chars), height(right, right_chars)))
    pager.set(1, max(height(organ, left_chars), height(motto, right_chars)))
    ws.merge_range(3, 0, 3, 4, t("form.title"), fm.title)
    pager.set(3, 40)
    ws.merge_range(4, 0, 4, 4, t("form.period", period=spec.period_name), fm.italic_center)
    unit_line = t("form.unit", unit=spec.unit_name)
    ws.merge_range(5, 0, 5, 4, unit_line, fm.bold_center)
    pager.set(5, height(unit_line, 90))
    ws.write_string(4, ID_COL, spec.period_id, fm.locked_value)
    wb.define_name(C.PERIOD, ref(C.form_sheet(), (4, ID_COL)))
    ws.write_string(5, ID_COL, spec.unit_id, fm.locked_value)
    wb.define_name(C.UNIT, ref(C.form_sheet(), (5, ID_COL)))
    due = t("form.due", due=spec.due_text) if spec.due_text else ""
    to = spec.report_to_office or spec.issuer
    if spec.report_to_email:
        send = t("form.send-email", to=to, email=spec.report_to_email)
    else:
        send = t("form.send", to=to)
    line = " ".join(x for x in (due, send + ".") if x)
    ws.merge_range(6, 0, 6, 4, line, fm.note)
    pager.set(6, height(line, 112, 15))
    ws.merge_range(7, 0, 7, 4, t("form.only-yellow"), fm.note)
    pager.set(7, height(t("form.only-yellow"), 112, 15))
    return 7


def _document(wb: Any, ws: Any, fm: Formats, row: int, pager: Pager) -> int:
    """Section I: the date sent, the number and the signer of the report document."""
    row += 2
    first = row
    ws.write_string(row, 0, t("form.section-document"), fm.section)
    row += 1
    ws.merge_range(row, 1, row, 2, t("form.submitted"), fm.label)
    ws.write_blank(row, 3, None, fm.date)
    ws.data_validation(
        row,
        3,
        row,
        3,
        {
            "validate": "date",
            "criteria": "between",
            "minimum": date(2000, 1, 1),
            "maximum": date(2100, 12, 31),
            "input_title": t("form.submitted-title"),
            "input_message": t("form.submitted-input"),
            "error_title": t("form.submitted-error-title"),
            "error_message": t("form.submitted-error"),
        },
    )
    wb.define_name("submitted", ref(C.form_sheet(), (row, 3)))
    for key in ("number", "signer"):
        row += 1
        label = t(f"form.{key}")
        ws.merge_range(row, 1, row, 2, label, fm.label)
        ws.merge_range(row, 3, row, 4, "", fm.text)
        ws.data_validation(
            row, 3, row, 3, {"validate": "any", "input_title": label, "input_message": t(f"form.{key}-input")}
        )
        wb.define_name(key, ref(C.form_sheet(), (row, 3)))
    pager.keep(first, row)
    return row


def _count_rule() -> dict[str, Any]:
    """Excel's validation of an indicator cell: a whole number from 0 to :data:`dkst.sheets.forms.cells.MAX_COUNT`."""
    return {
        "validate": "integer",
        "criteria": "between",
        "minimum": 0,
        "maximum": C.MAX_COUNT,
        "input_title": t("form.count-title"),
        "input_message": t("form.count-input"),
        "error_title": t("form.count-error-title"),
        "error_message": t("form.count-error"),
    }


def _indicators(wb: Any, ws: Any, fm: Formats, spec: FormSpec, row: int, pager: Pager) -> int:
    """Section II: one row per indicator of the plan, grouped under the plan's sections."""
    row += 2
    first = row
    ws.write_string(row, 0, t("form.section-indicators"), fm.section)
    row += 1
    note = t("form.indicators-note")
    ws.merge_range(row, 0, row, 4, note, fm.note)
    pager.set(row, height(note, 112, 15))
    row += 1
    ws.write_string(row, 0, t("form.col-no"), fm.head)
    ws.merge_range(row, 1, row, 2, t("form.col-indicator"), fm.head)
    ws.write_string(row, 3, t("form.col-figure"), fm.head)
    ws.write_string(row, 4, t("form.col-measure"), fm.head)
    pager.set(row, 33)
    section = None
    count_rule = _count_rule()
    for number, ind in enumerate(spec.indicators, start=1):
        if ind.section and ind.section != section:
            row += 1
            ws.merge_range(row, 0, row, 4, ind.section, fm.group)
            section = ind.section
        row += 1
        ws.write_number(row, 0, number, fm.label_center)
        ws.merge_range(row, 1, row, 2, ind.label, fm.label)
        if len(ind.label) > 52 or len(ind.unit or "") > 12:
            pager.set(row, max(height(ind.label, 52), height(ind.unit or "", 12)))
        ws.write_blank(row, 3, None, fm.number)
        ws.write_string(row, 4, ind.unit or "", fm.label)
        ws.data_validation(row, 3, row, 3, count_rule)
        wb.define_name(C.INDICATOR_PREFIX + ind.id, ref(C.form_sheet(), (row, 3)))
    pager.keep(first, min(row, first + 8))  # the heading, the header and the first rows together
    return row


def _models(wb: Any, ws: Any, fm: Formats, spec: FormSpec, row: int, pager: Pager) -> int:
    """Section III: the unit's models on record, then the table: an existing model chosen from a list, or a new
    model's name, status and start date (``dkst import`` registers it)."""
    row += 2
    first = row
    ws.write_string(row, 0, t("form.section-models"), fm.section)
    row += 1
    note = t("form.models-note") if spec.models else t("form.no-models-note")
    ws.merge_range(row, 0, row, 4, note, fm.note)
    pager.set(row, height(note, 112, 15))
    for model in spec.models:
        row += 1
        shown = model.name + (f" ({model.status})" if model.status else "")
        ws.write_string(row, 1, model.id, fm.label)
        ws.merge_range(row, 2, row, 4, shown, fm.label)
        if len(shown) > 62 or len(model.id) > 28:
            pager.set(row, max(height(shown, 62), height(model.id, 28)))
    row += 2
    head = row
    for col, key in enumerate(("no", "model-id", "model-name", "model-status", "model-started")):
        ws.write_string(row, col, t(f"form.col-{key}"), fm.head)
    pager.set(row, 36)
    for i in range(MODEL_ROWS):
        row += 1
        ws.write_number(row, 0, i + 1, fm.label_center)
        ws.write_blank(row, 1, None, fm.text)
        ws.write_blank(row, 2, None, fm.text)
        ws.write_blank(row, 3, None, fm.text)
        ws.write_blank(row, 4, None, fm.date)
    if spec.models:
        ws.data_validation(
            head + 1,
            1,
            row,
            1,
            {
                "validate": "list",
                "source": ref(C.DATA_SHEET, (3, 1), (3 + len(spec.models) - 1, 1)),
                "input_title": t("form.col-model-id"),
                "input_message": t("form.model-input"),
                "error_type": "warning",
                "error_title": t("form.model-error-title"),
                "error_message": t("form.model-error"),
            },
        )
    ws.data_validation(
        head + 1,
        2,
        row,
        2,
        {"validate": "any", "input_title": t("form.col-model-name"), "input_message": t("form.model-name-input")},
    )
    ws.data_validation(
        head + 1,
        3,
        row,
        3,
        {
            "validate": "list",
            "source": [t(f"form.model-{s}") for s in ("registered", "in_progress", "completed", "stopped")],
            "input_title": t("form.col-model-status"),
            "input_message": t("form.model-status-input"),
            "error_title": t("form.kind-error-title"),
            "error_message": t("form.model-status-error"),
        },
    )
    ws.data_validation(
        head + 1,
        4,
        row,
        4,
        {
            "validate": "date",
            "criteria": "between",
            "minimum": date(2000, 1, 1),
            "maximum": date(2100, 12, 31),
            "input_title": t("form.col-model-started"),
            "input_message": t("form.submitted-input"),
            "error_title": t("form.submitted-error-title"),
            "error_message": t("form.submitted-error"),
        },
    )
    wb.define_name(C.MODELS, ref(C.form_sheet(), (head, 1), (row, 4)))
    pager.keep(first, row)
    return row


def _commendations(wb: Any, ws: Any, fm: Formats, row: int, pager: Pager) -> int:
    """Section IV: a table of proposed commendations, one collective or individual a row."""
    row += 2
    title = row
    ws.write_string(row, 0, t("form.section-commendations"), fm.section)
    row += 1
    first = row
    for col, key in enumerate(("no", "awardee", "kind", "achievement", "award")):
        ws.write_string(row, col, t(f"form.col-{key}"), fm.head)
    pager.set(row, 36)
    for i in range(COMMENDATION_ROWS):
        row += 1
        ws.write_number(row, 0, i + 1, fm.label_center)
        for col in range(1, 5):
            ws.write_blank(row, col, None, fm.text)
        pager.set(row, 33)  # two lines: a name or an achievement is often longer than its column
    ws.data_validation(
        first + 1,
        2,
        row,
        2,
        {
            "validate": "list",
            "source": [t("form.collective"), t("form.individual")],
            "input_title": t("form.kind-title"),
            "input_message": t("form.kind-input"),
            "error_title": t("form.kind-error-title"),
            "error_message": t("form.kind-error"),
        },
    )
    ws.data_validation(
        first + 1,
        4,
        row,
        4,
        {
            "validate": "list",
            "source": [t("form.award-certificate"), t("form.award-merit")],
            "error_type": "information",
            "input_title": t("form.col-award"),
            "input_message": t("form.award-input"),
        },
    )
    wb.define_name(C.COMMENDATIONS, ref(C.form_sheet(), (first, 1), (row, 4)))
    pager.keep(title, row)
    return row
