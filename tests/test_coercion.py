"""dkst's light coercion of plain options (:mod:`dkst.cli.coercion`) gives what typer's own gives: the same
value for an ordinary one, the same refusal word for word for anything else — on every option of every command."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO, dkst_env

VALUES: dict[str, list[Any]] = {
    "str": ["x", "Ủy ban", "", "-", "2023-06-04", " a b "],
    "bool": [True, False],
    "path": ["data", "/nonexistent/x", ".", "", "-", "dữ liệu", str(REPO / "pyproject.toml")],
}


def _commands() -> list[tuple[str, Any]]:
    import typer.main

    from dkst.cli import app

    app.register_commands()
    out: list[tuple[str, Any]] = []

    def walk(group: Any, prefix: str) -> None:
        out.append((prefix or "dkst", group))
        for name, cmd in group.commands.items():
            if hasattr(cmd, "commands"):
                walk(cmd, f"{prefix} {name}".strip())
            else:
                out.append((f"{prefix} {name}".strip(), cmd))

    walk(typer.main.get_command(app.app), "")
    return out


def _outcome(runtime: Any, value: Any, param: Any, ctx: Any) -> tuple[str, Any]:
    try:
        return "value", runtime._coerce_value(value, param, ctx)
    except Exception as exc:  # the refusal, compared by type and words
        return type(exc).__name__, str(getattr(exc, "message", exc))


def test_every_plain_option_coerces_as_typer_does() -> None:
    from typer import _click
    from typer._coercion import build_runtime_param

    from dkst.cli.coercion import PlainParam, install

    compared = 0
    kinds: set[str] = set()
    for name, cmd in _commands():
        ctx = _click.Context(cmd, info_name=name)
        params = cmd.get_params(ctx)
        install(params)
        for param in params:
            light = param._runtime_param
            if not isinstance(light, PlainParam):
                continue
            kinds.add(light.kind)
            typers = build_runtime_param(param.type_descriptor)
            values = VALUES.get(light.kind) or [m.value for m in param.type_descriptor.annotation] + [
                *param.type_descriptor.annotation,
                "TEXT",
                "xml",
                "",
            ]
            for value in values:
                mine, theirs = _outcome(light, value, param, ctx), _outcome(typers, value, param, ctx)
                assert mine == theirs, (name, param.name, value)
                assert type(mine[1]) is type(theirs[1])
                compared += 1
    assert kinds == {"str", "bool", "enum", "path"} and compared > 300


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads everything")
def test_an_unreadable_path_is_refused_by_typer_words(tmp_path: Path) -> None:
    from typer import _click
    from typer._coercion import build_runtime_param

    from dkst.cli.coercion import install

    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        name, cmd = next((n, c) for n, c in _commands() if n == "check")
        ctx = _click.Context(cmd, info_name=name)
        param = next(p for p in cmd.get_params(ctx) if p.name == "data")
        install([param])
        mine = _outcome(param._runtime_param, str(locked), param, ctx)
        assert mine == _outcome(build_runtime_param(param.type_descriptor), str(locked), param, ctx)
        assert mine[0] == "BadParameter"
    finally:
        locked.chmod(0o700)


def test_parsing_the_options_builds_no_pydantic_adapter() -> None:
    """typer's coercion layer through pydantic (``typer._adapters``) is never loaded for dkst's options."""
    code = (
        "import sys\n"
        "sys.argv = ['dkst', 'status', '--data', '/nonexistent-dkst', '--as-of', '2023-12-20', '--format', 'json']\n"
        "from dkst.cli.app import main\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    print(exc.code)\n"
        "print(sorted(m for m in sys.modules if m == 'typer._adapters'))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], env=dkst_env(), cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert proc.stdout.splitlines() == ["2", "[]"], proc.stdout + proc.stderr
