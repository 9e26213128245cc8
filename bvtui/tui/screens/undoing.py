"""The main screen's undo (``z``): the last bvtui save of the highlighted action
reverted as a new commit (:mod:`bvtui.trail.undo`), after saying which save it is.

The trail is read and the commit made in thread workers; a refusal (a later commit
changed the same fields) is one notification, and nothing changes.
"""

from __future__ import annotations

from textual import work

from bvtui.git import GitError
from bvtui.store import SaveResult
from bvtui.trail import Undo, plan_undo
from bvtui.tui.screens.dialogs import ConfirmScreen
from bvtui.tui.screens.flows import MainScreenFlow
from bvtui.tui.text import line


class UndoFlow(MainScreenFlow):
    """Undo (:class:`~bvtui.tui.screens.main.MainScreen` inherits it)."""

    def action_undo(self) -> None:
        """Find the last save of the highlighted action, then ask before reverting it."""
        action = self.table.current
        if action is None or self.store is None:
            return
        if self.read_only:
            self.refuse_edit()
            return
        self.find_undo(action.ref)

    @work(thread=True, exclusive=True, group="save", exit_on_error=False)
    def find_undo(self, ref: str) -> None:
        """Read the trail for the save to revert (off the UI thread)."""
        if self.store is None:
            return
        try:
            planned = plan_undo(self.store, ref)
        except (ValueError, GitError, OSError) as err:  # UndoRefused, StoreError
            self.app.call_from_thread(self._not_undone, line(str(err)))
            return
        self.app.call_from_thread(self._confirm_undo, ref, planned)

    def _confirm_undo(self, ref: str, planned: Undo) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                self.save_undo(planned)

        question = (
            f"Undo the last save of {line(ref)}?\n{line(planned.describe())}\n"
            "A new commit puts back the fields it changed (z again undoes the undo)."
        )
        self.app.push_screen(ConfirmScreen(question), answered)

    @work(thread=True, exclusive=True, group="save", exit_on_error=False)
    def save_undo(self, planned: Undo) -> None:
        """Commit the undo (off the UI thread)."""
        if self.store is None:
            return
        try:
            results = planned.save(self.store, author=self.author)
        except (ValueError, GitError, OSError) as err:  # StoreError
            self.app.call_from_thread(self._not_undone, line(str(err)))
            return
        self.app.call_from_thread(self._undone, planned, results)

    def _undone(self, planned: Undo, results: list[SaveResult]) -> None:
        failed = next((result for result in results if result.error), None)
        refs = ", ".join(result.ref for result in results)
        if failed is not None:
            self.say_not_committed(f"{refs}: the undo", failed.error)
        else:
            sha = next((result.commit for result in results if result.commit), None) or ""
            self.notify(
                f"{refs}: {planned.commit.short} undone, committed {sha[:8]}",
                title="Undone",
                markup=False,
            )
        self.action_reload()

    def _not_undone(self, reason: str) -> None:
        self.notify(reason, title="Not undone", severity="warning", timeout=12, markup=False)
