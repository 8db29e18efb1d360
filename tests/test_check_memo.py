"""The memo of ``dkst check``'s result for a small dataset (dkst/checks/memo.py, #20).

A hit says byte for byte what the check says; every change the result depends on is a miss (the check runs again
and says what it says without any memo, ``DKST_NO_CACHE=1``); a memo that cannot be trusted or read is a miss
without a word; a large dataset has no memo; and a hit loads neither PyYAML nor the schema. Each test has a cache
folder of its own (``XDG_CACHE_HOME``).
"""

from __future__ import annotations

import os
import pickle
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from dkst.checks import checker, memo
from dkst.findings import Finding
from dkst.load import store
from tests.conftest import CASES, REPO, dkst_env, run_dkst

AS_OF = "2023-12-20"


@pytest.fixture
def xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "xdg"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    monkeypatch.delenv("DKST_NO_CACHE", raising=False)
    return folder


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Path]]:
    """The roots ``dkst check`` really checked (a hit checks none): each call of :func:`checker.check` for this
    year's dataset (last year's, ``jumps=False``, is not counted)."""
    calls: list[Path] = []
    real = checker.check

    def counted(root: Path, as_of: date, jumps: bool = True) -> checker.Checked:
        if jumps:
            calls.append(root)
        return real(root, as_of, jumps)

    monkeypatch.setattr(checker, "check", counted)
    yield calls


@pytest.fixture
def ds(tmp_path: Path) -> Path:
    dest = tmp_path / "ds"
    shutil.copytree(CASES / "valid", dest)
    return dest


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """The sample dataset (warnings, notes, last year inside it) with an error added (a stray ``.yml``)."""
    dest = tmp_path / "data"
    shutil.copytree(REPO / "data", dest)
    unit = next(p for p in sorted((dest / "units").iterdir()) if (p / "reports").is_dir())
    (unit / "reports" / "H1.yml").write_text("sessions: 1\n", encoding="utf-8")
    return dest


def check(data: Path, *args: str, env: dict[str, str | None] | None = None, **kw: Any) -> tuple[int, str, str]:
    proc = run_dkst("check", "--data", str(data), "--as-of", AS_OF, *args, env=env, **kw)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc.returncode, proc.stdout, proc.stderr


def truth(data: Path, *args: str, **kw: Any) -> tuple[int, str, str]:
    """What the check says with no memo at all."""
    return check(data, *args, env={"DKST_NO_CACHE": "1", **kw.pop("env", {})}, **kw)


def memo_file(data: Path) -> Path:
    found = store.file_for(data, memo.KIND)
    assert found is not None
    return found[0]


def assert_hit(data: Path, runs: list[Path], *args: str, **kw: Any) -> tuple[int, str, str]:
    before = len(runs)
    said = check(data, *args, **kw)
    assert len(runs) == before, "the check ran: no hit"
    return said


def assert_fresh(data: Path, runs: list[Path], *args: str, **kw: Any) -> tuple[int, str, str]:
    """The check runs (a miss) and says what it says without a memo."""
    before = len(runs)
    said = check(data, *args, **kw)
    assert len(runs) == before + 1, "no check ran: a stale memo answered"
    assert said == truth(data, *args, **kw)
    return said


def warm(data: Path, runs: list[Path], *args: str, **kw: Any) -> tuple[int, str, str]:
    """Check once (the memo is written), then again from the memo."""
    first = check(data, *args, **kw)
    assert memo_file(data).is_file()
    assert assert_hit(data, runs, *args, **kw) == first
    return first


# ---------------------------------------------------------------- a hit says the same


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_hit_says_byte_for_byte_what_the_check_says(mixed: Path, xdg: Path, runs: list[Path], lang: str) -> None:
    variants: list[tuple[str, ...]] = [
        (),
        ("--format", "json"),
        ("--format", "github"),
        ("--strict",),
        ("--no-warnings",),
        ("--no-warnings", "--format", "json"),
        ("--strict", "--format", "github"),
    ]
    first = check(mixed, "--lang", lang)  # keeps where last year's dataset is (``previous``), to list it first
    assert check(mixed, "--lang", lang) == first
    assert first[0] == 1 and len(runs) == 2  # an error (the stray file), warnings and notes
    for args in variants:
        said = assert_hit(mixed, runs, "--lang", lang, *args)
        assert said == truth(mixed, "--lang", lang, *args), args


