#!/usr/bin/env python3
"""Generate the sample province dataset ``samples/tinh-quang-nam/`` (the level above the sample city ``data/``).

    python scripts/make_sample_province.py            # rewrite samples/tinh-quang-nam/
    python scripts/make_sample_province.py --check    # exit 1 if the committed files differ

The province keeps its own dkst dataset: its plan is Quảng Nam's 204/KH-MTTQ-BTT of 17/02/2023, its units are
the cities, the town and the districts of the province (Tam Kỳ among them, the sample city) and some provincial
member organisations. Every figure, date, model and text of the units other than Tam Kỳ is **illustrative**,
invented for the demo. The province's indicators rename some of the city's (the sample city's ``parent`` in
``data/plan.yaml`` maps them) and lack one (``critiques``), so that the mapping is exercised.

Tam Kỳ's H1 report and its models of the first half-year are written by ``dkst rollup`` itself (the library,
as of 12/6/2023), exactly as a clerk would; its Y report is left for the reader to write (README:
``dkst rollup --data data --period Y --to samples/tinh-quang-nam --as-of 2024-01-15``).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CITY = REPO / "data"
TARGET = REPO / "samples" / "tinh-quang-nam"
#: The as-of day and sending day of Tam Kỳ's H1 rollup.
H1_AS_OF = date(2023, 6, 12)

PLAN = """\
# Kế hoạch của Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Quảng Nam triển khai Phong trào
# “Đoàn kết sáng tạo” năm 2023 (Kế hoạch số 204/KH-MTTQ-BTT ngày 17/02/2023).
# Bộ dữ liệu MẪU của cấp tỉnh, do scripts/make_sample_province.py tạo: đơn vị là các thành phố, thị xã,
# huyện và một số tổ chức thành viên cấp tỉnh; hạn báo cáo và số liệu là minh họa.

title: >-
  Triển khai Phong trào thi đua “Đoàn kết sáng tạo, nâng cao năng suất, chất lượng, hiệu quả,
  hội nhập quốc tế” trên địa bàn tỉnh năm 2023
year: 2023
issuer: Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Quảng Nam
place: Quảng Nam
number: 204/KH-MTTQ-BTT
issued: 2023-02-17

signer:
  on_behalf: TM. BAN THƯỜNG TRỰC
  title: CHỦ TỊCH

report_to:
  office: Ban Phong trào Ủy ban MTTQ Việt Nam tỉnh

recipients:
  - Ban Thường trực Ủy ban Trung ương MTTQ Việt Nam;
  - Ban Thường trực UBMTTQ Việt Nam tỉnh;
  - "Lưu: VT, PT."

# Các loại đơn vị của tỉnh, theo thứ tự in trong các bảng tổng hợp.
unit_kinds:
  city: Thành phố
  town: Thị xã
  district: Huyện
  member: Tổ chức thành viên

# Hạn báo cáo của cấp huyện lên tỉnh (minh họa): sau hạn của cấp xã lên huyện.
periods:
  H1:
    name: 6 tháng đầu năm 2023
    start: 2023-01-01
    end: 2023-06-30
    due_before: 2023-06-15
  Y:
    name: Năm 2023
    start: 2023-01-01
    end: 2023-12-31
    due_before: 2023-12-15

# Chỉ tiêu của tỉnh. Một số mã khác mã của thành phố (thành phố ánh xạ bằng parent.indicators);
# tỉnh không theo dõi số cuộc góp ý, phản biện xã hội.
indicators:
  - id: tuyen_truyen_buoi
    label: Tuyên truyền về Phong trào
    unit: buổi
    section: Tuyên truyền
  - id: tuyen_truyen_luot_nguoi
    label: Lượt người tham dự tuyên truyền
    unit: lượt người
    section: Tuyên truyền
  - id: forums
    label: Diễn đàn, gặp gỡ, đối thoại
    unit: cuộc
    section: Diễn đàn, đối thoại
  - id: ideas
    label: Ý tưởng, sáng kiến được giới thiệu
    unit: ý tưởng
    section: Diễn đàn, đối thoại
  - id: giam_sat
    label: Cuộc giám sát
    unit: cuộc
    section: Giám sát

requirements:
  - id: report-h1
    type: report
    period: H1
    text: Định kỳ 6 tháng báo cáo kết quả thực hiện về Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh
    applies_to: [city, town, district, member]
  - id: report-y
    type: report
    period: Y
    text: Định kỳ năm báo cáo kết quả thực hiện về Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh
    applies_to: [city, town, district, member]
  - id: model-2023
    type: models
    min: 1
    text: Mỗi huyện, thị xã, thành phố xây dựng ít nhất 01 mô hình “Đoàn kết sáng tạo” trong năm 2023
    applies_to: [city, town, district]
  - id: rule-participants
    type: rule
    expr: tuyen_truyen_luot_nguoi >= tuyen_truyen_buoi
    text: Số lượt người tham dự tuyên truyền không thể ít hơn số buổi tuyên truyền
    applies_to: [city, town, district, member]
