"""The layout of Nghị định 30/2020/NĐ-CP (Phụ lục I) that the built-in Word templates control, asserted on
rendered documents: the report and the urging letter, in Vietnamese and in English, from the sample dataset.

Read from the XML (python-docx): A4 pages; margins per section (portrait: top and bottom 20–25 mm, left 30–35,
right 15–20; a landscape appendix keeps the binding edge at 30–35 mm, see ``LANDSCAPE`` below); Times New Roman
everywhere; the sizes of each block (quốc hiệu 12–13 bold upright uppercase, tiêu ngữ 13–14 bold, the issuer's
name 12–13 bold uppercase, số ký hiệu 13, địa danh ngày tháng 13–14 italic, tên loại 13–14 bold uppercase, body
13–14, "Nơi nhận:" 12 bold italic, its list 11 with a hanging indent); the borderless header table and the
lengths of its rules; the date line's zero padding; the signature block; page numbers from page 2; the closing
paragraph kept with Nơi nhận and the signature; document properties; no leftovers of the template.

Read from LibreOffice's PDF, page by page (skipped with the reason where ``soffice`` is absent): each letter on
one page, the signature never alone on a page, page numbers from page 2.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from dkst.documents.report_model import ReportContext
from tests.conftest import REPO
from tests.contexts import hostile_context, sample_context

SAMPLE = REPO / "data"
TEMPLATES = REPO / "templates"
FONT = "Times New Roman"
#: Portrait margins in mm (NĐ 30, Phụ lục I, I.4): top, bottom, left, right.
PORTRAIT = {"top": (20, 25), "bottom": (20, 25), "left": (30, 35), "right": (15, 20)}
#: A landscape appendix page is bound with the portrait pages by its top edge (the sheet's left edge, as Word
#: turns the margins), or by its left edge when bound on its own: both keep 30–35 mm; the other two edges are
#: the sheet's outer edges (15–20 mm … 20–25 mm).
LANDSCAPE = {"top": (30, 35), "bottom": (15, 25), "left": (30, 35), "right": (15, 25)}
AS_OF = date(2023, 11, 30)
CASES = [("report", "vi"), ("report", "en"), ("remind", "vi"), ("remind", "en")]


def bold_width_mm(text: str, pt: float) -> float:
    """The printed width of ``text`` in Times New Roman Bold at ``pt`` points (the metrics of
    :mod:`dkst.documents.docxrules`)."""
    from dkst.documents.docxrules import text_width_mm

    return text_width_mm(text, pt, True)


# --------------------------------------------------------------------------- the documents


def _context(lang: str, period: str = "H1", as_of: date = AS_OF) -> ReportContext:
    return sample_context(period, lang, as_of)


def _template(name: str, lang: str) -> Path:
    return TEMPLATES / (f"{lang}/" if lang != "vi" else "") / f"{name}.docx"


@pytest.fixture(scope="module")
def contexts() -> dict[str, ReportContext]:
    return {lang: _context(lang) for lang in ("vi", "en")}


@pytest.fixture(scope="module")
def rendered(contexts: dict[str, ReportContext]) -> dict[tuple[str, str], bytes]:
    from dkst.documents.render import render_docx, render_reminder_docx
    from dkst.figures.reminders import Addressee
    from dkst.statuses import ReportStatus

    out: dict[tuple[str, str], bytes] = {}
    for name, lang in CASES:
        ctx = contexts[lang]
        if name == "report":
            out[name, lang] = render_docx(ctx, _template(name, lang))
        else:
            unit = next(u for u in ctx.units if u.status == ReportStatus.MISSING)
            to = Addressee(
                unit.id, unit.name, ReportStatus.MISSING, unit.status_label, 179, None, "hoi.ccb@example.vn", None
            )
            out[name, lang] = render_reminder_docx(ctx, to, _template(name, lang))
    return out


def _doc(data: bytes) -> Any:
    import docx

    return docx.Document(io.BytesIO(data))


def _mm(length: Any) -> float:
    result: float = length / 36000
    return result


def _size(paragraph: Any) -> float:
    """The font size of the paragraph's text (its runs, else its style chain), in points."""
    for run in paragraph.runs:
        if run.text.strip() and run.font.size is not None:
            return float(run.font.size.pt)
    style = paragraph.style
    while style is not None:
        if style.font.size is not None:
            return float(style.font.size.pt)
        style = style.base_style
    raise AssertionError(f"no font size for {paragraph.text!r}")


