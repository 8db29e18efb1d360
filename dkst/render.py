"""Render the city's period report (Markdown, Word) and urging letters through sandboxed templates.

Templates are user input (a dataset's ``templates/`` or ``--template-dir`` may override the built-in
ones), so they run in :class:`jinja2.sandbox.ImmutableSandboxedEnvironment` with ``StrictUndefined``:
a template that reaches for ``__class__``, mutates the data (``units.append``) or names a variable
that does not exist ends in a :class:`RenderError` whose message is one line naming the template
(``templates/report.md.j2:12: …``), never in output and never in a traceback. Data values are
never template source: ``{{ 7*7 }}`` typed into a report prints as itself. Nothing here writes a
file; the CLI writes what these functions return.

The context handed in by the aggregate layer (every key present; ``None`` where unknown)::

    plan: {title, year, issuer, place, number, issued (ISO str|None),
           signer: {on_behalf, title, name} | None,
           based_on: [{number, date, issuer, title}], report_to: {office, email} | None,
           letterhead: {superior, organ, national, motto, symbol}, recipients: [str]}
    period: {id, name, in_sentence, start, end, last_on_time, deadline (ISO str), last_on_time_vn: "04/6/2023"}
            (``name`` is the plan's ``name_en`` under ``--lang en`` when the plan gives one; ``in_sentence`` is
            the name as it reads inside a sentence: "Năm 2023" -> "năm 2023", see :func:`in_sentence`)
    as_of: ISO str
    date_line: "Tam Kỳ, ngày 05 tháng 6 năm 2023"
    summary: the ``dkst aggregate --format json`` object (reports, indicators, models,
             commendations, by_kind, units)
    indicators: [{id, label, unit, section (str|None), total (int|None), units (int)}]   plan order
    sections: [{title, indicators: [same dicts]}]    grouped by ``section``, first-seen order;
                                                     no section -> title "Kết quả khác"
    kinds: [{id, label, reports: {expected, received, on_time, late, missing, pending, invalid,
             left_out, completeness, timeliness}}]
    units: [{id, name, short_name, kind, kind_label, status, status_label, submitted (ISO|None),
             submitted_vn, days_late, indicators: {id: int}, models: int}]          registry order
    models: [{unit_id, unit_name, id, name, status, status_label, origin, origin_label, started,
              completed_on, field, summary, results, beneficiaries, propose_replication: bool}]
    commendations: [{unit_id, unit_name, name, kind, kind_label, achievement, level}]
    highlights, limitations, proposals: [{unit_id, unit_name, text}]
    lang: "vi" | "en"

:func:`render_reminder` adds ``unit`` = {id, name, status, status_label, days_overdue|None,
days_left|None, email}.
:func:`render_reminder_docx` does the same for the Word letter (``remind.docx``).

Before rendering, :func:`prepare_context` fills the optional keys above that are absent with
``None`` (so ``{% if plan.signer %}`` works under ``StrictUndefined``), drops control characters
that XML cannot carry, and adds, without replacing anything given:

    kinds[*].numeral          "I", "II", … (only kinds that have units are numbered)
    kinds[*].units            the units of that kind, registry order
    kinds[*].indicators       {indicator id: sum over its units, or None when none carries it}
    kinds[*].models           the kind's counting models
    totals: {indicators: {id: total|None}, models: int}   from ``summary``
    counted_reports           how many received reports the totals come from (owed or not, not left out)
    extra_reports             the units among them that owed no report (exempt, not required)
    period.in_sentence        when the caller did not give it
    other_units               units whose kind is not in ``kinds`` (normally empty)

Filters available to every template: ``md`` (escape for Markdown; a table cell by default),
``mdpara`` (multi-line text inside a list item), ``vndate`` ("04/6/2023", the Nghị định
30/2020 rule: day zero-padded, months 1 and 2 zero-padded), ``vndatelong`` ("ngày 04 tháng 6
năm 2023"), ``num`` (12.345; None -> "–"), ``pct`` (0.8824 -> "88,2%": always one decimal, the
rule of every dkst output), ``figure`` (an indicator as a phrase: "120 buổi tuyên truyền"),
``insentence`` (a period's name inside a sentence), ``lcfirst``, ``roman``, and ``upper`` (None ->
""). ``None`` prints as the empty string.

English documents (``--lang en``) use the English twins: ``endate`` ("4 Jun 2023"),
``endatelong`` ("5 June 2023"), ``ennum`` (12,345), ``enpct`` ("88.2%"), ``enfigure``
("Tuyên truyền: 144 buổi": the label and unit are the plan's own words, kept as written) and
``enformula`` (the fixed formulas of a Vietnamese official document in English: the national
name, the motto, signing formulas such as "TM. BAN THƯỜNG TRỰC" -> "ON BEHALF OF THE STANDING
COMMITTEE"; any other text as written).

Languages. The built-in templates exist once per language: ``templates/`` (Vietnamese, the
default) and ``templates/en/`` (English), with the same names; :func:`find_template` picks them
by ``lang``. The language lives in the template's words, not in the filters: the Vietnamese
templates call ``vndate``/``num``, the English ones ``endate``/``ennum``, and no filter changes
its output with ``lang``. So a Vietnamese document never moves by a byte when the English one
changes, and a clerk's own template (``--template-dir`` or the dataset's ``templates/``), which
applies to every language because it is their document, prints exactly what its author wrote;
it may still branch on ``lang`` itself. What the data says (names of units, the letterhead, the
signer's name, plan titles, period names, typed text) is printed as written in both languages;
labels the program owns (statuses, model origins, commendation kinds, "other results") arrive
already in ``lang`` from :func:`dkst.aggregate.render_context`.

Word documents describe themselves (:func:`_describe_document`): the template's title, subject and author
are rendered like its body, the created and modified dates are the as-of day, and a preview picture or
customXml the template carried is dropped.
"""

