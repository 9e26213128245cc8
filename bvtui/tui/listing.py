"""What the main screen lists: every action, the active filter, and the rows it keeps.

Plain Python (no Textual), so it can be built in the loading thread and timed on its
own. Filtering is :class:`bvtui.model.filters.Filter`'s, with two speed-ups: the folded
search text and the RAG colour of every action are computed once, when the store
loads, instead of on each keystroke (bench/README.md has the figures).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from bvtui.model import Action, Filter, fold, search_text


class Listing:
    """The actions of a store, the filter applied to them, and what it keeps.

    Args:
        actions: every action, in display order (the store's natural order).
        as_of: the date overdue is judged on (None: each plan's own, else today).
        pending: refs of actions saved on disk but not committed.
    """

    def __init__(
        self, actions: list[Action], as_of: date | None = None, pending: set[str] | None = None
    ) -> None:
        self.actions = list(actions)
        self.as_of = as_of
        self.pending: set[str] = set(pending or ())
        self.filter = Filter(as_of=as_of)
        self._search = {action.ref: search_text(action) for action in self.actions}
        self._rags = [action.rag for action in self.actions]
        """The RAG of ``actions[i]``: the plan's status table is looked up once."""
        self._due = {action.ref for action in self.actions if action.due_update}
        """Refs of the actions due an update (for the count the filter bar shows)."""
        self.shown: list[Action] = list(self.actions)

    @property
    def total(self) -> int:
        return len(self.actions)

    def set_filter(self, new: Filter) -> list[Action]:
        """Apply ``new`` (its ``as_of`` forced to the listing's) and return the rows kept."""
        self.filter = replace(new, as_of=self.as_of)
        self.shown = self.apply(self.filter)
        return self.shown

    def apply(self, wanted: Filter) -> list[Action]:
        """The actions ``wanted`` keeps, in order; same result as ``wanted.apply``."""
        needle = fold(wanted.search)
        rest = replace(wanted, search="", rags=frozenset())
        pool = self.actions
        if wanted.rags:
            pool = [a for a, rag in zip(pool, self._rags, strict=True) if rag in wanted.rags]
        if not rest.is_empty:
            pool = rest.apply(pool)
        if needle:
            pool = [action for action in pool if needle in self._search[action.ref]]
        return pool

    @property
    def due_shown(self) -> int:
        """How many of the actions shown are due an update."""
        due = self._due
        return sum(action.ref in due for action in self.shown) if due else 0

    def replace_action(self, new: Action) -> None:
        """Put ``new`` in place of the action with the same ref (after a save or reload)."""
        for index, action in enumerate(self.actions):
            if action.ref == new.ref:
                self.actions[index] = new
                self._rags[index] = new.rag
                break
        self._search[new.ref] = search_text(new)
        if new.due_update:
            self._due.add(new.ref)
        else:
            self._due.discard(new.ref)
        self.shown = [new if action.ref == new.ref else action for action in self.shown]

    def find(self, ref: str) -> Action | None:
        return next((action for action in self.actions if action.ref == ref), None)

    def values(self, kind: str) -> list[tuple[str, int]]:
        """Every value of a filter kind with how many actions have it, for a picker.

        ``kind`` is ``plan``, ``theme``, ``officer`` or ``status``. Plans and statuses
        keep their plans' order; themes follow plan order then first use; officers
        are sorted by name.
        """
        plans = list({action.plan.slug: action.plan for action in self.actions}.values())
        if kind == "plan":
            return _counted([], (action.plan.slug for action in self.actions))
        if kind == "status":
            known = (word for plan in plans for word in plan.statuses)
            return _counted(known, (action.status for action in self.actions))
        if kind == "theme":
            known = (theme for plan in plans for theme in plan.themes)
            themes = _counted(known, (action.theme for action in self.actions))
            return _as_found(themes, ([action.theme] for action in self.actions))
        if kind == "officer":
            names = (o for a in self.actions for o in dict.fromkeys(a.canonical_officers))
            officers = sorted(_counted([], names), key=lambda item: item[0].casefold())
            named = ([*a.officers, *a.canonical_officers] for a in self.actions)
            return _as_found(officers, named)
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
