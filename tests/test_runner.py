"""The test runner itself: ``run_dkst`` in this process answers as the installed command does."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, run_dkst


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["check", "--data", "data", "--as-of", "2023-11-30", "--format", "json"],
        ["check", "--data", "/nonexistent/dkst"],
        ["no-such-command"],
    ],
)
def test_in_process_is_the_installed_command(args: list[str]) -> None:
    here = run_dkst(*args, process=False)
    there = run_dkst(*args, process=True)
    assert (here.returncode, here.stdout, here.stderr) == (there.returncode, there.stdout, there.stderr)


def test_bytes_mode_keeps_the_bytes() -> None:
    proc = run_dkst(
        "aggregate", "--data", "data", "--period", "H1", "--as-of", "2023-11-30", "--format", "csv", text=False
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("\ufeff".encode()) and b"\r\n" in proc.stdout  # CSV for Excel: BOM, CRLF


def test_a_crash_is_a_traceback_and_exit_1(monkeypatch: pytest.MonkeyPatch) -> None:
    import dkst.checks.checker

    def boom(*_: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(dkst.checks.checker, "check", boom)
    proc = run_dkst("check", "--data", "data", process=False)
    assert proc.returncode == 1
    assert "Traceback" in proc.stderr and "RuntimeError: boom" in proc.stderr


def test_everything_is_put_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DKST_LANG", "en")  # the runner strips DKST_* for the run, as for a process
    monkeypatch.chdir(tmp_path)
    before = (dict(os.environ), os.getcwd(), list(sys.argv), sys.stdin, sys.stdout, sys.stderr, sys.modules["__main__"])
    proc = run_dkst(
        "check",
        "--data",
        str(REPO / "data"),
        "--as-of",
        "2023-11-30",
        cwd=tmp_path,
        env={"LANGUAGE": "vi"},
        process=False,
    )
    assert proc.returncode == 0 and "Đã kiểm tra" in proc.stdout  # DKST_LANG did not reach the run
    after = (dict(os.environ), os.getcwd(), list(sys.argv), sys.stdin, sys.stdout, sys.stderr, sys.modules["__main__"])
    assert after == before
