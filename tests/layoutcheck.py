"""What a văn thư would refuse on a printed page, read from a PDF (poppler's ``pdftotext -bbox-layout``): a heading or a
lead-in ending in ":" alone at a page foot, a signature title split from the name under it (and the space between
them), a word out of the page (a cut title), words printed over each other (overprinted rows).

Used by ``tests/test_layout_pages.py`` (the LibreOffice pass); plain functions so that any document converted to PDF
can be checked the same way."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

MM_PER_PT = 25.4 / 72
_NS = "{http://www.w3.org/1999/xhtml}"
#: A heading's first word: "I.", "IV.", "1.", "12." (a section or subsection), or a table's kind row "II".
_HEADING = re.compile(r"^([IVXL]+\.?|\d{1,2}\.)$")


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class Line:
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def y0(self) -> float:
        return min(w.y0 for w in self.words)

    @property
    def y1(self) -> float:
        return max(w.y1 for w in self.words)


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    lines: tuple[Line, ...]  # top to bottom

    @property
    def words(self) -> list[Word]:
        return [w for line in self.lines for w in line.words]


def read_pages(pdf: Path) -> list[Page]:
    """The pages of a PDF with their lines and words (positions in points, origin top left)."""
    out = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], check=True, capture_output=True, timeout=60
    ).stdout.decode("utf-8")
    root = ET.fromstring(out)
    pages = []
    for number, page in enumerate(root.iter(_NS + "page"), start=1):
        lines = []
        for line in page.iter(_NS + "line"):
            words = tuple(
                Word(
                    w.text or "",
                    float(w.get("xMin", 0)),
                    float(w.get("yMin", 0)),
                    float(w.get("xMax", 0)),
                    float(w.get("yMax", 0)),
                )
                for w in line.iter(_NS + "word")
                if (w.text or "").strip()
            )
            if words:
                lines.append(Line(words))
        lines.sort(key=lambda ln: (round(ln.y0), ln.x0))
        pages.append(Page(number, float(page.get("width", 0)), float(page.get("height", 0)), tuple(lines)))
    return pages


def _foot(page: Page) -> list[Line]:
    """The lines of the last row of text on a page (two columns side by side make one row)."""
    body = [ln for ln in page.lines if ln.y0 > page.height * 0.12]  # not the page number at the top
    if not body:
        return []
    last = max(ln.y1 for ln in body)
    return [ln for ln in body if ln.y1 >= last - 3]


def foot_problems(pages: list[Page]) -> list[str]:
    """A heading or a lead-in ending in ":" as the last line of a page that is not the last page."""
    problems = []
    for page in pages[:-1]:
        for line in _foot(page):
            text = line.text
            first = line.words[0].text
            if text.endswith(":"):
                problems.append(f"page {page.number}: a lead-in alone at the foot: {text!r}")
            elif _HEADING.match(first) and line.x1 - line.x0 < page.width * 0.6:
                problems.append(f"page {page.number}: a heading alone at the foot: {text!r}")
    return problems


def out_of_page(pages: list[Page]) -> list[str]:
    """Words printed beyond the sheet's edges (a title or a cell cut by the page)."""
    return [
        f"page {p.number}: {w.text!r} beyond the page"
        for p in pages
        for w in p.words
        if w.x0 < 0 or w.y0 < 0 or w.x1 > p.width + 0.5 or w.y1 > p.height + 0.5
    ]


def overprinted(pages: list[Page], tolerance: float = 1.0) -> list[str]:
    """Words printed over words: boxes that overlap by more than ``tolerance`` points across and by more than half
    the lower word's height down (a word's box holds its ascent and descent, so lines of text touch by a little)."""
    problems = []
    for p in pages:
        words = sorted(p.words, key=lambda w: w.y0)
        for i, a in enumerate(words):
            for b in words[i + 1 :]:
                if b.y0 >= a.y1 - tolerance:
                    break
                dx = min(a.x1, b.x1) - max(a.x0, b.x0)
                dy = min(a.y1, b.y1) - max(a.y0, b.y0)
                if dx > tolerance and dy > 0.5 * min(a.y1 - a.y0, b.y1 - b.y0):
                    problems.append(f"page {p.number}: {a.text!r} over {b.text!r}")
    return problems


def signature_gap_mm(pages: list[Page], title: str, name: str) -> float | None:
    """The space (mm) between the signer's title ("CHỦ TỊCH") and the name under it, on one page; ``None`` when the
    title is not there; a negative number when the name is not on the title's page (the block split)."""
    for page in pages:
        titles = [ln for ln in page.lines if ln.text.strip() == title and ln.x0 > page.width * 0.4]
        if not titles:
            continue
        head = titles[-1]
        below = [ln for ln in page.lines if ln.y0 > head.y1 and name in ln.text]
        if not below:
            return -1.0
        return (below[0].y0 - head.y1) * MM_PER_PT
    return None


def convert(files: list[Path], out: Path, profile: Path) -> dict[str, Path]:
    """Every file converted to PDF by LibreOffice in one run (its own profile folder); stem → PDF."""
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    return {f.stem: out / f"{f.stem}.pdf" for f in files}
