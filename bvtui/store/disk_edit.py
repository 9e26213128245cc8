"""An edit applied to an action as its file's bytes say now: the save's starting point.

The app's save starts here, never from what a load (perhaps from the parse cache) gave:
the fields the user did not touch are written back exactly as the file holds them.
"""

from __future__ import annotations

from bvtui.model import Action, edited
from bvtui.store.store import Store
from bvtui.store.values import FileChangedError, StoreError


def edited_on_disk(
    store: Store,
    action: Action,
    values: dict[str, str],
    *,
    update: str | None = None,
    period: str | None = None,
) -> Action:
    """:func:`edited` applied to ``action`` as its file's bytes say now, not as a load
    (perhaps from the parse cache) gave it: the fields the user did not touch are
    written back exactly as the file holds them.

    Raises:
        FileChangedError: the file changed on disk since ``action`` was read, or no
            longer loads (gone, broken, swapped for a link): the user chooses then.
        ValidationError: a value breaks a rule; nothing is changed.
    """
    try:
        disk = store.reread(action)
    except StoreError:
        disk = None
    if disk is None or disk.digest != action.digest:
        raise FileChangedError(store.action_path(action))
    return edited(disk, values, update=update, period=period)
