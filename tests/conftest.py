"""Shared fixtures: run the installed ``dkst`` as a user would, and copy datasets to play with."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CASES = REPO / "tests" / "cases"
GOLDEN = REPO / "tests" / "golden"
UPDATE_GOLDEN = bool(os.environ.get("DKST_UPDATE_GOLDEN"))
#: A fixed "real today" so that future-date findings do not move with the calendar.
TODAY = "2024-06-30"


def assert_golden(rel: str, actual: str | bytes) -> None:
    """Compare an output with ``tests/golden/<rel>``; ``DKST_UPDATE_GOLDEN=1`` rewrites it (review the diff)."""
    path = GOLDEN / rel
    data = actual.encode("utf-8") if isinstance(actual, str) else actual
    if UPDATE_GOLDEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    assert path.exists(), f"no golden file {path}: run with DKST_UPDATE_GOLDEN=1"
    assert data == path.read_bytes(), f"{rel} differs from its golden file (DKST_UPDATE_GOLDEN=1 to refresh)"


def dkst_executable() -> str:
    """The installed console script: next to this interpreter, else on PATH."""
    here = Path(sys.executable).parent / "dkst"
    if here.exists():
        return str(here)
    found = shutil.which("dkst")
    if found is None:
        pytest.fail("the dkst command is not installed: pip install -e '.[test]'")
    return found


def run_dkst(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None,
             today: str | None = TODAY) -> subprocess.CompletedProcess[str]:
    """Run ``dkst ARGS`` and return the completed process (text mode, UTF-8)."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("DKST_") or k == "DKST_MP_START"}
    full_env.update({"NO_COLOR": "1", "COLUMNS": "120"})
    if today:
        full_env["DKST_TODAY"] = today
    full_env.update(env or {})
    return subprocess.run([dkst_executable(), *args], cwd=cwd or REPO, env=full_env, capture_output=True,
                          text=True, encoding="utf-8", timeout=120)


def check_json(data: Path, as_of: str, *extra: str, **kw: object) -> dict:
    proc = run_dkst("check", "--data", str(data), "--as-of", as_of, "--format", "json", *extra, **kw)
    assert proc.returncode in (0, 1), proc.stderr
    assert "Traceback" not in proc.stderr
    return json.loads(proc.stdout)


@pytest.fixture
def valid(tmp_path: Path) -> Path:
    """A fresh copy of the minimal valid dataset (no finding as of 2023-12-20)."""
    dest = tmp_path / "ds"
    shutil.copytree(CASES / "valid", dest)
    return dest


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A fresh copy of the bundled sample dataset."""
    dest = tmp_path / "data"
    shutil.copytree(REPO / "data", dest)
    return dest