def _flag(paragraph: Any, name: str) -> bool:
    """Whether the paragraph's text is bold / italic (run first, then the style chain)."""
    runs = [r for r in paragraph.runs if r.text.strip()]
    values = {getattr(r.font, name) for r in runs}
    if values == {True}:
        return True
    if False in values:
        return False
    style = paragraph.style
    while style is not None:
        value = getattr(style.font, name)
        if value is not None:
            return bool(value)
        style = style.base_style
    return False


def _paragraphs(cell: Any) -> list[Any]:
    return [p for p in cell.paragraphs if p.text.strip()]


def _rule_mm(cell: Any, width_mm: float) -> float:
    """The length of the bottom-border rule in ``cell`` (a paragraph with a border, indented both sides)."""
    from docx.oxml.ns import qn

    for p in cell.paragraphs:
        ppr = p._p.pPr
        if ppr is not None and ppr.find(qn("w:pBdr")) is not None:
            pf = p.paragraph_format
            return width_mm - _mm(pf.left_indent or 0) - _mm(pf.right_indent or 0)
    raise AssertionError("no rule")


def _cases() -> list[Any]:
    return [pytest.param(name, lang, id=f"{name}-{lang}") for name, lang in CASES]


# --------------------------------------------------------------------------- page, margins, fonts


@pytest.mark.parametrize(("name", "lang"), _cases())
def test_page_a4_and_margins_per_section(rendered: dict[tuple[str, str], bytes], name: str, lang: str) -> None:
    from docx.enum.section import WD_ORIENT

    doc = _doc(rendered[name, lang])
    orientations = []
    for section in doc.sections:
        w, h = round(_mm(section.page_width)), round(_mm(section.page_height))
        landscape = section.orientation == WD_ORIENT.LANDSCAPE
        orientations.append(landscape)
        assert (w, h) == ((297, 210) if landscape else (210, 297))
        rules = LANDSCAPE if landscape else PORTRAIT
        for edge, (low, high) in rules.items():
            value = _mm(getattr(section, f"{edge}_margin"))
            assert low - 0.5 <= value <= high + 0.5, (edge, value, landscape)
    assert orientations[0] is False
    assert orientations == ([False, True] if name == "report" else [False])  # the appendix is landscape


@pytest.mark.parametrize(("name", "lang"), _cases())
def test_times_new_roman_everywhere(rendered: dict[tuple[str, str], bytes], name: str, lang: str) -> None:
    data = rendered[name, lang]
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for part in ("word/styles.xml", "word/document.xml", "word/header1.xml"):
            xml = z.read(part).decode("utf-8")
            assert "Theme=" not in xml and "theme=" not in xml.lower().replace("w:themefontlang", ""), part
            fonts = {
                font
                for tag in re.findall(r"<w:rFonts [^>]*>", xml)
                for font in re.findall(r'w:(?:ascii|hAnsi|eastAsia|cs)="([^"]+)"', tag)
            }
            assert fonts <= {FONT}, (part, fonts)
        assert set(re.findall(r'w:name="([^"]+)"', z.read("word/fontTable.xml").decode())) <= {FONT, "Symbol"}
        theme = z.read("word/theme/theme1.xml").decode("utf-8")
        assert set(re.findall(r'<a:latin typeface="([^"]*)"', theme)) == {FONT}
        settings = z.read("word/settings.xml").decode("utf-8")
        assert "ja-JP" not in settings
    doc = _doc(data)
    assert doc.styles["Normal"].font.name == FONT
    assert {s.name for s in doc.styles if s.name.startswith("Heading")} <= {
        "Heading 1",
        "Heading 2",
        "Heading 3",
        "Heading 1 Char",
        "Heading 2 Char",
    }
    assert len(doc.styles) < 40  # no ~140 unused table styles


# --------------------------------------------------------------------------- the header (thể thức)


