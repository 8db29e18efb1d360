"""Values other than counts (issue #9): YAML tags, ASCII-digit dates, the plan year, far dates, Windows names,
e-mail addresses, stray ``.YAML`` files and FIFOs, and the codes ``inconsistent-date`` and ``not-counted``."""

from __future__ import annotations

import json
import os
import socket
import stat
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from dkst.checks.checker import check
from dkst.findings import CODES, Severity
from dkst.load.dataset import parse_document, read_file
from dkst.load.schema import ModelRecord, Report, UnitPlan, UnitsFile
from dkst.periods import DateError, Deadline, parse_date
from tests.conftest import TODAY, run_dkst, whole

H1 = "units/an-my/reports/H1.yaml"
MODEL = "units/an-my/models/cho-so.yaml"
AS_OF = date(2023, 12, 20)


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DKST_TODAY", TODAY)
    monkeypatch.setenv("DKST_NO_CACHE", "1")


def replace(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def findings(root: Path, as_of: date = AS_OF) -> list[Any]:
    return check(root, as_of).result.findings


def codes_at(root: Path, path: str, as_of: date = AS_OF) -> list[tuple[str, int | None]]:
    return sorted((f.code, f.line) for f in findings(root, as_of) if f.path == path)


# ---------------------------------------------------------------- tags


@pytest.mark.parametrize(
    "tagged",
    [
        "!!binary aGVsbG8=",
        "!!set {a, b}",
        "!!int 5",
        "!!str x",
        "!!float 1",
        "!!timestamp 2023-06-04",
        "!foo bar",
        "!!map {a: 1}",
        "!!seq [1]",
        "!!python/object/apply:os.system ['touch PWNED']",
        "!!python/name:os.system",
        "!<tag:yaml.org,2002:int> 7",
        "!!null ''",
        "!!bool yes",
    ],
)
def test_tags_are_invalid_on_their_line(tagged: str) -> None:
    for key, kind, line in (("highlights", Report, 2), ("submitted", Report, 1)):
        lines = ["submitted: 2023-06-04", "highlights: x"]
        lines[line - 1] = f"{key}: {tagged}"
        parsed = parse_document(("\n".join(lines) + "\n").encode(), kind)
        problems = [(c, ln, p.get("reason")) for c, ln, p in parsed.problems]
        assert ("invalid-value", line, "tag") in problems, (tagged, problems)
    assert not Path("PWNED").exists()


def test_tags_everywhere_in_a_dataset(valid: Path) -> None:
    replace(valid, MODEL, "name: ", "name: !!str ")
    replace(valid, "units.yaml", "    kind: city", "    kind: !city city")
    replace(valid, "plan.yaml", "year: 2023", "year: !!int 2023")
    found = findings(valid)
    got = {(f.path, f.line) for f in found if f.code == "invalid-value" and f.param("reason") == "tag"}
    assert got == {(MODEL, 1), ("units.yaml", 4), ("plan.yaml", 3)}
    assert all("{" not in f.message("vi") and "{" not in f.message("en") for f in found)


def test_a_tagged_key_is_invalid() -> None:
    parsed = parse_document(b"submitted: 2023-06-04\nindicators:\n  !!str a: 5\n", Report)
    assert ("invalid-value", 3) in [(c, ln) for c, ln, _ in parsed.problems]


# ---------------------------------------------------------------- dates


@pytest.mark.parametrize(
    "text",
    [
        "２０２３-06-02",
        "2023-０6-02",
        "٠٢/٠٦/٢٠٢٣",
        "०२/०६/२०२३",
        "02/06/２０２３",
        "2023-06-02T10:00",
        "2/6/23",
        "2023/06/02",
        "0000-01-01",
        "x" * 500,
    ],
)
def test_dates_with_other_digits_or_forms_are_refused(text: str) -> None:
    with pytest.raises(DateError):
        parse_date(text)
    raw = f"submitted: '{text}'\n".encode()
    parsed = parse_document(raw, Report)
    assert [(c, ln) for c, ln, _ in parsed.problems] == [("invalid-value", 1)]


def test_date_options_take_ascii_digits_only(valid: Path) -> None:
    proc = run_dkst("check", "--data", str(valid), "--as-of", "２０２３-12-20")
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    (valid / "units/an-my/reports/Y.yaml").unlink()
    proc = run_dkst("new", "report", "an-my", "Y", "--data", str(valid), "--submitted", "٠٢/١٢/٢٠٢٣")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert not (valid / "units/an-my/reports/Y.yaml").exists()
    proc = run_dkst("new", "report", "an-my", "Y", "--data", str(valid), "--submitted", "02/12/2023")
    assert proc.returncode == 0, proc.stderr


def test_deadline_before_the_first_day_does_not_overflow() -> None:
    deadline = Deadline(date.min, inclusive=False)
    assert deadline.last_on_time == date.min
    assert deadline.days_late(date.max) > 0
    assert Deadline(date.max, inclusive=True).days_overdue(date.min) < 0


FAR = [
    (H1, "submitted: 2023-06-04", "submitted: 0001-01-01"),
    (H1, "submitted: 2023-06-04", "submitted: 9999-12-31"),
    (MODEL, "started: 2023-03-01", "started: 0001-01-01\ncompleted_on: 9999-12-31"),
    ("units/an-my/plan.yaml", "issued: 2023-02-20", "issued: 0001-01-01\nreceived: 9999-12-31"),
    ("plan.yaml", "due_before: 2023-06-05", "due_before: 0001-01-01"),
    ("plan.yaml", "    start: 2023-01-01\n    end: 2023-06-30", "    start: 0001-01-01\n    end: 9999-12-31"),
    ("plan.yaml", "due_before: 2023-04-01", "due_by: 9999-12-31"),
]
COMMANDS = [
    ["check"],
    ["status", "--format", "json"],
    ["aggregate", "--period", "H1", "--format", "json"],
    ["render", "--period", "H1", "--format", "md", "--output", "{out}/r.md"],
    ["remind", "--period", "H1", "--output", "{out}/letters"],
]


@pytest.mark.parametrize(("rel", "old", "new"), FAR)
def test_far_dates_give_findings_not_exceptions(valid: Path, tmp_path: Path, rel: str, old: str, new: str) -> None:
    import dkst.cli.app as cli

    cli.register_commands()
    replace(valid, rel, old, new)
    runner = CliRunner()
    for as_of in ("2023-12-20", "0001-01-01", "9999-12-31"):
        for command in COMMANDS:
            args = [a.format(out=tmp_path / "out") for a in command] + ["--data", str(valid), "--as-of", as_of]
            result = runner.invoke(cli.app, args, env={"DKST_TODAY": TODAY})
            assert result.exit_code in (0, 1, 2), (args, result.output)
            assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.exception)
    if "submitted: 9999" in new:
        assert ("future-date", 1) in codes_at(valid, H1)
    if "submitted: 0001" in new:
        assert ("suspicious-date", 1) in codes_at(valid, H1)


