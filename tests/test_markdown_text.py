"""Markdown that stays text (#22, point 3): a tag typed into the data is written as ``&lt;``, ``&gt;``, ``&amp;``,
never as ``\\<`` (which Python-Markdown, the renderer of MkDocs, passes through as a live tag). Rendered here by
Python-Markdown and by markdown-it-py (CommonMark), from ``aggregate --format md``, ``render`` and the letters."""

from __future__ import annotations

import html
import importlib
import re
import shutil
from pathlib import Path

import pytest

from dkst import escape
from tests.conftest import REPO, run_dkst

AS_OF = "2023-07-10"
TAG = "<img src=x onerror=alert(1)>"
AMP = "Sở GD&ĐT &amp; <b>đậm</b>"


@pytest.fixture
def tagged(tmp_path: Path) -> Path:
    """The bundled dataset with a tag in two units' names: one that reported, one that gets a letter."""
    dest = tmp_path / "ds"
    shutil.copytree(REPO / "data", dest, ignore=shutil.ignore_patterns("out", ".dkst-*"))
    units = dest / "units.yaml"
    text = units.read_text(encoding="utf-8")
    text = text.replace("name: Hội Nông dân thành phố", f'name: "Hội Nông dân {TAG}"')
    text = text.replace("name: Hội Cựu chiến binh thành phố", f'name: "Hội CCB {TAG} {AMP}"')
    text = text.replace("short_name: Hội Nông dân", f'short_name: "HND {TAG}"')
    text = text.replace("short_name: Hội CCB", f'short_name: "CCB {TAG} {AMP}"')
    units.write_text(text, encoding="utf-8")
    return dest


def renderers() -> list[tuple[str, object]]:
    from markdown_it import MarkdownIt

    out: list[tuple[str, object]] = [("markdown-it", MarkdownIt("commonmark").enable("table").render)]
    try:  # by name: Python-Markdown has no type stubs
        markdown = importlib.import_module("markdown")
    except ImportError:  # Python-Markdown is in the test extras; the raw text is judged anyway
        return out
    out.append(("Python-Markdown", lambda text: markdown.markdown(text, extensions=["tables"])))
    return out


def assert_stays_text(md: str) -> None:
    """No tag of the data in the Markdown, nor in the HTML any renderer makes of it; the text reads as typed."""
    assert "<img" not in md and "<b>" not in md and "\\<" not in md
    assert "&lt;img src=x onerror=alert(1)&gt;" in md
    for name, render in renderers():
        page = render(md)  # type: ignore[operator]
        assert isinstance(page, str)
        assert not re.search(r"<img\b", page, re.I), name
        assert "<b>" not in page, name
        assert TAG in html.unescape(re.sub(r"<[^>]+>", "", page)), name


def test_escape_writes_entities() -> None:
    assert escape.markdown(TAG) == "&lt;img src=x onerror=alert(1)&gt;"
    assert escape.markdown("a & b &amp; c") == "a &amp; b &amp;amp; c"
    assert escape.markdown("> không phải trích dẫn") == "&gt; không phải trích dẫn"
    assert escape.markdown_cell("a <b>\nc") == "a &lt;b&gt;<br>c"


def test_aggregate_md(tagged: Path) -> None:
    proc = run_dkst("aggregate", "-d", str(tagged), "-p", "H1", "--as-of", AS_OF, "-f", "md")
    assert proc.returncode == 0, proc.stderr
    assert_stays_text(proc.stdout)
    assert "&amp;amp;" in proc.stdout and "GD&amp;ĐT" in proc.stdout


def test_render_md(tagged: Path) -> None:
    proc = run_dkst("render", "-d", str(tagged), "-p", "H1", "--as-of", AS_OF)
    assert proc.returncode == 0, proc.stderr
    assert_stays_text(proc.stdout)


def test_letters_md(tagged: Path, tmp_path: Path) -> None:
    out = tmp_path / "nhac"
    proc = run_dkst("remind", "-d", str(tagged), "-p", "H1", "--as-of", AS_OF, "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    letter = (out / "hoi-cuu-chien-binh.md").read_text(encoding="utf-8")
    assert_stays_text(letter)
    assert "GD&amp;ĐT" in letter
