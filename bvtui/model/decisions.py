"""A meeting's decisions and action points, recorded against the action they concern.

They live in the action's file, under ``decisions:``, beside (not among) the officers'
``updates``: an update is the officer's account of a period, a decision is the
committee's ("Officer to attend next meeting", "Breakdown requested"), and the next
update must still be the officer's. Each is ``{date, meeting, text}``, appended, never
rewritten; the merge driver takes the union of both sides' lists, as for updates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from bvtui.model.diff import has_control
from bvtui.model.model import Action

DECISIONS = "decisions"
"""The key of the list in an action's file."""


@dataclass(frozen=True)
class Decision:
    """One decision or action point: the meeting that took it, its day and its words."""

    meeting: str
    day: str
    text: str


def decisions_of(action: Action) -> list[Decision]:
    """The decisions recorded against ``action``, oldest first (malformed items skipped)."""
    raw = action.other.get(DECISIONS)
    if not isinstance(raw, list):
        return []
    return [
        Decision(str(item.get("meeting") or ""), str(item.get("date") or ""), str(item["text"]))
        for item in raw
        if isinstance(item, dict) and item.get("text")
    ]


def check_meeting_name(name: str) -> str:
    """The meeting's name, trimmed.

    Raises:
        ValueError: the name is empty or holds a control character (a line break).
    """
    name = name.strip()
    if not name:
        raise ValueError("meeting name: empty; name the meeting (e.g. Board 14/09)")
    if has_control(name):
        raise ValueError(f"meeting name: {name!r}: one line, no control characters")
    return name


def with_decision(action: Action, meeting: str, text: str, day: date) -> Action:
    """A copy of ``action`` with the decision appended (the action itself is unchanged).

    Raises:
        ValueError: the text is empty or holds a control character, or the meeting's
            name is not allowed (:func:`check_meeting_name`).
    """
    meeting = check_meeting_name(meeting)
    text = text.strip()
    if not text:
        raise ValueError(f"{action.ref}: decision: empty; type the decision or action point")
    if has_control(text):
        raise ValueError(f"{action.ref}: decision: {text!r}: one line, no control characters")
    raw = action.other.get(DECISIONS)
    earlier: list[Any] = list(raw) if isinstance(raw, list) else []
    entry = {"date": day.isoformat(), "meeting": meeting, "text": text}
    new = action.copy()
    new.other = {**action.other, DECISIONS: [*earlier, entry]}
    return new
