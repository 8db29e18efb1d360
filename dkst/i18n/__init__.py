"""Message catalogues, Vietnamese (default) and English, keyed by finding code and by message key.

``MESSAGES`` has one template per finding code; ``REASONS`` details ``invalid-value``, ``stray-file``,
``invalid-rule`` and ``encoding``; ``TEXTS`` holds everything else a user reads (errors, labels).
Dates in parameters are written the Vietnamese way (``04/6/2023``) in both languages.
"""

from __future__ import annotations

import os
import string
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
        "{days_overdue:day|days} overdue",
    },
    "late-report": {
        "vi": "{unit_name} gửi báo cáo kỳ “{period_name}” ngày {submitted}, trễ {days_late} ngày "
        "(hạn cuối: {deadline})",
        "en": "{unit_name} sent the report for “{period_name}” on {submitted}, {days_late:day|days} late "
        "(last on-time day: {deadline})",
    },
    "pending-report": {
        "vi": "{unit_name} chưa gửi báo cáo kỳ “{period_name}”; hạn cuối: {deadline} (còn {days_left} ngày)",
        "en": "{unit_name} has not yet sent the report for “{period_name}”; last on-time day: {deadline} "
        "({days_left:day|days} left)",
    },
    "missing-model": {
        "vi": "{unit_name} mới có {actual}/{expected} mô hình được tính (hạn cuối: {deadline}); "
        "quá hạn {days_overdue} ngày",
        "en": "{unit_name} has {actual} of {expected} counting models (last on-time day: {deadline}); "
        "{days_overdue:day|days} overdue",
    },
    "pending-model": {
        "vi": "{unit_name} mới có {actual}/{expected} mô hình được tính; hạn cuối: {deadline} (còn {days_left} ngày)",
        "en": "{unit_name} has {actual} of {expected} counting models; last on-time day: {deadline} "
        "({days_left:day|days} left)",
    },
    "missing-unit-plan": {
        "vi": "{unit_name} chưa có kế hoạch triển khai (hạn cuối: {deadline}); quá hạn {days_overdue} ngày",
        "en": "{unit_name} has no implementing plan (last on-time day: {deadline}); {days_overdue:day|days} overdue",
    },
    "late-unit-plan": {
        "vi": "{unit_name} gửi kế hoạch triển khai đến ngày {received}, trễ {days_late} ngày (hạn cuối: {deadline})",
        "en": "{unit_name}'s implementing plan arrived on {received}, {days_late:day|days} late "
        "(last on-time day: {deadline})",
    },
    "pending-unit-plan": {
        "vi": "{unit_name} chưa có kế hoạch triển khai; hạn cuối: {deadline} (còn {days_left} ngày)",
        "en": "{unit_name} has no implementing plan yet; last on-time day: {deadline} ({days_left:day|days} left)",
    },
    "rule-failed": {
        "vi": "Không đạt quy tắc “{requirement}”: {expr} ({values}){text_part}",
        "en": "Rule “{requirement}” fails: {expr} ({values}){text_part}",
    },
    "inconsistent-date": {
        "vi": "Ngày “{field}” ({date}) trước ngày “{other}” ({other_date}): hai ngày không thể theo thứ tự này",
        "en": "“{field}” ({date}) is before “{other}” ({other_date}): the two dates cannot be in this order",
    },
    "not-counted": {
        "vi": "Mô hình “{name}” không được tính: {reason}",
        "en": "Model “{name}” does not count: {reason}",
    },
    "jump": {
        "vi": "Chỉ tiêu “{indicator}” là {actual}, cùng kỳ năm trước là {previous}: chênh nhau quá {max_change} lần "
        "(max_change); kiểm tra lại, có thể gõ nhầm",
        "en": "Indicator “{indicator}” is {actual} against {previous} in the same period last year: more than "
        "{max_change} times apart (max_change); check it, it may be a typo",
    },
}

