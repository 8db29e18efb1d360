"""Text documents: the report and the urging letters in Markdown, and the page for leaders in HTML
(:mod:`dkst.documents.page`), rendered in the bounded sandbox."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dkst.documents.render_errors import RenderError, display_path, limit_text, prepared, template_error, template_line
from dkst.documents.templates_lookup import make_environment

if TYPE_CHECKING:
    from dkst.documents.report_model import ReportContext
    from dkst.figures.reminders import Addressee


def render_markdown(context: ReportContext, template_path: Path, unit: Addressee | None = None) -> str:
    """Render a Markdown (text) template, ``report.md.j2`` or any other, in the bounded sandbox."""
    return render_text(context, template_path, unit)


def render_text(
    context: ReportContext,
    template_path: Path,
    unit: Addressee | None = None,
    *,
    extra: Mapping[str, Any] | None = None,
    html: bool = False,
) -> str:
    """Render a text template in the bounded sandbox: Markdown, or with ``html`` HTML (autoescape on: every
    value from the data is escaped unless it is already safe markup, as the page's charts are). ``extra``
    adds keys to what the template reads."""
    from dkst.documents.sandbox import FolderLoader, TemplateLimit, check_output_size, time_limit

    template_path = Path(template_path)
    shown = display_path(template_path)
    real = str(template_path.resolve())
    base = template_path.resolve().parent
    env = make_environment(loader=FolderLoader(str(base)), autoescape=html)
    lang = context.lang
    ctx, _ = prepared(context, unit, template_path, shown, lang)
    if extra:
        ctx = {**ctx, **extra}
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
        raise RenderError(limit_text(exc.key, lang, shown, **exc.params)) from None
    except RecursionError:
        chunks.clear()
        raise RenderError(f"{shown}: template error: recursion too deep", "tpl.recursion", where=shown) from None
    except MemoryError:
        chunks.clear()
        raise RenderError(f"{shown}: template error: out of memory", "tpl.memory", where=shown) from None
    except UnicodeDecodeError as exc:
        raise RenderError(
            f"{shown}: not UTF-8 text ({exc.reason} at byte {exc.start})", "tpl.not-utf8", where=shown
        ) from None
    except Exception as exc:
        filename, line = template_line(exc, {real})
        where = shown
        if filename and filename not in (real, "<template>"):
            fp = Path(filename)
            where = display_path(fp) if fp.is_absolute() else filename
        placed = f"{where}:{line}" if line else where
        described, params = template_error(exc, placed)
        raise RenderError(f"{placed}: {described}", **params) from None


def render_reminder(context: ReportContext, unit: Addressee, template_path: Path) -> str:
    """Render an urging letter (``remind.md.j2``) to one unit; the template sees ``unit`` too
    (:meth:`~dkst.figures.reminders.Addressee.template_data`)."""
    return render_markdown(context, template_path, unit)
