"""Catalogue part: the clerk's hands: options, hints, forms by name (merged into :data:`dkst.i18n.TEXTS`)."""

TEXTS: dict[str, dict[str, str]] = {
    # a period the plan lacks, with the nearest one
    "period-unknown-near": {
        "vi": "Kỳ báo cáo “{value}” không có trong plan.yaml; có phải “{near}”? Các kỳ: {choices}",
        "en": "Period “{value}” is not in plan.yaml; did you mean “{near}”? Periods: {choices}",
    },
    # a date an option cannot read: the option, the reason, examples in the dataset's year
    "date-unreadable": {
        "vi": "{option}: không đọc được ngày: {value}; viết {year}-06-02 hoặc 02/06/{year}",
        "en": "{option}: not a date: {value}; write {year}-06-02 or 02/06/{year}",
    },
    "date-impossible": {
        "vi": "{option}: ngày không có thật: {value}",
        "en": "{option}: no such day: {value}",
    },
    "date-impossible-days": {
        "vi": "{option}: ngày không có thật: {value} (tháng {month}/{year} có {days} ngày)",
        "en": "{option}: no such day: {value} ({month}/{year} has {days} days)",
    },
    # ``dkst new``: ids that ``check`` would refuse, refused before anything is written
    "new-id-windows": {
        "vi": "Mã “{value}” là tên thiết bị của Windows, không đặt được tên tệp (dkst check sẽ báo lỗi); dùng mã "
        "khác, ví dụ {example}",
        "en": "“{value}” is a Windows device name and cannot name a file (dkst check would refuse it); use another "
        "id, e.g. {example}",
    },
    "new-id-ascii": {
        "vi": "Mã “{value}” có chữ có dấu; mã chỉ gồm chữ thường không dấu, số và dấu gạch nối: dùng {example}",
        "en": "Id “{value}” has accented letters; ids are lowercase ASCII letters, digits and hyphens: use {example}",
    },
    # ``dkst import``: the summary of a dry run, and of a run that wrote nothing
    "import-done-dry-run": {
        "vi": "Chạy thử, chưa ghi tệp nào: {would} báo cáo sẽ được ghi, {unchanged} không thay đổi, {refused} phiếu "
        "không nhập. Bỏ --dry-run để ghi.",
        "en": "Dry run, nothing written: {would:report|reports} would be written, {unchanged} unchanged, "
        "{refused:form|forms} refused. Run without --dry-run to write.",
    },
    "import-done-nothing": {
        "vi": "Không ghi tệp nào: {unchanged} báo cáo không thay đổi, {refused} phiếu không nhập.",
        "en": "Nothing written: {unchanged} reports unchanged, {refused:form|forms} refused.",
    },
    # ``dkst rollup --dry-run``: what each file would become
    "rollup-would-new": {"vi": "sẽ tạo mới", "en": "would be created"},
    "rollup-would-changed": {"vi": "sẽ ghi đè", "en": "would be replaced"},
    "rollup-would-unchanged": {"vi": "không đổi", "en": "unchanged"},
    # ``dkst rollup``: the city's plan lacks what a unit plan needs, and the province requires one
    "rollup-plan-gaps": {
        "vi": "Kế hoạch này chưa được chuyển lên làm kế hoạch thực hiện của “{unit}”: plan.yaml chưa có {keys}; "
        "ghi số, ký hiệu (number) và ngày ban hành (issued) của kế hoạch vào plan.yaml rồi chạy lại lệnh "
        "(không thì dkst check của cấp trên báo missing-unit-plan)",
        "en": "This plan is not carried up as the implementing plan of “{unit}”: plan.yaml has no {keys}; write "
        "the plan's number and issued day (number, issued) in plan.yaml and run the command again (else the level "
        "above's dkst check says missing-unit-plan)",
    },
    # ``check``: a report cites a model that is another unit's (unknown-ref with ``owner``)
    "model-of-another-unit": {
        "vi": " trong units/{unit}/models/, mà là mô hình của đơn vị “{owner}” (units/{owner}/models/{ref}.yaml); "
        "báo cáo chỉ ghi mô hình của chính đơn vị: bỏ mã này khỏi models, hoặc nếu đơn vị nhân rộng mô hình đó thì "
        "tạo mô hình của mình (dkst new model {unit} …) với origin: replicated, replicated_from: {owner}/{ref}",
        "en": " in units/{unit}/models/: it is a model of unit “{owner}” (units/{owner}/models/{ref}.yaml); a "
        "report lists its own unit's models only: remove it from models, or, if the unit replicates that model, "
        "register its own (dkst new model {unit} …) with origin: replicated, replicated_from: {owner}/{ref}",
    },
    # ``check``: missing-report / pending-report while the report's file is there, dated in another year
    "report-dated-later": {
        "vi": "; tệp {path} có submitted: {later}, sau ngày xét, nên chưa được tính: nếu gõ nhầm năm, sửa thành {fix}",
        "en": "; {path} is there with submitted: {later}, after the as-of day, so it does not count yet: if the "
        "year is a typo, write {fix}",
    },
    # ``dkst status`` in tab-separated text: the unit's id, then its name
    "col-unit-id": {"vi": "Mã đơn vị", "en": "Unit id"},
    "col-unit-name": {"vi": "Tên đơn vị", "en": "Unit name"},
    # ``--output`` whose suffix does not fit the format
    "output-suffix-fits": {
        "vi": "--output: tệp định dạng {format} phải có đuôi {expected}, không phải “{suffix}”",
        "en": "--output: a {format} file must end in {expected}, not “{suffix}”",
    },
    "output-suffix-choices": {
        "vi": "--output {path}: lệnh này không ghi được tệp đuôi “{suffix}”; dùng đuôi {choices}",
        "en": "--output {path}: this command cannot write a “{suffix}” file; use {choices}",
    },
}
