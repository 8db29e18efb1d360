"""Who changed what: the dataset's files through its git history, read with dulwich (no ``git`` program needed).

:func:`read_history` walks the commits reachable from ``HEAD`` once, newest first. For each commit it compares
the dataset's subtree with its parents' (a commit that leaves the subtree alone costs one lookup), descends only
into the folders of the format (``units/<id>/reports``, ``models``, ``narrative``…), and notes, per file, the blob
before and after. Each blob is read and parsed once (by sha), with the loader's own rules
(:func:`dkst.load.yamlio.parse_bytes`: counts as :mod:`dkst.counts` reads them, no YAML 1.1 surprises); a
revision that does not parse is kept with its problem, never a traceback. Changes not yet committed (the working
files against ``HEAD``) come first, with ``id`` ``None``.

dulwich is imported inside the functions only (``dkst --help`` and ``dkst check`` never load it). It is pure
Python with wheels for every platform, so a Windows office without git reads the history too; pygit2 would need
libgit2 in its wheels. Never shells out to ``git``.
"""

from __future__ import annotations

import heapq
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from dkst.counts import CountError, parse_count
from dkst.findings import KeyedError
from dkst.load.yamlio import Tagged, parse_bytes
from dkst.periods import DateError, parse_date

if TYPE_CHECKING:
    from dulwich.object_store import BaseObjectStore
    from dulwich.objects import Commit, ObjectID
    from dulwich.repo import Repo

#: A value as JSON carries it: ``None``, a number, a text, a list or a mapping of those.
Plain = None | bool | int | str | list["Plain"] | dict[str, "Plain"]

#: Report keys that hold running text: shown summarised (the length), never whole, in a table.
LONG_TEXTS = frozenset({"highlights", "limitations", "proposals", "description", "results", "note", "notes"})
#: Keys whose values are dates (compared as dates: ``02/06/2023`` is ``2023-06-02``).
DATE_KEYS = frozenset({"submitted", "issued", "received", "started", "completed_on", "start", "end"})
#: The keys of a report other than its indicators: an indicator with one of these ids is named ``indicators.<id>``.
REPORT_KEYS = frozenset(
    {"submitted", "number", "signer", "indicators", "models", "commendations", "highlights", "limitations", "proposals"}
)

_DIR = 0o040000
_LINK = 0o120000
_GITLINK = 0o160000


class HistoryError(KeyedError):
    """The history cannot be read (no repository around the dataset, …): a one-line error, exit code 2."""


@dataclass(frozen=True, slots=True)
class Change:
    """One value of a file that changed: ``field`` (a key, or an indicator id), the value before and after
    (``None``: not written). ``kind`` says how to show it: ``count``, ``date``, ``text`` (summarised), ``list``,
    ``map`` or ``value``."""

    field: str
    old: Plain
    new: Plain
    kind: str = "value"

    @property
    def figure(self) -> bool:
        """A figure of a report (an indicator)."""
        return self.kind == "count"


@dataclass(frozen=True, slots=True)
class Revision:
    """What one commit (or the working copy, ``id`` ``None``) did to one file."""

    id: str | None
    when: datetime | None
    author: str | None
    message: str | None
    changes: tuple[Change, ...] = ()
    #: the file came into being here, or was removed here
    added: bool = False
    deleted: bool = False
    #: the first revision of the file that the history shows (its creation, or the oldest commit of a shallow clone)
    first: bool = False
    #: a finding code (``yaml-syntax``, ``encoding``, …) and line when this revision of the file does not parse
    problem: str | None = None
    problem_line: int | None = None

    @property
    def committed(self) -> bool:
        return self.id is not None


@dataclass(slots=True)
class FileHistory:
    """Every revision of one file of the dataset, newest first; ``path`` relative to the dataset root."""

    path: str
    unit: str | None
    period: str | None
    revisions: list[Revision] = field(default_factory=list)

    @property
    def is_report(self) -> bool:
        return self.unit is not None and self.period is not None


