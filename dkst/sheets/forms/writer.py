"""``dkst form``: one Excel workbook per unit, a form a clerk fills in Excel, LibreOffice or WPS.

Written with XlsxWriter (imported inside :func:`build` only), which writes data validation, protection,
defined names and print set-up. The form's own words are in the language of ``--lang`` (Vietnamese by
default: it goes to Vietnamese units); its defined names are the same in both. The bytes depend only on the
dataset and the day given (the workbook's created date, which XlsxWriter also uses for the zip entries), so
two runs give the same file.

This module puts the workbook together; :mod:`dkst.sheets.forms.spec` gathers what a form shows,
:mod:`dkst.sheets.forms.formats` holds its look, :mod:`dkst.sheets.forms.report_sheet` and
:mod:`dkst.sheets.forms.side_sheets`
write its sheets.
"""

from __future__ import annotations

import io
from datetime import datetime

from dkst.sheets.forms import cells as C
from dkst.sheets.forms.formats import FONT, Formats
from dkst.sheets.forms.report_sheet import COMMENDATION_ROWS, MODEL_ROWS, report_sheet
from dkst.sheets.forms.side_sheets import data_sheet, help_sheet
from dkst.sheets.forms.spec import (
    FormIndicator,
    FormModel,
    FormSpec,
    dataset_marker,
    form_spec,
    owing_units,
    reported_units,
)

__all__ = [
    "COMMENDATION_ROWS",
    "FONT",
    "MODEL_ROWS",
    "FormIndicator",
    "FormModel",
    "FormSpec",
    "build",
    "dataset_marker",
    "form_spec",
    "owing_units",
    "reported_units",
]


def build(spec: FormSpec) -> bytes:
    """The workbook of one unit's form, as bytes."""
    with C.form_lang(spec.lang):
        return _build(spec)


def _build(spec: FormSpec) -> bytes:
    import xlsxwriter

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(
        buf, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False}
    )
    created = datetime(spec.created.year, spec.created.month, spec.created.day)
    wb.set_properties(
        {
            "title": C.form_text("form.doc-title", period=spec.period_name, unit=spec.unit_name),
            "author": spec.issuer,
            "company": spec.issuer,
            "comments": "dkst form",
            "created": created,
        }
    )
    wb.formats[0].set_font_name(FONT)  # the default format: empty cells and row heights in Times New Roman
    fm = Formats(wb)
    form = wb.add_worksheet(C.form_sheet())
    helper = wb.add_worksheet(C.form_text("form.sheet-help"))
    hidden = wb.add_worksheet(C.DATA_SHEET)
    report_sheet(wb, form, fm, spec)
    help_sheet(helper, fm, spec)
    data_sheet(wb, hidden, spec)
    form.activate()
    wb.close()
    return buf.getvalue()
