"""The committee's documents at every level and in both languages (#21 points 4 and 6): the letterhead broken
inside its column, the letters' level words and deadline, ``self`` never urged, English words and language tags."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from dkst.documents.voice import letterhead_lines
from tests.conftest import REPO, run_dkst

DATA = REPO / "data"
PROVINCE = REPO / "samples" / "tinh-quang-nam"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _letterhead_cell(data: bytes) -> list[str]:
    from docx import Document

    doc = Document(io.BytesIO(data))
    return [p.text for p in doc.tables[0].rows[0].cells[0].paragraphs if p.text.strip()]


def _render(root: Path, tmp: Path, lang: str = "vi", period: str = "Y") -> bytes:
    out = tmp / f"r-{root.name}-{lang}-{period}.docx"
    proc = run_dkst(
        "render", "-d", str(root), "-p", period, "--as-of", "2024-01-15", "-o", str(out), "--lang", lang, "--force"
    )
    assert proc.returncode == 0, proc.stderr
    return out.read_bytes()


def _remind(root: Path, tmp: Path, lang: str = "vi", fmt: str = "docx") -> dict[str, bytes]:
    out = tmp / f"letters-{root.name}-{lang}-{fmt}"
    proc = run_dkst(
        "remind", "-d", str(root), "-p", "H1", "--as-of", "2024-01-15", "-o", str(out), "--lang", lang, "-f", fmt
    )
    assert proc.returncode == 0, proc.stderr
    return {p.stem: p.read_bytes() for p in sorted(out.iterdir())}


def _text(data: bytes) -> str:
    from docx import Document

    doc = Document(io.BytesIO(data))
    cells = [p.text for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


# ---------------------------------------------------------------- the letterhead


def test_letterhead_lines_break_before_the_level() -> None:
    assert letterhead_lines("ỦY BAN MTTQ VIỆT NAM TỈNH QUẢNG NAM", "vi") == ("ỦY BAN MTTQ VIỆT NAM", "TỈNH QUẢNG NAM")
    assert letterhead_lines("Ủy ban MTTQ Việt Nam thành phố Tam Kỳ", "vi") == (
        "Ủy ban MTTQ Việt Nam",
        "thành phố Tam Kỳ",
    )
    assert letterhead_lines("HỘI NÔNG DÂN TỈNH", "vi") == ("HỘI NÔNG DÂN TỈNH",)
    assert letterhead_lines(None, "vi") == ()
    assert letterhead_lines("ỦY BAN MTTQ VIỆT NAM THÀNH PHỐ TAM KỲ", "en") == (
        "VIET NAM FATHERLAND FRONT",
        "COMMITTEE OF TAM KỲ CITY",
    )
    # too wide for the column in one line: three lines, never one running into the motto
    assert letterhead_lines("ỦY BAN MTTQ VIỆT NAM TỈNH QUẢNG NAM", "en") == (
        "VIET NAM FATHERLAND FRONT",
        "COMMITTEE",
        "OF QUẢNG NAM PROVINCE",
    )


@pytest.mark.parametrize("kind", ["report", "letter"])
def test_province_letterhead_without_a_letterhead_key(tmp_path: Path, kind: str) -> None:
    plan = (PROVINCE / "plan.yaml").read_text(encoding="utf-8")
    assert "letterhead:" not in plan  # the province writes none: it is made from `issuer`
    if kind == "report":
        data = _render(PROVINCE, tmp_path)
    else:
        data = next(iter(_remind(PROVINCE, tmp_path).values()))
    assert _letterhead_cell(data)[:3] == ["ỦY BAN MTTQ VIỆT NAM", "TỈNH QUẢNG NAM", "BAN THƯỜNG TRỰC"]


def test_city_letterhead_as_written_broken_and_english(tmp_path: Path) -> None:
    assert _letterhead_cell(_render(DATA, tmp_path))[:3] == [
        "ỦY BAN MTTQ VIỆT NAM",
        "THÀNH PHỐ TAM KỲ",
        "BAN THƯỜNG TRỰC",
    ]
    assert _letterhead_cell(_render(DATA, tmp_path, "en"))[:3] == [
        "VIET NAM FATHERLAND FRONT",
        "COMMITTEE OF TAM KỲ CITY",
        "STANDING COMMITTEE",
    ]


# ---------------------------------------------------------------- the letters


@pytest.mark.parametrize("fmt", ["docx", "md"])
def test_province_letters_speak_of_its_own_level(tmp_path: Path, fmt: str) -> None:
    letters = _remind(PROVINCE, tmp_path, fmt=fmt)
    assert letters
    for body in letters.values():
        words = _text(body) if fmt == "docx" else body.decode("utf-8")
        assert "Ủy ban MTTQ Việt Nam tỉnh theo quy định" not in words
        assert "báo cáo Ủy ban Trung ương MTTQ Việt Nam" in words
        assert words.count("hạn cuối: 14/6/2023") == 1  # the deadline said once
        # every province letter of H1 at 15/01/2024 is overdue: asked for at once, not "in time"
        assert "Để kịp thời" not in words
        assert "gửi ngay" in words
        assert "Họ và tên người ký" in words  # no signer.name in the province's plan: a marked gap


def test_city_letter_in_time_reports_to_the_province(tmp_path: Path) -> None:
    out = tmp_path / "l"
    proc = run_dkst("remind", "-d", str(DATA), "-p", "H1", "--as-of", "2023-06-01", "-o", str(out), "-f", "docx")
    assert proc.returncode == 0, proc.stderr
    words = [_text(p.read_bytes()) for p in sorted(out.iterdir())]
    assert words
    for w in words:
        assert "Để kịp thời tổng hợp, báo cáo Ủy ban MTTQ Việt Nam tỉnh Quảng Nam theo quy định" in w
        assert w.count("hạn cuối:") == 1


def test_english_letters(tmp_path: Path) -> None:
    for body in _remind(PROVINCE, tmp_path, "en").values():
        words = _text(body)
        assert "Lưu" not in words and "Archived:" in words
        assert "provincial Committee" not in words
        assert "reported to the Central Committee of the Viet Nam Fatherland Front" in words
        assert words.count("last on-time day") == 1


def test_self_gets_no_letter_and_no_form(tmp_path: Path) -> None:
    root = tmp_path / "data"
    shutil.copytree(DATA, root)
    plan = root / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    # the city's own entry (self: thanh-pho, kind city) now owes the half-year report and has none
    changed = text.replace("applies_to: [member, ward, commune]", "applies_to: [city, member, ward, commune]")
    assert changed != text and "self: thanh-pho" in changed
    plan.write_text(changed, encoding="utf-8")
    shutil.rmtree(root / "units" / "thanh-pho" / "reports", ignore_errors=True)
    letters = _remind(root, tmp_path, fmt="md")
    assert letters and "thanh-pho" not in letters
    out = tmp_path / "forms"
    proc = run_dkst("form", "-d", str(root), "-p", "H1", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    names = [p.name for p in out.iterdir()]
    assert names and not any(n.startswith("thanh-pho") for n in names)


# ---------------------------------------------------------------- English and the language of each run


def _xml(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read(name).decode("utf-8")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_settings_and_core_per_language(tmp_path: Path, lang: str) -> None:
    for data in (_render(PROVINCE, tmp_path, lang), next(iter(_remind(PROVINCE, tmp_path, lang).values()))):
        settings = _xml(data, "word/settings.xml")
        assert "savePreviewPicture" not in settings
        symbol = re.search(r'<w:decimalSymbol w:val="(.)"', settings)
        assert symbol is not None and symbol.group(1) == ("," if lang == "vi" else ".")
        core = _xml(data, "docProps/core.xml")
        assert re.search(r"<dc:language>" + ("vi-VN" if lang == "vi" else "en-GB") + "</dc:language>", core)


def _runs(data: bytes) -> list[tuple[str, str | None]]:
    from lxml import etree

    root = etree.fromstring(_xml(data, "word/document.xml").encode("utf-8"))
    out = []
    for r in root.iter(W + "r"):
        t = "".join(x.text or "" for x in r.iter(W + "t"))
        if not t.strip():
            continue
        lang = r.find(f"{W}rPr/{W}lang")
        out.append((t, lang.get(W + "val") if lang is not None else None))
    return out


def test_english_report_tags_vietnamese_runs(tmp_path: Path) -> None:
    runs = _runs(_render(PROVINCE, tmp_path, "en"))
    viet = [t for t, lang in runs if lang == "vi-VN"]
    english = [t for t, lang in runs if lang != "vi-VN"]
    assert any("Quảng Nam" in t for t in viet)
    assert any("Hội An" in t for t in viet)
    marked = re.compile(r"[À-ỹĐđ]")
    # no English run carries a Vietnamese word; no Vietnamese run is an English sentence
    assert not [t for t in english if marked.search(t)], [t for t in english if marked.search(t)][:5]
    assert not [t for t in viet if re.search(r"\b(the|of|and|reports?)\b", t)]


def test_vietnamese_report_all_vietnamese(tmp_path: Path) -> None:
    runs = _runs(_render(PROVINCE, tmp_path, "vi"))
    assert all(lang in (None, "vi-VN") for _, lang in runs)


def test_english_report_recipients_archived(tmp_path: Path) -> None:
    words = _text(_render(PROVINCE, tmp_path, "en"))
    assert "Lưu: VT, PT." not in words
    assert "Archived: Records Office, Movement Department." in words


# ---------------------------------------------------------------- pagination the document says


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_tables_keep_their_head_and_repeat_it(tmp_path: Path, lang: str) -> None:
    """Every ruled table: its header row repeats on each page and never splits, and the header and first row keep
    with the next row (no table starts at a page foot with fewer than two rows); a kind's row (I, II…) keeps with
    its first unit."""
    from docx import Document
    from docx.oxml.ns import qn

    doc = Document(io.BytesIO(_render(DATA, tmp_path, lang)))
    ruled = [t for t in doc.tables if t.style is not None and "Grid" in (t.style.name or "")]
    assert len(ruled) >= 4
    for table in ruled:
        rows = table.rows
        head = rows[0]._tr.trPr
        assert (
            head is not None and head.find(qn("w:tblHeader")) is not None and head.find(qn("w:cantSplit")) is not None
        )
        for row in rows[: min(2, len(rows) - 1)]:
            assert all(p.paragraph_format.keep_with_next for c in row.cells for p in c.paragraphs)
        for row in rows[1:-1]:
            if re.fullmatch(r"[IVX]+", row.cells[0].text.strip()):
                assert all(p.paragraph_format.keep_with_next for c in row.cells for p in c.paragraphs)


def test_headings_and_lead_ins_keep_with_what_follows(tmp_path: Path) -> None:
    from docx import Document

    doc = Document(io.BytesIO(_render(DATA, tmp_path)))
    for p in doc.paragraphs:
        if p.text.strip().endswith(":") or (p.style is not None and p.style.name.startswith("Heading")):
            keep = p.paragraph_format.keep_with_next
            style_keep = p.style.paragraph_format.keep_with_next if p.style is not None else None
            assert keep or (keep is None and style_keep), p.text


@pytest.mark.parametrize("fmt", ["docx", "md"])
def test_left_out_report_gets_a_letter_to_correct_it(tmp_path: Path, fmt: str) -> None:
    """A report received with errors is left out of the totals: its unit's letter says so and asks for it again."""
    root = tmp_path / "data"
    shutil.copytree(DATA, root)
    report = root / "units" / "an-my" / "reports" / "H1.yaml"
    report.write_text(
        report.read_text(encoding="utf-8").replace("propaganda_sessions: 10", "propaganda_sessions: mười"),
        encoding="utf-8",
    )
    for lang, said, asked in (
        ("vi", "có lỗi số liệu nên chưa được tổng hợp", "kiểm tra, sửa lỗi và gửi lại báo cáo"),
        ("en", "has data errors and is not included in the totals", "to check and correct its report"),
    ):
        letters = _remind(root, tmp_path, lang, fmt)
        assert "an-my" in letters
        words = _text(letters["an-my"]) if fmt == "docx" else letters["an-my"].decode("utf-8")
        words = " ".join(words.replace("*", "").split())
        assert said in words and asked in words
        assert "Trường hợp đơn vị đã gửi" not in words and "already sent" not in words
        others = [k for k in letters if k != "an-my"]
        assert others  # the missing reports are still reminded as before
