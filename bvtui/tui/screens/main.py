"""The main screen: the filter bar, the table of actions and the detail pane.

The store is read in a thread worker (a loading indicator shows meanwhile) and
handed over with a :class:`~bvtui.tui.messages.StoreLoaded` message. Filters run
in memory on the UI thread: at 10,000 actions a filter change costs a few
milliseconds (see :mod:`bvtui.tui.listing`), less than a thread hop would, and the
table renders only the rows on screen. Search typing is debounced.
"""

from __future__ import annotations

import time
from contextlib import nullcontext
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Input, Static
from textual.worker import get_current_worker

from bvtui.git import GitError, Repo
from bvtui.importing import ImportResult
from bvtui.model import Action, Filter
from bvtui.sharing import (
    conflicts_of,
    proposals_waiting,
)
from bvtui.store import Store, StoreError
from bvtui.tui.keys import FOOTER_KEYS, VIEW_KEYS
from bvtui.tui.listing import Listing
from bvtui.tui.messages import StoreLoaded, StoreLoadFailed
from bvtui.tui.screens.changes import ChangesScreen
from bvtui.tui.screens.dashboard import DashboardScreen
from bvtui.tui.screens.edit import EditOutcome, EditScreen
from bvtui.tui.screens.export import Exported, ExportScreen
from bvtui.tui.screens.help import HelpScreen
from bvtui.tui.screens.history import HistoryScreen
from bvtui.tui.screens.import_plan import ImportScreen
from bvtui.tui.screens.marking import MarkingFlow
from bvtui.tui.screens.meeting import MeetingStart
from bvtui.tui.screens.picker import PickerScreen
from bvtui.tui.screens.quitting import QuitFlow
from bvtui.tui.screens.resolve import ResolveScreen
from bvtui.tui.screens.round_flow import RoundFlow
from bvtui.tui.screens.syncing import SyncFlow
from bvtui.tui.screens.table_views import TableViews
from bvtui.tui.screens.undoing import UndoFlow
from bvtui.tui.text import line
from bvtui.tui.widgets.action_table import ActionTable
from bvtui.tui.widgets.detail import ActionDetail
from bvtui.tui.widgets.filter_bar import FilterBar
from bvtui.tui.widgets.sync_progress import SyncProgress

SEARCH_DEBOUNCE = 0.12
"""Seconds of quiet typing before a search is applied."""

EDITING_ACTIONS = frozenset({"edit", "sync", "import_plan", "update_round", "bulk_edit", "undo"})
"""Keys hidden and refused when the app is opened read-only."""

PICKER_FIELDS = {"theme": "themes", "officer": "officers", "plan": "plans", "status": "statuses"}
"""Each picker's filter kind and the :class:`Filter` field it sets."""


class MainScreen(MarkingFlow, UndoFlow, RoundFlow, SyncFlow, TableViews, QuitFlow, Screen[None]):
    """Browse and filter the actions of one store; open the editor and the dashboard
    (marking and bulk edits: :class:`~bvtui.tui.screens.marking.MarkingFlow`; undo:
    :class:`~bvtui.tui.screens.undoing.UndoFlow`; my actions, due an update and the
    update round: :class:`~bvtui.tui.screens.round_flow.RoundFlow`; sync:
    :class:`~bvtui.tui.screens.syncing.SyncFlow`; sort, columns, views and the
    presentation layout: :class:`~bvtui.tui.screens.table_views.TableViews`; quitting:
    :class:`~bvtui.tui.screens.quitting.QuitFlow`)."""

    AUTO_FOCUS = "#table"
    BINDINGS: ClassVar[list[BindingType]] = [
        *FOOTER_KEYS,
        *VIEW_KEYS,
        # priority: run as the app reads the key, not once it has bubbled up from the
        # box, by when the keys typed after it have gone into the box
        Binding("escape", "leave_search", "Leave search", show=False, priority=True),
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
        self.listing = Listing(None, as_of)
        self.load_seconds: float | None = None
        self.proposals: dict[str, str] = {}
        """Each action's proposal waiting for approval, in words (by ref)."""
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
        return self.store is None or self.store.repo is None or self.viewing

    @property
    def viewing(self) -> bool:
        """Opened read-only (``bvtui serve`` without ``--edit``): editing keys hidden."""
        return bool(getattr(self.app, "read_only", False))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "leave_search":  # Escape elsewhere is the focused widget's
            return self.focused is not None and self.focused.id == "search"
        return not (self.viewing and action in EDITING_ACTIONS)

    def refuse_edit(self) -> None:
        why = "this is a view" if self.viewing else "the store is not in a git repository"
        self.notify(f"Read-only: {why}, so edits cannot be saved.", severity="warning")

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
            # git's status of the store runs beside the load, on the other core
            repo = Repo.find(self.root) if self.root.is_dir() else None
            changed = None if repo is None else repo.changed_files_soon(self.root)
            with changed if changed is not None else nullcontext():
                store = Store.open(self.root, on_demand=True)  # actions built as rows are read
                pending = store.pending_refs(changed) if store.repo is not None else set()
            listing = Listing(store, self.as_of, pending)
            proposals = proposals_waiting(store)
        except (StoreError, GitError, OSError) as err:
            self.post_message(StoreLoadFailed(str(err)))
            return
        if not worker.is_cancelled:
            seconds = time.perf_counter() - started
            self.post_message(StoreLoaded(store, listing, seconds, proposals))

    @on(StoreLoaded)
    def _loaded(self, event: StoreLoaded) -> None:
        keep = self.table.current.ref if self.table.current else None
        wanted = self.listing.filter
        self.store, self.listing = event.store, event.listing
        self.load_seconds = event.seconds
        self.proposals = event.proposals
        self.table.measure(self.listing.excerpts)
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
        if self.viewing:
            text = Text("READ-ONLY", style="bold reverse")
            text.append("  a view of the plans: nothing can be changed here.")
            banner.update(text)
        elif self.read_only:
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
            marked=len(self.table.marked),
            due=self.listing.due_shown,
        )

    def _show_detail(self, action: Action | None) -> None:
        uncommitted = action is not None and action.ref in self.listing.pending
        proposal = self.proposals.get(action.ref, "") if action is not None else ""
        self.query_one(ActionDetail).show(action, self.as_of, uncommitted, proposal)

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
        self.set_focus(self.table)  # at once: the keys typed after Escape go to the table

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
            self.refuse_edit()
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
        if self.store is not None:  # the one instance: the listing and the palette read it
            self.store.replace_action(action)
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
            DashboardScreen(
                list(self.listing.shown),
                self.listing.filter,
                self.listing.total,
                self.store,
                proposals=len(self.proposals),
            )
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
        if self.store is not None and not self.read_only:
            self.app.push_screen(ImportScreen(self.store, author=self.author), self._imported)
        elif self.store is not None:
            self.refuse_edit()

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

    def action_meeting(self, name: str | None = None, since: str | None = None) -> None:
        """Meeting mode on the actions shown (key M; ``bvtui meet``)."""
        if self.store is not None:
            start = MeetingStart(self.store, list(self.listing.shown), self.as_of, self.author)
            start.open(self.app, name, since, self.read_only, done=self.action_reload)

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen())

    def action_reload(self) -> None:
        self.table.loading = True
        self.load_store()
