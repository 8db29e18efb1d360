"""New files for the clerk: commented skeletons (``dkst new``) and a new dataset (``dkst init``).

Files are written by rendering text, never by dumping YAML, so that every key keeps its Vietnamese
comment and its place; every value that comes from the user goes through :func:`dkst.scaffold.yamlwrite.yaml_scalar`.
The commands write them through :mod:`dkst.files` (whole or not at all, never over an existing file unless
asked). The dataset's catalogue is read by :mod:`dkst.load.catalogue`; shell completion of ids is in
:mod:`dkst.cli.completion`.

Only the standard library, PyYAML and the catalogue reader are imported here.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from dkst.load.catalogue import RESERVED_WORDS, CatalogIndicator, Catalogue
from dkst.periods import vn_date
from dkst.scaffold.yamlwrite import COMMENT_COLUMN, double_quoted, line, normalise_text, one_line, slugify, yaml_scalar

#: The year of the built-in sample dataset (``dkst init --sample`` copies it for this year only).
SAMPLE_YEAR = 2023

# ---------------------------------------------------------------- paths


def shell_quote(path: str) -> str:
    """A path as the user's shell wants it typed: POSIX quoting, or double quotes on Windows."""
    if os.name == "nt":
        return f'"{path}"' if any(ch in path for ch in " &()^%!;,") else path
    import shlex

    return shlex.quote(path)


def symlinked_folder(root: Path, rel_folder: str) -> Path | None:
    """The first folder of ``rel_folder`` (under ``root``) that is a symbolic link, if any."""
    here = root
    for part in Path(rel_folder).parts:
        here = here / part
        if here.is_symlink():
            return here
    return None


# ---------------------------------------------------------------- skeletons of dkst new


def _today_line(day: date) -> str:
    return vn_date(day)


def _label(ind: CatalogIndicator) -> str:
    label = one_line(ind.label or "")
    unit = one_line(ind.unit or "")
    return f"{label} ({unit})" if unit else label


def report_skeleton(cat: Catalogue, unit_id: str, period_id: str, submitted: date, today: date) -> str:
    """A unit's report for a period: every key of the format, the plan's indicators blank (= not reported)."""
    from dkst.periods import deadline_of

    unit = cat.units[unit_id]
    period = cat.periods[period_id]
    name = one_line(period.name or period_id)
    lines = [
        f"# Báo cáo kết quả thực hiện Phong trào “Đoàn kết sáng tạo”, kỳ {period_id} ({name}),",
        f"# của {one_line(unit.name)}.",
        f"# Tệp do “dkst new report” tạo ngày {_today_line(today)}. Dòng bắt đầu bằng # là ghi chú.",
    ]
    deadline = deadline_of(period.due_before, period.due_by)
    if deadline is not None:
        how = "nhận trước ngày" if not deadline.inclusive else "nhận đến hết ngày"
        lines.append(f"# Hạn cuối của kỳ: {vn_date(deadline.last_on_time)} ({how} {vn_date(deadline.day)}).")
    lines += [
        "",
        line(f"submitted: {submitted.isoformat()}", "ngày Văn phòng thành phố nhận được báo cáo (bắt buộc)"),
        line("number:", "số báo cáo, ví dụ: 18/BC-MTTQ-BTT"),
        line("signer:", "người ký, ví dụ: Chủ tịch Trần Văn Hưng"),
        "",
        "# Số liệu: số nguyên ≥ 0, viết liền (1250, không viết 1.250). Đơn vị báo cáo “không có” thì ghi 0;",
        "# chỉ tiêu đơn vị không báo cáo thì để trống (để trống khác với 0).",
    ]
    good = [ind for ind in cat.indicators if ind.id not in RESERVED_WORDS]
    if good:
        lines.append("indicators:")
        section = None
        for ind in good:
            here = one_line(ind.section or "") or None
            if here and here != section:
                lines.append(f"  # {here}")
            section = here or section
            lines.append(line(f"  {ind.id}:", _label(ind)))
    else:
        lines.append(line("indicators:", "plan.yaml chưa có chỉ tiêu nào"))
    models = cat.model_ids(unit_id)
    lines += [
        "",
        "# Mã các mô hình của đơn vị mà báo cáo nêu, viết trong ngoặc vuông, ví dụ: [khu-pho-chuyen-doi-so].",
    ]
    if models:
        lines.append(f"# Mô hình hiện có của đơn vị: {', '.join(models)}.")
    else:
        lines.append("# Đơn vị chưa có mô hình nào trong bộ dữ liệu (tạo bằng: dkst new model …).")
    lines += [
        line("models:", "các mô hình được nêu trong báo cáo"),
        "",
        "# Đề nghị biểu dương, khen thưởng: mỗi tập thể hoặc cá nhân một mục bắt đầu bằng “- ”, gồm name (tên),",
        "# kind (tập thể hoặc cá nhân), achievement (thành tích), level (hình thức: Giấy khen, Bằng khen…).",
        "# Bỏ dấu # ở đầu 4 dòng mẫu dưới đây rồi sửa lại; thêm người thì chép thêm khối “- name: …”.",
        line("commendations:", "để trống nếu không có đề nghị"),
        "#  - name: Ban công tác Mặt trận khu phố 5",
        "#    kind: tập thể",
        "#    achievement: Đi đầu triển khai mô hình “Khu phố chuyển đổi số”",
        "#    level: Giấy khen",
        "",
        "# Phần lời văn. Viết nhiều dòng thì ghi “>-” sau dấu hai chấm, xuống dòng và thụt vào 2 dấu cách.",
        line("highlights:", "kết quả nổi bật"),
        line("limitations:", "tồn tại, hạn chế"),
        line("proposals:", "kiến nghị, đề xuất"),
    ]
    return "\n".join(lines) + "\n"


