"""Undo: the last bvtui save of an action (or the last bvtui save of all, a bulk edit
whole) reverted as a new commit through the one save path.

The save to revert is found in the trail: the newest commit with an ``Action:`` trailer
naming the action (:func:`plan_undo` with a ref), or the newest such commit to the
store (without). Each field it changed is put back to its value before it, in the
file as it is now, and the result is saved like any edit (written atomically, one
commit, trailers) with a ``Reverts: <sha>`` trailer; an undo is a save like the others,
so it can be undone in turn. It is refused, and nothing changes, when a later commit
(or an edit not yet committed) changed one of those fields again: reverting would
throw that change away.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from bvtui.git import BlobBatch, Commit, FileChange, GitError, Repo, read_log
from bvtui.model import PLAN_FILE, Action, Ref, RefError, ValidationError, action_from_mapping
from bvtui.model import field_changes as changes_between
from bvtui.store import SaveResult, Store, StoreError, YamlFileError, digest, read_mapping
from bvtui.trail.history import Revision, action_history, decode_changes

LOOK_BACK = 200
"""Commits to the store read back at most for the last bvtui save of all (``undo``
without an id)."""


class UndoRefused(StoreError):
    """The undo cannot be made; the message says why in one line. Nothing changed."""


@dataclass
class Undo:
    """An undo ready to save: the commit it reverts and each action as it will be."""

    commit: Commit
    actions: list[Action]

    def describe(self) -> str:
        """``abc1234567 "subject" by Name``: what it reverts, for a question."""
        return f'{self.commit.short} "{self.commit.subject}" by {self.commit.author}'

    def save(self, store: Store, *, author: str | None = None) -> list[SaveResult]:
        """Save the reverted actions in one commit with a ``Reverts:`` trailer.

        Raises:
            StoreError: as :meth:`Store.save_actions`; nothing was written.
        """
        return store.save_actions(self.actions, author=author, reverts=self.commit.sha)


def plan_undo(store: Store, ref: str | None = None) -> Undo:
    """The undo of the last bvtui save of the action ``ref`` (None: of the store).

    ``store`` is loaded (with the action, or every action the save changed).

    Raises:
        UndoRefused: no such save, a save that created the action, or a field it
            changed was changed again since (named, with the commit that did it).
        StoreError: no such action.
    """
    repo = store.repo
    if repo is None:
        raise UndoRefused(f"{store.root}: not in a git repository, so nothing to undo")
    if ref is not None:
        action = store.find(ref)
        path = repo.relative(store.action_path(action))
        revisions = _revisions(repo, path)
        found = next(
            (i for i, rev in enumerate(revisions) if action.ref in rev.commit.action_refs), None
        )
        if found is None:
            raise UndoRefused(f"{action.ref}: no save made by bvtui to undo")
        target = revisions[found]
        return Undo(target.commit, [_reverted(store, action, target, revisions[:found])])
    commit = _last_save(repo, repo.relative(store.root))
    files = [
        change
        for change in commit.files
        if change.path.endswith(".yaml") and not change.path.endswith(f"/{PLAN_FILE}")
    ]
    if not files:
        raise UndoRefused(f"{commit.short}: changed no action file; nothing to undo")
    # what the commit did to each file, and every later change to them: two reads of
    # git for a bulk edit of any size
    with BlobBatch(repo) as batch:
        targets = decode_changes([(commit, change) for change in files], batch)
    later: dict[str, list[Revision]] = {change.path: [] for change in files}
    paths = list(later)
    newer = read_log(repo, f"{commit.sha}..HEAD", paths=paths)
    entries = [(c, f) for c in newer for f in c.files if f.path in later]
    with BlobBatch(repo) as batch:
        for revision in decode_changes(entries, batch):
            later[revision.path].append(revision)
    actions = [
        _reverted(store, _action_of(store, change), target, later[change.path])
        for change, target in zip(files, targets, strict=True)
    ]
    return Undo(commit, actions)


def _revisions(repo: Repo, path: str) -> list[Revision]:
    try:
        return action_history(repo, path)
    except GitError as err:
        raise UndoRefused(f"{path}: its history cannot be read: {err}") from None


def _last_save(repo: Repo, store_path: str) -> Commit:
    """The newest commit to the store that bvtui saved (an ``Action:`` trailer)."""
    for commit in read_log(repo, f"--max-count={LOOK_BACK}", "HEAD", paths=[store_path]):
        if commit.action_refs and not commit.is_merge:
            return commit
    raise UndoRefused(f"no save made by bvtui in the last {LOOK_BACK} commits of the store")


def _action_of(store: Store, change: FileChange) -> Action:
    try:
        return store.find(str(Ref.of_path(change.path)))
    except (RefError, StoreError):
        raise UndoRefused(
            f"{change.path}: no longer an action of the store; nothing changed"
        ) from None


def _keys(revision: Revision) -> list[tuple[str, str | None]]:
    """The fields a revision changed, as (key, key inside it: ``extra``'s column)."""
    keys = []
    for change in revision.changes:
        top, dot, inner = change.field.partition(".")
        keys.append((top, inner if dot and top == "extra" else None))
    return list(dict.fromkeys(keys))


def _get(mapping: dict[str, Any] | None, key: tuple[str, str | None]) -> Any:
    value = (mapping or {}).get(key[0])
    if key[1] is None:
        return value
    return value.get(key[1]) if isinstance(value, dict) else None


def _put(mapping: dict[str, Any], key: tuple[str, str | None], value: Any) -> None:
    if key[1] is None:
        mapping[key[0]] = value
        return
    inner = mapping.get(key[0])
    inner = dict(inner) if isinstance(inner, dict) else {}
    if value is None:
        inner.pop(key[1], None)
    else:
        inner[key[1]] = value
    mapping[key[0]] = inner or None


def _name(key: tuple[str, str | None]) -> str:
    return key[0] if key[1] is None else f"{key[0]}.{key[1]}"


def _reverted(store: Store, action: Action, target: Revision, later: list[Revision]) -> Action:
    """``action`` with every field ``target`` changed put back as it was before it.

    Raises:
        UndoRefused: ``target`` created the action, or a field it changed was changed
            again by a ``later`` revision or on disk since.
    """
    what = f"{action.ref}: cannot undo {target.commit.short}"
    if target.old is None or target.new is None or target.kind != "changed":
        raise UndoRefused(f"{what}: it {target.kind} the file, which undo does not do")
    keys = _keys(target)
    for revision in reversed(later):  # the oldest later change first
        again = [key for key in _keys(revision) if key in keys]
        if again:
            when = revision.commit.date.strftime("%Y-%m-%d %H:%M")
            raise UndoRefused(
                f"{what}: {_name(again[0])} was changed again by {revision.commit.short} "
                f"({revision.commit.author}, {when}); nothing was changed"
            )
    path = store.action_path(action)
    try:
        raw = path.read_bytes()
        now = read_mapping(raw.decode("utf-8"), str(path))
    except (OSError, YamlFileError, UnicodeDecodeError) as err:
        raise UndoRefused(f"{what}: the file cannot be read now: {err}") from None
    for key in keys:
        if changes_between({"v": _get(now, key)}, {"v": _get(target.new, key)}):
            raise UndoRefused(
                f"{what}: {_name(key)} was changed on disk since (not committed); "
                "nothing was changed"
            )
    back = copy.deepcopy(now)
    for key in keys:
        _put(back, key, copy.deepcopy(_get(target.old, key)))
    try:
        reverted = action_from_mapping(action.plan, back, str(path), action.id)
    except ValidationError as err:
        raise UndoRefused(f"{what}: the values before it no longer load: {err}") from None
    reverted.digest = digest(raw)  # the version read here is the one reverted
    return reverted
