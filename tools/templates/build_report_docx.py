"""Build ``templates/report.docx``, the built-in Word template of the period report, with python-docx.

Run from the repository root (the output is the same bytes every time)::

    python tools/templates/build_report_docx.py              # writes templates/report.docx (Vietnamese)
    python tools/templates/build_report_docx.py --lang en    # writes templates/en/report.docx (English)
    python tools/templates/build_report_docx.py [--lang en] OUT.docx

This is a bootstrap, not the source: the checked-in ``templates/*.docx`` are the templates, edited in
Word from now on (the tests lint them, they do not compare them with this script's output). Run it
only to start again from a clean layout, and check the result in Word before committing it.

The document follows the layout of Nghị định 30/2020/NĐ-CP (Phụ lục I): A4, margins 20/20/30/15 mm,
Times New Roman, body 14 pt justified with a 1 cm first-line indent; the letterhead as a borderless
two-column table; page numbers centred in the header from page 2. The per-unit table is an appendix
on landscape pages (Phụ lục), so that every indicator gets a readable column.

It is a docxtpl template: every ``{{ … }}`` / ``{% … %}`` tag is written as a whole run, ``{%p … %}``
paragraphs carry paragraph-level loops and conditions, ``{%tr … %}`` rows carry table-row loops and
``{%tc … %}`` cells the column loop over the indicators. A clerk may edit the text and the styles in
Word; keep each tag in one piece (type it at once, do not format part of it). The variables are
described in the docstring of ``dkst/documents/render.py``.

Both languages are built by the same code, so the two documents cannot drift apart in layout: only
the words differ, and they come from :data:`TEXT`, one table per language. The English words are
the English twin of the Vietnamese ones; its template tags call the English filters (``endate``,
``ennum``, ``enpct``, ``enfigure``, ``enformula``) where the Vietnamese call ``vndate``, ``num``, ``pct``,
``figure``. What comes from the data (names, letterhead, signer, titles, period names) is printed as
written in both.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
import zipfile
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

FONT = "Times New Roman"
HERE = Path(__file__).resolve().parent
#: The repository's ``templates/`` folder (the built-in templates).
TEMPLATES = HERE.parent.parent / "templates"
#: Where each language's template goes (dkst.documents.render.find_template looks there).
OUT = {"vi": TEMPLATES / "report.docx", "en": TEMPLATES / "en" / "report.docx"}
LATER_THAN_SZ = {
    qn("w:" + t)
    for t in (
        "highlight",
        "u",
        "effect",
        "bdr",
        "shd",
        "fitText",
        "vertAlign",
        "rtl",
        "cs",
        "em",
        "lang",
        "eastAsianLayout",
        "specVanish",
        "oMath",
    )
}
PORTRAIT_WIDTH = 165  # mm of text: 210 - 30 - 15
RECIPIENT_INDENT = 3  # mm: the hanging indent of a "Nơi nhận" line ("-", tab, text)
LANDSCAPE_WIDTH = 247  # mm of text: 297 - 30 - 20


# --------------------------------------------------------------------------- low-level helpers


def set_fonts(rpr, size: float | None = None) -> None:
    """Times New Roman for every script (ascii, hAnsi, eastAsia, cs), no theme font overriding it."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    if size is not None:
        # CT_RPr is a sequence: w:sz, then w:szCs, before highlight / u / … / lang
        sz = rpr.find(qn("w:sz"))
        if sz is None:
            sz = OxmlElement("w:sz")
            later = next((el for el in rpr if el.tag in LATER_THAN_SZ), None)
            if later is not None:
                later.addprevious(sz)
            else:
                rpr.append(sz)
        sz.set(qn("w:val"), str(int(size * 2)))
        szcs = rpr.find(qn("w:szCs"))
        if szcs is None:
            szcs = OxmlElement("w:szCs")
            sz.addnext(szcs)
        szcs.set(qn("w:val"), str(int(size * 2)))


def set_lang(rpr, language: str = "vi-VN") -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        later = next((el for el in rpr if el.tag in (qn("w:eastAsianLayout"), qn("w:specVanish"), qn("w:oMath"))), None)
        if later is not None:
            later.addprevious(lang)
        else:
            rpr.append(lang)
    lang.set(qn("w:val"), language)
    lang.set(qn("w:eastAsia"), language)
    lang.set(qn("w:bidi"), "ar-SA")


def style_font(style, size: float, bold: bool | None = None, italic: bool | None = None) -> None:
    style.font.name = FONT
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = italic
    style.font.color.rgb = None
    set_fonts(style.element.get_or_add_rPr(), size)


def style_para(
    style,
    *,
    align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    first_indent: float | None = 1.0,
    before: float = 0,
    after: float = 6,
    line: float | None = 1.15,
    keep_next: bool = False,
) -> None:
    pf = style.paragraph_format
    pf.alignment = align
    pf.first_line_indent = Cm(first_indent) if first_indent else Cm(0)
    pf.left_indent = Cm(0)
    pf.right_indent = Cm(0)
    pf.space_before = Pt(before)
    pf.space_after = Pt(after)
    if line is None:
        pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
    else:
        pf.line_spacing = line
    pf.keep_with_next = keep_next
    pf.widow_control = True


def add_style(doc, name: str, base: str = "Normal"):
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles[base]
    style.quick_style = True
    return style


def para(
    container,
    text: str = "",
    style: str | None = None,
    *,
    bold: bool | None = None,
    italic: bool | None = None,
    size: float | None = None,
    align=None,
):
    """A paragraph holding ``text`` as ONE run (so that a template tag is never split)."""
    p = container.add_paragraph(style=style)
    if text:
        run(p, text, bold=bold, italic=italic, size=size)
    if align is not None:
        p.alignment = align
    return p


def run(p, text: str, *, bold: bool | None = None, italic: bool | None = None, size: float | None = None):
    r = p.add_run(text)
    if bold is not None:
        r.bold = bold
    if italic is not None:
        r.italic = italic
    if size is not None:
        r.font.size = Pt(size)
    return r


def hole(p, text: str):
    """A placeholder run: highlighted yellow in Word, so that what is still to be written cannot be missed."""
    r = run(p, text)
    rpr = r._r.get_or_add_rPr()
    mark = OxmlElement("w:highlight")
    mark.set(qn("w:val"), "yellow")
    rpr.append(mark)
    return r


def words(doc, key: str) -> None:
    """The committee's words of a narrative key, a paragraph per line, or its highlighted placeholder."""
    para(doc, f"{{%p for t in narrative.{key} %}}")
    para(doc, "{{ t }}")
    para(doc, "{%p else %}")
    hole(para(doc), f"{{{{ holes.{key} }}}}")
    para(doc, "{%p endfor %}")


def unit_items(doc, key: str) -> None:
    """The units' texts of ``key`` as a list: each unit named once; a text of several lines (a roll-up's) as a
    list under the name."""
    para(doc, f"{{%p for x in {key} %}}")
    p = para(doc, "- ")
    p.paragraph_format.keep_with_next = False
    run(p, "{{ x.unit_name }}", bold=True)
    run(p, ":{{ (' ' ~ x.lines[0]) if x.lines|length == 1 else '' }}")
    para(doc, "{%p for l in (x.lines if x.lines|length > 1 else []) %}")
    q = para(doc, "– {{ l }}")
    q.paragraph_format.left_indent = Cm(1.0)
    q.paragraph_format.first_line_indent = Cm(0)
    para(doc, "{%p endfor %}")
    para(doc, "{%p endfor %}")


def lead(doc, text: str):
    """A lead-in ending in ":": kept on the page of what it introduces."""
    p = para(doc, text)
    p.paragraph_format.keep_with_next = True
    return p


