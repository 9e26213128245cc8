"""The store's values: where the store is, a file's fingerprint, a problem found while
loading, the errors of a store and what a save did."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

from bvtui.model import FieldChange, Record, Ref, RefError

STORE_ENV = "BVTUI_STORE"
AUTHOR_ENV = "BVTUI_AUTHOR"

BULK_LIMIT = 20
"""Actions a bulk edit (:mod:`bvtui.store.bulk`) changes at most without being told to go
on (``--yes``); here, with the other values, so that ``bvtui set``'s parser, whose help
names it, need not import the bulk edit."""


def locate_store(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The store folder: ``explicit`` (``--store`` or the app's argument), else
    ``$BVTUI_STORE``, else ``./plans``."""
    return Path(explicit or os.environ.get(STORE_ENV) or "plans")


def digest(data: bytes) -> str:
    """The fingerprint of a file's bytes, to notice a change made on disk since reading."""
    from hashlib import blake2b  # imported when a command first needs it, not by listings

    return blake2b(data, digest_size=16).hexdigest()


class Problem(NamedTuple):
    """A file that failed to load or a rule it breaks: where, and why, in one line."""

    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


class StoreError(ValueError):
    """A user or data error: a missing store, an unknown action, a bad value."""


class ApprovalNeeded(StoreError):
    """A change the plan's governance rules refuse as given (no reason, no approver, or
    an approver not allowed); the message names the rule, and nothing was written."""


class FileChangedError(StoreError):
    """The file changed on disk since it was read: saving would overwrite that change."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"{path}: changed on disk since it was read; reload it or overwrite")


class SaveResult(Record):
    """What a save did: the changes written, and the commit made or why there is none."""

    FIELDS = ("ref", "path", "changes", "commit", "error")

    def __init__(
        self,
        ref: str,
        path: Path,
        changes: list[FieldChange] | None = None,
        commit: str | None = None,
        error: str | None = None,
    ) -> None:
        self.ref = ref
        self.path = path
        self.changes: list[FieldChange] = [] if changes is None else changes
        self.commit = commit
        self.error = error

    @property
    def written(self) -> bool:
        return bool(self.changes)

    @property
    def pending(self) -> bool:
        """Written to disk but not committed."""
        return self.commit is None and self.error is not None


def parse_ref(ref: str) -> Ref:
    """``ref`` (``plan/id`` or a bare id) as a :class:`Ref`, for a command on the store.

    Raises:
        StoreError: ``ref`` is neither.
    """
    try:
        return Ref.parse(ref)
    except RefError as err:
        raise StoreError(str(err)) from None
