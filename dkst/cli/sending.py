"""``--send`` of ``dkst remind`` and ``dkst form``: the options, and one run of :func:`dkst.documents.mail.deliver`
printed as a clerk reads it (one line per unit on standard output, a summary on standard error).

Not a command: the two commands share it. Imports typer only; the mail machinery loads inside the functions.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from dkst.cli.options import fail

if TYPE_CHECKING:
    from dkst.documents.mail import Sender, Settings
    from dkst.load.dataset import Dataset

SendOpt = Annotated[bool, typer.Option("--send", help="help.send")]
ResendOpt = Annotated[bool, typer.Option("--resend", help="help.resend")]
SendDryRunOpt = Annotated[bool, typer.Option("--dry-run", help="help.send-dry-run")]


@dataclass(frozen=True)
class Plan:
    """What a sending run needs before any file is written: the sender and the server (None: a dry run)."""

    sender: Sender
    settings: Settings | None


def prepare_sending(ds: Dataset, period: str, period_name: str | None, dry_run: bool, lang: str) -> Plan:
    """The sender from ``report_to.email`` and the SMTP settings from the environment, or a one-line error
    (exit 2) before anything is written."""
    from dkst.documents.mail import Sender, settings, valid_address
    from dkst.i18n import text

    plan = ds.plan
    report_to = plan.report_to if plan is not None else None
    address = (report_to.email if report_to is not None else None) or ""
    if not address:
        fail(text("mail-no-sender", lang))
    if not valid_address(address):
        fail(text("mail-bad-sender", lang, address=address))
    info = ds.index.periods.get(period) if ds.index is not None else None
    sender = Sender(
        address=address,
        issuer=plan.issuer if plan is not None else None,
        office=report_to.office if report_to is not None else None,
        period_name=period_name or (info.name if info is not None else period),
        last_on_time=info.deadline.last_on_time if info is not None else None,
    )
    if dry_run:
        return Plan(sender, None)
    return Plan(sender, settings(address))


def send_files(
    kind: str,
    ds: Dataset,
    sending: Plan,
    files: list[tuple[str, Path, bytes]],
    folder: Path,
    resend: bool,
    lang: str,
) -> int:
    """Send each unit its file (``files``: unit id, path written, bytes) and say what became of each; the exit
    code: 1 if any message failed, else 0."""
    from dkst.documents.mail import deliver, outgoing, valid_address
    from dkst.escape import terminal
    from dkst.i18n import text

    units = {u.id: u for u in ds.units}
    messages = []
    without: list[tuple[str, str | None]] = []
    for unit_id, path, content in files:
        unit = units.get(unit_id)
        name = unit.name if unit is not None else unit_id
        address = unit.email if unit is not None else None
        if not address or not valid_address(address):
            without.append((name, address or None))
            continue
        messages.append(outgoing(kind, sending.sender, unit_id, name, address, path, content, lang))

    def say(line: str) -> None:
        sys.stdout.write(terminal(line) + "\n")

    try:
        done = deliver(
            messages,
            without,
            folder,
            sending.sender.address,
            sending.sender.issuer,
            sending.settings,
            resend,
            lang,
            say,
        )
    except OSError as exc:
        fail(text("mail-log-failed", lang, path=str(folder), error=exc.strerror or str(exc)), code=1)
    if sending.settings is None:
        sys.stderr.write(text("mail.summary-dry", lang, count=done.written, folder=str(folder)) + "\n")
        return 0
    sys.stderr.write(
        text(
            "mail.summary",
            lang,
            sent=done.sent,
            skipped=done.skipped,
            none=done.no_address,
            failed=done.failed,
            log=str(folder / "gui-thu.csv"),
        )
        + "\n"
    )
    return 1 if done.failed else 0
