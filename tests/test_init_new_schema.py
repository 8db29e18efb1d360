"""dkst init, dkst new, dkst schema, shell completion and the progress helper (issue #5).

Commands run through the installed ``dkst`` as a clerk would; ``DKST_TODAY`` pins the real calendar.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dkst.load.dataset import parse_file
from dkst.load.schema import ModelRecord, Plan, Report, UnitPlan, UnitPlanRequirement, UnitsFile
from dkst.load.yamlio import parse_bytes
from dkst.scaffold.yamlwrite import yaml_scalar
from tests.conftest import run_dkst, whole

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "data"
TODAY = "2024-06-30"
KINDS = ("plan", "units", "unit-plan", "model", "report", "narrative")


def dkst(
    *args: str, cwd: Path | None = None, today: str = TODAY, process: bool | None = None, **env: str
) -> subprocess.CompletedProcess[str]:
    proc = run_dkst(*args, cwd=cwd, today=today, env=env, process=process)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def findings(data: Path, as_of: str, today: str = TODAY) -> dict[str, Any]:
    proc = dkst("check", "--data", str(data), "--as-of", as_of, "--format", "json", today=today)
    assert proc.returncode in (0, 1), proc.stderr
    result: dict[str, Any] = json.loads(proc.stdout)
    return result


def errors(data: Path, as_of: str, today: str = TODAY) -> list[dict[str, Any]]:
    return [f for f in findings(data, as_of, today)["findings"] if f["severity"] == "error"]


def one_line_error(proc: subprocess.CompletedProcess[str]) -> str:
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("dkst: ")
    return lines[0]


@pytest.fixture(scope="module")
def sample_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``dkst init --sample`` once for the module (read-only use)."""
    dest = tmp_path_factory.mktemp("sample") / "ds"
    proc = dkst("init", str(dest), "--sample")
    assert proc.returncode == 0, proc.stderr
    return dest


@pytest.fixture
def sample(tmp_path: Path, sample_copy: Path) -> Path:
    dest = tmp_path / "ds"
    shutil.copytree(sample_copy, dest)
    return dest


# ---------------------------------------------------------------- dkst init


def test_init_writes_a_clean_dataset(tmp_path: Path) -> None:
    dest = tmp_path / "dk-2024"
    proc = dkst("init", str(dest), "--year", "2024", process=True)  # end to end
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in dest.iterdir()) == sorted(
        [".gitignore", ".pre-commit-config.yaml", "README.md", "plan.yaml", "units.yaml", "templates"]
    )
    # the built-in templates, for the clerk to edit in Word (each language in its folder)
    assert sorted(p.relative_to(dest).as_posix() for p in (dest / "templates").rglob("*.*")) == [
        "templates/en/remind.docx",
        "templates/en/remind.md.j2",
        "templates/en/report.docx",
        "templates/en/report.md.j2",
        "templates/remind.docx",
        "templates/remind.md.j2",
        "templates/report.docx",
        "templates/report.html.j2",
        "templates/report.md.j2",
    ]
    assert "git init && git add . && git commit" in proc.stdout
    assert not (dest / ".git").exists()  # init does not run git
    for as_of in ("2024-01-01", "2024-06-20", "2024-12-31"):
        result = findings(dest, as_of)
        assert result["summary"]["error"] == 0, result
        assert result["summary"]["warning"] == 0 or as_of != "2024-01-01"  # nothing is due yet
    plan = whole(parse_file(dest / "plan.yaml", Plan))
    assert plan.year == 2024
    assert plan.title.endswith("năm 2024")
    assert {p: (v.start.isoformat(), v.end.isoformat(), str(v.due_before)) for p, v in plan.periods.items()} == {
        "H1": ("2024-01-01", "2024-06-30", "2024-06-05"),
        "Y": ("2024-01-01", "2024-12-31", "2024-12-05"),
    }
    ids = [r.id for r in plan.requirements]
    assert "model-2024" in ids
    texts = " ".join(r.text or "" for r in plan.requirements)
    assert "2023" not in texts
    unit_plan = next(r for r in plan.requirements if isinstance(r, UnitPlanRequirement))
    assert str(unit_plan.due_before) == "2024-04-01"
    # the provincial plan of 2023 is not carried into 2024 (its number is unknown): only the standing city plan
    assert [b.number for b in plan.based_on] == ["109/KH-MTTQ-BTT"]
    text = (dest / "plan.yaml").read_text(encoding="utf-8")
    assert "# Mỗi dòng" in text and "hạn cuối là ngày 04/6/2024" in text  # comments kept


