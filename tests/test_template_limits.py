"""Templates are user input (issue #9, item 7): bounded time, values, output and memory; no link followed
out of the template folder. Each ends in one line, within seconds, with nothing written."""

from __future__ import annotations

import io
import os
import time
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dkst.cli.app import app, register_commands
from dkst.documents import sandbox
from dkst.documents.render import RenderError, find_template, render_docx, render_markdown
from tests.conftest import run_dkst
from tests.contexts import sample_context

register_commands()

CONTEXT = sample_context()
POSIX = os.name == "posix"


def render_text(
    tmp_path: Path, source: str, seconds: float | None = None, monkeypatch: pytest.MonkeyPatch | None = None
) -> str:
    path = tmp_path / "t.md.j2"
    path.write_text(source, encoding="utf-8")
    if seconds is not None and monkeypatch is not None:
        monkeypatch.setattr(sandbox, "TIME_LIMIT", seconds)
        monkeypatch.setattr(sandbox, "TIME_PER_ROW", 0.0)
    return render_markdown(CONTEXT, path)


def refused(tmp_path: Path, source: str, **kw: object) -> str:
    start = time.monotonic()
    with pytest.raises(RenderError) as info:
        render_text(tmp_path, source, **kw)  # type: ignore[arg-type]
    assert time.monotonic() - start < 5
    message = str(info.value)
    assert "\n" not in message and "t.md.j2" in message
    return message


@pytest.mark.parametrize(
    "source",
    [
        "{% for i in range(10**9) %}x{% endfor %}",
        "{{ 9**(9**9) }}",
        "{{ 2**10000000 }}",
        "{{ 'x' * 10**9 }}",
        "{{ [1] * 10**8 }}",
        "{{ 'x'|center(10**10) }}",
        "{{ '%0999999999d' % 1 }}",
        "{{ '{:>999999999}'.format(1) }}",
        "{{ 'x'|indent(10**9) }}",
        "{{ lipsum(10**9) }}",
        "{% set ns = namespace(s='x') %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
        "{% set ns = namespace(s='x') %}{% for i in range(60) %}{% set ns.s %}{{ ns.s }}{{ ns.s }}{% endset %}"
        "{% endfor %}",
        "{% set ns = namespace(s='x') %}{% for i in range(60) %}{% set ns.s = ns.s + ns.s %}{% endfor %}",
    ],
)
def test_explosive_values_are_refused_at_once(tmp_path: Path, source: str) -> None:
    refused(tmp_path, source)


def test_runaway_loops_stop_on_the_clock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    nested = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    assert "0.3" in refused(tmp_path, nested, seconds=0.3, monkeypatch=monkeypatch)
    exponential = "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(60) }}"
    refused(tmp_path, exponential, seconds=0.3, monkeypatch=monkeypatch)


def test_output_is_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sandbox, "OUTPUT_LIMIT", 100_000)
    message = refused(tmp_path, "{% for i in range(100000) %}{{ 'abcdefghij' }}{% endfor %}")
    assert "MB" in message


def test_the_ordinary_templates_still_render(tmp_path: Path) -> None:
    out = render_text(
        tmp_path,
        "{% for i in range(3) %}{{ i }}{% endfor %} {{ 2**10 }} {{ 'ab' * 3 }}"
        " {{ range(5)|list|length }} {{ range(4)|reverse|list }}",
    )
    assert out == "012 1024 ababab 5 [3, 2, 1, 0]"


def test_limit_messages_follow_the_language(tmp_path: Path) -> None:
    path = tmp_path / "t.md.j2"
    path.write_text("{{ 9**(9**9) }}", encoding="utf-8")
    for lang, word in (("vi", "quá lớn"), ("en", "too large")):
        with pytest.raises(RenderError) as info:
            render_markdown(sample_context(lang=lang), path)
        assert word in str(info.value)


