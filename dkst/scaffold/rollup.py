"""``dkst rollup`` as a library: a city's period, written as the city's report in the province's dataset.

The figures are read from the :class:`~dkst.figures.aggregate.Aggregate` that the city's own report is rendered from
(:func:`dkst.figures.aggregate.aggregate`): its indicator totals, the commendations of its counted reports, its
texts, and its counting models of the period's window. Nothing is summed again here.

What is written (docs/format.md, "City to province: `dkst rollup`"), in the province's dataset:

- ``units/<parent.unit>/reports/<P'>.yaml``: the totals of the indicators that have a counterpart in the
  province's plan (``parent.indicators``, else the same id), never a 0 for a total that is not there; the
  commendations as written (a comment names the unit that proposed each); highlights, limitations and
  proposals, one line per unit with its name; ``submitted`` (given, else the as-of day); ``signer`` from the
  city plan's signer; ``x-nguon``;
- ``units/<parent.unit>/plan.yaml``: the city's own plan (its ``number``, ``issued``, ``title`` and signer) as the
  province's unit plan of the city, so that a ``unit_plan`` requirement of the province is met; left alone when
  the province already has a unit plan of the city with that number and day; not written, with a warning line,
  when the city's plan has no number or no issued day (the province's check then says ``missing-unit-plan``);
- ``units/<parent.unit>/models/<unit-id>-<model-id>.yaml`` for each counting model of the window, listed in the
  report's ``models``. The city's unit ids mean nothing to the province: partners are named in the model's
  summary, and ``replicated_from`` is kept as a reference only when the source model is in the province's
  dataset too (written by this run or an earlier one), otherwise as text in the summary.

Before anything is written, the province's dataset is loaded and checked for the target unit, the mapped
period and the mapped indicators; any mismatch is a :class:`RollupError` and nothing is written. Files are
written all or none: every temporary file first, then the renames. The bytes depend only on the two datasets,
the period, the as-of day and ``submitted`` (no "made on" date), so a second run writes the same bytes and a
file whose bytes are unchanged is left alone.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dkst.counts import MAX_COUNT
from dkst.files import FileExists, write_all
from dkst.findings import KeyedError, Severity
from dkst.load.schema import ModelRecord, ModelStatus, Origin, Parent, Report, UnitPlan
from dkst.periods import today, vn_date
from dkst.scaffold.skeletons import symlinked_folder
from dkst.scaffold.yamlwrite import double_quoted, line, one_line, read_back, yaml_scalar

if TYPE_CHECKING:
    from dkst.checks.checker import Checked
    from dkst.figures.aggregate import Aggregate
    from dkst.load.dataset import Dataset
    from dkst.load.partial import PartialPlan


class RollupError(KeyedError):
    """The rollup cannot be done: a one-line error (a key of :data:`dkst.i18n.TEXTS`), exit code 2."""


@dataclass(frozen=True)
class OutFile:
    """One file the rollup writes: its path under the province's root (with ``/``), bytes, and state."""

    rel: str
    content: bytes
    state: str  # "new" | "changed" (exists, other bytes) | "unchanged" (exists, same bytes)


@dataclass
class Rollup:
    """What a rollup would write, and what it leaves out."""

    root: Path
    unit: str
    period: str
    report: OutFile
    models: list[OutFile] = field(default_factory=list)
    #: city indicator ids with no counterpart in the province's plan (not mapped, and not there by the same id)
    left_out: list[str] = field(default_factory=list)
    #: the city's figures the report is made of (for the warnings of :func:`dkst.cli.options.warn_figures`)
    figures: Aggregate | None = None
    #: the city's plan as the province's unit plan of the city (None: not written, see ``plan_gaps``)
    plan: OutFile | None = None
    #: the keys the city's plan lacks for a unit plan (``number``, ``issued``): the plan is not carried up
    plan_gaps: list[str] = field(default_factory=list)
    #: whether the province requires a unit plan of the city (a ``unit_plan`` requirement for its kind)
    plan_required: bool = False

    @property
    def files(self) -> list[OutFile]:
        return [self.report, *([self.plan] if self.plan is not None else []), *self.models]