# ---------------------------------------------------------------- the plan year


@pytest.mark.parametrize(
    ("year", "ok"),
    [
        ("2023", True),
        ("2000", True),
        ("2100", True),
        ("1999", False),
        ("2101", False),
        ("0x7E7", False),
        ("1", False),
        ("9999", False),
        ("'2023'", False),
        ("2023.0", False),
    ],
)
def test_plan_year(valid: Path, year: str, ok: bool) -> None:
    replace(valid, "plan.yaml", "year: 2023", f"year: {year}")
    got = codes_at(valid, "plan.yaml")
    assert (got == []) if ok else (got == [("invalid-value", 3)]), got


# ---------------------------------------------------------------- ids, e-mail


@pytest.mark.parametrize("name", ["con", "prn", "aux", "nul", "com1", "com9", "lpt1", "lpt9"])
def test_windows_device_names_are_not_ids(valid: Path, name: str) -> None:
    parsed = parse_document(f"units:\n  - {{id: {name}, name: X, kind: ward}}\n".encode(), UnitsFile)
    assert [(c, ln, p["reason"]) for c, ln, p in parsed.problems] == [("invalid-value", 2, "windows_name")]
    model = valid / f"units/an-my/models/{name}.yaml"
    model.write_text("name: X\nstatus: registered\n", encoding="utf-8")
    hits = [f for f in findings(valid) if f.path == f"units/an-my/models/{name}.yaml"]
    assert [(f.code, f.param("reason")) for f in hits if f.code == "invalid-value"] == [
        ("invalid-value", "windows_name")
    ]


def test_windows_names_in_any_case_are_refused() -> None:
    for name in ("CON", "Nul", "cOm1", "LPT9"):
        parsed = parse_document(f"units:\n  - {{id: {name}, name: X, kind: ward}}\n".encode(), UnitsFile)
        assert [c for c, _, _ in parsed.problems] == ["invalid-value"]
    ok = parse_document(
        b"units:\n  - {id: com10, name: X, kind: ward}\n  - {id: console, name: Y, kind: ward}\n", UnitsFile
    )
    assert ok.problems == []


@pytest.mark.parametrize(
    ("email", "ok"),
    [
        ("hnd@example.vn", True),
        ("mttq.tk@gmail.com", True),
        ("hoiccb.gmail.com", False),
        ("a@b", False),
        ("a @b.vn", False),
        ("a@b@c.vn", False),
        ("@gmail.com", False),
        ("x@gmail.", False),
    ],
)
def test_email(email: str, ok: bool) -> None:
    parsed = parse_document(
        f"units:\n  - id: a\n    name: X\n    kind: ward\n    email: '{email}'\n".encode(), UnitsFile
    )
    problems = [(c, ln, p.get("reason")) for c, ln, p in parsed.problems]
    assert problems == ([] if ok else [("invalid-value", 5, "email")])


# ---------------------------------------------------------------- stray files


