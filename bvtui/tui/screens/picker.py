"""A picker for filter values (themes, officers, plans, statuses): type to narrow.

Keys follow fzf, which many power users know: type to narrow the list, ↑/↓ move,
Tab (or Space in the list) toggles a value, Enter applies the values ticked (or
the highlighted one when nothing was ticked or toggled; untick everything to drop
this kind of filter), Escape cancels. Several values may be ticked;
they combine with OR, as the CLI's comma lists do.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.strip import Strip
from textual.widgets import Footer, Input, SelectionList, Static
from textual.widgets.selection_list import Selection

from bvtui.core.filters import fold
from bvtui.tui.text import line
from bvtui.tui.widgets.ticked import TICK


class TickList(SelectionList[str]):
    """A selection list whose ticked values show :data:`TICK`, not only a brighter box."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        index = round(self.scroll_offset.y) + y
        if len(segments) < 4 or not 0 <= index < self.option_count:
            return strip
        ticked = self.get_option_at_index(index).value in self.selected
        box = segments[1]
        segments[1] = Segment(TICK if ticked else " ", box.style, box.control)
        return Strip(segments, strip.cell_length)


class PickerScreen(ModalScreen[frozenset[str] | None]):
    """Pick filter values; dismisses with the values ticked, or None when cancelled.

    Args:
        kind: what is picked ("theme", "officer"...), for the title.
        values: every value with how many actions have it, in display order.
        selected: the values already in the filter (ticked when it opens).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("enter", "apply", "Apply", priority=True),
        Binding("tab", "toggle", "Toggle", priority=True),
        Binding("up", "move(-1)", "Up", show=False, priority=True),
        Binding("down", "move(1)", "Down", show=False, priority=True),
    ]

    def __init__(self, kind: str, values: list[tuple[str, int]], selected: frozenset[str]) -> None:
        super().__init__()
        self.kind = kind
        self.values = values
        self.ticked: set[str] = set(selected)
        self.touched = False
        """True once a value was toggled: Enter then applies the ticks, even none."""

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-panel"):
            yield Static(
                Text(f"Filter by {self.kind}", style="bold"),
                id="picker-title",
            )
            yield Input(placeholder=f"type to narrow the {self.kind} list", id="picker-input")
            yield TickList(id="picker-list")
            yield Static(
                Text("Tab toggles · Enter applies · Esc cancels", style="dim"), id="picker-help"
            )
        yield Footer()

    def on_mount(self) -> None:
        self._fill("")
        self.query_one("#picker-input", Input).focus()

    @property
    def options(self) -> SelectionList[str]:
        return self.query_one("#picker-list", SelectionList)

    def _fill(self, narrow: str) -> None:
        """List the values containing ``narrow`` (ignoring case), ticks kept."""
        needle = fold(narrow)
        options = self.options
        options.clear_options()
        options.add_options(
            [
                Selection(Text(f"{line(value)}  ({count})"), value, value in self.ticked)
                for value, count in self.values
                if needle in fold(value)
            ]
        )
        if options.option_count:
            options.highlighted = 0

    @on(Input.Changed, "#picker-input")
    def _narrow(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(SelectionList.SelectionToggled)
    def _toggled(self, event: SelectionList.SelectionToggled[str]) -> None:
        self._record(event.selection.value)

    def _record(self, value: str) -> None:
        """Note whether ``value`` is ticked now (idempotent: safe to call twice)."""
        self.touched = True
        if value in self.options.selected:
            self.ticked.add(value)
        else:
            self.ticked.discard(value)

    def action_move(self, step: int) -> None:
        options = self.options
        if options.option_count:
            current = options.highlighted or 0
            options.highlighted = max(0, min(options.option_count - 1, current + step))

    def action_toggle(self) -> None:
        options = self.options
        if options.highlighted is not None and options.option_count:
            value = options.get_option_at_index(options.highlighted).value
            options.toggle(value)
            self._record(value)

    def action_apply(self) -> None:
        options = self.options
        if (
            not self.ticked
            and not self.touched
            and options.highlighted is not None
            and options.option_count
        ):
            highlighted = options.get_option_at_index(options.highlighted)
            self.dismiss(frozenset({highlighted.value}))
            return
        self.dismiss(frozenset(self.ticked))

    def action_cancel(self) -> None:
        self.dismiss(None)
