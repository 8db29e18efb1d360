"""Read a filled form: each defined name of the contract → its cells and their values, bounded and exact.

A form comes from outside (a unit's e-mail), so it is read as hostile input, with the standard library only
(``zipfile`` and the expat parser), never by building the whole workbook:

1. **Bounds first, from the zip's directory**: the file's size, the number of entries, each part's and the
   total uncompressed size are judged before any part is inflated (a 2 MB zip declaring a 2 GB string is
   refused at once). Reading a part never yields more than its declared size (``zipfile`` stops there and
   checks the CRC).
2. **Streaming parse**: ``workbook.xml`` (sheets, defined names), the relationships, ``styles.xml`` (which
   number formats are dates) and ``sharedStrings.xml`` are parsed by expat with a bound on every text
   (a cell holds at most 32,767 characters in Excel) and on the number of names, strings and merged ranges;
   a document type declaration (entities: "billion laughs", XXE) is refused.
3. **Only the cells the names point to** are kept while the sheet streams by; the names are resolved first,
   so a name over a whole column or a huge range is refused before any cell is read.
4. **No figure lost or invented**: a contract name (``dkst_*``, ``ind_*``, the report's fields and texts)
   must point to exactly one cell of an existing sheet, and the input names to the form's own sheet (the one
   of ``dkst_unit``) — not ``#REF!`` (what Excel leaves after a deleted row), a constant, a formula, R1C1, a
   whole column or a range; a read cell that holds a formula with no saved value, or an input cell covered by
   a merged block it does not start, is refused naming the cell. Each refusal is one line (:class:`FormError`).

Cells are found by defined name, never by position, so a unit that inserts a row or moves a block does not
break the import.
"""

from __future__ import annotations

import os
import re
import stat
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path, PurePosixPath
from typing import Any
from xml.parsers import expat

from dkst.findings import KeyedError
from dkst.sheets.forms import cells as C

#: Suffixes of spreadsheets that are not .xlsx: the clerk is told how to save the file as .xlsx.
OTHER_SPREADSHEETS = (".xls", ".ods", ".xlsb", ".numbers", ".csv", ".et", ".fods")

# ---------------------------------------------------------------- bounds (a form as dkst writes it: ~20 KB)

#: The file itself (compressed).
MAX_FILE_BYTES = 20 * 1024 * 1024
#: Entries of the zip.
MAX_ENTRIES = 2000
#: Uncompressed size of all entries, and of one part dkst reads (a sheet, the shared strings, the styles).
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_PART_BYTES = 50 * 1024 * 1024
#: Defined names in the workbook, merged ranges in the form's sheet, shared strings, and cells kept.
MAX_NAMES = 2000
MAX_MERGED = 10_000
MAX_STRINGS = 500_000
MAX_CELLS = 20_000
#: Cells of one table name (``models``, ``commendations``), header row included.
MAX_TABLE_CELLS = 5_000
#: Characters of one text (Excel's own limit for a cell is 32,767), and of one defined name's formula.
MAX_TEXT = 32_767
MAX_NAME_TEXT = 2_000

#: Names of the contract that hold one cell each; the tables hold a range. ``ind_<id>`` are single cells too.
SINGLE_NAMES = (C.UNIT, C.PERIOD, C.PLAN, C.KEY, "submitted", "number", "signer", *C.TEXT_KEYS)
TABLE_NAMES = (C.COMMENDATIONS, C.MODELS)
#: Names that may sit on another sheet than the form's (the hidden ``dkst`` sheet).
SIDE_NAMES = (C.PLAN, C.KEY)

_NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_NS_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


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


def one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:200] or type(exc).__name__


def shown_name(path: Path) -> str:
    """A file's name as text that can be printed and written to YAML: a name that is not UTF-8 (the bytes the
    file system gave, kept by Python as lone surrogates) shows its odd bytes as ``\\xff``."""
    return path.name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


# ---------------------------------------------------------------- references


def _col(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def _letters(col: int) -> str:
    out = ""
    while col:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


def coord(row: int, col: int) -> str:
    return f"{_letters(col)}{row}"


_CELL = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]{1,7})")
_AREA = re.compile(r"^" + _CELL.pattern + r"(?::" + _CELL.pattern + r")?$")
_SHEET_REF = re.compile(r"^(?:'((?:[^']|'')+)'|([^'!:\s,()]+))!(.+)$")