from __future__ import annotations

import io
import re
import traceback
import zipfile
from collections.abc import Callable, Mapping
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from dkst import escape, files
from dkst.periods import vn_date, vn_date_long

__all__ = [
    "TEMPLATE_LANGS",
    "TEMPLATE_NAMES",
    "RenderError",
    "find_template",
    "make_environment",
    "prepare_context",
    "render_docx",
    "render_markdown",
    "render_reminder",
    "render_reminder_docx",
]

TEMPLATE_NAMES = ("report.md.j2", "report.docx", "remind.md.j2", "remind.docx")
#: Languages with built-in templates of their own, in a sub-folder of that name; Vietnamese is the top folder.
TEMPLATE_LANGS = ("en",)

NATIONAL = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
OTHER_SECTION = "Kết quả khác"

#: Statuses of a unit whose received report counts in the totals (unless its file is left out).
COUNTED_STATUSES = ("on_time", "late", "exempt", "not_required")


class RenderError(Exception):
    """A template that cannot be found, read, compiled or rendered. ``str(err)`` is one line (English);
    :meth:`text` says it in a language when the error has a catalogue ``key`` (``tpl.…``)."""

    def __init__(self, message: str, key: str | None = None, **params: Any) -> None:
        message = " ".join(str(message).split())
        super().__init__(message)
        self.message = message
        self.key = key
        self.params = params

    def text(self, lang: str) -> str:
        """One line in ``lang``: the catalogue's words, plus Jinja's own (English) detail in English."""
        from dkst.i18n import TEXTS, fill

        if self.key not in TEXTS:
            return self.message
        out = " ".join(fill(TEXTS[self.key][lang], **self.params).split())
        if self.params.get("near"):
            out += fill(TEXTS["tpl.near"][lang], text=self.params["near"])
        detail = self.params.get("detail")
        return f"{out} ({detail})" if detail and lang == "en" else out


def _limit_text(key: str, lang: Any, shown: str, **params: Any) -> str:
    """A bound of :mod:`dkst.sandbox` as one line of the catalogue, in the document's language."""
    from dkst.i18n import lang_of, text

    return text(key, lang_of(lang if isinstance(lang, str) else None), path=shown, **params)


# --------------------------------------------------------------------------- finding templates


def _builtin_dirs() -> list[Path]:
    import dkst

    pkg = Path(dkst.__file__).resolve().parent
    return [pkg / "templates", pkg.parent / "templates"]


