"""Hostile files and values in the app: the store still shows, the editor still stands."""

from __future__ import annotations

import os
from pathlib import Path

from helpers import SIZE, main_screen, make_app, notified, screen_text, settle, shown_refs
from textual.widgets import Input, Static

from bvtui.tui.screens.dialogs import ConflictScreen
from bvtui.tui.screens.edit import EditScreen

REF = "elections-demo/1.3"


async def test_hostile_files_are_listed_as_problems_and_the_rest_shows(
    store_dir: Path, tmp_path: Path
) -> None:
    folder = store_dir / "elections-demo"
    path = folder / "1.4.yaml"
    path.write_text(path.read_text().replace("progress:", "progress: '²'\nx:"))
    os.mkfifo(folder / "9.8.yaml")
    (folder / "9.9.yaml").symlink_to(tmp_path / "nowhere.yaml")
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert REF in shown_refs(pilot) and len(shown_refs(pilot)) == 9
        notes = notified(pilot)
        assert "1.4.yaml: progress: '²' is not a whole number" in notes
        assert "9.8.yaml: not a regular file" in notes
        assert "9.9.yaml: a symbolic link" in notes


async def test_a_superscript_progress_is_refused_as_typed_and_keeps_the_editor(
    store_dir: Path,
) -> None:
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert main_screen(pilot).table.move_to(REF)
        await pilot.press("e")
        await pilot.pause()
        editor = pilot.app.screen
        assert isinstance(editor, EditScreen)
        editor.query_one("#update").focus()
        await pilot.press(*"Typed text kept.")
        editor.query_one("#progress", Input).focus()
        await pilot.press("ctrl+u", "²")
        assert "'²' is not a whole number from 0 to 100" in screen_text(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert pilot.app.screen is editor
        assert "Cannot save: progress" in screen_text(pilot)
        assert editor.update_text == "Typed text kept."
    assert "progress: 20" in (store_dir / "elections-demo" / "1.3.yaml").read_text()


async def test_a_symlinked_action_is_not_listed_and_cannot_be_saved_through(
    store_dir: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere" / "9.9.yaml"
    outside.parent.mkdir()
    outside.write_text("id: '9.9'\ntitle: Outside the store\nprogress: 10\n")
    (store_dir / "elections-demo" / "9.9.yaml").symlink_to(outside)
    path = store_dir / "elections-demo" / "1.3.yaml"
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "elections-demo/9.9" not in shown_refs(pilot)
        assert "9.9.yaml: a symbolic link" in notified(pilot)
        assert main_screen(pilot).table.move_to(REF)
        await pilot.press("e")
        await pilot.pause()
        editor = pilot.app.screen
        assert isinstance(editor, EditScreen)
        # while the editor is open, the file is swapped for a link to the outside one
        moved = tmp_path / "1.3.yaml"
        path.rename(moved)
        path.symlink_to(outside)
        editor.query_one("#progress", Input).focus()
        await pilot.press("ctrl+u", "5", "0", "ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ConflictScreen)  # not what was opened
        await pilot.press("r")  # reload: the link is not read
        await settle(pilot)
        assert pilot.app.screen is editor and not editor.busy
        message = str(editor.query_one("#edit-message", Static).render())
        assert message.startswith("Not saved:") and "1.3.yaml: a symbolic link" in message
    assert path.is_symlink() and "progress: 10" in outside.read_text()


async def test_overwriting_a_file_swapped_for_a_link_says_why(
    store_dir: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text("id: '1.3'\ntitle: Outside the store\nprogress: 10\n")
    path = store_dir / "elections-demo" / "1.3.yaml"
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert main_screen(pilot).table.move_to(REF)
        await pilot.press("e")
        await pilot.pause()
        editor = pilot.app.screen
        assert isinstance(editor, EditScreen)
        editor.query_one("#progress", Input).focus()
        await pilot.press("ctrl+u", "6", "5")
        path.write_text(path.read_text().replace("deadline: May-18", "deadline: Jun-18"))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ConflictScreen)
        path.unlink()
        path.symlink_to(outside)
        await pilot.press("o")  # overwrite
        await settle(pilot)
        assert pilot.app.screen is editor and not editor.busy
        message = str(editor.query_one("#edit-message", Static).render())
        assert message.startswith("Not saved:")
    assert outside.read_text() == "id: '1.3'\ntitle: Outside the store\nprogress: 10\n"


async def test_a_file_broken_on_disk_while_editing_offers_the_conflict_choices(
    store_dir: Path,
) -> None:
    path = store_dir / "elections-demo" / "1.3.yaml"
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert main_screen(pilot).table.move_to(REF)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(pilot.app.screen, EditScreen)
        pilot.app.screen.query_one("#progress", Input).focus()
        await pilot.press("ctrl+u", "6", "5")
        path.write_text(path.read_text().replace("progress: 20", "progress: [unclosed"))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ConflictScreen)
        await pilot.press("o")  # overwrite: a file that does not parse cannot be rewritten
        await settle(pilot)
        editor = pilot.app.screen
        assert isinstance(editor, EditScreen) and not editor.busy
        message = str(editor.query_one("#edit-message", Static).render())
        assert message.startswith("Not saved:") and "\n" not in message
        assert editor.query_one("#progress", Input).value == "65"  # nothing typed is lost
    assert "progress: [unclosed" in path.read_text()
