"""dkst.documents.render: the sandboxed templates (Markdown, Word, urging letter), driven by a real context.

The context is the sample's (``data/``) for H1 2023 as of 20/6/2023, built by the pipeline
(:mod:`tests.contexts`): the city committee, 6 member organisations, 8 wards and 4 communes; 17 reports expected,
15 received (11 on time, 4 late), 2 missing, Tam Thanh exempt. One unit's name, a model, a highlight and a
limitation carry hostile text, a proposal is near the size limit, and no unit reports critiques.
"""

from __future__ import annotations

import copy
import html
import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from dkst.documents import filters, render
from dkst.documents.filters import md, num, pct, vndate
from dkst.documents.render import RenderError, find_template, render_docx, render_markdown, render_reminder
from dkst.documents.report_model import ReportContext, TextItem
from dkst.figures.reminders import Addressee
from dkst.statuses import ReportStatus
from tests.contexts import HOSTILE_UNIT, hostile_context

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"


@pytest.fixture()
def ctx() -> ReportContext:
    return hostile_context()


@pytest.fixture()
def data() -> dict[str, Any]:
    """The context as templates read it (plain data)."""
    return copy.deepcopy(hostile_context().template_data())


@pytest.fixture(scope="module")
def report_md() -> str:
    return render_markdown(hostile_context(), TEMPLATES / "report.md.j2")


@pytest.fixture(scope="module")
def report_docx() -> bytes:
    return render_docx(hostile_context(), TEMPLATES / "report.docx")


def _docx(data: bytes) -> Any:
    import docx

    return docx.Document(io.BytesIO(data))


def _table(document: Any, heading: str) -> Any:
    """The first table whose header row has a cell reading ``heading``, or None."""
    for table in document.tables:
        if any(cell.text == heading for cell in table.rows[0].cells):
            return table
    return None


def _all_text(document: Any) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def _md_unescape(text: str) -> str:
    """The text a reader sees: backslash escapes dropped, then ``&lt;``, ``&gt;``, ``&amp;`` read back."""
    return html.unescape(re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text))


def _unescaped_pipes(line: str) -> int:
    count = 0
    backslashes = 0
    for ch in line:
        if ch == "\\":
            backslashes += 1
            continue
        if ch == "|" and backslashes % 2 == 0:
            count += 1
        backslashes = 0
    return count


def _md_tables(text: str) -> list[list[str]]:
    tables, current = [], []
    for line in text.splitlines():
        if line.startswith("|"):
            current.append(line)
        elif current:
            tables.append(current)
            current = []
    if current:
        tables.append(current)
    return tables


# --------------------------------------------------------------------------- the context


def test_context_figures_add_up(data: dict[str, Any]) -> None:
    s = data["summary"]
    r = s["reports"]
    assert r["expected"] == r["received"] + r["missing"] + r["pending"] + r["invalid"] == 17
    assert r["received"] == r["on_time"] + r["late"] == 15
    counted = [u for u in data["units"] if u["submitted"] and not u["left_out"]]
    for ind in data["indicators"]:
        vals = [u["indicators"][ind["id"]] for u in counted if ind["id"] in u["indicators"]]
        assert s["indicators"][ind["id"]]["total"] == (sum(vals) if vals else None)
        assert ind["units"] == len(vals)
    assert sum(u["models"] for u in data["units"]) == s["models"]["total"] == len(data["models"])
    kinds = {k["id"]: k["reports"] for k in data["kinds"]}
    for key in ("expected", "received", "on_time", "late", "missing"):
        assert sum(k[key] for k in kinds.values()) == r[key]
    assert len(data["units"]) == 19
    assert any(u["name"] == HOSTILE_UNIT for u in data["units"])
    assert any(len(p["text"]) >= 2990 for p in data["proposals"])


# --------------------------------------------------------------------------- filters


