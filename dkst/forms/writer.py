"""``dkst form``: one Excel workbook per unit, a form a clerk fills in Excel, LibreOffice or WPS.

Written with XlsxWriter (imported here only), which writes data validation, protection, defined names and
print set-up. The form's words are Vietnamese: it goes to Vietnamese units, as the letters of ``dkst remind``
do. The bytes depend only on the dataset and the day given (the workbook's created date, which XlsxWriter
also uses for the zip entries), so two runs give the same file.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from dkst.forms import cells as C

if TYPE_CHECKING:
    from dkst.dataset import Dataset

FONT = "Times New Roman"
#: Blank rows of the commendations and models tables (a unit may insert more inside the table).
COMMENDATION_ROWS = 15
MODEL_ROWS = 10
_INPUT_FILL = "#FFF2CC"
_LOCKED_FILL = "#E7E6E6"
_HEAD_FILL = "#DDEBF7"


@dataclass
class FormIndicator:
    id: str
    label: str
    unit: str | None = None
    section: str | None = None


@dataclass
class FormModel:
    id: str
    name: str
    status: str | None = None


@dataclass
class FormSpec:
    """Everything one unit's form shows, gathered from the dataset by the command."""

    unit_id: str
    unit_name: str
    period_id: str
    period_name: str
    last_on_time: date | None
    due_text: str | None
    marker: str
    issuer: str
    title: str | None
    letterhead: dict[str, str | None]
    report_to_office: str | None
    report_to_email: str | None
    indicators: list[FormIndicator] = field(default_factory=list)
    models: list[FormModel] = field(default_factory=list)
    created: date = date(2000, 1, 1)


