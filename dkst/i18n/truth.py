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
    # a received report left out of the totals: its file has an error
    "st-left-out": {"vi": "! lỗi dữ liệu", "en": "! data error"},
    "sc-left-out": {"vi": "! lỗi dữ liệu", "en": "! data error"},
}
