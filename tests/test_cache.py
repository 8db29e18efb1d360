"""The parse cache and the worker processes (issue #6), driven through the installed ``dkst``.

Each test generates a small synthetic dataset (benchmarks/generate.py, ~150 files: enough to be cached) and
points ``XDG_CACHE_HOME`` at a folder of its own.
"""

from __future__ import annotations

import json
import os
import pickle
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from dkst.load.dataset import ParsedFile, parse_document
from dkst.load.schema import Record
from tests.conftest import REPO, run_dkst

sys.path.insert(0, str(REPO / "benchmarks"))
import generate  # benchmarks/ is not a package

from dkst.load import cache, pool

AS_OF = "2023-12-20"


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("gen") / "ds"
    generate.generate(out, 30, seed=7)
    return out


@pytest.fixture
def ds(made: Path, tmp_path: Path) -> Path:
    """A fresh copy of the generated dataset (~150 files)."""
    import shutil

    dest = tmp_path / "ds"
    shutil.copytree(made, dest)
    return dest


@pytest.fixture
def xdg(tmp_path: Path) -> Path:
    return tmp_path / "xdg"


def check(data: Path, xdg: Path, **env: str) -> str:
    proc = run_dkst(
        "check", "--data", str(data), "--as-of", AS_OF, "--format", "json", env={"XDG_CACHE_HOME": str(xdg), **env}
    )
    assert proc.returncode in (0, 1), proc.stderr
    assert "Traceback" not in proc.stderr
    json.loads(proc.stdout)
    result: str = proc.stdout
    return result


def cache_files(xdg: Path) -> list[Path]:
    folder = xdg / "dkst"
    return sorted(folder.glob("*.pickle")) if folder.is_dir() else []


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns) for p in sorted(folder.rglob("*"))}