def rule(container, style: str, width_mm: float, box_mm: float):
    """A short horizontal line (the rule under the organ name, the motto, the subject line):
    a 5 pt high empty paragraph with a bottom border, indented so that the line is ``width_mm`` long."""
    p = container.add_paragraph(style=style)
    side = max((box_mm - width_mm) / 2, 0)
    pf = p.paragraph_format
    pf.left_indent = Mm(side)
    pf.right_indent = Mm(side)
    pf.first_line_indent = Mm(0)
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(5)
    pf.keep_with_next = False
    ppr = p._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for k, v in (("w:val", "single"), ("w:sz", "6"), ("w:space", "0"), ("w:color", "auto")):
        bottom.set(qn(k), v)
    bdr.append(bottom)
    # CT_PPr is a sequence: w:pBdr comes before w:spacing and w:ind
    anchor = next(
        (el for el in ppr if el.tag in (qn("w:shd"), qn("w:tabs"), qn("w:spacing"), qn("w:ind"), qn("w:jc"))), None
    )
    if anchor is not None:
        anchor.addprevious(bdr)
    else:
        ppr.append(bdr)
    return p


def set_cell_width(cell, mm: float) -> None:
    cell.width = Mm(mm)


def table(container, widths_mm: list[float], *, grid: bool = True, total_mm: float | None = None):
    """A table of fixed column widths; ``grid`` gives it borders (Table Grid), else none."""
    t = container.add_table(rows=0, cols=len(widths_mm))
    t.style = container.part.document.styles["Table Grid"] if grid else None
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False  # w:tblLayout fixed
    tblpr = t._tbl.tblPr
    total = total_mm if total_mm is not None else sum(widths_mm)
    scale = total / sum(widths_mm)
    widths = [w * scale for w in widths_mm]
    tblw = tblpr.find(qn("w:tblW"))
    if tblw is None:
        tblw = OxmlElement("w:tblW")
        tblpr.append(tblw)
    tblw.set(qn("w:w"), str(int(Mm(total).twips)))
    tblw.set(qn("w:type"), "dxa")
    for col, w in zip(t.columns, widths, strict=True):
        col.width = Mm(w)
    t._dkst_widths = widths
    return t


def no_cell_margins(t) -> None:
    mar = OxmlElement("w:tblCellMar")
    for side in ("w:left", "w:right"):
        el = OxmlElement(side)
        el.set(qn("w:w"), "0")
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    tblpr = t._tbl.tblPr
    # CT_TblPr is a sequence: tblCellMar goes before tblLook / tblCaption / tblDescription
    anchor = next((el for el in tblpr if el.tag in (qn("w:tblLook"), qn("w:tblCaption"), qn("w:tblDescription"))), None)
    if anchor is not None:
        anchor.addprevious(mar)
    else:
        tblpr.append(mar)


def add_row(
    t, texts: list[str], style: str, *, header: bool = False, bold: bool | None = None, styles: list[str] | None = None
):
    row = t.add_row()
    trpr = row._tr.get_or_add_trPr()
    cant = OxmlElement("w:cantSplit")
    trpr.append(cant)
    if header:
        hdr = OxmlElement("w:tblHeader")
        trpr.append(hdr)
    for i, (cell, text) in enumerate(zip(row.cells, texts, strict=True)):
        set_cell_width(cell, t._dkst_widths[i])
        p = cell.paragraphs[0]
        p.style = t.part.document.styles[styles[i] if styles else style]
        if text:
            run(p, text, bold=bold)
    return row


def tag_row(t, tag: str, style: str = "Table Text"):
    """A row that only carries a ``{%tr … %}`` tag: one merged cell (docxtpl drops the whole row)."""
    row = t.add_row()
    for i, cell in enumerate(row.cells):
        set_cell_width(cell, t._dkst_widths[i])
    merged = row.cells[0].merge(row.cells[-1])
    p = merged.paragraphs[0]
    p.style = t.part.document.styles[style]
    run(p, tag)
    for extra in merged.paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    return row


def page_field(p) -> None:
    """A PAGE field (complex field: begin / instruction / separate / result / end)."""

    def fld(kind: str):
        r = p.add_run()
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        r._r.append(el)

    fld("begin")
    r = p.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    r._r.append(instr)
    fld("separate")
    p.add_run("2")
    fld("end")


# --------------------------------------------------------------------------- styles and page


def setup_styles(doc, s: dict) -> None:
    styles = doc.styles
    # document defaults: Times New Roman 14 pt, the document's language
    rpr_default = styles.element.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr"))
    set_fonts(rpr_default, 14)
    set_lang(rpr_default, s["language"])

    normal = styles["Normal"]
    style_font(normal, 14)
    style_para(normal)

    for name, size in (("Heading 1", 14), ("Heading 2", 14), ("Heading 3", 14)):
        h = styles[name]
        rpr = h.element.get_or_add_rPr()
        for child in list(rpr):
            rpr.remove(child)
        style_font(h, size, bold=True, italic=(name == "Heading 3") or None)
        style_para(h, before=6, after=6, keep_next=True)
        h.font.color.rgb = None

    s = add_style(doc, "Document Title")
    style_font(s, 14, bold=True)
    style_para(s, align=WD_ALIGN_PARAGRAPH.CENTER, first_indent=None, before=0, after=0, line=None, keep_next=True)

    s = add_style(doc, "Letterhead")
    style_font(s, 13)
    style_para(s, align=WD_ALIGN_PARAGRAPH.CENTER, first_indent=None, after=0, line=None)

    s = add_style(doc, "Table Text")
    style_font(s, 12)
    style_para(s, align=WD_ALIGN_PARAGRAPH.LEFT, first_indent=None, before=2, after=2, line=None)

    s = add_style(doc, "Table Heading", "Table Text")
    style_font(s, 12, bold=True)
    style_para(s, align=WD_ALIGN_PARAGRAPH.CENTER, first_indent=None, before=2, after=2, line=None)

    s = add_style(doc, "Table Number", "Table Text")
    style_font(s, 12)
    style_para(s, align=WD_ALIGN_PARAGRAPH.CENTER, first_indent=None, before=2, after=2, line=None)

    s = add_style(doc, "Table Total", "Table Number")
    style_font(s, 12, bold=True)
    style_para(s, align=WD_ALIGN_PARAGRAPH.CENTER, first_indent=None, before=2, after=2, line=None)

    s = add_style(doc, "Recipients Heading")
    style_font(s, 12, bold=True, italic=True)
    style_para(s, align=WD_ALIGN_PARAGRAPH.LEFT, first_indent=None, before=6, after=0, line=None)

    s = add_style(doc, "Recipients")
    style_font(s, 11)
    style_para(s, align=WD_ALIGN_PARAGRAPH.LEFT, first_indent=None, after=0, line=None)
    # a hanging indent: "-", a tab, the recipient; a wrapped line starts under the recipient's first letter
    s.paragraph_format.left_indent = Mm(RECIPIENT_INDENT)
    s.paragraph_format.first_line_indent = Mm(-RECIPIENT_INDENT)

    s = add_style(doc, "Signature Block")
    style_font(s, 14, bold=True)
    style_para(s, align=WD_ALIGN_PARAGRAPH.CENTER, first_indent=None, after=0, line=None)

    s = add_style(doc, "Page Number")
    style_font(s, 13)
    style_para(s, align=WD_ALIGN_PARAGRAPH.CENTER, first_indent=None, after=0, line=None)


def portrait(section) -> None:
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = Mm(210)
    section.page_height = Mm(297)
    section.top_margin = Mm(20)
    section.bottom_margin = Mm(20)
    section.left_margin = Mm(30)
    section.right_margin = Mm(15)
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)


