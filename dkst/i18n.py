"""Message catalogues, Vietnamese (default) and English, keyed by finding code and by message key.

``MESSAGES`` has one template per finding code; ``REASONS`` details ``invalid-value``, ``stray-file``,
``invalid-rule`` and ``encoding``; ``TEXTS`` holds everything else a user reads (errors, labels).
Dates in parameters are written the Vietnamese way (``04/6/2023``) in both languages.
"""

from __future__ import annotations

import os
from datetime import date
from typing import Any

from dkst.periods import vn_date

LANGS = ("vi", "en")

MESSAGES: dict[str, dict[str, str]] = {
    "encoding": {
        "vi": "Tệp không phải mã UTF-8{guess}. {howto}",
        "en": "The file is not UTF-8{guess}. {howto}",
    },
    "yaml-syntax": {
        "vi": "Lỗi cú pháp YAML: {problem}{tab}",
        "en": "YAML syntax error: {problem}{tab}",
    },
    "yaml-alias": {
        "vi": "Tệp dùng neo (&), bí danh (*) hoặc khóa gộp (<<) của YAML; hãy viết đầy đủ từng giá trị",
        "en": "The file uses YAML anchors (&), aliases (*) or merge keys (<<); write every value out in full",
    },
    "duplicate-key": {
        "vi": "Khóa “{key}” viết hai lần (lần đầu ở dòng {first}); giá trị trước sẽ bị mất",
        "en": "Key “{key}” appears twice (first on line {first}); the earlier value would be lost",
    },
    "file-too-large": {
        "vi": "Tệp lớn {size} byte, vượt giới hạn 1 MiB; tệp không được đọc",
        "en": "The file is {size} bytes, over the 1 MiB limit; it was not read",
    },
    "missing-field": {
        "vi": "Thiếu trường bắt buộc “{field}”",
        "en": "Required field “{field}” is missing",
    },
    "unknown-field": {
        "vi": "Trường “{field}” không có trong định dạng{suggest}",
        "en": "Field “{field}” is not part of the format{suggest}",
    },
    "invalid-value": {
        "vi": "Giá trị “{value}” của “{field}” không hợp lệ: {reason}",
        "en": "Value “{value}” of “{field}” is not valid: {reason}",
    },
    "unknown-ref": {
        "vi": "{what} “{ref}” không tồn tại{suggest}",
        "en": "{what} “{ref}” does not exist{suggest}",
    },
    "duplicate-id": {
        "vi": "Mã “{id}” bị trùng (đã dùng ở dòng {first})",
        "en": "Id “{id}” is used twice (first on line {first})",
    },
    "invalid-rule": {
        "vi": "Biểu thức “{expr}” của quy tắc “{requirement}” không hợp lệ: {reason}",
        "en": "Expression “{expr}” of rule “{requirement}” is not valid: {reason}",
    },
    "missing-file": {
        "vi": "Thiếu tệp {name} (danh sách đơn vị)",
        "en": "File {name} (the registry of units) is missing",
    },
    "future-date": {
        "vi": "Ngày {date} ở trường “{field}” sau ngày hôm nay ({today}): có lẽ gõ nhầm; bản ghi được coi như chưa có",
        "en": "Date {date} in “{field}” is after today ({today}): probably a typo; the record is treated as absent",
    },
    "suspicious-date": {
        "vi": "Ngày nhận {date} trước khi kỳ “{period_name}” bắt đầu ({start}): có lẽ gõ nhầm năm",
        "en": "Received on {date}, before period “{period_name}” starts ({start}): probably the wrong year",
    },
    "stray-file": {
        "vi": "Không thuộc cấu trúc bộ dữ liệu: {reason}{suggest}",
        "en": "Does not fit the dataset layout: {reason}{suggest}",
    },
    "missing-report": {
        "vi": "{unit_name} chưa gửi báo cáo kỳ “{period_name}” (hạn cuối: {deadline}); quá hạn {days_overdue} ngày",
        "en": "{unit_name} has not sent the report for “{period_name}” (last on-time day: {deadline}); "
        "{days_overdue} days overdue",
    },
    "late-report": {
        "vi": "{unit_name} gửi báo cáo kỳ “{period_name}” ngày {submitted}, trễ {days_late} ngày "
        "(hạn cuối: {deadline})",
        "en": "{unit_name} sent the report for “{period_name}” on {submitted}, {days_late} days late "
        "(last on-time day: {deadline})",
    },
    "pending-report": {
        "vi": "{unit_name} chưa gửi báo cáo kỳ “{period_name}”; hạn cuối: {deadline} (còn {days_left} ngày)",
        "en": "{unit_name} has not yet sent the report for “{period_name}”; last on-time day: {deadline} "
        "({days_left} days left)",
    },
    "missing-model": {
        "vi": "{unit_name} mới có {actual}/{expected} mô hình được tính (hạn cuối: {deadline}); "
        "quá hạn {days_overdue} ngày",
        "en": "{unit_name} has {actual} of {expected} counting models (last on-time day: {deadline}); "
        "{days_overdue} days overdue",
    },
    "pending-model": {
        "vi": "{unit_name} mới có {actual}/{expected} mô hình được tính; hạn cuối: {deadline} (còn {days_left} ngày)",
        "en": "{unit_name} has {actual} of {expected} counting models; last on-time day: {deadline} "
        "({days_left} days left)",
    },
    "missing-unit-plan": {
        "vi": "{unit_name} chưa có kế hoạch triển khai (hạn cuối: {deadline}); quá hạn {days_overdue} ngày",
        "en": "{unit_name} has no implementing plan (last on-time day: {deadline}); {days_overdue} days overdue",
    },
    "pending-unit-plan": {
        "vi": "{unit_name} chưa có kế hoạch triển khai; hạn cuối: {deadline} (còn {days_left} ngày)",
        "en": "{unit_name} has no implementing plan yet; last on-time day: {deadline} ({days_left} days left)",
    },
    "rule-failed": {
        "vi": "Không đạt quy tắc “{requirement}”: {expr} ({values}){text_part}",
        "en": "Rule “{requirement}” fails: {expr} ({values}){text_part}",
    },
    # --- trust-values (#9 values): new entries below this line ---
    # --- end trust-values (#9 values) ---

    # --- trust-outputs (#9 outputs): new entries below this line ---
    # --- end trust-outputs (#9 outputs) ---

    # --- windows-cli (#10 cli): new entries below this line ---
    # --- end windows-cli (#10 cli) ---

    # --- windows-data (#10 data): new entries below this line ---
    # --- end windows-data (#10 data) ---

    # --- documents (#12): new entries below this line ---
    # --- end documents (#12) ---

    # --- forms (#13): new entries below this line ---
    # --- end forms (#13) ---

    # --- rollup (#14): new entries below this line ---
    # --- end rollup (#14) ---

    # --- house (#11): new entries below this line ---
    # --- end house (#11) ---

}

