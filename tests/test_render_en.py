"""``dkst render --lang en`` and ``dkst remind --lang en``: the English twins of the built-in templates.

The English documents carry the same figures and the same layout logic as the Vietnamese ones; the data
(names of units, letterhead, signer, plan titles, period names, typed text) stays as written. The Vietnamese
output does not move: its goldens live in test_render_cli.py and are checked here against ``--lang vi`` too.
"""

from __future__ import annotations

import html
import io
import re
import shutil
import subprocess
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from dkst.documents import filters, render
from dkst.documents.render import RenderError, find_template, render_docx, render_markdown, render_reminder
from dkst.documents.report_model import ReportContext
from dkst.figures.reminders import Addressee
from dkst.statuses import ReportStatus
from tests.conftest import GOLDEN, assert_golden, run_dkst
from tests.contexts import HOSTILE_UNIT, hostile_context

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"

#: Words of the Vietnamese templates themselves: none may appear in an English document (data aside).
VI_TEMPLATE_WORDS = (
    "BÁO CÁO",
    "Kết quả thực hiện",
    "KẾT QUẢ THỰC HIỆN",
    "TỒN TẠI, HẠN CHẾ",
    "KIẾN NGHỊ, ĐỀ XUẤT",
    "Nơi nhận",
    "Tổng cộng",
    "Đã gửi",
    "Tình trạng",
    "Ngày nhận",
    "hạn cuối",
    "Hạn cuối",
    "đơn vị báo cáo",
    "Số: ",
    "ngày 30 tháng",
    "Kính gửi",
    "Như trên",
    "Phụ lục",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "TM. BAN THƯỜNG TRỰC",
)


def _render(*args: str, **kw: Any) -> str:
    proc = run_dkst("render", "--data", "data", *args, **kw)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    result: str = proc.stdout
    return result


def _docx(data: bytes) -> Any:
    import docx

    return docx.Document(io.BytesIO(data))


def _all_text(document: Any) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def _md_table(text: str, header_cell: str) -> list[list[str]]:
    """The rows (cells stripped, ``**`` dropped) of the Markdown table whose header has ``header_cell``."""
    rows: list[list[str]] = []
    inside = False
    for line in text.splitlines():
        if not line.startswith("|"):
            if inside:
                break
            continue
        cells = [c.strip().replace("**", "") for c in line.strip().strip("|").split(" | ")]
        if not inside and header_cell in cells:
            inside = True
        if inside and not set(line) <= set("|-: "):
            rows.append(cells)
    return rows


# --------------------------------------------------------------------------- the command


@pytest.mark.parametrize(("period", "as_of"), [("H1", "2023-11-30"), ("Y", "2024-01-15")])
def test_markdown_golden_en(period: str, as_of: str) -> None:
    out = _render("--period", period, "--as-of", as_of, "--lang", "en")
    assert_golden(f"render/report-{period}-{as_of}-en.md", out)
    for text in (
        "# REPORT",
        "SOCIALIST REPUBLIC OF VIET NAM",
        "Independence - Freedom - Happiness",
        "(Solidarity and Creativity)",
        "## I. RESULTS",
        "## II. OVERALL ASSESSMENT, LIMITATIONS AND CAUSES",  # the four parts (#21)
        "## III. TASKS FOR ",
        "## IV. PROPOSALS",
        "***Recipients:***",
        "**ON BEHALF OF THE STANDING COMMITTEE**",
        "**CHAIR**",
        "**Nguyễn Ba**",
    ):
        assert text in out, text
    for word in VI_TEMPLATE_WORDS:
        assert word not in out, word


