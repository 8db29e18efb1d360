"""``dkst remind --format docx``: one Word letter per late unit (the English one through the installed command)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from tests.conftest import run_dkst

LATE = ("hoi-cuu-chien-binh", "tam-thang")  # the sample's late units for H1 as of 2023-11-30


def _remind(out: Path, *extra: str, process: bool | None = None) -> list[Path]:
    proc = run_dkst(
        "remind",
        "--data",
        "data",
        "--period",
        "H1",
        "--as-of",
        "2023-11-30",
        "--format",
        "docx",
        "--output",
        str(out),
        *extra,
        process=process,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    return [Path(line) for line in proc.stdout.splitlines()]


def _text(data: bytes) -> tuple[Any, str]:
    from docx import Document

    doc = Document(io.BytesIO(data))
    body = "\n".join(p.text for p in doc.paragraphs)
    cells = "\n".join(p.text for t in doc.tables for r in t.rows for c in r.cells for p in c.paragraphs)
    return doc, body + "\n" + cells


def test_letters_are_word_documents(tmp_path: Path) -> None:
    from docx.shared import Mm

    written = _remind(tmp_path / "out")
    assert sorted(p.name for p in written) == sorted(f"{u}.docx" for u in LATE)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(f"{u}.docx" for u in LATE)
    names = {"hoi-cuu-chien-binh": "Hội Cựu chiến binh", "tam-thang": "Tam Thăng"}
    for path in written:
        data = path.read_bytes()
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            assert zf.testzip() is None
        doc, text = _text(data)
        section = doc.sections[0]
        assert abs(section.page_width - Mm(210)) < Mm(1) and abs(section.page_height - Mm(297)) < Mm(1)
        assert abs(section.top_margin - Mm(20)) < Mm(1) and abs(section.bottom_margin - Mm(20)) < Mm(1)
        assert abs(section.left_margin - Mm(30)) < Mm(1) and abs(section.right_margin - Mm(15)) < Mm(1)
        assert doc.styles["Normal"].font.name == "Times New Roman"
        assert "Kính gửi" in text and names[path.stem] in text
        assert "04/6/2023" in text
        assert "V/v đôn đốc gửi báo cáo" in text and "Nơi nhận" in text and "Nguyễn Ba" in text
        assert "quá hạn" in text
        assert "{{" not in text and "{%" not in text


def test_letters_are_deterministic(tmp_path: Path) -> None:
    first = {p.name: p.read_bytes() for p in _remind(tmp_path / "a")}
    second = {p.name: p.read_bytes() for p in _remind(tmp_path / "b", process=True)}  # another hash seed
    assert first == second and len(first) == len(LATE)


def test_english_letter(tmp_path: Path) -> None:
    written = _remind(tmp_path / "en", "--lang", "en", process=True)  # end to end
    assert sorted(p.name for p in written) == sorted(f"{u}.docx" for u in LATE)
    _, text = _text(written[0].read_bytes())
    assert "To:" in text and "Kính gửi" not in text
    assert "4 Jun 2023" in text and "overdue" in text and "Recipients" in text


def test_markdown_stays_the_default(tmp_path: Path) -> None:
    proc = run_dkst(
        "remind", "--data", "data", "--period", "H1", "--as-of", "2023-11-30", "--output", str(tmp_path / "md")
    )
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in (tmp_path / "md").iterdir()) == sorted(f"{u}.md" for u in LATE)


def test_dataset_remind_docx_overrides_and_bad_template_writes_nothing(sample: Path) -> None:
    (sample / "templates").mkdir()
    (sample / "templates" / "remind.docx").write_bytes(b"not a zip")
    proc = run_dkst("remind", "--data", str(sample), "--period", "H1", "--as-of", "2023-11-30", "--format", "docx")
    assert proc.returncode == 1
    assert "remind.docx" in proc.stderr and "Traceback" not in proc.stderr
    assert not (sample / "out").exists()
