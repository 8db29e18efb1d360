"""Hostile outputs and roll-ups (issue #19): racing writers, impossible paths, FIFOs, misdirected roll-ups."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import dkst_env, dkst_executable, run_dkst
from tests.test_rollup import city, province, rollup, snapshot  # noqa: F401  (fixtures)

LONG = "x" * 300


def _one_line(proc: subprocess.CompletedProcess[str], code: int = 2) -> str:
    err = proc.stderr
    assert proc.returncode == code, (proc.returncode, proc.stdout, err)
    assert "Traceback" not in err + proc.stdout
    assert err.count("\n") == 1, err
    return err


# ---------------------------------------------------------------- 5. file-system errors: one line naming the path


@pytest.mark.parametrize(
    "args",
    [
        ["aggregate", "--period", "H1", "--format", "csv", "--output", f"{{tmp}}/{LONG}/a.csv"],
        ["aggregate", "--period", "H1", "--format", "csv", "--output", f"{{tmp}}/{LONG}.csv"],
        ["render", "--period", "H1", "--output", f"{{tmp}}/{LONG}/r.md"],
        ["form", "--period", "H1", "--unit", "an-my", "--output", f"{{tmp}}/{LONG}"],
        ["remind", "--period", "H1", "--output", f"{{tmp}}/{LONG}"],
        ["check", "--data", f"{{tmp}}/{LONG}"],
        ["status", "--data", f"{{tmp}}/{LONG}/data"],
        ["init", f"{{tmp}}/{LONG}"],
        ["aggregate", "--period", "H1", "--format", "csv", "--output", "{tmp}/loop/a.csv"],
        ["form", "--period", "H1", "--unit", "an-my", "--output", "{tmp}/loop"],
    ],
    ids=lambda a: " ".join(a[:2]) + (" loop" if "loop" in a[-1] else ""),
)
def test_impossible_paths_are_one_line_naming_the_path(sample: Path, tmp_path: Path, args: list[str]) -> None:
    os.symlink(tmp_path / "loop", tmp_path / "loop")  # a link to itself
    given = [a.replace("{tmp}", str(tmp_path)) for a in args]
    extra = [] if given[0] == "init" or "--data" in given else ["--data", str(sample)]
    proc = run_dkst(*given, *extra, "--as-of", "2023-06-20")
    err = _one_line(proc)
    assert (LONG in err) or ("loop" in err), err


def test_import_of_impossible_names_is_one_line_each(sample: Path, tmp_path: Path) -> None:
    proc = run_dkst("import", "--data", str(sample), str(tmp_path / f"{LONG}.xlsx"), str(tmp_path / LONG / "*.xlsx"))
    assert proc.returncode == 1 and "Traceback" not in proc.stdout + proc.stderr
    assert proc.stdout.count(LONG) >= 2


def test_two_writers_of_one_new_output_one_is_refused(sample: Path, tmp_path: Path) -> None:
    """Both start while the output does not exist; the slower write's exclusive create fails."""
    target = tmp_path / "race.csv"
    env = {k: v for k, v in dkst_env(None).items() if v is not None}
    cmd = [
        dkst_executable(),
        "aggregate",
        "--data",
        str(sample),
        "--period",
        "H1",
        "--format",
        "csv",
        "--output",
        str(target),
    ]
    procs = []
    for slow in ("1.5", "3"):
        procs.append(
            subprocess.Popen(
                cmd, env={**env, "DKST_TEST_SLOW_WRITE": slow}, stdout=subprocess.PIPE, stderr=subprocess.PIPE
            )
        )
    results = [(p.wait(timeout=180), p.stderr.read().decode() if p.stderr else "") for p in procs]
    codes = sorted(code for code, _ in results)
    assert codes == [0, 2], results
    assert "--force" in next(err for code, err in results if code == 2)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


# ---------------------------------------------------------------- 4. roll-up


def test_rollup_onto_a_fifo_is_refused_without_opening_it(province: Path) -> None:  # noqa: F811
    folder = province / "units" / "tam-ky" / "reports"
    folder.mkdir(parents=True)
    os.mkfifo(folder / "Y.yaml")
    for extra in ((), ("--force",)):
        start = time.monotonic()
        code, _, err = rollup(REPO_CITY, "Y", province, *extra)
        assert code == 2 and "Y.yaml" in err and err.count("\n") == 1
        assert time.monotonic() - start < 60


def test_rollup_onto_a_fifo_model_is_refused(province: Path) -> None:  # noqa: F811
    folder = province / "units" / "tam-ky" / "models"
    folder.mkdir(parents=True)
    code, out, err = rollup(REPO_CITY, "Y", province, "--dry-run")
    name = re.search(r"units/tam-ky/models/([^\s]+\.yaml)", out)
    assert name, out
    os.mkfifo(folder / Path(name[1]).name)
    code, out, err = rollup(REPO_CITY, "Y", province, "--force")
    assert code == 2 and "FIFO" in err