def _height(text: str, chars_per_line: int, line_height: float = 16.5) -> float:
    """A row height (points) that shows ``text`` wrapped in a column of about ``chars_per_line`` characters.

    Neither XlsxWriter nor LibreOffice sizes a row to wrapped text when the file is opened, so it is set here.
    """
    lines = sum(max(1, -(-len(part) // chars_per_line)) for part in text.split("\n"))
    return max(1, lines) * line_height + 2


def _cell(row: int, col: int) -> str:
    from xlsxwriter.utility import xl_rowcol_to_cell

    return xl_rowcol_to_cell(row, col, row_abs=True, col_abs=True)


def _ref(sheet: str, first: tuple[int, int], last: tuple[int, int] | None = None) -> str:
    where = _cell(*first) + (f":{_cell(*last)}" if last and last != first else "")
    return f"='{sheet}'!{where}"


class _Formats:
    """The workbook's cell formats, all in Times New Roman."""

    def __init__(self, wb: Any) -> None:
        def fmt(**props: Any) -> Any:
            return wb.add_format({"font_name": FONT, "font_size": 12, "valign": "vcenter", **props})

        border = {"border": 1, "border_color": "#808080"}
        self.plain = fmt(text_wrap=True)
        self.center = fmt(align="center", text_wrap=True)
        self.bold_center = fmt(bold=True, align="center", text_wrap=True)
        self.italic_center = fmt(italic=True, align="center", text_wrap=True)
        self.title = fmt(bold=True, align="center", font_size=14, text_wrap=True)
        self.section = fmt(bold=True)
        self.note = fmt(italic=True, font_size=11, text_wrap=True, font_color="#404040")
        self.head = fmt(bold=True, align="center", text_wrap=True, bg_color=_HEAD_FILL, **border)
        self.label = fmt(text_wrap=True, **border)
        self.label_center = fmt(align="center", text_wrap=True, **border)
        self.group = fmt(bold=True, italic=True, text_wrap=True, **border)
        self.locked_value = fmt(bold=True, bg_color=_LOCKED_FILL, **border)
        self.number = fmt(locked=False, bg_color=_INPUT_FILL, num_format="0", align="right", **border)
        self.date = fmt(locked=False, bg_color=_INPUT_FILL, num_format="dd/mm/yyyy", align="center", **border)
        self.text = fmt(locked=False, bg_color=_INPUT_FILL, num_format="@", text_wrap=True, **border)
        self.long_text = fmt(locked=False, bg_color=_INPUT_FILL, num_format="@", text_wrap=True, valign="top", **border)
        self.help_title = fmt(bold=True, font_size=14)
        self.help = fmt(text_wrap=True, valign="top")


def build(spec: FormSpec) -> bytes:
    """The workbook of one unit's form, as bytes."""
    import xlsxwriter

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(
        buf, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False}
    )
    created = datetime(spec.created.year, spec.created.month, spec.created.day)
    wb.set_properties(
        {
            "title": f"Phiếu báo cáo {spec.period_name} — {spec.unit_name}",
            "author": spec.issuer,
            "company": spec.issuer,
            "comments": "dkst form",
            "created": created,
        }
    )
    wb.formats[0].set_font_name(FONT)  # the default format: empty cells and row heights in Times New Roman
    fm = _Formats(wb)
    form = wb.add_worksheet(C.FORM_SHEET)
    helper = wb.add_worksheet(C.HELP_SHEET)
    hidden = wb.add_worksheet(C.DATA_SHEET)
    _form_sheet(wb, form, fm, spec)
    _help_sheet(helper, fm, spec)
    _data_sheet(wb, hidden, spec)
    form.activate()
    wb.close()
    return buf.getvalue()


def _data_sheet(wb: Any, ws: Any, spec: FormSpec) -> None:
    """The hidden sheet: the dataset marker, the form's key, and the list of the unit's model ids."""
    ws.write_string(0, 0, "plan")
    ws.write_string(0, 1, spec.marker)
    ws.write_string(1, 0, "key")
    ws.write_string(1, 1, C.form_key(spec.marker, spec.unit_id, spec.period_id))
    ws.write_string(2, 0, "models")
    for i, model in enumerate(spec.models):
        ws.write_string(3 + i, 1, model.id)
    wb.define_name(C.PLAN, _ref(C.DATA_SHEET, (0, 1)))
    wb.define_name(C.KEY, _ref(C.DATA_SHEET, (1, 1)))
    ws.protect()
    ws.hide()


def _validation_count() -> dict[str, Any]:
    return {
        "validate": "integer",
        "criteria": "between",
        "minimum": 0,
        "maximum": C.MAX_COUNT,
        "input_title": "Số liệu",
        "input_message": "Số nguyên từ 0 trở lên, viết liền (1250, không viết "
        "1.250). Để trống nếu đơn vị không báo cáo chỉ tiêu này; ghi 0 nếu không có.",
        "error_title": "Số liệu không hợp lệ",
        "error_message": "Chỉ nhập số nguyên từ 0 đến 999999999999, "
        "viết liền, không có dấu chấm, dấu phẩy hay khoảng trắng.",
    }


def _form_sheet(wb: Any, ws: Any, fm: _Formats, spec: FormSpec) -> None:
    ws.set_paper(9)  # A4
    ws.set_portrait()
    ws.set_margins(left=0.6, right=0.4, top=0.6, bottom=0.6)
    ws.fit_to_pages(1, 0)
    ws.center_horizontally()
    ws.set_footer('&C&"Times New Roman"&10Trang &P/&N')
    ws.set_column(0, 0, 6, fm.plain)
    ws.set_column(1, 1, 44, fm.plain)
    ws.set_column(2, 2, 16, fm.plain)
    ws.set_column(3, 3, 30, fm.plain)
    ws.set_column(4, 4, 16, fm.plain)
    sheet = C.FORM_SHEET
    lh = spec.letterhead
    ws.merge_range(0, 0, 0, 1, (lh.get("superior") or "").upper(), fm.center)
    ws.merge_range(0, 2, 0, 4, (lh.get("national") or "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").upper(), fm.bold_center)
    ws.merge_range(1, 0, 1, 1, (lh.get("organ") or "").upper(), fm.bold_center)
    ws.merge_range(1, 2, 1, 4, lh.get("motto") or "Độc lập - Tự do - Hạnh phúc", fm.bold_center)
    ws.merge_range(3, 0, 3, 4, "PHIẾU BÁO CÁO KẾT QUẢ THỰC HIỆN PHONG TRÀO “ĐOÀN KẾT SÁNG TẠO”", fm.title)
    ws.set_row(3, 36)
    ws.merge_range(4, 0, 4, 4, f"Kỳ báo cáo: {spec.period_name}", fm.italic_center)
    ws.merge_range(5, 0, 5, 4, f"Đơn vị: {spec.unit_name}", fm.bold_center)
    due = f"Hạn gửi: {spec.due_text}." if spec.due_text else ""
    send = "Gửi phiếu đã điền về " + (spec.report_to_office or spec.issuer)
    if spec.report_to_email:
        send += f"; đồng thời gửi qua địa chỉ email: {spec.report_to_email}"
    ws.merge_range(6, 0, 6, 4, " ".join(x for x in (due, send + ".") if x), fm.note)
    ws.set_row(6, 34)
    ws.merge_range(
        7,
        0,
        7,
        4,
        "Chỉ điền vào các ô nền vàng; các ô khác được khóa. Xem trang “Hướng dẫn”. "
        "Gửi lại đúng tệp này (định dạng .xlsx), không đổi tên các ô.",
        fm.note,
    )
    ws.set_row(7, 34)
    row = 9
    ws.write_string(row, 1, "Mã đơn vị (không sửa)", fm.label)
    ws.write_string(row, 2, spec.unit_id, fm.locked_value)
    wb.define_name(C.UNIT, _ref(sheet, (row, 2)))
    row += 1
    ws.write_string(row, 1, "Mã kỳ báo cáo (không sửa)", fm.label)
    ws.write_string(row, 2, spec.period_id, fm.locked_value)
    wb.define_name(C.PERIOD, _ref(sheet, (row, 2)))

    row += 2
    ws.write_string(row, 0, "I. THÔNG TIN VĂN BẢN BÁO CÁO", fm.section)
    row += 1
    ws.write_string(row, 1, "Ngày gửi báo cáo (ngày/tháng/năm)", fm.label)
    ws.write_blank(row, 2, None, fm.date)
    ws.data_validation(
        row,
        2,
        row,
        2,
        {
            "validate": "date",
            "criteria": "between",
            "minimum": date(2000, 1, 1),
            "maximum": date(2100, 12, 31),
            "input_title": "Ngày gửi báo cáo",
            "input_message": "Ngày/tháng/năm, năm đủ 4 chữ số, ví dụ 02/06/2023.",
            "error_title": "Ngày không hợp lệ",
            "error_message": "Nhập ngày có thật, dạng ngày/tháng/năm, ví dụ 02/06/2023.",
        },
    )
    wb.define_name("submitted", _ref(sheet, (row, 2)))
    for key, label, example in (
        ("number", "Số báo cáo", "ví dụ 18/BC-MTTQ-BTT"),
        ("signer", "Người ký", "ví dụ Chủ tịch Trần Văn Hưng"),
    ):
        row += 1
        ws.write_string(row, 1, label, fm.label)
        ws.merge_range(row, 2, row, 4, "", fm.text)
        ws.data_validation(
            row,
            2,
            row,
            2,
            {"validate": "any", "input_title": label, "input_message": example[0].upper() + example[1:] + "."},
        )
        wb.define_name(key, _ref(sheet, (row, 2)))

    row += 2
    ws.write_string(row, 0, "II. SỐ LIỆU CÁC CHỈ TIÊU", fm.section)
    row += 1
    ws.merge_range(
        row,
        0,
        row,
        4,
        "Số nguyên từ 0 trở lên, viết liền (1250, không viết 1.250). Chỉ tiêu đơn vị "
        "không báo cáo thì để trống; “không có” thì ghi 0 (để trống khác với 0).",
        fm.note,
    )
    ws.set_row(row, 32)
    row += 1
    for col, head in enumerate(("STT", "Chỉ tiêu", "Số liệu", "Đơn vị tính")):
        ws.write_string(row, col, head, fm.head)
    ws.write_blank(row, 4, None)
    section = None
    count_rule = _validation_count()
    for number, ind in enumerate(spec.indicators, start=1):
        if ind.section and ind.section != section:
            row += 1
            ws.merge_range(row, 0, row, 3, ind.section, fm.group)
            section = ind.section
        row += 1
        ws.write_number(row, 0, number, fm.label_center)
        ws.write_string(row, 1, ind.label, fm.label)
        if len(ind.label) > 40 or len(ind.unit or "") > 26:
            ws.set_row(row, max(_height(ind.label, 40), _height(ind.unit or "", 26)))
        ws.write_blank(row, 2, None, fm.number)
        ws.write_string(row, 3, ind.unit or "", fm.label)
        ws.data_validation(row, 2, row, 2, count_rule)
        wb.define_name(C.INDICATOR_PREFIX + ind.id, _ref(sheet, (row, 2)))

    row += 2
    ws.write_string(row, 0, "III. MÔ HÌNH “ĐOÀN KẾT SÁNG TẠO” NÊU TRONG BÁO CÁO", fm.section)
    row += 1
    if spec.models:
        ws.merge_range(
            row,
            0,
            row,
            4,
            "Mô hình hiện có của đơn vị (chọn mã ở cột “Mã mô hình”; mô hình mới chưa "
            "có mã thì ghi tên và báo Văn phòng để đăng ký):",
            fm.note,
        )
        ws.set_row(row, 32)
        for model in spec.models:
            row += 1
            ws.write_string(row, 1, model.id, fm.label)
            shown = model.name + (f" ({model.status})" if model.status else "")
            ws.merge_range(row, 2, row, 4, shown, fm.label)
            if len(shown) > 56 or len(model.id) > 40:
                ws.set_row(row, max(_height(shown, 56), _height(model.id, 40)))
    else:
        ws.merge_range(
            row,
            0,
            row,
            4,
            "Đơn vị chưa có mô hình nào trong sổ theo dõi của Văn phòng; mô hình mới "
            "thì ghi tên và báo Văn phòng để đăng ký.",
            fm.note,
        )
        ws.set_row(row, 32)
    row += 2
    first = row
    ws.write_string(row, 0, "STT", fm.head)
    ws.write_string(row, 1, "Mã mô hình", fm.head)
    ws.merge_range(row, 2, row, 4, "Tên mô hình", fm.head)
    for i in range(MODEL_ROWS):
        row += 1
        ws.write_number(row, 0, i + 1, fm.label_center)
        ws.write_blank(row, 1, None, fm.text)
        ws.merge_range(row, 2, row, 4, "", fm.text)
    if spec.models:
        ws.data_validation(
            first + 1,
            1,
            row,
            1,
            {
                "validate": "list",
                "source": _ref(C.DATA_SHEET, (3, 1), (3 + len(spec.models) - 1, 1)),
                "input_title": "Mã mô hình",
                "input_message": "Chọn mã một mô hình hiện có của đơn vị.",
                "error_type": "warning",
                "error_title": "Mô hình chưa có",
                "error_message": "Mã này không có trong danh sách mô hình của đơn vị.",
            },
        )
    wb.define_name(C.MODELS, _ref(sheet, (first, 1), (row, 2)))

    row += 2
    ws.write_string(row, 0, "IV. ĐỀ NGHỊ BIỂU DƯƠNG, KHEN THƯỞNG", fm.section)
    row += 1
    first = row
    for col, head in enumerate(("STT", "Tên tập thể, cá nhân", "Tập thể / cá nhân", "Thành tích", "Hình thức")):
        ws.write_string(row, col, head, fm.head)
    for i in range(COMMENDATION_ROWS):
        row += 1
        ws.write_number(row, 0, i + 1, fm.label_center)
        for col in range(1, 5):
            ws.write_blank(row, col, None, fm.text)
    ws.data_validation(
        first + 1,
        2,
        row,
        2,
        {
            "validate": "list",
            "source": ["tập thể", "cá nhân"],
            "input_title": "Tập thể hay cá nhân",
            "input_message": "Chọn “tập thể” hoặc “cá nhân”.",
            "error_title": "Giá trị không hợp lệ",
            "error_message": "Chỉ chọn “tập thể” hoặc “cá nhân”.",
        },
    )
    ws.data_validation(
        first + 1,
        4,
        row,
        4,
        {
            "validate": "list",
            "source": ["Giấy khen", "Bằng khen"],
            "error_type": "information",
            "input_title": "Hình thức",
            "input_message": "Ví dụ: Giấy khen, Bằng khen (có thể ghi khác).",
        },
    )
    wb.define_name(C.COMMENDATIONS, _ref(sheet, (first, 1), (row, 4)))

    for key, head in (
        ("highlights", "V. KẾT QUẢ NỔI BẬT"),
        ("limitations", "VI. TỒN TẠI, HẠN CHẾ"),
        ("proposals", "VII. KIẾN NGHỊ, ĐỀ XUẤT"),
    ):
        row += 2
        ws.write_string(row, 0, head, fm.section)
        row += 1
        ws.merge_range(row, 1, row, 4, "", fm.long_text)
        ws.set_row(row, 110)
        wb.define_name(key, _ref(sheet, (row, 1)))
    row += 2
    ws.merge_range(row, 2, row, 4, "NGƯỜI KÝ BÁO CÁO", fm.bold_center)
    ws.merge_range(row + 1, 2, row + 1, 4, "(Ký, ghi rõ họ tên trên văn bản gửi kèm nếu có)", fm.italic_center)
    ws.print_area(0, 0, row + 1, 4)
    ws.protect(
        "", {"select_locked_cells": True, "select_unlocked_cells": True, "format_columns": True, "format_rows": True}
    )


def _help_sheet(ws: Any, fm: _Formats, spec: FormSpec) -> None:
    ws.set_paper(9)
    ws.set_portrait()
    ws.fit_to_pages(1, 0)
    ws.set_column(0, 0, 4, fm.help)
    ws.set_column(1, 1, 100, fm.help)
    ws.write_string(0, 1, "HƯỚNG DẪN ĐIỀN PHIẾU BÁO CÁO", fm.help_title)
    send = spec.report_to_office or spec.issuer
    if spec.report_to_email:
        send += f" và gửi qua địa chỉ email {spec.report_to_email}"
    steps = [
        f"Phiếu này dành riêng cho {spec.unit_name}, kỳ {spec.period_name}. Không dùng phiếu của đơn vị khác "
        "hoặc kỳ khác; không sửa mã đơn vị, mã kỳ.",
        "Chỉ điền vào các ô nền vàng ở trang “Báo cáo”. Các ô khác đã được khóa (không cần mật khẩu để mở, "
        "nhưng xin đừng mở khóa, đừng đổi tên trang, không xóa dòng, cột).",
        "Số liệu: số nguyên từ 0 trở lên, viết liền, không có dấu chấm, dấu phẩy, khoảng trắng (1250, không viết "
        "1.250 hay 1,250). Không có thì ghi 0; chỉ tiêu đơn vị không theo dõi thì để trống.",
        "Ngày: ngày/tháng/năm, năm đủ 4 chữ số, ví dụ 02/06/2023.",
        "Mô hình: chọn mã mô hình trong danh sách; mô hình mới chưa có mã thì ghi tên ở cột “Tên mô hình” và báo "
        "Văn phòng để đăng ký.",
        "Đề nghị khen thưởng: mỗi tập thể hoặc cá nhân một dòng; cột “Tập thể / cá nhân” chọn trong danh sách.",
        "Có thể điền bằng Microsoft Excel, LibreOffice hoặc WPS. Lưu lại đúng định dạng .xlsx "
        "(Excel: Tệp → Lưu thành → Sổ làm việc Excel (*.xlsx)); không lưu thành .xls hay .ods.",
        f"Gửi tệp đã điền về {send}"
        + (f", hạn gửi: {spec.due_text}." if spec.due_text else ".")
        + " Văn bản báo cáo có chữ ký (nếu có) gửi kèm như thường lệ.",
    ]
    for i, step in enumerate(steps, start=1):
        ws.write_number(1 + i, 0, i, fm.help)
        ws.write_string(1 + i, 1, step, fm.help)
        ws.set_row(1 + i, _height(step, 88))
    ws.protect()


# ---------------------------------------------------------------- from the dataset


def dataset_marker(ds: Dataset) -> str:
    """The marker of the dataset's plan (see :func:`dkst.forms.cells.plan_marker`)."""
    plan = ds.plan
    indicators = tuple((ds.index.indicators or {}) if ds.index is not None else ())
    if plan is None:
        return C.plan_marker(None, None, None, None, indicators)
    return C.plan_marker(plan.number, plan.year, plan.issuer, plan.title, indicators)


def owing_units(ds: Dataset, period: str) -> list[str]:
    """Ids of the units a ``report`` requirement for ``period`` applies to, not exempt, in registry order."""
    out: list[str] = []
    for unit in ds.units:
        for req in ds.index.requirements or []:
            if (
                req.type == "report"
                and req.period == period
                and unit.kind in req.kinds
                and req.id not in (unit.exempt or {})
            ):
                out.append(unit.id)
                break
    return out


def form_spec(ds: Dataset, unit_id: str, period_id: str, created: date) -> FormSpec:
    """The :class:`FormSpec` of a unit and a period of a loaded dataset (its plan read, the period valid)."""
    from dkst.periods import vn_date
    from dkst.schema import ModelRecord

    plan = ds.plan
    if plan is None:
        raise ValueError("form_spec needs a dataset whose plan.yaml was read")
    unit = next((u for u in ds.units if u.id == unit_id), None)
    info = ds.index.periods[period_id]
    deadline = info.deadline
    due_text = None
    if deadline is not None:
        due_text = f"chậm nhất ngày {vn_date(deadline.last_on_time)}"
        if not deadline.inclusive:
            due_text += f" (nhận trước ngày {vn_date(deadline.day)})"
    lh = plan.letterhead
    letterhead: dict[str, str | None] = {
        "superior": lh.superior if lh is not None else None,
        "organ": lh.organ if lh is not None else None,
        "national": lh.national if lh is not None else None,
        "motto": lh.motto if lh is not None else None,
    }
    if not letterhead["organ"]:
        letterhead["organ"] = plan.issuer
    report_to = plan.report_to
    indicators = [FormIndicator(i.id, i.label, i.unit, i.section) for i in (ds.index.indicators or {}).values()]
    status_words = {
        "registered": "đăng ký",
        "in_progress": "đang triển khai",
        "completed": "hoàn thành",
        "stopped": "dừng",
    }
    models: list[FormModel] = []
    for model_id, src in sorted((ds.models.get(unit_id) or {}).items()):
        rec = src.record
        if isinstance(rec, ModelRecord) and rec.name:
            status = getattr(rec.status, "value", rec.status)
            models.append(FormModel(model_id, rec.name, status_words.get(str(status))))
        elif not src.broken:
            models.append(FormModel(model_id, model_id))
    return FormSpec(
        unit_id=unit_id,
        unit_name=(unit.name if unit is not None else None) or unit_id,
        period_id=period_id,
        period_name=info.name,
        last_on_time=deadline.last_on_time if deadline is not None else None,
        due_text=due_text,
        marker=dataset_marker(ds),
        issuer=plan.issuer,
        title=plan.title,
        letterhead=letterhead,
        report_to_office=report_to.office if report_to is not None else None,
        report_to_email=report_to.email if report_to is not None else None,
        indicators=indicators,
        models=models,
        created=created,
    )
