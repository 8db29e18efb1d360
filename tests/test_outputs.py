"""Outputs as docs/format.md says: --force to replace, never into the dataset's own files, .git, links or
non-files; remind's folder holds exactly this run's letters; whole or nothing, even when killed (issue #9)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dkst import files
from dkst.cli.app import app, register_commands
from tests.conftest import dkst_executable, run_dkst

register_commands()

AS_OF = "2023-11-30"
POSIX = os.name == "posix"


def run(*args: str) -> tuple[int, str, str]:
    """``dkst ARGS`` in-process: (exit code, stdout, stderr)."""
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def render(data: Path, *extra: str) -> tuple[int, str, str]:
    return run("render", "--data", str(data), "--period", "H1", "--as-of", AS_OF, *extra)


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file() and not p.is_symlink()
    }


# ---------------------------------------------------------------- dkst.files in-process


def test_atomic_write_replaces_whole_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "out.md"
    files.atomic_write(target, "một")
    files.atomic_write(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in target.parent.iterdir()] == ["out.md"]


def test_atomic_write_removes_its_temporary_on_an_exception(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.md"
    target.write_text("old")

    def boom(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        files.atomic_write(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]


def test_create_new_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "a.yaml"
    files.create_new(target, "x: 1\n")
    with pytest.raises(files.FileExists):
        files.create_new(target, "x: 2\n")
    assert target.read_text() == "x: 1\n"
    files.create_new(target, "x: 3\n", force=True)
    assert target.read_text() == "x: 3\n"


def test_repack_zip_is_deterministic_and_keeps_order() -> None:
    import io

    def make(stamp: tuple[int, int, int, int, int, int]) -> bytes:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            for name in ("b.xml", "a.xml", "[Content_Types].xml"):
                z.writestr(zipfile.ZipInfo(name, date_time=stamp), name * 10)
        return buf.getvalue()

    one, two = files.repack_zip(make((2020, 1, 1, 0, 0, 0))), files.repack_zip(make((2024, 5, 6, 7, 8, 10)))
    assert one == two
    names = zipfile.ZipFile(io.BytesIO(one)).namelist()
    assert names == ["b.xml", "a.xml", "[Content_Types].xml"]


def test_check_output_rules(tmp_path: Path) -> None:
    root = tmp_path / "ds"
    for rel in ("units/a/reports", "templates", ".git"):
        (root / rel).mkdir(parents=True)
    for rel in ("plan.yaml", "units.yaml", ".git/config", "templates/report.md.j2", "out.md"):
        (root / rel).write_text("x")

    def key(path: Path | str, force: bool = True) -> str | None:
        try:
            files.check_output(Path(path), root, force)
        except files.OutputRefused as exc:
            return exc.key
        return None

    assert key(root / ".git" / "config") == "output-git"
    assert key(root / ".git" / "new-file") == "output-git"
    assert key(tmp_path / "elsewhere" / ".GIT" / "x") == "output-git"
    assert key(root / "templates" / "report.md.j2") == "output-protected"
    assert key(root / "templates" / "new.md") == "output-protected"
    assert key(root / "units" / "a" / "x.md") == "output-protected"
    assert key(root / "plan.yaml") == "output-protected"
    assert key(root / "units.yaml") == "output-protected"
    assert key(root / "PLAN.YAML") == "output-protected"  # compared as Windows and macOS compare names
    assert key(root / "Units" / "a" / "x.md") == "output-protected"
    assert key(root / "out" / ".." / "plan.yaml") == "output-protected"
    assert key(root) == "output-not-file"
    assert key(root / "out.md", force=False) == "output-exists"
    assert key(root / "out.md") is None
    assert key(root / "new.md", force=False) is None


@pytest.mark.skipif(not POSIX, reason="symbolic links and FIFOs")
def test_check_output_links_and_special_files(tmp_path: Path) -> None:
    root = tmp_path / "ds"
    (root / "units").mkdir(parents=True)
    (root / "plan.yaml").write_text("x")
    (tmp_path / "victim.txt").write_text("keep")
    (root / "link.md").symlink_to(tmp_path / "victim.txt")
    (root / "to-plan.md").symlink_to(root / "plan.yaml")
    (root / "alias").symlink_to(root / "units")  # a folder link into units/
    os.mkfifo(root / "fifo.md")
    for path, expected in (
        (root / "link.md", {"output-link"}),
        (root / "to-plan.md", {"output-link", "output-protected"}),
        (root / "alias" / "x.md", {"output-protected"}),
        (root / "fifo.md", {"output-not-file"}),
    ):
        with pytest.raises(files.OutputRefused) as info:
            files.check_output(path, root, force=True)
        assert info.value.key in expected, path
    if Path("/dev/null").exists():
        with pytest.raises(files.OutputRefused) as info:
            files.check_output(Path("/dev/null"), root, force=True)
        assert info.value.key == "output-not-file"


# ---------------------------------------------------------------- through the commands


def test_render_needs_force_to_replace_and_names_it(sample: Path) -> None:
    default = sample / "out" / "bao-cao-H1.docx"  # the default path under out/ is no exception
    default.parent.mkdir()
    default.write_bytes(b"edited in Word")
    code, _, err = render(sample, "--format", "docx")
    assert code == 2 and "--force" in err and err.count("\n") == 1
    assert default.read_bytes() == b"edited in Word"
    target = sample / "out" / "bao-cao.md"
    code, _, _ = render(sample, "--output", str(target))
    assert code == 0 and target.exists()
    target.write_text("edited", encoding="utf-8")
    code, _, err = render(sample, "--output", str(target), "--lang", "en")
    assert code == 2 and "already exists" in err and "--force" in err and err.count("\n") == 1
    assert target.read_text(encoding="utf-8") == "edited"
    code, _, _ = render(sample, "--output", str(target), "--force")
    assert code == 0 and target.read_text(encoding="utf-8") != "edited"


@pytest.mark.parametrize(
    "where",
    [
        ".git/config",
        "templates/report.md.j2",
        "units/an-phu/x.md",
        "plan.yaml",
        "units.yaml",
        "PLAN.YAML",
        ".git/hooks/pre-commit",
    ],
)
def test_outputs_refused_on_the_dataset_even_with_force(sample: Path, where: str) -> None:
    (sample / ".git" / "hooks").mkdir(parents=True, exist_ok=True)
    (sample / ".git" / "config").write_text("[core]\n")
    (sample / "templates").mkdir(exist_ok=True)
    (sample / "templates" / "report.md.j2").write_text("{{ 1 }}")
    before = snapshot(sample)
    for argv in (
        ("render", "--period", "H1"),
        ("aggregate", "--period", "H1", "--format", "md"),
        ("aggregate", "--period", "H1", "--format", "csv"),
    ):
        code, _, err = run(*argv, "--data", str(sample), "--as-of", AS_OF, "--output", str(sample / where), "--force")
        assert code == 2, (argv, err)
        assert err.startswith("dkst: ") and err.count("\n") == 1
    assert snapshot(sample) == before


@pytest.mark.skipif(not POSIX, reason="symbolic links and FIFOs")
def test_outputs_refused_over_links_fifos_and_folders(sample: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim.md"
    victim.write_text("keep")
    (sample / "link.md").symlink_to(victim)
    os.mkfifo(sample / "fifo.md")
    (sample / "folder.md").mkdir()
    for name in ("link.md", "fifo.md", "folder.md"):
        code, _, err = run(
            "aggregate",
            "--data",
            str(sample),
            "--period",
            "H1",
            "--as-of",
            AS_OF,
            "--format",
            "md",
            "--output",
            str(sample / name),
            "--force",
        )
        assert code == 2 and err.count("\n") == 1, (name, err)
    assert victim.read_text() == "keep"
    assert (sample / "link.md").is_symlink() and (sample / "folder.md").is_dir()


def test_aggregate_default_refuses_existing_and_bad_suffixes(sample: Path) -> None:
    out = sample / "t.csv"
    out.write_text("mine")
    code, _, err = run("aggregate", "--data", str(sample), "--period", "H1", "--as-of", AS_OF, "--output", str(out))
    assert code == 2 and "--force" in err and out.read_text() == "mine"
    code, _, _ = run(
        "aggregate", "--data", str(sample), "--period", "H1", "--as-of", AS_OF, "--output", str(out), "--force"
    )
    assert code == 0 and out.read_bytes().startswith("\ufeff".encode())
    for argv in (
        ("--output", "x.xls"),
        ("--output", "x.pdf"),
        ("--format", "csv", "--output", "x.json"),
        ("--format", "xlsx", "--output", "x.xls"),
        ("--format", "table", "--output", "x.md"),
    ):
        code, _, err = run("aggregate", "--data", str(sample), "--period", "H1", "--as-of", AS_OF, *argv)
        assert code == 2 and err.count("\n") == 1, (argv, err)
    assert not list(Path.cwd().glob("x.*"))


def test_missing_template_dir_is_a_usage_error(sample: Path, tmp_path: Path) -> None:
    for cmd in ("render", "remind"):
        code, _, err = run(
            cmd, "--data", str(sample), "--period", "H1", "--as-of", AS_OF, "--template-dir", str(tmp_path / "nowhere")
        )
        assert code == 2 and "nowhere" in err and err.count("\n") == 1


def test_remind_folder_holds_exactly_this_runs_letters(sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "letters"
    code, _, _ = run("remind", "--data", str(sample), "--period", "Y", "--as-of", AS_OF, "--output", str(out))
    first = sorted(p.name for p in out.iterdir())
    assert code == 0 and len(first) == 14
    (out / "ghi-chu.txt").write_text("the clerk's note")  # not a letter: never touched
    (out / "README.md").write_text("not a letter either")
    (out / "old-unit.md").write_text("a letter of an earlier run")
    code, _, err = run("remind", "--data", str(sample), "--period", "H1", "--as-of", AS_OF, "--output", str(out))
    assert code == 2 and "--force" in err and err.count("\n") == 1
    assert sorted(p.name for p in out.iterdir()) == sorted([*first, "ghi-chu.txt", "README.md", "old-unit.md"])
    code, _, _ = run(
        "remind", "--data", str(sample), "--period", "H1", "--as-of", AS_OF, "--output", str(out), "--force"
    )
    assert code == 0
    letters = sorted(p.name for p in out.iterdir() if files.LETTER.match(p.name))
    assert letters == ["hoi-cuu-chien-binh.md", "tam-thang.md"]
    assert (out / "ghi-chu.txt").read_text() == "the clerk's note" and (out / "README.md").exists()


def test_remind_refuses_protected_folders(sample: Path) -> None:
    before = snapshot(sample)
    for where in ("units", "templates", ".git", "units/an-phu", "."):
        code, _, err = run(
            "remind",
            "--data",
            str(sample),
            "--period",
            "H1",
            "--as-of",
            AS_OF,
            "--output",
            str(sample / where),
            "--force",
        )
        assert code == 2, (where, err)
    assert snapshot(sample) == before


@pytest.mark.parametrize("units_yaml", [None, "units: [\n", "units: 3\n", "units:\n  - id: BAD ID\n"])
def test_broken_units_yaml_is_refused(sample: Path, units_yaml: str | None) -> None:
    if units_yaml is None:
        (sample / "units.yaml").unlink()
    else:
        (sample / "units.yaml").write_text(units_yaml, encoding="utf-8")
    for argv in (("aggregate", "--format", "json"), ("render",), ("remind",)):
        code, out, err = run(*argv, "--data", str(sample), "--period", "H1", "--as-of", AS_OF)
        assert code == 1 and out == "" and err.count("\n") == 1 and "units.yaml" in err, (argv, err)
    assert not (sample / "out").exists()


# ---------------------------------------------------------------- killed mid-write


@pytest.mark.skipif(not POSIX, reason="POSIX signals")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_render_killed_mid_write_keeps_the_previous_output(valid: Path, sig: signal.Signals) -> None:
    sample = valid
    target = sample / "report.md"
    target.write_text("the previous report\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("DKST_")}
    env.update({"DKST_TEST_SLOW_WRITE": "20", "DKST_NO_CACHE": "1"})
    proc = subprocess.Popen(
        [
            dkst_executable(),
            "render",
            "--data",
            str(sample),
            "--period",
            "H1",
            "--as-of",
            AS_OF,
            "--output",
            str(target),
            "--force",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 20
        while not list(sample.glob(".report.md.*.tmp")):
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline
            time.sleep(0.02)
        proc.send_signal(sig)
        code = proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert code in (143, -signal.SIGTERM) if sig == signal.SIGTERM else code == -signal.SIGKILL
    assert target.read_text(encoding="utf-8") == "the previous report\n"
    leftovers = list(sample.glob(".report.md.*.tmp"))
    if sig == signal.SIGTERM:
        assert leftovers == []
    else:  # nothing can clean up after SIGKILL, but nothing is half-written under the target's name
        for tmp in leftovers:
            tmp.unlink()


def test_end_to_end_refusal_through_the_installed_command(sample: Path) -> None:
    (sample / ".git").mkdir()
    (sample / ".git" / "config").write_text("[core]\n")
    proc = run_dkst(
        "render",
        "--data",
        str(sample),
        "--period",
        "H1",
        "--as-of",
        AS_OF,
        "--output",
        str(sample / ".git" / "config"),
        "--force",
        "--lang",
        "en",
    )
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and ".git" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert (sample / ".git" / "config").read_text() == "[core]\n"


def test_init_and_new_still_refuse_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "ds"
    code, _, _ = run("init", str(target), "--year", "2024")
    assert code == 0
    before = (target / "plan.yaml").read_bytes()
    shutil.rmtree(target / "units", ignore_errors=True)
    code, _, _ = run("init", str(target), "--year", "2024")
    assert code == 2 and (target / "plan.yaml").read_bytes() == before
    assert not [p for p in target.rglob("*.tmp")]
    assert sys.platform  # keeps the import used on every platform
