"""Files as Windows writes them are ordinary input (issue #10, item 2).

Notepad saves UTF-8 with a byte order mark and CRLF line ends; Word and many editors write CRLF. A dataset
written that way checks clean, and every finding of the per-code cases lands on the same line as with LF.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CASES as CASES_DIR
from tests.conftest import TODAY, check_json
from tests.test_check_codes import CASES


def windows(root: Path, bom: bool = True) -> int:
    """Rewrite every UTF-8 YAML file of ``root`` with CRLF line ends (and a BOM); the number rewritten."""
    count = 0
    for path in sorted(root.rglob("*.yaml")):
        raw = path.read_bytes()
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            continue  # a legacy-encoded case: left as it is
        raw = raw.removeprefix(b"\xef\xbb\xbf").replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
        path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + raw)
        count += 1
    return count


def findings(root: Path, as_of: str, monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    from dkst.checks.checker import check
    from dkst.checks.reporters import as_json

    monkeypatch.setenv("DKST_TODAY", TODAY)
    monkeypatch.setenv("DKST_NO_CACHE", "1")
    result: list[dict[str, Any]] = json.loads(as_json(check(root, date.fromisoformat(as_of)).result, "vi"))["findings"]
    return result


@pytest.mark.parametrize("bom", [True, False])
def test_a_notepad_dataset_checks_clean(valid: Path, bom: bool) -> None:
    assert windows(valid, bom) >= 5
    doc = check_json(valid, "2023-12-20")
    assert doc["findings"] == []


def test_the_sample_dataset_in_crlf_with_bom(sample: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    as_of = "2024-01-15"
    before = findings(sample, as_of, monkeypatch)
    windows(sample)
    assert findings(sample, as_of, monkeypatch) == before


@pytest.mark.parametrize("code", sorted(c for c, case in CASES.items() if case[3] is not None))
def test_findings_keep_their_lines(code: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    breaker, as_of, path, line = CASES[code]
    root = tmp_path / "ds"
    shutil.copytree(CASES_DIR / "valid", root)
    breaker(root)
    windows(root)
    hits = [f for f in findings(root, as_of, monkeypatch) if f["code"] == code]
    assert any(f["path"] == path and f["line"] == line for f in hits), hits


def test_a_bom_is_not_part_of_the_first_key(valid: Path) -> None:
    report = valid / "units/an-my/reports/H1.yaml"
    report.write_bytes(b"\xef\xbb\xbf" + report.read_bytes().replace(b"\n", b"\r\n"))
    doc = check_json(valid, "2023-12-20", "--lang", "en")
    assert doc["findings"] == []
    report.write_bytes(b"\xef\xbb\xbfsubmited: 2023-06-04\r\n")
    doc = check_json(valid, "2023-12-20", "--lang", "en")
    hits = [f for f in doc["findings"] if f["code"] == "unknown-field"]
    assert hits and hits[0]["line"] == 1 and "\ufeff" not in hits[0]["message"]
