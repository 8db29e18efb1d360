"""What ``dkst form`` and ``dkst import`` agree on: names, the language, the dataset marker, and cell → YAML text.

A cell's value is turned into the text a clerk would have typed in YAML, and the loader judges that text,
so a form obeys exactly the rules of a YAML file (docs/format.md, Values): a number cell 12.0 is ``12``, 12.5 is
``12.5`` (then ``invalid-value``), a text cell ``1.000`` stays ``1.000`` (then ``invalid-value``, "write 1000").
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime, time
from typing import Any

from dkst.counts import MAX_COUNT as MAX_COUNT  # (the bound of an indicator cell, as the loader's)
from dkst.figures.frames import TEXT_KEYS as TEXT_KEYS  # (a report's three texts, one row each)
from dkst.i18n import text

#: The language of the report file ``dkst import`` writes (its comments), whatever ``--lang`` says, and the
#: form's default; ``dkst form --lang en`` writes the form's own words in English (:func:`form_lang`).
LANG = "vi"
_FORM_LANG: ContextVar[str] = ContextVar("dkst_form_lang", default=LANG)


@contextmanager
def form_lang(lang: str) -> Iterator[None]:
    """Within the block, :func:`form_text` speaks ``lang``: the form being built is in that language."""
    token = _FORM_LANG.set(lang)
    try:
        yield
    finally:
        _FORM_LANG.reset(token)


def form_text(key: str, **params: Any) -> str:
    """A text of the catalogue in the form's language (:data:`LANG` unless :func:`form_lang` says otherwise)."""
    return text(key, _FORM_LANG.get(), **params)


def form_sheet() -> str:
    """The name of the sheet a unit fills, in the form's language (the defined names find it either way)."""
    return form_text("form.sheet-form")


#: The sheet that holds the form (Vietnamese), the instructions sheet, and the hidden sheet of lists and markers.
FORM_SHEET = form_text("form.sheet-form")
HELP_SHEET = form_text("form.sheet-help")
DATA_SHEET = "dkst"

#: Defined names of docs/format.md (workbook scope); ``ind_<indicator-id>`` per indicator.
UNIT, PERIOD = "dkst_unit", "dkst_period"
#: The dataset marker (a hash of the plan's number, year, issuer, title and indicators) and the form's integrity
#: mark (a keyed digest of marker, unit and period: :mod:`dkst.sheets.forms.mark`).
PLAN, KEY = "dkst_plan", "dkst_key"
COMMENDATIONS, MODELS = "commendations", "models"
COMMENDATION_KEYS = ("name", "kind", "achievement", "level")
INDICATOR_PREFIX = "ind_"

#: Largest count of docs/format.md, for Excel's own validation.


def plan_marker(
    number: str | None, year: int | None, issuer: str | None, title: str | None = None, indicators: tuple[str, ...] = ()
) -> str:
    """A short hash that names the dataset's plan (its number, year, issuer, title and indicator ids): a form
    of another dataset, or made before the plan's indicators changed, carries another one."""
    text = f"{number or ''}|{year or ''}|{issuer or ''}|{title or ''}|{','.join(indicators)}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


# ---------------------------------------------------------------- cell values → YAML text

_PLAIN_TOKEN = re.compile(r"[0-9A-Za-z+\-.][0-9A-Za-z+\-.,:/_ ]*")


def _number_text(value: float | int) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if math.isfinite(value) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return repr(value)


def _date_text(value: date | datetime | time) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0, 0) else value.isoformat()
    return value.isoformat()


def cell_text(value: Any) -> str | None:
    """The text a cell shows, for a text field: NFC, trimmed; ``None`` when blank."""
    if value is None:
        return None
    if isinstance(value, bool):
        shown = "TRUE" if value else "FALSE"
    elif isinstance(value, int | float):
        shown = _number_text(value)
    elif isinstance(value, date | datetime | time):
        shown = _date_text(value)
    else:
        shown = str(value)
    shown = unicodedata.normalize("NFC", shown).replace("\r\n", "\n").replace("\r", "\n").strip()
    return shown or None


def text_scalar(value: Any) -> str | None:
    """A text field (number, signer, names, texts) as a YAML scalar: always read back as that text."""
    from dkst.scaffold.yamlwrite import yaml_scalar

    shown = cell_text(value)
    return None if shown is None else yaml_scalar(shown)


def raw_scalar(value: Any) -> str | None:
    """A count or date cell as the token a clerk would have typed, for the loader to judge.

    Numbers are written as numbers (12.0 → ``12``, 12.5 → ``12.5``), dates as ISO, and a text cell as it
    stands when it is one plain token (``12``, ``1.000``, ``02/06/2023``) or other text that reads back as
    itself, else double-quoted (which the loader refuses for a count, as it would in a file).
    """
    from dkst.scaffold.yamlwrite import yaml_scalar

    if value is None:
        return None
    if isinstance(value, bool | int | float):
        return _number_text(value)
    if isinstance(value, date | datetime | time):
        return _date_text(value)
    shown = cell_text(value)
    if shown is None:
        return None
    if _PLAIN_TOKEN.fullmatch(shown) and not shown.endswith((":", " ")) and ": " not in shown and _scalar(shown):
        return shown
    return yaml_scalar(shown)  # plain where it reads back as this text (``12 buổi``), else double-quoted


def _scalar(token: str) -> bool:
    """Whether ``k: <token>`` parses as one scalar value (not a mapping, list or error)."""
    from dkst.scaffold.yamlwrite import read_back

    data = read_back(f"k: {token}\n")
    return isinstance(data, dict) and list(data) == ["k"] and not isinstance(data["k"], dict | list)
