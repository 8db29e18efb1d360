"""Redirected output is UTF-8 whatever the console's code page (``PYTHONIOENCODING``), with no traceback."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest

from dkst.cli.console import setup_stream, use_color
from tests.conftest import REPO, TODAY, dkst_executable

COMMANDS = [
    ["check", "--data", "data", "--as-of", "2023-11-30"],
    ["status", "--data", "data", "--as-of", "2023-11-30"],
    ["aggregate", "--period", "H1", "--data", "data", "--as-of", "2023-11-30"],
    ["render", "--period", "H1", "--data", "data", "--as-of", "2023-06-20"],
    ["check", "--format", "bogus"],
    ["--help"],
]


def _run(args: list[str], encoding: str) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DKST_")}
    env.update({"PYTHONIOENCODING": encoding, "DKST_TODAY": TODAY, "NO_COLOR": "1", "COLUMNS": "80"})
    return subprocess.run([dkst_executable(), *args], cwd=REPO, env=env, capture_output=True, timeout=120)


#: The code pages each command is run under: every one of cp1258 (Vietnamese Windows), cp1252 (Western
#: Windows) and ascii (the narrowest) meets several commands, and ``check`` meets all three.
CODE_PAGES = {
    "check": ("cp1258", "cp1252", "ascii"),
    "status": ("ascii",),
    "aggregate": ("cp1258",),
    "render": ("ascii",),
    "--help": ("cp1252", "ascii"),
}


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_same_utf8_bytes_under_any_code_page(args: list[str]) -> None:
    reference = _run(args, "utf-8")
    assert b"Traceback" not in reference.stderr
    reference.stdout.decode("utf-8")
    for encoding in CODE_PAGES[args[0]]:
        proc = _run(args, encoding)
        assert b"Traceback" not in proc.stderr, (encoding, proc.stderr.decode("utf-8", "replace"))
        assert proc.returncode == reference.returncode, encoding
        assert proc.stdout == reference.stdout, encoding
        assert proc.stderr == reference.stderr, encoding


def test_a_terminal_that_cannot_write_vietnamese_replaces_instead_of_failing() -> None:
    class Tty(io.TextIOWrapper):
        def isatty(self) -> bool:
            return True

    raw = io.BytesIO()
    stream = Tty(raw, encoding="cp1252")
    setup_stream(stream)
    stream.write("Ủy ban Mặt trận\n")
    stream.flush()
    assert raw.getvalue().startswith(b"?y ban M")


def test_a_redirected_stream_becomes_utf8() -> None:
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="ascii")
    setup_stream(stream)
    stream.write("Ủy ban\n")
    stream.flush()
    assert raw.getvalue() == "Ủy ban\n".encode()


def test_colour_follows_no_color_and_the_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TERM", raising=False)
    assert use_color(Tty()) and not use_color(io.StringIO())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_color(Tty())


def test_main_twice_in_one_process_rereads_the_language(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from dkst.cli.app import main

    monkeypatch.delenv("DKST_LANG", raising=False)
    for argv, word in (
        (["dkst", "--lang", "en", "--help"], "Usage:"),
        (["dkst", "--help"], "Cách dùng:"),
        (["dkst", "check", "--help", "--lang", "en"], "Options:"),
    ):
        monkeypatch.setattr(sys, "argv", argv)
        with pytest.raises(SystemExit) as exc:
            main()
        assert exc.value.code == 0
        assert word in capsys.readouterr().out
