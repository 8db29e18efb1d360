"""``dkst render`` and ``dkst remind`` through the installed command, on the sample dataset."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from tests.conftest import assert_golden, run_dkst


@pytest.mark.parametrize(("period", "as_of"), [("H1", "2023-11-30"), ("Y", "2024-01-15")])
def test_markdown_golden(period: str, as_of: str) -> None:
    proc = run_dkst("render", "--data", "data", "--period", period, "--as-of", as_of)
    assert proc.returncode == 0, proc.stderr
    assert_golden(f"render/report-{period}-{as_of}.md", proc.stdout)
    assert "BÁO CÁO" in proc.stdout and "Nơi nhận" in proc.stdout and "Nguyễn Ba" in proc.stdout


def test_docx_is_deterministic_and_readable(tmp_path: Path) -> None:
    from docx import Document
    from docx.shared import Mm

    outs = []
    for name in ("a.docx", "b.docx"):  # b in a process of its own: another hash seed, the same bytes
        out = tmp_path / name
        proc = run_dkst(
            "render",
            "--data",
            "data",
            "--period",
            "Y",
            "--as-of",
            "2024-01-15",
            "--output",
            str(out),
            process=True if name == "b.docx" else None,
        )
        assert proc.returncode == 0, proc.stderr
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    doc = Document(io.BytesIO(outs[0]))
    section = doc.sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert section.top_margin is not None and section.left_margin is not None and section.right_margin is not None
    assert abs(section.page_width - Mm(210)) < Mm(1) and abs(section.page_height - Mm(297)) < Mm(1)
    assert Mm(20) - Mm(1) <= section.top_margin <= Mm(25) + Mm(1)
    assert Mm(30) - Mm(1) <= section.left_margin <= Mm(35) + Mm(1)
    assert Mm(15) - Mm(1) <= section.right_margin <= Mm(20) + Mm(1)
    assert doc.styles["Normal"].font.name == "Times New Roman"
    body = "\n".join(p.text for p in doc.paragraphs)
    cells = "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert "BÁO CÁO" in body
    assert "An Mỹ" in cells and "Tam Thăng" in cells
    with zipfile.ZipFile(io.BytesIO(outs[0])) as zf:
        assert zf.testzip() is None


def test_docx_default_output_in_dataset_out(sample: Path) -> None:
    proc = run_dkst(
        "render", "--data", str(sample), "--period", "H1", "--as-of", "2023-11-30", "--format", "docx", process=True
    )  # end to end
    assert proc.returncode == 0, proc.stderr
    assert (sample / "out" / "bao-cao-H1.docx").is_file()


def test_dataset_template_overrides_and_hostile_template_is_refused(sample: Path) -> None:
    (sample / "templates").mkdir()
    (sample / "templates" / "report.md.j2").write_text(
        "Kỳ {{ period.name }}: {{ summary.reports.expected }}\n", encoding="utf-8"
    )
    proc = run_dkst("render", "--data", str(sample), "--period", "H1", "--as-of", "2023-11-30")
    assert proc.stdout == "Kỳ 6 tháng đầu năm 2023: 17\n"
    (sample / "templates" / "report.md.j2").write_text(
        "ok\n{{ ''.__class__.__mro__[1].__subclasses__() }}\n", encoding="utf-8"
    )
    out = sample / "out" / "r.md"
    proc = run_dkst("render", "--data", str(sample), "--period", "H1", "--as-of", "2023-11-30", "--output", str(out))
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr and proc.stderr.count("\n") == 1
    assert "report.md.j2" in proc.stderr
    assert not out.exists()


def test_syntax_error_in_template_dir(tmp_path: Path) -> None:
    (tmp_path / "report.md.j2").write_text("line one\n{% if %}\n", encoding="utf-8")
    proc = run_dkst(
        "render", "--data", "data", "--period", "H1", "--as-of", "2023-11-30", "--template-dir", str(tmp_path)
    )
    assert proc.returncode == 1 and "report.md.j2:2" in proc.stderr and proc.stderr.count("\n") == 1


def test_render_refuses_to_write_over_data(sample: Path) -> None:
    before = (sample / "plan.yaml").read_bytes()
    proc = run_dkst(
        "render",
        "--data",
        str(sample),
        "--period",
        "H1",
        "--as-of",
        "2023-11-30",
        "--output",
        str(sample / "plan.yaml"),
    )
    assert proc.returncode == 2 and (sample / "plan.yaml").read_bytes() == before


def test_unknown_period_lists_the_valid_ones() -> None:
    proc = run_dkst("render", "--data", "data", "--period", "Q3", "--as-of", "2023-11-30")
    assert proc.returncode == 2 and "H1" in proc.stderr and "Y" in proc.stderr


def test_remind_letters(sample: Path) -> None:
    proc = run_dkst("remind", "--data", str(sample), "--period", "Y", "--as-of", "2023-11-30")
    assert proc.returncode == 0, proc.stderr
    letters = sorted((sample / "out" / "nhac-Y").glob("*.md"))
    assert len(letters) == 14  # data/README.md: 14 Y reports pending as of 2023-11-30, 4 days left
    text = (sample / "out" / "nhac-Y" / "an-phu.md").read_text(encoding="utf-8")
    assert "Kính gửi: Ủy ban MTTQ Việt Nam phường An Phú" in text
    assert "hạn cuối: 04/12/2023" in text and "mttq.tk@gmail.com" in text
    # two days later nobody is within 1 day of the deadline but nobody is overdue yet
    out = sample / "out" / "none"
    proc = run_dkst(
        "remind", "--data", str(sample), "--period", "Y", "--as-of", "2023-11-30", "--within", "3", "--output", str(out)
    )
    assert proc.returncode == 0 and not out.exists()


def test_remind_missing_units_after_the_deadline(tmp_path: Path) -> None:
    proc = run_dkst("remind", "--data", "data", "--period", "H1", "--as-of", "2023-11-30", "--output", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.stem for p in tmp_path.glob("*.md")) == ["hoi-cuu-chien-binh", "tam-thang"]
    assert "quá hạn" in (tmp_path / "tam-thang.md").read_text(encoding="utf-8")
