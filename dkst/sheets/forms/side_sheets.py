"""The two sheets beside the form: the instructions (``Hướng dẫn``) and the hidden sheet ``dkst`` that holds
the dataset marker, the form's key and the list of the unit's model ids."""

from __future__ import annotations

from typing import Any

from dkst.sheets.forms import cells as C
from dkst.sheets.forms.formats import Formats, height, ref
from dkst.sheets.forms.spec import FormSpec

t = C.form_text

#: The instructions, in order (catalogue keys ``form.help-<step>``); the last one says where to send the form.
HELP_STEPS = ("yellow", "numbers", "dates", "models", "commendations", "save")


def help_sheet(ws: Any, fm: Formats, spec: FormSpec) -> None:
    """Write the instructions sheet: numbered steps, each row as high as its wrapped text."""
    from dkst.documents.filters import in_sentence

    ws.set_paper(9)
    ws.set_portrait()
    ws.fit_to_pages(1, 0)
    ws.set_column(0, 0, 4, fm.help)
    ws.set_column(1, 1, 100, fm.help)
    ws.write_string(0, 1, t("form.help-title"), fm.help_title)
    to = spec.report_to_office or spec.issuer
    if spec.report_to_email:
        to = t("form.help-to-email", to=to, email=spec.report_to_email)
    if spec.due_text:
        send = t("form.help-send-due", to=to, due=spec.due_text)
    else:
        send = t("form.help-send", to=to)
    steps = [
        t("form.help-only-yours", unit=spec.unit_name, period=in_sentence(spec.period_name)),
        *(t(f"form.help-{step}") for step in HELP_STEPS),
        send,
    ]
    for i, step in enumerate(steps, start=1):
        ws.write_number(1 + i, 0, i, fm.help)
        ws.write_string(1 + i, 1, step, fm.help)
        ws.set_row(1 + i, height(step, 88))
    ws.protect()


def data_sheet(wb: Any, ws: Any, spec: FormSpec) -> None:
    """Write the hidden sheet: the dataset marker, the form's integrity mark (:mod:`dkst.sheets.forms.mark`),
    and the list of the unit's model ids. ``dkst import`` refuses a form without the mark, so deleting this
    sheet, its names or the mark's cell does not skip the check.

    Its labels (``plan``, ``key``, ``models``) are identifiers for the importer, not words a clerk reads.
    """
    ws.write_string(0, 0, "plan")
    ws.write_string(0, 1, spec.marker)
    ws.write_string(1, 0, "key")
    ws.write_string(1, 1, spec.mark)
    ws.write_string(2, 0, "models")
    for i, model in enumerate(spec.models):
        ws.write_string(3 + i, 1, model.id)
    wb.define_name(C.PLAN, ref(C.DATA_SHEET, (0, 1)))
    wb.define_name(C.KEY, ref(C.DATA_SHEET, (1, 1)))
    ws.protect()
    ws.hide()
