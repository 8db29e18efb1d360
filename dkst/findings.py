"""Findings are data: the registry of finding codes, ``Finding`` records and the ``CheckResult``."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import IntEnum
from typing import Any


class KeyedError(Exception):
    """An error a clerk can act on, said in one line of the catalogue: ``key`` (a key of
    :data:`dkst.i18n.TEXTS`) and its ``params``. Every error of this kind that leaves a command is said by one
    handler (:func:`dkst.cli.app.main`: ``dkst: <the line>``, exit code 2); code that can go on catches it."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def text(self, lang: str) -> str:
        """The line in ``lang``."""
        from dkst.i18n import text

        return text(self.key, lang, **self.params)


class Severity(IntEnum):
    """How bad a finding is; ordered so that ``max()`` gives the worst."""

    INFO = 0
    WARNING = 1
    ERROR = 2

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        return cls[text.upper()]


#: Every finding code with its default severity (``rule-failed`` takes the rule's own).
CODES: dict[str, Severity] = {
    "encoding": Severity.ERROR,
    "yaml-syntax": Severity.ERROR,
    "yaml-alias": Severity.ERROR,
    "duplicate-key": Severity.ERROR,
    "file-too-large": Severity.ERROR,
    "missing-field": Severity.ERROR,
    "unknown-field": Severity.ERROR,
    "invalid-value": Severity.ERROR,
    "unknown-ref": Severity.ERROR,
    "duplicate-id": Severity.ERROR,
    "invalid-rule": Severity.ERROR,
    "missing-file": Severity.ERROR,
    "future-date": Severity.ERROR,
    "suspicious-date": Severity.WARNING,
    "stray-file": Severity.ERROR,
    "inconsistent-date": Severity.ERROR,
    "not-counted": Severity.INFO,
    "missing-report": Severity.WARNING,
    "late-report": Severity.WARNING,
    "late-unit-plan": Severity.WARNING,
    "missing-model": Severity.WARNING,
    "missing-unit-plan": Severity.WARNING,
    "rule-failed": Severity.WARNING,
    "jump": Severity.WARNING,
    "pending-report": Severity.INFO,
    "pending-model": Severity.INFO,
    "pending-unit-plan": Severity.INFO,
}

#: Extras a finding may carry, in the order they are written out.
EXTRA_KEYS = ("days_late", "days_overdue", "requirement", "expected", "actual", "previous")


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in a dataset.

    ``params`` fill the message template of ``code`` from the catalogue in :mod:`dkst.i18n`;
    the message itself is made in the chosen language only when the finding is reported.
    """

    code: str
    path: str
    line: int | None = None
    unit: str | None = None
    period: str | None = None
    params: tuple[tuple[str, Any], ...] = ()
    extras: tuple[tuple[str, Any], ...] = ()
    severity: Severity | None = None

    @property
    def level(self) -> Severity:
        return self.severity if self.severity is not None else CODES[self.code]

    def param(self, key: str, default: Any = None) -> Any:
        return dict(self.params).get(key, default)

    def message(self, lang: str = "vi") -> str:
        return finding_message(self, lang)

    def to_dict(self, lang: str = "vi") -> dict[str, Any]:
        """The finding as docs/format.md's JSON object."""
        out: dict[str, Any] = {
            "code": self.code,
            "severity": self.level.label,
            "path": self.path,
            "line": self.line,
            "unit": self.unit,
            "period": self.period,
            "message": self.message(lang),
        }
        extras = dict(self.extras)
        for key in EXTRA_KEYS:
            if key in extras:
                out[key] = extras[key]
        return out


def make(
    code: str,
    path: str,
    line: int | None = None,
    *,
    unit: str | None = None,
    period: str | None = None,
    severity: Severity | None = None,
    extras: dict[str, Any] | None = None,
    **params: Any,
) -> Finding:
    """Build a finding; keyword arguments beyond the fixed ones are message parameters."""
    if code not in CODES:
        raise KeyError(code)
    return Finding(
        code=code,
        path=path,
        line=line,
        unit=unit,
        period=period,
        params=tuple(sorted(params.items())),
        extras=tuple(sorted((extras or {}).items())),
        severity=severity,
    )


