"""``dkst schema``: JSON Schemas of the five file kinds, for editors that check YAML as you type."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dkst.cli.options import AsOfOpt, DataOpt, LangOpt, fail, resolve_lang


def schema_command(
    output: Annotated[
        Path | None, typer.Option("--output", help="help.schema.output", metavar="DIR", show_default=False)
    ] = None,
    data: DataOpt = None,
    as_of: AsOfOpt = None,  # accepted like on every command; a schema does not depend on the day
    lang: LangOpt = None,
) -> None:
    """Lược đồ JSON (JSON Schema) của năm loại tệp, để trình soạn thảo (VS Code) kiểm tra ngay khi gõ.

    Khi tìm thấy bộ dữ liệu, lược đồ dùng chính mã chỉ tiêu, mã đơn vị, loại đơn vị và mã yêu cầu
    của bộ dữ liệu đó: sửa plan.yaml hoặc units.yaml thì chạy lại lệnh này.
    """
    import json
    import sys

    from dkst.i18n import text
    from dkst.scaffold import jsonschema as js

    chosen = resolve_lang(lang)
    plan = units = None
    root = _dataset(data, chosen)
    if root is not None:
        from dkst.load.dataset import parse_file
        from dkst.load.schema import Plan, UnitsFile

        plan = parse_file(root / "plan.yaml", Plan).record
        units_rec = parse_file(root / "units.yaml", UnitsFile).record if (root / "units.yaml").is_file() else None
        units = [u for u in (units_rec.units if units_rec is not None else None) or [] if u is not None]
        plan = plan if isinstance(plan, Plan) else None
    schemas = js.export(plan, units)
    if output is None:
        sys.stdout.write(json.dumps(schemas, ensure_ascii=False, indent=2) + "\n")
        return
    if root is not None:
        from dkst.cli.options import protected

        if protected(output / "x.json", root):
            fail(text("protected-output", chosen, path=str(output)))
    try:
        paths = js.write(schemas, output)
    except (OSError, RuntimeError) as exc:
        from dkst.cli.options import os_error_text

        fail(os_error_text(output, exc, chosen))
    for path in paths.values():
        sys.stderr.write(text("schema-written", chosen, path=str(path)) + "\n")
    sys.stderr.write(text("schema-vscode", chosen) + "\n")
    sys.stdout.write(js.vscode_snippet(paths) + "\n")


def _dataset(data: Path | None, lang: str) -> Path | None:
    """The dataset, if one is found; an explicit ``--data`` that is not a dataset is an error."""
    from dkst.roots import DatasetError, find_root

    try:
        return find_root(data)
    except DatasetError:
        if data is not None:
            raise  # said by the command line's one handler
        return None
