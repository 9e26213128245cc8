"""The help screen: every key of the main screen and what the table's marks mean."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from bvtui.tui.keys import MAIN_KEYS, MARKS, TABLE_KEYS, key_label
from bvtui.tui.text import VALUE_STYLE


def keys_table() -> Table:
    """A two-column table of every key, from the same list the footer uses."""
    table = Table.grid(padding=(0, 3))
    table.add_column(style=VALUE_STYLE, no_wrap=True)
    table.add_column()
    table.add_row(Text("Main screen", style="bold underline"), "")
    for binding in MAIN_KEYS:
        table.add_row(key_label(binding), binding.tooltip or binding.description)
    table.add_row("", "")
    table.add_row(Text("Table", style="bold underline"), "")
    for key, what in TABLE_KEYS:
        table.add_row(key, what)
    table.add_row("", "")
    table.add_row(Text("Marks", style="bold underline"), "")
    for mark, what in MARKS:
        table.add_row(mark, what)
    return table


class HelpScreen(ModalScreen[None]):
    """Every key; Escape, q or ? closes it. It scrolls with the arrows, j k, PgUp PgDn,
    Home and End when the terminal is too small for all of it."""

    AUTO_FOCUS = "#help-panel"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", "Close"),
        Binding("j", "scroll(1)", "Down", show=False),
        Binding("k", "scroll(-1)", "Up", show=False),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-panel"):
            yield Static(Text("bvtui keys", style="bold"), id="help-title")
            yield Static(keys_table(), id="help-keys")

    def action_scroll(self, lines: int) -> None:
        self.query_one("#help-panel", VerticalScroll).scroll_relative(y=lines, animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
