"""A cache of parsed and validated store files, so that a load re-parses only what changed.

Parsing is most of the cost of loading a store (libyaml builds ~45 Python values per
file, then the schema checks them). The cache keeps, per file, the validated result
as plain data, under a *fingerprint* of the file:

* in the work tree, ``(size, mtime_ns, inode, ctime_ns)`` from ``stat``, as git's
  index does. Any write changes the mtime or, when the mtime is put back by hand
  (``touch -r``, ``os.utime``), the ctime; an atomic replace or a checkout gives a
  new inode. A file changed less than :data:`RACY_NS` before it was looked at is
  *racy* (a second edit within the file system's timestamp granularity could keep
  every field): it gets no fingerprint and is parsed every time until it settles.
* at a revision (``--at REV``), the blob id: the content itself.

What validation depended on is kept too (an action's status is checked against its
plan's statuses: one entry per plan folder records the table its actions were checked
against), so a changed plan re-validates its actions.

The cache is one ``marshal`` file per store and kind inside the git directory
(``<git-dir>/bvtui/``), so git never sees it and each work tree has its own. It is
written atomically, only when something changed, and carries a version that also
covers the code that validates; a missing, corrupt or foreign file is ignored. A
store outside git has no cache.
"""

from __future__ import annotations

import marshal
import os
import sys
import time
import zlib
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any

FORMAT = 3
"""Bumped whenever the shape of an entry changes."""

RACY_NS = 2_000_000_000
"""A file modified this recently (ns) is not trusted to its stat: 2 s covers FAT's
granularity and git's racy-clean rule (same second as the cache)."""

_VALIDATING_MODULES = ("schema.py", "model.py", "store.py", "parse_cache.py")


def _code_version() -> tuple[Any, ...]:
    """What the cached results depend on besides the files: format, Python, our code.

    The validating modules' sizes and mtimes stand for their content, so an edited
    rule (a development checkout, an upgrade) never meets results of the old one.
    """
    here = Path(__file__).parent
    stamps = []
    for name in _VALIDATING_MODULES:
        try:
            st = os.stat(here / name)
            stamps.append((st.st_size, st.st_mtime_ns))
        except OSError:
            stamps.append(None)
    return (FORMAT, sys.version_info[:2], tuple(stamps))


def stat_fingerprint(path: str, now_ns: int | None = None) -> tuple[int, ...] | None:
    """The fingerprint of a work-tree file, or None when it is racy (changed just now).

    Raises:
        OSError: the file cannot be stat'ed (FileNotFoundError when it is gone).
    """
    folder, name = os.path.split(path)
    [found] = stat_fingerprints(folder or ".", [name], now_ns, missing_ok=False)
    return found


def stat_fingerprints(
    folder: str | os.PathLike[str],
    names: list[str],
    now_ns: int | None = None,
    *,
    missing_ok: bool = True,
) -> list[tuple[int, ...] | None]:
    """:func:`stat_fingerprint` of each of ``names`` in ``folder`` (None for a file that
    is gone, unless not ``missing_ok``).

    A load stats every file, so this is its innermost loop: names are looked up
    relative to the open folder (no path walk per file) and nothing is called per
    file but ``stat``.
    """
    limit = (time.time_ns() if now_ns is None else now_ns) - RACY_NS
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        if missing_ok:
            return [None] * len(names)
        raise
    stat = os.stat
    found: list[tuple[int, ...] | None] = []
    try:
        for name in names:
            try:
                st = stat(name, dir_fd=fd)
            except OSError:
                if not missing_ok:
                    raise
                found.append(None)
                continue
            mtime, ctime = st.st_mtime_ns, st.st_ctime_ns
            racy = mtime > limit or ctime > limit
            found.append(None if racy else (st.st_size, mtime, st.st_ino, ctime))
    finally:
        os.close(fd)
    return found


def cache_path(git_dir: Path, root: Path, kind: str) -> Path:
    """Where the cache of the store at ``root`` lives: one file per store and ``kind``.

    The name needs no strong hash (importing hashlib costs ~4 ms): two stores whose
    paths collide would only miss each other's entries, whose stamps hold inodes.
    """
    key = f"{zlib.crc32(str(root.resolve()).encode()):08x}"
    return git_dir / "bvtui" / f"cache-{kind}-{key}"


class ParseCache:
    """Validated results by file key, valid while the file's fingerprint is unchanged.

    Entries looked up or put in this run are the ones saved, so files that are gone
    drop out of the cache by themselves.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self._old: dict[str, tuple[Hashable, Any]] = {}
        self._new: dict[str, tuple[Hashable, Any]] = {}
        self._changed = False
        self.hits = 0
        self.misses = 0

    @classmethod
    def open(cls, path: Path | None) -> ParseCache:
        """The cache stored at ``path``; empty when it is missing, corrupt or foreign."""
        cache = cls(path)
        if path is None:
            return cache
        try:
            version, entries = marshal.loads(path.read_bytes())
            if version == _code_version() and isinstance(entries, dict):
                cache._old = entries
        except Exception:  # any unreadable cache is simply not used
            cache._old = {}
        return cache

    def get(self, key: str, fingerprint: Hashable | None) -> Any | None:
        """The value cached for ``key`` under exactly ``fingerprint``, else None."""
        if fingerprint is None:
            self.misses += 1
            return None
        entry = self._old.get(key)
        if type(entry) is not tuple or len(entry) != 2 or entry[0] != fingerprint:
            self.misses += 1
            return None
        self._new[key] = entry
        self.hits += 1
        return entry[1]

    def get_many(self, keys: list[str], fingerprints: list[Hashable | None]) -> list[Any | None]:
        """:meth:`get` for many keys at once (a load asks for thousands)."""
        old, new = self._old, self._new
        found: list[Any | None] = []
        for key, fingerprint in zip(keys, fingerprints, strict=True):
            entry = old.get(key) if fingerprint is not None else None
            if type(entry) is tuple and len(entry) == 2 and entry[0] == fingerprint:
                new[key] = entry
                found.append(entry[1])
            else:
                found.append(None)
        hits = len(found) - found.count(None)
        self.hits += hits
        self.misses += len(found) - hits
        return found

    def drop(self, key: str) -> None:
        """Forget ``key``: its cached value turned out unusable (a damaged cache)."""
        self._new.pop(key, None)
        self._changed = True
        self.hits -= 1
        self.misses += 1

    def put(self, key: str, fingerprint: Hashable | None, value: Any) -> None:
        """Remember ``value`` for ``key`` (nothing is kept for a racy file)."""
        if fingerprint is not None:
            self._new[key] = (fingerprint, value)
            self._changed = True

    def save(self, plain: Callable[[Any], Any] | None = None) -> None:
        """Write the entries used in this run, atomically, when they differ from the file.

        ``plain`` turns a value the caller has put to use since :meth:`get` back into
        plain data. A cache that cannot be written (read-only repository, full disk) is
        skipped.
        """
        if self.path is None or not (self._changed or self._new.keys() != self._old.keys()):
            return
        if plain is not None:
            self._new = {key: (stamp, plain(value)) for key, (stamp, value) in self._new.items()}
        try:
            data = marshal.dumps((_code_version(), self._new))
            self.path.parent.mkdir(parents=True, exist_ok=True)
            import tempfile  # here: only a changed cache is written (tempfile costs ~4 ms)

            fd, tmp = tempfile.mkstemp(prefix=".cache.", dir=self.path.parent)
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data)
                os.replace(tmp, self.path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except (OSError, ValueError):
            return
        self._old, self._changed = self._new, False
