"""Write a synthetic dkst dataset of N units, for benchmarks.

    python benchmarks/generate.py OUT_DIR --units N [--seed S] [--force]

The dataset follows the layout of the spec (docs/format.md): ``plan.yaml`` (the 2023 “Đoàn kết sáng tạo”
plan of a city Fatherland Front committee), ``units.yaml`` (one city, ~10% member organisations, the
rest wards and communes), and for each unit its implementing plan, two models and the H1 and Y
reports, about five files per unit of the size a clerk would type (~0.5-1.5 KB).

Things vary the way they do in a real year: ~85% of the reports arrive on time, ~10% late, ~5% never;
a few reports break the plan's rule (fewer participants than sessions); a few units have no counting
model or no plan of their own; a few are exempt from the 6-month report; some dates are written
day-first, some enum values in Vietnamese, some indicators are left out (not reported). Every date is
in 2023.

The output is the same bytes for the same ``--units`` and ``--seed``. The YAML is written as text,
not through a YAML emitter, so that 10,000 units (~50,000 files) take seconds. A file
``.dkst-bench.json`` at the root records how the dataset was made (dkst ignores dotfiles).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

#: Bump when the output changes, so that cached benchmark datasets are regenerated.
GENERATOR_VERSION = 2
#: dkst refuses a file over 1 MiB (docs/format.md, ``file-too-large``): units.yaml must stay under it.
MAX_FILE_BYTES = 1024 * 1024
MARKER = ".dkst-bench.json"

YEAR = 2023
AS_OF = date(2023, 12, 20)  # the as-of date the benchmarks use

INDICATORS = [
    ("propaganda_sessions", "Số buổi tuyên truyền về Phong trào “Đoàn kết sáng tạo”", "buổi"),
    ("propaganda_participants", "Số lượt người tham dự các buổi tuyên truyền", "lượt người"),
    ("forums", "Số diễn đàn, buổi gặp gỡ, đối thoại về ý tưởng sáng tạo", "cuộc"),
    ("ideas", "Số ý tưởng, sáng kiến được đề xuất", "ý tưởng"),
    ("supervisions", "Số cuộc giám sát việc thực hiện chính sách hỗ trợ sáng tạo", "cuộc"),
    ("critiques", "Số cuộc phản biện xã hội, góp ý dự thảo chính sách", "cuộc"),
]

# (short name of a member organisation, its full name without the number)
MEMBER_ORGS = [
    ("Liên đoàn Lao động", "Liên đoàn Lao động thành phố"),
    ("Hội Nông dân", "Hội Nông dân thành phố"),
    ("Đoàn Thanh niên", "Đoàn TNCS Hồ Chí Minh thành phố"),
    ("Hội Phụ nữ", "Hội Liên hiệp Phụ nữ thành phố"),
    ("Hội Cựu chiến binh", "Hội Cựu chiến binh thành phố"),
    ("Hội Chữ thập đỏ", "Hội Chữ thập đỏ thành phố"),
    ("Hội Người cao tuổi", "Hội Người cao tuổi thành phố"),
    ("Hội Khuyến học", "Hội Khuyến học thành phố"),
    ("Hội Luật gia", "Hội Luật gia thành phố"),
    ("Hội Doanh nhân trẻ", "Hội Doanh nhân trẻ thành phố"),
    ("Hội Cựu thanh niên xung phong", "Hội Cựu thanh niên xung phong thành phố"),
    ("Liên hiệp các Hội KH&KT", "Liên hiệp các Hội Khoa học và Kỹ thuật thành phố"),
]

WARD_NAMES = [
    "Hòa Thuận",
    "An Mỹ",
    "An Sơn",
    "An Xuân",
    "An Phú",
    "Phước Hòa",
    "Tân Thạnh",
    "Trường Xuân",
    "Hòa Hương",
    "An Hà",
    "Tân An",
    "Cẩm Phô",
    "Minh An",
    "Sơn Phong",
    "Thanh Hà",
    "Điện Nam Bắc",
    "Điện Ngọc",
    "Vĩnh Điện",
    "Hòa Khánh Bắc",
    "Thạc Gián",
    "Phước Ninh",
    "Thuận Phước",
    "Xuân Hà",
    "Mỹ An",
    "Khuê Trung",
    "Hòa Cường Nam",
    "Nại Hiên Đông",
    "Thọ Quang",
    "Quảng Phú",
    "Nghĩa Chánh",
]

COMMUNE_NAMES = [
    "Tam Thanh",
    "Tam Thăng",
    "Tam Phú",
    "Tam Ngọc",
    "Tam Hòa",
    "Tam Xuân",
    "Tam Đàn",
    "Tam Lộc",
    "Tam An",
    "Tam Thành",
    "Bình Sa",
    "Bình Triều",
    "Duy Hòa",
    "Duy Nghĩa",
    "Đại Lộc",
    "Điện Quang",
    "Quế Xuân",
    "Quế Phú",
    "Tiên Cảnh",
    "Trà Đốc",
    "Phước Đức",
    "Hiệp Đức",
    "Thăng Phước",
    "Cẩm Thanh",
    "Cẩm Kim",
    "Tân Hiệp",
    "Quế Trung",
    "Sông Kôn",
    "A Vương",
    "Lăng",
    "Tà Lu",
    "Ba",
    "Ka Dăng",
]

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Huỳnh",
    "Hoàng",
    "Phan",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Đinh",
    "Trương",
    "Đoàn",
]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Ngọc", "Thanh", "Hữu", "Quang", "Thị Thu", "Công", "Xuân"]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Hà",
    "Hải",
    "Hùng",
    "Hương",
    "Khoa",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Nam",
    "Nga",
    "Phúc",
    "Phương",
    "Quý",
    "Sơn",
    "Tâm",
    "Thảo",
    "Thủy",
    "Trung",
    "Tuấn",
    "Vân",
    "Việt",
    "Yến",
    "Ánh",
    "Đạt",
    "Ơn",
]

# (model id stem, name, field)
MODELS = [
    ("phan-loai-rac-tai-nguon", "Mô hình “Phân loại rác thải tại nguồn”", "Môi trường"),
    ("tuyen-duong-no-hoa", "Mô hình “Tuyến đường nở hoa”", "Môi trường"),
    ("camera-an-ninh", "Mô hình “Camera an ninh khu dân cư”", "An ninh trật tự"),
    ("bep-an-tinh-thuong", "Mô hình “Bếp ăn tình thương”", "An sinh xã hội"),
    ("tu-sach-cong-dong", "Mô hình “Tủ sách cộng đồng”", "Văn hóa"),
    ("nuoi-heo-dat-giup-ban", "Mô hình “Nuôi heo đất giúp bạn nghèo”", "An sinh xã hội"),
    ("vuon-rau-sach", "Mô hình “Vườn rau sạch hộ gia đình”", "Kinh tế"),
    ("to-hop-tac-chan-nuoi", "Mô hình “Tổ hợp tác chăn nuôi bò sinh sản”", "Kinh tế"),
    ("chuyen-doi-so-khu-pho", "Mô hình “Khu phố chuyển đổi số”", "Chuyển đổi số"),
    ("thanh-toan-khong-tien-mat", "Mô hình “Chợ 4.0 thanh toán không dùng tiền mặt”", "Chuyển đổi số"),
    ("ngoi-nha-nhan-ai", "Mô hình “Ngôi nhà nhân ái”", "An sinh xã hội"),
    ("dong-ho-xanh", "Mô hình “Dòng họ xanh, sạch, đẹp”", "Môi trường"),
    ("khoi-nghiep-phu-nu", "Mô hình “Phụ nữ khởi nghiệp sáng tạo”", "Kinh tế"),
    ("thap-sang-duong-que", "Mô hình “Thắp sáng đường quê”", "Xây dựng nông thôn mới"),
    ("hoa-giai-o-co-so", "Mô hình “Tổ hòa giải ở cơ sở hoạt động hiệu quả”", "An ninh trật tự"),
    ("nong-san-ocop", "Mô hình “Liên kết tiêu thụ nông sản OCOP”", "Kinh tế"),
    ("bo-ke-chong-sat-lo", "Mô hình “Trồng cây chắn sóng, chống sạt lở bờ sông”", "Môi trường"),
    ("qua-tang-hoc-bong", "Mô hình “Học bổng tiếp sức đến trường”", "Giáo dục"),
]

HIGHLIGHTS = [
    "Ban Thường trực đã phối hợp với các tổ chức chính trị - xã hội cùng cấp triển khai Phong trào "
    "“Đoàn kết sáng tạo” đến 100% khu dân cư.",
    "Công tác tuyên truyền được thực hiện đa dạng qua hội nghị, tọa đàm, loa truyền thanh và trang "
    "cộng đồng trên mạng xã hội.",
    "Nhiều hộ gia đình mạnh dạn đề xuất ý tưởng cải tiến kỹ thuật trong sản xuất, kinh doanh, góp phần "
    "nâng cao thu nhập.",
    "Đã tổ chức diễn đàn gặp gỡ, đối thoại giữa lãnh đạo địa phương với các hộ sản xuất, kinh doanh để "
    "lắng nghe ý tưởng sáng tạo.",
    "Phối hợp giám sát việc thực hiện chính sách hỗ trợ phát triển khoa học, công nghệ tại địa phương đúng kế hoạch.",
    "Mô hình do Mặt trận chủ trì được Nhân dân đồng tình hưởng ứng, nhiều hộ tự nguyện đóng góp ngày công và kinh phí.",
    "Phong trào được lồng ghép hiệu quả với Cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh”.",
    "Đoàn viên, hội viên tích cực tham gia “Ngân hàng ý tưởng sáng tạo”, nhiều ý tưởng được áp dụng vào thực tiễn.",
    "Các chi hội đã biểu dương kịp thời những tập thể, cá nhân điển hình trong phong trào.",
    "Kết quả thực hiện Phong trào góp phần giữ vững an ninh trật tự và cải thiện cảnh quan môi trường khu dân cư.",
]

LIMITATIONS = [
    "Một số khu dân cư triển khai còn chậm, chưa có cách làm mới.",
    "Kinh phí hỗ trợ cho các mô hình còn hạn chế, chủ yếu dựa vào sự đóng góp của Nhân dân.",
    "Công tác thông tin, báo cáo của một số chi hội chưa kịp thời, số liệu chưa đầy đủ.",
    "Việc nhân rộng các mô hình hiệu quả còn gặp khó khăn do điều kiện mỗi địa bàn khác nhau.",
    "Một bộ phận Nhân dân chưa thật sự quan tâm đến phong trào, việc đề xuất ý tưởng còn ít.",
    "Đội ngũ cán bộ Mặt trận ở cơ sở kiêm nhiệm nhiều việc nên thời gian dành cho phong trào chưa nhiều.",
    "Hoạt động giám sát, phản biện xã hội chưa thường xuyên, nội dung còn chung chung.",
]

PROPOSALS = [
    "Đề nghị Ban Thường trực thành phố tổ chức tập huấn nghiệp vụ cho cán bộ Mặt trận cơ sở.",
    "Đề nghị thành phố bố trí kinh phí hỗ trợ duy trì và nhân rộng các mô hình hiệu quả.",
    "Kiến nghị tổ chức sơ kết, biểu dương các điển hình tiêu biểu trong Phong trào vào cuối năm.",
    "Đề nghị ban hành mẫu báo cáo thống nhất để thuận tiện cho việc tổng hợp số liệu.",
    "Đề nghị các ngành chức năng phối hợp hướng dẫn kỹ thuật cho các hộ tham gia mô hình.",
    "Kiến nghị tăng cường giới thiệu mô hình hay trên trang thông tin điện tử của Mặt trận thành phố.",
]

ACHIEVEMENTS = [
    "Có thành tích xuất sắc trong Phong trào “Đoàn kết sáng tạo” năm 2023",
    "Tích cực vận động Nhân dân tham gia xây dựng mô hình tại khu dân cư",
    "Có nhiều ý tưởng, sáng kiến được áp dụng vào thực tiễn sản xuất",
    "Điển hình trong tuyên truyền, vận động thực hiện Phong trào",
    "Đóng góp ngày công, kinh phí xây dựng công trình phúc lợi",
]

COLLECTIVES = [
    "Ban Công tác Mặt trận khu phố",
    "Ban Công tác Mặt trận thôn",
    "Chi hội Nông dân thôn",
    "Chi đoàn khối phố",
    "Chi hội Phụ nữ tổ dân phố",
    "Tổ hợp tác sản xuất rau an toàn",
]

MODEL_SUMMARIES = [
    "Vận động các hộ gia đình tham gia, mỗi tháng sinh hoạt định kỳ để chia sẻ kinh nghiệm.",
    "Huy động nguồn lực xã hội hóa từ con em xa quê và các doanh nghiệp trên địa bàn.",
    "Phân công đoàn viên, hội viên phụ trách từng tuyến đường, từng cụm dân cư.",
    "Lồng ghép với cuộc vận động xây dựng khu dân cư văn hóa, kiểu mẫu.",
]
MODEL_RESULTS = [
    "Sau thời gian triển khai, cảnh quan được cải thiện rõ rệt, Nhân dân đồng tình ủng hộ.",
    "Thu nhập bình quân của các hộ tham gia tăng khoảng 15% so với năm trước.",
    "Đã hỗ trợ kịp thời cho các hộ khó khăn, góp phần giảm nghèo bền vững.",
    "Tình hình an ninh trật tự ổn định, không để xảy ra vụ việc phức tạp.",
]

MODEL_STATUS_CUM = [("in_progress", 0.58), ("completed", 0.88), ("registered", 0.96), ("stopped", 1.01)]
STATUS_VI = {
    "registered": "đăng ký",
    "in_progress": "đang triển khai",
    "completed": "hoàn thành",
    "stopped": "dừng",
}
ORIGIN_VI = {"new": "mới", "replicated": "nhân rộng"}
KIND_VI = {"collective": "tập thể", "individual": "cá nhân"}


# ------------------------------------------------------------------ text helpers


def slug(text: str) -> str:
    """``Hòa Thuận`` → ``hoa-thuan``; ``Đoàn`` → ``doan``."""
    text = text.replace("Đ", "D").replace("đ", "d")
    text = unicodedata.normalize("NFD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


_PLAIN_BAD_START = set("-?:,[]{}#&*!|>'\"%@`")
_PLAIN_LOOKS_TYPED = re.compile(
    r"^(?:[-+]?[0-9][0-9_.:eE+-]*|~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|no|on|off)$"
)


def q(text: str) -> str:
    """A YAML scalar for ``text``: plain where that is safe, else double-quoted (JSON is YAML)."""
    if (
        text
        and text[0] not in _PLAIN_BAD_START
        and text == text.strip()
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
        and "\n" not in text
        and not _PLAIN_LOOKS_TYPED.match(text)
    ):
        return text
    return json.dumps(text, ensure_ascii=False)


def block(key: str, sentences: list[str], indent: str = "") -> str:
    """A folded block scalar, one sentence a line, as a clerk would type a paragraph."""
    inner = indent + "  "
    return f"{indent}{key}: >-\n" + "".join(f"{inner}{s}\n" for s in sentences)


def person(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def day_between(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, (last - first).days))


def fmt_date(d: date, rng: random.Random) -> str:
    """Mostly ISO; sometimes day-first, as typed from a paper document."""
    r = rng.random()
    if r < 0.85:
        return d.isoformat()
    if r < 0.95:
        return f"{d.day:02d}/{d.month:02d}/{d.year}"
    return f"{d.day}.{d.month}.{d.year}"


# ------------------------------------------------------------------ the dataset


@dataclass(slots=True)
class Unit:
    index: int
    id: str
    name: str
    kind: str
    short_name: str | None = None
    email: str | None = None
    exempt: dict[str, str] = field(default_factory=dict)


def build_units(n: int, seed: int) -> list[Unit]:
    """The registry in official order: the city, member organisations, wards, communes."""
    if n < 1:
        raise ValueError("--units must be at least 1")
    rng = random.Random(f"units:{seed}")
    n_member = round((n - 1) * 0.10) if n > 1 else 0
    n_ward = round((n - 1 - n_member) * 0.42)
    n_commune = n - 1 - n_member - n_ward
    width = max(4, len(str(n)))
    units = [
        Unit(
            0,
            "thanh-pho-tam-ky",
            "Ủy ban MTTQ Việt Nam thành phố Tam Kỳ",
            "city",
            short_name="MTTQ thành phố",
            email="mttq.tk@example.vn",
        )
    ]
    i = 1
    for k in range(n_member):
        short, full = MEMBER_ORGS[k % len(MEMBER_ORGS)]
        num = f"{i:0{width}d}"
        u = Unit(i, f"{slug(short)}-{num}", f"{full} {num}", "member", short_name=f"{short} {num}")
        units.append(u)
        i += 1
    for kind, word, names, count in (
        ("ward", "phường", WARD_NAMES, n_ward),
        ("commune", "xã", COMMUNE_NAMES, n_commune),
    ):
        for _ in range(count):
            place = rng.choice(names)
            num = f"{i:0{width}d}"
            u = Unit(
                i,
                f"{slug(word)}-{slug(place)}-{num}",
                f"Ủy ban MTTQ Việt Nam {word} {place} {num}",
                kind,
                short_name=f"{word.capitalize()} {place} {num}",
            )
            units.append(u)
            i += 1
    for u in units[1:]:
        if rng.random() < 0.3:
            u.email = f"{u.id}@example.vn"
        if u.kind in ("ward", "commune") and rng.random() < 0.005:
            u.exempt["report-h1"] = rng.choice(
                [
                    "Thay đổi nhân sự chủ chốt; Thường trực thành phố đồng ý miễn báo cáo 6 tháng",
                    "Bị ảnh hưởng bởi thiên tai; Thường trực thành phố đồng ý miễn báo cáo 6 tháng",
                ]
            )
    return units


def model_stems(index: int, seed: int) -> tuple[int, int]:
    """The two model templates of unit ``index``: computable without its random stream."""
    a = (index * 7 + seed) % len(MODELS)
    return a, (a + 3) % len(MODELS)


def plan_yaml() -> str:
    ind = "".join(f"  - id: {i}\n    label: {q(label)}\n    unit: {q(unit)}\n" for i, label, unit in INDICATORS)
    return f"""\
