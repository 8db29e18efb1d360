"""The fast paths of the loader (issue #6) give what the plain paths gave."""

from __future__ import annotations

import gc
import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dkst import findings as F
from dkst.findings import Finding
from dkst.load.dataset import SourceFile, load, parse_document
from dkst.load.layout import judge_units, scan_units
from dkst.load.schema import ModelRecord, Report
from dkst.load.validation import nearest
from dkst.load.yamlio import YamlLoader, parse_text
from tests.conftest import whole

# ---------------------------------------------------------------- one pass over the nodes


def standard(text: str) -> tuple[Any, list[Any], bool]:
    """What PyYAML's own construction gives, with the same loader (duplicates, dates as text…)."""
    loader = YamlLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else {}
        return data, loader.duplicates, loader.dirty
    finally:
        loader.dispose()


def fast(text: str) -> tuple[Any, list[Any], bool]:
    loader = YamlLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.build(node) if node is not None else {}
        return data, loader.duplicates, loader.dirty
    finally:
        loader.dispose()


def same(a: Any, b: Any) -> bool:
    """Equal, and of the same types all the way down (1 and 1.0 and True are not the same here)."""
    stack = [(a, b)]
    while stack:
        x, y = stack.pop()
        if type(x) is not type(y):
            return False
        if isinstance(x, dict):
            if list(x) != list(y):
                return False
            stack.extend((x[k], y[k]) for k in x)
        elif isinstance(x, list):
            if len(x) != len(y):
                return False
            stack.extend(zip(x, y, strict=True))
        elif isinstance(x, float) and x != x:
            if y == y:
                return False
        elif x != y or getattr(x, "raw", None) != getattr(y, "raw", None):
            return False
    return True


DOCUMENTS = [
    "a: 1\nb: 0123\nc: 0x1F\nd: 1_000\ne: -3\nf: +4\ng: 1:30\nh: 0b101\n",
    "a: 1.000\nb: .inf\nc: -.nan\nd: 1e3\ne: 3.\n",
    "a: true\nb: No\nc: ~\nd: null\ne:\nf: ''\ng: \"\"\n",
    "submitted: 2023-06-02\nx: 2023-02-30\ny: 2001-12-14t21:59:43.10-05:00\n",
    "? [a, b]\n: c\n? {d: e}\n: f\n2023: year\nnull: n\ntrue: t\n",
    "a: !!str 12\nb: !!int '12'\nc: !!float '1'\nd: !!binary aGVsbG8=\ne: !!set {x, y}\n",
    "a: !!omap [{x: 1}, {y: 2}]\nb: !!pairs [{x: 1}]\n",
    "x-note: kept\na: {x-b: 1, c: }\nexempt: {r: , x-s: t}\n",
    "a: 1\na: 2\nb: {c: 1, c: 2}\n",
    "a: 1\na: 2\n",
    "- [1, [2, [3, {a: [4]}]]]\n- 'q'\n- \"w\\u00e9\"\n- |\n  block\n- >\n  folded\n",
    "a: =\n",
    "a: !foo bar\n",
    "a: !!map [1]\n",
    "a: !!seq {b: c}\n",
    "k: " + "[" * 990 + "]" * 990 + "\n",  # deeper than Python's recursion limit: the fallback
]


@pytest.mark.parametrize("text", DOCUMENTS)
def test_build_is_the_standard_construction(text: str) -> None:
    try:
        expected = standard(text)
    except (yaml.YAMLError, ValueError, TypeError) as exc:
        with pytest.raises(type(exc)):
            fast(text)
        return
    got = fast(text)
    assert same(got[0], expected[0]), (got[0], expected[0])
    assert got[1:] == expected[1:]


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**9), 10**9),
    st.floats(allow_nan=False),
    st.text(max_size=12),
    st.sampled_from(["2023-06-02", "1.000", "0777", "x-a", "", "~", "1_0"]),
)
keys = st.one_of(
    st.sampled_from(["a", "b", "x-a", "submitted", "2023", "null", "true", "<<x"]), st.text(min_size=1, max_size=6)
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=4)),
    max_leaves=20,
)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=st.dictionaries(keys, values, max_size=6), flow=st.booleans())
def test_build_is_the_standard_construction_on_any_yaml(doc: dict[str, Any], flow: bool) -> None:
    text = yaml.safe_dump(doc, allow_unicode=True, default_flow_style=flow)
    got, expected = fast(text), standard(text)
    assert same(got[0], expected[0])
    assert got[1:] == expected[1:]


