"""What the main screen lists: every action, the active filter, and the rows it keeps.

Plain Python (no Textual), so it can be built in the loading thread and timed on its
own. It holds no copy of the actions: they are the store's (one instance of each,
which an edit replaces in the store alone, :meth:`bvtui.store.Store.replace_action`),
and filtering is :class:`bvtui.model.filters.Filter`'s on the store's excerpts, the
same code as ``bvtui list``'s.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from bvtui.model import Action, ActionExcerpt, Filter, fold
from bvtui.store import Store


class Listing:
    """The actions of a store, the filter applied to them, and what it keeps.

    Args:
        store: the store whose actions are listed (None: none yet, while it loads).
        as_of: the date overdue is judged on (None: each plan's own, else today).
        pending: refs of actions saved on disk but not committed.
    """

    def __init__(
        self, store: Store | None, as_of: date | None = None, pending: set[str] | None = None
    ) -> None:
        self.store = store
        self.as_of = as_of
        self.pending: set[str] = set(pending or ())
        self.filter = Filter(as_of=as_of)
        self.shown: list[Action] = list(self.actions)
        self._kept: list[int] | None = None
        """The positions of :attr:`shown` in :attr:`excerpts` (None: every one)."""

    @property
    def actions(self) -> list[Action]:
        """Every action, in display order (the store's natural order)."""
        return self.store.actions if self.store is not None else []

    @property
    def excerpts(self) -> list[ActionExcerpt]:
        """The excerpt of each of :attr:`actions`."""
        return self.store.excerpts if self.store is not None else []

    @property
    def total(self) -> int:
        return len(self.actions)

    def set_filter(self, new: Filter) -> list[Action]:
        """Apply ``new`` (its ``as_of`` forced to the listing's) and return the rows kept."""
        self.filter = replace(new, as_of=self.as_of)
        actions = self.actions
        if self.filter.is_empty:
            self._kept, self.shown = None, list(actions)
        else:
            self._kept = self.filter.select(self.excerpts)
            self.shown = [actions[index] for index in self._kept]
        return self.shown

    def apply(self, wanted: Filter) -> list[Action]:
        """The actions ``wanted`` keeps, in order."""
        actions = self.actions
        if wanted.is_empty:
            return list(actions)
        return [actions[index] for index in wanted.select(self.excerpts)]

    @property
    def due_shown(self) -> int:
        """How many of the actions shown are due an update (judged on their excerpts:
        the filter's choice is not made again for it on every key)."""
        excerpts = self.excerpts
        kept = range(len(excerpts)) if self._kept is None else self._kept
        return sum(1 for index in kept if excerpts[index].due_update)

    def find(self, ref: str) -> Action | None:
        return next((action for action in self.actions if action.ref == ref), None)

    def values(self, kind: str) -> list[tuple[str, int]]:
        """Every value of a filter kind with how many actions have it, for a picker.

        ``kind`` is ``plan``, ``theme``, ``officer`` or ``status``. Plans and statuses
        keep their plans' order; themes follow plan order then first use; officers
        are sorted by name.
        """
        excerpts = self.excerpts
        plans = list({action.plan.slug: action.plan for action in self.actions}.values())
        if kind == "plan":
            return _counted([], (excerpt.ref.plan for excerpt in excerpts))
        if kind == "status":
            known = (word for plan in plans for word in plan.statuses)
            return _counted(known, (excerpt.status for excerpt in excerpts))
        if kind == "theme":
            known = (theme for plan in plans for theme in plan.themes)
            themes = _counted(known, (excerpt.theme for excerpt in excerpts))
            return _as_found(themes, ([excerpt.theme] for excerpt in excerpts))
        if kind == "officer":
            names = (o for excerpt in excerpts for o in dict.fromkeys(excerpt.officers))
            officers = sorted(_counted([], names), key=lambda item: item[0].casefold())
            return _as_found(officers, (list(excerpt.names) for excerpt in excerpts))
        raise ValueError(f"{kind!r}: not a filter kind (plan, theme, officer, status)")


def _counted(known: Iterable[str], values: Iterable[str]) -> list[tuple[str, int]]:
    """How often each value occurs: ``known`` values first (0 if unused), in order.

    Values a filter cannot tell apart (the same words in another case or spacing,
    "On target" in one plan and "On Target" in another) are one entry, spelt as first
    met, with their counts summed: each entry's count is what picking it shows.
    """
    keys: dict[str, str] = {}
    """Each value met and its folded form (a store repeats a few dozen values)."""
    spelling: dict[str, str] = {}
    counts: dict[str, int] = {}
    for value in known:
        key = keys.setdefault(value, fold(value))
        spelling.setdefault(key, value)
        counts.setdefault(key, 0)
    for value in values:
        if value:
            key = keys.get(value) or keys.setdefault(value, fold(value))
            spelling.setdefault(key, value)
            counts[key] = counts.get(key, 0) + 1
    return [(spelling[key], count) for key, count in counts.items()]


def _as_found(counted: list[tuple[str, int]], names: Iterable[list[str]]) -> list[tuple[str, int]]:
    """``counted`` with each count made what picking the value finds, for themes and
    officers, which filters match as parts of names: "Property" also finds "Property
    Services", so its entry counts the actions of both.

    ``names`` gives each action's names (its theme, or its officers as written and
    canonical). Only values found inside another value are counted again.
    """
    folded = {fold(value) for value, _ in counted}
    inside = {one for one in folded if any(one != other and one in other for other in folded)}
    if not inside:
        return counted
    keys: dict[str, str] = {}
    groups: dict[frozenset[str], int] = {}
    for found in names:
        group = frozenset(keys.get(n) or keys.setdefault(n, fold(n)) for n in found)
        groups[group] = groups.get(group, 0) + 1
    return [
        (value, _finding(fold(value), groups) if fold(value) in inside else count)
        for value, count in counted
    ]


def _finding(needle: str, groups: dict[frozenset[str], int]) -> int:
    """How many actions have a name containing ``needle``."""
    return sum(count for group, count in groups.items() if any(needle in n for n in group))
