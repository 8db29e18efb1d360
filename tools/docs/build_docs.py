#!/usr/bin/env python3
"""Rebuild every command output and figure quoted in README.md, docs/huong-dan-su-dung.md and docs/format.md
by running ``dkst``, as cog does for sqlite-utils' docs; then docs/cli-reference.md from ``--help``.

    python tools/docs/build_docs.py           # rewrite the documents where they differ from what dkst prints
    python tools/docs/build_docs.py --check   # exit 1 and show the difference if a document is stale (CI)

A document holds markers (HTML comments: invisible once rendered). Each document runs in a workspace of its own,
a fresh temporary folder holding a copy of the repository's ``data/`` and ``samples/``, with ``DKST_TODAY``
fixed (:data:`TODAY`), no ``DKST_*`` of the caller, no colour, 100 columns; the markers run in the order they are
written, so a guide that walks through a year (create, fill in, check) is run as a clerk would run it.

``<!-- dkst-run: ARGS [| FILTER …] -->`` (filters: :func:`cut`) then a fenced block, then
``<!-- /dkst-run -->``: the block is replaced by what ``dkst ARGS`` prints (stdout, then stderr, as a terminal
shows them), cut as the filter says. The line ``dkst ARGS`` must be written in the document before the marker
(the command the reader is told to type is the one that ran); ``[MORE ARGS]`` in ARGS are run but not shown
(``[--format table]``: the table a terminal gets, as the run itself is a pipe).

``<!-- dkst-file: PATH [| lines A-B] -->`` … ``<!-- /dkst-file -->``: the block is replaced by the file's text.

``<!-- dkst-fig: ARGS :: KEY.KEY -->VALUE<!-- /dkst-fig -->``: VALUE is replaced by the value at that path of
the JSON ``dkst ARGS`` prints (a list index is a number).

Steps that show nothing: ``<!-- dkst-do: ARGS -->`` runs a command; ``<!-- dkst-cd: DIR -->`` changes the folder
commands run in (inside the workspace); ``<!-- dkst-write: PATH`` newline, text, ``-->`` writes a file;
``<!-- dkst-replace: PATH :: OLD => NEW -->`` replaces text in a file (the clerk's edit between two commands).
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

#: How a command is run: (arguments, folder, environment) → what it prints (stdout, then stderr).
Runner = Callable[[list[str], Path, dict[str, str]], str]

REPO = Path(__file__).resolve().parent.parent.parent
DOCS = ("README.md", "docs/huong-dan-su-dung.md", "docs/format.md")
#: The real today of every run (the day a skeleton says it was made): fixed, so the output is too.
TODAY = "2024-06-30"

_MARKER = re.compile(
    r"<!-- dkst-(?P<kind>run|file): (?P<spec>.+?) -->\n(?P<body>.*?)<!-- /dkst-(?P=kind) -->\n"
    r"|<!-- dkst-fig: (?P<fig>.+?) -->(?P<value>.*?)<!-- /dkst-fig -->"
    r"|<!-- dkst-(?P<step>do|cd|replace): (?P<arg>.+?) -->"
    r"|<!-- dkst-write: (?P<path>\S+)\n(?P<text>.*?)-->",
    re.S,
)


class DocError(Exception):
    """A marker that cannot be run: its document, what went wrong."""


#: What every command runs with, over the caller's environment without its ``DKST_*``.
ENV = {"DKST_TODAY": TODAY, "NO_COLOR": "1", "COLUMNS": "100", "PYTHONIOENCODING": "utf-8", "TERM": "dumb"}


def run_process(args: list[str], cwd: Path, env: dict[str, str]) -> str:
    """``dkst ARGS`` through the installed command (the tests pass a runner that calls it in their process)."""
    full = {k: v for k, v in os.environ.items() if not k.startswith("DKST_")}
    full.update(env)
    proc = subprocess.run(
        [*dkst(), *args], cwd=cwd, env=full, capture_output=True, text=True, encoding="utf-8", check=False
    )
    return proc.stdout + proc.stderr


@dataclass
class Workspace:
    root: Path
    cwd: Path
    runner: Runner

    def run(self, spec: str) -> str:
        out = self.runner(shlex.split(spec), self.cwd, dict(ENV))
        if "Traceback" in out:
            raise DocError(f"dkst {spec}: {out}")
        return out

    def path(self, rel: str) -> Path:
        target = (self.cwd / rel).resolve()
        if not target.is_relative_to(self.root.resolve()):
            raise DocError(f"{rel}: outside the workspace")
        return target


def dkst() -> list[str]:
    here = Path(sys.executable).parent / "dkst"
    if here.exists():
        return [str(here)]
    found = shutil.which("dkst")
    if found:
        return [found]
    sys.exit("build_docs: the dkst command is not installed (pip install -e .)")


def cut(text: str, filters: list[str]) -> str:
    """``text`` cut by each filter in turn: ``head N``, ``tail N``, ``lines A-B``, ``pick A-B,C-D`` (ranges
    joined by a line ``…``), ``grep TEXT``, ``section HEADER`` (from the line HEADER to the next blank line),
    ``from N HEADER`` (N lines from the line HEADER); ``F + G`` is what F keeps, a blank line, what G keeps (each
    from the same text)."""
    lines = [ln.rstrip() for ln in text.rstrip("\n").split("\n")]
    for f in filters:
        parts = [one(lines, part.strip()) for part in f.split(" + ")]
        lines = [ln for i, part in enumerate(parts) for ln in ([""] if i else []) + part]
    return "\n".join(lines)


def one(lines: list[str], f: str) -> list[str]:
    word, _, arg = f.partition(" ")
    arg = arg.strip()
    if word == "head":
        return lines[: int(arg)]
    if word == "tail":
        return lines[-int(arg) :]
    if word in ("lines", "pick"):
        out: list[str] = []
        for i, span in enumerate(arg.split(",")):
            a, _, b = span.partition("-")
            out += (["…"] if i else []) + lines[int(a) - 1 : int(b or a)]
        return out
    if word == "grep":
        return [ln for ln in lines if arg in ln]
    if word == "from":  # ``from N TEXT``: N lines from the line TEXT
        n, _, header = arg.partition(" ")
        start = lines.index(header)
        return lines[start : start + int(n)]
    if word == "section":
        start = lines.index(arg)
        end = lines.index("", start) if "" in lines[start:] else len(lines)
        return lines[start:end]
    raise DocError(f"unknown filter: {f}")


def fence(body: str) -> str:
    """The opening fence of the block a marker holds (kept), ```` ```text ```` if it has none."""
    first = body.split("\n", 1)[0]
    return first if first.startswith("```") else "```text"


def figure(data: object, path: str) -> str:
    for key in path.split("."):
        if isinstance(data, list):
            data = data[int(key)]
        elif isinstance(data, dict):
            data = data[key]
        else:
            raise DocError(f"no {key} in {path}")
    return str(data)


def build(doc: str, text: str, runner: Runner = run_process) -> str:
    """``text`` with every marker's block rebuilt, run in a fresh workspace."""
    with tempfile.TemporaryDirectory(prefix="dkst-docs-") as tmp:
        root = Path(tmp)
        for folder in ("data", "samples"):
            shutil.copytree(REPO / folder, root / folder, ignore=shutil.ignore_patterns("out", ".dkst-*"))
        ws = Workspace(root, root, runner)
        out: list[str] = []
        pos = 0
        for m in _MARKER.finditer(text):
            out.append(text[pos : m.start()])
            pos = m.end()
            try:
                out.append(rebuilt(ws, m, text[: m.start()]))
            except (DocError, OSError, ValueError, KeyError, IndexError) as exc:
                raise DocError(f"{doc}: {m.group(0).splitlines()[0]}: {exc}") from None
        out.append(text[pos:])
        return "".join(out)


def rebuilt(ws: Workspace, m: re.Match[str], before: str) -> str:
    whole = m.group(0)
    if m["kind"] is not None:
        spec, *filters = m["spec"].split(" | ")
        if m["kind"] == "run":
            # ``[ARGS]``: run as well but not shown (``--format table``: what a terminal shows; the run is a pipe)
            shown_spec = re.sub(r"\s*\[[^\]]*\]", "", spec).strip()
            if f"dkst {shown_spec}" not in before:
                raise DocError(f"the document does not show the command “dkst {shown_spec}” before its output")
            shown = cut(ws.run(spec.replace("[", "").replace("]", "")), filters)
        else:
            shown = cut(ws.path(spec).read_text(encoding="utf-8"), filters)
        head = whole.split("\n", 1)[0]
        return f"{head}\n{fence(m['body'])}\n{shown}\n```\n<!-- /dkst-{m['kind']} -->\n"
    if m["fig"] is not None:
        spec, _, path = m["fig"].partition(" :: ")
        value = figure(json.loads(ws.run(spec)), path.strip())
        return whole.replace(f"-->{m['value']}<!--", f"-->{value}<!--", 1)
    if m["step"] == "do":
        ws.run(m["arg"])
    elif m["step"] == "cd":
        ws.cwd = ws.path(m["arg"])
    elif m["step"] == "replace":
        rel, _, edit = m["arg"].partition(" :: ")
        old, _, new = edit.partition(" => ")
        target = ws.path(rel.strip())
        content = target.read_text(encoding="utf-8")
        if old not in content:
            raise DocError(f"{rel}: “{old}” is not there")
        target.write_text(content.replace(old, new, 1), encoding="utf-8")
    else:  # dkst-write
        target = ws.path(m["path"])
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(m["text"], encoding="utf-8")
    return whole


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a document differs from what dkst prints")
    opts = parser.parse_args()
    stale = 0
    for doc in DOCS:
        path = REPO / doc
        old = path.read_text(encoding="utf-8")
        try:
            new = build(doc, old)
        except DocError as exc:
            print(f"build_docs: {exc}", file=sys.stderr)
            return 2
        if new == old:
            continue
        if opts.check:
            stale += 1
            sys.stdout.writelines(
                difflib.unified_diff(old.splitlines(True), new.splitlines(True), doc, doc + " (dkst)")
            )
        else:
            path.write_text(new, encoding="utf-8")
            print(f"rebuilt {doc}")
    reference = [sys.executable, str(REPO / "scripts" / "gen_cli_reference.py"), *(["--check"] if opts.check else [])]
    code = subprocess.run(reference, check=False).returncode
    if stale:
        print(f"build_docs: {stale} document(s) differ from what dkst prints; run: python tools/docs/build_docs.py")
    return 1 if stale or code else 0


if __name__ == "__main__":
    sys.exit(main())
