"""Same period last year (#23): ``previous`` in plan.yaml, the comparison in every output, ``jump``.

The case ``tests/cases/previous/`` has two years worked out by hand. ``ke-hoach-2023/plan.yaml`` names
``../ke-hoach-2022`` with ``participants`` mapped to last year's ``nguoi_du`` and period ``Y`` to ``CN``;
``sessions`` carries ``max_change: 5``. As of 2023-12-20 (both years' reports all in):

H1, by unit (this year / last year)::

    unit           sessions   participants   households
    hoi-nong-dan   20 / 20    1100 / 1000    – / –
    an-my          12 / 10     600 /  500    30 / –
    hoa-thuan      80 /  8     380 /  400    – / –     ← 80 > 8 × 5: the planted jump
    phuoc-hoa       4 / –      120 / –       – / –     (new this year)
    tam-thanh      – /  5      – /  100      – / –     (last year only: in last year's total, in no row)
    total         116 / 43    2200 / 2000    30 / –

    change sessions 116/43 − 1 = 73/43 = 1.69767… → 1.6977 (169,8%); participants 2200/2000 − 1 = 0.1

Y (last year ``CN``; an-my's CN file has an error, so it is left out and absent)::

    hoi-nong-dan   35 / 50    1300 / 2000
    an-my          25 / –      800 / –
    hoa-thuan      30 / 30     900 /  900
    tam-thanh      – / 10      – /  300
    total          90 / 90    3000 / 3200    → sessions 0 (bằng cùng kỳ); participants −0.0625 (giảm 6,3%)
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import CASES, check_json, run_dkst

CASE = CASES / "previous"
AS_OF = "2023-12-20"


@pytest.fixture
def years(tmp_path: Path) -> Path:
    """A fresh copy of both years; the path of this year's dataset."""
    shutil.copytree(CASE, tmp_path / "case")
    return tmp_path / "case" / "ke-hoach-2023"


def aggregate(data: Path, period: str, fmt: str, *extra: str, as_of: str = AS_OF) -> str:
    proc = run_dkst("aggregate", "--data", str(data), "--period", period, "--as-of", as_of, "--format", fmt, *extra)
    assert proc.returncode == 0, proc.stderr
    return str(proc.stdout)


def test_json_totals_changes_and_units_by_hand(years: Path) -> None:
    doc = json.loads(aggregate(years, "H1", "json"))
    ind = doc["indicators"]
    assert ind["sessions"] | {"label": None} == {
        "label": None,
        "total": 116,
        "units": 4,
        "previous": 43,
        "change": 1.6977,
    }
    assert (ind["participants"]["total"], ind["participants"]["previous"], ind["participants"]["change"]) == (
        2200,
        2000,
        0.1,
    )
    assert (ind["households"]["total"], ind["households"]["previous"], ind["households"]["change"]) == (30, None, None)
    units = {u["id"]: (u["indicators"], u["previous_indicators"]) for u in doc["units"]}
    assert units == {
        "hoi-nong-dan": ({"sessions": 20, "participants": 1100}, {"sessions": 20, "participants": 1000}),
        "an-my": ({"sessions": 12, "participants": 600, "households": 30}, {"sessions": 10, "participants": 500}),
        "hoa-thuan": ({"sessions": 80, "participants": 380}, {"sessions": 8, "participants": 400}),
        "phuoc-hoa": ({"sessions": 4, "participants": 120}, {}),
    }

    doc = json.loads(aggregate(years, "Y", "json"))
    ind = doc["indicators"]
    assert [(ind[i]["total"], ind[i]["previous"], ind[i]["change"]) for i in ind] == [
        (90, 90, 0.0),
        (3000, 3200, -0.0625),
        (None, None, None),
    ]
    previous = {u["id"]: u["previous_indicators"] for u in doc["units"]}
    # an-my's report of last year has an error: left out, so absent here
    assert previous == {
        "hoi-nong-dan": {"sessions": 50, "participants": 2000},
        "an-my": {},
        "hoa-thuan": {"sessions": 30, "participants": 900},
        "phuoc-hoa": {},
    }


