"""Catalogue part: dkst history from git (merged into :data:`dkst.i18n.TEXTS`)."""

TEXTS: dict[str, dict[str, str]] = {
    "help.history": {
        "vi": "Ai đã sửa gì: lịch sử git của từng tệp (của đơn vị, của kỳ), mỗi lần sửa và các số liệu đã đổi.",
        "en": "Who changed what: each file's git history (of the unit, of the period), every commit and the "
        "values it changed.",
    },
    "help.history.unit": {
        "vi": "Chỉ các tệp của đơn vị này (mã đơn vị trong units.yaml)",
        "en": "Only this unit's files (its id in units.yaml)",
    },
    "help.history.period": {
        "vi": "Chỉ các báo cáo của kỳ này (H1, Y…; không phân biệt hoa thường)",
        "en": "Only the reports of this period (H1, Y…; any case)",
    },
    "help.history.after-deadline": {
        "vi": "Chỉ các báo cáo có số liệu bị sửa sau hạn cuối của kỳ (và sau lần commit đầu tiên của báo cáo)",
        "en": "Only reports whose figures changed after the period's last on-time day (and after the report's "
        "first commit)",
    },
    "help.history.format": {
        "vi": "text (bảng trên màn hình, văn bản phân cách bằng tab khi chuyển hướng) hoặc json",
        "en": "text (a table on a terminal, tab-separated text when redirected) or json",
    },
    "history-no-repo": {
        "vi": "Bộ dữ liệu {path} không nằm trong kho git nào: không có lịch sử để xem",
        "en": "The dataset {path} is not inside a git repository: there is no history to show",
    },
    "history-unreadable-repo": {
        "vi": "Không đọc được kho git của bộ dữ liệu {path}: {error}",
        "en": "Cannot read the git repository of the dataset {path}: {error}",
    },
    "history-unknown-period": {
        "vi": "Kỳ báo cáo “{value}” không có trong plan.yaml{suggest}; các kỳ: {choices}",
        "en": "Period “{value}” is not in plan.yaml{suggest}; periods: {choices}",
    },
    "history-shallow": {
        "vi": "Kho git là bản sao nông (shallow clone): lịch sử chỉ xem được từ {date} (commit {id}) trở về sau",
        "en": "The git repository is a shallow clone: the history reaches back only to {date} (commit {id})",
    },
    "history-uncommitted": {"vi": "(chưa commit)", "en": "(not committed)"},
    "history-col-file": {"vi": "Tệp", "en": "File"},
    "history-col-unit": {"vi": "Đơn vị", "en": "Unit"},
    "history-col-period": {"vi": "Kỳ", "en": "Period"},
    "history-col-commit": {"vi": "Commit", "en": "Commit"},
    "history-col-date": {"vi": "Ngày", "en": "Date"},
    "history-col-author": {"vi": "Người sửa", "en": "Author"},
    "history-col-message": {"vi": "Nội dung commit", "en": "Message"},
    "history-col-changes": {"vi": "Thay đổi", "en": "Changes"},
    "history-added": {"vi": "tạo tệp", "en": "file created"},
    "history-deleted": {"vi": "xóa tệp", "en": "file deleted"},
    "history-no-change": {"vi": "không đổi giá trị nào", "en": "no value changed"},
    "history-unreadable": {
        "vi": "không đọc được bản này ({code}{line})",
        "en": "this version does not parse ({code}{line})",
    },
    "history-line": {"vi": ", dòng {line}", "en": ", line {line}"},
    "history-text-edited": {
        "vi": "{field}: đã sửa ({old} → {new} ký tự)",
        "en": "{field}: edited ({old} → {new} characters)",
    },
    "history-text-added": {"vi": "{field}: thêm ({new} ký tự)", "en": "{field}: added ({new} characters)"},
    "history-text-removed": {"vi": "{field}: bỏ ({old} ký tự)", "en": "{field}: removed ({old} characters)"},
    "history-list-edited": {
        "vi": "{field}: đã sửa ({old} → {new} mục)",
        "en": "{field}: edited ({old} → {new} items)",
    },
    "history-map-edited": {"vi": "{field}: đã sửa", "en": "{field}: edited"},
    "history-none": {
        "vi": "Không có thay đổi nào trong lịch sử git của các tệp đã chọn",
        "en": "No change in the git history of the chosen files",
    },
    "history-none-after": {
        "vi": "Không có báo cáo nào bị sửa số liệu sau hạn cuối của kỳ",
        "en": "No report's figures changed after the period's last on-time day",
    },
    "history-title": {"vi": "Lịch sử thay đổi: {path}", "en": "History of changes: {path}"},
    "history-title-after": {
        "vi": "Báo cáo bị sửa số liệu sau hạn cuối của kỳ",
        "en": "Reports whose figures changed after the period's last on-time day",
    },
    "history-deadline": {"vi": "hạn cuối {day}", "en": "last on-time day {day}"},
    # the report's appendix (render --history)
    "help.render.history": {
        "vi": "Phụ lục nói thêm báo cáo nào của đơn vị bị sửa số liệu sau hạn cuối của kỳ (theo lịch sử git)",
        "en": "The appendix also says which units' reports had their figures changed after the period's last "
        "on-time day (from the git history)",
    },
    "history-render-none": {
        "vi": "Không có báo cáo nào của đơn vị bị sửa số liệu sau hạn cuối ({day}).",
        "en": "No unit's report had its figures changed after the last on-time day ({day}).",
    },
    "history-render-intro": {
        "vi": "Báo cáo của đơn vị có số liệu được sửa sau hạn cuối ({day}), theo lịch sử git của bộ dữ liệu:",
        "en": "Units' reports whose figures were changed after the last on-time day ({day}), from the dataset's "
        "git history:",
    },
    "history-render-line": {
        "vi": "{unit}: sửa {count} lần, lần cuối ngày {last} ({who}); {changes}",
        "en": "{unit}: changed {count:time|times}, last on {last} ({who}); {changes}",
    },
    "history-render-unavailable": {
        "vi": "Không xem được lịch sử git của bộ dữ liệu: {reason}",
        "en": "The dataset's git history could not be read: {reason}",
    },
}
