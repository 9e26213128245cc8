"""A picker for filter values (themes, officers, plans, statuses): type to narrow.

Keys follow fzf, which many power users know: type to narrow the list, ↑/↓ move,
Tab (or a click) toggles a value, Enter applies the values ticked (or
the highlighted one when nothing was ticked or toggled; untick everything to drop
this kind of filter), Escape cancels. Several values may be ticked;
they combine with OR, as the CLI's comma lists do.

Keys arrive in bursts (a slow SSH link, a paste, tmux). Textual hands letters to the
text box at once and runs a bound key's action only when the key has bubbled up to
the app, so a priority binding (taken before the box sees anything) would act on the
list as it was before the letters queued ahead of it. Enter, Tab and the arrows are
therefore plain bindings, run in the order they were typed after the box's own keys
(Backspace, ctrl+u), and each first narrows the list by the box's text as it is now.
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
from textual.widgets import Footer, Input, OptionList, SelectionList, Static
from textual.widgets.selection_list import Selection

from bvtui.model import fold
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


class ValueList(TickList, can_focus=False):
    """The picker's list, ticked by click or Tab; the text box keeps the focus.

    A highlight reported for a list since refilled is dropped:
    Textual's SelectionList turns each option highlight into its own message by
    looking the option up again when the message is handled; after a burst of typing
    has refilled the list with fewer values, that lookup raised and ended the app.
    """

    def _on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_index < self.option_count:
            super()._on_option_list_option_highlighted(event)
        else:
            event.stop()


class NarrowBox(Input):
    """The picker's text box; Enter (the box's own key while it has the focus) applies,
    and the footer says so."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "submit", "Apply")]


class PickerScreen(ModalScreen[frozenset[str] | None]):
    """Pick filter values; dismisses with the values ticked, or None when cancelled.

    Args:
        kind: what is picked ("theme", "officer"...), for the title.
        values: every value with how many actions have it, in display order.
        selected: the values already in the filter (ticked when it opens).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("enter", "apply", "Apply"),
        Binding("tab", "tick", "Toggle"),
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
    ]

    def __init__(self, kind: str, values: list[tuple[str, int]], selected: frozenset[str]) -> None:
        super().__init__()
        self.kind = kind
        self.values = values
        self.ticked: set[str] = set(selected)
        self.touched = False
        """True once a value was toggled: Enter then applies the ticks, even none."""
        self.narrowed: str | None = None
        """The text the list is narrowed by now (None before the first fill)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-panel"):
            yield Static(
                Text(f"Filter by {self.kind}", style="bold"),
                id="picker-title",
            )
            yield NarrowBox(placeholder=f"type to narrow the {self.kind} list", id="picker-input")
            yield ValueList(id="picker-list")
            yield Static(
                Text("Tab toggles · Enter applies · Esc cancels", style="dim"), id="picker-help"
            )
        yield Footer()

    def on_mount(self) -> None:
        self._fill("")
        self.typed.focus()

    @property
    def options(self) -> ValueList:
        return self.query_one("#picker-list", ValueList)

    @property
    def typed(self) -> NarrowBox:
        return self.query_one("#picker-input", NarrowBox)

    def _fill(self, narrow: str) -> None:
        """List the values containing ``narrow`` (ignoring case), ticks kept."""
        if narrow == self.narrowed:
            return
        self.narrowed = narrow
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
        self._fill(event.input.value)  # the box now: a burst's older events are stale

    @on(Input.Submitted, "#picker-input")
    def _submitted(self) -> None:
        self.action_apply()

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
        self._fill(self.typed.value)
        options = self.options
        if options.option_count:
            current = options.highlighted or 0
            options.highlighted = max(0, min(options.option_count - 1, current + step))

    def action_tick(self) -> None:
        self._fill(self.typed.value)
        options = self.options
        if options.highlighted is not None and options.option_count:
            value = options.get_option_at_index(options.highlighted).value
            options.toggle(value)
            self._record(value)

    def action_apply(self) -> None:
        self._fill(self.typed.value)
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
