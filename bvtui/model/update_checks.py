"""Checks of a quarter's updates that need no history: what a plan officer reads twice.

- an update copied unchanged from the last period (the latest update says what the
  one of the period before said);
- a Completed action (blue) whose progress is under 100;
- progress going backwards from one update to the next, where a plan records progress
  per update (a ``progress:`` key in each update).

The checks that need the history (progress lower than its previous committed value,
a green action whose deadline was revised twice or more) are
:mod:`bvtui.trail.update_checks`. None of them is an error: the file is valid, the
plan officer decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from bvtui.model.filters import fold
from bvtui.model.model import Action, Update


@dataclass(frozen=True)
class UpdateWarning:
    """One thing worth a second look in an action's update: where, and why, in one line."""

    ref: str
    path: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.field}: {self.message} (warning)"


def update_warnings(action: Action) -> list[UpdateWarning]:
    """What the action's own file says is worth a second look (see the module)."""
    found = []

    def warn(field: str, message: str) -> None:
        found.append(UpdateWarning(action.ref, action.path or f"{action.ref}.yaml", field, message))

    latest = action.latest_update
    earlier = _previous_period(action.updates)
    said = fold(latest.text) if latest is not None else ""
    if latest is not None and earlier is not None and said and said == fold(earlier.text):
        warn(
            "updates", f"the {latest.period} update is the {earlier.period} one unchanged (copied?)"
        )
    if action.is_complete and action.progress is not None and action.progress < 100:
        warn("progress", f"{action.progress} but the status is {action.status} (complete)")
    steps = [(u.period, u.other.get("progress")) for u in action.updates]
    known = [(period, value) for period, value in steps if isinstance(value, int)]
    for (before_period, before), (period, value) in pairwise(known):
        if value < before:
            warn(
                "updates",
                f"progress went back from {before} ({before_period}) to {value} ({period})",
            )
    return found


def _previous_period(updates: list[Update]) -> Update | None:
    """The last update filed under another period than the latest one's."""
    if not updates:
        return None
    latest = fold(updates[-1].period)
    return next((u for u in reversed(updates[:-1]) if fold(u.period) != latest), None)
