"""The bulk dialog (``B``): one field and one value for every marked action.

The field is status, progress, lead officers, revised deadline, or an update appended
to all; the value is checked as it is typed against every marked action by the same
rules as ``bvtui set`` (:class:`bvtui.store.BulkEdit`), so the dialog names the first
action that refuses it. ``ctrl+s`` closes the dialog with the edit, which the main
screen saves in one commit (:func:`bvtui.store.save_bulk`); Escape cancels.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, Select, Static

from bvtui.model import Action, ValidationError
from bvtui.store import BulkEdit
from bvtui.tui.text import line

BULK_FIELDS: tuple[tuple[str, str], ...] = (
    ("status", "Status"),
    ("progress", "Progress %"),
    ("officers", "Lead officers"),
    ("revised_deadline", "Revised deadline"),
    ("update", "Append an update"),
)
"""The fields a bulk edit sets, with their labels (``update``: a new update for all)."""

CLEARABLE = ("revised_deadline",)
"""Fields an empty value clears; the others need one."""


def shown_refs(actions: list[Action], limit: int = 6) -> str:
    """The refs of ``actions``, the first few, then how many more."""
    refs = ", ".join(line(action.ref) for action in actions[:limit])
    more = len(actions) - limit
    return f"{refs} and {more} more" if more > 0 else refs


class BulkScreen(ModalScreen[BulkEdit | None]):
    """Choose a field and a value for ``actions``; dismisses with the checked
    :class:`BulkEdit`, or None when cancelled."""

    AUTO_FOCUS = "#bulk-value"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save (one commit)"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, actions: list[Action]) -> None:
        super().__init__()
        self.actions = actions
        self.problem: str | None = "type a value"

    def compose(self) -> ComposeResult:
        count = len(self.actions)
        heading = Text(f"Bulk edit of {count} marked action{'s' if count != 1 else ''}\n", "bold")
        heading.append(shown_refs(self.actions), style="dim")
        with Vertical(classes="dialog", id="bulk"):
            yield Static(heading, classes="dialog-question")
            yield Label("Field")
            yield Select(
                [(label, field) for field, label in BULK_FIELDS],
                value="status",
                allow_blank=False,
                id="bulk-field",
            )
            yield Label("Value")
            yield Input(id="bulk-value")
            yield Static("", id="bulk-hint", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        self._check()

    @property
    def field(self) -> str:
        value = self.query_one("#bulk-field", Select).value
        return value if isinstance(value, str) else "status"

    @property
    def value(self) -> str:
        return self.query_one("#bulk-value", Input).value

    def edit(self) -> BulkEdit:
        """The edit as the dialog holds it now."""
        if self.field == "update":
            return BulkEdit(update=self.value)
        return BulkEdit({self.field: self.value})

    @on(Input.Changed, "#bulk-value")
    @on(Select.Changed, "#bulk-field")
    def _changed(self) -> None:
        self._check()

    def _check(self) -> None:
        """Check the value against every marked action; say why not, or what it does."""
        hint = self.query_one("#bulk-hint", Static)
        self.problem = None
        if not self.value.strip() and self.field not in CLEARABLE:
            self.problem = "type a value" + self._choices()
        else:
            edit = self.edit()
            for action in self.actions:
                try:
                    edit.check([action])
                except ValidationError as err:
                    refused = f"{line(err.field)}: {line(err.value)!r} {line(err.reason)}"
                    self.problem = f"{line(action.ref)}: {refused}"
                    break
        if self.problem is not None:
            hint.update(Text(self.problem))
            hint.set_class(True, "-error")
            return
        hint.set_class(False, "-error")
        what = (
            "an update added to each"
            if self.field == "update"
            else f"{self.field.replace('_', ' ')} {'cleared' if not self.value.strip() else 'set'}"
        )
        hint.update(Text(f"ctrl+s: {what}, {len(self.actions)} actions in one commit", "dim"))

    def _choices(self) -> str:
        """For a status: the words every marked action's plan accepts."""
        if self.field != "status":
            return ""
        plans = list({action.plan.slug: action.plan for action in self.actions}.values())
        common = [word for word in plans[0].statuses if all(word in p.statuses for p in plans)]
        return f" (every plan has: {', '.join(common) or 'no status in common'})"

    def action_save(self) -> None:
        self._check()
        if self.problem is None:
            self.dismiss(self.edit())

    def action_cancel(self) -> None:
        self.dismiss(None)