@dataclass(frozen=True)
class Area:
    sheet: str
    r1: int
    c1: int
    r2: int
    c2: int

    @property
    def size(self) -> int:
        return (self.r2 - self.r1 + 1) * (self.c2 - self.c1 + 1)

    def cells(self) -> Iterator[tuple[int, int]]:
        for r in range(self.r1, self.r2 + 1):
            for c in range(self.c1, self.c2 + 1):
                yield r, c

    @property
    def shown(self) -> str:
        first = coord(self.r1, self.c1)
        return first if self.size == 1 else f"{first}:{coord(self.r2, self.c2)}"


def parse_area(formula: str) -> Area | None:
    """``'Báo cáo'!$C$10`` or ``dkst!$B$1:$C$4`` → an :class:`Area`; anything else (``#REF!``, a constant, a
    formula, R1C1, a whole column or row, several areas) → ``None``."""
    text = formula.strip()
    if text.startswith("="):
        text = text[1:]
    m = _SHEET_REF.match(text)
    if m is None:
        return None
    sheet = m[1].replace("''", "'") if m[1] is not None else m[2]
    a = _AREA.match(m[3])
    if a is None:
        return None
    r1, c1 = int(a[2]), _col(a[1])
    r2, c2 = (int(a[4]), _col(a[3])) if a[3] else (r1, c1)
    if not (1 <= r1 <= 1_048_576 and 1 <= r2 <= 1_048_576 and 1 <= c1 <= 16_384 and 1 <= c2 <= 16_384):
        return None
    if r2 < r1 or c2 < c1:
        r1, r2, c1, c2 = min(r1, r2), max(r1, r2), min(c1, c2), max(c1, c2)
    return Area(sheet, r1, c1, r2, c2)


def _is_contract(name: str) -> bool:
    return name in SINGLE_NAMES or name in TABLE_NAMES or name.startswith(C.INDICATOR_PREFIX)


# ---------------------------------------------------------------- streaming XML


class _Stop(Exception):
    """Raised inside a handler to end a parse early (everything needed was read)."""


def _parse(
    archive: zipfile.ZipFile,
    part: str,
    start: Callable[[str, dict[str, str]], None],
    end: Callable[[str, str], None],
    text_of: Callable[[str], bool],
    file: str,
) -> None:
    """Stream ``part`` through expat: ``start(tag, attrs)``; ``end(tag, text)`` with the text gathered inside
    elements for which ``text_of(tag)`` is true (bounded by :data:`MAX_TEXT`). Namespaces are dropped from tags.
    A document type declaration is refused (entity expansion, external entities)."""
    parser = expat.ParserCreate(namespace_separator="}")
    gathering: list[int] = [0]
    buf: list[str] = []
    size = [0]

    def local(tag: str) -> str:
        return tag.rsplit("}", 1)[-1]

    def on_start(tag: str, attrs: dict[str, str]) -> None:
        name = local(tag)
        if gathering[0] or text_of(name):
            gathering[0] += 1
        start(name, {local(k): v for k, v in attrs.items()})

    def on_end(tag: str) -> None:
        name = local(tag)
        text = ""
        if gathering[0]:
            gathering[0] -= 1
            if text_of(name):
                text = "".join(buf)
                if not gathering[0]:
                    buf.clear()
                    size[0] = 0
        end(name, text)

    def on_text(data: str) -> None:
        if gathering[0]:
            size[0] += len(data)
            if size[0] > MAX_TEXT:
                raise FormError("import-too-big", file=file, what="text", n=size[0], limit=MAX_TEXT, where=part)
            buf.append(data)

    def on_doctype(*_: Any) -> None:
        raise FormError("import-unreadable", file=file, error=f"{part}: DOCTYPE")

    parser.StartElementHandler = on_start
    parser.EndElementHandler = on_end
    parser.CharacterDataHandler = on_text
    parser.StartDoctypeDeclHandler = on_doctype
    parser.EntityDeclHandler = on_doctype
    parser.buffer_text = True
    try:
        with archive.open(part) as fh:
            while True:
                chunk = fh.read(1 << 16)
                if not chunk:
                    break
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except _Stop:
        return
    except FormError:
        raise
    except (expat.ExpatError, zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError) as exc:
        raise FormError("import-unreadable", file=file, error=f"{part}: {one_line(exc)}") from None


