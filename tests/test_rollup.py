"""``dkst rollup`` (#14): the sample city ``data/`` into the sample province ``samples/tinh-quang-nam/``.

Mostly in-process (the library, and typer's runner for the command); one test through the installed ``dkst``.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dkst.checks.checker import check
from dkst.cli.app import app, register_commands
from dkst.figures.aggregate import aggregate
from dkst.findings import Severity
from dkst.scaffold.rollup import RollupError, prepare, write

from .conftest import REPO, TODAY, run_dkst

CITY = REPO / "data"
PROVINCE = REPO / "samples" / "tinh-quang-nam"
AS_OF = {"H1": date(2023, 6, 20), "Y": date(2024, 1, 15)}
#: The sample city's parent.indicators, and the indicator the province lacks.
RENAMED = {
    "propaganda_sessions": "tuyen_truyen_buoi",
    "propaganda_participants": "tuyen_truyen_luot_nguoi",
    "supervisions": "giam_sat",
}
LEFT_OUT = "critiques"


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DKST_TODAY", TODAY)
    monkeypatch.delenv("DKST_DATA", raising=False)
    monkeypatch.delenv("DKST_LANG", raising=False)


@pytest.fixture
def province(tmp_path: Path) -> Path:
    """The sample province without Tam Kỳ's files, so that a rollup writes all of them."""
    dest = tmp_path / "tinh"
    shutil.copytree(PROVINCE, dest)
    shutil.rmtree(dest / "units" / "tam-ky")
    return dest


@pytest.fixture
def city(tmp_path: Path) -> Path:
    dest = tmp_path / "city"
    shutil.copytree(CITY, dest)
    return dest


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def invoke(*args: str) -> tuple[int, str, str]:
    register_commands()
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def rollup(city: Path, period: str, province: Path, *extra: str) -> tuple[int, str, str]:
    return invoke(
        "rollup",
        "--data",
        str(city),
        "--period",
        period,
        "--to",
        str(province),
        "--as-of",
        AS_OF[period].isoformat(),
        *extra,
    )


def errors(root: Path, as_of: date) -> list[str]:
    found = check(root, as_of).result.findings
    return [f"{f.path}:{f.line} {f.code} {f.message()}" for f in found if f.level >= Severity.ERROR]


# ---------------------------------------------------------------- what is written


def test_h1_then_y_pass_the_province_check(province: Path) -> None:
    for period in ("H1", "Y"):
        code, out, err = rollup(CITY, period, province)
        assert code == 0, err
        assert f"units/tam-ky/reports/{period}.yaml" in out
        assert LEFT_OUT in err and err.count("\n") == 1  # the indicator left out, named in one line
        assert errors(province, AS_OF[period]) == []
    assert (province / "units/tam-ky/reports/H1.yaml").is_file()
    assert len(list((province / "units/tam-ky/models").glob("*.yaml"))) == 10


@pytest.mark.parametrize("period", ["H1", "Y"])
def test_province_aggregate_carries_the_city_figures(province: Path, period: str) -> None:
    as_of = AS_OF[period]
    code, _, err = rollup(CITY, period, province)
    assert code == 0, err
    ours = aggregate(check(CITY, as_of), period)
    theirs = aggregate(check(province, as_of), period)
    tam_ky = next(u for u in theirs.summary["units"] if u["id"] == "tam-ky")
    expected = {
        RENAMED.get(i, i): v["total"]
        for i, v in ours.summary["indicators"].items()
        if i != LEFT_OUT and v["total"] is not None
    }
    assert tam_ky["indicators"] == expected and expected
    assert not tam_ky["left_out"]
    # the models: the same count, and the same split by origin, status and proposal
    models = theirs.models[theirs.models["unit"] == "tam-ky"]
    assert tam_ky["models"] == ours.summary["models"]["total"] == len(models)
    from dkst.figures.aggregate import model_counts

    assert model_counts(models) == ours.summary["models"]
    # the commendations of the counted reports
    comm = theirs.commendations[theirs.commendations["unit"] == "tam-ky"]
    assert comm["kind_of"].value_counts().to_dict() == ours.commendations["kind_of"].value_counts().to_dict()
    assert len(comm) == sum(ours.summary["commendations"].values()) > 0
    assert list(comm["name"]) == list(ours.commendations["name"])  # as written, not renamed


