"""The edit screen of the update round (``U``): one action of several, in turn.

The ordinary edit screen (:class:`~bvtui.tui.screens.edit.EditScreen`: the same
fields, checks, save path and questions) with the round's counter ("4 of 17") in its
heading, the action's last update shown above the new one (``ctrl+l`` copies it into
the new update, to carry it forward and edit), and ``ctrl+n`` to skip the action.
``ctrl+s`` saves (one commit) and the round opens the next; Escape ends the round,
asking first when something was typed.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import Label, Static, TextArea

from bvtui.model import Action
from bvtui.store import Store
from bvtui.tui.screens.dialogs import ConfirmScreen
from bvtui.tui.screens.edit import EditScreen
from bvtui.tui.text import block, line


def round_heading(action: Action, step: int, steps: int) -> Text:
    """``Update round 4 of 17   plan/id  title``."""
    heading = Text(f"Update round {step} of {steps}", style="bold reverse")
    heading.append("   ")
    heading.append(f"{line(action.ref)}  ", style="bold")
    heading.append(line(action.title))
    return heading


def last_update_text(action: Action) -> Text:
    """The action's last update, to be carried forward, or a line saying there is none."""
    last = action.latest_update
    if last is None or not last.text.strip():
        return Text("No earlier update to carry forward.", style="dim")
    text = Text(f"Last update ({line(last.period) or 'no period'}), ctrl+l copies it:\n")
    text.stylize("bold")
    text.append(block(last.text.strip("\n")))
    return text


class RoundEditScreen(EditScreen):
    """Edit one action of a round; ``skipped`` says ctrl+n left it (dismissed with None)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save, next"),
        Binding("ctrl+n", "skip", "Skip"),
        Binding("ctrl+l", "carry_forward", "Copy last update"),
        Binding("escape", "cancel", "End round"),
    ]

    def __init__(
        self,
        store: Store,
        action: Action,
        *,
        author: str | None,
        as_of: date | None,
        step: int,
        steps: int,
    ) -> None:
        super().__init__(store, action, author=author, as_of=as_of)
        self.step, self.steps = step, steps
        self.skipped = False

    def on_mount(self) -> None:
        self.query_one("#edit-title", Static).update(
            round_heading(self.action, self.step, self.steps)
        )
        panel = self.query_one("#edit-panel")
        # on the border too, which stays in view however far the form is scrolled
        panel.border_title = f"Update round {self.step} of {self.steps}: {line(self.action.ref)}"
        new_update = next(child for child in panel.children if isinstance(child, Label))
        panel.mount(Static(last_update_text(self.action), id="last-update"), before=new_update)
        # the new update is what a round is for: the box has the focus (shift+tab reaches
        # the period, officers, deadlines, progress and status)
        self.call_after_refresh(self.query_one("#update", TextArea).focus)

    def action_carry_forward(self) -> None:
        """Copy the last update into an empty new update, to be edited before saving."""
        last = self.action.latest_update
        box = self.query_one("#update", TextArea)
        if last is None or not last.text.strip():
            self._message("No earlier update to copy.")
        elif box.text.strip():
            self._message("The new update already holds text: clear it to copy the last one.")
        else:
            box.text = last.text.strip("\n")
            box.move_cursor(box.document.end)  # typing goes on from where it ended
            box.focus()
            self._message("Last update copied: edit what moved, then ctrl+s.", error=False)

    def action_skip(self) -> None:
        """Leave this action unsaved and go on to the next (asking first if edited)."""
        if self.busy:
            return
        if not self.is_dirty:
            self.skipped = True
            self.dismiss(None)
            return

        def answered(skip: bool | None) -> None:
            if skip:
                self.skipped = True
                self.dismiss(None)

        question = f"Skip {line(self.action.ref)}? Your changes to it are not saved."
        self.app.push_screen(ConfirmScreen(question), answered)