def model_status_help() -> str:
    """``registered (đăng ký), …, completed (hoàn thành) hoặc stopped (dừng)``: the statuses a model file takes."""
    from dkst.load.schema import ModelStatus

    return " hoặc ".join(ModelStatus.choices().rsplit(", ", 1))


def model_skeleton(
    cat: Catalogue, unit_id: str, model_id: str, name: str, status: str, started: date | None, today: date
) -> str:
    """A model file: the name and status given, every other key blank with its comment."""
    unit = cat.units[unit_id]
    members = [u for u, v in cat.units.items() if u != unit_id and v.kind == "member"]
    others = (members or [u for u in cat.units if u != unit_id])[:2] or ["doan-thanh-nien"]
    lines = [
        f"# Mô hình “Đoàn kết sáng tạo” của {one_line(unit.name)}.",
        f"# Mã mô hình là tên tệp: {model_id}. Tệp do “dkst new model” tạo ngày {_today_line(today)}.",
        "# Dòng bắt đầu bằng # là ghi chú; trường để trống là chưa có thông tin.",
        "",
        line(f"name: {yaml_scalar(name)}", "tên mô hình (bắt buộc)"),
        "# Tình trạng (bắt buộc): " + model_status_help() + ".",
        line(f"status: {status}", "tình trạng (bắt buộc)"),
        line(
            f"started: {started.isoformat()}" if started else "started:",
            "ngày bắt đầu; bắt buộc, trừ khi tình trạng là đăng ký",
        ),
        line("completed_on:", "ngày hoàn thành, nếu đã hoàn thành"),
        line("origin: new", "new (xây dựng mới) hoặc replicated (nhân rộng)"),
        line("replicated_from:", "chỉ khi nhân rộng: <mã đơn vị>/<mã mô hình>, ví dụ an-my/khu-pho-chuyen-doi-so"),
        line("partners:", f"các đơn vị cùng xây dựng (mã trong units.yaml), ví dụ: [{', '.join(others)}]"),
        line("field:", "lĩnh vực, ví dụ: Chuyển đổi số"),
        line("summary:", "mô tả ngắn; nhiều dòng thì ghi >- rồi xuống dòng, thụt vào 2 dấu cách"),
        line("results:", "kết quả đạt được"),
        line("beneficiaries:", "số người (hoặc hộ) hưởng lợi, số nguyên"),
        line("propose_replication: false", "true nếu đề xuất thành phố nhân rộng"),
    ]
    return "\n".join(lines) + "\n"


def unit_plan_skeleton(
    cat: Catalogue, unit_id: str, number: str | None, issued: date | None, received: date | None, today: date
) -> str:
    """A unit's implementing plan: number and issued (required) as given or blank."""
    unit = cat.units[unit_id]
    year = f" năm {cat.year}" if cat.year else ""
    lines = [
        f"# Kế hoạch triển khai Phong trào “Đoàn kết sáng tạo”{year}",
        f"# của {one_line(unit.name)}.",
        f"# Tệp do “dkst new unit-plan” tạo ngày {_today_line(today)}. Dòng bắt đầu bằng # là ghi chú.",
        "",
        line(
            f"number: {yaml_scalar(number)}" if number else "number:",
            "số, ký hiệu văn bản (bắt buộc), ví dụ: 04/KH-MTTQ-BTT",
        ),
        line(f"issued: {issued.isoformat()}" if issued else "issued:", "ngày ban hành (bắt buộc)"),
        line("title:", "trích yếu, ví dụ: Triển khai thực hiện Phong trào “Đoàn kết sáng tạo” năm …"),
        line("signer:", "người ký, ví dụ: Chủ tịch Trần Văn Hưng"),
        line(f"received: {received.isoformat()}" if received else "received:", "ngày Văn phòng thành phố nhận được"),
    ]
    return "\n".join(lines) + "\n"