PARENT = "parent:\n  unit: tam-ky\n"


@pytest.mark.parametrize(
    "change",
    [
        ("parent:\n  unit: tam-ky\n", "parent:\n  unit: tam-ky\n  unit: dai-loc\n"),
        ("parent:\n  unit: tam-ky\n", "parent:\n  unit: dai-loc\nparent:\n  unit: tam-ky\n"),
        ("  periods: {H1: H1, Y: Y}", "  periods: {H1: Y, Y: Y}"),
        ("  periods: {H1: H1, Y: Y}", "  periods: {H1: Y}"),
    ],
    ids=["duplicate-key", "second-block", "two-onto-one", "half-year-to-year"],
)
def test_a_misdirected_parent_writes_nothing(province: Path, city: Path, change: tuple[str, str]) -> None:  # noqa: F811
    plan = city / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    assert change[0] in text
    plan.write_text(text.replace(change[0], change[1]), encoding="utf-8")
    before = snapshot(province)
    for period in ("H1", "Y"):
        code, _, err = rollup(city, period, province, "--force")
        # refused in one line: by the roll-up's own judgement, or earlier when the plan has errors (exit 1)
        assert code in (1, 2) and err.count("\n") == 1 and "Traceback" not in err, err
    assert snapshot(province) == before


def test_a_total_over_the_limit_is_a_data_error_naming_the_indicator(province: Path, city: Path) -> None:  # noqa: F811
    for unit in ("an-my", "an-phu"):
        report = city / "units" / unit / "reports" / "H1.yaml"
        report.write_text(
            re.sub(r"propaganda_sessions: \d+", "propaganda_sessions: 999999999999", report.read_text("utf-8")),
            encoding="utf-8",
        )
    before = snapshot(province)
    code, _, err = rollup(city, "H1", province)
    assert code == 2 and "propaganda_sessions" in err and "báo lỗi" not in err, err
    assert snapshot(province) == before


def test_rollup_killed_mid_write_leaves_no_temporary_file(province: Path, tmp_path: Path) -> None:  # noqa: F811
    env = {k: v for k, v in dkst_env(None).items() if v is not None}
    proc = subprocess.Popen(
        [
            dkst_executable(),
            "rollup",
            "--data",
            str(REPO_CITY),
            "--period",
            "Y",
            "--to",
            str(province),
            "--as-of",
            "2024-01-15",
        ],
        env={**env, "DKST_TEST_SLOW_WRITE": "30"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    folder = province / "units" / "tam-ky"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not list(folder.rglob("*.tmp")):
        time.sleep(0.1)
    assert list(folder.rglob("*.tmp")), "the rollup never started writing"
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=60) == 143
    assert not list(province.rglob("*.tmp"))


REPO_CITY = Path(__file__).resolve().parent.parent / "data"


def test_check_and_render_escape_line_separators_and_overrides(sample: Path, tmp_path: Path) -> None:
    units = sample / "units.yaml"
    text = units.read_text(encoding="utf-8")
    name = re.search(r"name: (.+)", text)
    assert name
    hostile = f'name: "{name[1].strip()}\\u2028dkst: 0 lỗi\\u202e"'
    units.write_text(text.replace(name[0], hostile, 1), encoding="utf-8")
    report = sample / "units" / "an-my" / "reports" / "H1.yaml"
    text = report.read_text("utf-8").replace("submitted:", 'highlights: "a\\u2028b\\u202ec"\nsubmitted:', 1)
    report.write_text(text, "utf-8")
    for args in (["check"], ["status"], ["render", "--period", "H1"], ["aggregate", "--period", "H1"]):
        proc = run_dkst(*args, "--data", str(sample), "--as-of", "2023-06-20")
        assert "\u2028" not in proc.stdout + proc.stderr or args[0] == "render", args
        assert "\u202e" not in proc.stdout + proc.stderr, args


@pytest.mark.parametrize("periods", ["{H1: Y}", "{H1: Y, Y: Y}", "{H1: H1, Y: H1}"])
def test_check_flags_two_periods_onto_one(city: Path, periods: str) -> None:  # noqa: F811
    from datetime import date

    from dkst.checks.checker import check

    plan = city / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("{H1: H1, Y: Y}", periods), encoding="utf-8")
    found = [f for f in check(city, date(2023, 6, 20)).result.findings if f.path == "plan.yaml"]
    dup = [f for f in found if f.code == "duplicate-id"]
    assert dup and dup[0].param("id") in ("Y", "H1") and dup[0].line, found
