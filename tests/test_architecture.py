"""The import graph of dkst: no cycle (every ``import`` statement counts, inside functions and under
``TYPE_CHECKING`` too), the loader depends on none of the checks, and each layer of ARCHITECTURE.md imports
only its own and those below."""

from __future__ import annotations

import ast
import re
from datetime import date
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "dkst"

#: Cycles known and owned by others, as sorted module lists, each to be removed when fixed (none now).
KNOWN_CYCLES: list[list[str]] = []


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The dkst modules that ``name`` imports, wherever the statement stands."""
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = name.split(".")
                anchor = anchor[: len(anchor) - node.level + (1 if is_package else 0)]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                found.add(sub if sub in known else base)
    out = set()
    for mod in found:
        while mod and mod not in known:  # ``import dkst.x.y`` of a name inside a module
            mod = mod.rpartition(".")[0]
        if mod and mod != name:
            out.add(mod)
    return out


def _graph() -> dict[str, set[str]]:
    mods = _modules()
    known = set(mods)
    return {name: _imports(name, path, known) for name, path in mods.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(out)


def _reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        for w in graph[todo.pop()]:
            if w not in seen:
                seen.add(w)
                todo.append(w)
    return seen


def test_the_graph_is_read() -> None:
    graph = _graph()
    assert "dkst.checks.registry" in graph["dkst.checks.checker"]
    assert "dkst.load.plan_index" in graph["dkst.checks.registry"]
    assert "dkst.findings" in graph["dkst.load.dataset"]


def test_no_import_cycle() -> None:
    assert _cycles(_graph()) == KNOWN_CYCLES


def test_the_loader_imports_no_check() -> None:
    graph = _graph()
    for name in ("dkst.load.dataset", "dkst.load.plan_index"):
        reached = _reachable(graph, name)
        assert not {m for m in reached if m == "dkst.checks" or m.startswith("dkst.checks.")}, name
        assert "dkst.checks.checker" not in reached, name


def test_cycles_are_found() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_loader_loads_and_the_checker_derives() -> None:
    """``load`` judges no requirement; each check leaves the dataset as it found it; ``prepare`` sets the facts."""
    from dkst.checks import references, registry
    from dkst.checks.checker import prepare
    from dkst.load.dataset import load

    root = PACKAGE.parent / "tests" / "cases" / "valid"
    ds = load(root)
    assert ds.units == [] and ds.index.requirements == [] and ds.unit_ids
    before = (list(ds.findings), list(ds.file_findings))
    index, _ = registry.index_plan(ds)
    units, _ = registry.usable_units(ds, index)
    references.check_files(ds, index, units, date(2024, 6, 30))
    assert (ds.findings, ds.file_findings) == before and ds.units == [] and ds.index.requirements == []
    prepared = prepare(root)
    assert prepared.dataset.index.requirements and {u.id for u in prepared.dataset.units} == ds.unit_ids


#: The floors of ARCHITECTURE.md, lowest first: the base modules at the top of the package, then one package per
#: stage of the pipeline. A module may import its own floor and those below, never above.
LAYERS: dict[str, tuple[str, ...]] = {
    "base": (
        "dkst",
        "dkst.i18n",
        "dkst.periods",
        "dkst.counts",
        "dkst.findings",
        "dkst.escape",
        "dkst.encodings",
        "dkst.files",
        "dkst.statuses",
        "dkst.progress",
        "dkst.roots",
    ),
    "load": ("dkst.load",),
    "checks": ("dkst.checks",),
    "figures": ("dkst.figures",),
    "documents": ("dkst.documents", "dkst.sheets", "dkst.scaffold"),
    "cli": ("dkst.cli", "dkst.__main__"),
}

#: The base modules: what may stand at the top of the package beside the stage packages.
BASE = set(LAYERS["base"]) - {"dkst"}


def _layer(module: str) -> int:
    """The floor of a module: the floor of its package (``dkst.load.schema`` is on ``load``), or of itself."""
    for i, names in enumerate(LAYERS.values()):
        for n in names:
            if module == n or module.startswith(n + "."):
                if n != "dkst" or module == "dkst":
                    return i
    raise AssertionError(f"{module} is on no floor of ARCHITECTURE.md")


def test_each_layer_imports_only_its_own_and_those_below() -> None:
    graph = _graph()
    names = list(LAYERS)
    upward = [
        f"{mod} ({names[_layer(mod)]}) imports {dep} ({names[_layer(dep)]})"
        for mod, deps in sorted(graph.items())
        for dep in sorted(deps)
        if _layer(dep) > _layer(mod)
    ]
    assert upward == [], "\n".join(upward)


def test_the_layers_are_read() -> None:
    assert (
        _layer("dkst.i18n")
        < _layer("dkst.load.dataset")
        < _layer("dkst.checks.checker")
        < _layer("dkst.documents.render_md")
    )
    assert _layer("dkst.documents.render_md") == _layer("dkst.sheets.forms.reader") < _layer("dkst.cli.render")


# --------------------------------------------------------------------------- the house rules the graph does not show
# No private name imported across modules, no command importing another (dkst/cli/<command>.py share what they
# share through the cli helpers), finding codes as literal strings, the contract cited in the repository (#20).

ROOT = Path(__file__).resolve().parent.parent


def _commands() -> set[str]:
    """The command modules: those :func:`dkst.cli.app.register_commands` imports (``from dkst.cli import …``)."""
    tree = ast.parse((PACKAGE / "cli" / "app.py").read_text(encoding="utf-8"))
    return {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "dkst.cli"
        for alias in node.names
    }


def _sources(*folders: Path) -> list[Path]:
    return [p for folder in folders for p in sorted(folder.rglob("*.py"))]


def _module_of(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _read(path: Path, texts: dict[Path, str]) -> ast.AST:
    return ast.parse(texts[path] if path in texts else path.read_text(encoding="utf-8"), str(path))


def _imported_from(path: Path, texts: dict[Path, str]) -> list[tuple[str, str, int]]:
    """(module, name, line) of every ``from dkst.x import name`` of ``path`` (relative imports resolved)."""
    me = _module_of(path).split(".")
    out: list[tuple[str, str, int]] = []
    for node in ast.walk(_read(path, texts)):
        if isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                anchor = me[: len(me) - node.level + (1 if path.name == "__init__.py" else 0)]
                module = ".".join([*anchor, *([module] if module else [])])
            if module == "dkst" or module.startswith("dkst."):
                out.extend((module, alias.name, node.lineno) for alias in node.names)
    return out


def private_imports(paths: list[Path], texts: dict[Path, str] | None = None) -> list[str]:
    """``path:line: module._name`` for each private name (one leading underscore) imported from another module."""
    found = []
    for path in paths:
        for module, name, line in _imported_from(path, texts or {}):
            if name.startswith("_") and not name.startswith("__") and module != _module_of(path):
                found.append(f"{path.relative_to(ROOT)}:{line}: {module}.{name}")
    return found


def command_imports(paths: list[Path], texts: dict[Path, str] | None = None) -> list[str]:
    """``path:line: module`` for each command module of dkst/cli/ that imports another command module."""
    commands = _commands()
    found = []
    for path in paths:
        if path.parent != PACKAGE / "cli" or path.stem not in commands:
            continue
        for node in ast.walk(_read(path, texts or {})):
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            else:
                continue
            for name in names:
                parts = name.split(".")
                if parts[:2] == ["dkst", "cli"] and len(parts) > 2 and parts[2] in commands and parts[2] != path.stem:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}: dkst.cli.{parts[2]}")
    return sorted(set(found))


def test_no_private_name_is_imported_across_modules() -> None:
    assert private_imports(_sources(PACKAGE, ROOT / "tests")) == []


def test_no_command_imports_another() -> None:
    assert command_imports(_sources(PACKAGE)) == []


def test_the_guards_find_what_they_guard() -> None:
    assert {"render", "remind", "form", "aggregate"} <= _commands()
    remind = PACKAGE / "cli" / "remind.py"
    added = "\nfrom dkst.figures.frames import _day\nfrom dkst.cli.render import render\n"
    texts = {remind: remind.read_text(encoding="utf-8") + added}
    assert [f.rsplit(": ", 1)[1] for f in private_imports([remind], texts)] == ["dkst.figures.frames._day"]
    assert [f.rsplit(": ", 1)[1] for f in command_imports([remind], texts)] == ["dkst.cli.render"]


#: Finding codes raised through ``F.make`` / ``Finding(``: the first argument is a literal string.
_MAKE = re.compile(r"\bF\.make\(\s*f[\"']")


def test_finding_codes_are_literal_strings() -> None:
    built = [
        f"{p.relative_to(ROOT)}:{i}"
        for p in _sources(PACKAGE)
        for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if _MAKE.search(line) or re.search(r"""f["'](missing|invalid|unknown|duplicate|stray)-\{""", line)
    ]
    assert built == []


