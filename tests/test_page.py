"""The page for leaders, ``dkst render --format html`` (docs/format.md, "A page for leaders"): one self-contained
page whose figures are the aggregate's, charts drawn by a charting library, no request anywhere.
What a browser shows is tested in tests/test_page_browser.py (``-m browser``)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run_dkst
from tests.pagecheck import compare, external_refs, figures_in

H1 = ("--period", "H1", "--as-of", "2023-06-20")
#: The rendered sample: its folder, the page, the aggregate's JSON.
Page = tuple[Path, str, dict[str, Any]]


def _aggregate(data: Path, *args: str) -> dict[str, Any]:
    proc = run_dkst("aggregate", "--data", str(data), *args, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    out: dict[str, Any] = json.loads(proc.stdout)
    return out


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Page:
    import shutil

    from tests.conftest import REPO

    data = tmp_path_factory.mktemp("page") / "data"
    shutil.copytree(REPO / "data", data)
    proc = run_dkst("render", "--data", str(data), *H1, "--format", "html")
    assert proc.returncode == 0, proc.stderr
    out = data / "out" / "bao-cao-H1.html"
    assert str(out.name) in proc.stderr
    return data, out.read_text(encoding="utf-8"), _aggregate(data, *H1)


def test_default_output_is_one_page(page: Page) -> None:
    _, html, _ = page
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="vi">' in html
    assert "<script" not in html.lower()
    assert external_refs(html) == []


def test_figures_are_the_aggregates(page: Page) -> None:
    _, html, summary = page
    found = figures_in(html)
    paths = {p for p, _, _ in found}
    assert compare(found, summary) == []
    # every count of the period and of each kind, every indicator's total and reporting count, the models
    for key in ("expected", "received", "on_time", "late", "missing", "completeness", "timeliness"):
        assert f"reports.{key}" in paths
    for kind, reports in summary["by_kind"].items():
        if reports["expected"]:
            assert f"by_kind.{kind}.completeness" in paths
    for ind in summary["indicators"]:
        assert f"indicators.{ind}.total" in paths
    assert "models.total" in paths
    # each unit's figure of each indicator it gives
    for unit in summary["units"]:
        for ind in unit["indicators"]:
            assert f"units.{unit['id']}.indicators.{ind}" in paths


def test_charts_are_pictures_without_outside_references(page: Page) -> None:
    _, html, _ = page
    svgs = re.findall(r"<svg\b.*?</svg>", html, flags=re.S)
    assert len(svgs) >= 2
    figures = re.findall(r'<figure class="chart" id="chart-([^"]+)"', html)
    assert figures[0] == "completeness" and "models" in figures
    assert any(f.startswith("indicator-") for f in figures)
    for svg in svgs:
        assert "<script" not in svg and "@font-face" not in svg and "<image" not in svg
        assert not re.search(r"(?:href|src)\s*=", svg)
        assert 'viewBox="' in svg
    # the chart prints the same percentage as the table (one decimal, rounded once)
    assert "88,2%" in svgs[0]


def test_names_missing_and_grid(page: Page) -> None:
    _, html, summary = page
    missing = [u for u in summary["units"] if u["status"] == "missing"]
    assert missing
    for unit in missing:
        assert f'<li data-unit="{unit["id"]}" data-status="missing"><strong>{unit["name"]}</strong>' in html
    # the status grid: a row per unit, the marks of `dkst status` with their state as a class
    for unit in summary["units"]:
        assert f'<tr data-unit="{unit["id"]}">' in html
    assert re.search(r'<td class="s-missing" title="✗ quá hạn 16 ngày">✗ 16</td>', html)
    assert 'class="s-late"' in html and 'class="s-on_time"' in html


def test_print_and_phone_css(page: Page) -> None:
    _, html, _ = page
    assert "@media print" in html and "size: A4" in html
    assert 'name="viewport" content="width=device-width, initial-scale=1"' in html


def test_english_page(sample: Path) -> None:
    proc = run_dkst(
        "render", "--data", str(sample), "--period", "Y", "--as-of", "2024-01-15", "--format", "html", "--lang", "en"
    )
    assert proc.returncode == 0, proc.stderr
    html = (sample / "out" / "bao-cao-Y.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in html and "Reports received" in html and "Received" in html
    summary = _aggregate(sample, "--period", "Y", "--as-of", "2024-01-15")
    assert compare(figures_in(html), summary, "en") == []


def test_suffix_and_format(sample: Path, tmp_path: Path) -> None:
    bad = run_dkst("render", "--data", str(sample), *H1, "--format", "html", "--output", str(tmp_path / "x.md"))
    assert bad.returncode == 2 and "x.md" not in {p.name for p in tmp_path.iterdir()}
    assert ".html" in bad.stderr
    bad = run_dkst("render", "--data", str(sample), *H1, "--format", "docx", "--output", str(tmp_path / "x.html"))
    assert bad.returncode == 2
    good = run_dkst("render", "--data", str(sample), *H1, "--output", str(tmp_path / "trang.html"))
    assert good.returncode == 0, good.stderr
    assert (tmp_path / "trang.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.hostile  # an attack: the hostile pass
def test_own_template_and_escaping(sample: Path, tmp_path: Path) -> None:
    """A dataset's own templates/report.html.j2 wins; text from the data is escaped (autoescape), in the page
    and in the charts."""
    units = sample / "units.yaml"
    units.write_text(
        units.read_text(encoding="utf-8").replace("short_name: Thành Đoàn", 'short_name: "<b>x</b> & <script>"'),
        encoding="utf-8",
    )
    proc = run_dkst("render", "--data", str(sample), *H1, "--format", "html", "--output", str(tmp_path / "a.html"))
    assert proc.returncode == 0, proc.stderr
    html = (tmp_path / "a.html").read_text(encoding="utf-8")
    assert "<script" not in html and "<b>x</b>" not in html
    assert "&lt;b&gt;x&lt;/b&gt; &amp; &lt;script&gt;" in html
    (sample / "templates").mkdir(exist_ok=True)
    (sample / "templates" / "report.html.j2").write_text(
        "<p>{{ page.reports.expected }} {{ charts|length }} {{ words.title }} {{ plan.issuer }}</p>\n", encoding="utf-8"
    )
    proc = run_dkst("render", "--data", str(sample), *H1, "--format", "html", "--output", str(tmp_path / "b.html"))
    assert proc.returncode == 0, proc.stderr
    own = (tmp_path / "b.html").read_text(encoding="utf-8")
    assert own.startswith("<p>17 ") and "Đoàn kết sáng tạo" in own


def test_template_error_is_one_line(sample: Path, tmp_path: Path) -> None:
    (tmp_path / "report.html.j2").write_text("{{ page.nothing.here }}\n", encoding="utf-8")
    proc = run_dkst(
        "render",
        "--data",
        str(sample),
        *H1,
        "--format",
        "html",
        "--template-dir",
        str(tmp_path),
        "--output",
        str(tmp_path / "c.html"),
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr and "report.html.j2" in proc.stderr
    assert not (tmp_path / "c.html").exists()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_word_report_carries_the_completeness_chart(sample: Path, tmp_path: Path, lang: str) -> None:
    """The built-in Word report shows ``charts.completeness`` (a PNG of the page's chart) in its appendix."""
    import zipfile

    out = tmp_path / "r.docx"
    proc = run_dkst("render", "--data", str(sample), *H1, "--lang", lang, "--output", str(out))
    assert proc.returncode == 0, proc.stderr
    with zipfile.ZipFile(out) as z:
        pictures = [n for n in z.namelist() if n.startswith("word/media/")]
        body = z.read("word/document.xml").decode("utf-8")
        assert len(pictures) == 1 and z.read(pictures[0]).startswith(b"\x89PNG")
    appendix = body.index("Phụ lục" if lang == "vi" else "Appendix")
    assert body.index("<w:drawing>", appendix) > appendix
    assert ("Biểu đồ" if lang == "vi" else "Chart:") in body
