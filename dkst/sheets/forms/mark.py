"""The integrity mark of a form: a keyed digest (HMAC-SHA256) that ``dkst form`` writes and ``dkst import``
requires, so that a unit cannot turn its form into another unit's (or another period's, or another dataset's)
by editing cells or deleting the hidden sheet and its names.

The key is the dataset's own secret, :data:`SECRET_FILE` at the dataset's root (32 random bytes, written by the
first ``dkst form`` and never put into a form). The mark binds the dataset's marker (its plan's number, year,
issuer, title and indicator ids), the unit and the period: the cells a unit may not change. A unit holding the
form alone cannot compute the mark for another unit; one holding the dataset's folder (the secret file) can, and
that is said in SECURITY.md: keep the file with the clerk's dataset, never send it to units.
"""

from __future__ import annotations

import hmac
import os
import secrets
import stat
from hashlib import sha256
from pathlib import Path

#: The dataset's form key, at its root (kept with the dataset; never sent to units).
SECRET_FILE = ".dkst-form-key"
#: The mark's version, part of what is signed: a later scheme cannot be confused with this one.
VERSION = "dkst-form-1"
_MAX_SECRET_BYTES = 4096


def read_secret(root: Path) -> bytes | None:
    """The dataset's form key, or ``None`` when it has none (or it is not a small regular file: a link, a FIFO
    or a folder there is never followed or opened to wait on)."""
    path = Path(root) / SECRET_FILE
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > _MAX_SECRET_BYTES:
            return None
        data = os.read(fd, _MAX_SECRET_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    text = data.decode("ascii", "replace").strip()
    if len(text) < 32:
        return None
    return text.encode("ascii", "replace")


def ensure_secret(root: Path) -> bytes:
    """The dataset's form key, made (exclusively, readable by its owner only) when there is none yet.
    Raises :class:`OSError` when it cannot be written."""
    from dkst.files import FileExists, create_new

    found = read_secret(root)
    if found is not None:
        return found
    path = Path(root) / SECRET_FILE
    try:
        create_new(path, secrets.token_hex(32) + "\n")
        try:
            os.chmod(path, 0o600)
        except OSError:
            pass
    except FileExists:
        pass  # another run made it a moment ago, or something that is not a key is there: read says which
    found = read_secret(root)
    if found is None:
        raise OSError(0, "not a form key", str(path))
    return found


def form_mark(secret: bytes, marker: str, unit: str, period: str) -> str:
    """The mark of one unit's form of one period of the dataset with ``marker``: 64 hex digits."""
    message = "\0".join((VERSION, marker, unit, period)).encode("utf-8", "surrogatepass")
    return hmac.new(secret, message, sha256).hexdigest()


def mark_matches(secret: bytes, marker: str, unit: str, period: str, mark: str) -> bool:
    """Whether ``mark`` is the form's mark (compared in constant time)."""
    given = mark.strip().lower().encode("utf-8", "surrogatepass")
    return hmac.compare_digest(form_mark(secret, marker, unit, period).encode("ascii"), given)
