"""Parsing many files, once: a parse cache kept outside the dataset (the workers are in :mod:`dkst.load.pool`).

:func:`start` opens the cache of a dataset (and starts checking its files) before the dataset is walked;
:func:`parse_many` then parses the walk's jobs, from the cache where it can. ``dkst check`` (and every command
built on it) loads this way (:func:`dkst.checks.checker.prepare`); the loader itself knows nothing of it.

The cache
    One file per dataset root and dkst version, in ``$XDG_CACHE_HOME/dkst/`` (else ``~/.cache/dkst/``). For each
    file it keeps the path, kind, size, modification time (ns) and a hash of the bytes, and the parsed file
    (:class:`~dkst.load.dataset.ParsedFile`, pickled in segments of a few hundred files). A file is taken from the
    cache only when all of these match, so an edit that keeps the size and the time is still seen: every file
    is read and hashed on every run (a few per cent of a parse; with more than one CPU, a forked helper does
    it while this process unpickles). The cache is written whole to a temporary file and renamed; a missing,
    corrupt or incompatible one (another dkst, Python, pydantic or PyYAML, or changed loader code) is ignored
    without a word, and deleting it is always safe. Datasets of fewer than ``CACHE_MIN_FILES`` files are not
    cached (they parse in a blink). ``DKST_NO_CACHE=1`` turns it off.

Workers
    Files not taken from the cache are parsed by :mod:`dkst.load.pool` (in worker processes when there are many);
    the pickled chunks it sends back are kept as they are.

Trust
    A pickle is code: loading one can run anything. So the cache file is read only when it and its folder
    belong to the user running dkst and neither is writable by group or others (on POSIX), and it is a
    regular file reached without following a symbolic link (``O_NOFOLLOW``; on Windows, where the cache is
    under the user's own ``%LOCALAPPDATA%``, an ``lstat`` first refuses links and junctions). Anything else,
    and a cache of the wrong shape, is no cache: it is parsed again, without a word.

Integrity
    The file is framed: a magic line, the BLAKE2b digest of the pickle, then the pickle (:func:`frame`). A file
    whose frame or digest is wrong (truncated by a crash or a full disk, damaged on the disk) is never unpickled:
    unpickling garbage can fail in ways ``except Exception`` does not silence (CPython prints some errors itself).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dkst import __version__
from dkst.load import pool
from dkst.load.dataset import ParsedFile
from dkst.load.pool import CHUNK, Job, NewSegment, Segment, as_tuple, dumps, start_method
from dkst.load.schema import Record

#: Bump when what the cache holds changes shape.
CACHE_FORMAT = 3
#: Fewer files than this: no cache (nothing worth keeping, and no cache file per throw-away test folder).
CACHE_MIN_FILES = 100
#: A cache file not used for this long is removed when another one is written.
MAX_AGE_SECONDS = 60 * 24 * 3600

#: The first bytes of a cache file (:func:`frame`); a new layout of the frame gets a new number.
MAGIC = b"dkst-cache-1\n"
_DIGEST_SIZE = 32


def frame(payload: bytes) -> bytes:
    """The cache file's bytes for the pickle ``payload``: :data:`MAGIC`, its BLAKE2b digest, the payload."""
    return MAGIC + hashlib.blake2b(payload, digest_size=_DIGEST_SIZE).digest() + payload


def unframe(raw: bytes) -> bytes | None:
    """The pickle inside a cache file's bytes, or ``None`` when the frame or the digest is wrong."""
    start = len(MAGIC) + _DIGEST_SIZE
    if not raw.startswith(MAGIC) or len(raw) < start:
        return None
    payload = raw[start:]
    if hashlib.blake2b(payload, digest_size=_DIGEST_SIZE).digest() != raw[len(MAGIC) : start]:
        return None
    return payload


#: What the cache knows of a file: class name, size, mtime_ns, blake2b of the bytes (16), and where its
#: parse is: segment number, position in the segment.
Meta = tuple[str, int, int, bytes, int, int]


@dataclass
class Started:
    """A dataset's cache, opened before the walk: the store (``None``: no cache) and the helper checking which
    cached files changed (``None``: nothing cached)."""

    root: Path
    store: _Store | None
    check: Callable[[], set[str]] | None


def start(root: Path) -> Started:
    """Open the cache of the dataset at ``root`` and start checking its files (in a forked helper where it can),
    so that this runs while the dataset is walked."""
    store = _Store.open(root) if _cache_wanted() else None
    check = pool.start_check(os.fspath(root), list(store.files.items())) if store is not None and store.files else None
    return Started(root, store, check)


