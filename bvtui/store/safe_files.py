"""Writing the store's files safely: whole or not at all, keeping their mode, one save
of a plan folder at a time.

:func:`write_atomically` is the one writer of every file bvtui keeps (actions,
``plan.yaml``, imports, ``bvtui init``'s README, the parse cache, reports);
:func:`save_lock` is what :meth:`bvtui.store.saving.Saving.save_action` holds from
reading a file to committing it.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import time
from collections.abc import Iterable, Iterator
from pathlib import Path


def write_atomically(
    path: Path, data: str | bytes | Iterable[bytes | memoryview], *, sync: bool = True
) -> None:
    """Replace ``path`` with ``data`` (text as UTF-8, bytes as they are, or pieces of bytes
    written one after another) so that a reader sees the old or the new file, whole.

    Writes a temporary file beside it, renames it over the target and, with ``sync``,
    flushes both to disk first and the folder after, so a crash never leaves a
    half-written action. A file that is only a cache (checked when read, rebuilt when
    lost) is written without ``sync``. The file keeps its mode (a new one gets the
    umask's, as any editor would give it); the temporary file never outlives an error,
    and temporary files a killed write left in the folder are removed.

    Raises:
        OSError: the folder or the disk cannot be written; the file is as it was.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        keep_mode: int | None = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        keep_mode = None
    fd, tmp = _temporary_beside(path)
    try:
        if keep_mode is not None and hasattr(os, "fchmod"):
            os.fchmod(fd, keep_mode)
        with os.fdopen(fd, "wb") as handle:
            if isinstance(data, str):
                handle.write(data.encode("utf-8"))
            elif isinstance(data, bytes):
                handle.write(data)
            else:
                handle.writelines(data)
            if sync:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    if sync:
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    _remove_stale_temporaries(path.parent)


TEMPORARY = re.compile(r"^\..+\.[0-9a-z_]{8}\.tmp$")
"""The name of a temporary file :func:`write_atomically` writes: ``.<name>.<8>.tmp``."""

STALE_SECONDS = 60
"""A temporary file older than this was left by a save that was killed."""


def _temporary_beside(path: Path) -> tuple[int, str]:
    """A new temporary file next to ``path``, opened for writing, with the mode the
    umask gives a new file (``tempfile.mkstemp`` would make it 0600)."""
    while True:  # os.urandom, not secrets: that would load OpenSSL (see digest)
        tmp = str(path.parent / f".{path.name}.{os.urandom(4).hex()}.tmp")
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), tmp
        except FileExistsError:
            continue


_SWEPT: dict[Path, float] = {}
"""When this process last looked for stale temporary files in each folder: a look is a
scan of the whole folder, which an import writing every file of a plan would otherwise
repeat once per file."""


def _remove_stale_temporaries(folder: Path) -> None:
    """Remove the temporary files of saves that were killed before renaming them (never
    one young enough to be another process's save under way); at most once in
    :data:`STALE_SECONDS` per folder: a file left meanwhile is found by a later look."""
    now = time.time()
    if now - _SWEPT.get(folder, float("-inf")) < STALE_SECONDS:
        return
    _SWEPT[folder] = now
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if entry.name.endswith(".tmp") and TEMPORARY.match(entry.name):
                with contextlib.suppress(OSError):
                    if now - entry.stat(follow_symlinks=False).st_mtime > STALE_SECONDS:
                        os.unlink(entry.path)


@contextlib.contextmanager
def save_lock(folder: Path) -> Iterator[None]:
    """Hold the save lock of a plan ``folder`` (an advisory lock on the folder itself,
    so no lock file is left behind for ``git add -A``), waiting for another process's
    save of a file in it to finish."""
    try:
        import fcntl
    except ImportError:  # no advisory locks on this system: saves are not serialised
        yield
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:  # a folder not made yet: its first file makes it
        yield
        return
    try:
        with contextlib.suppress(OSError):  # a share without locks: saved unserialised
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock
