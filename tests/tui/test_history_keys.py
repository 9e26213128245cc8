"""h with no action says why; the detail pane's long values wrap under themselves, not
back under the labels. (j and k in the history: tests/tui/test_history_screens.py.)"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from helpers import SIZE, main_screen, make_app, notified, screen_text, settle
from textual.widgets import Static

from bvtui.tui.screens.history import HistoryScreen
from tests.fixture_trail import Trail, trail  # noqa: F401


async def test_h_with_no_action_says_so(store_dir: Path) -> None:
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        screen.set_filter(replace(screen.listing.filter, search="no such words anywhere"))
        await pilot.pause()
        assert screen.table.current is None
        await pilot.press("h")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, HistoryScreen)
        assert "No action is highlighted" in notified(pilot)


async def test_long_values_hang_under_themselves(store_dir: Path) -> None:
    async with make_app(store_dir).run_test(size=(80, 30)) as pilot:
        await settle(pilot)
        fields = main_screen(pilot).query_one("#fields", Static)
        region = fields.content_region
        lines = screen_text(pilot).splitlines()[region.y : region.bottom]
        shown = [text[region.x : region.right] for text in lines]
        objective = next(i for i, text in enumerate(shown) if text.startswith("Objective"))
        value_at = shown[objective].index(
            "1. "
        )  # "1. Planning for 2018 Mayoral and local elections"
        assert value_at >= 16
        follow = shown[objective + 1]
        assert follow[:value_at].strip() == "", shown  # the wrapped rest starts under the value
        assert follow.strip(), shown