@pytest.mark.parametrize(("name", "lang"), _cases())
def test_header_table_blocks(rendered: dict[tuple[str, str], bytes], name: str, lang: str) -> None:
    from docx.oxml.ns import qn

    doc = _doc(rendered[name, lang])
    table = doc.tables[0]
    xml = table._tbl.xml
    assert "w:tblBorders" not in xml or 'w:val="single"' not in xml.split("w:tblBorders")[1].split("/w:tblBorders")[0]
    assert table.style is None or "Grid" not in (table.style.name or "")
    left, right = table.rows[0].cells
    # the issuer's lines (broken before the level and place, #21), then the organ in bold
    lines = _paragraphs(left)
    organ = next(p for p in lines if _flag(p, "bold"))
    superiors = lines[: lines.index(organ)]
    assert len(superiors) >= 2
    national, motto = _paragraphs(right)[:2]
    # quốc hiệu: 12–13, bold, upright, upper case
    assert 12 <= _size(national) <= 13 and _flag(national, "bold") and not _flag(national, "italic")
    assert national.text == national.text.upper()
    # tiêu ngữ: 13–14, bold
    assert 13 <= _size(motto) <= 14 and _flag(motto, "bold")
    # the issuing body: 12–13, upper case; its own name bold
    for superior in superiors:
        assert 12 <= _size(superior) <= 13 and superior.text == superior.text.upper()
    assert 12 <= _size(organ) <= 13 and _flag(organ, "bold") and organ.text == organ.text.upper()
    # the rules: under the motto as long as the motto; under the issuer's name 1/3 to 1/2 of it
    width_right = _mm(right.width)
    width_left = _mm(left.width)
    motto_mm = bold_width_mm(motto.text, _size(motto))
    assert abs(_rule_mm(right, width_right) - motto_mm) <= 3, (_rule_mm(right, width_right), motto_mm)
    organ_mm = bold_width_mm(organ.text, _size(organ))
    assert organ_mm / 3 - 1 <= _rule_mm(left, width_left) <= organ_mm / 2 + 1, (_rule_mm(left, width_left), organ_mm)
    # số, ký hiệu 13; địa danh, ngày tháng 13–14 italic
    number = _paragraphs(table.rows[1].cells[0])[0]
    date_line = _paragraphs(table.rows[1].cells[1])[0]
    assert _size(number) == 13
    assert 13 <= _size(date_line) <= 14 and _flag(date_line, "italic") and not _flag(date_line, "bold")
    if lang == "vi":
        assert re.fullmatch(r"Tam Kỳ, ngày 30 tháng 11 năm 2023", date_line.text), date_line.text
    for row in table.rows:
        for cell in row.cells:
            tcpr = cell._tc.tcPr
            assert tcpr is None or tcpr.find(qn("w:tcBorders")) is None


@pytest.mark.parametrize(
    "day",
    [date(2023, 6, 5), date(2023, 2, 9), date(2023, 1, 31), date(2023, 3, 4), date(2023, 12, 15), date(2024, 10, 1)],
)
def test_date_line_zero_padding(day: date) -> None:
    """NĐ 30: "ngày 05 tháng 6 năm 2023": a day below 10 and the months 1 and 2 take a leading zero."""
    from dkst.periods import vn_date_long

    text = vn_date_long(day)
    m = re.fullmatch(r"ngày (\d\d) tháng (\d{1,2}) năm (\d{4})", text)
    assert m, text
    assert m[1] == f"{day.day:02d}"
    assert m[2] == (f"{day.month:02d}" if day.month < 3 else str(day.month))


def test_title_block_of_the_report(rendered: dict[tuple[str, str], bytes]) -> None:
    for lang, word in (("vi", "BÁO CÁO"), ("en", "REPORT")):
        doc = _doc(rendered["report", lang])
        title = next(p for p in doc.paragraphs if p.text.strip() == word)
        assert 13 <= _size(title) <= 14 and _flag(title, "bold") and title.text == title.text.upper()
        body = [p for p in doc.paragraphs if p.style.name == "Normal" and len(p.text) > 80]
        assert body and all(13 <= _size(p) <= 14 for p in body)


# --------------------------------------------------------------------------- signature, Nơi nhận, pages


