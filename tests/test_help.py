"""``--help`` of every command in both languages (golden files), chosen by ``--lang`` or ``DKST_LANG``."""

from __future__ import annotations

import re
import sys

import pytest

from tests.conftest import assert_golden

#: English words that must not appear in Vietnamese help (option names such as --help are removed first).
ENGLISH = re.compile(
    r"\b(Usage|Options|Arguments|Commands|Error|Missing|Invalid|Try|required|default|"
    r"Show|this|message|exit|the|is|not|TEXT|PATH|INTEGER|DATE|DIR|FILE|UNIT|PERIOD)\b"
)


def _paths() -> list[list[str]]:
    import typer

    from dkst.cli import app as cli

    cli.register_commands()
    root = typer.main.get_command(cli.app)
    out: list[list[str]] = []

    def walk(cmd: object, path: list[str]) -> None:
        out.append(path)
        commands = getattr(cmd, "commands", None) or {}
        for name, sub in commands.items():
            if not getattr(sub, "hidden", False):
                walk(sub, [*path, name])

    walk(root, [])
    return out


PATHS = _paths()


def run(
    argv: list[str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    env: dict[str, str] | None = None,
) -> tuple[int, str, str]:
    from dkst.cli.app import main

    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.delenv("DKST_LANG", raising=False)
    for key, value in (env or {}).items():
        monkeypatch.setenv(key, value)
    monkeypatch.setattr(sys, "argv", ["dkst", *argv])
    with pytest.raises(SystemExit) as exc:
        main()
    out, err = capsys.readouterr()
    return int(exc.value.code or 0), out, err


def _name(path: list[str]) -> str:
    return "-".join(["dkst", *path])


@pytest.mark.parametrize("path", PATHS, ids=_name)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_help_golden(
    path: list[str], lang: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = [*path, "--help"] if lang == "vi" else [*path, "--lang", "en", "--help"]
    code, out, err = run(argv, monkeypatch, capsys)
    assert code == 0 and err == ""
    assert_golden(f"help/{_name(path)}.{lang}.txt", out)
    if lang == "vi":
        words = re.sub(r"--[a-z-]+|dkst[-\w.<>]*|[\w./-]+\.(yaml|json|md|docx|j2|xlsx|csv)\b", "", out)
        assert not ENGLISH.search(words), ENGLISH.search(words)


@pytest.mark.parametrize("path", [[], ["check"], ["new", "report"]], ids=_name)
def test_dkst_lang_and_lang_option_choose_the_same(
    path: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    by_env = run([*path, "--help"], monkeypatch, capsys, {"DKST_LANG": "en"})[1]
    by_option = run(
        ["--lang", "en", *path, "--help"] if not path else [*path, "--help", "--lang=en"], monkeypatch, capsys
    )[1]
    assert by_env == by_option and by_env.startswith("Usage: ")
    overridden = run([*path, "--help", "--lang", "vi"], monkeypatch, capsys, {"DKST_LANG": "en"})[1]
    assert overridden.startswith("Cách dùng: ")


def test_help_of_a_plain_typer_command_is_translated_too() -> None:
    """A command declared without ``cls=`` is adopted by the group: its help is in the chosen language."""
    import typer
    from typer.testing import CliRunner

    from dkst.cli.clihelp import DkstGroup

    app = typer.Typer(cls=DkstGroup)

    @app.command(help="help.check.strict")
    def one(x: int = typer.Option(1, "--x", help="help.opt.period")) -> None:
        pass

    @app.command(help="Lời giúp viết thẳng")
    def two() -> None:
        pass

    result = CliRunner().invoke(app, ["one", "--help"], env={"DKST_LANG": "en"})
    assert "Usage: " in result.output and "Treat warnings as errors" in result.output
    assert "--x INTEGER" in result.output and "[default: 1]" in result.output
    result = CliRunner().invoke(app, ["--help"], env={"DKST_LANG": "vi"})
    assert "Lời giúp viết thẳng" in result.output and "Lệnh:" in result.output


def test_every_help_text_is_a_catalogue_key() -> None:
    """Help texts are translated only when they are keys of the catalogue (``help.<command>.<option>``)."""
    import typer

    from dkst.cli import app as cli
    from dkst.cli.clihelp import BUILTIN_HELP
    from dkst.i18n import TEXTS

    cli.register_commands()
    literal = []

    def walk(cmd: object, path: list[str]) -> None:
        name = " ".join(["dkst", *path])
        if getattr(cmd, "help", None) not in TEXTS:
            literal.append(name)
        for param in getattr(cmd, "params", []):
            if param.name not in BUILTIN_HELP and not getattr(param, "hidden", False) and param.help not in TEXTS:
                literal.append(f"{name} {param.name}")
        for sub_name, sub in (getattr(cmd, "commands", None) or {}).items():
            walk(sub, [*path, sub_name])

    walk(typer.main.get_command(cli.app), [])
    assert literal == [], "declare help='help.<command>.<option>' and add it to TEXTS in both languages"