def same_size_edit(path: Path, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` (same length), keeping size and modification time."""
    assert len(old.encode()) == len(new.encode())
    st = path.stat()
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (st.st_size, st.st_mtime_ns)


def a_report(ds: Path) -> Path:
    return sorted(ds.glob("units/*/reports/H1.yaml"))[3]


def test_dataset_is_big_enough_to_be_cached(ds: Path) -> None:
    assert len(list(ds.rglob("*.yaml"))) >= cache.CACHE_MIN_FILES


def test_second_run_gives_the_same_json_from_the_cache(ds: Path, xdg: Path) -> None:
    first = check(ds, xdg)
    [cached] = cache_files(xdg)
    written = cached.read_bytes()
    second = check(ds, xdg)
    assert second == first
    assert cached.read_bytes() == written  # nothing parsed again, so nothing written again
    assert check(ds, xdg, DKST_NO_CACHE="1") == first


def test_second_run_does_not_parse(ds: Path, xdg: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dkst.checks.checker import check as run_check

    monkeypatch.setenv("XDG_CACHE_HOME", str(xdg))
    monkeypatch.delenv("DKST_NO_CACHE", raising=False)
    calls: list[object] = []
    real = parse_document

    def counted(raw: bytes, cls: type[Record]) -> ParsedFile[Any]:
        calls.append(cls)
        return real(raw, cls)

    monkeypatch.setattr(pool, "parse_document", counted)
    run_check(ds, date(2023, 12, 20))
    assert len(calls) == len(list(ds.rglob("*.yaml")))
    calls.clear()
    run_check(ds, date(2023, 12, 20))
    assert calls == []
    same_size_edit(a_report(ds), "number:", "numbxr:")
    run_check(ds, date(2023, 12, 20))
    assert len(calls) == 1


def test_an_edit_keeping_size_and_time_is_seen(ds: Path, xdg: Path) -> None:
    first = check(ds, xdg)
    same_size_edit(a_report(ds), "number:", "numbxr:")
    second = check(ds, xdg)
    assert second != first
    assert "unknown-field" in {f["code"] for f in json.loads(second)["findings"]}
    assert second == check(ds, xdg, DKST_NO_CACHE="1")


def test_edits_checked_by_the_helper_process(ds: Path, xdg: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With many files, a forked helper reads and hashes them: an edit is still seen."""
    from dkst.checks.checker import check as run_check
    from dkst.checks.reporters import as_json

    monkeypatch.setenv("XDG_CACHE_HOME", str(xdg))
    monkeypatch.setenv("DKST_WORKERS", "2")
    monkeypatch.setattr(pool, "HELPER_THRESHOLD", 1)
    first = as_json(run_check(ds, date(2023, 12, 20)).result, "vi")
    same_size_edit(a_report(ds), "number:", "numbxr:")
    second = as_json(run_check(ds, date(2023, 12, 20)).result, "vi")
    assert second != first
    monkeypatch.setenv("DKST_NO_CACHE", "1")
    assert second == as_json(run_check(ds, date(2023, 12, 20)).result, "vi")


def test_added_and_removed_files_are_seen(ds: Path, xdg: Path) -> None:
    check(ds, xdg)
    report = a_report(ds)
    moved = report.with_name("Y.yaml")
    report.unlink()
    if moved.exists():
        moved.unlink()
    (ds / "units" / report.parent.parent.name / "reports" / "Q9.yaml").write_text(
        "submitted: 2023-06-01\n", encoding="utf-8"
    )
    assert check(ds, xdg) == check(ds, xdg, DKST_NO_CACHE="1")


def test_deleting_the_cache_is_harmless(ds: Path, xdg: Path) -> None:
    import shutil

    first = check(ds, xdg)
    shutil.rmtree(xdg)
    assert check(ds, xdg) == first
    assert len(cache_files(xdg)) == 1


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "wrong-shape"])
def test_a_corrupt_cache_is_ignored(ds: Path, xdg: Path, damage: str) -> None:
    first = check(ds, xdg)
    [cached] = cache_files(xdg)
    data = cached.read_bytes()
    cached.write_bytes(
        {
            "garbage": os.urandom(5000),
            "truncated": data[: len(data) // 2],
            "empty": b"",
            "wrong-shape": cache.frame(pickle.dumps({"files": 3})),
        }[damage]
    )
    proc = run_dkst("check", "--data", str(ds), "--as-of", AS_OF, "--format", "json", env={"XDG_CACHE_HOME": str(xdg)})
    assert proc.stdout == first
    assert proc.stderr == ""
    assert check(ds, xdg) == first  # and it was written again, whole
    assert pickle.loads(cache.unframe(cached.read_bytes()) or b"")["files"]


def test_a_corrupt_segment_is_parsed_again(ds: Path, xdg: Path) -> None:
    first = check(ds, xdg)
    [cached] = cache_files(xdg)
    doc = pickle.loads(cache.unframe(cached.read_bytes()) or b"")
    doc["segments"][0] = b"\x80\x05not a pickle"
    cached.write_bytes(cache.frame(pickle.dumps(doc)))
    assert check(ds, xdg) == first


def test_no_cache_env(ds: Path, xdg: Path) -> None:
    check(ds, xdg, DKST_NO_CACHE="1")
    assert not xdg.exists()


def test_the_cache_is_never_written_inside_the_dataset(ds: Path, xdg: Path, tmp_path: Path) -> None:
    before = snapshot(ds)
    home = tmp_path / "home"
    home.mkdir()
    check(ds, xdg)
    check(ds, xdg)
    # a relative XDG_CACHE_HOME is ignored (XDG spec): ~/.cache, even when run from inside the dataset
    proc = run_dkst(
        "check",
        "--data",
        ".",
        "--as-of",
        AS_OF,
        "--format",
        "json",
        cwd=ds,
        env={"XDG_CACHE_HOME": "cache", "HOME": str(home)},
    )
    assert proc.returncode in (0, 1), proc.stderr
    assert snapshot(ds) == before
    assert len(cache_files(home / ".cache")) == 1


def test_a_cache_home_inside_the_dataset_is_not_used(ds: Path) -> None:
    before = snapshot(ds)
    check(ds, ds / "units" / "cache")
    check(ds, ds)
    assert snapshot(ds) == before


def test_one_cache_file_per_dataset(ds: Path, made: Path, xdg: Path) -> None:
    check(ds, xdg)
    check(made, xdg)
    assert len(cache_files(xdg)) == 2


def test_small_datasets_are_not_cached(xdg: Path) -> None:
    check(REPO / "tests" / "cases" / "valid", xdg)
    # no parse cache; the check's memo of its result serves them (tests/test_check_memo.py)
    assert [p.name.endswith(".check.pickle") for p in cache_files(xdg)] == [True]


def test_workers_give_the_same_findings(ds: Path, xdg: Path) -> None:
    one = check(ds, xdg, DKST_WORKERS="1", DKST_NO_CACHE="1")
    assert check(ds, xdg, DKST_WORKERS="2", DKST_NO_CACHE="1") == one
    assert check(ds, xdg, DKST_WORKERS="3") == one  # cold: the workers' pickles become the cache
    assert check(ds, xdg, DKST_WORKERS="2") == one  # warm, from those


def test_workers_on_a_broken_dataset(ds: Path, xdg: Path) -> None:
    report = a_report(ds)
    report.write_bytes(b"submitted: [\n")
    (report.parent / "Y.yaml").write_bytes(b"\xff\xfe\x00x")
    (report.parent.parent / "models" / "Bad Name.yaml").write_text("name: x\nname: y\n", encoding="utf-8")
    one = check(ds, xdg, DKST_WORKERS="1", DKST_NO_CACHE="1")
    assert check(ds, xdg, DKST_WORKERS="2") == one
    assert check(ds, xdg, DKST_WORKERS="2") == one
    codes = {f["code"] for f in json.loads(one)["findings"]}
    assert {"yaml-syntax", "encoding", "duplicate-key", "invalid-value"} <= codes


def test_without_fork_the_workers_are_spawned(ds: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As on Windows: only ``spawn`` (tests/test_spawn.py proves the pool really runs that way)."""
    import multiprocessing

    from dkst.checks.checker import check as run_check
    from dkst.checks.reporters import as_json

    monkeypatch.setenv("DKST_NO_CACHE", "1")
    monkeypatch.setenv("DKST_WORKERS", "1")
    one = as_json(run_check(ds, date(2023, 12, 20)).result, "vi")
    monkeypatch.setenv("DKST_WORKERS", "2")
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    assert as_json(run_check(ds, date(2023, 12, 20)).result, "vi") == one


def test_a_broken_pool_falls_back_to_this_process(ds: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dkst.checks.checker import check as run_check
    from dkst.checks.reporters import as_json

    monkeypatch.setenv("DKST_NO_CACHE", "1")
    monkeypatch.setenv("DKST_WORKERS", "1")
    one = as_json(run_check(ds, date(2023, 12, 20)).result, "vi")
    main, real = os.getpid(), pool.parse_one

    def dying(path: str, cls: type) -> object:
        if os.getpid() != main:
            os._exit(3)  # a worker killed (out of memory, say)
        return real(path, cls)

    monkeypatch.setattr(pool, "parse_one", dying)
    monkeypatch.setenv("DKST_WORKERS", "2")
    assert as_json(run_check(ds, date(2023, 12, 20)).result, "vi") == one


@pytest.mark.parametrize("seed", range(20))
def test_random_bytes_in_the_frame_are_never_unpickled(seed: int) -> None:
    """Garbage, a truncated file, or a flipped byte: the frame refuses it before pickle sees it."""
    import random

    payload = pickle.dumps({"files": {}, "segments": []})
    good = cache.frame(payload)
    assert cache.unframe(good) == payload
    rnd = random.Random(seed)
    garbage = rnd.randbytes(5000)
    flipped = bytearray(good)
    flipped[rnd.randrange(len(flipped))] ^= 1 << rnd.randrange(8)
    for raw in (garbage, good[: rnd.randrange(len(good))], bytes(flipped), cache.MAGIC + garbage):
        assert cache.unframe(raw) is None