def find_template(name: str, template_dir: Path | None = None, dataset_root: Path | None = None,
                  lang: str = "vi") -> Path:
    """The template file ``name``: first hit of ``template_dir``, ``<dataset_root>/templates``, built-in.

    In each of the three places, a language with a sub-folder of its own (``en/``) is looked up there first:
    ``dkst init`` copies the built-in templates with their ``en/`` folder, so an English document still comes
    from the English template of the dataset's copy.

    Built in means ``dkst/templates`` (inside an installed wheel), then ``templates/`` beside the
    package (a repository checkout); for ``lang="en"`` their ``en/`` sub-folders come first, so an
    English document is built from the English template of the same name. A user's template
    (``template_dir``, the dataset's ``templates/``) wins in every language: it is their document,
    and it may branch on ``lang`` if they want two. Raises :class:`RenderError` when no candidate exists.
    """
    if not name or Path(name).name != name or name in (".", ".."):
        raise RenderError(f"{name!r} is not a template name (expected one of {', '.join(TEMPLATE_NAMES)})")
    candidates: list[Path] = []
    own = lang if lang in TEMPLATE_LANGS else None
    if template_dir is not None:
        if own:
            candidates.append(Path(template_dir) / own / name)
        candidates.append(Path(template_dir) / name)
    if dataset_root is not None:
        if own:
            candidates.append(Path(dataset_root) / "templates" / own / name)
        candidates.append(Path(dataset_root) / "templates" / name)
    users = len(candidates)  # the user's own folders come first; a link among them is never followed
    if lang in TEMPLATE_LANGS:
        candidates.extend(d / lang / name for d in _builtin_dirs())
    candidates.extend(d / name for d in _builtin_dirs())
    for n, candidate in enumerate(candidates):
        if n < users and candidate.is_symlink():
            raise RenderError(_limit_text("template-link", lang, _display(candidate)))
        if candidate.is_file():
            return candidate
    looked = ", ".join(str(c.parent) for c in candidates)
    raise RenderError(f"template {name} not found (looked in: {looked})", "tpl.not-found", name=name, looked=looked)


def builtin_templates() -> dict[str, bytes]:
    """The built-in templates as relative path -> bytes (``templates/report.docx``, ``templates/en/report.docx``,
    …): what ``dkst init`` copies into a dataset for the clerk to edit. Each language keeps its folder, so a
    dataset's ``templates/en/`` serves ``--lang en`` (see :func:`find_template`)."""
    for folder in _builtin_dirs():
        if not (folder / TEMPLATE_NAMES[0]).is_file():
            continue
        out: dict[str, bytes] = {}
        for sub in ("", *TEMPLATE_LANGS):
            for name in TEMPLATE_NAMES:
                path = folder / sub / name if sub else folder / name
                if path.is_file():
                    out["templates/" + (f"{sub}/" if sub else "") + name] = path.read_bytes()
        return out
    return {}


# --------------------------------------------------------------------------- filters

_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


def _as_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        m = _ISO_DATE.match(value)
        if m:
            try:
                return date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                return None
    return None


