"""One file: bytes → encoding check → libyaml parse keeping line numbers → plain data.

Nothing here knows the dataset format. A file becomes a :class:`ParsedYaml`: its data (or ``None``),
a small index from key paths to line numbers, and the file-level problems found (encoding, syntax,
aliases, duplicate keys, size) as ``(code, line, params)`` tuples that the caller turns into findings.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from sys import intern
from typing import Any

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

MAX_BYTES = 1024 * 1024
#: Depth of key paths kept in the line index (deeper values fall back to their parent's line).
INDEX_DEPTH = 4

Problem = tuple[str, int | None, dict[str, Any]]


class RawFloat(float):
    """A YAML float that remembers how it was written (``1.000`` is a thousands separator, not 1.0)."""

    raw: str

    def __new__(cls, value: float, raw: str) -> RawFloat:
        obj = super().__new__(cls, value)
        obj.raw = raw
        return obj


_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"


class _Slow(Exception):
    """Something the fast construction does not handle: construct the document the standard way."""


class _Loader(yaml.CSafeLoader):
    """libyaml's loader, with duplicate keys recorded, keys read as written, dates left as text.

    :meth:`build` turns the node tree into data in one recursive pass for the plain tags these files use
    (the standard constructor queues a generator per mapping and looks up a constructor per node, which
    costs as much as libyaml's whole parse); anything else falls back to :meth:`construct_document`.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicates: list[tuple[str, int, int]] = []
        #: a mapping has a key with no value or an ``x-`` key somewhere: the data needs cleaning
        self.dirty = False

    # -- tag resolution, called by libyaml for every node: the same answers as PyYAML's Resolver, without
    #    its per-call list building and path-resolver bookkeeping (the safe loader has no path resolvers)

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            if implicit[0]:
                for tag, regexp in _RESOLVERS.get(value[:1], _WILDCARD):
                    if regexp.match(value):
                        return tag
            return _STR
        return _SEQ if kind is SequenceNode else _MAP

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None

    # -- construction

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        if not isinstance(node, MappingNode):  # ``!!map [a, b]``: an error, as in PyYAML's own loader
            raise yaml.constructor.ConstructorError(None, None, f"expected a mapping node, but found {node.id}",
                                                    node.start_mark)
        mapping: dict[Any, Any] = {}
        first_line: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode):
                key: Any = key_node.value
            else:
                key = f"<{key_node.id}@{key_node.start_mark.line + 1}>"
            line = key_node.start_mark.line + 1
            if key in mapping:
                self.duplicates.append((str(key), line, first_line[key]))
            else:
                first_line[key] = line
            value = mapping[key] = self.construct_object(value_node, deep=deep)
            if value is None or key.startswith("x-"):
                self.dirty = True
        return mapping

    def construct_raw_float(self, node: ScalarNode) -> float:
        return RawFloat(self.construct_yaml_float(node), node.value)

    def build(self, node: Any) -> Any:
        """The data of ``node``: the same as :meth:`construct_document`, faster."""
        try:
            data = self._build(node)
            if len(self.duplicates) < 2:  # several: keep the standard order of their findings
                return data
        except (_Slow, RecursionError):
            pass
        self.duplicates.clear()
        self.dirty = False
        return self.construct_document(node)

    def _build(self, node: Any) -> Any:
        tag = node.tag
        if tag == _STR or tag == _TIMESTAMP:
            if type(node) is ScalarNode:
                return node.value
        elif tag == _MAP:
            if type(node) is MappingNode:
                mapping: dict[str, Any] = {}
                first_line: dict[str, int] = {}
                for key_node, value_node in node.value:
                    if type(key_node) is ScalarNode:
                        key = intern(key_node.value)
                    else:
                        key = f"<{key_node.id}@{key_node.start_mark.line + 1}>"
                    if key in mapping:
                        line = key_node.start_mark.line + 1
                        self.duplicates.append((key, line, first_line[key]))
                    else:
                        first_line[key] = key_node.start_mark.line + 1
                    value = mapping[key] = self._build(value_node)
                    if value is None or key.startswith("x-"):
                        self.dirty = True
                return mapping
        elif tag == _SEQ:
            if type(node) is SequenceNode:
                return [self._build(item) for item in node.value]
        elif tag == _INT:
            if type(node) is ScalarNode:
                value = node.value
                if value.isdigit() and (value[0] != "0" or len(value) == 1):
                    return int(value)
                return self.construct_yaml_int(node)
        elif tag == _NULL:
            if type(node) is ScalarNode:
                return None
        elif tag == _BOOL:
            if type(node) is ScalarNode:
                return self.bool_values[node.value.lower()]
        elif tag == _FLOAT:
            if type(node) is ScalarNode:
                return self.construct_raw_float(node)
        raise _Slow


