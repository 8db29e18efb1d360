"""libyaml's parser errors, told to a clerk: what is wrong, what to do, and the line where the mistake is.

libyaml says "mapping values are not allowed in this context" at the line where it noticed something, which
is often not the line to fix (an unclosed quote is noticed lines later). :func:`explain` turns a
``MarkedYAMLError`` into a kind and a hint (catalogue keys ``yaml.…``, both languages) and the line to fix;
:func:`describe` writes them in a language for the ``yaml-syntax`` finding.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import yaml

_KEY_VALUE = re.compile(r"^(\s*)(?:- +)?[^\s#'\"\-][^:#]*:( +|$)")
_MISSING_SPACE = re.compile(r"^\s*(?:- +)?[A-Za-z_][\w\-]*:[^\s/]")
_QUOTED_VALUE = re.compile(r"^\s*(?:- +|[^\s#'\"][^:#]*: +)(?P<q>['\"])")


def _line(lines: list[str], number: int) -> str:
    return lines[number - 1] if 1 <= number <= len(lines) else ""


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _previous(lines: list[str], number: int) -> int | None:
    """The number of the nearest line above ``number`` that holds something (not blank, not a comment)."""
    for n in range(number - 1, 0, -1):
        stripped = _line(lines, n).strip()
        if stripped and not stripped.startswith("#"):
            return n
    return None


def _unbalanced(line: str) -> str | None:
    """The quote a value of this line opens and does not close, if any."""
    found = _QUOTED_VALUE.match(line)
    if not found:
        return None
    quote = found.group("q")
    rest = line[found.end() :]
    if quote == '"':
        rest = rest.replace('\\"', "")
        return quote if rest.count('"') % 2 == 0 else None
    return quote if rest.replace("''", "").count("'") % 2 == 0 else None


def _opened_quote(lines: list[str], first: int, last: int) -> tuple[int, str] | None:
    """The last line in ``first``..``last`` whose quoted value is not closed on that line."""
    for n in range(last, first - 1, -1):
        quote = _unbalanced(_line(lines, n))
        if quote:
            return n, quote
    return None


def explain(exc: yaml.MarkedYAMLError, text: str) -> tuple[int | None, dict[str, Any]]:
    """(line to fix, finding parameters) for a ``yaml.MarkedYAMLError`` raised while parsing ``text``.

    The parameters: ``problem`` (a ``yaml.…`` kind), ``hint`` (a ``yaml.hint.…`` key or ""), ``noticed``
    (the parser's line when it differs from the line to fix), ``char``/``quote`` for the message,
    ``detail`` (libyaml's own words, for an error no kind describes) and ``tab`` (always False: the hint
    says it).
    """
    problem = str(exc.problem or "")
    context = str(exc.context or "")
    pmark = exc.problem_mark or exc.context_mark
    cmark = exc.context_mark or pmark
    pline = pmark.line + 1 if pmark is not None else None
    cline = cmark.line + 1 if cmark is not None else pline
    lines = text.split("\n")
    kind, hint, line = "yaml.other", "", pline
    extra: dict[str, Any] = {}
    here = _line(lines, pline or 0)
    column = pmark.column if pmark is not None else 0
    char = here[column] if 0 <= column < len(here) else ""
    if "quoted scalar" in context and "end of stream" in problem:
        opened = _line(lines, cline or 0)
        col = cmark.column if cmark is not None else 0
        kind, hint, line = "yaml.unclosed-quote", "yaml.hint.close-quote", cline
        extra["quote"] = opened[col] if 0 <= col < len(opened) else '"'
    elif "tab" in problem or char == "\t":
        kind, hint = "yaml.tab", "yaml.hint.tab"
    elif "cannot start any token" in problem:
        kind, hint = "yaml.bad-char", "yaml.hint.quote-value"
        extra["char"] = char
    elif "mapping values are not allowed" in problem and pline is not None:
        prev = _previous(lines, pline)
        prev_text = _line(lines, prev or 0)
        if prev is not None and _MISSING_SPACE.match(prev_text) and not _KEY_VALUE.match(prev_text):
            kind, hint, line = "yaml.missing-space", "yaml.hint.missing-space", prev
        elif (
            prev is not None
            and _indent(here) > _indent(prev_text)
            and _KEY_VALUE.match(prev_text)
            and prev_text.split(":", 1)[1].strip()
        ):
            kind, hint = "yaml.bad-indent", "yaml.hint.indent"
        else:
            kind, hint = "yaml.mapping-values", "yaml.hint.quote-colon"
    elif "did not find expected key" in problem or "expected '-' indicator" in problem:
        quote = _opened_quote(lines, cline or 1, (pline or 1) - 1) if pline else None
        if quote is not None:
            kind, hint, line = "yaml.unclosed-quote", "yaml.hint.close-quote", quote[0]
            extra["quote"] = quote[1]
        elif re.search(r"""['"]\s*[^\s#,'"]""", here) and _QUOTED_VALUE.match(here):
            kind, hint = "yaml.text-after-quote", "yaml.hint.inner-quote"
        elif "'-'" in problem:
            kind, hint = "yaml.expected-dash", "yaml.hint.indent"
        else:
            kind, hint = "yaml.expected-key", "yaml.hint.indent"
    elif "expected ',' or" in problem:
        kind, hint, line = "yaml.unclosed-bracket", "yaml.hint.close-bracket", cline
        extra["bracket"] = "[" if "]" in problem else "{"
    elif "escape" in problem:
        kind, hint = "yaml.bad-escape", "yaml.hint.escape"
    elif "single document" in context:
        kind, hint = "yaml.many-documents", "yaml.hint.one-document"
    elif "undefined alias" in problem or "anchor" in context:
        kind, hint = "yaml.bad-char", "yaml.hint.quote-value"
        extra["char"] = char or "*"
    elif "block scalar" in context:
        kind, hint = "yaml.block-scalar", "yaml.hint.indent"
    noticed = pline if line is not None and pline is not None and line != pline else None
    params = {"problem": kind, "hint": hint, "noticed": noticed, "detail": problem, "tab": False, **extra}
    return line, params