# ---------------------------------------------------------------- preparing


def parent_of(city: Checked) -> Parent:
    """The city plan's usable ``parent``, or :class:`RollupError` (absent, or with an error finding).

    The block is the one ``dkst check`` read (the same loader and findings): an error on any of its lines, a key
    written twice inside it, or a second ``parent:`` block (the loader keeps the last; which one the clerk meant is
    not known) refuses the roll-up before anything is written."""
    ds = city.dataset
    src = ds.plan_file
    parent = ds.plan.parent if ds.plan is not None else None
    lines = {ln for loc, ln in (src.lines if src is not None else {}).items() if loc[:1] == ("parent",)}
    lo, hi = (min(lines), max(lines)) if lines else (0, -1)
    mine = [f for f in city.result.findings if f.path == "plan.yaml"]

    def inside(line: Any) -> bool:
        return isinstance(line, int) and lo <= line <= hi

    bad = [f for f in mine if f.level >= Severity.ERROR and (inside(f.line) or f.line in lines)]
    bad += [
        f
        for f in mine
        if f.code == "duplicate-key" and (f.param("key") == "parent" or inside(f.param("first")) or inside(f.line))
    ]
    if bad:
        raise RollupError("rollup-parent-broken", line=min(f.line or 0 for f in bad))
    if not isinstance(parent, Parent) or not parent.unit:
        raise RollupError("rollup-no-parent")
    return parent


def _plan(ds: Dataset) -> PartialPlan:
    """The city's plan: :func:`parent_of` found a parent in it, so it is there."""
    if ds.plan is None:
        raise RollupError("rollup-no-parent")
    return ds.plan


def prepare(
    city: Checked, period_id: str, province: Checked, submitted: date | None = None, lang: str = "vi"
) -> Rollup:
    """Everything ``dkst rollup --period period_id`` would write into the province's dataset.

    Raises :class:`RollupError` for a mismatch, and :class:`dkst.figures.aggregate.AggregateError` for a period the
    city cannot aggregate.
    """
    from dkst.figures.aggregate import aggregate

    parent = parent_of(city)
    agg = aggregate(city, period_id, lang)
    pds = province.dataset
    root = pds.root
    if pds.plan is None or pds.index is None:
        raise RollupError("rollup-province-plan", path=str(root))
    if parent.unit not in pds.unit_index:
        raise RollupError(
            "rollup-unknown-unit", unit=parent.unit, path=str(root), choices=", ".join(u.id for u in pds.units) or "—"
        )
    target = (parent.periods or {}).get(period_id, period_id)
    periods = pds.index.periods
    if target not in periods:
        raise RollupError(
            "rollup-unknown-period", value=target, period=period_id, path=str(root), choices=", ".join(periods) or "—"
        )
    _check_period_map(city, parent, period_id, target, periods[target])
    mapping = parent.indicators or {}
    theirs = pds.index.indicators
    for ours, mapped in mapping.items():
        if mapped not in theirs:
            raise RollupError(
                "rollup-unknown-indicator", value=mapped, ours=ours, path=str(root), choices=", ".join(theirs) or "—"
            )
    pairs = [(i, mapping.get(i, i)) for i in agg.indicator_ids]
    left_out = [i for i, t in pairs if t not in theirs]
    folder = symlinked_folder(root, f"units/{parent.unit}")
    if folder is None:
        folder = symlinked_folder(root, f"units/{parent.unit}/models") or symlinked_folder(
            root, f"units/{parent.unit}/reports"
        )
    if folder is not None:
        raise RollupError("rollup-symlink", path=str(folder))
    day = submitted or agg.as_of
    if day > today():
        raise RollupError("rollup-future", value=vn_date(day), today=vn_date(today()))

    figures = agg.summary["indicators"]
    for ours, theirs_id in pairs:
        total = figures[ours]["total"]
        if theirs_id in theirs and total is not None and total > MAX_COUNT:
            raise RollupError(
                "rollup-over-limit", indicator=ours, total=f"{total:,}".replace(",", " "), max="999 999 999 999"
            )

    unit_name = pds.unit_index[parent.unit].name
    ids = model_ids(city.dataset)
    window = [(row.unit, row.id) for row in agg.models.itertuples(index=False)]
    existing = set(pds.models.get(parent.unit, {}))
    # in the province by an earlier rollup, no longer in this window (stopped, or of another period): refreshed,
    # so that the province counts it as the city does now
    earlier = [key for key, new_id in ids.items() if new_id in existing and key not in window and _writable(city, key)]
    written = {ids[key] for key in window} | existing
    models = [
        _out(
            root,
            f"units/{parent.unit}/models/{ids[key]}.yaml",
            model_text(agg, key[0], key[1], parent.unit, unit_name, ids, written),
        )
        for key in [*window, *earlier]
    ]
    report = report_text(
        agg,
        parent.unit,
        unit_name,
        periods[target].name,
        target,
        [(i, t) for i, t in pairs if t in theirs],
        {t: theirs[t] for _, t in pairs if t in theirs},
        [ids[key] for key in window],
        day,
    )
    rollup = Rollup(
        root, parent.unit, target, _out(root, f"units/{parent.unit}/reports/{target}.yaml", report), models, left_out
    )
    rollup.figures = agg
    city_plan = _plan(city.dataset)
    unit = pds.unit_index[parent.unit]
    rollup.plan_required = any(
        req.type == "unit_plan" and unit.kind in req.kinds and req.id not in (unit.exempt or {})
        for req in pds.index.requirements
    )
    rollup.plan_gaps = [key for key, value in (("number", city_plan.number), ("issued", city_plan.issued)) if not value]
    if not rollup.plan_gaps:
        out = _out(root, f"units/{parent.unit}/plan.yaml", unit_plan_text(city_plan, unit_name))
        if out.state != "changed" or not _same_unit_plan(province, parent.unit, city_plan):
            rollup.plan = out
    _self_check(rollup)
    return rollup


