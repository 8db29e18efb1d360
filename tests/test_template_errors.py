"""Template errors of render and remind: one line naming template:line, in the chosen language."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BROKEN = {
    "syntax": ("# Báo cáo\n{% for u in units %}\n{{ u.name }\n", "sai cú pháp", "syntax error"),
    "undefined": ("# Báo cáo\n\n{{ khong_co.ten }}\n", "“khong_co”", "“khong_co”"),
    "sandbox": ("# Báo cáo\n\n{{ ().__class__.__bases__ }}\n", "không được phép", "not allowed"),
}


def run(argv: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    from dkst.cli.app import main

    monkeypatch.delenv("DKST_LANG", raising=False)
    monkeypatch.setattr(sys, "argv", ["dkst", *argv])
    with pytest.raises(SystemExit) as exc:
        main()
    return int(exc.value.code or 0), capsys.readouterr().err


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_template_error_in_both_languages(
    kind: str, sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    body, vi_words, en_words = BROKEN[kind]
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "report.md.j2").write_text(body, encoding="utf-8")
    argv = ["render", "--period", "H1", "--data", str(sample), "--as-of", "2023-11-30", "--template-dir", str(folder)]
    code, err = run(argv, monkeypatch, capsys)
    assert code == 1 and err.count("\n") == 1 and err.startswith("dkst: ")
    assert "report.md.j2:" in err and vi_words in err, err
    words = err.split("report.md.j2:", 1)[1]
    assert " the " not in words and "error" not in words and "undefined" not in words, err
    code, err = run([*argv, "--lang", "en"], monkeypatch, capsys)
    assert code == 1 and err.count("\n") == 1 and "report.md.j2:" in err and en_words in err, err


def test_missing_template(
    sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from dkst.documents.render import RenderError, find_template

    with pytest.raises(RenderError) as exc:
        find_template("nothing.md.j2", tmp_path, None)
    assert exc.value.text("vi").startswith("Không tìm thấy mẫu nothing.md.j2")
    assert exc.value.text("en").startswith("Template nothing.md.j2 not found")