# ---------------------------------------------------------------- the parts


def _rels(archive: zipfile.ZipFile, part: str, file: str, base: str) -> dict[str, tuple[str, str]]:
    """Relationship id → (type's last word, target part path) of a ``.rels`` part (absent: empty)."""
    out: dict[str, tuple[str, str]] = {}
    if part not in archive.NameToInfo:
        return out

    def start(tag: str, a: dict[str, str]) -> None:
        if tag == "Relationship" and "Id" in a and "Target" in a:
            if len(out) > MAX_ENTRIES:
                raise FormError("import-too-big", file=file, what="parts", n=len(out), limit=MAX_ENTRIES, where=part)
            target = a["Target"]
            path = target.lstrip("/") if target.startswith("/") else str(PurePosixPath(base) / target)
            out[a["Id"]] = (a.get("Type", "").rsplit("/", 1)[-1], _normal(path))

    _parse(archive, part, start, lambda t, x: None, lambda t: False, file)
    return out


def _normal(path: str) -> str:
    parts: list[str] = []
    for p in path.split("/"):
        if p == "..":
            if parts:
                parts.pop()
        elif p not in ("", "."):
            parts.append(p)
    return "/".join(parts)


@dataclass
class _Book:
    sheets: dict[str, str] = field(default_factory=dict)  # sheet name → part
    names: dict[str, str] = field(default_factory=dict)  # workbook-scope name → formula text
    date1904: bool = False
    strings_part: str | None = None
    styles_part: str | None = None


def _workbook(archive: zipfile.ZipFile, file: str) -> _Book:
    root_rels = _rels(archive, "_rels/.rels", file, "")
    book_part = next((t for kind, t in root_rels.values() if kind == "officeDocument"), "xl/workbook.xml")
    if book_part not in archive.NameToInfo:
        raise FormError("import-unreadable", file=file, error=f"{book_part}: missing")
    folder = str(PurePosixPath(book_part).parent)
    rels = _rels(archive, f"{folder}/_rels/{PurePosixPath(book_part).name}.rels", file, folder)
    book = _Book()
    sheet_ids: list[tuple[str, str]] = []
    count = [0]
    current: dict[str, str] = {}

    def start(tag: str, a: dict[str, str]) -> None:
        if tag == "sheet":
            sheet_ids.append((a.get("name", ""), a.get("id", "")))
        elif tag == "workbookPr":
            book.date1904 = a.get("date1904", "").lower() in ("1", "true")
        elif tag == "definedName":
            count[0] += 1
            if count[0] > MAX_NAMES:
                raise FormError("import-too-big", file=file, what="names", n=count[0], limit=MAX_NAMES, where="")
            current.clear()
            current.update(a)

    def end(tag: str, text: str) -> None:
        if tag == "definedName":
            name = current.get("name", "")
            if "localSheetId" in current:
                return  # a sheet's own name (a print area): never part of the contract
            if len(text) > MAX_NAME_TEXT:
                text = "#LONG!"
            if name in book.names:
                book.names[name] = "#TWICE!"
            else:
                book.names[name] = text

    _parse(archive, book_part, start, end, lambda t: t == "definedName", file)
    for name, rid in sheet_ids:
        kind, target = rels.get(rid, ("", ""))
        if kind == "worksheet" and target in archive.NameToInfo:
            book.sheets[name] = target
    for kind, target in rels.values():
        if kind == "sharedStrings" and target in archive.NameToInfo:
            book.strings_part = target
        elif kind == "styles" and target in archive.NameToInfo:
            book.styles_part = target
    return book


_DATE_IDS = {*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)}
_FMT_NOISE = re.compile(r'"[^"]*"|\\.|_.|\*.|\[[^\]]*\]')


def _is_date_format(code: str) -> bool:
    return re.search(r"[dmyhs]", _FMT_NOISE.sub("", code).lower().split(";")[0]) is not None