def _same_unit_plan(province: Checked, unit_id: str, plan: PartialPlan) -> bool:
    """Whether the province already holds a unit plan of the city with the city plan's number and issued day
    (typed there by the province's clerk, or written by an earlier rollup): then it is left as it is."""
    parsed = province.dataset.unit_plans.get(unit_id)
    rec = parsed.record if parsed is not None else None
    return rec is not None and rec.number == plan.number and rec.issued == plan.issued


def _check_period_map(city: Checked, parent: Parent, period_id: str, target: str, theirs: Any) -> None:
    """Refuse a period mapping that would misdirect the roll-up: two city periods onto one province period (the
    second would replace the first's report), or a period onto one of another span (a half-year written as the
    province's year report)."""
    mapping = parent.periods or {}
    ours = city.dataset.index.periods if city.dataset.index is not None else {}
    same = sorted(p for p in ours if mapping.get(p, p) == target)
    if len(same) > 1:
        raise RollupError("rollup-period-twice", target=target, periods=", ".join(same))
    mine = ours.get(period_id)
    if mine is not None and (mine.start, mine.end) != (theirs.start, theirs.end):
        raise RollupError(
            "rollup-period-span",
            period=period_id,
            target=target,
            span=f"{vn_date(mine.start)}–{vn_date(mine.end)}",
            their_span=f"{vn_date(theirs.start)}–{vn_date(theirs.end)}",
        )


def model_ids(ds: Dataset) -> dict[tuple[str, str], str]:
    """(city unit, model) → the model's id in the province, ``<unit-id>-<model-id>``, for every model of the
    city's units (in registry order, then by id), so that an id does not depend on the period. Two that would
    be the same (``a-b`` + ``c`` and ``a`` + ``b-c``) are told apart by a suffix ``-2``, ``-3``…"""
    out: dict[tuple[str, str], str] = {}
    used: set[str] = set()
    for unit in ds.units:
        for model_id in sorted(ds.models.get(unit.id, {})):
            base = f"{unit.id}-{model_id}"
            new_id, n = base, 1
            while new_id in used:
                n += 1
                new_id = f"{base}-{n}"
            used.add(new_id)
            out[(unit.id, model_id)] = new_id
    return out