@pytest.mark.parametrize(
    ("iso", "vn"),
    [
        ("2023-06-04", "04/6/2023"),
        ("2023-02-17", "17/02/2023"),
        ("2023-01-09", "09/01/2023"),
        ("2023-12-05", "05/12/2023"),
        ("2022-09-12", "12/9/2022"),
        (None, ""),
        ("bad", "bad"),
    ],
)
def test_vndate(iso: str, vn: str) -> None:
    assert vndate(iso) == vn


def test_vndate_accepts_date_objects() -> None:
    from datetime import date

    assert vndate(date(2023, 3, 8)) == "08/3/2023"
    assert filters.vndatelong("2023-02-05") == "ngày 05 tháng 02 năm 2023"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0, "0"),
        (999, "999"),
        (1000, "1.000"),
        (12345, "12.345"),
        (1234567, "1.234.567"),
        (None, "–"),
        (3.5, "3,5"),
        (2.0, "2"),
    ],
)
def test_num(value: Any, text: str) -> None:
    assert num(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0.8824, "88,2%"),
        (0.7059, "70,6%"),
        (1.0, "100,0%"),
        (0.875, "87,5%"),
        (0, "0,0%"),
        (None, "–"),
        (0.33335, "33,3%"),
        (0.8333, "83,3%"),
        (0.99951, "100,0%"),
        (0.00049, "0,0%"),
    ],
)
def test_pct(value: Any, text: str) -> None:
    assert pct(value) == text


def test_md_escapes_what_would_break_markdown() -> None:
    assert md("Sở GD&ĐT | A < B") == "Sở GD&amp;ĐT \\| A &lt; B"
    assert md("{{ 7*7 }}") == "{{ 7*7 }}"
    assert md("<w:p>") == "&lt;w:p&gt;"
    assert md("a\nb\r\nc") == "a b c"
    assert md("# không phải tiêu đề") == "\\# không phải tiêu đề"
    assert md("- không phải danh sách") == "\\- không phải danh sách"
    assert md("1. không phải danh sách") == "1\\. không phải danh sách"
    assert md("9.865 lượt người") == "9.865 lượt người"
    assert md("*a* và _b_") == "\\*a\\* và \\_b\\_"
    assert md(None) == ""
    assert md("  x  ") == "x"
    for hostile in ("Sở GD&ĐT | A < B", "{{ 7*7 }}", "<w:p>", "# x", "*a* [b](c) `d`", "a\\|b"):
        assert _md_unescape(md(hostile)) == hostile


def test_figure_phrases() -> None:
    f = filters.figure
    assert f({"label": "Số buổi tuyên truyền", "unit": "buổi", "total": 120}) == "120 buổi tuyên truyền"
    assert f({"label": "Số lượt người tham dự", "unit": "lượt người", "total": 5400}) == "5.400 lượt người tham dự"
    assert f({"label": "Diễn đàn", "unit": "buổi", "total": 3}) == "diễn đàn: 3 buổi"
    assert (
        f({"label": "Số cuộc phản biện", "unit": "cuộc", "total": None}) == "số cuộc phản biện: chưa có đơn vị báo cáo"
    )


# --------------------------------------------------------------------------- finding templates


def test_find_template_order(tmp_path: Path) -> None:
    tdir = tmp_path / "mine"
    data = tmp_path / "data"
    (data / "templates").mkdir(parents=True)
    tdir.mkdir()
    builtin = find_template("report.md.j2", None, None)
    assert builtin == TEMPLATES / "report.md.j2" or builtin.parent.name == "templates"
    (data / "templates" / "report.md.j2").write_text("dataset", encoding="utf-8")
    assert find_template("report.md.j2", tdir, data) == data / "templates" / "report.md.j2"
    (tdir / "report.md.j2").write_text("mine", encoding="utf-8")
    assert find_template("report.md.j2", tdir, data) == tdir / "report.md.j2"
    # a name the override does not have falls through to the built-in one
    assert find_template("remind.md.j2", tdir, data).read_bytes() == (TEMPLATES / "remind.md.j2").read_bytes()
    for name in TEMPLATE_NAMES_BUILTIN:
        assert find_template(name).is_file()


