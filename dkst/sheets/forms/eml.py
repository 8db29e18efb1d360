"""Filled forms straight from saved e-mails: the ``.xlsx`` attachments of an ``.eml`` file (as Gmail's "Download
message" or Outlook's "Save as" writes it), with the sender's address and the message's date for ``x-nguon``.

Only the standard library's e-mail parser; the file is bounded in size before it is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from dkst.findings import KeyedError

#: An .eml larger than this is refused before it is parsed (Gmail's own limit is 25 MB of attachments).
MAX_EML_BYTES = 60 * 1024 * 1024
#: What an Excel form's part may be called.
_XLSX_TYPES = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",)


class EmlError(KeyedError):
    """An e-mail that cannot be read: a catalogue key of :mod:`dkst.i18n.mail` and its parameters."""


@dataclass(frozen=True)
class Attachment:
    name: str  # as the sender named it (Vietnamese kept)
    content: bytes

    @property
    def safe_name(self) -> str:
        """The name as a file on any system: no folder parts, no characters Windows refuses."""
        base = re.sub(r'[\\/:*?"<>|\x00-\x1f\x7f]+', "_", self.name.replace("\\", "/").rsplit("/", 1)[-1])
        base = base.strip(" .") or "phieu.xlsx"
        if not base.lower().endswith(".xlsx"):
            base += ".xlsx"
        return base[-120:]


@dataclass(frozen=True)
class SavedMail:
    """What ``dkst import`` needs of an e-mail."""

    sender: str | None  # the address of From, lower-cased
    day: date | None  # the day of its Date header
    attachments: tuple[Attachment, ...]


def read_eml(path: Path) -> SavedMail:
    """The sender, date and ``.xlsx`` attachments of a saved e-mail, or an :class:`EmlError`."""
    from email import policy
    from email.parser import BytesParser
    from email.utils import parseaddr

    try:
        size = path.stat().st_size
        if size > MAX_EML_BYTES:
            raise EmlError("eml-too-large", file=path.name, size=size, limit=MAX_EML_BYTES)
        with path.open("rb") as fh:
            raw = fh.read(MAX_EML_BYTES + 1)
    except OSError as exc:
        raise EmlError("eml-unreadable", file=path.name, error=exc.strerror or str(exc)) from None
    try:
        msg = BytesParser(policy=policy.default).parsebytes(raw)
    except Exception as exc:  # the parser is lenient; anything it still raises is one line
        raise EmlError("eml-unreadable", file=path.name, error=" ".join(str(exc).split())[:200]) from None
    sender = parseaddr(str(msg.get("From", "") or ""))[1].strip().lower() or None
    day = _day(msg.get("Date"))
    found: list[Attachment] = []
    for part in msg.walk():
        if part.is_multipart():
            continue
        name = part.get_filename() or ""
        ctype = part.get_content_type()
        if not (name.lower().endswith(".xlsx") or ctype in _XLSX_TYPES):
            continue
        try:
            payload = part.get_payload(decode=True)
        except Exception:
            payload = None
        if not isinstance(payload, bytes) or not payload:
            continue
        found.append(Attachment(" ".join(name.split()) or "phieu.xlsx", payload))
    if not found:
        raise EmlError("eml-no-form", file=path.name)
    return SavedMail(sender, day, tuple(found))


def _day(header: object) -> date | None:
    from email.utils import parsedate_to_datetime

    if header is None:
        return None
    when = getattr(header, "datetime", None)
    if when is None:
        try:
            when = parsedate_to_datetime(str(header))
        except (TypeError, ValueError, IndexError):
            return None
    return when.date() if when is not None else None
