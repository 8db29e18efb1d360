"""The one-line error of a template that cannot be found, read, compiled or rendered, and how a Jinja
exception becomes one (the template file and line, a catalogue key); :func:`prepared`, where both writers start."""

from __future__ import annotations

import re
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dkst.documents.report_model import ReportContext
    from dkst.figures.reminders import Addressee


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


def prepared(
    context: ReportContext, unit: Addressee | None, template_path: Path, shown: str, lang: str
) -> tuple[dict[str, Any], bytes]:
    """What both writers start from: the template data (the context, and ``unit`` for a letter) and the
    template's bytes, within the sandbox's file limits; any failure a :class:`RenderError` of one line."""
    from dkst.documents.sandbox import TemplateLimit, check_file
    from dkst.documents.template_context import template_data, with_unit

    ctx = template_data(context) if unit is None else with_unit(context, unit)
    try:
        check_file(str(template_path))
        return ctx, template_path.read_bytes()
    except TemplateLimit as exc:
        raise RenderError(limit_text(exc.key, lang, shown, **exc.params)) from None
    except OSError as exc:
        raise RenderError(
            f"{shown}: cannot read the template: {exc.strerror or exc}",
            "tpl.unreadable",
            where=shown,
            error=exc.strerror or str(exc),
        ) from None


def limit_text(key: str, lang: Any, shown: str, **params: Any) -> str:
    """A bound of :mod:`dkst.documents.sandbox` as one line of the catalogue, in the document's language."""
    from dkst.i18n import lang_of, text

    return text(key, lang_of(lang if isinstance(lang, str) else None), path=shown, **params)


#: What the English line of a Jinja error starts with, by its catalogue key.
_DESCRIBED = {
    "tpl.syntax": "template syntax error",
    "tpl.sandbox": "forbidden by the template sandbox",
    "tpl.undefined": "undefined in the template",
    "tpl.include": "included template not found",
}


def template_error(exc: BaseException, where: str) -> tuple[str, dict[str, Any]]:
    """A Jinja error, read once: its English line (for the exception's text) and the ``key`` (``tpl.…``) and
    parameters :meth:`RenderError.text` words it with."""
    from jinja2 import TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError, TemplateNotFound

    detail = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    params: dict[str, Any]
    if isinstance(exc, TemplateSyntaxError):
        params = {"key": "tpl.syntax", "where": where, "detail": detail}
    elif isinstance(exc, SecurityError):
        params = {"key": "tpl.sandbox", "where": where, "detail": detail}
    elif isinstance(exc, UndefinedError):
        found = re.search(r"'([^']+)' is undefined|has no attribute '([^']+)'", detail)
        name = next((g for g in found.groups() if g), "") if found else ""
        params = {"key": "tpl.undefined", "where": where, "name": name, "detail": detail}
    elif isinstance(exc, TemplateNotFound):
        params = {"key": "tpl.include", "where": where, "name": detail}
    else:
        params = {"key": "tpl.other", "where": where, "detail": f"{type(exc).__name__}: {detail}"}
    start = _DESCRIBED.get(params["key"])
    line = f"{start}: {detail}" if start else f"template error: {type(exc).__name__}: {detail}"
    return line, params


def template_line(exc: BaseException, template_files: set[str]) -> tuple[str | None, int | None]:
    """The template file and line an exception was raised at (Jinja rewrites template frames)."""
    from jinja2 import TemplateSyntaxError

    if isinstance(exc, TemplateSyntaxError):
        return exc.filename, exc.lineno
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        name = frame.filename
        if name in template_files or name == "<template>" or not (name.endswith(".py") or name.startswith("<")):
            return name, frame.lineno
    return None, None


def display_path(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
