"""The printed pages of every sample document, as a văn thư reads them (#21 point 8; the LibreOffice pass,
``python -m pytest -m libreoffice``): each is written by the installed command, converted to PDF by LibreOffice in
one run, and read back with poppler (:mod:`tests.layoutcheck`) for a heading or a lead-in alone at a page foot, a
signature block split from its name or with less than 30 mm to sign in, a word beyond the page, words printed over
each other; a letter is one page.

To add a document, add one line to :data:`DOCUMENTS` (a command whose ``{out}`` is a folder of its own; every .docx
or .xlsx it writes there is checked)."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests import layoutcheck
from tests.conftest import REPO, run_dkst

DATA = REPO / "data"
PROVINCE = REPO / "samples" / "tinh-quang-nam"
#: The least space between the signer's title and the name, for the signature and the seal (mm).
SIGNATURE_MM = 30.0


@dataclass(frozen=True)
class Document:
    """A document (or a folder of them, letters) as a command writes it."""

    name: str
    data: Path
    args: tuple[str, ...]  # dkst's arguments; "{out}" stands for a folder of its own
    signer: tuple[str, str] | None = None  # the signer's title line and the name (or its placeholder) under it
    one_page: bool = False  # letters fit on one page


def _report(period: str, as_of: str, lang: str) -> tuple[str, ...]:
    return ("render", "-p", period, "--as-of", as_of, "--lang", lang, "-f", "docx", "-o", "{out}/report.docx")


def _letters(lang: str) -> tuple[str, ...]:
    return ("remind", "-p", "H1", "--as-of", "2024-01-15", "--lang", lang, "-f", "docx", "-o", "{out}")


def _workbook(period: str, as_of: str, lang: str) -> tuple[str, ...]:
    return ("aggregate", "-p", period, "--as-of", as_of, "--lang", lang, "-f", "xlsx", "-o", "{out}/tong-hop.xlsx")


CITY_VI, CITY_EN = ("CHỦ TỊCH", "Nguyễn Ba"), ("CHAIR", "Nguyễn Ba")
PROVINCE_VI, PROVINCE_EN = ("CHỦ TỊCH", "[Họ và tên người ký]"), ("CHAIR", "[Name of the signer]")

#: Every sample document, both languages, the city (data/) and the province (samples/tinh-quang-nam/).
DOCUMENTS = [
    Document("report-city-Y-vi", DATA, _report("Y", "2024-01-15", "vi"), CITY_VI),
    Document("report-city-Y-en", DATA, _report("Y", "2024-01-15", "en"), CITY_EN),
    Document("report-city-H1-vi", DATA, _report("H1", "2023-11-30", "vi"), CITY_VI),
    Document("report-city-H1-en", DATA, _report("H1", "2023-11-30", "en"), CITY_EN),
    Document("report-province-Y-vi", PROVINCE, _report("Y", "2024-01-15", "vi"), PROVINCE_VI),
    Document("report-province-Y-en", PROVINCE, _report("Y", "2024-01-15", "en"), PROVINCE_EN),
    Document("report-province-H1-vi", PROVINCE, _report("H1", "2023-11-30", "vi"), PROVINCE_VI),
    Document("report-province-H1-en", PROVINCE, _report("H1", "2023-11-30", "en"), PROVINCE_EN),
    Document("letters-city-vi", DATA, _letters("vi"), CITY_VI, one_page=True),
    Document("letters-city-en", DATA, _letters("en"), CITY_EN, one_page=True),
    Document("letters-province-vi", PROVINCE, _letters("vi"), PROVINCE_VI, one_page=True),
    Document("letters-province-en", PROVINCE, _letters("en"), PROVINCE_EN, one_page=True),
    # the workbooks of aggregate (the forms, which need a copy of the dataset, are in tests/test_sheets_pages.py)
    Document("workbook-city-Y-vi", DATA, _workbook("Y", "2024-01-15", "vi")),
    Document("workbook-city-Y-en", DATA, _workbook("Y", "2024-01-15", "en")),
    Document("workbook-province-Y-vi", PROVINCE, _workbook("Y", "2024-01-15", "vi")),
    Document("workbook-province-Y-en", PROVINCE, _workbook("Y", "2024-01-15", "en")),
]

NO_LIBREOFFICE = "LibreOffice (soffice) and poppler (pdftotext) are needed to read the printed pages"
pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None, reason=NO_LIBREOFFICE),
]


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[str, list[layoutcheck.Page]]]]:
    """Each document's files as printed pages: document name → [(file, pages)]; one LibreOffice run for all."""
    root = tmp_path_factory.mktemp("pages")
    sources: dict[str, list[Path]] = {}
    flat = root / "all"
    flat.mkdir()
    for doc in DOCUMENTS:
        out = root / doc.name
        out.mkdir()
        proc = run_dkst(*(a.replace("{out}", str(out)) for a in doc.args), "-d", str(doc.data))
        assert proc.returncode == 0, (doc.name, proc.stderr)
        written = sorted(p for p in out.iterdir() if p.suffix in (".docx", ".xlsx"))
        assert written, doc.name
        sources[doc.name] = []
        for p in written:  # one flat folder, unique names: one conversion for everything
            target = flat / f"{doc.name}--{p.stem}{p.suffix}"
            shutil.copyfile(p, target)
            sources[doc.name].append(target)
    pdfs = layoutcheck.convert([p for ps in sources.values() for p in ps], root / "pdf", root / "profile")
    return {
        name: [(p.stem.split("--", 1)[1], layoutcheck.read_pages(pdfs[p.stem])) for p in files]
        for name, files in sources.items()
    }


@pytest.mark.parametrize("doc", DOCUMENTS, ids=lambda d: d.name)
def test_pages_a_clerk_would_sign(printed: dict[str, list[tuple[str, list[layoutcheck.Page]]]], doc: Document) -> None:
    problems: list[str] = []
    for stem, pages in printed[doc.name]:
        found = layoutcheck.foot_problems(pages) + layoutcheck.out_of_page(pages) + layoutcheck.overprinted(pages)
        if doc.one_page and len(pages) != 1:
            found.append(f"{len(pages)} pages, not one")
        if doc.signer is not None:
            gap = layoutcheck.signature_gap_mm(pages, *doc.signer)
            if gap is None:
                found.append(f"no signer's title {doc.signer[0]!r}")
            elif gap < 0:
                found.append(f"the signature block is split from the name {doc.signer[1]!r}")
            elif gap < SIGNATURE_MM:
                found.append(f"{gap:.1f} mm to sign in, under {SIGNATURE_MM:.0f} mm")
        problems += [f"{stem}: {p}" for p in found]
    assert not problems, "\n".join(problems)
