"""The five file kinds as pydantic classes: ``Plan``, ``UnitsFile`` (of ``Unit``), ``UnitPlan``,
``ModelRecord`` and ``Report``. The loader validates with them and ``dkst schema`` exports them.

Value rules shared by every kind (docs/format.md, "Values"): dates in ISO or day-first form, counts as plain
whole numbers ≥ 0, enumerations in English or Vietnamese in any case, ids as slugs.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
)

from dkst.load.fields import (  # the value types, and the patterns and words other modules read here
    EMAIL,
    INDICATOR_ID,
    PERIOD_ID,
    RESERVED_WORDS,
    SLUG,
    WINDOWS_RESERVED,
    YEAR_MAX,
    YEAR_MIN,
    Bool,
    Count,
    Date,
    Email,
    IndicatorId,
    Int,
    PeriodId,
    Ratio,
    Slug,
    Text,
    UnitId,
    Year,
)
from dkst.periods import DATE_PATTERN


class Labelled(StrEnum):
    """An enumeration whose values may also be written in Vietnamese, in any case."""

    @classmethod
    def aliases(cls) -> dict[str, str]:
        raise NotImplementedError

    @classmethod
    def read(cls, value: Any) -> Any:
        if isinstance(value, str):
            key = " ".join(value.strip().lower().split())
            return cls.aliases().get(key, key)
        return value

    @classmethod
    def vietnamese(cls) -> dict[str, str]:
        """Each value's first Vietnamese form (``registered`` → ``đăng ký``), in the order of the values."""
        found: dict[str, str] = {}
        for word, value in cls.aliases().items():
            if word != value and not word.isascii():
                found.setdefault(value, word)
        return {m.value: found[m.value] for m in cls if m.value in found}

    @classmethod
    def choices(cls) -> str:
        """``a (đăng ký), b (…)``: each value in order, with its first Vietnamese form (for ``invalid-value``)."""
        vietnamese = cls.vietnamese()
        return ", ".join(f"{m.value} ({vietnamese[m.value]})" if m.value in vietnamese else m.value for m in cls)

    @classmethod
    def json_names(cls) -> list[str]:
        names: list[str] = []
        for word in cls.aliases():
            for form in (word, word.capitalize(), word.upper()):
                if form not in names:
                    names.append(form)
        return names


class ModelStatus(Labelled):
    REGISTERED = "registered"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    STOPPED = "stopped"

    @classmethod
    def aliases(cls) -> dict[str, str]:
        return {
            "registered": "registered",
            "đăng ký": "registered",
            "in_progress": "in_progress",
            "in progress": "in_progress",
            "đang triển khai": "in_progress",
            "completed": "completed",
            "hoàn thành": "completed",
            "stopped": "stopped",
            "dừng": "stopped",
        }


class Origin(Labelled):
    NEW = "new"
    REPLICATED = "replicated"

    @classmethod
    def aliases(cls) -> dict[str, str]:
        return {"new": "new", "mới": "new", "replicated": "replicated", "nhân rộng": "replicated"}


class CommendationKind(Labelled):
    COLLECTIVE = "collective"
    INDIVIDUAL = "individual"

    @classmethod
    def aliases(cls) -> dict[str, str]:
        return {
            "collective": "collective",
            "tập thể": "collective",
            "individual": "individual",
            "cá nhân": "individual",
        }


class RuleSeverity(Labelled):
    WARNING = "warning"
    ERROR = "error"
    INFO = "info"

    @classmethod
    def aliases(cls) -> dict[str, str]:
        return {
            "warning": "warning",
            "cảnh báo": "warning",
            "error": "error",
            "lỗi": "error",
            "info": "info",
            "thông tin": "info",
        }


def _enum_schema(cls: type[Labelled], description: str) -> WithJsonSchema:
    return WithJsonSchema({"type": "string", "enum": cls.json_names(), "description": description})


StatusField = Annotated[
    ModelStatus,
    BeforeValidator(ModelStatus.read),
    _enum_schema(ModelStatus, "đăng ký | đang triển khai | hoàn thành | dừng"),
]
OriginField = Annotated[Origin, BeforeValidator(Origin.read), _enum_schema(Origin, "mới | nhân rộng")]
CommendationKindField = Annotated[
    CommendationKind, BeforeValidator(CommendationKind.read), _enum_schema(CommendationKind, "tập thể | cá nhân")
]
SeverityField = Annotated[
    RuleSeverity, BeforeValidator(RuleSeverity.read), _enum_schema(RuleSeverity, "warning | error | info")
]


class Record(BaseModel):
    """Base of every file kind: unknown keys are errors (``x-`` keys are removed before validation)."""

    model_config = ConfigDict(extra="forbid", validate_default=False, use_enum_values=False, defer_build=True)


# ---------------------------------------------------------------- plan.yaml