def test_init_default_year_is_this_year(tmp_path: Path) -> None:
    proc = dkst("init", str(tmp_path / "d"), today="2031-02-03")
    assert proc.returncode == 0, proc.stderr
    assert whole(parse_file(tmp_path / "d" / "plan.yaml", Plan)).year == 2031
    assert errors(tmp_path / "d", "2031-02-03", today="2031-02-03") == []


def test_init_2023_is_the_sample_plan(tmp_path: Path) -> None:
    """The built-in plan is the seed plan: for 2023 the same records as data/plan.yaml and data/units.yaml."""
    proc = dkst("init", str(tmp_path / "d"), "--year", "2023")
    assert proc.returncode == 0, proc.stderr
    made = parse_file(tmp_path / "d" / "plan.yaml", Plan)
    assert made.problems == []
    sample = whole(parse_file(SAMPLE / "plan.yaml", Plan))
    assert sample.parent is not None  # the sample city reports to the sample province (dkst rollup)
    # the sample also compares with its last year (previous, max_change: #23); the built-in plan offers both in comments
    indicators = [i.model_copy(update={"max_change": None}) for i in sample.indicators]
    assert made.record == sample.model_copy(update={"parent": None, "previous": None, "indicators": indicators})
    ours = whole(parse_file(tmp_path / "d" / "units.yaml", UnitsFile)).units
    theirs = whole(parse_file(SAMPLE / "units.yaml", UnitsFile)).units
    assert [(u.id, u.name, u.kind, u.short_name) for u in ours] == [
        (u.id, u.name, u.kind, u.short_name) for u in theirs
    ]
    assert all(not u.exempt for u in ours)  # the sample's exemption is demo data
    assert all(u.email is None or "example" not in u.email for u in ours)  # no placeholder addresses


def test_init_support_files(tmp_path: Path) -> None:
    dest = tmp_path / "d"
    assert dkst("init", str(dest)).returncode == 0
    ignore = (dest / ".gitignore").read_text(encoding="utf-8").splitlines()
    for pattern in ("out/", "*.docx~", ".~lock*"):
        assert pattern in ignore
    config_text = (dest / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    config = yaml.safe_load(config_text)
    repo = config["repos"][0]
    assert repo["repo"] == "local"
    hook = repo["hooks"][0]
    assert hook["entry"] == "dkst check"
    assert hook["language"] == "system"
    assert hook["pass_filenames"] is False
    assert hook["files"] == r"\.(yaml|yml)$"
    assert re.search(hook["files"], "units/an-my/reports/H1.yaml")
    assert "dkst-check" in config_text
    readme = (dest / "README.md").read_text(encoding="utf-8")
    for command in (
        "dkst new report",
        "dkst new model",
        "dkst new unit-plan",
        "dkst check",
        "dkst status",
        "dkst remind",
        "dkst aggregate",
        "dkst render",
    ):
        assert command in readme
    for name in (".gitignore", ".pre-commit-config.yaml", "README.md", "plan.yaml", "units.yaml"):
        content = (dest / name).read_text(encoding="utf-8")
        assert unicodedata.is_normalized("NFC", content)
        assert "{{" not in content


def test_init_refuses_a_non_empty_folder(tmp_path: Path) -> None:
    dest = tmp_path / "d"
    dest.mkdir()
    (dest / "notes.txt").write_text("giữ nguyên", encoding="utf-8")
    message = one_line_error(dkst("init", str(dest)))
    assert "không trống" in message
    assert sorted(p.name for p in dest.iterdir()) == ["notes.txt"]
    assert (dest / "notes.txt").read_text(encoding="utf-8") == "giữ nguyên"
    (dest / "notes.txt").unlink()
    (dest / ".git").mkdir()  # a dotfolder counts: the folder is not empty
    one_line_error(dkst("init", str(dest)))
    (tmp_path / "file").write_text("x")
    one_line_error(dkst("init", str(tmp_path / "file")))


def test_init_accepts_an_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    assert dkst("init", str(tmp_path / "d"), "--year", "2025").returncode == 0


@pytest.mark.parametrize("year", ["24", "abcd", "1999", "2100", "２０２４"])
def test_init_bad_year(tmp_path: Path, year: str) -> None:
    message = one_line_error(dkst("init", str(tmp_path / "d"), "--year", year))
    assert "Năm không hợp lệ" in message
    assert not (tmp_path / "d").exists()


def test_init_sample_refuses_another_year(tmp_path: Path) -> None:
    message = one_line_error(dkst("init", str(tmp_path / "d"), "--sample", "--year", "2024"))
    assert "2023" in message and "--sample" in message
    assert not (tmp_path / "d").exists()


@pytest.mark.parametrize("as_of", ["2023-03-15", "2023-11-30", "2024-01-15"])
def test_init_sample_has_the_sample_findings(sample_copy: Path, as_of: str) -> None:
    ours = findings(sample_copy, as_of)
    theirs = findings(SAMPLE, as_of)
    assert ours["summary"] == theirs["summary"]
    assert ours["findings"] == theirs["findings"]
    assert ours["summary"]["error"] == 0


def test_init_sample_copies_every_unit_file(sample_copy: Path) -> None:
    def files(root: Path) -> dict[str, bytes]:
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in (root / "units").rglob("*") if p.is_file()}

    assert files(sample_copy) == files(SAMPLE)
    assert (sample_copy / "plan.yaml").read_bytes() == (SAMPLE / "plan.yaml").read_bytes()
    assert "minh họa" in (sample_copy / "README.md").read_text(encoding="utf-8")


