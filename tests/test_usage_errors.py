"""Usage errors: one line on stderr, exit 2, in the chosen language; no English word in Vietnamese."""

from __future__ import annotations

import re
import sys

import pytest

#: Words of click's and typer's English that must never reach a Vietnamese user.
ENGLISH = re.compile(
    r"\b(Usage|Options|Error|Missing|Invalid|Try|required|default|not|is|the|No such|"
    r"option|command|value|Did you mean|Possible|Got|unexpected|extra|argument|requires|"
    r"Input|should|greater|than|choose|one of)\b",
    re.IGNORECASE,
)

CASES = [
    # (name, argv, words of the Vietnamese line, words of the English line)
    (
        "missing option",
        ["aggregate", "--data", "data"],
        ["Thiếu tùy chọn bắt buộc --period"],
        ["Missing option --period"],
    ),
    ("missing argument", ["new", "report", "--data", "data"], ["Thiếu ĐƠN-VỊ"], ["Missing argument UNIT"]),
    (
        "bad choice",
        ["check", "--format", "jsn"],
        ["“jsn”", "text, json, github", "“json”"],
        ["Invalid value “jsn” for --format", "text, json, github", "did you mean “json”"],
    ),
    (
        "unknown command",
        ["chek"],
        ["Không có lệnh “chek”", "“check”"],
        ["No such command “chek”", "did you mean “check”"],
    ),
    (
        "no such option",
        ["check", "--fromat", "json"],
        ["--fromat", "“--format”"],
        ["No such option: --fromat", "“--format”"],
    ),
    (
        "out of range",
        ["remind", "--period", "H1", "--within", "-1"],
        ["--within", "≥ 0", "“-1”"],
        ["--within needs a whole number ≥ 0", "“-1”"],
    ),
    ("not a number", ["remind", "--period", "H1", "--within", "abc"], ["--within", "“abc”"], ["“abc”"]),
    ("needs a value", ["check", "--format"], ["--format"], ["Option --format needs a value"]),
    ("flag with a value", ["check", "--strict=yes"], ["--strict"], ["Option --strict does not take a value"]),
    ("extra argument", ["check", "abc"], ["Thừa đối số: abc"], ["Unexpected extra arguments: abc"]),
    (
        "bad date",
        ["check", "--data", "data", "--as-of", "2023-02-30"],
        ["--as-of", "2023-02-30"],
        ["--as-of: no such day"],
    ),
]


def run(
    argv: list[str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    env: dict[str, str] | None = None,
) -> tuple[int, str, str]:
    from dkst.cli.app import main
    from tests.conftest import REPO

    monkeypatch.chdir(REPO)
    monkeypatch.delenv("DKST_LANG", raising=False)
    for key, value in (env or {}).items():
        monkeypatch.setenv(key, value)
    monkeypatch.setattr(sys, "argv", ["dkst", *argv])
    with pytest.raises(SystemExit) as exc:
        main()
    out, err = capsys.readouterr()
    return int(exc.value.code or 0), out, err


@pytest.mark.parametrize(("name", "argv", "vi_words", "en_words"), CASES, ids=[c[0] for c in CASES])
def test_one_line_in_each_language(
    name: str,
    argv: list[str],
    vi_words: list[str],
    en_words: list[str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(argv, monkeypatch, capsys)
    assert code == 2 and out == "", (name, err)
    assert err.startswith("dkst: ") and err.count("\n") == 1, err
    for word in vi_words:
        assert word in err, (name, err)
    shown = re.sub(r"--[a-z-]+|dkst [a-z -]*--help", "", err)
    assert not ENGLISH.search(shown), (name, err)

    code, out, err = run(argv, monkeypatch, capsys, {"DKST_LANG": "en"})
    assert code == 2 and out == "" and err.count("\n") == 1, (name, err)
    for word in en_words:
        assert word in err, (name, err)
    code, _, err_option = run(["--lang", "en", *argv], monkeypatch, capsys)
    assert code == 2 and err_option == err, (name, err_option)


def test_missing_command(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["--lang", "vi"], monkeypatch, capsys, {"DKST_LANG": "en"})
    assert code == 2 and err.startswith("dkst: Thiếu tên lệnh; các lệnh: check, status") and err.count("\n") == 1
    code, _, err = run(["--lang", "en"], monkeypatch, capsys)
    assert code == 2 and err.startswith("dkst: Missing command; commands: check, status")


def test_no_arguments_shows_the_help(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run([], monkeypatch, capsys)
    assert code == 2 and err.startswith("Cách dùng: dkst ")
