#!/usr/bin/env python3
"""Screenshots of the page for leaders (``dkst render --format html``) made from the sample data, for the README.

    python scripts/page_screenshot.py            # writes docs/img/trang-lanh-dao-1280.png and -390.png

It renders ``data/`` (period H1 as of 2023-06-20, before the half-year ends: some units overdue, one left to
report) with the installed ``dkst``, opens the page in Debian's headless Chromium through Playwright
(``executable_path``; never ``playwright install``), offline and with JavaScript disabled, and takes the top of
the page at a desktop width (1280 px) and a phone width (390 px).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "docs" / "img"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
#: (width, height of the picture): the top of the page, what a reader sees first.
SHOTS = ((1280, 1500), (390, 1700))


def main() -> int:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(REPO / "data", data)
        page_file = Path(tmp) / "bao-cao-H1.html"
        dkst = shutil.which("dkst", path=str(Path(sys.executable).parent)) or "dkst"
        args = ["render", "--data", str(data), "--period", "H1", "--as-of", "2023-06-20", "--format", "html"]
        subprocess.run(
            [dkst, *args, "--output", str(page_file)],
            check=True,
            env={**os.environ, "NO_COLOR": "1"},
        )
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            for width, height in SHOTS:
                context = browser.new_context(
                    viewport={"width": width, "height": height}, java_script_enabled=False, offline=True
                )
                page = context.new_page()
                page.goto(page_file.as_uri())
                target = OUT / f"trang-lanh-dao-{width}.png"
                page.screenshot(path=str(target))
                print(f"wrote {target.relative_to(REPO)}")
                context.close()
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
