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

Trust and integrity
    The cache folder, its trust rules (the user's own file and folder, no link followed) and the frame of a file (a
    magic line and a BLAKE2b digest checked before anything is unpickled) are :mod:`dkst.load.store`'s, shared with
    the memo of ``dkst check``'s result (:mod:`dkst.checks.memo`). A cache that cannot be trusted, or of the wrong
    shape, is no cache: it is parsed again, without a word.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dkst import __version__
from dkst.load import pool
from dkst.load.dataset import ParsedFile
from dkst.load.pool import CHUNK, Job, NewSegment, Segment, as_tuple, dumps, start_method
from dkst.load.schema import Record
from dkst.load.store import (
    CACHE_MIN_FILES,
    MAGIC,
    cache_dir,
    cache_wanted,
    file_for,
    frame,
    read_trusted,
    unframe,
    write_framed,
)

#: Bump when what the cache holds changes shape.
CACHE_FORMAT = 3


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
    store = _Store.open(root) if cache_wanted() else None
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
        here / "store.py",
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
        found = file_for(root, "pickle")
        if found is None:
            return None  # a root that cannot be resolved, or a cache home inside the dataset
        path, where = found
        store = cls(path, where, _fingerprint())
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
        doc = {"fingerprint": self.fingerprint, "root": self.root, "written": time.time(), "files": files}
        doc["segments"] = segments
        write_framed(self.path, pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL))


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


__all__ = [
    "CACHE_MIN_FILES",
    "MAGIC",
    "Started",
    "cache_dir",
    "frame",
    "parse_many",
    "read_trusted",
    "start",
    "start_method",
    "unframe",
]
