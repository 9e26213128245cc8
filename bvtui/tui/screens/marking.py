"""The main screen's marks and bulk edit: ``space`` marks the highlighted action, ``V``
every action shown (again: none), ``B`` edits the marked ones in one commit, made off
the UI thread through the same bulk save as ``bvtui set`` (:func:`bvtui.store.save_bulk`).
"""

from __future__ import annotations

from textual import work

from bvtui.git import GitError
from bvtui.model import Action
from bvtui.store import BulkEdit, SaveResult, save_bulk
from bvtui.tui.listing import Rows
from bvtui.tui.screens.bulk import BulkScreen
from bvtui.tui.screens.flows import MainScreenFlow
from bvtui.tui.text import line


class MarkingFlow(MainScreenFlow):
    """Marks and the bulk edit (:class:`~bvtui.tui.screens.main.MainScreen` inherits it)."""

    def action_toggle_mark(self) -> None:
        """Mark or unmark the highlighted action, then move to the next one."""
        current = self.table.current
        if current is None:
            return
        self.table.toggle_mark(current.ref)
        self.table.action_cursor(1)
        self._show_bar()

    def action_mark_all(self) -> None:
        """Mark every action shown; when they are all marked already, unmark all."""
        shown = set(self.listing.shown.refs())
        if not shown:
            return
        self.table.set_marks(set() if shown <= self.table.marked else self.table.marked | shown)
        self._show_bar()

    def marked_actions(self) -> list[Action]:
        """The marked actions as the store holds them now, in the store's order."""
        listing = self.listing
        found = (listing.position(ref) for ref in self.table.marked)
        return list(Rows(listing.store, sorted(at for at in found if at is not None)))

    def action_bulk_edit(self) -> None:
        """Open the bulk dialog on the marked actions."""
        if self.store is None:
            return
        if self.read_only:
            self.refuse_edit()
            return
        actions = self.marked_actions()
        if not actions:
            self.notify(
                "No action is marked: space marks the highlighted one, V every one shown.",
                severity="warning",
            )
            return

        def chosen(edit: BulkEdit | None) -> None:
            if edit is not None:
                self.notify(f"Saving {len(actions)} actions...", title="Bulk edit", timeout=3)
                self.save_bulk_edit(actions, edit)

        self.app.push_screen(BulkScreen(actions), chosen)

    @work(thread=True, exclusive=True, group="save", exit_on_error=False)
    def save_bulk_edit(self, actions: list[Action], edit: BulkEdit) -> None:
        """Save the edit on every action in one commit, off the UI thread."""
        if self.store is None:
            return
        try:
            results = save_bulk(self.store, actions, edit, author=self.author)
        except (ValueError, GitError, OSError) as err:  # StoreError, ValidationError
            self.app.call_from_thread(self._bulk_failed, line(str(err)))
            return
        self.app.call_from_thread(self._bulk_saved, results)

    def _bulk_saved(self, results: list[SaveResult]) -> None:
        changed = [result for result in results if result.changes]
        failed = next((result for result in changed if result.error), None)
        if failed is not None:
            self.say_not_committed(f"{len(changed)} actions", failed.error)
        elif changed:
            sha = (changed[0].commit or "")[:8]
            self.notify(f"{len(changed)} actions: committed {sha}", title="Saved", markup=False)
        else:
            self.notify("No change: every marked action already had that value.", markup=False)
        self.table.set_marks(set())
        self.action_reload()

    def _bulk_failed(self, reason: str) -> None:
        self.notify(
            f"Not saved, nothing changed: {reason}",
            title="Bulk edit",
            severity="error",
            timeout=12,
            markup=False,
        )