def _writable(city: Checked, key: tuple[str, str]) -> bool:
    """Whether a city model can be written as a valid model file (its status, and its start unless registered)."""
    rec = city.dataset.models[key[0]][key[1]].record
    if rec is None or rec.status is None:
        return False
    return rec.status == ModelStatus.REGISTERED or rec.started is not None


def _out(root: Path, rel: str, text: str) -> OutFile:
    """What writing ``text`` at ``rel`` would be: new, changed or unchanged. Anything there that is not a regular
    file or a symbolic link (a FIFO, a device, a folder) is refused without being opened (``rollup-not-file``):
    reading a FIFO would wait for ever."""
    data = text.encode("utf-8")
    path = root / rel
    try:
        st = os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return OutFile(rel, data, "new")
    except OSError as exc:
        raise RollupError("rollup-bad-path", path=str(path), error=exc.strerror or str(exc)) from None
    if stat.S_ISLNK(st.st_mode):
        return OutFile(rel, data, "changed")
    if not stat.S_ISREG(st.st_mode):
        raise RollupError("rollup-not-file", path=str(path))
    return OutFile(rel, data, "unchanged" if _read_regular(path, len(data)) == data else "changed")


def _read_regular(path: Path, size: int) -> bytes | None:
    """The bytes of a regular file (opened without following a link and without waiting on a FIFO put there
    meanwhile), at most ``size`` + 1 of them; ``None`` when it cannot be read."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        chunks: list[bytes] = []
        left = size + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(fd)


def _self_check(rollup: Rollup) -> None:
    """Every file written must read back without a problem (a guard against a bug here, never expected)."""
    from dkst.load.dataset import parse_document

    for out in rollup.files:
        cls: type[Report] | type[ModelRecord] | type[UnitPlan] = (
            Report if "/reports/" in out.rel else UnitPlan if out.rel.endswith("/plan.yaml") else ModelRecord
        )
        parsed = parse_document(out.content, cls)
        if parsed.problems:
            code, ln, params = parsed.problems[0]
            raise RollupError("rollup-internal", path=out.rel, detail=f"{code} line {ln} {params}")


# ---------------------------------------------------------------- the files' text


def _source_line(plan: PartialPlan) -> str:
    """The city plan as ``x-nguon`` names it: its number, else its title, and its issuer."""
    name = f"Kế hoạch số {one_line(plan.number)}" if plan.number else f"Kế hoạch năm {plan.year}"
    return f"{name} của {one_line(plan.issuer)}" if plan.issuer else name


def _signer(plan: PartialPlan) -> str | None:
    signer = plan.signer
    name = signer.name if signer is not None else None
    if signer is None or not name:
        return None
    title = signer.title or ""
    if title and title == title.upper():
        title = title[:1] + title[1:].lower()  # CHỦ TỊCH → Chủ tịch
    return f"{title} {name}".strip()


def _text_block(key: str, text: str, prefix: str = "", indent: str = "") -> list[str]:
    """``key: |-`` and the text's lines when that reads back as the same text, else one quoted line.

    The first line starts with ``prefix`` (``"  - "`` for a list item), the text's lines with ``indent`` and two
    spaces; a block scalar reads the same at any indentation, so the check is made on the key alone.
    """
    if "\n" in text:
        body = [f"  {ln}" if ln else "" for ln in text.split("\n")]
        back = read_back("\n".join([f"{key}: |-", *body]) + "\n")
        if isinstance(back, dict) and back.get(key) == text:
            return [f"{prefix}{key}: |-", *(f"{indent}{b}" if b else "" for b in body)]
        return [f"{prefix}{key}: {double_quoted(text)}"]
    return [f"{prefix}{key}: {yaml_scalar(text)}"]


def report_text(
    agg: Aggregate,
    unit_id: str,
    unit_name: str,
    period_name: str,
    period_id: str,
    pairs: list[tuple[str, str]],
    labels: dict[str, Any],
    models: list[str],
    submitted: date,
) -> str:
    """The province's report file of the city: ``pairs`` are (city id, province id) of the carried indicators."""
    from dkst.figures.frames import TEXT_KEYS

    ds = agg.dataset
    plan = _plan(ds)
    names = {u.id: u.name for u in ds.units}
    figures = agg.summary["indicators"]
    counted = int(agg.reports["counted"].sum())
    out = [
        f"# Báo cáo kết quả thực hiện Phong trào “Đoàn kết sáng tạo”, kỳ {period_id} ({one_line(period_name)}),",
        f"# của {one_line(unit_name)}.",
        f"# Tệp do “dkst rollup” tạo từ bộ dữ liệu của {one_line(plan.issuer or '')}, kỳ {agg.period.id},",
        f"# xét đến ngày {vn_date(agg.as_of)}: số liệu là tổng của {counted} báo cáo được tính. Đừng sửa tay tệp này:",
        "# sửa ở bộ dữ liệu của cấp dưới rồi chạy lại “dkst rollup --force”.",
        "",
        "x-nguon: "
        + yaml_scalar(f"dkst rollup từ {_source_line(plan)}, kỳ {agg.period.id}, ngày {vn_date(agg.as_of)}"),
        line(f"submitted: {submitted.isoformat()}", "ngày gửi (--submitted, mặc định ngày xét số liệu)"),
    ]
    signer = _signer(plan)
    if signer:
        out.append(line(f"signer: {yaml_scalar(signer)}", "người ký, theo kế hoạch của cấp dưới"))
    carried = [(ours, theirs) for ours, theirs in pairs if figures[ours]["total"] is not None]
    if carried:
        out.append("indicators:")
        for ours, theirs in carried:
            ind = labels[theirs]
            note = f"{ind.label} ({ind.unit})" if ind.unit else ind.label
            if ours != theirs:
                note += f"; mã của cấp dưới: {ours}"
            out.append(line(f"  {theirs}: {figures[ours]['total']}", note))
    if models:
        out.append("models:")
        out += [f"  - {m}" for m in models]
    comm = agg.commendations
    if len(comm):
        out.append("commendations:")
        for c in comm.itertuples(index=False):
            out.append(f"  # đề nghị của {one_line(names.get(c.unit, c.unit))}")
            out += _text_block("name", c.name, "  - ", "    ")
            out.append(f"    kind: {c.kind_of}")
            if c.achievement:
                out += _text_block("achievement", c.achievement, "    ", "    ")
            if c.level:
                out += _text_block("level", c.level, "    ", "    ")
    rows = agg.reports[agg.reports["counted"]]
    for key in TEXT_KEYS:
        parts = [
            f"{names.get(r.unit, r.unit)}: {getattr(r, key)}" for r in rows.itertuples(index=False) if getattr(r, key)
        ]
        if parts:
            out += _text_block(key, "\n".join(parts))
    return "\n".join(out) + "\n"