# Kế hoạch triển khai Phong trào “Đoàn kết sáng tạo” năm 2023 (dữ liệu tổng hợp cho đo hiệu năng)
title: Triển khai thực hiện Phong trào thi đua “Đoàn kết sáng tạo, nâng cao năng suất, chất lượng, \
hiệu quả, hội nhập quốc tế” trên địa bàn thành phố năm 2023
year: {YEAR}
issuer: Ban Thường trực Ủy ban MTTQ Việt Nam thành phố Tam Kỳ
place: Tam Kỳ
number: 15/KH-MTTQ-BTT
issued: 2023-03-01
signer:
  on_behalf: TM. BAN THƯỜNG TRỰC
  title: CHỦ TỊCH
  name: Nguyễn Ba
based_on:
  - number: 204/KH-MTTQ-BTT
    date: 2023-02-17
    issuer: Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Quảng Nam
    title: Triển khai Phong trào “Đoàn kết sáng tạo” trên địa bàn tỉnh năm 2023
  - number: 109/KH-MTTQ-BTT
    date: 2022-09-12
    issuer: Ban Thường trực Ủy ban MTTQ Việt Nam thành phố
    title: Triển khai thực hiện Phong trào “Đoàn kết sáng tạo” trên địa bàn thành phố
report_to:
  office: Văn phòng Ủy ban MTTQ Việt Nam thành phố
  email: mttq.tk@example.vn
