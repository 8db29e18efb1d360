"""The four sheets of the ``dkst aggregate --format xlsx`` workbook: units, models, commendations, reports by
kind; each a list of :class:`dkst.sheets.workbook_layout.Row` with subtotals and totals as ``SUM`` formulas where
they are plain sums of the rows above. Every word comes from the catalogue in the workbook's language."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from dkst.counts import half_up
from dkst.figures.frames import cell_date, cell_int
from dkst.sheets.workbook_layout import HEADER_ROW, Column, Row, Sheet, col_name, sum_formula, summable

if TYPE_CHECKING:
    from dkst.figures.aggregate import Aggregate

#: A catalogue lookup in the workbook's language: key and parameters → text.
Translate = Callable[..., str]


def units_sheet(
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
    """One row per unit (all-blank rows left out and named in a note), subtotals per kind, the total."""
    columns = [
        Column(t("agg-col-no"), "stt", 5),
        Column(t("agg-col-unit"), "wrap", 38),  # "Ủy ban MTTQ Việt Nam phường Trường Xuân" on one line
        Column(t("agg-col-kind"), "wrap", 16),  # "Tổ chức thành viên" on one line
        Column(t("agg-col-status"), "wrap", 14),
        Column(t("agg-col-submitted"), "date", 11),
        Column(t("agg-col-days-late"), "number", 8),
        *(Column(h, kind, 10) for h, kind in zip(heads, _value_kinds(agg, len(heads)), strict=True)),
        Column(t("agg-col-models"), "number", 9),
        Column(t("agg-col-note"), "wrap", 24),
    ]
    sheet = Sheet(book, fm, t("sheet-units"), columns, preamble)
    first_value = 6  # column of the first indicator
    step = 3 if agg.last is not None else 1  # with last year: a value, last year's and the change together
    sheet.page_starts = [2, *range(first_value, len(columns) - 2, step), len(columns) - 2]
    kinds = [c.kind for c in columns[first_value:-1]]  # the figure columns, the models' last
    members: list[int] = []
    subtotals: list[int] = []
    member_values: list[list[Any]] = []
    sub_values: list[list[Any]] = []
    hidden: list[str] = []
    number = 0

    def summed(i: int, v: Any, parts: list[list[Any]]) -> bool:
        return kinds[i] != "change" and summable(v, [m[i] for m in parts])

    for row in rows:
        values = [*_figure_cells(row), row.models]
        changes = _change_formulas(kinds, first_value, HEADER_ROW + len(sheet.rows) + 2, values)
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
                        kind_words(agg, lang, row.kind, row.kind_label),
                        _status_text(row, t),
                        row.submitted,
                        row.days_late,
                        *values,
                        row.note,
                    ],
                    formulas=changes,
                )
            )
            members.append(r)
            member_values.append(values)
        elif row.type == "subtotal":
            formulas = {
                first_value + i: sum_formula(first_value + i, members)
                for i, v in enumerate(values)
                if summed(i, v, member_values)
            }
            formulas.update(changes)
            label = t("row-subtotal", kind=kind_words(agg, lang, row.kind, row.label)) if lang == "en" else row.label
            r = sheet.add(Row(["", label, "", row.status_text, None, None, *values, ""], bold=True, formulas=formulas))
            subtotals.append(r)
            sub_values.append(values)
            members, member_values = [], []
        elif row.type == "total":
            formulas = {
                first_value + i: sum_formula(first_value + i, subtotals)
                for i, v in enumerate(values)
                if summed(i, v, sub_values)
            }
            formulas.update(changes)
            sheet.add(Row(["", row.label, "", row.status_text, None, None, *values, ""], bold=True, formulas=formulas))
        else:  # the count of reports giving each figure
            sheet.add(Row(["", row.label, "", "", None, None, *_figure_cells(row), None, ""], italic=True))
    sheet.notes.append((t("agg-blank", carried=t("row-carried")), False))
    if hidden:
        sheet.notes.append((t("xlsx-not-listed", units="; ".join(hidden)), False))
    sheet.notes.extend((line, False) for line in lines[2:])
    for heading, files in problems:
        sheet.notes.append((heading, True))
        sheet.notes.extend((line, False) for line in files)
    sheet.finish(freeze_col=2)


def _status_text(row: Any, t: Translate) -> str:
    """A unit's status cell: a unit that owes no report but sent one that counts is said to have sent it (the
    committee's own report is no "not required")."""
    if row.status in ("not_required", "exempt") and row.submitted is not None and not row.left_out:
        return t("xlsx-status-sent")
    return str(row.status_text)


