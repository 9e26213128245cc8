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
    bulk_commit_message,
    commit_message,
    field_changes,
    plan_to_mapping,
)
from bvtui.store.safe_files import save_lock, write_atomically
from bvtui.store.sources import read_blobs
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
        reverts: str | None = None,
        trailers: dict[str, str] | None = None,
    ) -> SaveResult:
        """Write ``action`` to its file and commit that file alone.

        The file on disk is rewritten round-trip (comments, order and untouched lines
        kept); a file in bvtui's own canonical form gets the same bytes without ruamel
        (:mod:`bvtui.store.yaml_canonical`). No change, no write and no commit. The
        commit message records every field that differs from HEAD, so an edit left
        pending by a failed commit is recorded by the next save; ``reverts`` (an undo:
        the commit it reverts) goes in its subject and a ``Reverts:`` trailer.

        Saves of one plan folder are serialised (:func:`save_lock`), from the check
        that the file is as it was read to the commit, so two saves of one action at
        once never write over each other, and each commit holds its own save's text.
        When the file changed on disk since ``action`` was read, ``reapply`` (given
        the file as it is now) makes the same edit again on it, and that is saved.
        ``trailers`` end the commit message (``Meeting: Board 14/09``).

        Raises:
            FileChangedError: the file changed on disk since ``action`` was read
                (unless ``force``, or ``reapply`` is given).
            StoreError: a merge or rebase is stopped (see :meth:`_refuse_while_stopped`),
                the file cannot be written, or git is missing; nothing is written.
            ValidationError: an id that is not allowed.
        """
        [result] = self.save_actions(
            [action],
            author=author,
            force=force,
            reapply=reapply,
            reverts=reverts,
            trailers=trailers,
        )
        return result

    def save_actions(
        self,
        actions: list[Action],
        *,
        author: str | None = None,
        force: bool = False,
        reapply: Callable[[Action], Action] | None = None,
        reverts: str | None = None,
        trailers: dict[str, str] | None = None,
    ) -> list[SaveResult]:
        """Write each of ``actions`` to its file and commit them all in ONE commit
        (a bulk edit; one action: :meth:`save_action`, which this is).

        The steps are :meth:`save_action`'s, for every file: every check (stopped
        operation, changed on disk, the text reading back) passes for all of them
        before the first is written, and a write that fails puts back the files
        already written, so a refused bulk save changes nothing. The commit's
        message names every action changed, with an ``Action:`` trailer each.
        Results come in the order of ``actions``; all share the one commit (or its
        error).

        Raises:
            FileChangedError, StoreError, ValidationError: as :meth:`save_action`, for
                any of them; nothing is written. An action given twice is a StoreError.
        """
        if self.revision is not None:
            raise StoreError(
                f"{self.root}: read as at {self.revision[:10]}; saving is not possible"
            )
        paths = [self.action_path(action) for action in actions]
        if len(set(paths)) < len(paths):
            raise StoreError("the same action was given twice; nothing was saved")
        # HEAD's version, for the commit message, is read by git meanwhile
        with contextlib.ExitStack() as stack:
            for folder in sorted({path.parent for path in paths}):
                stack.enter_context(save_lock(folder))
            try:
                for path in paths:
                    self._refuse_while_stopped(path)
                heads = [
                    stack.enter_context(self.repo.head_blob_soon(path))
                    if self.repo is not None and len(paths) == 1
                    else None
                    for path in paths
                ]
            except GitError as err:  # git missing: said like any other refusal
                raise StoreError(f"{paths[0]}: {err}; nothing was saved") from None
            prepared = [
                self._prepared(action, path, force, reapply)
                for action, path in zip(actions, paths, strict=True)
            ]
            _write_all(prepared, paths)
            refs = [action.ref for action, _text, _old in prepared]
            return self._commit_files(paths, refs, author, heads, reverts, trailers)

    def _prepared(
        self,
        action: Action,
        path: Path,
        force: bool,
        reapply: Callable[[Action], Action] | None,
    ) -> tuple[Action, str, str | None]:
        """The action to save (made again on the disk version by ``reapply`` when the
        file changed since it was read), the text to write and the file's text now;
        nothing is written.

        Raises:
            FileChangedError: the file changed on disk (and no ``force`` nor ``reapply``).
            StoreError: the text would not read back as ``action``.
        """
        current = path.read_bytes() if path.exists() else None
        changed_on_disk = current is not None and digest(current) != action.digest
        if changed_on_disk and action.digest and not force:
            if reapply is None:
                raise FileChangedError(path)
            action = reapply(self.reread(action))
        old_text = current.decode("utf-8") if current is not None else None
        data = action_to_mapping(action)
        text = _canonical_rewrite(old_text, data, action, path)
        if text is None:
            text = render_mapping(old_text, data, STORED_FIELDS)
        _check_reads_back(text, action, path)
        return action, text, old_text

    def save_plan(
        self, plan: Plan, *, author: str | None = None, subject: str | None = None
    ) -> SaveResult:
        """Write ``plan.yaml`` and commit it alone (no change, no commit); ``subject``
        names the event in the commit's subject line (``update round 2025-26 Q3 opened``).

        Written round trip, like a hand-edited action: comments and order are kept.
        """
        if self.revision is not None:
            raise StoreError(
                f"{self.root}: read as at {self.revision[:10]}; saving is not possible"
            )
        path = self.root / plan.slug / PLAN_FILE
        with save_lock(path.parent):
            self._refuse_while_stopped(path)
            old_text = path.read_text(encoding="utf-8") if path.exists() else None
            text = render_mapping(old_text, plan_to_mapping(plan), PLAN_FIELDS)
            if text != old_text:
                _write(path, text)
            return self._commit_file(path, str(Ref(plan.slug, PLAN_FILE)), author, subject=subject)

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
        subject: str | None = None,
    ) -> SaveResult:
        [result] = self._commit_files([path], [ref], author, [head], subject=subject)
        return result

    def _commit_files(
        self,
        paths: list[Path],
        refs: list[str],
        author: str | None,
        heads: list[PendingBlob | None],
        reverts: str | None = None,
        trailers: dict[str, str] | None = None,
        subject: str | None = None,
    ) -> list[SaveResult]:
        """Commit the files of ``paths`` that differ from HEAD in one commit whose
        message records each one's changes (:func:`commit_message` for one file, whose
        ``subject`` may name the event; :func:`bulk_commit_message` for several)."""
        results, changed = [], []
        at_head = None
        if self.repo is not None and len(paths) > 1:  # every file's HEAD version in one read
            names = {path: f"HEAD:{self.repo.relative(path)}" for path in paths}
            blobs = read_blobs(self.repo, list(names.values()))
            at_head = {path: blobs.get(name) for path, name in names.items()}
        for path, ref, head in zip(paths, refs, heads, strict=True):
            old, new = self._versions(path, head, at_head)
            changes = field_changes(old, new)
            results.append(SaveResult(ref=ref, path=path, changes=changes))
            if changes or (old is None) != (new is None):
                changed.append((path, ref, changes, old is None, new is None))
        if not changed:
            return results
        if len(changed) == 1:
            _path, ref, changes, created, removed = changed[0]
            message = commit_message(
                ref,
                changes,
                created=created,
                removed=removed,
                reverts=reverts,
                trailers=trailers,
                subject=subject,
            )
        else:
            entries = [(ref, changes) for _p, ref, changes, _c, _r in changed]
            message = bulk_commit_message(entries, reverts=reverts, trailers=trailers)
        commit, error = self._commit([path for path, *_rest in changed], message, author)
        for result in results:
            if result.changes:
                result.commit, result.error = commit, error
        return results

    def _versions(
        self,
        path: Path,
        head: PendingBlob | None = None,
        at_head: dict[Path, bytes | None] | None = None,
    ) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
        """The file's mapping at HEAD (``head``: already being read; ``at_head``:
        already read, with other files') and on disk (None where it does not exist)."""
        old = None
        if self.repo is not None:
            if at_head is not None:
                blob = at_head[path]
            else:
                blob = head.result() if head is not None else self.repo.head_blob(path)
            if blob is not None:
                old = _lenient_mapping(blob.decode("utf-8", "replace"), str(path))
        new = _lenient_mapping(path.read_text("utf-8"), str(path)) if path.exists() else None
        return old, new

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


