"""Counts as docs/format.md pins them: whole numbers 0 … 999 999 999 999 written in decimal digits.

The one place where a count is read, whatever it comes from: a YAML value (the loader hands plain decimal
scalars over as ``int``, every other number form as the text typed, see :mod:`dkst.load.yamlio`), or a Python value
built by other code. Leading zeros are decimal (``010`` is 10, as Vietnamese documents write it); every other
form is refused and never read as some other number: YAML 1.1 octal, base 60 (``1:30``), ``1_000``, ``0x1F``,
``0o17``, ``0b11``, signs, exponents, fractions, quotes, booleans, anything above the limit.
"""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction

#: The largest count (docs/format.md, "Values").
MAX_COUNT = 999_999_999_999

#: A number with thousands separators, one kind throughout: ``1.000``, ``1,000``, ``1 000`` (also no-break spaces).
_SEPARATED = re.compile(r"[0-9]{1,3}(?P<sep>[.,\u0020\u00a0\u202f])[0-9]{3}(?:(?P=sep)[0-9]{3})*", re.ASCII)
_DIGITS = re.compile(r"[0-9]+", re.ASCII)
#: A number with words around it (``12 người``, ``khoảng 1.200 lượt``): the words are what to remove.
_WORDED = re.compile(
    r"(?P<before>[^0-9]*?)\s*(?P<number>[0-9](?:[0-9.,\u0020\u00a0\u202f]*[0-9])?)\s*(?P<after>[^0-9]*)", re.ASCII
)


class CountError(ValueError):
    """A value that is not a count. ``reason`` is a catalogue key of :data:`dkst.i18n.REASONS`:

    ``count`` (not a whole number written plainly), ``count_separator`` (dots between the thousands) or
    ``count_grouped`` (commas or spaces), whose ``suggestion`` is the number without them, ``count_words`` (a
    number with words around it, ``12 người``: ``words`` are what to remove, ``suggestion`` the number alone),
    ``count_quoted`` (digits written as text, ``"12"``), or ``count_limit`` (above :data:`MAX_COUNT`).
    """

    def __init__(self, reason: str, suggestion: str | None = None, words: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.suggestion = suggestion
        self.words = words


class BigDecimal(str):
    """A plain decimal scalar too long to be any count: kept as its text (``int()`` of thousands of digits is
    slow and refused by Python); :func:`parse_count` says it is above the limit."""

    __slots__ = ()


def parse_count(value: object) -> int:
    """The count ``value`` stands for, or :class:`CountError`.

    Accepted: a Python ``int`` (not ``bool``) in 0 … :data:`MAX_COUNT`, as the loader gives plain decimal
    scalars (``08`` and ``010`` included). Refused: everything else, text included (a quoted ``"12"`` is text),
    with the hint "write 1000" for ``1.000``, ``1,000`` and ``1 000``.
    """
    if isinstance(value, bool):
        raise CountError("count")
    if isinstance(value, int):
        if value < 0:
            raise CountError("count")
        if value > MAX_COUNT:
            raise CountError("count_limit")
        return int(value)
    if isinstance(value, BigDecimal):
        raise CountError("count_limit")
    raw = getattr(value, "raw", None)  # a number object that remembers how it was written
    text = raw if isinstance(raw, str) else value if isinstance(value, str) else None
    if text is not None:
        text = text.strip()
        plain = _plain_number(text)
        if plain is not None:
            raise CountError(plain[0], plain[1])
        worded = _WORDED.fullmatch(text)
        if worded is not None and any(ch.isalpha() for ch in worded["before"] + worded["after"]):
            number = _plain_number(worded["number"])
            if number is not None or _DIGITS.fullmatch(worded["number"]):
                suggestion = number[1] if number is not None else str(int(worded["number"]))
                words = " ".join(w for w in (worded["before"].strip(), worded["after"].strip()) if w)
                raise CountError("count_words", suggestion, words)
    raise CountError("count")


def _plain_number(text: str) -> tuple[str, str] | None:
    """``(reason, the number alone)`` for digits a count cannot be written as: grouped thousands (``1.000``,
    ``1,000``, ``1 000``) or digits as text (a quoted ``"12"``); ``None`` for anything else."""
    if _DIGITS.fullmatch(text):
        return "count_quoted", str(int(text))
    match = _SEPARATED.fullmatch(text)
    if match is not None:
        plain = text.replace(match["sep"], "")
        if _DIGITS.fullmatch(plain):
            return "count_separator" if match["sep"] == "." else "count_grouped", str(int(plain))
    return None


class Ratio(float):
    """An exact ratio ``part / whole`` (``exact``, a :class:`~fractions.Fraction`) that reads as its float
    everywhere else (arithmetic, comparisons, JSON, a user's template), so that code written for a float keeps
    working while every output that rounds it rounds the exact value, once (:func:`half_up`)."""

    exact: Fraction

    def __new__(cls, part: int, whole: int) -> Ratio:
        value = super().__new__(cls, part / whole)
        value.exact = Fraction(part, whole)
        return value

    def __reduce__(self) -> tuple[type[Ratio], tuple[int, int]]:
        return (Ratio, (self.exact.numerator, self.exact.denominator))

    def __repr__(self) -> str:
        return f"Ratio({self.exact.numerator}, {self.exact.denominator})"

    def __str__(self) -> str:
        """As JSON shows it (4 places, half-up): what a template printing the bare figure gets."""
        return str(half_up(self.exact, 4))


def exact(value: Fraction | float | int) -> Fraction:
    """The exact value of a ratio: a :class:`Ratio`'s fraction, or the number itself made a fraction."""
    return value.exact if isinstance(value, Ratio) else Fraction(value)


def half_up(value: Fraction | float | int, places: int) -> Decimal:
    """``value`` rounded half-up (halves away from zero) to ``places`` decimals, from the exact fraction.

    The one rounding of a ratio (docs/format.md, "One number, rounded once"): the figures stay exact
    (:class:`fractions.Fraction`) until an output shows them; never from a float or an already rounded value
    (rounding 6/11 to 0.5455 and then to one decimal of a percent gives 54,6%, not 54,5%).
    """
    value = exact(value)
    scaled = abs(value) * 10**places
    whole = int(scaled)  # floor of a non-negative fraction
    if scaled - whole >= Fraction(1, 2):
        whole += 1
    return Decimal(-whole if value < 0 else whole).scaleb(-places)