unit_kinds:
  city: Thành phố
  member: Tổ chức thành viên
  ward: Phường
  commune: Xã
periods:
  H1:
    name: 6 tháng đầu năm 2023
    start: 2023-01-01
    end: 2023-06-30
    due_before: 2023-06-05
  Y:
    name: Năm 2023
    start: 2023-01-01
    end: 2023-12-31
    due_before: 2023-12-05
indicators:
{ind}requirements:
  - id: report-h1
    type: report
    period: H1
    text: Định kỳ 6 tháng (trước ngày 05/6) báo cáo kết quả thực hiện về Ban Thường trực Ủy ban MTTQ \
Việt Nam thành phố
    applies_to: [member, ward, commune]
  - id: report-y
    type: report
    period: Y
    text: Định kỳ năm (trước ngày 05/12) báo cáo kết quả thực hiện về Ban Thường trực Ủy ban MTTQ Việt \
Nam thành phố
    applies_to: [member, ward, commune]
  - id: model-2023
    type: models
    min: 1
    text: Phối hợp với các tổ chức chính trị - xã hội cùng cấp xây dựng ít nhất 01 mô hình triển khai \
Phong trào “Đoàn kết sáng tạo” trong năm 2023
    applies_to: [city, ward, commune]
  - id: unit-plan
    type: unit_plan
    text: Phối hợp với các tổ chức chính trị - xã hội cùng cấp xây dựng kế hoạch tiếp tục triển khai \
