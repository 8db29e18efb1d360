"""Letters and forms by e-mail (``dkst remind --send``, ``dkst form --send``): the messages, the SMTP
connection, and the record of what was sent (``gui-thu.csv``) so that nothing goes out twice by accident.

docs/format.md, "Letters and forms by e-mail". One message per unit with an address, the document attached under
its Vietnamese name (RFC 2231); settings from ``DKST_SMTP_*`` and the password from ``DKST_SMTP_PASSWORD`` or the
system's keyring (service ``dkst-smtp``). Every failure is a :class:`MailError` (a catalogue key and its
parameters), never a traceback: the command prints one line per unit and goes on with the others.
smtplib, ssl and keyring are imported inside the functions that use them.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import TYPE_CHECKING

from dkst.findings import KeyedError

if TYPE_CHECKING:
    import smtplib

#: The record of messages sent, in the output folder (kept across a ``--force`` rewrite of the letters).
LOG_NAME = "gui-thu.csv"
LOG_COLUMNS = ("unit", "address", "time", "message_id", "digest", "file")
#: The keyring service of the SMTP password.
KEYRING_SERVICE = "dkst-smtp"
SECURITIES = ("starttls", "tls", "none")
#: Seconds to wait for the server at each step.
TIMEOUT = 60.0

_MIME = {
    ".docx": ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ".xlsx": ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ".md": ("text", "markdown"),
}
_ADDRESS = re.compile(r"^[^@\s<>,;\"]+@[^@\s<>,;\"]+\.[^@\s<>,;\"]+$")
_LOOPBACK = ("localhost", "127.0.0.1", "::1", "[::1]")


class MailError(KeyedError):
    """A failure a clerk can act on: a catalogue key of :mod:`dkst.i18n.mail` and its parameters."""


@dataclass(frozen=True)
class Settings:
    """How to reach the SMTP server (``DKST_SMTP_*``)."""

    host: str
    port: int
    security: str  # starttls | tls | none
    user: str
    password: str | None  # None: read from the keyring when the server asks for a login
    cafile: str | None


@dataclass(frozen=True)
class Outgoing:
    """One message to one unit: the words, and the document to attach."""

    unit: str
    unit_name: str
    address: str
    subject: str
    body: str
    file: Path  # the document as written in the output folder
    attachment_name: str  # the name the unit sees (Vietnamese kept)
    content: bytes

    @property
    def digest(self) -> str:
        return document_digest(self.content)


@dataclass(frozen=True)
class Sent:
    """What became of one message: ``sent``, ``failed`` (with the error) or ``skipped`` (sent before)."""

    unit: str
    address: str
    result: str
    message_id: str | None = None
    error: MailError | None = None


def document_digest(content: bytes) -> str:
    """The digest that says "the same document": SHA-256 of its bytes."""
    return hashlib.sha256(content).hexdigest()


def valid_address(address: str | None) -> bool:
    return bool(address) and _ADDRESS.match(address or "") is not None


def settings(sender: str, env: dict[str, str] | None = None) -> Settings:
    """The SMTP settings from the environment, or a :class:`MailError` naming the variable at fault."""
    env = dict(os.environ) if env is None else env
    host = (env.get("DKST_SMTP_HOST") or "").strip()
    if not host:
        raise MailError("mail-no-host")
    security = (env.get("DKST_SMTP_SECURITY") or "starttls").strip().lower()
    if security not in SECURITIES:
        raise MailError("mail-bad-security", value=security, choices=", ".join(SECURITIES))
    if security == "none" and host.lower() not in _LOOPBACK and not host.startswith("127."):
        raise MailError("mail-plain-remote", host=host)
    raw_port = (env.get("DKST_SMTP_PORT") or "").strip()
    if raw_port:
        if not raw_port.isascii() or not raw_port.isdigit() or not 0 < int(raw_port) < 65536:
            raise MailError("mail-bad-port", value=raw_port)
        port = int(raw_port)
    else:
        port = 465 if security == "tls" else 587
    user = (env.get("DKST_SMTP_USER") or "").strip() or sender
    password = env.get("DKST_SMTP_PASSWORD") or None
    cafile = (env.get("DKST_SMTP_CAFILE") or "").strip() or None
    return Settings(host, port, security, user, password, cafile)


def keyring_password(user: str) -> str:
    """The password of ``user`` from the system's keyring, or a :class:`MailError` (no backend, none stored)."""
    try:
        import keyring
        from keyring.errors import KeyringError

        try:
            found = keyring.get_password(KEYRING_SERVICE, user)
        except KeyringError as exc:
            raise MailError("mail-keyring", error=_one_line(exc) or type(exc).__name__) from None
    except ImportError as exc:  # pragma: no cover - keyring is a dependency
        raise MailError("mail-keyring", error=str(exc)) from None
    except MailError:
        raise
    except Exception as exc:  # a broken backend (D-Bus, Windows vault) is one line too
        raise MailError("mail-keyring", error=_one_line(exc) or type(exc).__name__) from None
    if not found:
        raise MailError("mail-no-password", user=user, service=KEYRING_SERVICE)
    return found


