"""The table of actions: a Line-API widget that draws only the rows on screen.

A ``DataTable`` stores and measures every row it holds: refilling it with 10,000 rows
takes over a second (ENGINEERING.md), far too slow for a filter keystroke. This table
holds the rows a filter kept (:class:`~bvtui.tui.listing.Rows`: positions in the store)
and renders the visible lines on demand, building only their actions, so replacing
the rows costs nothing and drawing costs the same at 12 or 100,000 actions.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from bvtui.model import RAG_SYMBOLS, Action, ActionExcerpt, Ref, RefError
from bvtui.tui.columns import ORDER, PRESENT, Column, ColumnChoice, fit_columns
from bvtui.tui.listing import Rows
from bvtui.tui.sorting import Sort, SortKeys
from bvtui.tui.text import RAG_STYLES, fit, fit_ref, line

UNCOMMITTED = "✎"
"""The mark of an action saved on disk but not committed."""

MARKED = "*"
"""The mark of an action marked for a bulk edit, in the row's first cell."""


class ActionTable(ScrollView, can_focus=True):
    """Actions one per line: ref, title, theme, officer, due, status, progress, marks.

    The header stays on the first line while the rows scroll under it. Posts
    :class:`ActionTable.Highlighted` when the cursor moves to another action and
    :class:`ActionTable.Selected` on Enter or a double click.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor(-1)", "Up", show=False),
        Binding("down,j", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end,G", "last", "Last", show=False),
        Binding("enter", "select", "Edit", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "action-table--header",
        "action-table--cursor",
        "action-table--mark",
        "action-table--empty",
    }

    DEFAULT_CSS = """
    ActionTable {
        overflow-x: hidden;
        overflow-y: auto;
        background: $surface;
    }
    ActionTable > .action-table--header { text-style: bold; background: $panel; }
    ActionTable > .action-table--cursor { background: $block-cursor-blurred-background; }
    ActionTable:focus > .action-table--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
    }
    ActionTable > .action-table--mark { color: $text-warning; text-style: bold; }
    ActionTable > .action-table--empty { color: $text-muted; text-style: italic; }
    """

    cursor: reactive[int] = reactive(0, always_update=True, repaint=False)

    @dataclass
    class Highlighted(Message):
        """The cursor is on another action (None: the table is empty)."""

        action: Action | None

    @dataclass
    class Selected(Message):
        """Enter (or a double click) on an action."""

        action: Action

    def __init__(
        self,
        *,
        as_of: date | None = None,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.as_of = as_of
        self.rows: Sequence[Action] = []
        self._given: Sequence[Action] = []
        """The rows as the filter gave them, before the sort."""
        self.pending: set[str] = set()
        self.marked: set[str] = set()
        """Refs of the actions marked for a bulk edit (``*`` before the row)."""
        self.empty_message = "No actions"
        self._fixed = {"ref": 12, "id": 5, "theme": 12, "officer": 20, "status": 12}
        self.one_plan = False
        """Every row is of one plan: the ref column shows the id alone."""
        self._layouts: dict[tuple[int, bool, ColumnChoice], list[Column]] = {}
        self.choice = ColumnChoice()
        """The columns the user shows, in order."""
        self.sort: Sort | None = None
        """The rows' order (None: the store's)."""
        self._sort_keys = SortKeys(as_of)
        self.row_height = 1
        """Lines per row: 2 in the presentation layout (a blank line between rows)."""
        self._last_highlighted: str | None = ""
        self._strips: dict[int, tuple[Action, tuple[object, ...], Strip]] = {}
        """Rendered rows by ``id(action)``, with the action (so the id cannot be reused)
        and what the row's look depends on: a repaint after a filter key or a cursor
        move redraws only rows not drawn before."""

    # --- data ------------------------------------------------------------------

    def measure(self, excerpts: list[ActionExcerpt]) -> None:
        """Fit the fixed columns to the longest values of the actions of ``excerpts``
        (all of the store), so that filtering never makes the columns jump."""

        def longest(values: Iterable[str], least: int, most: int) -> int:
            return max(least, min(most, max(map(len, values), default=0)))

        self._strips.clear()
        self._layouts.clear()
        self._sort_keys.clear()
        refs = [excerpt.ref for excerpt in excerpts]
        self._fixed = {
            "ref": longest((f"{r.plan}/{r.id}" for r in refs), 5, 30),
            "id": longest((r.id for r in refs), 3, 30),
            "theme": longest((excerpt.theme for excerpt in excerpts), 5, 22),
            "officer": longest(map(_officers_written, excerpts), 7, 22),
            "status": longest((excerpt.status for excerpt in excerpts), 6, 22) + 2,
        }

    def restyle(self) -> None:
        """Draw every row again (the theme changed: the colours of the cells did)."""
        self._strips.clear()
        self.refresh()

    def set_rows(self, actions: Sequence[Action], keep: str | None = None) -> None:
        """Show ``actions`` in the table's sort order; the cursor stays on ``keep`` (a
        ref) when it is still there."""
        self._given = actions
        actions = self._sort_keys.sorted(actions, self.sort, self.pending)
        before, self.rows = self.rows, actions
        if isinstance(actions, Rows):  # the store's order: judged on the excerpts
            self.one_plan = actions.one_plan()
        else:
            first = actions[0].plan if actions else None
            self.one_plan = first is None or all(  # stops at the first row of another plan
                a.plan is first or a.plan.slug == first.slug for a in actions
            )
        index = 0 if keep is None else self._row_of(keep, before) or 0
        self.virtual_size = Size(self.size.width, self._lines())
        self.cursor = index
        self._scroll_to_cursor()
        self.refresh()

    def toggle_mark(self, ref: str) -> None:
        """Mark the action ``ref`` for a bulk edit, or unmark it."""
        self.marked ^= {ref}
        self.refresh()

    def set_marks(self, refs: set[str]) -> None:
        """Mark exactly the actions ``refs`` (empty: unmark all)."""
        self.marked = set(refs)
        self.refresh()

    def sort_by(self, sort: Sort | None) -> None:
        """Order the rows by ``sort`` (None: the store's order), keeping the cursor's action."""
        self.sort = sort
        self._strips.clear()  # the header's arrow moved
        self.set_rows(self._given, keep=self.current.ref if self.current else None)

    def set_layout(self, choice: ColumnChoice | None = None, row_height: int | None = None) -> None:
        """Show the columns of ``choice`` and/or rows ``row_height`` lines tall."""
        self.choice = choice or self.choice
        self.row_height = row_height or self.row_height
        self._strips.clear()
        self.virtual_size = Size(self.size.width, self._lines())
        self._scroll_to_cursor()
        self.refresh()

    def _lines(self) -> int:
        return len(self.rows) * self.row_height + 1

    def move_to(self, ref: str) -> bool:
        """Put the cursor on the action ``ref``; False when it is not shown."""
        index = self._row_of(ref)
        if index is not None:
            self.cursor = index
        return index is not None

    def _row_of(self, ref: str, before: Sequence[Action] | None = None) -> int | None:
        """The row of the action ``ref``, None when it is not shown (``before``: the rows
        shown until now, the cursor on one of them)."""
        rows = self.rows
        if isinstance(rows, Rows):  # found on the excerpts: no action built
            near = before if isinstance(before, Rows) else None
            return rows.row_of(ref, near, self.cursor)
        try:
            wanted = Ref.parse(ref)  # by id, then plan: no ref text built per row
        except RefError:
            return None
        return next(
            (i for i, a in enumerate(rows) if a.id == wanted.id and a.plan.slug == wanted.plan),
            None,
        )

    @property
    def current(self) -> Action | None:
        """The action under the cursor."""
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    # --- cursor ----------------------------------------------------------------

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.rows) - 1))

    def watch_cursor(self, value: int) -> None:
        self._scroll_to_cursor()
        self.refresh()
        current = self.current
        ref = current.ref if current else None
        if ref != self._last_highlighted:
            self._last_highlighted = ref
            self.post_message(self.Highlighted(current))

    def _page_rows(self) -> int:
        return max(1, (self.scrollable_content_region.height - 1) // self.row_height)

    def _scroll_to_cursor(self) -> None:
        height = self.row_height
        top = -(-round(self.scroll_offset.y) // height)  # the first row wholly shown
        rows = self._page_rows()
        if self.cursor < top:
            self.scroll_to(y=self.cursor * height, animate=False, immediate=True)
        elif self.cursor >= top + rows:
            self.scroll_to(y=(self.cursor - rows + 1) * height, animate=False, immediate=True)

    def action_cursor(self, step: int) -> None:
        self.cursor += step

    def action_page(self, direction: int) -> None:
        self.cursor += direction * self._page_rows()

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self.rows) - 1

    def action_select(self) -> None:
        if self.current is not None:
            self.post_message(self.Selected(self.current))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        if offset.y == 0:
            self._header_clicked(offset.x)
            return
        index = (round(self.scroll_offset.y) + offset.y - 1) // self.row_height
        if 0 <= index < len(self.rows):
            self.cursor = index
            if event.chain >= 2:
                self.action_select()

    def _header_clicked(self, x: int) -> None:
        """Sort by the column clicked; a click on the sorted column reverses it."""
        left = 1
        for column in self.columns(self.scrollable_content_region.width):
            if left <= x < left + column.width + 1:
                same = self.sort is not None and self.sort.column == column.key
                reverse = same and self.sort is not None and not self.sort.reverse
                self.sort_by(Sort(column.key, reverse))
                return
            left += column.width + 1

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, self._lines())
        self._scroll_to_cursor()

    # --- drawing ---------------------------------------------------------------

    def columns(self, width: int) -> list[Column]:
        """The columns for a table ``width`` cells wide (:func:`fit_columns`): those
        the user chose, each at least readable, theme, officer and due dropped first."""
        choice = self.choice
        if self.row_height > 1:  # presenting: a few columns, and the one sorted on
            sorted_on = self.sort.column if self.sort else None
            choice = ColumnChoice(tuple(k for k in ORDER if k in PRESENT or k == sorted_on))
        key = (width, self.one_plan, choice)
        if key not in self._layouts:
            self._layouts[key] = fit_columns(width, choice, self._fixed, self.one_plan)
        return self._layouts[key]

    def cells(self, action: Action) -> dict[str, tuple[str, Style | None]]:
        """The text of each cell of ``action``'s row, with the style of coloured cells."""
        due, overdue, check = action.judged(self.as_of)
        rag = action.rag
        marks = (
            ("!" if overdue else " ")
            + ("?" if check else " ")
            + (UNCOMMITTED if action.ref in self.pending else " ")
        )
        mark_style = self.get_component_rich_style("action-table--mark", partial=True)
        return {
            "ref": (line(action.ref), None),
            "title": (line(action.title), None),
            "theme": (line(action.theme), None),
            "officer": (line(action.officers), None),
            "due": (due.isoformat() if due else line(action.deadline), None),
            "status": (
                f"{RAG_SYMBOLS.get(rag, '?')} {line(action.status) or '-'}",
                self.app.console.get_style(RAG_STYLES[rag]),
            ),
            "progress": ("" if action.progress is None else f"{action.progress}%", None),
            "marks": (marks, mark_style),
        }

    def _strip(
        self, texts: list[tuple[str, Style | None]], base: Style, lead: Segment | None = None
    ) -> Strip:
        segments = [lead or Segment(" ", base)]
        for text, style in texts:
            segments.append(Segment(text, base + style if style else base))
            segments.append(Segment(" ", base))
        return Strip(segments)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        columns = self.columns(width)
        base = self.rich_style
        if y == 0:
            header = self.get_component_rich_style("action-table--header")
            texts: list[tuple[str, Style | None]] = [
                (fit(self._heading(c), c.width), None) for c in columns
            ]
            return self._strip(texts, base + header).adjust_cell_length(width, base + header)
        index, spacer = divmod(round(self.scroll_offset.y) + y - 1, self.row_height)
        if not self.rows and y == 1:
            empty = self.get_component_rich_style("action-table--empty")
            return Strip([Segment(fit(f" {self.empty_message}", width), base + empty)])
        if index >= len(self.rows):
            return Strip.blank(width, base)
        action = self.rows[index]
        style = base
        if index == self.cursor:
            style = base + self.get_component_rich_style("action-table--cursor")
        if spacer:
            return Strip.blank(width, style)
        pending = action.ref in self.pending
        marked = action.ref in self.marked
        looks = (
            width,
            self.one_plan,
            style,
            pending,
            marked,
            self.as_of,
            date.today(),
            self.app.theme,
        )
        drawn = self._strips.get(id(action))
        if drawn is not None and drawn[0] is action and drawn[1] == looks:
            return drawn[2]
        strip = self._render_row(
            action, columns, style, width, plain=index == self.cursor, marked=marked
        )
        if len(self._strips) > 4096:
            self._strips.clear()
        self._strips[id(action)] = (action, looks, strip)
        return strip

    def _heading(self, column: Column) -> str:
        """A column's heading, with the sort's arrow on the sorted column."""
        if self.sort is not None and self.sort.column == column.key:
            return f"{column.heading}{self.sort.arrow()}"
        return column.heading

    def _render_row(
        self,
        action: Action,
        columns: list[Column],
        style: Style,
        width: int,
        plain: bool,
        marked: bool = False,
    ) -> Strip:
        """One row; ``plain`` (the cursor's row) draws every cell in the cursor's colours,
        which no RAG colour is sure to read on: the symbols still say which is which.
        A ``marked`` row starts with :data:`MARKED` in the first cell."""
        cells = self.cells(action)
        texts = []
        for column in columns:
            text, cell_style = cells[column.key]
            if plain and cell_style is not None:
                cell_style = Style(bold=True)
            align_right = column.key == "progress"
            shown = fit(text, column.width)
            if column.key == "ref":
                slug = "" if self.one_plan else action.plan.slug
                shown = fit_ref(slug, line(action.id), column.width)
            if align_right:
                shown = shown.strip().rjust(column.width)
            texts.append((shown, cell_style))
        lead = None
        if marked:
            mark_style = self.get_component_rich_style("action-table--mark", partial=True)
            lead = Segment(MARKED, style + mark_style)
        return self._strip(texts, style, lead).adjust_cell_length(width, style)


def _officers_written(excerpt: ActionExcerpt) -> str:
    """The officers of an action as its file names them, from its excerpt (whose names
    list them first, then the canonical names not among them)."""
    return ", ".join(excerpt.names[: len(excerpt.officers)])
