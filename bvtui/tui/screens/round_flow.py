"""The main screen's update-round keys: ``m`` my actions, ``u`` due an update, and ``U``
the round itself, stepping through the actions shown in the edit screen.

"Me" is :func:`bvtui.store.whoami`: the officer the identity saves commit as stands
for. The round keeps the refs shown when it starts and opens each in turn in a
:class:`~bvtui.tui.screens.round_edit.RoundEditScreen`; every save is the edit screen's
own (one commit through ``Store.save_action``), reported as any edit is.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from textual.screen import Screen

from bvtui.sharing import conflicts_of
from bvtui.store import Me, Store, StoreError, whoami
from bvtui.tui.listing import Listing
from bvtui.tui.screens.edit import EditOutcome
from bvtui.tui.screens.round_edit import RoundEditScreen
from bvtui.tui.text import line

if TYPE_CHECKING:
    from bvtui.model import Filter

    _Screen = Screen[None]
else:
    _Screen = object


@dataclass
class UpdateRound:
    """A round under way: the refs it steps through, where it is, what it did."""

    refs: list[str]
    index: int = 0
    saved: int = 0
    skipped: int = 0

    def summary(self) -> str:
        left = len(self.refs) - self.index
        text = f"{self.saved} saved, {self.skipped} skipped"
        return text + (f", {left} not reached" if left > 0 else "")


class RoundFlow(_Screen):
    """``m``, ``u`` and ``U`` of the main screen (:class:`MainScreen` inherits them)."""

    if TYPE_CHECKING:  # what MainScreen gives
        author: str | None
        as_of: date | None
        store: Store | None
        listing: Listing

        @property
        def read_only(self) -> bool: ...

        def refuse_edit(self) -> None: ...

        def set_filter(self, wanted: Filter, keep: str | None = None) -> None: ...

        def _edited(self, outcome: EditOutcome | None) -> None: ...

    _me: tuple[Store, Me] | None = None
    _round: UpdateRound | None = None

    # --- m and u -------------------------------------------------------------------

    def me(self) -> Me | None:
        """Who "me" is for the store loaded (asked of git once per load)."""
        store = self.store
        if store is None:
            return None
        if self._me is None or self._me[0] is not store:
            try:
                self._me = (store, whoami(store, self.author))
            except StoreError as err:
                self.notify(line(err), title="Who are you?", severity="error", markup=False)
                return None
        return self._me[1]

    def action_toggle_mine(self) -> None:
        """Show my actions only (the officer filter set to me), or all officers again."""
        me = self.me()
        if me is None:
            return
        if me.found is None:
            self.notify(line(me.unknown()), title="Who are you?", severity="warning", markup=False)
            return
        wanted = self.listing.filter
        mine = frozenset({me.found.officer})
        self.set_filter(replace(wanted, officers=frozenset() if wanted.officers == mine else mine))

    def action_toggle_due_update(self) -> None:
        wanted = self.listing.filter
        self.set_filter(replace(wanted, due_update=not wanted.due_update))

    # --- U: the round ----------------------------------------------------------------

    def action_update_round(self) -> None:
        """Step through the actions shown: each opens in the edit screen in turn."""
        if self.store is None:
            return
        if self.read_only:
            self.refuse_edit()
            return
        refs = self.listing.shown.refs()
        if not refs:
            self.notify("No action is shown: no round to step through.", severity="warning")
            return
        self._round = UpdateRound(refs)
        self._open_round_step()

    def _open_round_step(self) -> None:
        """Open the round's next action (those in a sync conflict are skipped)."""
        step = self._round
        if step is None or self.store is None:
            return
        while step.index < len(step.refs):
            action = self.listing.find(step.refs[step.index])
            if action is not None and not conflicts_of(action):
                screen = RoundEditScreen(
                    self.store,
                    action,
                    author=self.author,
                    as_of=self.as_of,
                    step=step.index + 1,
                    steps=len(step.refs),
                )
                self.app.push_screen(screen, partial(self._round_stepped, screen))
                return
            step.skipped += 1
            step.index += 1
        self._end_round()

    def _round_stepped(self, screen: RoundEditScreen, outcome: EditOutcome | None) -> None:
        step = self._round
        if step is None:
            return
        if outcome is not None:
            self._edited(outcome)
            if outcome.result is not None and outcome.result.pending:
                step.index += 1  # on disk, not committed: the toast above says why
                self._end_round("stopped: the last save was not committed")
                return
            step.saved += outcome.result is not None and bool(outcome.result.commit)
        elif not screen.skipped:  # Escape: the round ends here
            self._end_round("ended")
            return
        else:
            step.skipped += 1
        step.index += 1
        self._open_round_step()

    def _end_round(self, how: str = "done") -> None:
        step, self._round = self._round, None
        if step is not None:
            self.notify(f"Update round {how}: {step.summary()}.", title="Round", markup=False)
