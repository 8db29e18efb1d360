"""YAML parser errors in the clerk's language, with a hint and the line to fix (dkst.load.yamlerrors)."""

from __future__ import annotations

import re

import pytest

from dkst.findings import finding_message, make
from dkst.load.yamlio import parse_text

ENGLISH = re.compile(
    r"\b(mapping|values|allowed|context|found|expected|scanning|parsing|token|while|"
    r"not|is|the|stream|character)\b",
    re.IGNORECASE,
)


def _finding(text: str) -> tuple[int | None, str, str]:
    parsed = parse_text(text)
    syntax = [p for p in parsed.problems if p[0] == "yaml-syntax"]
    assert syntax, parsed.problems
    _, line, params = syntax[0]
    finding = make("yaml-syntax", "units/an-my/reports/H1.yaml", line, **params)
    return line, finding_message(finding, "vi"), finding_message(finding, "en")


CASES = [
    # (name, text, line to fix, words the Vietnamese message has, words the English one has)
    ("colon in a text", "number: 1\nname: Hội LHPN: tổ 5\n", 2, ["ngoặc kép", "“: ”"], ["double quotes"]),
    ("tab", "a:\n\tb: 1\n", 2, ["Tab", "dấu cách"], ["tab"]),
    ("unclosed double quote", 'a: "abc\nb: 2\nc: 3\n', 1, ['dấu nháy " mở ở dòng này', "dòng 4"], ["never closed"]),
    ("unclosed quote closed later", 'a: "abc\nb: 2\nc: "x"\n', 1, ["không được đóng", "dòng 3"], ["line 3"]),
    ("single quote inside", "a: 'Nhà văn hóa 'Tổ 5''\n", 1, ["nháy đơn"], ["single quote"]),
    ("deeper indentation", "a: 1\n  b: 2\n", 2, ["thụt lề"], ["indentation"]),
    ("missing space", "a:1\nb: 2\n", 1, ["dấu cách", "dòng 2"], ["space after the colon"]),
    ("unclosed bracket", "a: [1, 2\nb: 3\n", 1, ["ngoặc [", "dòng 2"], ["never closed"]),
    ("list item", "a:\n  - 1\n  b: 2\n", 3, ["“- ”"], ["“- ”"]),
    ("at sign", "a: @x\n", 1, ["“@”", "ngoặc kép"], ["“@”"]),
    ("two documents", "a: 1\n---\nb: 2\n", 2, ["---"], ["---"]),
    ("backslash", 'path: "C:\\q"\n', 1, ["nháy đơn"], ["single quotes"]),
]


@pytest.mark.parametrize(("name", "text", "line", "vi_words", "en_words"), CASES, ids=[c[0] for c in CASES])
def test_translated_with_hint_and_line(
    name: str, text: str, line: int, vi_words: list[str], en_words: list[str]
) -> None:
    found, vi, en = _finding(text)
    assert found == line, (name, vi)
    for word in vi_words:
        assert word in vi, (name, vi)
    for word in en_words:
        assert word in en, (name, en)
    assert not ENGLISH.search(vi.replace("YAML", "")), vi


def test_libyaml_words_never_reach_a_vietnamese_message() -> None:
    texts = [
        "a: b: c\n",
        "- a\nb: 1\n",
        "a: |x\n  b\n",
        "%x\na: 1\n",
        "a: {x: 1\nb: 3\n",
        "a: 'abc\nb: 2\n",
        'a: "x" y\n',
        "? [a\n",
    ]
    for text in texts:
        _, vi, _ = _finding(text)
        assert not ENGLISH.search(vi.replace("YAML", "")), (text, vi)


def test_an_old_problem_text_is_still_shown() -> None:
    finding = make("yaml-syntax", "x.yaml", 1, problem="something libyaml said", tab=False)
    assert "something libyaml said" in finding_message(finding, "en")
