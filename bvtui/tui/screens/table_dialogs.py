"""The table's two small dialogs: choose and reorder its columns (``C``), and name the
view to save (``v``)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static
from textual.widgets.selection_list import Selection

from bvtui.store import ViewError, check_view_name
from bvtui.tui.columns import NAMES, ColumnChoice
from bvtui.tui.screens.picker import TickList
from bvtui.tui.text import line


class ColumnsScreen(ModalScreen[ColumnChoice | None]):
    """Tick the columns to show and move them up and down; Enter applies, Escape cancels.

    The ref cannot be unticked: a row must say which action it is.
    """

    AUTO_FOCUS = "#columns-list"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "apply", "Apply", priority=True),
        Binding("escape", "cancel", "Cancel"),
        Binding("shift+up,K", "move(-1)", "Move up", show=False),
        Binding("shift+down,J", "move(1)", "Move down", show=False),
    ]

    def __init__(self, choice: ColumnChoice) -> None:
        super().__init__()
        self.order = [*choice.shown, *choice.hidden]
        self.ticked = set(choice.shown)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="columns"):
            yield Static(Text("Columns", style="bold"), classes="dialog-question")
            yield TickList(*self._options(), id="columns-list")
            yield Static(
                "Space ticks · K J (shift+↑ ↓) move · Enter applies · Esc cancels",
                id="columns-help",
            )

    @property
    def options(self) -> TickList:
        return self.query_one("#columns-list", TickList)

    def _options(self) -> list[Selection[str]]:
        return [Selection(NAMES[key], key, key in self.ticked) for key in self.order]

    @on(TickList.SelectionToggled)
    def _toggled(self, event: TickList.SelectionToggled[str]) -> None:
        key = event.selection.value
        if key == "ref" and key not in event.selection_list.selected:
            event.selection_list.select(key)  # the ref stays
            self.notify("The ref stays: a row must say which action it is.", timeout=3)
        self.ticked = set(event.selection_list.selected)

    def action_move(self, step: int) -> None:
        where = self.options.highlighted
        if where is None or not 0 <= where + step < len(self.order):
            return
        self.ticked = set(self.options.selected)
        order = self.order
        order[where], order[where + step] = order[where + step], order[where]
        self.options.clear_options()
        self.options.add_options(self._options())
        self.options.highlighted = where + step

    def action_apply(self) -> None:
        self.ticked = set(self.options.selected)
        self.dismiss(ColumnChoice.of(key for key in self.order if key in self.ticked))

    def action_cancel(self) -> None:
        self.dismiss(None)


class ViewNameScreen(ModalScreen[str | None]):
    """Name the view to save; Enter saves (a name already used is replaced), Escape
    cancels."""

    AUTO_FOCUS = "#view-name"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, describe: str, names: list[str]) -> None:
        super().__init__()
        self.describe = describe
        self.names = names

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="view-save"):
            question = Text("Save this view as", style="bold")
            question.append(f"\n{line(self.describe)}", style="")
            if self.names:
                question.append(f"\nViews: {line(', '.join(self.names))}", style="dim")
            yield Static(question, classes="dialog-question")
            yield Input(placeholder="a name, e.g. red-property", id="view-name")
            yield Static("", id="view-message")

    @on(Input.Submitted, "#view-name")
    def _named(self, event: Input.Submitted) -> None:
        try:
            name = check_view_name(event.value)
        except ViewError as err:
            self.query_one("#view-message", Static).update(Text(str(err), style="bold"))
            return
        self.dismiss(name)

    def action_cancel(self) -> None:
        self.dismiss(None)