# ---------------------------------------------------------------- dkst new report


def test_new_report_is_valid_at_once_and_after_filling(sample: Path) -> None:
    proc = dkst("new", "report", "hoi-cuu-chien-binh", "H1", "--submitted", "3/6/2023", "--data", str(sample))
    assert proc.returncode == 0, proc.stderr
    path = sample / "units/hoi-cuu-chien-binh/reports/H1.yaml"
    assert proc.stdout.strip() == str(path)
    text = path.read_text(encoding="utf-8")
    assert "submitted: 2023-06-03" in text  # any accepted form in, ISO out
    for key in (
        "number:",
        "signer:",
        "indicators:",
        "models:",
        "commendations:",
        "highlights:",
        "limitations:",
        "proposals:",
    ):
        assert re.search(rf"^{key}", text, re.M), key
    for ind in ("propaganda_sessions", "propaganda_participants", "forums", "ideas", "supervisions", "critiques"):
        assert re.search(rf"^  {ind}: +# ", text, re.M), ind
    assert "Tuyên truyền về Phong trào (buổi)" in text
    assert "hạn cuối của kỳ: 04/6/2023".lower() in text.lower()

    result = findings(sample, "2023-11-30")
    assert result["summary"]["error"] == 0
    mine = [f for f in result["findings"] if f["unit"] == "hoi-cuu-chien-binh" and f["period"] == "H1"]
    assert mine == []  # received on time: the missing-report warning is gone
    report = whole(parse_file(path, Report))
    assert report.indicators == {}  # blank = not reported

    filled = (
        text.replace("  propaganda_sessions:", "  propaganda_sessions: 7")
        .replace("  propaganda_participants:", "  propaganda_participants: 420")
        .replace("  forums:", "  forums: 0")
        .replace("number:", "number: 09/BC-CCB", 1)
        .replace("signer:", "signer: Chủ tịch Lê Văn Tám", 1)
        .replace("highlights:", "highlights: Tuyên truyền trong các chi hội", 1)
        .replace("#  - name:", "  - name:")
        .replace("#    ", "    ")
    )
    path.write_text(filled, encoding="utf-8")
    assert errors(sample, "2023-11-30") == []
    report = whole(parse_file(path, Report))
    assert report.indicators == {"propaganda_sessions": 7, "propaganda_participants": 420, "forums": 0}
    assert report.number == "09/BC-CCB"
    assert [c.name for c in report.commendations] == ["Ban công tác Mặt trận khu phố 5"]