def test_markdown_en_h1_content() -> None:
    out = _render("--period", "H1", "--as-of", "2023-11-30", "--lang", "en")
    # dates in English; data (letterhead lines, units, plan numbers and titles, period name) as written
    for text in (
        "*Tam Kỳ, 30 November 2023*",
        "No.: …/BC-MTTQ-BTT",
        "VIET NAM FATHERLAND FRONT COMMITTEE OF TAM KỲ CITY",  # the letterhead in English (#21)
        "**STANDING COMMITTEE**",
        "Plan No. 204/KH-MTTQ-BTT dated 17 Feb 2023",
        "first half of 2023 (1 Jan 2023 – 30 Jun 2023)",  # the plan's name_en (#21)
        "was 4 Jun 2023",
        "(figures as of 30 Nov 2023)",
        "17 units were due to report",
        "received the reports of 15 of them (88.2%)",
        "11 on time (64.7%) and 4 late",
        "2 units have not sent a report",
        "Hội Chữ thập đỏ thành phố (1 day)",
        "Hội Nông dân thành phố (3 days)",
        "The units held 144 propaganda sessions on the movement, attracting 11,077 attendances",  # phrase_en (#21)
        "| Late (3 days) | 7 Jun 2023 |",
        "**Sent 15/17**",
        "- Archived: Records Office, Movement Department.",  # the plan's "Lưu: VT, PT." in English (#21)
    ):
        assert text in out, text


def test_english_and_vietnamese_carry_the_same_figures() -> None:
    vi = _render("--period", "H1", "--as-of", "2023-11-30")
    en = _render("--period", "H1", "--as-of", "2023-11-30", "--lang", "en")

    def figures(rows: list[list[str]], thousands: str, decimal: str, skip: set[int]) -> list[list[str]]:
        out = []
        for row in rows[1:]:
            cells = [c for i, c in enumerate(row) if i not in skip]
            out.append([re.sub(r"[^\d.%–]", "", c.replace(thousands, "").replace(decimal, ".")) for c in cells])
        return out

    # per-unit table: numeral / index, then the indicators and the models (name, status, date differ)
    vi_units, en_units = _md_table(vi, "Ngày nhận"), _md_table(en, "Received on")
    assert len(vi_units) == len(en_units) == 1 + 4 + 19 + 1
    assert figures(vi_units, ".", ",", {1, 2, 3}) == figures(en_units, ",", ".", {1, 2, 3})
    assert [r[2].split()[-1] for r in vi_units[1:] if "/" in r[2]] == [
        r[2].split()[-1] for r in en_units[1:] if "/" in r[2]
    ]  # Đã gửi 5/6 / Sent 5/6
    # reporting table: counts and percentages
    vi_rep, en_rep = _md_table(vi, "Phải báo cáo"), _md_table(en, "Due")
    assert len(vi_rep) == len(en_rep) == 5
    assert figures(vi_rep, ".", ",", {0}) == figures(en_rep, ",", ".", {0})
    # models and commendations: the same rows
    assert len(_md_table(vi, "Tên mô hình")) == len(_md_table(en, "Model")) == 7
    assert len(_md_table(vi, "Đơn vị đề nghị")) == len(_md_table(en, "Proposing unit")) == 8
    # the section numbering is the same
    assert re.findall(r"^### (\d+)\.", vi, re.M) == re.findall(r"^### (\d+)\.", en, re.M)
    assert len(re.findall(r"^## ", vi, re.M)) == len(re.findall(r"^## ", en, re.M))


def test_dkst_lang_environment_and_vietnamese_unchanged() -> None:
    en = _render("--period", "H1", "--as-of", "2023-11-30", "--lang", "en")
    assert _render("--period", "H1", "--as-of", "2023-11-30", env={"DKST_LANG": "en"}, process=True) == en
    # --lang vi and the default give the Vietnamese goldens, byte for byte
    for period, as_of in (("H1", "2023-11-30"), ("Y", "2024-01-15")):
        want = (GOLDEN / "render" / f"report-{period}-{as_of}.md").read_text(encoding="utf-8")
        assert _render("--period", period, "--as-of", as_of, "--lang", "vi") == want
        assert _render("--period", period, "--as-of", as_of, env={"DKST_LANG": "vi"}) == want


def test_a_users_template_applies_in_every_language(sample: Path) -> None:
    (sample / "templates").mkdir()
    (sample / "templates" / "report.md.j2").write_text(
        "{{ 'Period' if lang == 'en' else 'Kỳ' }} {{ period.id }}: {{ summary.reports.expected|num }}\n",
        encoding="utf-8",
    )
    for lang, want in (("vi", "Kỳ H1: 17\n"), ("en", "Period H1: 17\n")):
        proc = run_dkst("render", "--data", str(sample), "--period", "H1", "--as-of", "2023-11-30", "--lang", lang)
        assert proc.returncode == 0 and proc.stdout == want, proc.stderr


# --------------------------------------------------------------------------- urging letters


def test_remind_en_letters(tmp_path: Path) -> None:
    proc = run_dkst(
        "remind", "--data", "data", "--period", "H1", "--as-of", "2023-06-10", "--lang", "en", "--output", str(tmp_path)
    )
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.stem for p in tmp_path.glob("*.md")) == ["hoi-cuu-chien-binh", "tam-thang"]
    text = (tmp_path / "tam-thang.md").read_text(encoding="utf-8")
    assert_golden("render/remind-H1-2023-06-10-tam-thang-en.md", text)
    for snippet in (
        "SOCIALIST REPUBLIC OF VIET NAM",
        "*Tam Kỳ, 10 June 2023*",
        "No.: …/MTTQ-BTT",
        "Re: reminder to send the report on the results of the “Đoàn kết sáng tạo” movement, first half of 2023",
        "**To: Ủy ban MTTQ Việt Nam xã Tam Thăng.**",
        "has not received the report of Ủy ban MTTQ Việt Nam xã Tam Thăng",
        "**6 days overdue** (last on-time day: 4 Jun 2023)",
        "mttq.tk@gmail.com",
        "through Văn phòng Ủy ban MTTQ Việt Nam thành phố",
        "**ON BEHALF OF THE STANDING COMMITTEE**",
        "**Nguyễn Ba**",
        "***Recipients:***",
        "- As above",
        "- Archived: Records Office, Movement Department.",
    ):
        assert snippet in text, snippet
    for word in (*VI_TEMPLATE_WORDS, "V/v", "quá hạn", "đề nghị"):
        assert word not in text, word


def test_remind_en_pending_and_vietnamese_unchanged(tmp_path: Path) -> None:
    en, vi = tmp_path / "en", tmp_path / "vi"
    for lang, out in (("en", en), ("vi", vi)):
        proc = run_dkst(
            "remind", "--data", "data", "--period", "Y", "--as-of", "2023-11-30", "--lang", lang, "--output", str(out)
        )
        assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in en.glob("*.md")) == sorted(p.name for p in vi.glob("*.md"))
    text = (en / "an-phu.md").read_text(encoding="utf-8")
    assert "**4 days remain** to send it (last on-time day: 4 Dec 2023)" in text
    assert "As of 30 Nov 2023" in text and "overdue" not in text
    vtext = (vi / "an-phu.md").read_text(encoding="utf-8")
    assert "Kính gửi: Ủy ban MTTQ Việt Nam phường An Phú" in vtext and "hạn cuối: 04/12/2023" in vtext
    assert "remain" not in vtext and "Recipients" not in vtext


# --------------------------------------------------------------------------- Word