REASONS: dict[str, dict[str, str]] = {
    # invalid-value
    "empty": {"vi": "không được để trống", "en": "must not be empty"},
    "date_form": {
        "vi": "không phải ngày; viết {year}-06-02 hoặc 02/06/{year}",
        "en": "not a date; write {year}-06-02 or 02/06/{year}",
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
    "slug_ascii": {
        "vi": "mã chỉ gồm chữ thường không dấu, số và dấu gạch nối; viết {suggestion}",
        "en": "an id has lowercase ASCII letters, digits and hyphens only; write {suggestion}",
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
    # invalid-value: a count written with commas or spaces between the thousands
    "count_grouped": {
        "vi": "không dùng dấu phẩy hay dấu cách phân cách hàng nghìn; viết {suggestion}",
        "en": "do not use commas or spaces as thousands separators; write {suggestion}",
    },
    # invalid-rule
    "bare_function": {
        "vi": "“{detail}” là hàm, phải gọi kèm đối số, ví dụ min(a, b) hoặc abs(a - b)",
        "en": "“{detail}” is a function and must be called with arguments, e.g. min(a, b) or abs(a - b)",
    },
    "arguments": {
        "vi": "{detail}: min và max cần ít nhất hai đối số, abs đúng một; không dùng tên đối số hay dấu *",
        "en": "{detail}: min and max take two arguments or more, abs exactly one; no named or starred arguments",
    },
    # invalid-value
    "count_words": {
        "vi": "chỉ ghi số, bỏ chữ “{words}”; viết {suggestion}",
        "en": "write the number alone, without “{words}”: {suggestion}",
    },
    "count_quoted": {
        "vi": "đang là chữ (trong dấu nháy), không phải số; viết {suggestion}, không có dấu nháy",
        "en": "is text (in quotes), not a number; write {suggestion} without quotes",
    },
    "count_limit": {"vi": "vượt quá giới hạn 999.999.999.999", "en": "above the limit of 999 999 999 999"},
    "year": {"vi": "năm phải từ {minimum} đến {maximum}", "en": "the year must be between {minimum} and {maximum}"},
    "windows_name": {
        "vi": "Windows không dùng được tên này cho tệp hay thư mục (con, prn, aux, nul, com1–com9, lpt1–lpt9)",
        "en": "Windows cannot use this name for a file or folder (con, prn, aux, nul, com1–com9, lpt1–lpt9)",
    },
    "email": {
        "vi": "không phải địa chỉ thư điện tử (ví dụ hnd@example.vn)",
        "en": "not an e-mail address (e.g. hnd@example.vn)",
    },
    "tag": {
        "vi": "không dùng thẻ kiểu của YAML (!!int, !!str, !…); hãy viết giá trị trơn",
        "en": "YAML tags (!!int, !!str, !…) are not allowed; write the plain value",
    },
    # stray-file
    "yaml_suffix": {
        "vi": "đuôi tệp phải là “.yaml” viết thường; hãy đổi tên thành {rename}",
        "en": "the file name must end in “.yaml”, lowercase; rename it to {rename}",
    },
    "unknown_period_list": {
        "vi": "kỳ báo cáo “{period_id}” không có trong plan.yaml (các kỳ của kế hoạch: {periods})",
        "en": "period “{period_id}” is not in plan.yaml (the plan's periods: {periods})",
    },
    "not_regular": {
        "vi": "không phải tệp thường (ống FIFO, socket hay thiết bị): không được mở",
        "en": "not a regular file (a FIFO, socket or device): it was not opened",
    },
    # not-counted
    "status_registered": {
        "vi": "mới đăng ký (chỉ tính mô hình đang triển khai hoặc hoàn thành)",
        "en": "it is only registered (only models in progress or completed count)",
    },
    "status_stopped": {
        "vi": "đã dừng (chỉ tính mô hình đang triển khai hoặc hoàn thành)",
        "en": "it has stopped (only models in progress or completed count)",
    },
    "started_other_year": {
        "vi": "bắt đầu ngày {started}, ngoài năm {year} của kế hoạch",
        "en": "it started on {started}, outside the plan year {year}",
    },
    "started_after_as_of": {
        "vi": "bắt đầu ngày {started}, sau ngày xét {as_of}",
        "en": "it started on {started}, after the as-of date {as_of}",
    },
    # invalid-value: max_change, previous.data
    "ratio": {
        "vi": "phải là một số lớn hơn 1, ví dụ 3 hoặc 2.5",
        "en": "must be a number greater than 1, e.g. 3 or 2.5",
    },
    "previous_missing": {
        "vi": "không có thư mục này (đường dẫn tính từ thư mục chứa plan.yaml)",
        "en": "no such folder (the path is relative to the folder of plan.yaml)",
    },
    "previous_not_folder": {
        "vi": "không phải thư mục bộ dữ liệu năm trước",
        "en": "not the folder of last year's dataset",
    },
    "previous_no_plan": {
        "vi": "thư mục này không có plan.yaml, nên không phải bộ dữ liệu",
        "en": "this folder has no plan.yaml, so it is not a dataset",
    },
    "previous_self": {
        "vi": "đây là chính bộ dữ liệu này, không phải bộ dữ liệu năm trước",
        "en": "this is the dataset itself, not last year's",
    },
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
        "en": "Wrote {count:reminder|reminders} for period {period}.",
    },
    # check output
    "summary": {
        "vi": "Đã kiểm tra {files} tệp: {error} lỗi, {warning} cảnh báo, {info} thông tin.",
        "en": "Checked {files:file|files}: {error:error|errors}, {warning:warning|warnings}, {info} info.",
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
        "✗ a/b: có a trên b mô hình · ! tệp lỗi · ! lỗi dữ liệu: báo cáo chưa được tổng hợp · "
        "miễn: được miễn · –: không yêu cầu",
        "en": "✓ done · ✓ late N: N days late · ✗ N: N days overdue · … N: N days left · "
        "✗ a/b: a of b models · ! invalid file · ! data error: report not counted · exempt · –: not required",
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
    "init-needs-dir": {
        "vi": "Cần thư mục của bộ dữ liệu mới: dkst init THƯ-MỤC",
        "en": "Name the new dataset's folder: dkst init DIR",
    },
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
        "vi": "Mã mô hình “{value}” không hợp lệ: chỉ gồm chữ thường không dấu, số và dấu gạch nối (ví dụ {example})",
        "en": "Model id “{value}” is not valid: lowercase ASCII letters, digits and hyphens only (e.g. {example})",
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
    "output-git": {
        "vi": "Không ghi vào thư mục .git: {path}",
        "en": "Refusing to write inside a .git folder: {path}",
    },
    "output-protected": {
        "vi": "Không ghi vào dữ liệu của bộ dữ liệu (plan.yaml, units.yaml, units/, templates/), kể cả khi có "
        "--force: {path}",
        "en": "Refusing to write over the dataset's own files (plan.yaml, units.yaml, units/, templates/), even "
        "with --force: {path}",
    },
    "output-link": {
        "vi": "Không ghi qua liên kết tượng trưng (symbolic link): {path}",
        "en": "Refusing to write through a symbolic link: {path}",
    },
    "output-not-file": {
        "vi": "Không ghi đè thứ không phải tệp thường (thư mục, FIFO, thiết bị): {path}",
        "en": "Refusing to write over something that is not a regular file (a folder, a FIFO, a device): {path}",
    },
    "output-not-folder": {
        "vi": "{path} đã có và không phải thư mục",
        "en": "{path} exists and is not a folder",
    },
    "output-exists": {
        "vi": "Tệp {path} đã có (có thể đã được sửa); thêm --force để thay bằng bản mới",
        "en": "{path} already exists (it may have been edited); add --force to replace it",
    },
    "output-letters": {
        "vi": "Thư mục {path} đã có {n} thư nhắc cũ; thêm --force để xóa chúng rồi ghi thư mới",
        "en": "{path} already holds {n} earlier letters; add --force to remove them and write the new ones",
    },
    "units-unusable": {
        "vi": "units.yaml thiếu hoặc có lỗi nên không có đơn vị nào để báo cáo; chạy dkst check để xem",
        "en": "units.yaml is missing or has errors, so there is no unit to report on; see dkst check",
    },
    "template-dir-missing": {
        "vi": "Không có thư mục mẫu: {path}",
        "en": "Template folder not found: {path}",
    },
    "output-suffix-unknown": {
        "vi": "Không ghi được tệp đuôi “{suffix}”; dùng .csv, .json, .xlsx, .md hoặc .txt",
        "en": "Cannot write a “{suffix}” file; use .csv, .json, .xlsx, .md or .txt",
    },
    "output-suffix-mismatch": {
        "vi": "Định dạng {format} không ghi vào tệp đuôi “{suffix}”; dùng đuôi {expected}",
        "en": "Format {format} does not go in a “{suffix}” file; use {expected}",
    },
    "template-link": {
        "vi": "{path}: mẫu là liên kết tượng trưng (symbolic link) hoặc trỏ ra ngoài thư mục mẫu; không dùng",
        "en": "{path}: the template is a symbolic link or reaches outside its folder; not used",
    },
    "template-include-outside": {
        "vi": "{path}: mẫu được chèn “{name}” là liên kết, không phải tệp thường, hoặc nằm ngoài thư mục mẫu; "
        "không dùng",
        "en": "{path}: the included template “{name}” is a link, not a regular file, or outside the template "
        "folder; not used",
    },
    "template-timeout": {
        "vi": "{path}: mẫu chạy quá {seconds} giây; đã dừng",
        "en": "{path}: the template ran longer than {seconds} seconds; stopped",
    },
    "template-too-large": {
        "vi": "{path}: mẫu tạo ra nội dung quá lớn (quá {mb} MB); đã dừng",
        "en": "{path}: the template produces too much (over {mb} MB); stopped",
    },
    "template-big-value": {
        "vi": "{path}: mẫu tính ra một giá trị quá lớn ({what}); đã dừng",
        "en": "{path}: the template computes a value too large ({what}); stopped",
    },
    "template-zip-bomb": {
        "vi": "{path}: tệp Word mẫu giải nén ra quá lớn ({detail}); không mở",
        "en": "{path}: the Word template unpacks too large ({detail}); not opened",
    },
    "template-file-too-large": {
        "vi": "{path}: tệp mẫu quá lớn (quá {mb} MB); không đọc",
        "en": "{path}: the template file is too large (over {mb} MB); not read",
    },
    # dkst check --no-warnings
    "hidden-warnings": {
        "vi": "Không hiện {n} cảnh báo và thông tin (--no-warnings); chạy dkst check để xem đủ.",
        "en": "{n:warning or info finding|warning and info findings} not shown (--no-warnings); run dkst check "
        "to see them.",
    },
    # YAML parser errors (dkst.yamlerrors): what is wrong, then what to do
    "yaml.other": {"vi": "cấu trúc YAML ở đây không đúng", "en": "the YAML structure is wrong here"},
    "yaml.unclosed-quote": {
        "vi": "dấu nháy {quote} mở ở dòng này không được đóng",
        "en": "the {quote} opened on this line is never closed",
    },
    "yaml.tab": {"vi": "dòng này thụt lề bằng phím Tab", "en": "this line is indented with a tab"},
    "yaml.bad-char": {
        "vi": "một giá trị không được bắt đầu bằng ký tự “{char}”",
        "en": "a value cannot start with the character “{char}”",
    },
    "yaml.missing-space": {
        "vi": "sau dấu hai chấm không có dấu cách",
        "en": "there is no space after the colon",
    },
    "yaml.bad-indent": {
        "vi": "dòng này thụt lề sâu hơn dòng trên, mà dòng trên đã có giá trị",
        "en": "this line is indented deeper than the line above, which already has a value",
    },
    "yaml.mapping-values": {
        "vi": "có dấu “: ” ở chỗ không được có (giữa một đoạn chữ không đặt trong ngoặc kép)",
        "en": "there is a “: ” where none may be (inside a text that is not quoted)",
    },
    "yaml.text-after-quote": {
        "vi": "sau dấu nháy đóng còn chữ: đoạn chữ có dấu nháy ở bên trong",
        "en": "text follows the closing quote: the text has a quote inside it",
    },
    "yaml.expected-key": {
        "vi": "dòng này không có dạng “khóa: giá trị” như các dòng cùng cấp",
        "en": "this line is not a “key: value” like the lines at its level",
    },
    "yaml.expected-dash": {
        "vi": "dòng này không bắt đầu bằng “- ” như các mục khác của danh sách",
        "en": "this line does not start with “- ” like the other items of the list",
    },
    "yaml.unclosed-bracket": {
        "vi": "dấu ngoặc {bracket} mở ở dòng này không được đóng",
        "en": "the {bracket} opened on this line is never closed",
    },
    "yaml.bad-escape": {
        "vi": "trong ngoặc kép, dấu “\\” phải đi với một ký tự đặc biệt",
        "en": "inside double quotes a “\\” must start an escape",
    },
    "yaml.many-documents": {
        "vi": "tệp có nhiều văn bản YAML (ngăn cách bởi dòng “---”)",
        "en": "the file holds several YAML documents (split by a “---” line)",
    },
    "yaml.block-scalar": {
        "vi": "đoạn văn nhiều dòng (sau “|” hoặc “>”) viết chưa đúng",
        "en": "the multi-line text (after “|” or “>”) is not written right",
    },
    "yaml.hint.close-quote": {
        "vi": "thêm dấu {quote} đóng ở cuối đoạn chữ",
        "en": "add the closing {quote} at the end of the text",
    },
    "yaml.hint.tab": {
        "vi": "YAML không cho phép phím Tab để thụt lề: hãy dùng dấu cách",
        "en": "YAML does not allow tabs for indentation: use spaces",
    },
    "yaml.hint.quote-value": {
        "vi": 'đặt cả giá trị trong ngoặc kép, ví dụ: ghi_chu: "@tổ 5"',
        "en": 'put the whole value in double quotes, e.g. note: "@tổ 5"',
    },
    "yaml.hint.missing-space": {
        "vi": "viết “khóa: giá trị”, có một dấu cách sau dấu hai chấm",
        "en": "write “key: value”, with a space after the colon",
    },
    "yaml.hint.indent": {
        "vi": "kiểm tra thụt lề: các khóa cùng cấp phải thẳng cột, thụt bằng dấu cách",
        "en": "check the indentation: keys of one level start in the same column, indented with spaces",
    },
    "yaml.hint.quote-colon": {
        "vi": 'đoạn chữ có “: ” phải đặt trong ngoặc kép, ví dụ: name: "Hội LHPN: tổ 5"',
        "en": 'a text that contains “: ” must be in double quotes, e.g. name: "Hội LHPN: tổ 5"',
    },
    "yaml.hint.inner-quote": {
        "vi": "dùng ngoặc kép bên ngoài khi trong chữ có nháy đơn (hoặc viết nháy đơn hai lần: '')",
        "en": "use double quotes outside when the text has a single quote (or write it twice: '')",
    },
    "yaml.hint.close-bracket": {
        "vi": "thêm dấu ngoặc đóng, hoặc đặt cả giá trị trong ngoặc kép nếu đó là chữ",
        "en": "add the closing bracket, or put the whole value in double quotes if it is text",
    },
    "yaml.hint.escape": {
        "vi": "dùng nháy đơn cho đoạn chữ có “\\” (ví dụ đường dẫn Windows), hoặc viết “\\\\”",
        "en": "use single quotes for a text with a “\\” (such as a Windows path), or write “\\\\”",
    },
    "yaml.hint.one-document": {
        "vi": "mỗi tệp chỉ một văn bản: xóa dòng “---” ở giữa tệp",
        "en": "one document per file: remove the “---” line in the middle",
    },
    "yaml.noticed": {"vi": " (trình đọc phát hiện ở dòng {line})", "en": " (the parser noticed it on line {line})"},
    # dkst render before the period is over
    "render-provisional-open": {
        "vi": "Lưu ý: số liệu chỉ là tạm tính: đến ngày {as_of}, kỳ {period} chưa kết thúc (ngày cuối: {end}); "
        "báo cáo vẫn được tạo.",
        "en": "Note: the figures are provisional: as of {as_of}, period {period} has not ended (last day: {end}); "
        "the report is written anyway.",
    },
    "render-provisional-due": {
        "vi": "Lưu ý: số liệu chỉ là tạm tính: đến ngày {as_of}, hạn nộp báo cáo kỳ {period} (hạn cuối: "
        "{deadline}) chưa qua, các đơn vị còn có thể gửi; báo cáo vẫn được tạo.",
        "en": "Note: the figures are provisional: as of {as_of}, the reports of period {period} are not yet due "
        "(last on-time day: {deadline}) and more may come; the report is written anyway.",
    },
    # template errors (dkst.render.RenderError.text)
    "tpl.not-found": {
        "vi": "Không tìm thấy mẫu {name} (đã tìm trong: {looked})",
        "en": "Template {name} not found (looked in: {looked})",
    },
    "tpl.unreadable": {
        "vi": "{where}: không đọc được tệp mẫu: {error}",
        "en": "{where}: cannot read the template: {error}",
    },
    "tpl.recursion": {"vi": "{where}: mẫu gọi lồng nhau quá sâu", "en": "{where}: the template recurses too deep"},
    "tpl.not-utf8": {
        "vi": "{where}: tệp mẫu không phải văn bản UTF-8; hãy lưu lại với mã UTF-8",
        "en": "{where}: the template is not UTF-8 text; save it again as UTF-8",
    },
    "tpl.not-docx": {"vi": "{where}: không phải văn bản Word (.docx)", "en": "{where}: not a Word document (.docx)"},
    "tpl.syntax": {
        "vi": "{where}: mẫu viết sai cú pháp: kiểm tra các cặp {{{{ }}}} và {{% %}}, và mỗi thẻ mở có thẻ đóng "
        "({{% for %}} … {{% endfor %}}, {{% if %}} … {{% endif %}})",
        "en": "{where}: template syntax error: check the {{{{ }}}} and {{% %}} pairs, and that every opening tag "
        "is closed ({{% for %}} … {{% endfor %}}, {{% if %}} … {{% endif %}})",
    },
    "tpl.sandbox": {
        "vi": "{where}: mẫu dùng thứ không được phép (mẫu chạy trong môi trường an toàn, chỉ đọc được số liệu)",
        "en": "{where}: the template uses something not allowed (templates run in a sandbox and only read the figures)",
    },
    "tpl.undefined": {
        "vi": "{where}: mẫu dùng “{name}” nhưng không có số liệu nào tên như vậy (xem các tên dùng được "
        "trong mẫu có sẵn của dkst)",
        "en": "{where}: the template uses “{name}”, which is not among the figures (see the names the "
        "built-in templates use)",
    },
    "tpl.include": {
        "vi": "{where}: không tìm thấy mẫu được chèn {name}",
        "en": "{where}: included template {name} not found",
    },
    "tpl.other": {"vi": "{where}: mẫu bị lỗi khi tạo văn bản", "en": "{where}: the template failed"},
    "tpl.near": {"vi": " (gần đoạn “{text}”)", "en": " (near “{text}”)"},
    # help and usage errors (dkst.clihelp): the words of --help
    "cli.usage": {"vi": "Cách dùng", "en": "Usage"},
    "cli.options": {"vi": "Tùy chọn", "en": "Options"},
    "cli.arguments": {"vi": "Đối số", "en": "Arguments"},
    "cli.commands": {"vi": "Lệnh", "en": "Commands"},
    "cli.options-metavar": {"vi": "[TÙY-CHỌN]", "en": "[OPTIONS]"},
    "cli.command-metavar": {"vi": "LỆNH [THAM-SỐ]...", "en": "COMMAND [ARGS]..."},
    "cli.default": {"vi": "mặc định: {value}", "en": "default: {value}"},
    "cli.required": {"vi": "bắt buộc", "en": "required"},
    "cli.help-option": {"vi": "Hiện lời giúp này rồi thoát.", "en": "Show this message and exit."},
    "cli.install-completion": {
        "vi": "Cài gợi ý lệnh (phím Tab) cho trình lệnh đang dùng.",
        "en": "Install completion for the current shell.",
    },
    "cli.show-completion": {
        "vi": "Hiện đoạn mã gợi ý lệnh cho trình lệnh đang dùng, để chép hoặc tự cài.",
        "en": "Show completion for the current shell, to copy it or customize the installation.",
    },
    "cli.meta.TEXT": {"vi": "CHỮ", "en": "TEXT"},
    "cli.meta.PATH": {"vi": "ĐƯỜNG-DẪN", "en": "PATH"},
    "cli.meta.INTEGER": {"vi": "SỐ", "en": "INTEGER"},
    "cli.meta.NUMBER": {"vi": "SỐ", "en": "NUMBER"},
    "cli.meta.DATE": {"vi": "NGÀY", "en": "DATE"},
    "cli.meta.DIR": {"vi": "THƯ-MỤC", "en": "DIR"},
    "cli.meta.FILE": {"vi": "TỆP", "en": "FILE"},
    "cli.meta.PERIOD": {"vi": "KỲ", "en": "PERIOD"},
    "cli.meta.UNIT": {"vi": "ĐƠN-VỊ", "en": "UNIT"},
    "cli.meta.MODEL": {"vi": "MÔ-HÌNH", "en": "MODEL"},
    "cli.meta.YEAR": {"vi": "NĂM", "en": "YEAR"},
    "cli.meta.DAYS": {"vi": "SỐ-NGÀY", "en": "DAYS"},
    "cli.meta.NUMBER-TEXT": {"vi": "SỐ-KÝ-HIỆU", "en": "NUMBER"},
    "cli.meta.NAME": {"vi": "TÊN", "en": "NAME"},
    "cli.meta.STATUS": {"vi": "TÌNH-TRẠNG", "en": "STATUS"},
    "cli.meta.LANG": {"vi": "vi|en", "en": "vi|en"},
    # usage errors: one line each, after "dkst: "
    "cli.err.missing-option": {"vi": "Thiếu tùy chọn bắt buộc {name}", "en": "Missing option {name}"},
    "cli.err.missing-argument": {"vi": "Thiếu {name} (bắt buộc phải có)", "en": "Missing argument {name}"},
    "cli.err.choose": {"vi": "; chọn một trong: {choices}", "en": "; choose one of: {choices}"},
    "cli.err.bad-choice": {
        "vi": "Giá trị “{value}” của {name} không hợp lệ{suggest}; chọn một trong: {choices}",
        "en": "Invalid value “{value}” for {name}{suggest}; choose one of: {choices}",
    },
    "cli.err.range": {
        "vi": "{name} cần một số nguyên {range}, nhận được “{value}”",
        "en": "{name} needs a whole number {range}, got “{value}”",
    },
    "cli.err.integer": {
        "vi": "{name} cần một số nguyên, nhận được “{value}”",
        "en": "{name} needs a whole number, got “{value}”",
    },
    "cli.err.bad-value": {
        "vi": "Giá trị “{value}” của {name} không dùng được",
        "en": "Invalid value “{value}” for {name}",
    },
    "cli.err.no-such-option": {
        "vi": "Lệnh này không có tùy chọn {name}{suggest}",
        "en": "No such option: {name}{suggest}",
    },
    "cli.err.needs-value": {"vi": "Tùy chọn {name} cần một giá trị đi kèm", "en": "Option {name} needs a value"},
    "cli.err.takes-no-value": {
        "vi": "Tùy chọn {name} không nhận giá trị đi kèm",
        "en": "Option {name} does not take a value",
    },
    "cli.err.extra-args": {"vi": "Thừa đối số: {args}", "en": "Unexpected extra arguments: {args}"},
    "cli.err.unknown-command": {
        "vi": "Không có lệnh “{name}”{suggest}; các lệnh: {choices}",
        "en": "No such command “{name}”{suggest}; commands: {choices}",
    },
    "cli.err.missing-command": {
        "vi": "Thiếu tên lệnh; các lệnh: {choices}",
        "en": "Missing command; commands: {choices}",
    },
    "cli.err.file": {"vi": "Không mở được tệp {path}", "en": "Could not open file {path}"},
    "cli.err.usage": {"vi": "Dòng lệnh gõ chưa đúng", "en": "Wrong command line"},
    "cli.err.other": {"vi": "Lệnh dừng vì có lỗi", "en": "The command stopped on an error"},
    "cli.err.see-help": {"vi": "; xem: {command} --help", "en": "; see: {command} --help"},
    "cli.aborted": {"vi": "Đã dừng.", "en": "Aborted."},
    # help texts of commands and options (dkst.clihelp resolves a help= that is one of these keys)
    "help.dkst": {
        "vi": "Theo dõi Phong trào thi đua “Đoàn kết sáng tạo”: kiểm tra, theo dõi, tổng hợp và báo cáo.",
        "en": "Track the “Solidarity and creativity” emulation movement: check, follow up, sum up and report.",
    },
    "help.dkst.version": {"vi": "Cho biết phiên bản của dkst rồi thoát.", "en": "Show the version of dkst and exit."},
    "help.opt.data": {
        "vi": "Thư mục bộ dữ liệu (mặc định: DKST_DATA, thư mục có plan.yaml gần nhất, ./data).",
        "en": "The dataset folder (default: DKST_DATA, the nearest folder with a plan.yaml, ./data).",
    },
    "help.opt.as-of": {
        "vi": "Xét dữ liệu như tại ngày này ({year}-06-20 hoặc 20/06/{year}); mặc định hôm nay.",
        "en": "Look at the data as on this day ({year}-06-20 or 20/06/{year}); default: today.",
    },
    "help.opt.lang": {
        "vi": "Ngôn ngữ thông báo: vi hoặc en (mặc định DKST_LANG, rồi vi).",
        "en": "Language of what dkst prints: vi or en (default: DKST_LANG, then vi).",
    },
    "help.opt.period": {
        "vi": "Mã kỳ báo cáo trong plan.yaml, ví dụ H1 hoặc Y.",
        "en": "A period id of plan.yaml, such as H1 or Y.",
    },
    "help.opt.template-dir": {
        "vi": "Thư mục mẫu riêng (report.md.j2, report.docx, remind.md.j2, remind.docx); ưu tiên hơn "
        "templates/ của bộ dữ liệu và mẫu có sẵn.",
        "en": "A folder of your own templates (report.md.j2, report.docx, remind.md.j2, remind.docx); it comes "
        "before the dataset's templates/ and the built-in ones.",
    },
    "help.opt.force": {
        "vi": "Thay tệp kết quả đã có (mặc định: không bao giờ ghi đè tệp đã có, vì có thể đã được sửa).",
        "en": "Replace an existing output file (default: never replace one: it may have been edited).",
    },
    "help.init.templates-only": {
        "vi": "Chỉ chép các mẫu văn bản có sẵn (báo cáo, giấy nhắc; Word và Markdown) vào templates/ của bộ dữ "
        "liệu THƯ-MỤC đã có, để sửa bằng Word; không ghi đè tệp đã có.",
        "en": "Only copy the built-in templates (report, letters; Word and Markdown) into templates/ of the "
        "existing dataset DIR, to edit in Word; existing files are never replaced.",
    },
    "help.remind.force": {
        "vi": "Xóa các thư nhắc cũ (<mã đơn vị>.md, .docx) trong thư mục rồi ghi thư mới; tệp khác không bị động "
        "đến (mặc định: từ chối nếu thư mục đã có thư nhắc).",
        "en": "Remove the earlier letters (<unit id>.md, .docx) from the folder, then write the new ones; other "
        "files are left alone (default: refuse a folder that already holds letters).",
    },
    "help.check": {
        "vi": "Kiểm tra mọi tệp của bộ dữ liệu và các yêu cầu của kế hoạch. Mã thoát 0: không có lỗi; "
        "1: có lỗi (hoặc cảnh báo, với --strict); 2: gõ lệnh sai hoặc không có bộ dữ liệu.",
        "en": "Check every file of the dataset and the plan's requirements. Exit code 0: no errors; "
        "1: errors (or warnings, with --strict); 2: a wrong command line or no dataset.",
    },
    "help.check.format": {
        "vi": "Kiểu kết quả: text, json hoặc github.",
        "en": "Output format: text, json or github.",
    },
    "help.check.strict": {
        "vi": "Coi cảnh báo như lỗi (mã thoát 1).",
        "en": "Treat warnings as errors (exit code 1).",
    },
    "help.check.no-warnings": {
        "vi": "Chỉ hiện lỗi, không hiện cảnh báo và thông tin (cho pre-commit, hoặc để xem việc phải sửa trước); "
        "dòng tổng kết vẫn đếm đủ và cho biết số mục không hiện.",
        "en": "Print errors only, no warnings or info (for pre-commit, or to see what blocks first); the "
        "summary still counts everything and says how many were not shown.",
    },
    "help.status": {
        "vi": "Bảng tình hình: mỗi đơn vị một dòng, mỗi yêu cầu một cột.",
        "en": "The progress table: a row per unit, a column per requirement.",
    },
    "help.status.format": {
        "vi": "table (mặc định trong cửa sổ lệnh), text (phân cách bằng tab) hoặc json.",
        "en": "table (the default in a terminal), text (tab-separated) or json.",
    },
    "help.aggregate": {
        "vi": "Tổng hợp số liệu một kỳ: mỗi đơn vị một dòng, cộng theo loại đơn vị, tổng cộng.",
        "en": "The figures of a period: a row per unit, subtotals per kind of unit, totals.",
    },
    "help.aggregate.format": {
        "vi": "table (mặc định; có màu trong cửa sổ lệnh, còn khi chuyển tiếp hay ghi tệp là bảng chữ thuần "
        "rộng 100 cột), csv, json, xlsx hoặc md. Khi có --output mà không có --format: theo đuôi tệp (.csv, "
        ".json, .xlsx, .md, .txt: table; đuôi khác bị từ chối); đuôi phải hợp với --format.",
        "en": "table (the default; in colour in a terminal, plain text 100 columns wide when redirected or "
        "written to a file), csv, json, xlsx or md. With --output and no --format: from the file's suffix "
        "(.csv, .json, .xlsx, .md, .txt: table; any other suffix is refused); the suffix must fit --format.",
    },
    "help.aggregate.output": {
        "vi": "Ghi ra tệp này (ghi trọn vẹn, không bao giờ ghi đè dữ liệu); xlsx bắt buộc có.",
        "en": "Write to this file (whole or not at all, never over the data); needed for xlsx.",
    },
    "help.init": {
        "vi": "Tạo bộ dữ liệu mới: plan.yaml, units.yaml theo kế hoạch mẫu, README.md, .gitignore, "
        ".pre-commit-config.yaml.",
        "en": "Create a new dataset: plan.yaml and units.yaml from the built-in plan, README.md, .gitignore, "
        ".pre-commit-config.yaml.",
    },
    "help.init.dir": {
        "vi": "Thư mục của bộ dữ liệu mới: chưa có, hoặc có mà trống (hoặc --data).",
        "en": "The new dataset's folder: one that does not exist yet, or an empty one (or --data).",
    },
    "help.init.sample": {
        "vi": "Chép cả dữ liệu mẫu năm 2023 của các đơn vị (kế hoạch, mô hình, báo cáo) để tập; chỉ dùng với năm 2023.",
        "en": "Copy the units' 2023 sample data too (plans, models, reports), to practise on; for 2023 only.",
    },
    "help.init.year": {
        "vi": "Năm của kế hoạch (mặc định: năm nay; với --sample: 2023).",
        "en": "The plan's year (default: this year; with --sample: 2023).",
    },
    "help.render": {
        "vi": "Báo cáo kết quả thực hiện Phong trào trong kỳ gửi cấp trên, dạng Markdown hoặc Word; "
        "hoặc trang HTML cho lãnh đạo xem nhanh.",
        "en": "The report of the period's results for the level above, as Markdown or Word; or the page for "
        "leaders, in HTML.",
    },
    "help.render.format": {
        "vi": "md (mặc định), docx hoặc html (trang cho lãnh đạo); khi có --output mà không có --format thì "
        "theo đuôi tệp.",
        "en": "md (the default), docx or html (the page for leaders); with --output and no --format, from the "
        "file's suffix.",
    },
    "help.render.output": {
        "vi": "Ghi ra tệp này. Mặc định: md in ra màn hình, docx ghi vào out/bao-cao-<kỳ>.docx, html vào "
        "out/bao-cao-<kỳ>.html của bộ dữ liệu.",
        "en": "Write to this file. Default: md to the screen, docx to the dataset's out/bao-cao-<period>.docx, "
        "html to out/bao-cao-<period>.html.",
    },
    "help.remind": {
        "vi": "Giấy nhắc (công văn đôn đốc) gửi các đơn vị chưa nộp báo cáo hoặc sắp đến hạn.",
        "en": "Urging letters to the units whose report is missing or soon due.",
    },
    "help.remind.within": {
        "vi": "Nhắc cả đơn vị chưa đến hạn nếu còn không quá chừng này ngày.",
        "en": "Also remind units not yet due if at most this many days are left.",
    },
    "help.remind.format": {
        "vi": "md: mỗi thư một tệp Markdown (mẫu remind.md.j2); docx: một văn bản Word (mẫu remind.docx). "
        "Mặc định md; docx khi có --send.",
        "en": "md: a Markdown file per letter (template remind.md.j2); docx: a Word document (template "
        "remind.docx). Default md; docx with --send.",
    },
    "help.remind.output": {
        "vi": "Thư mục ghi thư nhắc (mỗi đơn vị một tệp <mã đơn vị>.md hoặc .docx). Mặc định: out/nhac-<kỳ>/ "
        "của bộ dữ liệu.",
        "en": "The folder for the letters (a file <unit id>.md or .docx per unit). Default: the dataset's "
        "out/nhac-<period>/.",
    },
    "help.schema": {
        "vi": "Lược đồ JSON (JSON Schema) của năm loại tệp, để trình soạn thảo (VS Code) kiểm tra ngay khi gõ.\n\n"
        "Khi tìm thấy bộ dữ liệu, lược đồ dùng chính mã chỉ tiêu, mã đơn vị, loại đơn vị và mã yêu cầu của bộ "
        "dữ liệu đó: sửa plan.yaml hoặc units.yaml thì chạy lại lệnh này.",
        "en": "JSON Schemas of the five kinds of file, so that an editor (VS Code) checks them as you type.\n\n"
        "When a dataset is found, the schemas use its own indicator ids, unit ids, kinds of unit and "
        "requirement ids: after editing plan.yaml or units.yaml, run this command again.",
    },
    "help.schema.output": {
        "vi": "Thư mục ghi các tệp dkst-<loại>.schema.json; không có thì in cả năm lược đồ ra màn hình.",
        "en": "The folder for the dkst-<kind>.schema.json files; without it the five schemas go to the screen.",
    },
    "help.new": {
        "vi": "Tạo tệp mới từ mẫu có chú thích: báo cáo, mô hình, kế hoạch của đơn vị. Không ghi đè tệp đã có.",
        "en": "Create a new file from a commented skeleton: a report, a model, a unit's plan. Never replaces "
        "an existing file.",
    },
    "help.new.unit": {
        "vi": "Mã đơn vị trong units.yaml, ví dụ an-my.",
        "en": "A unit id of units.yaml, such as an-my.",
    },
    "help.new.report": {
        "vi": "Tạo units/<đơn vị>/reports/<kỳ>.yaml: báo cáo của đơn vị, có sẵn các chỉ tiêu của kế hoạch để điền.",
        "en": "Create units/<unit>/reports/<period>.yaml: the unit's report, with the plan's indicators to fill in.",
    },
    "help.new.report.period": {
        "vi": "Mã kỳ báo cáo trong plan.yaml, ví dụ H1 (6 tháng) hoặc Y (năm).",
        "en": "A period id of plan.yaml, such as H1 (six months) or Y (the year).",
    },
    "help.new.report.submitted": {
        "vi": "Ngày Văn phòng nhận được báo cáo ({year}-06-02 hoặc 02/6/{year}); mặc định: ngày --as-of (hôm nay).",
        "en": "The day the office received the report ({year}-06-02 or 02/6/{year}); default: the --as-of day (today).",
    },
    "help.new.model": {
        "vi": "Tạo units/<đơn vị>/models/<mã mô hình>.yaml: một mô hình “Đoàn kết sáng tạo” của đơn vị.",
        "en": "Create units/<unit>/models/<model id>.yaml: one of the unit's “Solidarity and creativity” models.",
    },
    "help.new.model.model": {
        "vi": "Mã mô hình, cũng là tên tệp: chữ thường không dấu, số, gạch nối (ví dụ khu-pho-chuyen-doi-so).",
        "en": "The model id, also the file name: lowercase ASCII letters, digits, hyphens "
        "(e.g. khu-pho-chuyen-doi-so).",
    },
    "help.new.model.name": {
        "vi": "Tên mô hình, ví dụ “Khu phố chuyển đổi số” (đặt trong ngoặc kép).",
        "en": "The model's name, e.g. “Khu phố chuyển đổi số” (in double quotes).",
    },
    "help.new.model.status": {
        "vi": "Tình trạng: đăng ký (registered), đang triển khai (in_progress), hoàn thành (completed), "
        "dừng (stopped).",
        "en": "Status: registered, in_progress, completed or stopped (or their Vietnamese names).",
    },
    "help.new.model.started": {
        "vi": "Ngày bắt đầu, ví dụ 15/3/{year} (bắt buộc trừ khi tình trạng là đăng ký).",
        "en": "The day it started, e.g. 15/3/{year} (needed unless the status is registered).",
    },
    "help.new.unit-plan": {
        "vi": "Tạo units/<đơn vị>/plan.yaml: kế hoạch triển khai Phong trào của đơn vị.",
        "en": "Create units/<unit>/plan.yaml: the unit's plan for the movement.",
    },
    "help.new.unit-plan.number": {
        "vi": "Số, ký hiệu kế hoạch của đơn vị, ví dụ 04/KH-MTTQ-BTT.",
        "en": "The number of the unit's plan, such as 04/KH-MTTQ-BTT.",
    },
    "help.new.unit-plan.issued": {
        "vi": "Ngày ban hành kế hoạch của đơn vị, ví dụ 20/02/{year}.",
        "en": "The day the unit issued its plan, e.g. 20/02/{year}.",
    },
    "help.new.unit-plan.received": {
        "vi": "Ngày Văn phòng thành phố nhận được kế hoạch.",
        "en": "The day the city office received the plan.",
    },
    "col-report": {"vi": "Báo cáo {period}", "en": "{period} report"},
    "col-models": {"vi": "Mô hình", "en": "Models"},
    "col-unit-plan": {"vi": "Kế hoạch", "en": "Unit plan"},
    "col-rule": {"vi": "Quy tắc: {id}", "en": "Rule: {id}"},
    "status-legend-rule": {
        "vi": " · … ở cột quy tắc: chưa có báo cáo để kiểm tra",
        "en": " · … in a rule column: no report to check yet",
    },
    "agg-col-no": {"vi": "STT", "en": "No."},
    "init-templates-note": {
        "vi": "(mẫu báo cáo và giấy nhắc: sửa bằng Word, giữ nguyên từng thẻ trong ngoặc nhọn; xem README)",
        "en": "(report and letter templates: edit them in Word, keeping each tag in curly braces whole; see README)",
    },
    "init-templates-done": {"vi": "Đã chép {n} mẫu văn bản vào {path}:", "en": "Copied {n} templates into {path}:"},
    "init-templates-kept": {
        "vi": "Giữ nguyên {n} tệp đã có (không ghi đè):",
        "en": "Kept {n} existing files (never overwritten):",
    },
    "init-templates-no-dataset": {
        "vi": "{path} không phải bộ dữ liệu (không có plan.yaml); chỉ định thư mục bộ dữ liệu: "
        "dkst init DIR --templates-only",
        "en": "{path} is not a dataset (no plan.yaml); name the dataset folder: dkst init DIR --templates-only",
    },
    "xlsx-not-listed": {
        "vi": "Không liệt kê đơn vị không phải báo cáo, không gửi báo cáo và không có mô hình trong kỳ: {units}.",
        "en": "Not listed: units that owe no report, sent none and have no model in the period: {units}.",
    },
    "form-no-plan": {
        "vi": "plan.yaml có lỗi nên không lập hoặc nhập được phiếu; chạy dkst check để xem lỗi",
        "en": "plan.yaml has errors, so no form can be made or imported; see dkst check",
    },
    "form-none": {
        "vi": "Không có đơn vị nào phải gửi báo cáo kỳ {period}; chọn đơn vị bằng --unit",
        "en": "No unit owes the report of period {period}; name units with --unit",
    },
    "form-written": {
        "vi": "Đã lập {count} phiếu báo cáo kỳ {period} trong {folder}. Gửi mỗi đơn vị phiếu của mình "
        "(kèm giấy nhắc: dkst remind --period {period}); phiếu điền xong thì nhập bằng dkst import.",
        "en": "Wrote {count} report forms of period {period} in {folder}. Send each unit its own form (with "
        "a reminder: dkst remind --period {period}); import the filled forms with dkst import.",
    },
    "import-no-files": {
        "vi": "Chưa chỉ ra tệp phiếu nào, ví dụ: dkst import hop-thu/*.xlsx",
        "en": "No form given, e.g. dkst import inbox/*.xlsx",
    },
    "import-not-xlsx": {
        "vi": "{file}: tệp {suffix} không nhập được; mở tệp rồi lưu lại dạng .xlsx (Excel: Tệp → Lưu thành → "
        "Sổ làm việc Excel (*.xlsx); LibreOffice: Tệp → Lưu thành → Excel 2007-365 (.xlsx)) và nhập tệp .xlsx đó",
        "en": "{file}: a {suffix} file cannot be imported; open it and save it as .xlsx (Excel: File → Save As → "
        "Excel Workbook (*.xlsx); LibreOffice: File → Save As → Excel 2007-365 (.xlsx)), then import that file",
    },
    "import-not-zip": {
        "vi": "{file}: không phải tệp Excel .xlsx (tệp hỏng hoặc định dạng khác); mở bằng Excel và lưu lại dạng "
        ".xlsx (Tệp → Lưu thành → Sổ làm việc Excel (*.xlsx))",
        "en": "{file}: not an Excel .xlsx file (damaged or another format); open it in Excel and save it as .xlsx "
        "(File → Save As → Excel Workbook (*.xlsx))",
    },
    "import-no-file": {"vi": "Không có tệp {file}", "en": "No such file: {file}"},
    "import-unreadable": {
        "vi": "{file}: không đọc được tệp Excel ({error})",
        "en": "{file}: cannot read the workbook ({error})",
    },
    "form-not-dkst": {
        "vi": "{file}: không phải phiếu do dkst form lập (thiếu ô “{name}”)",
        "en": "{file}: not a form made by dkst form (no cell named “{name}”)",
    },
    "form-other-dataset": {
        "vi": "{file}: phiếu của một kế hoạch khác (không phải bộ dữ liệu này); lập phiếu mới bằng dkst form",
        "en": "{file}: a form of another plan (not this dataset); make new forms with dkst form",
    },
    "form-unknown-unit": {
        "vi": "{where} (dkst_unit): đơn vị “{value}” không có trong units.yaml",
        "en": "{where} (dkst_unit): unit “{value}” is not in units.yaml",
    },
    "form-unknown-period": {
        "vi": "{where} (dkst_period): kỳ “{value}” không có trong plan.yaml; các kỳ: {choices}",
        "en": "{where} (dkst_period): period “{value}” is not in plan.yaml; periods: {choices}",
    },
    "form-key-changed": {
        "vi": "{where}: dấu toàn vẹn của phiếu không khớp: mã đơn vị, mã kỳ hoặc dấu đã bị sửa sau khi lập "
        "phiếu. Dùng phiếu lập cho đơn vị này (dkst form --period {period} --unit {unit})",
        "en": "{where}: the form's integrity mark does not match: the unit or period code, or the mark, was "
        "changed after the form was made. Use the form made for that unit (dkst form --period "
        "{period} --unit {unit})",
    },
    "import-duplicate": {
        "vi": "phiếu thứ hai của {unit} kỳ {period} trong lần nhập này (đã có {file})",
        "en": "a second form of {unit}, period {period}, in this run (after {file})",
    },
    "import-exists": {
        "vi": "{path} đã có và khác phiếu; không ghi đè (thêm --force để thay bằng số liệu của phiếu)",
        "en": "{path} already exists and differs from the form; not replaced (add --force to replace it)",
    },
    "import-changes": {"vi": "Thay đổi so với {path}:", "en": "Changes from {path}:"},
    "import-blank": {"vi": "(trống)", "en": "(blank)"},
    "import-text-changed": {"vi": "(đã sửa)", "en": "(changed)"},
    "import-dry-run": {
        "vi": "Chạy thử: sẽ ghi {path} như sau (chưa ghi gì):",
        "en": "Dry run: would write {path} as follows (nothing written):",
    },
    "import-symlink": {
        "vi": "{path} là liên kết tượng trưng; không ghi qua đó",
        "en": "{path} is a symbolic link; not writing through it",
    },
    "import-col-file": {"vi": "Tệp", "en": "File"},
    "import-col-unit": {"vi": "Đơn vị", "en": "Unit"},
    "import-col-period": {"vi": "Kỳ", "en": "Period"},
    "import-col-result": {"vi": "Kết quả", "en": "Result"},
    "import-written": {"vi": "đã ghi", "en": "written"},
    "import-would-write": {"vi": "sẽ ghi (chạy thử)", "en": "would be written (dry run)"},
    "import-unchanged": {"vi": "không thay đổi", "en": "unchanged"},
    "import-refused": {"vi": "không nhập: {reason}", "en": "refused: {reason}"},
    "import-errors": {"vi": "{count} lỗi trong phiếu", "en": "{count} errors in the form"},
    "import-reason-file": {"vi": "tệp không đọc được", "en": "file not readable"},
    "import-reason-exists": {"vi": "đã có báo cáo, cần --force", "en": "report exists, needs --force"},
    "import-reason-unit": {"vi": "mã đơn vị không hợp lệ", "en": "bad unit code"},
    "import-reason-period": {"vi": "mã kỳ không hợp lệ", "en": "bad period code"},
    "import-reason-dataset": {"vi": "phiếu của bộ dữ liệu khác", "en": "form of another dataset"},
    "import-reason-key": {"vi": "mã đơn vị/kỳ bị sửa", "en": "unit/period code edited"},
    "import-reason-duplicate": {"vi": "phiếu trùng", "en": "duplicate form"},
    "import-reason-write": {"vi": "không ghi được tệp", "en": "could not write the file"},
    "import-done": {
        "vi": "{written} báo cáo đã ghi, {unchanged} không thay đổi, {refused} phiếu không nhập. "
        "Tiếp theo: dkst check, rồi commit các tệp đã ghi.",
        "en": "{written} reports written, {unchanged} unchanged, {refused} forms refused. "
        "Next: dkst check, then commit the written files.",
    },
    "rollup-no-parent": {
        "vi": "plan.yaml chưa có mục parent (mã của đơn vị này trong units.yaml của cấp trên), nên chưa biết "
        "báo cáo lên đâu; xem mục “14. Hai cấp: báo cáo lên tỉnh” trong docs/huong-dan-su-dung.md",
        "en": "plan.yaml has no parent (this unit's id in the level above's units.yaml), so there is nowhere to "
        "report to; see section “14. Hai cấp: báo cáo lên tỉnh” of the guide docs/huong-dan-su-dung.md",
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
    "help.form": {
        "vi": "Lập phiếu Excel (.xlsx) cho các đơn vị điền báo cáo một kỳ, gửi kèm thư nhắc.",
        "en": "Excel forms (.xlsx) for the units to fill in a period's report, to send with the letters.",
    },
    "help.form.unit": {
        "vi": "Chỉ lập phiếu cho đơn vị này (mã trong units.yaml); nhắc lại để chọn nhiều đơn vị. Mặc định: các đơn "
        "vị phải gửi báo cáo kỳ này mà chưa gửi (xem --all).",
        "en": "Only a form for this unit (its id in units.yaml); repeat for several units. Default: the units that "
        "owe this period's report and have not sent it (see --all).",
    },
    "help.form.output": {
        "vi": "Thư mục ghi phiếu (mỗi đơn vị một tệp <mã đơn vị>-<kỳ>.xlsx). Mặc định: out/phieu-<kỳ>/ của bộ dữ liệu.",
        "en": "The folder for the forms (a file <unit id>-<period>.xlsx per unit). Default: the dataset's "
        "out/phieu-<period>/.",
    },
    "help.form.force": {
        "vi": "Ghi đè phiếu đã có.",
        "en": "Replace forms that exist.",
    },
    "help.import": {
        "vi": "Nhập phiếu Excel đã điền thành báo cáo của đơn vị (units/<mã>/reports/<kỳ>.yaml), kiểm tra như dkst "
        "check.",
        "en": "Filled Excel forms become the units' reports (units/<id>/reports/<period>.yaml), checked as dkst check "
        "does.",
    },
    "help.import.files": {
        "vi": "Các tệp phiếu .xlsx đã điền (do dkst form lập), hoặc thư .eml đã lưu có đính kèm phiếu, "
        "ví dụ hop-thu/*.xlsx hop-thu/*.eml.",
        "en": "The filled .xlsx forms (made by dkst form), or saved .eml e-mails with a form attached, "
        "e.g. inbox/*.xlsx inbox/*.eml.",
    },
    "help.import.submitted": {
        "vi": "Ngày Văn phòng nhận được báo cáo ({year}-06-02 hoặc 02/6/{year}); mặc định: ngày ghi trong phiếu, nếu "
        "không có thì ngày --as-of (hôm nay).",
        "en": "The day the office received the report ({year}-06-02 or 02/6/{year}); default: the form's date, "
        "else the "
        "--as-of day (today).",
    },
    "help.import.force": {
        "vi": "Thay báo cáo đã có bằng số liệu của phiếu (liệt kê số liệu thay đổi trước).",
        "en": "Replace an existing report with the form's figures (the changed figures are listed first).",
    },
    "help.import.dry-run": {
        "vi": "Chỉ in nội dung sẽ ghi, không ghi tệp nào.",
        "en": "Only print what would be written; write nothing.",
    },
    "help.rollup": {
        "vi": "Chuyển số liệu một kỳ lên cấp trên: ghi báo cáo và các mô hình của đơn vị vào bộ dữ liệu của tỉnh.",
        "en": "Send a period's figures to the level above: the report and models as files of the province's dataset.",
    },
    "help.rollup.to": {
        "vi": "Thư mục bộ dữ liệu của cấp trên (tỉnh); mã đơn vị, chỉ tiêu và kỳ theo mục parent của plan.yaml.",
        "en": "The folder of the level above's (province's) dataset; unit, indicator and period ids by plan.yaml's "
        "parent.",
    },
    "help.rollup.submitted": {
        "vi": "Ngày gửi ghi vào báo cáo ở cấp trên ({year}-12-02 hoặc 02/12/{year}); mặc định ngày --as-of.",
        "en": "The date sent, written in the report at the level above ({year}-12-02 or 02/12/{year}); default: the "
        "--as-of day.",
    },
    "help.rollup.force": {
        "vi": "Ghi đè các tệp đã có mà nội dung khác (mặc định: từ chối, không ghi tệp nào).",
        "en": "Replace existing files whose content differs (default: refuse and write nothing).",
    },
    "help.rollup.dry-run": {
        "vi": "Chỉ in các tệp sẽ ghi và nội dung báo cáo, không ghi gì.",
        "en": "Only print the files that would be written and the report; write nothing.",
    },
    # the Excel form of ``dkst form`` (its words are looked up in Vietnamese: it goes to Vietnamese units)
    "form.sheet-form": {"vi": "Báo cáo", "en": "Report"},
    "form.sheet-help": {"vi": "Hướng dẫn", "en": "Instructions"},
    "form.doc-title": {"vi": "Phiếu báo cáo {period} — {unit}", "en": "Report form {period} — {unit}"},
    "form.page": {"vi": "Trang", "en": "Page"},
    "form.title": {
        "vi": "PHIẾU BÁO CÁO KẾT QUẢ THỰC HIỆN PHONG TRÀO “ĐOÀN KẾT SÁNG TẠO”",
        "en": "REPORT FORM ON THE RESULTS OF THE “UNITY AND CREATIVITY” MOVEMENT",
    },
    "form.period": {"vi": "Kỳ báo cáo: {period}", "en": "Reporting period: {period}"},
    "form.unit": {"vi": "Đơn vị: {unit}", "en": "Unit: {unit}"},
    "form.due": {"vi": "Hạn gửi: {due}.", "en": "Due: {due}."},
    "form.send": {"vi": "Gửi phiếu đã điền về {to}", "en": "Send the filled-in form to {to}"},
    "form.send-email": {
        "vi": "Gửi phiếu đã điền về {to}; đồng thời gửi qua địa chỉ email: {email}",
        "en": "Send the filled-in form to {to}; also send it by e-mail to: {email}",
    },
    "form.only-yellow": {
        "vi": "Chỉ điền vào các ô nền vàng; các ô khác được khóa. Xem trang “Hướng dẫn”. "
        "Gửi lại đúng tệp này (định dạng .xlsx), không đổi tên các ô.",
        "en": "Fill in only the yellow cells; the other cells are locked. See the “Instructions” sheet. "
        "Send back this very file (.xlsx format), without renaming any cell.",
    },
    "form.unit-id": {"vi": "Mã đơn vị (không sửa)", "en": "Unit id (do not edit)"},
    "form.period-id": {"vi": "Mã kỳ báo cáo (không sửa)", "en": "Reporting period id (do not edit)"},
    "form.section-document": {"vi": "I. THÔNG TIN VĂN BẢN BÁO CÁO", "en": "I. THE REPORT DOCUMENT"},
    "form.submitted": {"vi": "Ngày gửi báo cáo (ngày/tháng/năm)", "en": "Date the report is sent (day/month/year)"},
    "form.submitted-title": {"vi": "Ngày gửi báo cáo", "en": "Date sent"},
    "form.submitted-input": {
        "vi": "Ngày/tháng/năm, năm đủ 4 chữ số, ví dụ 02/06/2023.",
        "en": "Day/month/year, the year in 4 digits, for example 02/06/2023.",
    },
    "form.submitted-error-title": {"vi": "Ngày không hợp lệ", "en": "Invalid date"},
    "form.submitted-error": {
        "vi": "Nhập ngày có thật, dạng ngày/tháng/năm, ví dụ 02/06/2023.",
        "en": "Enter a real date as day/month/year, for example 02/06/2023.",
    },
    "form.number": {"vi": "Số báo cáo", "en": "Report number"},
    "form.number-input": {"vi": "Ví dụ 18/BC-MTTQ-BTT.", "en": "For example 18/BC-MTTQ-BTT."},
    "form.signer": {"vi": "Người ký", "en": "Signed by"},
    "form.signer-input": {"vi": "Ví dụ Chủ tịch Trần Văn Hưng.", "en": "For example Chairman Trần Văn Hưng."},
    "form.section-indicators": {"vi": "II. SỐ LIỆU CÁC CHỈ TIÊU", "en": "II. FIGURES OF THE INDICATORS"},
    "form.indicators-note": {
        "vi": "Số nguyên từ 0 trở lên, viết liền (1250, không viết 1.250). Chỉ tiêu đơn vị "
        "không báo cáo thì để trống; “không có” thì ghi 0 (để trống khác với 0).",
        "en": "Whole numbers from 0 up, without separators (1250, not 1.250). Leave an indicator the unit does "
        "not report blank; write 0 for “none” (blank is not the same as 0).",
    },
    "form.count-title": {"vi": "Số liệu", "en": "Figure"},
    "form.count-input": {
        "vi": "Số nguyên từ 0 trở lên, viết liền (1250, không viết 1.250). Để trống nếu đơn vị không báo cáo "
        "chỉ tiêu này; ghi 0 nếu không có.",
        "en": "A whole number from 0 up, without separators (1250, not 1.250). Leave blank if the unit does not "
        "report this indicator; write 0 if there is none.",
    },
    "form.count-error-title": {"vi": "Số liệu không hợp lệ", "en": "Invalid figure"},
    "form.count-error": {
        "vi": "Chỉ nhập số nguyên từ 0 đến 999999999999, viết liền, không có dấu chấm, dấu phẩy hay khoảng trắng.",
        "en": "Enter only a whole number from 0 to 999999999999, without dots, commas or spaces.",
    },
    "form.col-no": {"vi": "STT", "en": "No."},
    "form.col-indicator": {"vi": "Chỉ tiêu", "en": "Indicator"},
    "form.col-figure": {"vi": "Số liệu", "en": "Figure"},
    "form.col-measure": {"vi": "Đơn vị tính", "en": "Unit of measure"},
    "form.section-models": {
        "vi": "III. MÔ HÌNH “ĐOÀN KẾT SÁNG TẠO” NÊU TRONG BÁO CÁO",
        "en": "III. “UNITY AND CREATIVITY” MODELS NAMED IN THE REPORT",
    },
    "form.models-note": {
        "vi": "Mô hình hiện có của đơn vị (chọn mã trong danh sách ở cột “Mô hình đã có”). Mô hình mới thì để "
        "trống cột đó, ghi tên, tình trạng và ngày bắt đầu: Văn phòng đăng ký khi nhập phiếu.",
        "en": "The unit's existing models (choose the id from the list in the “Existing model” column). For a new "
        "model leave that column blank and write its name, status and start date: the Office registers it "
        "when it imports the form.",
    },
    "form.no-models-note": {
        "vi": "Đơn vị chưa có mô hình nào trong sổ theo dõi của Văn phòng. Mô hình mới thì ghi tên, tình trạng "
        "và ngày bắt đầu: Văn phòng đăng ký khi nhập phiếu.",
        "en": "The Office's register holds no model of the unit yet. For a new model write its name, status and "
        "start date: the Office registers it when it imports the form.",
    },
    "form.col-model-id": {"vi": "Mô hình đã có (chọn mã)", "en": "Existing model (choose its id)"},
    "form.col-model-name": {"vi": "Mô hình mới: tên", "en": "New model: name"},
    "form.model-input": {
        "vi": "Chọn mã một mô hình hiện có của đơn vị.",
        "en": "Choose the id of one of the unit's existing models.",
    },
    "form.model-error-title": {"vi": "Mô hình chưa có", "en": "Unknown model"},
    "form.model-error": {
        "vi": "Mã này không có trong danh sách mô hình của đơn vị.",
        "en": "This id is not in the list of the unit's models.",
    },
    "form.model-registered": {"vi": "đăng ký", "en": "registered"},
    "form.model-in_progress": {"vi": "đang triển khai", "en": "in progress"},
    "form.model-completed": {"vi": "hoàn thành", "en": "completed"},
    "form.model-stopped": {"vi": "dừng", "en": "stopped"},
    "form.section-commendations": {
        "vi": "IV. ĐỀ NGHỊ BIỂU DƯƠNG, KHEN THƯỞNG",
        "en": "IV. PROPOSED COMMENDATIONS AND AWARDS",
    },
    "form.col-awardee": {"vi": "Tên tập thể, cá nhân", "en": "Name of the collective or individual"},
    "form.col-kind": {"vi": "Tập thể / cá nhân", "en": "Collective / individual"},
    "form.col-achievement": {"vi": "Thành tích", "en": "Achievement"},
    "form.col-award": {"vi": "Hình thức", "en": "Form of award"},
    "form.collective": {"vi": "tập thể", "en": "collective"},
    "form.individual": {"vi": "cá nhân", "en": "individual"},
    "form.kind-title": {"vi": "Tập thể hay cá nhân", "en": "Collective or individual"},
    "form.kind-input": {"vi": "Chọn “tập thể” hoặc “cá nhân”.", "en": "Choose “collective” or “individual”."},
    "form.kind-error-title": {"vi": "Giá trị không hợp lệ", "en": "Invalid value"},
    "form.kind-error": {
        "vi": "Chỉ chọn “tập thể” hoặc “cá nhân”.",
        "en": "Choose only “collective” or “individual”.",
    },
    "form.award-certificate": {"vi": "Giấy khen", "en": "Certificate of commendation"},
    "form.award-merit": {"vi": "Bằng khen", "en": "Certificate of merit"},
    "form.award-input": {
        "vi": "Ví dụ: Giấy khen, Bằng khen (có thể ghi khác).",
        "en": "For example: Certificate of commendation, Certificate of merit (another may be written).",
    },
    "form.section-highlights": {"vi": "V. KẾT QUẢ NỔI BẬT", "en": "V. OUTSTANDING RESULTS"},
    "form.section-limitations": {"vi": "VI. TỒN TẠI, HẠN CHẾ", "en": "VI. SHORTCOMINGS AND LIMITATIONS"},
    "form.section-proposals": {"vi": "VII. KIẾN NGHỊ, ĐỀ XUẤT", "en": "VII. RECOMMENDATIONS AND PROPOSALS"},
    "form.signature": {"vi": "NGƯỜI KÝ BÁO CÁO", "en": "SIGNATORY OF THE REPORT"},
    "form.signature-note": {
        "vi": "(Ký, ghi rõ họ tên trên văn bản gửi kèm nếu có)",
        "en": "(Signature and full name on the accompanying document, if any)",
    },
    "form.help-title": {"vi": "HƯỚNG DẪN ĐIỀN PHIẾU BÁO CÁO", "en": "HOW TO FILL IN THE REPORT FORM"},
    "form.help-only-yours": {
        "vi": "Phiếu này dành riêng cho {unit}, kỳ {period}. Không dùng phiếu của đơn vị khác hoặc kỳ khác.",
        "en": "This form is for {unit} only, for the {period} report. Do not use the form of another unit or "
        "another period.",
    },
    "form.help-yellow": {
        "vi": "Chỉ điền vào các ô nền vàng ở trang “Báo cáo”. Các ô khác đã được khóa (không cần mật khẩu để mở, "
        "nhưng xin đừng mở khóa, đừng đổi tên trang, không xóa dòng, cột).",
        "en": "Fill in only the yellow cells of the “Report” sheet. The other cells are locked (no password is "
        "needed to unlock them, but please do not unlock them, rename the sheets, or delete rows or columns).",
    },
    "form.help-numbers": {
        "vi": "Số liệu: số nguyên từ 0 trở lên, viết liền, không có dấu chấm, dấu phẩy, khoảng trắng (1250, "
        "không viết 1.250 hay 1,250). Không có thì ghi 0; chỉ tiêu đơn vị không theo dõi thì để trống.",
        "en": "Figures: whole numbers from 0 up, without dots, commas or spaces (1250, not 1.250 or 1,250). "
        "Write 0 for none; leave an indicator the unit does not track blank.",
    },
    "form.help-dates": {
        "vi": "Ngày: ngày/tháng/năm, năm đủ 4 chữ số, ví dụ 02/06/2023.",
        "en": "Dates: day/month/year, the year in 4 digits, for example 02/06/2023.",
    },
    "form.help-models": {
        "vi": "Mô hình: mô hình đã có thì chọn mã trong danh sách ở cột “Mô hình đã có”; mô hình mới thì ghi tên, "
        "tình trạng và ngày bắt đầu ở các cột bên cạnh, Văn phòng đăng ký khi nhập phiếu.",
        "en": "Models: for an existing model choose its id from the list in the “Existing model” column; for a "
        "new model write its name, status and start date in the columns beside it, and the Office registers it "
        "when it imports the form.",
    },
    "form.help-commendations": {
        "vi": "Đề nghị khen thưởng: mỗi tập thể hoặc cá nhân một dòng; cột “Tập thể / cá nhân” chọn trong danh sách.",
        "en": "Proposed commendations: one row per collective or individual; choose the “Collective / "
        "individual” column from the list.",
    },
    "form.help-save": {
        "vi": "Có thể điền bằng Microsoft Excel, LibreOffice hoặc WPS. Lưu lại đúng định dạng .xlsx "
        "(Excel: Tệp → Lưu thành → Sổ làm việc Excel (*.xlsx)); không lưu thành .xls hay .ods.",
        "en": "The form can be filled in with Microsoft Excel, LibreOffice or WPS. Save it in the .xlsx format "
        "(Excel: File → Save As → Excel Workbook (*.xlsx)); do not save it as .xls or .ods.",
    },
    "form.help-to-email": {
        "vi": "{to} và gửi qua địa chỉ email {email}",
        "en": "{to} and by e-mail to {email}",
    },
    "form.help-send": {
        "vi": "Gửi tệp đã điền về {to}. Văn bản báo cáo có chữ ký (nếu có) gửi kèm như thường lệ.",
        "en": "Send the filled-in file to {to}. Send the signed report document (if any) with it as usual.",
    },
    "form.help-send-due": {
        "vi": "Gửi tệp đã điền về {to}, hạn gửi: {due}. Văn bản báo cáo có chữ ký (nếu có) gửi kèm như thường lệ.",
        "en": "Send the filled-in file to {to}, due: {due}. Send the signed report document (if any) with it as usual.",
    },
    "form.due-by": {"vi": "chậm nhất ngày {last}", "en": "on {last} at the latest"},
    "form.due-before": {
        "vi": "chậm nhất ngày {last} (nhận trước ngày {day})",
        "en": "on {last} at the latest (received before {day})",
    },
    # the report file that ``dkst import`` writes from a form (Vietnamese, as the skeleton of ``dkst new``)
    "form.import-header": {
        "vi": "Tệp do “dkst import” tạo ngày {day} từ phiếu “{file}”. Dòng bắt đầu bằng # là ghi chú.",
        "en": "File made by “dkst import” on {day} from the form “{file}”. Lines starting with # are comments.",
    },
    "form.import-source": {
        "vi": "tệp phiếu Excel đã nhập bằng dkst import",
        "en": "the Excel form file imported with dkst import",
    },
    "schema-written": {"vi": "Đã ghi {path}", "en": "Wrote {path}"},
    "schema-vscode": {
        "vi": "Thêm đoạn sau vào settings.json của VS Code (tiện ích YAML của Red Hat):",
        "en": "Add this to VS Code's settings.json (Red Hat YAML extension):",
    },
    "progress-reading": {"vi": "Đọc tệp", "en": "Reading files"},
    "figure-none": {"vi": "chưa có đơn vị báo cáo", "en": "not reported by any unit"},
    "tpl.invalid-xml": {
        "vi": "{where}: mẫu tạo ra văn bản Word hỏng ({error})",
        "en": "{where}: the template produces invalid Word XML ({error})",
    },
    # The fixed words of a Vietnamese official document (Nghị định 30/2020) and their English form: the defaults
    # of the letterhead (national name, motto) and what the ``enformula`` filter translates.
    "formula.national": {"vi": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "en": "SOCIALIST REPUBLIC OF VIET NAM"},
    "formula.motto": {"vi": "Độc lập - Tự do - Hạnh phúc", "en": "Independence - Freedom - Happiness"},
    "formula.standing": {"vi": "BAN THƯỜNG TRỰC", "en": "STANDING COMMITTEE"},
    "formula.committee": {"vi": "ỦY BAN", "en": "COMMITTEE"},
    "formula.chair": {"vi": "CHỦ TỊCH", "en": "CHAIR"},
    "formula.vice-chair": {"vi": "PHÓ CHỦ TỊCH", "en": "VICE CHAIR"},
    "formula.head": {"vi": "TRƯỞNG BAN", "en": "HEAD"},
    "formula.deputy-head": {"vi": "PHÓ TRƯỞNG BAN", "en": "DEPUTY HEAD"},
    "formula.chief-of-office": {"vi": "CHÁNH VĂN PHÒNG", "en": "CHIEF OF OFFICE"},
    "formula.deputy-chief-of-office": {"vi": "PHÓ CHÁNH VĂN PHÒNG", "en": "DEPUTY CHIEF OF OFFICE"},
}

#: Catalogue parts of their own, one per feature (``dkst/i18n/<part>.py``, each with a ``TEXTS`` of the same
#: shape), merged into :data:`TEXTS` here; a key defined twice stops the import.
PARTS = ("truth", "trust", "voice", "hands", "previous", "page", "history", "mail", "sheets")


def _merge_parts() -> None:
    import importlib

    for part in PARTS:
        extra: dict[str, dict[str, str]] = importlib.import_module(f"dkst.i18n.{part}").TEXTS
        clash = set(extra) & set(TEXTS)
        if clash:
            raise RuntimeError(f"dkst.i18n.{part} redefines {sorted(clash)}")
        TEXTS.update(extra)


_merge_parts()


def lang_of(lang: str | None) -> str:
    """``--lang``, else ``DKST_LANG``, else Vietnamese."""
    chosen = (lang or os.environ.get("DKST_LANG") or "vi").strip().lower()
    return chosen if chosen in LANGS else "vi"


class _Formatter(string.Formatter):
    """``str.format`` plus English plurals: ``{days:day|days}`` gives “1 day”, “2 days”."""

    def format_field(self, value: Any, format_spec: str) -> Any:
        if "|" in format_spec:
            one, many = format_spec.split("|", 1)
            return f"{value} {one if value == 1 else many}"
        return super().format_field(value, format_spec)


_FORMATTER = _Formatter()


def fill(template: str, **params: Any) -> str:
    """A catalogue template filled in (with :class:`_Formatter`'s plurals; a template without ``|`` has none,
    and ``str.format`` fills it the same, in C)."""
    if "|" not in template:
        return template.format(**params)
    return _FORMATTER.vformat(template, (), params)


def text(key: str, lang: str = "vi", **params: Any) -> str:
    """A user-facing text of ``TEXTS`` in ``lang``, filled in."""
    return fill(TEXTS[key][lang], **{k: show(v) for k, v in params.items()})


def show(value: Any) -> Any:
    """A parameter as a message shows it: a date in the Vietnamese administrative form, anything else as is."""
    if isinstance(value, date):
        return vn_date(value)
    return value


def yaml_problem(params: dict[str, Any], lang: str) -> str:
    """The ``problem`` of a ``yaml-syntax`` finding in ``lang``: what is wrong; what to do; where noticed.

    A ``problem`` that is not one of our kinds (libyaml's own words, as older caches hold) is shown as is.
    """
    kind = params.get("problem") or "yaml.other"
    if kind not in TEXTS:
        return str(kind)
    values = {
        "char": params.get("char") or "",
        "quote": params.get("quote") or '"',
        "bracket": params.get("bracket") or "[",
        "detail": params.get("detail") or "",
    }
    out = fill(TEXTS[kind][lang], **values)
    hint = params.get("hint")
    if hint in TEXTS:
        out += "; " + fill(TEXTS[hint][lang], **values)
    if params.get("noticed"):
        out += fill(TEXTS["yaml.noticed"][lang], line=params["noticed"])
    return out