TEMPLATE_NAMES_BUILTIN = render.TEMPLATE_NAMES


@pytest.mark.parametrize("name", ["../plan.yaml", "nope.j2", "", "a/b.j2"])
def test_find_template_refuses(name: str, tmp_path: Path) -> None:
    with pytest.raises(RenderError) as err:
        find_template(name, tmp_path, tmp_path)
    assert "\n" not in str(err.value)


# --------------------------------------------------------------------------- Markdown report


def test_markdown_has_letterhead_and_structure(report_md: str) -> None:
    out = report_md
    for text in (
        "ỦY BAN MTTQ VIỆT NAM THÀNH PHỐ TAM KỲ",
        "BAN THƯỜNG TRỰC",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: …/BC-MTTQ-BTT",
        "Tam Kỳ, ngày 20 tháng 6 năm 2023",
        "# BÁO CÁO",
        "Kết quả thực hiện Phong trào thi đua “Đoàn kết sáng tạo” 6 tháng đầu năm 2023",
        "Kế hoạch số 204/KH-MTTQ-BTT ngày 17/02/2023",
        "Kế hoạch số 109/KH-MTTQ-BTT ngày 12/9/2022",
        "Kế hoạch số 25/KH-MTTQ-BTT ngày 08/3/2023",
        "## I. KẾT QUẢ THỰC HIỆN",
        "### 1. Tuyên truyền",
        "Xây dựng mô hình “Đoàn kết sáng tạo”",
        "Công tác đánh giá, khen thưởng",
        "Tình hình báo cáo của các đơn vị",
        "## II. ĐÁNH GIÁ CHUNG, HẠN CHẾ VÀ NGUYÊN NHÂN",
        "## III. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2023",
        "## IV. ĐỀ XUẤT, KIẾN NGHỊ",
        "[Ban Thường trực bổ sung: đánh giá chung]",
        "Nơi nhận:",
        "TM. BAN THƯỜNG TRỰC",
        "CHỦ TỊCH",
        "Nguyễn Ba",
        "- Ban Phong trào UBMTTQ tỉnh;",
        "- Lưu: VT, PT.",
    ):
        assert text in out, text
    assert (
        out.index("## I.") < out.index("## II.") < out.index("## III.") < out.index("## IV.") < out.index("Nơi nhận:")
    )
    assert out.endswith("\n")


def test_markdown_figures(report_md: str, data: dict[str, Any]) -> None:
    out = report_md
    # one paragraph per section, the count of reporting units said once (#21)
    assert (
        "144 buổi tuyên truyền về Phong trào, thu hút 11.077 lượt người tham dự; số liệu tổng hợp từ báo cáo của 16"
        in out
    )
    assert "### 4. Kết quả khác\n\nChưa có đơn vị nào báo cáo số liệu về góp ý, phản biện xã hội." in out
    assert "88,2%" in out and "64,7%" in out and "Hạn cuối" in out
    assert "04/6/2023" in out
    assert "triển khai 7 mô hình" in out and "7 mô hình xây dựng mới" in out
    assert "khen thưởng 4 tập thể và 3 cá nhân" in out
    assert "**Tổng cộng** | **Đã gửi 15/17**" in out
    assert "**11.077**" in out and "**5.660**" in out  # total and the member organisations' subtotal
    for u in data["units"]:
        assert md(u["name"]) in out, u["name"]
    for m in data["models"]:
        assert md(m["name"]) in out, m["name"]
    for c in data["commendations"]:
        assert md(c["name"]) in out


def test_markdown_unit_table_rows(report_md: str, data: dict[str, Any]) -> None:
    table = next(t for t in _md_tables(report_md) if "Ngày nhận" in t[0])
    kinds_with_units = [k for k in data["kinds"] if any(u["kind"] == k["id"] for u in data["units"])]
    assert len(table) == 2 + len(kinds_with_units) + len(data["units"]) + 1
    assert len(table[0].split(" | ")) >= 4 + len(data["indicators"])