@pytest.mark.parametrize(("name", "lang"), _cases())
def test_recipients_and_signature(rendered: dict[tuple[str, str], bytes], name: str, lang: str) -> None:
    doc = _doc(rendered[name, lang])
    table = next(t for t in doc.tables if t.rows[0].cells[0].text.startswith(("Nơi nhận", "Recipients")))
    left, right = table.rows[0].cells
    heading, *items = _paragraphs(left)
    assert heading.text == ("Nơi nhận:" if lang == "vi" else "Recipients:")
    assert _size(heading) == 12 and _flag(heading, "bold") and _flag(heading, "italic")
    assert items and all(_size(p) == 11 for p in items)
    for p in items:
        pf = p.style.paragraph_format
        assert p.text.startswith("-\t")
        assert pf.first_line_indent is not None and pf.first_line_indent < 0 < (pf.left_indent or 0)  # hanging
    lines = right.paragraphs
    filled = [i for i, p in enumerate(lines) if p.text.strip()]
    assert len(filled) == 3  # quyền hạn / chức vụ, then the name
    assert all(_flag(lines[i], "bold") for i in filled)
    assert lines[filled[0]].text == lines[filled[0]].text.upper()
    assert filled[2] - filled[1] >= 4  # room for the signature and the seal
    # the closing paragraph stays with Nơi nhận and the signature
    closing = table._tbl.getprevious()
    from docx.text.paragraph import Paragraph

    assert Paragraph(closing, doc._body).paragraph_format.keep_with_next


@pytest.mark.parametrize(("name", "lang"), _cases())
def test_page_numbers_from_page_two(rendered: dict[tuple[str, str], bytes], name: str, lang: str) -> None:
    doc = _doc(rendered[name, lang])
    first = doc.sections[0]
    assert first.different_first_page_header_footer
    assert "PAGE" not in first.first_page_header._element.xml
    header = first.header._element.xml
    assert "PAGE" in header
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    assert first.header.paragraphs[0].alignment in (WD_ALIGN_PARAGRAPH.CENTER, None)
    assert first.header.paragraphs[0].style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER


# --------------------------------------------------------------------------- content rules of issue #12


@pytest.mark.parametrize(("name", "lang"), _cases())
def test_properties_and_no_leftovers(
    rendered: dict[tuple[str, str], bytes], contexts: dict[str, ReportContext], name: str, lang: str
) -> None:
    data = rendered[name, lang]
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = z.namelist()
        assert not any(n.startswith("docProps/thumbnail") or n.startswith("customXml") for n in names)
        assert "word/stylesWithEffects.xml" not in names
        assert "thumbnail" not in z.read("_rels/.rels").decode()
        assert "thumbnail" not in z.read("[Content_Types].xml").decode()
        app = z.read("docProps/app.xml").decode("utf-8")
        assert "Microsoft" not in app and "Macintosh" not in app
    props = _doc(data).core_properties
    period = contexts[lang].period.in_sentence
    assert period in props.title
    assert props.subject and "Đoàn kết sáng tạo" in props.subject
    assert props.author == contexts[lang].plan.issuer
    assert props.created.date() == AS_OF == props.modified.date()
    assert not props.comments and not props.keywords
    assert data == (rendered[name, lang])  # the fixture renders once; determinism is tested in test_render


@pytest.mark.parametrize(("name", "lang"), _cases())
def test_no_check_mark_and_english_words(rendered: dict[tuple[str, str], bytes], name: str, lang: str) -> None:
    doc = _doc(rendered[name, lang])
    texts = [p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells]
    joined = "\n".join(texts)
    assert "✓" not in joined
    if lang == "en":
        for word in ("Nơi nhận", "Lưu: VT, PT.", "Filed", "Kính gửi", "Trên đây", "Phụ lục", "Tổng cộng", "TT"):
            assert word not in [t.strip() for t in texts] and f"- {word}" not in joined, word
        assert "Archived" in joined or name == "report"


def test_appendix_line_has_the_reports_date(rendered: dict[tuple[str, str], bytes]) -> None:
    vi = "\n".join(p.text for p in _doc(rendered["report", "vi"]).paragraphs)
    assert re.search(r"\(Kèm theo Báo cáo số …/BC-MTTQ-BTT ngày 30 tháng 11 năm 2023 của Ban Thường trực", vi)
    en = "\n".join(p.text for p in _doc(rendered["report", "en"]).paragraphs)
    assert "(Attached to Report No. …/BC-MTTQ-BTT dated 30 November 2023 of" in en


