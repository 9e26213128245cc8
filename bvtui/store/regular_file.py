"""Reading a file bvtui did not write itself, only when it is what it claims to be.

Anything named like a store file (or a cache) may be a folder, a FIFO, a device or a
symbolic link, even one to a file outside the store: reading it naively hangs (a FIFO
waits for a writer), exhausts memory (``/dev/zero``) or brings in a file from
elsewhere. :func:`read_regular_file` reads regular files only, up to a size, and
refuses anything else with a :class:`RefusedFile` saying why in one line.
"""

from __future__ import annotations

import mmap
import os
import stat
from pathlib import Path

MAX_FILE_BYTES = 1_000_000
"""The largest store file read (an action is a few KB; the largest seed ~10 KB)."""


class RefusedFile(ValueError):
    """A store file that is not read: not a regular file, or too large; one line."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        self.path, self.reason = str(path), reason
        super().__init__(f"{path}: {reason}")


def read_regular_file(path: Path, limit: int | None = MAX_FILE_BYTES) -> bytes:
    """The bytes of ``path`` when it is a regular file of at most ``limit`` bytes (any
    size with None).

    The file is opened without following a symbolic link and without waiting (a FIFO
    would block an ordinary open until something writes to it), then checked on the
    open descriptor, so nothing can be swapped in between.

    Raises:
        FileNotFoundError: there is no such file.
        RefusedFile: a symbolic link, anything but a regular file, or too large.
    """
    fd, size = _open_regular(path)
    try:
        data = _read_to_end(fd, size, None if limit is None else limit + 1)
    finally:
        os.close(fd)
    if limit is not None and len(data) > limit:
        raise RefusedFile(path, f"larger than {limit:,} bytes, not read")
    return data


def map_regular_file(path: Path) -> mmap.mmap | bytes:
    """``path``, checked as :func:`read_regular_file` checks it, mapped read-only into
    memory (``b""`` when it is empty): a page is read only when it is first looked at.

    For bvtui's own large files (the parse cache), which it replaces whole by
    renaming, never rewrites in place: a mapping keeps the file it mapped, as git's
    mapping of its index does. A load that looks at a tenth of a cache file reads a
    tenth of it.

    Raises:
        FileNotFoundError: there is no such file.
        RefusedFile: a symbolic link or anything but a regular file.
    """
    fd, size = _open_regular(path)
    try:
        if not size:
            return b""
        try:
            return mmap.mmap(fd, 0, access=mmap.ACCESS_READ)
        except OSError:  # a file system that cannot map files: read whole
            return _read_to_end(fd, size, None)
    finally:
        os.close(fd)


def _open_regular(path: Path) -> tuple[int, int]:
    """A descriptor open on ``path`` and the file's size, once it is known to be a
    regular file (see :func:`read_regular_file`)."""
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise
    except OSError as err:
        if os.path.islink(path):
            reason = "a symbolic link, not read (store files must be files)"
            raise RefusedFile(path, reason) from None
        raise RefusedFile(path, f"cannot be read ({err.strerror})") from None
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise RefusedFile(path, "not a regular file (a folder, FIFO or device), not read")
    except BaseException:
        os.close(fd)
        raise
    return fd, status.st_size


def _read_to_end(fd: int, size: int, cap: int | None) -> bytes:
    """The bytes of ``fd`` up to its end or ``cap`` bytes, read in pieces of the size
    ``fstat`` gave (a buffered ``read(cap)`` would allocate ``cap`` bytes for every
    small file). The size is not trusted: a file that grew is read on to its end."""
    chunks: list[bytes] = []
    got, want = 0, size + 1
    while cap is None or got < cap:
        chunk = os.read(fd, want if cap is None else min(want, cap - got))
        if not chunk:
            break
        chunks.append(chunk)
        got += len(chunk)
        want = max(want, 1 << 16)
    return b"".join(chunks)
