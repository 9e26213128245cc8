"""The main screen: the filter bar, the table of actions and the detail pane.

The store is read in a thread worker (a loading indicator shows meanwhile) and
handed over with a :class:`~bvtui.tui.messages.StoreLoaded` message. Filters run
in memory on the UI thread: at 10,000 actions a filter change costs a few
milliseconds (see :mod:`bvtui.tui.listing`), less than a thread hop would, and the
table renders only the rows on screen. Search typing is debounced.
"""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Input, Static
from textual.worker import get_current_worker

from bvtui.git import GitError
from bvtui.importing import ImportResult
from bvtui.model import Action, Filter
from bvtui.sharing import SyncError, conflicted_refs, conflicts_of, continue_sync, in_progress, sync
from bvtui.store import Store, StoreError
from bvtui.tui.keys import FOOTER_KEYS, VIEW_KEYS
from bvtui.tui.listing import Listing
from bvtui.tui.messages import StoreLoaded, StoreLoadFailed, SyncDone
from bvtui.tui.screens.changes import ChangesScreen
from bvtui.tui.screens.dashboard import DashboardScreen
from bvtui.tui.screens.edit import EditOutcome, EditScreen
from bvtui.tui.screens.export import Exported, ExportScreen
from bvtui.tui.screens.help import HelpScreen
from bvtui.tui.screens.history import HistoryScreen
from bvtui.tui.screens.import_plan import ImportScreen
from bvtui.tui.screens.picker import PickerScreen
from bvtui.tui.screens.quitting import QuitFlow
from bvtui.tui.screens.resolve import ResolveScreen
from bvtui.tui.screens.table_views import TableViews
from bvtui.tui.text import line
from bvtui.tui.widgets.action_table import ActionTable
from bvtui.tui.widgets.detail import ActionDetail
from bvtui.tui.widgets.filter_bar import FilterBar
from bvtui.tui.widgets.sync_progress import SyncProgress

SEARCH_DEBOUNCE = 0.12
"""Seconds of quiet typing before a search is applied."""

PICKER_FIELDS = {"theme": "themes", "officer": "officers", "plan": "plans", "status": "statuses"}
"""Each picker's filter kind and the :class:`Filter` field it sets."""


