"""One-off: move dkst's flat modules into packages that follow the pipeline, and rewrite every reference.

Run from the repository root on a clean tree: ``python tools/relayout.py [--rewrite-only]``. It ``git mv``s
each module of :data:`MOVES`, then rewrites ``dkst.<old>`` dotted names, ``from dkst import <old>`` lines and
``dkst/<old>.py`` paths in every tracked text file. ``--rewrite-only`` skips the moves (for a branch that
already has them and only needs its own new code rewritten). Kept in ``tools/`` for branches made before the
move; it is idempotent.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

#: old module (relative to dkst, dotted) → new module.
MOVES: dict[str, str] = {
    # load/: bytes → YAML nodes → typed records and data findings
    "yamlio": "load.yamlio",
    "yamlerrors": "load.yamlerrors",
    "encodings": "encodings",
    "fields": "load.fields",
    "schema": "load.schema",
    "validation": "load.validation",
    "layout": "load.layout",
    "dataset": "load.dataset",
    "cache": "load.cache",
    "pool": "load.pool",
    "plan_index": "load.plan_index",
    # checks/: the plan's requirements as of a day
    "checker": "checks.checker",
    "reporters": "checks.reporters",
    # figures/: the period's numbers
    "aggregate": "figures.aggregate",
    "frames": "figures.frames",
    "rollup": "scaffold.rollup",
    "status": "figures.status",
    "reminders": "figures.reminders",
    # documents/: the report context and its writers
    "report_model": "documents.report_model",
    "report_context": "documents.report_context",
    "report_data": "documents.report_data",
    "template_context": "documents.template_context",
    "templates_lookup": "documents.templates_lookup",
    "sandbox": "documents.sandbox",
    "filters": "documents.filters",
    "docxrules": "documents.docxrules",
    "render": "documents.render",
    "render_md": "documents.render_md",
    "render_docx": "documents.render_docx",
    "render_errors": "documents.render_errors",
    "export": "documents.export",
    # sheets/: Excel out and in
    "workbook": "sheets.workbook",
    "workbook_layout": "sheets.workbook_layout",
    "workbook_sheets": "sheets.workbook_sheets",
    "forms": "sheets.forms",
    # scaffold/: new files for the clerk
    "skeletons": "scaffold.skeletons",
    "yamlwrite": "scaffold.yamlwrite",
    "jsonschema": "scaffold.jsonschema",
    # cli/: the command line
    "cli": "cli.app",
    "options": "cli.options",
    "clihelp": "cli.clihelp",
    "usage": "cli.usage",
    "console": "cli.console",
    "completion": "cli.completion",
    "commands": "cli",
}

PACKAGES = {
    "load": "Loading: bytes → text → YAML nodes with lines → typed records and data findings. Knows nothing of "
    "the plan's requirements (:mod:`dkst.checks` judges them).",
    "figures": "Figures: the period's exact numbers (aggregate, frames, status table, reminders), never "
    "words; writers round them once, at the edge.",
    "documents": "Documents: the typed :class:`~dkst.documents.report_model.ReportContext`, built once from the "
    "figures, and its writers (Markdown, Word, letters, tables) through sandboxed templates.",
    "sheets": "Sheets: Excel out and in (the aggregate's workbook, the forms, their import).",
    "scaffold": "Scaffold: new files for the clerk (skeletons of ``dkst init``/``dkst new``, YAML written back, "
    "JSON Schemas).",
}

TEXT_SUFFIXES = {".py", ".md", ".toml", ".txt", ".cfg", ".ini", ".yaml", ".yml", ".j2", ""}


def _ordered_olds() -> list[str]:
    return sorted(MOVES, key=len, reverse=True)


def _dotted(text: str) -> str:
    olds = "|".join(re.escape(o) for o in _ordered_olds())
    # a dotted name dkst.<old> not already moved (dkst.load.schema has "load" first)
    pat = re.compile(rf"\bdkst\.({olds})(?![\w])")

    cli_modules = {"app", *(n.split(".")[-1] for o, n in MOVES.items() if n.startswith("cli."))}
    cli_modules |= {"aggregate", "form", "importing", "init", "new", "remind", "render", "rollup", "schema"}

    def sub(m: re.Match[str]) -> str:
        if m.group(1) == "cli":  # already dkst.cli.<module>: leave it (idempotent)
            after = re.match(r"\.(\w+)", m.string[m.end() :])
            if after and after.group(1) in cli_modules:
                return m.group(0)
        return f"dkst.{MOVES[m.group(1)]}"

    return pat.sub(sub, text)


def _paths(text: str) -> str:
    olds = "|".join(re.escape(o) for o in _ordered_olds())
    pat = re.compile(rf"\bdkst/({olds})(\.py|/)")

    def sub(m: re.Match[str]) -> str:
        new = MOVES[m.group(1)].replace(".", "/")
        return f"dkst/{new}{m.group(2)}"

    return pat.sub(sub, text)


_FROM = re.compile(r"^(?P<ind>[ \t]*)from dkst import (?P<names>[^()\n#]+?)(?P<tail>[ \t]*(#.*)?)$", re.M)


def _from_lines(text: str) -> str:
    def sub(m: re.Match[str]) -> str:
        ind = m.group("ind")
        stay: list[str] = []
        moved: list[str] = []
        for part in (p.strip() for p in m.group("names").split(",")):
            name = part.split(" as ")[0].strip()
            if name in MOVES:
                pkg, _, mod = MOVES[name].rpartition(".")
                alias = part.split(" as ")[1].strip() if " as " in part else name
                if pkg:
                    moved.append(f"{ind}from dkst.{pkg} import {mod}" + (f" as {alias}" if alias != mod else ""))
                else:  # commands → cli: the package itself
                    moved.append(f"{ind}import dkst.{mod} as {alias}")
            else:
                stay.append(part)
        if not moved:
            return m.group(0)
        lines = ([f"{ind}from dkst import {', '.join(stay)}"] if stay else []) + moved
        lines[0] += m.group("tail")
        return "\n".join(lines)

    return _FROM.sub(sub, text)


def rewrite(text: str) -> str:
    return _paths(_dotted(_from_lines(text)))


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], check=True, capture_output=True, text=True).stdout


def move() -> None:
    root = Path("dkst")
    for pkg, doc in PACKAGES.items():
        (root / pkg).mkdir(exist_ok=True)
        init = root / pkg / "__init__.py"
        if not init.exists():
            init.write_text(f'"""{doc}"""\n', encoding="utf-8")
            _git("add", str(init))
    # cli.py must leave before the cli/ package can take its name
    if (root / "cli.py").exists():
        _git("mv", "dkst/cli.py", "dkst/cli_app.py")
        (root / "cli").mkdir(exist_ok=True)
        if (root / "commands" / "__init__.py").exists():
            _git("mv", "dkst/commands/__init__.py", "dkst/cli/__init__.py")
        _git("mv", "dkst/cli_app.py", "dkst/cli/app.py")
    for old, new in MOVES.items():
        if old in ("cli",):
            continue
        src_file = root / (old.replace(".", "/") + ".py")
        src_dir = root / old.replace(".", "/")
        dest = root / new.replace(".", "/")
        if old == "commands":
            if src_dir.is_dir():
                for f in sorted(src_dir.glob("*.py")):
                    _git("mv", str(f), str(root / "cli" / f.name))
            continue
        if src_file.exists():
            dest.parent.mkdir(parents=True, exist_ok=True)
            _git("mv", str(src_file), str(dest.with_suffix(".py")))
        elif src_dir.is_dir():
            dest.parent.mkdir(parents=True, exist_ok=True)
            _git("mv", str(src_dir), str(dest))


def rewrite_all() -> None:
    for name in _git("ls-files").splitlines():
        path = Path(name)
        if path.suffix not in TEXT_SUFFIXES or name.startswith(("tools/relayout.py", "tests/golden/")):
            continue
        if not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        new = rewrite(text)
        if new != text:
            path.write_text(new, encoding="utf-8")


if __name__ == "__main__":
    if "--rewrite-only" not in sys.argv:
        move()
    rewrite_all()