@dataclass(slots=True)
class History:
    """The history of the files asked for, and how far back it reaches."""

    dataset: Path
    files: list[FileHistory]
    #: the repository is a shallow clone: nothing older than ``oldest`` can be seen
    shallow: bool = False
    oldest: datetime | None = None
    oldest_id: str | None = None
    commits: int = 0


# ---------------------------------------------------------------- which files


def place(rel: str) -> tuple[str | None, str | None] | None:
    """``(unit, period)`` of a dataset-relative path of the format, or ``None`` for any other file."""
    parts = rel.split("/")
    if not parts[-1].endswith(".yaml") or any(p.startswith(".") for p in parts):
        return None
    if len(parts) == 1:
        return (None, None) if parts[0] in ("plan.yaml", "units.yaml") else None
    if parts[0] == "narrative" and len(parts) == 2:
        return None, parts[1][: -len(".yaml")]
    if parts[0] != "units" or len(parts) < 3:
        return None
    unit = parts[1]
    if len(parts) == 3:
        return (unit, None) if parts[2] == "plan.yaml" else None
    if len(parts) == 4 and parts[2] == "models":
        return unit, None
    if len(parts) == 4 and parts[2] == "reports":
        return unit, parts[3][: -len(".yaml")]
    return None


@dataclass(frozen=True, slots=True)
class Scope:
    """The files asked for: of one unit, of one period, or all the format's files."""

    unit: str | None = None
    period: str | None = None

    def wants(self, rel: str) -> tuple[str | None, str | None] | None:
        where = place(rel)
        if where is None:
            return None
        if self.unit is not None and where[0] != self.unit:
            return None
        if self.period is not None and where[1] != self.period:
            return None
        return where

    def descend(self, parts: tuple[str, ...]) -> bool:
        """Whether a folder (its path's parts, relative to the dataset root) can hold a wanted file."""
        if not parts:
            return True
        if parts[0] == "narrative":
            return len(parts) == 1 and self.unit is None
        if parts[0] != "units":
            return False
        if len(parts) == 1:
            return True
        if self.unit is not None and parts[1] != self.unit:
            return False
        if len(parts) == 2:
            return True
        if len(parts) == 3:
            return parts[2] == "reports" or (parts[2] == "models" and self.period is None)
        return False


# ---------------------------------------------------------------- values of one revision


@dataclass(frozen=True, slots=True)
class Reading:
    """One revision of a file, read: its values by field (with their kind), or the problem that stopped it."""

    values: Mapping[str, tuple[str, Plain]]
    problem: str | None = None
    line: int | None = None


def plain(value: object) -> Plain:
    """A parsed YAML value as JSON carries it (a count written ``010`` is 10; a tagged value its text)."""
    if value is None or isinstance(value, bool | str):
        return str(value) if isinstance(value, str) else value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, Tagged):
        return str(value)
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return str(value)


def _value(key: str, value: object) -> tuple[str, Plain]:
    if isinstance(value, list):
        return "list", plain(value)
    if isinstance(value, dict):
        return "map", plain(value)
    if key in DATE_KEYS and isinstance(value, str):
        try:
            return "date", parse_date(value).isoformat()
        except DateError:
            return "date", value
    if isinstance(value, str) and (key in LONG_TEXTS or len(value) > 60 or "\n" in value):
        return "text", value
    return "value", plain(value)


def _count(value: object) -> Plain:
    try:
        return parse_count(value)
    except CountError:
        return plain(value)


def read_values(raw: bytes, report: bool) -> Reading:
    """The values of one revision: top-level keys, and for a report each indicator by its id."""
    parsed = parse_bytes(raw, index_depth=0)  # no line index: only the values are compared
    for code, line, _params in parsed.problems:
        if code in ("encoding", "yaml-syntax", "yaml-alias", "file-too-large", "duplicate-key"):
            return Reading({}, code, line)
    data = parsed.data
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return Reading({}, "invalid-value", 1)
    values: dict[str, tuple[str, Plain]] = {}
    for key, value in data.items():
        key = str(key)
        if key.startswith("x-") or value is None:
            continue
        if report and key == "indicators" and isinstance(value, dict):
            for ind, count in value.items():
                if count is None:
                    continue
                name = f"indicators.{ind}" if str(ind) in REPORT_KEYS else str(ind)
                values[name] = ("count", _count(count))
        else:
            values[key] = _value(key, value)
    return Reading(values)


