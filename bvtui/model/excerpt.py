"""An action's excerpt: the few values lists and filters judge it on, without the rest.

A store of 100,000 actions is listed, filtered and counted on excerpts; the full
:class:`~bvtui.model.model.Action` (its title, deadlines, updates, extra columns) is
decoded only for the actions a command prints or the app opens. The store's parse
cache keeps each action's excerpt beside it, so the index on disk is the excerpt index.

Everything here comes from the action's file and its plan's ``plan.yaml`` (the RAG of
the status, the officers' canonical names, the plan's ``as_of`` and ``period``), so an
excerpt is stale when either changes, and only then.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from bvtui.model.ref import Ref


def fold(text: str) -> str:
    """Text as filters compare it: spaces collapsed, case folded."""
    return " ".join(text.split()).casefold()


def search_text(
    ref: str, title: str, objective: str, officers: list[str], updates: list[str]
) -> str:
    """The folded text free search looks in, from what an action's file says."""
    return fold(" \n ".join([ref, title, objective, *officers, *updates]))


class ActionExcerpt(NamedTuple):
    """What a list or a filter needs of one action.

    A named tuple: a load makes one per action of the store, and a tuple is built in
    one step where a frozen dataclass sets each field on its own.
    """

    ref: Ref
    status: str
    """The status as written."""
    rag: str
    """The status's RAG colour by its plan's table."""
    theme: str
    objective: str
    officers: tuple[str, ...]
    """Canonical names (the plan's ``officer_aliases`` applied), in file order."""
    names: tuple[str, ...]
    """Every name an officer filter may match: as written, then canonical."""
    due: date | None
    """The last day the deadline covers (a readable revised deadline wins)."""
    closed: bool
    """Complete, or ended without completion (cancelled, withdrawn...): never overdue."""
    plan_as_of: date | None
    """The plan's own ``as_of``: the day overdue is judged on when none is given."""
    search: str
    """The folded text free search looks in: ref, title, objective, officers, updates
    (:func:`search_text`). Empty in the excerpts of a store load neither unfiltered nor
    searching: the parse cache keeps these texts apart, read only when searched."""
    due_update: bool = False
    """Open, and no update for its plan's current ``period`` (the update round)."""

    def overdue(self, as_of: date | None = None) -> bool:
        """Not closed and due before ``as_of`` (else the plan's ``as_of``, else today):
        the rule :meth:`~bvtui.model.model.Action.is_overdue` applies."""
        due = self.due
        if due is None or self.closed:
            return False
        return due < (as_of or self.plan_as_of or date.today())