@settings(max_examples=50, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("ab:-[]{}!|>'\"#\n %,?0123456789.~")), max_size=80))
def test_build_is_the_standard_construction_on_punctuation(text: str) -> None:
    try:
        expected = standard(text)
    except Exception as exc:
        with pytest.raises(type(exc)):
            fast(text)
        return
    got = fast(text)
    assert same(got[0], expected[0])
    assert got[1:] == expected[1:]


# ---------------------------------------------------------------- line numbers


REPORT = """submitted: 2023-06-02
indicators:
  forums: 3
  ideas: 4
models:
  - cho-so
commendations:
  - name: Tổ 1
    kind: tập thể
  - name: Tổ 2
    kind: nhóm
"""


def test_unit_files_keep_two_levels_of_lines_and_place_deeper_problems_exactly() -> None:
    parsed = parse_document(REPORT.encode(), Report)
    src = SourceFile("r.yaml", parsed.record, parsed.lines)
    assert src.line("submitted") == 1
    assert src.line("indicators", "ideas") == 4
    assert src.line("models", 0) == 6
    assert src.line("commendations", 1) == 10
    assert max(len(loc) for loc in src.lines) == 2
    # the bad kind, three keys deep, is still on its own line
    assert [(code, line) for code, line, _ in parsed.problems] == [("invalid-value", 11)]


def test_full_index_when_asked() -> None:
    full = parse_text(REPORT)
    assert full.lines[("commendations", 1, "kind")] == 11
    shallow = parse_text(REPORT, index_depth=1)
    assert ("indicators", "forums") not in shallow.lines
    assert shallow.line_of(("indicators", "forums")) == 3
    shallow.release()
    assert shallow.line_of(("indicators", "forums")) == 2  # the parent's line once the nodes are gone


def test_clean_is_skipped_only_when_nothing_needs_it() -> None:
    assert parse_text("a: 1\nb: [x]\n").dirty is False
    assert parse_text("a: 1\nb:\n").dirty is True
    assert parse_text("a: [{x-c: 1}]\n").dirty is True
    rec = parse_document(b"name: M\nstatus: completed\nstarted: 2023-03-01\nfield:\nx-ghi-chu: a\n", ModelRecord)
    assert rec.problems == [] and whole(rec).field is None


# ---------------------------------------------------------------- the walk


def old_walk_unit(root: Path, folder: Path, unit_id: str, period_ids: set[str]) -> list[Any]:
    """The walk of a unit folder before #6 (os.walk), kept as the oracle."""
    from dkst.load.layout import Entry as _Entry
    from dkst.load.layout import stray_reason as _stray_reason

    out: list[Any] = []
    for dirpath, dirnames, filenames in os.walk(folder):
        here = Path(dirpath)
        rel_dir = here.relative_to(root).as_posix()
        depth = len(here.relative_to(folder).parts)
        section = here.relative_to(folder).parts[0] if depth else ""
        for name in sorted(dirnames):
            if (here / name).is_symlink() and not name.startswith("."):
                out.append(F.make("stray-file", f"{rel_dir}/{name}", unit=unit_id, reason="symlink"))
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and not (here / d).is_symlink())
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            rel = f"{rel_dir}/{name}"
            if (here / name).is_symlink():
                out.append(F.make("stray-file", rel, unit=unit_id, reason="symlink"))
                continue
            if not name.endswith((".yaml", ".yml")):
                continue
            if name.endswith(".yml"):
                out.append(F.make("stray-file", rel, unit=unit_id, **_stray_reason(name)))
            elif depth == 0 and name == "plan.yaml":
                out.append(_Entry(rel, "unit-plan", unit_id))
            elif depth == 1 and section == "models":
                out.append(_Entry(rel, "model", unit_id, name[:-5]))
            elif depth == 1 and section == "reports":
                period = name[:-5]
                if period in period_ids:
                    out.append(_Entry(rel, "report", unit_id, period))
                else:
                    params: dict[str, Any] = {
                        "reason": "unknown_period_list",
                        "period_id": period,
                        "periods": ", ".join(sorted(period_ids)),
                    }
                    guess = next((p for p in sorted(period_ids) if p.lower() == period.lower()), None)
                    guess = guess or nearest(period, sorted(period_ids))
                    if guess:
                        params["suggest"] = guess
                    out.append(F.make("stray-file", rel, unit=unit_id, **params))
            else:
                out.append(F.make("stray-file", rel, unit=unit_id, **_stray_reason(name, period_ids)))
    return out


