"""Arbitrary YAML values thrown into whole copies of a small dataset, through ``check``, ``aggregate`` and
``render`` in-process (issue #9): findings or one-line errors, never an exception.

Values are written as YAML *text*, so that the forms a clerk types reach the loader as typed: ``1:30``, ``010``,
``0x1F``, tags, nested flow collections, huge numbers, far dates, unicode. Each example replaces one to three
values of the dataset (report indicators and dates, model fields, plan fields, units fields, the unit's plan).
"""

from __future__ import annotations

import itertools
import json
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import dkst.cli.app as cli
from dkst.findings import CODES
from tests.conftest import CASES, TODAY

H1 = "units/an-my/reports/H1.yaml"
MODEL = "units/an-my/models/cho-so.yaml"

#: (file, text to replace, the key written before the new value)
SLOTS: list[tuple[str, str, str]] = [
    (H1, "  propaganda_sessions: 10", "  propaganda_sessions: "),
    (H1, "  propaganda_participants: 700", "  propaganda_participants: "),
    (H1, "submitted: 2023-06-04", "submitted: "),
    (H1, "models: [cho-so]", "models: "),
    (H1, "models: [cho-so]", "models: [cho-so]\ncommendations: "),
    ("units/hoi-nong-dan/reports/H1.yaml", "  propaganda_sessions: 3", "  propaganda_sessions: "),
    (MODEL, "started: 2023-03-01", "started: "),
    (MODEL, "status: đang triển khai", "status: "),
    (MODEL, "started: 2023-03-01", "started: 2023-03-01\nbeneficiaries: "),
    (MODEL, "started: 2023-03-01", "started: 2023-03-01\npropose_replication: "),
    (MODEL, "started: 2023-03-01", "started: 2023-03-01\ncompleted_on: "),
    (MODEL, "started: 2023-03-01", "started: 2023-03-01\npartners: "),
    ("units/an-my/plan.yaml", "issued: 2023-02-20", "issued: "),
    ("units/an-my/plan.yaml", "issued: 2023-02-20", "issued: 2023-02-20\nreceived: "),
    ("plan.yaml", "year: 2023", "year: "),
    ("plan.yaml", "    due_before: 2023-06-05", "    due_before: "),
    ("plan.yaml", "    start: 2023-01-01", "    start: "),
    ("plan.yaml", "    min: 1", "    min: "),
    ("plan.yaml", "    expr: propaganda_participants >= propaganda_sessions", "    expr: "),
    ("plan.yaml", "    unit: buổi", "    unit: "),
    ("plan.yaml", "  ward: Phường", "  ward: "),
    ("units.yaml", "    kind: ward", "    kind: "),
    ("units.yaml", "  - id: an-my", "  - id: "),
    ("units.yaml", "    kind: ward", "    kind: ward\n    email: "),
    ("units.yaml", "    kind: member", "    kind: member\n    exempt: "),
]

FORMS = [
    "1:30",
    "010",
    "08",
    "0200",
    "0x1F",
    "0o17",
    "0b11",
    "1_000",
    "+5",
    "-3",
    "1e3",
    "1.5",
    "1.000",
    "1,000",
    "1 000",
    "'12'",
    '"12"',
    "true",
    "no",
    "~",
    "",
    "null",
    ".inf",
    "-.nan",
    "999999999999",
    "1000000000000",
    "9" * 40,
    "!!int 5",
    "!!binary aGVsbG8=",
    "!!set {a, b}",
    "!!str x",
    "!foo bar",
    "!!float 1",
    "!!python/object/apply:os.system ['echo PWNED']",
    "!!timestamp 2023-01-01",
    "0001-01-01",
    "9999-12-31",
    "2023-02-30",
    "30/02/2023",
    "２０２３-06-02",
    "٠٢/٠٦/٢٠٢٣",
    "2/6/2023",
    "con",
    "com1",
    "hoiccb.gmail.com",
    "đăng ký",
    "hoàn thành",
    "H1",
    "min(a)",
    "min",
    "9**9**9",
    "[/b]",
    "<script>",
    "{{ 7*7 }}",
    "'=1+1'",
    "Đoàn kết sáng tạo",
    '"\\u0000"',
    '"\\x1b[31m"',
]

scalars = st.one_of(
    st.sampled_from(FORMS),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.dates().map(lambda d: d.isoformat()),
    st.text(max_size=20).map(lambda t: json.dumps(t, ensure_ascii=False)),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3).map(lambda xs: "[" + ", ".join(xs) + "]"),
        st.lists(st.tuples(st.sampled_from(["a", "name", "kind", "id", "x-y", "2023"]), inner), max_size=3).map(
            lambda kv: "{" + ", ".join(f"{k}: {v}" for k, v in kv) + "}"
        ),
    ),
    max_leaves=6,
)
edits = st.lists(st.tuples(st.integers(min_value=0, max_value=len(SLOTS) - 1), values), min_size=1, max_size=3)

_counter = itertools.count()
#: a catalogue parameter left unfilled in a message
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    cli.register_commands()
    return CliRunner()


def _invoke(runner: CliRunner, args: list[str]) -> tuple[int, str]:
    result = runner.invoke(cli.app, args, env={"DKST_TODAY": TODAY, "DKST_NO_CACHE": "1", "NO_COLOR": "1"})
    output = result.output + (getattr(result, "stderr", "") if result.stderr_bytes is not None else "")
    assert result.exception is None or isinstance(result.exception, SystemExit), (args, repr(result.exception))
    assert "Traceback" not in output, output
    return result.exit_code, result.stdout


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(changes=edits)
def test_arbitrary_values_through_check_aggregate_render(runner: CliRunner, changes: list[tuple[int, str]]) -> None:
    work = Path(tempfile.mkdtemp(prefix="dkst-fuzz-"))
    try:
        root = work / "ds"
        shutil.copytree(CASES / "valid", root)
        for slot, value in changes:
            rel, old, key = SLOTS[slot]
            path = root / rel
            text = path.read_text(encoding="utf-8")
            if old in text:
                path.write_text(text.replace(old, key + value, 1), encoding="utf-8")
        common = ["--data", str(root), "--as-of", "2023-12-20"]

        code, out = _invoke(runner, ["check", "--format", "json", *common])
        assert code in (0, 1)
        doc = json.loads(out)
        assert all(f["code"] in CODES and f["message"] for f in doc["findings"])
        assert not any(PLACEHOLDER.search(f["message"]) for f in doc["findings"] if f["code"] != "rule-failed")
        assert not (Path.cwd() / "PWNED").exists()

        code, out = _invoke(runner, ["aggregate", "--period", "H1", "--format", "json", *common])
        assert code in (0, 1, 2)
        if code == 0:
            agg = json.loads(out)
            for figure in agg["indicators"].values():
                total = figure["total"]
                assert total is None or (isinstance(total, int) and 0 <= total <= 2 * 999_999_999_999)

        output = work / f"r{next(_counter)}.md"
        code, _ = _invoke(runner, ["render", "--period", "H1", "--format", "md", "--output", str(output), *common])
        assert code in (0, 1, 2)
    finally:
        shutil.rmtree(work, ignore_errors=True)
