"""Every output tells the same truth as ``dkst check`` (#18), through the installed command.

A broken plan or registry stops the figures; one mistake gives one finding; a report left out is named
everywhere; a rule is never met without a report; a unit plan arrives when ``received`` says.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import check_json, run_dkst
from tests.test_check_codes import cp1258

FIGURES = [
    ("status",),
    ("aggregate", "--period", "H1"),
    ("render", "--period", "H1"),
    ("remind", "--period", "H1"),
    ("form", "--period", "H1"),
    ("rollup", "--period", "H1", "--to", "nowhere"),
    ("import", "nothing.xlsx"),
]


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def drop_kind(root: Path, unit: str = "an-my") -> None:
    text = (root / "units.yaml").read_text(encoding="utf-8")
    start = text.index(f"  - id: {unit}\n")
    kind = text.index("    kind: ", start)
    end = text.index("\n", kind) + 1
    (root / "units.yaml").write_text(text[:kind] + text[end:], encoding="utf-8")


# ---------------------------------------------------------------- 1. a broken plan or registry stops the figures


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_broken_registry_entry_stops_every_figure(sample: Path, lang: str) -> None:
    drop_kind(sample)
    check = run_dkst("check", "--data", str(sample), "--as-of", "2023-12-20", "--lang", lang)
    assert check.returncode == 1 and "[missing-field]" in check.stdout
    for argv in FIGURES:
        proc = run_dkst(*argv, "--data", str(sample), "--as-of", "2023-12-20", "--lang", lang, cwd=sample)
        assert proc.returncode == 1, (argv, proc.stderr)
        assert proc.stdout == "", argv
        assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("dkst: units.yaml:"), (argv, proc.stderr)
        assert ("1 lỗi" if lang == "vi" else "1 error") in proc.stderr
        assert ("“kind”" in proc.stderr) and "Traceback" not in proc.stderr
    assert not (sample / "out").exists()


def test_a_registry_in_windows_1258_stops_status(sample: Path) -> None:
    units = sample / "units.yaml"
    units.write_bytes(cp1258(units.read_text(encoding="utf-8")))
    proc = run_dkst("status", "--data", str(sample), "--as-of", "2023-12-20")
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr.startswith("dkst: units.yaml:1: ") and "Windows-1258" in proc.stderr


def test_a_broken_deadline_stops_status_too(sample: Path) -> None:
    edit(sample / "plan.yaml", "    due_before: 2023-06-05\n", "    due_before: 2023-06-31\n")
    for argv in (("status",), ("aggregate", "--period", "Y"), ("status", "--format", "json")):
        proc = run_dkst(*argv, "--data", str(sample), "--as-of", "2023-12-20", "--lang", "en")
        assert proc.returncode == 1 and proc.stderr.startswith("dkst: plan.yaml:"), (argv, proc.stderr)
        assert "1 error in plan.yaml/units.yaml" in proc.stderr


def test_the_gate_names_the_first_error_and_counts_them(sample: Path) -> None:
    drop_kind(sample, "an-my")
    drop_kind(sample, "tam-phu")
    edit(sample / "plan.yaml", "year: 2023", "year: hai nghìn")
    proc = run_dkst("aggregate", "--period", "H1", "--data", str(sample), "--as-of", "2023-12-20", "--lang", "en")
    assert proc.returncode == 1
    assert proc.stderr.startswith("dkst: plan.yaml:") and "3 errors in plan.yaml/units.yaml" in proc.stderr


# ---------------------------------------------------------------- 2. one mistake, one finding


def test_an_unreadable_registry_is_one_finding(sample: Path) -> None:
    units = sample / "units.yaml"
    units.write_bytes(cp1258(units.read_text(encoding="utf-8")))
    doc = check_json(sample, "2023-12-20")
    errors = [f for f in doc["findings"] if f["severity"] == "error"]
    assert [f["code"] for f in errors] == ["encoding"], errors
    assert not any(f["code"] == "stray-file" for f in doc["findings"])


def test_a_registry_with_a_syntax_error_is_one_finding(sample: Path) -> None:
    edit(sample / "units.yaml", "  - id: an-my\n", "  - id: [an-my\n")
    doc = check_json(sample, "2023-12-20")
    errors = [f for f in doc["findings"] if f["severity"] == "error"]
    assert [f["code"] for f in errors] == ["yaml-syntax"], errors


def test_a_broken_entry_s_folder_is_not_stray(sample: Path) -> None:
    edit(sample / "units.yaml", "  - id: an-my\n", "  - id: An My\n")
    doc = check_json(sample, "2023-12-20")
    errors = [(f["code"], f["path"]) for f in doc["findings"] if f["severity"] == "error"]
    assert errors == [("invalid-value", "units.yaml")]
    drop_kind(sample, "an-phu")
    doc = check_json(sample, "2023-12-20")
    assert not any(f["code"] == "stray-file" for f in doc["findings"])


def test_an_unknown_folder_is_still_stray(sample: Path) -> None:
    (sample / "units" / "an-my").rename(sample / "units" / "an-mi")
    doc = check_json(sample, "2023-12-20")
    assert any(f["code"] == "stray-file" and f["path"] == "units/an-mi" for f in doc["findings"])


# ---------------------------------------------------------------- 4. a rule is never met without a report


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_rule_without_a_report_is_pending_everywhere(lang: str) -> None:
    args = ("--data", "data", "--as-of", "2023-06-20", "--lang", lang)
    doc = json.loads(run_dkst("status", "--format", "json", *args).stdout)
    by_id = {u["id"]: u["statuses"] for u in doc["units"]}
    assert by_id["hoi-cuu-chien-binh"]["rule-participants"]["status"] == "pending"  # no H1 report
    assert by_id["an-my"]["rule-participants"]["status"] == "ok"
    assert by_id["an-my"]["rule-y-ideas"]["status"] == "pending"  # no yearly report in June
    plain = run_dkst("status", "--format", "text", *args).stdout
    head = plain.splitlines()[0].split("\t")  # columns found by their id (#22 put the unit's name second)
    participants, ideas = head.index("rule-participants"), head.index("rule-y-ideas")
    ccb = next(line for line in plain.splitlines() if line.startswith("hoi-cuu-chien-binh\t")).split("\t")
    assert ccb[participants] == ("… chưa có báo cáo" if lang == "vi" else "… no report yet")
    an_my = next(line for line in plain.splitlines() if line.startswith("an-my\t")).split("\t")
    assert an_my[ideas].startswith("…") and "✓" not in an_my[ideas]


# ---------------------------------------------------------------- 7. unit plans arrive when `received` says


def test_a_unit_plan_arrives_when_received(sample: Path) -> None:
    plan = sample / "units" / "an-my" / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if not ln.startswith(("issued:", "received:"))]
    plan.write_text("\n".join([*lines, "issued: 08/4/2023", "received: 10/4/2023", ""]), encoding="utf-8")
    args = ("--data", str(sample), "--format", "json")
    before = json.loads(run_dkst("status", "--as-of", "2023-04-09", *args).stdout)
    an_my = next(u for u in before["units"] if u["id"] == "an-my")["statuses"]["unit-plan"]
    assert an_my["status"] == "missing"  # issued on 8/4, but the office had it only on 10/4
    after = json.loads(run_dkst("status", "--as-of", "2023-04-10", *args).stdout)
    an_my = next(u for u in after["units"] if u["id"] == "an-my")["statuses"]["unit-plan"]
    assert an_my["status"] == "late" and an_my["days_late"] == 10 and an_my["submitted"] == "2023-04-10"
    plain = run_dkst("status", "--data", str(sample), "--as-of", "2023-04-10", "--format", "text").stdout
    row = next(line for line in plain.splitlines() if line.startswith("an-my\t")).split("\t")
    assert row[plain.splitlines()[0].split("\t").index("unit-plan")] == "✓ trễ 10 ngày"
    doc = check_json(sample, "2023-04-10", "--lang", "en")
    late = [f for f in doc["findings"] if f["code"] == "late-unit-plan" and f["unit"] == "an-my"]
    assert len(late) == 1 and late[0]["days_late"] == 10 and late[0]["severity"] == "warning"
    assert late[0]["path"] == "units/an-my/plan.yaml" and late[0]["line"] == len(lines) + 2
    assert "10/4/2023" in late[0]["message"] and "31/3/2023" in late[0]["message"]


def test_a_unit_plan_without_received_arrives_when_issued(sample: Path) -> None:
    plan = sample / "units" / "an-my" / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if not ln.startswith(("issued:", "received:"))]
    plan.write_text("\n".join([*lines, "issued: 2023-03-20", ""]), encoding="utf-8")
    doc = json.loads(run_dkst("status", "--data", str(sample), "--as-of", "2023-03-20", "--format", "json").stdout)
    an_my = next(u for u in doc["units"] if u["id"] == "an-my")["statuses"]["unit-plan"]
    assert an_my["status"] == "done" and an_my["submitted"] == "2023-03-20"


def test_the_workbook_says_provisional_under_its_titles_exactly_while_some_unit_is_pending(sample: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    for as_of, provisional in (("2023-06-01", True), ("2023-06-20", False)):
        out = sample.parent / f"tong-hop-{as_of}.xlsx"
        proc = run_dkst("aggregate", "--data", str(sample), "-p", "H1", "--as-of", as_of, "-f", "xlsx", "-o", str(out))
        assert proc.returncode == 0, proc.stderr
        for ws in openpyxl.load_workbook(out).worksheets:
            heads = [str(ws.cell(r, 1).value or "") for r in range(1, 5)]
            said = [h for h in heads if h.startswith("Số liệu tạm tính")]
            assert bool(said) is provisional, (ws.title, heads)
            if provisional:
                # the workbook writes every date dd/mm/yyyy, as its date cells show them (#21)
                assert said == ["Số liệu tạm tính đến ngày 01/06/2023; còn 13 đơn vị chưa đến hạn gửi báo cáo."]
