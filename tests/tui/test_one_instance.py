"""One instance of each action in the app: an edit replaces it in the store, and every
view (table, detail, filters, dashboard, palette) shows the new values from there."""

from __future__ import annotations

from pathlib import Path

from helpers import SIZE, main_screen, make_app, screen_text, settle, shown_refs
from textual.widgets import Input

from bvtui.tui.commands import ActionCommands
from bvtui.tui.screens.dashboard import DashboardScreen
from bvtui.tui.screens.edit import EditScreen

REF = "elections-demo/1.3"


async def test_an_edit_shows_in_every_view_from_the_one_instance(store_dir: Path) -> None:
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        store = screen.store
        assert store is not None
        assert screen.listing.actions is store.actions  # the listing holds no copy
        palette = ActionCommands(screen)
        before = palette.index(screen.listing)
        assert screen.table.move_to(REF)
        await pilot.press("e")
        await pilot.pause()
        editor = pilot.app.screen
        assert isinstance(editor, EditScreen)
        await pilot.press("enter", "down", "enter")  # On Target -> Delayed
        progress = editor.query_one("#progress", Input)
        progress.focus()
        await pilot.press("ctrl+u", *"40")
        editor.query_one("#update").focus()
        await pilot.press(*"Venues rebooked at Mulberry Hall.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert pilot.app.screen is screen

        # one instance: the store's, which the listing, the table and the detail show
        edited = store.find(REF)
        assert edited.status == "Delayed" and edited.progress == 40
        assert screen.listing.actions is store.actions
        assert screen.listing.find(REF) is edited and screen.table.current is edited
        index = store.actions.index(edited)
        assert store.excerpts[index] == edited.excerpt()
        text = screen_text(pilot)
        assert "▲ Delayed" in text and "Venues rebooked at Mulberry Hall." in text

        # the filters judge the new values: its RAG, and its new update's words
        await pilot.press("a")
        await settle(pilot)
        assert REF in shown_refs(pilot)
        await pilot.press("x", "slash", *"mulberry hall", "enter")
        await settle(pilot)
        assert shown_refs(pilot) == [REF]
        await pilot.press("x")
        await settle(pilot)

        # the dashboard counts it as amber (the fixture has one amber action before)
        await pilot.press("d")
        await pilot.pause()
        dashboard = pilot.app.screen
        assert isinstance(dashboard, DashboardScreen)
        assert sum(action.rag == "amber" for action in dashboard.actions) == 2
        assert "Overall status: 10 actions" in screen_text(pilot)
        await pilot.press("escape")
        await pilot.pause()

        # the palette's index is built again, from the new instance
        after = palette.index(screen.listing)
        assert after is not before
        [candidate] = [c for c in after.candidates if c.argument == REF]
        assert candidate.help.startswith("Delayed")