class MainScreen(QuitFlow, TableViews, Screen[None]):
    """Browse and filter the actions of one store; open the editor and the dashboard
    (quitting: :class:`~bvtui.tui.screens.quitting.QuitFlow`; sort, columns, views and
    the presentation layout: :class:`~bvtui.tui.screens.table_views.TableViews`)."""

    AUTO_FOCUS = "#table"
    BINDINGS: ClassVar[list[BindingType]] = [
        *FOOTER_KEYS,
        *VIEW_KEYS,
        Binding("escape", "leave_search", "Leave search", show=False),
    ]

    def __init__(
        self,
        root: Path,
        *,
        as_of: date | None,
        author: str | None,
        view: str | None = None,
        present: bool = False,
    ) -> None:
        super().__init__()
        self.root = root
        self.views = []
        self.opening_view = view
        self.present_at_start = present
        self.as_of = as_of
        self.author = author
        self.store: Store | None = None
        self.listing = Listing([], as_of)
        self.load_seconds: float | None = None
        self._search_timer: Timer | None = None
        self._to_resolve: list[str] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="banner")
        yield FilterBar(id="filter-bar")
        yield Input(placeholder="search title, objective, officers, updates", id="search")
        yield ActionTable(as_of=self.as_of, id="table")
        yield ActionDetail(id="detail")
        self.sync_progress = SyncProgress(id="sync-progress")
        yield self.sync_progress
        yield Footer(compact=True)

    @property
    def table(self) -> ActionTable:
        return self.query_one("#table", ActionTable)

    @property
    def read_only(self) -> bool:
        return self.store is None or self.store.repo is None

    def on_mount(self) -> None:
        self.sub_title = line(self.root.name)
        self.table.loading = True
        self.table.focus()
        if self.present_at_start:
            self.action_present()
        self.load_store()

    # --- loading -----------------------------------------------------------------

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load_store(self) -> None:
        """Read the store and build the listing off the UI thread."""
        worker = get_current_worker()
        started = time.perf_counter()
        try:
            store = Store.open(self.root)
            pending = store.pending_refs() if store.repo is not None else set()
            listing = Listing(store.actions, self.as_of, pending)
        except (StoreError, GitError, OSError) as err:
            self.post_message(StoreLoadFailed(str(err)))
            return
        if not worker.is_cancelled:
            self.post_message(StoreLoaded(store, listing, time.perf_counter() - started))

    @on(StoreLoaded)
    def _loaded(self, event: StoreLoaded) -> None:
        keep = self.table.current.ref if self.table.current else None
        wanted = self.listing.filter
        self.store, self.listing = event.store, event.listing
        self.load_seconds = event.seconds
        self.table.measure(self.listing.actions)
        self.table.loading = False
        if not isinstance(self.focused, Input):
            self.table.focus()
        self._show_banner()
        self.read_saved_views()
        self.set_filter(self.first_filter(wanted), keep=keep)
        if event.store.problems:
            lines = [line(str(problem)) for problem in event.store.problems[:5]]
            more = len(event.store.problems) - len(lines)
            if more > 0:
                lines.append(f"... and {more} more (bvtui validate lists them all)")
            self.notify(
                "\n".join(lines), title="Files that did not load", severity="warning", markup=False
            )
        self._open_next_conflict()

    @on(StoreLoadFailed)
    def _load_failed(self, event: StoreLoadFailed) -> None:
        self.table.loading = False
        self.table.empty_message = f"The store could not be read: {line(event.reason)}"
        self.table.set_rows([])
        self.notify(
            line(event.reason), title="Cannot read the store", severity="error", markup=False
        )

    def _show_banner(self) -> None:
        banner = self.query_one("#banner", Static)
        banner.display = self.read_only
        if self.read_only:
            text = Text("READ-ONLY", style="bold reverse")
            text.append(f"  {line(self.root)} is not in a git repository: ")
            text.append("edits cannot be saved as commits. Run git init (or bvtui init) to edit.")
            banner.update(text)

    # --- filtering ---------------------------------------------------------------

    def set_filter(self, wanted: Filter, keep: str | None = None) -> None:
        """Apply ``wanted`` and redraw the table, the bar and the detail pane."""
        if keep is None and self.table.current is not None:
            keep = self.table.current.ref
        rows = self.listing.set_filter(wanted)
        self.table.pending = self.listing.pending
        self.table.empty_message = (
            "No actions in this store"
            if not self.listing.total
            else "No action matches these filters (x clears them)"
        )
        self.table.set_rows(rows, keep=keep)
        self._show_bar()
        self._show_detail(self.table.current)

    def restyle(self) -> None:
        """Draw everything again in the theme's colours (after a change of theme)."""
        self.table.restyle()
        self._show_bar()
        self.query_one(ActionDetail).restyle()

    def _show_bar(self) -> None:
        problems = len(self.store.problems) if self.store else 0
        self.query_one(FilterBar).show(
            self.listing.filter,
            len(self.listing.shown),
            self.listing.total,
            len(self.listing.pending),
            problems,
        )

    def _show_detail(self, action: Action | None) -> None:
        uncommitted = action is not None and action.ref in self.listing.pending
        self.query_one(ActionDetail).show(action, self.as_of, uncommitted)

    @on(ActionTable.Highlighted)
    def _highlighted(self, event: ActionTable.Highlighted) -> None:
        self._show_detail(event.action)

    @on(ActionTable.Selected)
    def _selected(self, event: ActionTable.Selected) -> None:
        self.open_editor(event.action)

    def action_toggle_rag(self, rag: str) -> None:
        self.set_filter(self.listing.filter.toggled_rag(rag))

    def action_toggle_overdue(self) -> None:
        wanted = self.listing.filter
        self.set_filter(replace(wanted, overdue=not wanted.overdue))

    def action_clear_filters(self) -> None:
        search = self.query_one("#search", Input)
        search.value = ""
        search.remove_class("-active")
        self.set_filter(self.listing.filter.cleared())
        self.table.focus()

    def action_pick(self, kind: str) -> None:
        """Open the picker for a filter kind (theme, officer, plan, status)."""
        field = PICKER_FIELDS[kind]
        selected: frozenset[str] = getattr(self.listing.filter, field)

        def picked(values: frozenset[str] | None) -> None:
            if values is not None:
                changes: dict[str, Any] = {field: values}
                self.set_filter(replace(self.listing.filter, **changes))

        self.app.push_screen(PickerScreen(kind, self.listing.values(kind), selected), picked)

    # --- search ------------------------------------------------------------------

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        search.add_class("-active")
        self.set_focus(search)  # at once: the keys typed after / go to the box

    @on(Input.Changed, "#search")
    def _search_typed(self, event: Input.Changed) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(SEARCH_DEBOUNCE, self._apply_search)

    def _apply_search(self) -> None:
        self._search_timer = None
        text = self.query_one("#search", Input).value
        if text != self.listing.filter.search:
            self.set_filter(replace(self.listing.filter, search=text))

    @on(Input.Submitted, "#search")
    def _search_submitted(self) -> None:
        self.action_leave_search()

    def action_leave_search(self) -> None:
        """Back to the table; the search stays applied (x clears it)."""
        search = self.query_one("#search", Input)
        if not search.has_focus:
            return
        if self._search_timer is not None:
            self._search_timer.stop()
        self._apply_search()
        search.set_class(bool(search.value), "-active")
        self.table.focus()

    # --- jumping (command palette) -----------------------------------------------

    def jump_to(self, ref: str) -> None:
        """Put the cursor on ``ref``, clearing the filters when they hide it."""
        if not self.table.move_to(ref):
            self.action_clear_filters()
            self.table.move_to(ref)
        self.table.focus()

    def filter_only(self, kind: str, value: str) -> None:
        """Filter on exactly one theme or officer (from the command palette)."""
        field = PICKER_FIELDS[kind]
        changes: dict[str, Any] = {field: frozenset({value})}
        self.set_filter(replace(self.listing.filter, **changes))

    # --- editing, dashboard, help ------------------------------------------------

    def action_edit(self) -> None:
        if self.table.current is not None:
            self.open_editor(self.table.current)

    def open_editor(self, action: Action) -> None:
        if self.store is None:
            return
        if self.read_only:
            self.notify(
                "Read-only: the store is not in a git repository, so edits cannot be committed.",
                severity="warning",
            )
            return
        if conflicts_of(action):
            self.app.push_screen(
                ResolveScreen(self.store, action, author=self.author), self._resolved
            )
            return
        editor = EditScreen(self.store, action, author=self.author, as_of=self.as_of)
        self.app.push_screen(editor, self._edited)

    def _edited(self, outcome: EditOutcome | None) -> None:
        """Show the result of an edit: the new values, and whether it was committed."""
        if outcome is None:
            return
        action, result = outcome.action, outcome.result
        self.listing.replace_action(action)
        if self.store is not None:
            self.store.actions = [action if a.ref == action.ref else a for a in self.store.actions]
        if result is None:
            self.notify(f"{action.ref}: {outcome.note}", timeout=12, markup=False)
        elif result.pending:
            self.listing.pending.add(action.ref)
            self.notify(
                f"{action.ref}: saved to disk but NOT committed: {line(result.error)}",
                title="Not committed",
                severity="error",
                timeout=12,
                markup=False,
            )
        elif result.commit:
            self.listing.pending.discard(action.ref)
            done = f"committed {result.commit[:8]}"
            note = f" ({outcome.note})" if outcome.note else ""
            self.notify(f"{action.ref}: {done}{note}", title="Saved", markup=False)
        else:
            self.notify(f"{action.ref}: no change", markup=False)
        self.set_filter(self.listing.filter, keep=action.ref)

    def action_dashboard(self) -> None:
        self.app.push_screen(
            DashboardScreen(list(self.listing.shown), self.listing.filter, self.listing.total)
        )

    def action_export(self) -> None:
        """Write exactly the actions the filters show as a report (the export dialog)."""
        if self.store is not None:
            shown = list(self.listing.shown)
            dialog = ExportScreen(self.store, shown, self.listing.filter, self.as_of)
            self.app.push_screen(dialog, self._exported)

    def _exported(self, written: Exported | None) -> None:
        if written is not None:
            self.notify(str(written), title="Report written", markup=False)

    def action_import_plan(self) -> None:
        """Import a council's spreadsheet as a plan (the import dialog, key i)."""
        if self.store is not None and self.store.repo is not None:
            self.app.push_screen(ImportScreen(self.store, author=self.author), self._imported)
        elif self.store is not None:
            self.notify("Read-only: the store is in no git repository.", severity="warning")

    def _imported(self, result: ImportResult | None) -> None:
        if result is None:
            return
        done = f"{result.plan}: {len(result.created)} new, {len(result.updated)} updated"
        if result.error:
            self.notify(f"{done}; not committed: {result.error}", severity="warning", markup=False)
        else:
            self.notify(f"{done}; committed {(result.commit or '')[:10]}", markup=False)
        self.action_reload()

    def action_history(self) -> None:
        """The highlighted action's history (key h)."""
        action = self.table.current
        if action is None:
            self.notify(
                "No action is highlighted: no history to show (x clears the filters).",
                severity="warning",
            )
            return
        if self.store is None or self.store.repo is None:
            self.notify("No history: the store is not in a git repository.", severity="warning")
            return
        path = self.store.repo.relative(self.store.action_path(action))
        self.app.push_screen(HistoryScreen(self.store.repo, path, action))

    def action_changes(self) -> None:
        """What moved across the store since a date or a snapshot (key c)."""
        if self.store is None or self.store.repo is None:
            self.notify("No changes to show: the store is not in git.", severity="warning")
            return
        repo = self.store.repo
        self.app.push_screen(ChangesScreen(repo, repo.relative(self.store.root)))

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen())

    def action_reload(self) -> None:
        self.table.loading = True
        self.load_store()

    # --- sharing: sync with the git remote, resolve conflicts ----------------------

    def action_sync(self) -> None:
        """Sync in a worker; a sync stopped on conflicts opens them instead."""
        if self.read_only or self.store is None or self.store.repo is None:
            self.notify("Read-only: the store is not in a git repository.", severity="warning")
            return
        if in_progress(self.store.repo):
            self._to_resolve = conflicted_refs(self.store)
            if self._to_resolve:
                self._open_next_conflict()
                return
        self.notify("Syncing with the git remote...", title="Sync", timeout=3)
        self.run_sync(resume=in_progress(self.store.repo) is not None)

    @work(thread=True, exclusive=True, group="sync", exit_on_error=False)
    def run_sync(self, resume: bool = False) -> None:
        """Commit, fetch, integrate and push off the UI thread (or finish a stopped sync)."""
        store = Store(self.root)
        try:
            run = continue_sync if resume else partial(sync, author=self.author)
            result = run(store, progress=self.sync_progress.reporter())
        except (SyncError, GitError, StoreError, OSError) as err:
            self.post_message(SyncDone(str(err), [], failed=True))
            return
        self.post_message(SyncDone(result.line(), list(result.conflicts)))

    @on(SyncDone)
    def _synced(self, event: SyncDone) -> None:
        self.sync_progress.hide()
        severity: SeverityLevel = (
            "error" if event.failed else "warning" if event.conflicts else "information"
        )
        self.notify(line(event.line), title="Sync", severity=severity, timeout=12, markup=False)
        self._to_resolve = list(event.conflicts)
        self.action_reload()

    def _open_next_conflict(self) -> None:
        while self._to_resolve and self.store is not None:
            ref = self._to_resolve.pop(0)
            try:
                action = self.store.find(ref)
            except StoreError:
                continue
            self.app.push_screen(
                ResolveScreen(self.store, action, author=self.author), self._resolved
            )
            return

    def _resolved(self, saved: bool | None) -> None:
        """After a resolution: the next conflict, else finish the stopped sync."""
        if not saved:
            self._to_resolve = []
            self.action_reload()
            return
        if self._to_resolve:
            self._open_next_conflict()
        elif self.store is not None and self.store.repo and in_progress(self.store.repo):
            self.notify("Conflicts resolved: finishing the sync...", title="Sync", timeout=3)
            self.run_sync(resume=True)
        else:
            self.action_reload()