def landscape(section) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width = Mm(297)
    section.page_height = Mm(210)
    # the binding edge keeps NĐ 30's 30 mm whichever way the sheet is bound: the top (a landscape page
    # bound with portrait ones, turned as Word turns the margins) and the left (bound on its own)
    section.top_margin = Mm(30)
    section.bottom_margin = Mm(20)
    section.left_margin = Mm(30)
    section.right_margin = Mm(20)
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)


# --------------------------------------------------------------------------- the words, per language

#: Every word of the template, per language. The Vietnamese table is the original; the English one is
#: its twin, key for key. Template tags inside are whole (docxtpl needs each tag in one run).
TEXT: dict[str, dict] = {
    "vi": {
        "language": "vi-VN",
        # column widths in mm (the appendix's are proportions, see appendix())
        "widths": {
            "models": [10, 32, 40, 22, 21, 21, 19],
            "commendations": [10, 36, 36, 17, 44, 22],
            "reporting": [37, 17, 16, 17, 16, 16, 23, 23],
            "units": [13, 58, 28, 27, 8, 19, 8, 15],
        },
        "num": "num",
        "pct": "pct",
        "letterhead_left": 68.0,  # mm: the letterhead's left column
        "organ": "{{ plan.letterhead.organ|upper }}",
        "national": "{{ plan.letterhead.national|upper }}",
        "motto": "{{ plan.letterhead.motto }}",
        "number": "Số: ",
        "report_number": True,
        "date_line": "{{ date_line }}",
        "title": "BÁO CÁO",
        "subject": ("Kết quả thực hiện Phong trào thi đua “Đoàn kết sáng tạo”",),
        "period": "{{ period.in_sentence }}",
        "intro": (
            "Thực hiện {% for b in plan.based_on %}Kế hoạch số {{ b.number }}"
            "{% if b.date %} ngày {{ b.date|vndate }}{% endif %}{% if b.issuer %} của {{ b.issuer }}{% endif %}"
            "{% if b.title %} về {{ b.title|lcfirst }}{% endif %}; {% endfor %}"
            "Kế hoạch{% if plan.number %} số {{ plan.number }}{% endif %}"
            "{% if plan.issued %} ngày {{ plan.issued|vndate }}{% endif %} của {{ plan.issuer }}"
            " về {{ plan.title|lcfirst }}, {{ plan.issuer }} báo cáo kết quả thực hiện Phong trào thi đua"
            " “Đoàn kết sáng tạo” {{ period.in_sentence }} (số liệu tính đến ngày {{ as_of|vndate }}) như sau:"
        ),
        "results": "I. KẾT QUẢ THỰC HIỆN",
        "counted": (
            "Số liệu dưới đây được tổng hợp từ {{ counted_reports|num }} báo cáo của các đơn vị{% if extra_reports %},"
            " gồm cả {{ extra_reports|length|num }} báo cáo của đơn vị không thuộc diện phải báo cáo{% endif %};"
            " số trong ngoặc sau mỗi chỉ tiêu là số báo cáo có chỉ tiêu đó."
        ),
        "figures": (
            "Tổng hợp từ báo cáo của các đơn vị: {% for i in s.indicators %}{{ i|figure }}"
            "{% set c = i|compare(previous_year) %}{% if c %}, {{ c }}{% endif %}"
            "{% if i.total is not none %} ({{ i.units }} đơn vị báo cáo){% endif %}"
            "{{ '; ' if not loop.last else '.' }}{% endfor %}"
        ),
        "compare_sentence": (
            "{% if previous_year %}{% for i in s.indicators %}{% set c = i|compare(previous_year) %}"
            "{% if c %} {{ i.label }} {{ c }}.{% endif %}{% endfor %}{% endif %}"
        ),
        "highlights": "Một số kết quả nổi bật",
        "assessment_part": "II. ĐÁNH GIÁ CHUNG, HẠN CHẾ VÀ NGUYÊN NHÂN",
        "assessment": "1. Đánh giá chung",
        "limitations": "2. Hạn chế",
        "causes": "3. Nguyên nhân",
        "units_limitations": "Tồn tại, hạn chế các đơn vị nêu trong báo cáo:",
        "proposals": "IV. ĐỀ XUẤT, KIẾN NGHỊ",
        "units_proposals": "Kiến nghị, đề xuất của các đơn vị:",
        "closing": "Trên đây là báo cáo kết quả thực hiện Phong trào thi đua “Đoàn kết sáng tạo”"
        " {{ period.in_sentence }}"
        " của {{ plan.issuer }}./.",
        "models": "Xây dựng mô hình “Đoàn kết sáng tạo”",
        "models_text": (
            "{% set m = summary.models %}Trong kỳ, các đơn vị đã triển khai {{ m.total|num }} mô hình"
            " “Đoàn kết sáng tạo”{% set a = [(m.new|num ~ ' mô hình xây dựng mới') if m.new else '',"
            " (m.replicated|num ~ ' mô hình nhân rộng') if m.replicated else '']|select|join(', ') %}"
            "{% if a %}, trong đó {{ a }}{% endif %}{% set b = [(m.in_progress|num ~ ' mô hình đang triển khai')"
            " if m.in_progress else '', (m.completed|num ~ ' mô hình đã hoàn thành') if m.completed else '']"
            "|select|join(', ') %}{% if b %}; {{ b }}{% endif %}{% if m.propose_replication %};"
            " {{ m.propose_replication|num }} mô hình được đề xuất {{ level.own }} nhân rộng{% endif %}."
        ),
        "no_models": "Trong kỳ, chưa có mô hình “Đoàn kết sáng tạo” nào được triển khai.",
        "models_head": ["TT", "Đơn vị", "Tên mô hình", "Lĩnh vực", "Hình thức", "Tình trạng", "Đề xuất nhân rộng"],
        "commendations": "Công tác đánh giá, khen thưởng",
        "commendations_text": (
            "{% set c = summary.commendations %}Qua đánh giá kết quả thực hiện Phong trào, các đơn vị đề nghị"
            " biểu dương, khen thưởng {{ [(c.collective|num ~ ' tập thể') if c.collective else '',"
            " (c.individual|num ~ ' cá nhân') if c.individual else '']|select|join(' và ') }} có thành tích tiêu biểu:"
        ),
        "commendations_head": ["TT", "Đơn vị đề nghị", "Tập thể, cá nhân", "Loại", "Thành tích", "Hình thức"],
        "no_commendations": "Trong kỳ, các đơn vị chưa đề nghị biểu dương, khen thưởng tập thể, cá nhân nào.",
        "reporting": "Tình hình báo cáo của các đơn vị",
        "reporting_text": (
            "{% set r = summary.reports %}Hạn cuối nhận báo cáo {{ period.in_sentence }} là ngày"
            " {{ period.last_on_time_vn }}. Tính đến ngày {{ as_of|vndate }}, có {{ r.expected|num }} đơn vị phải"
            " báo cáo; Ban Thường trực đã nhận báo cáo của {{ r.received|num }} đơn vị (đạt {{ r.completeness|pct }})"
            "{% set a = [(r.on_time|num ~ ' báo cáo đúng hạn (đạt ' ~ r.timeliness|pct ~ ')') if r.on_time else '',"
            " (r.late|num ~ ' báo cáo trễ hạn') if r.late else '']|select|join(' và ') %}"
            "{% if a %}, trong đó {{ a }}{% endif %}"
            "{% if r.missing %}; {{ r.missing|num }} đơn vị chưa gửi báo cáo{% endif %}"
            "{% if r.pending %}; {{ r.pending|num }} đơn vị chưa đến hạn{% endif %}"
            "{% if r.invalid %}; {{ r.invalid|num }} báo cáo không hợp lệ{% endif %}."
            "{% if extra_reports %} Ngoài ra, Ban Thường trực nhận được {{ extra_reports|length|num }} báo cáo của"
            " đơn vị không thuộc diện phải báo cáo kỳ này ({{ extra_reports|map(attribute='name')|join(', ') }});"
            " số liệu của {{ 'báo cáo này' if extra_reports|length == 1 else 'các báo cáo này' }} được tính vào"
            " kết quả tổng hợp, nên tổng số báo cáo được tổng hợp là {{ counted_reports|num }}.{% endif %}"
        ),
        "no_reporting": "Trong kỳ, không có đơn vị nào phải báo cáo (hạn cuối: {{ period.last_on_time_vn }}).",
        "lists": (
            ("late", "Đơn vị gửi báo cáo trễ hạn: ", " ({{ u.days_late }} ngày)"),
            ("missing", "Đơn vị chưa gửi báo cáo: ", ""),
            ("exempt", "Đơn vị được miễn báo cáo kỳ này: ", ""),
        ),
        "left_out": "{% for u in units if u.left_out %}Báo cáo của {{ u.name }} có lỗi số liệu, chưa được tổng hợp."
        "{{ ' ' if not loop.last }}{% endfor %}",
        "provisional": "Số liệu tạm tính đến ngày {{ as_of|vndate }}; còn {{ summary.reports.pending|num }} đơn vị"
        " chưa đến hạn gửi báo cáo.",
        "left_out_cell": "lỗi",
        "reporting_head": [
            "Loại đơn vị",
            "Phải báo cáo",
            "Đã nhận",
            "Đúng hạn",
            "Trễ hạn",
            "Chưa gửi",
            "Tỷ lệ đã nhận",
            "Tỷ lệ đúng hạn",
        ],
        "total": "Tổng cộng",
        "see_appendix": "Kết quả cụ thể của từng đơn vị tại Phụ lục kèm theo.",
        "recipients": "Nơi nhận:",
        "recipient": "",  # a recipient line of plan.yaml as written
        "on_behalf": "{{ plan.signer.on_behalf|upper if plan.signer else '' }}",
        "signer_title": "{{ plan.signer.title|upper if plan.signer else '' }}",
        "appendix": "Phụ lục",
        "compare_intro": "So với cùng kỳ năm {{ previous_year }} (“Cùng kỳ”: tổng hợp từ báo cáo cùng kỳ năm"
        " {{ previous_year }}; “–”: không có số liệu):",
        "compare_head": ["TT", "Chỉ tiêu", "{{ period.name }}", "Cùng kỳ", "Tăng, giảm"],
        "growth": "growth",
        "appendix_title": "KẾT QUẢ THỰC HIỆN PHONG TRÀO THI ĐUA “ĐOÀN KẾT SÁNG TẠO” CỦA CÁC ĐƠN VỊ",
        "appendix_period": "{{ period.name|upper }}",
        "appendix_of": "(Kèm theo Báo cáo số …/BC-{{ plan.letterhead.symbol or '…' }} {{ as_of|vndatelong }}"
        " của {{ plan.issuer }})",
        "appendix_note": "Hạn cuối: {{ period.last_on_time_vn }}; số liệu tính đến ngày {{ as_of|vndate }};"
        " “–”: đơn vị không báo cáo chỉ tiêu này.",
        "chart_caption": "Biểu đồ: tỷ lệ đơn vị đã gửi báo cáo và gửi đúng hạn, theo loại đơn vị",
        "units_head": ["TT", "Đơn vị", "Tình trạng", "Ngày nhận", "Mô hình"],
        "kind_sent": "{% if k.reports.expected %}Đã gửi {{ k.reports.received }}/{{ k.reports.expected }}{% endif %}",
        "unit_status": "{{ u.status_label }}{% if u.days_late %} ({{ u.days_late }} ngày){% endif %}",
        "unit_submitted": "{{ u.submitted_vn }}",
        "total_sent": "Đã gửi {{ summary.reports.received }}/{{ summary.reports.expected }}",
        "doc_title": "Báo cáo kết quả thực hiện Phong trào thi đua “Đoàn kết sáng tạo” {{ period.in_sentence }}",
        "doc_subject": "Phong trào thi đua “Đoàn kết sáng tạo”",
        "rules": {"organ": 20, "motto": 60.5, "subject": 50},
    },
    "en": {
        "language": "en-GB",
        # English headers and labels are longer words than the Vietnamese: wider where a word would break
        "widths": {
            "models": [12, 27, 33, 21, 22, 24, 26],
            "commendations": [12, 33, 34, 23, 41, 22],
            "reporting": [33, 12, 21, 17, 13, 16, 27, 26],
            "units": [13, 55, 28, 27, 8, 19, 8, 18],
        },
        "num": "ennum",
        "pct": "enpct",
        "letterhead_left": 78.0,  # mm: wider, for "VIET NAM FATHERLAND FRONT" (dkst.documents.voice.EN_LETTERHEAD_MM)
        "organ": "{{ plan.letterhead.organ|upper|enformula }}",
        "national": "{{ plan.letterhead.national|upper|enformula }}",
        "motto": "{{ plan.letterhead.motto|enformula }}",
        "number": "No.: ",
        "report_number": True,
        "date_line": "{{ (plan.place ~ ', ') if plan.place else '' }}{{ as_of|endatelong }}",
        "title": "REPORT",
        "subject": ("Results of the emulation movement", "“Đoàn kết sáng tạo” (Solidarity and Creativity)"),
        "period": "{{ period.in_sentence }} ({{ period.start|endate }} – {{ period.end|endate }})",
        "intro": (
            "Pursuant to {% for b in plan.based_on %}Plan No. {{ b.number }}"
            "{% if b.date %} dated {{ b.date|endate }}{% endif %}{% if b.issuer %} of {{ b.issuer }}{% endif %}"
            "{% if b.title %} ({{ b.title }}){% endif %}; {% endfor %}{{ 'and ' if plan.based_on else '' }}"
            "{% if plan.number %}Plan No. {{ plan.number }}{% else %}the Plan{% endif %}"
            "{% if plan.issued %} dated {{ plan.issued|endate }}{% endif %} of {{ plan.issuer }}"
            "{% if plan.title %} ({{ plan.title }}){% endif %}, {{ plan.issuer }} reports on the results of the"
            " emulation movement “Đoàn kết sáng tạo”, {{ period.in_sentence }} (figures as of {{ as_of|endate }}),"
            " as follows:"
        ),
        "results": "I. RESULTS",
        "counted": (
            "The figures below are compiled from {{ counted_reports|ennum }}"
            " {{ 'report' if counted_reports == 1 else 'reports' }} of the units{% if extra_reports %}, including"
            " {{ extra_reports|length|ennum }} from {{ 'a unit' if extra_reports|length == 1 else 'units' }} not"
            " required to report{% endif %}; the number in brackets after each figure is the number of reports"
            " that carry it."
        ),
        "figures": (
            "Totals from the units' reports: {% for i in s.indicators %}{{ i|enfigure }}"
            "{% set c = i|encompare(previous_year) %}{% if c %}, {{ c }}{% endif %}"
            "{% if i.total is not none %} ({{ i.units|ennum }} {{ 'unit' if i.units == 1 else 'units' }}"
            " reporting){% endif %}{{ '; ' if not loop.last else '.' }}{% endfor %}"
        ),
        "compare_sentence": (
            "{% if previous_year %}{% for i in s.indicators %}{% set c = i|encompare(previous_year) %}"
            "{% if c %} {{ i.label }}: {{ c }}.{% endif %}{% endfor %}{% endif %}"
        ),
        "highlights": "Notable results",
        "assessment_part": "II. OVERALL ASSESSMENT, LIMITATIONS AND CAUSES",
        "assessment": "1. Overall assessment",
        "limitations": "2. Limitations",
        "causes": "3. Causes",
        "units_limitations": "Shortcomings and limitations named in the units' reports:",
        "proposals": "IV. PROPOSALS",
        "units_proposals": "Recommendations and proposals of the units:",
        "closing": "The above is the report of {{ plan.issuer }} on the results of the emulation movement"
        " “Đoàn kết sáng tạo”, {{ period.in_sentence }}.",
        "models": "Building “Đoàn kết sáng tạo” models",
        "models_text": (
            "{% set m = summary.models %}During the period, the units carried out {{ m.total|ennum }}"
            " “Đoàn kết sáng tạo” {{ 'model' if m.total == 1 else 'models' }}{% set a = [(m.new|ennum ~ ' newly"
            " built') if m.new else '', (m.replicated|ennum ~ ' replicated') if m.replicated else '']|select"
            "|join(' and ') %}{% if a %}: {{ a }}{% endif %}{% set b = [(m.in_progress|ennum ~ ' in progress')"
            " if m.in_progress else '', (m.completed|ennum ~ ' completed') if m.completed else '']|select"
            "|join(' and ') %}{% if b %}; {{ b }}{% endif %}{% if m.propose_replication %};"
            " {{ m.propose_replication|ennum }} {{ 'model' if m.propose_replication == 1 else 'models' }}"
            " proposed for replication across the {{ level.own }}{% endif %}."
        ),
        "no_models": "During the period, no “Đoàn kết sáng tạo” model was carried out.",
        "models_head": ["No.", "Unit", "Model", "Field", "Origin", "Status", "Proposed for replication"],
        "commendations": "Evaluation and commendation",
        "commendations_text": (
            "{% set c = summary.commendations %}Having evaluated the results of the movement, the units propose"
            " to commend {{ [(c.collective|ennum ~ (' collective' if c.collective == 1 else ' collectives'))"
            " if c.collective else '', (c.individual|ennum ~ (' individual' if c.individual == 1 else"
            " ' individuals')) if c.individual else '']|select|join(' and ') }} with outstanding achievements:"
        ),
        "commendations_head": ["No.", "Proposing unit", "Collective or individual", "Type", "Achievement", "Form"],
        "no_commendations": "During the period, the units proposed no collective or individual for commendation.",
        "reporting": "Reporting by the units",
        "reporting_text": (
            "{% set r = summary.reports %}The last on-time day for the reports of {{ period.in_sentence|enthe }} was"
            " {{ period.last_on_time|endate }}. As of {{ as_of|endate }}, {{ r.expected|ennum }}"
            " {{ 'unit was' if r.expected == 1 else 'units were' }} due to report; the Standing Committee has"
            " received the reports of {{ r.received|ennum }} of them ({{ r.completeness|enpct }})"
            "{% set a = [(r.on_time|ennum ~ ' on time (' ~ r.timeliness|enpct ~ ')') if r.on_time else '',"
            " (r.late|ennum ~ ' late') if r.late else '']|select|join(' and ') %}{% if a %}, {{ a }}{% endif %}"
            "{% if r.missing %}; {{ r.missing|ennum }} {{ 'unit has' if r.missing == 1 else 'units have' }}"
            " not sent a report{% endif %}{% if r.pending %}; {{ r.pending|ennum }}"
            " {{ 'unit is' if r.pending == 1 else 'units are' }} not yet due{% endif %}"
            "{% if r.invalid %}; {{ r.invalid|ennum }} {{ 'report is' if r.invalid == 1 else 'reports are' }}"
            " invalid{% endif %}.{% if extra_reports %} The Standing Committee also received"
            " {{ extra_reports|length|ennum }} {{ 'report' if extra_reports|length == 1 else 'reports' }} from"
            " {{ 'a unit' if extra_reports|length == 1 else 'units' }} not required to report for this period"
            " ({{ extra_reports|map(attribute='name')|join(', ') }}); {{ 'its' if extra_reports|length == 1 else"
            " 'their' }} figures are included in the totals, so the totals come from {{ counted_reports|ennum }}"
            " reports.{% endif %}"
        ),
        "no_reporting": "During the period, no unit was due to report"
        " (last on-time day: {{ period.last_on_time|endate }}).",
        "lists": (
            ("late", "Units that reported late: ", " ({{ u.days_late }} {{ 'day' if u.days_late == 1 else 'days' }})"),
            ("missing", "Units that have not sent a report: ", ""),
            ("exempt", "Units exempted from reporting for this period: ", ""),
        ),
        "left_out": "{% for u in units if u.left_out %}The report of {{ u.name }} has data errors and is not"
        " included in the totals.{{ ' ' if not loop.last }}{% endfor %}",
        "provisional": "Provisional figures as of {{ as_of|endate }}; {{ summary.reports.pending|ennum }}"
        " {{ 'unit is' if summary.reports.pending == 1 else 'units are' }} not yet due to send the report.",
        "left_out_cell": "error",
        "reporting_head": [
            "Type of unit",
            "Due",
            "Received",
            "On time",
            "Late",
            "Not sent",
            "Reporting rate",
            "On-time rate",
        ],
        "total": "Total",
        "see_appendix": "The results of each unit are given in the attached Appendix.",
        "recipients": "Recipients:",
        "recipient": "|enformula",  # "Lưu: VT, PT." -> "Archived: Records Office, Movement Department."
        "on_behalf": "{{ plan.signer.on_behalf|upper|enformula if plan.signer else '' }}",
        "signer_title": "{{ plan.signer.title|upper|enformula if plan.signer else '' }}",
        "appendix": "Appendix",
        "compare_intro": "Against the same period of {{ previous_year }} (“Same period last year”: compiled from"
        " the reports of the same period of {{ previous_year }}; “–”: no figure):",
        "compare_head": ["No.", "Indicator", "{{ period.name }}", "Same period last year", "Change"],
        "growth": "engrowth",
        "appendix_title": "RESULTS OF THE EMULATION MOVEMENT “ĐOÀN KẾT SÁNG TẠO” BY UNIT",
        "appendix_period": "{{ period.name|upper }} ({{ period.start|endate }} – {{ period.end|endate }})",
        "appendix_of": "(Attached to Report No. …/BC-{{ plan.letterhead.symbol or '…' }} dated"
        " {{ as_of|endatelong }} of {{ plan.issuer }})",
        "appendix_note": "Last on-time day: {{ period.last_on_time|endate }}; figures as of {{ as_of|endate }};"
        " “–”: the unit did not report this indicator.",
        "chart_caption": "Chart: units that sent their report, and on time, by kind of unit",
        "units_head": ["No.", "Unit", "Status", "Received on", "Models"],
        "kind_sent": "{% if k.reports.expected %}Sent {{ k.reports.received }}/{{ k.reports.expected }}{% endif %}",
        "unit_status": "{{ u.status_label }}{% if u.days_late %} ({{ u.days_late }}"
        " {{ 'day' if u.days_late == 1 else 'days' }}){% endif %}",
        "unit_submitted": "{{ u.submitted|endate }}",
        "total_sent": "Sent {{ summary.reports.received }}/{{ summary.reports.expected }}",
        "doc_title": "Report on the results of the emulation movement “Đoàn kết sáng tạo”, {{ period.in_sentence }}",
        "doc_subject": "The emulation movement “Đoàn kết sáng tạo” (Solidarity and Creativity)",
        "rules": {"organ": 20, "motto": 78.5, "subject": 45},
    },
}