def _write_all(prepared: list[tuple[Action, str, str | None]], paths: list[Path]) -> None:
    """Write each prepared text that differs from its file, and record the action's
    new digest and path; when one write fails, the files already written get their
    old text back, so that nothing is changed.

    Raises:
        StoreError: a file could not be written.
    """
    written: list[tuple[Path, str | None]] = []
    for (action, text, old_text), path in zip(prepared, paths, strict=True):
        if text != old_text:
            try:
                _write(path, text)
            except StoreError:
                for done, before in reversed(written):
                    with contextlib.suppress(OSError):
                        if before is None:
                            done.unlink()
                        else:
                            write_atomically(done, before)
                raise
            written.append((path, old_text))
        action.digest = digest(text.encode("utf-8"))
        action.path = str(path)


def _canonical_rewrite(
    old_text: str | None, data: dict[str, Any], action: Action, path: Path
) -> str | None:
    """The text :func:`render_mapping` would write, without loading ruamel,
    when the file is new or holds exactly the canonical text of what it reads as (all
    files bvtui writes); None otherwise, and ruamel rewrites the file."""
    from bvtui.store.yaml_canonical import canonical_edit

    before = None
    if old_text is not None:
        try:
            read = read_mapping(old_text, str(path))
            before = action_to_mapping(action_from_mapping(action.plan, read, str(path), path.stem))
        except (YamlFileError, ValidationError):
            return None
    return canonical_edit(old_text, before, data, STORED_FIELDS)


def _check_reads_back(text: str, action: Action, path: Path) -> None:
    """Refuse to write ``text`` unless the store's reader gives ``action`` back exactly.

    The writer (ruamel, YAML 1.2) and the reader (libyaml, 1.1) agree on everything
    the property tests have found; this check makes sure a case they have not found
    can never corrupt a file: the save stops with the field named, nothing written.

    Raises:
        StoreError: a field would not read back as it was given.
    """
    try:
        back = action_from_mapping(action.plan, read_mapping(text, str(path)), str(path), action.id)
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


def _lenient_mapping(text: str, path: str) -> dict[str, Any]:
    """A file's mapping for describing a change; an unreadable version reads as empty."""
    try:
        return read_mapping(text, path)
    except YamlFileError:
        return {}
