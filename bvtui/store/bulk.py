"""A bulk edit: the same values (and the same new update) given to several actions,
checked for every one of them before anything is written, then saved in one commit
through the one save path (:meth:`~bvtui.store.saving.Saving.save_actions`), or one
commit per action.

Used by ``bvtui set`` with several ids (or ``--where``) and by the app's bulk dialog,
so both accept, refuse and record exactly the same edits.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bvtui.model import Action, Approval, deadline_doubts, edited
from bvtui.store.saving import Saving
from bvtui.store.values import SaveResult, StoreError


@dataclass(frozen=True)
class BulkEdit:
    """What a bulk edit does to each action: ``values`` (field -> text, as ``bvtui set``
    takes them) and, when given, a new ``update`` in ``period`` (None: each plan's)."""

    values: dict[str, str] = field(default_factory=dict)
    update: str | None = None
    period: str | None = None

    def apply(self, action: Action) -> Action:
        """A copy of ``action`` with the edit made.

        Raises:
            ValidationError: a value breaks a rule for this action (file, field, value).
        """
        return edited(action, self.values, update=self.update, period=self.period)

    def check(self, actions: list[Action], *, force: bool = False) -> list[Action]:
        """The edited copies of ``actions``, once every one of them accepts the edit.

        Raises:
            ValidationError: a value is invalid for one action (a status not in its
                plan's table...), or, unless ``force``, a new deadline looks like a
                date but names none; the message names that action's file, the field
                and the value.
        """
        edits = []
        for action in actions:
            edits.append(self.apply(action))
            doubts = [] if force else deadline_doubts(action, self.values)
            if doubts:
                raise doubts[0]
        return edits


def save_bulk(
    store: Saving,
    actions: list[Action],
    edit: BulkEdit,
    *,
    author: str | None = None,
    each: bool = False,
    force: bool = False,
    approval: Approval | None = None,
) -> list[SaveResult]:
    """Make ``edit`` on every one of ``actions`` and save them: one commit naming every
    action changed (an ``Action:`` trailer each), or with ``each`` one commit per
    action. A file changed on disk since it was read gets the same edit made again on
    its version there. ``approval`` answers the plans' governance rules for all.

    Raises:
        ValidationError: the edit is invalid for one action; nothing was written.
        ApprovalNeeded: a plan's rules want an approval not given; nothing was written.
        StoreError: the saves cannot be made (as :meth:`Saving.save_actions`); nothing
            was written.
    """
    if not actions:
        raise StoreError("no action to edit; nothing was saved")
    edits = edit.check(actions, force=force)
    if not each:
        return store.save_actions(edits, author=author, reapply=edit.apply, approval=approval)
    return [
        store.save_action(one, author=author, reapply=edit.apply, approval=approval)
        for one in edits
    ]