def unit_plan_text(plan: PartialPlan, unit_name: str) -> str:
    """The city's plan as the province's ``units/<parent.unit>/plan.yaml``: number, issued, title and signer (the
    same bytes whatever the period)."""
    assert plan.number is not None and plan.issued is not None  # see Rollup.plan_gaps
    out = [
        f"# Kế hoạch thực hiện của {one_line(unit_name)}: kế hoạch của {one_line(plan.issuer or '')}.",
        "# Tệp do “dkst rollup” chép từ plan.yaml của cấp dưới. Đừng sửa tay tệp này:",
        "# sửa ở bộ dữ liệu của cấp dưới rồi chạy lại “dkst rollup --force”.",
        "",
        "x-nguon: " + yaml_scalar(f"dkst rollup từ plan.yaml ({_source_line(plan)})"),
        line(f"number: {yaml_scalar(plan.number)}", "số, ký hiệu văn bản"),
        line(f"issued: {plan.issued.isoformat()}", "ngày ban hành"),
    ]
    if plan.title:
        out += _text_block("title", plan.title)
    signer = _signer(plan)
    if signer:
        out.append(f"signer: {yaml_scalar(signer)}")
    return "\n".join(out) + "\n"


def model_text(
    agg: Aggregate,
    unit_id: str,
    model_id: str,
    parent_unit: str,
    parent_name: str,
    ids: dict[tuple[str, str], str],
    present: set[str],
) -> str:
    """A city model as a model file of the province's dataset (the same bytes whatever the period)."""
    ds = agg.dataset
    rec = ds.models[unit_id][model_id].record
    assert rec is not None  # only writable models are written (see _writable)
    names = {u.id: u.name for u in ds.units}
    owner = names.get(unit_id, unit_id)
    extra = [f"Đơn vị xây dựng: {owner}."]
    partners = [names.get(p, p) for p in rec.partners or [] if p]
    if partners:
        extra.append(f"Đơn vị phối hợp: {', '.join(partners)}.")
    link = None
    origin = rec.origin or Origin.NEW
    if origin == Origin.REPLICATED and rec.replicated_from and "/" in rec.replicated_from:
        src_unit, src_model = rec.replicated_from.split("/", 1)
        src_id = ids.get((src_unit, src_model))
        if src_id is not None and src_id in present:
            link = f"{parent_unit}/{src_id}"
        source = ds.models.get(src_unit, {}).get(src_model)
        source_rec = source.record if source is not None else None
        source_name = source_rec.name if source_rec is not None else None
        what = f"mô hình “{source_name}”" if source_name else "mô hình"
        extra.append(f"Nhân rộng từ {what} của {names.get(src_unit, src_unit)} ({rec.replicated_from}).")
    summary = "\n".join([*([rec.summary] if rec.summary else []), *extra])
    plan = _plan(ds)
    out = [
        f"# Mô hình “Đoàn kết sáng tạo” của {one_line(owner)} ({one_line(parent_name)}).",
        f"# Tệp do “dkst rollup” chép từ bộ dữ liệu của {one_line(plan.issuer or '')}. Đừng sửa tay tệp này:",
        "# sửa ở bộ dữ liệu của cấp dưới rồi chạy lại “dkst rollup --force”.",
        "",
        "x-nguon: " + yaml_scalar(f"dkst rollup từ units/{unit_id}/models/{model_id}.yaml ({_source_line(plan)})"),
        *_text_block("name", rec.name or model_id),
        f"status: {rec.status.value}",
    ]
    if rec.started is not None:
        out.append(f"started: {rec.started.isoformat()}")
    if rec.completed_on is not None:
        out.append(f"completed_on: {rec.completed_on.isoformat()}")
    out.append(f"origin: {origin}")
    if link is not None:
        out.append(f"replicated_from: {link}")
    if rec.field:
        out += _text_block("field", rec.field)
    out += _text_block("summary", summary)
    if rec.results:
        out += _text_block("results", rec.results)
    if rec.beneficiaries is not None:
        out.append(f"beneficiaries: {rec.beneficiaries}")
    out.append(f"propose_replication: {'true' if rec.propose_replication else 'false'}")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- writing


def write(rollup: Rollup, force: bool = False) -> list[OutFile]:
    """Write the files that are new or changed, all or none; return them.

    A changed file (one that exists with other bytes) is replaced only with ``force``; without it the rollup is
    refused (:class:`RollupError` ``rollup-exists``) before anything is written. A new file is created
    exclusively and every write goes through :func:`dkst.files.write_all` (all or none; no temporary file left
    behind on an error or SIGTERM). Raises :class:`OSError` when the file system refuses.
    """
    todo = [f for f in rollup.files if f.state != "unchanged"]
    changed = [f for f in todo if f.state == "changed"]
    if changed and not force:
        raise RollupError("rollup-exists", path=changed[0].rel, n=len(changed))
    try:
        write_all([(rollup.root / f.rel, f.content, f.state == "changed") for f in todo])
    except FileExists as exc:  # a file that appeared since it was judged new: nothing of this run is left
        raise RollupError("rollup-exists", path=str(exc), n=1) from None
    return todo
