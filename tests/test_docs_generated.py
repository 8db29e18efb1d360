"""Documents that match the tool (#22, point 5): every command output and figure quoted in README.md,
docs/huong-dan-su-dung.md and docs/format.md is what ``dkst`` prints now (``tools/docs/build_docs.py``, run here
in this process; CI also runs it through the installed command: ``python tools/docs/build_docs.py --check``)."""

from __future__ import annotations

import difflib
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import REPO, run_dkst


def build_docs() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_docs", REPO / "tools" / "docs" / "build_docs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_docs"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def in_process(args: list[str], cwd: Path, env: dict[str, str]) -> str:
    rest = {k: v for k, v in env.items() if k != "DKST_TODAY"}
    proc = run_dkst(*args, cwd=cwd, env=rest, today=env["DKST_TODAY"])
    return str(proc.stdout) + str(proc.stderr)


@pytest.mark.parametrize("doc", ["README.md", "docs/huong-dan-su-dung.md", "docs/format.md"])
def test_the_document_quotes_what_dkst_prints(doc: str) -> None:
    tool = build_docs()
    assert doc in tool.DOCS
    old = (REPO / doc).read_text(encoding="utf-8")
    new = tool.build(doc, old, in_process)
    diff = "".join(difflib.unified_diff(old.splitlines(True), new.splitlines(True), doc, doc + " (dkst)"))
    assert not diff, diff + "\nRebuild with: python tools/docs/build_docs.py"


def test_the_guide_runs_a_whole_year() -> None:
    """The guide's outputs are generated, not a few: the walk from init to the next year."""
    text = (REPO / "docs" / "huong-dan-su-dung.md").read_text(encoding="utf-8")
    assert text.count("<!-- dkst-run: ") >= 12 and text.count("<!-- dkst-file: ") >= 4


def test_a_stale_block_is_found() -> None:
    tool = build_docs()
    text = (
        "`dkst check --data data --as-of 2024-01-15`\n"
        "<!-- dkst-run: check --data data --as-of 2024-01-15 | tail 1 -->\n```\nĐã kiểm tra 1 tệp\n```\n"
        "<!-- /dkst-run -->\n"
    )
    new = tool.build("x.md", text, in_process)
    assert "Đã kiểm tra 54 tệp" in new and "Đã kiểm tra 1 tệp" not in new
    with pytest.raises(tool.DocError, match="does not show the command"):
        tool.build("x.md", text.replace("`dkst check --data data --as-of 2024-01-15`", ""), in_process)
