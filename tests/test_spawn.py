"""The worker pool as Windows runs it: the ``spawn`` start method (issue #10, item 2).

Windows has no ``fork``: a spawned worker imports :mod:`dkst.load.pool` afresh, so the worker function must be
importable and its arguments picklable. ``DKST_MP_START=spawn`` forces that start method anywhere (a CI step
runs a subset of the suite that way); without it dkst forks where it can.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import sys
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path

import pytest

from dkst.load import pool
from dkst.load.dataset import ParsedFile, unpack_lines
from dkst.load.schema import Record, Report
from tests.conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
import generate  # benchmarks/ is not a package

AS_OF = date(2023, 12, 20)


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("gen") / "ds"
    generate.generate(out, 20, seed=11)
    return out


def run(ds: Path) -> str:
    from dkst.checks.checker import check
    from dkst.checks.reporters import as_json

    return as_json(check(ds, AS_OF).result, "en")


def test_the_worker_runs_in_a_spawned_process(made: Path) -> None:
    """``work`` and its tasks go through a spawn pool exactly as :func:`pool.parse_in_pool` sends them."""
    import pickle

    reports = sorted(made.glob("units/*/reports/*.yaml"))[:6]
    tasks: list[tuple[str, type[Record]]] = [(str(p), Report) for p in reports]
    with ProcessPoolExecutor(
        max_workers=1, mp_context=multiprocessing.get_context("spawn"), initializer=pool.in_worker
    ) as executor:
        blob, keys = executor.submit(pool.work, tasks).result(timeout=60)
    items = pickle.loads(blob)
    assert len(items) == len(keys) == len(reports)
    for (path, cls), item, key in zip(tasks, items, keys, strict=True):
        here, here_key = pool.parse_one(path, cls)
        there = ParsedFile(*item)
        assert (there.record, unpack_lines(there.lines), there.problems) == (
            here.record,
            unpack_lines(here.lines),
            here.problems,
        )
        assert key == here_key


def test_check_with_spawned_workers(made: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A whole ``check`` with the pool forced to ``spawn``: same findings, and the pool really ran."""
    ds = tmp_path / "ds"
    shutil.copytree(made, ds)
    monkeypatch.setenv("DKST_NO_CACHE", "1")
    monkeypatch.setenv("DKST_WORKERS", "1")
    one = run(ds)

    monkeypatch.setenv("DKST_WORKERS", "2")
    monkeypatch.setenv("DKST_MP_START", "spawn")
    assert pool.start_method() == "spawn"
    used: list[str] = []
    real_context = multiprocessing.get_context

    def spy(method: str | None = None) -> object:
        used.append(str(method))
        return real_context(method)

    def no_fallback(*args: object) -> object:
        raise AssertionError("the files were parsed in this process, not by the pool")

    monkeypatch.setattr(multiprocessing, "get_context", spy)
    monkeypatch.setattr(pool, "parse_here", no_fallback)
    assert run(ds) == one
    assert used == ["spawn"]


def test_spawned_workers_fill_the_cache(made: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ds = tmp_path / "ds"
    shutil.copytree(made, ds)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("DKST_NO_CACHE", "1")
    monkeypatch.setenv("DKST_WORKERS", "1")
    one = run(ds)
    monkeypatch.delenv("DKST_NO_CACHE")
    monkeypatch.setenv("DKST_WORKERS", "2")
    monkeypatch.setenv("DKST_MP_START", "spawn")
    assert run(ds) == one  # cold: the workers' pickles become the cache
    assert len(list((tmp_path / "xdg" / "dkst").glob("*.pickle"))) == 1
    assert run(ds) == one  # warm: from the cache; no forked helper under spawn
    report = next(ds.glob("units/*/reports/*.yaml"))
    report.write_bytes(b"submitted: [\n")
    assert "yaml-syntax" in run(ds)


def test_start_method_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DKST_MP_START", raising=False)
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])  # Windows
    assert pool.start_method() == "spawn"
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["fork", "spawn", "forkserver"])
    assert pool.start_method() == "fork"
    monkeypatch.setenv("DKST_MP_START", "Spawn")
    assert pool.start_method() == "spawn"
    monkeypatch.setenv("DKST_MP_START", "no-such-method")
    assert pool.start_method() == "fork"
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: [])
    assert pool.start_method() is None


def test_no_start_method_parses_here(made: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ds = tmp_path / "ds"
    shutil.copytree(made, ds)
    monkeypatch.setenv("DKST_NO_CACHE", "1")
    monkeypatch.setenv("DKST_WORKERS", "1")
    one = run(ds)
    monkeypatch.setenv("DKST_WORKERS", "2")
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: [])
    assert run(ds) == one


def test_nothing_posix_only_without_a_fallback() -> None:
    """dkst's own code calls no POSIX-only function unguarded (a grep, kept honest by this test)."""
    import re

    risky = re.compile(
        r"\bos\.(fork|getuid|geteuid|getgid|fchmod|fchown|chown|killpg|setsid|mkfifo)\b"
        r"|\bimport (fcntl|pwd|grp|termios|resource)\b|\bos\.O_NOFOLLOW\b"
    )
    found = []
    for path in sorted((REPO / "dkst").rglob("*.py")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if risky.search(line):
                found.append(f"{path.relative_to(REPO)}:{n}: {line.strip()}")
    # each of these is guarded: hasattr/getattr checks, or a fork only where start_method() is "fork"
    allowed = {
        "dkst/load/pool.py": {"pid = os.fork()"},
        "dkst/scaffold/skeletons.py": {"os.fchmod(fh.fileno(), 0o666 & ~_umask())"},
        "dkst/scaffold/rollup.py": {"os.fchmod(fh.fileno(), 0o666 & ~mask)"},
        "dkst/files.py": {"os.fchmod(fh.fileno(), 0o666 & ~_umask())", "os.fchmod(fh.fileno(), 0o666 & ~mask)"},
    }
    unexpected = [f for f in found if f.split(": ", 1)[1] not in allowed.get(f.split(":")[0], set())]
    assert unexpected == []
    assert os.name != "nt" or not hasattr(os, "fork")
