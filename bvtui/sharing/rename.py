"""Renaming an action's id: the way out of an id clash between two clones.

Two officers adding the same new id in their own clones cannot both keep it; sync
stops before integrating and names the id. ``bvtui rename plan/id NEW-ID`` moves the
file (``git mv``), sets its ``id`` field and commits both paths in one commit.
"""

from __future__ import annotations

import os

from bvtui.git import way_out
from bvtui.model import (
    STORED_FIELDS,
    Action,
    FieldChange,
    Ref,
    action_to_mapping,
    check_id,
    commit_message,
)
from bvtui.store import AUTHOR_ENV, Store, StoreError, render_mapping, write_atomically


def rename_action(store: Store, action: Action, new_id: str, author: str | None = None) -> str:
    """Give ``action`` the id ``new_id`` (file and field) in one commit; the commit sha.

    Raises:
        StoreError: no repository, or the new id is taken.
        ValidationError: the new id is not allowed.
        GitError: git refused the move or the commit.
    """
    repo = store.repo
    if repo is None:
        raise StoreError(f"{store.root}: not in a git repository, so no rename")
    stopped = repo.stopped_operation()
    if stopped:  # undoing it would undo the move too
        raise StoreError(f"a {stopped} is in progress, so no rename: {way_out(stopped)} first")
    old_path = store.action_path(action)
    check_id(new_id, str(old_path), "new id")
    new_ref = Ref(action.plan.slug, new_id)
    new_path = new_ref.path(store.root)
    if new_path.exists() or new_id.lower() in {
        a.id.lower() for a in store.actions if a.plan.slug == action.plan.slug
    }:
        raise StoreError(f"{new_ref}: that id is already taken in the plan")
    renamed = action.copy()
    renamed.id = new_id
    repo.run("mv", "--", repo.relative(old_path), repo.relative(new_path))
    text = render_mapping(new_path.read_text("utf-8"), action_to_mapping(renamed), STORED_FIELDS)
    write_atomically(new_path, text)
    message = commit_message(str(new_ref), [FieldChange("id", action.id, new_id)])
    return repo.commit([old_path, new_path], message, author or os.environ.get(AUTHOR_ENV))
