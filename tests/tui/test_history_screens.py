"""Keys h (an action's history) and c (what changed since) on a real trail, with Pilot."""

from __future__ import annotations

from helpers import SIZE, main_screen, make_app, screen_text, settle, shown_refs

from bvtui.tui.screens.changes import ChangesScreen
from bvtui.tui.screens.history import HistoryScreen
from tests.fixture_trail import Trail, trail  # noqa: F401


async def test_h_shows_commits_field_changes_and_the_timeline(trail: Trail) -> None:  # noqa: F811
    async with make_app(trail.store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        main_screen(pilot).jump_to("elections-demo/1.3b")
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(pilot.app.screen, HistoryScreen)
        text = screen_text(pilot)
        assert "History of elections-demo/1.3b" in text
        assert "status Delayed -> On Target" in text  # the commits list
        assert "2017-09-10 10:00  Will Tuckley · hand edit" in text  # a hand edit is marked
        assert "status: Delayed -> On Target" in text  # the selected commit's changes
        assert "Status timeline" in text and "▲ Delayed" in text
        assert "May-18 -> Jul-18  +61 days" in text and "Moved to July: new venue." in text
        await pilot.press("down")
        text = screen_text(pilot)
        assert "renumber 1.3" in text and "hand edit: committed without bvtui's trailers" in text
        assert "renamed from plans/elections-demo/1.3.yaml" in text
        await pilot.press("down", "down")
        assert "progress: 40 -> 45" in screen_text(pilot)
        await pilot.press("k", "k")  # j and k move as they do in the main table
        await pilot.pause()
        assert "renamed from plans/elections-demo/1.3.yaml" in screen_text(pilot)
        await pilot.press("j", "j")
        await pilot.pause()
        assert "progress: 40 -> 45" in screen_text(pilot)
        await pilot.press("escape")
        assert not isinstance(pilot.app.screen, HistoryScreen)
        assert "elections-demo/1.3b" in shown_refs(pilot)


async def test_c_shows_what_moved_since_the_newest_snapshot(trail: Trail) -> None:  # noqa: F811
    async with make_app(trail.store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ChangesScreen)
        text = screen_text(pilot)
        assert "committee-2017-09-14" in text  # the since box starts at the newest snapshot
        assert "5 actions moved   1 worse   1 better   1 new   1 removed" in text
        assert "▼ worse" in text and "On Target -> Overdue" in text
        assert "Validation meeting booked for October." in text
        await pilot.click("#changes-since")
        await pilot.press("ctrl+a", "ctrl+k", *"2017-09-21", "enter")
        await settle(pilot)
        text = screen_text(pilot)
        assert "4 actions moved   1 worse   0 better   1 new   1 removed" in text
        await pilot.press("escape")
        assert not isinstance(pilot.app.screen, ChangesScreen)