def attachment_name(title: str, unit_name: str, suffix: str) -> str:
    """A file name the unit recognises, in Vietnamese, safe on Windows: ``Công văn đôn đốc … - Phường An Mỹ.docx``."""
    name = f"{title} - {unit_name}"
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f\x7f]+', " ", name)
    name = " ".join(name.split()).strip(" .")[:150].strip(" .")
    return f"{name or 'tai-lieu'}{suffix}"


def compose(out: Outgoing, sender: str, sender_name: str | None, when: datetime | None = None) -> EmailMessage:
    """The message of one :class:`Outgoing`: plain-text body, the document attached under its Vietnamese name."""
    from email.utils import format_datetime, formataddr, make_msgid

    msg = EmailMessage()
    msg["From"] = formataddr((_header_text(sender_name or ""), sender)) if sender_name else sender
    msg["To"] = formataddr((_header_text(out.unit_name), out.address))
    msg["Subject"] = _header_text(out.subject)
    msg["Date"] = format_datetime((when or datetime.now()).astimezone())
    domain = sender.rpartition("@")[2] or "localhost"
    msg["Message-ID"] = make_msgid(idstring="dkst", domain=domain)
    msg.set_content(out.body)
    maintype, subtype = _MIME.get(out.file.suffix.lower(), ("application", "octet-stream"))
    msg.add_attachment(out.content, maintype=maintype, subtype=subtype, filename=out.attachment_name)
    return msg


def _header_text(value: str) -> str:
    """One line for a header (a name or subject from the data cannot add a header of its own)."""
    return " ".join(str(value).replace("\r", " ").replace("\n", " ").split())


def _one_line(exc: BaseException) -> str:
    text = str(exc)
    if isinstance(exc.args, tuple) and len(exc.args) == 2 and isinstance(exc.args[1], bytes):  # SMTP (code, msg)
        text = f"{exc.args[0]} {exc.args[1].decode('utf-8', 'replace')}"
    return " ".join(text.split())[:300]


# ---- the record of what was sent ----


def read_log(folder: Path) -> list[dict[str, str]]:
    """The rows of ``gui-thu.csv`` in ``folder`` (none if it is absent or unreadable as CSV)."""
    path = folder / LOG_NAME
    try:
        raw = path.read_bytes()
    except OSError:
        return []
    try:
        rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    except (UnicodeDecodeError, csv.Error):
        return []
    return [{k: (v or "") for k, v in row.items() if k} for row in rows]


def already_sent(log: Iterable[dict[str, str]], out: Outgoing) -> bool:
    """Whether the log records this very document sent to this unit at this address."""
    return any(
        row.get("unit") == out.unit
        and row.get("digest") == out.digest
        and row.get("address", "").casefold() == out.address.casefold()
        for row in log
    )


def log_bytes(rows: list[dict[str, str]]) -> bytes:
    """``gui-thu.csv`` whole: UTF-8 with a BOM (Excel opens it right), one row per message sent."""
    from dkst.escape import excel_text

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(LOG_COLUMNS)
    for row in rows:
        writer.writerow([excel_text(row.get(c, "")) for c in LOG_COLUMNS])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


# ---- sending ----


