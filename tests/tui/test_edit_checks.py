"""The edit screen asks before a save that is probably a mistake (issue 13, items 5, 6):
a cleared progress, status or deadline, and a deadline that looks like a date but
names none."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import SIZE, burst, make_app, screen_text, settle
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


async def no_then_yes(pilot: Pilot, editor: EditScreen, path: Path) -> str:
    """Save, answer no (nothing written, the editor back), save again and answer yes;
    return the question asked."""
    original = path.read_text()
    await pilot.press("ctrl+s")
    await settle(pilot)
    asked = question(pilot)
    await pilot.press("n")
    await settle(pilot)
    assert pilot.app.screen is editor and path.read_text() == original
    assert "Not saved" in screen_text(pilot)
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert question(pilot) == asked
    await pilot.press("y")
    await settle(pilot)
    assert not isinstance(pilot.app.screen, (EditScreen, ConfirmScreen))
    return asked


@pytest.mark.parametrize(
    ("typed", "asked", "committed"),
    [
        (
            {"progress": "", "deadline": ""},
            ["progress (was 20)", "deadline (was 'May-18')"],
            ["progress: 20 -> (none)", "deadline: May-18 -> (none)"],
        ),
        (
            {"deadline": "Jun-25-32", "revised_deadline": "31/13/2025"},
            ["deadline 'Jun-25-32' looks like", "revised deadline '31/13/2025' looks like"],
            ["deadline: May-18 -> Jun-25-32", "revised_deadline: (none) -> 31/13/2025"],
        ),
    ],
    ids=["cleared", "mistyped"],
)
async def test_a_doubtful_save_asks_first(
    store_dir: Path, typed: dict[str, str], asked: list[str], committed: list[str]
) -> None:
    path = store_dir / "elections-demo" / "1.3.yaml"
    before = commit_count(store_dir)
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        editor = await open_editor(pilot)
        for field, value in typed.items():
            await set_input(pilot, field, value)
        question = await no_then_yes(pilot, editor, path)
        assert all(part in question for part in asked), question
    assert commit_count(store_dir) == before + 1
    message = git(store_dir, "log", "-1", "--format=%B")
    assert all(part in message for part in committed), message


async def test_a_mistyped_deadline_is_a_warning_as_it_is_typed(store_dir: Path) -> None:
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        editor = await open_editor(pilot)
        await set_input(pilot, "deadline", "Jun-25-32")
        assert "due 2025-06-30" not in screen_text(pilot)
        await set_input(pilot, "revised_deadline", "31/13/2025")
        for field, value in (("deadline", "Jun-25-32"), ("revised_deadline", "31/13/2025")):
            hint = editor.query_one(f"#{field}-hint", Static).content
            assert isinstance(hint, Text) and "dim" not in str(hint.style)  # a warning
            assert str(hint) == f"'{value}' looks like a date but names none: no due date"
        await set_input(pilot, "deadline", "June Cabinet")
        assert "looks like a date" not in str(editor.query_one("#deadline-hint", Static).content)


@pytest.mark.parametrize(
    "typed",
    [
        {"progress": "25", "revised_deadline": ""},  # blank before: nothing cleared
        {"deadline": "June Cabinet", "revised_deadline": "Q4"},  # words for no date
    ],
    ids=["nothing-cleared", "no-date-words"],
)
async def test_other_saves_ask_nothing(store_dir: Path, typed: dict[str, str]) -> None:
    before = commit_count(store_dir)
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await open_editor(pilot)
        for field, value in typed.items():
            await set_input(pilot, field, value)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, (EditScreen, ConfirmScreen))
    assert commit_count(store_dir) == before + 1


async def test_a_save_in_the_same_read_as_the_typing_saves_all_of_it(store_dir: Path) -> None:
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        editor = await open_editor(pilot)
        await set_input(pilot, "progress", "40")
        editor.query_one("#update").focus()
        await pilot.pause()
        await burst(pilot, *"Venue booked", "ctrl+s")  # the editor closes on saving
        await settle(pilot)
        assert pilot.app.screen is not editor
    message = git(store_dir, "log", "-1", "--format=%B")
    assert "progress: 20 -> 40" in message and "    Venue booked" in message, message
