"""Where a store's files are read from: the work tree, or any git revision.

The store loads through one of these, so ``--at REV`` (a snapshot tag, a commit, a
date's revision) reads the store exactly as it was, without touching the work tree.

Only regular files of at most :data:`~bvtui.store.regular_file.MAX_FILE_BYTES` are
read (:func:`~bvtui.store.regular_file.read_regular_file`), at a revision as in the
work tree.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Protocol

from bvtui.git import GitError, Repo
from bvtui.store.parse_cache import stat_fingerprints
from bvtui.store.regular_file import MAX_FILE_BYTES, RefusedFile, read_regular_file

_SYMLINK_MODE = "120000"
"""A symbolic link's mode in a git tree."""

Progress = Callable[[int, int], None]
"""Told ``(files parsed, files in the store)`` while a load builds its parse cache."""

PROGRESS_AFTER = 1_000
"""Files a load parses before it shows progress: a store nobody has opened yet (a
fresh clone), not the few files changed since the last command."""


class ReadProgress:
    """Counts the files a load parses, and tells ``report`` once there are many: at
    each new percent of ``total`` (every file in the store), then at the end."""

    def __init__(self, report: Progress, total: int) -> None:
        self.report, self.total = report, max(total, 1)
        self.parsed, self._shown = 0, -1

    def parse(self) -> None:
        """One more file parsed (not found in the cache)."""
        self.parsed += 1
        if self.parsed >= PROGRESS_AFTER:
            percent = min(self.parsed, self.total) * 100 // self.total
            if percent != self._shown:
                self._shown = percent
                self.report(min(self.parsed, self.total), self.total)

    def finish(self) -> None:
        """The load is done: 100%, if progress was shown at all."""
        if self._shown >= 0:
            self.report(self.total, self.total)


def yaml_names(folder: Path) -> list[str]:
    """The ``.yaml`` file names in ``folder`` (what ``Path.glob("*.yaml")`` finds, without
    building a path per file); none when the folder is gone."""
    try:
        return [name for name in os.listdir(folder) if name.endswith(".yaml")]
    except (FileNotFoundError, NotADirectoryError):
        return []


class StoreFiles(Protocol):
    """The files of a store: plan folders, the YAML files in each, their bytes."""

    def folders(self) -> list[str]:
        """Plan folder names, sorted (hidden ones left out)."""
        ...

    def names(self, folder: str) -> list[str]:
        """The ``.yaml`` file names in ``folder``."""
        ...

    def read(self, folder: str, name: str) -> bytes:
        """The bytes of ``folder/name``; FileNotFoundError when there is none."""
        ...

    def fingerprints(self, folder: str, names: list[str]) -> list[Hashable | None]:
        """What identifies this version of each ``folder/name`` for the parse cache.

        None for a file that cannot be trusted (changed just now) or is gone.
        """
        ...

    @property
    def cache_kind(self) -> str:
        """Which parse cache serves these files: ``tree`` or ``rev``."""
        ...


class WorkTreeFiles:
    """The store as it is on disk."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def folders(self) -> list[str]:
        return sorted(
            p.name for p in self.root.iterdir() if p.is_dir() and not p.name.startswith(".")
        )

    def names(self, folder: str) -> list[str]:
        return yaml_names(self.root / folder)

    def read(self, folder: str, name: str) -> bytes:
        return read_regular_file(self.root / folder / name)

    def fingerprints(self, folder: str, names: list[str]) -> list[Hashable | None]:
        return list(stat_fingerprints(self.root / folder, names))

    cache_kind = "tree"


class RevisionFiles:
    """The store as it was at a git revision, read with one ``git cat-file --batch``."""

    def __init__(self, repo: Repo, root: Path, rev: str) -> None:
        try:
            self.commit = repo.run("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").stdout
        except GitError:
            raise ValueError(f"{rev}: not a revision of {repo.top}") from None
        self.commit = self.commit.strip()
        prefix = repo.relative(root)
        listing = repo.run("ls-tree", "-r", "-z", self.commit, "--", f"{prefix}/").stdout
        wanted: dict[tuple[str, str], str] = {}
        self._links: set[tuple[str, str]] = set()
        self._root = root
        for entry in listing.split("\0"):
            if not entry:
                continue
            meta, path = entry.split("\t", 1)
            parts = Path(path).relative_to(prefix).parts
            mode, kind, sha = meta.split()
            if len(parts) == 2 and parts[1].endswith(".yaml") and kind == "blob":
                wanted[(parts[0], parts[1])] = sha
                if mode == _SYMLINK_MODE:
                    self._links.add((parts[0], parts[1]))
        self._shas = wanted
        from bvtui.git import read_blobs  # git's blob reader: a store read at a revision only

        self._blobs = read_blobs(repo, list(wanted.values()))
        self._files = {key: self._blobs[sha] for key, sha in wanted.items()}

    def folders(self) -> list[str]:
        return sorted({folder for folder, _ in self._files if not folder.startswith(".")})

    def names(self, folder: str) -> list[str]:
        return [name for f, name in self._files if f == folder]

    def read(self, folder: str, name: str) -> bytes:
        try:
            data = self._files[(folder, name)]
        except KeyError:
            raise FileNotFoundError(f"{folder}/{name}") from None
        if (folder, name) in self._links:
            raise RefusedFile(self._root / folder / name, "a symbolic link, not read")
        if len(data) > MAX_FILE_BYTES:
            raise RefusedFile(
                self._root / folder / name, f"larger than {MAX_FILE_BYTES:,} bytes, not read"
            )
        return data

    def fingerprints(self, folder: str, names: list[str]) -> list[Hashable | None]:
        return [self._shas.get((folder, name)) for name in names]

    cache_kind = "rev"
