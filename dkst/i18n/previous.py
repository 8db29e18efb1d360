"""Catalogue part: same period last year: previous, jump (merged into :data:`dkst.i18n.TEXTS`)."""

TEXTS: dict[str, dict[str, str]] = {
    # a report's sentence about a total against the same period last year (dkst.documents.filters.compare)
    "prev.up": {"vi": "tăng {pct} so với cùng kỳ năm {year}", "en": "up {pct} on the same period of {year}"},
    "prev.down": {"vi": "giảm {pct} so với cùng kỳ năm {year}", "en": "down {pct} on the same period of {year}"},
    "prev.same": {"vi": "bằng cùng kỳ năm {year}", "en": "the same as in the same period of {year}"},
    "prev.about": {"vi": "tương đương cùng kỳ năm {year}", "en": "about the same as in the same period of {year}"},
    # the columns of aggregate's tables and of the report's appendix
    "agg-col-previous": {"vi": "Cùng kỳ", "en": "Same period last year"},
    "agg-col-change": {"vi": "Tăng, giảm", "en": "Change"},
    "agg-previous-note": {
        "vi": "“Cùng kỳ”: số liệu cùng kỳ năm {year} ({path}); “Tăng, giảm”: so với cùng kỳ.",
        "en": "“Same period last year”: the figures of the same period of {year} ({path}); “Change”: against them.",
    },
    "agg-previous-none": {
        "vi": "“Cùng kỳ”: chưa đọc được bộ dữ liệu năm trước ({path}).",
        "en": "“Same period last year”: last year's dataset could not be read ({path}).",
    },
    # dkst init DIR --from LAST_YEAR_DIR
    "help.init.from": {
        "vi": "Tạo bộ dữ liệu năm mới từ bộ dữ liệu năm trước: danh sách đơn vị, loại đơn vị, chỉ tiêu, yêu cầu; "
        "ngày tháng lùi sang năm sau; previous trỏ về năm trước.",
        "en": "Start the new year's dataset from last year's: the units, kinds, indicators and requirements, with "
        "dates moved a year forward, and previous pointing back.",
    },
    "init-from-alone": {
        "vi": "--from không dùng cùng --sample hay --year (năm mới là năm sau của bộ dữ liệu năm trước)",
        "en": "--from does not go with --sample or --year (the new year is the one after last year's dataset)",
    },
    "from-not-dataset": {
        "vi": "{path} không phải bộ dữ liệu (không có plan.yaml)",
        "en": "{path} is not a dataset (it has no plan.yaml)",
    },
    "from-broken-plan": {
        "vi": "{path} có lỗi; chạy dkst check trong bộ dữ liệu năm trước, sửa rồi thử lại",
        "en": "{path} has errors; run dkst check in last year's dataset, fix them and try again",
    },
    "init-from-done": {
        "vi": "Đã tạo bộ dữ liệu năm {year} trong {path} từ bộ dữ liệu năm trước {last}:",
        "en": "Created the {year} dataset in {path} from last year's {last}:",
    },
    "init-from-plan-header": {
        "vi": "# Kế hoạch năm {year}, tạo bằng dkst init --from {last}: đơn vị, chỉ tiêu, yêu cầu như năm trước,\n"
        "# ngày tháng đã lùi sang năm {year}. Hãy chép lại trích yếu, số, ngày ban hành (number, issued) và các văn\n"
        "# bản cấp trên (based_on) của Kế hoạch năm nay; previous trỏ về bộ dữ liệu năm trước để so với cùng kỳ.\n",
        "en": "# The {year} plan, made by dkst init --from {last}: units, indicators and requirements as last year,\n"
        "# dates moved to {year}. Copy in this year's title, number and date (number, issued) and the plans it\n"
        "# implements (based_on); previous points at last year's dataset, for the comparison with it.\n",
    },
    "init-from-units-header": {
        "vi": "# Danh sách đơn vị năm {year}, chép từ năm trước (bỏ các khoản miễn exempt: mỗi năm xét lại).\n",
        "en": "# The units of {year}, copied from last year (without exemptions: they are granted year by year).\n",
    },
}
