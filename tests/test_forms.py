"""``dkst form``: one workbook per unit that owes the report, with docs/format.md's defined names, and same bytes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.conftest import run_dkst

openpyxl = pytest.importorskip("openpyxl")
pytest.importorskip("xlsxwriter")

NAMES = {
    "dkst_unit",
    "dkst_period",
    "submitted",
    "number",
    "signer",
    "highlights",
    "limitations",
    "proposals",
    "commendations",
    "models",
}


def _form(data: Path, *args: str) -> tuple[int, str, str]:
    proc = run_dkst("form", "--data", str(data), "--as-of", "2023-05-20", *args)
    assert "Traceback" not in proc.stderr
    return proc.returncode, proc.stdout, proc.stderr


def test_one_form_per_owing_unit_with_defined_names(sample: Path) -> None:
    code, out, err = _form(sample, "--period", "H1")
    assert code == 0, err
    folder = sample / "out" / "phieu-H1"
    files = sorted(p.name for p in folder.iterdir())
    assert "tam-thanh-H1.xlsx" not in files  # exempt from the H1 report
    assert "thanh-pho-H1.xlsx" not in files  # the city owes no report
    assert "an-my-H1.xlsx" in files and len(out.splitlines()) == len(files)
    wb = openpyxl.load_workbook(folder / "an-my-H1.xlsx")
    names = set(wb.defined_names)
    indicators = {"propaganda_sessions", "propaganda_participants", "forums", "ideas", "supervisions", "critiques"}
    assert NAMES | {f"ind_{i}" for i in indicators} <= names
    assert "dkst_plan" in names
    values = {}
    for name in ("dkst_unit", "dkst_period"):
        ((sheet, coord),) = list(wb.defined_names[name].destinations)
        values[name] = wb[sheet][coord.replace("$", "")].value
    assert values == {"dkst_unit": "an-my", "dkst_period": "H1"}
    form = wb["Báo cáo"]
    assert wb.sheetnames[:2] == ["Báo cáo", "Hướng dẫn"] and wb["dkst"].sheet_state == "hidden"
    assert form.protection.sheet and not form.protection.password
    assert form.page_setup.paperSize in (9, "9")
    rules = form.data_validations.dataValidation
    kinds = [dv for dv in rules if dv.type == "list" and "tập thể" in (dv.formula1 or "")]
    assert kinds and "cá nhân" in kinds[0].formula1
    whole = [dv for dv in rules if dv.type == "whole"]
    assert whole and whole[0].formula1 == "0" and whole[0].formula2 == "999999999999" and whole[0].prompt
    ((sheet, coord),) = list(wb.defined_names["ind_forums"].destinations)
    cell = wb[sheet][coord.replace("$", "")]
    assert cell.protection.locked is False and cell.font.name == "Times New Roman"
    assert wb["dkst"]["B1"].value  # the dataset marker
    texts = " ".join(str(c.value) for row in form.iter_rows() for c in row if c.value)
    assert "Ủy ban MTTQ Việt Nam phường An Mỹ" in texts and "04/6/2023" in texts and "mttq.tk@gmail.com" in texts
    assert "Tuyên truyền về Phong trào" in texts and "khu-pho-chuyen-doi-so" in texts


def test_same_bytes_twice_and_force(sample: Path, tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    assert _form(sample, "--period", "Y", "--unit", "an-my", "--output", str(a))[0] == 0
    assert _form(sample, "--period", "Y", "--unit", "an-my", "--output", str(b))[0] == 0
    assert (a / "an-my-Y.xlsx").read_bytes() == (b / "an-my-Y.xlsx").read_bytes()
    code, _, err = _form(sample, "--period", "Y", "--unit", "an-my", "--output", str(a))
    assert code == 2 and "--force" in err and err.count("\n") == 1
    assert _form(sample, "--period", "Y", "--unit", "an-my", "--output", str(a), "--force")[0] == 0


def test_build_is_deterministic_in_process() -> None:
    from dkst.checks.checker import prepare
    from dkst.sheets.forms.writer import build, form_spec

    ds = prepare(Path(__file__).resolve().parent.parent / "data").dataset
    one = build(form_spec(ds, "hoi-nong-dan", "H1", date(2023, 5, 20)))
    two = build(form_spec(ds, "hoi-nong-dan", "H1", date(2023, 5, 20)))
    assert one == two and one[:2] == b"PK"


def test_usage_errors_are_one_line(sample: Path) -> None:
    code, _, err = _form(sample, "--period", "Q7")
    assert code == 2 and "Q7" in err and err.count("\n") == 1
    code, _, err = _form(sample, "--period", "H1", "--unit", "an-mi")
    assert code == 2 and "an-my" in err and err.count("\n") == 1
    code, _, err = _form(sample, "--period", "H1", "--output", str(sample / "units" / "x"))
    assert code == 2 and err.count("\n") == 1


def test_remind_mentions_the_attached_form(sample: Path, tmp_path: Path) -> None:
    assert _form(sample, "--period", "H1", "--unit", "tam-thang")[0] == 0
    proc = run_dkst(
        "remind", "--data", str(sample), "--period", "H1", "--as-of", "2023-06-20", "--output", str(tmp_path / "nhac")
    )
    assert proc.returncode == 0, proc.stderr
    assert "tam-thang-H1.xlsx" in (tmp_path / "nhac" / "tam-thang.md").read_text(encoding="utf-8")
    others = [p for p in (tmp_path / "nhac").iterdir() if p.name != "tam-thang.md"]
    assert others and not any(".xlsx" in p.read_text(encoding="utf-8") for p in others)
