"""What the tests of the page for leaders (``render --format html``) share: the figures a page carries
(``<data value=… data-figure=…>``) compared with ``dkst aggregate --format json``, and what a page may not hold."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from dkst.documents.filters import ennum, num


class _Figures(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str, str]] = []
        self._open: list[tuple[str, str]] = []
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "data" and a.get("data-figure") is not None:
            self._open.append((a["data-figure"] or "", a.get("value") or ""))
            self._text = []

    def handle_data(self, data: str) -> None:
        if self._open:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "data" and self._open:
            path, value = self._open.pop()
            self.found.append((path, value, "".join(self._text)))


def figures_in(html: str) -> list[tuple[str, str, str]]:
    """Every figure of a page: (path in the aggregate's JSON, the ``value`` attribute, the text shown)."""
    parser = _Figures()
    parser.feed(html)
    return parser.found


def lookup(summary: dict[str, Any], path: str) -> Any:
    """The value at ``path`` (``reports.expected``, ``by_kind.ward.completeness``, ``units.an-my.indicators.x``)
    of the aggregate's JSON; a unit is found by its id."""
    node: Any = summary
    parts = path.split(".")
    i = 0
    while i < len(parts):
        part = parts[i]
        if isinstance(node, list):  # units: by id (an id may hold no dot, so one part)
            node = next(u for u in node if u["id"] == part)
        else:
            node = node[part]
        i += 1
    return node


def compare(found: list[tuple[str, str, str]], summary: dict[str, Any], lang: str = "vi") -> list[str]:
    """The differences between a page's figures and the aggregate's JSON (empty: none)."""
    out = []
    for path, value, shown in found:
        try:
            want = lookup(summary, path)
        except (KeyError, StopIteration):
            out.append(f"{path}: not in the aggregate's JSON")
            continue
        if want is None:
            if value != "":
                out.append(f"{path}: page {value!r}, aggregate null")
            continue
        if isinstance(want, bool) or not isinstance(want, int | float):
            out.append(f"{path}: not a figure in the aggregate's JSON ({want!r})")
            continue
        if float(value) != float(want):
            out.append(f"{path}: page {value!r}, aggregate {want!r}")
        if isinstance(want, int) and shown.strip() != (ennum(want) if lang == "en" else num(want)):
            out.append(f"{path}: shown {shown!r} for {want!r}")
    return out


#: What would make the page ask for something when it is opened: a script, a link to a style sheet or a font,
#: a picture, frame or object by address, an @import, a url() that is not inside the page.
EXTERNAL = re.compile(
    r"<script|<link\b|<iframe|<object|<embed|\bsrc\s*=\s*(?![\"']?data:)|@import|@font-face|"
    r"url\(\s*(?![\"']?(?:#|data:))|\bhref\s*=\s*(?![\"']?#)",
    re.IGNORECASE,
)


def external_refs(html: str) -> list[str]:
    """Anything in the page that would fetch from elsewhere (the SVG namespace ``xmlns`` is a name, not a request)."""
    return [m.group(0) for m in EXTERNAL.finditer(html)]
