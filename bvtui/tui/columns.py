"""The main table's columns: which ones the user wants, in what order, and how wide
each can be at a given terminal width.

The user's choice (:class:`ColumnChoice`) says which columns to show and in what
order; :func:`fit_columns` then gives each shown column a width by priority, dropping
theme, officer and due (in that order) when the width runs out. Ref, title and status
(with its RAG symbol) are the last to go: they are never dropped for width.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from bvtui.store import COLUMNS

ORDER = COLUMNS
"""Every column, in the table's default order (the names saved views use)."""

HEADINGS = {
    "ref": "Ref",
    "title": "Title",
    "theme": "Theme",
    "officer": "Officer",
    "due": "Due",
    "status": "Status",
    "progress": "Prog",
    "marks": "!?✎",
}

NAMES = {
    "ref": "Ref (plan/id)",
    "title": "Title",
    "theme": "Theme",
    "officer": "Lead officer",
    "due": "Due date",
    "status": "Status (RAG word and symbol)",
    "progress": "Progress %",
    "marks": "Marks: ! overdue, ? status check, ✎ uncommitted",
}
"""Each column as the column chooser names it."""

OPTIONAL = {"theme": 10, "officer": 10, "due": 10}
"""Columns dropped when the width runs out, with the least width worth showing."""

PRESENT = ("ref", "title", "status", "progress", "marks")
"""The columns of the presentation layout: what a room reads from a projector."""


@dataclass(frozen=True)
class Column:
    """A column: its heading and width in cells."""

    key: str
    heading: str
    width: int


@dataclass(frozen=True)
class ColumnChoice:
    """The columns the user shows, left to right (``ref`` always among them)."""

    shown: tuple[str, ...] = ORDER

    @classmethod
    def of(cls, keys: Iterable[str]) -> ColumnChoice:
        """The choice of ``keys`` in that order; unknown and repeated keys are left
        out, and the ref is put first when missing (a row must say which action it is)."""
        shown = tuple(dict.fromkeys(key for key in keys if key in HEADINGS))
        if "ref" not in shown:
            shown = ("ref", *shown)
        return cls(shown)

    @property
    def hidden(self) -> tuple[str, ...]:
        return tuple(key for key in ORDER if key not in self.shown)


def fit_columns(
    width: int, choice: ColumnChoice, fixed: Mapping[str, int], one_plan: bool
) -> list[Column]:
    """The columns of ``choice`` for a table ``width`` cells wide, each at least readable.

    Every column starts at the least it can show; the width left over goes out in
    priority order (:func:`_growth`): a readable title and status, the ref's id, the
    due date, more title, the full status, officer and theme, the whole ref; the
    title takes the rest (the last column shown does when the title is hidden).
    ``fixed`` holds the widths of the longest values in the store (``ref``, ``id``,
    ``theme``, ``officer``, ``status``).
    """
    ref_least = fixed["id"] if one_plan else min(fixed["ref"], fixed["id"] + 3)
    least = {
        "ref": ref_least,
        "title": 8,
        "status": min(8, fixed["status"]),
        "progress": 4,
        "marks": 3,
    }
    widths = {key: value for key, value in least.items() if key in choice.shown}
    spare = width - 1 - sum(w + 1 for w in widths.values())
    for key, target in _growth(fixed, one_plan):
        if key not in choice.shown:
            continue
        if key in widths:
            more = max(0, min(target - widths[key], spare))
            widths[key] += more
            spare -= more
        elif spare - 1 >= min(target, OPTIONAL[key]):  # a new column and its gap
            widths[key] = min(target, spare - 1)
            spare -= widths[key] + 1
    taker = (
        "title" if "title" in widths else next(reversed([k for k in choice.shown if k in widths]))
    )
    widths[taker] += max(0, spare)
    return [Column(key, HEADINGS[key], widths[key]) for key in choice.shown if key in widths]


def _growth(fixed: Mapping[str, int], one_plan: bool) -> list[tuple[str, int]]:
    """Which column grows to what width, first served first."""
    ref = fixed["id"] if one_plan else fixed["ref"]
    return [
        ("title", 20),
        ("status", 14),
        ("ref", min(ref, fixed["id"] + 10)),
        ("due", 10),
        ("title", 30),
        ("status", fixed["status"]),
        ("officer", min(14, fixed["officer"])),
        ("theme", min(14, fixed["theme"])),
        ("title", 40),
        ("officer", fixed["officer"]),
        ("theme", fixed["theme"]),
        ("ref", ref),
    ]
