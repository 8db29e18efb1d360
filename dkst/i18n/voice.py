"""Catalogue part: the committee's own voice: narrative, phrases, levels, English documents (merged into
:data:`dkst.i18n.TEXTS`)."""

TEXTS: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------ placeholders (the report shows them highlighted)
    "hole.assessment": {
        "vi": "[Ban Thường trực bổ sung: đánh giá chung]",
        "en": "[Standing Committee to add: overall assessment]",
    },
    "hole.limitations": {
        "vi": "[Ban Thường trực bổ sung: hạn chế]",
        "en": "[Standing Committee to add: limitations]",
    },
    "hole.causes": {
        "vi": "[Ban Thường trực bổ sung: nguyên nhân]",
        "en": "[Standing Committee to add: causes]",
    },
    "hole.tasks": {
        "vi": "[Ban Thường trực bổ sung: phương hướng, nhiệm vụ thời gian tới]",
        "en": "[Standing Committee to add: tasks for the coming period]",
    },
    "hole.proposals": {
        "vi": "[Ban Thường trực bổ sung: đề xuất, kiến nghị]",
        "en": "[Standing Committee to add: proposals]",
    },
    "hole.signer-name": {
        "vi": "[Họ và tên người ký]",
        "en": "[Name of the signer]",
    },
    "hole.number": {
        "vi": "…",
        "en": "…",
    },
    # ------------------------------------------------------------ warnings of dkst render (standard error)
    "voice.no-narrative": {
        "vi": "Chưa có {path}: báo cáo để chỗ trống có đánh dấu cho đánh giá chung, hạn chế, nguyên nhân, phương "
        "hướng nhiệm vụ và đề xuất của Ban Thường trực (tạo tệp bằng: dkst new narrative {period})",
        "en": "No {path}: the report leaves marked gaps for the Standing Committee's assessment, limitations, "
        "causes, tasks and proposals (create it with: dkst new narrative {period})",
    },
    "voice.no-key": {
        "vi": "{path}: chưa có “{field}” ({what}); báo cáo để chỗ trống có đánh dấu",
        "en": "{path}: no “{field}” ({what}); the report leaves a marked gap",
    },
    "voice.no-signer": {
        "vi": "plan.yaml: chưa có “signer.name” (họ và tên người ký); báo cáo để chỗ trống có đánh dấu dưới chữ ký",
        "en": "plan.yaml: no “signer.name” (the signer's name); the report leaves a marked gap under the signature",
    },
    "voice.no-signer-letters": {
        "vi": "plan.yaml: chưa có “signer.name” (họ và tên người ký); giấy nhắc để chỗ trống có đánh dấu dưới chữ ký",
        "en": "plan.yaml: no “signer.name” (the signer's name); the letters leave a marked gap under the signature",
    },
    "voice.no-number": {
        "vi": "{path}: chưa có “number” (số báo cáo); báo cáo để “Số: …” để điền tay",
        "en": "{path}: no “number” (the report's number); the report leaves “No.: …” to fill in by hand",
    },
    "voice.key.assessment": {"vi": "đánh giá chung", "en": "overall assessment"},
    "voice.key.limitations": {"vi": "hạn chế", "en": "limitations"},
    "voice.key.causes": {"vi": "nguyên nhân", "en": "causes"},
    "voice.key.tasks": {"vi": "phương hướng, nhiệm vụ", "en": "tasks"},
    "voice.key.proposals": {"vi": "đề xuất, kiến nghị", "en": "proposals"},
    # ------------------------------------------------------------ sentences of part I
    "voice.units-did": {"vi": "Các đơn vị đã {clauses}", "en": "The units {clauses}"},
    "voice.units-had": {"vi": "Trong kỳ, có {clauses}", "en": "During the period, the units reported {clauses}"},
    "voice.counted": {
        "vi": "; số liệu tổng hợp từ báo cáo của {n} đơn vị.",
        "en": "; figures from the reports of {n:unit|units}.",
    },
    "voice.none": {
        "vi": "Chưa có đơn vị nào báo cáo số liệu về {labels}.",
        "en": "No unit has reported figures for {labels}.",
    },
    "voice.and": {"vi": " và ", "en": " and "},
    "voice.standing": {"vi": "Ban Thường trực", "en": "the Standing Committee"},
    "voice.standing-cap": {"vi": "Ban Thường trực", "en": "The Standing Committee"},
    "voice.self-status": {"vi": "Ban Thường trực", "en": "Standing Committee"},
    # ------------------------------------------------------------ the tasks' heading, by period
    "voice.tasks-half": {
        "vi": "PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM {year}",
        "en": "TASKS FOR THE SECOND HALF OF {year}",
    },
    "voice.tasks-year": {
        "vi": "PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {year}",
        "en": "TASKS FOR {year}",
    },
    "voice.tasks-next": {
        "vi": "PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
        "en": "TASKS FOR THE COMING PERIOD",
    },
    # ------------------------------------------------------------ English period names made from dates
    "voice.period-half1": {"vi": "6 tháng đầu năm {year}", "en": "first half of {year}"},
    "voice.period-half2": {"vi": "6 tháng cuối năm {year}", "en": "second half of {year}"},
    "voice.period-year": {"vi": "năm {year}", "en": "year {year}"},
    "voice.period-quarter": {"vi": "quý {q} năm {year}", "en": "Q{q} {year}"},
    "voice.period-month": {"vi": "tháng {month} năm {year}", "en": "{month} {year}"},
    "voice.period-span": {"vi": "từ {start} đến {end}", "en": "{start} to {end}"},
    # ------------------------------------------------------------ level words (English)
    "level.xã": {"vi": "xã", "en": "commune"},
    "level.phường": {"vi": "phường", "en": "ward"},
    "level.thị trấn": {"vi": "thị trấn", "en": "township"},
    "level.huyện": {"vi": "huyện", "en": "district"},
    "level.quận": {"vi": "quận", "en": "district"},
    "level.thị xã": {"vi": "thị xã", "en": "town"},
    "level.thành phố": {"vi": "thành phố", "en": "city"},
    "level.tỉnh": {"vi": "tỉnh", "en": "province"},
    "level.trung ương": {"vi": "Trung ương", "en": "central level"},
    "level.superior-body": {
        "vi": "Ủy ban MTTQ Việt Nam {level}",
        "en": "the Viet Nam Fatherland Front Committee of the {level}",
    },
    "level.central-body": {
        "vi": "Ủy ban Trung ương MTTQ Việt Nam",
        "en": "the Central Committee of the Viet Nam Fatherland Front",
    },
    "voice.letterhead-front": {"vi": "MẶT TRẬN TỔ QUỐC VIỆT NAM", "en": "VIET NAM FATHERLAND FRONT"},
    "voice.letterhead-committee": {"vi": "ỦY BAN", "en": "COMMITTEE"},
    "voice.letterhead-place": {"vi": "{level} {place}", "en": "of {place} {level}"},
    # the copy on file of a document ("Lưu: VT, PT."), in English under --lang en (the enformula filter)
    "filed.word": {"vi": "Lưu", "en": "Archived"},
    "filed.vt": {"vi": "VT", "en": "Records Office"},
    "filed.pt": {"vi": "PT", "en": "Movement Department"},
    "filed.vp": {"vi": "VP", "en": "Office"},
    "filed.tc": {"vi": "TC", "en": "Organisation Department"},
    "filed.tckt": {"vi": "TCKT", "en": "Finance Department"},
    "level.unit-committee": {"vi": "cấp trên", "en": "the level above"},
    # ------------------------------------------------------------ dkst new narrative
    "hint-narrative": {
        "vi": "Mở tệp, viết lời của Ban Thường trực (đánh giá chung, hạn chế, nguyên nhân, nhiệm vụ, đề xuất), rồi "
        "chạy: dkst check",
        "en": "Open the file, write the Standing Committee's words (assessment, limitations, causes, tasks, "
        "proposals), then run: dkst check",
    },
    "help.new.narrative": {
        "vi": "Tạo narrative/<kỳ>.yaml: lời của Ban Thường trực cho báo cáo của kỳ (đánh giá chung, hạn chế, "
        "nguyên nhân, phương hướng nhiệm vụ, đề xuất).",
        "en": "Create narrative/<period>.yaml: the Standing Committee's own words for the period's report "
        "(assessment, limitations, causes, tasks, proposals).",
    },
}
