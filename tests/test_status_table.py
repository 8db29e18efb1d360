"""``dkst status`` as a clerk reads it in a terminal (issue #10, item 5).

Headers from the requirements' ``label`` or made from type and period; the table fits the terminal (unit
names wrap, no column is cut, marks stay whole; too many columns go into several tables); a rule shows "…"
until a report it applies to exists; names are shown literally, never read as rich markup.
"""

from __future__ import annotations

import io
import json
import re
from datetime import date
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console

from dkst.checks.checker import check
from dkst.figures import status as st
from tests.conftest import REPO, run_dkst

H1_DAY = date(2023, 7, 15)


def render(data: Path, lang: str = "vi", width: int = 80, as_of: date = H1_DAY) -> str:
    console = Console(width=width, record=True, file=io.StringIO(), color_system=None)
    st.print_rich(check(data, as_of), lang, console)
    return console.export_text()


def rows_of(out: str) -> dict[str, str]:
    """Unit row lines (two-space indent) by their first words."""
    return {line.strip(): line for line in out.splitlines() if line.startswith("  ") and not line.startswith("   ")}


def test_headers_made_from_type_and_period() -> None:
    checked = check(REPO / "data", H1_DAY)
    assert st.column_labels(checked, "vi") == [
        "Báo cáo 6 tháng",
        "Báo cáo năm",
        "Mô hình",
        "Kế hoạch",
        "Quy tắc: participants",
        "Quy tắc: y-ideas",
    ]
    assert st.column_labels(checked, "en") == [
        "H1 report",
        "Y report",
        "Models",
        "Unit plan",
        "Rule: participants",
        "Rule: y-ideas",
    ]


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("6 tháng đầu năm 2023", "6 tháng"),
        ("Năm 2023", "năm"),
        ("Quý III năm 2023", "quý III"),
        ("Tháng 9/2023", "tháng 9"),
        ("6 tháng cuối năm 2023", "6 tháng"),
        ("Đợt thi đua", "đợt thi đua"),
    ],
)
def test_period_words(name: str, words: str) -> None:
    assert st._period_words(name) == words


def test_label_heads_the_column(sample: Path) -> None:
    plan = sample / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    text = text.replace("  - id: report-h1\n", "  - id: report-h1\n    label: BC 6T\n", 1)
    text = text.replace("  - id: model-2023\n", "  - id: model-2023\n    label: Mô hình ĐKST\n", 1)
    plan.write_text(text, encoding="utf-8")
    checked = check(sample, H1_DAY)
    assert not [f for f in checked.result.findings if f.path == "plan.yaml"]  # label is a known field
    labels = st.column_labels(checked, "vi")
    assert labels[0] == "BC 6T" and labels[2] == "Mô hình ĐKST"
    assert "BC 6T" in render(sample)


def test_the_same_label_twice_gets_the_ids(sample: Path) -> None:
    plan = sample / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(
        text.replace("  - id: report-y\n", "  - id: report-y\n    label: Báo cáo 6 tháng\n", 1), encoding="utf-8"
    )
    labels = st.column_labels(check(sample, H1_DAY), "vi")
    assert labels[:2] == ["Báo cáo 6 tháng (report-h1)", "Báo cáo 6 tháng (report-y)"]


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("width", [80, 60, 40, 120])
def test_the_table_fits_and_nothing_is_cut(lang: str, width: int) -> None:
    checked = check(REPO / "data", H1_DAY)
    out = render(REPO / "data", lang, width)
    assert max(cell_len(line) for line in out.splitlines()) <= width
    data = st.table(checked)
    for label in st.column_labels(checked, lang):
        for word in label.split():
            if cell_len(word) <= 12:
                assert word in out, (word, out)
    words = {w for line in out.splitlines() for w in line.split()}
    for row in data["rows"]:
        for word in row["unit"].label.split():
            assert word in words, (word, out)
    # every mark whole, in its row and in order (in each part when the table is split)
    for row in data["rows"]:
        label = row["unit"].label
        lines = [line for line in out.splitlines() if line.startswith(f"  {label} ")]
        parts = len(re.findall(r"^(Đơn vị|Unit) ", out, flags=re.M))
        if len(lines) != parts:  # a name wrapped in some part: its marks are somewhere, whole
            assert all(st.mark(c, lang, compact=True) in out for c in row["cells"])
            continue
        cells = [c for line in lines for c in re.split(r"\s{2,}", line[len(label) + 2 :].strip())]
        expected = [st.mark(c, lang, compact=True) for c in row["cells"]]
        waiting = [c.type == "rule" and c.status == "ok" for c in row["cells"]]
        assert len(cells) == len(expected), (cells, expected)
        for got, want, maybe in zip(cells, expected, waiting, strict=True):
            assert got == want or (maybe and got == "…"), (got, want)