def parse_many(started: Started, jobs: list[Job]) -> list[ParsedFile[Any]]:
    """Parse every (path relative to the root, record class) job, in order: from the cache where it can."""
    base = os.fspath(started.root)
    store, check = started.store, started.check
    results: list[ParsedFile[Any] | None] = [None] * len(jobs)
    kept: dict[str, tuple[Meta, int]] = {}  # files taken from the cache: meta, job index
    if check is not None:
        misses = _from_cache(jobs, store, check, results, kept)  # type: ignore[arg-type]
    else:
        misses = list(range(len(jobs)))
    if store is not None and not store.files and len(jobs) < CACHE_MIN_FILES:
        store = None  # no cache file for a small dataset
    fresh: list[NewSegment] = []
    if misses:
        want_meta = store is not None
        done = pool.parse_in_pool(base, jobs, misses, want_meta, results) if pool.pool_size(len(misses)) > 1 else None
        fresh = done if done is not None else pool.parse_here(base, jobs, misses, want_meta, results)
    if store is not None:
        store.save(kept, fresh, results)
    return results  # type: ignore[return-value]


def _cache_wanted() -> bool:
    return os.environ.get("DKST_NO_CACHE", "").strip() in ("", "0")


# ---------------------------------------------------------------- from the cache


def _from_cache(
    jobs: list[Job],
    store: _Store,
    check: Callable[[], set[str]],
    results: list[ParsedFile[Any] | None],
    kept: dict[str, tuple[Meta, int]],
) -> list[int]:
    """Fill ``results`` with the cached files that are unchanged (``check()``: the changed ones); return the
    job indexes still to parse."""
    files = store.files
    wanted = [
        (i, rel, files[rel]) for i, (rel, cls) in enumerate(jobs) if rel in files and files[rel][0] == cls.__name__
    ]
    loaded: dict[int, Segment | None] = {}
    for i, _, meta in wanted:
        seg, pos = meta[4], meta[5]
        items = loaded.get(seg, ())
        if items == ():
            items = loaded[seg] = store.segment(seg)
        if items is not None and pos < len(items) and _well_formed_item(items[pos]):
            results[i] = ParsedFile(*items[pos])
    store.lengths = {seg: len(items) for seg, items in loaded.items() if items is not None}
    changed = check()
    for i, rel, meta in wanted:
        if rel in changed or results[i] is None:
            results[i] = None
        else:
            kept[rel] = (meta, i)
    return [i for i, parsed in enumerate(results) if parsed is None]


# ---------------------------------------------------------------- the cache file


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


def _private(st: os.stat_result) -> bool:
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
        if not _private(os.stat(path.parent)) or not _private(os.lstat(path.parent)):
            return None
        if stat.S_ISLNK(os.lstat(path).st_mode):  # Windows has no O_NOFOLLOW: look first
            return None
        fd = os.open(path, _OPEN_FLAGS)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or not _private(st) or not _private(os.lstat(path)):
            return None
        with open(fd, "rb", closefd=False) as fh:  # readall: one read of the size fstat gives
            return fh.read()
    except OSError:
        return None
    finally:
        os.close(fd)


def _well_formed(doc: Any, fingerprint: str, root: str) -> bool:
    """The cache document has the shape :meth:`_Store.save` writes (any other is discarded)."""
    if not (isinstance(doc, dict) and doc.get("fingerprint") == fingerprint and doc.get("root") == root):
        return False
    files, segments = doc.get("files"), doc.get("segments")
    if type(files) is not dict or type(segments) is not list:
        return False
    if not all(type(blob) is bytes for blob in segments):
        return False
    count = len(segments)
    for rel, meta in files.items():
        if (
            type(rel) is not str
            or type(meta) is not tuple
            or len(meta) != 6
            or type(meta[0]) is not str
            or type(meta[1]) is not int
            or type(meta[2]) is not int
            or type(meta[3]) is not bytes
            or type(meta[4]) is not int
            or not 0 <= meta[4] < count
            or type(meta[5]) is not int
            or meta[5] < 0
        ):
            return False
    return True


#: Types seen as a cached file's record: ``None`` and :class:`Record` classes (``isinstance`` on a pydantic
#: class goes through ``ABCMeta``: too slow for every cached file).
_RECORD_TYPES: set[type] = {type(None)}


def _well_formed_item(item: Any) -> bool:
    """One cached file's parse as :func:`as_tuple` makes it: (record or None, lines, problems, partial)."""
    if type(item) is not tuple or len(item) != 4 or type(item[3]) is not bool:
        return False
    kind = type(item[0])
    if kind not in _RECORD_TYPES:
        if not issubclass(kind, Record):
            return False
        _RECORD_TYPES.add(kind)
    return (type(item[1]) is dict or type(item[1]) is bytes) and type(item[2]) is list


def _fingerprint() -> str:
    """What makes a cache usable: this dkst (down to the loader's source), Python, pydantic and PyYAML."""
    import pydantic
    import yaml

    h = hashlib.blake2b(digest_size=16)
    h.update(f"{CACHE_FORMAT}|{__version__}|{sys.version}|{pydantic.VERSION}|{yaml.__version__}".encode())
    here = Path(__file__).resolve().parent
    for path in (
        here / "cache.py",
        here / "pool.py",
        here / "dataset.py",
        here / "layout.py",
        here / "plan_index.py",
        here / "yamlio.py",
        here.parent / "encodings.py",
        here / "validation.py",
        here / "schema.py",
        here / "fields.py",
        here / "yamlerrors.py",
        here.parent / "periods.py",
        here.parent / "counts.py",
        here.parent / "findings.py",
    ):
        try:
            h.update(path.read_bytes())
        except OSError:
            h.update(path.name.encode())
    return h.hexdigest()