def _value_kinds(agg: Aggregate, count: int) -> list[str]:
    """The kinds of the figure columns: numbers, and with ``previous`` each indicator's value, last year's
    value and the change (a percentage with its sign)."""
    if agg.last is None:
        return ["number"] * count
    return ["number", "number", "change"] * (count // 3)


def _figure_cells(row: Any) -> list[Any]:
    """A row's figure cells: its values, or with ``previous`` each value, last year's and the change (the
    exact ratio as a float: the formula's cached value, shown rounded once by the cell's format)."""
    if not row.previous:
        return list(row.values)
    out: list[Any] = []
    for v, p, c in zip(row.values, row.previous, row.changes, strict=True):
        out += [v, p, float(c) if c is not None else None]
    return out


def _change_formulas(kinds: list[str], first: int, one_based: int, values: list[Any]) -> dict[int, str]:
    """``=value/previous-1`` for each change cell of sheet row ``one_based`` that has a change."""
    out: dict[int, str] = {}
    for i, kind in enumerate(kinds):
        if kind == "change" and values[i] is not None:
            out[first + i] = f"={col_name(first + i - 2)}{one_based}/{col_name(first + i - 1)}{one_based}-1"
    return out


def models_sheet(book: Any, fm: dict[str, Any], agg: Aggregate, lang: str, preamble: list[str], t: Translate) -> None:
    """One row per model counted in the period."""
    from dkst.i18n import text

    # at most 151 characters wide in all (widths + 2 each): A4 landscape one page wide at 80% or more
    columns = [
        Column(t("agg-col-no"), "stt", 3),
        Column(t("agg-col-unit"), "wrap", 14),
        Column(t("agg-col-model"), "wrap", 18),
        Column(t("agg-col-model-status"), "wrap", 9),
        Column(t("agg-col-origin"), "wrap", 8),
        Column(t("agg-col-started"), "date", 9),
        Column(t("agg-col-completed"), "date", 9),
        Column(t("agg-col-field"), "wrap", 9),
        Column(t("agg-col-beneficiaries"), "number", 7),
        Column(t("agg-col-propose"), "stt", 6),
        Column(t("agg-col-summary"), "wrap", 17),
        Column(t("agg-col-results"), "wrap", 17),
    ]
    sheet = Sheet(book, fm, t("sheet-models"), columns, preamble)
    names = {u.id: u.name for u in agg.dataset.units}
    for n, m in enumerate(agg.models.to_dict("records"), 1):
        sheet.add(
            Row(
                [
                    n,
                    names.get(m["unit"], m["unit"]),
                    m["name"],
                    text(f"model-{m['status']}", lang),
                    text(f"origin-{m['origin']}", lang),
                    cell_date(m["started"]),
                    cell_date(m["completed_on"]),
                    m["field"],
                    cell_int(m["beneficiaries"]),
                    "x" if m["propose_replication"] else "",  # a tick mark, the same in every language
                    m["summary"],
                    m["results"],
                ]
            )
        )
    sheet.finish(freeze_col=0)


def commendations_sheet(
    book: Any, fm: dict[str, Any], agg: Aggregate, lang: str, preamble: list[str], t: Translate
) -> None:
    """One row per proposed commendation."""
    from dkst.i18n import text

    columns = [
        Column(t("agg-col-no"), "stt", 5),
        Column(t("agg-col-unit"), "wrap", 28),
        Column(t("agg-col-name"), "wrap", 36),
        Column(t("agg-col-commendation-kind"), "wrap", 12),
        Column(t("agg-col-achievement"), "wrap", 44),
        Column(t("agg-col-level"), "wrap", 16),
    ]
    sheet = Sheet(book, fm, t("sheet-commendations"), columns, preamble)
    names = {u.id: u.name for u in agg.dataset.units}
    for n, c in enumerate(agg.commendations.to_dict("records"), 1):
        sheet.add(
            Row(
                [
                    n,
                    names.get(c["unit"], c["unit"]),
                    c["name"],
                    text(f"commendation-{c['kind_of']}", lang),
                    c["achievement"],
                    c["level"],
                ]
            )
        )
    sheet.finish(freeze_col=0)


def kind_words(agg: Aggregate, lang: str, kind: str, vietnamese: str) -> str:
    """A kind of unit in the workbook's language: the plan's ``unit_kinds_en`` under English, where given."""
    plan = agg.dataset.plan
    if lang == "en" and plan is not None and plan.unit_kinds_en and kind in plan.unit_kinds_en:
        return str(plan.unit_kinds_en[kind])
    return vietnamese


def reports_sheet(book: Any, fm: dict[str, Any], agg: Aggregate, lang: str, preamble: list[str], t: Translate) -> None:
    """Report counts per kind of unit and in total, with completeness and timeliness as formulas."""
    from dkst.sheets.workbook_lines import unowed_counted

    keys = ("expected", "received", "on_time", "late", "missing", "pending", "invalid", "left_out")
    unowed = [u.kind for u in unowed_counted(agg)]

    def head(key: str) -> str:
        if key == "left_out":
            return t("xlsx-col-left_out")
        return t(f"agg-col-{key}") if _known(f"agg-col-{key}") else t(key)

    columns = [
        Column(t("agg-col-no"), "stt", 5),
        Column(t("agg-col-kind"), "wrap", 24),
        *(Column(head(k), "number", 10) for k in keys),
        Column(t("xlsx-col-unowed"), "number", 10),
        Column(t("agg-col-completeness"), "percent", 10),
        Column(t("agg-col-timeliness"), "percent", 10),
    ]
    sheet = Sheet(book, fm, t("sheet-reports"), columns, preamble)
    summ = agg.summary
    rows: list[int] = []
    values: list[list[Any]] = []
    first = 2
    ratio = first + len(keys) + 1
    exp, rec, on = (col_name(first + keys.index(k)) for k in ("expected", "received", "on_time"))
    for n, kind in enumerate(agg.kinds, 1):
        counts = summ["by_kind"][kind]
        cells = [*(counts[k] for k in keys), unowed.count(kind)]
        one_based = HEADER_ROW + len(sheet.rows) + 2
        r = sheet.add(
            Row(
                [n, kind_words(agg, lang, kind, agg.kinds[kind]), *cells, *_ratios(counts)],
                formulas=_ratio_formulas(one_based, ratio, exp, rec, on, counts),
            )
        )
        rows.append(r)
        values.append(cells)
    counts = summ["reports"]
    r = HEADER_ROW + len(sheet.rows) + 2
    totals = [*(counts[k] for k in keys), len(unowed)]
    formulas = {
        first + i: sum_formula(first + i, rows) for i, v in enumerate(totals) if summable(v, [c[i] for c in values])
    }
    formulas.update(_ratio_formulas(r, ratio, exp, rec, on, counts))
    sheet.add(Row(["", t("row-total"), *totals, *_ratios(counts)], bold=True, formulas=formulas))
    sheet.finish(freeze_col=0)


def sheet_ratio(part: int, whole: int) -> float:
    """The cached value of a ratio cell: the exact ratio rounded half-up once to 3 places (one decimal of a
    percent), the value its formula ``=ROUND(part/whole,3)`` gives, shown ``0.0%``: 6 of 11 is 54,5% in the cell,
    in Markdown and in Word alike (:func:`dkst.counts.half_up`)."""
    return float(half_up(Fraction(part, whole), 3))


def _ratios(counts: dict[str, Any]) -> list[float | None]:
    if not counts["expected"]:
        return [None, None]
    return [sheet_ratio(counts["received"], counts["expected"]), sheet_ratio(counts["on_time"], counts["expected"])]


def _ratio_formulas(r: int, col: int, exp: str, rec: str, on: str, counts: dict[str, Any]) -> dict[int, str]:
    """Completeness and timeliness of sheet row ``r`` (one-based in the formula) as formulas, when defined:
    rounded in the formula as in the cached value (:func:`sheet_ratio`), so a spreadsheet that recalculates shows
    the same one decimal."""
    if not counts["expected"]:
        return {}
    return {col: f"=ROUND({rec}{r}/{exp}{r},3)", col + 1: f"=ROUND({on}{r}/{exp}{r},3)"}


def _known(key: str) -> bool:
    from dkst.i18n import TEXTS

    return key in TEXTS
