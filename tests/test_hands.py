"""The clerk's hands (#22): short options, periods in any case or as a bare word, dates that name their option,
output suffixes that fit the format, ids ``new`` refuses before ``check`` would, dry runs that write nothing and
say so, and ``status`` with names: typed through the installed command as a clerk types."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO, run_dkst

DATA = REPO / "data"
AS_OF = "2023-12-20"


def dkst(*args: str, **kw: object) -> subprocess.CompletedProcess[str]:
    proc = run_dkst(*args, **kw)  # type: ignore[arg-type]
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stderr
    return proc


def one_line(proc: subprocess.CompletedProcess[str], code: int = 2) -> str:
    assert proc.returncode == code, (proc.returncode, proc.stdout, proc.stderr)
    assert proc.stderr.startswith("dkst: ") and proc.stderr.count("\n") == 1, proc.stderr
    return proc.stderr


def year_dataset(tmp_path: Path, year: int = 2025) -> Path:
    """A fresh dataset of ``year`` made by ``dkst init`` (no report yet)."""
    root = tmp_path / f"kh-{year}"
    proc = dkst("init", str(root), "--year", str(year))
    assert proc.returncode == 0, proc.stderr
    return root


# ---------------------------------------------------------------- short options


def _commands() -> list[tuple[list[str], object]]:
    import typer

    from dkst.cli import app as cli

    cli.register_commands()
    root = typer.main.get_command(cli.app)
    out: list[tuple[list[str], object]] = []

    def walk(cmd: object, path: list[str]) -> None:
        out.append((path, cmd))
        if getattr(cmd, "commands", None):
            ctx = cmd.make_context("dkst", [], resilient_parsing=True)  # type: ignore[attr-defined]
            for name in cmd.list_commands(ctx):  # type: ignore[attr-defined]
                walk(cmd.get_command(ctx, name), [*path, name])  # type: ignore[attr-defined]

    walk(root, [])
    return out


@pytest.mark.parametrize(
    ("long", "short"), [("--data", "-d"), ("--period", "-p"), ("--format", "-f"), ("--output", "-o")]
)
def test_every_command_with_the_long_option_has_the_short_one(long: str, short: str) -> None:
    seen = 0
    for path, cmd in _commands():
        ctx = cmd.make_context("dkst", [], resilient_parsing=True)  # type: ignore[attr-defined]
        params = cmd.get_params(ctx)  # type: ignore[attr-defined]
        for param in params:
            if long in getattr(param, "opts", ()):
                seen += 1
                assert short in param.opts, (path, long)
    assert seen >= 2


def test_h_is_help_on_every_command() -> None:
    for path, _cmd in _commands():
        long = dkst(*path, "--help")
        short = dkst(*path, "-h")
        assert short.returncode == 0 and short.stdout == long.stdout, path
        assert "-h, --help" in short.stdout


def test_short_options_as_a_clerk_types_them() -> None:
    long = dkst("aggregate", "--data", str(DATA), "--period", "H1", "--format", "json", "--as-of", AS_OF)
    short = dkst("aggregate", "-d", str(DATA), "-p", "h1", "-f", "json", "--as-of", AS_OF)
    assert long.returncode == short.returncode == 0
    assert short.stdout == long.stdout and json.loads(short.stdout)["period"] == "H1"


def test_short_output(tmp_path: Path) -> None:
    out = tmp_path / "h1.csv"
    proc = dkst("aggregate", "-d", str(DATA), "-p", "H1", "-o", str(out), "--as-of", AS_OF)
    assert proc.returncode == 0 and out.read_text(encoding="utf-8").count("\n") > 10
    assert proc.stderr == f"Đã ghi {out}\n"  # a written output is named on success, as render does


# ---------------------------------------------------------------- periods


def test_period_as_a_bare_word_and_in_any_case() -> None:
    base = dkst("aggregate", "-d", str(DATA), "--period", "H1", "-f", "json", "--as-of", AS_OF).stdout
    for args in (["H1"], ["h1"], ["-f", "json", "h1"], ["--period", "h1"], ["-p", "h1"]):
        extra = [] if "-f" in args else ["-f", "json"]
        proc = dkst("aggregate", "-d", str(DATA), "--as-of", AS_OF, *extra, *args)
        assert proc.returncode == 0, (args, proc.stderr)
        assert proc.stdout == base, args
    status = dkst("render", "y", "-d", str(DATA), "--as-of", "2024-01-10")
    assert status.returncode == 0 and "năm 2023" in status.stdout


def test_unknown_period_names_the_nearest() -> None:
    err = one_line(dkst("aggregate", "-d", str(DATA), "-p", "H2"))
    assert "“H2”" in err and "có phải “H1”?" in err and "H1, Y" in err
    err = one_line(dkst("--lang", "en", "form", "-d", str(DATA), "-p", "h3"))
    assert "did you mean “H1”?" in err
    err = one_line(dkst("new", "report", "an-my", "x1", "-d", str(DATA)))
    assert "“X1”" in err and "H1, Y" in err


def test_two_periods_are_still_a_usage_error() -> None:
    proc = dkst("aggregate", "-d", str(DATA), "-p", "H1", "Y")
    assert proc.returncode == 2 and proc.stdout == "" and "Y" in proc.stderr


# ---------------------------------------------------------------- dates


def test_a_bad_date_names_the_option_and_the_reason(tmp_path: Path) -> None:
    root = year_dataset(tmp_path)
    unit = _first_unit(root)
    err = one_line(dkst("new", "unit-plan", unit, "--issued", "31/02/2025", "-d", str(root)))
    assert "--issued: ngày không có thật: 31/02/2025" in err and "28 ngày" in err
    err = one_line(dkst("new", "unit-plan", unit, "--received", "2025/03/01", "-d", str(root)))
    assert "--received:" in err and "2025/03/01" in err
    assert "2025-06-02" in err and "02/06/2025" in err  # examples in the dataset's year
    assert "2023" not in err
    err = one_line(dkst("check", "-d", str(root), "--as-of", "30.02.2025", "--lang", "en"))
    assert err == "dkst: --as-of: no such day: 30.02.2025 (2/2025 has 28 days)\n"
    err = one_line(dkst("new", "report", unit, "H1", "--submitted", "hôm qua", "-d", str(root)))
    assert "--submitted:" in err and "2025-06-02" in err
    assert not (root / "units" / unit / "plan.yaml").exists()
    assert not (root / "units" / unit / "reports").exists()


def test_date_examples_without_a_dataset_use_this_year(tmp_path: Path) -> None:
    proc = dkst("check", "--as-of", "1/2", cwd=tmp_path, today="2031-03-04")
    err = one_line(proc)
    assert "--as-of:" in err and "2031-06-02" in err


def _first_unit(root: Path) -> str:
    m = re.search(r"^\s*-\s*id:\s*([a-z0-9-]+)", (root / "units.yaml").read_text(encoding="utf-8"), re.M)
    assert m
    return m[1]


def test_help_examples_use_the_dataset_year(tmp_path: Path) -> None:
    root = year_dataset(tmp_path, 2027)
    out = dkst("check", "-d", str(root), "--help").stdout
    assert "2027-06-20" in out and "2023" not in out
    out = dkst("new", "report", "--help", cwd=root).stdout
    assert "2027-06-02" in out
    out = dkst("new", "report", "--help", cwd=tmp_path, today="2030-01-02").stdout  # no dataset: this year
    assert "2030-06-02" in out


def test_new_report_help_says_the_submitted_default_is_as_of() -> None:
    out = dkst("new", "report", "-h").stdout
    assert "--as-of" in out.split("--submitted", 1)[1].split("-d, --data")[0]


# ---------------------------------------------------------------- output suffixes


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (["render", "-p", "H1", "-f", "docx"], "x.md"),
        (["render", "-p", "H1", "-f", "md"], "x.docx"),
        (["render", "-p", "H1"], "x.txt"),
        (["aggregate", "-p", "H1", "-f", "csv"], "x.md"),
        (["aggregate", "-p", "H1", "-f", "xlsx"], "x.csv"),
    ],
)
def test_an_output_suffix_that_does_not_fit_is_a_usage_error(tmp_path: Path, args: list[str], name: str) -> None:
    out = tmp_path / name
    err = one_line(dkst(*args, "-d", str(DATA), "--as-of", AS_OF, "-o", str(out)))
    assert out.suffix in err
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_render_format_from_the_suffix(tmp_path: Path) -> None:
    out = tmp_path / "bc.docx"
    proc = dkst("render", "H1", "-d", str(DATA), "--as-of", AS_OF, "-o", str(out))
    assert proc.returncode == 0 and out.read_bytes()[:2] == b"PK"


# ---------------------------------------------------------------- new: ids that check would refuse


@pytest.mark.parametrize(
    ("model", "hint"),
    [
        ("con", "mo-hinh-con"),
        ("LPT1", "mo-hinh-lpt1"),
        ("nul", "mo-hinh-nul"),
        ("tân-ước", "tan-uoc"),
        ("Chợ Số", "cho-so"),
    ],
)
def test_new_refuses_ids_check_would_refuse(sample: Path, model: str, hint: str) -> None:
    before = sorted(p.relative_to(sample) for p in sample.rglob("*"))
    err = one_line(dkst("new", "model", "an-my", model, "--name", "x", "-d", str(sample)))
    assert hint in err, err
    assert "thanh-pho" not in err  # a slug suggestion, not a folder hint
    assert sorted(p.relative_to(sample) for p in sample.rglob("*")) == before


@pytest.mark.hostile  # an attack: the hostile pass
def test_every_windows_device_name_is_refused(sample: Path) -> None:
    from dkst.load.fields import WINDOWS_RESERVED

    for name in sorted(WINDOWS_RESERVED):
        err = one_line(dkst("--lang", "en", "new", "model", "an-my", name, "--name", "x", "-d", str(sample)))
        assert "Windows" in err, name
    assert not any((sample / "units" / "an-my" / "models").glob("co*.yaml"))


# ---------------------------------------------------------------- dry runs


def test_import_dry_run_says_would_and_never_wrote(sample: Path) -> None:
    pytest.importorskip("openpyxl")
    from tests.test_import import fill, make_form

    form = make_form(sample)
    filled = fill(form, sample.parent / "d.xlsx", {"ind_propaganda_sessions": 5})
    for lang, wrote in (("vi", ["đã ghi", "Đã ghi"]), ("en", ["reports written", "Wrote", "| written"])):
        proc = dkst("import", "-d", str(sample), "--as-of", "2023-06-20", "--lang", lang, "--dry-run", str(filled))
        assert proc.returncode == 0, proc.stderr
        said = proc.stdout + proc.stderr
        assert "Tiếp theo" not in said and "Next:" not in said
        assert not any(w in said for w in wrote), said
        assert "→ units/" not in said
        assert ("Chạy thử, chưa ghi tệp nào" if lang == "vi" else "Dry run, nothing written") in proc.stderr
    assert not (sample / "units" / "tam-thang" / "reports" / "H1.yaml").exists()


def test_import_that_writes_nothing_has_no_next_step(sample: Path, tmp_path: Path) -> None:
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"not a workbook")
    proc = dkst("import", "-d", str(sample), "--as-of", "2023-06-20", str(junk))
    assert proc.returncode == 1
    assert "Tiếp theo" not in proc.stderr and "Không ghi tệp nào" in proc.stderr


# ---------------------------------------------------------------- status with names


def test_status_text_has_the_id_then_the_name() -> None:
    proc = dkst("status", "-d", str(DATA), "--as-of", AS_OF)
    lines = proc.stdout.splitlines()
    assert lines[0].split("\t")[:2] == ["Mã đơn vị", "Tên đơn vị"]
    row = next(line.split("\t") for line in lines if line.startswith("an-my\t"))
    assert row[1] == "Ủy ban MTTQ Việt Nam phường An Mỹ"
    doc = json.loads(dkst("status", "-d", str(DATA), "--as-of", AS_OF, "-f", "json").stdout)
    first = doc["units"][0]
    assert list(first)[:2] == ["id", "name"] and first["name"]


# ---------------------------------------------------------------- in a real process


def test_as_a_clerk_types_it_in_a_process(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    proc = run_dkst("aggregate", "h1", "-d", str(data), "--as-of", AS_OF, "-f", "json", process=True)
    assert proc.returncode == 0 and json.loads(proc.stdout)["period"] == "H1"
    proc = run_dkst("new", "model", "an-my", "con", "--name", "x", "-d", str(data), process=True)
    assert proc.returncode == 2 and "mo-hinh-con" in proc.stderr
    assert not (data / "units" / "an-my" / "models" / "con.yaml").exists()
    proc = run_dkst("render", "-p", "y", "-f", "docx", "-o", str(tmp_path / "x.md"), "-d", str(data), process=True)
    assert proc.returncode == 2 and ".docx" in proc.stderr and not (tmp_path / "x.md").exists()
