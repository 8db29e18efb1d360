"""Injection, everywhere text leaves dkst (issue #9, item 5): formulas in CSV and Excel, rich markup, terminal
escape sequences, HTML in Markdown, GitHub annotations. Payloads are typed into a dataset as a clerk's data."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dkst import escape
from dkst.cli.app import app, register_commands
from tests.conftest import CASES, run_dkst

register_commands()

AS_OF = "2023-12-20"
FORMULA = '=HYPERLINK("http://evil.example","x")'
#: Raw bytes a terminal would obey: OSC (set the title), BEL, CSI (red), C1 CSI.
ESCAPES = ("\x1b", "\x07", "\x9b")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """The valid dataset with a formula, rich markup, HTML, escape sequences and control characters in names."""
    dest = tmp_path / "ds"
    shutil.copytree(CASES / "valid", dest)
    (dest / "units.yaml").write_text(
        "units:\n"
        "  - id: thanh-pho\n"
        f"    name: '{FORMULA}'\n"
        "    kind: city\n"
        "  - id: hoi-nong-dan\n"
        '    name: "@SUM(1+1) [/b] \\e]0;pwned\\a\\e[31m<script>alert(1)</script>"\n'
        '    short_name: "+1+1 [/b]\\x01"\n'
        "    kind: member\n"
        "  - id: an-my\n"
        '    name: "-2+3 <b>bold</b> &amp; \\x9b31m\\tx"\n'
        "    kind: ward\n",
        encoding="utf-8",
    )
    report = dest / "units" / "hoi-nong-dan" / "reports" / "H1.yaml"
    report.write_text(
        'submitted: 2023-06-04\nindicators:\n  propaganda_sessions: "\\e]0;pwned\\a\\e[2J7"\n', encoding="utf-8"
    )
    return dest


def no_raw_escapes(text: str) -> bool:
    return not any(ch in text for ch in ESCAPES)


# ---------------------------------------------------------------- dkst.escape


@pytest.mark.parametrize("payload", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", FORMULA])
def test_spreadsheet_guard(payload: str) -> None:
    assert escape.spreadsheet(payload) == "'" + payload
    assert escape.excel_text(payload).startswith("'")


def test_spreadsheet_leaves_numbers_and_plain_text() -> None:
    assert escape.spreadsheet(-5) == -5 and escape.spreadsheet(3.5) == 3.5 and escape.spreadsheet(None) is None
    assert escape.spreadsheet("Phường An Mỹ") == "Phường An Mỹ"
    assert escape.excel_text("a\x00b\x1bc\x9bd\te") == "abcd\te"


def test_terminal_shows_controls_visibly() -> None:
    assert escape.terminal("a\x1b[31mb\x07\x9bc\u202ed") == "a\\x1b[31mb\\x07\\x9bc\\u202ed"
    assert escape.terminal("tab\tnew\nline") == "tab\tnew\\x0aline"
    assert escape.terminal("new\nline", keep="\t\n") == "new\nline"
    assert escape.terminal("Ủy ban [b]") == "Ủy ban [b]"


def test_rich_text_prints_markup_literally() -> None:
    from rich.console import Console

    buf = io.StringIO()
    Console(file=buf, color_system=None, width=200).print(escape.rich_text("[/b] [bold]x[/bold] \x1b[31m"))
    assert buf.getvalue() == "[/b] [bold]x[/bold] \\x1b[31m\n"


def test_json_text_escapes_c1() -> None:
    import json

    shown = escape.json_text(json.dumps({"a": "x\x9by\u2028"}, ensure_ascii=False))
    assert no_raw_escapes(shown) and json.loads(shown) == {"a": "x\x9by\u2028"}


def test_github_escapes_as_documented() -> None:
    assert escape.github_data("50% a\r\nb") == "50%25 a%0D%0Ab"
    assert escape.github_property("a:b,c%") == "a%3Ab%2Cc%25"
    assert no_raw_escapes(escape.github_data("\x1b]0;x\x07"))


def test_markdown_escapes_html_and_markup() -> None:
    assert escape.markdown("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert escape.markdown("&amp; | *a*") == "&amp;amp; \\| \\*a\\*"
    assert escape.markdown_cell("a\nb") == "a<br>b"
    assert escape.html('<a href="x">&</a>') == "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;"


# ---------------------------------------------------------------- through the commands


def test_check_text_and_github_print_no_escape_sequence(hostile: Path) -> None:
    for fmt in ("text", "github"):
        code, out, _ = run("check", "--data", str(hostile), "--as-of", AS_OF, "--format", fmt)
        assert code == 1 and no_raw_escapes(out), fmt
        assert "\\x1b" in out
    code, out, _ = run("check", "--data", str(hostile), "--as-of", AS_OF, "--format", "github")
    assert all(line.startswith("::") for line in out.splitlines())


def test_status_prints_markup_literally_and_no_escapes(hostile: Path) -> None:
    for fmt in ("table", "text", "json"):  # JSON too: json leaves C1 controls raw
        code, out, err = run("status", "--data", str(hostile), "--as-of", AS_OF, "--format", fmt)
        assert code == 0, (fmt, err)
        assert no_raw_escapes(out), fmt
    code, out, _ = run("status", "--data", str(hostile), "--as-of", AS_OF, "--format", "table")
    assert "[/b]" in out


def test_aggregate_table_and_md(hostile: Path) -> None:
    code, out, _ = run("aggregate", "--data", str(hostile), "--period", "H1", "--as-of", AS_OF)
    assert code == 0 and no_raw_escapes(out) and "[/b]" in out
    code, out, _ = run("aggregate", "--data", str(hostile), "--period", "H1", "--as-of", AS_OF, "--format", "md")
    assert code == 0 and no_raw_escapes(out) and "\x01" not in out
    assert "&amp;amp;" in out and "<b>" not in out and "\\<" not in out
    assert "\\=HYPERLINK" in out  # a leading = in a table cell is text, not a setext heading


def test_aggregate_csv_never_starts_a_formula(hostile: Path) -> None:
    import csv

    code, out, _ = run("aggregate", "--data", str(hostile), "--period", "H1", "--as-of", AS_OF, "--format", "csv")
    assert code == 0 and no_raw_escapes(out)
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
    cells = [c for row in rows for c in row]
    assert "'" + FORMULA in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r") or (c[:1] == "-" and not c[1:].isdigit())]
    assert "10" in cells and "700" in cells  # numbers stay numbers


def test_aggregate_xlsx_has_no_formula_and_no_crash(hostile: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    target = tmp_path / "t.xlsx"
    code, _, err = run("aggregate", "--data", str(hostile), "--period", "H1", "--as-of", AS_OF, "--output", str(target))
    assert code == 0, err
    book = load_workbook(target)
    texts = []
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                # only dkst's own sums and ratios are formulas: no quote, so no text from the data
                assert cell.data_type != "f" or re.fullmatch(r"=[A-Z0-9:,<>=/ ()*.+-]+", str(cell.value)), (
                    ws.title,
                    cell.coordinate,
                    cell.value,
                )
                if isinstance(cell.value, str) and cell.data_type != "f":
                    texts.append(cell.value)
                    assert not cell.value.startswith(("=", "+", "@", "\t", "\r", "-")) or cell.value[1:].isdigit()
    assert any(FORMULA in t for t in texts)  # shown as text (a unit owing nothing is named in a note line)
    values = [c.value for ws in book.worksheets for row in ws.iter_rows() for c in row]
    assert 10 in values and 700 in values


def test_render_md_escapes_html_and_prints_no_escapes(hostile: Path) -> None:
    code, out, err = run("render", "--data", str(hostile), "--period", "H1", "--as-of", AS_OF)
    assert code == 0, err
    assert no_raw_escapes(out)
    assert "<script>" not in out and "<b>" not in out and "\\<" not in out
    assert out.count("&lt;script&gt;") >= 1 and out.count("&lt;b&gt;") >= 1


def test_end_to_end_terminal_payloads_through_the_installed_command(hostile: Path) -> None:
    proc = run_dkst("check", "--data", str(hostile), "--as-of", AS_OF)
    assert proc.returncode == 1 and no_raw_escapes(proc.stdout) and "Traceback" not in proc.stderr
    proc = run_dkst("status", "--data", str(hostile), "--as-of", AS_OF, "--format", "table")
    assert proc.returncode == 0 and "[/b]" in proc.stdout and no_raw_escapes(proc.stdout), proc.stderr
