"""The ``dkst`` executable leaves through :func:`dkst.cli.app.run`: the command's exit code, every byte of its
output, and no interpreter teardown (benchmarks/README.md)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO, run_dkst, run_dkst_process

SAMPLE = REPO / "data"


@pytest.mark.parametrize(("args", "code"), [(["--as-of", "2023-11-30"], 0), (["--as-of", "2024-01-15", "--strict"], 1)])
def test_the_executable_gives_the_same_bytes_and_code_as_main(args: list[str], code: int) -> None:
    here = run_dkst("check", "--data", str(SAMPLE), *args, "--format", "json", text=False)
    there = run_dkst_process("check", "--data", str(SAMPLE), *args, "--format", "json", text=False)
    assert (there.returncode, there.stdout, there.stderr) == (here.returncode, here.stdout, here.stderr)
    assert there.returncode == code and there.stdout.endswith(b"]}\n")


def test_a_usage_error_still_exits_2_with_its_line() -> None:
    proc = run_dkst_process("check", "--format", "xml")
    assert proc.returncode == 2 and proc.stderr.strip() and not proc.stdout


def test_python_m_dkst_leaves_the_same_way(tmp_path: Path) -> None:
    import subprocess

    from tests.conftest import dkst_env

    proc = subprocess.run(
        [sys.executable, "-m", "dkst", "check", "--data", str(SAMPLE), "--as-of", "2024-01-15", "--strict"],
        env=dkst_env(None, "2024-01-20"),
        capture_output=True,
        timeout=120,
    )
    assert proc.returncode == 1 and proc.stdout


@pytest.mark.parametrize(("raised", "code", "err"), [(None, 0, ""), (0, 0, ""), (3, 3, ""), ("bad", 1, "bad\n")])
def test_run_maps_system_exit_as_python_does(
    raised: Any, code: int, err: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from dkst.cli import app

    def fake_main() -> None:
        raise SystemExit(raised)

    left: list[int] = []

    def fake_exit(value: int) -> None:
        left.append(value)

    monkeypatch.setattr(app, "main", fake_main)
    monkeypatch.setattr("dkst.cli.app.os._exit", fake_exit)
    app.run()
    assert left == [code] and capsys.readouterr().err == err


def test_run_returns_zero_when_main_returns(monkeypatch: pytest.MonkeyPatch) -> None:
    from dkst.cli import app

    left: list[int] = []
    monkeypatch.setattr(app, "main", lambda: None)
    monkeypatch.setattr("dkst.cli.app.os._exit", left.append)
    app.run()
    assert left == [0]


@pytest.mark.parametrize(("given", "seen"), [(None, "__all__"), ("logfire", "logfire")])
def test_pydantic_plugins_are_not_looked_for_unless_the_user_says(given: str | None, seen: str) -> None:
    import subprocess

    from tests.conftest import dkst_env

    code = (
        "import os, sys\nsys.argv = ['dkst', '--version']\nfrom dkst.cli.app import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\nprint(os.environ['PYDANTIC_DISABLE_PLUGINS'])\n"
    )
    env = dkst_env({"PYDANTIC_DISABLE_PLUGINS": given})
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert proc.stdout.splitlines()[-1] == seen, proc.stderr


def test_a_profiler_still_gets_its_figures(tmp_path: Path) -> None:
    import subprocess

    from tests.conftest import dkst_env

    out = tmp_path / "run.prof"
    proc = subprocess.run(
        [sys.executable, "-m", "cProfile", "-o", str(out), "-m", "dkst", "check", "--data", str(SAMPLE)],
        env=dkst_env(None, "2023-11-30"),
        capture_output=True,
        timeout=120,
    )
    assert proc.returncode == 0 and out.stat().st_size > 0