@pytest.mark.parametrize(
    ("name", "rename"),
    [
        ("Y2.YAML", "Y2.yaml"),
        ("Y2.Yml", "Y2.yaml"),
        ("Y2.YML", "Y2.yaml"),
        ("Y2.Yaml", "Y2.yaml"),
        ("Y2.yml", "Y2.yaml"),
    ],
)
def test_yaml_suffix_in_other_case_is_stray(valid: Path, name: str, rename: str) -> None:
    (valid / f"units/an-my/reports/{name}").write_text("submitted: 2023-06-04\n", encoding="utf-8")
    hits = [f for f in findings(valid) if f.path == f"units/an-my/reports/{name}"]
    assert [f.code for f in hits] == ["stray-file"]
    assert rename in hits[0].message("vi") and rename in hits[0].message("en")
    assert hits[0].level == Severity.ERROR


def test_stray_file_is_an_error(valid: Path) -> None:
    assert CODES["stray-file"] == Severity.ERROR
    (valid / "units/an-my/notes.yaml").write_text("a: 1\n", encoding="utf-8")
    proc = run_dkst("check", "--data", str(valid), "--as-of", "2023-12-20")
    assert proc.returncode == 1


def test_unknown_period_lists_the_plans_periods(valid: Path) -> None:
    (valid / "units/an-my/reports/Q3.yaml").write_text("submitted: 2023-06-04\n", encoding="utf-8")
    (hit,) = [f for f in findings(valid) if f.path == "units/an-my/reports/Q3.yaml"]
    assert "H1, Y" in hit.message("vi") and "H1, Y" in hit.message("en")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_and_socket_are_stray_never_opened(valid: Path) -> None:
    (valid / H1).unlink()
    os.mkfifo(valid / H1)
    os.mkfifo(valid / "units/an-my/pipe.pdf")
    os.mkfifo(valid / "units/fifo")
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(valid / "units/an-my/models/s.yaml"))
        with pytest.raises(OSError):
            read_file(valid / H1)  # O_NONBLOCK: no hang even if asked directly
        got = {(f.path, f.code) for f in findings(valid) if f.code == "stray-file"}
        assert got == {
            (H1, "stray-file"),
            ("units/an-my/pipe.pdf", "stray-file"),
            ("units/fifo", "stray-file"),
            ("units/an-my/models/s.yaml", "stray-file"),
        }
        proc = run_dkst("check", "--data", str(valid), "--as-of", "2023-12-20", "--format", "json")
        assert proc.returncode == 1
        assert stat.S_ISFIFO(os.lstat(valid / H1).st_mode)
        paths = {f["path"] for f in json.loads(proc.stdout)["findings"] if f["code"] == "stray-file"}
        assert H1 in paths
    finally:
        sock.close()


# ---------------------------------------------------------------- inconsistent-date, not-counted


def test_inconsistent_dates(valid: Path) -> None:
    replace(valid, "units/an-my/plan.yaml", "issued: 2023-02-20", "issued: 2023-02-20\nreceived: 2023-02-19")
    replace(valid, MODEL, "started: 2023-03-01", "started: 2023-03-01\ncompleted_on: 2023-02-28")
    assert ("inconsistent-date", 3) in codes_at(valid, "units/an-my/plan.yaml")
    assert ("inconsistent-date", 4) in codes_at(valid, MODEL)
    replace(valid, MODEL, "completed_on: 2023-02-28", "completed_on: 2023-03-01")
    assert codes_at(valid, MODEL) == []


@pytest.mark.parametrize(
    ("old", "new", "reason", "line"),
    [
        ("status: đang triển khai", "status: dừng", "status_stopped", 2),
        ("status: đang triển khai", "status: đăng ký", "status_registered", 2),
        ("started: 2023-03-01", "started: 2022-12-31", "started_other_year", 3),
    ],
)
def test_not_counted_says_why(valid: Path, old: str, new: str, reason: str, line: int) -> None:
    replace(valid, MODEL, old, new)
    hits = [f for f in findings(valid, date(2024, 1, 10)) if f.code == "not-counted"]
    assert [(f.path, f.line, f.param("reason")) for f in hits] == [(MODEL, line, reason)]
    assert hits[0].level == Severity.INFO
    assert "Chợ 4.0" in hits[0].message("vi")


def test_not_counted_after_as_of_and_none_for_a_counting_model(valid: Path) -> None:
    hits = [f for f in findings(valid, date(2023, 2, 1)) if f.code == "not-counted"]
    assert [(f.path, f.param("reason")) for f in hits] == [(MODEL, "started_after_as_of")]
    assert "01/3/2023" in hits[0].message("vi")
    assert not [f for f in findings(valid) if f.code == "not-counted"]
    replace(valid, MODEL, "started: 2023-03-01", "started: 2023-02-30")  # its own invalid-value says why
    assert [f.code for f in findings(valid) if f.path == MODEL] == ["invalid-value"]


def test_unit_plan_schema_unchanged() -> None:
    parsed = parse_document(b"number: 012/KH\nissued: 2023-02-20\nreceived: 2023-02-21\n", UnitPlan)
    assert parsed.problems == [] and whole(parsed).received == date(2023, 2, 21)
    assert isinstance(parse_document(b"name: X\nstatus: registered\n", ModelRecord).record, ModelRecord)