class Connection:
    """One SMTP session, opened on first use and again after a drop; ``close`` quits it."""

    def __init__(self, conf: Settings, password: Callable[[], str | None]) -> None:
        self.conf = conf
        self._password = password
        self._smtp: smtplib.SMTP | None = None
        self._refused: MailError | None = None  # a failure of the server itself: every message after fails too

    def _open(self) -> smtplib.SMTP:
        import smtplib
        import ssl

        conf = self.conf
        smtp: smtplib.SMTP | None = None
        try:
            context = ssl.create_default_context(cafile=conf.cafile)
            if conf.security == "tls":
                smtp = smtplib.SMTP_SSL(conf.host, conf.port, timeout=TIMEOUT, context=context)
            else:
                smtp = smtplib.SMTP(conf.host, conf.port, timeout=TIMEOUT)
            smtp.ehlo()
            if conf.security == "starttls":
                if not smtp.has_extn("starttls"):
                    raise MailError("mail-no-starttls", host=conf.host)
                smtp.starttls(context=context)
                smtp.ehlo()
            if smtp.has_extn("auth"):
                secret = self._password()
                if secret is not None:
                    smtp.login(conf.user, secret)
        except BaseException as exc:
            if smtp is not None:
                smtp.close()
            if isinstance(exc, MailError):
                raise
            if isinstance(exc, smtplib.SMTPAuthenticationError):
                raise MailError("mail-login", user=conf.user, error=_one_line(exc)) from None
            if isinstance(exc, ssl.SSLError | ssl.CertificateError):
                raise MailError("mail-tls", host=conf.host, error=_one_line(exc)) from None
            if isinstance(exc, OSError | smtplib.SMTPException):
                raise MailError("mail-connect", host=conf.host, port=conf.port, error=_one_line(exc)) from None
            raise
        return smtp

    def send(self, msg: EmailMessage, sender: str, address: str) -> None:
        """Send one message, or raise a :class:`MailError`; a dropped session is opened again once."""
        import smtplib

        if self._refused is not None:
            raise self._refused
        for attempt in (1, 2):
            if self._smtp is None:
                try:
                    self._smtp = self._open()
                except MailError as exc:
                    if exc.key in (
                        "mail-login",
                        "mail-connect",
                        "mail-tls",
                        "mail-no-starttls",
                        "mail-keyring",
                        "mail-no-password",
                    ):
                        self._refused = exc
                    raise
            try:
                self._smtp.send_message(msg, from_addr=sender, to_addrs=[address])
                return
            except smtplib.SMTPRecipientsRefused as exc:
                detail = next(iter(exc.recipients.values()), (0, b""))
                raise MailError(
                    "mail-rejected", address=address, error=_one_line(smtplib.SMTPException(*detail))
                ) from None
            except smtplib.SMTPSenderRefused as exc:
                raise MailError("mail-sender-refused", address=sender, error=_one_line(exc)) from None
            except smtplib.SMTPDataError as exc:
                raise MailError("mail-data-refused", error=_one_line(exc)) from None
            except (smtplib.SMTPServerDisconnected, ConnectionError, TimeoutError) as exc:
                self.close()
                if attempt == 2:
                    raise MailError(
                        "mail-connect", host=self.conf.host, port=self.conf.port, error=_one_line(exc)
                    ) from None
            except (OSError, smtplib.SMTPException) as exc:
                self.close()
                raise MailError("mail-failed", error=_one_line(exc)) from None

    def close(self) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except Exception:  # the session is over either way
                try:
                    self._smtp.close()
                except Exception:
                    pass
            self._smtp = None


def message_bytes(msg: EmailMessage) -> bytes:
    """The message as an ``.eml`` file holds it (CRLF line ends, as mail programs save it)."""
    from email.policy import SMTP

    return msg.as_bytes(policy=SMTP)


def now_text() -> str:
    """The time recorded in the log: local time with its offset, to the second."""
    return datetime.now().astimezone().replace(microsecond=0).isoformat()


# ---- one run: send (or write as .eml) every message, record what went out ----


@dataclass
class Delivery:
    """The counts of one run, for the summary line and the exit code."""

    sent: int = 0
    skipped: int = 0
    no_address: int = 0
    failed: int = 0
    written: int = 0  # .eml files of a dry run