def _date_filter(form: Callable[[date], str]) -> Callable[[Any], str]:
    """A template filter writing a date (or an ISO date text) with ``form``: blank stays blank, and a text
    that is not a date prints as it is."""

    def apply(value: Any) -> str:
        if value is None or value == "":
            return ""
        day = _as_date(value)
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
    output (Markdown, Word, the workbook's ``0.0%``): ``0.8824`` -> ``88,2%``, ``1.0`` -> ``100,0%``;
    None -> ``–``."""
    if value is None or value == "" or isinstance(value, bool):
        return none
    try:
        d = (Decimal(str(value)) * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    except ArithmeticError:
        return str(value)
    return f"{d:f}".replace(".", ",") + "%"


def lcfirst(value: Any) -> str:
    """First letter in lower case (``Triển khai …`` -> ``triển khai …``), for a title inside a sentence."""
    if value is None:
        return ""
    text = str(value)
    return text[:1].lower() + text[1:]


#: First words of a period's name that are common nouns or ordinals, written in lower case inside a sentence
#: ("báo cáo năm 2023", "6 tháng đầu năm 2023", "the first half of 2023"). Any other first word (a proper
#: noun such as "Tết", an abbreviation) keeps its capital.
SENTENCE_LOWER = frozenset({
    "năm", "quý", "tháng", "kỳ", "đợt", "giai", "nửa", "sáu", "chín", "cả", "đầu", "cuối", "giữa", "học", "sơ",
    "tổng", "hết", "trong", "các", "báo",
    "year", "first", "second", "third", "fourth", "half", "quarter", "month", "period", "annual", "mid-year",
    "the", "whole", "full", "end", "six", "nine", "calendar", "semester", "interim", "yearly",
})


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
        return text[:start] + first[0].lower() + text[start + 1:]
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
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
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
        return f"{lcfirst(label)}: chưa có đơn vị báo cáo"
    low = label.lower()
    if low.startswith("số ") and unit and low[3:].startswith(unit.lower()):
        return f"{num(total)} {label[3:]}"
    return f"{lcfirst(label)}: {num(total)}" + (f" {unit}" if unit else "")


# English twins of the filters above (templates/en/). Month names are spelled out here, not taken
# from the C library's locale, so the output is the same on every machine.

EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December")


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
        return f"{label}: not reported by any unit"
    return f"{label}: {ennum(total)}" + (f" {unit}" if unit else "")


def _formula_key(text: str) -> str:
    """Upper case, one space, one kind of dash, and the old tone-mark placement (``UỶ``, ``HOÀ``) as the new."""
    key = " ".join(text.replace("–", "-").replace("—", "-").upper().split())
    return key.replace("UỶ", "ỦY").replace("HOÀ", "HÒA")


#: The fixed words of a Vietnamese official document (Nghị định 30/2020) and their English form.
EN_FORMULAS = {
    _formula_key(vi): en
    for vi, en in (
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIET NAM"),
        ("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"),
        ("BAN THƯỜNG TRỰC", "STANDING COMMITTEE"),
        ("ỦY BAN", "COMMITTEE"),
        ("CHỦ TỊCH", "CHAIR"),
        ("PHÓ CHỦ TỊCH", "VICE CHAIR"),
        ("TRƯỞNG BAN", "HEAD"),
        ("PHÓ TRƯỞNG BAN", "DEPUTY HEAD"),
        ("CHÁNH VĂN PHÒNG", "CHIEF OF OFFICE"),
        ("PHÓ CHÁNH VĂN PHÒNG", "DEPUTY CHIEF OF OFFICE"),
    )
}
#: Signing prefixes: thay mặt, ký thay, thừa lệnh, thừa ủy quyền, quyền.
EN_SIGNING = {"TM": "ON BEHALF OF THE ", "KT": "FOR THE ", "TL": "BY ORDER OF THE ",
              "TUQ": "BY AUTHORISATION OF THE ", "Q": "ACTING "}
_SIGNING = re.compile(r"^(TM|KT|TL|TUQ|Q)\.\s*(.+)$", re.IGNORECASE)


def enformula(value: Any) -> str:
    """A fixed formula of a Vietnamese official document in English, anything else as written:
    ``CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM`` -> ``SOCIALIST REPUBLIC OF VIET NAM``, ``TM. BAN THƯỜNG
    TRỰC`` -> ``ON BEHALF OF THE STANDING COMMITTEE``, ``KT. CHỦ TỊCH`` -> ``FOR THE CHAIR``,
    ``CHỦ TỊCH`` -> ``CHAIR``. A formula only half known (``TM. ỦY BAN NHÂN DÂN``) stays whole."""
    if value is None:
        return ""
    text = str(value)
    found = EN_FORMULAS.get(_formula_key(text))
    if found is not None:
        return found
    m = _SIGNING.match(text.strip())
    if m:
        body = EN_FORMULAS.get(_formula_key(m[2]))
        if body is not None:
            return EN_SIGNING[m[1].upper()] + body
    return text


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
    "lcfirst": lcfirst,
    "insentence": in_sentence,
    "roman": roman,
    "upper": upper,
    "endate": endate,
    "endatelong": endatelong,
    "ennum": ennum,
    "enpct": enpct,
    "enfigure": enfigure,
    "enformula": enformula,
}


def _finalize(value: Any) -> Any:
    return "" if value is None else value


def make_environment(*, loader: Any = None, autoescape: bool = False, markdown: bool = True) -> Any:
    """The sandbox every template runs in: immutable data, strict undefined, the dkst filters, and the bounds
    of :mod:`dkst.sandbox` (its clock starts with :meth:`~dkst.sandbox.LimitedSandbox.start`)."""
    from jinja2 import StrictUndefined

    from dkst.sandbox import LimitedSandbox

    env = LimitedSandbox(
        loader=loader,
        undefined=StrictUndefined,
        autoescape=autoescape,
        keep_trailing_newline=True,
        trim_blocks=markdown,
        lstrip_blocks=markdown,
        finalize=_finalize,
    )
    env.filters.update(FILTERS)
    env.guard_filters()
    return env


# --------------------------------------------------------------------------- the context

def _clean(value: Any) -> Any:
    """A deep copy with every string freed of the control characters XML 1.0 cannot carry."""
    if isinstance(value, str):
        return escape.xml_chars(value)
    if isinstance(value, Mapping):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return value


def _defaults(d: dict, keys: tuple[str, ...]) -> None:
    for k in keys:
        d.setdefault(k, None)


def prepare_context(context: Mapping[str, Any]) -> dict[str, Any]:
    """The context as templates see it: a cleaned copy, optional keys filled, grouping keys added."""
    ctx: dict[str, Any] = _clean(context)
    plan = ctx.setdefault("plan", {})
    _defaults(plan, ("title", "year", "issuer", "place", "number", "issued", "signer", "report_to"))
    plan["based_on"] = plan.get("based_on") or []
    for b in plan["based_on"]:
        _defaults(b, ("number", "date", "issuer", "title"))
    plan["recipients"] = plan.get("recipients") or []
    lh = plan.get("letterhead") or {}
    plan["letterhead"] = lh
    _defaults(lh, ("superior", "organ", "symbol"))
    lh["national"] = lh.get("national") or NATIONAL
    lh["motto"] = lh.get("motto") or MOTTO
    if isinstance(plan.get("signer"), dict):
        _defaults(plan["signer"], ("on_behalf", "title", "name"))
    if isinstance(plan.get("report_to"), dict):
        _defaults(plan["report_to"], ("office", "email"))
    for key in ("indicators", "sections", "kinds", "units", "models", "commendations",
                "highlights", "limitations", "proposals"):
        if ctx.get(key) is None:
            ctx[key] = []
    ctx.setdefault("summary", {})
    ctx.setdefault("lang", "vi")
    _defaults(ctx, ("as_of", "date_line"))
    period = ctx.setdefault("period", {})
    _defaults(period, ("id", "name", "start", "end", "last_on_time", "deadline"))
    if not period.get("last_on_time_vn"):
        period["last_on_time_vn"] = vndate(period.get("last_on_time"))
    if not period.get("in_sentence"):
        period["in_sentence"] = in_sentence(period.get("name"))
    for u in ctx["units"]:
        _defaults(u, ("short_name", "kind_label", "status_label", "submitted", "days_late"))
        u.setdefault("indicators", {})
        u.setdefault("models", 0)
        u.setdefault("left_out", False)
        if not u.get("submitted_vn"):
            u["submitted_vn"] = vndate(u.get("submitted"))
    # the reports behind the totals: the owed reports received, and reports of units that owed none
    counted = [u for u in ctx["units"] if u.get("submitted") and not u.get("left_out")
               and u.get("status") in COUNTED_STATUSES]
    ctx.setdefault("extra_reports", [u for u in counted if u.get("status") in ("exempt", "not_required")])
    ctx.setdefault("counted_reports", len(counted))
    for m in ctx["models"]:
        _defaults(m, ("status_label", "origin_label", "started", "completed_on", "field", "summary",
                      "results", "beneficiaries"))
        m.setdefault("propose_replication", False)
    for c in ctx["commendations"]:
        _defaults(c, ("kind_label", "achievement", "level"))

    ids = [i.get("id") for i in ctx["indicators"]]

    def sums(units: list[dict]) -> dict[str, int | None]:
        out: dict[str, int | None] = {}
        for i in ids:
            vals = [u["indicators"][i] for u in units if u["indicators"].get(i) is not None]
            out[i] = sum(vals) if vals else None
        return out

    known = set()
    numeral = 0
    for k in ctx["kinds"]:
        known.add(k.get("id"))
        members = [u for u in ctx["units"] if u.get("kind") == k.get("id")]
        k.setdefault("units", members)
        if k["units"]:
            numeral += 1
        k.setdefault("numeral", roman(numeral) if k["units"] else "")
        k.setdefault("indicators", sums(k["units"]))
        k.setdefault("models", sum(int(u.get("models") or 0) for u in k["units"]))
        k.setdefault("reports", {})
    ctx.setdefault("other_units", [u for u in ctx["units"] if u.get("kind") not in known])

    summary = ctx["summary"]
    s_ind = summary.get("indicators") or {}
    totals = {i: (s_ind.get(i) or {}).get("total") for i in ids}
    for i, v in sums(ctx["units"]).items():
        if i not in s_ind:
            totals[i] = v
    s_models = summary.get("models") or {}
    ctx.setdefault("totals", {
        "indicators": totals,
        "models": s_models.get("total", sum(int(u.get("models") or 0) for u in ctx["units"])),
    })
    return ctx


# --------------------------------------------------------------------------- errors


def _describe(exc: BaseException) -> str:
    from jinja2 import TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError, TemplateNotFound

    msg = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    if isinstance(exc, TemplateSyntaxError):
        return f"template syntax error: {msg}"
    if isinstance(exc, SecurityError):
        return f"forbidden by the template sandbox: {msg}"
    if isinstance(exc, UndefinedError):
        return f"undefined in the template: {msg}"
    if isinstance(exc, TemplateNotFound):
        return f"included template not found: {msg}"
    return f"template error: {type(exc).__name__}: {msg}"


def _kind(exc: BaseException, where: str) -> dict[str, Any]:
    """``key`` (``tpl.…``) and parameters of a Jinja error, for :meth:`RenderError.text`."""
    from jinja2 import TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError, TemplateNotFound

    detail = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    if isinstance(exc, TemplateSyntaxError):
        return {"key": "tpl.syntax", "where": where, "detail": detail}
    if isinstance(exc, SecurityError):
        return {"key": "tpl.sandbox", "where": where, "detail": detail}
    if isinstance(exc, UndefinedError):
        found = re.search(r"'([^']+)' is undefined|has no attribute '([^']+)'", detail)
        name = next((g for g in found.groups() if g), "") if found else ""
        return {"key": "tpl.undefined", "where": where, "name": name, "detail": detail}
    if isinstance(exc, TemplateNotFound):
        return {"key": "tpl.include", "where": where, "name": detail}
    return {"key": "tpl.other", "where": where, "detail": f"{type(exc).__name__}: {detail}"}


def _template_line(exc: BaseException, template_files: set[str]) -> tuple[str | None, int | None]:
    """The template file and line an exception was raised at (Jinja rewrites template frames)."""
    from jinja2 import TemplateSyntaxError

    if isinstance(exc, TemplateSyntaxError):
        return exc.filename, exc.lineno
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        name = frame.filename
        if name in template_files or name == "<template>" or not (name.endswith(".py") or name.startswith("<")):
            return name, frame.lineno
    return None, None


def _display(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


# --------------------------------------------------------------------------- Markdown


def render_markdown(context: Mapping[str, Any], template_path: Path) -> str:
    """Render a Markdown (text) template, ``report.md.j2`` or any other, in the bounded sandbox."""
    from dkst.sandbox import FolderLoader, TemplateLimit, check_file, check_output_size, time_limit

    template_path = Path(template_path)
    shown = _display(template_path)
    real = str(template_path.resolve())
    base = template_path.resolve().parent
    env = make_environment(loader=FolderLoader(str(base)))
    lang = context.get("lang") if isinstance(context, Mapping) else None
    try:
        ctx = prepare_context(context)
    except Exception as exc:  # a context the aggregate layer got wrong: still one line
        raise RenderError(f"{shown}: bad render context: {type(exc).__name__}: {exc}") from None
    try:
        check_file(str(template_path))
        template_path.read_bytes()
    except TemplateLimit as exc:
        raise RenderError(_limit_text(exc.key, lang, shown, **exc.params)) from None
    except OSError as exc:
        raise RenderError(f"{shown}: cannot read the template: {exc.strerror or exc}", "tpl.unreadable",
                          where=shown, error=exc.strerror or str(exc)) from None
    chunks: list[str] = []
    try:
        template = env.get_template(template_path.name)
        env.start(time_limit(ctx))
        size = 0
        for chunk in template.generate(ctx):
            size += len(chunk)
            check_output_size(size)
            chunks.append(chunk)
        return "".join(chunks)
    except TemplateLimit as exc:
        chunks.clear()
        raise RenderError(_limit_text(exc.key, lang, shown, **exc.params)) from None
    except (RecursionError, MemoryError):
        chunks.clear()
        raise RenderError(f"{shown}: template error: recursion too deep", "tpl.recursion", where=shown) from None
    except UnicodeDecodeError as exc:
        raise RenderError(f"{shown}: not UTF-8 text ({exc.reason} at byte {exc.start})", "tpl.not-utf8",
                          where=shown) from None
    except Exception as exc:
        filename, line = _template_line(exc, {real})
        where = shown
        if filename and filename not in (real, "<template>"):
            fp = Path(filename)
            where = _display(fp) if fp.is_absolute() else filename
        raise RenderError(f"{where}:{line}: {_describe(exc)}" if line else f"{where}: {_describe(exc)}",
                          **_kind(exc, f"{where}:{line}" if line else where)) from None


def render_reminder(context: Mapping[str, Any], unit: Mapping[str, Any], template_path: Path) -> str:
    """Render an urging letter (``remind.md.j2``) to one unit; the template sees ``unit`` too.

    ``unit`` = {id, name, status, status_label, days_overdue|None, days_left|None, email}.
    """
    u = dict(unit)
    for key in ("status", "status_label", "days_overdue", "days_left", "email"):
        u.setdefault(key, None)
    return render_markdown({**context, "unit": u}, template_path)


# --------------------------------------------------------------------------- Word


def _xml_snippet(xml: str, lineno: int | None) -> str:
    text = _xml_text(xml, lineno)
    return f" (near “{text}”)" if text else ""


def _xml_text(xml: str, lineno: int | None) -> str:
    """The text of the Word paragraph at ``lineno`` of the template's XML, at most 80 characters."""
    if not lineno:
        return ""
    lines = xml.splitlines()
    if not 0 < lineno <= len(lines):
        return ""
    text = re.sub(r"<[^>]+>", "", lines[lineno - 1])
    text = " ".join(text.split())
    if not text:
        return ""
    if len(text) > 80:
        text = text[:77] + "…"
    return text


def repack_zip(data: bytes) -> bytes:
    """The same zip with every entry dated 1980-01-01, entry order and compression kept: the same
    document always gives the same bytes (:func:`dkst.files.repack_zip`)."""
    return files.repack_zip(data)


def _fit_tables(document: Any) -> None:
    """After cell loops (``{%tc for %}``) a table has more cells than the template's grid: give
    each column the width its template cell had, scaled so the table keeps its width."""
    from docx.oxml.ns import qn

    body = document.element.body
    for tbl in body.iter(qn("w:tbl")):
        grid = tbl.find(qn("w:tblGrid"))
        rows = tbl.findall(qn("w:tr"))
        if grid is None or not rows:
            continue
        cols = grid.findall(qn("w:gridCol"))
        total = sum(int(float(c.get(qn("w:w")) or 0)) for c in cols)
        widest = max(rows, key=lambda r: len(r.findall(qn("w:tc"))))
        cells = widest.findall(qn("w:tc"))
        if total <= 0 or not cells:
            continue
        spans_any = any(
            tc.find(qn("w:tcPr")) is not None and tc.find(qn("w:tcPr")).find(qn("w:gridSpan")) is not None
            for tc in cells
        )
        if spans_any:
            continue
        widths = []
        for tc in cells:
            tcw = tc.find(qn("w:tcPr") + "/" + qn("w:tcW")) if tc.find(qn("w:tcPr")) is not None else None
            w = tcw.get(qn("w:w")) if tcw is not None else None
            widths.append(int(float(w)) if w and w.isdigit() else total // len(cells))
        if len(widths) == len(cols) and sum(widths) == total:
            continue
        scale = total / max(sum(widths), 1)
        widths = [max(200, int(w * scale)) for w in widths]
        widths[-1] += total - sum(widths)
        for c in cols:
            grid.remove(c)
        for w in widths:
            col = grid.makeelement(qn("w:gridCol"), {qn("w:w"): str(w)})
            grid.append(col)
        for tr in rows:
            pos = 0
            for tc in tr.findall(qn("w:tc")):
                tcpr = tc.find(qn("w:tcPr"))
                span_el = tcpr.find(qn("w:gridSpan")) if tcpr is not None else None
                span = int(span_el.get(qn("w:val"))) if span_el is not None else 1
                width = sum(widths[pos:pos + span])
                pos += span
                tcw = tcpr.find(qn("w:tcW")) if tcpr is not None else None
                if tcw is not None:
                    tcw.set(qn("w:w"), str(width))
                    tcw.set(qn("w:type"), "dxa")


_DROPPED_RELS = (
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml",
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
)


def _describe_document(document: Any, ctx: Mapping[str, Any]) -> None:
    """Document properties that describe this document, not the template: the title, subject and author as
    the template renders them (``{{ period.in_sentence }}``, ``{{ plan.issuer }}``), created and modified on
    the as-of day (so the bytes stay the same), no description, no printing date; and no preview picture
    (a stale thumbnail of the template) nor customXml (Word's bibliography store), whatever the template
    carried."""
    from datetime import datetime

    props = document.core_properties
    day = _as_date(ctx.get("as_of")) or date(2000, 1, 1)
    stamp = datetime(day.year, day.month, day.day)
    props.created = stamp
    props.modified = stamp
    props.last_modified_by = props.author or ""
    props.comments = ""
    props.revision = 1
    core = props._element
    printed = core.find("{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}lastPrinted")
    if printed is not None:
        core.remove(printed)
    for rels in (document.part.package.rels, document.part.rels):
        for rid in [rid for rid, rel in rels.items() if rel.reltype in _DROPPED_RELS]:
            del rels[rid]
            getattr(rels, "_target_parts_by_rId", {}).pop(rid, None)


def render_docx(context: Mapping[str, Any], template_path: Path) -> bytes:
    """Render the Word template (docxtpl, autoescaped, same sandbox) to the bytes of a .docx.

    Two renders of the same context give the same bytes.
    """
    from docxtpl import DocxTemplate
    from lxml import etree

    from dkst.docxrules import fit_rules
    from dkst.sandbox import TemplateLimit, check_file, check_output_size, time_limit

    template_path = Path(template_path)
    shown = _display(template_path)
    lang = context.get("lang") if isinstance(context, Mapping) else None
    seen: dict[str, str] = {}

    class _Template(DocxTemplate):
        def render_xml_part(self, src_xml, part, context, jinja_env=None):  # type: ignore[override]
            seen["xml"] = re.sub(r"<w:p([ >])", r"\n<w:p\1", src_xml)
            xml = super().render_xml_part(src_xml, part, context, jinja_env)
            check_output_size(len(xml))
            return xml

        def render_properties(self, context, jinja_env=None):  # type: ignore[override]
            # the properties are plain text, not XML: no autoescape (python-docx escapes when it writes)
            super().render_properties(context, jinja_env.overlay(autoescape=False) if jinja_env else None)

        def fix_tables(self, xml):  # type: ignore[override]
            try:
                etree.fromstring(xml.encode("utf-8"))
            except etree.XMLSyntaxError as exc:
                raise RenderError(f"{shown}: the template produces invalid Word XML ({exc.msg})") from None
            return super().fix_tables(xml)

    try:
        ctx = prepare_context(context)
    except Exception as exc:
        raise RenderError(f"{shown}: bad render context: {type(exc).__name__}: {exc}") from None
    try:
        check_file(str(template_path))
        data = template_path.read_bytes()
    except TemplateLimit as exc:
        raise RenderError(_limit_text(exc.key, lang, shown, **exc.params)) from None
    except OSError as exc:
        raise RenderError(f"{shown}: cannot read the template: {exc.strerror or exc}", "tpl.unreadable",
                          where=shown, error=exc.strerror or str(exc)) from None
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise RenderError(f"{shown}: not a Word document (.docx)", "tpl.not-docx", where=shown)
    try:
        files.check_zip(data)  # a zip bomb is refused before docxtpl inflates anything
    except files.ZipTooLarge as exc:
        raise RenderError(_limit_text("template-zip-bomb", lang, shown, detail=str(exc))) from None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise RenderError(f"{shown}: not a Word document (.docx)", "tpl.not-docx", where=shown) from None
    tpl = _Template(io.BytesIO(data))
    env = make_environment(autoescape=True, markdown=False)
    try:
        env.start(time_limit(ctx))
        tpl.render(ctx, env, autoescape=True)
        _fit_tables(tpl.docx)
        fit_rules(tpl.docx)
        _describe_document(tpl.docx, ctx)
        buf = io.BytesIO()
        tpl.save(buf)
    except RenderError:
        raise
    except TemplateLimit as exc:
        raise RenderError(_limit_text(exc.key, lang, shown, **exc.params)) from None
    except (RecursionError, MemoryError):
        raise RenderError(f"{shown}: template error: recursion too deep", "tpl.recursion", where=shown) from None
    except Exception as exc:
        _, line = _template_line(exc, set())
        near = _xml_text(seen.get("xml", ""), line)
        raise RenderError(f"{shown}: {_describe(exc)}{_xml_snippet(seen.get('xml', ''), line)}",
                          **_kind(exc, shown), near=near) from None
    return repack_zip(buf.getvalue())


def render_reminder_docx(context: Mapping[str, Any], unit: Mapping[str, Any], template_path: Path) -> bytes:
    """Render the Word urging letter (``remind.docx``) to one unit, as :func:`render_docx` does (same
    sandbox, same bytes for the same context); the template sees ``unit`` too, as in :func:`render_reminder`.
    """
    u = dict(unit)
    for key in ("status", "status_label", "days_overdue", "days_left", "email"):
        u.setdefault(key, None)
    return render_docx({**context, "unit": u}, template_path)
