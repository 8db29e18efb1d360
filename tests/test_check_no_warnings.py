"""``dkst check --no-warnings``, English plurals, and render's warning before the deadline."""

from __future__ import annotations

import json
import sys

import pytest

from dkst.findings import finding_message, make
from dkst.i18n import fill, text


def run(argv: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    from dkst.cli.app import main
    from tests.conftest import REPO, TODAY

    monkeypatch.chdir(REPO)
    monkeypatch.setenv("DKST_TODAY", TODAY)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("DKST_LANG", raising=False)
    monkeypatch.setattr(sys, "argv", ["dkst", *argv])
    with pytest.raises(SystemExit) as exc:
        main()
    out, err = capsys.readouterr()
    return int(exc.value.code or 0), out, err


def test_no_warnings_text(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    base = ["check", "--data", "data", "--as-of", "2023-11-30"]
    code_all, full, _ = run(base, monkeypatch, capsys)
    code, out, _ = run([*base, "--no-warnings"], monkeypatch, capsys)
    assert code == code_all
    assert "cảnh báo  [" in full and "cảnh báo  [" not in out and "thông tin  [" not in out
    summary = [line for line in full.splitlines() if line.startswith("Đã kiểm tra")]
    assert summary and summary[0] in out  # the summary still counts every finding
    assert out.rstrip().splitlines()[-1].startswith("Không hiện ")


def test_no_warnings_json(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    base = ["check", "--data", "data", "--as-of", "2023-11-30", "--format", "json"]
    full = json.loads(run(base, monkeypatch, capsys)[1])
    only = json.loads(run([*base, "--no-warnings"], monkeypatch, capsys)[1])
    assert only["summary"] == full["summary"]
    assert only["findings"] == [f for f in full["findings"] if f["severity"] == "error"]


def test_english_plurals() -> None:
    assert fill("{n:day|days}", n=1) == "1 day" and fill("{n:day|days}", n=2) == "2 days"
    assert fill("{n:day|days}", n=0) == "0 days"
    late = make(
        "late-report",
        "units/a/reports/H1.yaml",
        1,
        unit_name="A",
        period_name="H1",
        submitted="x",
        deadline="y",
        days_late=1,
    )
    assert "1 day late" in finding_message(late, "en") and "trễ 1 ngày" in finding_message(late, "vi")
    assert text("summary", "en", files=1, error=1, warning=2, info=0) == "Checked 1 file: 1 error, 2 warnings, 0 info."
    assert text("reminded", "en", count=1, period="H1") == "Wrote 1 reminder for period H1."


@pytest.mark.parametrize(
    ("as_of", "words"),
    [
        ("2023-06-01", "Số liệu tạm tính: còn 13 đơn vị chưa đến hạn gửi báo cáo (hạn cuối: 04/6/2023)"),
        ("2023-06-20", None),
    ],
)
def test_render_warns_when_provisional(
    as_of: str, words: str | None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["render", "--period", "H1", "--data", "data", "--as-of", as_of], monkeypatch, capsys)
    assert code == 0 and out  # the report is written all the same
    if words:
        err = "".join(line for line in err.splitlines(keepends=True) if "narrative" not in line)  # gaps: #21
        assert err.count("\n") == 1 and "tạm tính" in err and words in err
    else:
        assert "tạm tính" not in err
