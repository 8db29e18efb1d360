"""Messages that say what to do (#22, point 4), in both languages: a unit or words where a number belongs, another
unit's model cited, a non-ASCII id, a report whose ``submitted`` year is mistyped, and every written output named."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from dkst.counts import CountError, parse_count
from tests.conftest import check_json, run_dkst

AS_OF = "2023-12-20"


def messages(data: Path, lang: str, unit: str | None = None, code: str | None = None) -> list[str]:
    found: list[dict[str, Any]] = check_json(data, AS_OF, "--lang", lang)["findings"]
    return [f["message"] for f in found if (unit is None or f["unit"] == unit) and (code is None or f["code"] == code)]


def set_line(path: Path, pattern: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    changed = re.sub(pattern, new, text, count=1, flags=re.M)
    assert changed != text, pattern
    path.write_text(changed, encoding="utf-8")


# ---------------------------------------------------------------- a number with words


@pytest.mark.parametrize(
    ("value", "reason", "suggestion", "words"),
    [
        ("12 người", "count_words", "12", "người"),
        ("khoảng 1.200 lượt", "count_words", "1200", "khoảng lượt"),
        ("12", "count_quoted", "12", None),
        ("1.000", "count_separator", "1000", None),
        ("-5", "count", None, None),
        ("12.5", "count", None, None),
        ("mười hai", "count", None, None),
    ],
)
def test_count_reasons(value: str, reason: str, suggestion: str | None, words: str | None) -> None:
    with pytest.raises(CountError) as info:
        parse_count(value)
    assert (info.value.reason, info.value.suggestion, info.value.words) == (reason, suggestion, words)


@pytest.mark.parametrize(
    ("typed", "lang", "expected"),
    [
        ("12 người", "vi", "chỉ ghi số, bỏ chữ “người”; viết 12"),
        ("12 người", "en", "write the number alone, without “người”: 12"),
        ('"12"', "vi", "đang là chữ (trong dấu nháy), không phải số; viết 12, không có dấu nháy"),
        ('"12"', "en", "is text (in quotes), not a number; write 12 without quotes"),
    ],
)
def test_words_where_a_number_belongs(sample: Path, typed: str, lang: str, expected: str) -> None:
    set_line(sample / "units/an-my/reports/H1.yaml", r"^  propaganda_sessions: .*$", f"  propaganda_sessions: {typed}")
    found = messages(sample, lang, "an-my", "invalid-value")
    assert len(found) == 1 and found[0].endswith(expected), found


# ---------------------------------------------------------------- another unit's model


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("vi", "mà là mô hình của đơn vị “an-phu” (units/an-phu/models/nam-sach.yaml)"),
        ("en", "it is a model of unit “an-phu” (units/an-phu/models/nam-sach.yaml)"),
    ],
)
def test_another_units_model_says_whose(sample: Path, lang: str, words: str) -> None:
    set_line(sample / "units/an-my/reports/H1.yaml", r"^models: \[khu-pho-chuyen-doi-so\]", "models: [nam-sach]")
    found = messages(sample, lang, "an-my", "unknown-ref")
    assert len(found) == 1, found
    assert words in found[0] and "replicated_from: an-phu/nam-sach" in found[0]
    assert "?" not in found[0]  # no guess at a near id of an-my's own


# ---------------------------------------------------------------- a non-ASCII id


@pytest.mark.parametrize(("lang", "words"), [("vi", "; viết tan-uoc"), ("en", "; write tan-uoc")])
def test_a_non_ascii_id_gets_its_slug(sample: Path, lang: str, words: str) -> None:
    with (sample / "units.yaml").open("a", encoding="utf-8") as f:
        f.write("  - id: tân-ước\n    name: Ủy ban MTTQ Việt Nam xã Tân Ước\n    kind: commune\n")
    (sample / "units" / "tân-ước" / "reports").mkdir(parents=True)
    found = [m for m in messages(sample, lang) if "tân-ước" in m]
    assert len(found) == 1 and found[0].endswith(words), found
    assert "thanh-pho" not in found[0]


def test_new_refuses_the_same_id_with_the_same_slug(sample: Path) -> None:
    proc = run_dkst("new", "model", "an-my", "tân-ước", "--name", "x", "-d", str(sample))
    assert proc.returncode == 2 and "tan-uoc" in proc.stderr, proc.stderr


# ---------------------------------------------------------------- a mistyped year


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("vi", "tệp units/an-phu/reports/H1.yaml có submitted: 30/5/2026, sau ngày xét, nên chưa được tính: "
         "nếu gõ nhầm năm, sửa thành 30/5/2023"),
        ("en", "units/an-phu/reports/H1.yaml is there with submitted: 30/5/2026, after the as-of day, so it does "
         "not count yet: if the year is a typo, write 30/5/2023"),
    ],
)  # fmt: skip
def test_a_mistyped_year_names_the_file(sample: Path, lang: str, words: str) -> None:
    set_line(sample / "units/an-phu/reports/H1.yaml", r"^submitted: 30/5/2023", "submitted: 30/5/2026")
    found = messages(sample, lang, "an-phu", "missing-report")
    assert len(found) == 1 and found[0].endswith(words), found


def test_time_travel_gives_no_year_hint(sample: Path) -> None:
    """As of a day before a report came in, its file is there with a later day of the same year: no typo."""
    found = check_json(sample, "2023-06-01")["findings"]
    assert not [f for f in found if "gõ nhầm năm" in f["message"]]


# ---------------------------------------------------------------- every written output named


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (["aggregate", "-p", "H1", "-f", "xlsx"], "a.xlsx"),
        (["aggregate", "-p", "H1", "-f", "csv"], "a.csv"),
        (["aggregate", "-p", "H1", "-f", "md"], "a.md"),
        (["render", "-p", "H1", "-f", "md"], "r.md"),
        (["render", "-p", "H1", "-f", "docx"], "r.docx"),
        (["remind", "-p", "H1"], "nhac"),
        (["form", "-p", "Y"], "phieu"),
        (["schema"], "schema"),
    ],
)
def test_every_command_that_writes_names_what_it_wrote(
    sample: Path, tmp_path: Path, args: list[str], name: str
) -> None:
    target = tmp_path / "out" / name
    proc = run_dkst(*args, "-d", str(sample), "--as-of", AS_OF, "-o", str(target))
    assert proc.returncode == 0, proc.stderr
    assert str(target) in proc.stdout + proc.stderr, (proc.stdout, proc.stderr)


# ---------------------------------------------------------------- dates answered in the dataset's year


@pytest.mark.parametrize(("lang", "words"), [("vi", "viết 2022-06-02 hoặc 02/06/2022"), ("en", "write 2022-06-02")])
def test_a_date_check_cannot_read_gets_examples_of_the_datasets_year(tmp_path: Path, lang: str, words: str) -> None:
    root = tmp_path / "kh-2022"
    assert run_dkst("init", str(root), "--year", "2022").returncode == 0
    assert run_dkst("new", "report", "an-my", "H1", "--submitted", "2022-05-01", "-d", str(root)).returncode == 0
    set_line(root / "units/an-my/reports/H1.yaml", r"^submitted: .*$", "submitted: 2022.13.01")
    found = [f["message"] for f in check_json(root, "2022-06-01", "--lang", lang)["findings"] if f["unit"] == "an-my"]
    assert any(words in m for m in found), found