def narrative_skeleton(cat: Catalogue, period_id: str, today: date) -> str:
    """narrative/<P>.yaml: the committee's own words for its report of the period, every key blank and explained
    (a blank key leaves a marked gap in the report and a warning from ``dkst render``)."""
    period = cat.periods[period_id]
    name = one_line(period.name or period_id)
    half = period.end is not None and (period.end.month, period.end.day) == (6, 30)
    tasks = "6 tháng cuối năm" if half else "thời gian tới"
    lines = [
        f"# Lời của Ban Thường trực cho báo cáo kỳ {period_id} ({name}) gửi cấp trên.",
        f"# Tệp do “dkst new narrative” tạo ngày {_today_line(today)}. Dòng bắt đầu bằng # là ghi chú.",
        "# Mỗi đoạn văn viết trên một dòng. Nhiều đoạn: viết “khóa: |” rồi mỗi đoạn một dòng, thụt vào hai dấu cách:",
        "#   assessment: |",
        "#     Sáu tháng đầu năm, Phong trào được các đơn vị triển khai đồng bộ …",
        "#     Công tác tuyên truyền được đổi mới …",
        "# Khóa nào để trống thì báo cáo để chỗ trống có đánh dấu “[Ban Thường trực bổ sung: …]”.",
        "",
        line("number:", "số báo cáo, ví dụ: 15/BC-MTTQ-BTT (để trống: “Số: …” điền tay)"),
        line("date:", "ngày ghi ở dòng ngày tháng của báo cáo; để trống: ngày xét số liệu"),
        "",
        "# I. Kết quả: chương trình tự tổng hợp từ báo cáo của các đơn vị.",
        "# II. Đánh giá chung, hạn chế và nguyên nhân",
        line("assessment:", "đánh giá chung: kết quả nổi bật, so với yêu cầu của Kế hoạch"),
        line("limitations:", "hạn chế, tồn tại (của Ban Thường trực và chung của Phong trào)"),
        line("causes:", "nguyên nhân của hạn chế (khách quan, chủ quan)"),
        "",
        f"# III. Phương hướng, nhiệm vụ {tasks}",
        line("tasks:", f"phương hướng, nhiệm vụ {tasks}"),
        "",
        "# IV. Đề xuất, kiến nghị của Ban Thường trực với cấp trên",
        line("proposals:", "đề xuất, kiến nghị"),
    ]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- built-in files and dkst init


def builtin_dir(name: str) -> Path:
    """A folder shipped with dkst: ``sample`` (the sample dataset) or ``templates``.

    In an installed wheel they are ``dkst/sample`` and ``dkst/templates``; in a source checkout, ``data/``
    and ``templates/`` next to the package.
    """
    import dkst

    package = Path(dkst.__file__).resolve().parent
    installed = package / name
    if installed.is_dir():
        return installed
    return package.parent / ("data" if name == "sample" else name)


def fill(template: str, values: Mapping[str, Any]) -> str:
    """Render one of the built-in ``templates/init/`` files with Jinja, the one template engine of dkst
    (``{{ name }}`` → ``values[name]``; an unknown name is a bug: ``StrictUndefined``)."""
    import jinja2

    env = jinja2.Environment(keep_trailing_newline=True, undefined=jinja2.StrictUndefined, autoescape=False)
    return env.from_string(template).render(values)


