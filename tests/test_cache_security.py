"""The parse cache is a pickle, and a pickle is code (issue #9, item 8).

A cache file is read only when it and its folder are the user's own and not writable by group or others,
and it is a regular file reached without a symbolic link; a cache of the wrong shape is no cache. Each
planted file here would create a marker folder if it were unpickled: the marker must never appear, and
``check`` must give the same findings as without a cache. (We run as root in CI: ``os.chown`` to another
uid works; elsewhere those cases are skipped.)
"""

from __future__ import annotations

import os
import pickle
import shutil
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from dkst.load import cache
from tests.conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
import generate  # benchmarks/ is not a package

AS_OF = date(2023, 12, 20)
OTHER_UID = 4242
posix_only = pytest.mark.skipif(not hasattr(os, "geteuid"), reason="owners and modes are POSIX")
as_root = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="os.chown needs root")


class Evil:
    """Unpickling this makes the folder ``marker``: proof that the pickle was read."""

    def __init__(self, marker: Path) -> None:
        self.marker = str(marker)

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return os.mkdir, (self.marker,)


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("gen") / "ds"
    generate.generate(out, 30, seed=7)
    return out


@pytest.fixture
def env(made: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """(dataset, cache folder): a fresh copy of the generated dataset, a cache home of its own."""
    ds = tmp_path / "ds"
    shutil.copytree(made, ds)
    xdg = tmp_path / "xdg"
    monkeypatch.setenv("XDG_CACHE_HOME", str(xdg))
    monkeypatch.setenv("DKST_WORKERS", "1")
    monkeypatch.delenv("DKST_NO_CACHE", raising=False)
    return ds, xdg / "dkst"


def run(ds: Path) -> str:
    from dkst.checks.checker import check
    from dkst.checks.reporters import as_json

    return as_json(check(ds, AS_OF).result, "en")


def cache_file(ds: Path, folder: Path) -> Path:
    """The dataset's cache file, made by a first run."""
    run(ds)
    [path] = sorted(folder.glob("*.pickle"))
    return path


def plant(path: Path, marker: Path) -> None:
    path.write_bytes(cache.frame(pickle.dumps(Evil(marker))))
    os.chmod(path, 0o600)


def test_the_evil_pickle_does_run_when_trusted(env: tuple[Path, Path], tmp_path: Path) -> None:
    """The control: a planted file with the right owner and mode is read (so the tests below prove something)."""
    ds, folder = env
    path = cache_file(ds, folder)
    marker = tmp_path / "ran"
    plant(path, marker)
    run(ds)
    assert marker.exists()


@as_root
def test_a_cache_file_owned_by_someone_else_is_not_read(env: tuple[Path, Path], tmp_path: Path) -> None:
    ds, folder = env
    first = run(ds)
    path = cache_file(ds, folder)
    marker = tmp_path / "ran"
    plant(path, marker)
    os.chown(path, OTHER_UID, OTHER_UID)
    assert run(ds) == first
    assert not marker.exists()


@posix_only
@pytest.mark.parametrize("mode", [0o666, 0o620, 0o602])
def test_a_cache_file_others_can_write_is_not_read(env: tuple[Path, Path], tmp_path: Path, mode: int) -> None:
    ds, folder = env
    first = run(ds)
    path = cache_file(ds, folder)
    marker = tmp_path / "ran"
    plant(path, marker)
    os.chmod(path, mode)
    assert run(ds) == first
    assert not marker.exists()


@posix_only
@pytest.mark.parametrize("how", ["mode-777", "mode-770", pytest.param("owner", marks=as_root)])
def test_a_cache_folder_others_can_write_is_not_read_nor_written(
    env: tuple[Path, Path], tmp_path: Path, how: str
) -> None:
    ds, folder = env
    first = run(ds)
    path = cache_file(ds, folder)
    marker = tmp_path / "ran"
    plant(path, marker)
    if how == "owner":
        os.chown(folder, OTHER_UID, OTHER_UID)
    else:
        os.chmod(folder, int(how[-3:], 8))
    before = path.read_bytes()
    assert run(ds) == first
    assert not marker.exists()
    assert path.read_bytes() == before  # nothing written where it would never be read


def test_a_cache_file_that_is_a_symlink_is_not_followed(env: tuple[Path, Path], tmp_path: Path) -> None:
    ds, folder = env
    first = run(ds)
    path = cache_file(ds, folder)
    marker = tmp_path / "ran"
    elsewhere = tmp_path / "elsewhere.pickle"
    plant(elsewhere, marker)
    path.unlink()
    path.symlink_to(elsewhere)
    assert run(ds) == first
    assert not marker.exists()


@posix_only
def test_a_cache_folder_that_is_a_symlink_is_not_followed(env: tuple[Path, Path], tmp_path: Path) -> None:
    ds, folder = env
    first = run(ds)
    path = cache_file(ds, folder)
    marker = tmp_path / "ran"
    real = tmp_path / "real-folder"
    folder.rename(real)
    plant(real / path.name, marker)
    folder.symlink_to(real, target_is_directory=True)
    assert run(ds) == first
    assert not marker.exists()


@posix_only
def test_a_fifo_in_place_of_the_cache_is_no_hang(env: tuple[Path, Path]) -> None:
    ds, folder = env
    first = run(ds)
    path = cache_file(ds, folder)
    path.unlink()
    os.mkfifo(path, 0o600)
    assert run(ds) == first


def _doc(path: Path) -> dict[str, Any]:
    result: dict[str, Any] = pickle.loads(cache.unframe(path.read_bytes()) or b"")
    return result


def _bad_meta(doc: dict[str, Any]) -> None:
    rel = next(iter(doc["files"]))
    doc["files"][rel] = (1, 2)


def _meta_out_of_range(doc: dict[str, Any]) -> None:
    for rel, meta in list(doc["files"].items())[:5]:
        doc["files"][rel] = (*meta[:4], 999, meta[5])


def _segment_not_bytes(doc: dict[str, Any]) -> None:
    doc["segments"][0] = ["not", "bytes"]


def _items_wrong_shape(doc: dict[str, Any]) -> None:
    doc["segments"][0] = pickle.dumps([("x",), 3, None, ("a", "b", "c")] * 100)


def _segment_not_a_list(doc: dict[str, Any]) -> None:
    doc["segments"][0] = pickle.dumps({"a": 1})


def _files_a_list(doc: dict[str, Any]) -> None:
    doc["files"] = list(doc["files"].items())


@pytest.mark.parametrize(
    "damage",
    [_bad_meta, _meta_out_of_range, _segment_not_bytes, _items_wrong_shape, _segment_not_a_list, _files_a_list],
)
def test_a_cache_of_the_wrong_shape_is_discarded(env: tuple[Path, Path], damage: object) -> None:
    ds, folder = env
    first = run(ds)
    path = cache_file(ds, folder)
    doc = _doc(path)
    damage(doc)  # type: ignore[operator]
    path.write_bytes(cache.frame(pickle.dumps(doc)))
    assert run(ds) == first
    assert run(ds) == first  # and the cache written again is a good one
    assert isinstance(_doc(path)["files"], dict)


@pytest.mark.parametrize("cut", [0, 1, 100, -1])
def test_a_truncated_cache_is_discarded(env: tuple[Path, Path], cut: int) -> None:
    ds, folder = env
    first = run(ds)
    path = cache_file(ds, folder)
    data = path.read_bytes()
    path.write_bytes(data[:cut] if cut >= 0 else data[: len(data) // 3])
    assert run(ds) == first


def test_the_cache_is_private(env: tuple[Path, Path]) -> None:
    ds, folder = env
    path = cache_file(ds, folder)
    if hasattr(os, "geteuid"):
        assert path.stat().st_mode & 0o077 == 0
        assert folder.stat().st_mode & 0o022 == 0
    assert cache.read_trusted(path) == path.read_bytes()


@posix_only
@pytest.mark.parametrize("command", [["check"], ["status", "--format", "json"], ["aggregate", "--period", "H1"]])
def test_a_fifo_under_units_is_a_finding_never_a_hang(valid: Path, command: list[str]) -> None:
    """The rest of #9 item 8: a FIFO where a report would be is never opened for reading."""
    from tests.conftest import check_json, run_dkst

    os.mkfifo(valid / "units/an-my/reports/Q9.yaml")
    (valid / "units/an-my/reports/Y.yaml").unlink()
    os.mkfifo(valid / "units/an-my/reports/Y.yaml")
    if command == ["check"]:
        doc = check_json(valid, "2023-12-20", "--lang", "en")
        strays = {f["path"] for f in doc["findings"] if f["code"] == "stray-file"}
        assert {"units/an-my/reports/Q9.yaml", "units/an-my/reports/Y.yaml"} <= strays
        assert any("not a regular file" in f["message"] for f in doc["findings"])
        return
    proc = run_dkst(*command, "--data", str(valid), "--as-of", "2023-12-20")
    assert "Traceback" not in proc.stderr and proc.returncode in (0, 1, 2), proc.stderr


def test_read_file_refuses_a_fifo(tmp_path: Path) -> None:
    from dkst.load.dataset import read_file

    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    fifo = tmp_path / "x.yaml"
    os.mkfifo(fifo)
    with pytest.raises(OSError):
        read_file(fifo)