thực hiện Phong trào “Đoàn kết sáng tạo” phù hợp với tình hình thực tế của địa phương
    applies_to: [ward, commune]
  - id: participants-vs-sessions
    type: rule
    expr: propaganda_participants >= propaganda_sessions
    severity: warning
    text: Số lượt người tham dự không thể ít hơn số buổi tuyên truyền
    applies_to: [city, member, ward, commune]
"""


def units_yaml(units: list[Unit]) -> str:
    """The registry; past ~6,700 units it is written shorter (see :func:`_units_yaml`) to stay under 1 MiB."""
    text = _units_yaml(units, short=False)
    if len(text.encode("utf-8")) > MAX_FILE_BYTES:
        text = _units_yaml(units, short=True)
        if len(text.encode("utf-8")) > MAX_FILE_BYTES:
            raise SystemExit(f"error: {len(units)} units do not fit in a units.yaml under 1 MiB, dkst's limit")
    return text


def _units_yaml(units: list[Unit], short: bool) -> str:
    """``short``: wards and communes without ``short_name`` and named ``MTTQ phường …`` (not ``Ủy ban MTTQ
    Việt Nam phường …``), which brings 10,000 units from 1.5 MiB to 0.98 MiB."""
    out = ["# Danh sách đơn vị theo thứ tự chính thức\nunits:\n"]
    for u in units:
        local = short and u.kind in ("ward", "commune")
        name = u.name.replace("Ủy ban MTTQ Việt Nam ", "MTTQ ", 1) if local else u.name
        s = f"  - id: {u.id}\n    name: {q(name)}\n    kind: {u.kind}\n"
        if u.short_name and not local:
            s += f"    short_name: {q(u.short_name)}\n"
        if u.email:
            s += f"    email: {u.email}\n"
        if u.exempt:
            s += "    exempt:\n" + "".join(f"      {k}: {q(v)}\n" for k, v in u.exempt.items())
        out.append(s)
    return "".join(out)


def unit_plan_yaml(u: Unit, rng: random.Random) -> str:
    issued = day_between(rng, date(2023, 2, 10), date(2023, 4, 20))
    received = issued + timedelta(days=rng.randint(1, 10))
    return (
        f"number: {rng.randint(1, 60):02d}/KH-MTTQ-BTT\n"
        f"issued: {fmt_date(issued, rng)}\n"
        f"title: {q('Kế hoạch triển khai thực hiện Phong trào “Đoàn kết sáng tạo” năm 2023 của ' + u.name)}\n"
        f"received: {fmt_date(received, rng)}\n"
    )


def model_yaml(
    u: Unit,
    k: int,
    stem: int,
    rng: random.Random,
    unit_ids: list[str],
    members: list[str],
    seed: int,
    no_counting: bool,
) -> str:
    _, name, fld = MODELS[stem]
    r = rng.random()
    if no_counting:  # no model of this unit counts: registered only, or stopped
        status = "registered" if k == 0 else "stopped"
    else:
        status = next(s for s, p in MODEL_STATUS_CUM if r < p)
    vi = rng.random() < 0.2
    lines = [f"name: {q(name)}\n", f"status: {STATUS_VI[status] if vi else status}\n"]
    started = day_between(rng, date(2023, 1, 10), date(2023, 10, 31))
    if status != "registered":
        lines.append(f"started: {fmt_date(started, rng)}\n")
    if status == "completed":
        done = min(started + timedelta(days=rng.randint(30, 150)), date(2023, 12, 15))
        lines.append(f"completed_on: {fmt_date(done, rng)}\n")
    if u.index > 20 and rng.random() < 0.25:
        src = rng.randint(1, u.index - 1)
        src_stem = model_stems(src, seed)[0]
        lines.append(f"origin: {ORIGIN_VI['replicated'] if vi else 'replicated'}\n")
        lines.append(f"replicated_from: {unit_ids[src]}/{MODELS[src_stem][0]}\n")
    others = [m for m in members[:50] if m != u.id]
    if others and rng.random() < 0.5:
        partners = rng.sample(others, min(len(others), rng.randint(1, 3)))
        lines.append("partners:\n" + "".join(f"  - {p}\n" for p in partners))
    lines.append(f"field: {q(fld)}\n")
    lines.append(block("summary", rng.sample(MODEL_SUMMARIES, rng.randint(1, 2))))
    if status in ("in_progress", "completed"):
        lines.append(block("results", [rng.choice(MODEL_RESULTS)]))
        lines.append(f"beneficiaries: {rng.randint(10, 800)}\n")
    if rng.random() < 0.15:
        lines.append("propose_replication: true\n")
    return "".join(lines)


def report_yaml(
    u: Unit,
    period: str,
    submitted: date,
    rng: random.Random,
    model_ids: list[str],
    h1_figures: dict[str, int] | None,
) -> tuple[str, dict[str, int]]:
    big = 2 if u.kind in ("member", "city") else 1
    fig: dict[str, int] = {}
    sessions = rng.randint(2, 15) * big
    fig["propaganda_sessions"] = sessions
    fig["propaganda_participants"] = sessions * rng.randint(15, 80)
    fig["forums"] = rng.randint(0, 3)
    fig["ideas"] = rng.randint(0, 20) * big
    fig["supervisions"] = rng.randint(0, 4)
    fig["critiques"] = rng.randint(0, 2)
    if h1_figures:  # the yearly report carries the year's figures: at least those of the first half
        for key, val in h1_figures.items():
            fig[key] += val
    if rng.random() < 0.01:  # a typo that breaks the plan's rule
        fig["propaganda_participants"] = rng.randint(0, fig["propaganda_sessions"] - 1)
    written = dict(fig)
    if rng.random() < 0.03:
        written.pop("critiques")
    if rng.random() < 0.02:
        written.pop("forums")

    out = [
        f"submitted: {fmt_date(submitted, rng)}\n",
        f"number: {rng.randint(1, 150):02d}/BC-MTTQ-BTT\n",
        f"signer: {person(rng)}\n",
        "indicators:\n",
        *(f"  {k}: {v}\n" for k, v in written.items()),
    ]
    if model_ids:
        out.append("models:\n" + "".join(f"  - {m}\n" for m in model_ids))
    n_comm = rng.choice((0, 1, 1, 2)) if period == "Y" else rng.choice((0, 0, 0, 1))
    if n_comm:
        out.append("commendations:\n")
        for _ in range(n_comm):
            kind = "collective" if rng.random() < 0.45 else "individual"
            if kind == "collective":
                name = f"{rng.choice(COLLECTIVES)} {rng.randint(1, 12)}"
            else:
                name = ("Ông " if rng.random() < 0.5 else "Bà ") + person(rng)
            level = "Bằng khen" if rng.random() < 0.2 else "Giấy khen"
            out.append(
                f"  - name: {q(name)}\n"
                f"    kind: {KIND_VI[kind] if rng.random() < 0.2 else kind}\n"
                f"    achievement: {q(rng.choice(ACHIEVEMENTS))}\n"
                f"    level: {level}\n"
            )
    n = 2 if period == "H1" else 3
    out.append(block("highlights", rng.sample(HIGHLIGHTS, rng.randint(1, n))))
    out.append(block("limitations", rng.sample(LIMITATIONS, rng.randint(1, 2))))
    out.append(block("proposals", rng.sample(PROPOSALS, rng.randint(1, 2))))
    return "".join(out), fig


PERIOD_WINDOWS = {
    # period: (on-time first, on-time last, late first, late last)
    "H1": (date(2023, 5, 20), date(2023, 6, 4), date(2023, 6, 5), date(2023, 6, 28)),
    "Y": (date(2023, 11, 20), date(2023, 12, 4), date(2023, 12, 5), date(2023, 12, 19)),
}


def generate(out_dir: str | os.PathLike[str], units: int, seed: int = 2023, force: bool = False) -> dict[str, Any]:
    """Write the dataset to ``out_dir`` (via a temporary sibling, then a rename); return its figures."""
    t0 = time.perf_counter()
    out = Path(out_dir)
    if out.exists():
        if not out.is_dir():
            raise SystemExit(f"error: {out} exists and is not a folder")
        if any(out.iterdir()):
            if not force:
                raise SystemExit(f"error: {out} is not empty (use --force to replace a generated dataset)")
            if not (out / MARKER).is_file():
                raise SystemExit(f"error: {out} was not made by this generator; not replacing it")
            shutil.rmtree(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp-{os.getpid()}")
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir()

    registry = build_units(units, seed)
    unit_ids = [u.id for u in registry]
    members = [u.id for u in registry if u.kind == "member"]
    n_files = 0
    n_bytes = 0

    def write(path: str, text: str) -> None:
        nonlocal n_files, n_bytes
        data = text.encode("utf-8")
        with open(path, "wb") as fh:
            fh.write(data)
        n_files += 1
        n_bytes += len(data)

    write(os.path.join(tmp, "plan.yaml"), plan_yaml())
    write(os.path.join(tmp, "units.yaml"), units_yaml(registry))
    units_dir = os.path.join(tmp, "units")
    os.mkdir(units_dir)
    counts = {"on_time": 0, "late": 0, "missing": 0}
    for u in registry:
        rng = random.Random(f"unit:{seed}:{u.index}")
        udir = os.path.join(units_dir, u.id)
        os.mkdir(udir)
        os.mkdir(os.path.join(udir, "models"))
        os.mkdir(os.path.join(udir, "reports"))
        if rng.random() >= 0.02:  # a few units never sent their own plan
            write(os.path.join(udir, "plan.yaml"), unit_plan_yaml(u, rng))
        no_counting = rng.random() < 0.03
        model_ids = []
        for k, stem in enumerate(model_stems(u.index, seed)):
            mid = MODELS[stem][0]
            model_ids.append(mid)
            write(
                os.path.join(udir, "models", f"{mid}.yaml"),
                model_yaml(u, k, stem, rng, unit_ids, members, seed, no_counting),
            )
        h1_fig = None
        for period in ("H1", "Y"):
            first, last, late_first, late_last = PERIOD_WINDOWS[period]
            r = rng.random()
            if r < 0.05:
                counts["missing"] += 1
                continue
            if r < 0.15:
                counts["late"] += 1
                submitted = day_between(rng, late_first, late_last)
            else:
                counts["on_time"] += 1
                submitted = day_between(rng, first, last)
            text, fig = report_yaml(u, period, submitted, rng, model_ids, h1_fig)
            h1_fig = fig if period == "H1" else h1_fig
            write(os.path.join(udir, "reports", f"{period}.yaml"), text)

    stats = {
        "generator": GENERATOR_VERSION,
        "units": units,
        "seed": seed,
        "files": n_files,
        "bytes": n_bytes,
        "reports": counts,
        "kinds": {k: sum(1 for u in registry if u.kind == k) for k in ("city", "member", "ward", "commune")},
    }
    with open(os.path.join(tmp, MARKER), "w", encoding="utf-8") as fh:
        json.dump(stats, fh, ensure_ascii=False, indent=1)
    if out.exists():
        out.rmdir()  # empty: checked above
    os.rename(tmp, out)
    stats["seconds"] = round(time.perf_counter() - t0, 3)
    return stats


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Write a synthetic dkst dataset for benchmarks.")
    ap.add_argument("out_dir", metavar="OUT_DIR", help="folder to create (must not exist, or be empty)")
    ap.add_argument("--units", type=int, required=True, help="number of units (N ≥ 1)")
    ap.add_argument("--seed", type=int, default=2023, help="random seed (default 2023)")
    ap.add_argument("--force", action="store_true", help="replace an earlier dataset made by this script")
    args = ap.parse_args(argv)
    if args.units < 1:
        ap.error("--units must be at least 1")
    stats = generate(args.out_dir, args.units, args.seed, args.force)
    mib = stats["bytes"] / 2**20
    print(
        f"{args.out_dir}: {stats['units']} units, {stats['files']} files, {mib:.1f} MiB, "
        f"{stats['bytes'] / max(1, stats['files']):.0f} B/file, in {stats['seconds']:.2f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
