"""#22 point 2 and #21 point 7 on the form: new models by name, the models drop-downs, forms only for the units
still owing unless ``--all``, names where ids were, and the form's own words in English under ``--lang en``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run_dkst

openpyxl = pytest.importorskip("openpyxl")
pytest.importorskip("xlsxwriter")

AS_OF = "2023-12-06"  # eleven units have sent the Y report by then, seven have not


def _form(data: Path, *args: str) -> tuple[int, str, str]:
    proc = run_dkst("form", "--data", str(data), "--as-of", AS_OF, *args)
    assert "Traceback" not in proc.stderr
    return proc.returncode, proc.stdout, proc.stderr


def _target(wb: Any, name: str) -> tuple[Any, str]:
    ((sheet, coord),) = list(wb.defined_names[name].destinations)
    return wb[sheet], coord.replace("$", "")


def _fill(src: Path, dst: Path, models: list[tuple[Any, ...]], **values: Any) -> None:
    wb = openpyxl.load_workbook(src)
    for name, value in values.items():
        ws, coord = _target(wb, name)
        ws[coord] = value
    ws, area = _target(wb, "models")
    first = ws[area.split(":")[0]]
    for i, row in enumerate(models, 1):
        for j, value in enumerate(row):
            if value is not None:
                ws.cell(first.row + i, first.column + j, value)
    wb.save(dst)


def test_forms_only_for_units_still_owing_unless_all(sample: Path) -> None:
    code, out, err = _form(sample, "-p", "Y")
    assert code == 0, err
    written = {Path(line).name for line in out.splitlines()}
    assert "an-son-Y.xlsx" in written and "tam-thang-Y.xlsx" in written
    assert "an-my-Y.xlsx" not in written and "hoi-nong-dan-Y.xlsx" not in written  # they have reported
    assert "Không lập phiếu cho 11 đơn vị đã gửi báo cáo kỳ Y" in err and "phường An Mỹ" in err and "--all" in err
    code, out, err = _form(sample, "-p", "Y", "--all", "-o", str(sample / "out" / "all"))
    assert code == 0, err
    assert "an-my-Y.xlsx" in out and "Không lập phiếu" not in err
    assert len(out.splitlines()) == 18


def test_every_unit_reported_says_so(sample: Path) -> None:
    code, _, err = _form(sample, "-p", "H1", "--as-of", "2026-12-01", "--lang", "en")
    # as of 2026 every H1 report that came in has come in; the rest are still owing
    assert code == 0 and "No form for" in err


def test_new_models_by_name_are_registered(sample: Path, tmp_path: Path) -> None:
    assert _form(sample, "-p", "Y", "--unit", "an-son")[0] == 0
    blank = sample / "out" / "phieu-Y" / "an-son-Y.xlsx"
    filled = tmp_path / "an-son-Y.xlsx"
    rows = [
        ("Vườn rau sạch", None, None, None),  # a name typed where an id belongs
        (None, "Tuyến phố văn minh", "đang triển khai", dt.datetime(2023, 3, 2)),
        (None, "Con", None, None),  # a Windows device name as a slug
        ("phan-loai-rac", None, None, None),  # an existing model chosen from the list
        (None, "Tuyến phố văn minh", None, None),  # the same new model twice is one file
    ]
    _fill(blank, filled, rows, submitted=dt.datetime(2023, 12, 5), ind_forums=3)
    (sample / "units" / "an-son" / "reports" / "Y.yaml").unlink()
    dry = run_dkst("import", "-d", str(sample), "--as-of", AS_OF, "--dry-run", str(filled))
    assert dry.returncode == 0, dry.stdout + dry.stderr
    models = sample / "units" / "an-son" / "models"
    assert not (models / "vuon-rau-sach.yaml").exists()
    assert "Mô hình mới sẽ được đăng ký: units/an-son/models/vuon-rau-sach.yaml" in dry.stdout
    assert "units/an-son/models/mo-hinh-con.yaml" in dry.stdout and "chưa ghi tệp nào" in dry.stderr
    proc = run_dkst("import", "-d", str(sample), "--as-of", AS_OF, str(filled))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Mô hình mới đã đăng ký:" in proc.stdout
    for name in ("vuon-rau-sach", "tuyen-pho-van-minh", "mo-hinh-con"):
        assert (models / f"{name}.yaml").is_file()
    text = (models / "tuyen-pho-van-minh.yaml").read_text(encoding="utf-8")
    assert "name: Tuyến phố văn minh" in text and "status: in_progress" in text and "started: 2023-03-02" in text
    assert not (models / "tuyen-pho-van-minh-2.yaml").exists()
    report = (sample / "units" / "an-son" / "reports" / "Y.yaml").read_text(encoding="utf-8")
    for line in ("- vuon-rau-sach", "- tuyen-pho-van-minh", "- mo-hinh-con", "- phan-loai-rac"):
        assert line in report
    check = run_dkst("check", "-d", str(sample), "--as-of", AS_OF, "--no-warnings", "-f", "json")
    assert '"an-son/' not in check.stdout or "error" not in check.stdout.split("an-son")[1][:200]
    assert check.returncode == 0, check.stdout


def test_a_new_model_whose_id_is_taken_gets_another(sample: Path, tmp_path: Path) -> None:
    assert _form(sample, "-p", "Y", "--unit", "an-son")[0] == 0
    filled = tmp_path / "f.xlsx"
    _fill(sample / "out" / "phieu-Y" / "an-son-Y.xlsx", filled, [(None, "Phân loại rác", "đăng ký", None)])
    (sample / "units" / "an-son" / "reports" / "Y.yaml").unlink()
    proc = run_dkst("import", "-d", str(sample), "--as-of", AS_OF, str(filled))
    assert proc.returncode == 0, proc.stdout
    # "phan-loai-rac" is the id of another model of the unit, with another name
    assert (sample / "units" / "an-son" / "models" / "phan-loai-rac-2.yaml").is_file()


def test_a_bad_new_model_writes_nothing_and_names_the_cell(sample: Path, tmp_path: Path) -> None:
    assert _form(sample, "-p", "Y", "--unit", "an-son")[0] == 0
    filled = tmp_path / "f.xlsx"
    _fill(sample / "out" / "phieu-Y" / "an-son-Y.xlsx", filled, [(None, "Mô hình X", "hoàn thành", None)])
    (sample / "units" / "an-son" / "reports" / "Y.yaml").unlink()
    proc = run_dkst("import", "-d", str(sample), "--as-of", AS_OF, str(filled))
    assert proc.returncode == 1
    assert "Báo cáo!" in proc.stdout and "started" in proc.stdout
    assert not (sample / "units" / "an-son" / "models" / "mo-hinh-x.yaml").exists()
    assert not (sample / "units" / "an-son" / "reports" / "Y.yaml").exists()


def test_drop_downs_names_and_english(sample: Path) -> None:
    assert _form(sample, "-p", "Y", "--unit", "an-my", "--all")[0] == 0
    assert _form(sample, "-p", "Y", "--unit", "an-my", "--lang", "en", "-o", str(sample / "en"))[0] == 0
    vi = openpyxl.load_workbook(sample / "out" / "phieu-Y" / "an-my-Y.xlsx")
    en = openpyxl.load_workbook(sample / "en" / "an-my-Y.xlsx")
    assert set(vi.defined_names) == set(en.defined_names)
    for wb, lang in ((vi, "vi"), (en, "en")):
        ws, area = _target(wb, "models")
        first, last = (ws[c] for c in area.split(":"))
        assert last.column - first.column == 3  # model, name, status, started
        lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
        model_col = first.column_letter
        status_col = openpyxl.utils.get_column_letter(first.column + 2)
        assert any(str(dv.sqref).startswith(f"{model_col}{first.row + 1}") and "dkst" in dv.formula1 for dv in lists)
        status = [dv for dv in lists if str(dv.sqref).startswith(f"{status_col}{first.row + 1}")]
        assert status and ("đang triển khai" if lang == "vi" else "in progress") in status[0].formula1
        # the unit and the period are shown by name; their ids sit in a hidden column
        unit_ws, unit_cell = _target(wb, "dkst_unit")
        assert unit_ws[unit_cell].value == "an-my"
        assert unit_ws.column_dimensions[unit_cell.rstrip("0123456789")].hidden
        shown = [
            str(c.value)
            for row in unit_ws.iter_rows()
            for c in row
            if c.value is not None and not unit_ws.column_dimensions[c.column_letter].hidden
        ]
        assert "an-my" not in shown and "Y" not in shown
    texts = " ".join(str(c.value) for ws in en.worksheets for row in ws.iter_rows() for c in row if c.value)
    assert "REPORT FORM" in texts and "Reporting period: year 2023" in texts and "Instructions" in en.sheetnames
    assert "Kỳ báo cáo" not in texts and "Hướng dẫn" not in texts
    help_texts = " ".join(str(c.value) for row in vi["Hướng dẫn"].iter_rows() for c in row if c.value)
    assert "kỳ năm 2023" in help_texts and "kỳ Năm 2023" not in help_texts
