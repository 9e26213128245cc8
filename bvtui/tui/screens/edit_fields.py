"""The edit screen's fields as text: which are edited in a box, how a value shows in
one and in a question, and an edit as typed."""

from __future__ import annotations

from bvtui.model import Action, ValidationError
from bvtui.tui.text import line

TEXT_FIELDS: tuple[tuple[str, str], ...] = (
    ("progress", "Progress %"),
    ("deadline", "Deadline"),
    ("revised_deadline", "Revised deadline"),
    ("officers", "Lead officers"),
)
"""The fields edited in a text box, with their labels (status has a list)."""

Typed = tuple[dict[str, str], str | None, str | None]
"""An edit as typed: the values changed, the new update, its period."""

ASK_BEFORE_CLEARING = ("status", "progress", "deadline", "revised_deadline")
"""Fields a save asks about before blanking them: keys that arrive in one burst (a
Backspace, an escape sequence with the next characters) can be lost or reordered by
the terminal library, so a field can end up empty that the user never meant to clear."""


def field_text(action: Action, field: str) -> str:
    """A field's value as the edit screen shows it in a text box."""
    if field == "progress":
        return "" if action.progress is None else str(action.progress)
    if field == "officers":
        return ", ".join(action.officers)
    return str(getattr(action, field))


def was_text(action: Action, field: str) -> str:
    """A field's value before the edit, as a question quotes it."""
    text = line(field_text(action, field))
    return text if field == "progress" else repr(text)


def error_reason(err: ValidationError) -> str:
    return f"{err.field}: {line(err.value)!r} {err.reason}"