def test_period_in_sentence_and_counts_explained() -> None:
    """The yearly period ("Năm 2023") reads "năm 2023" inside a sentence; no phrase with a zero count."""
    from dkst.documents.filters import in_sentence
    from dkst.documents.render import render_docx

    assert in_sentence("Năm 2023") == "năm 2023" and in_sentence("6 tháng đầu năm 2023") == "6 tháng đầu năm 2023"
    assert in_sentence("Tết Giáp Thìn") == "Tết Giáp Thìn" and in_sentence("First half of 2023") == "first half of 2023"
    ctx = _context("vi", "Y", date(2024, 1, 15))
    doc = _doc(render_docx(ctx, _template("report", "vi")))
    for p in doc.paragraphs:
        text = p.text
        for m in re.finditer(r"Năm 2023", text):
            assert m.start() == 0 or text[: m.start()].rstrip().endswith(("\n", ".")), text
    joined = "\n".join(p.text for p in doc.paragraphs)
    assert not re.search(r"\b0 (mô hình|báo cáo|tập thể|cá nhân|đơn vị)", joined)
    h1 = "\n".join(p.text for p in _doc(render_docx(_context("vi"), _template("report", "vi"))).paragraphs)
    # the committee's own report (plan.yaml's ``self``) counts, and is not "a unit not required to report" (#21)
    assert "không thuộc diện phải báo cáo" not in h1 and "Không yêu cầu" not in h1


# --------------------------------------------------------------------------- LibreOffice: pages


def _pdf_pages(documents: dict[str, bytes], tmp: Path) -> dict[str, list[str]]:
    """Each document's text, page by page, as LibreOffice prints it (one ``soffice`` run for all)."""
    sources = []
    for stem, data in documents.items():
        src = tmp / f"{stem}.docx"
        src.write_bytes(data)
        sources.append(str(src))
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp / 'lo'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp),
            *sources,
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    out = {}
    for stem in documents:
        text = subprocess.run(
            ["pdftotext", "-layout", str(tmp / f"{stem}.pdf"), "-"], check=True, capture_output=True, timeout=60
        ).stdout.decode("utf-8")
        out[stem] = text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")
    return out


NO_LIBREOFFICE = "LibreOffice (soffice) and poppler (pdftotext) are needed to read the pages of the PDF"


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None, reason=NO_LIBREOFFICE)
def test_pages_in_libreoffice(rendered: dict[tuple[str, str], bytes], tmp_path: Path) -> None:
    every = _pdf_pages({f"{name}-{lang}": data for (name, lang), data in rendered.items()}, tmp_path)
    for name, lang in rendered:
        pages = every[f"{name}-{lang}"]
        signer = "Nguyễn Ba"
        recipients = "Nơi nhận:" if lang == "vi" else "Recipients:"
        closing = {
            ("report", "vi"): "Trên đây là báo cáo",
            ("report", "en"): "The above is the report",
            ("remind", "vi"): "quan tâm thực hiện",
            ("remind", "en"): "kindly requested",
        }[name, lang]
        if name == "remind":
            assert len(pages) == 1, f"{name}-{lang}: {len(pages)} pages"
        where = [i for i, page in enumerate(pages) if recipients in page]
        assert len(where) == 1, (name, lang)
        page = pages[where[0]]
        assert signer in page and closing in " ".join(page.split()), (name, lang)  # never alone on a page
        if len(pages) > 1:
            assert pages[1].strip().splitlines()[0].strip() == "2"  # page numbers from page 2
            assert not pages[0].strip().splitlines()[0].strip().isdigit()


# --------------------------------------------------------------------------- the templates themselves (#11)

TEMPLATE_FILES = [
    TEMPLATES / "report.docx",
    TEMPLATES / "remind.docx",
    TEMPLATES / "en" / "report.docx",
    TEMPLATES / "en" / "remind.docx",
]
_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}")


@pytest.mark.parametrize("path", TEMPLATE_FILES, ids=lambda p: p.relative_to(TEMPLATES).as_posix())
def test_template_lint(path: Path) -> None:
    """A template as a clerk may have saved it from Word: each Jinja tag whole inside one run (docxtpl
    reads ``{{ … }}`` and ``{% … %}`` only within a ``w:r``), the page set-up and fonts of NĐ 30, no Python
    beside it, and it renders a context with hostile text."""
    from docx.oxml.ns import qn

    from dkst.documents.render import render_docx, render_reminder_docx
    from dkst.figures.reminders import Addressee
    from dkst.statuses import ReportStatus

    with zipfile.ZipFile(path) as z:
        parts = [n for n in z.namelist() if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", n)]
        from lxml import etree

        for part in parts:
            root = etree.fromstring(z.read(part))
            for p in root.iter(qn("w:p")):
                runs = ["".join(t.text or "" for t in r.iter(qn("w:t"))) for r in p.iter(qn("w:r"))]
                whole = "".join(runs)
                in_runs = sum(len(_TAG.findall(r)) for r in runs)
                assert len(_TAG.findall(whole)) == in_runs, f"{path.name} {part}: a tag split across runs: {whole}"
                for r in runs:
                    stripped = _TAG.sub("", r)
                    assert not re.search(r"\{\{|\}\}|\{%|%\}", stripped), f"{path.name}: a broken tag in {r!r}"
    doc = _doc(path.read_bytes())
    first = doc.sections[0]
    assert (round(_mm(first.page_width)), round(_mm(first.page_height))) == (210, 297)
    for edge, (low, high) in PORTRAIT.items():
        assert low <= round(_mm(getattr(first, f"{edge}_margin"))) <= high, edge
    assert doc.styles["Normal"].font.name == FONT
    assert not list(path.parent.glob("*.py")) and not list(TEMPLATES.glob("*.py"))
    ctx = hostile_context()
    if path.stem == "report":
        data = render_docx(ctx, path)
    else:
        to = Addressee(
            "an-my", "Ủy ban MTTQ Việt Nam phường An Mỹ", ReportStatus.MISSING, "Chưa gửi", 3, None, None, None
        )
        data = render_reminder_docx(ctx, to, path)
    assert zipfile.is_zipfile(io.BytesIO(data))


def test_english_labels_from_the_plan(tmp_path: Path) -> None:
    """The plan's optional ``name_en`` (periods) and ``label_en`` (indicators) name them in English documents;
    the Vietnamese documents keep the Vietnamese names."""
    import shutil as sh

    from dkst.checks.checker import check
    from dkst.documents.report_context import render_context

    root = tmp_path / "data"
    sh.copytree(SAMPLE, root)
    plan = (root / "plan.yaml").read_text(encoding="utf-8")
    plan = re.sub(r"\n    (name_en|label_en): [^\n]*", "", plan)  # the sample's own English words (#21) out first
    plan = plan.replace(
        "    name: 6 tháng đầu năm 2023\n", "    name: 6 tháng đầu năm 2023\n    name_en: First half of 2023\n"
    )
    plan = re.sub(r"(\n  - id: propaganda_sessions\n)", r"\1    label_en: Propaganda sessions\n", plan)
    (root / "plan.yaml").write_text(plan, encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DKST_TODAY", "2024-06-30")
        checked = check(root, AS_OF)
        assert not [f for f in checked.result.findings if f.path == "plan.yaml"]
        en = render_context(checked, "H1", "en")
        vi = render_context(checked, "H1", "vi")
    assert en.period.name == "First half of 2023" and en.period.in_sentence == "first half of 2023"
    assert vi.period.name == "6 tháng đầu năm 2023"
    assert next(i for i in en.indicators if i.id == "propaganda_sessions").label == "Propaganda sessions"
    assert next(i for i in vi.indicators if i.id == "propaganda_sessions").label != "Propaganda sessions"


def test_rules_follow_the_letterhead_text(contexts: dict[str, ReportContext]) -> None:
    """The rules are fitted to the text above them whatever the data: an issuer without a separate organ line
    (a ward's committee) gets a rule of 1/3–1/2 of its longest line; a plan's own motto keeps a rule as long."""
    from dataclasses import replace

    from dkst.documents.docxrules import text_width_mm
    from dkst.documents.render import render_docx

    ctx = contexts["vi"]
    letterhead = replace(
        ctx.plan.letterhead,
        superior="ỦY BAN MTTQ VIỆT NAM PHƯỜNG AN MỸ",
        organ=None,
        motto="Độc lập - Tự do - Hạnh phúc - Ấm no",
    )
    ctx = replace(ctx, plan=replace(ctx.plan, letterhead=letterhead))
    doc = _doc(render_docx(ctx, _template("report", "vi")))
    left, right = doc.tables[0].rows[0].cells
    superior = _paragraphs(left)[0]
    longest = max(text_width_mm(line, 13, False) for line in ["ỦY BAN MTTQ VIỆT NAM", "PHƯỜNG AN MỸ"])
    assert longest / 3 - 1 <= _rule_mm(left, _mm(left.width)) <= longest / 2 + 1, superior.text
    motto = _paragraphs(right)[1]
    assert abs(_rule_mm(right, _mm(right.width)) - bold_width_mm(motto.text, 14)) <= 3