def _date_styles(archive: zipfile.ZipFile, part: str | None, file: str) -> set[int]:
    """Indexes of the cell formats (``s=`` of a cell) that show a date."""
    if part is None:
        return set()
    custom: dict[int, str] = {}
    xfs: list[int] = []
    where: list[str] = []

    def start(tag: str, a: dict[str, str]) -> None:
        if tag == "numFmt":
            try:
                custom[int(a.get("numFmtId", "-1"))] = a.get("formatCode", "")[:MAX_NAME_TEXT]
            except ValueError:
                pass
        elif tag == "cellXfs":
            where.append("cellXfs")
        elif tag == "xf" and where and where[-1] == "cellXfs":
            if len(xfs) > 100_000:
                raise FormError("import-too-big", file=file, what="styles", n=len(xfs), limit=100_000, where=part)
            try:
                xfs.append(int(a.get("numFmtId", "0")))
            except ValueError:
                xfs.append(0)

    def end(tag: str, text: str) -> None:
        if tag == "cellXfs" and where:
            where.pop()

    _parse(archive, part, start, end, lambda t: False, file)
    out: set[int] = set()
    for i, fmt in enumerate(xfs):
        if fmt in _DATE_IDS or (fmt in custom and _is_date_format(custom[fmt])):
            out.add(i)
    return out


def _shared_strings(archive: zipfile.ZipFile, part: str | None, file: str, wanted: set[int]) -> dict[int, str]:
    """The shared strings whose index is in ``wanted`` (rich runs joined; phonetic runs left out)."""
    out: dict[int, str] = {}
    if part is None or not wanted:
        return out
    index = [-1]
    pieces: list[str] = []
    depth = {"rPh": 0}
    last = max(wanted)

    def start(tag: str, a: dict[str, str]) -> None:
        if tag == "si":
            index[0] += 1
            if index[0] > MAX_STRINGS:
                raise FormError("import-too-big", file=file, what="strings", n=index[0], limit=MAX_STRINGS, where=part)
            pieces.clear()
        elif tag == "rPh":
            depth["rPh"] += 1

    def end(tag: str, text: str) -> None:
        if tag == "rPh":
            depth["rPh"] -= 1
        elif tag == "t" and not depth["rPh"]:
            pieces.append(text)
        elif tag == "si":
            if index[0] in wanted:
                out[index[0]] = "".join(pieces)
            if index[0] >= last:
                raise _Stop

    _parse(archive, part, start, end, lambda t: t == "t", file)
    return out


@dataclass
class _Raw:
    kind: str  # t= of the cell
    value: str | None  # <v> or the inline string
    style: int
    formula: bool


def _sheet_cells(
    archive: zipfile.ZipFile, part: str, file: str, wanted: set[tuple[int, int]]
) -> tuple[dict[tuple[int, int], _Raw], list[Area]]:
    """The wanted cells of a sheet, and its merged ranges, streamed."""
    cells: dict[tuple[int, int], _Raw] = {}
    merged: list[Area] = []
    state: dict[str, Any] = {"cell": None, "row": 0, "col": 0, "v": None, "f": False, "is": [], "in_is": 0}
    rows_seen = [0]

    def start(tag: str, a: dict[str, str]) -> None:
        if tag == "row":
            try:
                rows_seen[0] = int(a["r"]) if "r" in a else rows_seen[0] + 1
            except ValueError:
                rows_seen[0] += 1
            state["col"] = 0
        elif tag == "c":
            ref = a.get("r")
            m = _CELL.fullmatch(ref) if ref else None
            if m is not None:
                state["row"], state["col"] = int(m[2]), _col(m[1])
            else:
                state["row"], state["col"] = rows_seen[0], state["col"] + 1
            key = (state["row"], state["col"])
            state["cell"] = (key, a.get("t", "n"), a.get("s", "0")) if key in wanted else None
            state["v"], state["f"], state["is"] = None, False, []
        elif tag == "is":
            state["in_is"] += 1
        elif tag == "f":
            state["f"] = True
        elif tag == "mergeCell":
            if len(merged) >= MAX_MERGED:
                raise FormError(
                    "import-too-big", file=file, what="merged", n=len(merged) + 1, limit=MAX_MERGED, where=part
                )
            area = parse_area(f"x!{a.get('ref', '')}")
            if area is not None:
                merged.append(area)

    def end(tag: str, text: str) -> None:
        if tag == "v":
            state["v"] = text
        elif tag == "t" and state["in_is"]:
            state["is"].append(text)
        elif tag == "rPh" and state["in_is"]:
            if state["is"]:
                state["is"].pop()  # a phonetic run's text is not the cell's
        elif tag == "is":
            state["in_is"] -= 1
        elif tag == "c" and state["cell"] is not None:
            key, kind, style = state["cell"]
            value = "".join(state["is"]) if kind == "inlineStr" else state["v"]
            try:
                s = int(style)
            except ValueError:
                s = 0
            cells[key] = _Raw(kind, value, s, bool(state["f"]))
            state["cell"] = None

    # only the texts of wanted cells matter, but every <v>/<t> is bounded by MAX_TEXT while it streams
    _parse(archive, part, start, end, lambda t: t in ("v", "t"), file)
    return cells, merged