"""

UNITS = """\
# Các đơn vị của tỉnh, theo thứ tự chính thức. Thư điện tử là ví dụ.
units:
  - id: tam-ky
    name: Ủy ban MTTQ Việt Nam thành phố Tam Kỳ
    kind: city
    short_name: Tam Kỳ
    email: mttq.tk@gmail.com
  - id: hoi-an
    name: Ủy ban MTTQ Việt Nam thành phố Hội An
    kind: city
    short_name: Hội An
    email: mttq.hoian@example.vn
  - id: dien-ban
    name: Ủy ban MTTQ Việt Nam thị xã Điện Bàn
    kind: town
    short_name: Điện Bàn
  - id: nui-thanh
    name: Ủy ban MTTQ Việt Nam huyện Núi Thành
    kind: district
    short_name: Núi Thành
  - id: thang-binh
    name: Ủy ban MTTQ Việt Nam huyện Thăng Bình
    kind: district
    short_name: Thăng Bình
  - id: phu-ninh
    name: Ủy ban MTTQ Việt Nam huyện Phú Ninh
    kind: district
    short_name: Phú Ninh
  - id: hoi-nong-dan
    name: Hội Nông dân tỉnh
    kind: member
    short_name: Hội Nông dân
  - id: hoi-phu-nu
    name: Hội Liên hiệp Phụ nữ tỉnh
    kind: member
    short_name: Hội LHPN
  - id: tinh-doan
    name: Đoàn TNCS Hồ Chí Minh tỉnh
    kind: member
    short_name: Tỉnh Đoàn
"""

README = """\
# Bộ dữ liệu mẫu cấp tỉnh: “Đoàn kết sáng tạo” 2023, Quảng Nam

Bộ dữ liệu này do `scripts/make_sample_province.py` tạo, để thấy hai cấp làm việc cùng nhau: thành phố Tam Kỳ
(bộ dữ liệu mẫu `data/`) báo cáo lên tỉnh bằng `dkst rollup`.

**Số liệu là minh họa, không phải số liệu thật.** Kế hoạch là Kế hoạch số 204/KH-MTTQ-BTT ngày 17/02/2023 của
Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Quảng Nam (hạn báo cáo do bộ mẫu chọn); danh sách đơn vị chỉ gồm một
số thành phố, thị xã, huyện và tổ chức thành viên; mọi ngày tháng, số liệu, mô hình và lời văn của các đơn vị
khác Tam Kỳ là bịa ra để minh họa.

- `units/tam-ky/reports/H1.yaml` và `units/tam-ky/models/`: do `dkst rollup` ghi từ `data/` (kỳ H1, xét ngày
  12/6/2023).
- Báo cáo năm của Tam Kỳ chưa có: chạy từ thư mục gốc của kho

      dkst rollup --data data --period Y --to samples/tinh-quang-nam --as-of 2024-01-15
      dkst aggregate --data samples/tinh-quang-nam --period Y --as-of 2024-01-15

Tạo lại bộ mẫu: `python scripts/make_sample_province.py`.
"""

#: Illustrative files of the other units: path → text.
FILES: dict[str, str] = {
    "units/hoi-an/reports/H1.yaml": """\
# Báo cáo 6 tháng đầu năm 2023 của Ủy ban MTTQ Việt Nam thành phố Hội An (minh họa).
submitted: 2023-06-09
number: 52/BC-MTTQ-BTT
indicators:
  tuyen_truyen_buoi: 96
  tuyen_truyen_luot_nguoi: 7400
  forums: 9
  ideas: 41
  giam_sat: 11
models: [pho-co-khong-rac-thai-nhua]
commendations:
  - name: Ban công tác Mặt trận khối phố Sơn Phong
    kind: tập thể
    achievement: Đi đầu phong trào “Phố cổ không rác thải nhựa”
    level: Giấy khen
highlights: >-
  Ra mắt mô hình “Phố cổ không rác thải nhựa” ở 4 phường trung tâm.
""",
    "units/hoi-an/reports/Y.yaml": """\
# Báo cáo năm 2023 của Ủy ban MTTQ Việt Nam thành phố Hội An (minh họa).
submitted: 2023-12-08
number: 118/BC-MTTQ-BTT
indicators:
  tuyen_truyen_buoi: 188
  tuyen_truyen_luot_nguoi: 15100
  forums: 17
  ideas: 83
  giam_sat: 20
models: [pho-co-khong-rac-thai-nhua]
highlights: >-
  Mô hình “Phố cổ không rác thải nhựa” được nhân rộng ra 9 phường, xã.
""",
    "units/hoi-an/models/pho-co-khong-rac-thai-nhua.yaml": """\
# Mô hình minh họa.
name: Phố cổ không rác thải nhựa
status: in_progress
started: 2023-03-20
origin: new
field: Bảo vệ môi trường
summary: >-
  Vận động hộ kinh doanh trong khu phố cổ thay túi ni lông bằng túi giấy, giỏ tre và bình nước dùng lại.
