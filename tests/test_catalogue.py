"""The one catalogue reader (:mod:`dkst.load.catalogue`): what ``dkst new``, ``history``, ``import`` and shell
completion read of plan.yaml and units.yaml, cheaply, agrees with what the loader's schema reads (#20)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from dkst.load.catalogue import read_catalogue
from tests.conftest import REPO

SAMPLE = REPO / "data"


def test_the_catalogue_agrees_with_the_loader() -> None:
    from dkst.load.dataset import parse_file
    from dkst.load.schema import Plan, UnitsFile

    cat = read_catalogue(SAMPLE)
    plan = parse_file(SAMPLE / "plan.yaml", Plan).record
    units = parse_file(SAMPLE / "units.yaml", UnitsFile).record
    assert plan is not None and units is not None
    assert cat.year == plan.year
    assert {pid: (p.name, p.start, p.end, p.due_before, p.due_by) for pid, p in cat.periods.items()} == {
        pid: (p.name, p.start, p.end, p.due_before, p.due_by) for pid, p in plan.periods.items()
    }
    assert [(i.id, i.label, i.unit, i.section) for i in cat.indicators] == [
        (i.id, i.label, i.unit, i.section) for i in plan.indicators
    ]
    assert [(uid, u.name, u.short_name, u.kind) for uid, u in cat.units.items()] == [
        (u.id, u.name, u.short_name, u.kind) for u in units.units
    ]


def test_what_is_malformed_is_left_out_and_nothing_raises(tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_text(
        "year: 1999\nperiods:\n  h1: {name: x}\n  H1: {name: Nửa năm, start: 30/02/2023, end: 2023-06-30}\n"
        "indicators:\n  - id: Bad\n  - {id: ok_one, label: Tốt}\n  - plain\n",
        encoding="utf-8",
    )
    (tmp_path / "units.yaml").write_text(
        "units:\n  - {id: con, name: x}\n  - {id: a-b, name: A}\n  - {id: a-b, name: again}\n  - [1]\n  - {id: 2023}\n",
        encoding="utf-8",
    )
    cat = read_catalogue(tmp_path)
    assert cat.year is None
    assert list(cat.periods) == ["H1"] and cat.periods["H1"].start is None
    assert [i.id for i in cat.indicators] == ["ok_one"]
    assert {uid: u.name for uid, u in cat.units.items()} == {"a-b": "A", "2023": "2023"}
    (tmp_path / "units.yaml").write_bytes(b"units: [\x00")
    assert read_catalogue(tmp_path / "nowhere").units == {} and read_catalogue(tmp_path).units == {}


def test_completion_reads_the_catalogue_without_the_schema() -> None:
    """Shell completion runs on every Tab: it reads the catalogue without importing pydantic."""
    code = (
        "import sys; from pathlib import Path; from dkst.cli.completion import quick_ids; "
        f"ids = quick_ids(Path({str(SAMPLE)!r}), 'units'); assert ('hoi-nong-dan', 'Hội Nông dân') in ids, ids; "
        f"assert quick_ids(Path({str(SAMPLE)!r}), 'periods')[0] == ('H1', '6 tháng đầu năm 2023'); "
        "heavy = [m for m in sys.modules if m.startswith('pydantic')]; assert not heavy, heavy"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    subprocess.run([sys.executable, "-c", code], check=True, env=env, timeout=60)
