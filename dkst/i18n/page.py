"""Catalogue part: the page for leaders (render --format html) and its charts (merged into :data:`dkst.i18n.TEXTS`).

Keys ``page.w.*`` are the page's own words: the template reads them as ``words.<rest>``
(:func:`dkst.documents.page.words`)."""

TEXTS: dict[str, dict[str, str]] = {
    # the page's words (templates/report.html.j2 reads them as words.*)
    "page.w.title": {
        "vi": "Kết quả thực hiện Phong trào thi đua “Đoàn kết sáng tạo”",
        "en": "Results of the emulation movement “Đoàn kết sáng tạo”",
    },
    "page.w.as-of": {"vi": "Số liệu tính đến ngày", "en": "Figures as of"},
    "page.w.deadline": {"vi": "Hạn cuối nhận báo cáo", "en": "Last on-time day"},
    "page.w.contents": {"vi": "Nội dung", "en": "Contents"},
    "page.w.reports": {"vi": "Tình hình gửi báo cáo", "en": "Reports received"},
    "page.w.expected": {"vi": "Phải báo cáo", "en": "Expected"},
    "page.w.received": {"vi": "Đã gửi", "en": "Received"},
    "page.w.on-time": {"vi": "Đúng hạn", "en": "On time"},
    "page.w.late": {"vi": "Trễ hạn", "en": "Late"},
    "page.w.missing": {"vi": "Quá hạn chưa gửi", "en": "Overdue"},
    "page.w.pending": {"vi": "Chưa đến hạn", "en": "Not yet due"},
    "page.w.invalid": {"vi": "Tệp không hợp lệ", "en": "Invalid file"},
    "page.w.left-out": {"vi": "Lỗi số liệu, chưa tổng hợp", "en": "Left out: data errors"},
    "page.w.completeness": {"vi": "Tỷ lệ đã gửi", "en": "Completeness"},
    "page.w.timeliness": {"vi": "Tỷ lệ đúng hạn", "en": "Timeliness"},
    "page.w.kind": {"vi": "Loại đơn vị", "en": "Kind of unit"},
    "page.w.all-units": {"vi": "Tổng cộng", "en": "All units"},
    "page.w.attention": {"vi": "Đơn vị cần đôn đốc", "en": "Units to follow up"},
    "page.w.missing-list": {"vi": "Quá hạn, chưa gửi báo cáo", "en": "Overdue: no report yet"},
    "page.w.pending-list": {"vi": "Chưa đến hạn gửi báo cáo", "en": "Report not yet due"},
    "page.w.left-out-list": {
        "vi": "Báo cáo có lỗi số liệu, chưa được tổng hợp",
        "en": "Reports with data errors, left out of the figures",
    },
    "page.w.nobody-missing": {
        "vi": "Không có đơn vị nào quá hạn chưa gửi báo cáo.",
        "en": "No unit is overdue with its report.",
    },
    "page.w.indicators": {"vi": "Kết quả theo chỉ tiêu", "en": "Results by indicator"},
    "page.w.total": {"vi": "Tổng số", "en": "Total"},
    "page.w.reports-giving": {"vi": "Số báo cáo có chỉ tiêu", "en": "Reports giving it"},
    "page.w.previous": {"vi": "Cùng kỳ năm trước", "en": "Same period last year"},
    "page.w.change": {"vi": "Tăng, giảm", "en": "Change"},
    "page.w.not-reported": {"vi": "Chưa có đơn vị nào báo cáo chỉ tiêu này.", "en": "No unit has reported it."},
    "page.w.by-unit": {"vi": "Số liệu từng đơn vị", "en": "Each unit's figure"},
    "page.w.unit": {"vi": "Đơn vị", "en": "Unit"},
    "page.w.figure": {"vi": "Số liệu", "en": "Figure"},
    "page.w.no": {"vi": "TT", "en": "No."},
    "page.w.models": {"vi": "Mô hình “Đoàn kết sáng tạo”", "en": "“Đoàn kết sáng tạo” models"},
    "page.w.models-total": {"vi": "Tổng số mô hình", "en": "Models in all"},
    "page.w.models-new": {"vi": "Xây dựng mới", "en": "New"},
    "page.w.models-replicated": {"vi": "Nhân rộng", "en": "Replicated"},
    "page.w.models-in-progress": {"vi": "Đang triển khai", "en": "In progress"},
    "page.w.models-completed": {"vi": "Hoàn thành", "en": "Completed"},
    "page.w.models-propose": {"vi": "Đề xuất nhân rộng", "en": "Proposed for replication"},
    "page.w.models-none": {"vi": "Trong kỳ chưa có mô hình nào.", "en": "No model in the period."},
    "page.w.grid": {"vi": "Tình hình thực hiện các yêu cầu", "en": "Requirements, unit by unit"},
    "page.w.key": {"vi": "Ký hiệu", "en": "Key"},
    "page.w.days-overdue": {"vi": "quá hạn {n} ngày", "en": "{n} days overdue"},
    "page.w.days-left": {"vi": "còn {n} ngày", "en": "{n} days left"},
    "page.w.footer": {
        "vi": "Trang do dkst tạo từ bộ dữ liệu; số liệu là số liệu tổng hợp của dkst aggregate.",
        "en": "Made by dkst from the dataset; the figures are those of dkst aggregate.",
    },
    "page.provisional": {
        "vi": "Số liệu tạm tính đến ngày {as_of}; còn {n} đơn vị chưa đến hạn gửi báo cáo.",
        "en": "Provisional figures as of {as_of}; the reports of {n} units are not yet due.",
    },
    # the charts (dkst.documents.charts)
    "page.chart.received": {"vi": "Đã gửi", "en": "Received"},
    "page.chart.on-time": {"vi": "Đúng hạn", "en": "On time"},
    "page.all-units": {"vi": "Tổng cộng", "en": "All units"},
    "page.chart.completeness": {
        "vi": "Tỷ lệ đơn vị đã gửi báo cáo và gửi đúng hạn, theo loại đơn vị",
        "en": "Units that sent their report, and on time, by kind of unit",
    },
    "page.chart.completeness-desc": {
        "vi": "Mỗi loại đơn vị hai thanh: tỷ lệ đã gửi báo cáo và tỷ lệ gửi đúng hạn trên số đơn vị phải báo cáo.",
        "en": "Two bars per kind of unit: the share of units owing a report that sent it, and that sent it on time.",
    },
    "page.chart.on_time": {"vi": "Đúng hạn", "en": "On time"},
    "page.chart.late": {"vi": "Trễ hạn", "en": "Late"},
    "page.chart.missing": {"vi": "Quá hạn chưa gửi", "en": "Overdue"},
    "page.chart.pending": {"vi": "Chưa đến hạn", "en": "Not yet due"},
    "page.chart.invalid": {"vi": "Tệp không hợp lệ", "en": "Invalid file"},
    "page.chart.left_out": {"vi": "Lỗi số liệu", "en": "Data errors"},
    "page.chart.statuses": {"vi": "Số đơn vị theo tình trạng báo cáo", "en": "Units by the state of their report"},
    "page.chart.statuses-desc": {
        "vi": "Số đơn vị phải báo cáo đã gửi đúng hạn, trễ hạn, quá hạn chưa gửi, chưa đến hạn; số báo cáo có lỗi "
        "số liệu chưa được tổng hợp.",
        "en": "Units owing a report that sent it on time, late, are overdue or not yet due; reports left out for "
        "data errors.",
    },
    "page.chart.indicator": {"vi": "{label} ({unit}), theo đơn vị", "en": "{label} ({unit}), by unit"},
    "page.chart.indicator-desc": {
        "vi": "{label}: số liệu của từng đơn vị, từ lớn đến nhỏ.",
        "en": "{label}: each unit's figure, largest first.",
    },
    "page.chart.models": {"vi": "Mô hình theo tình trạng", "en": "Models by status"},
    "page.chart.models-desc": {
        "vi": "Số mô hình đang triển khai và đã hoàn thành, chia theo xây dựng mới và nhân rộng.",
        "en": "Models in progress and completed, split into new and replicated.",
    },
}
