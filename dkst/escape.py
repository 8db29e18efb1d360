"""Text from a dataset, made safe for where it is going: the one home of dkst's escaping.

Nothing a dataset says is trusted (names, labels, texts, ids, file names). Whatever leaves dkst goes
through one of these:

- :func:`markdown` / :func:`markdown_cell`: prints as typed in Markdown (no emphasis, links, headings, lists,
  HTML tags or entities made from data: ``<``, ``>``, ``&`` as ``&lt;``, ``&gt;``, ``&amp;``, which every
  renderer shows as text, where a backslash before ``<`` is a live tag in Python-Markdown); the ``md``
  template filter and ``aggregate --format md``.
- :func:`html`: ``&``, ``<``, ``>`` and quotes as entities.
- :func:`spreadsheet`: a CSV or Excel text cell never starts a formula (OWASP CSV injection: a leading
  ``=``, ``+``, ``-``, ``@``, tab or carriage return gets a ``'`` in front); numbers are not touched.
- :func:`xml_chars` / :func:`excel_text`: control characters removed (openpyxl raises
  ``IllegalCharacterError`` on those XML 1.0 cannot carry; Word refuses the document; a terminal obeys
  ESC and C1); CSV cells too.
- :func:`terminal`: escape sequences and other control characters shown as ``\\x1b``, never sent raw to a
  terminal (ESC, CSI, OSC, C0 and C1 controls, DEL, and the bidirectional overrides that reorder a line).
- :func:`rich_text`: :func:`terminal`, then rich's markup escaped (``[/b]`` in a unit's name prints as itself).
- :func:`json_text`: JSON with no raw C1 control (``json`` escapes only C0).
  :func:`json_indented` writes ``json.dumps(value, ensure_ascii=False, indent=2)``'s text without json's pure-Python
  encoder (the JSON of ``aggregate``).
- :func:`github_data` / :func:`github_property`: GitHub Actions workflow commands, escaped as the Actions
  toolkit escapes them (``%``, CR, LF; and ``:`` and ``,`` in properties).
- :func:`slugify`: a name as an ASCII id, fit for a file or folder name (``Tân Ước`` → ``tan-uoc``): what ``new``
  and ``import`` make of a name, and what ``check`` suggests for an id typed with accents.
"""

from __future__ import annotations

import html as _html
import re
import unicodedata
from collections.abc import Callable, Mapping
from json.encoder import encode_basestring as _json_str
from typing import Any

__all__ = [
    "excel_text",
    "github_data",
    "github_property",
    "html",
    "json_indented",
    "json_text",
    "markdown",
    "markdown_cell",
    "markdown_lines",
    "rich_text",
    "slugify",
    "spreadsheet",
    "terminal",
    "xml_chars",
]

# ---------------------------------------------------------------- Markdown

_MD_ALWAYS = re.compile(r"([\\|])")
_MD_PAIRED = "*_`~^$"
_MD_LEADING = re.compile(r"^(#|=|[-+:](?=\s|$)|\d+(?=[.)](?:\s|$)))")
_LINE_BREAKS = re.compile(r"\r\n|\r|\n|\u2028|\u2029")