def test_last_years_findings_are_not_this_years(years: Path) -> None:
    doc = check_json(years, AS_OF)
    assert not [f for f in doc["findings"] if f["severity"] == "error"]  # last year's invalid-value stays there
    assert {f["path"] for f in doc["findings"]} == {"units/hoa-thuan/reports/H1.yaml", "units/phuoc-hoa/reports/Y.yaml"}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_planted_jump(years: Path, lang: str) -> None:
    doc = check_json(years, AS_OF, "--lang", lang)
    jumps = [f for f in doc["findings"] if f["code"] == "jump"]
    assert len(jumps) == 1
    jump = jumps[0]
    assert (jump["severity"], jump["path"], jump["line"], jump["unit"], jump["period"]) == (
        "warning",
        "units/hoa-thuan/reports/H1.yaml",
        3,
        "hoa-thuan",
        "H1",
    )
    assert (jump["previous"], jump["actual"]) == (8, 80)
    word = {"vi": "cùng kỳ năm trước", "en": "same period last year"}[lang]
    assert word in jump["message"] and "80" in jump["message"] and "{" not in jump["message"]


def test_jump_both_ways_and_only_past_the_limit(years: Path) -> None:
    h1 = years / "units" / "hoa-thuan" / "reports" / "H1.yaml"
    for value, jumps in ((40, 0), (41, 1), (2, 0), (1, 1), (0, 0)):  # 8 × 5 = 40; 2 × 5 = 10 ≥ 8; 0: never
        h1.write_text(h1.read_text(encoding="utf-8").replace("sessions: 80", f"sessions: {value}"), encoding="utf-8")
        doc = check_json(years, AS_OF)
        assert len([f for f in doc["findings"] if f["code"] == "jump"]) == jumps, value
        h1.write_text(h1.read_text(encoding="utf-8").replace(f"sessions: {value}", "sessions: 80"), encoding="utf-8")


def test_markdown_columns(years: Path) -> None:
    md = aggregate(years, "H1", "md")
    head = next(line for line in md.splitlines() if line.startswith("| Đơn vị"))
    assert head.count("| Cùng kỳ |") == 3 and head.count("| Tăng, giảm |") == 3
    total = next(line for line in md.splitlines() if line.startswith("| **Tổng cộng**"))
    assert "| **116** | **43** | **+169,8%** | **2.200** | **2.000** | **+10,0%** | **30** |  |  |" in total
    row = next(line for line in md.splitlines() if "Hòa Thuận" in line)
    assert "| 80 | 8 | +900,0% | 380 | 400 | −5,0% |" in row
    en = aggregate(years, "Y", "md", "--lang", "en")
    total = next(line for line in en.splitlines() if line.startswith("| **Total**"))
    assert "| **90** | **90** | **0.0%** | **3,000** | **3,200** | **−6.3%** |" in total


def test_csv_and_table(years: Path) -> None:
    csv = aggregate(years, "H1", "csv")
    assert ',Cùng kỳ,"Tăng, giảm",' in csv.splitlines()[0]
    assert ',,Tổng cộng,đã nhận 4/4,,,116,43,"169,8%",2200,2000,"10,0%",30,,,0,' in csv
    table = aggregate(years, "Y", "table")
    assert max(len(line) for line in table.splitlines()) <= 100
    lines = table.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("Tổng cộng"))
    assert lines[at + 1].split() == ["Cùng", "kỳ", "90", "3.200"]
    assert lines[at + 2].split() == ["Tăng,", "giảm", "0,0%", "−6,3%"]


