"""Every file dkst writes goes through here: whole-or-nothing writes, no-clobber creation, the rules for
where an output may land, and deterministic zip packing.

- :func:`atomic_write`: a temporary file in the target's folder, fsync, ``os.replace``. The target is the old
  file or the new one, never half of either; the temporary file is removed on an exception and on SIGTERM
  (the process then exits 143), and is never left under the target's name.
  ``private`` keeps the file its owner's only (the parse cache writes through it too).
- :func:`create_new`: the same, but never over an existing name (the final step is a hard link, which fails if
  the name appeared meanwhile): ``init`` and ``new``.
- :func:`check_output` / :func:`check_letter_folder`: docs/format.md's paragraph on outputs. Never into a ``.git``
  folder, the dataset's ``templates/`` or ``units/``, ``plan.yaml`` or ``units.yaml`` (even with ``force``);
  never through a symbolic link at the target, never over anything that is not a regular file; an existing
  file only with ``force``. Names are compared case-insensitively (datasets travel in git between Linux,
  Windows and macOS, where ``PLAN.YAML`` *is* ``plan.yaml``), and the file system itself is asked too
  (``os.path.samefile``), so short names, Unicode normalisation and case folding are judged as it judges them.
- :func:`repack_zip` / :func:`check_zip`: fixed entry dates, entry order kept; a zip whose entries would
  inflate past a bound is refused before anything opens it.
"""

from __future__ import annotations

import errno
import io
import os
import re
import secrets
import signal
import stat
import threading
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from dkst.findings import KeyedError

__all__ = [
    "LETTER",
    "PROTECTED_DIRS",
    "PROTECTED_FILES",
    "FileExists",
    "OutputRefused",
    "ZipTooLarge",
    "atomic_write",
    "check_letter_folder",
    "check_output",
    "check_zip",
    "create_new",
    "os_reason",
    "repack_zip",
    "scratch_folder",
    "write_all",
]

#: Dataset files and folders no output may land on, with or without ``--force`` (compared case-folded).
PROTECTED_FILES = ("plan.yaml", "units.yaml")
PROTECTED_DIRS = ("units", "templates")
#: A letter ``remind`` wrote: ``<unit-id>.md`` or ``<unit-id>.docx``.
LETTER = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\.(?:md|docx)$")
#: Test hook only: seconds to pause half-way through writing an output (to kill the process mid-write).
_SLOW_ENV = "DKST_TEST_SLOW_WRITE"


class FileExists(Exception):
    """The target of :func:`create_new` exists and ``force`` was not given."""


class OutputRefused(KeyedError):
    """An output that may not be written. ``key`` is a :data:`dkst.i18n.TEXTS` key, ``params`` its values."""


class ZipTooLarge(ValueError):
    """A zip whose entries are too many or would inflate past the bound (a zip bomb)."""


