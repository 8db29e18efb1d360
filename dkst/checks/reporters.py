"""Check results → text, JSON or GitHub annotations. Reporters print; they never judge."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace

from dkst import escape
from dkst.findings import CheckResult
from dkst.i18n import text


def as_json(result: CheckResult, lang: str, summary: dict[str, int] | None = None) -> str:
    """docs/format.md's JSON object: dataset, as_of, summary, sorted findings, one finding a line.

    (One compact object a line reads and greps well, and keeps to json's C encoder, which ``indent`` would
    turn off: at 10,000 units that is most of the time spent writing.)
    """
    dump = json.JSONEncoder(ensure_ascii=False).encode
    head = (
        f'{{"dataset": {dump(result.dataset)}, "as_of": {dump(result.as_of.isoformat())},\n'
        f' "summary": {dump(summary or result.summary())},\n "findings": ['
    )
    items = ",\n  ".join(dump(item) for item in result.rendered(lang))
    return escape.json_text(head + ("\n  " + items + "\n ]}\n" if items else "]}\n"))


def as_text(result: CheckResult, lang: str, color: bool = False, full: CheckResult | None = None) -> str:
    """Findings grouped by file, a line each, then a summary line. What comes from the data (paths, values
    quoted in messages) never sends a control sequence to the terminal (:func:`dkst.escape.terminal`).

    ``full`` is the whole result when ``result`` shows only part of it (``--no-warnings``): the summary
    counts everything found, and a line says how many findings were not shown.
    """
    styles = {"error": ("\x1b[31m", "\x1b[0m"), "warning": ("\x1b[33m", "\x1b[0m"), "info": ("\x1b[36m", "\x1b[0m")}
    lines: list[str] = []
    current = None
    for item in result.rendered(lang):
        if item["path"] != current:
            current = item["path"]
            if lines:
                lines.append("")
            shown = escape.terminal(current)
            lines.append(f"\x1b[1m{shown}\x1b[0m" if color else shown)
        where = f"{item['line']}" if item["line"] is not None else "-"
        sev = text("sev-" + item["severity"], lang)
        if color:
            start, end = styles[item["severity"]]
            sev = f"{start}{sev}{end}"
        lines.append(f"  {where:>4}  {sev}  [{escape.terminal(item['code'])}] {escape.terminal(item['message'])}")
    if lines:
        lines.append("")
    summary = (full or result).summary()
    lines.append(text("summary", lang, files=result.files, **summary))
    hidden = len((full or result).findings) - len(result.findings)
    if hidden:
        lines.append(text("hidden-warnings", lang, n=hidden))
    elif not result.findings:
        lines.append(text("clean", lang))
    return "\n".join(lines) + "\n"


def as_github(result: CheckResult, lang: str) -> str:
    """GitHub Actions workflow commands, escaped as the Actions toolkit escapes them (``%``, CR, LF; ``:`` and
    ``,`` in properties), with no control sequence from the data (:mod:`dkst.escape`)."""
    kinds = {"error": "error", "warning": "warning", "info": "notice"}
    out = []
    for item in result.rendered(lang):
        props = [f"file={escape.github_property(item['path'])}"]
        if item["line"] is not None:
            props.append(f"line={item['line']}")
        props.append(f"title={escape.github_property(item['code'])}")
        out.append(f"::{kinds[item['severity']]} {','.join(props)}::{escape.github_data(item['message'])}")
    return "".join(line + "\n" for line in out)


REPORTERS: dict[str, Callable[..., str]] = {"text": as_text, "json": as_json, "github": as_github}


def _errors_only(result: CheckResult) -> CheckResult:
    """The same result with only its error findings (``dkst check --no-warnings``)."""
    from dkst.findings import Severity

    return replace(result, findings=[f for f in result.findings if f.level >= Severity.ERROR])


def report(result: CheckResult, fmt: str, lang: str, color: bool = False, *, errors_only: bool = False) -> str:
    """The result in ``fmt``. With ``errors_only`` the findings shown are the errors; the text summary and
    the JSON ``summary`` still count every finding (the exit code does too), the text says how many
    were not shown."""
    shown = _errors_only(result) if errors_only else result
    if fmt == "text":
        return as_text(shown, lang, color, full=result if errors_only else None)
    return REPORTERS[fmt](shown, lang) if fmt != "json" else as_json(shown, lang, summary=result.summary())


__all__: list[str] = ["REPORTERS", "as_github", "as_json", "as_text", "report"]
