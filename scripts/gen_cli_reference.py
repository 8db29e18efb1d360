#!/usr/bin/env python3
"""Generate docs/cli-reference.md from the ``--help`` of every dkst command.

    python scripts/gen_cli_reference.py           # rewrite docs/cli-reference.md
    python scripts/gen_cli_reference.py --check   # exit 1 if the file is stale (CI, tests/test_docs.py)

Each help text is what the installed ``dkst`` prints with ``COLUMNS=100`` and no colour, so the page is
exactly what a clerk sees. The list of commands comes from the typer application itself (every module
of ``dkst/cli/`` included), in the order ``dkst --help`` lists them.
"""

from __future__ import annotations

import argparse
import difflib
import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGET = REPO / "docs" / "cli-reference.md"

HEADER = """\
# Tham chiếu lệnh `dkst` (CLI reference)

<!-- Tệp này do scripts/gen_cli_reference.py tạo ra từ `dkst … --help`; đừng sửa tay.
     Sửa lời giúp trong mã nguồn rồi chạy: python scripts/gen_cli_reference.py -->

Lời giúp của từng lệnh, đúng như chương trình in ra khi gõ `dkst <lệnh> --help`.
Cách dùng các lệnh trong công việc hằng ngày: xem [Hướng dẫn sử dụng](huong-dan-su-dung.md);
định dạng các tệp: xem [Định dạng tệp](format.md).

Các tùy chọn chung: `--data THƯ-MỤC` (bộ dữ liệu; mặc định: biến `DKST_DATA`, thư mục có `plan.yaml`
gần nhất, rồi `./data`), `--as-of NGÀY` (xét như tại ngày đó), `--lang vi|en` (ngôn ngữ thông báo;
mặc định `DKST_LANG`, rồi tiếng Việt). Ngày viết `2023-06-02` hoặc `02/6/2023`.
"""


def command_paths() -> list[list[str]]:
    """Every command and subcommand, as argument lists, in help order (the root first)."""
    sys.path.insert(0, str(REPO))
    try:
        import typer
    except ImportError:
        sys.exit("gen_cli_reference: run it with the Python where dkst is installed (pip install -e '.[test]')")

    from dkst.cli import app as cli

    cli.register_commands()
    root = typer.main.get_command(cli.app)
    out: list[list[str]] = []

    def walk(cmd: object, path: list[str]) -> None:
        out.append(path)
        commands = getattr(cmd, "commands", None)
        if not commands:
            return
        ctx = cmd.make_context("dkst", [], resilient_parsing=True)  # type: ignore[attr-defined]
        for name in cmd.list_commands(ctx):  # type: ignore[attr-defined]
            sub = cmd.get_command(ctx, name)  # type: ignore[attr-defined]
            if sub is not None and not getattr(sub, "hidden", False):
                walk(sub, [*path, name])

    walk(root, [])
    return out


def dkst_executable() -> list[str]:
    here = Path(sys.executable).parent / "dkst"
    if here.exists():
        return [str(here)]
    found = shutil.which("dkst")
    if found:
        return [found]
    sys.exit("gen_cli_reference: the dkst command is not installed (pip install -e .)")


def help_text(path: list[str]) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DKST_", "_DKST_"))}
    env.update({"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb", "LC_ALL": "C.UTF-8"})
    proc = subprocess.run(
        [*dkst_executable(), *path, "--help"],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        cwd=REPO,
    )
    if proc.returncode != 0:
        sys.exit(f"gen_cli_reference: dkst {' '.join(path)} --help failed: {proc.stderr.strip()}")
    return "\n".join(line.rstrip() for line in proc.stdout.strip("\n").splitlines())


def render() -> str:
    paths = command_paths()
    parts = [HEADER]
    toc = [f"- [`dkst {' '.join(p)}`](#{anchor(p)})" if p else "- [`dkst`](#dkst)" for p in paths]
    parts.append("\n".join(toc) + "\n")
    for path in paths:
        title = " ".join(["dkst", *path])
        parts.append(f"## {title}\n\n```text\n{title} --help\n\n{help_text(path)}\n```\n")
    return "\n".join(parts)


def anchor(path: list[str]) -> str:
    """The GitHub anchor of the heading ``dkst <path>``."""
    return "-".join(["dkst", *path]).lower()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is not current")
    parser.add_argument("--output", type=Path, default=TARGET, help="where to write (default: docs/cli-reference.md)")
    args = parser.parse_args(argv)
    text = render()
    current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
    if args.check:
        if current != text:
            diff = difflib.unified_diff(
                current.splitlines(), text.splitlines(), str(args.output), "generated", lineterm="", n=1
            )
            sys.stderr.write("\n".join(list(diff)[:60]) + "\n")
            sys.stderr.write(f"{args.output} is stale: run python scripts/gen_cli_reference.py\n")
            return 1
        return 0
    if current != text:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        tmp = args.output.with_suffix(".md.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, args.output)
        print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