def test_strict_and_the_exit_code_come_from_the_memo(ds: Path, xdg: Path, runs: list[Path]) -> None:
    (ds / "units" / "an-my" / "reports" / "Y.yaml").unlink()
    later = "2024-06-30"  # a report missing by then: a warning only
    first = check(ds, "--as-of", later)
    assert first[0] == 0 and "missing-report" in first[1]
    assert assert_hit(ds, runs, "--as-of", later, "--strict")[0] == 1
    assert assert_hit(ds, runs, "--as-of", later)[0] == 0


def test_the_dataset_as_given_is_part_of_the_key(ds: Path, xdg: Path, runs: list[Path]) -> None:
    warm(ds, runs, "--format", "json")
    before = len(runs)
    relative = run_dkst("check", "--data", "ds", "--as-of", AS_OF, "--format", "json", cwd=ds.parent)
    assert len(runs) == before + 1
    assert '"dataset": "ds"' in relative.stdout
    plain = run_dkst(
        "check", "--data", "ds", "--as-of", AS_OF, "--format", "json", cwd=ds.parent, env={"DKST_NO_CACHE": "1"}
    )
    assert relative.stdout == plain.stdout


# ---------------------------------------------------------------- every change is a miss


def test_an_edit_that_keeps_the_size_and_the_time(ds: Path, xdg: Path, runs: list[Path]) -> None:
    warm(ds, runs, "--format", "json")
    report = ds / "units" / "an-my" / "reports" / "H1.yaml"
    st = report.stat()
    text = report.read_text(encoding="utf-8")
    changed = text.replace("submitted: 2023-06-0", "submitted: 2033-06-0", 1)
    assert changed != text and len(changed) == len(text)
    report.write_text(changed, encoding="utf-8")
    os.utime(report, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert report.stat().st_size == st.st_size and report.stat().st_mtime_ns == st.st_mtime_ns
    said = assert_fresh(ds, runs, "--format", "json")
    assert "future-date" in said[1] or "inconsistent-date" in said[1] or '"error": 0' not in said[1]


@pytest.mark.parametrize(
    "change",
    [
        "add-yaml",
        "add-attachment",
        "remove",
        "rename",
        "empty-folder",
        "stray-yml",
        "symlink",
        "chmod",
        "relink",
        "narrative",
        "hidden-plan-through-link",
    ],
)
def test_every_change_to_the_dataset_is_a_miss(ds: Path, xdg: Path, runs: list[Path], change: str) -> None:
    warm(ds, runs)
    unit = ds / "units" / "an-my"
    if change == "add-yaml":
        (unit / "models" / "vuon-rau.yaml").write_text("id: vuon-rau\n", encoding="utf-8")
    elif change == "add-attachment":
        (unit / "reports" / "scan.pdf").write_bytes(b"%PDF")
    elif change == "remove":
        (unit / "reports" / "Y.yaml").unlink()
    elif change == "rename":
        (unit / "reports" / "Y.yaml").rename(unit / "reports" / "Q9.yaml")
    elif change == "empty-folder":
        (ds / "units" / "moi").mkdir()
    elif change == "stray-yml":
        (unit / "reports" / "H1.yml").write_text("x: 1\n", encoding="utf-8")
    elif change == "symlink":
        (unit / "reports" / "CN.yaml").symlink_to(unit / "reports" / "Y.yaml")
    elif change == "relink":  # another target of the same length, the link's own time put back
        link = unit / "reports" / "CN.yaml"
        link.symlink_to("Y.yaml")
        assert_fresh(ds, runs)
        assert_hit(ds, runs)
        st = link.lstat()
        link.unlink()
        link.symlink_to("Q.yaml")
        os.utime(link, ns=(st.st_atime_ns, st.st_mtime_ns), follow_symlinks=False)
        assert link.lstat().st_size == st.st_size and link.lstat().st_mtime_ns == st.st_mtime_ns
    elif change == "chmod":
        (unit / "reports" / "Y.yaml").chmod(0o600)
    elif change == "narrative":
        (ds / "narrative").mkdir()
        (ds / "narrative" / "H1.yaml").write_text("summary: ok\n", encoding="utf-8")
    elif change == "hidden-plan-through-link":
        # plan.yaml a link into a hidden folder the listing does not walk: the file it lands on is in the key
        hidden = ds / ".kept"
        hidden.mkdir()
        (ds / "plan.yaml").rename(hidden / "plan.yaml")
        (ds / "plan.yaml").symlink_to(Path(".kept") / "plan.yaml")
        assert_fresh(ds, runs)
        assert_hit(ds, runs)
        target = hidden / "plan.yaml"
        st = target.stat()
        text = target.read_text(encoding="utf-8")
        target.write_text(text.replace("year: 2023", "year: 2033", 1), encoding="utf-8")
        os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert_fresh(ds, runs)
    assert assert_hit(ds, runs, "--format", "json") == truth(ds, "--format", "json")


def test_a_hidden_file_is_not_read(ds: Path, xdg: Path, runs: list[Path]) -> None:
    """Names starting with a dot are left out where the loader leaves them out: an editor's swap file, ``.git``."""
    warm(ds, runs)
    (ds / "units" / "an-my" / "reports" / ".H1.yaml.swp").write_bytes(b"\0")
    (ds / ".git").mkdir()
    (ds / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    assert_hit(ds, runs)


def test_another_day(ds: Path, xdg: Path, runs: list[Path]) -> None:
    warm(ds, runs, "--format", "json")
    assert_fresh(ds, runs, "--format", "json", "--as-of", "2024-06-30")
    assert_hit(ds, runs, "--format", "json", "--as-of", "2024-06-30")
    assert_fresh(ds, runs, "--format", "json", today="2023-12-25")
    assert_hit(ds, runs, "--format", "json", today="2023-12-25")
    # the real today, DKST_TODAY in tests: a day of its own
    assert_fresh(ds, runs, "--format", "json", today="2023-06-01")


def test_last_years_dataset_is_part_of_the_key(tmp_path: Path, xdg: Path, runs: list[Path]) -> None:
    shutil.copytree(CASES / "previous", tmp_path / "years")
    this, last = tmp_path / "years" / "ke-hoach-2023", tmp_path / "years" / "ke-hoach-2022"
    first = check(this, "--format", "json")
    assert '"jump"' in first[1]
    # the first check of a dataset with ``previous`` keeps only where last year is: it was not listed before
    assert_fresh(this, runs, "--format", "json")
    assert_hit(this, runs, "--format", "json")
    report = last / "units" / "hoa-thuan" / "reports" / "H1.yaml"
    st = report.stat()
    text = report.read_text(encoding="utf-8")
    assert "sessions: 8\n" in text
    report.write_text(text.replace("sessions: 8\n", "sessions: 9\n", 1), encoding="utf-8")
    os.utime(report, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert_fresh(this, runs, "--format", "json")
    assert_hit(this, runs, "--format", "json")
    shutil.rmtree(last)  # gone: ``previous`` names no dataset any more
    said = assert_fresh(this, runs, "--format", "json")
    assert '"jump"' not in said[1] and "invalid-value" in said[1]


def test_the_code_is_part_of_the_key(ds: Path, xdg: Path, runs: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    warm(ds, runs)
    real = memo.code_key
    monkeypatch.setattr(memo, "code_key", lambda: real() + b"another dkst")
    assert_fresh(ds, runs)
    assert_hit(ds, runs)


def test_a_touched_module_changes_the_code_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "lib" / "fakelib"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "core.py").write_text("X = 1\n", encoding="utf-8")
    (tmp_path / "lib" / "onefile.py").write_text("Y = 1\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path / "lib"))
    monkeypatch.setattr(memo, "LIBRARIES", (*memo.LIBRARIES, "fakelib", "onefile"))
    keys = [memo.code_key()]
    assert memo.code_key() == keys[0]
    for path in (package / "core.py", tmp_path / "lib" / "onefile.py"):
        st = path.stat()
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
        keys.append(memo.code_key())
    (package / "extra.py").write_text("", encoding="utf-8")
    keys.append(memo.code_key())
    assert len(set(keys)) == len(keys)
    # dkst's own files (a copy of the package, so that the tree the other tests run stays as it is)
    import dkst

    copy = tmp_path / "copy" / "dkst"
    shutil.copytree(Path(memo.__file__).parent.parent, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(dkst, "__file__", str(copy / "__init__.py"))
    mine = memo.code_key()
    assert mine != keys[-1]  # another place
    module = copy / "checks" / "compliance.py"
    st = module.stat()
    os.utime(module, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    assert memo.code_key() == mine  # dkst's own source is known by its bytes, not its time
    source = module.read_bytes()
    module.write_bytes(source.replace(b"return", b"retur\x6e", 1).replace(b"return", b"RETURN", 1))
    os.utime(module, ns=(st.st_atime_ns, st.st_mtime_ns))  # an edit that keeps the size and the time
    assert module.stat().st_size == st.st_size
    touched = memo.code_key()
    (copy / "checks" / "notes.txt").write_text("not code\n", encoding="utf-8")
    assert memo.code_key() == touched != mine
    (copy / "checks" / "new.py").write_text("", encoding="utf-8")
    assert memo.code_key() != touched


def test_no_cache_turns_the_memo_off(ds: Path, xdg: Path, runs: list[Path]) -> None:
    check(ds, env={"DKST_NO_CACHE": "1"})
    assert not memo_file(ds).exists()
    check(ds)
    assert_fresh(ds, runs, env={"DKST_NO_CACHE": "1"})


def test_the_loaders_size_limit(ds: Path) -> None:
    from dkst.load.yamlio import MAX_BYTES

    assert memo.YAML_MAX_BYTES == MAX_BYTES
    assert memo.MAX_YAML == store.CACHE_MIN_FILES


def test_the_cache_folder_is_light() -> None:
    """dkst.load.store and dkst.checks.memo import no parser and no schema (a fresh interpreter)."""
    code = (
        "import sys, dkst.load.store, dkst.checks.memo\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'pydantic_core', 'yaml', '_yaml')"
        " or m in ('dkst.load.schema', 'dkst.load.dataset', 'dkst.load.cache', 'dkst.checks.checker'))\n"
        "assert not heavy, heavy\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr


def _importer(importtime: str, module: str) -> str | None:
    """Who imported ``module`` first, from ``python -X importtime``'s tree (a child is printed before its
    parent, indented deeper)."""
    rows = []
    for line in importtime.splitlines():
        if line.startswith("import time:") and line.count("|") == 2:
            name = line.rsplit("|", 1)[1]
            rows.append((len(name) - len(name.lstrip()), name.strip()))
    for i, (depth, name) in enumerate(rows):
        if name == module:
            return next((n for d, n in rows[i + 1 :] if d < depth), "<top>")
    return None


def test_a_hit_loads_neither_the_parser_nor_the_schema(ds: Path, tmp_path: Path) -> None:
    """In a fresh interpreter, after a first run made the memo."""
    env = dkst_env({"XDG_CACHE_HOME": str(tmp_path / "xdg"), "PYTHONDONTWRITEBYTECODE": None})
    (ds / "units" / "an-my" / "reports" / "H1.yml").write_text("x: 1\n", encoding="utf-8")  # an error: exit code 1
    first = run_dkst("check", "--data", str(ds), "--as-of", AS_OF, env={"XDG_CACHE_HOME": str(tmp_path / "xdg")})
    assert first.returncode == 1
    assert memo_file_in(tmp_path / "xdg", ds).is_file()
    code = (
        "import sys\n"
        "sys.argv = ['dkst', 'check', '--data', sys.argv[1], '--as-of', sys.argv[2]]\n"
        "from dkst.cli.app import main\n"
        "code = 0\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    code = exc.code\n"
        "sys.stderr.write('MODULES ' + ' '.join(sorted(sys.modules)) + '\\n')\n"
        "sys.exit(code)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code, str(ds), AS_OF],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert (proc.returncode, proc.stdout) == (first.returncode, first.stdout)
    modules = set(proc.stderr.split("MODULES ", 1)[1].split())
    loaded = sorted(
        m
        for m in modules
        if m.split(".")[0] in ("yaml", "_yaml")
        or m in ("dkst.load.schema", "dkst.load.dataset", "dkst.load.yamlio", "dkst.load.cache", "dkst.checks.checker")
    )
    assert not loaded, loaded
    # nor pydantic: typer's options are coerced without it (dkst/cli/coercion.py)
    assert _importer(proc.stderr, "pydantic") is None
    assert not [m for m in modules if m.split(".")[0] in ("pydantic", "pydantic_core")]


def memo_file_in(xdg: Path, data: Path) -> Path:
    saved = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(xdg)
    try:
        return memo_file(data)
    finally:
        if saved is None:
            os.environ.pop("XDG_CACHE_HOME", None)
        else:
            os.environ["XDG_CACHE_HOME"] = saved


# ---------------------------------------------------------------- a memo that cannot be trusted is no memo


def _doc(path: Path) -> dict[str, Any]:
    payload = store.unframe(path.read_bytes())
    assert payload is not None
    doc: dict[str, Any] = pickle.loads(payload)
    return doc


class _Bare:
    """Unpickled as a :class:`Finding` made by ``__new__`` alone, none of its fields set."""

    @property  # type: ignore[misc]  # what pickle asks of the object it writes as ``Finding.__new__(Finding)``
    def __class__(self) -> type:
        return Finding

    def __reduce_ex__(self, protocol: Any) -> tuple[Any, ...]:
        import copyreg

        return (vars(copyreg)["__newobj__"], (Finding,))


class _Planted:
    """An object whose unpickling would leave a file behind."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return (open, (str(self.marker), "w"))


def _write(path: Path, data: bytes, mode: int = 0o600) -> None:
    path.unlink(missing_ok=True)
    path.write_bytes(data)
    path.chmod(mode)


@pytest.mark.hostile
@pytest.mark.parametrize(
    "attack",
    [
        "flipped",
        "truncated",
        "empty",
        "group-writable",
        "symlink",
        "forbidden-class",
        "other-root",
        "shape",
        "finding-shape",
        "unknown-code",
        "extra-field",
        "empty-finding",
        "params-misfit",
        "json-unfit",
    ],
)
def test_a_memo_that_cannot_be_trusted_is_a_silent_miss(
    ds: Path, xdg: Path, tmp_path: Path, runs: list[Path], attack: str
) -> None:
    warm(ds, runs, "--format", "json")
    path = memo_file(ds)
    raw = path.read_bytes()
    doc = _doc(path)
    marker = tmp_path / "planted"
    if attack == "flipped":
        damaged = bytearray(raw)
        damaged[-5] ^= 0x55
        _write(path, bytes(damaged))
    elif attack == "truncated":
        _write(path, raw[: len(raw) // 2])
    elif attack == "empty":
        _write(path, b"")
    elif attack == "group-writable":
        path.chmod(0o660)
    elif attack == "symlink":
        elsewhere = tmp_path / "elsewhere.pickle"
        elsewhere.write_bytes(raw)
        elsewhere.chmod(0o600)
        path.unlink()
        path.symlink_to(elsewhere)
    elif attack == "forbidden-class":
        doc["result"].findings.append(_Planted(marker))
        _write(path, store.frame(pickle.dumps(doc)))
    elif attack == "other-root":
        doc["root"] = str(tmp_path / "another")
        _write(path, store.frame(pickle.dumps(doc)))
    elif attack == "shape":
        doc["result"] = "not a result"
        _write(path, store.frame(pickle.dumps(doc)))
    elif attack == "finding-shape":
        doc["result"].findings.append("not a finding")
        _write(path, store.frame(pickle.dumps(doc)))
    elif attack == "unknown-code":
        doc["result"].findings.append(Finding(code="no-such-code", path="plan.yaml"))
        _write(path, store.frame(pickle.dumps(doc)))
    elif attack == "extra-field":
        doc["result"].extra = 1
        _write(path, store.frame(pickle.dumps(doc)))
    elif attack == "empty-finding":  # a Finding built with none of its fields
        doc["result"].findings.append(_Bare())
        _write(path, store.frame(pickle.dumps(doc)))
    elif attack == "params-misfit":  # well formed, but its message cannot be made from its parameters
        doc["result"].findings.append(Finding(code="invalid-value", path="plan.yaml"))
        _write(path, store.frame(pickle.dumps(doc)))
    elif attack == "json-unfit":  # an extra JSON cannot write
        extras = (("expected", date(2023, 1, 1)),)
        doc["result"].findings.append(
            Finding(code="stray-file", path="x.yml", params=(("reason", "symlink"),), extras=extras)
        )
        _write(path, store.frame(pickle.dumps(doc)))
    said = assert_fresh(ds, runs, "--format", "json")
    assert not said[2] and not marker.exists()
    assert_hit(ds, runs, "--format", "json")  # written anew, trusted again


@pytest.mark.hostile
def test_a_result_the_unpickler_would_refuse_is_not_written(
    ds: Path, xdg: Path, runs: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(memo, "ALLOWED", memo.ALLOWED - {("dkst.findings", "Finding")})
    (ds / "units" / "an-my" / "reports" / "Y.yaml").unlink()
    assert "missing-report" in check(ds)[1]  # a finding to keep
    assert not memo_file(ds).exists()


@pytest.mark.hostile
def test_a_large_dataset_has_no_memo(ds: Path, xdg: Path, runs: list[Path]) -> None:
    extra = ds / "units" / "an-my" / "extra"
    extra.mkdir()
    for i in range(memo.MAX_YAML):
        (extra / f"f{i:03}.yaml").write_text("x: 1\n", encoding="utf-8")
    check(ds)
    assert not memo_file(ds).exists()
    assert memo.lookup(ds, date(2023, 12, 20)) is None
    shutil.rmtree(extra)
    check(ds)
    assert memo_file(ds).is_file()
    scans = ds / "units" / "an-my" / "scans"
    scans.mkdir()
    for i in range(memo.MAX_ENTRIES):
        (scans / f"{i:04}.jpg").write_bytes(b"")
    assert memo.lookup(ds, date(2023, 12, 20)) is None
    assert_fresh(ds, runs)


@pytest.mark.hostile
def test_the_memo_file_is_private(ds: Path, xdg: Path, runs: list[Path]) -> None:
    warm(ds, runs)
    st = memo_file(ds).stat()
    assert stat.S_IMODE(st.st_mode) == 0o600
    assert stat.S_IMODE(memo_file(ds).parent.stat().st_mode) & 0o077 == 0


def test_no_memo_inside_the_dataset(ds: Path, runs: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """A cache folder inside the dataset (``XDG_CACHE_HOME`` pointed there): the dataset is the user's, nothing is
    written into it."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(ds / "cache"))
    monkeypatch.delenv("DKST_NO_CACHE", raising=False)
    check(ds)
    assert not (ds / "cache").exists()
    assert_fresh(ds, runs)


# ---------------------------------------------------------------- what the listing cannot see: no memo


def test_a_folder_that_cannot_be_listed_gives_no_memo(ds: Path, xdg: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A root that can be entered but not listed (mode 711 for another user): the loader still opens its files by
    name, so a change inside would go unseen. No memo then (simulated: this test may run as root)."""
    assert memo.lookup(ds, date(2023, 12, 20)) is not None
    real = os.scandir

    def refused(path: Any) -> Any:
        if os.fspath(path) == os.fspath(ds):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr("dkst.checks.memo.os.scandir", refused)
    assert memo.lookup(ds, date(2023, 12, 20)) is None


def test_a_yaml_file_that_cannot_be_read_gives_no_memo(ds: Path, xdg: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = os.open

    def refused(path: Any, flags: int, *args: Any) -> int:
        if os.fspath(path).endswith("units.yaml"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path, flags, *args)

    monkeypatch.setattr("dkst.checks.memo.os.open", refused)
    assert memo.lookup(ds, date(2023, 12, 20)) is None


def test_a_root_link_that_leads_nowhere_gives_no_memo(ds: Path, tmp_path: Path, xdg: Path, runs: list[Path]) -> None:
    (ds / "units.yaml").unlink()
    (ds / "units.yaml").symlink_to(tmp_path / "nowhere" / "units.yaml")
    first = assert_fresh(ds, runs)
    assert memo.lookup(ds, date(2023, 12, 20)) is None
    assert assert_fresh(ds, runs) == first


def test_a_root_link_is_followed_whatever_its_case(ds: Path, tmp_path: Path) -> None:
    """On a disk that ignores case the loader opens ``PLAN.yaml`` as ``plan.yaml``, through its link."""
    target = tmp_path / "outside.yaml"
    target.write_text("x: 1\n", encoding="utf-8")
    (ds / "PLAN.yaml").symlink_to(target)
    before = memo._state(ds, str(ds), date(2023, 12, 20), ())
    st = target.stat()
    target.write_text("x: 2\n", encoding="utf-8")
    os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert memo._state(ds, str(ds), date(2023, 12, 20), ()) != before


@pytest.mark.hostile
def test_a_tree_nested_a_thousand_deep(ds: Path, xdg: Path, runs: list[Path]) -> None:
    """The loader scans it (no ``RecursionError``) and names the file at its bottom; the memo keeps nothing."""
    unit = next(p for p in sorted((ds / "units").iterdir()) if p.is_dir())
    deep = unit
    for _ in range(1100):  # one level at a time (pathlib's and os's ``parents`` recurse)
        deep = deep / "d"
        deep.mkdir()
    (deep / "lost.yaml").write_text("x: 1\n", encoding="utf-8")
    try:
        _, out, err = assert_fresh(ds, runs, "--format", "json")
        assert "lost.yaml" in out and "Traceback" not in err
        assert memo.lookup(ds, date(2023, 12, 20)) is None
        assert_fresh(ds, runs, "--format", "json")
    finally:  # from the bottom up: shutil.rmtree (pytest's clean-up) recurses too
        (deep / "lost.yaml").unlink()
        while deep != unit:
            deep.rmdir()
            deep = deep.parent
