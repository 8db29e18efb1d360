"""Catalogue part: trust: forms, imports, roll-up, file-system errors (merged into :data:`dkst.i18n.TEXTS`)."""

TEXTS: dict[str, dict[str, str]] = {
    # ---------------------------------------------------------------- file-system errors, one line each
    "output-bad-path": {
        "vi": "Không dùng được đường dẫn {path}: {reason}",
        "en": "Cannot use the path {path}: {reason}",
    },
    "fs-too-long": {
        "vi": "tên quá dài (mỗi thành phần của đường dẫn tối đa 255 byte)",
        "en": "a name is too long (at most 255 bytes per path component)",
    },
    "fs-loop": {
        "vi": "các liên kết tượng trưng trỏ vòng quanh nhau",
        "en": "the symbolic links point round in a loop",
    },
    "fs-permission": {"vi": "không có quyền truy cập", "en": "permission denied"},
    "fs-full": {"vi": "đĩa đã đầy", "en": "the disk is full"},
    "fs-read-only": {"vi": "ổ đĩa chỉ cho đọc", "en": "the disk is read-only"},
    "fs-missing": {"vi": "không có tệp hoặc thư mục này", "en": "no such file or folder"},
    "fs-not-folder": {
        "vi": "một thành phần của đường dẫn không phải thư mục",
        "en": "a component of the path is not a folder",
    },
    "fs-is-folder": {"vi": "đây là một thư mục", "en": "it is a folder"},
    "fs-other": {"vi": "lỗi hệ thống tệp ({error})", "en": "file-system error ({error})"},
    # ---------------------------------------------------------------- rollup
    "rollup-not-file": {
        "vi": "{path} không phải tệp thường (FIFO, thiết bị hay thư mục); không mở, chưa ghi tệp nào",
        "en": "{path} is not a regular file (a FIFO, a device or a folder); not opened, nothing was written",
    },
    "rollup-bad-path": {
        "vi": "Không xem được {path}: {error}; chưa ghi tệp nào",
        "en": "Cannot look at {path}: {error}; nothing was written",
    },
    "rollup-over-limit": {
        "vi": "Tổng của chỉ tiêu {indicator} là {total}, vượt giới hạn {max} của một số đếm; hãy xem lại số liệu "
        "các báo cáo. Chưa ghi tệp nào",
        "en": "The total of indicator {indicator} is {total}, over the limit {max} of a count; check the reports' "
        "figures. Nothing was written",
    },
    "rollup-period-twice": {
        "vi": "parent.periods của plan.yaml đưa nhiều kỳ ({periods}) vào cùng kỳ {target} của cấp trên: báo cáo "
        "kỳ sau sẽ thay báo cáo kỳ trước. Chưa ghi tệp nào",
        "en": "parent.periods of plan.yaml maps several periods ({periods}) onto the same period {target} above: "
        "one report would replace the other. Nothing was written",
    },
    "rollup-period-span": {
        "vi": "Kỳ {period} ({span}) không trùng với kỳ {target} của cấp trên ({their_span}): xem parent.periods "
        "của plan.yaml. Chưa ghi tệp nào",
        "en": "Period {period} ({span}) does not span the same days as period {target} above ({their_span}): see "
        "parent.periods of plan.yaml. Nothing was written",
    },
}