def _value(raw: _Raw, strings: dict[int, str], dates: set[int], date1904: bool) -> Any:
    kind, text = raw.kind, raw.value
    if text is None:
        return None
    if kind == "s":
        try:
            return strings.get(int(text))
        except ValueError:
            return None
    if kind in ("inlineStr", "str", "e"):
        return text
    if kind == "b":
        return text.strip() in ("1", "true")
    if kind == "d":
        try:
            return datetime.fromisoformat(text.strip())
        except ValueError:
            return text
    t = text.strip()
    if not t:
        return None
    try:
        number: int | float = int(t) if re.fullmatch(r"-?[0-9]+", t) else float(t)
    except ValueError:
        return t
    if raw.style in dates and isinstance(number, int | float) and 0 <= number < 2_958_466:
        base = datetime(1904, 1, 1) if date1904 else datetime(1899, 12, 30)
        serial = float(number)
        if not date1904 and 0 < serial < 60:
            serial += 1  # Excel's 29 February 1900, which never was
        moment = base + timedelta(days=serial)
        return moment.replace(microsecond=0) if moment.microsecond < 500_000 else moment
    return number


# ---------------------------------------------------------------- the whole form


def _check_file(path: Path, name: str) -> None:
    try:
        st = os.stat(path)
    except OSError as exc:
        raise FormError("import-unreadable", file=name, error=exc.strerror or one_line(exc)) from None
    if not stat.S_ISREG(st.st_mode):
        raise FormError("import-no-file", file=name)
    if st.st_size > MAX_FILE_BYTES:
        raise FormError("import-too-big", file=name, what="file", n=st.st_size, limit=MAX_FILE_BYTES, where="")


def _check_directory(archive: zipfile.ZipFile, name: str) -> None:
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise FormError("import-too-big", file=name, what="parts", n=len(infos), limit=MAX_ENTRIES, where="")
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > MAX_PART_BYTES:
            raise FormError(
                "import-too-big", file=name, what="part", n=info.file_size, limit=MAX_PART_BYTES, where=info.filename
            )
    if total > MAX_UNPACKED_BYTES:
        raise FormError("import-too-big", file=name, what="unpacked", n=total, limit=MAX_UNPACKED_BYTES, where="")


def open_form(path: Path) -> Form:
    """Read ``path``; raise :class:`FormError` for anything that is not a readable, bounded .xlsx form."""
    name = shown_name(path)
    if path.suffix.lower() in OTHER_SPREADSHEETS:
        raise FormError("import-not-xlsx", file=name, suffix=path.suffix.lower())
    try:
        exists = path.is_file()
    except OSError as exc:
        raise FormError("import-unreadable", file=name, error=exc.strerror or one_line(exc)) from None
    if not exists:
        raise FormError("import-no-file", file=str(path))
    _check_file(path, name)
    try:
        fh = open(path, "rb")
    except OSError as exc:
        raise FormError("import-unreadable", file=name, error=exc.strerror or one_line(exc)) from None
    with fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            raise FormError("import-no-file", file=name)
        try:
            archive = zipfile.ZipFile(fh)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            raise FormError("import-not-zip", file=name) from None
        except Exception as exc:  # a damaged directory: zipfile raises many kinds
            raise FormError("import-unreadable", file=name, error=one_line(exc)) from None
        with archive:
            _check_directory(archive, name)
            return _read(archive, path, name)


