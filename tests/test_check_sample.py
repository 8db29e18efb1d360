"""The sample dataset's findings pinned as golden files, reporters, and the light start-up."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from dkst.checks.reporters import as_github, as_json
from dkst.findings import CheckResult, make
from tests.conftest import REPO, assert_golden, run_dkst

AS_OF = ["2023-03-15", "2023-11-30", "2024-01-15"]


@pytest.mark.parametrize("as_of", AS_OF)
@pytest.mark.parametrize("fmt", ["json", "text"])
def test_sample_golden(as_of: str, fmt: str) -> None:
    proc = run_dkst("check", "--data", "data", "--as-of", as_of, "--format", fmt)
    assert proc.returncode == 0, proc.stderr  # the sample has warnings, never errors
    assert_golden(f"check/sample-{as_of}.{fmt if fmt == 'json' else 'txt'}", proc.stdout)


def test_sample_english_messages() -> None:
    proc = run_dkst("check", "--data", "data", "--as-of", "2024-01-15", "--format", "json", "--lang", "en")
    doc = json.loads(proc.stdout)
    assert doc["summary"] == {"error": 0, "warning": 23, "info": 3}  # 2 not-counted models; 3 unit plans late (#18)
    assert all("hạn cuối" not in f["message"] for f in doc["findings"])
    env = run_dkst("check", "--data", "data", "--as-of", "2024-01-15", "--format", "json", env={"DKST_LANG": "en"})
    assert env.stdout == proc.stdout


def test_sample_figures_match_the_hand_count() -> None:
    """data/README.md: as of 2023-11-30, 4 late and 2 missing H1 reports, 14 pending Y reports."""
    doc = json.loads(run_dkst("check", "--data", "data", "--as-of", "2023-11-30", "--format", "json").stdout)
    by: dict[tuple[str, str], list[Any]] = {}
    for f in doc["findings"]:
        by.setdefault((f["code"], f["period"]), []).append(f)
    late = {f["unit"]: f["days_late"] for f in by[("late-report", "H1")]}
    assert late == {"hoi-nong-dan": 3, "hoi-chu-thap-do": 1, "an-xuan": 2, "tam-phu": 5}
    assert {f["unit"]: f["days_overdue"] for f in by[("missing-report", "H1")]} == {
        "hoi-cuu-chien-binh": 179,
        "tam-thang": 179,
    }
    assert len(by[("pending-report", "Y")]) == 14
    assert all("hạn cuối: 04/6/2023" in f["message"] for f in by[("late-report", "H1")])


def test_findings_sorted_and_deterministic() -> None:
    first = run_dkst("check", "--data", "data", "--as-of", "2024-01-15", "--format", "json").stdout
    second = run_dkst(
        "check", "--data", "data", "--as-of", "2024-01-15", "--format", "json", process=True
    ).stdout  # another process, another hash seed
    assert first == second
    items = json.loads(first)["findings"]
    keys = [(f["path"], f["line"] is not None, f["line"] or 0, f["code"]) for f in items]
    assert keys == sorted(keys)


def test_json_is_the_library_result_serialised() -> None:
    from dkst.checks.checker import check

    checked = check(Path("data"), date(2024, 1, 15))
    proc = run_dkst("check", "--data", "data", "--as-of", "2024-01-15", "--format", "json", today=None)
    assert proc.stdout == as_json(checked.result, "vi")


def test_github_annotations_are_escaped() -> None:
    result = CheckResult(
        "d",
        date(2023, 1, 1),
        [make("invalid-value", "units/a,b:c/x%.yaml", 3, field="f", value="100%\nx", reason="count")],
    )
    out = as_github(result, "en")
    assert out.startswith("::error file=units/a%2Cb%3Ac/x%25.yaml,line=3,title=invalid-value::")
    assert "100%25%0Ax" in out and out.count("\n") == 1


def test_github_format_through_cli() -> None:
    proc = run_dkst("check", "--data", "data", "--as-of", "2024-01-15", "--format", "github", process=True)
    assert proc.stdout.count("::warning ") == 23 and proc.stdout.count("::notice ") == 3


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["check", "--data", "data", "--as-of", "2024-01-15"],
        ["status", "--data", "data", "--as-of", "2024-01-15"],
    ],
)
def test_light_startup(argv: list[str]) -> None:
    """``dkst --help`` and ``dkst check`` import neither pandas, openpyxl nor docxtpl."""
    code = (
        "import sys\n"
        "from dkst.cli.app import main\n"
        f"sys.argv = ['dkst', *{argv!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = sorted(m for m in ('pandas', 'openpyxl', 'docxtpl', 'docx') if m in sys.modules)\n"
        "sys.stderr.write('HEAVY=' + ','.join(heavy))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert "HEAVY=" in proc.stderr and proc.stderr.rsplit("HEAVY=", 1)[1].strip() == ""


def test_status_plain_and_json() -> None:
    proc = run_dkst("status", "--data", "data", "--as-of", "2024-01-15", process=True)  # end to end
    lines = proc.stdout.splitlines()
    assert lines[0].split("\t")[:4] == ["Mã đơn vị", "Tên đơn vị", "Loại", "report-h1"]  # id, then name (#22)
    assert lines[1].startswith("thanh-pho\t")
    assert len(lines) == 20  # a header and the 19 units, registry order
    an_xuan = next(line for line in lines if line.startswith("an-xuan\t"))
    assert "✓ trễ 2 ngày" in an_xuan and "✗ quá hạn 42 ngày" in an_xuan
    doc = json.loads(run_dkst("status", "--data", "data", "--as-of", "2024-01-15", "--format", "json").stdout)
    units = {u["id"]: u for u in doc["units"]}
    assert units["tam-thanh"]["statuses"]["report-h1"]["status"] == "exempt"
    assert units["thanh-pho"]["statuses"]["report-h1"]["status"] == "not_required"
    assert units["an-xuan"]["statuses"]["model-2023"] == {
        "status": "missing",
        "days_overdue": 15,
        "expected": 1,
        "actual": 0,
    }


def test_status_rich_table_fits() -> None:
    proc = run_dkst("status", "--data", "data", "--as-of", "2024-01-15", "--format", "table", env={"COLUMNS": "100"})
    assert proc.returncode == 0
    assert "An Xuân" in proc.stdout and max(len(line) for line in proc.stdout.splitlines()) <= 100


def test_pre_commit_hook_file() -> None:
    import yaml

    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = hooks
    assert hook["id"] == "dkst-check" and hook["entry"].startswith("dkst check")
    assert hook["pass_filenames"] is False
