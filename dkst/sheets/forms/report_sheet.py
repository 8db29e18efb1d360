"""The sheet a unit fills in (``Báo cáo``): heading, report document, indicators, models, commendations, texts.

Each input cell carries a defined name of docs/format.md (:mod:`dkst.sheets.forms.cells`), Excel's own validation with
a prompt, and the input fill; every other cell is locked. The words come from the catalogue in the form's
language (:func:`dkst.sheets.forms.cells.form_text`).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from dkst.sheets.forms import cells as C
from dkst.sheets.forms.formats import FONT, Formats, height, ref
from dkst.sheets.forms.spec import FormSpec

t = C.form_text

#: Blank rows of the commendations and models tables (a unit may insert more inside the table).
COMMENDATION_ROWS = 15
MODEL_ROWS = 10


def report_sheet(wb: Any, ws: Any, fm: Formats, spec: FormSpec) -> None:
    """Write the form sheet ``ws`` of workbook ``wb``: layout, cells, validation, names, print set-up."""
    ws.set_paper(9)  # A4
    ws.set_portrait()
    ws.set_margins(left=0.6, right=0.4, top=0.6, bottom=0.6)
    ws.fit_to_pages(1, 0)
    ws.center_horizontally()
    ws.set_footer(f'&C&"{FONT}"&10{t("form.page")} &P/&N')
    ws.set_column(0, 0, 6, fm.plain)
    ws.set_column(1, 1, 44, fm.plain)
    ws.set_column(2, 2, 16, fm.plain)
    ws.set_column(3, 3, 30, fm.plain)
    ws.set_column(4, 4, 16, fm.plain)
    row = _heading(wb, ws, fm, spec)
    row = _document(wb, ws, fm, row)
    row = _indicators(wb, ws, fm, spec, row)
    row = _models(wb, ws, fm, spec, row)
    row = _commendations(wb, ws, fm, row)
    for key in C.TEXT_KEYS:
        row += 2
        ws.write_string(row, 0, t(f"form.section-{key}"), fm.section)
        row += 1
        ws.merge_range(row, 1, row, 4, "", fm.long_text)
        ws.set_row(row, 110)
        wb.define_name(key, ref(C.FORM_SHEET, (row, 1)))
    row += 2
    ws.merge_range(row, 2, row, 4, t("form.signature"), fm.bold_center)
    ws.merge_range(row + 1, 2, row + 1, 4, t("form.signature-note"), fm.italic_center)
    ws.print_area(0, 0, row + 1, 4)
    ws.protect(
        "", {"select_locked_cells": True, "select_unlocked_cells": True, "format_columns": True, "format_rows": True}
    )


def _heading(wb: Any, ws: Any, fm: Formats, spec: FormSpec) -> int:
    """Letterhead, title, period, unit, where to send, the unit and period cells; the last row written."""
    lh = spec.letterhead
    ws.merge_range(0, 0, 0, 1, (lh.get("superior") or "").upper(), fm.center)
    ws.merge_range(0, 2, 0, 4, (lh.get("national") or t("formula.national")).upper(), fm.bold_center)
    ws.merge_range(1, 0, 1, 1, (lh.get("organ") or "").upper(), fm.bold_center)
    ws.merge_range(1, 2, 1, 4, lh.get("motto") or t("formula.motto"), fm.bold_center)
    ws.merge_range(3, 0, 3, 4, t("form.title"), fm.title)
    ws.set_row(3, 36)
    ws.merge_range(4, 0, 4, 4, t("form.period", period=spec.period_name), fm.italic_center)
    ws.merge_range(5, 0, 5, 4, t("form.unit", unit=spec.unit_name), fm.bold_center)
    due = t("form.due", due=spec.due_text) if spec.due_text else ""
    to = spec.report_to_office or spec.issuer
    if spec.report_to_email:
        send = t("form.send-email", to=to, email=spec.report_to_email)
    else:
        send = t("form.send", to=to)
    ws.merge_range(6, 0, 6, 4, " ".join(x for x in (due, send + ".") if x), fm.note)
    ws.set_row(6, 34)
    ws.merge_range(7, 0, 7, 4, t("form.only-yellow"), fm.note)
    ws.set_row(7, 34)
    row = 9
    ws.write_string(row, 1, t("form.unit-id"), fm.label)
    ws.write_string(row, 2, spec.unit_id, fm.locked_value)
    wb.define_name(C.UNIT, ref(C.FORM_SHEET, (row, 2)))
    row += 1
    ws.write_string(row, 1, t("form.period-id"), fm.label)
    ws.write_string(row, 2, spec.period_id, fm.locked_value)
    wb.define_name(C.PERIOD, ref(C.FORM_SHEET, (row, 2)))
    return row


def _document(wb: Any, ws: Any, fm: Formats, row: int) -> int:
    """Section I: the date sent, the number and the signer of the report document."""
    row += 2
    ws.write_string(row, 0, t("form.section-document"), fm.section)
    row += 1
    ws.write_string(row, 1, t("form.submitted"), fm.label)
    ws.write_blank(row, 2, None, fm.date)
    ws.data_validation(
        row,
        2,
        row,
        2,
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
    wb.define_name("submitted", ref(C.FORM_SHEET, (row, 2)))
    for key in ("number", "signer"):
        row += 1
        label = t(f"form.{key}")
        ws.write_string(row, 1, label, fm.label)
        ws.merge_range(row, 2, row, 4, "", fm.text)
        ws.data_validation(
            row, 2, row, 2, {"validate": "any", "input_title": label, "input_message": t(f"form.{key}-input")}
        )
        wb.define_name(key, ref(C.FORM_SHEET, (row, 2)))
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


def _indicators(wb: Any, ws: Any, fm: Formats, spec: FormSpec, row: int) -> int:
    """Section II: one row per indicator of the plan, grouped under the plan's sections."""
    row += 2
    ws.write_string(row, 0, t("form.section-indicators"), fm.section)
    row += 1
    ws.merge_range(row, 0, row, 4, t("form.indicators-note"), fm.note)
    ws.set_row(row, 32)
    row += 1
    for col, key in enumerate(("no", "indicator", "figure", "measure")):
        ws.write_string(row, col, t(f"form.col-{key}"), fm.head)
    ws.write_blank(row, 4, None)
    section = None
    count_rule = _count_rule()
    for number, ind in enumerate(spec.indicators, start=1):
        if ind.section and ind.section != section:
            row += 1
            ws.merge_range(row, 0, row, 3, ind.section, fm.group)
            section = ind.section
        row += 1
        ws.write_number(row, 0, number, fm.label_center)
        ws.write_string(row, 1, ind.label, fm.label)
        if len(ind.label) > 40 or len(ind.unit or "") > 26:
            ws.set_row(row, max(height(ind.label, 40), height(ind.unit or "", 26)))
        ws.write_blank(row, 2, None, fm.number)
        ws.write_string(row, 3, ind.unit or "", fm.label)
        ws.data_validation(row, 2, row, 2, count_rule)
        wb.define_name(C.INDICATOR_PREFIX + ind.id, ref(C.FORM_SHEET, (row, 2)))
    return row