#: Bidirectional controls (U+202E reorders what follows): dropped from Markdown, where they would make a
#: printed figure or name read otherwise than it is.
_BIDI = re.compile(r"[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _md_line(line: str) -> str:
    line = _BIDI.sub("", line)
    # HTML first, as entities: ``&lt;img …&gt;`` is text in every renderer, where ``\<img …>`` is a live tag
    # in Python-Markdown (MkDocs); ``&`` always, so that no entity is made from data either.
    line = line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    line = _MD_ALWAYS.sub(r"\\\1", line)
    for ch in _MD_PAIRED:
        # a lone delimiter cannot open emphasis, code, sub/superscript or math: leave it readable
        if line.count(ch) >= 2:
            line = line.replace(ch, "\\" + ch)
    if "[" in line and "]" in line:
        line = line.replace("[", "\\[").replace("]", "\\]")
    m = _MD_LEADING.match(line)
    if m:
        if m.group(1)[0].isdigit():
            line = m.group(1) + "\\" + line[m.end() :]
        else:
            line = "\\" + line
    elif line.startswith("*") or line.startswith("["):
        line = "\\" + line
    return line


def markdown_lines(value: Any) -> list[str]:
    """The non-blank lines of ``value``, stripped, each escaped for Markdown. None -> ``[]``."""
    if value is None:
        return []
    lines = (ln.strip() for ln in _LINE_BREAKS.split(xml_chars(str(value))))
    return [_md_line(ln) for ln in lines if ln]


def markdown(value: Any, br: str = " ") -> str:
    """Escape text for Markdown so it prints as typed: ``|`` -> ``\\|``, ``<`` -> ``&lt;``, markup neutralised,
    a leading ``#``/``-``/``1.`` kept from making a heading or list, lines joined by ``br``
    (a space: safe inside a table cell). None -> ``""``."""
    return br.join(markdown_lines(value))


def markdown_cell(value: Any) -> str:
    """A Markdown table cell: as :func:`markdown`, with the text's line breaks as ``<br>``."""
    return markdown(value, "<br>")


# ---------------------------------------------------------------- HTML, XML, spreadsheets


def html(value: Any) -> str:
    """``&``, ``<``, ``>``, ``"`` and ``'`` as HTML entities. None -> ``""``."""
    return "" if value is None else _html.escape(str(value), quote=True)


#: What XML 1.0 cannot carry (and so neither Word nor Excel): C0 controls but tab, LF, CR; and two
#: non-characters; with DEL and the C1 controls, which XML discourages and a terminal may obey.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
#: A cell starting with one of these is a formula (or becomes one) in Excel, LibreOffice and Google Sheets.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def xml_chars(value: str) -> str:
    """``value`` without control characters (tab, LF and CR kept): what XML 1.0 cannot carry, DEL and C1."""
    return _CONTROLS.sub("", value)


def xml_tree(value: Any) -> Any:
    """A deep copy of plain data (mappings, lists, scalars) with every text passed through :func:`xml_chars`;
    mappings become dicts with text keys, tuples become lists."""
    if isinstance(value, str):
        return xml_chars(value)
    if isinstance(value, Mapping):
        return {str(k): xml_tree(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [xml_tree(v) for v in value]
    return value


def spreadsheet(value: Any) -> Any:
    """A CSV or Excel cell that never starts a formula: a text beginning with ``=``, ``+``, ``-``, ``@``, tab
    or CR gets a leading ``'``. Anything that is not text (numbers, dates, None) is returned unchanged."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def excel_text(value: Any) -> Any:
    """An Excel or CSV cell value: text freed of control characters (:func:`xml_chars`), then guarded by
    :func:`spreadsheet`; other values unchanged."""
    if isinstance(value, str):
        return spreadsheet(xml_chars(value))
    return value


# ---------------------------------------------------------------- terminals

#: C0 controls (ESC among them), DEL, C1 controls (CSI 0x9b, OSC 0x9d …), the bidirectional controls, the
#: line and paragraph separators U+2028/U+2029 (a terminal or an editor may break the line there: a forged
#: output line), and lone surrogates (a file name that is not UTF-8, as the file system gives it).
_TERMINAL_UNSAFE = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def _visible(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal(value: Any, keep: str = "\t") -> str:
    """``value`` as text safe to print on a terminal: every control character but those in ``keep``
    (tab by default; ``"\\t\\n"`` for multi-line text) shown as ``\\x1b`` / ``\\u202e``."""
    text = "" if value is None else str(value)
    if not _TERMINAL_UNSAFE.search(text):
        return text
    return _TERMINAL_UNSAFE.sub(lambda m: m.group() if m.group() in keep else _visible(m), text)


def rich_text(value: Any) -> str:
    """``value`` for rich's console markup: :func:`terminal`, then ``[``…``]`` escaped so it prints literally."""
    from rich.markup import escape

    return escape(terminal(value))


_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u2028\u2029]")


def json_text(text: str) -> str:
    """JSON written with ``ensure_ascii=False``, with DEL, the C1 controls and the line separators that
    ``json`` leaves raw written as ``\\u009b``: the same JSON value, and nothing a terminal obeys."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def json_indented(value: Any, leaf: Callable[[Any], Any] | None = None) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)``, the same text, without its pure-Python encoder.

    (``indent`` turns ``json``'s C encoder off: for the 47,000 values of ``aggregate --format json`` at 3,000 units
    that was ~0.15 s. Here dicts and lists are joined in one pass, and each string goes through ``json``'s own C
    escaping, so the text is exactly ``json``'s; a test compares the two on random values.)

    ``leaf`` converts a value of any other type than ``str``, ``int``, ``float``, ``bool``, ``None``, ``dict``,
    ``list`` and ``tuple`` (a subclass included, such as a :class:`~dkst.counts.Ratio`) before it is written, as
    ``json.dumps(convert(value))`` would write it when ``convert`` applies ``leaf`` to every such value; what it
    returns unchanged is written as ``json`` writes it (an enumeration of ``str`` as its text), or refused with
    ``TypeError``. Not for cyclic values.
    """

    def dump(v: Any, nl: str) -> str:
        t = type(v)
        if t is str:
            return _json_str(v)
        if t is int:
            return int.__repr__(v)
        if v is None:
            return "null"
        if v is True:
            return "true"
        if v is False:
            return "false"
        if t is dict:
            if not v:
                return "{}"
            inner = nl + "  "
            parts = []
            for k, x in v.items():
                tx = type(x)
                if tx is str:
                    s = _json_str(x)
                elif tx is int:
                    s = int.__repr__(x)
                elif x is None:
                    s = "null"
                else:
                    s = dump(x, inner)
                parts.append((_json_str(k) if type(k) is str else _json_key(k)) + ": " + s)
            return "{" + inner + ("," + inner).join(parts) + nl + "}"
        if t is list or t is tuple:
            if not v:
                return "[]"
            inner = nl + "  "
            return "[" + inner + ("," + inner).join([dump(x, inner) for x in v]) + nl + "]"
        if t is float:
            return _json_float(v)
        if leaf is not None:
            new = leaf(v)
            if new is not v:
                return dump(new, nl)
        # subclasses, checked in json's order
        if isinstance(v, str):
            return _json_str(v)
        if isinstance(v, int):
            return int.__repr__(v)
        if isinstance(v, float):
            return _json_float(v)
        if isinstance(v, list | tuple):
            return dump(list(v), nl)
        if isinstance(v, dict):
            return dump(dict(v), nl)
        raise TypeError(f"Object of type {t.__name__} is not JSON serializable")

    return dump(value, "\n")


def _json_float(v: float) -> str:
    """A float as ``json`` writes it (``NaN`` and ``Infinity`` included)."""
    if v != v:
        return "NaN"
    if v == float("inf"):
        return "Infinity"
    if v == -float("inf"):
        return "-Infinity"
    return float.__repr__(v)


def _json_key(k: Any) -> str:
    """A dict key that is not a ``str``, as ``json`` writes it."""
    if isinstance(k, str):
        return _json_str(k)
    if isinstance(k, float):
        return _json_str(_json_float(k))
    if k is True:
        return '"true"'
    if k is False:
        return '"false"'
    if k is None:
        return '"null"'
    if isinstance(k, int):
        return _json_str(int.__repr__(k))
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(k).__name__}")


# ---------------------------------------------------------------- GitHub annotations


def github_data(value: Any) -> str:
    """The message of a workflow command (``::error …::MESSAGE``): ``%``, CR and LF escaped."""
    text = terminal(value, keep="\t\r\n")
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(value: Any) -> str:
    """A property of a workflow command (``file=``, ``title=``): as :func:`github_data`, and ``:`` and ``,``."""
    return github_data(value).replace(":", "%3A").replace(",", "%2C")


# ---------------------------------------------------------------- ids


def slugify(text: str) -> str:
    """A Vietnamese name → an ASCII id: ``Khu phố chuyển đổi số`` → ``khu-pho-chuyen-doi-so``."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return "-".join(re.findall(r"[a-z0-9]+", text))
