"""One number, rounded once (#18): every output shows the same one-decimal percentage, half-up from the exact
ratio, and JSON keeps 4 places rounded once from it."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from dkst.counts import Ratio, half_up
from dkst.documents.filters import enpct, pct
from dkst.figures.aggregate import json_ready, ratio
from dkst.sheets.workbook_sheets import sheet_ratio

PAIRS = [(part, whole) for whole in range(1, 201) for part in range(whole + 1)]


def exact_percent(part: int, whole: int) -> Decimal:
    """The truth: 100·part/whole, half-up to one decimal, by integer arithmetic only."""
    tenths, rest = divmod(1000 * part, whole)
    return Decimal(tenths + (2 * rest >= whole)).scaleb(-1)


def workbook_shows(part: int, whole: int) -> Decimal:
    """What a spreadsheet shows in a ``0.0%`` cell whose formula is ``=ROUND(part/whole,3)`` and whose cached
    value is :func:`sheet_ratio`: the formula's result (the division to 15 significant digits, as spreadsheets
    compute, then ROUND's half away from zero) must equal the cached value, and the display is that value."""
    cached = sheet_ratio(part, whole)
    formula = Decimal(f"{part / whole:.15g}").quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)
    assert Decimal(repr(cached)) == formula, (part, whole, cached, formula)
    return (Decimal(repr(cached)) * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def test_six_of_eleven_is_54_5_everywhere() -> None:
    r = ratio(6, 11)
    assert pct(r) == "54,5%" and enpct(r) == "54.5%"
    assert workbook_shows(6, 11) == Decimal("54.5")
    assert json_ready(r) == 0.5455


def test_every_pair_up_to_200_agrees_in_markdown_word_and_workbook() -> None:
    """Markdown and Word both show :func:`pct` of the aggregate's :class:`Ratio` (the filter of both
    templates); the workbook shows its cached value, which its formula reproduces."""
    for part, whole in PAIRS:
        truth = exact_percent(part, whole)
        shown = pct(Ratio(part, whole))
        assert shown == f"{truth:f}".replace(".", ",") + "%", (part, whole, shown)
        assert enpct(Ratio(part, whole)) == f"{truth:f}%"
        assert workbook_shows(part, whole) == truth, (part, whole)


@given(st.integers(1, 200).flatmap(lambda whole: st.tuples(st.integers(0, whole), st.just(whole))))
def test_property_one_rounding(pair: tuple[int, int]) -> None:
    part, whole = pair
    truth = exact_percent(part, whole)
    assert pct(ratio(part, whole)) == f"{truth:f}".replace(".", ",") + "%"
    assert workbook_shows(part, whole) == truth
    four = json_ready(ratio(part, whole))
    assert Decimal(repr(four)) == half_up(Fraction(part, whole), 4)
