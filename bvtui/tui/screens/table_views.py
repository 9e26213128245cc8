"""The main screen's table ergonomics: sorting by any column, choosing the columns,
saved views (``1``-``9``, ``v``, ``bvtui --view``), the presentation layout and the
theme key (:class:`~bvtui.tui.screens.main.MainScreen` inherits :class:`TableViews`)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from textual.widgets import Input

from bvtui.model import Filter
from bvtui.store import View, ViewError, read_views, save_view
from bvtui.tui.columns import ColumnChoice
from bvtui.tui.screens.flows import MainScreenFlow
from bvtui.tui.screens.table_dialogs import ColumnsScreen, ViewNameScreen
from bvtui.tui.sorting import Sort, next_sort
from bvtui.tui.text import line
from bvtui.tui.themes import HIGH_CONTRAST, next_theme


class TableViews(MainScreenFlow):
    """Sort, columns, saved views and the presentation layout of the main table."""

    if TYPE_CHECKING:  # what MainScreen gives besides MainScreenFlow's

        def set_filter(self, wanted: Filter, keep: str | None = None) -> None: ...

    views: list[View]
    """The store's saved views, in the file's order (keys 1-9 open the first nine)."""
    opening_view: str | None = None
    """The view to open once the store has loaded (``bvtui --view NAME``)."""
    theme_before_presenting: str | None = None

    def read_saved_views(self) -> None:
        """(Re)read the views file; what is wrong in it is said, the rest loads."""
        self.views, problems = read_views(self.root)
        if problems:
            text = "\n".join(line(str(problem)) for problem in problems[:3])
            self.notify(text, title="Views left out", severity="warning", markup=False)

    def first_filter(self, wanted: Filter) -> Filter:
        """The filter to show after a load: ``wanted``, or the view asked for on the
        command line (its sort and columns set on the table) the first time."""
        name, self.opening_view = self.opening_view, None
        view = next((v for v in self.views if v.name == name), None)
        if view is None:
            return wanted
        self._set_table(view)
        self.notify(f"View {view.name}", timeout=3, markup=False)
        return view.filter

    # --- sorting -------------------------------------------------------------------

    def action_sort_step(self, step: int) -> None:
        """Sort by the next shown column to the right (1) or left (-1)."""
        width = self.table.scrollable_content_region.width
        shown = tuple(column.key for column in self.table.columns(width))
        self.table.sort_by(next_sort(self.table.sort, shown, step))

    def action_sort_reverse(self) -> None:
        sort = self.table.sort
        if sort is None:
            self.notify("Not sorted: > or < (or a click on a heading) sorts", timeout=3)
            return
        self.table.sort_by(replace(sort, reverse=not sort.reverse))

    # --- columns -------------------------------------------------------------------

    def action_choose_columns(self) -> None:
        def chosen(choice: ColumnChoice | None) -> None:
            if choice is not None:
                self.table.set_layout(choice=choice)
                if self.table.sort and self.table.sort.column not in choice.shown:
                    self.table.sort_by(None)

        self.app.push_screen(ColumnsScreen(self.table.choice), chosen)

    # --- saved views ---------------------------------------------------------------

    def current_view(self, name: str) -> View:
        """What the table shows now, as a view named ``name``."""
        sort = self.table.sort
        choice = self.table.choice
        return View(
            name,
            replace(self.listing.filter, as_of=None),
            sort.column if sort else None,
            bool(sort and sort.reverse),
            () if choice == ColumnChoice() else choice.shown,
        )

    def action_save_view(self) -> None:
        """Name the current filters, sort and columns, and commit them as a view."""
        describe = self.listing.filter.describe() or "every action"

        def named(name: str | None) -> None:
            if name is None:
                return
            try:
                commit = save_view(self.root, self.current_view(name), author=self.author)
            except ViewError as err:
                self.notify(line(str(err)), title="View not saved", severity="error", markup=False)
            else:
                done = f"committed {commit[:8]}" if commit else "no change"
                self.notify(f"{name}: {done}", title="View saved", markup=False)
            self.read_saved_views()

        names = [view.name for view in self.views]
        self.app.push_screen(ViewNameScreen(describe, names), named)

    def action_open_view(self, number: int) -> None:
        """Open the ``number``-th saved view (1-9)."""
        if number > len(self.views):
            have = len(self.views)
            self.notify(
                f"No view {number}: the store has {have} (v saves the current one)",
                severity="warning",
                timeout=4,
            )
            return
        self.open_view(self.views[number - 1])

    def open_view(self, view: View) -> None:
        self._set_table(view)
        self.set_filter(view.filter)
        self.notify(f"View {view.name}", timeout=3, markup=False)

    def _set_table(self, view: View) -> None:
        choice = ColumnChoice.of(view.columns) if view.columns else ColumnChoice()
        self.table.set_layout(choice=choice)
        self.table.sort = Sort(view.sort, view.reverse) if view.sort else None
        search = self.query_one("#search", Input)
        search.value = view.filter.search
        search.set_class(bool(view.filter.search), "-active")

    # --- presentation and themes -----------------------------------------------------

    def action_present(self) -> None:
        """The presentation layout (toggle): spaced rows, the columns a room reads,
        no detail pane, the high-contrast theme; off again, the theme chosen before."""
        presenting = not self.has_class("-present")
        self.set_class(presenting, "-present")
        self.table.set_layout(row_height=2 if presenting else 1)
        if presenting:
            self.theme_before_presenting = self.app.theme
            self.app.theme = HIGH_CONTRAST.name
        elif self.theme_before_presenting is not None:
            self.app.theme = self.theme_before_presenting
            self.theme_before_presenting = None

    def action_cycle_theme(self) -> None:
        """The next theme: dark, light, high contrast."""
        self.app.theme = next_theme(self.app.theme)
        self.notify(f"Theme: {self.app.theme}", timeout=2, markup=False)