def test_the_code_cites_the_contract_in_the_repository() -> None:
    cited = [
        f"{p.relative_to(ROOT)}:{i}"
        for p in _sources(PACKAGE, ROOT / "tests")
        for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if "FORMAT.md" in line and p.name != "test_architecture.py"
    ]
    assert cited == []
    assert (ROOT / "docs" / "format.md").is_file()


# --------------------------------------------------------------------------- data flows one way into the writers

#: The writers and what they start from: each takes the typed report context, never a mapping of plain data.
WRITERS = {
    "dkst.documents.render_md": ("render_markdown", "render_text", "render_reminder"),
    "dkst.documents.render_docx": ("render_docx", "render_reminder_docx", "report_charts"),
    "dkst.documents.render_errors": ("prepared",),
    "dkst.documents.template_context": ("template_data", "with_unit"),
    "dkst.documents.page": ("render_html",),
}


def test_the_writers_take_a_report_context_only() -> None:
    """The writers' ``context`` is a ``ReportContext`` (dates as dates, built once by the pipeline): no branch
    for a hand-made mapping, and no module that makes one (#20)."""
    found = []
    for module, names in WRITERS.items():
        tree = ast.parse(_modules()[module].read_text(encoding="utf-8"))
        defs = {n.name: n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
        for name in names:
            args = defs[name].args.args
            annotation = ast.unparse(args[0].annotation) if args[0].annotation is not None else ""
            if args[0].arg != "context" or annotation != "ReportContext":
                found.append(f"{module}.{name}({args[0].arg}: {annotation})")
            found += [
                f"{module}.{name}: {a.arg} is a Mapping"
                for a in args
                if a.annotation is not None and "Mapping" in ast.unparse(a.annotation)
            ]
    assert not found, found
    assert "dkst.documents.report_data" not in _modules()
    assert not (ROOT / "tests" / "fixtures" / "render_context.json").exists()


# --------------------------------------------------------------------------- one file-replacing writer

#: What replaces or renames a file, or makes a temporary one: only dkst/files.py may use it.
_REPLACING = re.compile(
    r"\bos\.(?:replace|rename|renames)\(|\.rename\(|\.replace\(\s*\w*(?:tmp|temp)|\bshutil\.move\(|\btempfile\b|\bmkstemp\("
)


def test_one_file_replacing_writer() -> None:
    """Every file dkst replaces goes through ``dkst/files.py`` (temporary file, fsync, rename, removed on
    SIGTERM), and there through one ``os.replace`` (#20); the cache and roll-up have no writer of their own."""
    found = []
    for path in _sources(PACKAGE):
        code = [
            line
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.lstrip().startswith("#")
        ]
        hits = [line.strip() for line in code if _REPLACING.search(line.split("#")[0]) and "``" not in line]
        if path.name == "files.py" and path.parent == PACKAGE:
            assert sum("os.replace(" in line for line in hits) == 1, hits
            continue
        found += [f"{path.relative_to(ROOT)}: {line}" for line in hits]
    assert not found, found
