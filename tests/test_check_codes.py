"""One minimal broken dataset per finding code, through the installed ``dkst check``.

Each case starts from ``tests/cases/valid`` (no finding as of 2023-12-20), breaks one thing, and expects
the code at a path and line. A code without a case fails ``test_every_code_has_a_case``.
"""

from __future__ import annotations

import hashlib
import os
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

from dkst.findings import CODES
from tests.conftest import check_json, run_dkst

H1 = "units/an-my/reports/H1.yaml"


def write(root: Path, rel: str, content: str | bytes) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)


def replace(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def cp1258(text: str) -> bytes:
    """Windows-1258 as Word writes it: base letters with â ê ô ă ơ ư, tones as combining marks."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFD", text):
        if not unicodedata.combining(ch):
            out.append(ch)
        elif ch in "\u0302\u0306\u031b":
            base, tones = out[-1][0], out[-1][1:]
            out[-1] = unicodedata.normalize("NFC", base + ch) + tones
        else:
            out[-1] += ch
    return "".join(out).encode("cp1258")


def last_year(root: Path) -> None:
    """A copy of the dataset one year back in ``nam-2022/``, named by plan.yaml's ``previous``, with an-my's H1
    sessions at 1 (this year 10) and ``max_change: 3`` on them: a ``jump``."""
    last = root / "nam-2022"
    for path in sorted(root.rglob("*.yaml")):
        write(last, path.relative_to(root).as_posix(), path.read_text(encoding="utf-8").replace("2023", "2022"))
    replace(last, H1, "propaganda_sessions: 10", "propaganda_sessions: 1")
    replace(root, "plan.yaml", "    unit: buổi\n", "    unit: buổi\n    max_change: 3\n")
    with (root / "plan.yaml").open("a", encoding="utf-8") as f:
        f.write("previous:\n  data: nam-2022\n")


# code -> (break the dataset, as-of, expected path, expected line)
Case = tuple[Callable[[Path], None], str, str, int | None]
CASES: dict[str, Case] = {
    "encoding": (
        lambda r: write(r, H1, cp1258("submitted: 2023-06-04\nhighlights: Việt Nam đoàn kết sáng tạo\n")),
        "2023-12-20",
        H1,
        2,
    ),
    "yaml-syntax": (lambda r: write(r, H1, "submitted: 2023-06-04\nindicators: [1, 2\n"), "2023-12-20", H1, 2),
    "yaml-alias": (lambda r: write(r, H1, "submitted: &d 2023-06-04\nnumber: *d\n"), "2023-12-20", H1, 1),
    "duplicate-key": (lambda r: write(r, H1, "submitted: 2023-06-04\nnumber: a\nnumber: b\n"), "2023-12-20", H1, 3),
    "file-too-large": (
        lambda r: write(r, H1, "submitted: 2023-06-04\nhighlights: " + "x" * (1 << 20) + "\n"),
        "2023-12-20",
        H1,
        None,
    ),
    "missing-field": (lambda r: write(r, H1, "number: 12/BC\n"), "2023-12-20", H1, 1),
    "unknown-field": (lambda r: replace(r, H1, "models:", "modles:"), "2023-12-20", H1, 5),
    "invalid-value": (
        lambda r: replace(r, H1, "propaganda_participants: 700", "propaganda_participants: 1.000"),
        "2023-12-20",
        H1,
        4,
    ),
    "unknown-ref": (lambda r: replace(r, H1, "models: [cho-so]", "models: [cho-s0]"), "2023-12-20", H1, 5),
    "duplicate-id": (
        lambda r: replace(
            r, "units.yaml", "  - id: an-my", "  - id: hoi-nong-dan\n    name: X\n    kind: member\n  - id: an-my"
        ),
        "2023-12-20",
        "units.yaml",
        8,
    ),
    "invalid-rule": (
        lambda r: replace(
            r,
            "plan.yaml",
            "expr: propaganda_participants >= propaganda_sessions",
            "expr: __import__('os').system('true')",
        ),
        "2023-12-20",
        "plan.yaml",
        48,
    ),
    "missing-file": (lambda r: (r / "units.yaml").unlink(), "2023-12-20", "units.yaml", None),
    "future-date": (lambda r: replace(r, H1, "submitted: 2023-06-04", "submitted: 2099-06-04"), "2023-12-20", H1, 1),
    "suspicious-date": (
        lambda r: replace(r, H1, "submitted: 2023-06-04", "submitted: 2022-06-04"),
        "2023-12-20",
        H1,
        1,
    ),
    "stray-file": (
        lambda r: write(r, "units/an-my/reports/h1.yaml", "submitted: 2023-06-04\n"),
        "2023-12-20",
        "units/an-my/reports/h1.yaml",
        None,
    ),
    "missing-report": (
        lambda r: (r / "units/hoi-nong-dan/reports/Y.yaml").unlink(),
        "2023-12-20",
        "units/hoi-nong-dan/reports/Y.yaml",
        None,
    ),
    "late-report": (lambda r: replace(r, H1, "submitted: 2023-06-04", "submitted: 2023-06-05"), "2023-12-20", H1, 1),
    "late-unit-plan": (
        lambda r: replace(r, "units/an-my/plan.yaml", "issued: 2023-02-20", "issued: 2023-02-20\nreceived: 2023-04-10"),
        "2023-12-20",
        "units/an-my/plan.yaml",
        3,
    ),
    "missing-model": (
        lambda r: (r / "units/an-my/models/cho-so.yaml").unlink(),
        "2024-01-10",
        "units/an-my/models",
        None,
    ),
    "missing-unit-plan": (
        lambda r: (r / "units/an-my/plan.yaml").unlink(),
        "2023-12-20",
        "units/an-my/plan.yaml",
        None,
    ),
    "rule-failed": (
        lambda r: replace(r, H1, "propaganda_participants: 700", "propaganda_participants: 7"),
        "2023-12-20",
        H1,
        2,
    ),
    "inconsistent-date": (
        lambda r: replace(
            r, "units/an-my/models/cho-so.yaml", "started: 2023-03-01", "started: 2023-03-01\ncompleted_on: 2023-02-01"
        ),
        "2023-12-20",
        "units/an-my/models/cho-so.yaml",
        4,
    ),
    "not-counted": (
        lambda r: replace(r, "units/an-my/models/cho-so.yaml", "started: 2023-03-01", "started: 2022-03-01"),
        "2023-12-20",
        "units/an-my/models/cho-so.yaml",
        3,
    ),
    "jump": (last_year, "2023-12-20", H1, 3),
    "pending-report": (lambda r: None, "2023-05-01", H1, None),
    "pending-model": (lambda r: None, "2023-02-01", "units/an-my/models", None),
    "pending-unit-plan": (lambda r: None, "2023-02-01", "units/an-my/plan.yaml", None),
}


def test_every_code_has_a_case() -> None:
    assert set(CASES) == set(CODES)


def test_valid_dataset_has_no_finding(valid: Path) -> None:
    doc = check_json(valid, "2023-12-20")
    assert doc["findings"] == []
    assert doc["summary"] == {"error": 0, "warning": 0, "info": 0}


def _tree_digest(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        digest.update(str(path.relative_to(root)).encode())
        if path.is_file() and not path.is_symlink():
            digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.mark.parametrize("code", sorted(CASES))
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_code(valid: Path, code: str, lang: str) -> None:
    breaker, as_of, path, line = CASES[code]
    breaker(valid)
    before = _tree_digest(valid)
    doc = check_json(valid, as_of, "--lang", lang)
    assert _tree_digest(valid) == before, "dkst check changed a file"
    hits = [f for f in doc["findings"] if f["code"] == code]
    assert hits, doc["findings"]
    assert any(f["path"] == path and f["line"] == line for f in hits), hits
    for f in hits:
        assert f["severity"] == CODES[code].label or code == "rule-failed"
        assert f["message"] and "{" not in f["message"]


def test_exit_codes(valid: Path) -> None:
    assert run_dkst("check", "--data", str(valid), "--as-of", "2023-12-20").returncode == 0
    replace(valid, H1, "submitted: 2023-06-04", "submitted: 2023-06-05")  # a warning only
    assert run_dkst("check", "--data", str(valid), "--as-of", "2023-12-20").returncode == 0
    assert (
        run_dkst("check", "--data", str(valid), "--as-of", "2023-12-20", "--strict", process=True).returncode == 1
    )  # end to end
    write(valid, H1, "submitted: [\n")
    assert run_dkst("check", "--data", str(valid), "--as-of", "2023-12-20").returncode == 1


@pytest.mark.parametrize(
    "args",
    [
        ["--data", "/nonexistent/dkst"],
        ["--as-of", "31/02/2023"],
        ["--as-of", "2023/06/02"],
        ["--lang", "fr"],
        ["--format", "xml"],
    ],
)
def test_usage_errors_exit_2(valid: Path, args: list[str]) -> None:
    full = ["check", *(["--data", str(valid)] if "--data" not in args else []), *args]
    proc = run_dkst(*full)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr


def test_folder_without_plan_is_not_a_dataset(tmp_path: Path) -> None:
    proc = run_dkst("check", "--data", str(tmp_path))
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "plan.yaml" in proc.stderr


def test_dataset_found_from_inside(valid: Path) -> None:
    inside = valid / "units" / "an-my"
    proc = run_dkst("check", "--as-of", "2023-12-20", "--format", "json", cwd=inside)
    assert proc.returncode == 0, proc.stderr
    assert '"findings": []' in proc.stdout
    env_proc = run_dkst("check", "--as-of", "2023-12-20", cwd=valid.parent, env={"DKST_DATA": str(valid)})
    assert env_proc.returncode == 0


@pytest.mark.parametrize(
    ("payload", "guess"),
    [
        (b"submitted: 2023-06-04\nhighlights: \xa7o\xb5n k\xd5t s\xb8ng t\xb9o\n", "TCVN3"),
        (b"submitted: 2023-06-04\nhighlights: \xd1oa\xf8n ke\xe1t sa\xf9ng ta\xefo\n", "VNI"),
        (cp1258("submitted: 2023-06-04\nhighlights: Đoàn kết sáng tạo, Việt Nam\n"), "Windows-1258"),
        ("submitted: 2023-06-04\n".encode("utf-16"), "UTF-16"),
    ],
)
def test_legacy_encodings_are_named(valid: Path, payload: bytes, guess: str) -> None:
    write(valid, H1, payload)
    for lang in ("vi", "en"):
        doc = check_json(valid, "2023-12-20", "--lang", lang)
        hits = [f for f in doc["findings"] if f["code"] == "encoding"]
        assert len(hits) == 1 and guess in hits[0]["message"], hits


def test_bom_and_decomposed_text_are_accepted(valid: Path) -> None:
    text = "submitted: 2023-06-04\nhighlights: " + unicodedata.normalize("NFD", "Đoàn kết") + "\n"
    write(valid, H1, b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert check_json(valid, "2023-12-20")["findings"] == []


def test_symlink_out_of_dataset_is_not_followed(valid: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("submitted: [broken\n", encoding="utf-8")
    os.symlink(secret, valid / "units/an-my/reports/Y2.yaml")
    os.symlink(tmp_path, valid / "units/an-my/models/linked")
    doc = check_json(valid, "2023-12-20")
    codes = {(f["code"], f["path"]) for f in doc["findings"]}
    assert ("stray-file", "units/an-my/reports/Y2.yaml") in codes
    assert ("stray-file", "units/an-my/models/linked") in codes
    assert not any(f["code"] == "yaml-syntax" for f in doc["findings"])


def test_unknown_field_suggests_nearest(valid: Path) -> None:
    replace(valid, H1, "models:", "modles:")
    doc = check_json(valid, "2023-12-20", "--lang", "en")
    (hit,) = [f for f in doc["findings"] if f["code"] == "unknown-field"]
    assert "models" in hit["message"]


def test_x_keys_are_kept_and_ignored(valid: Path) -> None:
    replace(valid, H1, "models:", "x-ghi-chu: bản chụp kèm theo\nmodels:")
    assert check_json(valid, "2023-12-20")["findings"] == []


def test_alias_bomb_is_refused_quickly(valid: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]" for i in range(1, 30)]
    write(valid, H1, "\n".join(lines) + "\n")
    doc = check_json(valid, "2023-12-20")
    assert any(f["code"] == "yaml-alias" for f in doc["findings"])


def test_deep_nesting_is_a_finding(valid: Path) -> None:
    write(valid, H1, "submitted: 2023-06-04\nhighlights: " + "[" * 5000 + "]" * 5000 + "\n")
    doc = check_json(valid, "2023-12-20")
    assert any(f["code"] in ("yaml-syntax", "invalid-value") and f["path"] == H1 for f in doc["findings"])


def test_broken_plan_parts_leave_the_rest(valid: Path) -> None:
    replace(valid, "plan.yaml", "    due_by: 2023-12-04", "    due_by: 2023-12-04\n    due_before: 2023-12-05")
    doc = check_json(valid, "2023-12-20")
    codes = [(f["code"], f["path"]) for f in doc["findings"]]
    assert ("invalid-value", "plan.yaml") in codes
    # the broken period Y is left out; H1 is still judged
    replace(valid, H1, "submitted: 2023-06-04", "submitted: 2023-06-06")
    doc = check_json(valid, "2023-12-20")
    assert any(f["code"] == "late-report" and f["period"] == "H1" for f in doc["findings"])
    assert not any(f["period"] == "Y" and f["code"].endswith("-report") for f in doc["findings"])


def test_exemption(valid: Path) -> None:
    replace(
        valid,
        "units.yaml",
        "    x-note: kept and ignored",
        "    exempt:\n      report-y: Thay đổi nhân sự\n      report-q: sai\n      model-2023:\n",
    )
    (valid / "units/an-my/reports/Y.yaml").unlink()
    doc = check_json(valid, "2023-12-20")
    codes = {(f["code"], f["line"]) for f in doc["findings"]}
    assert ("unknown-ref", 13) in codes  # report-q names no requirement
    assert ("invalid-value", 14) in codes  # an empty reason
    assert not any(f["code"] == "missing-report" for f in doc["findings"])


def test_binary_file_gets_no_encoding_guess(valid: Path) -> None:
    import random

    noise = bytes(random.Random(7).randrange(256) for _ in range(400))
    write(valid, H1, noise)
    doc = check_json(valid, "2023-12-20", "--lang", "en")
    hits = [f for f in doc["findings"] if f["code"] == "encoding"]
    assert len(hits) == 1
    assert not any(name in hits[0]["message"] for name in ("TCVN3", "VNI", "Windows-1258", "UTF-16"))