@dataclass
class _Store:
    """One dataset's cache file: what it knows of each file, and the pickled segments."""

    path: Path
    root: str
    fingerprint: str
    files: dict[str, Meta] = field(default_factory=dict)
    segments: list[bytes] = field(default_factory=list)
    #: number of files in each segment unpickled in this run
    lengths: dict[int, int] = field(default_factory=dict)

    @classmethod
    def open(cls, root: Path) -> _Store | None:
        """The cache of ``root`` (empty when there is none, or none usable); ``None`` if it cannot be had."""
        try:
            where = str(root.resolve())
        except OSError:
            return None
        folder = cache_dir()
        if folder.resolve().is_relative_to(where):
            return None  # a cache home inside the dataset: the dataset is the user's, nothing is written there
        key = hashlib.blake2b(where.encode("utf-8", "surrogateescape"), digest_size=10).hexdigest()
        store = cls(folder / f"{key}-{__version__}.pickle", where, _fingerprint())
        raw = read_trusted(store.path)
        payload = unframe(raw) if raw is not None else None
        if payload is None:
            return store
        try:
            doc = pickle.loads(payload)
            if _well_formed(doc, store.fingerprint, where):
                store.files, store.segments = doc["files"], doc["segments"]
                os.utime(store.path)  # in use: not to be pruned
        except Exception:  # a cache that cannot be read is no cache
            store.files, store.segments = {}, []
        return store

    def segment(self, number: int) -> Segment | None:
        try:
            items = pickle.loads(self.segments[number])
        except Exception:  # a segment that does not unpickle: its files are parsed again
            return None
        return items if isinstance(items, list) else None

    def save(
        self, kept: dict[str, tuple[Meta, int]], fresh: list[NewSegment], results: list[ParsedFile[Any] | None]
    ) -> None:
        """Write the cache again if anything changed: the segments still in use, then the new ones.

        When fewer than half of the files in the old segments are still in use, everything is pickled anew."""
        fresh = [s for s in fresh if any(key is not None for _, _, key in s.files)]
        if not fresh and kept.keys() == self.files.keys():
            return
        used = sorted({meta[4] for meta, _ in kept.values()})
        slots = sum(self.lengths.get(seg, 0) for seg in used)
        if len(kept) * 2 < slots:  # mostly dead: repack the files kept with the new ones
            fresh = [NewSegment(None, [(i, rel, meta[:4]) for rel, (meta, i) in kept.items()]), *fresh]
            kept, used = {}, []
        segments: list[bytes] = []
        files: dict[str, Meta] = {}
        renumber = {}
        for seg in used:
            renumber[seg] = len(segments)
            segments.append(self.segments[seg])
        for rel, (meta, _) in kept.items():
            files[rel] = (*meta[:4], renumber[meta[4]], meta[5])
        for new in fresh:
            if new.blob is not None:
                _add_segment(segments, files, new.blob, new.files)
                continue
            for k in range(0, len(new.files), CHUNK):  # parsed here: pickled now, in segments
                part = [f for f in new.files[k : k + CHUNK] if f[2] is not None]
                blob = dumps([as_tuple(results[i]) for i, _, _ in part])  # type: ignore[arg-type]
                _add_segment(segments, files, blob, part)
        _write(
            self.path,
            {
                "fingerprint": self.fingerprint,
                "root": self.root,
                "written": time.time(),
                "files": files,
                "segments": segments,
            },
        )


def _add_segment(
    segments: list[bytes],
    files: dict[str, Meta],
    blob: bytes,
    members: list[tuple[int, str, tuple[str, int, int, bytes] | None]],
) -> None:
    number = len(segments)
    segments.append(blob)
    for pos, (_, rel, key) in enumerate(members):
        if key is not None:
            files[rel] = (*key, number, pos)


def _write(path: Path, doc: dict[str, Any]) -> None:
    """Write the cache whole through :func:`dkst.files.atomic_write` (fsync, rename, no temporary file left on
    failure or SIGTERM), readable by its owner only; any failure leaves no cache, silently."""
    from dkst.files import atomic_write

    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not _private(os.stat(path.parent)) or not _private(os.lstat(path.parent)):
            return  # a folder someone else could write to: its cache would never be read
        atomic_write(path, frame(pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL)), private=True)
        _prune(path.parent, keep=path)
    except OSError:
        pass


def _prune(folder: Path, keep: Path) -> None:
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


__all__ = ["Started", "cache_dir", "parse_many", "read_trusted", "start", "start_method"]