def test_eighty_columns_is_one_table() -> None:
    out = render(REPO / "data", "vi", 80)
    assert out.count("Đơn vị") == 1
    assert "Hội Nông dân" in out  # names wrap only when they must
    narrow = render(REPO / "data", "vi", 40)
    assert narrow.count("Đơn vị") >= 2  # split into parts, each with the unit column


def test_a_rule_waits_for_a_report() -> None:
    rows = rows_of(render(REPO / "data", "vi", 100))
    ccb = next(line for key, line in rows.items() if key.startswith("Hội CCB"))
    an_my = next(line for key, line in rows.items() if key.startswith("An Mỹ"))
    # Hội CCB has no H1 report on 15/7: its participants rule waits; An Mỹ has one: ✓
    ccb_cells = re.split(r"\s{2,}", ccb.strip())
    an_my_cells = re.split(r"\s{2,}", an_my.strip())
    assert ccb_cells[5] == "…" and an_my_cells[5] == "✓"
    assert an_my_cells[6] == "…"  # the yearly rule: no Y report yet
    late = rows_of(render(REPO / "data", "vi", 100, as_of=date(2023, 12, 20)))
    an_my_dec = next(line for key, line in late.items() if key.startswith("An Mỹ"))
    assert re.split(r"\s{2,}", an_my_dec.strip())[6] == "✓"


def test_text_and_json_say_a_rule_without_a_report_is_pending() -> None:
    """A rule is never met without a report (#18): pending in the table, the text and the JSON alike."""
    checked = check(REPO / "data", H1_DAY)
    plain = st.as_plain(checked, "vi")
    ccb = next(line for line in plain.splitlines() if line.startswith("hoi-cuu-chien-binh\t"))
    assert ccb.split("\t")[7] == "… chưa có báo cáo"
    doc = json.loads(st.as_json(checked, "vi"))
    unit = next(u for u in doc["units"] if u["id"] == "hoi-cuu-chien-binh")
    assert unit["statuses"]["rule-participants"]["status"] == "pending"
    assert plain.splitlines()[0].split("\t")[3] == "report-h1"  # ids, as before (after the unit's id and name)


def test_markup_in_names_is_shown_literally(sample: Path) -> None:
    units = sample / "units.yaml"
    text = units.read_text(encoding="utf-8")
    text = text.replace("short_name: Hội Nông dân\n", "short_name: Hội [/b]Nông [bold red]dân[/]\n", 1)
    units.write_text(text, encoding="utf-8")
    plan = sample / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    text = text.replace("  - id: report-h1\n", "  - id: report-h1\n    label: '[/b]BC'\n", 1)
    plan.write_text(
        text.replace("member: Tổ chức thành viên", "member: Tổ chức [/] thành viên [link=x]", 1), encoding="utf-8"
    )
    out = render(sample, "vi", 160)
    assert "Hội [/b]Nông [bold red]dân[/]" in out
    assert "Tổ chức [/] thành viên [link=x]" in out
    assert "[/b]BC" in out
    proc = run_dkst(
        "status", "--data", str(sample), "--as-of", "2023-07-15", "--format", "table", env={"COLUMNS": "80"}
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