def deliver(
    outgoing: list[Outgoing],
    without_address: list[tuple[str, str | None]],
    folder: Path,
    sender: str,
    sender_name: str | None,
    conf: Settings | None,
    resend: bool,
    lang: str,
    say: Callable[[str], None],
) -> Delivery:
    """Send each message with the SMTP settings ``conf`` (``None``: a dry run that writes ``<unit>.eml`` files in
    ``folder`` instead), skipping what ``gui-thu.csv`` records as sent unless ``resend``.

    ``say`` gets one line per unit in ``lang``. Units in ``without_address`` (name, the invalid address or
    ``None``) are reported as not sent. The log is rewritten whole after each message that went out, so an
    interrupted run leaves a true record. :class:`OSError` from writing the log or a ``.eml`` propagates.
    """
    from dkst.files import atomic_write
    from dkst.i18n import text

    done = Delivery()
    for name, bad in without_address:
        done.no_address += 1
        say(text("mail.bad-address", lang, unit=name, address=bad) if bad else text("mail.no-address", lang, unit=name))
    log = read_log(folder)
    connection: Connection | None = None
    if conf is not None:
        smtp_conf = conf

        def password() -> str | None:
            return smtp_conf.password if smtp_conf.password is not None else keyring_password(smtp_conf.user)

        connection = Connection(smtp_conf, password)
    try:
        for out in outgoing:
            shown = {"unit": out.unit_name, "address": out.address}
            earlier = [row for row in log if already_sent([row], out)]
            if earlier and not resend and connection is not None:
                done.skipped += 1
                say(text("mail.skipped", lang, time=earlier[-1].get("time", ""), **shown))
                continue
            msg = compose(out, sender, sender_name)
            if connection is None:
                eml = folder / f"{out.unit}.eml"
                atomic_write(eml, message_bytes(msg))
                done.written += 1
                say(text("mail.would-send", lang, eml=str(eml), **shown))
                continue
            try:
                connection.send(msg, sender, out.address)
            except MailError as exc:
                done.failed += 1
                say(text("mail.failed", lang, error=exc.text(lang), **shown))
                continue
            done.sent += 1
            log.append(
                {
                    "unit": out.unit,
                    "address": out.address,
                    "time": now_text(),
                    "message_id": str(msg["Message-ID"]),
                    "digest": out.digest,
                    "file": out.file.name,
                }
            )
            atomic_write(folder / LOG_NAME, log_bytes(log))
            say(text("mail.sent", lang, **shown))
    finally:
        if connection is not None:
            connection.close()
    return done


@dataclass(frozen=True)
class Sender:
    """Who the messages come from and what they say of the period (the plan's facts)."""

    address: str
    issuer: str | None
    office: str | None
    period_name: str
    last_on_time: date | None


def outgoing(
    kind: str, sender: Sender, unit: str, unit_name: str, address: str, file: Path, content: bytes, lang: str
) -> Outgoing:
    """The message of ``kind`` (``remind``: an urging letter; ``form``: a blank form) to one unit."""
    from dkst.i18n import text
    from dkst.periods import vn_date

    issuer = sender.issuer or sender.address
    lines = [
        text("mail.greeting", lang, unit=unit_name),
        "",
        text(f"mail.{kind}.body", lang, issuer=issuer, period=sender.period_name),
    ]
    if sender.last_on_time is not None:
        lines += ["", text("mail.deadline", lang, deadline=vn_date(sender.last_on_time))]
    if sender.office:
        lines.append(text("mail.where", lang, office=sender.office, email=sender.address))
    else:
        lines.append(text("mail.where-email", lang, email=sender.address))
    lines += ["", text("mail.closing", lang), issuer, "", text("mail.footer", lang)]
    title = text(f"mail.{kind}.attachment", lang, period=sender.period_name)
    return Outgoing(
        unit=unit,
        unit_name=unit_name,
        address=address,
        subject=text(f"mail.{kind}.subject", lang, period=sender.period_name),
        body="\n".join(lines) + "\n",
        file=file,
        attachment_name=attachment_name(title, unit_name, file.suffix),
        content=content,
    )
