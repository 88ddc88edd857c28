"""Putting finished reports in place atomically, so a failed run never leaves a half-written one.

A report is produced in a staging folder next to its target
(``OUT/<period>/.<unit>.staging-…``). On success, under a lock on the
target, a complete new version of the target folder is assembled (the files
of other reports already there, hard-linked, plus the new ones) and swapped
in with one atomic ``renameat2(RENAME_EXCHANGE)``; readers see the old
folder or the new one, never a mix. Two runs writing the same folder at once
take turns on the lock; the last one to finish wins, whole.

A report is one notebook in one language: ``<notebook>.<lang>.<format>`` for
every format there is, and ``metrics.<lang>.json``. Publishing replaces exactly
that set (a format this run did not make is removed, so all of a report's
files are of one run) and keeps every other file in the folder.
The folder, and the lock file beside it, must be what they seem: a symbolic
link or a file in their place is refused (:func:`check_output_target`), never followed.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import shutil
import socket
import stat
import tempfile
from collections.abc import Collection, Iterator
from pathlib import Path

from briefing.errors import OutputError

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
_TEMP_MARKERS = (".staging-", ".publish-")


def _temp_prefix(target: Path, kind: str) -> str:
    return f".{target.name}{kind}{socket.gethostname()}-{os.getpid()}-"


@contextlib.contextmanager
def staging_folder(target: Path) -> Iterator[Path]:
    """A fresh folder next to ``target`` for one run's files, removed afterwards.

    Raises
    ------
    OutputError
        When the output folder cannot be created or written.
    """
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        stage = Path(tempfile.mkdtemp(prefix=_temp_prefix(target, ".staging-"), dir=target.parent))
    except OSError as error:
        raise OutputError(f"cannot write reports under {target.parent}: {error.strerror}") from None
    try:
        yield stage
    finally:
        shutil.rmtree(stage, ignore_errors=True)


#: Errors of the disk rather than of the toolkit: out of space, over quota, read-only, denied.
_DISK_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.EFBIG,
                errno.EIO}


@contextlib.contextmanager
def writing_into(stage: Path) -> Iterator[None]:
    """Turn a disk failure while files are written into ``stage`` into ``OutputError``."""
    try:
        yield
    except OSError as error:
        if error.errno not in _DISK_ERRORS:
            raise
        raise OutputError(f"cannot write the report under {stage.parent}: {error.strerror}; "
                          "nothing was published and the previous report is untouched") from None


def check_output_target(target: Path) -> None:
    """Refuse a report folder, or its lock file, that is a symbolic link or of the wrong kind.

    Raises
    ------
    OutputError
        When ``target`` exists and is not a folder, or the lock file beside it is
        not a plain file; nothing is followed, moved or removed.
    """
    _require_kind(target, stat.S_ISDIR, "a folder")
    _require_lock_file(_lock_path(target))


def _require_lock_file(path: Path) -> None:
    _require_kind(path, stat.S_ISREG, "a plain file", " (the report's lock)")


def _require_kind(path: Path, is_kind, kind: str, role: str = "") -> None:
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as error:
        raise OutputError(f"cannot write reports under {path.parent}: {error.strerror}") from None
    if not is_kind(mode):
        found = "a symbolic link" if stat.S_ISLNK(mode) else f"not {kind}"
        raise OutputError(f"{path} is {found}, expected {kind}{role}; nothing was written "
                          "(remove it or choose another --out)")


def publish(stage: Path, target: Path, owned: Collection[str] = ()) -> list[Path]:
    """Move every file of ``stage`` into ``target`` at once; return the new files' paths.

    ``owned`` names the files of the report being published
    (:func:`report_file_names`): those in ``target`` that this run did not
    make are removed with the swap. Every other file already there is kept.

    Raises
    ------
    OutputError
        When the folder cannot be written, or it or its lock is not what it should be
        (:func:`check_output_target`); the previous report is then untouched.
    """
    names = sorted(p.name for p in stage.iterdir())
    try:
        with _locked(target):
            check_output_target(target)
            assembled = Path(tempfile.mkdtemp(prefix=_temp_prefix(target, ".publish-"),
                                              dir=target.parent))
            os.chmod(assembled, 0o755)  # mkdtemp makes it private; reports are for reading
            try:
                _keep_other_files(target, assembled, set(names) | set(owned))
                for name in names:
                    os.replace(stage / name, assembled / name)
                _swap_in(assembled, target)
            finally:
                _remove(assembled)
    except OSError as error:
        raise OutputError(f"cannot publish the report into {target}: {error.strerror}; "
                          "the previous report is untouched") from None
    return [target / name for name in names]


def _keep_other_files(target: Path, assembled: Path, replaced: set[str]) -> None:
    if not target.is_dir():
        return
    for path in target.iterdir():
        if path.name in replaced or not (path.is_file() or path.is_symlink()):
            continue
        try:
            os.link(path, assembled / path.name, follow_symlinks=False)
        except OSError:
            shutil.copy2(path, assembled / path.name, follow_symlinks=False)


def _swap_in(assembled: Path, target: Path) -> None:
    """Put ``assembled`` at ``target``; the old version ends up at ``assembled``."""
    if not os.path.lexists(target):
        os.rename(assembled, target)
        return
    if _exchange(assembled, target):
        return
    # No atomic exchange on this system: two renames, the window between them is tiny.
    old = assembled.with_name(assembled.name + "-old")
    os.rename(target, old)
    os.rename(assembled, target)
    os.rename(old, assembled)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically with ``renameat2``; False where it is not available."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _lock_path(target: Path) -> Path:
    return target.parent / f".{target.name}.lock"


@contextlib.contextmanager
def _locked(target: Path) -> Iterator[None]:
    """Hold the report's lock file; a symbolic link or a non-file in its place is refused."""
    lock_path = _lock_path(target)
    flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
    try:
        descriptor = os.open(lock_path, flags, 0o644)
    except OSError as error:
        if error.errno != errno.ELOOP:
            raise
        _require_lock_file(lock_path)
        raise
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            _require_lock_file(lock_path)
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(descriptor, fcntl.LOCK_UN)
    finally:
        os.close(descriptor)


def _remove(path: Path) -> None:
    """Delete ``path`` whatever it is (folder, file, symbolic link), never following a link."""
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink()
    except OSError:
        pass   # already gone, or not ours to remove: the next run's clean-up tries again


def remove_stale_folders(folder: Path) -> list[Path]:
    """Delete staging folders left by runs of this host that died (SIGKILL, power cut).

    Returns the folders removed. Folders of live processes, and of other
    hosts sharing the file system, are left alone.
    """
    removed = []
    if not folder.is_dir():
        return removed
    host = socket.gethostname()
    for path in folder.iterdir():
        owner = _owner(path.name)
        if owner is None or owner[0] != host or _alive(owner[1]):
            continue
        _remove(path)
        removed.append(path)
    return removed


def _owner(name: str) -> tuple[str, int] | None:
    for marker in _TEMP_MARKERS:
        if name.startswith(".") and marker in name:
            rest = name.split(marker, 1)[1]
            host, _, tail = rest.rpartition("-")  # tail is mkdtemp's random part
            host, _, pid = host.rpartition("-")
            if pid.isdigit():
                return host, int(pid)
    return None


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