def changes_between(old: Reading | None, new: Reading | None) -> tuple[Change, ...]:
    """The fields whose value differs, in the newer revision's order, then those removed."""
    before = old.values if old is not None else {}
    after = new.values if new is not None else {}
    out = []
    for name, (kind, value) in after.items():
        was = before.get(name)
        if was is None or was[1] != value:
            out.append(Change(name, was[1] if was is not None else None, value, kind))
    for name, (kind, value) in before.items():
        if name not in after:
            out.append(Change(name, value, None, kind))
    return tuple(out)


# ---------------------------------------------------------------- the repository


def _when(seconds: int, offset: int) -> datetime:
    return datetime.fromtimestamp(seconds, timezone(timedelta(seconds=offset)))


def _person(raw: bytes) -> str:
    text = raw.decode("utf-8", "replace")
    name = text.split("<", 1)[0].strip()
    return name or text.strip()


def _first_line(raw: bytes) -> str:
    text = raw.decode("utf-8", "replace").strip()
    return text.splitlines()[0].strip() if text else ""


def open_repository(root: Path) -> tuple[Repo, tuple[str, ...]]:
    """The repository that holds ``root``, and the dataset's folder inside it (its path's parts).

    :class:`HistoryError` ``history-no-repo`` when no repository holds it.
    """
    from dulwich.errors import NotGitRepository
    from dulwich.repo import Repo

    try:
        repo = Repo.discover(str(root))
    except (NotGitRepository, OSError, ValueError) as exc:
        raise HistoryError("history-no-repo", path=str(root)) from exc
    top = Path(repo.path).resolve()
    here = root.resolve()
    try:
        parts = here.relative_to(top).parts
    except ValueError as exc:  # pragma: no cover - discover walks up from root
        repo.close()
        raise HistoryError("history-no-repo", path=str(root)) from exc
    return repo, tuple(parts)


