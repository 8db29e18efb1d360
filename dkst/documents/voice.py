"""The committee's own voice in its report: the narrative file, the sentences of part I, the level's words.

- :func:`narrative_facts`: ``narrative/<P>.yaml`` read for the report (its texts as paragraphs), the
  placeholders for what is missing (``[Ban Thường trực bổ sung: đánh giá chung]``) and the warnings
  ``dkst render`` prints for each missing piece (the file, a key, ``signer.name``, ``number``).
- :func:`section_sentence`: one paragraph per indicator ``section``, from each indicator's ``phrase``
  (``{n}`` the number) or, without one, from its ``label`` and ``unit``; the count of reporting units once.
- :func:`level_words`: the level's words from ``issuer`` (the words after "Việt Nam": xã, phường, thị trấn,
  huyện, quận, thị xã, thành phố, tỉnh) and the level above from the first ``based_on`` issuer of a higher level,
  else the usual one (a commune's district, a city's province, a province's central committee).
- :func:`text_lines`: a unit's text as lines, each unit named once (a rolled-up text whose lines start with the
  unit's own name loses the repeat).
- :func:`english_period_name`: ``first half of 2023``, ``year 2023``, ``Q3 2023``, ``September 2023`` from dates.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from dkst.i18n import text

if TYPE_CHECKING:
    from dkst.load.schema import Narrative

#: The level words after "Việt Nam" in an issuer, longest first (so "thị xã" wins over "xã").
LEVELS = ("thành phố", "thị trấn", "thị xã", "phường", "huyện", "quận", "tỉnh", "xã")
#: How high each level stands (the level above a report's own is one with a greater rank).
RANK = {"xã": 1, "phường": 1, "thị trấn": 1, "huyện": 2, "quận": 2, "thị xã": 2, "thành phố": 2, "tỉnh": 3}
#: The usual level above, where the plan's ``based_on`` names none.
ABOVE = {1: "huyện", 2: "tỉnh", 3: "trung ương"}
#: The keys of a narrative file that hold the committee's words, in the report's order.
WORD_KEYS = ("assessment", "limitations", "causes", "tasks", "proposals")
_LINES = re.compile(r"\r\n|\r|\n")  # only real line ends (str.splitlines also splits at \x0b, \x1c…)
_VIET_NAM = re.compile(r"việt\s+nam\s+", re.IGNORECASE)


@dataclass(frozen=True)
class LevelWords:
    """The report's level: its word (``thành phố``), the place (``Tam Kỳ``), and the level above."""

    own: str  # in the document's language: "thành phố" / "city"
    place: str | None
    above: str  # "tỉnh" / "province"
    above_body: str  # "Ủy ban MTTQ Việt Nam tỉnh Quảng Nam" / "the … of the province"


def split_issuer(issuer: str | None) -> tuple[str | None, str | None]:
    """``(level word, place)`` of an issuer: ``… Việt Nam tỉnh Quảng Nam`` → ``("tỉnh", "Quảng Nam")``."""
    found = _VIET_NAM.search(issuer or "")
    if not found:
        return None, None
    rest = (issuer or "")[found.end() :].strip()
    low = rest.casefold()
    for word in LEVELS:
        if low.startswith(word + " ") or low == word:
            place = rest[len(word) :].strip()
            return word, place or None
    return None, None


def body_of(issuer: str) -> str:
    """The committee an issuer belongs to: ``Ban Thường trực Ủy ban MTTQ …`` → ``Ủy ban MTTQ …``."""
    words = " ".join(issuer.split())
    standing = text("voice.standing", "vi")
    if words.casefold().startswith(standing.casefold() + " "):
        return words[len(standing) + 1 :]
    return words


def level_words(issuer: str | None, above_issuers: Sequence[str | None], lang: str) -> LevelWords:
    """The level's words of a plan's ``issuer`` in ``lang``, the level above from its ``based_on`` issuers (see the
    module's docstring; documented in docs/format.md)."""
    own, place = split_issuer(issuer)
    rank = RANK.get(own or "", 2)
    above = ABOVE[min(rank + 1, 3)] if rank < 3 else "trung ương"
    body: str | None = None
    for given in above_issuers:
        if not given:
            continue
        word, _ = split_issuer(given)
        if word is not None and RANK.get(word, 0) > rank:
            above, body = word, body_of(given)
            break
    if body is None or lang != "vi":
        if above == "trung ương":
            body = text("level.central-body", lang)
        else:
            body = text("level.superior-body", lang, level=text(f"level.{above}", lang))
    own_word = text(f"level.{own}", lang) if own else text("level.thành phố", lang)
    return LevelWords(own_word, place, text(f"level.{above}", lang), body)


