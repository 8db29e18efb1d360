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

from dkst.counts import BigDecimal
from dkst.encodings import guess as guess_encoding

MAX_BYTES = 1024 * 1024
#: Depth of key paths kept in the line index (deeper values fall back to their parent's line).
INDEX_DEPTH = 4

#: A key path into a file's data: mapping keys and list indexes (``("models", 0)``).
KeyPath = tuple[Any, ...]
Problem = tuple[str, int | None, dict[str, Any]]


class DecimalInt(int):
    """A plain decimal scalar with leading zeros (``010`` is 10): the number, and the text as typed (for text
    fields such as a document number)."""

    raw: str

    def __new__(cls, value: int, raw: str) -> DecimalInt:
        obj = super().__new__(cls, value)
        obj.raw = raw
        return obj

    def __reduce__(self) -> tuple[Any, ...]:
        return DecimalInt, (int(self), self.raw)


@dataclass(frozen=True, slots=True)
class Tagged:
    """A value written with a YAML tag (``!!int 5``, ``!!binary …``, ``!foo x``): refused by every field of the
    format (docs/format.md, "Values"), never constructed (so ``!!int 0x1F`` never becomes 31)."""

    tag: str
    text: str

    def __str__(self) -> str:
        return f"{self.tag} {self.text}".strip()


_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"

# The tags our resolver gives untagged nodes. They are private, so that a node carrying any other tag was
# tagged in the file. Numbers are not YAML 1.1's: a plain scalar of ASCII decimal digits is ``_P_DEC`` (leading
# zeros decimal), and every other number form (``010`` octal, ``1:30``, ``0x1F``, ``1_000``, ``+5``, ``1.5``…)
# and every date stays the text typed, for :func:`dkst.counts.parse_count` and the schema to judge.
_P = "tag:dkst.invalid,2026:"
_P_STR = _P + "str"
_P_DEC = _P + "dec"
_P_BOOL = _P + "bool"
_P_NULL = _P + "null"
_P_SEQ = _P + "seq"
_P_MAP = _P + "map"
_IMPLICIT = {_BOOL: _P_BOOL, _NULL: _P_NULL}
#: Plain decimal scalars longer than this stay text (:class:`~dkst.counts.BigDecimal`): no count is that long.
_MAX_DIGITS = 30


def _short_tag(tag: str) -> str:
    return "!!" + tag[len("tag:yaml.org,2002:") :] if tag.startswith("tag:yaml.org,2002:") else tag


def _decimal(text: str) -> Any:
    if len(text) > _MAX_DIGITS:
        return BigDecimal(text)
    if text[0] == "0" and len(text) > 1:
        return DecimalInt(int(text), text)
    return int(text)


class _Slow(Exception):
    """Something the fast construction does not handle: construct the document the standard way."""