class _Trees:
    """Trees of the object store, each read and parsed once (as a set of ``(name, mode, sha)`` entries, so that two
    versions of a folder of hundreds of units compare with one set operation)."""

    def __init__(self, store: BaseObjectStore) -> None:
        self.store = store
        self.cache: dict[bytes, frozenset[tuple[bytes, int, bytes]]] = {}
        fmt = getattr(store, "object_format", None)
        self.sha_len: int = getattr(fmt, "oid_length", 20)
        #: the packs, asked directly (the store's own lookup re-checks its folders on every read)
        self.packs: list[Any] = list(getattr(store, "packs", []))

    def raw(self, sha: bytes) -> tuple[int, bytes] | None:
        """The type number and raw content of an object, or ``None`` where it is missing."""
        import binascii

        binary = binascii.unhexlify(sha)
        for pack in self.packs:
            try:
                kind, data = pack.get_raw(binary)
            except KeyError:
                continue
            return int(kind), bytes(data)
        try:
            kind, data = self.store.get_raw(cast("ObjectID", sha))
        except KeyError:
            return None
        return int(kind), bytes(data)

    def entries(self, sha: bytes | None) -> frozenset[tuple[bytes, int, bytes]]:
        if sha is None:
            return frozenset()
        found = self.cache.get(sha)
        if found is None:
            found = self.cache[sha] = self._parse(sha)
        return found

    def _parse(self, sha: bytes) -> frozenset[tuple[bytes, int, bytes]]:
        from dulwich.objects import Tree, parse_tree

        found = self.raw(sha)
        if found is None or found[0] != Tree.type_num:
            return frozenset()
        raw = found[1]
        # dulwich's C parser straight on the raw tree (no Tree object, no sorting of its items); the hex shas it
        # gives are bytes
        try:
            entries = parse_tree(raw, self.sha_len)
        except TypeError:  # dulwich < 1.0: parse_tree(text, strict=False)
            entries = parse_tree(raw)
        return frozenset(cast("list[tuple[bytes, int, bytes]]", entries))

    def subtree(self, tree: bytes | None, parts: tuple[str, ...]) -> bytes | None:
        for part in parts:
            name = part.encode("utf-8", "surrogateescape")
            found = [(m, s) for n, m, s in self.entries(tree) if n == name]
            if not found or found[0][0] & 0o170000 != _DIR:
                return None
            tree = found[0][1]
        return tree

    def diff(
        self, old: bytes | None, new: bytes | None, scope: Scope, parts: tuple[str, ...] = ()
    ) -> Iterator[tuple[str, bytes | None, bytes | None]]:
        """Wanted files that differ between two trees: ``(path, old blob, new blob)``; equal subtrees skipped."""
        if old == new:
            return
        a, b = self.entries(old), self.entries(new)
        before = {n: (m, s) for n, m, s in a - b}
        after = {n: (m, s) for n, m, s in b - a}
        for raw_name in sorted(before.keys() | after.keys()):
            name = raw_name.decode("utf-8", "surrogateescape")
            ea, eb = before.get(raw_name), after.get(raw_name)
            here = (*parts, name)
            dir_a = ea[1] if ea is not None and ea[0] & 0o170000 == _DIR else None
            dir_b = eb[1] if eb is not None and eb[0] & 0o170000 == _DIR else None
            if (dir_a is not None or dir_b is not None) and scope.descend(here):
                yield from self.diff(dir_a, dir_b, scope, here)
            blob_a = ea[1] if ea is not None and _is_file(ea[0]) else None
            blob_b = eb[1] if eb is not None and _is_file(eb[0]) else None
            if blob_a != blob_b and scope.wants("/".join(here)) is not None:
                yield "/".join(here), blob_a, blob_b

    def files(self, tree: bytes | None, scope: Scope) -> dict[str, bytes]:
        """Every wanted file of a tree: path → blob."""
        return {path: blob for path, _, blob in self.diff(None, tree, scope) if blob is not None}


def _is_file(mode: int) -> bool:
    kind = mode & 0o170000
    return kind not in (_DIR, _LINK, _GITLINK)


def _commit(trees: _Trees, sha: bytes) -> Commit | None:
    """The commit ``sha``, or ``None`` where it is missing (beyond a shallow or partial clone)."""
    from dulwich.objects import Commit

    found = trees.raw(sha)
    if found is None or found[0] != Commit.type_num:
        return None
    commit = Commit.from_raw_string(Commit.type_num, found[1], sha=cast("ObjectID", sha))
    return commit if isinstance(commit, Commit) else None


def _order(trees: _Trees, head: bytes, shallow: set[bytes]) -> tuple[list[Commit], int]:
    """The commits reachable from ``head``, children before parents, newer first among the rest (git's
    ``--date-order``); and how many there are. Parents beyond a shallow clone's edge are not followed."""

    commits: dict[bytes, Commit] = {}
    children: dict[bytes, int] = {}
    stack = [head]
    while stack:
        sha = stack.pop()
        if sha in commits:
            continue
        commit = _commit(trees, sha)
        if commit is None:
            continue
        commits[sha] = commit
        children.setdefault(sha, 0)
        if sha in shallow:
            continue
        for parent in commit.parents:
            children[parent] = children.get(parent, 0) + 1
            if parent not in commits:
                stack.append(parent)
    ready = [(-commits[head].commit_time, 0, head)]
    out = []
    tick = 1
    while ready:
        _, _, sha = heapq.heappop(ready)
        commit = commits[sha]
        out.append(commit)
        if sha in shallow:
            continue
        for parent in commit.parents:
            if parent not in commits:
                continue
            children[parent] -= 1
            if children[parent] == 0:
                heapq.heappush(ready, (-commits[parent].commit_time, tick, parent))
                tick += 1
    return out, len(out)


@dataclass(slots=True)
class _Step:
    commit: Commit
    path: str
    old: bytes | None
    new: bytes | None


