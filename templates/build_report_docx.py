"""Build ``templates/report.docx``, the built-in Word template of the period report, with python-docx.

Run from the repository root (the output is the same bytes every time)::

    python templates/build_report_docx.py            # writes templates/report.docx
    python templates/build_report_docx.py OUT.docx

The document follows the layout of Nghị định 30/2020/NĐ-CP (Phụ lục I): A4, margins 20/20/30/15 mm,
Times New Roman, body 14 pt justified with a 1 cm first-line indent; the letterhead as a borderless
two-column table; page numbers centred in the header from page 2. The per-unit table is an appendix
on landscape pages (Phụ lục), so that every indicator gets a readable column.

It is a docxtpl template: every ``{{ … }}`` / ``{% … %}`` tag is written as a whole run, ``{%p … %}``
paragraphs carry paragraph-level loops and conditions, ``{%tr … %}`` rows carry table-row loops and
``{%tc … %}`` cells the column loop over the indicators. A clerk may edit the text and the styles in
Word; keep each tag in one piece (type it at once, do not format part of it). The variables are
described in the docstring of ``dkst/render.py``.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

FONT = "Times New Roman"
OUT = Path(__file__).resolve().parent / "report.docx"
LATER_THAN_SZ = {qn("w:" + t) for t in (
    "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang",
    "eastAsianLayout", "specVanish", "oMath")}
PORTRAIT_WIDTH = 165  # mm of text: 210 - 30 - 15
LANDSCAPE_WIDTH = 257  # mm of text: 297 - 20 - 20


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


def set_lang(rpr) -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        later = next((el for el in rpr if el.tag in (qn("w:eastAsianLayout"), qn("w:specVanish"),
                                                     qn("w:oMath"))), None)
        if later is not None:
            later.addprevious(lang)
        else:
            rpr.append(lang)
    lang.set(qn("w:val"), "vi-VN")
    lang.set(qn("w:eastAsia"), "vi-VN")
    lang.set(qn("w:bidi"), "ar-SA")


def style_font(style, size: float, bold: bool | None = None, italic: bool | None = None) -> None:
    style.font.name = FONT
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = italic
    style.font.color.rgb = None
    set_fonts(style.element.get_or_add_rPr(), size)


def style_para(style, *, align=WD_ALIGN_PARAGRAPH.JUSTIFY, first_indent: float | None = 1.0,
               before: float = 0, after: float = 6, line: float | None = 1.15, keep_next: bool = False) -> None:
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


def para(container, text: str = "", style: str | None = None, *, bold: bool | None = None,
         italic: bool | None = None, size: float | None = None, align=None):
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
    anchor = next((el for el in ppr if el.tag in (qn("w:shd"), qn("w:tabs"), qn("w:spacing"), qn("w:ind"),
                                                  qn("w:jc"))), None)
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
    anchor = next((el for el in tblpr if el.tag in (qn("w:tblLook"), qn("w:tblCaption"),
                                                    qn("w:tblDescription"))), None)
    if anchor is not None:
        anchor.addprevious(mar)
    else:
        tblpr.append(mar)


def add_row(t, texts: list[str], style: str, *, header: bool = False, bold: bool | None = None,
            styles: list[str] | None = None):
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


def setup_styles(doc) -> None:
    styles = doc.styles
    # document defaults: Times New Roman 14 pt, Vietnamese
    rpr_default = styles.element.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr"))
    set_fonts(rpr_default, 14)
    set_lang(rpr_default)

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
    style_para(s, align=WD_ALIGN_PARAGRAPH.CENTER, first_indent=None, before=0, after=0, line=None,
               keep_next=True)

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
    section.top_margin = Mm(20)
    section.bottom_margin = Mm(20)
    section.left_margin = Mm(20)
    section.right_margin = Mm(20)
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)


# --------------------------------------------------------------------------- the document


def letterhead(doc) -> None:
    left, right = 68.0, PORTRAIT_WIDTH - 68.0
    t = table(doc, [left, right], grid=False)
    no_cell_margins(t)
    row = t.add_row()
    a, b = row.cells
    set_cell_width(a, left)
    set_cell_width(b, right)
    pa = a.paragraphs[0]
    pa.style = doc.styles["Letterhead"]
    run(pa, "{{ plan.letterhead.superior|upper }}")
    para(a, "{{ plan.letterhead.organ|upper }}", "Letterhead", bold=True)
    rule(a, "Letterhead", 24, left)
    pb = b.paragraphs[0]
    pb.style = doc.styles["Letterhead"]
    run(pb, "{{ plan.letterhead.national|upper }}", bold=True)
    para(b, "{{ plan.letterhead.motto }}", "Letterhead", bold=True, size=14)
    rule(b, "Letterhead", 66, right)

    row = t.add_row()
    a, b = row.cells
    set_cell_width(a, left)
    set_cell_width(b, right)
    pa = a.paragraphs[0]
    pa.style = doc.styles["Letterhead"]
    pa.paragraph_format.space_before = Pt(4)
    run(pa, "Số: …/BC-{{ plan.letterhead.symbol or '…' }}")
    pb = b.paragraphs[0]
    pb.style = doc.styles["Letterhead"]
    pb.paragraph_format.space_before = Pt(4)
    run(pb, "{{ date_line }}", italic=True, size=14)


def body(doc) -> None:
    title = para(doc, "BÁO CÁO", "Document Title")
    title.paragraph_format.space_before = Pt(18)
    subject = para(doc, "Kết quả thực hiện Phong trào thi đua “Đoàn kết sáng tạo”", "Document Title")
    subject.runs[0].add_break()
    run(subject, "{{ period.name }}")
    rule(doc, "Document Title", 40, PORTRAIT_WIDTH)
    gap = para(doc, "")
    gap.paragraph_format.space_after = Pt(0)

    para(doc, "{%p set ns = namespace(k=0) %}")
    para(doc, (
        "Thực hiện {% for b in plan.based_on %}Kế hoạch số {{ b.number }}"
        "{% if b.date %} ngày {{ b.date|vndate }}{% endif %}{% if b.issuer %} của {{ b.issuer }}{% endif %}"
        "{% if b.title %} về {{ b.title|lcfirst }}{% endif %}; {% endfor %}"
        "Kế hoạch{% if plan.number %} số {{ plan.number }}{% endif %}"
        "{% if plan.issued %} ngày {{ plan.issued|vndate }}{% endif %} của {{ plan.issuer }}"
        " về {{ plan.title|lcfirst }}, {{ plan.issuer }} báo cáo kết quả thực hiện Phong trào thi đua"
        " “Đoàn kết sáng tạo” {{ period.name }} (số liệu tính đến ngày {{ as_of|vndate }}) như sau:"
    ))

    para(doc, "I. KẾT QUẢ THỰC HIỆN", "Heading 1")
    # one subsection per content of the plan
    para(doc, "{%p for s in sections %}")
    para(doc, "{% set ns.k = ns.k + 1 %}{{ ns.k }}. {{ s.title }}", "Heading 2")
    para(doc, (
        "Tổng hợp từ báo cáo của các đơn vị: {% for i in s.indicators %}{{ i|figure }}"
        "{% if i.total is not none %} ({{ i.units }} đơn vị báo cáo){% endif %}"
        "{{ '; ' if not loop.last else '.' }}{% endfor %}"
    ))
    para(doc, "{%p endfor %}")

    para(doc, "{%p if highlights %}")
    para(doc, "{% set ns.k = ns.k + 1 %}{{ ns.k }}. Một số kết quả nổi bật", "Heading 2")
    para(doc, "{%p for x in highlights %}")
    p = para(doc, "- ")
    run(p, "{{ x.unit_name }}", bold=True)
    run(p, ": {{ x.text }}")
    para(doc, "{%p endfor %}")
    para(doc, "{%p endif %}")

    models(doc)
    commendations(doc)
    reporting(doc)

    para(doc, "II. TỒN TẠI, HẠN CHẾ", "Heading 1")
    para(doc, "{%p for x in limitations %}")
    p = para(doc, "- ")
    run(p, "{{ x.unit_name }}", bold=True)
    run(p, ": {{ x.text }}")
    para(doc, "{%p else %}")
    para(doc, "Các đơn vị chưa nêu tồn tại, hạn chế trong báo cáo.")
    para(doc, "{%p endfor %}")

    para(doc, "III. KIẾN NGHỊ, ĐỀ XUẤT", "Heading 1")
    para(doc, "{%p for x in proposals %}")
    p = para(doc, "- ")
    run(p, "{{ x.unit_name }}", bold=True)
    run(p, ": {{ x.text }}")
    para(doc, "{%p else %}")
    para(doc, "Các đơn vị chưa có kiến nghị, đề xuất.")
    para(doc, "{%p endfor %}")

    para(doc, "Trên đây là báo cáo kết quả thực hiện Phong trào thi đua “Đoàn kết sáng tạo” {{ period.name }}"
              " của {{ plan.issuer }}./.")
    signature(doc)


def models(doc) -> None:
    para(doc, "{% set ns.k = ns.k + 1 %}{{ ns.k }}. Xây dựng mô hình “Đoàn kết sáng tạo”", "Heading 2")
    para(doc, "{%p if summary.models.total %}")
    para(doc, (
        "Trong kỳ, các đơn vị đã triển khai {{ summary.models.total|num }} mô hình “Đoàn kết sáng tạo”,"
        " trong đó {{ summary.models.new|num }} mô hình xây dựng mới, {{ summary.models.replicated|num }}"
        " mô hình nhân rộng; {{ summary.models.in_progress|num }} mô hình đang triển khai,"
        " {{ summary.models.completed|num }} mô hình đã hoàn thành; {{ summary.models.propose_replication|num }}"
        " mô hình được đề xuất thành phố nhân rộng."
    ))
    para(doc, "{%p else %}")
    para(doc, "Trong kỳ, chưa có mô hình “Đoàn kết sáng tạo” nào được triển khai.")
    para(doc, "{%p endif %}")
    para(doc, "{%p if models %}")
    t = table(doc, [10, 32, 40, 22, 21, 21, 19])
    add_row(t, ["TT", "Đơn vị", "Tên mô hình", "Lĩnh vực", "Hình thức", "Tình trạng", "Đề xuất nhân rộng"],
            "Table Heading", header=True)
    tag_row(t, "{%tr for x in models %}")
    add_row(t, ["{{ loop.index }}", "{{ x.unit_name }}", "{{ x.name }}", "{{ x.field }}", "{{ x.origin_label }}",
                "{{ x.status_label }}", "{{ '✓' if x.propose_replication else '' }}"], "Table Text",
            styles=["Table Number", "Table Text", "Table Text", "Table Text", "Table Text", "Table Text",
                    "Table Number"])
    tag_row(t, "{%tr endfor %}")
    para(doc, "{%p endif %}")


def commendations(doc) -> None:
    para(doc, "{% set ns.k = ns.k + 1 %}{{ ns.k }}. Công tác đánh giá, khen thưởng", "Heading 2")
    para(doc, "{%p if commendations %}")
    para(doc, (
        "Qua đánh giá kết quả thực hiện Phong trào, các đơn vị đề nghị biểu dương, khen thưởng"
        " {{ summary.commendations.collective|num }} tập thể và {{ summary.commendations.individual|num }}"
        " cá nhân có thành tích tiêu biểu:"
    ))
    t = table(doc, [10, 36, 36, 17, 44, 22])
    add_row(t, ["TT", "Đơn vị đề nghị", "Tập thể, cá nhân", "Loại", "Thành tích", "Hình thức"],
            "Table Heading", header=True)
    tag_row(t, "{%tr for x in commendations %}")
    add_row(t, ["{{ loop.index }}", "{{ x.unit_name }}", "{{ x.name }}", "{{ x.kind_label }}",
                "{{ x.achievement }}", "{{ x.level }}"], "Table Text",
            styles=["Table Number"] + ["Table Text"] * 5)
    tag_row(t, "{%tr endfor %}")
    para(doc, "{%p else %}")
    para(doc, "Trong kỳ, các đơn vị chưa đề nghị biểu dương, khen thưởng tập thể, cá nhân nào.")
    para(doc, "{%p endif %}")


def reporting(doc) -> None:
    r = "summary.reports"
    para(doc, "{% set ns.k = ns.k + 1 %}{{ ns.k }}. Tình hình báo cáo của các đơn vị", "Heading 2")
    para(doc, f"{{%p if {r}.expected %}}")
    para(doc, (
        "Hạn cuối nhận báo cáo {{ period.name }} là ngày {{ period.last_on_time_vn }}. Tính đến ngày"
        f" {{{{ as_of|vndate }}}}, có {{{{ {r}.expected|num }}}} đơn vị phải báo cáo; Ban Thường trực đã nhận"
        f" {{{{ {r}.received|num }}}} báo cáo (đạt {{{{ {r}.completeness|pct }}}}), trong đó"
        f" {{{{ {r}.on_time|num }}}} báo cáo đúng hạn (đạt {{{{ {r}.timeliness|pct }}}}) và"
        f" {{{{ {r}.late|num }}}} báo cáo trễ hạn; {{{{ {r}.missing|num }}}} đơn vị chưa gửi báo cáo"
        f"{{% if {r}.pending %}}; {{{{ {r}.pending|num }}}} đơn vị chưa đến hạn{{% endif %}}"
        f"{{% if {r}.invalid %}}; {{{{ {r}.invalid|num }}}} báo cáo không hợp lệ{{% endif %}}."
    ))
    para(doc, "{%p else %}")
    para(doc, "Trong kỳ, không có đơn vị nào phải báo cáo (hạn cuối: {{ period.last_on_time_vn }}).")
    para(doc, "{%p endif %}")
    for status, lead, extra in (
        ("late", "Đơn vị gửi báo cáo trễ hạn: ", " ({{ u.days_late }} ngày)"),
        ("missing", "Đơn vị chưa gửi báo cáo: ", ""),
        ("exempt", "Đơn vị được miễn báo cáo kỳ này: ", ""),
    ):
        para(doc, f"{{%p if units|selectattr('status', 'equalto', '{status}')|list %}}")
        para(doc, (
            f"{lead}{{% for u in units|selectattr('status', 'equalto', '{status}') %}}{{{{ u.name }}}}{extra}"
            "{{ '; ' if not loop.last else '.' }}{% endfor %}"
        ))
        para(doc, "{%p endif %}")
    para(doc, f"{{%p if {r}.left_out %}}")
    para(doc, f"Có {{{{ {r}.left_out|num }}}} báo cáo có lỗi dữ liệu, chưa được đưa vào số liệu tổng hợp.")
    para(doc, "{%p endif %}")

    t = table(doc, [37, 17, 16, 17, 16, 16, 23, 23])
    add_row(t, ["Loại đơn vị", "Phải báo cáo", "Đã nhận", "Đúng hạn", "Trễ hạn", "Chưa gửi", "Tỷ lệ đã nhận",
                "Tỷ lệ đúng hạn"], "Table Heading", header=True)
    tag_row(t, "{%tr for k in kinds if k.reports.expected %}")
    add_row(t, ["{{ k.label }}", "{{ k.reports.expected|num }}", "{{ k.reports.received|num }}",
                "{{ k.reports.on_time|num }}", "{{ k.reports.late|num }}", "{{ k.reports.missing|num }}",
                "{{ k.reports.completeness|pct }}", "{{ k.reports.timeliness|pct }}"], "Table Number",
            styles=["Table Text"] + ["Table Number"] * 7)
    tag_row(t, "{%tr endfor %}")
    add_row(t, ["Tổng cộng", f"{{{{ {r}.expected|num }}}}", f"{{{{ {r}.received|num }}}}",
                f"{{{{ {r}.on_time|num }}}}", f"{{{{ {r}.late|num }}}}", f"{{{{ {r}.missing|num }}}}",
                f"{{{{ {r}.completeness|pct }}}}", f"{{{{ {r}.timeliness|pct }}}}"], "Table Total")
    p = para(doc, "Kết quả cụ thể của từng đơn vị tại Phụ lục kèm theo.")
    p.paragraph_format.space_before = Pt(6)


def signature(doc) -> None:
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
    run(pa, "Nơi nhận:")
    para(a, "{%p for x in plan.recipients %}", "Recipients")
    para(a, "- {{ x }}{{ ('.' if loop.last else ';') if x[-1:] not in [';', '.', ':'] else '' }}", "Recipients")
    para(a, "{%p endfor %}", "Recipients")
    pb = b.paragraphs[0]
    pb.style = doc.styles["Signature Block"]
    pb.paragraph_format.space_before = Pt(6)
    run(pb, "{{ plan.signer.on_behalf|upper if plan.signer else '' }}")
    para(b, "{{ plan.signer.title|upper if plan.signer else '' }}", "Signature Block")
    for _ in range(4):
        para(b, "", "Signature Block")
    para(b, "{{ plan.signer.name if plan.signer else '' }}", "Signature Block")


def appendix(doc) -> None:
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    landscape(section)
    section.different_first_page_header_footer = False
    para(doc, "Phụ lục", "Document Title")
    para(doc, "KẾT QUẢ THỰC HIỆN PHONG TRÀO THI ĐUA “ĐOÀN KẾT SÁNG TẠO” CỦA CÁC ĐƠN VỊ", "Document Title")
    para(doc, "{{ period.name|upper }}", "Document Title")
    p = para(doc, "(Kèm theo Báo cáo số …/BC-{{ plan.letterhead.symbol or '…' }} của {{ plan.issuer }})",
             "Document Title", bold=False, italic=True)
    p.paragraph_format.space_after = Pt(6)
    p = para(doc, "Hạn cuối: {{ period.last_on_time_vn }}; số liệu tính đến ngày {{ as_of|vndate }};"
                  " “–”: đơn vị không báo cáo chỉ tiêu này.", "Document Title", bold=False, italic=True, size=12)
    p.paragraph_format.space_after = Pt(6)

    # widths are proportions: after the indicator columns are repeated, dkst scales every column so the
    # table keeps the page width
    tcfor, tcend = "{%tc for i in indicators %}", "{%tc endfor %}"
    t = table(doc, [13, 58, 28, 27, 8, 19, 8, 15], total_mm=LANDSCAPE_WIDTH)
    add_row(t, ["TT", "Đơn vị", "Tình trạng", "Ngày nhận", tcfor, "{{ i.label }} ({{ i.unit }})", tcend,
                "Mô hình"], "Table Heading", header=True)
    tag_row(t, "{%tr for k in kinds if k.units %}")
    add_row(t, ["{{ k.numeral }}", "{{ k.label }}",
                "{% if k.reports.expected %}Đã gửi {{ k.reports.received }}/{{ k.reports.expected }}{% endif %}",
                "", tcfor, "{{ k.indicators[i.id]|num }}", tcend, "{{ k.models|num }}"], "Table Total",
            styles=["Table Total", "Table Heading", "Table Total", "Table Total", "Table Total", "Table Total",
                    "Table Total", "Table Total"])
    tag_row(t, "{%tr for u in k.units %}")
    unit_cells = ["{{ loop.index }}", "{{ u.name }}",
                  "{{ u.status_label }}{% if u.days_late %} ({{ u.days_late }} ngày){% endif %}",
                  "{{ u.submitted_vn }}", tcfor,
                  "{{ u.indicators[i.id]|num if i.id in u.indicators else '–' }}", tcend, "{{ u.models|num }}"]
    unit_styles = ["Table Number", "Table Text", "Table Text", "Table Number", "Table Number", "Table Number",
                   "Table Number", "Table Number"]
    add_row(t, unit_cells, "Table Text", styles=unit_styles)
    tag_row(t, "{%tr endfor %}")
    tag_row(t, "{%tr endfor %}")
    tag_row(t, "{%tr for u in other_units %}")
    add_row(t, unit_cells, "Table Text", styles=unit_styles)
    tag_row(t, "{%tr endfor %}")
    add_row(t, ["", "Tổng cộng", "Đã gửi {{ summary.reports.received }}/{{ summary.reports.expected }}", "",
                tcfor, "{{ totals.indicators[i.id]|num }}", tcend, "{{ totals.models|num }}"], "Table Total")
    # Word wants a paragraph after a table at the end of a document
    para(doc, "", "Table Text")


def header_footer(doc) -> None:
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    p = section.header.paragraphs[0]
    p.style = doc.styles["Page Number"]
    page_field(p)
    first = section.first_page_header.paragraphs[0]
    first.style = doc.styles["Page Number"]


def settings(doc) -> None:
    """Word and LibreOffice: do not stretch a justified line that ends in a line break (text typed with
    newlines in a report keeps its spacing)."""
    compat = doc.settings.element.find(qn("w:compat"))
    if compat is None:
        compat = OxmlElement("w:compat")
        doc.settings.element.append(compat)
    compat.insert(0, OxmlElement("w:doNotExpandShiftReturn"))


def properties(doc) -> None:
    cp = doc.core_properties
    fixed = dt.datetime(2023, 1, 1, 0, 0, 0)
    cp.title = "Báo cáo kết quả thực hiện Phong trào thi đua “Đoàn kết sáng tạo”"
    cp.subject = "Phong trào thi đua “Đoàn kết sáng tạo”"
    cp.author = "dkst"
    cp.last_modified_by = "dkst"
    cp.comments = "Mẫu docxtpl của dkst: khi sửa, giữ nguyên từng thẻ Jinja trong một lần gõ."
    cp.keywords = "dkst"
    cp.created = fixed
    cp.modified = fixed
    cp.last_printed = fixed
    cp.revision = 1


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


def build() -> bytes:
    doc = Document()
    # the default template starts with one empty paragraph: drop it
    for p in list(doc.paragraphs):
        p._p.getparent().remove(p._p)
    setup_styles(doc)
    portrait(doc.sections[0])
    header_footer(doc)
    settings(doc)
    properties(doc)
    letterhead(doc)
    body(doc)
    appendix(doc)
    buf = io.BytesIO()
    doc.save(buf)
    return repack(buf.getvalue())


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else OUT
    out.write_bytes(build())
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
