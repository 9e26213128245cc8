"""The save side of the store: the one save path (:meth:`Saving.save_action`), saving a
plan, committing exactly the file saved, and the edits saved on disk but not committed
(pending), committed later by :meth:`Saving.commit_pending`."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bvtui.git import GitError, PendingBlob, Repo, way_out
from bvtui.model import (
    PLAN_FIELDS,
    PLAN_FILE,
    STORED_FIELDS,
    Action,
    Plan,
    Ref,
    ValidationError,
    action_from_mapping,
    action_to_mapping,
    commit_message,
    field_changes,
    plan_to_mapping,
)
from bvtui.store.safe_files import save_lock, write_atomically
from bvtui.store.values import AUTHOR_ENV, FileChangedError, SaveResult, StoreError, digest
from bvtui.store.yaml_io import YamlFileError, read_mapping, render_mapping


class Saving:
    """The save side of :class:`~bvtui.store.store.Store`, which inherits it."""

    if TYPE_CHECKING:  # what Store gives
        root: Path
        revision: str | None

        @property
        def repo(self) -> Repo | None: ...

        def reread(self, action: Action) -> Action: ...

    def action_path(self, action: Action) -> Path:
        return Ref(action.plan.slug, action.id).path(self.root)

    def save_action(
        self,
        action: Action,
        *,
        author: str | None = None,
        force: bool = False,
        reapply: Callable[[Action], Action] | None = None,
    ) -> SaveResult:
        """Write ``action`` to its file and commit that file alone.

        The file on disk is rewritten round-trip (comments, order and untouched lines
        kept); a file in bvtui's own canonical form gets the same bytes without ruamel
        (:mod:`bvtui.store.yaml_canonical`). No change, no write and no commit. The
        commit message records every field that differs from HEAD, so an edit left
        pending by a failed commit is recorded by the next save.

        Saves of one plan folder are serialised (:func:`save_lock`), from the check
        that the file is as it was read to the commit, so two saves of one action at
        once never write over each other, and each commit holds its own save's text.
        When the file changed on disk since ``action`` was read, ``reapply`` (given
        the file as it is now) makes the same edit again on it, and that is saved.

        Raises:
            FileChangedError: the file changed on disk since ``action`` was read
                (unless ``force``, or ``reapply`` is given).
            StoreError: a merge or rebase is stopped (see :meth:`_refuse_while_stopped`),
                the file cannot be written, or git is missing; nothing is written.
            ValidationError: an id that is not allowed.
        """
        if self.revision is not None:
            raise StoreError(
                f"{self.root}: read as at {self.revision[:10]}; saving is not possible"
            )
        path = self.action_path(action)
        # HEAD's version, for the commit message, is read by git meanwhile
        with save_lock(path.parent), contextlib.ExitStack() as stack:
            try:
                self._refuse_while_stopped(path)
                head = (
                    None
                    if self.repo is None
                    else stack.enter_context(self.repo.head_blob_soon(path))
                )
            except GitError as err:  # git missing: said like any other refusal
                raise StoreError(f"{path}: {err}; nothing was saved") from None
            current = path.read_bytes() if path.exists() else None
            on_disk = Parsed(current, path)
            changed_on_disk = current is not None and digest(current) != action.digest
            if changed_on_disk and action.digest and not force:
                if reapply is None:
                    raise FileChangedError(path)
                action = reapply(on_disk.action(action.plan))
            data = action_to_mapping(action)
            text = _canonical_rewrite(on_disk, data, action, path)
            if text is None:
                text = render_mapping(on_disk.text, data, STORED_FIELDS)
            written = _read_back(text, action, path)
            if text != on_disk.text:
                _write(path, text)
            action.digest = digest(written.raw or b"")
            action.path = str(path)
            return self._commit_file(path, action.ref, author, head, (on_disk, written))

    def save_plan(self, plan: Plan, *, author: str | None = None) -> SaveResult:
        """Write ``plan.yaml`` and commit it alone (no change, no commit)."""
        path = self.root / plan.slug / PLAN_FILE
        with save_lock(path.parent):
            self._refuse_while_stopped(path)
            old_text = path.read_text(encoding="utf-8") if path.exists() else None
            text = render_mapping(old_text, plan_to_mapping(plan), PLAN_FIELDS)
            if text != old_text:
                _write(path, text)
            return self._commit_file(path, str(Ref(plan.slug, PLAN_FILE)), author)

    def _refuse_while_stopped(self, path: Path) -> None:
        """Refuse to write ``path`` while a merge or rebase is stopped, unless the file
        is in conflict in it (its resolution): the way out of one (``--abort``, or
        ``bvtui sync --abort``) resets the work tree and would destroy the edit.

        Raises:
            StoreError: an operation is stopped; nothing is written.
        """
        stopped = None if self.repo is None else self.repo.stopped_operation()
        if stopped and not self.repo.is_unmerged(path):  # type: ignore[union-attr]
            raise StoreError(
                f"{path}: a {stopped} is in progress (a sync stopped on a conflict?) and "
                "undoing it would undo an edit saved now, so nothing was saved: "
                f"{way_out(stopped)}, then save again"
            )

    def _commit_file(
        self,
        path: Path,
        ref: str,
        author: str | None,
        head: PendingBlob | None = None,
        known: tuple[Parsed, Parsed] | None = None,
    ) -> SaveResult:
        """Commit ``path`` alone, its message from the fields that differ from HEAD.

        ``known``: the file as it was before a save and as the save wrote it, already
        parsed; HEAD's version, when it is the same bytes as one of them, is not
        parsed again, and the file written is not read back from disk.
        """
        old, new = self._versions(path, head, known)
        changes = field_changes(old, new)
        result = SaveResult(ref=ref, path=path, changes=changes)
        if not changes and (old is None) == (new is None):
            return result
        message = commit_message(ref, changes, created=old is None, removed=new is None)
        result.commit, result.error = self._commit([path], message, author)
        return result

    def _versions(
        self,
        path: Path,
        head: PendingBlob | None = None,
        known: tuple[Parsed, Parsed] | None = None,
    ) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
        """The file's mapping at HEAD (``head``: already being read) and on disk (None
        where it does not exist); ``known`` versions are not parsed again."""
        if known is None:
            disk = Parsed(path.read_bytes() if path.exists() else None, path)
            known = (disk, disk)
        old = None
        if self.repo is not None:
            blob = head.result() if head is not None else self.repo.head_blob(path)
            if blob is not None:
                same = next((version for version in known if version.raw == blob), None)
                old = (same or Parsed(blob, path, errors="replace")).lenient()
        return old, known[1].lenient()

    def _commit(
        self, paths: list[Path], message: str, author: str | None
    ) -> tuple[str | None, str | None]:
        if self.repo is None:
            return None, f"{self.root} is not in a git repository: the edit is saved, not committed"
        author = author or os.environ.get(AUTHOR_ENV) or None
        try:
            sha = self.repo.commit(paths, message, author)
        except (GitError, ValueError) as err:
            return None, str(err)
        self.repo.refresh_commit_graph()
        return sha, None

    # --- pending edits -----------------------------------------------------------

    def pending_paths(self) -> list[Path]:
        """Store files that differ from HEAD: edits saved to disk but not committed.

        Only regular files (or files removed) directly in a plan folder: a symbolic
        link, a folder or a FIFO named ``*.yaml`` is a load problem, never an edit to
        commit, and a file deeper down is no store file.
        """
        if self.repo is None:
            return []
        paths = []
        store = Path(self.repo.relative(self.root))
        for _code, name in self.repo.changed_files(self.root):
            path = self.repo.top / name
            in_plan = name.endswith(".yaml") and Path(name).parent.parent == store
            if in_plan and not path.is_symlink() and (path.is_file() or not path.exists()):
                paths.append(path)
        return paths

    def pending_refs(self) -> set[str]:
        """Refs (``plan/id``) of the actions saved on disk but not committed."""
        return {str(Ref.of_path(path)) for path in self.pending_paths() if path.name != PLAN_FILE}

    def commit_pending(
        self, *, author: str | None = None, only: set[Path] | None = None
    ) -> list[SaveResult]:
        """Commit every pending edit, one commit per file, each message from HEAD vs disk.

        With ``only``, only those of these files. A file whose fields are as at
        HEAD has nothing to commit; a version of it
        staged in git's index meanwhile (neither HEAD's nor the disk's) is unstaged,
        so that it is not left pending for ever.
        """
        results = []
        for path in self.pending_paths():
            if only is not None and path not in only:
                continue
            with save_lock(path.parent):
                result = self._commit_file(path, str(Ref.of_path(path)), author)
                if not result.changes and result.commit is None and result.error is None:
                    self._unstage(path)
            results.append(result)
        return results

    def _unstage(self, path: Path) -> None:
        """Put ``path``'s index entry back to HEAD's (never inside a stopped merge or
        rebase, whose index holds its resolutions); the file is not touched."""
        repo = self.repo
        if repo is not None and repo.stopped_operation() is None:
            with contextlib.suppress(GitError):
                repo.run("reset", "--quiet", "--", repo.relative(path))


def _write(path: Path, text: str) -> None:
    """:func:`write_atomically` for a save: a failure is one line, the file unchanged.

    Raises:
        StoreError: the file could not be written (a full disk, a read-only folder...).
    """
    try:
        write_atomically(path, text)
    except OSError as err:
        raise StoreError(
            f"{path}: could not be written ({err.strerror or err}): nothing was saved; "
            "free some disk space or check the folder's permissions, then save again"
        ) from None


class Parsed:
    """One version of a file (its bytes, None when there is none), parsed at most once:
    the save path reads each text once, whatever asks for it."""

    def __init__(self, raw: bytes | None, path: Path, errors: str = "strict") -> None:
        self.raw, self.path, self._errors = raw, path, errors
        self._mapping: dict[str, Any] | None = None
        self._error: YamlFileError | None = None

    @property
    def text(self) -> str | None:
        """The bytes as text (UTF-8; with ``errors="replace"``, never refused).

        Raises:
            UnicodeDecodeError: the bytes are not UTF-8 (``errors="strict"``).
        """
        return None if self.raw is None else self.raw.decode("utf-8", self._errors)

    def mapping(self) -> dict[str, Any] | None:
        """The file's mapping (None when there is no file).

        Raises:
            YamlFileError: the text is not a YAML mapping (raised again when asked again).
        """
        text = self.text
        if text is None:
            return None
        if self._mapping is None and self._error is None:
            try:
                self._mapping = read_mapping(text, str(self.path))
            except YamlFileError as err:
                self._error = err
        if self._error is not None:
            raise self._error
        return self._mapping

    def lenient(self) -> dict[str, Any] | None:
        """The mapping for describing a change: an unreadable version reads as empty."""
        try:
            return self.mapping()
        except YamlFileError:
            return {}

    def action(self, plan: Plan) -> Action:
        """The action this version holds, as the store reads it (for re-applying an edit
        on a file that changed on disk).

        Raises:
            StoreError: the file no longer loads (file, line and reason).
        """
        try:
            read = self.mapping()
            assert read is not None, "only a file on disk is read back as an action"
            action = action_from_mapping(plan, read, str(self.path), self.path.stem)
        except (YamlFileError, ValidationError) as err:
            raise StoreError(str(err)) from None
        action.digest = digest(self.raw or b"")
        return action


def _canonical_rewrite(old: Parsed, data: dict[str, Any], action: Action, path: Path) -> str | None:
    """The text :func:`render_mapping` would write, without loading ruamel,
    when the file is new or holds exactly the canonical text of what it reads as (all
    files bvtui writes); None otherwise, and ruamel rewrites the file."""
    from bvtui.store.yaml_canonical import canonical_edit

    before = None
    if old.text is not None:
        try:
            read = old.mapping()
            assert read is not None
            before = action_to_mapping(action_from_mapping(action.plan, read, str(path), path.stem))
        except (YamlFileError, ValidationError):
            return None
    return canonical_edit(old.text, before, data, STORED_FIELDS)


def _read_back(text: str, action: Action, path: Path) -> Parsed:
    """``text``, parsed; refused unless the store's reader gives ``action`` back exactly.

    The writer (ruamel, YAML 1.2) and the reader (libyaml, 1.1) agree on everything
    the property tests have found; this check makes sure a case they have not found
    can never corrupt a file: the save stops with the field named, nothing written.
    The mapping read is the new side of the commit message.

    Raises:
        StoreError: a field would not read back as it was given.
    """
    written = Parsed(text.encode("utf-8"), path)
    try:
        read = written.mapping()
        assert read is not None
        back = action_from_mapping(action.plan, read, str(path), action.id)
    except (YamlFileError, ValidationError) as err:
        raise StoreError(
            f"{path}: the saved file would not load ({err}); nothing was saved"
        ) from None
    mine, theirs = action_to_mapping(action), action_to_mapping(back)
    for key in mine:
        if mine[key] != theirs.get(key):
            raise StoreError(
                f"{path}: {key}: this value cannot be written so that it reads back the same; "
                "nothing was saved"
            )
    return written