def _blob_id(raw: bytes) -> bytes:
    from dulwich.objects import Blob

    return bytes(Blob.from_string(raw).id)


def _working_files(root: Path, scope: Scope) -> dict[str, Path]:
    """Wanted files on disk under the dataset root (symbolic links never followed)."""
    out: dict[str, Path] = {}

    def walk(folder: Path, parts: tuple[str, ...]) -> None:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            return
        for entry in entries:
            here = (*parts, entry.name)
            if entry.is_symlink():
                continue
            if entry.is_dir(follow_symlinks=False):
                if scope.descend(here):
                    walk(Path(entry.path), here)
            elif entry.is_file(follow_symlinks=False) and scope.wants("/".join(here)) is not None:
                out["/".join(here)] = Path(entry.path)

    walk(root, ())
    return out


def read_history(root: Path, unit: str | None = None, period: str | None = None) -> History:
    """The history of the dataset's files at ``root`` (of ``unit``, of ``period``): see the module's docstring."""
    repo, prefix = open_repository(root)
    try:
        return _read(repo, prefix, root, Scope(unit, period))
    finally:
        repo.close()


def _read(repo: Repo, prefix: tuple[str, ...], root: Path, scope: Scope) -> History:
    store = repo.object_store
    trees = _Trees(store)
    try:
        head: bytes | None = repo.head()
    except KeyError:
        head = None  # a repository without a commit: everything is uncommitted
    shallow: set[bytes] = {bytes(s) for s in repo.get_shallow()} if head is not None else set()
    commits, count = _order(trees, head, shallow) if head is not None else ([], 0)

    steps: dict[str, list[_Step]] = {}
    subtree: dict[bytes, bytes | None] = {}

    def sub(commit: Commit) -> bytes | None:
        if commit.id not in subtree:
            subtree[commit.id] = trees.subtree(commit.tree, prefix)
        return subtree[commit.id]

    by_id: dict[bytes, Commit] = {bytes(c.id): c for c in commits}
    for commit in commits:
        mine = sub(commit)
        parents = [] if commit.id in shallow else [by_id[p] for p in commit.parents if p in by_id]
        if not parents:
            found = list(trees.diff(None, mine, scope))
        else:
            first = sub(parents[0])
            found = list(trees.diff(first, mine, scope))
            if len(parents) > 1 and found:  # a merge shows only what differs from every parent
                others = [trees.files(sub(p), scope) for p in parents[1:]]
                found = [f for f in found if all(o.get(f[0]) != f[2] for o in others)]
        for path, old, new in found:
            steps.setdefault(path, []).append(_Step(commit, path, old, new))

    head_files = trees.files(sub(by_id[head]), scope) if head is not None else {}
    disk = _working_files(root, scope)
    local: dict[str, tuple[bytes | None, bytes | None, Path | None]] = {}
    raws: dict[bytes, bytes] = {}
    for path in sorted(head_files.keys() | disk.keys()):
        committed = head_files.get(path)
        file = disk.get(path)
        if file is None:
            local[path] = (committed, None, None)
            continue
        try:
            raw = file.read_bytes()
        except OSError:
            continue
        sha = _blob_id(raw)
        if sha == committed or (b"\r\n" in raw and _blob_id(raw.replace(b"\r\n", b"\n")) == committed):
            continue
        raws[sha] = raw
        local[path] = (committed, sha, file)

    readings: dict[tuple[bytes, bool], Reading] = {}

    def reading(sha: bytes | None, report: bool) -> Reading | None:
        if sha is None:
            return None
        key = (sha, report)
        found = readings.get(key)
        if found is None:
            raw = raws.get(sha)
            if raw is None:
                blob = trees.raw(sha)
                raw = blob[1] if blob is not None else b""
            found = readings[key] = read_values(raw, report)
        return found

    files: list[FileHistory] = []
    for path in sorted(steps.keys() | local.keys(), key=_path_order):
        where = scope.wants(path)
        assert where is not None
        history = FileHistory(path, where[0], where[1])
        report = history.is_report
        chain: list[tuple[Revision, bytes | None]] = []
        if path in local:
            old, new, file = local[path]
            when = None
            if file is not None:
                try:
                    when = datetime.fromtimestamp(file.stat().st_mtime).astimezone()
                except OSError:
                    when = None
            chain.append((Revision(None, when, None, None, added=old is None, deleted=new is None), new))
        for step in steps.get(path, []):
            c = step.commit
            rev = Revision(
                c.id.decode("ascii"),
                _when(c.author_time, c.author_timezone),
                _person(c.author),
                _first_line(c.message),
                added=step.old is None,
                deleted=step.new is None,
            )
            chain.append((rev, step.new))
        # the blob before each revision: the next (older) revision's blob, or what the step says
        befores: list[bytes | None] = []
        for i, (rev, _new) in enumerate(chain):
            if rev.id is None:
                befores.append(local[path][0])
            else:
                befores.append(steps[path][i - (1 if path in local else 0)].old)
        for i, (rev, new) in enumerate(chain):
            after = reading(new, report)
            before = reading(befores[i], report)
            if before is not None and before.problem is not None:  # compare with the last readable one
                for j in range(i + 1, len(chain)):
                    older = reading(chain[j][1], report)
                    if older is None or older.problem is None:
                        before = older
                        break
                else:
                    before = None
            if after is not None and after.problem is not None:
                rev = replace(rev, problem=after.problem, problem_line=after.line)
            else:
                rev = replace(rev, changes=changes_between(before, after))
            if i == len(chain) - 1 and rev.id is not None:
                rev = replace(rev, first=True)
            history.revisions.append(rev)
        files.append(history)

    oldest = min(commits, key=lambda c: (c.author_time, c.commit_time)) if commits else None
    return History(
        dataset=root,
        files=files,
        shallow=bool(shallow),
        oldest=_when(oldest.author_time, oldest.author_timezone) if oldest is not None else None,
        oldest_id=oldest.id.decode("ascii") if oldest is not None else None,
        commits=count,
    )