def test_new_report_submitted_defaults_to_today(tmp_path: Path) -> None:
    dest = tmp_path / "d"
    assert dkst("init", str(dest), "--year", "2024").returncode == 0
    proc = dkst("new", "report", "an-my", "H1", cwd=dest)
    assert proc.returncode == 0, proc.stderr
    text = (dest / "units/an-my/reports/H1.yaml").read_text(encoding="utf-8")
    assert f"submitted: {TODAY}" in text
    assert errors(dest, TODAY) == []
    proc = dkst("new", "report", "an-phu", "Y", "--data", str(dest), "--submitted", "2024-07-01")
    assert "sau ngày hôm nay" in one_line_error(proc)
    assert not (dest / "units/an-phu").exists()


def test_new_never_overwrites_without_force(sample: Path) -> None:
    path = sample / "units/an-my/reports/H1.yaml"
    before = path.read_bytes()
    message = one_line_error(dkst("new", "report", "an-my", "H1", "--data", str(sample)))
    assert "--force" in message
    assert path.read_bytes() == before
    for args in (("model", "an-my", "khu-pho-chuyen-doi-so", "--name", "Khác"), ("unit-plan", "an-my")):
        target = (
            sample / "units/an-my/models/khu-pho-chuyen-doi-so.yaml"
            if args[0] == "model"
            else sample / "units/an-my/plan.yaml"
        )
        kept = target.read_bytes()
        one_line_error(dkst("new", *args, "--data", str(sample)))
        assert target.read_bytes() == kept
    proc = dkst("new", "report", "an-my", "H1", "--data", str(sample), "--force", "--submitted", "2023-06-01")
    assert proc.returncode == 0, proc.stderr
    assert path.read_bytes() != before
    assert "submitted: 2023-06-01" in path.read_text(encoding="utf-8")
    leftovers = [p.name for p in path.parent.iterdir() if p.name.startswith(".")]
    assert leftovers == []  # the temporary file is gone


def test_new_unknown_ids_list_the_valid_ones(sample: Path) -> None:
    message = one_line_error(dkst("new", "report", "an-mi", "H1", "--data", str(sample)))
    assert "an-mi" in message and "an-my" in message and "tam-thang" in message and "thanh-pho" in message
    message = one_line_error(dkst("new", "report", "an-my", "H3", "--data", str(sample)))
    assert "H3" in message and "H1, Y" in message
    message = one_line_error(dkst("new", "report", "an-my", "Q9", "--data", str(sample), "--lang", "en"))
    assert "periods: H1, Y" in message
    message = one_line_error(dkst("new", "model", "xyz", "m", "--name", "M", "--data", str(sample)))
    assert "thanh-pho" in message
    message = one_line_error(dkst("new", "unit-plan", "nowhere", "--data", str(sample)))
    assert "an-my" in message
    message = one_line_error(dkst("new", "model", "an-my", "Chợ Số", "--name", "Chợ số", "--data", str(sample)))
    assert "cho-so" in message  # the id it should have been
    message = one_line_error(
        dkst("new", "model", "an-my", "cho-so", "--name", "Chợ", "--status", "xong", "--data", str(sample))
    )
    assert "đang triển khai" in message
    message = one_line_error(dkst("new", "report", "an-my", "Y", "--submitted", "2023/12/01", "--data", str(sample)))
    assert "2023/12/01" in message
    message = one_line_error(dkst("new", "model", "an-my", "cho-so", "--name", "  ", "--data", str(sample)))
    assert "--name" in message
    assert not (sample / "units/an-my/models/cho-so.yaml").exists()