def test_markdown_tables_are_not_broken_by_data(report_md: str) -> None:
    tables = _md_tables(report_md)
    assert len(tables) >= 5
    for table in tables:
        counts = {_unescaped_pipes(line) for line in table}
        assert len(counts) == 1, table


def test_markdown_hostile_strings_print_literally(report_md: str, data: dict[str, Any]) -> None:
    out = report_md
    assert "{{ 7*7 }}" in out
    assert "49" not in out
    plain = _md_unescape(out)
    assert HOSTILE_UNIT in plain
    assert "<w:p>" in plain and "&lt;w:p&gt;" in out and "<w:p>" not in out  # shown literally, never raw HTML
    limitation = next(x["text"] for x in data["limitations"] if "<w:p>" in x["text"])
    for line in limitation.splitlines():
        assert line in plain, line
    # a line of data that starts with "#" or "- " does not become a heading or a list item
    assert "\n  - \\# không phải tiêu đề" in out and "\n  - \\- không phải danh sách" in out
    long = next(x["text"] for x in data["proposals"] if len(x["text"]) > 2900)
    assert long in plain


def _without_texts(ctx: ReportContext, **texts: tuple[TextItem, ...]) -> dict[str, tuple[TextItem, ...]]:
    return {key: texts.get(key, ()) for key in ctx.texts}


def test_markdown_with_optional_parts_absent(ctx: ReportContext) -> None:
    plan = replace(
        ctx.plan,
        signer=None,
        report_to=None,
        number=None,
        issued=None,
        based_on=(),
        recipients=(),
        letterhead=replace(ctx.plan.letterhead, symbol=None),
    )
    none = dict.fromkeys(("total", "new", "replicated", "in_progress", "completed", "propose_replication"), 0)
    ctx = replace(
        ctx,
        plan=plan,
        models=(),
        commendations=(),
        texts=_without_texts(ctx),
        summary={**ctx.summary, "models": none},
    )
    out = render_markdown(ctx, TEMPLATES / "report.md.j2")
    assert "Số: …/BC-…" in out
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in out and "Độc lập - Tự do - Hạnh phúc" in out
    assert "chưa có mô hình “Đoàn kết sáng tạo” nào" in out
    # never an empty heading: the committee's words still to write are marked (#21)
    assert "[Ban Thường trực bổ sung: hạn chế]" in out and "[Ban Thường trực bổ sung: đề xuất, kiến nghị]" in out
    assert "None" not in out


def test_render_does_not_change_the_context(ctx: ReportContext) -> None:
    before = copy.deepcopy(ctx.template_data())
    render_markdown(ctx, TEMPLATES / "report.md.j2")
    render_docx(ctx, TEMPLATES / "report.docx")
    assert ctx.template_data() == before


# --------------------------------------------------------------------------- urging letter


def _unit(**kw: Any) -> Addressee:
    base = Addressee(
        id="tam-thang",
        name="Ủy ban MTTQ Việt Nam xã Tam Thăng",
        status=ReportStatus.MISSING,
        status_label="Chưa gửi",
        days_overdue=16,
        days_left=None,
        email="mttq.tamthang@example.vn",
        form_file=None,
    )
    return replace(base, **kw)


def test_reminder_overdue(ctx: ReportContext) -> None:
    out = render_reminder(ctx, _unit(), TEMPLATES / "remind.md.j2")
    for text in (
        "Kính gửi: Ủy ban MTTQ Việt Nam xã Tam Thăng.",
        "hạn cuối: 04/6/2023",
        "quá hạn 16 ngày",
        "6 tháng đầu năm 2023",
        "Kế hoạch số 25/KH-MTTQ-BTT",
        "mttq.tk@gmail.com",
        "Văn phòng Ủy ban MTTQ Việt Nam thành phố",
        "ỦY BAN MTTQ VIỆT NAM THÀNH PHỐ TAM KỲ",
        "Tam Kỳ, ngày 20 tháng 6 năm 2023",
        "TM. BAN THƯỜNG TRỰC",
        "Nguyễn Ba",
        "Như trên",
        "mttq.tamthang@example.vn",
        "V/v đôn đốc",
    ):
        assert text in out, text
    for table in _md_tables(out):
        assert len({_unescaped_pipes(line) for line in table}) == 1