@pytest.fixture(scope="module")
def en_docx(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    tmp = tmp_path_factory.mktemp("docx")
    outs = []
    for name in ("a.docx", "b.docx"):
        out = tmp / name
        proc = run_dkst(
            "render",
            "--data",
            "data",
            "--period",
            "H1",
            "--as-of",
            "2023-11-30",
            "--lang",
            "en",
            "--format",
            "docx",
            "--output",
            str(out),
        )
        assert proc.returncode == 0, proc.stderr
        outs.append(out.read_bytes())
    assert outs[0] == outs[1], "two renders of the same data differ"
    return outs[0]


def test_docx_en_page_and_fonts(en_docx: bytes) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Mm

    document = _docx(en_docx)
    s = document.sections[0]
    assert abs(s.page_width - Mm(210)) < Mm(0.5) and abs(s.page_height - Mm(297)) < Mm(0.5)
    for got, want in ((s.top_margin, 20), (s.bottom_margin, 20), (s.left_margin, 30), (s.right_margin, 15)):
        assert abs(got - Mm(want)) < Mm(0.2), (got, want)
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size.pt == 14
    fonts = normal.element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "Times New Roman" and fonts.get(qn("w:cs")) == "Times New Roman"
    assert document.sections[-1].page_width > document.sections[-1].page_height  # the appendix, landscape
    with zipfile.ZipFile(io.BytesIO(en_docx)) as z:
        assert z.testzip() is None
        styles = z.read("word/styles.xml").decode("utf-8")
        body = z.read("word/document.xml").decode("utf-8")
    assert 'w:val="en-GB"' in styles
    assert "{%" not in body and "{{" not in body


def test_docx_en_content(en_docx: bytes) -> None:
    document = _docx(en_docx)
    texts = [p.text for p in document.paragraphs]
    assert "REPORT" in texts
    assert (
        "Results of the emulation movement\n“Đoàn kết sáng tạo” (Solidarity and Creativity)\n"
        "first half of 2023 (1 Jan 2023 – 30 Jun 2023)"
    ) in texts
    head = document.tables[0]
    assert "VIET NAM FATHERLAND FRONT\nCOMMITTEE OF TAM KỲ CITY\nSTANDING COMMITTEE" in head.cell(0, 0).text
    assert "SOCIALIST REPUBLIC OF VIET NAM" in head.cell(0, 1).text
    assert "Independence - Freedom - Happiness" in head.cell(0, 1).text
    assert head.cell(1, 0).text == "No.: …/BC-MTTQ-BTT" and head.cell(1, 1).text == "Tam Kỳ, 30 November 2023"
    text = _all_text(document)
    for snippet in (
        "I. RESULTS",
        "II. OVERALL ASSESSMENT, LIMITATIONS AND CAUSES",
        "IV. PROPOSALS",
        "Recipients:",
        "ON BEHALF OF THE STANDING COMMITTEE",
        "CHAIR",
        "Nguyễn Ba",
        "Appendix",
        "attracting 11,077 attendances; figures from the reports of 16 units.",
        "88.2%",
        "Hội Nông dân thành phố (3 days)",
        "Ủy ban MTTQ Việt Nam phường An Mỹ",
        "Tam Thăng",
    ):
        assert snippet in text, snippet
    for word in VI_TEMPLATE_WORDS:
        assert word not in text, word
    units = next(t for t in document.tables if any(c.text == "Received on" for c in t.rows[0].cells))
    total = [c.text for c in units.rows[-1].cells]
    assert total[1] == "Total" and total[2] == "Sent 15/17"
    assert total[4:] == ["144", "11,077", "16", "86", "14", "7", "6"]
    late = next(r for r in units.rows if r.cells[1].text == "Hội Nông dân thành phố")
    assert late.cells[2].text == "Late (3 days)" and late.cells[3].text == "7 Jun 2023"


def test_docx_vietnamese_unchanged_by_lang_vi(tmp_path: Path) -> None:
    outs: list[bytes] = []
    for extra in ((), ("--lang", "vi")):
        out = tmp_path / f"r{len(outs)}.docx"
        proc = run_dkst(
            "render",
            "--data",
            "data",
            "--period",
            "Y",
            "--as-of",
            "2024-01-15",
            "--format",
            "docx",
            "--output",
            str(out),
            *extra,
        )
        assert proc.returncode == 0, proc.stderr
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    text = _all_text(_docx(outs[0]))
    assert "BÁO CÁO" in text and "REPORT" not in text and "Recipients" not in text


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_converts_the_english_report(en_docx: bytes, tmp_path: Path) -> None:
    src = tmp_path / "report.docx"
    src.write_bytes(en_docx)
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
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert (tmp_path / "report.pdf").is_file(), proc.stderr.decode(errors="replace")


# --------------------------------------------------------------------------- a hostile context, directly


@pytest.fixture()
def ctx() -> ReportContext:
    return hostile_context("en")


@pytest.mark.hostile  # an attack: the hostile pass
def test_en_templates_with_hostile_data_and_absent_parts(ctx: ReportContext) -> None:
    out = render_markdown(ctx, TEMPLATES / "en" / "report.md.j2")
    assert "{{ 7*7 }}" in out and "49" not in out
    plain = html.unescape(re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", out))
    assert HOSTILE_UNIT in plain
    text = _all_text(_docx(render_docx(ctx, TEMPLATES / "en" / "report.docx")))
    assert HOSTILE_UNIT in text and "49" not in text
    plan = replace(
        ctx.plan,
        signer=None,
        report_to=None,
        number=None,
        issued=None,
        based_on=(),
        recipients=(),
        title=None,
        place=None,
        letterhead=replace(ctx.plan.letterhead, symbol=None, organ=None, superior=None),
    )
    none = dict.fromkeys(("total", "new", "replicated", "in_progress", "completed", "propose_replication"), 0)
    ctx = replace(
        ctx,
        plan=plan,
        models=(),
        commendations=(),
        texts={key: () for key in ctx.texts},
        summary={**ctx.summary, "models": none},
    )
    out = render_markdown(ctx, TEMPLATES / "en" / "report.md.j2")
    for snippet in (
        "No.: …/BC-…",
        "SOCIALIST REPUBLIC OF VIET NAM",
        "Independence - Freedom - Happiness",
        "Pursuant to the Plan of ",
        "no “Đoàn kết sáng tạo” model was carried out",
        "[Standing Committee to add: limitations]",  # never an empty heading (#21)
        "[Standing Committee to add: proposals]",
    ):
        assert snippet in out, snippet
    assert "None" not in out and "NONE" not in out and "()" not in out
    text = _all_text(_docx(render_docx(ctx, TEMPLATES / "en" / "report.docx")))
    assert "None" not in text and "NONE" not in text and "SOCIALIST REPUBLIC OF VIET NAM" in text
    unit = Addressee("x", "Đơn vị X", ReportStatus.PENDING, "Pending", None, 0, None, None)
    letter = render_reminder(ctx, unit, TEMPLATES / "en" / "remind.md.j2")
    assert "**To: Đơn vị X.**" in letter and "**today is the last day** to send it" in letter
    assert "None" not in letter


def test_a_custom_national_line_stays_as_written(ctx: ReportContext) -> None:
    letterhead = replace(ctx.plan.letterhead, national="Quốc hiệu riêng", motto="Tiêu ngữ riêng")
    ctx = replace(ctx, plan=replace(ctx.plan, letterhead=letterhead))
    out = render_markdown(ctx, TEMPLATES / "en" / "report.md.j2")
    assert "**QUỐC HIỆU RIÊNG**" in out and "**Tiêu ngữ riêng**" in out


# --------------------------------------------------------------------------- finding the template


def test_find_template_by_language(tmp_path: Path) -> None:
    # the page for leaders is one template for both languages: its words come from the catalogue (words.*)
    assert not (TEMPLATES / "en" / "report.html.j2").exists()
    assert find_template("report.html.j2", lang="en") == find_template("report.html.j2", lang="vi")
    for name in (n for n in render.TEMPLATE_NAMES if n != "report.html.j2"):
        assert find_template(name, lang="en").parent.name == "en"
        assert find_template(name, lang="en").read_bytes() == (TEMPLATES / "en" / name).read_bytes()
        assert find_template(name, lang="vi").read_bytes() == (TEMPLATES / name).read_bytes()
        assert find_template(name).read_bytes() == (TEMPLATES / name).read_bytes()
        assert find_template(name, lang="fr").read_bytes() == (TEMPLATES / name).read_bytes()
    data, mine = tmp_path / "data", tmp_path / "mine"
    (data / "templates").mkdir(parents=True)
    mine.mkdir()
    (data / "templates" / "report.md.j2").write_text("dataset", encoding="utf-8")
    assert find_template("report.md.j2", None, data, "en") == data / "templates" / "report.md.j2"
    (mine / "report.md.j2").write_text("mine", encoding="utf-8")
    assert find_template("report.md.j2", mine, data, "en") == mine / "report.md.j2"
    assert find_template("remind.md.j2", mine, data, "en").parent.name == "en"
    with pytest.raises(RenderError):
        find_template("../report.md.j2", mine, data, "en")


# --------------------------------------------------------------------------- filters


@pytest.mark.parametrize(
    ("iso", "short", "long"),
    [
        ("2023-06-04", "4 Jun 2023", "4 June 2023"),
        ("2023-05-01", "1 May 2023", "1 May 2023"),
        ("2023-12-31", "31 Dec 2023", "31 December 2023"),
        ("2024-02-29", "29 Feb 2024", "29 February 2024"),
    ],
)
def test_english_dates(iso: str, short: str, long: str) -> None:
    assert filters.endate(iso) == short and filters.endatelong(iso) == long
    from datetime import date

    assert filters.endate(date.fromisoformat(iso)) == short
    assert filters.endate(None) == "" and filters.endate("") == "" and filters.endate("not a date") == "not a date"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0, "0"),
        (999, "999"),
        (1000, "1,000"),
        (11077, "11,077"),
        (1234567, "1,234,567"),
        (-1234, "-1,234"),
        (3.5, "3.5"),
        (12345.75, "12,345.75"),
        (2.0, "2"),
        (None, "–"),
        ("abc", "abc"),
    ],
)
def test_ennum(value: Any, text: str) -> None:
    assert filters.ennum(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0.8824, "88.2%"),
        (1.0, "100.0%"),
        (0.5, "50.0%"),
        (0.6667, "66.7%"),
        (0, "0.0%"),
        (None, "–"),
    ],
)
def test_enpct(value: Any, text: str) -> None:
    assert filters.enpct(value) == text