def _read(archive: zipfile.ZipFile, path: Path, name: str) -> Form:
    book = _workbook(archive, name)
    form = Form(path)
    unit_formula = book.names.get(C.UNIT)
    if unit_formula is None:
        return form  # not a form of dkst: :func:`dkst.sheets.forms.importer.identify` says so
    areas: dict[str, Area] = {}
    for dn, formula in book.names.items():
        if not _is_contract(dn):
            continue  # a name of the unit's own: never read
        area = parse_area(formula)
        single = dn not in TABLE_NAMES
        if area is None or area.sheet not in book.sheets or (single and area.size != 1):
            raise FormError("import-bad-name", file=name, name=dn, target=_short(formula))
        if not single and area.size > MAX_TABLE_CELLS:
            raise FormError("import-bad-name", file=name, name=dn, target=_short(formula))
        areas[dn] = area
    form_sheet = areas[C.UNIT].sheet
    for dn, area in areas.items():
        if dn not in SIDE_NAMES and area.sheet != form_sheet:
            raise FormError("import-bad-name", file=name, name=dn, target=_short(book.names[dn]))
    total = sum(a.size for a in areas.values())
    if total > MAX_CELLS:
        raise FormError("import-too-big", file=name, what="cells", n=total, limit=MAX_CELLS, where="")
    by_sheet: dict[str, set[tuple[int, int]]] = {}
    for area in areas.values():
        by_sheet.setdefault(area.sheet, set()).update(area.cells())
    raws: dict[str, dict[tuple[int, int], _Raw]] = {}
    merges: dict[str, list[Area]] = {}
    for sheet, wanted in by_sheet.items():
        raws[sheet], merges[sheet] = _sheet_cells(archive, book.sheets[sheet], name, wanted)
    needed = {
        int(r.value)
        for cells in raws.values()
        for r in cells.values()
        if r.kind == "s" and r.value is not None and r.value.strip().isdigit()
    }
    strings = _shared_strings(archive, book.strings_part, name, needed)
    dates = _date_styles(archive, book.styles_part, name)
    for dn, area in areas.items():
        origin_of = _merge_origins(area, merges[area.sheet])
        rows: list[list[Cell]] = []
        for r in range(area.r1, area.r2 + 1):
            row: list[Cell] = []
            for c in range(area.c1, area.c2 + 1):
                where = f"{area.sheet}!{coord(r, c)}"
                block = origin_of.get((r, c))
                if block is not None:
                    same_row = dn in TABLE_NAMES and block.r1 == block.r2 == r and area.c1 <= block.c1 < c
                    if not same_row:
                        raise FormError("import-merged", file=name, where=where, block=block.shown, name=dn)
                    row.append(Cell(area.sheet, coord(r, c), None))  # the block's value is read once, at its start
                    continue
                raw = raws[area.sheet].get((r, c))
                if raw is not None and raw.formula and (raw.value is None or raw.value == ""):
                    raise FormError("import-formula", file=name, where=where, name=dn)
                value = None if raw is None else _value(raw, strings, dates, book.date1904)
                row.append(Cell(area.sheet, coord(r, c), value))
            rows.append(row)
        form.names[dn] = rows
    return form


def _merge_origins(area: Area, merged: list[Area]) -> dict[tuple[int, int], Area]:
    """Each cell of ``area`` that a merged block covers without starting it → that block."""
    out: dict[tuple[int, int], Area] = {}
    for block in merged:
        if block.r2 < area.r1 or block.r1 > area.r2 or block.c2 < area.c1 or block.c1 > area.c2:
            continue
        for r in range(max(block.r1, area.r1), min(block.r2, area.r2) + 1):
            for c in range(max(block.c1, area.c1), min(block.c2, area.c2) + 1):
                if (r, c) != (block.r1, block.c1):
                    out[(r, c)] = block
    return out


def _short(text: str) -> str:
    shown = " ".join(text.split())
    return (shown[:60] + "…") if len(shown) > 60 else (shown or "—")
