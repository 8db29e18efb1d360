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
    # ---------------------------------------------------------------- forms: the integrity mark
    "form-no-mark": {
        "vi": "{file}: thiếu dấu toàn vẹn của phiếu (ô “{name}”, ở trang ẩn dkst): phiếu đã bị sửa hoặc không do "
        "dkst form lập. Lập phiếu mới bằng dkst form",
        "en": "{file}: the form's integrity mark is missing (cell “{name}”, on the hidden sheet dkst): the form was "
        "altered or not made by dkst form. Make a new form with dkst form",
    },
    "form-no-secret": {
        "vi": "{file}: bộ dữ liệu này chưa có khóa phiếu (.dkst-form-key), nên không kiểm được dấu toàn vẹn; phiếu "
        "phải do dkst form của chính bộ dữ liệu này lập",
        "en": "{file}: this dataset has no form key (.dkst-form-key), so the integrity mark cannot be checked; "
        "forms must be made by dkst form of this very dataset",
    },
    # ---------------------------------------------------------------- import: bounds and exact cells
    "import-too-big": {
        "vi": "{file}: {what} vượt giới hạn ({n} > {limit}){where}; không đọc tiếp",
        "en": "{file}: {what} over the limit ({n} > {limit}){where}; not read further",
    },
    "import-what-file": {"vi": "cỡ tệp (byte)", "en": "the file's size (bytes)"},
    "import-what-parts": {"vi": "số phần trong tệp nén", "en": "the number of parts of the zip"},
    "import-what-part": {"vi": "cỡ một phần khi giải nén (byte)", "en": "one part's size once unpacked (bytes)"},
    "import-what-unpacked": {"vi": "tổng cỡ khi giải nén (byte)", "en": "the size once unpacked (bytes)"},
    "import-what-names": {"vi": "số tên định nghĩa (defined names)", "en": "the number of defined names"},
    "import-what-merged": {"vi": "số vùng ô gộp", "en": "the number of merged ranges"},
    "import-what-strings": {"vi": "số chuỗi dùng chung", "en": "the number of shared strings"},
    "import-what-styles": {"vi": "số định dạng ô", "en": "the number of cell formats"},
    "import-what-cells": {"vi": "số ô phải đọc", "en": "the number of cells to read"},
    "import-what-text": {"vi": "độ dài một chuỗi (ký tự)", "en": "the length of one text (characters)"},
    "import-bad-name": {
        "vi": "{file}: tên “{name}” không trỏ đến đúng một ô của phiếu (đang là: {target}); không đọc, để khỏi "
        "mất hay nhân đôi số liệu. Lập phiếu mới bằng dkst form",
        "en": "{file}: the name “{name}” does not point to exactly one cell of the form (it is: {target}); not "
        "read, so that no figure is lost or doubled. Make a new form with dkst form",
    },
    "import-merged": {
        "vi": "{file}: ô {where} ({name}) bị gộp với ô khác (vùng {block}); bỏ gộp ô rồi gửi lại",
        "en": "{file}: cell {where} ({name}) is merged with another cell (block {block}); unmerge it and send "
        "the form again",
    },
    "import-formula": {
        "vi": "{file}: ô {where} ({name}) chứa công thức chưa có giá trị lưu sẵn; hãy nhập số trực tiếp, hoặc mở "
        "phiếu bằng Excel và lưu lại, rồi gửi lại",
        "en": "{file}: cell {where} ({name}) holds a formula with no saved value; type the figure itself, or open "
        "the form in Excel and save it, then send it again",
    },
    # ---------------------------------------------------------------- templates
    "tpl.memory": {
        "vi": "{where}: mẫu cần nhiều bộ nhớ hơn máy có (một giá trị quá lớn); đã dừng",
        "en": "{where}: the template needs more memory than there is (a value too large); stopped",
    },
}