class Signer(Record):
    on_behalf: Text | None = Field(None, description="Thay mặt, ví dụ: TM. BAN THƯỜNG TRỰC")
    title: Text | None = Field(None, description="Chức vụ người ký, ví dụ: CHỦ TỊCH")
    name: Text | None = Field(None, description="Họ và tên người ký")


class BasedOn(Record):
    number: Text = Field(description="Số văn bản, ví dụ: 204/KH-MTTQ-BTT")
    date: Date | None = Field(None, description="Ngày ban hành")
    issuer: Text | None = Field(None, description="Cơ quan ban hành")
    title: Text | None = Field(None, description="Trích yếu")


class ReportTo(Record):
    office: Text | None = Field(None, description="Nơi nhận báo cáo, ví dụ: Văn phòng")
    email: Email | None = Field(None, description="Địa chỉ thư điện tử nhận báo cáo")


class Letterhead(Record):
    """The header block of documents (Nghị định 30/2020); every line may be changed."""

    superior: Text | None = Field(None, description="Cơ quan cấp trên / tên cơ quan (dòng 1 bên trái)")
    organ: Text | None = Field(None, description="Cơ quan ban hành (dòng 2 bên trái, in đậm)")
    national: Text | None = Field(None, description="Quốc hiệu, mặc định CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    motto: Text | None = Field(None, description="Tiêu ngữ, mặc định Độc lập - Tự do - Hạnh phúc")
    symbol: Text | None = Field(None, description="Ký hiệu văn bản sau BC-, ví dụ: MTTQ-BTT")


class Period(Record):
    name: Text = Field(description="Tên kỳ báo cáo, ví dụ: 6 tháng đầu năm 2023")
    name_en: Text | None = Field(None, description="Tên kỳ bằng tiếng Anh (tùy chọn, cho --lang en)")
    start: Date = Field(description="Ngày bắt đầu kỳ")
    end: Date = Field(description="Ngày kết thúc kỳ")
    due_before: Date | None = Field(None, description="Hạn: nhận trước ngày này (hạn cuối là ngày hôm trước)")
    due_by: Date | None = Field(None, description="Hạn: nhận đến hết ngày này")


class Indicator(Record):
    id: IndicatorId = Field(description="Mã chỉ tiêu: chữ thường, số, gạch dưới")
    label: Text = Field(description="Tên chỉ tiêu")
    label_en: Text | None = Field(None, description="Tên chỉ tiêu bằng tiếng Anh (tùy chọn, cho --lang en)")
    unit: Text | None = Field(None, description="Đơn vị tính, ví dụ: buổi, lượt người")
    section: Text | None = Field(None, description="Nhóm nội dung của kế hoạch, dùng làm tiêu đề trong báo cáo")
    max_change: Ratio | None = Field(
        None,
        description="Cảnh báo (jump) khi số liệu của đơn vị lớn hơn số cùng kỳ năm trước nhân số này, "
        "hoặc nhỏ hơn số cùng kỳ chia số này; ví dụ 3",
    )
    phrase: Text | None = Field(
        None, description="Cách báo cáo nói số liệu trong câu, {n} là con số: tổ chức {n} buổi tuyên truyền"
    )
    unit_en: Text | None = Field(None, description="Đơn vị tính bằng tiếng Anh (tùy chọn, cho --lang en)")
    phrase_en: Text | None = Field(None, description="Cách nói số liệu bằng tiếng Anh, {n} là con số")
    section_en: Text | None = Field(None, description="Tên nhóm nội dung bằng tiếng Anh")


class _Requirement(Record):
    id: Slug = Field(description="Mã yêu cầu")
    text: Text | None = Field(None, description="Nguyên văn yêu cầu trong kế hoạch")
    applies_to: list[Slug] = Field(description="Các loại đơn vị phải thực hiện (mã trong unit_kinds)")
    label: Text | None = Field(None, description="Tên ngắn làm tiêu đề cột trong bảng, ví dụ: Báo cáo 6 tháng")


class ReportRequirement(_Requirement):
    type: Literal["report"]
    period: PeriodId = Field(description="Kỳ báo cáo")


class ModelsRequirement(_Requirement):
    type: Literal["models"]
    min: Annotated[Int, Field(ge=1)] = Field(description="Số mô hình tối thiểu")
    due_before: Date | None = None
    due_by: Date | None = None


class UnitPlanRequirement(_Requirement):
    type: Literal["unit_plan"]
    due_before: Date | None = None
    due_by: Date | None = None


class RuleRequirement(_Requirement):
    type: Literal["rule"]
    expr: Text = Field(
        description="Biểu thức trên các mã chỉ tiêu, ví dụ: propaganda_participants >= propaganda_sessions"
    )
    period: PeriodId | None = None
    severity: SeverityField | None = None


Requirement = Annotated[
    ReportRequirement | ModelsRequirement | UnitPlanRequirement | RuleRequirement,
    Field(discriminator="type"),
]


class Parent(Record):
    """plan.yaml's ``parent``: how ``dkst rollup`` reports this plan's figures to the level above."""

    unit: Slug = Field(description="Mã của đơn vị này trong units.yaml của cấp trên (tỉnh), ví dụ tam-ky")
    indicators: dict[IndicatorId, IndicatorId] = Field(
        default_factory=dict, description="Mã chỉ tiêu của kế hoạch này → mã chỉ tiêu của cấp trên (mặc định: cùng mã)"
    )
    periods: dict[PeriodId, PeriodId] = Field(
        default_factory=dict, description="Mã kỳ của kế hoạch này → mã kỳ của cấp trên (mặc định: cùng mã)"
    )


class Previous(Record):
    """plan.yaml's ``previous``: last year's dataset, for "so với cùng kỳ" (``aggregate``, ``render``, ``jump``)."""

    data: Text = Field(
        description="Thư mục bộ dữ liệu năm trước, tính từ thư mục chứa plan.yaml, ví dụ ../ke-hoach-2022"
    )
    indicators: dict[IndicatorId, IndicatorId] = Field(
        default_factory=dict, description="Mã chỉ tiêu năm nay → mã chỉ tiêu năm trước (mặc định: cùng mã)"
    )
    periods: dict[PeriodId, PeriodId] = Field(
        default_factory=dict, description="Mã kỳ năm nay → mã kỳ năm trước (mặc định: cùng mã)"
    )


class Plan(Record):
    """plan.yaml: the governing plan (kế hoạch)."""

    title: Text = Field(description="Tên kế hoạch")
    year: Year = Field(description="Năm của kế hoạch (2000–2100)")
    issuer: Text = Field(description="Cơ quan ban hành")
    place: Text | None = Field(None, description="Địa danh ghi ở dòng ngày tháng văn bản")
    number: Text | None = Field(None, description="Số kế hoạch")
    issued: Date | None = Field(None, description="Ngày ban hành kế hoạch")
    signer: Signer | None = None
    based_on: list[BasedOn] = Field(default_factory=list, description="Các kế hoạch cấp trên được thực hiện")
    report_to: ReportTo | None = None
    letterhead: Letterhead | None = None
    recipients: list[Text] = Field(default_factory=list, description="Nơi nhận của báo cáo")
    unit_kinds: dict[Slug, Text] = Field(description="Loại đơn vị: mã → tên, theo thứ tự hiển thị")
    unit_kinds_en: dict[Slug, Text] = Field(
        default_factory=dict, description="Tên loại đơn vị bằng tiếng Anh: mã → tên (tùy chọn, cho --lang en)"
    )
    periods: dict[PeriodId, Period] = Field(description="Kỳ báo cáo: mã → thông tin kỳ")
    indicators: list[Indicator] = Field(default_factory=list, description="Các chỉ tiêu báo cáo")
    requirements: list[Requirement] = Field(default_factory=list, description="Các yêu cầu đối với đơn vị")
    parent: Parent | None = Field(None, description="Báo cáo lên cấp trên bằng dkst rollup: đơn vị, chỉ tiêu, kỳ")
    previous: Previous | None = Field(None, description="Bộ dữ liệu năm trước, để so sánh với cùng kỳ")
    self: UnitId | None = Field(
        None,
        description="Mã đơn vị của chính cơ quan ban hành trong units.yaml (Ban Thường trực): báo cáo của mình"
        " được tính vào tổng hợp, không bị coi là đơn vị gửi hay nợ báo cáo",
    )


# ---------------------------------------------------------------- units.yaml


class Unit(Record):
    """One entry of units.yaml."""

    id: UnitId = Field(description="Mã đơn vị")
    name: Text = Field(description="Tên đầy đủ của đơn vị")
    kind: Slug = Field(description="Loại đơn vị (mã trong unit_kinds của plan.yaml)")
    short_name: Text | None = Field(None, description="Tên ngắn")
    email: Email | None = Field(None, description="Thư điện tử của đơn vị")
    exempt: dict[Slug, Text] = Field(default_factory=dict, description="Miễn yêu cầu: mã yêu cầu → lý do")

    @property
    def label(self) -> str:
        return self.short_name or self.name


class UnitsFile(Record):
    """units.yaml: the registry of units, in official order."""

    units: list[Unit] = Field(description="Danh sách đơn vị theo thứ tự chính thức")


# ---------------------------------------------------------------- units/<id>/...


class UnitPlan(Record):
    """units/<unit-id>/plan.yaml: the unit's own implementing plan."""

    number: Text = Field(description="Số kế hoạch của đơn vị")
    issued: Date = Field(description="Ngày ban hành")
    title: Text | None = Field(None, description="Trích yếu")
    signer: Text | None = Field(None, description="Người ký")
    received: Date | None = Field(None, description="Ngày thành phố nhận được")


class ModelRecord(Record):
    """units/<unit-id>/models/<model-id>.yaml: one “Đoàn kết sáng tạo” model (mô hình)."""

    name: Text = Field(description="Tên mô hình")
    status: StatusField = Field(description="Tình trạng")
    started: Date | None = Field(None, description="Ngày bắt đầu (bắt buộc trừ khi mới đăng ký)")
    completed_on: Date | None = Field(None, description="Ngày hoàn thành")
    origin: OriginField = Field(Origin.NEW, description="Xây dựng mới hay nhân rộng")
    replicated_from: Text | None = Field(None, description="Nhân rộng từ mô hình: <mã đơn vị>/<mã mô hình>")
    partners: list[Slug] = Field(default_factory=list, description="Các đơn vị phối hợp xây dựng")
    field: Text | None = Field(None, description="Lĩnh vực")
    summary: Text | None = Field(None, description="Mô tả")
    results: Text | None = Field(None, description="Kết quả")
    beneficiaries: Count | None = Field(None, description="Số người/hộ hưởng lợi")
    propose_replication: Bool = Field(False, description="Đề xuất thành phố nhân rộng")


class Commendation(Record):
    name: Text = Field(description="Tên tập thể hoặc cá nhân")
    kind: CommendationKindField = Field(description="tập thể | cá nhân")
    achievement: Text | None = Field(None, description="Thành tích")
    level: Text | None = Field(None, description="Hình thức khen thưởng, ví dụ: Giấy khen, Bằng khen")


class Report(Record):
    """units/<unit-id>/reports/<period-id>.yaml: a unit's report for one period."""

    submitted: Date = Field(description="Ngày Văn phòng nhận được báo cáo")
    number: Text | None = Field(None, description="Số báo cáo")
    signer: Text | None = Field(None, description="Người ký")
    indicators: dict[str, Count] = Field(default_factory=dict, description="Chỉ tiêu: mã → số liệu")
    models: list[Slug] = Field(default_factory=list, description="Các mô hình của đơn vị được nêu trong báo cáo")
    commendations: list[Commendation] = Field(default_factory=list, description="Đề nghị biểu dương, khen thưởng")
    highlights: Text | None = Field(None, description="Kết quả nổi bật")
    limitations: Text | None = Field(None, description="Tồn tại, hạn chế")
    proposals: Text | None = Field(None, description="Kiến nghị, đề xuất")


# ---------------------------------------------------------------- narrative/<period-id>.yaml


class Narrative(Record):
    """narrative/<period-id>.yaml: the committee's own words for its report of the period."""

    number: Text | None = Field(None, description="Số của báo cáo, ví dụ: 15/BC-MTTQ-BTT")
    date: Date | None = Field(None, description="Ngày ghi ở dòng ngày tháng (mặc định: ngày xét số liệu)")
    assessment: Text | None = Field(None, description="Đánh giá chung")
    limitations: Text | None = Field(None, description="Hạn chế")
    causes: Text | None = Field(None, description="Nguyên nhân")
    tasks: Text | None = Field(None, description="Phương hướng, nhiệm vụ thời gian tới")
    proposals: Text | None = Field(None, description="Đề xuất, kiến nghị với cấp trên")


#: File kind name → class, as ``dkst schema`` names them.
KINDS: dict[str, type[Record]] = {
    "plan": Plan,
    "units": UnitsFile,
    "unit-plan": UnitPlan,
    "model": ModelRecord,
    "report": Report,
    "narrative": Narrative,
}


__all__ = [
    "DATE_PATTERN",
    "EMAIL",
    "INDICATOR_ID",
    "KINDS",
    "PERIOD_ID",
    "RESERVED_WORDS",
    "SLUG",
    "WINDOWS_RESERVED",
    "YEAR_MAX",
    "YEAR_MIN",
    "BasedOn",
    "Bool",
    "Commendation",
    "CommendationKind",
    "CommendationKindField",
    "Count",
    "Date",
    "Email",
    "Indicator",
    "IndicatorId",
    "Int",
    "Labelled",
    "Letterhead",
    "ModelRecord",
    "ModelStatus",
    "ModelsRequirement",
    "Narrative",
    "Origin",
    "OriginField",
    "Parent",
    "Period",
    "PeriodId",
    "Plan",
    "Previous",
    "Ratio",
    "Record",
    "Report",
    "ReportRequirement",
    "ReportTo",
    "Requirement",
    "RuleRequirement",
    "RuleSeverity",
    "SeverityField",
    "Signer",
    "Slug",
    "StatusField",
    "Text",
    "Unit",
    "UnitId",
    "UnitPlan",
    "UnitPlanRequirement",
    "UnitsFile",
    "Year",
]
