"""Parsing files in worker processes: one file's parse and key, the pool, its start method, the helper.

Used by :mod:`dkst.load.cache` (which keeps what is parsed here). When more than ``POOL_THRESHOLD`` files need
parsing and there is more than one CPU, they are parsed by a pool of forked processes, each sending back one
pickle per chunk of files, which the cache then keeps as it is. ``DKST_WORKERS=1`` keeps to one process;
``DKST_WORKERS=N`` forces N workers whatever the number of files. The workers are forked where the system can
(Linux, macOS), else spawned (Windows): the worker function :func:`work` is importable and its arguments are
plain data, so both work; ``DKST_MP_START=spawn`` forces the start method (to run Windows' way elsewhere; the
forked helper of :func:`start_check` is then not used either). When no pool can be had, or it breaks, the files
are parsed in this process.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from dkst.load.dataset import ParsedFile, parse_document, read_file, too_large, unreadable
from dkst.load.schema import Record

#: More files than this to parse: a pool of worker processes (with more than one CPU).
POOL_THRESHOLD = 2000
#: Fewer cached files than this: they are checked in this process (a helper process costs more).
HELPER_THRESHOLD = 1000
#: Files per segment of the cache, and per task sent to a worker.
CHUNK = 250

Job = tuple[str, type[Record]]
#: What identifies a file's bytes: class name, size, mtime_ns, blake2b of the bytes (16).
Key = tuple[str, int, int, bytes]
#: A segment unpickled: (record, lines, problems, partial) per file.
Segment = list[tuple[Any, Any, list[Any], bool]]


def _digest(raw: bytes) -> bytes:
    return hashlib.blake2b(raw, digest_size=16).digest()


def parse_one(path: str, cls: type[Record]) -> tuple[ParsedFile[Any], Key | None]:
    """Read and parse one file: the result, and what the cache needs to know the file again.

    Files that cannot be read or are too large get no cache entry: they are cheap to judge again."""
    try:
        size, mtime, raw = read_file(path)
    except OSError as exc:
        return unreadable(exc), None
    if raw is None:
        return too_large(size), None
    return parse_document(raw, cls), (cls.__name__, size, mtime, _digest(raw))


def as_tuple(parsed: ParsedFile[Record]) -> tuple[Any, Any, list[Any], bool]:
    return parsed.record, parsed.lines, parsed.problems, parsed.partial


def dumps(items: Segment) -> bytes:
    return pickle.dumps(items, protocol=pickle.HIGHEST_PROTOCOL)


@dataclass
class NewSegment:
    """Files parsed in this run, to be kept: the pickled segment (once made) and each file's key."""

    blob: bytes | None
    #: per position in the segment: (job index, rel, (class, size, mtime, digest) or None: not to be kept)
    files: list[tuple[int, str, Key | None]] = field(default_factory=list)


def changed(base: str, items: Sequence[tuple[str, tuple[Any, ...]]]) -> set[str]:
    """The files of ``items`` that are not as the cache knew them (or are gone)."""
    out = set()
    for rel, meta in items:
        try:
            size, mtime, raw = read_file(f"{base}/{rel}")
        except OSError:
            out.add(rel)
            continue
        if raw is None or size != meta[1] or mtime != meta[2] or _digest(raw) != meta[3]:
            out.add(rel)
    return out


def start_check(base: str, items: Sequence[tuple[str, tuple[Any, ...]]]) -> Callable[[], set[str]]:
    """Start :func:`changed` in a forked helper (reading and hashing while this process unpickles); the
    returned function waits for its answer. Done here instead with one CPU, few files, or no fork (Windows,
    or ``DKST_MP_START`` other than ``fork``)."""

    def here() -> set[str]:
        return changed(base, items)

    forced = os.environ.get("DKST_MP_START", "").strip().lower()  # (not start_method(): no multiprocessing import)
    if len(items) < HELPER_THRESHOLD or pool_size(0) < 2 or not hasattr(os, "fork") or forced not in ("", "fork"):
        return here
    r, w = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(r)
        os.close(w)
        return here
    if pid == 0:  # the helper: answer, and leave without running this process's exit handlers
        code = 1
        try:
            os.close(r)
            with os.fdopen(w, "wb") as fh:
                fh.write(pickle.dumps(changed(base, items)))
            code = 0
        finally:
            os._exit(code)
    os.close(w)

    def answer() -> set[str]:
        with os.fdopen(r, "rb") as fh:
            data = fh.read()
        _, status = os.waitpid(pid, 0)
        if status == 0 and data:
            try:
                found: set[str] = pickle.loads(data)
                return found
            except Exception:  # then check here
                pass
        return here()

    return answer