def test_the_walk_is_the_old_walk(tmp_path: Path) -> None:
    root = tmp_path
    unit = root / "units" / "an-my"
    for rel in [
        "plan.yaml",
        "H1.yaml",
        "notes.yml",
        "scan.pdf",
        ".hidden.yaml",
        "models/a.yaml",
        "models/Bad Name.yaml",
        "models/sub/deep.yaml",
        "models/x.yml",
        "reports/H1.yaml",
        "reports/h1.yaml",
        "reports/Q7.yaml",
        "reports/photo.jpg",
        "other/plan.yaml",
        ".git/x.yaml",
        "b/c/d/e.yaml",
    ]:
        (unit / rel).parent.mkdir(parents=True, exist_ok=True)
        (unit / rel).write_text("a: 1\n", encoding="utf-8")
    (unit / "models" / "link.yaml").symlink_to(unit / "models" / "a.yaml")
    (unit / "dirlink").symlink_to(unit / "models")
    (unit / "reports" / "dangling.yaml").symlink_to(unit / "nowhere.yaml")
    (root / "units" / "ghost").mkdir()
    (root / "units" / "stray.yaml").write_text("a: 1\n", encoding="utf-8")
    periods = {"H1", "Y"}
    got = list(judge_units(scan_units(root), {"an-my"}, periods))
    expected = old_walk_unit(root, unit, "an-my", periods)
    got_unit = [g for g in got if (g.rel if not isinstance(g, Finding) else g.path).startswith("units/an-my")]
    assert got_unit == expected
    assert [g.path for g in got if isinstance(g, Finding) and not g.path.startswith("units/an-my")] == [
        "units/ghost",
        "units/stray.yaml",
    ]


# ---------------------------------------------------------------- loading


def test_load_restores_the_collector(tmp_path: Path) -> None:
    root = Path(__file__).parent / "cases" / "valid"
    assert gc.isenabled()
    ds = load(root)
    assert gc.isenabled()
    assert ds.files_read == len(list(root.rglob("*.yaml")))
    gc.disable()
    try:
        load(root)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_started_missing_is_reported_once(tmp_path: Path) -> None:
    """A model under way without a start date: one missing-field, whether or not the schema saw it first."""
    import shutil

    from dkst.checks.checker import check

    root = tmp_path / "ds"
    shutil.copytree(Path(__file__).parent / "cases" / "valid", root)
    model = root / "units" / "an-my" / "models" / "cho-so.yaml"
    lines = [ln for ln in model.read_text(encoding="utf-8").splitlines() if not ln.startswith("started")]
    model.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = [
        f
        for f in check(root, __import__("datetime").date(2023, 12, 20)).result.findings
        if f.code == "missing-field" and f.path.endswith("cho-so.yaml")
    ]
    assert len(found) == 1
    model.write_text("\n".join(lines) + "\nstarted: 2023-02-30\n", encoding="utf-8")
    found = [
        f
        for f in check(root, __import__("datetime").date(2023, 12, 20)).result.findings
        if f.path.endswith("cho-so.yaml")
    ]
    assert [f.code for f in found] == ["invalid-value"]
