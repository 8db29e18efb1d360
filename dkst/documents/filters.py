"""The filters every dkst template can use: dates, numbers and percentages in Vietnamese and English,
Markdown escaping, indicator phrases, the fixed formulas of an official document (see :mod:`dkst.documents.render`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from dkst import escape
from dkst.counts import Ratio, exact, half_up
from dkst.i18n import TEXTS, text
from dkst.periods import iso_date, vn_date, vn_date_long


def _date_filter(form: Callable[[date], str]) -> Callable[[Any], str]:
    """A template filter writing a date (or an ISO date text) with ``form``: blank stays blank, and a text
    that is not a date prints as it is."""

    def apply(value: Any) -> str:
        if value is None or value == "":
            return ""
        day = iso_date(value)
        return str(value) if day is None else form(day)

    apply.__doc__ = form.__doc__
    return apply


#: ``04/6/2023``: day on two digits; month on two digits for 1 and 2 only (NĐ 30/2020).
vndate = _date_filter(vn_date)
#: ``ngày 04 tháng 6 năm 2023`` (the date line's form, without the place).
vndatelong = _date_filter(vn_date_long)


def num(value: Any, none: str = "–") -> str:
    """``12345`` -> ``12.345`` (Vietnamese thousands separator); ``3.5`` -> ``3,5``; None -> ``–``."""
    if value is None or value == "":
        return none
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        sign = "-" if value < 0 else ""
        return sign + f"{abs(value):,}".replace(",", ".")
    if isinstance(value, float):
        if value.is_integer():
            return num(int(value), none)
        whole, _, frac = f"{value:.2f}".rstrip("0").partition(".")
        return num(int(whole), none) + ("," + frac if frac else "")
    return str(value)


def pct(value: Any, none: str = "–") -> str:
    """A ratio as a Vietnamese percentage, always one decimal (rounded half up), the rule of every dkst
    output (Markdown, Word, the workbook's ``0.0%``): ``Fraction(6, 11)`` -> ``54,5%`` (rounded once, from the
    exact ratio: :func:`dkst.counts.half_up`), ``0.8824`` -> ``88,2%``, ``1.0`` -> ``100,0%``; None -> ``–``."""
    if value is None or value == "" or isinstance(value, bool):
        return none
    if isinstance(value, Ratio | Fraction | int):  # the aggregate's exact ratio: rounded here, once
        return f"{half_up(exact(value) * 100, 1):f}".replace(".", ",") + "%"
    try:
        d = (Decimal(str(value)) * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    except ArithmeticError:
        return str(value)
    return f"{d:f}".replace(".", ",") + "%"


def _change_tenths(value: Any) -> tuple[int, Fraction] | None:
    """A change (``total / previous − 1``: exact as a :class:`~fractions.Fraction`, or the JSON's 4-place number)
    in tenths of a per cent, rounded half-up once from the value given; and the value, exact."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        exact = value if isinstance(value, Fraction) else Fraction(Decimal(str(value)))
    except (ArithmeticError, ValueError):
        return None
    q = int(abs(exact) * 1000 + Fraction(1, 2))  # floor: non-negative
    return (-q if exact < 0 else q), exact


def change(value: Any, none: str = "", plus: str = "+") -> str:
    """A change as a signed Vietnamese percentage, one decimal, half-up from the exact ratio: ``+21,1%``,
    ``−6,3%`` (a minus sign, U+2212), ``0,0%``; ``none`` where there is no change to show."""
    found = _change_tenths(value)
    if found is None:
        return none
    tenths = found[0]
    sign = plus if tenths > 0 else "\u2212" if tenths < 0 else ""
    whole, frac = divmod(abs(tenths), 10)
    return f"{sign}{num(whole)},{frac}%"


def enchange(value: Any, none: str = "", plus: str = "+") -> str:
    """:func:`change` with English separators: ``+21.1%``, ``−6.3%``."""
    shown = change(value, none, plus)
    return shown.translate(_SWAP_SEPARATORS) if shown.endswith("%") else shown


def _exact(value: Any, previous: Any) -> Fraction | None:
    """``value / previous − 1`` exactly, for two whole numbers with ``previous`` not 0; else ``None``."""
    if not all(isinstance(x, int) and not isinstance(x, bool) for x in (value, previous)) or previous == 0:
        return None
    return Fraction(value, previous) - 1


def growth(value: Any, previous: Any, none: str = "", plus: str = "+") -> str:
    """This year's figure against last year's as a signed Vietnamese percentage (:func:`change`), from the two
    numbers exactly: ``{{ total|growth(previous) }}`` → ``+21,1%``; ``none`` where either is missing or last
    year's is 0."""
    return change(_exact(value, previous), none, plus)


def engrowth(value: Any, previous: Any, none: str = "", plus: str = "+") -> str:
    """:func:`growth` with English separators."""
    return enchange(_exact(value, previous), none, plus)


def compare(indicator: Mapping[str, Any], year: Any = None, lang: str = "vi") -> str:
    """How an indicator's ``total`` stands against its ``previous`` (the same period last year), as a piece of a
    sentence: ``tăng 21,1% so với cùng kỳ năm 2022``, ``giảm 6,3% …``, ``bằng cùng kỳ năm 2022``; empty where last
    year had no figure (or 0, against which no change can be said), or this year has none."""
    exact = _exact(indicator.get("total"), indicator.get("previous"))
    found = _change_tenths(exact)
    if exact is None or found is None:
        return ""
    tenths = found[0]
    shown = (change if lang == "vi" else enchange)(abs(exact), plus="")
    key = "prev.up" if tenths > 0 else "prev.down" if tenths < 0 else "prev.same" if exact == 0 else "prev.about"
    return text(key, lang, pct=shown, year=year if year is not None else "")


def encompare(indicator: Mapping[str, Any], year: Any = None) -> str:
    """:func:`compare` in English: ``up 21.1% on the same period of 2022``."""
    return compare(indicator, year, "en")


def lcfirst(value: Any) -> str:
    """First letter in lower case (``Triển khai …`` -> ``triển khai …``), for a title inside a sentence."""
    if value is None:
        return ""
    text = str(value)
    return text[:1].lower() + text[1:]


#: First words of a period's name that are common nouns or ordinals, written in lower case inside a sentence
#: ("báo cáo năm 2023", "6 tháng đầu năm 2023", "the first half of 2023"). Any other first word (a proper
#: noun such as "Tết", an abbreviation) keeps its capital.
SENTENCE_LOWER = frozenset(
    {
        "năm",
        "quý",
        "tháng",
        "kỳ",
        "đợt",
        "giai",
        "nửa",
        "sáu",
        "chín",
        "cả",
        "đầu",
        "cuối",
        "giữa",
        "học",
        "sơ",
        "tổng",
        "hết",
        "trong",
        "các",
        "báo",
        "year",
        "first",
        "second",
        "third",
        "fourth",
        "half",
        "quarter",
        "month",
        "period",
        "annual",
        "mid-year",
        "the",
        "whole",
        "full",
        "end",
        "six",
        "nine",
        "calendar",
        "semester",
        "interim",
        "yearly",
    }
)


def in_sentence(value: Any) -> str:
    """A period's name as it reads inside a sentence: ``Năm 2023`` -> ``năm 2023``, ``First half of 2023``
    -> ``first half of 2023``; only a first word of :data:`SENTENCE_LOWER` written with one capital is
    lowered, so ``Tết Giáp Thìn``, ``ASEAN …`` and ``6 tháng đầu năm 2023`` stay as written."""
    if value is None:
        return ""
    text = str(value)
    first = text.split(maxsplit=1)[0] if text.strip() else ""
    if first[:1].isupper() and first[1:] == first[1:].lower() and first.lower() in SENTENCE_LOWER:
        start = text.index(first)
        return text[:start] + first[0].lower() + text[start + 1 :]
    return text


def upper(value: Any) -> str:
    """Jinja's ``upper``, except that None (an absent letterhead line) prints as nothing, not ``NONE``."""
    return "" if value is None else str(value).upper()


def roman(value: Any) -> str:
    """1 -> I, 4 -> IV, … (section and group numerals)."""
    n = int(value)
    if n <= 0:
        return str(n)
    out = []
    for arabic, letters in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= arabic:
            out.append(letters)
            n -= arabic
    return "".join(out)


def figure(indicator: Mapping[str, Any]) -> str:
    """An indicator as a phrase: ``120 buổi tuyên truyền`` when the label reads ``Số <unit> …``,
    else ``<label>: 120 <unit>``; ``<label>: chưa có đơn vị báo cáo`` when no report carries it."""
    label = str(indicator.get("label") or indicator.get("id") or "").strip()
    unit = str(indicator.get("unit") or "").strip()
    total = indicator.get("total")
    if total is None:
        return f"{lcfirst(label)}: {text('figure-none', 'vi')}"
    low = label.lower()
    if low.startswith("số ") and unit and low[3:].startswith(unit.lower()):
        return f"{num(total)} {label[3:]}"
    return f"{lcfirst(label)}: {num(total)}" + (f" {unit}" if unit else "")


# English twins of the filters above (templates/en/). Month names are spelled out here, not taken
# from the C library's locale, so the output is the same on every machine.

EN_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _en_date(day: date) -> str:
    """``4 Jun 2023`` (day without a leading zero, month abbreviated; ``May`` stays whole)."""
    return f"{day.day} {EN_MONTHS[day.month - 1][:3]} {day.year}"


def _en_date_long(day: date) -> str:
    """``5 June 2023`` (the date line's form, without the place)."""
    return f"{day.day} {EN_MONTHS[day.month - 1]} {day.year}"


endate = _date_filter(_en_date)
endatelong = _date_filter(_en_date_long)


_SWAP_SEPARATORS = str.maketrans({".": ",", ",": "."})


def ennum(value: Any, none: str = "–") -> str:
    """``12345`` -> ``12,345``; ``3.5`` -> ``3.5``; None -> ``–`` (``num`` with English separators)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return num(value, none).translate(_SWAP_SEPARATORS)
    return num(value, none)


def enpct(value: Any, none: str = "–") -> str:
    """A ratio as an English percentage: ``0.8824`` -> ``88.2%``, ``1.0`` -> ``100.0%``; None -> ``–``."""
    shown = pct(value, none)
    return shown.translate(_SWAP_SEPARATORS) if shown.endswith("%") else shown


def enfigure(indicator: Mapping[str, Any]) -> str:
    """An indicator in an English sentence: ``<label>: 144 <unit>``, label and unit as the plan
    writes them; ``<label>: not reported by any unit`` when no report carries it."""
    label = str(indicator.get("label") or indicator.get("id") or "").strip()
    unit = str(indicator.get("unit") or "").strip()
    total = indicator.get("total")
    if total is None:
        return f"{label}: {text('figure-none', 'en')}"
    return f"{label}: {ennum(total)}" + (f" {unit}" if unit else "")


def _formula_key(text: str) -> str:
    """Upper case, one space, one kind of dash, and the old tone-mark placement (``UỶ``, ``HOÀ``) as the new."""
    key = " ".join(text.replace("–", "-").replace("—", "-").upper().split())
    return key.replace("UỶ", "ỦY").replace("HOÀ", "HÒA")


#: The fixed words of a Vietnamese official document (Nghị định 30/2020) and their English form.
EN_FORMULAS = {_formula_key(words["vi"]): words["en"] for key, words in TEXTS.items() if key.startswith("formula.")}
#: Signing prefixes: thay mặt, ký thay, thừa lệnh, thừa ủy quyền, quyền.
EN_SIGNING = {
    "TM": "ON BEHALF OF THE ",
    "KT": "FOR THE ",
    "TL": "BY ORDER OF THE ",
    "TUQ": "BY AUTHORISATION OF THE ",
    "Q": "ACTING ",
}
#: The copy kept on file ("Lưu: VT, PT."): the word and the usual offices' abbreviations in English.
EN_FILED = {
    words["vi"].upper(): words["en"] for key, words in TEXTS.items() if key.startswith("filed.") and key != "filed.word"
}
_FILED = re.compile(r"^(?:lưu|luu)\s*:\s*(.*?)([.;]?)$", re.IGNORECASE)
_SIGNING = re.compile(r"^(TM|KT|TL|TUQ|Q)\.\s*(.+)$", re.IGNORECASE)


def enformula(value: Any) -> str:
    """A fixed formula of a Vietnamese official document in English, anything else as written:
    ``CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM`` -> ``SOCIALIST REPUBLIC OF VIET NAM``, ``TM. BAN THƯỜNG
    TRỰC`` -> ``ON BEHALF OF THE STANDING COMMITTEE``, ``KT. CHỦ TỊCH`` -> ``FOR THE CHAIR``,
    ``CHỦ TỊCH`` -> ``CHAIR``, ``Lưu: VT, PT.`` -> ``Archived: Records Office, Movement Department.``. A formula only
    half known (``TM. ỦY BAN NHÂN DÂN``) stays whole."""
    if value is None:
        return ""
    text = str(value)
    found = EN_FORMULAS.get(_formula_key(text))
    if found is not None:
        return found
    filed = _FILED.match(text.strip())
    if filed:  # "Lưu: VT, PT." -> "Archived: Records Office, Movement Department."
        where = [EN_FILED.get(w.strip().upper(), w.strip()) for w in filed[1].split(",") if w.strip()]
        return f"{TEXTS['filed.word']['en']}: {', '.join(where)}{filed[2]}"
    m = _SIGNING.match(text.strip())
    if m:
        body = EN_FORMULAS.get(_formula_key(m[2]))
        if body is not None:
            return EN_SIGNING[m[1].upper()] + body
    return text


_ARTICLE = re.compile(r"^(first half|second half|year)\b")


def enthe(value: Any) -> str:
    """An English period name after "for" or "of" in a sentence: ``first half of 2023`` -> ``the first half of
    2023``, ``year 2023`` -> ``the year 2023``; ``Q3 2023``, ``September 2023`` and other names as written."""
    text = "" if value is None else str(value)
    return f"the {text}" if _ARTICLE.match(text) else text


def md(value: Any, br: str = " ") -> str:
    """Escape text for Markdown so it prints as typed: ``|`` -> ``\\|``, markup and HTML neutralised,
    a leading ``#``/``-``/``1.`` kept from making a heading or list, newlines joined by ``br``
    (a space: safe inside a table cell). None -> ``""``. (:func:`dkst.escape.markdown`.)"""
    return escape.markdown(value, br)


def mdpara(value: Any, indent: int = 2) -> str:
    """Like ``md`` but each line of the text stays a line (Markdown hard breaks), indented by
    ``indent`` spaces so that it stays inside the list item it follows."""
    return ("\\\n" + " " * indent).join(escape.markdown_lines(value))


FILTERS = {
    "md": md,
    "mdpara": mdpara,
    "vndate": vndate,
    "vndatelong": vndatelong,
    "num": num,
    "pct": pct,
    "figure": figure,
    "change": change,
    "growth": growth,
    "compare": compare,
    "lcfirst": lcfirst,
    "insentence": in_sentence,
    "roman": roman,
    "upper": upper,
    "endate": endate,
    "endatelong": endatelong,
    "ennum": ennum,
    "enpct": enpct,
    "enfigure": enfigure,
    "enchange": enchange,
    "engrowth": engrowth,
    "encompare": encompare,
    "enformula": enformula,
    "enthe": enthe,
}
