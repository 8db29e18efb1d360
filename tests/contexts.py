"""Report contexts for the writers' tests, built by the real pipeline (check → aggregate → report context).

:func:`sample_context` is the bundled sample (``data/``) as of a day. :func:`hostile_context` is the same
sample with hostile text typed into it, as a clerk could: a unit's name, a model's name, a highlight and a
limitation that carry Jinja, XML and Markdown syntax, and a proposal near the size limit; its plan has a number
and a date, and critiques are in no section and reported by no unit. Tests change a context with
:func:`dataclasses.replace` on the typed parts, never by hand-writing one.
"""

from __future__ import annotations

import atexit
import re
import shutil
import tempfile
from datetime import date
from functools import cache
from pathlib import Path

from dkst.documents.report_model import ReportContext

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "data"
AS_OF = date(2023, 6, 20)

#: The unit whose name is hostile (``hoi-chu-thap-do`` in the sample).
HOSTILE_ID = "hoi-chu-thap-do"
HOSTILE_UNIT = "Hội Khuyến học {{ 7*7 }} – Sở GD&ĐT | A < B"
HOSTILE_MODEL = "Tủ sách cộng đồng {{ 7*7 }} <w:p> & “khuyến học”"
HOSTILE_HIGHLIGHT = "Tủ sách {{ 7*7 }} nhận 1.500 đầu sách | quyên góp; A < B & C > D."
HOSTILE_LIMITATION = (
    "Dòng một: <w:p> chưa có kinh phí | thiếu người\n# không phải tiêu đề\n- không phải danh sách\n"
    "{{ 7*7 }} & Sở GD&ĐT | A < B"
)
#: A proposal of ``an-phu`` near the size a text may have.
LONG_PROPOSAL = (
    "Đề nghị Ban Thường trực Ủy ban MTTQ Việt Nam thành phố quan tâm hỗ trợ kinh phí, tài liệu tuyên truyền "
    "và tổ chức tập huấn kỹ năng xây dựng mô hình cho cán bộ Mặt trận cơ sở; " * 18
)[:2990].strip()


def _quoted(text: str) -> str:
    """``text`` as a double-quoted YAML scalar."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def hostile_dataset(root: Path) -> Path:
    """A copy of the sample at ``root`` with the hostile texts above typed into it."""
    shutil.copytree(SAMPLE, root)
    plan = root / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    text = text.replace("\nplace: Tam Kỳ\n", "\nplace: Tam Kỳ\nnumber: 25/KH-MTTQ-BTT\nissued: 2023-03-08\n", 1)
    # critiques in no section: the report's "other results"
    text = re.sub(r"(\n  - id: critiques\n(?:    [^\n]*\n)*?)    section: [^\n]*\n", r"\1", text)
    text = re.sub(r"(\n  - id: critiques\n(?:    [^\n]*\n)*?)    section_en: [^\n]*\n", r"\1", text)
    plan.write_text(text, encoding="utf-8")
    for report in sorted(root.glob("units/*/reports/*.yaml")):  # no unit gives critiques: "no unit reports it"
        report.write_text(re.sub(r"\n  critiques: [^\n]*", "", report.read_text(encoding="utf-8")), encoding="utf-8")
    units = root / "units.yaml"
    text = units.read_text(encoding="utf-8")
    text = text.replace("    name: Hội Chữ thập đỏ thành phố\n", f"    name: {_quoted(HOSTILE_UNIT)}\n", 1)
    units.write_text(text, encoding="utf-8")
    models = root / "units" / HOSTILE_ID / "models"
    models.mkdir()
    (models / "tu-sach.yaml").write_text(
        f"name: {_quoted(HOSTILE_MODEL)}\nstatus: in_progress\nstarted: 2023-03-10\norigin: new\n"
        "field: Giáo dục\nbeneficiaries: 150\npropose_replication: false\n",
        encoding="utf-8",
    )
    report = root / "units" / HOSTILE_ID / "reports" / "H1.yaml"
    body = report.read_text(encoding="utf-8").split("highlights:")[0]
    body += f"models: [tu-sach]\nhighlights: {_quoted(HOSTILE_HIGHLIGHT)}\nlimitations: {_quoted(HOSTILE_LIMITATION)}\n"
    report.write_text(body, encoding="utf-8")
    report = root / "units" / "an-phu" / "reports" / "H1.yaml"
    report.write_text(report.read_text(encoding="utf-8") + f"proposals: {_quoted(LONG_PROPOSAL)}\n", encoding="utf-8")
    return root


def build(root: Path, period: str = "H1", lang: str = "vi", as_of: date = AS_OF) -> ReportContext:
    """The report context of ``root`` for ``period`` as of ``as_of``, as ``dkst render`` builds it."""
    import os

    from dkst.checks.checker import check
    from dkst.documents.report_context import render_context

    before = os.environ.get("DKST_TODAY")
    os.environ["DKST_TODAY"] = "2024-06-30"
    try:
        return render_context(check(root, as_of), period, lang)
    finally:
        if before is None:
            del os.environ["DKST_TODAY"]
        else:
            os.environ["DKST_TODAY"] = before


@cache
def sample_context(period: str = "H1", lang: str = "vi", as_of: date = AS_OF) -> ReportContext:
    """The bundled sample's context (shared: change it only through :func:`dataclasses.replace`)."""
    return build(SAMPLE, period, lang, as_of)


@cache
def _hostile_root() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="dkst-hostile-"))
    atexit.register(shutil.rmtree, folder, True)
    return hostile_dataset(folder / "data")


@cache
def hostile_context(lang: str = "vi") -> ReportContext:
    """The hostile sample's H1 context as of 20/6/2023 (shared: change it only through
    :func:`dataclasses.replace`)."""
    return build(_hostile_root(), "H1", lang)