REASONS: dict[str, dict[str, str]] = {
    # invalid-value
    "empty": {"vi": "không được để trống", "en": "must not be empty"},
    "date_form": {
        "vi": "không phải ngày; viết 2023-06-02 hoặc 02/06/2023",
        "en": "not a date; write 2023-06-02 or 02/06/2023",
    },
    "date_impossible": {"vi": "ngày không có thật", "en": "no such day"},
    "count": {
        "vi": "phải là số nguyên ≥ 0, viết liền không dấu nháy",
        "en": "must be a whole number ≥ 0, written plainly without quotes",
    },
    "count_separator": {
        "vi": "không dùng dấu chấm phân cách hàng nghìn; viết {suggestion}",
        "en": "do not use a dot as a thousands separator; write {suggestion}",
    },
    "text": {"vi": "phải là văn bản", "en": "must be text"},
    "int": {"vi": "phải là số nguyên", "en": "must be a whole number"},
    "bool": {"vi": "phải là true hoặc false", "en": "must be true or false"},
    "slug": {
        "vi": "mã chỉ gồm chữ thường không dấu, số và dấu gạch nối (ví dụ hoi-nong-dan)",
        "en": "an id has lowercase ASCII letters, digits and hyphens only (e.g. hoi-nong-dan)",
    },
    "key_slug": {
        "vi": "mã chỉ gồm chữ thường không dấu, số và dấu gạch nối (ví dụ hoi-nong-dan)",
        "en": "an id has lowercase ASCII letters, digits and hyphens only (e.g. hoi-nong-dan)",
    },
    "indicator_id": {
        "vi": "mã chỉ tiêu bắt đầu bằng chữ thường, chỉ gồm chữ thường, số và dấu gạch dưới",
        "en": "an indicator id starts with a lowercase letter and has letters, digits, underscores",
    },
    "reserved_word": {
        "vi": "đây là từ khóa của biểu thức quy tắc, không dùng làm mã chỉ tiêu",
        "en": "this is a word of the rule language and cannot be an indicator id",
    },
    "period_id": {"vi": "mã kỳ viết hoa, ví dụ H1, Y, Q3", "en": "a period id is uppercase, e.g. H1, Y, Q3"},
    "key_period_id": {"vi": "mã kỳ viết hoa, ví dụ H1, Y, Q3", "en": "a period id is uppercase, e.g. H1, Y, Q3"},
    "enum": {"vi": "phải là một trong: {allowed}", "en": "must be one of: {allowed}"},
    "mapping": {"vi": "phải là một nhóm khóa: giá trị", "en": "must be a mapping of keys to values"},
    "list": {
        "vi": "phải là một danh sách (mỗi dòng bắt đầu bằng “- ”)",
        "en": "must be a list (each line starting with “- ”)",
    },
    "minimum": {"vi": "phải ≥ {minimum}", "en": "must be ≥ {minimum}"},
    "top_mapping": {"vi": "tệp phải là một nhóm khóa: giá trị", "en": "the file must be a mapping of keys to values"},
    "both_deadlines": {
        "vi": "chỉ ghi một trong due_before hoặc due_by",
        "en": "give only one of due_before and due_by",
    },
    "period_order": {"vi": "ngày kết thúc trước ngày bắt đầu", "en": "the end is before the start"},
    "model_file_name": {
        "vi": "tên tệp mô hình phải là một mã (chữ thường không dấu, số, gạch nối)",
        "en": "a model file name must be an id (lowercase ASCII letters, digits, hyphens)",
    },
    "replicated_without_origin": {
        "vi": "chỉ ghi replicated_from khi origin là nhân rộng",
        "en": "replicated_from goes only with origin: replicated",
    },
    "replicated_from_form": {"vi": "viết theo dạng <mã đơn vị>/<mã mô hình>", "en": "write it as <unit-id>/<model-id>"},
    "other": {"vi": "{detail}", "en": "{detail}"},
    # stray-file
    "symlink": {"vi": "liên kết tượng trưng (symlink) không được đọc", "en": "a symbolic link is never followed"},
    "unknown_unit": {
        "vi": "thư mục của đơn vị “{unit_id}” không có trong units.yaml; các tệp trong đó không được đọc",
        "en": "folder of unit “{unit_id}”, which is not in units.yaml; its files were not read",
    },
    "yml": {"vi": "đuôi .yml; hãy đổi tên thành {suggest}", "en": "a .yml file; rename it to {suggest}"},
    "unknown_period": {
        "vi": "kỳ báo cáo “{period_id}” không có trong plan.yaml",
        "en": "period “{period_id}” is not in plan.yaml",
    },
    "not_in_layout": {
        "vi": "tệp YAML không nằm ở vị trí nào của bộ dữ liệu",
        "en": "a YAML file in no place of the layout",
    },
    # invalid-rule
    "syntax": {"vi": "sai cú pháp ({detail})", "en": "syntax error ({detail})"},
    "forbidden": {"vi": "dùng thành phần không được phép: {detail}", "en": "uses something not allowed: {detail}"},
    "unknown_indicator": {
        "vi": "chỉ tiêu không có trong plan.yaml: {detail}",
        "en": "indicators not in plan.yaml: {detail}",
    },
    "too_long": {"vi": "dài quá {detail} ký tự", "en": "longer than {detail} characters"},
    # --- trust-values (#9 values): new entries below this line ---
    # --- end trust-values (#9 values) ---

    # --- trust-outputs (#9 outputs): new entries below this line ---
    # --- end trust-outputs (#9 outputs) ---

    # --- windows-cli (#10 cli): new entries below this line ---
    # --- end windows-cli (#10 cli) ---

    # --- windows-data (#10 data): new entries below this line ---
    # --- end windows-data (#10 data) ---

    # --- documents (#12): new entries below this line ---
    # --- end documents (#12) ---

    # --- forms (#13): new entries below this line ---
    # --- end forms (#13) ---

    # --- rollup (#14): new entries below this line ---
    # --- end rollup (#14) ---

    # --- house (#11): new entries below this line ---
    # --- end house (#11) ---

}

