"""YAML written as text: one-line scalars that read back unchanged, ``key: value  # comment`` lines, ids.

Every value that comes from the user goes through :func:`yaml_scalar`, which writes a plain scalar when that
reads back as the same text (YAML 1.1, as PyYAML reads it) and a double-quoted one otherwise.

Only the standard library, PyYAML and :mod:`dkst.escape` (``slugify``) are imported here.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from dkst.escape import slugify

#: Column at which the comment of a ``key: value`` line starts, as in the sample dataset.
COMMENT_COLUMN = 33

_TRUE_FALSE_NULL = re.compile(
    r"(true|True|TRUE|false|False|FALSE|null|Null|NULL|~|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)"
)
_NUMBER_12 = re.compile(
    r"[-+]?(0o[0-7]+|0x[0-9a-fA-F]+|(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?"
    r"|\.(inf|Inf|INF|nan|NaN|NAN))"
)
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")


def _printable(ch: str) -> bool:
    """Whether a YAML stream may hold ``ch`` as it is inside a one-line scalar (no break, no control)."""
    o = ord(ch)
    if 0x20 <= o <= 0x7E:
        return True
    if 0xA0 <= o <= 0xD7FF:
        return o not in (0x2028, 0x2029)
    if 0xE000 <= o <= 0xFFFD:
        return o != 0xFEFF
    return 0x10000 <= o <= 0x10FFFF


def _escape(ch: str) -> str:
    o = ord(ch)
    simple = {"\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0", '"': '\\"', "\\": "\\\\"}
    if ch in simple:
        return simple[ch]
    if o <= 0xFF:
        return f"\\x{o:02X}"
    if o <= 0xFFFF:
        return f"\\u{o:04X}"
    return f"\\U{o:08X}"


def double_quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar, on one line, escaping what a stream may not hold raw."""
    out = ['"']
    escaped_last = False
    for ch in text:
        if 0xD800 <= ord(ch) <= 0xDFFF:
            raise ValueError("lone surrogate: not valid Unicode text")
        # A combining mark right after an escape would compose with its last hex digit when the file is
        # normalised to NFC (dkst reads every file as NFC): escape it too.
        if ch not in ('"', "\\") and _printable(ch) and not (escaped_last and unicodedata.combining(ch)):
            out.append(ch)
            escaped_last = False
        else:
            out.append(_escape(ch))
            escaped_last = True
    out.append('"')
    return "".join(out)


def _plain_ok(text: str) -> bool:
    if not text or text != text.strip(" ") or text[0] in _INDICATORS or text[0].isspace():
        return False
    if any(not _printable(ch) for ch in text) or text[-1].isspace():
        return False
    if ": " in text or " #" in text or text.endswith(":") or "\t" in text:
        return False
    if _TRUE_FALSE_NULL.fullmatch(text) or _NUMBER_12.fullmatch(text):
        return False
    if unicodedata.combining(text[0]):
        return False
    return _reads_back(text)


def read_back(document: str) -> Any:
    """``document`` as a YAML 1.1 safe loader reads it (libyaml's, as other tools and editors would), or
    :data:`UNREADABLE`: the one test of what dkst writes (here, in the roll-up and in imported forms)."""
    import yaml

    try:
        return yaml.load(document, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        return UNREADABLE


#: What :func:`read_back` gives for a document that does not parse.
UNREADABLE = object()


def _reads_back(text: str) -> bool:
    """Whether ``k: <text>  # c`` reads back as the string ``text`` with a YAML 1.1 loader."""
    data = read_back(f"k: {text}  # c\n")
    return isinstance(data, dict) and type(data.get("k")) is str and data["k"] == text


def yaml_scalar(text: str) -> str:
    """A YAML scalar for ``text`` on one line: plain when that reads back unchanged, else double-quoted.

    The result is safe as the value of ``key: `` followed by spaces and a ``# comment``.
    """
    if _plain_ok(text):
        return text
    return double_quoted(text)


def one_line(text: Any) -> str:
    """Any text made safe for a YAML comment: one line, no control characters, spaces collapsed."""
    chars = [ch if _printable(ch) else " " for ch in str(text)]
    return " ".join("".join(chars).split())


def line(key_value: str, comment: str | None = None, column: int = COMMENT_COLUMN) -> str:
    """``key: value`` padded to ``column``, then ``# comment`` (sanitised to one line)."""
    if not comment:
        return key_value.rstrip()
    pad = max(column - len(key_value), 2)
    return f"{key_value}{' ' * pad}# {one_line(comment)}"


def normalise_text(value: str) -> str:
    """User text as dkst reads it back: NFC, surrounding whitespace removed. Raises ValueError if not text."""
    if any(0xD800 <= ord(ch) <= 0xDFFF for ch in value):
        raise ValueError("not UTF-8")
    return unicodedata.normalize("NFC", value).strip()


__all__ = ["COMMENT_COLUMN", "double_quoted", "line", "normalise_text", "one_line", "slugify", "yaml_scalar"]
