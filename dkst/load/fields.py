"""The value types shared by every file kind (docs/format.md, "Values"): dates in ISO or day-first form, counts as
plain whole numbers ≥ 0, years, e-mail addresses, text, ids as slugs; each a pydantic ``Annotated`` type with
its validator and its JSON Schema. :mod:`dkst.load.schema` builds the file kinds from them.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BeforeValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from dkst.counts import MAX_COUNT, CountError, parse_count
from dkst.escape import slugify
from dkst.load.catalogue import (  # the ids' patterns and words: one home, read by the catalogue too
    INDICATOR_ID as INDICATOR_ID,
)
from dkst.load.catalogue import PERIOD_ID as PERIOD_ID
from dkst.load.catalogue import RESERVED_WORDS as RESERVED_WORDS
from dkst.load.catalogue import SLUG as SLUG
from dkst.load.catalogue import WINDOWS_RESERVED as WINDOWS_RESERVED
from dkst.load.catalogue import YEAR_MAX as YEAR_MAX
from dkst.load.catalogue import YEAR_MIN as YEAR_MIN
from dkst.periods import DATE_PATTERN, DateError, parse_date

#: An e-mail address: something@domain.tld, no spaces (Vietnamese addresses are ASCII in practice; any letter
#: is let through).
EMAIL = re.compile(r"^[^@\s<>(),;:\"\[\]]+@[^@\s<>(),;:\"\[\]_]+\.[^@\s<>(),;:\"\[\]._]{2,}$")


def _fail(kind: str, **ctx: Any) -> PydanticCustomError:
    return PydanticCustomError(kind, kind, ctx)


def _to_date(value: Any) -> date:
    try:
        return parse_date(value)
    except DateError as exc:
        raise _fail("date_" + exc.reason) from None


def _to_count(value: Any) -> int:
    try:
        return parse_count(value)
    except CountError as exc:
        if exc.words is not None:
            raise _fail(exc.reason, suggestion=exc.suggestion, words=exc.words) from None
        if exc.suggestion is not None:
            raise _fail(exc.reason, suggestion=exc.suggestion) from None
        raise _fail(exc.reason) from None


def _plain_text(value: Any) -> str | None:
    """A scalar as the user typed it (``010`` stays ``010``), or ``None`` for anything else."""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return getattr(value, "raw", None) or str(value)
    return None


def _to_text(value: Any) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise _fail("empty")
    text = _plain_text(value)
    if text is None:
        raise _fail("text")
    return text.strip() if isinstance(value, str) else text


def _to_int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _fail("int")
    return int(value)


#: A ratio written plainly: ``3``, ``2.5`` (a dot before the decimals, as YAML writes numbers).
RATIO = re.compile(r"^[0-9]+(\.[0-9]+)?$")


def _to_ratio(value: Any) -> Decimal:
    """A number greater than 1 (``max_change``): a whole number or a plain decimal, kept exact."""
    text = _plain_text(value) if not isinstance(value, bool) else None
    if text is None or not RATIO.match(text.strip()):
        raise _fail("ratio")
    ratio = Decimal(text.strip())
    if ratio <= 1:
        raise _fail("ratio")
    return ratio


def _to_year(value: Any) -> int:
    year = _to_int(value)
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise _fail("year", minimum=YEAR_MIN, maximum=YEAR_MAX)
    return year


def _to_bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise _fail("bool")
    return value


def _to_email(value: Any) -> str:
    text = _to_text(value)
    if not EMAIL.match(text):
        raise _fail("email")
    return text


def _slug(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        value = _plain_text(value)  # ``2023`` or ``010`` written plainly: the id as typed
    if not isinstance(value, str) or not SLUG.match(value):
        if isinstance(value, str) and not value.isascii() and SLUG.match(slugify(value)):
            raise _fail("slug_ascii", suggestion=slugify(value))  # ``tân-ước``: say ``tan-uoc``
        raise _fail("slug")
    return value


def _file_id(value: Any) -> str:
    """A unit id: a slug that Windows can use as a folder name."""
    slug = _slug(value)
    if slug in WINDOWS_RESERVED:
        raise _fail("windows_name")
    return slug


def _indicator_id(value: Any) -> str:
    if not isinstance(value, str) or not INDICATOR_ID.match(value):
        raise _fail("indicator_id")
    if value in RESERVED_WORDS:
        raise _fail("reserved_word")
    return value


def _period_id(value: Any) -> str:
    if not isinstance(value, str) or not PERIOD_ID.match(value):
        raise _fail("period_id")
    return value


Date = Annotated[
    date,
    BeforeValidator(_to_date),
    WithJsonSchema({"type": "string", "pattern": DATE_PATTERN, "description": "Ngày: 2023-06-02 hoặc 02/06/2023"}),
]
Count = Annotated[
    int,
    BeforeValidator(_to_count),
    WithJsonSchema(
        {"type": "integer", "minimum": 0, "maximum": MAX_COUNT, "description": "Số nguyên ≥ 0, không dấu phân cách"}
    ),
]
Text = Annotated[str, BeforeValidator(_to_text), WithJsonSchema({"type": ["string", "number"]})]
Int = Annotated[int, BeforeValidator(_to_int), WithJsonSchema({"type": "integer"})]
Year = Annotated[
    int, BeforeValidator(_to_year), WithJsonSchema({"type": "integer", "minimum": YEAR_MIN, "maximum": YEAR_MAX})
]
Email = Annotated[
    str,
    BeforeValidator(_to_email),
    WithJsonSchema({"type": "string", "pattern": EMAIL.pattern, "description": "Địa chỉ thư điện tử"}),
]
Ratio = Annotated[
    Decimal,
    BeforeValidator(_to_ratio),
    WithJsonSchema({"type": ["number", "string"], "pattern": RATIO.pattern, "description": "Một số lớn hơn 1"}),
]
Bool = Annotated[bool, BeforeValidator(_to_bool), WithJsonSchema({"type": "boolean"})]
Slug = Annotated[
    str,
    BeforeValidator(_slug),
    WithJsonSchema(
        {"type": "string", "pattern": SLUG.pattern, "description": "Mã: chữ thường không dấu, số, gạch nối"}
    ),
]
IndicatorId = Annotated[
    str,
    BeforeValidator(_indicator_id),
    WithJsonSchema({"type": "string", "pattern": INDICATOR_ID.pattern, "not": {"enum": sorted(RESERVED_WORDS)}}),
]
UnitId = Annotated[
    str,
    BeforeValidator(_file_id),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": SLUG.pattern,
            "not": {"enum": sorted(WINDOWS_RESERVED)},
            "description": "Mã: chữ thường không dấu, số, gạch nối",
        }
    ),
]
PeriodId = Annotated[
    str,
    BeforeValidator(_period_id),
    WithJsonSchema({"type": "string", "pattern": PERIOD_ID.pattern}),
]