def test_new_does_not_write_through_a_symlinked_unit_folder(sample: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.rmtree(sample / "units/tam-thang", ignore_errors=True)
    (sample / "units/tam-thang").symlink_to(elsewhere, target_is_directory=True)
    message = one_line_error(dkst("new", "report", "tam-thang", "H1", "--data", str(sample)))
    assert "symlink" in message
    assert list(elsewhere.iterdir()) == []


def test_new_without_a_dataset(tmp_path: Path) -> None:
    one_line_error(dkst("new", "report", "an-my", "H1", cwd=tmp_path))


# ---------------------------------------------------------------- dkst new model, unit-plan


def test_new_model_registered_is_valid_at_once(sample: Path) -> None:
    proc = dkst("new", "model", "tam-thang", "vuon-rau-sach", "--name", "Vườn rau sạch: 5 hộ", "--data", str(sample))
    assert proc.returncode == 0, proc.stderr
    path = sample / "units/tam-thang/models/vuon-rau-sach.yaml"
    assert proc.stdout.strip() == str(path)
    text = path.read_text(encoding="utf-8")
    for key in (
        "name",
        "status",
        "started",
        "completed_on",
        "origin",
        "replicated_from",
        "partners",
        "field",
        "summary",
        "results",
        "beneficiaries",
        "propose_replication",
    ):
        assert re.search(rf"^{key}:.*# ", text, re.M), key
    assert errors(sample, "2023-11-30") == []
    rec = whole(parse_file(path, ModelRecord))
    assert rec.name == "Vườn rau sạch: 5 hộ"
    assert rec.status == "registered"


def test_new_model_in_progress_needs_started(sample: Path) -> None:
    proc = dkst(
        "new",
        "model",
        "tam-thang",
        "vuon-rau-sach",
        "--name",
        "Vườn rau sạch",
        "--status",
        "Đang triển khai",
        "--data",
        str(sample),
    )
    assert proc.returncode == 0, proc.stderr
    assert "started" in proc.stderr  # the hint says what is missing
    found = errors(sample, "2023-11-30")
    assert [(f["code"], f["path"]) for f in found] == [("missing-field", "units/tam-thang/models/vuon-rau-sach.yaml")]
    path = sample / "units/tam-thang/models/vuon-rau-sach.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("started:", "started: 10/10/2023", 1), encoding="utf-8")
    result = findings(sample, "2023-11-30")
    assert result["summary"]["error"] == 0
    # the model now counts: tam-thang's pending-model finding is gone
    assert not [f for f in result["findings"] if f["unit"] == "tam-thang" and f["code"] == "pending-model"]


def test_new_model_with_started_is_valid_at_once(sample: Path) -> None:
    proc = dkst(
        "new",
        "model",
        "tam-thang",
        "vuon-rau-sach",
        "--name",
        "Vườn rau sạch",
        "--status",
        "in_progress",
        "--started",
        "2023-10-10",
        "--data",
        str(sample),
    )
    assert proc.returncode == 0, proc.stderr
    assert errors(sample, "2023-11-30") == []
    one_line_error(
        dkst(
            "new",
            "model",
            "tam-thang",
            "khac",
            "--name",
            "Khác",
            "--status",
            "completed",
            "--started",
            "2025-01-01",
            "--data",
            str(sample),
        )
    )  # after "today"


def test_new_unit_plan(sample: Path) -> None:
    proc = dkst("new", "unit-plan", "hoa-huong", "--data", str(sample))
    assert proc.returncode == 0, proc.stderr
    path = sample / "units/hoa-huong/plan.yaml"
    found = errors(sample, "2023-11-30")
    assert sorted((f["code"], f["path"]) for f in found) == [("missing-field", "units/hoa-huong/plan.yaml")] * 2
    text = path.read_text(encoding="utf-8")
    for key in ("number", "issued", "title", "signer", "received"):
        assert re.search(rf"^{key}:.*# ", text, re.M), key
    text = text.replace("number:", "number: 07/KH-MTTQ-BTT", 1).replace("issued:", "issued: 20/3/2023", 1)
    path.write_text(text, encoding="utf-8")
    result = findings(sample, "2023-11-30")
    assert result["summary"]["error"] == 0
    assert not [f for f in result["findings"] if f["unit"] == "hoa-huong" and "unit-plan" in f["code"]]

    proc = dkst(
        "new",
        "unit-plan",
        "tam-phu",
        "--data",
        str(sample),
        "--force",
        "--number",
        "03/KH-MTTQ",
        "--issued",
        "2023-03-10",
        "--received",
        "14.3.2023",
    )
    assert proc.returncode == 0, proc.stderr
    rec = whole(parse_file(sample / "units/tam-phu/plan.yaml", UnitPlan))
    assert (rec.number, rec.issued.isoformat(), str(rec.received)) == ("03/KH-MTTQ", "2023-03-10", "2023-03-14")
    assert errors(sample, "2023-11-30") == []


# ---------------------------------------------------------------- YAML-safe values


def _reads(text: str) -> object:
    return yaml.load(f"k: {yaml_scalar(text)}  # c\n", Loader=yaml.CSafeLoader)["k"]


@pytest.mark.parametrize(
    "text",
    [
        "Khu phố chuyển đổi số",
        "a: b",
        "# not a comment",
        "*alias",
        "&anchor",
        "!tag",
        "- item",
        "? x",
        "[a]",
        "{a}",
        "'q'",
        '"q"',
        "|",
        ">",
        "%x",
        "@x",
        "`x",
        "yes",
        "No",
        "null",
        "~",
        "2023-06-02",
        "1.000",
        "12",
        "0o7",
        ".inf",
        "x #y",
        "x:",
        "a\nb",
        "tab\there",
        "\x85",
        "\u2028",
        "\ufeff",
        "\x00",
        "back\\slash",
        "é\u0301",
        "\x8a\u0301",
        "1:20",
        "=",
        "<<",
    ],
)
def test_yaml_scalar_reads_back(text: str) -> None:
    assert _reads(text) == text


@pytest.mark.hostile  # fuzzing: the hostile pass
@given(st.text(max_size=60))
@settings(max_examples=50)
def test_yaml_scalar_reads_back_any_text(text: str) -> None:
    written = yaml_scalar(text)
    assert "\n" not in written
    assert _reads(text) == text
    # dkst's own reader (NFC, dates as text) gives the same text, normalised
    data = parse_bytes(f"name: {written}   # tên\n".encode()).data
    assert data == {"name": unicodedata.normalize("NFC", text)}


names = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), min_size=1, max_size=40)


