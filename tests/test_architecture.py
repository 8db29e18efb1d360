"""The import graph of dkst: no cycle (every ``import`` statement counts, inside functions and under
``TYPE_CHECKING`` too), the loader depends on none of the checks, and each layer of ARCHITECTURE.md imports
only its own and those below."""

from __future__ import annotations

import ast
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
