"""Build ``templates/remind.docx``, the built-in Word template of the urging letter, with python-docx.

Run from the repository root (the output is the same bytes every time)::

    python tools/templates/build_remind_docx.py              # writes templates/remind.docx (Vietnamese)
    python tools/templates/build_remind_docx.py --lang en    # writes templates/en/remind.docx (English)
    python tools/templates/build_remind_docx.py [--lang en] OUT.docx

A bootstrap, like ``build_report_docx.py``: the checked-in ``templates/*.docx`` are the source.

One letter (công văn đôn đốc) per unit, the Word twin of ``remind.md.j2``: the layout of Nghị định
30/2020/NĐ-CP (Phụ lục I) as in ``report.docx`` (A4, margins 20/20/30/15 mm, Times New Roman, the
letterhead as a borderless two-column table with the "V/v …" subject line under the number in 12 pt),
"Kính gửi: <unit>" centred, the body 14 pt justified with a 1 cm first-line indent, then "Nơi nhận"
on the left and the signature on the right.

The styles, page set-up, letterhead and low-level helpers are imported from ``build_report_docx.py``
so that the two documents cannot drift apart; that script and its output are not changed by this one.
Every template tag is written as a whole run; ``{%p … %}`` paragraphs carry the conditions. The
template sees the report's variables plus ``unit`` = {id, name, status, status_label, days_overdue,
days_left, email} (see ``dkst/documents/render.py``).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.shared import Pt

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import build_report_docx as base  # noqa: E402  (a sibling script, not a package)

#: Where each language's template goes (dkst.documents.render.find_template looks there).
OUT = {"vi": base.TEMPLATES / "remind.docx", "en": base.TEMPLATES / "en" / "remind.docx"}

MOVEMENT_VI = "Phong trào “Đoàn kết sáng tạo”"

#: Every word of the letter, per language; the Vietnamese is remind.md.j2's, the English en/remind.md.j2's.
TEXT: dict[str, dict] = {
    "vi": {
        "language": "vi-VN",
        "letterhead_left": base.TEXT["vi"]["letterhead_left"],
        "organ": base.TEXT["vi"]["organ"],
        "national": base.TEXT["vi"]["national"],
        "motto": base.TEXT["vi"]["motto"],
        "number": "Số: …/{{ plan.letterhead.symbol or '…' }}",
        "date_line": base.TEXT["vi"]["date_line"],
        "subject": f"V/v đôn đốc gửi báo cáo kết quả thực hiện {MOVEMENT_VI} {{{{ period.in_sentence }}}}",
        "to": "Kính gửi: {{ unit.name }}.",
        "intro": (
            "Thực hiện Kế hoạch{% if plan.number %} số {{ plan.number }}{% endif %}"
            "{% if plan.issued %} ngày {{ plan.issued|vndate }}{% endif %} của {{ plan.issuer }}"
            " về {{ plan.title|lcfirst }}, các đơn vị báo cáo kết quả thực hiện "
            + MOVEMENT_VI
            + " {{ period.in_sentence }} về {{ plan.issuer }}."
        ),
        "not_received": "Đến ngày {{ as_of|vndate }}, {{ plan.issuer }} chưa nhận được báo cáo của {{ unit.name }}",
        "overdue": (
            "; báo cáo đã ",
            "quá hạn {{ unit.days_overdue }} ngày",
            " (hạn cuối: {{ period.last_on_time_vn }}).",
        ),
        "left": (
            "; thời hạn gửi báo cáo ",
            "còn {{ unit.days_left }} ngày",
            " (hạn cuối: {{ period.last_on_time_vn }}).",
        ),
        "last_day": ("; ", "hôm nay là ngày cuối cùng", " gửi báo cáo (hạn cuối: {{ period.last_on_time_vn }})."),
        "unknown": " (hạn cuối: {{ period.last_on_time_vn }}).",
        "request": (
            "Để kịp thời tổng hợp, báo cáo {{ level.above_body }} theo quy định, {{ plan.issuer }} đề nghị"
            " {{ unit.name }} khẩn trương hoàn thành và gửi báo cáo kết quả thực hiện "
            + MOVEMENT_VI
            + " {{ period.in_sentence }} (gồm số liệu các chỉ tiêu của Kế hoạch, mô hình “Đoàn kết sáng tạo”, đề xuất"
            " khen thưởng, tồn tại, hạn chế và kiến nghị, đề xuất) về {{ plan.issuer }}"
            "{% if plan.report_to %} (qua {{ plan.report_to.office }}{% if plan.report_to.email %}; đồng thời"
            " gửi qua địa chỉ email: {{ plan.report_to.email }}{% endif %}){% endif %}."
        ),
        "left_out": (
            "Đến ngày {{ as_of|vndate }}, báo cáo của {{ unit.name }} gửi {{ plan.issuer }} ",
            "có lỗi số liệu nên chưa được tổng hợp",
            " (hạn cuối: {{ period.last_on_time_vn }}).",
        ),
        "request_left_out": (
            "{{ plan.issuer }} đề nghị {{ unit.name }} kiểm tra, sửa lỗi và gửi lại báo cáo kết quả thực hiện "
            + MOVEMENT_VI
            + " {{ period.in_sentence }} về {{ plan.issuer }}"
            "{% if plan.report_to %} (qua {{ plan.report_to.office }}{% if plan.report_to.email %}; đồng thời"
            " gửi qua địa chỉ email: {{ plan.report_to.email }}{% endif %}){% endif %} để tổng hợp, báo cáo"
            " {{ level.above_body }}."
        ),
        # the report is overdue: no "để kịp thời", the report is asked for at once
        "request_overdue": (
            "{{ plan.issuer }} đề nghị {{ unit.name }} gửi ngay báo cáo kết quả thực hiện "
            + MOVEMENT_VI
            + " {{ period.in_sentence }} (gồm số liệu các chỉ tiêu của Kế hoạch, mô hình “Đoàn kết sáng tạo”, đề xuất"
            " khen thưởng, tồn tại, hạn chế và kiến nghị, đề xuất) về {{ plan.issuer }}"
            "{% if plan.report_to %} (qua {{ plan.report_to.office }}{% if plan.report_to.email %}; đồng thời"
            " gửi qua địa chỉ email: {{ plan.report_to.email }}{% endif %}){% endif %} để tổng hợp, báo cáo"
            " {{ level.above_body }}."
        ),
        "already": "Trường hợp đơn vị đã gửi báo cáo, đề nghị thông báo lại"
        "{% if plan.report_to and plan.report_to.office %} cho {{ plan.report_to.office }}{% endif %}"
        " để đối chiếu.",
        "closing": "Đề nghị {{ unit.name }} quan tâm thực hiện./.",
        "recipients": "Nơi nhận:",
        "as_above": "-\tNhư trên{{ ' (email: ' ~ unit.email ~ ')' if unit.email else '' }};",
        "filed": "-\tLưu: VT, PT.",
        "on_behalf": base.TEXT["vi"]["on_behalf"],
        "signer_title": base.TEXT["vi"]["signer_title"],
        "doc_title": "Công văn đôn đốc gửi báo cáo kết quả thực hiện " + MOVEMENT_VI + " {{ period.in_sentence }}"
        " – {{ unit.name }}",
        "doc_subject": base.TEXT["vi"]["doc_subject"],
        "rules": base.TEXT["vi"]["rules"],
    },
    "en": {
        "language": "en-GB",
        "letterhead_left": base.TEXT["en"]["letterhead_left"],
        "organ": base.TEXT["en"]["organ"],
        "national": base.TEXT["en"]["national"],
        "motto": base.TEXT["en"]["motto"],
        "number": "No.: …/{{ plan.letterhead.symbol or '…' }}",
        "date_line": base.TEXT["en"]["date_line"],
        "subject": "Re: reminder to send the report on the results of the “Đoàn kết sáng tạo” movement,"
        " {{ period.in_sentence }}",
        "to": "To: {{ unit.name }}.",
        "intro": (
            "Pursuant to {% if plan.number %}Plan No. {{ plan.number }}{% else %}the Plan{% endif %}"
            "{% if plan.issued %} dated {{ plan.issued|endate }}{% endif %} of {{ plan.issuer }}"
            "{% if plan.title %} ({{ plan.title }}){% endif %}, units are to report the results of the"
            " “Đoàn kết sáng tạo” movement for {{ period.in_sentence|enthe }} to {{ plan.issuer }}."
        ),
        "not_received": "As of {{ as_of|endate }}, {{ plan.issuer }} has not received the report of {{ unit.name }}",
        "overdue": (
            "; the report is ",
            "{{ unit.days_overdue }} {{ 'day' if unit.days_overdue == 1 else 'days' }} overdue",
            " (last on-time day: {{ period.last_on_time|endate }}).",
        ),
        "left": (
            "; ",
            "{{ unit.days_left }} {{ 'day remains' if unit.days_left == 1 else 'days remain' }}",
            " to send it (last on-time day: {{ period.last_on_time|endate }}).",
        ),
        "last_day": (
            "; ",
            "today is the last day",
            " to send it (last on-time day: {{ period.last_on_time|endate }}).",
        ),
        "unknown": " (last on-time day: {{ period.last_on_time|endate }}).",
        "request": (
            "So that the figures can be compiled in time and reported to {{ level.above_body }} as required,"
            " {{ plan.issuer }} requests {{ unit.name }} to complete without delay"
            " its report on the results of the “Đoàn kết sáng tạo” movement for {{ period.in_sentence|enthe }}"
            " (the figures for the Plan's indicators, the “Đoàn kết sáng tạo” models, proposals for commendation,"
            " shortcomings and limitations, recommendations and proposals) and send it to {{ plan.issuer }}"
            "{% if plan.report_to %} (through {{ plan.report_to.office }}{% if plan.report_to.email %}; also by"
            " e-mail to: {{ plan.report_to.email }}{% endif %}){% endif %}."
        ),
        "left_out": (
            "As of {{ as_of|endate }}, the report of {{ unit.name }} to {{ plan.issuer }} ",
            "has data errors and is not included in the totals",
            " (last on-time day: {{ period.last_on_time|endate }}).",
        ),
        "request_left_out": (
            "{{ plan.issuer }} requests {{ unit.name }} to check and correct its report on the results of the"
            " “Đoàn kết sáng tạo” movement for {{ period.in_sentence|enthe }} and send it again to {{ plan.issuer }}"
            "{% if plan.report_to %} (through {{ plan.report_to.office }}{% if plan.report_to.email %}; also by"
            " e-mail to: {{ plan.report_to.email }}{% endif %}){% endif %}, so that it can be compiled and reported"
            " to {{ level.above_body }}."
        ),
        "request_overdue": (
            "{{ plan.issuer }} requests {{ unit.name }} to send at once its report on the results of the"
            " “Đoàn kết sáng tạo” movement for {{ period.in_sentence|enthe }} (the figures for the Plan's indicators,"
            " the “Đoàn kết sáng tạo” models, proposals for commendation, shortcomings and limitations, recommendations"
            " and proposals) to {{ plan.issuer }}{% if plan.report_to %} (through {{ plan.report_to.office }}"
            "{% if plan.report_to.email %}; also by e-mail to: {{ plan.report_to.email }}{% endif %}){% endif %},"
            " so that it can be compiled and reported to {{ level.above_body }}."
        ),
        "already": "If the unit has already sent its report, please let"
        " {% if plan.report_to and plan.report_to.office %}{{ plan.report_to.office }}{% else %}us"
        "{% endif %} know so that it can be checked against our records.",
        "closing": "{{ unit.name }} is kindly requested to give this matter its attention.",
        "recipients": "Recipients:",
        "as_above": "-\tAs above{{ ' (e-mail: ' ~ unit.email ~ ')' if unit.email else '' }};",
        "filed": "-\tArchived: Records Office, Movement Department.",
        "on_behalf": base.TEXT["en"]["on_behalf"],
        "signer_title": base.TEXT["en"]["signer_title"],
        "doc_title": "Reminder to send the report on the results of the emulation movement “Đoàn kết sáng tạo”,"
        " {{ period.in_sentence }} – {{ unit.name }}",
        "doc_subject": base.TEXT["en"]["doc_subject"],
        "rules": base.TEXT["en"]["rules"],
    },
}


# --------------------------------------------------------------------------- the document


def letterhead(doc, s: dict) -> None:
    """The report's letterhead, with the "V/v …" subject line (12 pt) under the number."""
    base.letterhead(doc, s)
    cell = doc.tables[-1].rows[1].cells[0]
    p = base.para(cell, s["subject"], "Letterhead", size=12)
    p.paragraph_format.space_before = Pt(2)