beneficiaries: 850
propose_replication: true
""",
    "units/dien-ban/reports/H1.yaml": """\
# Báo cáo 6 tháng đầu năm 2023 của Ủy ban MTTQ Việt Nam thị xã Điện Bàn (minh họa).
submitted: 2023-06-14
indicators:
  tuyen_truyen_buoi: 74
  tuyen_truyen_luot_nguoi: 5200
  forums: 6
  ideas: 22
  giam_sat: 8
""",
    "units/dien-ban/reports/Y.yaml": """\
# Báo cáo năm 2023 của Ủy ban MTTQ Việt Nam thị xã Điện Bàn (minh họa).
submitted: 2023-12-18
indicators:
  tuyen_truyen_buoi: 151
  tuyen_truyen_luot_nguoi: 10800
  forums: 12
  ideas: 47
  giam_sat: 15
models: [cong-dong-doanh-nghiep-dong-hanh]
""",
    "units/dien-ban/models/cong-dong-doanh-nghiep-dong-hanh.yaml": """\
# Mô hình minh họa.
name: Cộng đồng doanh nghiệp đồng hành cùng khu dân cư
status: completed
started: 2023-02-10
completed_on: 2023-11-30
origin: new
field: Phát triển kinh tế
beneficiaries: 120
""",
    "units/nui-thanh/reports/H1.yaml": """\
# Báo cáo 6 tháng đầu năm 2023 của Ủy ban MTTQ Việt Nam huyện Núi Thành (minh họa).
submitted: 2023-06-20
indicators:
  tuyen_truyen_buoi: 58
  tuyen_truyen_luot_nguoi: 3900
  forums: 4
  giam_sat: 6
limitations: >-
  Một số xã ven biển chưa gửi báo cáo đúng hạn.
""",
    "units/nui-thanh/models/thuyen-ca-an-toan.yaml": """\
# Mô hình minh họa.
name: Tổ đoàn kết khai thác hải sản an toàn trên biển
status: in_progress
started: 2023-07-01
origin: new
field: Kinh tế biển
beneficiaries: 64
""",
    "units/thang-binh/reports/Y.yaml": """\
# Báo cáo năm 2023 của Ủy ban MTTQ Việt Nam huyện Thăng Bình (minh họa).
submitted: 2023-12-12
indicators:
  tuyen_truyen_buoi: 102
  tuyen_truyen_luot_nguoi: 6900
  forums: 7
  ideas: 30
  giam_sat: 9
""",
    "units/hoi-nong-dan/reports/H1.yaml": """\
# Báo cáo 6 tháng đầu năm 2023 của Hội Nông dân tỉnh (minh họa).
submitted: 2023-06-13
indicators:
  tuyen_truyen_buoi: 35
  tuyen_truyen_luot_nguoi: 2800
  ideas: 12
commendations:
  - name: Chi hội Nông dân thôn Phú Ninh
    kind: tập thể
    achievement: Sản xuất rau an toàn theo hướng VietGAP
    level: Giấy khen
""",
    "units/hoi-nong-dan/reports/Y.yaml": """\
# Báo cáo năm 2023 của Hội Nông dân tỉnh (minh họa).
submitted: 2023-12-11
indicators:
  tuyen_truyen_buoi: 64
  tuyen_truyen_luot_nguoi: 5100
  ideas: 25
""",
    "units/hoi-phu-nu/reports/Y.yaml": """\
# Báo cáo năm 2023 của Hội Liên hiệp Phụ nữ tỉnh (minh họa).
submitted: 2023-12-14
indicators:
  tuyen_truyen_buoi: 48
  tuyen_truyen_luot_nguoi: 3600
  forums: 5
  ideas: 18
""",
}


def build(dest: Path) -> None:
    """Write the sample province into ``dest`` (an empty or absent folder)."""
    sys.path.insert(0, str(REPO))
    from dkst.checks.checker import check
    from dkst.scaffold.rollup import prepare, write

    dest.mkdir(parents=True, exist_ok=True)
    texts = {"plan.yaml": PLAN, "units.yaml": UNITS, "README.md": README, **FILES}
    for rel, text in texts.items():
        path = dest / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    city = check(CITY, H1_AS_OF)
    rollup = prepare(city, "H1", check(dest, H1_AS_OF), H1_AS_OF)
    write(rollup)


def files_of(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the committed files differ")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "tinh-quang-nam"
        build(fresh)
        if args.check:
            if files_of(fresh) != (files_of(TARGET) if TARGET.is_dir() else {}):
                sys.stderr.write(f"{TARGET.relative_to(REPO)} is stale: run python scripts/make_sample_province.py\n")
                return 1
            return 0
        if TARGET.exists():
            shutil.rmtree(TARGET)
        shutil.copytree(fresh, TARGET)
    sys.stdout.write(f"wrote {TARGET.relative_to(REPO)}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
