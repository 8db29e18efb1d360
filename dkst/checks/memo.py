"""The memo of ``dkst check``'s result for a small dataset: asked again about an unchanged dataset, on the same day,
as of the same day, by the same code, ``check`` answers from the memo without loading anything.

A small dataset (fewer than :data:`MAX_YAML` YAML files, at most :data:`MAX_ENTRIES` entries) parses in a blink,
but the parse cache does not serve it (:data:`dkst.load.store.CACHE_MIN_FILES`), and ``check`` then spends most of
its time importing pydantic, PyYAML and the schema and building validators. The memo keeps the whole
:class:`~dkst.findings.CheckResult` instead, under a key (:func:`lookup`) that holds everything the result depends
on:

- a listing of the dataset taken before the check runs: every entry below the root (names starting with ``.``
  left out, as the loader leaves them out), each with its relative path, its type from ``lstat`` (links never
  followed; a link's own text), mode, owner, size and modification time (ns; a folder's entries stand for its
  size and time), and a BLAKE2b of the bytes of every
  regular file named ``*.yaml`` / ``*.yml`` in any case up to the loader's size limit (an edit that keeps the size
  and the time is still seen); ``plan.yaml`` and ``units.yaml`` at the root, which the loader reads through a
  link, are followed too (where the link lands, that file's state and bytes). The listing stops, and there is no
  memo, as soon as it passes :data:`MAX_YAML` YAML files or :data:`MAX_ENTRIES` entries (a large dataset keeps
  using the parse cache), or meets what it cannot see: a folder it cannot list (a root that can be entered but
  not listed), an entry it cannot ``lstat``, a link it cannot read or that leads nowhere, a YAML file it cannot
  read (:class:`_NoMemo`);
- the check's as-of day and the real today (:func:`dkst.periods.today`), the root as given (and the working
  folder, when it is relative: the result names the dataset as given);
- the code: :data:`MEMO_FORMAT`, dkst's version, Python's, the path and the bytes (hashed) of every ``.py`` file of
  dkst, and the path, size and modification time of every file of the installed pydantic, pydantic_core, PyYAML
  and their helpers
  (found with ``importlib.util.find_spec``, which imports nothing);
- the other datasets the check read: plan.yaml's ``previous`` (last year's dataset of the ``jump`` findings,
  :mod:`dkst.checks.previous`), kept with the memo and listed at each lookup the same way (with the same bounds,
  each dataset to itself). A memo is written only
  when those were listed before the check ran (the first check of a dataset with ``previous`` writes the paths
  only; the next writes the result), and only when the dataset's listing after the check is the one before it.

One memo file per dataset root in the cache folder (:mod:`dkst.load.store`: the parse cache's folder, trust rules,
frame and atomic writer), named by a hash of the resolved root. It is a pickle, read only when trusted and
unpickled by :class:`_Unpickler`, which builds the classes of a result and nothing else; a result that does not
come back whole through it is not written. Any problem reading the memo is a miss, without a word.
``DKST_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import _pickle
import io
import os
import stat
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dkst import __version__
from dkst.findings import CODES, CheckResult, Finding, Severity
from dkst.load.store import CACHE_MIN_FILES, blake2b, cache_wanted, file_for, read_trusted, unframe, write_framed
from dkst.periods import today

if TYPE_CHECKING:
    from dkst.checks.checker import Checked

#: Bump when what the memo holds or how its key is made changes.
MEMO_FORMAT = 1
#: This many YAML files: no memo (the parse cache serves the dataset).
MAX_YAML = CACHE_MIN_FILES
#: More entries than this (files, folders, links): no memo.
MAX_ENTRIES = 1000
#: Folders nested deeper than this below the root: no memo.
MAX_DEPTH = 64
#: The loader reads YAML files up to this size (:data:`dkst.load.yamlio.MAX_BYTES`; a test holds them equal) and
#: judges larger ones by their size alone.
YAML_MAX_BYTES = 1024 * 1024
#: The files whose change changes a result, besides dkst's own: the parsers and the schema's library.
LIBRARIES = ("pydantic", "pydantic_core", "yaml", "_yaml", "typing_extensions", "annotated_types", "typing_inspection")
#: Kind of the memo file in the cache folder (:func:`dkst.load.store.file_for`).
KIND = "check.pickle"


class _NoMemo(Exception):
    """No memo for this dataset: the listing passed :data:`MAX_YAML` YAML files or :data:`MAX_ENTRIES` entries, or
    met what it cannot see — a folder it cannot list, an entry it cannot ``lstat``, a link it cannot read or that
    leads nowhere, a YAML file it cannot read. The loader may still read past such a thing (a root it can enter but
    not list, a link's target), so a change there could not be told from no change."""


@dataclass
class Probe:
    """What :func:`lookup` found: the memo file, the key of the dataset as it is now, the other datasets listed in
    that key, and the result when the memo holds one under this very key (a hit)."""

    path: Path
    where: str
    root: Path
    as_of: date
    others: tuple[str, ...]
    code: bytes
    key: bytes
    result: CheckResult | None


# ---------------------------------------------------------------- the key


class _Listing:
    """Entries written down as they are found (one line each, each field with its length first: a name may hold a
    line break), and counted; :meth:`digest` hashes them all at once."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.entries = 0
        self.yaml = 0
        #: YAML files whose bytes are hashed once the listing is done (a large dataset stops it first)
        self.to_hash: list[tuple[str, bool]] = []

    def add(self, *fields: str | int) -> None:
        self.lines.append("\0".join(f"{len(text)}:{text}" for text in map(str, fields)))

    def digest(self) -> bytes:
        for path, follow in self.to_hash:
            self.add("bytes", path, _digest(path, follow).hex())
        self.to_hash = []
        text = "\n".join(self.lines).encode("utf-8", "surrogateescape")
        return blake2b(text, digest_size=32).digest()

    def count(self, yaml: bool) -> None:
        self.entries += 1
        self.yaml += yaml
        if self.entries > MAX_ENTRIES or self.yaml >= MAX_YAML:
            raise _NoMemo


def _kind(mode: int) -> str:
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISDIR(mode):
        return "dir"
    if stat.S_ISLNK(mode):
        return "link"
    return "other"


def _is_yaml_like(name: str) -> bool:
    return name.lower().endswith((".yaml", ".yml"))


#: open a file to hash: never blocking on a FIFO (and through a link only where the loader follows one)
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


def _digest(path: str, follow: bool) -> bytes:
    """BLAKE2b of the bytes of the regular file ``path`` (``b"-"`` when it is not a regular file, ``b">"`` when it
    is larger than the loader reads); :class:`_NoMemo` when it cannot be read."""
    flags = _OPEN_FLAGS if follow else _OPEN_FLAGS | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise _NoMemo from exc
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            return b"-"
        if st.st_size > YAML_MAX_BYTES:
            return b">"
        with open(fd, "rb", closefd=False) as fh:
            data = fh.read(YAML_MAX_BYTES + 1)
        return blake2b(data, digest_size=16).digest()
    except OSError as exc:
        raise _NoMemo from exc
    finally:
        os.close(fd)


def _stat_fields(st: os.stat_result) -> tuple[str, int, int, int, int, int]:
    """Type, mode, size, modification time (ns), owner and group. A folder's size and time are left out: what it
    holds is listed entry by entry, and they change with what the loader never reads (an editor's hidden swap
    file, ``git`` writing in ``.git``)."""
    kind = _kind(st.st_mode)
    if kind == "dir":
        return (kind, st.st_mode, 0, 0, st.st_uid, st.st_gid)
    return (kind, st.st_mode, st.st_size, st.st_mtime_ns, st.st_uid, st.st_gid)


def _list_dataset(top: str, out: _Listing) -> None:
    """The listing of the dataset (or would-be dataset) at ``top``: the root itself (followed, as the loader opens
    it), then every entry below it."""
    out.add("dataset", top)
    out.entries = out.yaml = 0  # each dataset has the bounds to itself
    try:
        st = os.stat(top)
        real = os.path.realpath(top)
    except (OSError, ValueError) as exc:
        out.add("missing", getattr(exc, "errno", None) or 0)
        return
    out.add("root", real, *_stat_fields(st))
    if stat.S_ISDIR(st.st_mode):
        _list_folder(top, "", out)


def _list_folder(path: str, rel: str, out: _Listing) -> None:
    if rel.count("/") >= MAX_DEPTH:
        raise _NoMemo  # deeper than any dataset is laid out: no memo (and no recursion to Python's limit)
    try:
        with os.scandir(path) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        raise _NoMemo from exc
    for entry in entries:
        name = entry.name
        if name.startswith("."):
            continue  # the loader never reads them (dkst/load/layout.py); a link to one is followed below
        here = rel + name
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError as exc:
            raise _NoMemo from exc
        kind = _kind(st.st_mode)
        yaml = kind == "file" and _is_yaml_like(name)
        out.count(yaml)
        out.add("entry", here, *_stat_fields(st))
        if kind == "link":
            try:
                out.add("target", os.readlink(entry.path))
            except OSError as exc:
                raise _NoMemo from exc
            if not rel and name.lower() in ("plan.yaml", "units.yaml"):  # read through the link, in any case on a
                # disk that ignores case (dataset._root_file)
                _list_followed(entry.path, out)
        elif yaml:
            out.to_hash.append((entry.path, False))
        elif kind == "dir":
            _list_folder(entry.path, here + "/", out)


def _list_followed(path: str, out: _Listing) -> None:
    """Where the link ``path`` lands, that file's state and its bytes."""
    try:
        real = os.path.realpath(path)
        st = os.stat(path)
    except (OSError, ValueError) as exc:
        raise _NoMemo from exc
    out.count(stat.S_ISREG(st.st_mode))
    out.add("lands", real, *_stat_fields(st))
    if stat.S_ISREG(st.st_mode):
        out.to_hash.append((path, True))


def _code(out: _Listing) -> None:
    """dkst's code and the libraries a result depends on: path, size and modification time of each file."""
    import dkst

    out.add("code", MEMO_FORMAT, __version__, sys.version, sys.implementation.cache_tag or "")
    files: list[str] = []
    _list_code(os.path.dirname(os.path.abspath(dkst.__file__ or "")), files, only_py=True, contents=True)
    for name in LIBRARIES:
        loaded = sys.modules.get(name)
        origin = getattr(loaded, "__file__", None) if loaded is not None else _origin(name)
        files.append(f"library\0{name}\0{origin or ''}")
        if origin is None:
            continue
        if os.path.basename(origin) == "__init__.py":
            _list_code(os.path.dirname(origin), files, only_py=False, contents=False)
        else:
            try:
                st = os.stat(origin)
                files.append(f"{origin}\0{st.st_size}\0{st.st_mtime_ns}")
            except OSError as exc:
                files.append(f"{origin}\0?{exc.errno}")
    files.sort()  # the order of a folder's listing is the file system's: sorted once, here
    out.lines.extend(files)


def _origin(name: str) -> str | None:
    """Where the module ``name`` would be imported from, without importing it."""
    import importlib.util

    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    return spec.origin if spec is not None else None


def _list_code(folder: str, files: list[str], only_py: bool, contents: bool) -> None:
    """``path NUL size NUL mtime_ns`` of each file below ``folder`` (``only_py``: each ``.py`` file); ``contents``:
    ``path NUL`` the BLAKE2b of its bytes instead (dkst's own source: an edit that keeps size and time is seen)."""
    try:
        with os.scandir(folder) as it:
            for entry in it:
                name = entry.name
                if name == "__pycache__":
                    continue
                try:
                    if entry.is_dir(follow_symlinks=False):
                        _list_code(entry.path, files, only_py, contents)
                    elif contents and name.endswith(".py"):
                        with open(entry.path, "rb") as fh:
                            files.append(f"{entry.path}\0{blake2b(fh.read(), digest_size=16).hexdigest()}")
                    elif not only_py or name.endswith(".py"):
                        st = entry.stat()
                        files.append(f"{entry.path}\0{st.st_size}\0{st.st_mtime_ns}")
                except OSError as exc:
                    files.append(f"{entry.path}\0?{exc.errno}")
    except OSError as exc:
        files.append(f"{folder}\0?{exc.errno}")


def code_key() -> bytes:
    """The part of the key that says which code would compute the result (a test may replace it)."""
    out = _Listing()
    _code(out)
    return out.digest()


def _state(root: Path, where: str, as_of: date, others: tuple[str, ...]) -> bytes:
    """What the result of ``dkst check`` of ``root`` as of ``as_of`` depends on now, besides the code (hashed);
    raises :class:`_NoMemo` as soon as a dataset is too large, before any file is read."""
    out = _Listing()
    out.add("given", os.fspath(root), "" if root.is_absolute() else os.getcwd(), where)
    out.add("days", as_of.isoformat(), today().isoformat())
    _list_dataset(os.fspath(root), out)
    for other in others:
        _list_dataset(other, out)
    return out.digest()


def _key(code: bytes, state: bytes) -> bytes:
    return blake2b(f"{MEMO_FORMAT}".encode() + b"\0" + code + state, digest_size=32).digest()


# ---------------------------------------------------------------- the memo file


#: The only classes a memo may hold (anything else in the pickle is a miss).
ALLOWED = frozenset(
    {
        ("dkst.findings", "CheckResult"),
        ("dkst.findings", "Finding"),
        ("dkst.findings", "Severity"),
        ("datetime", "date"),
        ("decimal", "Decimal"),
    }
)


class _Unpickler(_pickle.Unpickler):
    """Builds the classes of :data:`ALLOWED` and nothing else. (``pickle``'s C unpickler itself: the ``pickle``
    module, a few ms to import, is needed only to write a memo.)"""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in ALLOWED:
            raise _pickle.UnpicklingError(f"{module}.{name} is not allowed in a memo")
        return super().find_class(module, name)


def _loads(payload: bytes) -> dict[str, Any] | None:
    """The memo document in ``payload``, or ``None`` when it cannot be read or is of the wrong shape."""
    try:
        doc = _Unpickler(io.BytesIO(payload)).load()
        well_formed = (
            type(doc) is dict
            and doc.get("format") == MEMO_FORMAT
            and type(doc.get("root")) is str
            and type(doc.get("others")) is tuple
            and all(type(o) is str for o in doc["others"])
            and type(doc.get("key")) is bytes
            and (doc.get("result") is None or _well_formed(doc["result"]))
        )
    except Exception:  # a memo that cannot be read, or whose objects lack their fields, is no memo
        return None
    return doc if well_formed else None


def _well_formed(result: Any) -> bool:
    """``result`` is a :class:`CheckResult` as the check makes it, down to each finding's fields (the reporters
    read them all: a memo of another shape is a miss, never a traceback)."""
    if type(result) is not CheckResult or set(vars(result)) != {"dataset", "as_of", "findings", "files"}:
        return False
    if type(result.dataset) is not str or type(result.as_of) is not date or type(result.files) is not int:
        return False
    return type(result.findings) is list and all(_well_formed_finding(f) for f in result.findings)


def _well_formed_finding(f: Any) -> bool:
    return (
        type(f) is Finding
        and type(f.code) is str
        and f.code in CODES
        and type(f.path) is str
        and (f.line is None or type(f.line) is int)
        and (f.unit is None or type(f.unit) is str)
        and (f.period is None or type(f.period) is str)
        and (f.severity is None or type(f.severity) is Severity)
        and all(_pairs(x) for x in (f.params, f.extras))
    )


def _pairs(value: Any) -> bool:
    return type(value) is tuple and all(type(p) is tuple and len(p) == 2 and type(p[0]) is str for p in value)


def lookup(root: Path, as_of: date) -> Probe | None:
    """The memo of ``dkst check`` of ``root`` as of ``as_of``: a :class:`Probe` whose ``result`` is the memo's
    result when nothing it depends on changed (else ``None``: run the check, then :func:`keep`); ``None`` when
    there is to be no memo (``DKST_NO_CACHE=1``, a large dataset, no usable cache folder)."""
    if not cache_wanted():
        return None
    found = file_for(root, KIND)
    if found is None:
        return None
    path, where = found
    raw = read_trusted(path)
    payload = unframe(raw) if raw is not None else None
    doc = _loads(payload) if payload is not None else None
    if doc is not None and doc["root"] != where:
        doc = None
    others: tuple[str, ...] = doc["others"] if doc is not None else ()
    try:
        state = _state(root, where, as_of, others)
    except _NoMemo:
        return None
    code = code_key()
    key = _key(code, state)
    result = doc["result"] if doc is not None and doc["key"] == key else None
    return Probe(path, where, root, as_of, others, code, key, result)


def other_datasets(checked: Checked) -> tuple[str, ...]:
    """The other folders the check of ``checked`` looked at, as absolute paths (not normalised: the file system
    resolves ``..`` as the check did): plan.yaml's ``previous``, valid or not."""
    from dkst.checks.previous import declared_path

    target = declared_path(checked.dataset)
    return () if target is None else (os.path.join(os.getcwd(), os.fspath(target)),)


def keep(probe: Probe, checked: Checked) -> None:
    """Write the memo of the check of ``probe``'s dataset whose result is ``checked``: when the dataset is as it was
    listed before the check and every other dataset the check read was listed then too (else only their paths, for
    the next run), and when the result comes back whole through the memo's unpickler. Silent on any failure."""
    others = other_datasets(checked)
    result: CheckResult | None = checked.result
    key = probe.key
    if others != probe.others:
        result, key = None, b""  # the next check lists them first
    else:
        try:
            if _key(probe.code, _state(probe.root, probe.where, probe.as_of, others)) != key:
                return  # changed while it was checked
        except _NoMemo:
            return
    import pickle

    doc = {"format": MEMO_FORMAT, "root": probe.where, "others": others, "key": key, "result": result}
    try:
        payload = pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # something in the result that does not pickle: no memo
        return
    if _loads(payload) != doc:
        return  # something the memo's unpickler would refuse, or that does not come back equal
    write_framed(probe.path, payload)


__all__ = ["ALLOWED", "MAX_ENTRIES", "MAX_YAML", "Probe", "code_key", "keep", "lookup", "other_datasets"]