def status_paragraph(doc, s: dict, key: str) -> None:
    """ "Đến ngày …, … chưa nhận được báo cáo của …" and the case's words, the middle part in bold."""
    p = base.para(doc, s["not_received"])
    lead, bold, tail = s[key]
    base.run(p, lead)
    base.run(p, bold, bold=True)
    base.run(p, tail)


def body(doc, s: dict) -> None:
    to = base.para(doc, s["to"], "Addressee")
    to.paragraph_format.space_before = Pt(12)
    base.para(doc, s["intro"])
    base.para(doc, "{%p if unit.left_out %}")  # received, but its figures have errors: not in the totals
    p = base.para(doc, s["left_out"][0])
    base.run(p, s["left_out"][1], bold=True)
    base.run(p, s["left_out"][2])
    base.para(doc, "{%p elif unit.days_overdue %}")
    status_paragraph(doc, s, "overdue")
    base.para(doc, "{%p elif unit.days_left is not none and unit.days_left > 0 %}")
    status_paragraph(doc, s, "left")
    base.para(doc, "{%p elif unit.days_left is not none %}")
    status_paragraph(doc, s, "last_day")
    base.para(doc, "{%p else %}")
    p = base.para(doc, s["not_received"])
    base.run(p, s["unknown"])
    base.para(doc, "{%p endif %}")
    base.para(doc, "{%p if unit.left_out %}")
    base.para(doc, s["request_left_out"])
    base.para(doc, "{%p elif unit.days_overdue %}")
    base.para(doc, s["request_overdue"])
    base.para(doc, "{%p else %}")
    base.para(doc, s["request"])
    base.para(doc, "{%p endif %}")
    base.para(doc, "{%p if not unit.left_out %}")
    base.para(doc, s["already"])
    base.para(doc, "{%p endif %}")
    closing = base.para(doc, s["closing"])
    closing.paragraph_format.keep_with_next = True  # the closing words stay with Nơi nhận and the signature
    signature(doc, s)