def figures(s: dict, cells: list[str]) -> list[str]:
    """Cells whose numbers go through the language's filters (``num`` / ``ennum``, ``pct`` / ``enpct``)."""
    return [c.replace("|num", "|" + s["num"]).replace("|pct", "|" + s["pct"]) for c in cells]


# --------------------------------------------------------------------------- the document


def letterhead(doc, s: dict) -> None:
    """The letterhead table: the body above and the issuing body on the left (the first line broken before the
    level and place, ``ỦY BAN MTTQ VIỆT NAM`` / ``TỈNH QUẢNG NAM``: ``plan.letterhead.lines``), the national name
    and the motto on the right."""
    left = s["letterhead_left"]
    right = PORTRAIT_WIDTH - left
    t = table(doc, [left, right], grid=False)
    no_cell_margins(t)
    row = t.add_row()
    a, b = row.cells
    set_cell_width(a, left)
    set_cell_width(b, right)
    pa = a.paragraphs[0]
    pa.style = doc.styles["Letterhead"]
    run(pa, "{%p for l in plan.letterhead.lines %}")
    para(a, "{{ l|upper }}", "Letterhead")
    para(a, "{%p endfor %}", "Letterhead")
    para(a, s["organ"], "Letterhead", bold=True)
    rule(a, "Letterhead", s["rules"]["organ"], left)
    pb = b.paragraphs[0]
    pb.style = doc.styles["Letterhead"]
    run(pb, s["national"], bold=True)
    para(b, s["motto"], "Letterhead", bold=True, size=14)
    rule(b, "Letterhead", s["rules"]["motto"], right)

    row = t.add_row()
    a, b = row.cells
    set_cell_width(a, left)
    set_cell_width(b, right)
    pa = a.paragraphs[0]
    pa.style = doc.styles["Letterhead"]
    pa.paragraph_format.space_before = Pt(4)
    run(pa, s["number"])
    if s.get("report_number"):  # the report's number from the narrative, else a highlighted gap (not a letter's)
        run(pa, "{{ narrative.number if narrative.number else '' }}")
        hole(pa, "{{ '' if narrative.number else holes.number }}")
        run(pa, "{{ '' if narrative.number else '/BC-' ~ (plan.letterhead.symbol or '…') }}")
    pb = b.paragraphs[0]
    pb.style = doc.styles["Letterhead"]
    pb.paragraph_format.space_before = Pt(4)
    run(pb, s["date_line"], italic=True, size=14)