# ---------------------------------------------------------------- writing


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def _removed_on_sigterm(tmp: str | list[str]) -> Iterator[None]:
    """While writing ``tmp`` (one path, or a list that may grow): SIGTERM removes it and exits 143 (128 + 15),
    as the default action would."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGTERM"):
        yield
        return
    temps = tmp if isinstance(tmp, list) else [tmp]

    def handler(signum: int, frame: FrameType | None) -> None:
        for one in list(temps):
            try:
                os.unlink(one)
            except OSError:
                pass
        os._exit(128 + signum)

    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except (ValueError, OSError):  # not allowed here: write without it
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _write_temp(folder: Path, name: str, data: bytes, temps: list[str] | None = None, *, private: bool = False) -> str:
    """``data`` in a new private temporary file of ``folder``, flushed to disk; returns its path. On any
    failure the temporary file is gone. With ``temps`` (watched by the caller's :func:`_removed_on_sigterm`)
    the path is added to it at once; else this function removes it on SIGTERM itself. SIGTERM is held back
    between the file's creation and its registration, so no signal can leave it behind. ``private`` keeps the
    file readable by its owner only (0600), as the parse cache must be."""
    if temps is None:
        mine: list[str] = []
        with _removed_on_sigterm(mine):
            return _write_temp(folder, name, data, mine, private=private)
    fd, tmp = _registered_temp(folder, name, temps)
    try:
        with os.fdopen(fd, "wb") as fh:
            if hasattr(os, "fchmod") and not private:  # 0600 would outlive the rename; an output is an ordinary file
                os.fchmod(fh.fileno(), 0o666 & ~_umask())
            slow = os.environ.get(_SLOW_ENV)
            if slow:
                half = len(data) // 2
                fh.write(data[:half])
                fh.flush()
                time.sleep(float(slow))
                fh.write(data[half:])
            else:
                fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def _registered_temp(folder: Path, name: str, temps: list[str]) -> tuple[int, str]:
    """A new private temporary file in ``folder`` (as ``tempfile.mkstemp`` makes one), its path appended to
    ``temps`` *before* it is created: a SIGTERM at any moment finds it there (or finds nothing to remove)."""
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        tmp = os.path.join(folder, f".{name}.{secrets.token_hex(4)}.tmp")
        temps.append(tmp)
        try:
            return os.open(tmp, flags, 0o600), tmp
        except FileExistsError:
            temps.remove(tmp)
        except BaseException:
            temps.remove(tmp)
            raise
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(folder))


def atomic_write(path: Path, content: bytes | str, *, private: bool = False) -> None:
    """Write ``content`` (text as UTF-8) to ``path`` whole or not at all, replacing what is there.

    The folder is created if needed. Raises :class:`OSError` on failure; the old file is then untouched.
    Call :func:`check_output` first for a user's output: this function does not judge the target. ``private``:
    the file is readable by its owner only (the parse cache, :mod:`dkst.load.cache`).
    """
    path = Path(path)
    data = content.encode("utf-8") if isinstance(content, str) else content
    folder = path.parent if str(path.parent) else Path(".")
    folder.mkdir(parents=True, exist_ok=True)
    temps: list[str] = []
    with _removed_on_sigterm(temps):
        tmp = _write_temp(folder, path.name, data, temps, private=private)
        try:
            _place(tmp, path, True)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def _place(tmp: str, path: Path, force: bool) -> bool:
    """Move the written ``tmp`` to ``path`` (the one ``os.replace`` of dkst): replace with ``force``, else create
    exclusively (a hard link, which fails if the name exists even if it appeared a moment ago). Returns whether
    ``path`` is new; raises :class:`FileExists`."""
    if not force:
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise FileExists(str(path)) from None
        except OSError as exc:  # a file system without hard links: O_EXCL creates the name, the rename fills it
            if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV, errno.EMLINK, errno.ENOSYS):
                raise
            try:
                os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
            except FileExistsError:
                raise FileExists(str(path)) from None
        else:
            os.unlink(tmp)
            return True
    existed = force and os.path.lexists(path)
    os.replace(tmp, path)
    return not existed


def create_new(path: Path, content: str | bytes, force: bool = False) -> None:
    """Write ``content`` to ``path`` whole or not at all; never replace an existing file unless ``force``.

    The one writer of every output (``render``, ``aggregate``, ``form``, ``remind``, ``import``, ``init``,
    ``new``): without ``force`` the final step is an exclusive create (:func:`_place`), so of two commands racing
    to write the same new output one is refused. A symbolic link at ``path`` is replaced, never followed.
    Raises :class:`FileExists`, or :class:`OSError`.
    """
    path = Path(path)
    data = content.encode("utf-8") if isinstance(content, str) else content
    if not force and os.path.lexists(path):
        raise FileExists(str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    temps: list[str] = []
    with _removed_on_sigterm(temps):
        tmp = _write_temp(path.parent, path.name, data, temps)
        try:
            _place(tmp, path, force)
        finally:
            Path(tmp).unlink(missing_ok=True)


@contextmanager
def scratch_folder(prefix: str) -> Iterator[Path]:
    """A new private temporary folder, removed with all it holds on leaving (``import`` unpacks a message's
    attachments there)."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        yield Path(tmp)


def write_all(files: list[tuple[Path, bytes, bool]]) -> None:
    """Write several files all or none: ``(path, content, replace)``; ``replace`` False creates the file
    exclusively (:class:`FileExists` if the name exists, even if it appeared meanwhile).

    Every temporary file is written (and fsynced) before the first one is moved into place; SIGTERM or an
    exception removes every temporary file, and a refusal part-way removes the files this call created, so a
    failure leaves the folders as they were (``rollup``).
    """
    temps: list[str] = []
    placed: list[Path] = []
    with _removed_on_sigterm(temps):
        try:
            todo: list[tuple[str, Path, bool]] = []
            for path, data, replace in files:
                path = Path(path)
                if not replace and os.path.lexists(path):
                    raise FileExists(str(path))
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = _write_temp(path.parent, path.name, data, temps)
                todo.append((tmp, path, replace))
            for tmp, path, replace in todo:
                if _place(tmp, path, replace):
                    placed.append(path)
        except BaseException:
            for path in placed:  # only the names this call created; a replaced file cannot be brought back
                Path(path).unlink(missing_ok=True)
            raise
        finally:
            for tmp in temps:
                Path(tmp).unlink(missing_ok=True)


# ---------------------------------------------------------------- where an output may land


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def _real_target(path: Path) -> Path:
    """``path`` with its folder's symbolic links resolved, the last component kept as written."""
    absolute = Path(os.path.abspath(path))
    return absolute.parent.resolve() / absolute.name


def _guard_place(real: Path, given: Path, root: Path) -> None:
    """Refuse ``.git`` anywhere in the path, and the dataset's own files and folders."""
    shown = str(given)
    for candidate in (Path(os.path.abspath(given)), real):
        if any(part.casefold() == ".git" for part in candidate.parts):
            raise OutputRefused("output-git", path=shown)
    root_real = Path(root).resolve()
    # where ``real`` sits in the dataset: its parts below the first ancestor that *is* the root
    for depth, ancestor in enumerate([real, *real.parents]):
        if ancestor == root_real or _same(ancestor, root_real):
            rel = [p.casefold() for p in real.parts[len(real.parts) - depth :]] if depth else []
            if not rel:
                raise OutputRefused("output-not-file", path=shown)
            if rel[0] in PROTECTED_DIRS or (len(rel) == 1 and rel[0] in PROTECTED_FILES):
                raise OutputRefused("output-protected", path=shown)
            break
    # and as the file system compares names (case, Unicode forms, 8.3 short names, hard-linked folders)
    for name in (*PROTECTED_FILES, *PROTECTED_DIRS, ".git"):
        kept = root_real / name
        if not kept.exists():
            continue
        if any(_same(anc, kept) for anc in [real, *real.parents] if anc.exists()):
            raise OutputRefused("output-git" if name == ".git" else "output-protected", path=shown)


def os_reason(exc: BaseException) -> str:
    """A catalogue key (``fs-…``) naming why the file system refused, for a one-line error in the chosen
    language: a name too long, a loop of symbolic links, no permission, a full disk, a read-only disk, a
    missing folder; ``fs-other`` otherwise (the message then adds the system's own words)."""
    if isinstance(exc, RuntimeError):  # pathlib's "Symlink loop from …" before Python 3.13
        return "fs-loop"
    code = getattr(exc, "errno", None)
    return {
        errno.ENAMETOOLONG: "fs-too-long",
        errno.ELOOP: "fs-loop",
        errno.EACCES: "fs-permission",
        errno.EPERM: "fs-permission",
        errno.ENOSPC: "fs-full",
        errno.EDQUOT: "fs-full",
        errno.EROFS: "fs-read-only",
        errno.ENOENT: "fs-missing",
        errno.ENOTDIR: "fs-not-folder",
        errno.EISDIR: "fs-is-folder",
    }.get(code if isinstance(code, int) else -1, "fs-other")


def check_output(path: Path, root: Path, force: bool = False) -> Path:
    """Judge an output file before anything is computed; returns the path to write (its folder resolved).

    Raises :class:`OutputRefused` with key ``output-git``, ``output-protected``, ``output-link``,
    ``output-not-file`` or ``output-exists`` (the last names ``--force``; the others hold even with it), and
    ``output-bad-path`` when the file system cannot even look at the path (a name over 255 bytes, a loop of
    symbolic links, no permission): one line naming the path, never a traceback.
    """
    try:
        return _check_output(path, root, force)
    except (OSError, RuntimeError) as exc:
        raise OutputRefused("output-bad-path", path=str(path), reason=os_reason(exc), error=_strerror(exc)) from None


def _strerror(exc: BaseException) -> str:
    return (getattr(exc, "strerror", None) or str(exc)).split("\n")[0][:200]


def _check_output(path: Path, root: Path, force: bool) -> Path:
    given = Path(path)
    real = _real_target(given)
    _guard_place(real, given, root)
    try:
        st = os.lstat(real)
    except (FileNotFoundError, NotADirectoryError):
        return real  # new (or a parent that is not a folder: the write will say so)
    if stat.S_ISLNK(st.st_mode):
        raise OutputRefused("output-link", path=str(given))
    if not stat.S_ISREG(st.st_mode):
        raise OutputRefused("output-not-file", path=str(given))
    if not force:
        raise OutputRefused("output-exists", path=str(given))
    return real


def check_letter_folder(folder: Path, root: Path, names: list[str], force: bool = False) -> tuple[Path, list[Path]]:
    """Judge ``remind``'s output folder for letters named ``names``; returns (the folder to write, the
    earlier letters to remove first). Nothing is changed here. A path the file system cannot look at:
    ``output-bad-path``.

    A folder holding letters (``<unit-id>.md``/``.docx`` regular files or links) is refused without
    ``force`` (``output-letters``). Other files in it are never touched; a name of this run that is taken
    by something that is not a regular file is refused (``output-not-file``).
    """
    try:
        return _check_letter_folder(Path(folder), root, names, force)
    except (OSError, RuntimeError) as exc:
        raise OutputRefused("output-bad-path", path=str(folder), reason=os_reason(exc), error=_strerror(exc)) from None


def _check_letter_folder(given: Path, root: Path, names: list[str], force: bool) -> tuple[Path, list[Path]]:
    real = _real_target(given)
    _guard_place(real / "x.md", given, root)
    if real == Path(root).resolve() or _same(real, Path(root)):  # the dataset's own top files are no letters
        raise OutputRefused("output-protected", path=str(given))
    try:
        st = os.lstat(real)
    except FileNotFoundError:
        return real, []
    if stat.S_ISLNK(st.st_mode):
        raise OutputRefused("output-link", path=str(given))
    if not stat.S_ISDIR(st.st_mode):
        raise OutputRefused("output-not-folder", path=str(given))
    earlier: list[Path] = []
    with os.scandir(real) as entries:
        for entry in entries:
            if LETTER.match(entry.name) and (entry.is_symlink() or entry.is_file(follow_symlinks=False)):
                earlier.append(real / entry.name)
    earlier.sort()
    if earlier and not force:
        raise OutputRefused("output-letters", path=str(given), n=len(earlier))
    folded = {p.name.casefold() for p in earlier}
    for name in names:
        target = real / name
        if name.casefold() in folded:
            continue
        try:
            st = os.lstat(target)
        except OSError:
            continue
        if stat.S_ISLNK(st.st_mode):
            raise OutputRefused("output-link", path=str(given / name))
        if not stat.S_ISREG(st.st_mode):
            raise OutputRefused("output-not-file", path=str(given / name))
        if not force:
            raise OutputRefused("output-exists", path=str(given / name))
    return real, earlier


# ---------------------------------------------------------------- zip

#: The date of every entry of a repacked zip unless told otherwise (the earliest a zip can carry).
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def repack_zip(
    data: bytes,
    date_time: tuple[int, int, int, int, int, int] = ZIP_EPOCH,
    *,
    compression: int | None = None,
    create_system: int = 0,
    external_attr: int = 0,
) -> bytes:
    """The same zip with every entry dated ``date_time``, entry order kept: the same content always gives
    the same bytes. ``compression`` None keeps each entry's own."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", compression if compression is not None else zipfile.ZIP_STORED) as dst,
    ):
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=date_time)
            entry.compress_type = info.compress_type if compression is None else compression
            entry.create_system = create_system
            entry.external_attr = external_attr
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


#: Bounds for a zip dkst opens (a Word template): total inflated size and number of entries.
ZIP_MAX_BYTES = 200 * 1024 * 1024
ZIP_MAX_ENTRIES = 5000


def check_zip(data: bytes, max_bytes: int | None = None, max_entries: int | None = None) -> None:
    """Raise :class:`ZipTooLarge` when ``data`` is a zip with more than ``max_entries`` entries or whose
    entries inflate past ``max_bytes`` (their declared sizes, which is all that reading them will produce).
    Not a zip: :class:`zipfile.BadZipFile`. The bounds default to :data:`ZIP_MAX_BYTES`, :data:`ZIP_MAX_ENTRIES`."""
    max_bytes = ZIP_MAX_BYTES if max_bytes is None else max_bytes
    max_entries = ZIP_MAX_ENTRIES if max_entries is None else max_entries
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
        if len(infos) > max_entries:
            raise ZipTooLarge(f"{len(infos)} entries (at most {max_entries})")
        total = sum(info.file_size for info in infos)
        if total > max_bytes:
            raise ZipTooLarge(f"{total} bytes once unpacked (at most {max_bytes})")
