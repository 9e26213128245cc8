"""What the main screen gives the flows it inherits (quitting, marking, undo): one
declaration, for the type checker, of the attributes and methods they use."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.screen import Screen

from bvtui.tui.text import line

if TYPE_CHECKING:
    from bvtui.store import Store
    from bvtui.tui.listing import Listing
    from bvtui.tui.widgets.action_table import ActionTable

    _Screen = Screen[None]
else:
    _Screen = object


class MainScreenFlow(_Screen):
    """The base of the main screen's flows; at run time a plain mixin."""

    if TYPE_CHECKING:  # what MainScreen gives
        root: Path
        author: str | None
        store: Store | None
        listing: Listing

        @property
        def table(self) -> ActionTable: ...

        @property
        def read_only(self) -> bool: ...

        def refuse_edit(self) -> None: ...

        def _show_bar(self) -> None: ...

        def action_reload(self) -> None: ...

    def say_not_committed(self, what: str, error: str | None) -> None:
        """Say, as an error that stays a while, that ``what`` is saved on disk but not
        committed, and git's reason."""
        self.notify(
            f"{what} saved to disk but NOT committed: {line(error)}",
            title="Not committed",
            severity="error",
            timeout=12,
            markup=False,
        )