def body(doc, s: dict) -> None:
    title = para(doc, s["title"], "Document Title")
    title.paragraph_format.space_before = Pt(18)
    first, *more = s["subject"]
    subject = para(doc, first, "Document Title")
    for line in (*more, s["period"]):
        subject.runs[-1].add_break()
        run(subject, line)
    rule(doc, "Document Title", s["rules"]["subject"], PORTRAIT_WIDTH)
    gap = para(doc, "")
    gap.paragraph_format.space_after = Pt(0)

    para(doc, "{%p set ns = namespace(k=0) %}")
    para(doc, "{%p if summary.reports.pending %}")
    para(doc, s["provisional"], italic=True, bold=True)
    para(doc, "{%p endif %}")
    lead(doc, s["intro"])  # "… như sau:" stays with part I

    para(doc, s["results"], "Heading 1")
    # one subsection per content of the plan, in sentences a person writes
    para(doc, "{%p for s in sections %}")
    para(doc, "{% set ns.k = ns.k + 1 %}{{ ns.k }}. {{ s.title }}", "Heading 2")
    para(doc, "{{ s.sentence }}" + s["compare_sentence"])
    para(doc, "{%p endfor %}")

    para(doc, "{%p if highlights %}")
    para(doc, "{% set ns.k = ns.k + 1 %}{{ ns.k }}. " + s["highlights"], "Heading 2")
    unit_items(doc, "highlights")
    para(doc, "{%p endif %}")

    models(doc, s)
    commendations(doc, s)
    reporting(doc, s)

    para(doc, s["assessment_part"], "Heading 1")
    para(doc, s["assessment"], "Heading 2")
    words(doc, "assessment")
    para(doc, s["limitations"], "Heading 2")
    words(doc, "limitations")
    para(doc, "{%p if limitations %}")
    lead(doc, s["units_limitations"])
    unit_items(doc, "limitations")
    para(doc, "{%p endif %}")
    para(doc, s["causes"], "Heading 2")
    words(doc, "causes")

    para(doc, "III. {{ tasks_title }}", "Heading 1")
    words(doc, "tasks")

    para(doc, s["proposals"], "Heading 1")
    words(doc, "proposals")
    para(doc, "{%p if proposals %}")
    lead(doc, s["units_proposals"])
    unit_items(doc, "proposals")
    para(doc, "{%p endif %}")

    closing = para(doc, s["closing"])
    closing.paragraph_format.keep_with_next = True  # the closing words stay with Nơi nhận and the signature
    signature(doc, s)