def test_reminder_pending_and_hostile_name(ctx: ReportContext) -> None:
    out = render_reminder(
        ctx,
        _unit(status=ReportStatus.PENDING, days_overdue=None, days_left=3, email=None, name=HOSTILE_UNIT),
        TEMPLATES / "remind.md.j2",
    )
    assert "còn 3 ngày" in out and "quá hạn" not in out
    assert HOSTILE_UNIT in _md_unescape(out) and "49" not in out
    out = render_reminder(ctx, _unit(days_overdue=None, days_left=0), TEMPLATES / "remind.md.j2")
    assert "hôm nay là ngày cuối cùng" in out
    # a unit with only id and name is enough
    out = render_reminder(ctx, _unit(id="x", name="Đơn vị X", days_overdue=None), TEMPLATES / "remind.md.j2")
    assert "Kính gửi: Đơn vị X." in out


# --------------------------------------------------------------------------- errors


HOSTILE_TEMPLATES = {
    "syntax": ("a\nb\n{% if %}\n", 3, "syntax"),
    "undefined": ("{{ plan.title }}\n{{ nope }}\n", 2, "undefined"),
    "undefined-attr": ("\n\n\n{{ plan.nope.deeper }}\n", 4, "undefined"),
    "mro": ("{{ ''.__class__.__mro__ }}\n", 1, "sandbox"),
    "globals": ("x\n{{ cycler.__init__.__globals__ }}\n", 2, "sandbox"),
    "append": ("{% set x = units.append(1) %}\n", 1, "sandbox"),
    "format": ("{{ '{0.__class__}'.format(1) }}\n", 1, "sandbox"),
    "include-escape": ("{% include '../../etc/passwd' %}\n", 1, ""),
    "missing-include": ("{% include 'nope.j2' %}\n", 1, "not found"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE_TEMPLATES))
def test_hostile_markdown_templates_fail_in_one_line(
    case: str, ctx: ReportContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source, line, word = HOSTILE_TEMPLATES[case]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "templates").mkdir()
    path = tmp_path / "templates" / "report.md.j2"
    path.write_text(source, encoding="utf-8")
    before = sorted(p.name for p in tmp_path.rglob("*"))
    with pytest.raises(RenderError) as err:
        render_markdown(ctx, Path("templates/report.md.j2"))
    message = str(err.value)
    assert "\n" not in message
    assert message.startswith(f"templates/report.md.j2:{line}: "), message
    assert word in message
    assert "Traceback" not in message
    assert sorted(p.name for p in tmp_path.rglob("*")) == before  # nothing written


def test_template_errors_name_an_included_file(
    ctx: ReportContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "report.md.j2").write_text("ok\n{% include 'part.j2' %}\n", encoding="utf-8")
    (tmp_path / "t" / "part.j2").write_text("1\n2\n{{ missing_var }}\n", encoding="utf-8")
    with pytest.raises(RenderError) as err:
        render_markdown(ctx, Path("t/report.md.j2"))
    assert str(err.value).startswith("t/part.j2:3: "), str(err.value)


def test_unreadable_templates(ctx: ReportContext, tmp_path: Path) -> None:
    bad = tmp_path / "report.md.j2"
    bad.write_bytes("{{ plan.title }} \xe0".encode("cp1258"))
    with pytest.raises(RenderError, match="UTF-8"):
        render_markdown(ctx, bad)
    with pytest.raises(RenderError, match="cannot read"):
        render_markdown(ctx, tmp_path / "absent.md.j2")
    with pytest.raises(RenderError, match="not a Word document"):
        render_docx(ctx, bad)
    with pytest.raises(RenderError, match="cannot read"):
        render_docx(ctx, tmp_path / "absent.docx")


