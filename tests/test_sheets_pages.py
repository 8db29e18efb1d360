"""The workbook and the form as printed (#21 points 7 and 8, #18's leftover; the LibreOffice pass,
``python -m pytest -m libreoffice``): the city's and the province's workbooks and forms in both languages are
converted to PDF by LibreOffice and read back with poppler (:mod:`tests.layoutcheck`): no word beyond the page, no
words printed over each other (a wrapped name over the next row), no heading alone at a page foot, no title cut
at the print area's edge, no code or jargon in the headings; and the workbook's percentages as LibreOffice shows
them (its CSV of the shown values) are those of ``dkst aggregate``'s JSON, rounded once."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
from fractions import Fraction
from pathlib import Path

import pytest

from tests import layoutcheck
from tests.conftest import REPO, run_dkst

DATA = REPO / "data"
PROVINCE = REPO / "samples" / "tinh-quang-nam"

#: (name, dataset, period, as-of, language) of each workbook
WORKBOOKS = [
    ("xlsx-city-Y-vi", DATA, "Y", "2024-01-15", "vi"),
    ("xlsx-city-Y-en", DATA, "Y", "2024-01-15", "en"),
    ("xlsx-city-H1-vi", DATA, "H1", "2023-11-30", "vi"),
    ("xlsx-city-H1-en", DATA, "H1", "2023-11-30", "en"),
    ("xlsx-province-Y-vi", PROVINCE, "Y", "2024-01-15", "vi"),
    ("xlsx-province-Y-en", PROVINCE, "Y", "2024-01-15", "en"),
]
#: (name, dataset, unit, language) of each form (period Y, written into a copy: the form key is the dataset's)
FORMS = [
    ("form-city-vi", DATA, "an-my", "vi"),
    ("form-city-en", DATA, "an-my", "en"),
    ("form-province-vi", PROVINCE, "hoi-an", "vi"),
    ("form-province-en", PROVINCE, "hoi-an", "en"),
]
#: Words that are codes or jargon, never in a heading the clerk reads
JARGON = ("kỳ Y", "kỳ H1", "period Y", "period H1", "không tính 0", "left out 0", "kỳ Năm", "ke-hoach-2022")

NO_LIBREOFFICE = "LibreOffice (soffice) and poppler (pdftotext) are needed to read the printed pages"
pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None, reason=NO_LIBREOFFICE),
]


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every workbook and form, by name, in one folder."""
    root = tmp_path_factory.mktemp("sheets")
    files: dict[str, Path] = {}
    for name, data, period, as_of, lang in WORKBOOKS:
        out = root / f"{name}.xlsx"
        proc = run_dkst(
            "aggregate", "-d", str(data), "-p", period, "--as-of", as_of, "--lang", lang, "-f", "xlsx", "-o", str(out)
        )
        assert proc.returncode == 0, proc.stderr
        files[name] = out
    for name, data, unit, lang in FORMS:
        copy = root / f"data-{name}"
        shutil.copytree(data, copy)
        folder = root / f"forms-{name}"
        proc = run_dkst("form", "-d", str(copy), "-p", "Y", "--unit", unit, "--lang", lang, "-o", str(folder))
        assert proc.returncode == 0, proc.stderr
        files[name] = root / f"{name}.xlsx"
        shutil.copyfile(folder / f"{unit}-Y.xlsx", files[name])
    return files


@pytest.fixture(scope="module")
def printed(written: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[layoutcheck.Page]]:
    root = tmp_path_factory.mktemp("printed")
    pdfs = layoutcheck.convert(list(written.values()), root / "pdf", root / "profile")
    return {name: layoutcheck.read_pages(pdfs[path.stem]) for name, path in written.items()}


def _text(pages: list[layoutcheck.Page]) -> str:
    return " ".join(line.text for page in pages for line in page.lines)


@pytest.mark.parametrize("name", [w[0] for w in WORKBOOKS] + [f[0] for f in FORMS])
def test_pages_a_clerk_would_take(printed: dict[str, list[layoutcheck.Page]], name: str) -> None:
    pages = printed[name]
    found = layoutcheck.foot_problems(pages) + layoutcheck.out_of_page(pages) + layoutcheck.overprinted(pages)
    assert not found, "\n".join(found)
    text = _text(pages)
    assert not [j for j in JARGON if j in text], text[:400]
    if name.startswith("xlsx"):
        data = DATA if "city" in name else PROVINCE
        title = " ".join(_plan_title(data).split())
        # every sheet prints the plan's title whole (wrapped, never cut at the print area's edge)
        assert text.count(title) >= 4, (title, text[:600])
    else:
        assert "PHIẾU BÁO CÁO" in text if name.endswith("-vi") else "REPORT FORM" in text
        assert len(pages) <= 4, len(pages)


def _plan_title(data: Path) -> str:
    from dkst.checks.checker import prepare

    plan = prepare(data).dataset.plan
    assert plan is not None
    return str(plan.title)


def _shown(value: Fraction) -> str:
    """A ratio as the workbook shows it in LibreOffice: one decimal of a percent, rounded half-up once."""
    from dkst.counts import half_up

    return f"{half_up(value * 100, 1)}%"


def test_percentages_shown_are_the_aggregates(written: dict[str, Path], tmp_path: Path) -> None:
    """#18's leftover: LibreOffice's shown values (CSV "as shown") of every ratio and change of the workbook equal
    the ratios of ``dkst aggregate --format json``, computed exactly and rounded once."""
    out = tmp_path / "csv"
    for name, data, period, as_of, lang in WORKBOOKS:
        if lang != "vi":
            continue
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                "--headless",
                "--convert-to",
                "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
                "--outdir",
                str(out),
                str(written[name]),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        agg = json.loads(run_dkst("aggregate", "-d", str(data), "-p", period, "--as-of", as_of, "-f", "json").stdout)
        rows = list(csv.reader((out / f"{name}-Tình hình báo cáo.csv").open(encoding="utf-8")))
        shown = {r[1]: r[-2:] for r in rows if len(r) > 3 and (r[0].strip().isdigit() or r[1] == "Tổng cộng")}
        kinds = list(agg["by_kind"].items())
        for (kind, counts), (label, ratios) in zip(kinds, list(shown.items())[:-1], strict=True):
            if counts["expected"]:
                exp = counts["expected"]
                assert ratios == [
                    _shown(Fraction(counts["received"], exp)),
                    _shown(Fraction(counts["on_time"], exp)),
                ], (
                    name,
                    kind,
                    label,
                )
            else:
                assert ratios == ["", ""], (name, kind)
        rep = agg["reports"]
        total = [_shown(Fraction(rep["received"], rep["expected"])), _shown(Fraction(rep["on_time"], rep["expected"]))]
        assert shown["Tổng cộng"] == total, name
        units = list(csv.reader((out / f"{name}-Đơn vị.csv").open(encoding="utf-8")))
        totals = next(r for r in units if len(r) > 1 and r[1] == "Tổng cộng")
        for ind in agg["indicators"].values():
            if ind.get("previous") and ind.get("total") is not None:
                change = Fraction(ind["total"], ind["previous"]) - 1
                sign = "+" if change > 0 else "−" if change < 0 else ""
                assert sign + _shown(abs(change)) in totals, (name, ind["label"], totals)