def test_report_content(province: Path) -> None:
    assert rollup(CITY, "Y", province)[0] == 0
    text = (province / "units/tam-ky/reports/Y.yaml").read_text(encoding="utf-8")
    assert "submitted: 2024-01-15" in text
    assert "x-nguon: dkst rollup từ Kế hoạch năm 2023 của Ban Thường trực Ủy ban MTTQ Việt Nam thành phố Tam Kỳ" in text
    assert "signer: Chủ tịch Nguyễn Ba" in text
    assert "  tuyen_truyen_buoi: 218" in text and "propaganda_sessions:" not in text and "critiques" not in text
    assert "  Hội Nông dân thành phố: Hỗ trợ nhân rộng mô hình" in text  # texts gathered with the unit's name
    # a commendation as written, with the unit that proposed it in a comment
    assert "  # đề nghị của Hội Nông dân thành phố\n  - name: Ông Phan Văn Lợi, hội viên Chi hội" in text


def test_submitted_option(province: Path) -> None:
    code, _, err = rollup(CITY, "Y", province, "--submitted", "12/12/2023")
    assert code == 0, err
    assert "submitted: 2023-12-12" in (province / "units/tam-ky/reports/Y.yaml").read_text(encoding="utf-8")
    status = next(u for u in aggregate(check(province, AS_OF["Y"]), "Y").summary["units"] if u["id"] == "tam-ky")
    assert status["status"] == "on_time"


def test_city_units_stay_text_in_the_models(province: Path) -> None:
    assert rollup(CITY, "Y", province)[0] == 0
    models = province / "units/tam-ky/models"
    copy = (models / "hoa-huong-khu-pho-chuyen-doi-so.yaml").read_text(encoding="utf-8")
    # the source model is in the province's dataset too: a reference that the province resolves
    assert "replicated_from: tam-ky/an-my-khu-pho-chuyen-doi-so" in copy
    assert "origin: replicated" in copy
    assert "partners" not in copy and "Đơn vị phối hợp: Đoàn TNCS Hồ Chí Minh thành phố." in copy
    assert "Nhân rộng từ mô hình “Khu phố chuyển đổi số” của Ủy ban MTTQ Việt Nam phường An Mỹ" in copy
    assert "Đơn vị xây dựng: Ủy ban MTTQ Việt Nam phường Hòa Hương." in copy


def test_replicated_from_outside_the_province_is_text(province: Path, city: Path) -> None:
    """A source model that is not (and will not be) in the province's dataset: origin kept, reference as text."""
    (city / "units/an-my/models/khu-pho-chuyen-doi-so.yaml").unlink()
    report = city / "units/an-my/reports/Y.yaml"
    report.write_text(
        report.read_text(encoding="utf-8").replace("models: [khu-pho-chuyen-doi-so]\n", ""), encoding="utf-8"
    )
    h1 = city / "units/an-my/reports/H1.yaml"
    h1.write_text(h1.read_text(encoding="utf-8").replace("models: [khu-pho-chuyen-doi-so]\n", ""), encoding="utf-8")
    assert rollup(city, "Y", province)[0] == 0
    copy = (province / "units/tam-ky/models/hoa-huong-khu-pho-chuyen-doi-so.yaml").read_text(encoding="utf-8")
    assert "replicated_from" not in copy and "origin: replicated" in copy
    assert "(an-my/khu-pho-chuyen-doi-so)" in copy
    assert errors(province, AS_OF["Y"]) == []


def test_no_total_is_left_out_never_zero(province: Path) -> None:
    """As of 15/3/2023 no H1 report had arrived: no indicator at all, not zeros."""
    rolled = prepare(check(CITY, date(2023, 3, 15)), "H1", check(province, date(2023, 3, 15)))
    text = rolled.report.content.decode("utf-8")
    assert "indicators" not in text.split("\n\n", 1)[1]
    assert ": 0" not in text


# ---------------------------------------------------------------- refusals: nothing written