def _based_on(year: int) -> str:
    """The ``based_on`` entries: the seed's two plans for 2023; for another year, the city's standing plan
    and a commented-out entry for that year's provincial plan, whose number and date are not known."""
    provincial_2023 = (
        "  - number: 204/KH-MTTQ-BTT\n"
        "    date: 2023-02-17\n"
        "    issuer: Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Quảng Nam\n"
        "    title: Triển khai Phong trào thi đua “Đoàn kết sáng tạo, nâng cao năng suất, chất lượng, hiệu quả, "
        "hội nhập quốc tế” trên địa bàn tỉnh năm 2023\n"
    )
    if year == SAMPLE_YEAR:
        provincial = provincial_2023
    else:
        provincial = (
            f"  # Kế hoạch của tỉnh cho năm {year}: điền số và ngày, rồi bỏ dấu # ở đầu 4 dòng dưới đây.\n"
            "  # - number: …/KH-MTTQ-BTT\n"
            f"  #   date: {year}-…\n"
            "  #   issuer: Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Quảng Nam\n"
            "  #   title: Triển khai Phong trào thi đua “Đoàn kết sáng tạo, nâng cao năng suất, chất lượng, "
            f"hiệu quả, hội nhập quốc tế” trên địa bàn tỉnh năm {year}\n"
        )
    return provincial + (
        "  - number: 109/KH-MTTQ-BTT\n"
        "    date: 12/9/2022\n"
        "    issuer: Ban Thường trực Ủy ban MTTQ Việt Nam thành phố\n"
        "    title: Triển khai thực hiện Phong trào “Đoàn kết sáng tạo” trên địa bàn thành phố"
    )


def init_values(year: int, sample: bool) -> dict[str, Any]:
    """The placeholders of the ``templates/init/`` files for ``year``."""
    sample_note = (
        "\n> **Dữ liệu mẫu.** Bộ dữ liệu này được tạo bằng `dkst init --sample`: các đơn vị và kế hoạch theo "
        "văn bản gốc, còn mọi ngày tháng, số liệu, mô hình, tên người trong thư mục `units/` là **minh họa**, "
        "không phải số liệu thật. Dùng để tập; khi làm thật, tạo bộ dữ liệu mới bằng `dkst init` "
        "(không có `--sample`).\n"
        if sample
        else ""
    )
    return {"year": year, "based_on": _based_on(year), "sample_note": sample_note}


#: The files of ``templates/init/`` and where ``dkst init`` writes them.
INIT_FILES: dict[str, str] = {
    "plan.yaml": "plan.yaml",
    "units.yaml": "units.yaml",
    "README.md": "README.md",
    "gitignore": ".gitignore",
    "pre-commit-config.yaml": ".pre-commit-config.yaml",
}


#: The folder of the sample's last year (the sample plan's ``previous.data``), copied by ``dkst init --sample``.
SAMPLE_PREVIOUS = "ke-hoach-2022"


def init_files(year: int, sample: bool = False) -> dict[str, bytes]:
    """Every file ``dkst init`` writes, as relative path → bytes.

    Without ``sample``: ``plan.yaml`` and ``units.yaml`` rendered from ``templates/init/`` for ``year``.
    With ``sample`` (only for :data:`SAMPLE_YEAR`): the sample dataset's ``plan.yaml``, ``units.yaml`` and
    every file under ``units/`` and last year's ``ke-hoach-2022/``, byte for byte. Both get ``README.md``,
    ``.gitignore`` and ``.pre-commit-config.yaml``.
    """
    templates = builtin_dir("templates") / "init"
    values = init_values(year, sample)
    out: dict[str, bytes] = {}
    for source, target in INIT_FILES.items():
        text = (templates / source).read_text(encoding="utf-8")
        out[target] = fill(text, values).encode("utf-8")
    if sample:
        base = builtin_dir("sample")
        for name in ("plan.yaml", "units.yaml"):
            out[name] = (base / name).read_bytes()
        for path in sorted(_walk_files(base / "units")):
            out[path.relative_to(base).as_posix()] = path.read_bytes()
        # last year's sample, which the sample plan's ``previous`` names (a folder inside the dataset, so that
        # the relative path holds wherever the sample is copied)
        for path in sorted(_walk_files(base / SAMPLE_PREVIOUS)):
            out[path.relative_to(base).as_posix()] = path.read_bytes()
    return out


def _walk_files(folder: Path) -> Iterable[Path]:
    """Regular files under ``folder``: no dotfiles, no symbolic links."""
    for dirpath, dirnames, filenames in os.walk(folder):
        here = Path(dirpath)
        dirnames[:] = [d for d in dirnames if not d.startswith(".") and not (here / d).is_symlink()]
        for name in filenames:
            path = here / name
            if not name.startswith(".") and not path.is_symlink() and path.is_file():
                yield path


__all__ = [
    "COMMENT_COLUMN",
    "INIT_FILES",
    "SAMPLE_PREVIOUS",
    "SAMPLE_YEAR",
    "builtin_dir",
    "double_quoted",
    "fill",
    "init_files",
    "init_values",
    "line",
    "model_skeleton",
    "model_status_help",
    "narrative_skeleton",
    "normalise_text",
    "one_line",
    "report_skeleton",
    "shell_quote",
    "slugify",
    "symlinked_folder",
    "unit_plan_skeleton",
    "yaml_scalar",
]
