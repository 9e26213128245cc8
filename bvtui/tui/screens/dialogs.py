"""Small questions: discard changes? and what to do when a file changed on disk."""

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
    """Keep the disk version in the file; add the edit to it as a new update."""


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
            ": keep the disk version and add your edit to it as a new update "
            "(the values you meant and your text), so nothing is lost\n"
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
