"""The order of the main table's rows: the store's own, or by any column.

A sort is a column and a direction (:class:`Sort`); :func:`sorted_rows` orders the
actions the filter kept by what that column shows. Refs sort as people number
actions (``1.2`` before ``1.10``), due dates as dates (no date last), statuses by RAG
from the worst (red, amber, green, complete, grey) then by word, progress as numbers
(none last), marks with the most pressing first. Ties keep the store's order.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from bvtui.model import Action, ActionExcerpt, fold
from bvtui.tui.listing import Rows

RAG_RANK = {"red": 0, "amber": 1, "green": 2, "blue": 3, "grey": 4}
"""RAG colours from the worst; a status sort puts red first."""

_NUMBER = re.compile(r"(\d+)")


@dataclass(frozen=True)
class Sort:
    """Rows ordered by ``column`` (a key of :data:`bvtui.tui.columns.ORDER`)."""

    column: str
    reverse: bool = False

    def arrow(self) -> str:
        return "▼" if self.reverse else "▲"


def natural(text: str) -> tuple[tuple[int, int | str], ...]:
    """``text`` as a sort key in which runs of digits compare as numbers."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part)
        for part in _NUMBER.split(fold(text))
        if part
    )


def _key(column: str, as_of: date | None) -> Callable[[Action], Any]:
    """What rows sort on for ``column`` (for the marks, all but the uncommitted one,
    which changes with each save: :meth:`SortKeys.sorted` adds it)."""
    if column == "ref":
        return lambda a: (natural(a.plan.slug), natural(a.id))
    if column == "title":
        return lambda a: natural(a.title)
    if column == "theme":
        return lambda a: fold(a.theme)
    if column == "officer":
        return lambda a: fold(", ".join(a.officers))
    if column == "due":

        def due(action: Action) -> tuple[int, date, str]:
            when = action.judged(as_of)[0]
            return (0, when, "") if when else (1, date.min, fold(action.deadline))

        return due
    if column == "status":
        return lambda a: (RAG_RANK.get(a.rag, 5), fold(a.status))
    if column == "progress":
        return lambda a: (a.progress is None, a.progress or 0)
    if column == "marks":

        def marks(action: Action) -> tuple[bool, bool]:
            _, overdue, check = action.judged(as_of)
            return (not overdue, not check)

        return marks
    raise ValueError(f"{column!r}: not a column")


class SortKeys:
    """Each action's sort key per column, computed once: a filter keystroke then sorts
    thousands of rows on keys already made (a natural ref or title key, a due date
    judged, costs far more than the comparisons).

    Keys are kept by ``id(action)`` with the action itself, so that an id reused by
    a new object is never trusted; an edited action is a new object.
    """

    LIMIT = 200_000
    """Keys kept at most (every column of a large store, a few reloads' worth)."""

    def __init__(self, as_of: date | None) -> None:
        self.as_of = as_of
        self._keys: dict[tuple[str, int], tuple[Action | ActionExcerpt, Any]] = {}

    def clear(self) -> None:
        self._keys.clear()

    def sorted(
        self, actions: Sequence[Action], sort: Sort | None, pending: set[str]
    ) -> Sequence[Action]:
        """``actions`` in the order of ``sort`` (None: as given)."""
        if sort is None:
            return actions
        if len(self._keys) > self.LIMIT:
            self._keys.clear()
        column, keys, make = sort.column, self._keys, _key(sort.column, self.as_of)

        def key(action: Action) -> Any:
            hit = keys.get((column, id(action)))
            if hit is None or hit[0] is not action:
                hit = keys[(column, id(action))] = (action, make(action))
            return hit[1]

        if isinstance(actions, Rows) and column in _EXCERPT_KEYS and actions.store is not None:
            return actions.reordered(self._on_excerpts(actions, sort))
        if column == "marks":
            return sorted(
                actions, key=lambda a: (key(a), a.ref not in pending), reverse=sort.reverse
            )
        return sorted(actions, key=key, reverse=sort.reverse)

    def _on_excerpts(self, rows: Rows, sort: Sort) -> list[int]:
        """The store positions of ``rows`` in the order of ``sort``, judged on their
        excerpts (a column :data:`_EXCERPT_KEYS` has): no action built."""
        assert rows.store is not None
        column, keys, make = sort.column, self._keys, _EXCERPT_KEYS[sort.column]
        excerpts = rows.store.excerpts

        def key(at: int) -> Any:
            excerpt = excerpts[at]
            hit = keys.get((column, id(excerpt)))
            if hit is None or hit[0] is not excerpt:
                hit = keys[(column, id(excerpt))] = (excerpt, make(excerpt))
            return hit[1]

        return sorted(rows.positions(), key=key, reverse=sort.reverse)


_EXCERPT_KEYS: dict[str, Callable[[ActionExcerpt], Any]] = {
    "ref": lambda e: (natural(e.ref.plan), natural(e.ref.id)),
    "theme": lambda e: fold(e.theme),
    "status": lambda e: (RAG_RANK.get(e.rag, 5), fold(e.status)),
}
"""The columns whose keys an action's excerpt holds, as :func:`_key` makes them from the
action: rows in the store's order are sorted on these without building their actions."""


def next_sort(current: Sort | None, shown: tuple[str, ...], step: int) -> Sort | None:
    """The sort one column to the right (``step`` 1) or left (-1) of ``current`` among
    the ``shown`` columns; past either end, the store's own order (None)."""
    stops: list[str | None] = [None, *shown]
    where = stops.index(current.column) if current and current.column in shown else 0
    column = stops[(where + step) % len(stops)]
    return None if column is None else Sort(column)
