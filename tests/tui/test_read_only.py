"""The app opened read-only (``bvtui serve`` without ``--edit``): a banner says so, the
keys that edit are hidden from the footer and refused in one line, meeting mode shows
the agenda without ``a``, and nothing is committed."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import AS_OF, notified, screen_text, settle

from bvtui.tui.app import BvtuiApp
from bvtui.tui.screens.edit import EditScreen
from bvtui.tui.screens.meeting import MeetingScreen
from tests.conftest import git


@pytest.mark.asyncio
async def test_a_read_only_app_hides_and_refuses_every_edit(store_dir: Path) -> None:
    top = store_dir.parent
    before = git(top, "rev-parse", "HEAD")
    app = BvtuiApp(store_dir, as_of=AS_OF, read_only=True)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        text = screen_text(pilot)
        assert "READ-ONLY" in text and "a view of the plans" in text
        footer = text.splitlines()[-1]
        assert "d Dashboard" in footer
        assert "e Edit" not in footer and "S Sync" not in footer
        for key in ("e", "S", "i"):
            await pilot.press(key)
            await settle(pilot)
            assert not isinstance(pilot.app.screen, EditScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, EditScreen)
        assert "Read-only: this is a view, so edits cannot be saved." in notified(pilot)
        for action in ("edit", "sync", "import_plan"):  # as the command palette runs them
            await pilot.app.screen.run_action(action)
            await settle(pilot)
            assert pilot.app.screen is pilot.app.screen_stack[0], action
        await pilot.press("M")
        await pilot.press("enter")  # the name offered
        await settle(pilot)
        assert isinstance(pilot.app.screen, MeetingScreen)
        meeting_footer = screen_text(pilot).splitlines()[-1]
        assert "n Next" in meeting_footer and "Record decision" not in meeting_footer
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(pilot.app.screen, MeetingScreen)  # no prompt opened
        await pilot.press("q")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, MeetingScreen)
    assert git(top, "rev-parse", "HEAD") == before
    assert git(top, "tag") == ""
    assert git(top, "status", "--porcelain") == ""


@pytest.mark.asyncio
async def test_a_view_refuses_the_round_the_bulk_edit_and_undo_as_a_view(
    store_dir: Path,
) -> None:
    """``U``, ``B`` and ``z`` change the store too: in a view they are out of the help
    and the palette like ``e``, and never blame a git repository the store is in."""
    top = store_dir.parent
    before = git(top, "rev-parse", "HEAD")
    app = BvtuiApp(store_dir, as_of=AS_OF, read_only=True)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("space", "V")
        await settle(pilot)
        main = pilot.app.screen
        for key in ("U", "B", "z"):
            await pilot.press(key)
            await settle(pilot)
            assert pilot.app.screen is main, key
        for action in ("update_round", "bulk_edit", "undo"):  # as the palette runs them
            assert not main.check_action(action, ()), action
            await main.run_action(action)
            await settle(pilot)
            assert pilot.app.screen is main, action
        assert "git repository" not in notified(pilot)
    assert git(top, "rev-parse", "HEAD") == before
    assert git(top, "status", "--porcelain") == ""
