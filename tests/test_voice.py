"""The report in the committee's own voice (#21): narrative/<P>.yaml, the four parts, placeholders and warnings,
sentences from ``phrase``, ``self``, the level's words."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO, run_dkst

DATA = REPO / "data"
PROVINCE = REPO / "samples" / "tinh-quang-nam"

NARRATIVE = """\
number: 15/BC-MTTQ-BTT
date: 2023-06-25
assessment: |
  Sáu tháng đầu năm, Phong trào được triển khai đồng bộ.
  Công tác tuyên truyền được đổi mới.
limitations: Việc nhân rộng mô hình còn chậm.
causes: Một số đơn vị chưa quan tâm đúng mức.
tasks: Tiếp tục nhân rộng các mô hình hiệu quả.
proposals: Đề nghị tỉnh tổ chức hội nghị biểu dương.
"""


@pytest.fixture()
def city(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    shutil.copytree(DATA, root)
    return root


def _docx_text(data: bytes) -> str:
    from docx import Document

    doc = Document(io.BytesIO(data))
    return "\n".join(p.text for p in doc.paragraphs)


def _render_docx(root: Path, *extra: str) -> tuple[str, str]:
    out = root.parent / "r.docx"
    proc = run_dkst(
        "render",
        "--data",
        str(root),
        "--period",
        "H1",
        "--as-of",
        "2023-07-01",
        "--output",
        str(out),
        "--force",
        *extra,
    )
    assert proc.returncode == 0, proc.stderr
    return _docx_text(out.read_bytes()), proc.stderr


def test_narrative_is_checked_like_every_file(city: Path) -> None:
    (city / "narrative").mkdir()
    (city / "narrative" / "H1.yaml").write_text("number: 1/BC\nassesment: x\ndate: 2023-13-01\n", encoding="utf-8")
    (city / "narrative" / "H3.yaml").write_text("tasks: y\n", encoding="utf-8")
    proc = run_dkst("check", "--data", str(city), "--as-of", "2023-07-01", "--format", "json")
    found = [(f["code"], f["path"], f["line"]) for f in json.loads(proc.stdout)["findings"] if "narrative" in f["path"]]
    assert ("unknown-field", "narrative/H1.yaml", 2) in found
    assert ("invalid-value", "narrative/H1.yaml", 3) in found
    assert ("stray-file", "narrative/H3.yaml", None) in found


def test_new_narrative_writes_a_skeleton_and_refuses_to_overwrite(city: Path) -> None:
    proc = run_dkst("new", "narrative", "h1", "--data", str(city))
    assert proc.returncode == 0, proc.stderr
    text = (city / "narrative" / "H1.yaml").read_text(encoding="utf-8")
    for key in ("number:", "date:", "assessment:", "limitations:", "causes:", "tasks:", "proposals:"):
        assert f"\n{key}" in text, key
    assert "6 tháng cuối năm" in text
    again = run_dkst("new", "narrative", "H1", "--data", str(city))
    assert again.returncode != 0
    check = run_dkst("check", "--data", str(city), "--as-of", "2023-07-01", "--format", "json")
    assert not [f for f in json.loads(check.stdout)["findings"] if f["path"].startswith("narrative")]


def test_the_report_in_four_parts_with_the_committees_words(city: Path) -> None:
    (city / "narrative").mkdir()
    (city / "narrative" / "H1.yaml").write_text(NARRATIVE, encoding="utf-8")
    text, err = _render_docx(city)
    order = [
        "I. KẾT QUẢ THỰC HIỆN",
        "Các đơn vị đã tổ chức 144 buổi tuyên truyền về Phong trào, thu hút 11.077 lượt người tham dự",
        "II. ĐÁNH GIÁ CHUNG, HẠN CHẾ VÀ NGUYÊN NHÂN",
        "Sáu tháng đầu năm, Phong trào được triển khai đồng bộ.",
        "Công tác tuyên truyền được đổi mới.",
        "Việc nhân rộng mô hình còn chậm.",
        "Tồn tại, hạn chế các đơn vị nêu trong báo cáo:",
        "Một số đơn vị chưa quan tâm đúng mức.",
        "III. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2023",
        "Tiếp tục nhân rộng các mô hình hiệu quả.",
        "IV. ĐỀ XUẤT, KIẾN NGHỊ",
        "Đề nghị tỉnh tổ chức hội nghị biểu dương.",
        "Kiến nghị, đề xuất của các đơn vị:",
    ]
    at = [text.index(s) for s in order]
    assert at == sorted(at)
    assert text.count("số liệu tổng hợp từ báo cáo của 16 đơn vị") == 2  # once per section
    assert "[Ban Thường trực bổ sung" not in text and "narrative" not in err
    from docx import Document

    doc = Document(io.BytesIO((city.parent / "r.docx").read_bytes()))
    header = "\n".join(c.text for t in doc.tables[:1] for row in t.rows for c in row.cells)
    assert "Số: 15/BC-MTTQ-BTT" in header and "ngày 25 tháng 6 năm 2023" in header


def test_every_missing_piece_is_marked_and_warned(city: Path) -> None:
    plan = (city / "plan.yaml").read_text(encoding="utf-8").replace("  name: Nguyễn Ba\n", "")
    (city / "plan.yaml").write_text(plan, encoding="utf-8")
    text, err = _render_docx(city)
    for hole in ("đánh giá chung", "hạn chế", "nguyên nhân", "phương hướng, nhiệm vụ", "đề xuất, kiến nghị"):
        assert f"[Ban Thường trực bổ sung: {hole}" in text, hole
    assert "narrative/H1.yaml" in err and "signer.name" in err
    (city / "narrative").mkdir()
    (city / "narrative" / "H1.yaml").write_text("assessment: Tốt.\n", encoding="utf-8")
    text, err = _render_docx(city)
    assert "[Ban Thường trực bổ sung: đánh giá chung]" not in text
    for key in ("limitations", "causes", "tasks", "proposals", "number"):
        assert f"“{key}”" in err, key


def test_self_is_the_standing_committee(city: Path) -> None:
    text, _ = _render_docx(city)
    assert "Không yêu cầu" not in text and "không thuộc diện phải báo cáo" not in text
    assert "- Ban Thường trực: Ra mắt Diễn đàn" in text
    letters = city.parent / "thu"
    proc = run_dkst("remind", "--data", str(city), "--period", "H1", "--as-of", "2023-06-10", "--output", str(letters))
    assert proc.returncode == 0, proc.stderr
    assert not [p for p in letters.iterdir() if "thanh-pho" in p.name]


def test_a_province_speaks_as_a_province(tmp_path: Path) -> None:
    root = tmp_path / "tinh"
    shutil.copytree(PROVINCE, root)
    proc = run_dkst("render", "--data", str(root), "--period", "H1", "--as-of", "2023-07-01")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "thành phố nhân rộng" not in out
    assert "- **Ủy ban MTTQ Việt Nam thành phố Tam Kỳ**:\n" in out  # a rolled-up text: the city named once
    assert "Tam Kỳ: Ủy ban MTTQ Việt Nam thành phố Tam Kỳ:" not in out
    assert "signer.name" in proc.stderr


def test_sentences_from_phrases_and_defaults() -> None:
    from dkst.documents.voice import Figure, section_sentence

    said = section_sentence(
        [
            Figure("Tuyên truyền", "buổi", "tổ chức {n} buổi tuyên truyền về Phong trào", 218, 13),
            Figure("Lượt người", "lượt người", "thu hút {n} lượt người tham dự", 17390, 12),
        ],
        "vi",
    )
    assert said == (
        "Các đơn vị đã tổ chức 218 buổi tuyên truyền về Phong trào, thu hút 17.390 lượt người tham dự;"
        " số liệu tổng hợp từ báo cáo của 13 đơn vị."
    )
    plain = section_sentence([Figure("Cuộc giám sát", "cuộc", None, 14, 15)], "vi")
    assert plain == "Trong kỳ, có 14 cuộc giám sát; số liệu tổng hợp từ báo cáo của 15 đơn vị."


def test_level_words_and_period_names() -> None:
    from datetime import date

    from dkst.documents.voice import english_period_name, level_words, split_issuer

    assert split_issuer("Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Quảng Nam") == ("tỉnh", "Quảng Nam")
    assert split_issuer("Ủy ban MTTQ Việt Nam thị xã Điện Bàn") == ("thị xã", "Điện Bàn")
    province = level_words("Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Quảng Nam", [], "vi")
    assert (province.own, province.above_body) == ("tỉnh", "Ủy ban Trung ương MTTQ Việt Nam")
    city = level_words(
        "Ban Thường trực Ủy ban MTTQ Việt Nam thành phố Tam Kỳ",
        ["Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Quảng Nam"],
        "vi",
    )
    assert (city.own, city.above, city.above_body) == ("thành phố", "tỉnh", "Ủy ban MTTQ Việt Nam tỉnh Quảng Nam")
    assert english_period_name(date(2023, 1, 1), date(2023, 6, 30)) == "first half of 2023"
    assert english_period_name(date(2023, 1, 1), date(2023, 12, 31)) == "year 2023"
    assert english_period_name(date(2023, 7, 1), date(2023, 9, 30)) == "Q3 2023"
    assert english_period_name(date(2023, 9, 1), date(2023, 9, 30)) == "September 2023"