@given(names)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_model_names_survive(sample_copy: Path, name: str) -> None:
    expected = unicodedata.normalize("NFC", name).strip()
    unit_dir = sample_copy / "units/tam-thang"
    proc = dkst("new", "model", "tam-thang", "ten-thu", f"--name={name}", "--data", str(sample_copy), "--force")
    try:
        if not expected:
            one_line_error(proc)
            return
        assert proc.returncode == 0, proc.stderr
        parsed = parse_file(unit_dir / "models/ten-thu.yaml", ModelRecord)
        assert parsed.problems == []
        assert whole(parsed).name == expected
    finally:
        shutil.rmtree(unit_dir, ignore_errors=True)


# ---------------------------------------------------------------- dkst schema


@pytest.fixture(scope="module")
def schemas(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, dict[str, Any]]]:
    """The exported schemas: generic (no dataset) and narrowed to the sample dataset."""
    out: dict[str, dict[str, dict[str, Any]]] = {}
    empty = tmp_path_factory.mktemp("nowhere")
    proc = dkst("schema", cwd=empty)
    assert proc.returncode == 0, proc.stderr
    out["generic"] = json.loads(proc.stdout)
    folder = tmp_path_factory.mktemp("schemas")
    proc = dkst("schema", "--data", str(SAMPLE), "--output", str(folder))
    assert proc.returncode == 0, proc.stderr
    snippet = json.loads(proc.stdout)["yaml.schemas"]
    assert snippet[str((folder / "dkst-report.schema.json").resolve())] == "/units/*/reports/*.yaml"
    assert len(snippet) == 6  # plan, units, unit-plan, model, report, narrative (#21)
    out["sample"] = {k: json.loads((folder / f"dkst-{k}.schema.json").read_text(encoding="utf-8")) for k in KINDS}
    return out


def _kind(rel: str) -> str:
    parts = rel.split("/")
    if len(parts) == 1:
        return rel[:-5]
    if len(parts) == 3:
        return "unit-plan"
    return {"models": "model", "reports": "report"}[parts[2]]


