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
and freed of control characters (:func:`dkst.sheets.workbook_layout.plain`). The bytes are the same for the same
input: XlsxWriter dates the zip entries 1980-01-01, and the document's created date is the as-of day.

XlsxWriter is imported inside :func:`write_workbook` only. This module puts the workbook together;
:mod:`dkst.sheets.workbook_layout` lays out one sheet (formats, widths, print set-up, ``SUM`` formulas) and
:mod:`dkst.sheets.workbook_sheets` fills the four sheets.
"""

from __future__ import annotations

import io
from datetime import datetime
from typing import TYPE_CHECKING, Any

from dkst.i18n import text
from dkst.sheets.workbook_layout import formats, plain
from dkst.sheets.workbook_lines import day, english_heads, sheet_lines
from dkst.sheets.workbook_sheets import commendations_sheet, models_sheet, reports_sheet, units_sheet

if TYPE_CHECKING:
    from dkst.figures.aggregate import Aggregate


def write_workbook(
    agg: Aggregate,
    lang: str,
    rows: list[Any],
    indicator_heads: list[str],
    lines: list[str],
    problems: list[tuple[str, list[str]]],
) -> bytes:
    """The workbook's bytes. ``rows`` are :func:`dkst.documents.export.table_rows`, ``lines``
    :func:`dkst.documents.export.header_lines`
    and ``problems`` :func:`dkst.documents.export.problem_lines`, all in ``lang``."""
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
        from dkst.figures.aggregate import AggregateError

        raise AggregateError("no-plan")
    title = plain(plan.title)
    issuer = plain(plan.issuer)
    book.set_properties(
        {
            "title": f"{title} – {plain(agg.period.name)}",
            "subject": plain(lines[0]),
            "author": issuer,
            "company": issuer,
            "created": as_of,
        }
    )
    book.set_calc_mode("auto")
    fm = formats(book)
    from dkst.figures.aggregate import still_pending

    own = sheet_lines(agg, lang)
    if agg.last is not None and len(lines) > 4 and agg.last.year is not None:
        own.append(t("xlsx-previous-note", year=agg.last.year))  # the year, not the folder it was read from
    else:
        own += lines[4:]
    pending = still_pending(agg)  # the provisional line under the titles, exactly while some owing unit is pending
    provisional = t("provisional-line", n=pending, as_of=day(agg.as_of)) if pending else ""
    head = [title, own[0], *([provisional] if provisional else [])]
    if lang == "en":  # the plan's English words for the indicators, where it gives them
        indicator_heads = english_heads(agg, indicator_heads)
    units_sheet(book, fm, agg, lang, rows, indicator_heads, [*head, own[1]], own, problems, t)
    models_sheet(book, fm, agg, lang, [*head, own[2]], t)
    commendations_sheet(book, fm, agg, lang, [*head, own[3]], t)
    reports_sheet(book, fm, agg, lang, [*head, own[1]], t)
    book.close()
    return buf.getvalue()
