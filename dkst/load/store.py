"""The cache folder dkst keeps outside the dataset: where it is, which of its files can be trusted, how a file is
framed, written and pruned. Shared by the parse cache (:mod:`dkst.load.cache`) and the memo of ``dkst check``'s
result (:mod:`dkst.checks.memo`).

Standard library only (no pydantic, PyYAML or schema import; a test proves it in a fresh interpreter), so that
``dkst check`` can answer from its memo without loading the loader.

Where
    ``$XDG_CACHE_HOME/dkst/`` (else ``%LOCALAPPDATA%\\dkst\\cache`` on Windows, else ``~/.cache/dkst/``); one file
    per dataset root and kind, named by a hash of the resolved root (:func:`file_for`). Never inside the dataset.

Trust
    A pickle is code: loading one can run anything. So a file is read only when it and its folder belong to the
    user running dkst and neither is writable by group or others (on POSIX), and it is a regular file reached
    without following a symbolic link (``O_NOFOLLOW``; on Windows, where the folder is under the user's own
    ``%LOCALAPPDATA%``, an ``lstat`` first refuses links and junctions): :func:`read_trusted`.

Integrity
    A file is framed: a magic line, the BLAKE2b digest of the payload, then the payload (:func:`frame`). A file
    whose frame or digest is wrong (truncated by a crash or a full disk, damaged on the disk) is never unpickled:
    unpickling garbage can fail in ways ``except Exception`` does not silence (CPython prints some errors itself).

Writing
    Whole, through :func:`dkst.files.atomic_write` (the one file-replacing writer: fsync, rename, no temporary file
    left on failure or SIGTERM), readable by its owner only; any failure leaves no file, silently
    (:func:`write_framed`). Files not used for :data:`MAX_AGE_SECONDS` are removed when another one is written.
"""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Iterator
from pathlib import Path

from dkst import __version__

try:  # hashlib's own BLAKE2b, without hashlib importing OpenSSL's module (a few ms of every start-up)
    from _blake2 import blake2b
except ImportError:  # an interpreter built without it
    from hashlib import blake2b

#: Fewer files than this: no parse cache (they parse in a blink); the check's memo serves them instead.
CACHE_MIN_FILES = 100
#: A cache file not used for this long is removed when another one is written.
MAX_AGE_SECONDS = 60 * 24 * 3600

#: The first bytes of a cache file (:func:`frame`); a new layout of the frame gets a new number.
MAGIC = b"dkst-cache-1\n"
_DIGEST_SIZE = 32


def frame(payload: bytes) -> bytes:
    """The cache file's bytes for the pickle ``payload``: :data:`MAGIC`, its BLAKE2b digest, the payload."""
    return MAGIC + blake2b(payload, digest_size=_DIGEST_SIZE).digest() + payload


def unframe(raw: bytes) -> bytes | None:
    """The pickle inside a cache file's bytes, or ``None`` when the frame or the digest is wrong."""
    start = len(MAGIC) + _DIGEST_SIZE
    if not raw.startswith(MAGIC) or len(raw) < start:
        return None
    payload = raw[start:]
    if blake2b(payload, digest_size=_DIGEST_SIZE).digest() != raw[len(MAGIC) : start]:
        return None
    return payload


def cache_dir() -> Path:
    """``$XDG_CACHE_HOME/dkst`` (an absolute XDG_CACHE_HOME only, as the XDG spec says), else
    ``%LOCALAPPDATA%\\dkst\\cache`` on Windows, else ``~/.cache/dkst``."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if base and os.path.isabs(base):
        return Path(base) / "dkst"
    local = os.environ.get("LOCALAPPDATA", "") if os.name == "nt" else ""
    if local and os.path.isabs(local):
        return Path(local) / "dkst" / "cache"
    return Path(os.path.expanduser("~")) / ".cache" / "dkst"


def cache_wanted() -> bool:
    """Whether the cache folder may be used at all (``DKST_NO_CACHE=1`` turns the parse cache and the memo off)."""
    return os.environ.get("DKST_NO_CACHE", "").strip() in ("", "0")


def file_for(root: Path, kind: str) -> tuple[Path, str] | None:
    """The cache file of kind ``kind`` (``pickle``, ``check.pickle``) for the dataset at ``root``, and the resolved
    root it is named after; ``None`` when the root cannot be resolved or the cache folder is inside the dataset
    (the dataset is the user's: nothing is written there)."""
    try:
        where = str(root.resolve())
        folder = cache_dir()
        if folder.resolve().is_relative_to(where):
            return None
    except (OSError, RuntimeError):
        return None
    key = blake2b(where.encode("utf-8", "surrogateescape"), digest_size=10).hexdigest()
    return folder / f"{key}-{__version__}.{kind}", where


def is_private(st: os.stat_result) -> bool:
    """A file or folder only this user can have written: owned by them, not writable by group or others.

    POSIX only: Windows has no owner id in ``os.stat`` and makes up the mode bits; there the cache folder is
    in the user's own profile, whose access list keeps other users out."""
    geteuid = getattr(os, "geteuid", None)
    if geteuid is None:
        return not getattr(st, "st_file_attributes", 0) & getattr(stat, "FILE_ATTRIBUTE_REPARSE_POINT", 0x400)
    return st.st_uid == geteuid() and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


#: open a cache file: never through a symbolic link (where the system can say so), never blocking on a FIFO
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_BINARY", 0)
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


def read_trusted(path: Path) -> bytes | None:
    """The bytes of the cache file ``path`` if it can be trusted (see *Trust* above), else ``None``.

    The file's checks are made on the open file itself (``fstat``), so it cannot be swapped in between."""
    try:
        if not is_private(os.stat(path.parent)) or not is_private(os.lstat(path.parent)):
            return None
        if stat.S_ISLNK(os.lstat(path).st_mode):  # Windows has no O_NOFOLLOW: look first
            return None
        fd = os.open(path, _OPEN_FLAGS)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or not is_private(st) or not is_private(os.lstat(path)):
            return None
        with open(fd, "rb", closefd=False) as fh:  # readall: one read of the size fstat gives
            return fh.read()
    except OSError:
        return None
    finally:
        os.close(fd)


def write_framed(path: Path, payload: bytes) -> None:
    """Write ``payload`` framed (:func:`frame`) to the cache file ``path`` through
    :func:`dkst.files.atomic_write` (fsync, rename, no temporary file left on failure or SIGTERM), readable by its
    owner only, then prune old files; any failure leaves no file, silently."""
    from dkst.files import atomic_write

    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not is_private(os.stat(path.parent)) or not is_private(os.lstat(path.parent)):
            return  # a folder someone else could write to: its files would never be read
        atomic_write(path, frame(payload), private=True)
        prune(path.parent, keep=path)
    except OSError:
        pass


def prune(folder: Path, keep: Path) -> None:
    """Remove cache files (and leftover temporary files) that have not been used for a long while."""
    limit = time.time() - MAX_AGE_SECONDS
    for entry in _scandir(folder):
        if entry.name.endswith((".pickle", ".tmp")) and entry.path != str(keep):
            try:
                if entry.stat().st_mtime < limit:
                    os.unlink(entry.path)
            except OSError:
                pass


def _scandir(folder: Path) -> Iterator[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as it:
            yield from it
    except OSError:
        return


__all__ = [
    "CACHE_MIN_FILES",
    "MAGIC",
    "MAX_AGE_SECONDS",
    "blake2b",
    "cache_dir",
    "cache_wanted",
    "file_for",
    "frame",
    "is_private",
    "prune",
    "read_trusted",
    "unframe",
    "write_framed",
]
