"""The main screen's quit flow: quitting, first offering to commit the edits saved on
disk but not committed, committed off the UI thread."""

from __future__ import annotations

from textual import work

from bvtui.git import GitError
from bvtui.store import Store, StoreError
from bvtui.tui.screens.dialogs import QuitChoice, QuitScreen
from bvtui.tui.screens.flows import MainScreenFlow
from bvtui.tui.text import line


class QuitFlow(MainScreenFlow):
    """Quitting the main screen (:class:`~bvtui.tui.screens.main.MainScreen` inherits it)."""

    def confirm_quit(self) -> None:
        """Quit, first offering to commit edits saved on disk but not committed."""
        pending = self._pending_now()
        if not pending:
            self.app.exit()
            return

        def chosen(choice: QuitChoice | None) -> None:
            if choice is QuitChoice.QUIT:
                self.app.exit()
            elif choice is QuitChoice.COMMIT:
                self.notify("Committing your edits...", title="Quit", timeout=3)
                self.commit_and_quit()

        self.app.push_screen(QuitScreen(sorted(pending)), chosen)

    def _pending_now(self) -> set[str]:
        """The actions with uncommitted edits, asked of git now (another program may
        have committed or changed files since the store was read)."""
        if self.store is None or self.store.repo is None:
            return set()
        try:
            return self.store.pending_refs()
        except GitError:
            return set(self.listing.pending)

    @work(thread=True, exclusive=True, group="save", exit_on_error=False)
    def commit_and_quit(self) -> None:
        """Commit every pending edit off the UI thread; quit, or say why not and stay."""
        try:
            failed = [r for r in Store(self.root).commit_pending(author=self.author) if r.error]
        except (StoreError, GitError, OSError) as err:
            self.app.call_from_thread(self._not_committed, line(str(err)))
            return
        if failed:
            reason = f"{failed[0].ref}: {line(failed[0].error)}"
            self.app.call_from_thread(self._not_committed, reason)
        else:
            self.app.call_from_thread(self.app.exit)

    def _not_committed(self, reason: str) -> None:
        self.notify(
            f"{reason}; your edits are still saved on disk (q then q quits anyway)",
            title="Not committed",
            severity="error",
            timeout=12,
            markup=False,
        )
        self.action_reload()
