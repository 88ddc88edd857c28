"""Putting finished reports in place atomically, so a failed run never leaves a half-written one.

A report is produced in a staging folder next to its target
(``OUT/<period>/.<unit>.staging-…``). On success, under a lock on the
target, a complete new version of the target folder is assembled (the files
of other reports already there, hard-linked, plus the new ones) and swapped
in with one atomic ``renameat2(RENAME_EXCHANGE)``; readers see the old
folder or the new one, never a mix. Two runs writing the same folder at once
take turns on the lock; the last one to finish wins, whole.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import shutil
import socket
import tempfile
from collections.abc import Iterator
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


def publish(stage: Path, target: Path) -> list[Path]:
    """Move every file of ``stage`` into ``target`` at once; return the new files' paths.

    Files already in ``target`` that this run does not replace are kept.
    """
    names = sorted(p.name for p in stage.iterdir())
    try:
        with _locked(target):
            assembled = Path(tempfile.mkdtemp(prefix=_temp_prefix(target, ".publish-"),
                                              dir=target.parent))
            os.chmod(assembled, 0o755)  # mkdtemp makes it private; reports are for reading
            try:
                _keep_other_files(target, assembled, set(names))
                for name in names:
                    os.replace(stage / name, assembled / name)
                _swap_in(assembled, target)
            finally:
                shutil.rmtree(assembled, ignore_errors=True)
    except OSError as error:
        raise OutputError(f"cannot publish the report into {target}: {error.strerror}; "
                          "the previous report is untouched") from None
    return [target / name for name in names]


def _keep_other_files(target: Path, assembled: Path, replaced: set[str]) -> None:
    if not target.is_dir():
        return
    for path in target.iterdir():
        if path.name in replaced or not path.is_file():
            continue
        try:
            os.link(path, assembled / path.name)
        except OSError:
            shutil.copy2(path, assembled / path.name)


def _swap_in(assembled: Path, target: Path) -> None:
    """Put ``assembled`` at ``target``; the old version ends up at ``assembled``."""
    if not target.exists():
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


@contextlib.contextmanager
def _locked(target: Path) -> Iterator[None]:
    lock_path = target.parent / f".{target.name}.lock"
    with open(lock_path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


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
        shutil.rmtree(path, ignore_errors=True)
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