def models(doc, s: dict) -> None:
    para(doc, "{% set ns.k = ns.k + 1 %}{{ ns.k }}. " + s["models"], "Heading 2")
    para(doc, "{%p if summary.models.total %}")
    para(doc, s["models_text"])
    para(doc, "{%p else %}")
    para(doc, s["no_models"])
    para(doc, "{%p endif %}")
    para(doc, "{%p if models %}")
    t = table(doc, s["widths"]["models"])
    add_row(t, s["models_head"], "Table Heading", header=True)
    tag_row(t, "{%tr for x in models %}")
    add_row(
        t,
        [
            "{{ loop.index }}",
            "{{ x.unit_name }}",
            "{{ x.name }}",
            "{{ x.field }}",
            "{{ x.origin_label }}",
            "{{ x.status_label }}",
            "{{ 'x' if x.propose_replication else '' }}",
        ],
        "Table Text",
        styles=["Table Number", "Table Text", "Table Text", "Table Text", "Table Text", "Table Text", "Table Number"],
    )
    tag_row(t, "{%tr endfor %}")
    para(doc, "{%p endif %}")


def commendations(doc, s: dict) -> None:
    para(doc, "{% set ns.k = ns.k + 1 %}{{ ns.k }}. " + s["commendations"], "Heading 2")
    para(doc, "{%p if commendations %}")
    lead(doc, s["commendations_text"])
    t = table(doc, s["widths"]["commendations"])
    add_row(t, s["commendations_head"], "Table Heading", header=True)
    tag_row(t, "{%tr for x in commendations %}")
    add_row(
        t,
        [
            "{{ loop.index }}",
            "{{ x.unit_name }}",
            "{{ x.name }}",
            "{{ x.kind_label }}",
            "{{ x.achievement }}",
            "{{ x.level }}",
        ],
        "Table Text",
        styles=["Table Number"] + ["Table Text"] * 5,
    )
    tag_row(t, "{%tr endfor %}")
    para(doc, "{%p else %}")
    para(doc, s["no_commendations"])
    para(doc, "{%p endif %}")


