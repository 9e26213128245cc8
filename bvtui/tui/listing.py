"""What the main screen lists: every action, the active filter, and the rows it keeps.

Plain Python (no Textual), so it can be built in the loading thread and timed on its
own. It holds no copy of the actions: they are the store's (one instance of each,
which an edit replaces in the store alone, :meth:`bvtui.store.Store.replace_action`),
and filtering is :class:`bvtui.model.filters.Filter`'s on the store's excerpts, the
same code as ``bvtui list``'s. The rows kept are positions in the store
(:class:`Rows`): an action is built only when a row is read (the app loads with
``Store.open(on_demand=True)``, and the table reads the rows it draws).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import date
from operator import attrgetter
from typing import overload

from bvtui.model import Action, ActionExcerpt, Filter, Ref, RefError, fold
from bvtui.store import Store


class Rows(Sequence[Action]):
    """The actions a filter kept, as positions in the store (in the store's order, or
    sorted on their excerpts), each action built when its row is read (the table reads
    the rows it draws).

    Args:
        store: the store (None: no rows).
        kept: the positions kept (None: every action), ascending unless ``ordered`` is
            False (rows sorted on their excerpts, :mod:`bvtui.tui.sorting`).
        listing: what finds an action's position by its ref (:meth:`Listing.position`).
    """

    def __init__(
        self,
        store: Store | None,
        kept: list[int] | None,
        listing: Listing | None = None,
        *,
        ordered: bool = True,
    ) -> None:
        self.store = store
        self.kept = kept
        self._listing = listing
        self.ordered = ordered or kept is None
        """In the store's order."""

    def __len__(self) -> int:
        if self.store is None:
            return 0
        return len(self.store.excerpts) if self.kept is None else len(self.kept)

    @overload
    def __getitem__(self, row: int) -> Action: ...

    @overload
    def __getitem__(self, row: slice) -> list[Action]: ...

    def __getitem__(self, row: int | slice) -> Action | list[Action]:
        if isinstance(row, slice):
            return [self[one] for one in range(len(self))[row]]
        if self.store is None:
            raise IndexError(row)
        return self.store.action_at(row if self.kept is None else self.kept[row])

    def __iter__(self) -> Iterator[Action]:
        for row in range(len(self)):
            yield self[row]

    def excerpts(self) -> Iterator[ActionExcerpt]:
        """The excerpt of each row, in order (no action built)."""
        if self.store is None:
            return iter(())
        excerpts = self.store.excerpts
        return iter(excerpts) if self.kept is None else map(excerpts.__getitem__, self.kept)

    def positions(self) -> list[int]:
        """The store position of each row, in order."""
        return list(range(len(self))) if self.kept is None else list(self.kept)

    def reordered(self, positions: list[int]) -> Rows:
        """These rows in the order of ``positions`` (a permutation of :meth:`positions`)."""
        return Rows(self.store, positions, self._listing, ordered=False)

    def refs(self) -> list[str]:
        """The ref of each row, in order (no action built)."""
        return [str(excerpt.ref) for excerpt in self.excerpts()]

    def one_plan(self) -> bool:
        """Whether every row is of one plan (none: True)."""
        plans = (excerpt.ref.plan for excerpt in self.excerpts())
        first = next(plans, None)
        return first is None or all(plan == first for plan in plans)

    def position(self, row: int) -> int:
        """The store position of the action in ``row``."""
        return row if self.kept is None else self.kept[row]

    def row_of(self, ref: str, near: Rows | None = None, was_at: int = -1) -> int | None:
        """The row of the action ``ref``, None when it is not kept. ``near`` and
        ``was_at``: the row it was in before (the cursor's, in the rows a filter key
        replaces), which spares looking its position up by ref."""
        at, store = None, self.store
        if near is not None and store is not None and near.store is store:
            was = near.position(was_at) if 0 <= was_at < len(near) else -1
            at = was if was >= 0 and str(store.excerpts[was].ref) == ref else None
        if at is None:
            at = None if self._listing is None else self._listing.position(ref)
        if at is None or self.kept is None:
            return at
        if not self.ordered:
            return self.kept.index(at) if at in self.kept else None
        row = bisect_left(self.kept, at)
        return row if row < len(self.kept) and self.kept[row] == at else None


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
        self.shown = Rows(store, None, self)
        self._positions: dict[Ref, int] | None = None

    @property
    def actions(self) -> list[Action]:
        """Every action, in display order (the store's natural order), each built now
        if it was not yet: the rows (:attr:`shown`) build only those read."""
        return self.store.actions if self.store is not None else []

    @property
    def excerpts(self) -> list[ActionExcerpt]:
        """The excerpt of each of :attr:`actions`."""
        return self.store.excerpts if self.store is not None else []

    @property
    def total(self) -> int:
        return len(self.excerpts)

    def set_filter(self, new: Filter) -> Rows:
        """Apply ``new`` (its ``as_of`` forced to the listing's) and return the rows kept."""
        self.filter = replace(new, as_of=self.as_of)
        kept = None if self.filter.is_empty else self.filter.select(self.excerpts)
        self.shown = Rows(self.store, kept, self)
        return self.shown

    def apply(self, wanted: Filter) -> list[Action]:
        """The actions ``wanted`` keeps, in order."""
        kept = None if wanted.is_empty else wanted.select(self.excerpts)
        return list(Rows(self.store, kept))

    @property
    def due_shown(self) -> int:
        """How many of the actions shown are due an update (judged on their excerpts:
        the filter's choice is not made again for it on every key)."""
        return sum(map(_DUE_UPDATE, self.shown.excerpts()))

    def position(self, ref: str) -> int | None:
        """The position of the action ``ref`` in the store, None when there is none
        (by the excerpts' refs, indexed once per load)."""
        if self._positions is None:
            self._positions = {excerpt.ref: at for at, excerpt in enumerate(self.excerpts)}
        try:
            return self._positions.get(Ref.parse(ref))
        except RefError:
            return None

    def find(self, ref: str) -> Action | None:
        at = self.position(ref)
        return None if at is None or self.store is None else self.store.action_at(at)

    def values(self, kind: str) -> list[tuple[str, int]]:
        """Every value of a filter kind with how many actions have it, for a picker.

        ``kind`` is ``plan``, ``theme``, ``officer`` or ``status``. Plans and statuses
        keep their plans' order; themes follow plan order then first use; officers
        are sorted by name.
        """
        excerpts = self.excerpts
        slugs = dict.fromkeys(excerpt.ref.plan for excerpt in excerpts)
        plans = [self.store.plans[slug] for slug in slugs] if self.store is not None else []
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


_DUE_UPDATE = attrgetter("due_update")


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
