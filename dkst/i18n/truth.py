"""Catalogue part: one truth: left-out reports, provisional figures, broken registry (merged into
:data:`dkst.i18n.TEXTS`)."""

TEXTS: dict[str, dict[str, str]] = {
    # the one gate of the commands that compute figures (dkst.cli.options.require_sound)
    "figures-blocked": {
        "vi": "{where}: {message} (plan.yaml/units.yaml có {n} lỗi; chưa tính được số liệu: sửa theo dkst check "
        "rồi chạy lại)",
        "en": "{where}: {message} ({n:error|errors} in plan.yaml/units.yaml; no figures until fixed: see dkst check)",
    },
    # a rule with no counted report to judge yet
    "st-pending-rule": {"vi": "… chưa có báo cáo", "en": "… no report yet"},
    "sc-pending-rule": {"vi": "…", "en": "…"},
    # one line on standard error per left-out report (aggregate, render, remind, rollup)
    "left-out-warning": {
        "vi": "Báo cáo của {name} có lỗi số liệu, chưa được tổng hợp: {where}: {message}",
        "en": "The report of {name} has data errors and is left out of the figures: {where}: {message}",
    },
    # figures while some owing unit's report is not yet due
    "provisional-warning": {
        "vi": "Số liệu tạm tính: còn {n} đơn vị chưa đến hạn gửi báo cáo (hạn cuối: {deadline})",
        "en": "Provisional figures: {n:unit is|units are} not yet due to send the report (last on-time day: "
        "{deadline})",
    },
    "provisional-line": {
        "vi": "Số liệu tạm tính đến ngày {as_of}; còn {n} đơn vị chưa đến hạn gửi báo cáo.",
        "en": "Provisional figures as of {as_of}; {n:unit is|units are} not yet due to send the report.",
    },
    # a received report left out of the totals: its file has an error
    "st-left-out": {"vi": "! lỗi dữ liệu", "en": "! data error"},
    "sc-left-out": {"vi": "! lỗi dữ liệu", "en": "! data error"},
}
