"""A cache of parsed and validated store files, so that a load re-parses only what changed.

Parsing is most of the cost of loading a store (libyaml builds ~45 Python values per
file, then the schema checks them). The cache keeps, per file, the validated result
as plain data, under a *fingerprint* of the file:

* in the work tree, ``(size, mtime_ns, inode, ctime_ns)`` from ``stat``, as git's
  index does. Any write changes the mtime or, when the mtime is put back by hand
  (``touch -r``, ``os.utime``), the ctime; an atomic replace or a checkout gives a
  new inode. A file changed less than :data:`RACY_NS` before it was looked at is
  *racy* (a second edit within the file system's timestamp granularity could keep
  every field): its fingerprint says so, and it is cached with a digest of its
  content beside its stat data. A later load whose stat data match such an entry
  trusts it only once the file's content is read and found to have the same digest
  (as git re-checks its racily clean entries by content), and then keeps it under
  the plain fingerprint if the file has settled. So the command after a fresh clone
  or checkout does not parse again, and a same-size edit within the same timestamp
  tick is never served stale.
* at a revision (``--at REV``), the blob id: the content itself.

What validation depended on is kept too (an action's status is checked against its
plan's statuses: one entry per plan folder records the table its actions were checked
against), so a changed plan re-validates its actions.

The cache is one file per store and kind inside the git directory
(``<git-dir>/bvtui/``), so git never sees it and each work tree has its own. It is
written atomically, only when something changed, and carries a format number
(:data:`FORMAT`, bumped by hand when what is cached changes) and the Python version,
so that two installs of bvtui share it; a missing, corrupt or foreign file is
ignored. A store outside git has no cache.

Nothing in it is trusted unchecked: a damaged byte (a disk error, a stray write, a
hand edit) would otherwise be served as the store's data on every later run. The
index carries a CRC-32 checked before it is decoded, and each value its own CRC-32,
checked when the value is decoded; a mismatch drops the entry (or, for the index, the
whole cache) and the file is parsed again.

Layout: the length of the index and its CRC-32, the index (``marshal``: per key its
fingerprint, where its value lies in the body, a *hint* and the value's CRC-32; a plan
folder's action files as one *run* of those columns, :mod:`bvtui.store.cache_runs`),
then the body (each value ``marshal``-ed on its own). An action's hint is its excerpt
(:class:`~bvtui.model.excerpt.ActionExcerpt` as plain data) but for its search text,
which its plan folder keeps with its other actions' in one value in the body
(:mod:`bvtui.store.search_texts`), so the index is the store's excerpt index. A load
reads the index whole but decodes only the values it uses: a listing filtered on the
excerpts never decodes the actions it refuses, nor the search texts unless it searches,
and an unchanged value is copied into the next file as the bytes it already is, with
its checksum. The file is mapped into memory, not read
(:func:`~bvtui.store.regular_file.map_regular_file`), so the bytes of the values a load
never decodes are never read either.
"""

from __future__ import annotations

import marshal
import os
import struct
import sys
import time
import zlib
from collections.abc import Hashable
from pathlib import Path
from typing import Any

from bvtui.store.cache_runs import (
    Entry,
    Run,
    holds,
    make_runs,
    run_entry,
    run_length,
    run_span,
    spread_run,
    whole_run,
)
from bvtui.store.regular_file import map_regular_file
from bvtui.store.safe_files import write_atomically