def _docx_template(tmp_path: Path, *texts: str) -> Path:
    import docx

    document = docx.Document()
    for text in texts:
        document.add_paragraph(text)
    path = tmp_path / "report.docx"
    document.save(str(path))
    return path


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("{{ ''.__class__.__mro__ }}", "sandbox"),
        ("{{ cycler.__init__.__globals__ }}", "sandbox"),
        ("{% set x = units.append(1) %}", "sandbox"),
        ("{{ nope }}", "undefined"),
        ("{% if %}", "syntax"),
        ("{%p for x in units %}", "syntax"),
    ],
)
def test_hostile_docx_templates_are_refused(text: str, word: str, ctx: ReportContext, tmp_path: Path) -> None:
    path = _docx_template(tmp_path, "Báo cáo", text, "cuối")
    with pytest.raises(RenderError) as err:
        render_docx(ctx, path)
    message = str(err.value)
    assert "\n" not in message
    assert "report.docx" in message and word in message, message


# --------------------------------------------------------------------------- Word report


def test_docx_page_setup_and_fonts(report_docx: bytes) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Mm

    document = _docx(report_docx)
    s = document.sections[0]
    assert abs(s.page_width - Mm(210)) < Mm(0.5) and abs(s.page_height - Mm(297)) < Mm(0.5)
    for got, want in ((s.top_margin, 20), (s.bottom_margin, 20), (s.left_margin, 30), (s.right_margin, 15)):
        assert abs(got - Mm(want)) < Mm(0.2), (got, want)
    assert s.different_first_page_header_footer
    header_xml = s.header._element.xml
    assert "PAGE" in header_xml and "fldChar" in header_xml
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.font.size.pt == 14
    fonts = normal.element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "Times New Roman" and fonts.get(qn("w:cs")) == "Times New Roman"
    pf = normal.paragraph_format
    assert pf.alignment == 3  # justified
    assert abs(pf.first_line_indent.cm - 1.0) < 0.01
    assert pf.space_after.pt == 6
    # the appendix (the per-unit table) is on landscape pages
    assert document.sections[-1].page_width > document.sections[-1].page_height


def test_docx_letterhead_and_signature(report_docx: bytes) -> None:
    document = _docx(report_docx)
    head = document.tables[0]
    left = head.cell(0, 0).text
    right = head.cell(0, 1).text
    # the level and place on a line of their own (#21)
    assert "ỦY BAN MTTQ VIỆT NAM\nTHÀNH PHỐ TAM KỲ\n" in left and "BAN THƯỜNG TRỰC" in left
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in right and "Độc lập - Tự do - Hạnh phúc" in right
    assert head.cell(1, 0).text == "Số: …/BC-MTTQ-BTT"
    assert head.cell(1, 1).text == "Tam Kỳ, ngày 20 tháng 6 năm 2023"
    assert all(r.italic for r in head.cell(1, 1).paragraphs[0].runs)
    texts = [p.text for p in document.paragraphs]
    assert "BÁO CÁO" in texts
    assert "Kết quả thực hiện Phong trào thi đua “Đoàn kết sáng tạo”\n6 tháng đầu năm 2023" in texts
    sign = next(t for t in document.tables if "Nơi nhận:" in t.cell(0, 0).text)
    assert "-\tBan Phong trào UBMTTQ tỉnh;" in sign.cell(0, 0).text
    assert "-\tLưu: VT, PT." in sign.cell(0, 0).text
    right = [p.text for p in sign.cell(0, 1).paragraphs]
    assert right[0] == "TM. BAN THƯỜNG TRỰC" and right[1] == "CHỦ TỊCH" and right[-1] == "Nguyễn Ba"