def sort_key(item: dict[str, Any]) -> tuple[Any, ...]:
    """docs/format.md's order: path, line (null first), code, unit, period, message."""
    line = item["line"]
    return (
        item["path"],
        line is not None,
        line or 0,
        item["code"],
        item["unit"] or "",
        item["period"] or "",
        item["message"],
    )


@dataclass
class CheckResult:
    """Everything ``dkst check`` found: the dataset, the as-of date, the findings and the number of files read."""

    dataset: str
    as_of: date
    findings: list[Finding] = field(default_factory=list)
    files: int = 0

    def rendered(self, lang: str = "vi") -> list[dict[str, Any]]:
        """Findings as JSON objects, sorted as docs/format.md pins it."""
        return sorted((f.to_dict(lang) for f in self.findings), key=sort_key)

    def summary(self) -> dict[str, int]:
        counts = {"error": 0, "warning": 0, "info": 0}
        for f in self.findings:
            counts[f.level.label] += 1
        return counts

    def exit_code(self, strict: bool = False) -> int:
        worst = max((f.level for f in self.findings), default=None)
        if worst is None:
            return 0
        if worst >= Severity.ERROR or (strict and worst >= Severity.WARNING):
            return 1
        return 0


def finding_message(finding: Finding, lang: str = "vi") -> str:
    """The message of a finding in ``lang`` from its code and parameters (the words are the catalogue's,
    :mod:`dkst.i18n`)."""
    from dkst.i18n import ENCODINGS, HOWTO, MESSAGES, REASONS, TEXTS, WHAT, fill, show, yaml_problem

    params: dict[str, Any] = {k: show(v) for k, v in (*finding.extras, *finding.params)}
    params.setdefault("suggest", None)
    code = finding.code
    if code == "encoding":
        from dkst.encodings import SOURCE_NAMES, family

        guess = params.get("guess") or "unknown"
        params["guess"] = ENCODINGS.get(family(guess), ENCODINGS["unknown"])[lang]
        how = "legacy" if guess in ("tcvn3", "vni") else "iconv" if guess in SOURCE_NAMES else "unknown"
        params["howto"] = HOWTO[how][lang].format(name=SOURCE_NAMES.get(guess, ""))
    if code == "yaml-syntax":
        params["tab"] = TEXTS["tab"][lang] if params.get("tab") else ""
        if str(params.get("problem", "")).startswith("yaml."):  # a kind of dkst.load.yamlerrors
            params["problem"] = yaml_problem(params, lang)
    if code == "unknown-ref":
        params["what"] = WHAT.get(params.get("what", ""), {"vi": "Mã", "en": "Id"})[lang]
    if code == "rule-failed":
        params["text_part"] = f" — {params['text']}" if params.get("text") else ""
    if "reason" in params:
        key = params["reason"]
        if key == "date_form" and "year" not in params:  # no dataset year known: this year's
            from dkst.periods import today

            params["year"] = today().year
        reason = REASONS.get(key, REASONS["other"])[lang]
        params["reason"] = reason.format(**{"detail": params.get("detail", key), **params})
        if key == "yml":
            params["suggest"] = None  # already in the reason
    params["suggest"] = TEXTS["suggest"][lang].format(x=params["suggest"]) if params["suggest"] else ""
    if code == "unknown-ref" and params.get("owner"):  # a model of another unit: whose it is, and what to do
        params["suggest"] = TEXTS["model-of-another-unit"][lang].format(
            owner=params["owner"], ref=params["ref"], unit=show(finding.unit or "")
        )
    message = fill(MESSAGES[code][lang], **params)
    if code in ("missing-report", "pending-report") and params.get("later"):  # the file is there, dated later
        message += TEXTS["report-dated-later"][lang].format(path=finding.path, **params)
    return message