def _dataset_files(root: Path) -> list[tuple[str, object]]:
    files = [root / "plan.yaml", root / "units.yaml", *sorted((root / "units").rglob("*.yaml"))]
    return [(p.relative_to(root).as_posix(), parse_bytes(p.read_bytes()).data) for p in files]


def _validator(schema: dict[str, Any]) -> Any:
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("flavour", ["generic", "sample"])
def test_schemas_accept_every_sample_file(schemas: dict[str, Any], flavour: str) -> None:
    chosen = schemas[flavour]
    assert sorted(chosen) == sorted(KINDS)
    for schema in chosen.values():
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    validators = {k: _validator(s) for k, s in chosen.items()}
    checked = 0
    for rel, data in _dataset_files(SAMPLE):
        problems = [e.message for e in validators[_kind(rel)].iter_errors(data)]
        assert problems == [], rel
        checked += 1
    assert checked > 50


def test_schemas_accept_new_files(schemas: dict[str, Any], sample: Path) -> None:
    """Skeletons with blank keys, x- keys and enum values in Vietnamese validate too."""
    assert (
        dkst("new", "report", "hoi-cuu-chien-binh", "H1", "--data", str(sample), "--submitted", "2023-06-03").returncode
        == 0
    )
    assert dkst("new", "model", "tam-thang", "moi", "--name", "Mới", "--data", str(sample)).returncode == 0
    assert (
        dkst(
            "new", "unit-plan", "hoa-huong", "--data", str(sample), "--number", "1/KH", "--issued", "2023-03-01"
        ).returncode
        == 0
    )
    extra = sample / "units/tam-thang/models/x.yaml"
    extra.write_text(
        "name: X\nstatus: ĐANG  triển khai\nstarted: 1/3/2023\nx-ghi-chu: [1, 2]\n"
        "origin: Nhân Rộng\nreplicated_from: an-my/khu-pho-chuyen-doi-so\n",
        encoding="utf-8",
    )
    assert errors(sample, "2023-11-30") == []
    for flavour in ("generic", "sample"):
        validators = {k: _validator(s) for k, s in schemas[flavour].items()}
        for rel, data in _dataset_files(sample):
            assert [e.message for e in validators[_kind(rel)].iter_errors(data)] == [], (flavour, rel)


BROKEN = [
    ("report", "submitted: 2023/06/02\n"),
    ("report", "number: 1\n"),  # submitted missing
    ("report", "submitted: 2023-06-02\nsubmited: 2023-06-02\n"),
    ("report", "submitted: 2023-06-02\nindicators:\n  forums: -1\n"),
    ("report", "submitted: 2023-06-02\nindicators:\n  forums: '3'\n"),
    ("report", "submitted: 2023-06-02\nindicators:\n  Forums: 3\n"),
    ("report", "submitted: 2023-06-02\ncommendations:\n  - name: A\n    kind: tập thể lớn\n"),
    ("model", "name: M\nstatus: xong\n"),
    ("model", "name: M\nstatus: registered\nreplicated_from: an my\n"),
    ("model", "name: M\nstatus: registered\npartners: [An-My]\n"),
    ("model", "name: M\nstatus: registered\npropose_replication: có\n"),
    ("unit-plan", "number: 1/KH\n"),
    ("units", "units:\n  - id: an-my\n    name: A\n    kind: ward\n    exempt:\n      report-h1:\n"),
    ("units", "units:\n  - id: An My\n    name: A\n    kind: ward\n"),
    (
        "plan",
        "title: T\nyear: 2023\nissuer: I\nunit_kinds: {ward: Phường}\nperiods:\n  h1: {name: N, start: "
        "2023-01-01, end: 2023-06-30, due_by: 2023-06-05}\n",
    ),
]


@pytest.mark.parametrize(("kind", "text"), BROKEN)
def test_schemas_reject_broken_files(schemas: dict[str, Any], kind: str, text: str) -> None:
    data = parse_bytes(text.encode()).data
    assert list(_validator(schemas["generic"][kind]).iter_errors(data)), text


