"""Read a filled form with openpyxl (imported here only): each defined name → its cells and their values.

Cells are found by defined name, never by position, so a unit that inserts a row or moves a block does not
break the import. A cell inside a merged block reads as the block's first cell (where the value is kept).
"""

from __future__ import annotations

import re
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dkst.findings import KeyedError

#: Suffixes of spreadsheets that are not .xlsx: the clerk is told how to save the file as .xlsx.
OTHER_SPREADSHEETS = (".xls", ".ods", ".xlsb", ".numbers", ".csv", ".et", ".fods")


class FormError(KeyedError):
    """A file that cannot be read as a form: a one-line error (``key`` of the catalogue, with params)."""


@dataclass(frozen=True)
class Cell:
    """One cell of a form: where it is, and what it holds."""

    sheet: str
    coord: str
    value: Any

    @property
    def ref(self) -> str:
        return f"{self.sheet}!{self.coord}"


@dataclass
class Form:
    """The defined names of a workbook, each with its rows of cells."""

    path: Path
    names: dict[str, list[list[Cell]]] = field(default_factory=dict)

    def cell(self, name: str) -> Cell | None:
        """The (first) cell of a one-cell name; ``None`` when the form lacks the name."""
        rows = self.names.get(name)
        return rows[0][0] if rows and rows[0] else None

    def value(self, name: str) -> Any:
        found = self.cell(name)
        return None if found is None else found.value

    def table(self, name: str) -> list[list[Cell]]:
        """The rows of a table name, the header row left out."""
        return self.names.get(name, [])[1:]


_COORD = re.compile(r"^\$?([A-Za-z]{1,3})\$?([0-9]+)(?::\$?([A-Za-z]{1,3})\$?([0-9]+))?$")


def _defined_names(wb: Any) -> list[tuple[str, Any]]:
    """(name, DefinedName) of the workbook scope, then of each sheet (openpyxl 3.0 list or 3.1 dict)."""
    out: list[tuple[str, Any]] = []
    names = wb.defined_names
    if hasattr(names, "items"):  # openpyxl ≥ 3.1: a dict of name → DefinedName
        out.extend((str(k), v) for k, v in names.items())
    else:  # openpyxl 3.0: a DefinedNameList
        out.extend((dn.name, dn) for dn in getattr(names, "definedName", []) or [])
    for ws in wb.worksheets:
        local = getattr(ws, "defined_names", None)
        if local is not None and hasattr(local, "items"):
            out.extend((str(k), v) for k, v in local.items())
    return out


def _merged_origin(ws: Any, row: int, col: int) -> tuple[int, int]:
    for rng in ws.merged_cells.ranges:
        if rng.min_row <= row <= rng.max_row and rng.min_col <= col <= rng.max_col:
            return rng.min_row, rng.min_col
    return row, col


def _cells(wb: Any, sheet: str, coord: str) -> list[list[Cell]] | None:
    from openpyxl.utils import column_index_from_string, get_column_letter

    m = _COORD.match(coord.strip())
    if m is None or sheet not in wb.sheetnames:
        return None
    ws = wb[sheet]
    c1, r1 = column_index_from_string(m[1].upper()), int(m[2])
    c2, r2 = (column_index_from_string(m[3].upper()), int(m[4])) if m[3] else (c1, r1)
    if (r2 - r1 + 1) * (c2 - c1 + 1) > 100_000:  # a name over a whole column: no form has that
        return None
    rows: list[list[Cell]] = []
    for r in range(r1, r2 + 1):
        row: list[Cell] = []
        for c in range(c1, c2 + 1):
            tr, tc = _merged_origin(ws, r, c) if ws.merged_cells.ranges else (r, c)
            value = ws.cell(row=tr, column=tc).value
            coord = f"{get_column_letter(tc)}{tr}"
            if (tr, tc) != (r, c) and any(cell.coord == coord for cell in row):
                value = None  # a block over two cells of the row holds one value, taken once
            row.append(Cell(sheet, coord, value))
        rows.append(row)
    return rows


def open_form(path: Path) -> Form:
    """Read ``path``; raise :class:`FormError` for anything that is not a readable .xlsx workbook."""
    name = path.name
    if path.suffix.lower() in OTHER_SPREADSHEETS:
        raise FormError("import-not-xlsx", file=name, suffix=path.suffix.lower())
    if not path.is_file():
        raise FormError("import-no-file", file=str(path))
    try:
        is_zip = zipfile.is_zipfile(path)
    except OSError as exc:
        raise FormError("import-unreadable", file=name, error=exc.strerror or str(exc)) from None
    if not is_zip:
        raise FormError("import-not-zip", file=name)
    try:
        import openpyxl

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = openpyxl.load_workbook(path, data_only=True, keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds on a damaged or foreign file
        raise FormError("import-unreadable", file=name, error=one_line(exc)) from None
    form = Form(path)
    try:
        for dn_name, dn in _defined_names(wb):
            if dn_name in form.names:
                continue
            try:
                destinations = list(dn.destinations)
            except Exception:  # a constant or a formula, not a range
                continue
            for sheet, coord in destinations[:1]:
                rows = _cells(wb, sheet, coord)
                if rows is not None:
                    form.names[dn_name] = rows
    finally:
        wb.close()
    return form


def one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:200] or type(exc).__name__