#: The committee's name before the level in a letterhead line (``ỦY BAN MTTQ VIỆT NAM``, written out or not).
#: The width of the English letterhead's left column (mm; tools/templates/build_report_docx.py, less a margin).
EN_LETTERHEAD_MM = 76.0
_COMMITTEE = re.compile(r"^(ủy|uỷ)\s+ban\s+(mttq|mặt\s+trận\s+tổ\s+quốc)\s+việt\s+nam$", re.IGNORECASE)


def letterhead_lines(superior: str | None, lang: str) -> tuple[str, ...]:
    """The letterhead's first line (``superior``) as the lines it is printed in, inside its column: a line break
    before the level and place (``ỦY BAN MTTQ VIỆT NAM`` / ``TỈNH QUẢNG NAM``); in English the committee's name in
    English where it is the Front's (``VIET NAM FATHERLAND FRONT COMMITTEE`` / ``OF QUẢNG NAM PROVINCE``). A line
    without a level word after "Việt Nam" stays one line, as written."""
    words = " ".join((superior or "").split())
    if not words:
        return ()
    found = _VIET_NAM.search(words)
    level, place = split_issuer(words)
    if found is None or level is None:
        return (words,)
    head, rest = words[: found.end()].strip(), words[found.end() :].strip()
    if lang == "en" and _COMMITTEE.match(head):
        from dkst.documents.docxrules import text_width_mm

        where = text("voice.letterhead-place", "en", level=text(f"level.{level}", "en"), place=place or "")
        front, committee = text("voice.letterhead-front", "en"), text("voice.letterhead-committee", "en")
        joined = f"{committee} {' '.join(where.split())}".upper()
        if text_width_mm(joined, 13, False) <= EN_LETTERHEAD_MM:
            return (front, joined)
        return (front, committee, " ".join(where.split()).upper())
    return (head, rest)


# ---------------------------------------------------------------- sentences of part I


@dataclass(frozen=True)
class Figure:
    """What a sentence needs of an indicator: its label, unit, phrase (in the document's language), total, count."""

    label: str
    unit: str | None
    phrase: str | None
    total: int | None
    units: int


def _number(value: int, lang: str) -> str:
    from dkst.documents.filters import ennum, num

    return ennum(value) if lang == "en" else num(value)


def _lower_first(value: str) -> str:
    from dkst.documents.filters import lcfirst

    return lcfirst(value)


def default_clause(fig: Figure, lang: str) -> str:
    """A figure without a phrase: ``144 buổi tuyên truyền về Phong trào`` (the unit, then the label, said once)."""
    n = _number(fig.total or 0, lang)
    label = _lower_first(fig.label.strip())
    unit = (fig.unit or "").strip()
    low = label.casefold()
    if low.startswith("số "):
        label, low = label[3:], low[3:]
    if not unit:
        return f"{label}: {n}" if lang == "en" else f"{n} {label}"
    if low.startswith(unit.casefold()):
        return f"{n} {label}"
    if lang == "en":
        return f"{n} {unit} ({label})"
    return f"{n} {unit} {label}"


def section_sentence(figures: Sequence[Figure], lang: str) -> str:
    """The paragraph of a section: "Các đơn vị đã tổ chức 218 buổi tuyên truyền về Phong trào, thu hút 17.390 lượt
    người tham dự; số liệu tổng hợp từ báo cáo của 13 đơn vị." Phrased figures make the verbs; the others are
    said as counts; an indicator no report gives is named in a sentence of its own."""
    given = [f for f in figures if f.total is not None]
    none = [f for f in figures if f.total is None]
    parts: list[str] = []
    if given:
        said = [f.phrase.replace("{n}", _number(f.total or 0, lang)) for f in given if f.phrase]
        counted = [default_clause(f, lang) for f in given if not f.phrase]
        clauses = []
        if said:
            clauses.append(text("voice.units-did", lang, clauses=", ".join(said)))
        if counted:
            joined = (
                counted[0] if len(counted) == 1 else ", ".join(counted[:-1]) + text("voice.and", lang) + counted[-1]
            )
            clauses.append(text("voice.units-had", lang, clauses=joined) if not said else joined)
        sentence = "; ".join(clauses) if said and counted else clauses[0]
        reporting = max(f.units for f in given)
        parts.append(sentence + text("voice.counted", lang, n=reporting))
    if none:
        labels = text("voice.and", lang).join(_lower_first(f.label) for f in none)
        parts.append(text("voice.none", lang, labels=labels))
    return " ".join(parts)


# ---------------------------------------------------------------- the units' texts