def test_schema_narrowed_to_the_dataset(schemas: dict[str, Any]) -> None:
    report = _validator(schemas["sample"]["report"])
    assert list(report.iter_errors({"submitted": "2023-06-02", "indicators": {"tuyen_truyen": 3}}))
    assert not list(report.iter_errors({"submitted": "2023-06-02", "indicators": {"forums": 3, "ideas": None}}))
    model = _validator(schemas["sample"]["model"])
    assert list(model.iter_errors({"name": "M", "status": "registered", "partners": ["hoi-nong-dan", "khong-co"]}))
    units = _validator(schemas["sample"]["units"])
    assert list(units.iter_errors({"units": [{"id": "a", "name": "A", "kind": "district"}]}))
    assert list(units.iter_errors({"units": [{"id": "a", "name": "A", "kind": "ward", "exempt": {"report-h9": "x"}}]}))
    described = schemas["sample"]["report"]["properties"]["indicators"]
    assert "Tuyên truyền về Phong trào (buổi)" in json.dumps(described, ensure_ascii=False)


def test_schema_refuses_to_write_into_units(tmp_path: Path, sample: Path) -> None:
    one_line_error(dkst("schema", "--data", str(sample), "--output", str(sample / "units" / "s")))
    one_line_error(dkst("schema", "--data", str(tmp_path / "none")))


# ---------------------------------------------------------------- shell completion


def _complete(words: str, cwd: Path, process: bool | None = None) -> list[str]:
    cword = str(len(words.split()) - (0 if words.endswith(" ") else 1))
    proc = dkst(cwd=cwd, _DKST_COMPLETE="complete_bash", COMP_WORDS=words, COMP_CWORD=cword, process=process)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.split()


def test_completion_of_units_periods_and_commands(sample_copy: Path, tmp_path: Path) -> None:
    assert _complete("dkst new report tam", sample_copy, process=True) == [  # end to end
        "tam-ngoc",
        "tam-phu",
        "tam-thanh",
        "tam-thang",
    ]
    assert _complete("dkst new report an-my ", sample_copy) == ["H1", "Y"]
    assert _complete(f"dkst new model --data {sample_copy} hoi-n", tmp_path) == ["hoi-nong-dan"]
    assert _complete("dkst new ", sample_copy) == ["report", "model", "unit-plan", "narrative"]
    assert "--submitted" in _complete("dkst new report an-my H1 --", sample_copy)
    assert _complete("dkst new report an", tmp_path) == []  # no dataset: nothing, and no crash
    (tmp_path / "plan.yaml").write_text("periods: [not, a, mapping\n", encoding="utf-8")
    (tmp_path / "units.yaml").write_bytes(b"\xff\xfe garbage")
    assert _complete("dkst new report an-my ", tmp_path) == []
    assert _complete("dkst new report a", tmp_path) == []


# ---------------------------------------------------------------- progress, imports


def test_progress_is_silent_off_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from dkst import progress as pg

    items = list(range(1000))
    assert pg.progress(items, len(items), "Đọc tệp") is items  # stderr here is not a terminal
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert pg.progress(items, None, "x") is items


def test_progress_bar_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from dkst import progress as pg

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    fake = Tty()
    monkeypatch.setattr(sys, "stderr", fake)
    monkeypatch.delenv("DKST_NO_PROGRESS", raising=False)
    assert not pg.enabled(300)
    assert pg.enabled(301)
    shown = pg.progress(iter(range(500)), 500, "Đọc tệp")
    assert not isinstance(shown, range)
    assert list(shown) == list(range(500))
    assert list(pg.progress(range(10), 10, "x")) == list(range(10))
    monkeypatch.setenv("DKST_NO_PROGRESS", "1")
    assert not pg.enabled(10_000)


def test_modules_import_nothing_heavy() -> None:
    code = (
        "import sys, dkst.cli.init, dkst.cli.new, dkst.cli.schema, dkst.scaffold.skeletons, dkst.scaffold.yamlwrite, "
        "dkst.scaffold.jsonschema, dkst.progress; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'pandas', 'openpyxl', 'docxtpl', 'rich', "
        "'pydantic', 'jinja2'}))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    heavy = set(json.loads(proc.stdout.strip().replace("'", '"')))
    assert not heavy & {"pandas", "openpyxl", "docxtpl"}, heavy