@pytest.mark.skipif(not POSIX, reason="symbolic links")
def test_a_template_that_is_a_link_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "report.md.j2").symlink_to(secret)
    with pytest.raises(RenderError) as info:
        find_template("report.md.j2", folder, None, "en")
    assert "symbolic link" in str(info.value)


@pytest.mark.skipif(not POSIX, reason="symbolic links")
def test_an_include_reaching_out_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    folder = tmp_path / "tpl"
    (folder / "sub").mkdir(parents=True)
    (folder / "leak.j2").symlink_to(secret)
    (folder / "dir").symlink_to(tmp_path)
    for include in ("leak.j2", "dir/secret.txt", "../secret.txt"):
        (folder / "t.md.j2").write_text(f"{{% include '{include}' %}}", encoding="utf-8")
        with pytest.raises(RenderError) as info:
            render_markdown(CONTEXT, folder / "t.md.j2")
        assert "TOP SECRET" not in str(info.value) and "\n" not in str(info.value), include
    (folder / "sub" / "part.j2").write_text("inside", encoding="utf-8")
    (folder / "t.md.j2").write_text("{% include 'sub/part.j2' %}", encoding="utf-8")
    assert render_markdown(CONTEXT, folder / "t.md.j2") == "inside"


@pytest.mark.skipif(not POSIX, reason="FIFOs")
def test_an_include_of_a_fifo_does_not_hang(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.j2")
    (tmp_path / "t.md.j2").write_text("{% include 'pipe.j2' %}", encoding="utf-8")
    with pytest.raises(RenderError):
        render_markdown(CONTEXT, tmp_path / "t.md.j2")


def _bomb() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"\0" * (8 * 1024 * 1024))  # 8 MB of zeros, ~8 KB packed
    return buf.getvalue()


def test_a_zip_bomb_docx_is_refused_before_opening(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dkst import files

    monkeypatch.setattr(files, "ZIP_MAX_BYTES", 4 * 1024 * 1024)  # the real bound is 200 MB: same code path
    path = tmp_path / "report.docx"
    path.write_bytes(_bomb())
    start = time.monotonic()
    with pytest.raises(RenderError) as info:
        render_docx(CONTEXT, path)
    assert time.monotonic() - start < 5
    assert "\n" not in str(info.value) and "report.docx" in str(info.value)


def test_many_entries_are_refused(tmp_path: Path) -> None:
    from dkst import files

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for i in range(50):
            z.writestr(f"{i}.xml", "x")
    with pytest.raises(files.ZipTooLarge):
        files.check_zip(buf.getvalue(), max_entries=10)
    files.check_zip(buf.getvalue())


def test_runaway_template_through_the_installed_command(sample: Path) -> None:
    folder = sample / "mine"
    folder.mkdir()
    (folder / "report.md.j2").write_text("{% for i in range(10**9) %}{% endfor %}{{ 9**(9**9) }}", encoding="utf-8")
    out = sample / "r.md"
    start = time.monotonic()
    proc = run_dkst(
        "render",
        "--data",
        str(sample),
        "--period",
        "H1",
        "--as-of",
        "2023-11-30",
        "--template-dir",
        str(folder),
        "--output",
        str(out),
    )
    assert time.monotonic() - start < 15
    assert proc.returncode == 1 and proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert not out.exists()


def test_dataset_template_link_via_cli(sample: Path, tmp_path: Path) -> None:
    if not POSIX:
        pytest.skip("symbolic links")
    (tmp_path / "secret.txt").write_text("TOP SECRET", encoding="utf-8")
    (sample / "templates").mkdir(exist_ok=True)
    (sample / "templates" / "report.md.j2").symlink_to(tmp_path / "secret.txt")
    result = CliRunner().invoke(app, ["render", "--data", str(sample), "--period", "H1", "--as-of", "2023-11-30"])
    assert result.exit_code == 1 and "TOP SECRET" not in result.stdout
    assert result.stderr.count("\n") == 1