def text_lines(unit_name: str, value: str) -> tuple[str, ...]:
    """A unit's text as its non-empty lines; a line that begins with the unit's own name and a colon (the
    roll-up's "Ủy ban MTTQ Việt Nam thành phố Tam Kỳ: Ủy ban … Tam Kỳ: …") loses that repeat."""
    out = []
    name = unit_name.strip().casefold()
    for line in _LINES.split(value):
        line = line.strip()
        while name and line.casefold().startswith(name + ":"):
            line = line[len(name) + 1 :].strip()
        if line:
            out.append(line)
    return tuple(out)


def paragraphs(value: str | None) -> tuple[str, ...]:
    """A narrative text as paragraphs: one per non-empty line (a leading "- " kept as typed)."""
    return tuple(line.strip() for line in _LINES.split(value or "") if line.strip())


# ---------------------------------------------------------------- the narrative file


@dataclass(frozen=True)
class NarrativeFacts:
    """``narrative/<P>.yaml`` as the report prints it: each text as paragraphs (empty where not written), the
    placeholder of each missing piece, and the warnings to print."""

    path: str
    present: bool
    number: str | None
    date: date | None
    assessment: tuple[str, ...]
    limitations: tuple[str, ...]
    causes: tuple[str, ...]
    tasks: tuple[str, ...]
    proposals: tuple[str, ...]
    holes: dict[str, str]
    warnings: tuple[str, ...]


def narrative_facts(
    record: Narrative | None, period_id: str, present: bool, signer_name: str | None, lang: str
) -> NarrativeFacts:
    """The narrative's facts; ``present``: the file exists (a broken one gives what could be read)."""
    path = f"narrative/{period_id}.yaml"
    values = {key: paragraphs(getattr(record, key, None) if record is not None else None) for key in WORD_KEYS}
    holes = {key: text(f"hole.{key}", lang) for key in WORD_KEYS}
    holes["signer_name"] = text("hole.signer-name", lang)
    holes["number"] = text("hole.number", lang)
    warnings: list[str] = []
    number = record.number if record is not None else None
    if not present:
        warnings.append(text("voice.no-narrative", lang, path=path, period=period_id))
    else:
        for key in WORD_KEYS:
            if not values[key]:
                warnings.append(text("voice.no-key", lang, path=path, field=key, what=text(f"voice.key.{key}", lang)))
        if not number:
            warnings.append(text("voice.no-number", lang, path=path))
    if not signer_name:
        warnings.append(text("voice.no-signer", lang))
    return NarrativeFacts(
        path,
        present,
        number or None,
        record.date if record is not None else None,
        values["assessment"],
        values["limitations"],
        values["causes"],
        values["tasks"],
        values["proposals"],
        holes,
        tuple(warnings),
    )


# ---------------------------------------------------------------- period words


def english_period_name(start: date | None, end: date | None) -> str | None:
    """An English name made from a period's dates: ``first half of 2023``, ``second half of 2023``, ``year 2023``,
    ``Q3 2023``, ``September 2023``, else ``1 Jan 2023 to 15 Mar 2023``; ``None`` without dates."""
    if start is None or end is None:
        return None
    return _period_name(start, end, "en")


def _period_name(start: date, end: date, lang: str) -> str:
    from dkst.documents.filters import EN_MONTHS, endate, vndate

    y = start.year
    last = date(end.year + 1, 1, 1) if end.month == 12 else date(end.year, end.month + 1, 1)
    whole_months = start.day == 1 and last.toordinal() - 1 == end.toordinal()
    if whole_months and end.year == y:
        if (start.month, end.month) == (1, 6):
            return text("voice.period-half1", lang, year=y)
        if (start.month, end.month) == (7, 12):
            return text("voice.period-half2", lang, year=y)
        if (start.month, end.month) == (1, 12):
            return text("voice.period-year", lang, year=y)
        if start.month % 3 == 1 and end.month == start.month + 2:
            return text("voice.period-quarter", lang, q=(start.month + 2) // 3, year=y)
        if start.month == end.month:
            return text(
                "voice.period-month", lang, month=EN_MONTHS[start.month - 1] if lang == "en" else start.month, year=y
            )
    fmt = endate if lang == "en" else vndate
    return text("voice.period-span", lang, start=fmt(start), end=fmt(end))


def tasks_heading(start: date | None, end: date | None, lang: str) -> str:
    """Part III's heading: the rest of the year after a first half, the next year after a year, else "the coming
    period"."""
    if start is not None and end is not None:
        if (start.month, start.day, end.month, end.day) == (1, 1, 6, 30):
            return text("voice.tasks-half", lang, year=end.year)
        if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
            return text("voice.tasks-year", lang, year=end.year + 1)
    return text("voice.tasks-next", lang)
