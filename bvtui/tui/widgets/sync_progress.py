"""The app's sync progress: git's stage and a progress bar, above the footer while a
sync fetches or pushes, hidden otherwise.

The sync runs in a thread worker; :meth:`SyncProgress.reporter` gives it a callback
that hands each (stage, count, total) to the UI thread with ``call_from_thread``, and
only when what is shown would change (a new stage or percent), so a large fetch does
not flood the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, ProgressBar


class SyncProgress(Horizontal):
    """``Sync: receiving objects [=====     ] 45%``, docked at the bottom."""

    DEFAULT_CSS = """
    SyncProgress {
        dock: bottom;
        height: 1;
        display: none;
        padding: 0 1;
    }
    SyncProgress Label {
        width: auto;
        margin-right: 1;
    }
    """

    def compose(self) -> ComposeResult:
        yield Label("Sync:", id="sync-stage")
        yield ProgressBar(show_eta=False, id="sync-bar")

    def show(self, stage: str, count: int, total: int | None) -> None:
        """Show ``stage`` at ``count`` of ``total`` (an indeterminate bar when None)."""
        self.display = True
        self.query_one("#sync-stage", Label).update(f"Sync: {stage}")
        self.query_one("#sync-bar", ProgressBar).update(total=total, progress=count)

    def hide(self) -> None:
        self.display = False

    def reporter(self) -> Callable[[str, int, int | None], None]:
        """A progress callback for a worker thread: updates this widget on the UI thread."""
        shown: list[tuple[str, int | None]] = []

        def report(stage: str, count: int, total: int | None) -> None:
            key = (stage, count * 100 // total if total else None)
            if shown and shown[-1] == key and total:
                return
            shown[:] = [key]
            self.app.call_from_thread(self.show, stage, count, total)

        return report
