"""The city's own plan goes up with ``dkst rollup`` (#22, point 6), and ``dkst init`` leaves the ``parent:`` and
``previous:`` blocks commented for the clerk to fill (point 7)."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from dkst.checks.checker import check
from tests.conftest import REPO, TODAY, run_dkst

CITY = REPO / "data"
PROVINCE = REPO / "samples" / "tinh-quang-nam"
AS_OF = date(2023, 6, 20)
NUMBER = "12/KH-MTTQ-BTT"
ISSUED = "2023-03-01"
UNIT_PLAN_REQUIREMENT = """
  - id: unit-plan
    type: unit_plan
    text: Các huyện, thị xã, thành phố ban hành kế hoạch thực hiện Phong trào
    applies_to: [city]
    due_before: 2023-04-01
"""


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DKST_TODAY", TODAY)
    monkeypatch.delenv("DKST_DATA", raising=False)
    monkeypatch.delenv("DKST_LANG", raising=False)


@pytest.fixture
def province(tmp_path: Path) -> Path:
    """The sample province without Tam Kỳ's files, requiring each city's implementing plan."""
    dest = tmp_path / "tinh"
    shutil.copytree(PROVINCE, dest)
    shutil.rmtree(dest / "units" / "tam-ky")
    plan = dest / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").rstrip("\n") + "\n" + UNIT_PLAN_REQUIREMENT, encoding="utf-8")
    return dest


def city_with_number(tmp_path: Path) -> Path:
    """The bundled city, with its plan's number and issued day written in (the original has neither)."""
    dest = tmp_path / "city"
    shutil.copytree(CITY, dest)
    plan = dest / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    text = text.replace("place: Tam Kỳ\n", f"place: Tam Kỳ\nnumber: {NUMBER}\nissued: {ISSUED}\n", 1)
    plan.write_text(text, encoding="utf-8")
    return dest


def unit_plan_findings(root: Path) -> list[str]:
    found = check(root, AS_OF).result.findings
    return [f"{f.code} {f.path}" for f in found if f.unit == "tam-ky" and "unit-plan" in f.code]


def rollup(city: Path, province: Path, *extra: str, lang: str = "vi") -> tuple[int, str, str]:
    args = ["rollup", "-d", str(city), "-p", "H1", "--to", str(province), "--as-of", AS_OF.isoformat()]
    proc = run_dkst(*args, "--lang", lang, *extra)
    return proc.returncode, proc.stdout, proc.stderr


def test_the_city_plan_goes_up_and_the_province_check_is_clean(tmp_path: Path, province: Path) -> None:
    assert unit_plan_findings(province) == ["missing-unit-plan units/tam-ky/plan.yaml"]
    city = city_with_number(tmp_path)
    code, out, err = rollup(city, province)
    assert code == 0, err
    assert "units/tam-ky/plan.yaml" in out and "rollup-plan" not in err
    written = (province / "units/tam-ky/plan.yaml").read_text(encoding="utf-8")
    assert f"number: {NUMBER}" in written and f"issued: {ISSUED}" in written
    assert "title: Triển khai thực hiện Phong trào" in written and "signer: Chủ tịch Nguyễn Ba" in written
    assert unit_plan_findings(province) == []
    errors = [f for f in check(province, AS_OF).result.findings if f.level.name == "ERROR"]
    assert errors == []
    # a second run leaves it as it is
    code, out, _ = rollup(city, province)
    assert code == 0 and re.search(r"không đổi: units/tam-ky/plan\.yaml", out), out


def test_a_unit_plan_the_province_typed_is_left_alone(tmp_path: Path, province: Path) -> None:
    typed = province / "units/tam-ky/plan.yaml"
    typed.parent.mkdir(parents=True)
    typed.write_text(f"number: {NUMBER}\nissued: {ISSUED}\nreceived: 2023-03-05\n", encoding="utf-8")
    code, out, err = rollup(city_with_number(tmp_path), province)
    assert code == 0, err
    assert "plan.yaml" not in out
    assert typed.read_text(encoding="utf-8").endswith("received: 2023-03-05\n")


@pytest.mark.parametrize(("lang", "words"), [("vi", "ghi số, ký hiệu (number)"), ("en", "write the plan's number")])
def test_a_plan_without_number_says_what_to_write(province: Path, lang: str, words: str) -> None:
    code, out, err = rollup(CITY, province, lang=lang)
    assert code == 0, err
    assert "units/tam-ky/plan.yaml" not in out
    line = next(ln for ln in err.splitlines() if "missing-unit-plan" in ln)
    assert words in line and "number, issued" in line and "tam-ky" in line
    assert unit_plan_findings(province) == ["missing-unit-plan units/tam-ky/plan.yaml"]


def test_no_warning_where_the_province_requires_no_unit_plan(tmp_path: Path) -> None:
    dest = tmp_path / "tinh"
    shutil.copytree(PROVINCE, dest)
    shutil.rmtree(dest / "units" / "tam-ky")
    code, _, err = rollup(CITY, dest)
    assert code == 0 and "missing-unit-plan" not in err


# ---------------------------------------------------------------- init


def test_init_writes_the_parent_and_previous_blocks_commented(tmp_path: Path) -> None:
    root = tmp_path / "kh-2025"
    proc = run_dkst("init", str(root), "--year", "2025")
    assert proc.returncode == 0, proc.stderr
    text = (root / "plan.yaml").read_text(encoding="utf-8")
    for block in ("# parent:\n#   unit: ", "# previous:\n#   data: ../ke-hoach-2024"):
        assert block in text, block
    assert "\nparent:" not in text and "\nprevious:" not in text
    # uncommented as the comments say, the parent block is what check reads without a finding on it
    lines = text.splitlines()
    start = lines.index("# parent:")
    for i in range(start, start + 4):
        lines[i] = lines[i][2:]
    (root / "plan.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = run_dkst("check", "-d", str(root), "--as-of", "2025-03-01", "-f", "json")
    assert '"path": "plan.yaml"' not in proc.stdout, proc.stdout