def test_docx_unit_table(report_docx: bytes, data: dict[str, Any]) -> None:
    from docx.oxml.ns import qn

    document = _docx(report_docx)
    table = _table(document, "Ngày nhận")
    kinds_with_units = [k for k in data["kinds"] if any(u["kind"] == k["id"] for u in data["units"])]
    assert len(table.rows) == 1 + len(kinds_with_units) + len(data["units"]) + 1
    assert len(table.columns) == 4 + len(data["indicators"]) + 1
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # repeated on each page
    assert table.style.name == "Table Grid"
    names = [row.cells[1].text for row in table.rows]
    for u in data["units"]:
        assert u["name"] in names
    total = [c.text for c in table.rows[-1].cells]
    assert total[1] == "Tổng cộng" and total[2] == "Đã gửi 15/17"
    assert total[4:] == ["144", "11.077", "16", "86", "14", "–", "7"]
    member = next([c.text for c in row.cells] for row in table.rows if row.cells[1].text == "Tổ chức thành viên")
    assert member[:3] == ["II", "Tổ chức thành viên", "Đã gửi 5/6"] and member[5] == "5.660"
    late = next(row for row in table.rows if row.cells[1].text == HOSTILE_UNIT)
    assert late.cells[2].text == "Trễ hạn (1 ngày)" and late.cells[3].text == "05/6/2023"
    # column widths follow the number of indicators and keep the table on the page
    grid = table._tbl.find(qn("w:tblGrid")).findall(qn("w:gridCol"))
    assert len(grid) == len(table.columns)
    assert abs(sum(int(g.get(qn("w:w"))) for g in grid) - 14003) < 20  # 247 mm


def test_docx_models_and_commendations_tables(report_docx: bytes, data: dict[str, Any]) -> None:
    document = _docx(report_docx)
    models = _table(document, "Tên mô hình")
    assert len(models.rows) == 1 + len(data["models"])
    assert [r.cells[2].text for r in models.rows[1:]] == [m["name"] for m in data["models"]]
    assert sum(r.cells[6].text == "x" for r in models.rows[1:]) == data["summary"]["models"]["propose_replication"]
    comm = _table(document, "Đơn vị đề nghị")
    assert len(comm.rows) == 1 + len(data["commendations"])
    for table in (models, comm):
        for row in table.rows[1:]:
            for cell in row.cells:
                for p in cell.paragraphs:
                    assert p.style.font.size.pt == 12 or p.style.name.startswith("Table")


def test_docx_text_and_hostile_strings(report_docx: bytes, data: dict[str, Any]) -> None:
    text = _all_text(_docx(report_docx))
    for snippet in (
        "144 buổi tuyên truyền",
        "11.077 lượt người tham dự",
        "88,2%",
        "64,7%",
        "04/6/2023",
        "Chưa có đơn vị nào báo cáo số liệu",
        "I. KẾT QUẢ THỰC HIỆN",
        "II. ĐÁNH GIÁ CHUNG, HẠN CHẾ VÀ NGUYÊN NHÂN",
        "IV. ĐỀ XUẤT, KIẾN NGHỊ",
        "[Ban Thường trực bổ sung: nguyên nhân]",
        "Phụ lục",
        HOSTILE_UNIT,
        "<w:p>",
        "{{ 7*7 }}",
    ):
        assert snippet in text, snippet
    assert "49" not in text
    long = next(x["text"] for x in data["proposals"] if len(x["text"]) > 2900)
    assert long in text
    limitation = next(x["text"] for x in data["limitations"] if "<w:p>" in x["text"])
    for line in limitation.splitlines():  # each line of the data a line of its own, nothing lost (#21)
        assert line in text, line


def test_docx_is_valid_xml_and_deterministic(report_docx: bytes, ctx: ReportContext) -> None:
    from lxml import etree

    again = render_docx(ctx, TEMPLATES / "report.docx")
    assert again == report_docx
    with zipfile.ZipFile(io.BytesIO(report_docx)) as z:
        assert z.testzip() is None
        for info in z.infolist():
            assert info.date_time == (1980, 1, 1, 0, 0, 0)
            if info.filename.endswith(".xml") or info.filename.endswith(".rels"):
                etree.fromstring(z.read(info.filename))  # well-formed
        body = z.read("word/document.xml").decode("utf-8")
    assert "{%" not in body and "{{ plan" not in body  # every tag was rendered


