"""Word documents (docxtpl, autoescaped, same sandbox): the report and the urging letters, tables fitted,
document properties describing the document, the same bytes for the same data."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dkst import files
from dkst.documents.docxlang import declare_language, tag_runs
from dkst.documents.render_errors import RenderError, display_path, limit_text, prepared, template_error, template_line
from dkst.documents.templates_lookup import make_environment

if TYPE_CHECKING:
    from dkst.documents.report_model import ReportContext
    from dkst.figures.reminders import Addressee


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
                width = sum(widths[pos : pos + span])
                pos += span
                tcw = tcpr.find(qn("w:tcW")) if tcpr is not None else None
                if tcw is not None:
                    tcw.set(qn("w:w"), str(width))
                    tcw.set(qn("w:type"), "dxa")


_ROMAN = re.compile(r"^[IVXLC]+$")


def _keep_together(document: Any) -> None:
    """Pagination the template cannot say: a table starts with at least its header and two rows on a page (their
    paragraphs keep with the next), and a kind's heading row of the appendix (numbered I, II, …) stays with its
    first unit; a row never splits across pages."""
    from docx.oxml.ns import qn

    def keep(tr: Any) -> None:
        for p in tr.iter(qn("w:p")):
            ppr = p.find(qn("w:pPr"))
            if ppr is None:
                ppr = p.makeelement(qn("w:pPr"), {})
                p.insert(0, ppr)
            if ppr.find(qn("w:keepNext")) is None:
                el = ppr.makeelement(qn("w:keepNext"), {})
                style = ppr.find(qn("w:pStyle"))
                if style is not None:
                    style.addnext(el)
                else:
                    ppr.insert(0, el)

    for tbl in document.element.body.iter(qn("w:tbl")):
        rows = tbl.findall(qn("w:tr"))
        if len(rows) < 2 or (tbl.find(qn("w:tblPr") + "/" + qn("w:tblBorders")) is None and not _gridded(tbl)):
            continue
        for tr in rows[: min(2, len(rows) - 1)]:  # the header and the first row go with the row after them
            keep(tr)
        for tr in rows[2:-1]:
            first = tr.find(qn("w:tc"))
            words = "".join(t.text or "" for t in first.iter(qn("w:t"))) if first is not None else ""
            if _ROMAN.match(words.strip()):
                keep(tr)


def _gridded(tbl: Any) -> bool:
    from docx.oxml.ns import qn

    style = tbl.find(qn("w:tblPr") + "/" + qn("w:tblStyle"))
    return style is not None and (style.get(qn("w:val")) or "").lower().startswith("table")


_DROPPED_RELS = (
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml",
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
)


def _describe_document(document: Any, day: date) -> None:
    """Document properties that describe this document, not the template: the title, subject and author as
    the template renders them (``{{ period.in_sentence }}``, ``{{ plan.issuer }}``), created and modified on
    the as-of day (so the bytes stay the same), no description, no printing date; and no preview picture
    (a stale thumbnail of the template) nor customXml (Word's bibliography store), whatever the template
    carried."""
    from datetime import datetime

    props = document.core_properties
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


class ChartPicture:
    """A chart as a Word picture (docxtpl's ``InlineImage``), for the template to print. False (prints nothing)
    when there is no chart (no report expected). The PNG is drawn beforehand (:func:`report_charts`), outside
    the template's clock."""

    def __init__(self, template: Any, png: bytes | None, width_mm: float) -> None:
        self._template = template
        self._png = png
        self._width_mm = width_mm

    def __bool__(self) -> bool:
        return self._png is not None

    def __str__(self) -> str:
        if self._png is None:
            return ""
        from docx.shared import Mm
        from docxtpl import InlineImage

        return str(InlineImage(self._template, io.BytesIO(self._png), width=Mm(self._width_mm)))

    def __html__(self) -> str:  # what Jinja's autoescape prints
        return str(self)


#: The width of the completeness chart in the Word report's appendix (landscape pages), in millimetres.
CHART_WIDTH_MM = 130


def shows_charts(data: bytes) -> bool:
    """Whether a Word template mentions ``charts`` in its body: only then are the charts drawn (a letter, or a
    clerk's template without the chart, costs nothing)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return b"charts" in archive.read("word/document.xml")
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False


def report_charts(context: ReportContext, template: Any, lang: str, draw: bool = True) -> dict[str, ChartPicture]:
    """``charts`` for the Word report: ``completeness``, the chart of the page for leaders, as a PNG picture
    (``draw`` False: an empty picture, for a template that does not show it)."""
    from dkst.documents.charts import completeness, to_png

    chart = completeness(context) if draw else None
    png = to_png(chart, lang, 3.0) if chart is not None else None
    return {"completeness": ChartPicture(template, png, CHART_WIDTH_MM)}


def render_docx(context: ReportContext, template_path: Path, unit: Addressee | None = None) -> bytes:
    """Render the Word template (docxtpl, autoescaped, same sandbox) to the bytes of a .docx.

    Two renders of the same context give the same bytes.
    """
    from docxtpl import DocxTemplate
    from lxml import etree

    from dkst.documents.docxrules import fit_rules
    from dkst.documents.sandbox import TemplateLimit, check_output_size, time_limit

    template_path = Path(template_path)
    shown = display_path(template_path)
    lang = context.lang
    seen: dict[str, str] = {}

    class _Template(DocxTemplate):  # type: ignore[misc]  # docxtpl ships no types
        def render_xml_part(self, src_xml: str, part: Any, context: Any, jinja_env: Any = None) -> str:
            seen["xml"] = re.sub(r"<w:p([ >])", r"\n<w:p\1", src_xml)
            xml: str = super().render_xml_part(src_xml, part, context, jinja_env)
            check_output_size(len(xml))
            return xml

        def render_properties(self, context: Any, jinja_env: Any = None) -> None:
            # the properties are plain text, not XML: no autoescape (python-docx escapes when it writes)
            super().render_properties(context, jinja_env.overlay(autoescape=False) if jinja_env else None)

        def fix_tables(self, xml: str) -> str:
            try:
                etree.fromstring(xml.encode("utf-8"))
            except etree.XMLSyntaxError as exc:
                raise RenderError(
                    f"{shown}: the template produces invalid Word XML ({exc.msg})",
                    "tpl.invalid-xml",
                    where=shown,
                    error=exc.msg,
                ) from None
            fixed: str = super().fix_tables(xml)
            return fixed

    ctx, data = prepared(context, unit, template_path, shown, lang)
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise RenderError(f"{shown}: not a Word document (.docx)", "tpl.not-docx", where=shown)
    try:
        files.check_zip(data)  # a zip bomb is refused before docxtpl inflates anything
    except files.ZipTooLarge as exc:
        raise RenderError(limit_text("template-zip-bomb", lang, shown, detail=str(exc))) from None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise RenderError(f"{shown}: not a Word document (.docx)", "tpl.not-docx", where=shown) from None
    tpl = _Template(io.BytesIO(data))
    if unit is None:  # the report (not a letter): its chart, drawn if the template shows it
        ctx = {**ctx, "charts": report_charts(context, tpl, lang, shows_charts(data))}
    env = make_environment(autoescape=True, markdown=False)
    try:
        env.start(time_limit(ctx))
        tpl.render(ctx, env, autoescape=True)
        _fit_tables(tpl.docx)
        _keep_together(tpl.docx)
        fit_rules(tpl.docx)
        _describe_document(tpl.docx, context.as_of)
        declare_language(tpl.docx, lang)  # dc:language, decimal symbol, no preview picture (#21)
        tag_runs(tpl.docx, lang)  # Vietnamese words of an English document tagged vi-VN
        buf = io.BytesIO()
        tpl.save(buf)
    except RenderError:
        raise
    except TemplateLimit as exc:
        raise RenderError(limit_text(exc.key, lang, shown, **exc.params)) from None
    except RecursionError:
        raise RenderError(f"{shown}: template error: recursion too deep", "tpl.recursion", where=shown) from None
    except MemoryError:
        raise RenderError(f"{shown}: template error: out of memory", "tpl.memory", where=shown) from None
    except Exception as exc:
        _, line = template_line(exc, set())
        near = _xml_text(seen.get("xml", ""), line)
        described, params = template_error(exc, shown)
        raise RenderError(
            f"{shown}: {described}{_xml_snippet(seen.get('xml', ''), line)}", **params, near=near
        ) from None
    return repack_zip(buf.getvalue())


def render_reminder_docx(context: ReportContext, unit: Addressee, template_path: Path) -> bytes:
    """Render the Word urging letter (``remind.docx``) to one unit, as :func:`render_docx` does (same
    sandbox, same bytes for the same context); the template sees ``unit`` too, as in :func:`render_reminder`.
    """
    return render_docx(context, template_path, unit)