FORMAT = 14
"""The shape of a cache file, bumped by hand whenever it, or what is cached (a rule
of the schema, a field of an action, how ``yaml_io`` reads a value), changes:

1: values by stat fingerprint (work tree) or blob id (``--at``);
2: cached dicts become the actions' ``__dict__``;
3: one entry per plan folder for the status table its actions were checked against;
4: an index, then values decoded only when used, with hints beside them;
5: a CRC-32 of the index and of each value;
6: versioned by this number and Python's alone, no longer the source files' mtimes;
   racy files cached with the digest of their content;
7: plans keep their ``officers`` table (name -> e-mail).
8: a plan's ``governance:`` rules cached as their own field, no longer under ``extra``.
9: an action's evidence files (``evidence:``).
10: an action's hint is its excerpt (was its status, theme and officers), and a plan
   folder's actions are cached under its statuses, officer aliases
    and period.
11: the excerpt in the index holds no search text: each plan folder's search texts are
    one value (``<folder>/:search``), decoded only by a load that reads them.
12: a plan folder's action entries are one run in the index (:mod:`bvtui.store.cache_runs`),
    the other entries keyed as before.
13: a plan folder's order is cached under its listing (was the set of its names), as
    places in it, with whether two of its files are twins.
14: an action's fields in the order its file holds them (``Action.FIELDS`` follows
    ``STORED_FIELDS``: evidence before extra).
"""

RACY_NS = 2_000_000_000
"""A file modified this recently (ns) is not trusted to its stat: 2 s covers FAT's
granularity and git's racy-clean rule (same second as the cache)."""

_STAMP = struct.Struct("<qqQq")
"""A work-tree fingerprint: size, mtime (ns), inode, ctime (ns)."""

STAMP_SIZE = _STAMP.size
"""The length of a work-tree fingerprint (a racy file's is longer)."""

RACY = b"?"
"""What follows the stat data in a racy file's fingerprint (and, in the entry cached
for it, comes before the digest of the content it was parsed from)."""

_HEAD = struct.Struct("<QI")
"""The length of the index and its CRC-32, at the start of a cache file."""

MISS: Any = type("Miss", (), {"__repr__": lambda self: "MISS"})()
"""What :meth:`ParseCache.hints` gives for a key with no valid entry."""


def _code_version() -> tuple[int, tuple[int, int]]:
    """What the cached results depend on besides the files: :data:`FORMAT`, and the
    Python version (``marshal``'s format is only stable within one)."""
    return (FORMAT, sys.version_info[:2])


def stat_fingerprint(path: str, now_ns: int | None = None) -> bytes | None:
    """The fingerprint of a work-tree file (:func:`is_racy` when it changed just now).

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
) -> list[bytes | None]:
    """:func:`stat_fingerprint` of each of ``names`` in ``folder`` (None for a file that
    is gone, unless not ``missing_ok``).

    A load stats every file, so this is its innermost loop: names are looked up
    relative to the open folder (no path walk per file). A fingerprint is the four
    numbers packed in 32 bytes, which the cache's index stores and compares far
    cheaper than a tuple of four 64-bit integers.
    """
    limit = (time.time_ns() if now_ns is None else now_ns) - RACY_NS
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        if missing_ok:
            return [None] * len(names)
        raise
    stat, pack = os.stat, _STAMP.pack
    found: list[bytes | None] = []
    try:
        for name in names:
            try:  # the link itself: a symbolic link never passes for its target
                st = stat(name, dir_fd=fd, follow_symlinks=False)
            except OSError:
                if not missing_ok:
                    raise
                found.append(None)
                continue
            mtime, ctime = st.st_mtime_ns, st.st_ctime_ns
            stamp = pack(st.st_size, mtime, st.st_ino, ctime)
            found.append(stamp + RACY if mtime > limit or ctime > limit else stamp)
    finally:
        os.close(fd)
    return found


def is_racy(fingerprint: Hashable | None) -> bool:
    """Whether ``fingerprint`` is that of a file changed too recently to trust its stat."""
    return type(fingerprint) is bytes and len(fingerprint) == _STAMP.size + len(RACY)


def _unsure(entry: Any, fingerprint: Hashable | None) -> bool:
    """Whether ``entry`` was cached while its file was racy and has the stat data of
    ``fingerprint``: then only the file's content can tell whether it still holds."""
    if type(entry) is not tuple or len(entry) != 5 or type(fingerprint) is not bytes:
        return False
    cached, size = entry[0], _STAMP.size
    return type(cached) is bytes and len(cached) > size + 1 and cached[:size] == fingerprint[:size]