def test_workbook_change_is_a_formula_with_its_value(years: Path, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "h1.xlsx"
    aggregate(years, "H1", "xlsx", "--output", str(out))
    ws = openpyxl.load_workbook(out).worksheets[0]
    heads = [c.value for c in ws[5]]
    assert heads[6:9] == ["Số buổi tuyên truyền (buổi)", "Cùng kỳ", "Tăng, giảm"]
    total = next(r for r in range(6, 20) if ws.cell(r, 2).value == "Tổng cộng")
    assert ws.cell(total, 9).value == f"=G{total}/H{total}-1"
    assert ws.cell(total, 9).number_format.startswith("+0.0%")
    cached = openpyxl.load_workbook(out, data_only=True).worksheets[0]
    assert cached.cell(total, 8).value == 43
    assert cached.cell(total, 9).value == pytest.approx(73 / 43)


@pytest.mark.parametrize(
    ("lang", "h1", "y"),
    [
        (
            "vi",
            "116 buổi tuyên truyền, tăng 169,8% so với cùng kỳ năm 2022 (4 đơn vị báo cáo); lượt người tham dự: "
            "2.200 lượt người, tăng 10,0% so với cùng kỳ năm 2022 (4 đơn vị báo cáo); hộ được hỗ trợ: 30 hộ "
            "(1 đơn vị báo cáo).",
            "90 buổi tuyên truyền, bằng cùng kỳ năm 2022 (3 đơn vị báo cáo); lượt người tham dự: 3.000 lượt người, "
            "giảm 6,3% so với cùng kỳ năm 2022",
        ),
        (
            "en",
            "Propaganda sessions: 116 buổi, up 169.8% on the same period of 2022 (4 units reporting); "
            "Participants: 2,200 lượt người, up 10.0% on the same period of 2022 (4 units reporting); "
            "Households helped: 30 hộ (1 unit reporting).",
            "Participants: 3,000 lượt người, down 6.3% on the same period of 2022",
        ),
    ],
)
def test_report_sentences_markdown_and_word(years: Path, tmp_path: Path, lang: str, h1: str, y: str) -> None:
    docx = pytest.importorskip("docx")
    for period, sentence in (("H1", h1), ("Y", y)):
        md = tmp_path / f"{period}-{lang}.md"
        proc = run_dkst(
            "render", "--data", str(years), "--period", period, "--as-of", AS_OF, "--lang", lang, "--output", str(md)
        )
        assert proc.returncode == 0, proc.stderr
        text = md.read_text(encoding="utf-8")
        assert sentence in text
        word = tmp_path / f"{period}-{lang}.docx"
        proc = run_dkst(
            "render",
            "--data",
            str(years),
            "--period",
            period,
            "--as-of",
            AS_OF,
            "--lang",
            lang,
            "--format",
            "docx",
            "--output",
            str(word),
        )
        assert proc.returncode == 0, proc.stderr
        document = docx.Document(str(word))
        assert any(sentence in p.text for p in document.paragraphs), sentence
        compare = document.tables[-1]
        assert [c.text for c in compare.rows[0].cells][3:] == (
            ["Cùng kỳ", "Tăng, giảm"] if lang == "vi" else ["Same period last year", "Change"]
        )
    # nothing said where last year had no figure
    assert "hộ được hỗ trợ: 30 hộ (1" in h1 or "Households helped: 30 hộ (1" in h1


def test_no_previous_no_change(tmp_path: Path) -> None:
    """Without ``previous`` nothing gains a key or a column (the other goldens hold it too)."""
    data = tmp_path / "one"
    shutil.copytree(CASE / "ke-hoach-2022", data)
    doc = json.loads(aggregate(data, "H1", "json"))
    assert set(doc["indicators"]["sessions"]) == {"label", "total", "units"}
    assert "previous_indicators" not in doc["units"][0]
    assert "Cùng kỳ" not in aggregate(data, "H1", "md")


@pytest.mark.parametrize(
    ("write", "reason"),
    [
        ("../khong-co", "không có thư mục này"),
        ("../ke-hoach-2023/plan.yaml", "không phải thư mục"),
        ("../ke-hoach-2023/units", "không có plan.yaml"),
        (".", "chính bộ dữ liệu này"),
    ],
)
def test_previous_that_is_not_a_dataset(years: Path, write: str, reason: str) -> None:
    plan = years / "plan.yaml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("data: ../ke-hoach-2022", f"data: {write}"), encoding="utf-8"
    )
    doc = check_json(years, AS_OF)
    bad = [f for f in doc["findings"] if f["code"] == "invalid-value"]
    line = plan.read_text(encoding="utf-8").splitlines().index(f"  data: {write}") + 1
    assert [(f["path"], f["line"]) for f in bad] == [("plan.yaml", line)]
    assert reason in bad[0]["message"]
    # the rest of the check goes on: this year's own findings are still there, the jump is not (no last year)
    assert {f["code"] for f in doc["findings"]} == {"invalid-value", "missing-report"}
    en = check_json(years, AS_OF, "--lang", "en")
    assert [f["line"] for f in en["findings"] if f["code"] == "invalid-value"] == [line]


