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
}
