"""The short rules of a Vietnamese official document fitted to the text they underline (Nghị định 30/2020/NĐ-CP,
Phụ lục I): under the motto a line as long as the motto; under the issuing body's name and under the subject
(trích yếu) a line of 1/3 to 1/2 of the text (here 40 %).

A rule is an empty paragraph with a bottom border, indented on both sides (as the built-in templates and most
Word templates draw it). Its length depends on the data (a ward's name is longer than "BAN THƯỜNG TRỰC"), so
:func:`fit_rules` measures the text above each rule after rendering, with the advance widths of Times New Roman
(Liberation Serif has the same metrics), and sets the indents. A rule whose text cannot be found is left as the
template draws it.
"""

from __future__ import annotations

import unicodedata
from typing import Any

#: Advance widths (1/1000 em) of Times New Roman for the characters " " … "~", regular and bold.
_REGULAR = [
    250,
    333,
    408,
    500,
    500,
    833,
    778,
    180,
    333,
    333,
    500,
    564,
    250,
    333,
    250,
    278,
    500,
    500,
    500,
    500,
    500,
    500,
    500,
    500,
    500,
    500,
    278,
    278,
    564,
    564,
    564,
    444,
    921,
    722,
    667,
    667,
    722,
    611,
    556,
    722,
    722,
    333,
    389,
    722,
    611,
    889,
    722,
    722,
    556,
    722,
    667,
    556,
    611,
    722,
    722,
    944,
    722,
    722,
    611,
    333,
    278,
    333,
    469,
    500,
    333,
    444,
    500,
    444,
    500,
    444,
    333,
    500,
    500,
    278,
    278,
    500,
    278,
    778,
    500,
    500,
    500,
    500,
    333,
    389,
    278,
    500,
    500,
    722,
    500,
    500,
    444,
    480,
    200,
    480,
    541,
]
_BOLD = [
    250,
    333,
    555,
    500,
    500,
    1000,
    833,
    278,
    333,
    333,
    500,
    570,
    250,
    333,
    250,
    278,
    500,
    500,
    500,
    500,
    500,
    500,
    500,
    500,
    500,
    500,
    333,
    333,
    570,
    570,
    570,
    500,
    930,
    722,
    667,
    722,
    722,
    667,
    611,
    778,
    778,
    389,
    500,
    778,
    667,
    944,
    722,
    778,
    611,
    778,
    722,
    556,
    667,
    722,
    722,
    1000,
    722,
    722,
    667,
    333,
    278,
    333,
    581,
    500,
    333,
    500,
    556,
    444,
    556,
    444,
    333,
    500,
    556,
    278,
    333,
    556,
    278,
    833,
    556,
    500,
    556,
    556,
    444,
    389,
    333,
    556,
    500,
    722,
    500,
    500,
    444,
    394,
    220,
    394,
    520,
]
#: Special characters of Vietnamese text not decomposed by NFD, and typographic marks.
_OTHER = {"Đ": "D", "đ": "d", "“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "…": "."}
TWIPS_PER_MM = 1440 / 25.4
#: Rule length as a share of the text it underlines: 1/3 to 1/2 for the issuer and the subject.
SHARE = 0.4


def text_width_mm(text: str, size_pt: float, bold: bool) -> float:
    """The printed width of one line of ``text`` in Times New Roman."""
    table = _BOLD if bold else _REGULAR
    total = 0
    for ch in text:
        base = _OTHER.get(ch) or unicodedata.normalize("NFD", ch)[0]
        code = ord(base)
        total += table[code - 32] if 32 <= code < 127 else 500
    return total / 1000 * size_pt * 25.4 / 72


def _wrapped_width(text: str, size: float, bold: bool, box_mm: float) -> float:
    """The longest printed line of ``text`` (line breaks kept, words wrapped at ``box_mm``)."""
    longest = 0.0
    space = text_width_mm(" ", size, bold)
    for line in text.split("\n"):
        current = 0.0
        for word in line.split():
            w = text_width_mm(word, size, bold)
            if current and current + space + w > box_mm:
                longest = max(longest, current)
                current = w
            else:
                current = current + space + w if current else w
        longest = max(longest, current)
    return min(longest, box_mm)


def _style_value(paragraph: Any, name: str) -> Any:
    runs = [r for r in paragraph.runs if r.text.strip()]
    for run in runs:
        value = getattr(run.font, name)
        if value is not None:
            return value
    style = paragraph.style
    while style is not None:
        value = getattr(style.font, name)
        if value is not None:
            return value
        style = style.base_style
    return None


def _is_rule(paragraph: Any) -> bool:
    from docx.oxml.ns import qn

    ppr = paragraph._p.pPr
    if paragraph.text.strip() or ppr is None:
        return False
    border = ppr.find(qn("w:pBdr"))
    return border is not None and border.find(qn("w:bottom")) is not None


def _fit(paragraphs: list[Any], box_mm: float, share: float) -> None:
    from docx.shared import Mm

    def width(above: Any) -> float:
        size = _style_value(above, "size")
        size_pt = size.pt if size is not None else 13.0
        return _wrapped_width(above.text, size_pt, bool(_style_value(above, "bold")), box_mm)

    block: list[Any] = []  # the text since the last rule: a bold line (the organ) rules alone, else the longest
    for p in paragraphs:
        if _is_rule(p):
            if block:
                last = block[-1]
                length = (width(last) if _style_value(last, "bold") else max(width(b) for b in block)) * share
                if length > 0:
                    side = max((box_mm - length) / 2, 0)
                    p.paragraph_format.left_indent = Mm(side)
                    p.paragraph_format.right_indent = Mm(side)
                    p.paragraph_format.first_line_indent = Mm(0)
            block = []
        elif p.text.strip():
            block.append(p)


def fit_rules(document: Any) -> None:
    """Fit every rule of the letterhead table (left column: 40 % of the issuer's name; right: the motto's
    length) and of the body (the subject: 40 %) to the text just above it."""
    from docx.oxml.ns import qn

    if document.tables:
        row = document.tables[0].rows[0]
        for index, cell in enumerate(row.cells[:2]):
            tcw = cell._tc.tcPr.find(qn("w:tcW")) if cell._tc.tcPr is not None else None
            width = tcw.get(qn("w:w")) if tcw is not None else None
            if width and width.isdigit():
                _fit(cell.paragraphs, int(width) / TWIPS_PER_MM, 1.0 if index == 1 else SHARE)
    section = document.sections[0]
    if section.page_width and section.left_margin is not None and section.right_margin is not None:
        box = (section.page_width - section.left_margin - section.right_margin) / 36000
        _fit(document.paragraphs, box, SHARE)
