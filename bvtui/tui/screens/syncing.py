"""The main screen's sync with the git remote (``S``): run in a worker with a progress
bar, then the conflicts it stopped on opened one by one, then the sync finished."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual import work
from textual.notifications import SeverityLevel

from bvtui.git import GitError
from bvtui.sharing import SyncError, conflicted_refs, continue_sync, in_progress, sync
from bvtui.store import Store, StoreError
from bvtui.tui.messages import SyncDone
from bvtui.tui.screens.flows import MainScreenFlow
from bvtui.tui.screens.resolve import ResolveScreen
from bvtui.tui.text import line

if TYPE_CHECKING:
    from bvtui.tui.widgets.sync_progress import SyncProgress


class SyncFlow(MainScreenFlow):
    """Sync, and resolving what a sync stopped on, for the main screen."""

    if TYPE_CHECKING:
        sync_progress: SyncProgress
        _to_resolve: list[str]

        def refuse_edit(self) -> None: ...

    def action_sync(self) -> None:
        """Sync in a worker; a sync stopped on conflicts opens them instead."""
        if self.read_only or self.store is None or self.store.repo is None:
            self.refuse_edit()
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

    def on_sync_done(self, event: SyncDone) -> None:
        """Say how the sync went; reload; open the conflicts it stopped on."""
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
