"""Small questions: discard changes? what to do when a file changed on disk? and
what to do with an edit kept aside by "keep both"."""

from __future__ import annotations

from enum import Enum
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ConfirmScreen(ModalScreen[bool]):
    """A yes / no question; dismisses with True for yes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self.question), classes="dialog-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Yes (y)", id="yes", variant="error")
                yield Button("No (n)", id="no", variant="primary")

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class ConflictChoice(Enum):
    """What to do with an edit whose file changed on disk since it was opened."""

    RELOAD = "reload"
    """Drop the edit and show the file as it is now."""
    OVERWRITE = "overwrite"
    """Write the edit over the file, replacing the change made on disk."""
    KEEP_BOTH = "keep"
    """Keep the disk version in the file; keep the edit aside, unpublished, to re-apply."""


class ConflictScreen(ModalScreen[ConflictChoice | None]):
    """Ask what to do when the file changed on disk; None: go back to editing."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "choose('reload')", "Reload"),
        Binding("o", "choose('overwrite')", "Overwrite"),
        Binding("k", "choose('keep')", "Keep both"),
        Binding("escape", "back", "Back to editing"),
    ]

    def __init__(self, ref: str, path: str) -> None:
        super().__init__()
        self.ref = ref
        self.path = path

    def compose(self) -> ComposeResult:
        text = Text()
        text.append(f"{self.ref} changed on disk since you opened it\n", style="bold #ffaf00")
        text.append(f"{self.path}\n\n", style="dim")
        text.append("r  Reload", style="bold")
        text.append(": drop your edit and show the file as it is now\n")
        text.append("o  Overwrite", style="bold")
        text.append(": save your edit over the change made on disk\n")
        text.append("k  Keep both", style="bold")
        text.append(
            ": keep the disk version; your edit is kept aside (in this copy's .git folder, "
            "never published) and offered again when you next open this action\n"
        )
        text.append("Esc", style="bold")
        text.append(": back to editing")
        with Vertical(classes="dialog", id="conflict"):
            yield Static(text, classes="dialog-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Reload (r)", id="reload")
                yield Button("Overwrite (o)", id="overwrite", variant="error")
                yield Button("Keep both (k)", id="keep", variant="primary")

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.action_choose(event.button.id or "")

    def action_choose(self, choice: str) -> None:
        self.dismiss(ConflictChoice(choice))

    def action_back(self) -> None:
        self.dismiss(None)


class UnappliedChoice(Enum):
    """What to do with an edit kept aside when its action is opened again."""

    APPLY = "apply"
    """Fill the edit form with it, to review and save."""
    LATER = "later"
    """Leave it kept aside; edit the action as it is."""
    DISCARD = "discard"
    """Forget it."""


class UnappliedScreen(ModalScreen[UnappliedChoice]):
    """Offer an edit kept aside by "keep both": re-apply, later, or discard."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "choose('apply')", "Re-apply"),
        Binding("l,escape", "choose('later')", "Later"),
        Binding("d", "choose('discard')", "Discard"),
    ]

    def __init__(self, ref: str, kept_on: str, description: str) -> None:
        super().__init__()
        self.ref = ref
        self.kept_on = kept_on
        self.description = description

    def compose(self) -> ComposeResult:
        text = Text()
        text.append(f"An edit of {self.ref} was kept aside on {self.kept_on}\n", style="bold")
        text.append("(the file had changed on disk; it was not saved)\n\n", style="dim")
        text.append(self.description + "\n\n")
        text.append("a  Re-apply", style="bold")
        text.append(": fill the form with it, to check and save (ctrl+s)\n")
        text.append("l  Later", style="bold")
        text.append(": keep it aside and edit the action as it is\n")
        text.append("d  Discard", style="bold")
        text.append(": forget it")
        with Vertical(classes="dialog", id="unapplied"):
            yield Static(text, classes="dialog-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Re-apply (a)", id="apply", variant="primary")
                yield Button("Later (l)", id="later")
                yield Button("Discard (d)", id="discard", variant="error")

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.action_choose(event.button.id or "later")

    def action_choose(self, choice: str) -> None:
        self.dismiss(UnappliedChoice(choice))