def cache_path(git_dir: Path, root: Path, kind: str) -> Path:
    """Where the cache of the store at ``root`` lives: one file per store and ``kind``.

    The name needs no strong hash (importing hashlib loads OpenSSL): two stores whose
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
        # key -> (fingerprint, start, end, hint, crc): the value is body[start:end],
        # whose CRC-32 is crc; a plan folder's action files are in its run instead
        self._keyed: dict[str, Entry] = {}
        self._runs: dict[str, Any] = {}  # folder -> its run, as read (see cache_runs)
        self._count = 0  # entries in the file
        self._body = memoryview(b"")
        self._used: dict[str, Entry] = {}  # found in the file
        self._whole: dict[str, Run] = {}  # folder -> its run, every entry found valid
        self._positions: dict[str, dict[str, int]] = {}  # folder -> name -> its place
        self._asked: dict[str, list[str]] = {}  # folder -> names (see folder_hints)
        self._put: dict[str, tuple[Hashable, Any, Any]] = {}  # (fingerprint, value, hint)
        self._dropped: set[str] = set()  # keys of whole runs found unusable
        self._unsure: dict[str, Entry] = {}  # see confirm
        self._uncounted: set[str] = set()  # see keep
        self._changed = False
        self.hits = 0
        self.misses = 0

    @classmethod
    def open(cls, path: Path | None) -> ParseCache:
        """The cache stored at ``path``; empty when it is missing, corrupt (its index's
        checksum differs) or foreign."""
        cache = cls(path)
        if path is None:
            return cache
        try:  # a FIFO or a link to a device in its place is no cache, and never waited on
            body = memoryview(map_regular_file(path))
            length, crc = _HEAD.unpack_from(body)
            head = body[_HEAD.size : _HEAD.size + length]
            if len(head) != length or zlib.crc32(head) != crc:
                return cache
            version, keyed, runs = marshal.loads(head)
            if version == _code_version() and type(keyed) is type(runs) is dict:
                cache._keyed, cache._runs = keyed, runs
                cache._count = len(keyed) + sum(map(run_length, runs.values()))
                cache._body = body[_HEAD.size + length :]
        except Exception:  # any unreadable cache is simply not used
            cache._keyed, cache._runs, cache._count = {}, {}, 0
        return cache

    @property
    def _index(self) -> dict[str, Entry]:
        """Every entry of the file by key, runs spread out (for a look at the file)."""
        index = dict(self._keyed)
        for folder, run in self._runs.items():
            index.update(spread_run(folder, run))
        return index

    def get(self, key: str, fingerprint: Hashable | None) -> Any | None:
        """The value cached for ``key`` under exactly ``fingerprint``, else None."""
        [hint] = self.hints([key], [fingerprint])
        return None if hint is MISS else self.value(key)

    def folder_hints(
        self,
        folder: str,
        names: list[str],
        fingerprints: list[Hashable | None],
        stale: bool = False,
    ) -> list[Any]:
        """:meth:`hints` of the files ``names`` of ``folder`` (its actions, in the
        order a load reads them, which is the order the next file keeps them in): when
        none changed, the folder's run answers for all at once. When what its entries
        were made with has changed (``stale``), every one is :data:`MISS` (and put
        again by the load)."""
        self._asked[folder] = names
        if stale:
            return [MISS] * len(names)
        run = self._runs.get(folder)
        if run is not None and whole_run(run, names, fingerprints):
            self._whole[folder] = run
            self.hits += len(names)
            return list(run[3])
        return self.hints([f"{folder}/{name}" for name in names], fingerprints)

    def hints(self, keys: list[str], fingerprints: list[Hashable | None]) -> list[Any]:
        """For each key, the hint put with its value when the entry is valid under the
        key's fingerprint, else :data:`MISS`; the value itself is decoded only when
        :meth:`value` asks for it. A load asks for thousands at once."""
        get, used = self._entries(keys).get, self._used
        found: list[Any] = []
        append = found.append
        for key, fingerprint in zip(keys, fingerprints, strict=True):
            entry: Any = get(key)
            try:  # a hit has (fingerprint, start, end, hint, crc); anything else differs
                if fingerprint is not None and entry[0] == fingerprint and len(entry) == 5:
                    used[key] = entry
                    append(entry[3])
                    continue
            except (TypeError, LookupError):  # no entry (None), or a damaged one
                pass
            if entry is not None and _unsure(entry, fingerprint):
                self._unsure[key] = entry
            append(MISS)
        misses = found.count(MISS)
        self.hits += len(found) - misses
        self.misses += misses
        return found

    def keep(self, key: str, fingerprint: Hashable) -> bool:
        """Whether ``key`` has an entry valid under ``fingerprint``, then kept in the next
        file; not decoded (:meth:`value` does) nor counted in :attr:`hits` and
        :attr:`misses`, which count files: for a value a later load may need."""
        entry = self._entries([key]).get(key)
        if type(entry) is tuple and len(entry) == 5 and entry[0] == fingerprint:
            self._used[key] = entry
            self._uncounted.add(key)
            return True
        return False

    def unsure(self, key: str) -> bool:
        """Whether :meth:`hints` missed ``key`` only because its entry was cached while
        the file was racy: :meth:`confirm` may then take it after a look at the file."""
        return key in self._unsure

    def confirm(self, key: str, fingerprint: Hashable | None, content: bytes) -> Any:
        """The hint of the :meth:`unsure` entry of ``key`` when the file's content now
        has the digest ``content`` it was cached with (:meth:`value` then decodes it),
        else :data:`MISS`. Kept under the plain ``fingerprint`` once the file is no
        longer racy."""
        entry = self._unsure.pop(key, None)
        if entry is None or entry[0][_STAMP.size + len(RACY) :] != content:  # type: ignore[index]
            return MISS
        if not is_racy(fingerprint):
            entry = (fingerprint, *entry[1:])
            self._changed = True
        self._used[key] = entry
        self.hits += 1
        self.misses -= 1
        return entry[3]

    def value(self, key: str) -> Any | None:
        """The value of an entry :meth:`hints` found for ``key``; None (and the entry
        dropped) when it is damaged: its bytes fail their checksum or do not decode."""
        part = self._checked(key)
        try:
            return None if part is None else marshal.loads(part)
        except Exception:  # a damaged body: the caller reads the file instead
            self.drop(key)
            return None

    def raw(self, key: str) -> bytes | None:
        """The bytes of the value of an entry :meth:`hints` found for ``key``, checked
        against their checksum but not decoded (``marshal.loads`` decodes them: a load
        that builds an action only when it is read); None (and the entry dropped) when
        they fail the check."""
        part = self._checked(key)
        return None if part is None else bytes(part)

    def _checked(self, key: str) -> memoryview | None:
        """The bytes of ``key``'s value when they pass their checksum; else None, and
        the entry dropped (the caller reads the file instead)."""
        entry = self._used.get(key)
        if entry is None:  # in a whole run: its span read off the run
            found = self._in_whole_run(key)
            if found is None:
                raise KeyError(key)  # no entry was found for it
            start, end, crc = run_span(*found)
        else:
            _fingerprint, start, end, _hint, crc = entry
        part = self._body[start:end]
        if len(part) != end - start or zlib.crc32(part) != crc:
            self.drop(key)
            return None
        return part

    def drop(self, key: str) -> None:
        """Forget ``key``: its cached value turned out unusable (a damaged cache)."""
        if self._used.pop(key, None) is not None:
            counted = key not in self._uncounted
        else:
            counted = self._in_whole_run(key) is not None and key not in self._dropped
            if counted:
                self._dropped.add(key)
        if counted:
            self.hits -= 1
            self.misses += 1
        self._put.pop(key, None)
        self._changed = True

    def put(
        self,
        key: str,
        fingerprint: Hashable | None,
        value: Any,
        hint: Any = None,
        content: bytes | None = None,
    ) -> None:
        """Remember ``value`` for ``key``, with a ``hint`` :meth:`hints` gives without
        decoding it. Both must be plain data. A racy file's value is kept only with
        ``content``, the digest of the bytes it was parsed from (see :meth:`confirm`)."""
        if is_racy(fingerprint):
            if not content:
                return
            fingerprint = fingerprint + content  # type: ignore[operator]
        if fingerprint is not None:
            self._used.pop(key, None)
            self._put[key] = (fingerprint, value, hint)
            self._changed = True

    def save(self) -> None:
        """Write the entries used in this run, atomically, when they differ from the file.

        A cache that cannot be written (read-only repository, full disk) is skipped.
        """
        # every used entry came from the file, so the same number means the same keys
        used = len(self._used) + sum(len(run[0]) for run in self._whole.values())
        if self.path is None or not (self._changed or used != self._count):
            return
        index: dict[str, Entry] = {}
        parts: list[bytes | memoryview] = []
        end = 0
        kept = dict(self._used)
        for folder, run in self._whole.items():
            for position, name in enumerate(run[0]):
                key = f"{folder}/{name}"
                if key not in self._dropped and key not in self._put:
                    kept[key] = run_entry(run, position)
        try:
            for key, (fingerprint, start, stop, hint, crc) in kept.items():
                if not (type(start) is type(stop) is int and 0 <= start <= stop <= len(self._body)):
                    continue  # a damaged entry no load decoded: left out
                # copied as it is, with its checksum: checked when a load decodes it
                parts.append(self._body[start:stop])
                index[key] = (fingerprint, end, end + stop - start, hint, crc)
                end += stop - start
            for key, (fingerprint, value, hint) in self._put.items():
                part = marshal.dumps(value)
                parts.append(part)
                index[key] = (fingerprint, end, end + len(part), hint, zlib.crc32(part))
                end += len(part)
            _write(self.path, index, parts, self._asked)
        except (OSError, ValueError):
            return
        self._changed = False

    def _entries(self, keys: list[str]) -> dict[str, Any]:
        """The keyed entries, with the runs holding any of ``keys`` spread into them
        first (a folder whose files are not all unchanged is looked at file by file)."""
        runs, keyed = self._runs, self._keyed
        if runs:
            for key in keys:
                if key in keyed:  # a file's entry is keyed or in a run, not both
                    continue
                folder, _, name = key.rpartition("/")
                run = runs.get(folder)
                if run is not None and holds(run, name):
                    del runs[folder]
                    keyed.update(spread_run(folder, run))
        return keyed

    def _in_whole_run(self, key: str) -> tuple[Run, int] | None:
        """The run :meth:`folder_hints` found whole that holds ``key``, and its place
        there; None when there is none."""
        folder, _, name = key.rpartition("/")
        run = self._whole.get(folder)
        if run is None:
            return None
        positions = self._positions.get(folder)
        if positions is None:
            positions = self._positions[folder] = {name: i for i, name in enumerate(run[0])}
        position = positions.get(name)
        return None if position is None else (run, position)


def _write(
    path: Path,
    index: dict[str, Any],
    parts: list[bytes | memoryview],
    runs: dict[str, list[str]] | None = None,
) -> None:
    """Write a cache file: the index's length and CRC-32, the index (the entries of the
    files ``runs`` names per folder as runs, the others keyed), the values,
    atomically; not flushed to disk (a cache lost in a crash is rebuilt, and a damaged
    one is never believed)."""
    keyed, folders = make_runs(index, runs or {})
    head = marshal.dumps((_code_version(), keyed, folders))
    write_atomically(path, [_HEAD.pack(len(head), zlib.crc32(head)), head, *parts], sync=False)