def test_mapping_keys_this_plan_lacks(years: Path) -> None:
    plan = years / "plan.yaml"
    text = plan.read_text(encoding="utf-8").replace("{participants: nguoi_du}", "{participant: nguoi_du}")
    plan.write_text(text.replace("periods: {Y: CN}", "periods: {Q9: CN}"), encoding="utf-8")
    doc = check_json(years, AS_OF)
    refs = [(f["line"], f["message"]) for f in doc["findings"] if f["code"] == "unknown-ref"]
    assert len(refs) == 2 and "participants" in refs[0][1]


def test_init_sample_keeps_its_last_year(tmp_path: Path) -> None:
    """The sample's ``previous`` is a folder inside it, so ``dkst init --sample`` copies it and it resolves."""
    target = tmp_path / "mau"
    proc = run_dkst("init", str(target), "--sample")
    assert proc.returncode == 0, proc.stderr
    assert (target / "ke-hoach-2022" / "plan.yaml").is_file()
    doc = json.loads(aggregate(target, "Y", "json", as_of="2024-01-15"))
    assert doc["indicators"]["propaganda_sessions"]["previous"] == 210


def test_init_from_last_year(tmp_path: Path) -> None:
    """``dkst init DIR --from LAST``: last year's units, kinds, indicators and requirements, dates a year on,
    ``previous`` pointing back; the new dataset passes ``dkst check``; nothing is overwritten."""
    shutil.copytree(CASE / "ke-hoach-2023", tmp_path / "ke-hoach-2023")
    plan = tmp_path / "ke-hoach-2023" / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    # a period that ends on the last day of February (28/02/2023 → 29/02/2024)
    plan.write_text(
        text.replace(
            "indicators:\n",
            "  M2:\n    name: Tháng 2 năm 2023\n    start: 2023-02-01\n    end: 28/02/2023\n"
            "    due_by: 2023-03-05\nindicators:\n",
            1,
        ),
        encoding="utf-8",
    )
    new = tmp_path / "ke-hoach-2024"
    for lang in ("vi", "en"):
        proc = run_dkst("init", str(new), "--from", str(tmp_path / "ke-hoach-2023"), "--lang", lang)
        assert proc.returncode == 0, proc.stderr
        made = (new / "plan.yaml").read_text(encoding="utf-8")
        assert "year: 2024" in made and "previous:\n  data: ../ke-hoach-2023\n" in made
        assert "start: 2024-01-01" in made and "due_before: 2024-06-05" in made and "due_before: 2024-12-05" in made
        assert "end: 2024-02-29" in made  # the last day of February stays the last day of February
        assert "name: 6 tháng đầu năm 2024" in made and "max_change: 5" in made
        assert "2023" not in made.split("\n", 3)[3].replace("../ke-hoach-2023", "")
        units = (new / "units.yaml").read_text(encoding="utf-8")
        assert units.count("- id: ") == 4 and "phuoc-hoa" in units
        doc = check_json(new, "2024-03-01", "--lang", lang)
        assert doc["summary"]["error"] == 0 and doc["summary"]["warning"] == 0
        again = run_dkst("init", str(new), "--from", str(tmp_path / "ke-hoach-2023"), "--lang", lang)
        assert again.returncode == 2 and (new / "plan.yaml").read_text(encoding="utf-8") == made
        shutil.rmtree(new)
    assert run_dkst("init", str(new), "--from", str(tmp_path / "nowhere")).returncode != 0
    assert not new.exists() or not any(new.iterdir())


def test_next_day() -> None:
    from datetime import date

    from dkst.scaffold.next_year import next_day

    assert next_day(date(2023, 2, 28)) == date(2024, 2, 29)
    assert next_day(date(2024, 2, 29)) == date(2025, 2, 28)
    assert next_day(date(2024, 2, 28)) == date(2025, 2, 28)
    assert next_day(date(2023, 6, 5)) == date(2024, 6, 5)
