"""The edit screen asks before a save that is probably a mistake (issue 13, items 5, 6):
a cleared progress, status or deadline, and a deadline that looks like a date but
names none."""

from __future__ import annotations

from pathlib import Path

from helpers import SIZE, make_app, screen_text, settle
from rich.text import Text
from test_edit import commit_count, git, open_editor, set_input
from textual.pilot import Pilot
from textual.widgets import Static

from bvtui.tui.screens.dialogs import ConfirmScreen
from bvtui.tui.screens.edit import EditScreen


def question(pilot: Pilot) -> str:
    screen = pilot.app.screen
    assert isinstance(screen, ConfirmScreen), screen
    return str(screen.query_one(".dialog-question", Static).content)


async def test_clearing_progress_and_deadline_asks_first(store_dir: Path) -> None:
    path = store_dir / "elections-demo" / "1.3.yaml"
    original = path.read_text()
    before = commit_count(store_dir)
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        editor = await open_editor(pilot)
        await set_input(pilot, "progress", "")
        await set_input(pilot, "deadline", "")
        await pilot.press("ctrl+s")
        await settle(pilot)
        asked = question(pilot)
        assert "progress (was 20)" in asked and "deadline (was 'May-18')" in asked
        await pilot.press("n")  # no: back to the editor, what was typed kept, nothing saved
        await settle(pilot)
        assert pilot.app.screen is editor
        assert "Not saved" in screen_text(pilot)
        assert path.read_text() == original and commit_count(store_dir) == before
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, (EditScreen, ConfirmScreen))
    assert commit_count(store_dir) == before + 1
    message = git(store_dir, "log", "-1", "--format=%B")
    assert "progress: 20 -> (none)" in message and "deadline: May-18 -> (none)" in message


async def test_a_change_that_clears_nothing_saves_without_a_question(store_dir: Path) -> None:
    before = commit_count(store_dir)
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await open_editor(pilot)
        await set_input(pilot, "progress", "25")
        await set_input(pilot, "revised_deadline", "")  # blank before: nothing cleared
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, (EditScreen, ConfirmScreen))
    assert commit_count(store_dir) == before + 1


async def test_a_mistyped_deadline_is_a_warning_and_asks_before_saving(store_dir: Path) -> None:
    path = store_dir / "elections-demo" / "1.3.yaml"
    original = path.read_text()
    before = commit_count(store_dir)
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        editor = await open_editor(pilot)
        await set_input(pilot, "deadline", "Jun-25-32")
        assert "due 2025-06-30" not in screen_text(pilot)
        await set_input(pilot, "revised_deadline", "31/13/2025")
        for field, value in (("deadline", "Jun-25-32"), ("revised_deadline", "31/13/2025")):
            hint = editor.query_one(f"#{field}-hint", Static).content
            assert isinstance(hint, Text) and "dim" not in str(hint.style)  # a warning
            assert str(hint) == f"'{value}' looks like a date but names none: no due date"
        await pilot.press("ctrl+s")
        await settle(pilot)
        asked = question(pilot)
        assert "deadline 'Jun-25-32'" in asked and "revised deadline '31/13/2025'" in asked
        await pilot.press("n")
        await settle(pilot)
        assert pilot.app.screen is editor and path.read_text() == original
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, (EditScreen, ConfirmScreen))
    assert commit_count(store_dir) == before + 1
    assert "revised_deadline: 31/13/2025" in path.read_text()


async def test_words_for_no_date_save_without_a_question(store_dir: Path) -> None:
    before = commit_count(store_dir)
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await open_editor(pilot)
        await set_input(pilot, "deadline", "June Cabinet")
        await set_input(pilot, "revised_deadline", "Q4")
        assert "looks like a date" not in screen_text(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, (EditScreen, ConfirmScreen))
    assert commit_count(store_dir) == before + 1
