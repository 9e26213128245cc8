"""An update packet's layout: what an officer without the app is sent, and reads back.

One workbook per lead officer (the first officer an action names, by the plan's own
name for them) holding their actions due an update for a period. ``bvtui.reporting``
writes it and ``bvtui.importing`` reads it back, both from this one description, so
the two can never disagree on a column.

The sheet :data:`SHEET` starts with a title row, a row of instructions and the header
row (:data:`HEADER_ROW`); each action takes one row below. Every column but the three
"New ..." ones is the action as it was when the packet was made, and the hidden last
column holds the action file's digest then (:attr:`~bvtui.model.model.Action.digest`),
so a returned row whose action changed since is known. Text cells are written as
:func:`cell_text` gives them, so that a read-back can compare them exactly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from bvtui.model.filters import fold
from bvtui.model.inert import cell_text
from bvtui.model.model import Action, Plan

SHEET = "Updates"
"""The sheet holding the actions."""

META_SHEET = "bvtui"
"""A hidden sheet: what the packet is (:class:`PacketInfo`) and the plans' status lists."""

FORMAT = "bvtui update packet 1"
"""The first cell of the hidden sheet: a workbook bvtui wrote, and which layout."""

HEADER_ROW = 3
"""The row of column headings; actions follow it."""


@dataclass(frozen=True)
class Column:
    """One column of the packet: its heading, width (characters) and what it holds."""

    key: str
    heading: str
    width: int
    returned: bool = False
    """An officer fills it in: the only cells collect reads as new values."""


COLUMNS: tuple[Column, ...] = (
    Column("ref", "Ref", 14),
    Column("title", "Action", 45),
    Column("status", "Status", 14),
    Column("progress", "Progress %", 10),
    Column("deadline", "Deadline", 12),
    Column("revised_deadline", "Revised deadline", 12),
    Column("last_period", "Last update for", 12),
    Column("last_update", "Last update", 50),
    Column("new_update", "New update", 50, returned=True),
    Column("new_status", "New status", 16, returned=True),
    Column("new_progress", "New progress %", 12, returned=True),
    Column("made_from", "Made from", 34),
)
"""Every column in order; ``made_from`` is hidden."""

COLUMN_OF = {column.key: index for index, column in enumerate(COLUMNS, start=1)}
"""A column's 1-based index by its key."""


@dataclass(frozen=True)
class PacketInfo:
    """What a packet is: whose, for which period, made from which commit."""

    officer: str
    period: str
    commit: str = ""

    def rows(self) -> list[tuple[str, str]]:
        """The hidden sheet's key-value rows (after the format cell)."""
        return [("officer", self.officer), ("period", self.period), ("commit", self.commit)]


def lead_officer(action: Action) -> str | None:
    """The officer an action's packet goes to: the first it names, as the plan calls
    them (aliases resolved); None when it names nobody."""
    officers = action.canonical_officers
    return officers[0] if officers else None


def packet_values(action: Action) -> dict[str, str | int | None]:
    """The cells a packet holds for ``action`` before the officer fills it in, by
    column key (the "New ..." columns empty)."""
    latest = action.latest_update
    return {
        "ref": action.ref,
        "title": cell_text(action.title),
        "status": cell_text(action.status),
        "progress": action.progress,
        "deadline": cell_text(action.deadline),
        "revised_deadline": cell_text(action.revised_deadline),
        "last_period": cell_text(latest.period) if latest else "",
        "last_update": cell_text(latest.text) if latest else "",
        "new_update": None,
        "new_status": None,
        "new_progress": None,
        "made_from": action.digest,
    }


def email_of(officer: str, plans: Iterable[Plan]) -> str:
    """The officer's e-mail from the first plan whose ``officers`` table lists them
    (by any of their names, ignoring case and spacing); "" when none does."""
    wanted = fold(officer)
    for plan in plans:
        for name, email in plan.officers.items():
            if fold(plan.canonical_officer(name)) == wanted and email.strip():
                return email.strip()
    return ""


def by_lead_officer(actions: Iterable[Action], period: str) -> dict[str | None, list[Action]]:
    """The actions needing an update for ``period`` per lead officer (None: no officer),
    officers in order of name."""
    grouped: dict[str | None, list[Action]] = {}
    for action in actions:
        if action.due_update_for(period or action.plan.period):
            grouped.setdefault(lead_officer(action), []).append(action)
    return dict(sorted(grouped.items(), key=lambda item: (item[0] is None, item[0] or "")))


_UNSAFE = re.compile(r"[^A-Za-z0-9 ._-]+")
_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$", re.IGNORECASE)


def packet_file_name(officer: str, taken: set[str]) -> str:
    """``Louise Stamp.xlsx``: the officer's name made safe for any file system (letters,
    digits, spaces, ``.`` ``_`` ``-``; at most 80 characters; never hidden or a device
    name), unique among ``taken`` (names in lower case, which this adds to)."""
    base = " ".join(_UNSAFE.sub("_", officer).split()).strip(" .")[:80].strip(" .") or "officer"
    if _WINDOWS_RESERVED.match(base):
        base = f"_{base}"
    name, number = f"{base}.xlsx", 2
    while name.lower() in taken:
        name, number = f"{base} ({number}).xlsx", number + 1
    taken.add(name.lower())
    return name
