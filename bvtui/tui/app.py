"""The bvtui terminal app: opens the main screen on a store.

Kept small on purpose: screens live in :mod:`bvtui.tui.screens`, widgets in
:mod:`bvtui.tui.widgets`, styles in ``styles/app.tcss``.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.screen import Screen

from bvtui.tui.commands import ActionCommands, OfficerCommands, ThemeCommands
from bvtui.tui.keys import MAIN_KEYS, key_label
from bvtui.tui.messages import StoreLoaded, StoreLoadFailed
from bvtui.tui.screens.dialogs import QuitScreen
from bvtui.tui.screens.main import MainScreen
from bvtui.tui.settings import save_theme, saved_theme
from bvtui.tui.text import theme_styles
from bvtui.tui.themes import HIGH_CONTRAST
from bvtui.tui.typeahead import TypeAheadApp


class BvtuiApp(TypeAheadApp):
    """Browse, filter, edit and report on the improvement plans of one store.

    Args:
        root: the store folder.
        as_of: the date overdue is judged on (None: each plan's own, else today).
        author: ``Name <email>`` to commit as (None: ``$BVTUI_AUTHOR``, else git's).
    """

    CSS_PATH = "styles/app.tcss"
    TITLE = "bvtui"
    COMMANDS: ClassVar = App.COMMANDS | {ActionCommands, OfficerCommands, ThemeCommands}
    ENABLE_COMMAND_PALETTE = True

    def __init__(
        self,
        root: Path,
        *,
        as_of: date | None = None,
        author: str | None = None,
        meeting: MeetingArgs | None = None,
        read_only: bool = False,
        view: str | None = None,
        present: bool = False,
    ):
        super().__init__()
        self.root = Path(root)
        self.as_of = as_of
        self.author = author
        self.meeting = meeting
        self.read_only = read_only
        self.view = view
        self.present = present
        self.register_theme(HIGH_CONTRAST)
        self._theme_restored = False
        self._frozen = False
        self._collector_paused = False
        self.console.push_theme(theme_styles(self.get_css_variables()))

    def on_mount(self) -> None:
        """Start in the theme the user chose last time (when it is still there), and
        pause the cyclic collector until the first load is shown.

        The first load builds the store's actions, many long-lived objects without
        cycles, in a worker: with the collector running, its full collections walk
        them again and again as they pile up, more than doubling a large store's
        launch (bench/README.md, "the app's collector"). It is paused here, at the
        process's edge, for those seconds only, and resumed (after one collection and
        a freeze) once the rows are drawn or the load has failed."""
        saved = saved_theme(self.available_themes)
        if saved is not None:
            self.theme = saved
        self._theme_restored = True
        if not self._frozen and gc.isenabled():
            gc.disable()
            self._collector_paused = True

    def on_store_load_failed(self, _event: StoreLoadFailed) -> None:
        self._resume_collector()

    def on_unmount(self) -> None:
        self._resume_collector()

    def _resume_collector(self) -> None:
        if self._collector_paused:
            self._collector_paused = False
            gc.enable()

    def watch_theme(self, theme: str) -> None:
        """Colour the named styles for the new theme, redraw, and remember the choice."""
        self.console.pop_theme()
        self.console.push_theme(theme_styles(self.get_css_variables()))
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen) and screen.is_mounted:
                screen.restyle()
        main = self.screen_stack[0] if self.screen_stack else None
        presenting = isinstance(main, MainScreen) and main.has_class("-present")
        if self._theme_restored and not presenting:  # a presentation's theme is not kept
            problem = save_theme(theme)
            if problem is not None:
                self.notify(problem, title="Theme not saved", severity="warning", markup=False)

    def on_store_loaded(self, _event: StoreLoaded) -> None:
        """After the first load, once its rows are shown: one collection, then every
        object alive (the store's actions, the listing, Textual's own) moved out of the
        collector's reach with ``gc.freeze``.

        A store's actions are many long-lived objects without cycles: left in the
        collected generations, every full collection while the app runs would walk
        them all again, and the launch pays such collections as they pile up
        (bench/README.md, "the app's collector"). Done here, on the UI thread and once,
        at the process's edge: the domain and the workers leave the collector alone,
        and what a reload lets go is freed by refcounting or the next collection."""
        if not self._frozen:
            self._frozen = True
            self.call_after_refresh(self._collect_then_freeze)  # the rows are drawn first
            self._open_meeting()

    def _open_meeting(self) -> None:
        """``bvtui meet``: once the store is read, meeting mode on the plans asked for."""
        main = self.screen_stack[0] if self.screen_stack else None
        if self.meeting is not None and isinstance(main, MainScreen):
            meeting, self.meeting = self.meeting, None
            if meeting.plans:
                main.set_filter(replace(main.listing.filter, plans=meeting.plans))
            main.action_meeting(meeting.name, meeting.since)

    def _collect_then_freeze(self) -> None:
        gc.collect()
        gc.freeze()
        self._resume_collector()

    def get_default_screen(self) -> Screen:
        return MainScreen(
            self.root, as_of=self.as_of, author=self.author, view=self.view, present=self.present
        )

    async def action_quit(self) -> None:
        """Quit (q, ctrl+q, the palette), first offering to commit uncommitted edits."""
        main = self.screen_stack[0] if self.screen_stack else None
        if isinstance(main, MainScreen) and not isinstance(self.screen, QuitScreen):
            main.confirm_quit()
        else:
            self.exit()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette's commands: Textual's own, and every key of the main screen."""
        yield from super().get_system_commands(screen)
        if isinstance(screen, MainScreen):
            for binding in MAIN_KEYS:
                if binding.action.startswith("app."):
                    continue
                yield SystemCommand(
                    binding.tooltip or binding.description,
                    f"key {key_label(binding)}",
                    partial(screen.run_action, binding.action),
                )


@dataclass(frozen=True)
class MeetingArgs:
    """``bvtui meet``: the meeting the app opens in once the store is read."""

    name: str | None
    """None: the app asks for it."""
    since: str | None = None
    plans: frozenset[str] = frozenset()


def run_app(
    root: Path,
    as_of: date | None,
    author: str | None,
    *,
    meeting: MeetingArgs | None = None,
    read_only: bool = False,
    view: str | None = None,
    present: bool = False,
) -> int:
    """Run the app on the store at ``root`` until the user quits; the exit code.

    ``view`` names a saved view to open on; ``present`` starts in the presentation
    layout."""
    app = BvtuiApp(
        root,
        as_of=as_of,
        author=author,
        meeting=meeting,
        read_only=read_only,
        view=view,
        present=present,
    )
    app.run()
    return app.return_code or 0
