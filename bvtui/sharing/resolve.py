"""Resolving the conflicts the merge driver recorded in an action file.

A true conflict leaves the file valid: the field keeps the user's value and
``conflicts:`` records ``{field: {base, mine, theirs}}``. Resolving picks, per field,
one of those three or a new value (checked by the same rules as any edit), removes
the field from ``conflicts:`` (the key goes when none is left) and saves the file.
Outside a stopped sync the save is a commit, as always; inside one, the file is
staged and the sync finishes with ``bvtui sync --continue`` (the app does it itself).
"""

from __future__ import annotations

from typing import Any

from bvtui.model import EDITABLE_FIELDS, Action, edited
from bvtui.sharing.merge import CONFLICTS_KEY, SIDES
from bvtui.sharing.sync import in_progress
from bvtui.store import SaveResult, Store, StoreError


def conflicts_of(action: Action) -> dict[str, dict[str, Any]]:
    """The fields of ``action`` left in conflict: ``{field: {base, mine, theirs}}``."""
    recorded = action.other.get(CONFLICTS_KEY)
    if not isinstance(recorded, dict):
        return {}
    return {str(k): v for k, v in recorded.items() if isinstance(v, dict)}


def side_text(value: Any) -> str:
    """A recorded value as the text an edit takes (lists of names joined by commas)."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


def resolved(action: Action, picks: dict[str, str]) -> Action:
    """A copy of ``action`` with the picked fields resolved.

    Args:
        picks: field -> ``base``, ``mine``, ``theirs`` or a new value.

    Raises:
        StoreError: a field that is not in conflict.
        ValidationError: a new value that breaks a rule.
    """
    conflicts = conflicts_of(action)
    values: dict[str, str] = {}
    for name, pick in picks.items():
        if name not in conflicts:
            left = ", ".join(conflicts) or "none"
            raise StoreError(f"{action.ref}: {name} is not in conflict (in conflict: {left})")
        sides = conflicts.pop(name)
        values[name] = side_text(sides.get(pick)) if pick in SIDES else pick
    editable = {k: v for k, v in values.items() if k in EDITABLE_FIELDS or k.startswith("extra.")}
    new = edited(action, editable)
    new.other = dict(action.other)
    for name, value in values.items():
        if name not in editable:
            new.other[name] = value
    if conflicts:
        new.other[CONFLICTS_KEY] = conflicts
    else:
        new.other.pop(CONFLICTS_KEY, None)
    return new


def save_resolution(store: Store, action: Action, author: str | None = None) -> SaveResult:
    """Save a (partly) resolved action: a commit, or staged inside a stopped sync.

    Returns:
        the save's result; inside a stopped sync its ``error`` is None once the file
        is staged (git add), as nothing else is to be done with it.
    """
    result = store.save_action(action, author=author)
    repo = store.repo
    if repo is not None and in_progress(repo) and not conflicts_of(action):
        repo.run("add", "--", repo.relative(result.path))
        result.error = None
    return result