_Loader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)
_Loader.add_constructor("tag:yaml.org,2002:float", _Loader.construct_raw_float)

#: first character of a plain scalar → the implicit resolvers to try, in PyYAML's order
_WILDCARD: tuple[tuple[str, re.Pattern[str]], ...] = tuple(_Loader.yaml_implicit_resolvers.get(None, []))
_RESOLVERS: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {
    first: (*resolvers, *_WILDCARD) for first, resolvers in _Loader.yaml_implicit_resolvers.items()
    if first is not None
}


@dataclass(slots=True)
class ParsedYaml:
    """The outcome of reading one YAML file.

    ``lines`` holds key paths up to the ``index_depth`` asked of :func:`parse_text`; :meth:`line_of` looks
    deeper (up to INDEX_DEPTH) through the node tree, which is kept only until :meth:`release`.
    """

    data: Any = None
    lines: dict[tuple, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    #: the data holds keys with no value or ``x-`` keys (see :func:`dkst.validation.clean`)
    dirty: bool = True
    node: Any = None
    _full: dict[tuple, int] | None = None

    def line_of(self, loc: tuple) -> int | None:
        """The line of the value at ``loc`` (keys and list indexes), else of its nearest parent."""
        lines = self.lines
        if self.node is not None:
            if self._full is None:
                self._full = _index(self.node, INDEX_DEPTH)
            lines = self._full
        loc = tuple(loc)
        while loc:
            line = lines.get(loc)
            if line is not None:
                return line
            loc = loc[:-1]
        return lines.get(())

    def release(self) -> None:
        """Drop the node tree (and the deep index): only ``lines`` is kept."""
        self.node = None
        self._full = None


def decode(raw: bytes) -> tuple[str | None, Problem | None]:
    """UTF-8 (a BOM is accepted) → NFC text; otherwise an ``encoding`` problem naming the likely encoding."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, ("encoding", None, {"guess": "utf-16"})
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return None, ("encoding", line, {"guess": guess_legacy(raw)})
    if "\x00" in text:
        return None, ("encoding", None, {"guess": "utf-16"})
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text, None


# Bytes that only one legacy encoding uses for Vietnamese tone marks after a vowel.
_VNI_TONES = set(b"\xf9\xf8\xfb\xef\xd9\xd8\xdb\xcf")
_CP1258_TONES = set(b"\xcc\xec\xd2\xde\xf2")
_VOWELS = set(b"aeiouyAEIOUY")


def guess_legacy(raw: bytes) -> str:
    """Name the legacy encoding that non-UTF-8 bytes most look like: utf-16, vni, windows-1258, tcvn3.

    VNI and Windows-1258 write a tone as a byte after its vowel; TCVN3 (ABC) has one byte per accented
    letter, which mostly follows a consonant.
    """
    if raw.count(b"\x00") * 4 > len(raw):
        return "utf-16"
    controls = sum(1 for b in raw if b < 0x20 and b not in (0x09, 0x0A, 0x0D))
    high = [i for i, b in enumerate(raw) if b >= 0x80]
    if not high or controls * 100 > len(raw):
        return "unknown"  # no accented letters, or not text at all (a binary file named .yaml)
    if len(high) * 2 > len(raw):
        return "unknown"  # text in a legacy encoding is mostly ASCII letters
    after_vowel = sum(1 for i in high if i > 0 and (raw[i - 1] in _VOWELS or raw[i - 1] >= 0x80))
    if after_vowel * 10 >= len(high) * 7:
        vni = sum(1 for i in high if raw[i] in _VNI_TONES)
        cp = sum(1 for i in high if raw[i] in _CP1258_TONES)
        return "windows-1258" if cp > vni else "vni"
    return "tcvn3"


def _has_alias(text: str) -> int | None:
    """The line of the first anchor, alias or merge key, or ``None``; a cheap byte test first."""
    if "&" not in text and "*" not in text and "<<" not in text:
        return None
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                return event.start_mark.line + 1
            if isinstance(event, yaml.ScalarEvent) and event.value == "<<" and event.implicit[0]:
                return event.start_mark.line + 1
    except yaml.YAMLError:
        return None  # the parse below reports the syntax error
    return None


def _index(node: Any, depth: int = INDEX_DEPTH) -> dict[tuple, int]:
    """Key path → 1-based line, for paths up to ``depth`` keys (mapping entries use the key's line)."""
    lines: dict[tuple, int] = {(): node.start_mark.line + 1}
    stack: list[tuple[tuple, Any]] = [((), node)]
    while stack:
        loc, current = stack.pop()
        if len(loc) >= depth:
            continue
        if isinstance(current, MappingNode):
            for key_node, value_node in current.value:
                if isinstance(key_node, ScalarNode):
                    sub = (*loc, key_node.value)
                    lines.setdefault(sub, key_node.start_mark.line + 1)
                    stack.append((sub, value_node))
        elif isinstance(current, SequenceNode):
            for i, item in enumerate(current.value):
                sub = (*loc, i)
                lines[sub] = item.start_mark.line + 1
                stack.append((sub, item))
    return lines


_TAB = re.compile(r"'\\t'|tab", re.IGNORECASE)


def _line_text(text: str, line: int) -> str:
    lines = text.split("\n", line)
    return lines[line - 1] if len(lines) >= line else ""


def parse_text(text: str, index_depth: int = INDEX_DEPTH) -> ParsedYaml:
    """Parse YAML text; anchors, aliases, merge keys and duplicate keys are problems, not data.

    The line index keeps key paths up to ``index_depth``; the node tree stays in the result for deeper
    lookups by :meth:`ParsedYaml.line_of` until :meth:`ParsedYaml.release`.
    """
    out = ParsedYaml()
    alias_line = _has_alias(text)
    if alias_line is not None:
        out.problems.append(("yaml-alias", alias_line, {}))
        return out
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            out.data = {}
            out.dirty = False
            return out
        data = loader.build(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = str(exc.problem or exc.context or "")
        tab = bool(_TAB.search(problem)) or (line is not None and "\t" in _line_text(text, line))
        out.problems.append(("yaml-syntax", line, {"problem": problem, "tab": tab}))
        return out
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        out.problems.append(("yaml-syntax", None, {"problem": str(exc).splitlines()[0][:200], "tab": False}))
        return out
    finally:
        loader.dispose()
    for key, line, first in loader.duplicates:
        out.problems.append(("duplicate-key", line, {"key": key, "first": first}))
    out.data = data
    out.dirty = loader.dirty
    out.lines = _index(node, index_depth)
    if index_depth < INDEX_DEPTH:
        out.node = node  # for line_of below index_depth
    return out


def parse_bytes(raw: bytes, index_depth: int = INDEX_DEPTH) -> ParsedYaml:
    """Bytes of one file → :class:`ParsedYaml` (see :func:`parse_text` for ``index_depth``)."""
    if len(raw) > MAX_BYTES:
        return ParsedYaml(problems=[("file-too-large", None, {"size": len(raw)})])
    text, problem = decode(raw)
    if problem is not None:
        return ParsedYaml(problems=[problem])
    return parse_text(text, index_depth)