def _models(wb: Any, ws: Any, fm: Formats, spec: FormSpec, row: int) -> int:
    """Section III: the unit's models on record, then a table of model ids (a list) or names."""
    row += 2
    ws.write_string(row, 0, t("form.section-models"), fm.section)
    row += 1
    if spec.models:
        ws.merge_range(row, 0, row, 4, t("form.models-note"), fm.note)
        ws.set_row(row, 32)
        for model in spec.models:
            row += 1
            ws.write_string(row, 1, model.id, fm.label)
            shown = model.name + (f" ({model.status})" if model.status else "")
            ws.merge_range(row, 2, row, 4, shown, fm.label)
            if len(shown) > 56 or len(model.id) > 40:
                ws.set_row(row, max(height(shown, 56), height(model.id, 40)))
    else:
        ws.merge_range(row, 0, row, 4, t("form.no-models-note"), fm.note)
        ws.set_row(row, 32)
    row += 2
    first = row
    ws.write_string(row, 0, t("form.col-no"), fm.head)
    ws.write_string(row, 1, t("form.col-model-id"), fm.head)
    ws.merge_range(row, 2, row, 4, t("form.col-model-name"), fm.head)
    for i in range(MODEL_ROWS):
        row += 1
        ws.write_number(row, 0, i + 1, fm.label_center)
        ws.write_blank(row, 1, None, fm.text)
        ws.merge_range(row, 2, row, 4, "", fm.text)
    if spec.models:
        ws.data_validation(
            first + 1,
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
    wb.define_name(C.MODELS, ref(C.FORM_SHEET, (first, 1), (row, 2)))
    return row


def _commendations(wb: Any, ws: Any, fm: Formats, row: int) -> int:
    """Section IV: a table of proposed commendations, one collective or individual a row."""
    row += 2
    ws.write_string(row, 0, t("form.section-commendations"), fm.section)
    row += 1
    first = row
    for col, key in enumerate(("no", "awardee", "kind", "achievement", "award")):
        ws.write_string(row, col, t(f"form.col-{key}"), fm.head)
    for i in range(COMMENDATION_ROWS):
        row += 1
        ws.write_number(row, 0, i + 1, fm.label_center)
        for col in range(1, 5):
            ws.write_blank(row, col, None, fm.text)
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
    wb.define_name(C.COMMENDATIONS, ref(C.FORM_SHEET, (first, 1), (row, 4)))
    return row