def reporting(doc, s: dict) -> None:
    r = "summary.reports"
    para(doc, "{% set ns.k = ns.k + 1 %}{{ ns.k }}. " + s["reporting"], "Heading 2")
    para(doc, f"{{%p if {r}.expected %}}")
    para(doc, s["reporting_text"])
    para(doc, "{%p else %}")
    para(doc, s["no_reporting"])
    para(doc, "{%p endif %}")
    for status, lead, extra in s["lists"]:
        para(doc, f"{{%p if units|selectattr('status', 'equalto', '{status}')|list %}}")
        para(
            doc,
            (
                f"{lead}{{% for u in units|selectattr('status', 'equalto', '{status}') %}}{{{{ u.name }}}}{extra}"
                "{{ '; ' if not loop.last else '.' }}{% endfor %}"
            ),
        )
        para(doc, "{%p endif %}")
    para(doc, f"{{%p if {r}.left_out %}}")
    para(doc, s["left_out"])
    para(doc, "{%p endif %}")

    t = table(doc, s["widths"]["reporting"])
    add_row(t, s["reporting_head"], "Table Heading", header=True)
    tag_row(t, "{%tr for k in kinds if k.reports.expected %}")
    add_row(
        t,
        figures(
            s,
            [
                "{{ k.label }}",
                "{{ k.reports.expected|num }}",
                "{{ k.reports.received|num }}",
                "{{ k.reports.on_time|num }}",
                "{{ k.reports.late|num }}",
                "{{ k.reports.missing|num }}",
                "{{ k.reports.completeness|pct }}",
                "{{ k.reports.timeliness|pct }}",
            ],
        ),
        "Table Number",
        styles=["Table Text"] + ["Table Number"] * 7,
    )
    tag_row(t, "{%tr endfor %}")
    add_row(
        t,
        figures(
            s,
            [
                s["total"],
                f"{{{{ {r}.expected|num }}}}",
                f"{{{{ {r}.received|num }}}}",
                f"{{{{ {r}.on_time|num }}}}",
                f"{{{{ {r}.late|num }}}}",
                f"{{{{ {r}.missing|num }}}}",
                f"{{{{ {r}.completeness|pct }}}}",
                f"{{{{ {r}.timeliness|pct }}}}",
            ],
        ),
        "Table Total",
    )
    p = para(doc, s["see_appendix"])
    p.paragraph_format.space_before = Pt(6)


def signature(doc, s: dict) -> None:
    left, right = 75.0, PORTRAIT_WIDTH - 75.0
    t = table(doc, [left, right], grid=False)
    no_cell_margins(t)
    row = t.add_row()
    trpr = row._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:cantSplit"))
    a, b = row.cells
    set_cell_width(a, left)
    set_cell_width(b, right)
    pa = a.paragraphs[0]
    pa.style = doc.styles["Recipients Heading"]
    run(pa, s["recipients"])
    para(a, "{%p for x in plan.recipients %}", "Recipients")
    para(
        a,
        "-\t{{ x" + s["recipient"] + " }}{{ ('.' if loop.last else ';') if x[-1:] not in [';', '.', ':'] else '' }}",
        "Recipients",
    )
    para(a, "{%p endfor %}", "Recipients")
    pb = b.paragraphs[0]
    pb.style = doc.styles["Signature Block"]
    pb.paragraph_format.space_before = Pt(6)
    run(pb, s["on_behalf"])
    para(b, s["signer_title"], "Signature Block")
    for _ in range(6):  # about 35 mm for the signature and the seal
        para(b, "", "Signature Block")
    para(b, "{%p if plan.signer and plan.signer.name %}", "Signature Block")
    para(b, "{{ plan.signer.name }}", "Signature Block")
    para(b, "{%p else %}", "Signature Block")
    hole(para(b, "", "Signature Block"), "{{ holes.signer_name }}")
    para(b, "{%p endif %}", "Signature Block")


def appendix(doc, s: dict) -> None:
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    landscape(section)
    section.different_first_page_header_footer = False
    para(doc, s["appendix"], "Document Title")
    para(doc, s["appendix_title"], "Document Title")
    para(doc, s["appendix_period"], "Document Title")
    p = para(doc, s["appendix_of"], "Document Title", bold=False, italic=True)
    p.paragraph_format.space_after = Pt(6)
    p = para(doc, s["appendix_note"], "Document Title", bold=False, italic=True, size=12)
    p.paragraph_format.space_after = Pt(6)
    completeness_chart(doc, s)

    # widths are proportions: after the indicator columns are repeated, dkst scales every column so the
    # table keeps the page width
    tcfor, tcend = "{%tc for i in indicators %}", "{%tc endfor %}"
    no, unit, status, received, n_models = s["units_head"]
    t = table(doc, s["widths"]["units"], total_mm=LANDSCAPE_WIDTH)
    add_row(
        t,
        [no, unit, status, received, tcfor, "{{ i.label }} ({{ i.unit }})", tcend, n_models],
        "Table Heading",
        header=True,
    )
    tag_row(t, "{%tr for k in kinds if k.units %}")
    add_row(
        t,
        figures(
            s,
            [
                "{{ k.numeral }}",
                "{{ k.label }}",
                s["kind_sent"],
                "",
                tcfor,
                "{{ k.indicators[i.id]|num }}",
                tcend,
                "{{ k.models|num }}",
            ],
        ),
        "Table Total",
        styles=[
            "Table Total",
            "Table Heading",
            "Table Total",
            "Table Total",
            "Table Total",
            "Table Total",
            "Table Total",
            "Table Total",
        ],
    )
    tag_row(t, "{%tr for u in k.units %}")
    unit_cells = figures(
        s,
        [
            "{{ loop.index }}",
            "{{ u.name }}",
            s["unit_status"],
            s["unit_submitted"],
            tcfor,
            "{{ u.indicators[i.id]|num if i.id in u.indicators else ('"
            + s["left_out_cell"]
            + "' if u.left_out else '–') }}",
            tcend,
            "{{ u.models|num }}",
        ],
    )
    unit_styles = [
        "Table Number",
        "Table Text",
        "Table Text",
        "Table Number",
        "Table Number",
        "Table Number",
        "Table Number",
        "Table Number",
    ]
    add_row(t, unit_cells, "Table Text", styles=unit_styles)
    tag_row(t, "{%tr endfor %}")
    tag_row(t, "{%tr endfor %}")
    tag_row(t, "{%tr for u in other_units %}")
    add_row(t, unit_cells, "Table Text", styles=unit_styles)
    tag_row(t, "{%tr endfor %}")
    add_row(
        t,
        figures(
            s,
            [
                "",
                s["total"],
                s["total_sent"],
                "",
                tcfor,
                "{{ totals.indicators[i.id]|num }}",
                tcend,
                "{{ totals.models|num }}",
            ],
        ),
        "Table Total",
    )
    compare_table(doc, s)
    # Word wants a paragraph after a table at the end of a document
    para(doc, "", "Table Text")
    # render --history: which reports had their figures changed after the deadline (nothing without it)
    para(doc, "{%p if late_changes %}", "Table Text")
    para(doc, "{{ late_changes.intro }}", "Table Text")
    para(doc, "{%p for x in late_changes.lines %}", "Table Text")
    para(doc, "- {{ x }}", "Table Text")
    para(doc, "{%p endfor %}", "Table Text")
    para(doc, "{%p endif %}", "Table Text")


def compare_table(doc, s: dict) -> None:
    """Where plan.yaml has ``previous``: each indicator's total, last year's and the change (“Cùng kỳ”,
    “Tăng, giảm”)."""
    para(doc, "{%p if previous_year %}")
    p = lead(doc, s["compare_intro"])
    p.paragraph_format.space_before = Pt(6)
    t = table(doc, [13, 130, 45, 45, 44], total_mm=LANDSCAPE_WIDTH)
    add_row(t, s["compare_head"], "Table Heading", header=True)
    tag_row(t, "{%tr for i in indicators %}")
    add_row(
        t,
        figures(
            s,
            [
                "{{ loop.index }}",
                "{{ i.label }}{% if i.unit %} ({{ i.unit }}){% endif %}",
                "{{ i.total|num }}",
                "{{ i.previous|num }}",
                "{{ i.total|" + s["growth"] + "(i.previous, '–') }}",
            ],
        ),
        "Table Number",
        styles=["Table Number", "Table Text", "Table Number", "Table Number", "Table Number"],
    )
    tag_row(t, "{%tr endfor %}")
    para(doc, "{%p endif %}")