class YamlLoader(yaml.CSafeLoader):
    """libyaml's loader, with duplicate keys recorded, keys read as written, numbers and dates as docs/format.md says,
    and tagged values kept apart as :class:`Tagged`.

    :meth:`build` turns the node tree into data in one recursive pass (the standard constructor queues a
    generator per mapping and looks up a constructor per node, which costs as much as libyaml's whole parse);
    :meth:`construct_document` gives the same data the standard way.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicates: list[tuple[str, int, int]] = []
        #: a mapping has a key with no value or an ``x-`` key somewhere: the data needs cleaning
        self.dirty = False
        #: tagged keys: ``(line, key, tag)``
        self.tagged_keys: list[tuple[int, str, str]] = []

    # -- tag resolution, called by libyaml for every untagged node: PyYAML's implicit resolvers, without their
    #    per-call list building and path-resolver bookkeeping, mapped onto the private tags above

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            if implicit[0]:
                if value.isdigit() and value.isascii():
                    return _P_DEC
                for tag, regexp in _RESOLVERS.get(value[:1], _WILDCARD):
                    if regexp.match(value):
                        return _IMPLICIT.get(tag, _P_STR)
            return _P_STR
        return _P_SEQ if kind is SequenceNode else _P_MAP

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None

    # -- construction

    def _key(self, key_node: Any) -> str:
        if type(key_node) is ScalarNode:
            if key_node.tag not in _KEY_TAGS:
                self.tagged_keys.append((key_node.start_mark.line + 1, key_node.value, _short_tag(key_node.tag)))
            return intern(key_node.value)
        return f"<{key_node.id}@{key_node.start_mark.line + 1}>"

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping: dict[Any, Any] = {}
        first_line: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = self._key(key_node)
            line = key_node.start_mark.line + 1
            if key in mapping:
                self.duplicates.append((str(key), line, first_line[key]))
            else:
                first_line[key] = line
            value = mapping[key] = self.construct_object(value_node, deep=deep)
            if value is None or key.startswith("x-"):
                self.dirty = True
        return mapping

    def construct_private_map(self, node: MappingNode) -> Any:
        data: dict[Any, Any] = {}
        yield data
        data.update(self.construct_mapping(node))

    def construct_private_seq(self, node: SequenceNode) -> Any:
        data: list[Any] = []
        yield data
        data.extend(self.construct_sequence(node))

    def construct_private_dec(self, node: ScalarNode) -> Any:
        return _decimal(node.value)

    def construct_private_bool(self, node: ScalarNode) -> bool:
        return self.bool_values[node.value.lower()]

    def construct_tagged(self, node: Any) -> Tagged:
        text = node.value if isinstance(node, ScalarNode) else "{…}" if isinstance(node, MappingNode) else "[…]"
        return Tagged(_short_tag(str(node.tag)), text[:60])

    def build(self, node: Any) -> Any:
        """The data of ``node``: the same as :meth:`construct_document`, faster."""
        try:
            data = self._build(node)
            if len(self.duplicates) < 2:  # several: keep the standard order of their findings
                return data
        except (_Slow, RecursionError):
            pass
        self.duplicates.clear()
        self.tagged_keys.clear()
        self.dirty = False
        return self.construct_document(node)

    def _build(self, node: Any) -> Any:
        tag = node.tag
        if tag == _P_STR:
            return node.value
        if tag == _P_MAP:
            mapping: dict[str, Any] = {}
            first_line: dict[str, int] = {}
            for key_node, value_node in node.value:
                key = self._key(key_node)
                if key in mapping:
                    line = key_node.start_mark.line + 1
                    self.duplicates.append((key, line, first_line[key]))
                else:
                    first_line[key] = key_node.start_mark.line + 1
                value = mapping[key] = self._build(value_node)
                if value is None or key.startswith("x-"):
                    self.dirty = True
            return mapping
        if tag == _P_SEQ:
            return [self._build(item) for item in node.value]
        if tag == _P_DEC:
            value = node.value
            if value[0] != "0" and len(value) <= 18:
                return int(value)
            return _decimal(value)
        if tag == _P_NULL:
            return None
        if tag == _P_BOOL:
            return self.bool_values[node.value.lower()]
        return self.construct_tagged(node)


_KEY_TAGS = frozenset({_P_STR, _P_DEC, _P_BOOL, _P_NULL})
# Only the private tags are constructed; any tag written in the file (``!!int``, ``!!binary``, ``!!python/…``,
# ``!local``) becomes a :class:`Tagged` value.
YamlLoader.yaml_constructors = {
    _P_STR: yaml.SafeLoader.construct_scalar,
    _P_DEC: YamlLoader.construct_private_dec,
    _P_BOOL: YamlLoader.construct_private_bool,
    _P_NULL: yaml.SafeLoader.construct_yaml_null,
    _P_SEQ: YamlLoader.construct_private_seq,
    _P_MAP: YamlLoader.construct_private_map,
    None: YamlLoader.construct_tagged,
}
YamlLoader.yaml_multi_constructors = {}

#: first character of a plain scalar → the implicit resolvers to try, in PyYAML's order
_WILDCARD: tuple[tuple[str, re.Pattern[str]], ...] = tuple(YamlLoader.yaml_implicit_resolvers.get(None, []))
_RESOLVERS: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {
    first: (*resolvers, *_WILDCARD)
    for first, resolvers in YamlLoader.yaml_implicit_resolvers.items()
    if first is not None
}


@dataclass(slots=True)
class ParsedYaml:
    """The outcome of reading one YAML file.

    ``lines`` holds key paths up to the ``index_depth`` asked of :func:`parse_text`; :meth:`line_of` looks
    deeper (up to INDEX_DEPTH) through the node tree, which is kept only until :meth:`release`.
    """

    data: Any = None
    lines: dict[KeyPath, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    #: the data holds keys with no value or ``x-`` keys (see :func:`dkst.load.validation.clean`)
    dirty: bool = True
    node: Any = None
    _full: dict[KeyPath, int] | None = None

    def line_of(self, loc: KeyPath) -> int | None:
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
        return None, ("encoding", None, {"guess": guess_encoding(raw)})
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return None, ("encoding", line, {"guess": guess_encoding(raw)})
    if "\x00" in text:
        return None, ("encoding", None, {"guess": guess_encoding(raw)})
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text, None


def _has_alias(text: str) -> int | None:
    """The line of the first anchor, alias or merge key, or ``None``; a cheap byte test first."""
    if "&" not in text and "*" not in text and "<<" not in text:
        return None
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            mark = event.start_mark
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                return mark.line + 1 if mark is not None else 1
            if isinstance(event, yaml.ScalarEvent) and event.value == "<<" and event.implicit[0]:
                return mark.line + 1 if mark is not None else 1
    except yaml.YAMLError:
        return None  # the parse below reports the syntax error
    return None


def _index(node: Any, depth: int = INDEX_DEPTH) -> dict[KeyPath, int]:
    """Key path → 1-based line, for paths up to ``depth`` keys (mapping entries use the key's line)."""
    lines: dict[KeyPath, int] = {(): node.start_mark.line + 1}
    stack: list[tuple[KeyPath, Any]] = [((), node)]
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
    loader = YamlLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            out.data = {}
            out.dirty = False
            return out
        data = loader.build(node)
    except yaml.MarkedYAMLError as exc:
        from dkst.load.yamlerrors import explain  # what a clerk should fix, and on which line

        line, params = explain(exc, text)
        out.problems.append(("yaml-syntax", line, params))
        return out
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        out.problems.append(("yaml-syntax", None, {"problem": str(exc).splitlines()[0][:200], "tab": False}))
        return out
    finally:
        loader.dispose()
    for key, line, first in loader.duplicates:
        out.problems.append(("duplicate-key", line, {"key": key, "first": first}))
    for line, key, tag in loader.tagged_keys:
        out.problems.append(("invalid-value", line, {"field": key, "value": f"{tag} {key}", "reason": "tag"}))
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
    if problem is not None or text is None:
        return ParsedYaml(problems=[problem] if problem is not None else [])
    return parse_text(text, index_depth)