def test_docx_with_optional_parts_absent_and_control_characters(ctx: ReportContext) -> None:
    plan = replace(
        ctx.plan,
        signer=None,
        report_to=None,
        recipients=(),
        letterhead=replace(ctx.plan.letterhead, symbol=None),
    )
    ctx = replace(
        ctx,
        plan=plan,
        models=(),
        commendations=(),
        texts=_without_texts(ctx, proposals=(TextItem("an-my", "An Mỹ", "a\x00b\x0bc\x1fd\ttab"),)),
    )
    data = render_docx(ctx, TEMPLATES / "report.docx")
    document = _docx(data)
    text = _all_text(document)
    assert "Số: …/BC-…" in text
    assert "abcd" in text
    assert _table(document, "Tên mô hình") is None
    assert _table(document, "Ngày nhận") is not None


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_converts_to_pdf(report_docx: bytes, tmp_path: Path) -> None:
    src = tmp_path / "report.docx"
    src.write_bytes(report_docx)
    env = {**os.environ, "HOME": str(tmp_path)}
    proc = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(src),
        ],
        capture_output=True,
        timeout=180,
        env=env,
    )
    pdf = tmp_path / "report.pdf"
    assert pdf.is_file(), proc.stderr.decode(errors="replace")
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, timeout=60).stdout
        assert "A4" in info
        found = re.search(r"Pages:\s+(\d+)", info)
        assert found is not None, info
        pages = int(found.group(1))
        assert 4 <= pages <= 20


# --------------------------------------------------------------------------- start-up cost


def test_import_is_light() -> None:
    code = (
        "import sys, dkst.documents.render; "
        "heavy = [m for m in ('docxtpl', 'docx', 'jinja2', 'lxml') if m in sys.modules]; "
        "assert not heavy, heavy"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-c", code], check=True, env=env, timeout=60)


def test_no_indicators_and_a_unit_of_an_unknown_kind(ctx: ReportContext) -> None:
    from docx.oxml.ns import qn

    stray = replace(
        ctx.units[0],
        id="la",
        name="Đơn vị lạ",
        kind="other",
        kind_label="Khác",
        indicators={},
        models=0,
        status=ReportStatus.NOT_REQUIRED,
        status_label="Không yêu cầu",
        submitted=None,
    )
    ctx = replace(
        ctx,
        indicators=(),
        sections=(),
        summary={**ctx.summary, "indicators": {}},
        units=(*ctx.units, stray),
    )
    out = render_markdown(ctx, TEMPLATES / "report.md.j2")
    assert "| Đơn vị lạ |" in out
    for table in _md_tables(out):
        assert len({_unescaped_pipes(line) for line in table}) == 1, table
    document = _docx(render_docx(ctx, TEMPLATES / "report.docx"))
    table = _table(document, "Ngày nhận")
    assert len(table.columns) == 5
    assert "Đơn vị lạ" in [row.cells[1].text for row in table.rows]
    grid = table._tbl.find(qn("w:tblGrid")).findall(qn("w:gridCol"))
    assert len(grid) == 5 and abs(sum(int(g.get(qn("w:w"))) for g in grid) - 14003) < 20


def test_absent_letterhead_lines_print_nothing(ctx: ReportContext) -> None:
    ctx = replace(ctx, plan=replace(ctx.plan, letterhead=replace(ctx.plan.letterhead, organ=None, superior=None)))
    out = render_markdown(ctx, TEMPLATES / "report.md.j2")
    assert "NONE" not in out and "None" not in out
    text = _all_text(_docx(render_docx(ctx, TEMPLATES / "report.docx")))
    assert "NONE" not in text and "None" not in text