ENCODINGS: dict[str, dict[str, str]] = {
    "tcvn3": {"vi": " (có vẻ là mã TCVN3/ABC, font .VnTime)", "en": " (it looks like TCVN3/ABC, .VnTime fonts)"},
    "vni": {"vi": " (có vẻ là mã VNI, font VNI-Times)", "en": " (it looks like VNI, VNI-Times fonts)"},
    "windows-1258": {"vi": " (có vẻ là mã Windows-1258)", "en": " (it looks like Windows-1258)"},
    "utf-16": {"vi": " (có vẻ là UTF-16)", "en": " (it looks like UTF-16)"},
    "unknown": {"vi": "", "en": ""},
}
HOWTO: dict[str, dict[str, str]] = {
    "legacy": {
        "vi": "Mở bằng Unikey Toolkit (Ctrl+Shift+F6), chuyển từ {name} sang Unicode, rồi lưu lại dạng UTF-8",
        "en": "Convert it from {name} to Unicode with Unikey Toolkit (Ctrl+Shift+F6) and save it as UTF-8",
    },
    "iconv": {
        "vi": "Chuyển sang UTF-8: iconv -f {name} -t UTF-8 tệp-cũ > tệp-mới, hoặc mở bằng Notepad và "
        "Lưu thành… với mã UTF-8",
        "en": "Convert it: iconv -f {name} -t UTF-8 old > new, or open it in Notepad and Save As… with UTF-8",
    },
    "unknown": {"vi": "Hãy lưu lại tệp với mã UTF-8", "en": "Save the file again as UTF-8"},
}

WHAT: dict[str, dict[str, str]] = {
    "unit": {"vi": "Đơn vị", "en": "Unit"},
    "kind": {"vi": "Loại đơn vị", "en": "Unit kind"},
    "model": {"vi": "Mô hình", "en": "Model"},
    "period": {"vi": "Kỳ báo cáo", "en": "Period"},
    "indicator": {"vi": "Chỉ tiêu", "en": "Indicator"},
    "requirement": {"vi": "Yêu cầu", "en": "Requirement"},
}