def _path_order(path: str) -> tuple[int, str]:
    head = {"plan.yaml": 0, "units.yaml": 1}.get(path)
    if head is not None:
        return head, ""
    return (2 if path.startswith("units/") else 3), path


# ---------------------------------------------------------------- after the deadline


def changed_after_deadline(history: History, last_on_time: Callable[[str], date | None]) -> History:
    """The same history keeping only reports whose figures changed in a commit made after the period's last
    on-time day (``last_on_time(period)``, ``None``: no deadline known) and after the report's first commit.
    Uncommitted changes are not commits: never kept."""
    kept: list[FileHistory] = []
    for file in history.files:
        if not file.is_report or file.period is None:
            continue
        day = last_on_time(file.period)
        if day is None:
            continue
        revisions = [
            rev
            for rev in file.revisions
            if rev.id is not None
            and not rev.first
            and rev.when is not None
            and rev.when.date() > day
            and any(c.figure for c in rev.changes)
        ]
        if revisions:
            kept.append(FileHistory(file.path, file.unit, file.period, revisions))
    return replace(history, files=kept)


def as_data(history: History, dataset: str) -> dict[str, Any]:
    """The JSON object of ``docs/format.md``: ``{"dataset", "files": [{"path", "unit", "period", "commits":
    [{"id", "date", "author", "message", "changes": [{"field", "old", "new"}]}]}]}``; a revision that does not
    parse carries ``"problem"`` (its finding code) as well."""
    files = []
    for file in history.files:
        commits = []
        for rev in file.revisions:
            entry: dict[str, Any] = {
                "id": rev.id,
                "date": rev.when.isoformat() if rev.when is not None else None,
                "author": rev.author,
                "message": rev.message,
                "changes": [{"field": c.field, "old": c.old, "new": c.new} for c in rev.changes],
            }
            if rev.problem is not None:
                entry["problem"] = rev.problem
            commits.append(entry)
        files.append({"path": file.path, "unit": file.unit, "period": file.period, "commits": commits})
    return {"dataset": dataset, "files": files}