# ---------------------------------------------------------------- parsing in this process


def parse_here(
    base: str, jobs: list[Job], misses: list[int], want_meta: bool, results: list[ParsedFile[Any] | None]
) -> list[NewSegment]:
    segment = NewSegment(None)
    for i in _progress(misses, len(misses)):
        rel, cls = jobs[i]
        parsed, key = parse_one(f"{base}/{rel}", cls)
        results[i] = parsed
        if want_meta and key is not None:
            segment.files.append((i, rel, key))
    return [segment] if segment.files else []


def _progress(items: list[int], total: int) -> Iterable[int]:
    """Items through the progress bar of :mod:`dkst.progress` (stderr, a terminal, more than 300 items)."""
    from dkst.i18n import lang_of, text
    from dkst.progress import progress

    return progress(items, total, text("progress-reading", lang_of(None)))


# ---------------------------------------------------------------- worker processes


def pool_size(todo: int) -> int:
    """How many worker processes for ``todo`` files (1: none); ``DKST_WORKERS`` decides if set."""
    wanted = os.environ.get("DKST_WORKERS", "").strip()
    if wanted:
        try:
            return max(1, int(wanted))
        except ValueError:
            pass
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    if todo > POOL_THRESHOLD or todo == 0:  # 0: how many CPUs there are to use
        return min(cpus, 8)
    return 1


def start_method() -> str | None:
    """The multiprocessing start method for the workers: ``DKST_MP_START`` if this system has it, else
    ``fork`` where there is one, else ``spawn`` (Windows); ``None`` when there is neither."""
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    wanted = os.environ.get("DKST_MP_START", "").strip().lower()
    if wanted in methods:
        return wanted
    for method in ("fork", "spawn"):
        if method in methods:
            return method
    return None


def work(tasks: list[tuple[str, type[Record]]]) -> tuple[bytes, list[Key | None]]:
    """In a worker: parse each (path, record class); send back one pickle of the results and their keys.

    Importable and fed plain data (a class pickles as its name), as the ``spawn`` start method needs."""
    items: Segment = []
    keys = []
    for path, cls in tasks:
        parsed, key = parse_one(path, cls)
        items.append(as_tuple(parsed))
        keys.append(key)
    return dumps(items), keys


def parse_in_pool(
    base: str, jobs: list[Job], misses: list[int], want_meta: bool, results: list[ParsedFile[Any] | None]
) -> list[NewSegment] | None:
    """Parse the misses in worker processes; ``None`` when no pool can be had (then the caller parses)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    method = start_method()
    if method is None:
        return None
    chunks = [misses[k : k + CHUNK] for k in range(0, len(misses), CHUNK)]
    tasks = [[(f"{base}/{jobs[i][0]}", jobs[i][1]) for i in chunk] for chunk in chunks]
    out: list[NewSegment] = []
    pool = None
    try:
        pool = ProcessPoolExecutor(
            max_workers=min(pool_size(len(misses)), len(chunks)),
            mp_context=multiprocessing.get_context(method),
            initializer=in_worker,
        )
        for chunk, (blob, keys) in zip(chunks, pool.map(work, tasks), strict=False):
            for i, item in zip(chunk, pickle.loads(blob), strict=True):
                results[i] = ParsedFile(*item)
            if want_meta:
                out.append(NewSegment(blob, [(i, jobs[i][0], key) for i, key in zip(chunk, keys, strict=True)]))
    except (OSError, ImportError, NotImplementedError, BrokenProcessPool, pickle.PickleError, ValueError):
        # no working pool here (no sem_open, no fork left, a worker killed): the rest is parsed here
        rest = [i for i in misses if results[i] is None]
        out += parse_here(base, jobs, rest, want_meta, results)
    finally:
        if pool is not None:  # on Ctrl-C too: drop the queued chunks rather than parse them all first
            pool.shutdown(wait=True, cancel_futures=True)
    return out


def in_worker() -> None:
    """Ctrl-C is for the main process, which stops the pool: no traceback from every worker."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


__all__ = [
    "CHUNK",
    "Job",
    "Key",
    "NewSegment",
    "Segment",
    "as_tuple",
    "dumps",
    "parse_here",
    "parse_in_pool",
    "parse_one",
    "pool_size",
    "start_check",
    "start_method",
    "work",
]
