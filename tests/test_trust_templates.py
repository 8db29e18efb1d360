"""Templates that build huge values from small sources (issue #19, item 6): refused before the value is built,
under a memory cap, in one line; a MemoryError is reported as what it is."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from dkst.documents import sandbox
from dkst.documents.render import RenderError
from tests.test_template_limits import refused, render_text
from tests.test_trust_forms import _capped

BUILDERS = [
    "{{ (['x' * 1000000] * 1000) | join }}",
    "{{ (['x' * 1000000] * 3000) | join(',') }}",
    "{{ (['x' * 999999] * 3000)|join }}",
    "{{ ','.join(['x' * 1000000] * 3000) }}",
    "{{ ('a' * 1000000).replace('a', 'b' * 1000) }}",
    "{{ ('a' * 1000000) | replace('a', 'b' * 1000) }}",
    "{{ ('{0}' * 1000).format('x' * 1000000) }}",
    "{{ ('%s' * 1000) | format('x' * 1000000) }}",
    "{{ ('%s' * 1000) % ('x' * 1000000) }}",
    "{% set a = 'x' * 1000000 %}{{ a~a~a~a~a~a~a~a~a~a~a~a~a~a~a~a~a~a~a~a~a~a~a~a~a }}",
    "{{ ('x\n' * 500000) | indent(1000) }}",
]


@pytest.mark.parametrize("source", BUILDERS)
def test_values_are_bounded_while_they_are_built(tmp_path: Path, source: str) -> None:
    message = refused(tmp_path, source)
    assert "20 MB" in message or "quá lớn" in message or "too" in message, message


def test_small_joins_still_work(tmp_path: Path) -> None:
    assert render_text(tmp_path, "{{ ['a', 'b'] | join('-') }} {{ 'x'.join('ab') }} {{ 'a~b'.replace('~', '+') }}") == (
        "a-b axb a+b"
    )


def test_a_memory_error_is_reported_as_such(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(self: object, value: object) -> object:
        raise MemoryError

    monkeypatch.setattr(sandbox.LimitedSandbox, "sized", boom)
    with pytest.raises(RenderError) as info:
        render_text(tmp_path, "{{ 'x' }}")
    message = info.value.text("en")
    assert "memory" in message and "recurse" not in message


def test_joining_3_gb_under_a_memory_cap_is_one_line(sample: Path) -> None:
    folder = sample / "mine"
    folder.mkdir()
    (folder / "report.md.j2").write_text("{{ (['x' * 1000000] * 3000) | join }}", encoding="utf-8")
    out = sample / "r.md"
    start = time.monotonic()
    proc, _ = _capped(
        [
            "render",
            "--data",
            str(sample),
            "--period",
            "H1",
            "--as-of",
            "2023-06-20",
            "--template-dir",
            str(folder),
            "--output",
            str(out),
        ],
        cap=1_200_000_000,
    )
    assert time.monotonic() - start < 30
    assert proc.returncode == 1 and proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert not out.exists()