def test_enfigure() -> None:
    f = filters.enfigure
    assert (
        f({"label": "Tuyên truyền về Phong trào", "unit": "buổi", "total": 1444})
        == "Tuyên truyền về Phong trào: 1,444 buổi"
    )
    assert f({"label": "Cuộc giám sát", "unit": "", "total": 3}) == "Cuộc giám sát: 3"
    assert (
        f({"label": "Số cuộc phản biện", "unit": "cuộc", "total": None})
        == "Số cuộc phản biện: not reported by any unit"
    )


@pytest.mark.parametrize(
    ("vi", "en"),
    [
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIET NAM"),
        ("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIET NAM"),
        ("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"),
        ("Độc lập – Tự do – Hạnh phúc", "Independence - Freedom - Happiness"),
        ("TM. BAN THƯỜNG TRỰC", "ON BEHALF OF THE STANDING COMMITTEE"),
        ("TM. Ban Thường trực", "ON BEHALF OF THE STANDING COMMITTEE"),
        ("TM. UỶ BAN", "ON BEHALF OF THE COMMITTEE"),
        ("KT. CHỦ TỊCH", "FOR THE CHAIR"),
        ("Q. CHỦ TỊCH", "ACTING CHAIR"),
        ("CHỦ TỊCH", "CHAIR"),
        ("PHÓ CHỦ TỊCH", "VICE CHAIR"),
        ("TM. ỦY BAN NHÂN DÂN", "TM. ỦY BAN NHÂN DÂN"),  # only half known: as written
        ("Nguyễn Ba", "Nguyễn Ba"),
        (None, ""),
    ],
)
def test_enformula(vi: str, en: str) -> None:
    assert filters.enformula(vi) == en


def test_vietnamese_filters_do_not_depend_on_lang() -> None:
    env = render.make_environment()
    source = "{{ 11077|num }} {{ 0.8824|pct }} {{ '2023-06-04'|vndate }}"
    for lang in ("vi", "en"):
        assert env.from_string(source).render(lang=lang) == "11.077 88,2% 04/6/2023"
