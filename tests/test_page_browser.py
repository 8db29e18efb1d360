"""The page for leaders in a real browser: Debian's Chromium driven by Playwright (``executable_path``; never
``playwright install``), with the network off, JavaScript disabled, at a desktop and a phone width.

A pass of its own, like the LibreOffice one: ``python -m pytest -m browser`` (CI runs it from scripts/check-all).
It fails on a console message of level error or warning, on any request other than the page's own file, on
sideways scrolling, on a chart that is not drawn, and on a figure that differs from ``dkst aggregate --format
json``."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO, run_dkst
from tests.pagecheck import compare

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
NO_BROWSER = "Chromium (/usr/bin/chromium) and the playwright package are needed"


def _have_browser() -> bool:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False
    return Path(CHROMIUM).exists()


pytestmark = [pytest.mark.browser, pytest.mark.skipif(not _have_browser(), reason=NO_BROWSER)]

#: (period, as-of, language): before the deadline (provisional, pending units), after it, in English.
CASES = [("H1", "2023-06-20", "vi"), ("Y", "2024-01-15", "en"), ("H1", "2023-12-20", "vi")]
WIDTHS = (1280, 390)
#: Each case's page and the aggregate's JSON of the same period, day and language.
Pages = dict[tuple[str, str, str], tuple[Path, dict[str, Any]]]


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Pages:
    data = tmp_path_factory.mktemp("browser") / "data"
    shutil.copytree(REPO / "data", data)
    out = {}
    for period, as_of, lang in CASES:
        target = data.parent / f"{period}-{as_of}-{lang}.html"
        args = ("--data", str(data), "--period", period, "--as-of", as_of, "--lang", lang)
        proc = run_dkst("render", *args, "--format", "html", "--output", str(target))
        assert proc.returncode == 0, proc.stderr
        agg = run_dkst("aggregate", *args, "--format", "json")
        assert agg.returncode == 0, agg.stderr
        out[period, as_of, lang] = (target, json.loads(agg.stdout))
    return out


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


def _open(browser: Any, path: Path, width: int) -> tuple[Any, Any, list[str], list[str]]:
    """The page opened offline, scripts off, every request but the page's own file aborted and recorded."""
    context = browser.new_context(
        viewport={"width": width, "height": 900}, java_script_enabled=False, offline=True, device_scale_factor=1
    )
    page = context.new_page()
    own = path.resolve().as_uri()
    requests: list[str] = []
    console: list[str] = []

    def route(r: Any) -> None:
        if r.request.url == own:
            r.continue_()
        else:
            requests.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("request", lambda req: None if req.url == own else requests.append(req.url))
    page.on(
        "console", lambda msg: console.append(f"{msg.type}: {msg.text}") if msg.type in ("error", "warning") else None
    )
    page.on("pageerror", lambda exc: console.append(f"pageerror: {exc}"))
    page.goto(own, wait_until="load")
    return context, page, requests, console


@pytest.mark.parametrize("case", CASES, ids=["-".join(c) for c in CASES])
@pytest.mark.parametrize("width", WIDTHS)
def test_page_in_chromium(pages: Pages, browser: Any, case: tuple[str, str, str], width: int) -> None:
    path, summary = pages[case]
    context, page, requests, console = _open(browser, path, width)
    try:
        assert requests == [], requests
        assert console == [], console
        scroll_width, inner = page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
        assert scroll_width <= inner, f"sideways scrolling at {width} px: {scroll_width} > {inner}"
        # no element sticks out of the page either (a table scrolls inside its own box)
        wide = page.evaluate(
            """() => [...document.querySelectorAll('body *')]
                 .filter(e => !e.closest('.scroll') && e.getBoundingClientRect().right > innerWidth + 1)
                 .map(e => e.tagName + '.' + e.className).slice(0, 5)"""
        )
        assert wide == [], wide
        # the charts are drawn pictures, each of a real size on the screen
        charts = page.evaluate(
            """() => [...document.querySelectorAll('figure.chart svg')].map(s => {
                 const r = s.getBoundingClientRect();
                 return [r.width, r.height, s.querySelectorAll('path, rect').length]; })"""
        )
        assert len(charts) >= 2
        for w, h, marks in charts:
            assert 150 <= w <= width and h > 50 and marks > 3, charts
        # the figures, as the browser reads them, are the aggregate's
        found = page.evaluate(
            "() => [...document.querySelectorAll('data[data-figure]')]"
            ".map(e => [e.dataset.figure, e.value, e.textContent])"
        )
        assert len(found) > 20
        assert compare([tuple(f) for f in found], summary, case[2]) == []
        # the names a leader must see are shown (missing units by name)
        text = page.inner_text("body")
        for unit in summary["units"]:
            if unit["status"] == "missing":
                assert unit["name"] in text
    finally:
        context.close()


def test_page_prints_on_a4(pages: Pages, browser: Any, tmp_path: Path) -> None:
    path, _ = pages[CASES[0]]
    context, page, requests, console = _open(browser, path, 1280)
    try:
        pdf = page.pdf(prefer_css_page_size=True, print_background=True)  # the page's own @page size
        assert pdf.startswith(b"%PDF") and requests == [] and console == []
        out = tmp_path / "page.pdf"
        out.write_bytes(pdf)
        if shutil.which("pdfinfo"):
            import subprocess

            info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
            assert "(A4)" in info, info
    finally:
        context.close()
