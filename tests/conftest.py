"""Shared fixtures: run ``dkst`` as a user would (in this process by default), and copy datasets to play with.

:func:`run_dkst` calls the console entry point :func:`dkst.cli.app.main` in this process, with ``sys.argv``, the
environment, the working directory and the standard streams set as a fresh process would have them, and
returns what :func:`subprocess.run` would. ``process=True`` (or :func:`run_dkst_process`) runs the installed
command instead: for the few end-to-end tests, and for anything about the process itself (encodings of the
standard streams, signals, what a fresh interpreter imports). ``pytest --dkst-subprocess`` runs every call
through the installed command, to compare the two paths.

Between in-process runs, the runner puts back the environment, the working directory, ``sys.argv``, the
standard streams, ``__main__`` and the SIGINT handler, keeps warning filters local, and clears the
``functools`` caches of dkst's modules and rich's global console. Anything else a command keeps in a module
global (a console made at import time, the environment read at import time) would leak from one run into the
next: read such things when the command runs.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import traceback
import types
import warnings
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from dkst.load.dataset import ParsedFile
from dkst.load.validation import R

REPO = Path(__file__).resolve().parent.parent
CASES = REPO / "tests" / "cases"
GOLDEN = REPO / "tests" / "golden"
UPDATE_GOLDEN = bool(os.environ.get("DKST_UPDATE_GOLDEN"))
#: A fixed "real today" so that future-date findings do not move with the calendar.
TODAY = "2024-06-30"

#: Hypothesis stays small and has no deadline (the machine is shared; a slow example is not a failure).
settings.register_profile("dkst", max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dkst"))

_ALL_IN_SUBPROCESSES = False


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--dkst-subprocess",
        action="store_true",
        help="run every run_dkst call through the installed dkst command (slow)",
    )


#: The modules of the ``hostile`` pass (``python -m pytest -m hostile``, run by CI after the README's command): crafted
#: files and memory caps, races and killed writers, real SMTP servers and git repositories, fuzzing, code pages.
HOSTILE = frozenset(
    {
        "test_trust_forms.py",
        "test_trust_outputs.py",
        "test_trust_templates.py",
        "test_mail.py",
        "test_history.py",
        "test_fuzz_datasets.py",
        "test_loader_fuzz.py",
        "test_console.py",
        "test_outputs.py",
        "test_template_limits.py",
        "test_values.py",
        "test_injection.py",
        "test_windows_files.py",
        "test_perf_units.py",
        "test_spawn.py",
        "test_cache_security.py",
        "test_cache.py",  # the cache's corruptions, races and workers; run again with spawned workers (check-all)
        "test_rounding.py",
    }
)


#: Modules that run the documents' commands again (``tools/docs/build_docs.py``): a pass of their own, ``-m docs``.
DOCS = frozenset({"test_docs_generated.py"})


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.name in HOSTILE:
            item.add_marker(pytest.mark.hostile)
        if item.path.name in DOCS:
            item.add_marker(pytest.mark.docs)


def pytest_configure(config: pytest.Config) -> None:
    global _ALL_IN_SUBPROCESSES
    _ALL_IN_SUBPROCESSES = bool(config.getoption("--dkst-subprocess", default=False))


@pytest.fixture(autouse=True, scope="session")
def _cache_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """A cache folder of the session's own (``XDG_CACHE_HOME``): the memo of ``dkst check``'s result
    (dkst/checks/memo.py) and the parse cache write there, never into the user's cache. A test that sets
    ``XDG_CACHE_HOME`` itself (``monkeypatch.setenv``, ``env=``) has its own."""
    saved = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))
    yield
    if saved is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = saved


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


def dkst_env(env: Mapping[str, str | None] | None = None, today: str | None = TODAY) -> dict[str, str]:
    """The environment of one run: this one without ``DKST_*``, no colour, 120 columns, ``DKST_TODAY``, then
    ``env`` (a value of ``None`` removes the variable)."""
    full = {k: v for k, v in os.environ.items() if not k.startswith(("DKST_", "_DKST_")) or k == "DKST_MP_START"}
    full.update({"NO_COLOR": "1", "COLUMNS": "120"})
    if today:
        full["DKST_TODAY"] = today
    for key, value in (env or {}).items():
        if value is None:
            full.pop(key, None)
        else:
            full[key] = value
    return full


def run_dkst(
    *args: str,
    cwd: Path | None = None,
    env: Mapping[str, str | None] | None = None,
    today: str | None = TODAY,
    process: bool | None = None,
    text: bool = True,
) -> subprocess.CompletedProcess[Any]:
    """Run ``dkst ARGS`` and return what :func:`subprocess.run` would (UTF-8 text, or bytes if ``text=False``).

    In this process unless ``process=True`` (or ``--dkst-subprocess`` and not ``process=False``): see the
    module docstring."""
    full_env = dkst_env(env, today)
    if process or (process is None and _ALL_IN_SUBPROCESSES):
        return subprocess.run(
            [dkst_executable(), *args],
            cwd=cwd or REPO,
            env=full_env,
            capture_output=True,
            text=text,
            encoding="utf-8" if text else None,
            timeout=180,
        )
    return _run_here(list(args), cwd or REPO, full_env, text)


def run_dkst_process(*args: str, **kw: Any) -> subprocess.CompletedProcess[Any]:
    """``dkst ARGS`` through the installed command, in a process of its own."""
    return run_dkst(*args, process=True, **kw)


class _Capture(io.TextIOWrapper):
    """A standard stream that is not a terminal, as a pipe is; its bytes are kept."""

    def __init__(self, errors: str) -> None:
        super().__init__(io.BytesIO(), encoding="utf-8", errors=errors)

    def isatty(self) -> bool:
        return False

    def value(self) -> bytes:
        self.flush()
        raw = self.buffer
        assert isinstance(raw, io.BytesIO)
        return raw.getvalue()


def _exit_code(exc: SystemExit, err: io.TextIOBase) -> int:
    """What the interpreter makes of ``SystemExit(code)``: None → 0, an int, anything else printed → 1."""
    code = exc.code
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    err.write(f"{code}\n")
    return 1


def _as_text(data: bytes) -> str:
    """Bytes decoded as ``subprocess.run(text=True)`` decodes them (UTF-8, universal newlines)."""
    return data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


def _forget_state() -> None:
    """What a fresh process would not remember: the caches of dkst's functions and rich's global console."""
    for name, module in list(sys.modules.items()):
        if name == "dkst" or name.startswith("dkst."):
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)) and getattr(value, "__module__", None) == name:
                    value.cache_clear()
    rich = sys.modules.get("rich")
    if rich is not None and hasattr(rich, "_console"):
        setattr(rich, "_console", None)  # noqa: B010  (a private global of rich: no typed way to reach it)


def _run_here(args: list[str], cwd: Path, env: dict[str, str], text: bool) -> subprocess.CompletedProcess[Any]:
    """``dkst ARGS`` through :func:`dkst.cli.app.main` in this process; everything it sees is put back after."""
    from dkst.cli.app import main

    saved_env = dict(os.environ)
    saved_cwd = os.getcwd()
    saved_argv = sys.argv
    saved_streams = sys.stdin, sys.stdout, sys.stderr
    saved_main = sys.modules.get("__main__")
    saved_sigint = signal.getsignal(signal.SIGINT) if threading.current_thread() is threading.main_thread() else None
    out, err = _Capture("strict"), _Capture("backslashreplace")
    argv = [dkst_executable(), *args]
    code = 0
    try:
        os.environ.clear()
        os.environ.update(env)
        os.chdir(cwd)
        sys.argv = list(argv)
        # click names the program after ``__main__``: under ``python -m pytest`` that would be "python -m pytest"
        sys.modules["__main__"] = types.ModuleType("__main__")
        sys.stdin = io.TextIOWrapper(io.BytesIO(b""), encoding="utf-8")
        sys.stdout, sys.stderr = out, err
        _forget_state()
        try:
            with warnings.catch_warnings():
                main()
            code = _exit_code(SystemExit(None), err)  # the console script does sys.exit(main()); main returns None
        except SystemExit as exc:
            code = _exit_code(exc, err)
        except Exception:
            err.write(traceback.format_exc())
            code = 1
    finally:
        if saved_sigint is not None:
            signal.signal(signal.SIGINT, saved_sigint)
        for stream in (sys.stdout, sys.stderr):  # the code may have wrapped our streams in streams of its own
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        stdout, stderr = out.value(), err.value()
        sys.stdin, sys.stdout, sys.stderr = saved_streams
        if saved_main is not None:
            sys.modules["__main__"] = saved_main
        sys.argv = saved_argv
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
    if text:
        return subprocess.CompletedProcess(argv, code, _as_text(stdout), _as_text(stderr))
    return subprocess.CompletedProcess(argv, code, stdout, stderr)


def check_json(data: Path, as_of: str, *extra: str, **kw: Any) -> dict[str, Any]:
    proc = run_dkst("check", "--data", str(data), "--as-of", as_of, "--format", "json", *extra, **kw)
    assert proc.returncode in (0, 1), proc.stderr
    assert "Traceback" not in proc.stderr
    result: dict[str, Any] = json.loads(proc.stdout)
    return result


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


def whole(parsed: ParsedFile[R]) -> R:
    """The record of a file parsed without errors (whole, not partial)."""
    assert parsed.record is not None and not parsed.partial, parsed.problems
    return parsed.record
