"""Small questions: discard changes? what to do when a file changed on disk? what to
do with an edit kept aside by "keep both"? quit with edits not committed?

Each question with several answers is a :class:`ChoiceScreen`: one key and one
button per answer, each explained in a line, and Escape to back out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import ClassVar, Generic, TypeVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from bvtui.tui.text import line

T = TypeVar("T", bound=Enum)


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


@dataclass(frozen=True)
class Answer(Generic[T]):
    """One answer of a :class:`ChoiceScreen`."""

    key: str
    """The key that gives it."""
    value: T
    """What the screen dismisses with."""
    label: str
    """Its name, on its button and in the explanation."""
    meaning: str
    """What it does, in a few words."""
    variant: str = "default"
    """The button's look: ``default``, ``primary`` or ``error``."""


class ChoiceScreen(ModalScreen[T | None]):
    """A question with a few answers, each a key and a button; Escape dismisses None."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", "Back")]

    def __init__(
        self, heading: Text, answers: Sequence[Answer[T]], escape: str, *, dialog_id: str
    ) -> None:
        super().__init__()
        self.heading = heading
        self.answers = list(answers)
        self.escape = escape
        self.dialog_id = dialog_id

    def compose(self) -> ComposeResult:
        text = self.heading.copy()
        text.append("\n\n")
        for answer in self.answers:
            text.append(f"{answer.key}  {answer.label}", style="bold")
            text.append(f": {answer.meaning}\n")
        text.append(f"Esc  {self.escape}", style="bold")
        with Vertical(classes="dialog", id=self.dialog_id):
            yield Static(text, classes="dialog-question")
            with Horizontal(classes="dialog-buttons"):
                for answer in self.answers:
                    yield Button(
                        f"{answer.label} ({answer.key})",
                        id=answer.value.value,
                        variant=answer.variant,  # type: ignore[arg-type]
                    )

    def on_key(self, event: events.Key) -> None:
        for answer in self.answers:
            if event.key == answer.key:
                event.stop()
                self.dismiss(answer.value)
                return

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        for answer in self.answers:
            if event.button.id == answer.value.value:
                self.dismiss(answer.value)

    def action_back(self) -> None:
        self.dismiss(None)


class ConflictChoice(Enum):
    """What to do with an edit whose file changed on disk since it was opened."""

    RELOAD = "reload"
    """Drop the edit and show the file as it is now."""
    OVERWRITE = "overwrite"
    """Write the edit over the file, replacing the change made on disk."""
    KEEP_BOTH = "keep"
    """Keep the disk version in the file; keep the edit aside, unpublished, to re-apply."""


class ConflictScreen(ChoiceScreen[ConflictChoice]):
    """Ask what to do when the file changed on disk; None: go back to editing."""

    def __init__(self, ref: str, path: str) -> None:
        heading = Text(f"{line(ref)} changed on disk since you opened it\n", style="bold #ffaf00")
        heading.append(line(path), style="dim")
        answers = [
            Answer(
                "r",
                ConflictChoice.RELOAD,
                "Reload",
                "drop your edit and show the file as it is now",
            ),
            Answer(
                "o",
                ConflictChoice.OVERWRITE,
                "Overwrite",
                "save your edit over the change made on disk",
                "error",
            ),
            Answer(
                "k",
                ConflictChoice.KEEP_BOTH,
                "Keep both",
                "keep the disk version; your edit is kept aside (in this copy's .git folder, "
                "never published) and offered again when you next open this action",
                "primary",
            ),
        ]
        super().__init__(heading, answers, "Back to editing", dialog_id="conflict")


class UnappliedChoice(Enum):
    """What to do with an edit kept aside when its action is opened again."""

    APPLY = "apply"
    """Fill the edit form with it, to review and save."""
    DISCARD = "discard"
    """Forget it."""


class UnappliedScreen(ChoiceScreen[UnappliedChoice]):
    """Offer an edit kept aside by "keep both"; None: later (it stays kept)."""

    def __init__(self, ref: str, kept_on: str, description: str) -> None:
        heading = Text(f"An edit of {line(ref)} was kept aside on {kept_on}\n", style="bold")
        heading.append("(the file had changed on disk; it was not saved)\n\n", style="dim")
        heading.append(description, style="")
        answers = [
            Answer(
                "a",
                UnappliedChoice.APPLY,
                "Re-apply",
                "fill the form with it, to check and save (ctrl+s)",
                "primary",
            ),
            Answer("d", UnappliedChoice.DISCARD, "Discard", "forget it", "error"),
        ]
        super().__init__(
            heading,
            answers,
            "Later (it stays kept aside): edit the action as it is",
            dialog_id="unapplied",
        )


class QuitChoice(Enum):
    """What to do with edits saved on disk but not committed, when quitting."""

    COMMIT = "commit"
    """Commit them (one commit each), then quit."""
    QUIT = "quit"
    """Quit; they stay on disk, to be committed later."""


class QuitScreen(ChoiceScreen[QuitChoice]):
    """Ask before quitting with uncommitted edits; None: cancel (back to the app)."""

    def __init__(self, refs: Sequence[str]) -> None:
        shown = ", ".join(line(ref) for ref in refs[:5])
        if len(refs) > 5:
            shown += f" and {len(refs) - 5} more"
        edits = "1 edit" if len(refs) == 1 else f"{len(refs)} edits"
        heading = Text(f"{edits} saved on disk but not committed: ", style="bold #ffaf00")
        heading.append(shown, style="bold")
        answers = [
            Answer(
                "c",
                QuitChoice.COMMIT,
                "Commit and quit",
                "one commit per action, then quit",
                "primary",
            ),
            Answer(
                "q",
                QuitChoice.QUIT,
                "Quit anyway",
                "they stay saved on disk; bvtui commit (or the next save) records them",
                "error",
            ),
        ]
        super().__init__(heading, answers, "Cancel: back to the app", dialog_id="quit")
