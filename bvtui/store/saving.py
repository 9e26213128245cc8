"""The save side of the store: the one save path (:meth:`Saving.save_action`), saving a
plan, committing exactly the file saved, and the edits saved on disk but not committed
(pending), committed later by :meth:`Saving.commit_pending`."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bvtui.git import GitError, PendingBlob, PendingChanges, Repo, way_out
from bvtui.model import (
    EVIDENCE_FOLDER,
    PLAN_FIELDS,
    PLAN_FILE,
    Action,
    Approval,
    Plan,
    Ref,
    action_to_mapping,
    bulk_commit_message,
    commit_message,
    field_changes,
    plan_to_mapping,
    refusal,
)
from bvtui.store.kept_approvals import drop_approval, keep_approval, kept_approval
from bvtui.store.rendering import Parsed, Prepared, render, write_all, write_file
from bvtui.store.safe_files import save_lock
from bvtui.store.values import (
    AUTHOR_ENV,
    ApprovalNeeded,
    FileChangedError,
    SaveResult,
    StoreError,
    digest,
)
from bvtui.store.yaml_io import render_mapping


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
        approval: Approval | None = None,
        also: Sequence[Path] = (),
    ) -> SaveResult:
        """Write ``action`` to its file and commit that file alone (with ``also``: those
        files too, already written, in the same commit: the evidence it records).

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

        A change the plan's governance rules (:mod:`bvtui.model.governance`) say needs
        a reason or an approver is refused without them, judged against HEAD's version;
        ``approval`` is recorded in the commit's ``Reason:`` and ``Approved-by:`` trailers.

        Raises:
            FileChangedError: the file changed on disk since ``action`` was read
                (unless ``force``, or ``reapply`` is given).
            StoreError: a merge or rebase is stopped (see :meth:`_refuse_while_stopped`),
                the file cannot be written, or git is missing; nothing is written.
            ApprovalNeeded: the plan's rules want a reason or an approver not given
                (or an approver not allowed); nothing is written.
            ValidationError: an id that is not allowed.
        """
        [result] = self.save_actions(
            [action],
            author=author,
            force=force,
            reapply=reapply,
            reverts=reverts,
            trailers=trailers,
            approval=approval,
            also=also,
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
        approval: Approval | None = None,
        also: Sequence[Path] = (),
    ) -> list[SaveResult]:
        """Write each of ``actions`` to its file and commit them all in ONE commit
        (a bulk edit; one action: :meth:`save_action`, which this is).

        The steps are :meth:`save_action`'s, for every file: every check (stopped
        operation, changed on disk, the text reading back) passes for all of them
        before the first is written, and a write that fails puts back the files
        already written, so a refused bulk save changes nothing. The commit's
        message names every action changed, with an ``Action:`` trailer each. The
        plans' governance rules are checked for each action and ``approval`` (which
        answers for all) recorded, as :meth:`save_action` says.
        Results come in the order of ``actions``; all share the one commit (or its
        error).

        Raises:
            FileChangedError, StoreError, ApprovalNeeded, ValidationError: as
                :meth:`save_action`, for
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
            approval = approval or Approval()
            prepared = [
                self._prepared(action, path, force, reapply, approval, author, head)
                for action, path, head in zip(actions, paths, heads, strict=True)
            ]
            write_all(prepared, paths)
            refs = [action.ref for action, *_rest in prepared]
            results = self._commit_files(
                paths,
                refs,
                author,
                heads,
                reverts,
                trailers,
                approval=approval,
                also=also,
                known=[(old, new) for _action, _text, old, new in prepared],
            )
            given = approval.approver or approval.reason
            if results and results[0].error and given and self.repo is not None:
                for action, *_rest in prepared:  # for the commit that records it
                    keep_approval(self.repo.git_dir, action.ref, approval, action.digest)
            return results

    def _check_rules(
        self,
        path: Path,
        plan: Plan,
        before: bytes | None,
        data: dict[str, Any],
        approval: Approval,
        author: str | None,
    ) -> None:
        """Refuse a change the plan's governance rules do not allow as given.

        Raises:
            ApprovalNeeded: a reason or an approver is missing, or not allowed.
        """
        old = None if before is None else Parsed(before, path, errors="replace").lenient()
        who = self.author_of(author)
        why = refusal(plan.governance, old, data, plan.rag_of, approval, who)
        if why is not None:
            raise ApprovalNeeded(f"{path}: {why}; nothing was saved")

    def author_of(self, author: str | None = None) -> str:
        """Who a save is made as: ``author``, ``$BVTUI_AUTHOR``, else git's identity."""
        author = author or os.environ.get(AUTHOR_ENV) or None
        if author or self.repo is None:
            return author or ""
        return self.repo.author_ident() or ""

    def _prepared(
        self,
        action: Action,
        path: Path,
        force: bool,
        reapply: Callable[[Action], Action] | None,
        approval: Approval,
        author: str | None,
        head: PendingBlob | None,
    ) -> Prepared:
        """The action to save (made again on the disk version by ``reapply`` when the
        file changed since it was read), the text to write, the file as it is now and
        that text, each parsed once; nothing is written. The plan's governance rules
        judge the change against HEAD's version (``head``, when already being read).

        Raises:
            FileChangedError: the file changed on disk (and no ``force`` nor ``reapply``).
            ApprovalNeeded: the rules want a reason or an approver not given.
            StoreError: the text would not read back as ``action``.
        """
        current = path.read_bytes() if path.exists() else None
        on_disk = Parsed(current, path)
        changed_on_disk = current is not None and digest(current) != action.digest
        if changed_on_disk and action.digest and not force:
            if reapply is None:
                raise FileChangedError(path)
            action = reapply(on_disk.action(action.plan))
        if action.plan.governance.active:
            if head is not None:
                before = head.result()
            else:
                before = current if self.repo is None else self.repo.head_blob(path)
            data = action_to_mapping(action)
            self._check_rules(path, action.plan, before, data, approval, author)
        text, written = render(on_disk, action, path)
        return action, text, on_disk, written

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
                write_file(path, text)
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
        also: Sequence[Path] = (),
    ) -> SaveResult:
        [result] = self._commit_files([path], [ref], author, [head], subject=subject, also=also)
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
        approval: Approval | None = None,
        also: Sequence[Path] = (),
        known: Sequence[tuple[Parsed, Parsed] | None] = (),
    ) -> list[SaveResult]:
        """Commit the files of ``paths`` that differ from HEAD in one commit whose
        message records each one's changes (:func:`commit_message` for one file, whose
        ``subject`` may name the event; :func:`bulk_commit_message` for several) and
        ``approval``; an action's approval kept when its commit failed
        (:mod:`bvtui.store.kept_approvals`) is used while the file is unchanged.
        ``known``: each file as it was before a save and as the save wrote it, already
        parsed, so neither is parsed again (nor read back from disk)."""
        results, changed = [], []
        at_head = None
        if self.repo is not None and len(paths) > 1:  # every file's HEAD version in one read
            from bvtui.git import read_blobs  # git's log reader: a bulk save's only

            names = {path: f"HEAD:{self.repo.relative(path)}" for path in paths}
            blobs = read_blobs(self.repo, list(names.values()))
            at_head = {path: blobs.get(name) for path, name in names.items()}
        versions = list(known) or [None] * len(paths)
        for path, ref, head, kept_versions in zip(paths, refs, heads, versions, strict=True):
            old, new = self._versions(path, head, at_head, kept_versions)
            changes = field_changes(old, new)
            results.append(SaveResult(ref=ref, path=path, changes=changes))
            if changes or (old is None) != (new is None):
                changed.append((path, ref, changes, old is None, new is None))
        if not changed:
            return results
        keeper = self.repo
        kept = [path for path, *_rest in changed if path.name != PLAN_FILE and path.exists()]
        if approval is None and keeper is not None and len(kept) == 1 == len(changed):
            approval = kept_approval(keeper.git_dir, changed[0][1], digest(kept[0].read_bytes()))
        approval = approval or Approval()
        given = {"reason": approval.reason, "approved_by": approval.approver}
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
                **given,
            )
        else:
            entries = [(ref, changes) for _p, ref, changes, _c, _r in changed]
            message = bulk_commit_message(entries, reverts=reverts, trailers=trailers, **given)
        files = [path for path, *_rest in changed]
        commit, error = self._commit([*files, *also], message, author)
        for result in results:
            if result.changes:
                result.commit, result.error = commit, error
        if commit and keeper is not None:
            for path, ref, *_rest in changed:
                if path.name != PLAN_FILE:
                    drop_approval(keeper.git_dir, ref)
        return results

    def _versions(
        self,
        path: Path,
        head: PendingBlob | None = None,
        at_head: dict[Path, bytes | None] | None = None,
        known: tuple[Parsed, Parsed] | None = None,
    ) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
        """The file's mapping at HEAD (``head``: already being read; ``at_head``:
        already read, with other files') and on disk (None where it does not exist);
        ``known`` versions are not parsed again."""
        if known is None:
            disk = Parsed(path.read_bytes() if path.exists() else None, path)
            known = (disk, disk)
        old = None
        if self.repo is not None:
            if at_head is not None:
                blob = at_head[path]
            else:
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

    def pending_paths(self, changed: PendingChanges | None = None) -> list[Path]:
        """Store files that differ from HEAD: edits saved to disk but not committed.

        Only regular files (or files removed) directly in a plan folder: a symbolic
        link, a folder or a FIFO named ``*.yaml`` is a load problem, never an edit to
        commit, and a file deeper down is no store file. ``changed``: the store's
        ``git status`` started earlier (``Repo.changed_files_soon``), else run now.
        """
        if self.repo is None:
            return []
        paths = []
        store = Path(self.repo.relative(self.root))
        found = self.repo.changed_files(self.root) if changed is None else changed.result()
        for _code, name in found:
            path = self.repo.top / name
            in_plan = name.endswith(".yaml") and Path(name).parent.parent == store
            if in_plan and not path.is_symlink() and (path.is_file() or not path.exists()):
                paths.append(path)
        return paths

    def pending_refs(self, changed: PendingChanges | None = None) -> set[str]:
        """Refs (``plan/id``) of the actions saved on disk but not committed (``changed``:
        as :meth:`pending_paths`)."""
        paths = self.pending_paths(changed)
        return {str(Ref.of_path(path)) for path in paths if path.name != PLAN_FILE}

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
                also = self._pending_evidence(path)
                result = self._commit_file(path, str(Ref.of_path(path)), author, also=also)
                if not result.changes and result.commit is None and result.error is None:
                    self._unstage(path)
            results.append(result)
        return results

    def _pending_evidence(self, path: Path) -> list[Path]:
        """Files of the action ``path``'s evidence folder not committed (an attach whose
        commit failed): they are committed with the action that records them."""
        folder = path.parent / EVIDENCE_FOLDER / path.stem
        if self.repo is None or path.name == PLAN_FILE or not folder.is_dir():
            return []
        found = [self.repo.top / name for _code, name in self.repo.changed_files(folder)]
        return [file for file in found if file.is_file() and not file.is_symlink()]

    def _unstage(self, path: Path) -> None:
        """Put ``path``'s index entry back to HEAD's (never inside a stopped merge or
        rebase, whose index holds its resolutions); the file is not touched."""
        repo = self.repo
        if repo is not None and repo.stopped_operation() is None:
            with contextlib.suppress(GitError):
                repo.run("reset", "--quiet", "--", repo.relative(path))