TEXTS: dict[str, dict[str, str]] = {
    "suggest": {"vi": "; có phải là “{x}”?", "en": "; did you mean “{x}”?"},
    "tab": {
        "vi": " (YAML không cho phép phím Tab để thụt lề: hãy dùng dấu cách)",
        "en": " (YAML does not allow tabs for indentation: use spaces)",
    },
    # one-line errors
    "no-dataset": {
        "vi": "Không tìm thấy bộ dữ liệu: không có plan.yaml ở thư mục hiện tại, các thư mục cha "
        "hay ./data. Dùng --data THƯ-MỤC hoặc biến DKST_DATA",
        "en": "No dataset found: no plan.yaml here, above, or in ./data. Use --data DIR or DKST_DATA",
    },
    "no-such-dir": {"vi": "Không có thư mục {path}", "en": "No such folder: {path}"},
    "not-a-dataset": {
        "vi": "{path} không phải bộ dữ liệu: thiếu plan.yaml",
        "en": "{path} is not a dataset: plan.yaml is missing",
    },
    "bad-date": {
        "vi": "Ngày không hợp lệ: “{value}”; viết 2023-06-02 hoặc 02/06/2023",
        "en": "Not a valid date: “{value}”; write 2023-06-02 or 02/06/2023",
    },
    "bad-lang": {
        "vi": "Ngôn ngữ không hỗ trợ: “{value}” (vi hoặc en)",
        "en": "Unsupported language: “{value}” (vi or en)",
    },
    "unknown-period": {
        "vi": "Kỳ báo cáo “{value}” không có trong plan.yaml; các kỳ: {choices}",
        "en": "Period “{value}” is not in plan.yaml; periods: {choices}",
    },
    "no-plan": {
        "vi": "plan.yaml có lỗi nên không thể thực hiện lệnh; chạy dkst check để xem",
        "en": "plan.yaml has errors, so this command cannot run; see dkst check",
    },
    "protected-output": {"vi": "Không ghi đè tệp dữ liệu: {path}", "en": "Refusing to write over dataset file: {path}"},
    "write-failed": {"vi": "Không ghi được {path}: {error}", "en": "Could not write {path}: {error}"},
    "written": {"vi": "Đã ghi {path}", "en": "Wrote {path}"},
    "reminded": {
        "vi": "Đã soạn {count} giấy nhắc cho kỳ {period}.",
        "en": "Wrote {count} reminders for period {period}.",
    },
    # check output
    "summary": {
        "vi": "Đã kiểm tra {files} tệp: {error} lỗi, {warning} cảnh báo, {info} thông tin.",
        "en": "Checked {files} files: {error} errors, {warning} warnings, {info} info.",
    },
    "clean": {"vi": "Không có vấn đề nào.", "en": "No problems found."},
    "sev-error": {"vi": "lỗi", "en": "error"},
    "sev-warning": {"vi": "cảnh báo", "en": "warning"},
    "sev-info": {"vi": "thông tin", "en": "info"},
    # status table
    "status-title": {"vi": "Tình hình thực hiện đến ngày {as_of}", "en": "Progress as of {as_of}"},
    "col-unit": {"vi": "Đơn vị", "en": "Unit"},
    "col-kind": {"vi": "Loại", "en": "Kind"},
    "st-on_time": {"vi": "✓ đúng hạn", "en": "✓ on time"},
    "st-late": {"vi": "✓ trễ {days_late} ngày", "en": "✓ {days_late} days late"},
    "st-missing": {"vi": "✗ quá hạn {days_overdue} ngày", "en": "✗ {days_overdue} days overdue"},
    "st-pending": {"vi": "… còn {days_left} ngày", "en": "… {days_left} days left"},
    "st-invalid": {"vi": "! tệp lỗi", "en": "! invalid file"},
    "st-exempt": {"vi": "miễn", "en": "exempt"},
    "st-not_required": {"vi": "–", "en": "–"},
    "st-done": {"vi": "✓ {actual}", "en": "✓ {actual}"},
    "st-done-plan": {"vi": "✓ có", "en": "✓ done"},
    "st-missing-model": {
        "vi": "✗ {actual}/{expected}, quá hạn {days_overdue} ngày",
        "en": "✗ {actual}/{expected}, {days_overdue} days overdue",
    },
    "st-pending-model": {
        "vi": "… {actual}/{expected}, còn {days_left} ngày",
        "en": "… {actual}/{expected}, {days_left} days left",
    },
    "st-ok": {"vi": "✓ đạt", "en": "✓ holds"},
    "st-failed": {"vi": "✗ {failed} báo cáo không đạt", "en": "✗ fails in {failed} reports"},
    "status-legend": {
        "vi": "✓ đã thực hiện · ✓ trễ N: trễ N ngày · ✗ N: quá hạn N ngày · … N: còn N ngày · "
        "✗ a/b: có a trên b mô hình · ! tệp lỗi · miễn: được miễn · –: không yêu cầu",
        "en": "✓ done · ✓ late N: N days late · ✗ N: N days overdue · … N: N days left · "
        "✗ a/b: a of b models · ! invalid file · exempt · –: not required",
    },
    "sc-on_time": {"vi": "✓", "en": "✓"},
    "sc-late": {"vi": "✓ trễ {days_late}", "en": "✓ late {days_late}"},
    "sc-missing": {"vi": "✗ {days_overdue}", "en": "✗ {days_overdue}"},
    "sc-pending": {"vi": "… {days_left}", "en": "… {days_left}"},
    "sc-invalid": {"vi": "!", "en": "!"},
    "sc-exempt": {"vi": "miễn", "en": "exempt"},
    "sc-not_required": {"vi": "–", "en": "–"},
    "sc-done": {"vi": "✓ {actual}", "en": "✓ {actual}"},
    "sc-done-plan": {"vi": "✓", "en": "✓"},
    "sc-missing-model": {"vi": "✗ {actual}/{expected}", "en": "✗ {actual}/{expected}"},
    "sc-pending-model": {"vi": "… {actual}/{expected}", "en": "… {actual}/{expected}"},
    "sc-ok": {"vi": "✓", "en": "✓"},
    "sc-failed": {"vi": "✗ {failed}", "en": "✗ {failed}"},
    # labels of enumerations (aggregate, render)
    "model-registered": {"vi": "Đăng ký", "en": "Registered"},
    "model-in_progress": {"vi": "Đang triển khai", "en": "In progress"},
    "model-completed": {"vi": "Hoàn thành", "en": "Completed"},
    "model-stopped": {"vi": "Dừng", "en": "Stopped"},
    "origin-new": {"vi": "Xây dựng mới", "en": "New"},
    "origin-replicated": {"vi": "Nhân rộng", "en": "Replicated"},
    "commendation-collective": {"vi": "Tập thể", "en": "Collective"},
    "commendation-individual": {"vi": "Cá nhân", "en": "Individual"},
    "other-section": {"vi": "Kết quả khác", "en": "Other results"},
    "orphan-unit": {
        "vi": "đơn vị “{unit}” không dùng được trong units.yaml",
        "en": "unit “{unit}” is not usable in units.yaml",
    },
    # dkst aggregate outputs
    "agg-heading": {
        "vi": "Tổng hợp kỳ {period} ({name}), số liệu đến ngày {as_of}; hạn cuối {deadline}",
        "en": "Summary of period {period} ({name}) as of {as_of}; last on-time day {deadline}",
    },
    "agg-reports": {
        "vi": "Báo cáo: đã nhận {received}/{expected} ({completeness}), đúng hạn {on_time}/{expected} "
        "({timeliness}); trễ hạn {late}, chưa gửi {missing}, chưa đến hạn {pending}, "
        "không hợp lệ {invalid}, không tính {left_out}",
        "en": "Reports: received {received}/{expected} ({completeness}), on time {on_time}/{expected} "
        "({timeliness}); late {late}, missing {missing}, pending {pending}, invalid {invalid}, "
        "left out {left_out}",
    },
    "agg-models": {
        "vi": "Mô hình bắt đầu từ {start} đến {end}: {total} (xây dựng mới {new}, nhân rộng {replicated}; "
        "đang triển khai {in_progress}, hoàn thành {completed}; đề xuất nhân rộng "
        "{propose_replication})",
        "en": "Models started {start} to {end}: {total} (new {new}, replicated {replicated}; in progress "
        "{in_progress}, completed {completed}; proposed for replication {propose_replication})",
    },
    "agg-commendations": {
        "vi": "Đề nghị biểu dương, khen thưởng: {collective} tập thể, {individual} cá nhân",
        "en": "Proposed for commendation: {collective} collectives, {individual} individuals",
    },
    "agg-blank": {
        "vi": "Ô trống: đơn vị không báo cáo chỉ tiêu đó (khác với 0). “{carried}”: số báo cáo được tính "
        "có ghi chỉ tiêu đó. Báo cáo của đơn vị không phải gửi vẫn được cộng.",
        "en": "Blank: the unit did not report that figure (not the same as 0). “{carried}”: how many "
        "counted reports give it. Reports of units that owe none are counted too.",
    },
    "agg-left_out": {
        "vi": "{n} báo cáo đã nhận nhưng không được tính vào số liệu vì tệp có lỗi (xem dkst check):",
        "en": "{n} received reports are left out of the figures because their files have errors (see dkst check):",
    },
    "agg-invalid": {
        "vi": "{n} báo cáo không đọc được ngày nhận (tình trạng “không hợp lệ”):",
        "en": "{n} reports whose date received cannot be read (status “invalid”):",
    },
    "agg-absent": {
        "vi": "{n} báo cáo ghi ngày nhận sau ngày hôm nay nên được coi như chưa nhận:",
        "en": "{n} reports dated after today, so treated as not yet received:",
    },
    "agg-problem": {"vi": "{path}{line}: {message}", "en": "{path}{line}: {message}"},
    "xlsx-needs-output": {
        "vi": "Định dạng xlsx cần --output TỆP.xlsx (không ghi ra màn hình)",
        "en": "The xlsx format needs --output FILE.xlsx (it cannot go to the screen)",
    },
    "agg-stderr-left-out": {
        "vi": "{n} báo cáo không được tính vào số liệu vì tệp có lỗi; chạy dkst check để xem",
        "en": "{n} reports left out of the figures because their files have errors; see dkst check",
    },
    # columns
    "agg-col-kind": {"vi": "Loại đơn vị", "en": "Unit kind"},
    "agg-col-unit-id": {"vi": "Mã đơn vị", "en": "Unit id"},
    "agg-col-unit": {"vi": "Đơn vị", "en": "Unit"},
    "agg-col-status": {"vi": "Tình trạng báo cáo", "en": "Report status"},
    "agg-col-report": {"vi": "Báo cáo", "en": "Report"},
    "agg-col-submitted": {"vi": "Ngày nhận", "en": "Received"},
    "agg-col-days-late": {"vi": "Số ngày trễ", "en": "Days late"},
    "agg-col-models": {"vi": "Mô hình", "en": "Models"},
    "agg-col-note": {"vi": "Ghi chú", "en": "Note"},
    "agg-col-model": {"vi": "Tên mô hình", "en": "Model"},
    "agg-col-model-id": {"vi": "Mã mô hình", "en": "Model id"},
    "agg-col-model-status": {"vi": "Tình trạng", "en": "Status"},
    "agg-col-origin": {"vi": "Hình thức", "en": "Origin"},
    "agg-col-started": {"vi": "Ngày bắt đầu", "en": "Started"},
    "agg-col-completed": {"vi": "Ngày hoàn thành", "en": "Completed on"},
    "agg-col-field": {"vi": "Lĩnh vực", "en": "Field"},
    "agg-col-beneficiaries": {"vi": "Số người/hộ hưởng lợi", "en": "Beneficiaries"},
    "agg-col-propose": {"vi": "Đề xuất nhân rộng", "en": "Proposed for replication"},
    "agg-col-summary": {"vi": "Mô tả", "en": "Summary"},
    "agg-col-results": {"vi": "Kết quả", "en": "Results"},
    "agg-col-name": {"vi": "Tên tập thể, cá nhân", "en": "Name"},
    "agg-col-commendation-kind": {"vi": "Tập thể/cá nhân", "en": "Collective/individual"},
    "agg-col-achievement": {"vi": "Thành tích", "en": "Achievement"},
    "agg-col-level": {"vi": "Hình thức khen thưởng", "en": "Level"},
    "agg-col-expected": {"vi": "Phải gửi", "en": "Expected"},
    "agg-col-received": {"vi": "Đã nhận", "en": "Received"},
    "agg-col-completeness": {"vi": "Tỷ lệ đã nhận", "en": "Completeness"},
    "agg-col-timeliness": {"vi": "Tỷ lệ đúng hạn", "en": "Timeliness"},
    "agg-col-left_out": {"vi": "Không tính", "en": "Left out"},
    "yes": {"vi": "Có", "en": "Yes"},
    "no": {"vi": "Không", "en": "No"},
    # rows
    "row-subtotal": {"vi": "Cộng {kind}", "en": "Subtotal {kind}"},
    "row-total": {"vi": "Tổng cộng", "en": "Total"},
    "row-carried": {"vi": "Số báo cáo có số liệu", "en": "Reports giving the figure"},
    "row-received": {"vi": "đã nhận {received}/{expected}", "en": "received {received}/{expected}"},
    "note-left-out": {"vi": "Không tính số liệu: tệp có lỗi", "en": "Figures left out: the file has errors"},
    # marks of the terminal table
    "mark-on_time": {"vi": "✓ {submitted}", "en": "✓ {submitted}"},
    "mark-late": {"vi": "✓ {submitted} +{days_late}", "en": "✓ {submitted} +{days_late}"},
    "mark-missing": {"vi": "✗ chưa gửi", "en": "✗ missing"},
    "mark-pending": {"vi": "… chưa đến hạn", "en": "… not yet due"},
    "mark-invalid": {"vi": "! tệp lỗi", "en": "! invalid file"},
    "mark-exempt": {"vi": "miễn", "en": "exempt"},
    "mark-exempt-sent": {"vi": "miễn {submitted}", "en": "exempt {submitted}"},
    "mark-not_required": {"vi": "–", "en": "–"},
    "mark-not_required-sent": {"vi": "– {submitted}", "en": "– {submitted}"},
    "mark-left-out": {"vi": " ⊘", "en": " ⊘"},
    "mark-legend": {
        "vi": "✓ ngày nhận (+n: trễ n ngày) · ✗ chưa gửi, quá hạn · … chưa đến hạn · ! tệp lỗi · "
        "miễn: được miễn · –: không phải gửi · ⊘: không tính số liệu (tệp có lỗi)",
        "en": "✓ date received (+n: n days late) · ✗ missing, overdue · … not yet due · ! invalid file · "
        "exempt · –: not required · ⊘: figures left out (file has errors)",
    },
    # sheets
    "sheet-units": {"vi": "Đơn vị", "en": "Units"},
    "sheet-models": {"vi": "Mô hình", "en": "Models"},
    "sheet-commendations": {"vi": "Khen thưởng", "en": "Commendations"},
    "sheet-reports": {"vi": "Tình hình báo cáo", "en": "Reports"},
    # dkst init and dkst new
    "init-needs-dir": {"vi": "Cần thư mục của bộ dữ liệu mới: dkst init THƯ-MỤC",
                       "en": "Name the new dataset's folder: dkst init DIR"},
    "unknown-unit": {
        "vi": "Đơn vị “{value}” không có trong units.yaml{suggest}; các đơn vị: {choices}",
        "en": "Unit “{value}” is not in units.yaml{suggest}; units: {choices}",
    },
    "did-you-mean": {
        "vi": " (có phải “{x}”?)",
        "en": " (did you mean “{x}”?)",
    },
    "no-units": {
        "vi": "units.yaml chưa có đơn vị nào đọc được; chạy dkst check để xem lỗi",
        "en": "units.yaml has no readable unit; see dkst check",
    },
    "no-periods": {
        "vi": "plan.yaml chưa có kỳ báo cáo nào đọc được; chạy dkst check để xem lỗi",
        "en": "plan.yaml has no readable period; see dkst check",
    },
    "bad-model-id": {
        "vi": "Mã mô hình “{value}” không hợp lệ: chỉ gồm chữ thường không dấu, số và dấu gạch nối "
              "(ví dụ {example})",
        "en": "Model id “{value}” is not valid: lowercase ASCII letters, digits and hyphens only "
              "(e.g. {example})",
    },
    "bad-status": {
        "vi": "Tình trạng “{value}” không hợp lệ; chọn một trong: {choices}",
        "en": "Status “{value}” is not valid; choose one of: {choices}",
    },
    "empty-text": {
        "vi": "{what} không được để trống",
        "en": "{what} must not be empty",
    },
    "bad-text": {
        "vi": "{what} có ký tự không đọc được (không phải UTF-8)",
        "en": "{what} has characters that are not valid UTF-8",
    },
    "future": {
        "vi": "Ngày {value} ({what}) sau ngày hôm nay ({today}): có lẽ gõ nhầm",
        "en": "Date {value} ({what}) is after today ({today}): probably a typo",
    },
    "exists": {
        "vi": "Tệp {path} đã có; không ghi đè (thêm --force nếu thật sự muốn thay tệp này)",
        "en": "{path} already exists; not overwritten (add --force to replace it)",
    },
    "symlink-folder": {
        "vi": "{path} là liên kết tượng trưng (symlink); dkst không ghi vào đó",
        "en": "{path} is a symbolic link; dkst does not write through it",
    },
    "new-written": {"vi": "Đã tạo {path}", "en": "Created {path}"},
    "hint-report": {
        "vi": "Mở tệp, điền số liệu (để trống chỉ tiêu đơn vị không báo cáo), rồi chạy: dkst check",
        "en": "Open the file, type in the figures (leave out what the unit did not report), then run: dkst check",
    },
    "hint-model": {
        "vi": "Mở tệp, điền các thông tin còn trống, rồi chạy: dkst check",
        "en": "Open the file, fill in what is blank, then run: dkst check",
    },
    "hint-model-started": {
        "vi": "Tình trạng “{status}” cần ngày bắt đầu: điền started trong tệp, rồi chạy: dkst check",
        "en": "Status “{status}” needs a start date: fill in started, then run: dkst check",
    },
    "hint-unit-plan": {
        "vi": "Điền số (number) và ngày ban hành (issued) nếu còn trống, rồi chạy: dkst check",
        "en": "Fill in number and issued if blank, then run: dkst check",
    },
    # init
    "not-empty": {
        "vi": "Thư mục {path} không trống; dkst init chỉ tạo bộ dữ liệu trong thư mục mới hoặc thư mục trống",
        "en": "{path} is not empty; dkst init only creates a dataset in a new or empty folder",
    },
    "not-a-folder": {
        "vi": "{path} là một tệp, không phải thư mục",
        "en": "{path} is a file, not a folder",
    },
    "bad-year": {
        "vi": "Năm không hợp lệ: “{value}” (viết 4 chữ số, từ 2000 đến 2099)",
        "en": "Not a valid year: “{value}” (four digits, 2000 to 2099)",
    },
    "sample-year": {
        "vi": "Dữ liệu mẫu (--sample) là của năm {sample}, không dùng được cho năm {year}: bỏ --year "
              "(hoặc ghi --year {sample}) để có bộ dữ liệu mẫu, hoặc bỏ --sample để tạo bộ dữ liệu trống năm {year}",
        "en": "The sample data (--sample) is of {sample} and cannot be used for {year}: drop --year "
              "(or give --year {sample}) for the sample, or drop --sample for an empty {year} dataset",
    },
    "no-builtin": {
        "vi": "Không tìm thấy {what} đi kèm dkst ({path}); hãy cài lại dkst",
        "en": "The built-in {what} of dkst was not found ({path}); reinstall dkst",
    },
    "init-done": {
        "vi": "Đã tạo bộ dữ liệu năm {year} trong {path}:",
        "en": "Created the {year} dataset in {path}:",
    },
    "init-sample": {
        "vi": "(kèm dữ liệu mẫu của {units} đơn vị: {files} tệp kế hoạch, mô hình, báo cáo; số liệu chỉ để minh họa)",
        "en": "(with the sample data of {units} units: {files} plan, model and report files; figures are illustrative)",
    },
    "init-next": {
        "vi": "Bước tiếp theo: đưa bộ dữ liệu vào git, rồi kiểm tra:",
        "en": "Next: put the dataset under git, then check it:",
    },
    # status labels (used by aggregate and render)
    "on_time": {"vi": "Đúng hạn", "en": "On time"},
    "late": {"vi": "Trễ hạn", "en": "Late"},
    "missing": {"vi": "Chưa gửi", "en": "Missing"},
    "pending": {"vi": "Chưa đến hạn", "en": "Pending"},
    "invalid": {"vi": "Không hợp lệ", "en": "Invalid"},
    "exempt": {"vi": "Được miễn", "en": "Exempt"},
    "not_required": {"vi": "Không yêu cầu", "en": "Not required"},
    # --- trust-values (#9 values): new entries below this line ---
    # --- end trust-values (#9 values) ---

    # --- trust-outputs (#9 outputs): new entries below this line ---
    # --- end trust-outputs (#9 outputs) ---

    # --- windows-cli (#10 cli): new entries below this line ---
    # --- end windows-cli (#10 cli) ---

    # --- windows-data (#10 data): new entries below this line ---
    # --- end windows-data (#10 data) ---

    # --- documents (#12): new entries below this line ---
    # --- end documents (#12) ---

    # --- forms (#13): new entries below this line ---
    # --- end forms (#13) ---

    # --- rollup (#14): new entries below this line ---
    "rollup-no-parent": {
        "vi": "plan.yaml chưa có mục parent (mã của đơn vị này trong units.yaml của cấp trên), nên chưa biết "
        "báo cáo lên đâu; xem mục “Báo cáo lên tỉnh” trong hướng dẫn",
        "en": "plan.yaml has no parent (this unit's id in the level above's units.yaml), so there is nowhere to "
        "report to; see “Reporting to the province” in the README",
    },
    "rollup-parent-broken": {
        "vi": "Mục parent của plan.yaml có lỗi (dòng {line}); chạy dkst check để xem và sửa, chưa ghi tệp nào",
        "en": "plan.yaml's parent has an error (line {line}); run dkst check to see and fix it; nothing was written",
    },
    "rollup-province-plan": {
        "vi": "Không đọc được plan.yaml của bộ dữ liệu cấp trên {path}; chạy dkst check --data {path}",
        "en": "plan.yaml of the level above's dataset {path} cannot be read; run dkst check --data {path}",
    },
    "rollup-same-dataset": {
        "vi": "--to chỉ đến chính bộ dữ liệu đang tổng hợp ({path}); --to là thư mục bộ dữ liệu của cấp trên",
        "en": "--to names the dataset being aggregated ({path}); --to is the folder of the level above's dataset",
    },
    "rollup-unknown-unit": {
        "vi": "Đơn vị “{unit}” (parent.unit trong plan.yaml) không có trong units.yaml của {path}; "
        "các mã có: {choices}. Chưa ghi tệp nào",
        "en": "Unit “{unit}” (parent.unit in plan.yaml) is not in units.yaml of {path}; its ids: {choices}. "
        "Nothing was written",
    },
    "rollup-unknown-period": {
        "vi": "Kỳ “{value}” (ứng với kỳ {period} của plan.yaml này) không có trong plan.yaml của {path}; "
        "các kỳ có: {choices}. Sửa parent.periods; chưa ghi tệp nào",
        "en": "Period “{value}” (for this plan.yaml's period {period}) is not in plan.yaml of {path}; its periods: "
        "{choices}. Fix parent.periods; nothing was written",
    },
    "rollup-unknown-indicator": {
        "vi": "Chỉ tiêu “{value}” (parent.indicators: {ours} → {value}) không có trong plan.yaml của {path}; "
        "các chỉ tiêu có: {choices}. Chưa ghi tệp nào",
        "en": "Indicator “{value}” (parent.indicators: {ours} → {value}) is not in plan.yaml of {path}; its "
        "indicators: {choices}. Nothing was written",
    },
    "rollup-symlink": {
        "vi": "{path} là liên kết tượng trưng (symlink); dkst không ghi qua đó. Chưa ghi tệp nào",
        "en": "{path} is a symbolic link; dkst does not write through it. Nothing was written",
    },
    "rollup-future": {
        "vi": "Ngày gửi {value} sau ngày hôm nay ({today}); kiểm tra --submitted hoặc --as-of. Chưa ghi tệp nào",
        "en": "Sending date {value} is after today ({today}); check --submitted or --as-of. Nothing was written",
    },
    "rollup-internal": {
        "vi": "Lỗi của dkst khi soạn {path} ({detail}); chưa ghi tệp nào. Xin báo lỗi này cho người phát triển",
        "en": "A dkst bug while composing {path} ({detail}); nothing was written. Please report it",
    },
    "rollup-exists": {
        "vi": "{path} đã có với nội dung khác (có {n} tệp như vậy); chưa ghi tệp nào. Thêm --force để ghi đè",
        "en": "{path} already exists with other content ({n} such files); nothing was written. Add --force to "
        "replace them",
    },
    "rollup-left-out": {
        "vi": "Không chuyển lên các chỉ tiêu mà kế hoạch của cấp trên không có: {ids} "
        "(nếu cấp trên có chỉ tiêu tương ứng, ghi vào parent.indicators của plan.yaml)",
        "en": "Not carried up, as the level above's plan has no such indicator: {ids} "
        "(if it has a counterpart, map it in plan.yaml's parent.indicators)",
    },
    "rollup-new": {"vi": "tạo mới", "en": "new"},
    "rollup-changed": {"vi": "ghi đè", "en": "replaced"},
    "rollup-unchanged": {"vi": "không đổi", "en": "unchanged"},
    "rollup-done": {
        "vi": "Đã ghi {n} tệp vào {path} ({same} tệp không đổi). Kiểm tra: dkst check --data {path}",
        "en": "Wrote {n} files into {path} ({same} unchanged). Check them: dkst check --data {path}",
    },
    "rollup-nothing": {
        "vi": "Không có gì thay đổi: {n} tệp ở {path} đã đúng như số liệu tổng hợp",
        "en": "Nothing changed: the {n} files in {path} already match the figures",
    },
    "rollup-dry-run": {
        "vi": "Chạy thử (--dry-run), chưa ghi tệp nào. Sẽ ghi vào {path}:",
        "en": "Dry run (--dry-run): nothing was written. Would write into {path}:",
    },
    "rollup-dry-run-refused": {
        "vi": "Khi chạy thật, lệnh sẽ từ chối vì có tệp đã có với nội dung khác; thêm --force để ghi đè",
        "en": "A real run would be refused: some files exist with other content; add --force to replace them",
    },
    # --- end rollup (#14) ---

    # --- house (#11): new entries below this line ---
    # --- end house (#11) ---

}