def completeness_chart(doc, s: dict) -> None:
    """The completeness chart: a picture dkst draws when it writes the report (``charts.completeness``, the same
    chart as the page for leaders), centred, with its caption; nothing when no report is expected."""
    para(doc, "{%p if charts.completeness %}", "Table Text")
    p = para(doc, "{{ charts.completeness }}", "Table Text", align=WD_ALIGN_PARAGRAPH.CENTER)
    p.paragraph_format.keep_with_next = True
    p = para(doc, s["chart_caption"], "Table Text", italic=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    p.paragraph_format.space_after = Pt(6)
    para(doc, "{%p endif %}", "Table Text")


def header_footer(doc) -> None:
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    p = section.header.paragraphs[0]
    p.style = doc.styles["Page Number"]
    page_field(p)
    first = section.first_page_header.paragraphs[0]
    first.style = doc.styles["Page Number"]


def settings(doc, language: str = "vi-VN") -> None:
    """Word and LibreOffice: do not stretch a justified line that ends in a line break (text typed with
    newlines in a report keeps its spacing); the decimal symbol and list separator of the language ("," and ";"
    in Vietnamese, "." and "," in English); no preview picture saved with the document."""
    element = doc.settings.element
    compat = element.find(qn("w:compat"))
    if compat is None:
        compat = OxmlElement("w:compat")
        element.append(compat)
    compat.insert(0, OxmlElement("w:doNotExpandShiftReturn"))
    for el in element.findall(qn("w:savePreviewPicture")):
        element.remove(el)
    vietnamese = language.startswith("vi")
    for tag, value in (
        ("w:decimalSymbol", "," if vietnamese else "."),
        ("w:listSeparator", ";" if vietnamese else ","),
    ):
        el = element.find(qn(tag))
        if el is not None:
            el.set(qn("w:val"), value)


def properties(doc, s: dict) -> None:
    cp = doc.core_properties
    fixed = dt.datetime(2023, 1, 1, 0, 0, 0)
    # title, subject and author are rendered like the body (dkst.documents.render); created/modified become the as-of
    # day
    cp.title = s["doc_title"]
    cp.subject = s["doc_subject"]
    cp.author = "{{ plan.issuer or '' }}"
    cp.last_modified_by = ""
    cp.comments = ""
    cp.keywords = ""
    cp.language = s["language"]
    cp.created = fixed
    cp.modified = fixed
    cp.revision = 1


APP_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Application>dkst</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
    "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
    "</Properties>"
)
STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"


def _drop_rels(rels: Any, reltypes: set[str]) -> None:
    for rid in [rid for rid, rel in rels.items() if rel.reltype in reltypes]:
        del rels[rid]
        rels._target_parts_by_rId.pop(rid, None)


def clean(doc, language: str) -> None:
    """Remove what python-docx's default template leaves behind: the US-Letter thumbnail, the empty
    bibliography in customXml, stylesWithEffects, "Microsoft Macintosh Word" in app.xml, the ~140 styles
    no paragraph uses (headings 4–9 in Cambria/Calibri among them), theme fonts other than Times New
    Roman, and the ja-JP theme language."""
    import re

    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    package = doc.part.package
    _drop_rels(package.rels, {RT.THUMBNAIL})
    _drop_rels(doc.part.rels, {RT.CUSTOM_XML, STYLES_WITH_EFFECTS})
    for part in package.iter_parts():
        name = str(part.partname)
        if name == "/docProps/app.xml":
            part._blob = APP_XML.encode("utf-8")
        elif name == "/word/fontTable.xml":
            xml = part.blob.decode("utf-8")
            xml = re.sub(r'<w:font w:name="(?!Times New Roman"|Symbol")[^"]*">.*?</w:font>', "", xml, flags=re.S)
            part._blob = xml.encode("utf-8")
        elif name.startswith("/word/theme/"):
            xml = part.blob.decode("utf-8")
            xml = re.sub(r'<a:(latin|ea|cs) typeface="[^"]*"', rf'<a:\1 typeface="{FONT}"', xml)
            xml = re.sub(r'<a:font script="[^"]*" typeface="[^"]*"/>', "", xml)
            part._blob = xml.encode("utf-8")
    math = doc.settings.element.find(qn("m:mathPr"))
    if math is not None:
        doc.settings.element.remove(math)
    lang = doc.settings.element.find(qn("w:themeFontLang"))
    if lang is not None:
        for attr in list(lang.attrib):
            del lang.attrib[attr]
        lang.set(qn("w:val"), language)
    # the styles in use, with the styles they are based on, link to or are followed by
    used: set[str] = set()
    roots = (
        [doc.element] + [s.header._element for s in doc.sections] + [s.first_page_header._element for s in doc.sections]
    )
    for root in roots:
        for tag in ("w:pStyle", "w:rStyle", "w:tblStyle"):
            used.update(el.get(qn("w:val")) for el in root.iter(qn(tag)))
    styles = doc.styles.element
    by_id = {st.get(qn("w:styleId")): st for st in styles.findall(qn("w:style"))}
    keep = {sid for sid, st in by_id.items() if st.get(qn("w:default")) == "1"} | used
    todo = list(keep)
    while todo:
        st = by_id.get(todo.pop())
        if st is None:
            continue
        for tag in ("w:basedOn", "w:next", "w:link"):
            ref = st.find(qn(tag))
            if ref is not None and ref.get(qn("w:val")) not in keep:
                keep.add(ref.get(qn("w:val")))
                todo.append(ref.get(qn("w:val")))
    for sid, st in by_id.items():
        if sid not in keep:
            styles.remove(st)
    for st in styles.findall(qn("w:style")):  # a link to a removed style would dangle
        for tag in ("w:link", "w:next"):
            ref = st.find(qn(tag))
            if ref is not None and ref.get(qn("w:val")) not in keep:
                st.remove(ref)
        fonts = st.find(qn("w:rPr") + "/" + qn("w:rFonts"))
        if fonts is not None:
            set_fonts(st.find(qn("w:rPr")))


def repack(data: bytes) -> bytes:
    """Fixed entry dates, order kept: the same template always gives the same bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = info.compress_type
            entry.create_system = 0
            entry.external_attr = 0
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


def build(lang: str = "vi") -> bytes:
    """The template in ``lang`` (a key of :data:`TEXT`) as the bytes of a .docx."""
    s = TEXT[lang]
    doc = Document()
    # the default template starts with one empty paragraph: drop it
    for p in list(doc.paragraphs):
        p._p.getparent().remove(p._p)
    setup_styles(doc, s)
    portrait(doc.sections[0])
    header_footer(doc)
    settings(doc, s["language"])
    properties(doc, s)
    letterhead(doc, s)
    body(doc, s)
    appendix(doc, s)
    clean(doc, s["language"])
    buf = io.BytesIO()
    doc.save(buf)
    return repack(buf.getvalue())


def run_builder(argv: list[str], prog: str, doc: str, build: Any, outs: dict[str, Path]) -> int:
    """The command line of a template builder: ``[--lang vi|en] [OUT]`` (this script's and its siblings')."""
    parser = argparse.ArgumentParser(prog=prog, description=doc.splitlines()[0])
    parser.add_argument(
        "--lang",
        choices=sorted(outs),
        default="vi",
        help=f"the document's language (default vi; en writes {outs['en']})",
    )
    parser.add_argument("out", nargs="?", type=Path, help="where to write (default: the built-in template's path)")
    args = parser.parse_args(argv[1:])
    out = args.out or outs[args.lang]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(build(args.lang))
    print(f"wrote {out}")
    return 0


def main(argv: list[str]) -> int:
    return run_builder(argv, "build_report_docx.py", __doc__, build, OUT)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
