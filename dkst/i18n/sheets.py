"""Catalogue part: the workbook and the form: new models by name, forms for owing units only, the workbook's
headings (merged into :data:`dkst.i18n.TEXTS`)."""

TEXTS: dict[str, dict[str, str]] = {
    # ``dkst form``: owing units whose report has come in get no form unless --all
    "help.form.all": {
        "vi": "Lập phiếu cho mọi đơn vị phải gửi báo cáo kỳ này, kể cả đơn vị đã gửi.",
        "en": "Write a form for every unit that owes this period's report, including those that have sent it.",
    },
    "form-skipped": {
        "vi": "Không lập phiếu cho {count} đơn vị đã gửi báo cáo kỳ {period}: {units}. Lập cả cho các đơn vị này: "
        "thêm --all.",
        "en": "No form for {count:unit|units} that sent the report of period {period}: {units}. To write theirs "
        "too: add --all.",
    },
    "form-none-owing": {
        "vi": "Mọi đơn vị phải gửi báo cáo kỳ {period} đã gửi ({count} đơn vị): không lập phiếu nào. Lập cả cho các "
        "đơn vị đã gửi: thêm --all; hoặc chọn đơn vị bằng --unit.",
        "en": "Every unit that owes the report of period {period} has sent it ({count:unit|units}): no form "
        "written. To write theirs too: add --all; or name units with --unit.",
    },
    # the form's models table: a new model by name, status and start date
    "form.col-model-status": {"vi": "Tình trạng", "en": "Status"},
    "form.col-model-started": {"vi": "Ngày bắt đầu", "en": "Start date"},
    "form.model-name-input": {
        "vi": "Chỉ cho mô hình mới (chưa có trong danh sách): ghi tên mô hình.",
        "en": "Only for a new model (not in the list): write the model's name.",
    },
    "form.model-status-input": {
        "vi": "Mô hình mới: chọn đăng ký, đang triển khai, hoàn thành hoặc dừng.",
        "en": "New model: choose registered, in progress, completed or stopped.",
    },
    "form.model-status-error": {
        "vi": "Chỉ chọn một tình trạng trong danh sách.",
        "en": "Choose one status from the list.",
    },
    # ``dkst import``: the new models of a form, registered as model files
    "import-new-model": {
        "vi": "{where}: mô hình mới “{name}” → {path}",
        "en": "{where}: new model “{name}” → {path}",
    },
    "import-new-model-dry-run": {
        "vi": "Chạy thử: sẽ ghi {path} như sau (chưa ghi gì):",
        "en": "Dry run: would write {path} as follows (nothing written):",
    },
    "import-new-models": {
        "vi": "Mô hình mới đã đăng ký: {files}",
        "en": "New models registered: {files}",
    },
    "import-new-models-dry-run": {
        "vi": "Mô hình mới sẽ được đăng ký: {files}",
        "en": "New models that would be registered: {files}",
    },
    "form.import-model-header": {
        "vi": "Mã mô hình là tên tệp: {id}. Tệp do “dkst import” tạo ngày {day} từ phiếu “{file}”.",
        "en": "The model's id is the file name: {id}. File made by “dkst import” on {day} from the form “{file}”.",
    },
    "import-model-no-id": {
        "vi": "Tên mô hình “{name}” không cho ra mã nào (mã gồm chữ thường không dấu, số và dấu gạch nối); ghi tên "
        "bằng chữ",
        "en": "The model name “{name}” gives no id (ids are lower-case ASCII letters, digits and hyphens); write the "
        "name in letters",
    },
    "import-model-no-name": {
        "vi": "Dòng mô hình có tình trạng hoặc ngày bắt đầu nhưng không có tên, không chọn mô hình đã có",
        "en": "A model row has a status or a start date but no name and no existing model chosen",
    },
    # the workbook of ``dkst aggregate --format xlsx``: headings in words, dates dd/mm/yyyy
    "xlsx-heading": {
        "vi": "Tổng hợp báo cáo {name}: số liệu đến ngày {as_of}; hạn gửi báo cáo: {deadline}",
        "en": "Summary of the reports for {name}: figures as of {as_of}; reports due by {deadline}",
    },
    "xlsx-reports": {
        "vi": "Báo cáo: đã nhận {received} trong {expected} báo cáo phải gửi ({completeness}), đúng hạn {on_time} "
        "({timeliness})",
        "en": "Reports: {received} of the {expected} due received ({completeness}), {on_time} on time ({timeliness})",
    },
    "xlsx-reports-late": {"vi": "gửi trễ {n}", "en": "{n} late"},
    "xlsx-reports-missing": {"vi": "quá hạn chưa gửi {n}", "en": "{n} overdue, not sent"},
    "xlsx-reports-pending": {"vi": "chưa đến hạn {n}", "en": "{n} not yet due"},
    "xlsx-reports-invalid": {"vi": "tệp báo cáo có lỗi {n}", "en": "{n} with a faulty file"},
    "xlsx-reports-left_out": {
        "vi": "có lỗi nên chưa tính số liệu {n}",
        "en": "{n} left out of the figures (errors)",
    },
    "xlsx-reports-extra": {
        "vi": "tính thêm {n} báo cáo của đơn vị không thuộc diện phải gửi",
        "en": "{n:report|reports} of units that owe none counted too",
    },
    "xlsx-previous-note": {
        "vi": "“Cùng kỳ”: số liệu cùng kỳ năm {year}; “Tăng, giảm”: so với cùng kỳ.",
        "en": "“Same period last year”: the figures of the same period of {year}; “Change”: against them.",
    },
    "xlsx-col-unowed": {"vi": "Không phải gửi, đã gửi", "en": "Sent without owing"},
    "xlsx-col-left_out": {"vi": "Có lỗi, chưa tính", "en": "Left out (errors)"},
    "xlsx-status-sent": {"vi": "Đã gửi", "en": "Sent"},
}