@pytest.mark.parametrize(
    ("old", "new", "word"),
    [
        ("    supervisions: giam_sat\n", "    supervisions: khong_co\n", "khong_co"),
        ("periods: {H1: H1, Y: Y}", "periods: {H1: H1, Y: N}", "“N”"),
        ("  unit: tam-ky\n", "  unit: khong-co\n", "khong-co"),
    ],
)
def test_a_mapping_the_province_lacks_writes_nothing(province: Path, city: Path, old: str, new: str, word: str) -> None:
    plan = city / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    assert old in text
    plan.write_text(text.replace(old, new), encoding="utf-8")
    assert errors(city, AS_OF["Y"]) == []  # the city's own check cannot know the province's ids
    before = snapshot(province)
    code, out, err = rollup(city, "Y", province)
    assert code == 2 and out == ""
    assert word in err and err.count("\n") == 1 and "Traceback" not in err
    assert snapshot(province) == before


def test_a_broken_parent_is_refused(province: Path, city: Path) -> None:
    plan = city / "plan.yaml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("    supervisions: giam_sat\n", "    supervision: giam_sat\n"),
        encoding="utf-8",
    )
    before = snapshot(province)
    code, _, err = rollup(city, "Y", province)
    assert code == 1 and "plan.yaml:" in err and "dkst check" in err  # a broken plan stops the figures (#18)
    assert snapshot(province) == before


def test_no_parent_and_bad_targets(province: Path, city: Path) -> None:
    code, _, err = invoke("rollup", "--data", str(city), "--period", "Y", "--to", str(city), "--lang", "en")
    assert code == 2 and "--to" in err
    code, _, err = invoke("rollup", "--data", str(city), "--period", "Y", "--to", str(city / "nowhere"))
    assert code == 2 and "nowhere" in err
    code, _, err = invoke("rollup", "--data", str(city), "--period", "Q9", "--to", str(province))
    assert code == 2 and "Q9" in err
    plan = city / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text[: text.index("\nparent:")] + "\n", encoding="utf-8")
    code, _, err = rollup(city, "Y", province, "--lang", "en")
    assert code == 2 and "has no parent" in err


def test_existing_files_need_force(province: Path, city: Path) -> None:
    assert rollup(city, "Y", province)[0] == 0
    report = city / "units/hoi-nong-dan/reports/Y.yaml"
    report.write_text(
        report.read_text(encoding="utf-8").replace("propaganda_sessions: 22", "propaganda_sessions: 23"),
        encoding="utf-8",
    )
    before = snapshot(province)
    code, _, err = rollup(city, "Y", province)
    assert code == 2 and "--force" in err and "units/tam-ky/reports/Y.yaml" in err
    assert snapshot(province) == before
    code, _, err = rollup(city, "Y", province, "--force")
    assert code == 0, err
    assert "tuyen_truyen_buoi: 219" in (province / "units/tam-ky/reports/Y.yaml").read_text(encoding="utf-8")
    after = snapshot(province)
    assert [k for k in after if after[k] != before.get(k)] == ["units/tam-ky/reports/Y.yaml"]


def test_dry_run_writes_nothing(province: Path) -> None:
    before = snapshot(province)
    code, out, err = rollup(CITY, "Y", province, "--dry-run")
    assert code == 0, err
    assert snapshot(province) == before
    assert "units/tam-ky/models/tam-phu-rau-an-toan.yaml" in out
    assert "--- units/tam-ky/reports/Y.yaml" in out and "tuyen_truyen_buoi: 218" in out


def test_second_rollup_writes_the_same_bytes(province: Path) -> None:
    assert rollup(CITY, "H1", province)[0] == 0
    assert rollup(CITY, "Y", province)[0] == 0
    first = snapshot(province)
    code, out, err = rollup(CITY, "Y", province)  # no --force needed: nothing changed
    assert code == 0, err
    assert "không đổi" in out
    assert snapshot(province) == first
    assert rollup(CITY, "Y", province, "--force")[0] == 0
    assert snapshot(province) == first


def test_the_committed_sample_is_what_the_script_makes(tmp_path: Path) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_sample_province", REPO / "scripts/make_sample_province.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.build(tmp_path / "fresh")
    made = snapshot(tmp_path / "fresh")
    committed = snapshot(PROVINCE)
    assert {k: committed.get(k) for k in made} == made
    assert "units/tam-ky/reports/Y.yaml" not in made  # left for the README's first command