def lang_of(lang: str | None) -> str:
    """``--lang``, else ``DKST_LANG``, else Vietnamese."""
    chosen = (lang or os.environ.get("DKST_LANG") or "vi").strip().lower()
    return chosen if chosen in LANGS else "vi"


def text(key: str, lang: str = "vi", **params: Any) -> str:
    """A user-facing text of ``TEXTS`` in ``lang``, filled in."""
    return TEXTS[key][lang].format(**{k: _show(v) for k, v in params.items()})


def _show(value: Any) -> Any:
    if isinstance(value, date):
        return vn_date(value)
    return value


def finding_message(finding: Any, lang: str = "vi") -> str:
    """The message of a finding in ``lang`` from its code and parameters."""
    params: dict[str, Any] = {k: _show(v) for k, v in (*finding.extras, *finding.params)}
    params.setdefault("suggest", None)
    code = finding.code
    if code == "encoding":
        guess = params.get("guess") or "unknown"
        params["guess"] = ENCODINGS.get(guess, ENCODINGS["unknown"])[lang]
        names = {"tcvn3": "TCVN3 (ABC)", "vni": "VNI Windows", "windows-1258": "WINDOWS-1258", "utf-16": "UTF-16"}
        how = "legacy" if guess in ("tcvn3", "vni") else "iconv" if guess in names else "unknown"
        params["howto"] = HOWTO[how][lang].format(name=names.get(guess, ""))
    if code == "yaml-syntax":
        params["tab"] = TEXTS["tab"][lang] if params.get("tab") else ""
    if code == "unknown-ref":
        params["what"] = WHAT.get(params.get("what", ""), {"vi": "Mã", "en": "Id"})[lang]
    if code == "rule-failed":
        params["text_part"] = f" — {params['text']}" if params.get("text") else ""
    if "reason" in params:
        key = params["reason"]
        reason = REASONS.get(key, REASONS["other"])[lang]
        params["reason"] = reason.format(**{"detail": params.get("detail", key), **params})
        if key == "yml":
            params["suggest"] = None  # already in the reason
    params["suggest"] = TEXTS["suggest"][lang].format(x=params["suggest"]) if params["suggest"] else ""
    return MESSAGES[code][lang].format(**params)
