"""Checks of the updates that need the history (the rest are
:mod:`bvtui.model.update_checks`):

- progress going backwards: the last commit that changed an action's progress lowered
  it (and it is still that lower value);
- a green action whose deadline in force was revised twice or more: on target only
  because the target moved.

The whole store's history is read in one path-limited ``git log``, not one per action.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from bvtui.git import Repo
from bvtui.model import Action, one_line
from bvtui.model.update_checks import UpdateWarning
from bvtui.trail.history import Revision, deadline_slips, store_history

REVISIONS_FLAGGED = 2
"""A green action whose deadline moved this many times or more is flagged."""


def history_warnings(
    repo: Repo, store_root: Path, actions: Iterable[Action]
) -> list[UpdateWarning]:
    """The history checks of ``actions`` (see the module), in the order given."""
    actions = list(actions)
    if not actions:
        return []
    by_path: dict[str, list[Revision]] = {}
    for revision in store_history(repo, repo.relative(store_root)):
        by_path.setdefault(revision.path, []).append(revision)
    found = []
    for action in actions:
        revisions = by_path.get(repo.relative(Path(action.path)), [])
        found.extend(_action_warnings(action, revisions))
    return found


def _action_warnings(action: Action, revisions: list[Revision]) -> list[UpdateWarning]:
    """``revisions`` newest first, as the log gives them."""
    found = []

    def warn(field: str, message: str) -> None:
        found.append(UpdateWarning(action.ref, action.path, field, message))

    for revision in revisions:
        before, after = _progress(revision.old), _progress(revision.new)
        if revision.old is None or before == after:
            continue
        lowered = before is not None and after is not None and after < before
        if lowered and after == action.progress:
            commit = revision.commit
            warn(
                "progress",
                f"went back from {before} to {after} in {commit.short} "
                f"({commit.date.date().isoformat()}, {one_line(commit.author)})",
            )
        break  # only the last change of progress says where it is going
    if action.rag == "green":
        slips = deadline_slips(revisions)
        if len(slips) >= REVISIONS_FLAGGED:
            moves = " -> ".join([one_line(slips[0].old), *(one_line(s.new) for s in slips)])
            warn(
                "revised_deadline",
                f"revised {len(slips)} times ({moves}) yet {action.status} (green)",
            )
    return found


def _progress(mapping: dict[str, Any] | None) -> int | None:
    value = (mapping or {}).get("progress")
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    text = str(value or "").strip().removesuffix("%")
    return int(text) if text.isdecimal() else None