def test_model_ids_stay_unique() -> None:
    from types import SimpleNamespace

    from dkst.scaffold.rollup import model_ids

    ds = SimpleNamespace(
        units=[SimpleNamespace(id="a-b"), SimpleNamespace(id="a")],
        models={"a-b": {"c": None}, "a": {"d": None, "b-c": None}},
    )
    assert model_ids(ds) == {("a-b", "c"): "a-b-c", ("a", "b-c"): "a-b-c-2", ("a", "d"): "a-d"}  # type: ignore[arg-type]


def test_a_model_that_stops_counting_is_refreshed(province: Path, city: Path) -> None:
    """A model written by an earlier rollup that no longer counts: rewritten, so that the province agrees."""
    assert rollup(city, "Y", province)[0] == 0
    model = city / "units/an-son/models/phan-loai-rac.yaml"
    model.write_text(
        model.read_text(encoding="utf-8").replace("status: in_progress", "status: stopped"), encoding="utf-8"
    )
    code, _, err = rollup(city, "Y", province)
    assert code == 2 and "--force" in err
    code, _, err = rollup(city, "Y", province, "--force")
    assert code == 0, err
    copy = (province / "units/tam-ky/models/an-son-phan-loai-rac.yaml").read_text(encoding="utf-8")
    assert "status: stopped" in copy
    report = (province / "units/tam-ky/reports/Y.yaml").read_text(encoding="utf-8")
    assert "an-son-phan-loai-rac" not in report
    ours = aggregate(check(city, AS_OF["Y"]), "Y").summary["models"]
    theirs = aggregate(check(province, AS_OF["Y"]), "Y")
    assert next(u for u in theirs.summary["units"] if u["id"] == "tam-ky")["models"] == ours["total"] == 9
    assert errors(province, AS_OF["Y"]) == []


def test_library_refuses_without_writing(province: Path) -> None:
    rolled = prepare(check(CITY, AS_OF["Y"]), "Y", check(province, AS_OF["Y"]))
    assert rolled.left_out == [LEFT_OUT]
    assert all(f.state == "new" for f in rolled.files)
    write(rolled)
    (province / "units/tam-ky/reports/Y.yaml").write_text("submitted: 2024-01-15\n", encoding="utf-8")
    again = prepare(check(CITY, AS_OF["Y"]), "Y", check(province, AS_OF["Y"]))
    with pytest.raises(RollupError) as exc:
        write(again)
    assert exc.value.key == "rollup-exists"


# ---------------------------------------------------------------- check of parent


def test_check_validates_parent(city: Path) -> None:
    plan = city / "plan.yaml"
    text = (
        plan.read_text(encoding="utf-8")
        .replace(
            "    supervisions: giam_sat\n", "    supervisions: giam_sat\n    supervision: x\n    forums: giam_sat\n"
        )
        .replace("periods: {H1: H1, Y: Y}", "periods: {H1: H1, Q3: Q3, Y: Bad}")
    )
    plan.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    found = {
        (f.code, f.line, f.param("ref") or f.param("value") or f.param("id"))
        for f in check(city, AS_OF["Y"]).result.findings
        if f.path == "plan.yaml"
    }
    at = {
        key: lines.index(next(ln for ln in lines if ln.startswith(key))) + 1
        for key in ("    supervision: x", "    forums: giam_sat", "  periods:")
    }
    assert ("unknown-ref", at["    supervision: x"], "supervision") in found
    assert ("duplicate-id", at["    forums: giam_sat"], "giam_sat") in found
    assert ("unknown-ref", at["  periods:"], "Q3") in found
    assert ("invalid-value", at["  periods:"], "Bad") in found


# ---------------------------------------------------------------- end to end


def test_end_to_end_through_the_installed_command(province: Path) -> None:
    proc = run_dkst("rollup", "--data", str(CITY), "--period", "Y", "--to", str(province), "--as-of", "2024-01-15")
    assert proc.returncode == 0, proc.stderr
    assert "critiques" in proc.stderr
    proc = run_dkst("aggregate", "--data", str(province), "--period", "Y", "--as-of", "2024-01-15", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert '"tuyen_truyen_buoi": 218' in proc.stdout
