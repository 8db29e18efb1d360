"""``dkst history``: a real repository built at test time (the git program, as a clerk's machine would have
made it), commits by two people on chosen dates, an uncommitted edit; read back through dulwich, also with
no ``git`` on PATH, from a subfolder, from a shallow clone, and outside any repository."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO, run_dkst

REPORT = "units/an-my/reports/H1.yaml"
AN = ("Nguyễn Văn An", "an@example.vn")
BINH = ("Trần Thị Bình", "binh@example.vn")


def git(repo: Path, *args: str, who: tuple[str, str] = AN, when: str = "2023-06-01T09:00:00+07:00") -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": who[0],
        "GIT_AUTHOR_EMAIL": who[1],
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_NAME": who[0],
        "GIT_COMMITTER_EMAIL": who[1],
        "GIT_COMMITTER_DATE": when,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    done = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True)
    return done.stdout


def edit(path: Path, old: str, new: str) -> None:
    content = path.read_text(encoding="utf-8")
    assert old in content, (old, path)
    path.write_text(content.replace(old, new, 1), encoding="utf-8")


def build(top: Path, sub: str = "") -> Path:
    """A repository at ``top`` whose dataset (a copy of ``data/``) is at ``top/sub``; returns the dataset."""
    ds = top / sub if sub else top
    shutil.copytree(REPO / "data", ds)
    git(top, "init", "-q", "-b", "main")
    git(top, "add", "-A")
    git(top, "commit", "-qm", "Nhập báo cáo 6 tháng\n\nchi tiết ở dòng sau")
    report = ds / REPORT
    edit(report, "propaganda_sessions: 10", "propaganda_sessions: 12")  # before the deadline (due_before 05/6)
    git(top, "commit", "-qam", "Sửa số buổi tuyên truyền", who=BINH, when="2023-06-03T15:30:00+07:00")
    edit(report, "propaganda_participants: 720", "propaganda_participants: 750")  # after it
    edit(report, "forums: 1", "forums: 2")
    edit(report, "highlights: >-\n", "highlights: >-\n  Bổ sung: đã tổ chức thêm một diễn đàn.\n")
    git(top, "commit", "-qam", "Đơn vị gửi lại số liệu\n\nCông văn 25", who=BINH, when="2023-06-20T08:00:00+07:00")
    other = ds / "units/an-phu/reports/H1.yaml"
    edit(other, "number: 15/BC-MTTQ-BTT", "number: 15b/BC-MTTQ-BTT")  # after, but no figure
    git(top, "commit", "-qam", "Sửa số văn bản", when="2023-06-21T08:00:00+07:00")
    late = ds / "units/tam-thanh/reports/H1.yaml"  # a report that first arrives after the deadline
    late.write_text("submitted: 2023-06-25\nindicators:\n  propaganda_sessions: 3\n", encoding="utf-8")
    git(top, "add", "-A")
    git(top, "commit", "-qm", "Báo cáo trễ của Tam Thanh", when="2023-06-25T08:00:00+07:00")
    edit(report, "propaganda_sessions: 12", "propaganda_sessions: 13")  # not committed
    return ds


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("hist") / "repo")


def history_json(ds: Path, *args: str, **kw: Any) -> dict[str, Any]:
    done = run_dkst("history", "--data", str(ds), *args, "--format", "json", **kw)
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def test_one_report_newest_first_with_uncommitted(repo: Path) -> None:
    doc = history_json(repo, "an-my", "--period", "h1")
    assert doc["dataset"] == str(repo)
    assert [f["path"] for f in doc["files"]] == [REPORT]
    file = doc["files"][0]
    assert (file["unit"], file["period"]) == ("an-my", "H1")
    commits = file["commits"]
    assert [c["author"] for c in commits] == [None, BINH[0], BINH[0], AN[0]]
    assert commits[0]["id"] is None
    assert commits[0]["changes"] == [{"field": "propaganda_sessions", "old": 12, "new": 13}]
    late = commits[1]
    assert late["date"] == "2023-06-20T08:00:00+07:00"
    assert late["message"] == "Đơn vị gửi lại số liệu"
    assert len(late["id"]) == 40
    fields = {c["field"]: (c["old"], c["new"]) for c in late["changes"]}
    assert fields["propaganda_participants"] == (720, 750)
    assert fields["forums"] == (1, 2)
    assert "highlights" in fields
    assert commits[2]["changes"] == [{"field": "propaganda_sessions", "old": 10, "new": 12}]
    first = {c["field"]: c for c in commits[3]["changes"]}
    assert first["submitted"] == {"field": "submitted", "old": None, "new": "2023-06-02"}
    assert set(commits[0]) == {"id", "date", "author", "message", "changes"}


def test_text_in_a_pipe_both_languages(repo: Path) -> None:
    vi = run_dkst("history", "--data", str(repo), "an-my", "-p", "H1")
    assert vi.returncode == 0, vi.stderr
    lines = vi.stdout.splitlines()
    assert lines[0].split("\t")[:2] == ["Tệp", "Commit"]
    assert lines[1].split("\t")[1] == "(chưa commit)"
    assert "propaganda_sessions: 12 → 13" in lines[1]
    assert "propaganda_participants: 720 → 750" in lines[2]
    assert "highlights: đã sửa (" in lines[2] and "ký tự)" in lines[2]
    assert "Trần Thị Bình" in lines[2] and "20/6/2023 08:00" in lines[2]
    en = run_dkst("history", "--data", str(repo), "an-my", "-p", "H1", "--lang", "en")
    assert "(not committed)" in en.stdout and "highlights: edited (" in en.stdout
    assert "2023-06-20 08:00" in en.stdout


def test_after_deadline(repo: Path) -> None:
    doc = history_json(repo, "--after-deadline")
    assert [f["path"] for f in doc["files"]] == [REPORT]
    commits = doc["files"][0]["commits"]
    assert [c["message"] for c in commits] == ["Đơn vị gửi lại số liệu"]  # not the uncommitted edit, not 03/6
    assert all(c["id"] is not None for c in commits)
    text = run_dkst("history", "--data", str(repo), "--after-deadline", "--lang", "en")
    lines = text.stdout.splitlines()
    assert lines[0].startswith("Unit\tPeriod\tCommit")
    assert lines[1].startswith("an-my\tH1\t")
    assert "propaganda_participants: 720 → 750; forums: 1 → 2" in lines[1]
    assert "highlights" not in lines[1]  # figures only
    assert len(lines) == 2


def test_without_git_on_path(repo: Path) -> None:
    done = run_dkst(
        "history", "--data", str(repo), "an-my", "-p", "H1", "--format", "json", env={"PATH": ""}, process=True
    )
    assert done.returncode == 0, done.stderr
    commits = json.loads(done.stdout)["files"][0]["commits"]
    assert [c["author"] for c in commits] == [None, BINH[0], BINH[0], AN[0]]
    after = run_dkst("history", "--data", str(repo), "--after-deadline", env={"PATH": ""}, process=True)
    assert after.returncode == 0 and "an-my\tH1" in after.stdout


def test_dataset_in_a_subfolder(tmp_path: Path) -> None:
    ds = build(tmp_path / "repo", "nam-2023/du-lieu")
    doc = history_json(ds, "an-my", "-p", "H1")
    assert doc["files"][0]["path"] == REPORT
    assert len(doc["files"][0]["commits"]) == 4
    assert history_json(ds, "--after-deadline")["files"][0]["path"] == REPORT


def test_shallow_clone_says_how_far_back(repo: Path, tmp_path: Path) -> None:
    top = repo  # the dataset is the repository's root
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "2", f"file://{top}", str(clone)], check=True, capture_output=True)
    done = run_dkst("history", "--data", str(clone), "an-my", "-p", "H1", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert "21/6/2023" in done.stderr  # the oldest commit it sees
    commits = json.loads(done.stdout)["files"][0]["commits"]
    assert [c["message"] for c in commits] == ["Sửa số văn bản"]  # the edge: every file appears there
    en = run_dkst("history", "--data", str(clone), "--lang", "en", "-f", "json")
    assert "shallow clone" in en.stderr


def test_outside_a_repository(tmp_path: Path) -> None:
    ds = tmp_path / "ds"
    shutil.copytree(REPO / "data", ds)
    for lang, word in (("vi", "không nằm trong kho git"), ("en", "not inside a git repository")):
        done = run_dkst("history", "--data", str(ds), "--lang", lang)
        assert done.returncode == 2
        assert done.stdout == ""
        assert len(done.stderr.splitlines()) == 1 and word in done.stderr
        assert "Traceback" not in done.stderr


def test_ids_checked(repo: Path) -> None:
    done = run_dkst("history", "--data", str(repo), "an-mi")
    assert done.returncode == 2 and "an-my" in done.stderr
    done = run_dkst("history", "--data", str(repo), "-p", "h2", "--lang", "en")
    assert done.returncode == 2 and "H1" in done.stderr and len(done.stderr.splitlines()) == 1


def test_revision_that_does_not_parse(tmp_path: Path) -> None:
    ds = build(tmp_path / "repo")
    report = ds / REPORT
    good = report.read_text(encoding="utf-8")
    report.write_text(good.replace("forums: 2", "forums: [2"), encoding="utf-8")
    git(ds, "commit", "-qam", "Hỏng", when="2023-06-22T08:00:00+07:00")
    report.write_text(good.replace("forums: 2", "forums: 3"), encoding="utf-8")
    git(ds, "commit", "-qam", "Sửa lại", when="2023-06-23T08:00:00+07:00")
    doc = history_json(ds, "an-my", "-p", "H1")
    commits = doc["files"][0]["commits"]
    fixed, broken = commits[0], commits[1]  # the build's uncommitted edit went into them
    assert broken["problem"] == "yaml-syntax" and broken["changes"] == []
    assert {"field": "forums", "old": 2, "new": 3} in fixed["changes"]
    text = run_dkst("history", "--data", str(ds), "an-my", "-p", "H1")
    assert "yaml-syntax" in text.stdout and "Traceback" not in text.stderr


def test_counts_read_as_dkst_reads_them(tmp_path: Path) -> None:
    ds = build(tmp_path / "repo")
    report = ds / REPORT
    edit(report, "propaganda_sessions: 13", "propaganda_sessions: 010")  # decimal 10, never octal 8
    edit(report, "forums: 2", "forums: 1.000")  # not a count: shown as typed
    doc = history_json(ds, "an-my", "-p", "H1")
    changes = {c["field"]: c for c in doc["files"][0]["commits"][0]["changes"]}
    assert changes["propaganda_sessions"]["new"] == 10
    assert changes["forums"]["new"] == "1.000"


def test_windows_console_never_tracebacks(repo: Path) -> None:
    for args in ((), ("--after-deadline",), ("--format", "json")):
        done = run_dkst(
            "history", "--data", str(repo), *args, env={"PYTHONIOENCODING": "cp1258"}, process=True, text=False
        )
        assert done.returncode == 0
        assert b"Traceback" not in done.stderr
        done.stdout.decode("utf-8")
    gone = run_dkst("history", "--data", str(repo.parent / "nowhere"), env={"PYTHONIOENCODING": "cp1258"}, process=True)
    assert gone.returncode == 2 and "Traceback" not in gone.stderr


def test_render_history_appendix(repo: Path, tmp_path: Path) -> None:
    base = ("render", "--data", str(repo), "--period", "H1", "--as-of", "2023-07-01")
    plain = run_dkst(*base)
    assert plain.returncode == 0, plain.stderr
    assert "sau hạn cuối" not in plain.stdout  # off by default
    vi = run_dkst(*base, "--history")
    assert vi.returncode == 0, vi.stderr
    assert "Báo cáo của đơn vị có số liệu được sửa sau hạn cuối (04/6/2023)" in vi.stdout
    line = next(x for x in vi.stdout.splitlines() if x.startswith("- Ủy ban MTTQ Việt Nam phường An Mỹ: sửa 1 lần"))
    assert "20/6/2023 (Trần Thị Bình)" in line and "720 → 750" in line
    assert "Tam Thanh" not in vi.stdout.split("sau hạn cuối")[1].split("##")[0]  # its first commit
    en = run_dkst(*base, "--history", "--lang", "en")
    assert "whose figures were changed after the last on-time day (04/6/2023)" in en.stdout
    assert "changed 1 time, last on 20/6/2023" in en.stdout
    for lang in ("vi", "en"):
        out = tmp_path / f"r-{lang}.docx"
        done = run_dkst(*base, "--history", "--lang", lang, "--format", "docx", "--output", str(out))
        assert done.returncode == 0, done.stderr
        import docx

        paragraphs = [p.text for p in docx.Document(str(out)).paragraphs]
        assert any("An Mỹ" in p and "720 → 750" in p for p in paragraphs)
        assert not any("{%" in p or "{{" in p for p in paragraphs)
    out = tmp_path / "plain.docx"
    assert run_dkst(*base, "--format", "docx", "--output", str(out)).returncode == 0
    import docx

    assert not any("720 → 750" in p.text for p in docx.Document(str(out)).paragraphs)


def test_render_history_outside_a_repository(tmp_path: Path) -> None:
    ds = tmp_path / "ds"
    shutil.copytree(REPO / "data", ds)
    done = run_dkst("render", "--data", str(ds), "--period", "H1", "--as-of", "2023-07-01", "--history")
    assert done.returncode == 2 and "kho git" in done.stderr and len(done.stderr.splitlines()) == 1
