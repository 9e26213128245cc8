"""Thin adapters over the core for what the app needs and the core does not offer yet.

Both belong in :mod:`bvtui.core.store` / :mod:`bvtui.core.edit`; they live here
because the app must not change the core. Each uses only the core's public parts.
"""

from __future__ import annotations

from bvtui.core.diff import field_changes
from bvtui.core.model import Action
from bvtui.core.schema import ValidationError, action_from_mapping, action_to_mapping
from bvtui.core.store import Store, StoreError, digest
from bvtui.core.yaml_io import YamlFileError, read_mapping


def read_action(store: Store, action: Action) -> Action:
    """``action`` as its file is on disk now (after another editor or a pull changed it).

    ``Store.load`` rereads every file; a conflict on one action needs only that one.

    Raises:
        StoreError: the file is gone or no longer loads (the reason names file and line).
    """
    path = store.action_path(action)
    try:
        raw = path.read_bytes()
        data = read_mapping(raw.decode("utf-8"), str(path))
        fresh = action_from_mapping(action.plan, data, str(path), path.stem)
    except FileNotFoundError:
        raise StoreError(f"{path}: the file was removed since it was opened") from None
    except (YamlFileError, ValidationError, UnicodeDecodeError) as err:
        raise StoreError(str(err)) from None
    fresh.digest = digest(raw)
    return fresh


def unsaved_edit_note(original: Action, mine: Action, update_text: str | None) -> str:
    """The text of a "keep both" update: the field values the user meant, and their update.

    When the file changed on disk while the user was editing it, "keep both" keeps
    the disk version in the file and records the user's edit as a new update on it,
    so nothing typed is lost and nothing on disk is silently overwritten.
    """
    changes = [
        change.line()
        for change in field_changes(action_to_mapping(original), action_to_mapping(mine))
        if not change.is_update
    ]
    parts = ["Edit not applied: the file changed on disk while it was being edited."]
    if changes:
        parts.append("Intended: " + "; ".join(changes) + ".")
    text = "\n".join(parts)
    if update_text and update_text.strip():
        text += "\n\n" + update_text.strip("\n")
    return text