def signature(doc, s: dict) -> None:
    """ "Nơi nhận" on the left (the unit, the file copy), the signer on the right."""
    left, right = 75.0, base.PORTRAIT_WIDTH - 75.0
    t = base.table(doc, [left, right], grid=False)
    base.no_cell_margins(t)
    row = t.add_row()
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    a, b = row.cells
    base.set_cell_width(a, left)
    base.set_cell_width(b, right)
    pa = a.paragraphs[0]
    pa.style = doc.styles["Recipients Heading"]
    pa.paragraph_format.space_before = Pt(12)
    base.run(pa, s["recipients"])
    base.para(a, s["as_above"], "Recipients")
    base.para(a, s["filed"], "Recipients")
    pb = b.paragraphs[0]
    pb.style = doc.styles["Signature Block"]
    pb.paragraph_format.space_before = Pt(12)
    base.run(pb, s["on_behalf"])
    base.para(b, s["signer_title"], "Signature Block")
    for _ in range(6):  # about 33 mm for the signature and the seal (at least 30 mm, #21)
        base.para(b, "", "Signature Block")
    base.para(b, "{%p if plan.signer and plan.signer.name %}", "Signature Block")
    base.para(b, "{{ plan.signer.name }}", "Signature Block")
    base.para(b, "{%p else %}", "Signature Block")
    base.hole(base.para(b, "", "Signature Block"), "{{ holes.signer_name }}")
    base.para(b, "{%p endif %}", "Signature Block")
    # Word wants a paragraph after a table at the end of a document
    end = base.para(doc, "")
    end.paragraph_format.space_after = Pt(0)


def build(lang: str = "vi") -> bytes:
    """The letter template in ``lang`` (a key of :data:`TEXT`) as the bytes of a .docx."""
    s = TEXT[lang]
    doc = Document()
    for p in list(doc.paragraphs):  # the default template starts with one empty paragraph
        p._p.getparent().remove(p._p)
    base.setup_styles(doc, s)
    addressee = base.add_style(doc, "Addressee")
    base.style_font(addressee, 14)
    base.style_para(addressee, align=WD_ALIGN_PARAGRAPH.CENTER, first_indent=None, after=12, line=None)
    # a letter fits on one page: single line spacing (NĐ 30: at least single, at most 1.5 lines)
    doc.styles["Normal"].paragraph_format.line_spacing = 1.0
    base.portrait(doc.sections[0])
    base.header_footer(doc)
    base.settings(doc, s["language"])
    base.properties(doc, s)
    letterhead(doc, s)
    body(doc, s)
    base.clean(doc, s["language"])
    buf = io.BytesIO()
    doc.save(buf)
    return base.repack(buf.getvalue())


def main(argv: list[str]) -> int:
    return base.run_builder(argv, "build_remind_docx.py", __doc__, build, OUT)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
