"""The resolution screen: an action left in conflict by a sync, field by field.

For every field the merge driver recorded under ``conflicts:`` it shows the three
versions (base, mine, theirs) and lets the user pick one from the keyboard (the
first field's choices have the focus; arrows move, Enter or space chooses, Tab goes
to the next field) while a line says what ``ctrl+s`` will save; it saves through
:func:`bvtui.sharing.resolve.save_resolution` (a commit, or staged inside a stopped
sync, which the main screen then finishes). Values are shown as text, never markup.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, RadioSet, Static

from bvtui.git import GitError
from bvtui.model import Action, ValidationError
from bvtui.sharing import SIDES, conflicts_of, resolved, save_resolution, side_text
from bvtui.store import Store, StoreError
from bvtui.tui.text import line
from bvtui.tui.widgets.ticked import TickedRadioButton

SIDE_LABELS = {"mine": "mine", "theirs": "theirs", "base": "base (before both)"}
"""How each version is named on screen."""

SHOWN_ORDER = ("mine", "theirs", "base")
"""The order of the choices: the user's own value first (and chosen by default)."""

KEYS_HINT = (
    "↑↓ move between versions · Enter or space chooses · Tab: next field · "
    "ctrl+s saves · Esc: resolve later"
)
"""What each key does on this screen, shown under the title."""


class ResolveScreen(ModalScreen[bool]):
    """Choose base / mine / theirs for each field in conflict; dismisses True when saved."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save resolution", priority=True),
        Binding("escape", "leave", "Leave (resolve later)"),
    ]
    AUTO_FOCUS = "RadioSet"

    def __init__(self, store: Store, action: Action, *, author: str | None = None) -> None:
        super().__init__()
        self.store = store
        self.action = action
        self.author = author
        self.conflicts = conflicts_of(action)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="resolve-panel", can_focus=False):
            title = Text(f"{self.action.ref} is in conflict", style="bold #ffaf00")
            title.append(
                f"  {len(self.conflicts)} field(s) were changed both here and on the remote. "
                "Choose a version for each, then ctrl+s.",
                style="",
            )
            yield Static(title, id="resolve-title")
            yield Static(Text(KEYS_HINT, style="dim"), id="resolve-keys")
            for name, sides in self.conflicts.items():
                yield Static(Text(name, style="bold"), classes="resolve-field")
                with RadioSet(id=f"pick-{_widget_id(name)}", name=name):
                    for side in SHOWN_ORDER:
                        label = Text(f"{SIDE_LABELS[side]}: ", style="bold")
                        label.append(line(side_text(sides.get(side))) or "(empty)")
                        yield TickedRadioButton(
                            label,
                            value=side == "mine",
                            name=side,
                            id=f"pick-{_widget_id(name)}-{side}",
                        )
            yield Static(id="resolve-choice")
            yield Static(id="resolve-message")
        yield Footer()

    def on_mount(self) -> None:
        self._show_choice()

    @on(RadioSet.Changed)
    def _show_choice(self) -> None:
        """Say what ctrl+s will save: each field's chosen version and its value."""
        text = Text("ctrl+s saves: ", style="bold")
        picks = self.picks()
        text.append(
            "; ".join(
                f"{name}: {picks[name]} ({line(side_text(sides.get(picks[name]))) or 'empty'})"
                for name, sides in self.conflicts.items()
                if name in picks
            )
        )
        self.query_one("#resolve-choice", Static).update(text)

    def picks(self) -> dict[str, str]:
        """The version chosen for each field: ``base``, ``mine`` or ``theirs``."""
        chosen: dict[str, str] = {}
        for radio_set in self.query(RadioSet):
            button = radio_set.pressed_button
            if radio_set.name and button is not None and button.name in SIDES:
                chosen[radio_set.name] = button.name
        return chosen

    def action_save(self) -> None:
        try:
            new = resolved(self.action, self.picks())
            result = save_resolution(self.store, new, author=self.author)
        except (StoreError, ValidationError, GitError, OSError) as err:
            message = self.query_one("#resolve-message", Static)
            message.update(Text(f"Not saved: {line(str(err))}", style="bold red"))
            return
        if result.error:
            self.notify(line(result.error), title="Not committed", severity="error", markup=False)
        self.dismiss(True)

    def action_leave(self) -> None:
        self.dismiss(False)


def _widget_id(field: str) -> str:
    """A field name (``extra.Member Lead``) as a valid widget id."""
    return "".join(ch if ch.isalnum() else "-" for ch in field)
