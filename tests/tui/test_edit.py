"""Editing on a real git store: save commits, validation, cancel, failed commits,
and a file changed on disk (reload / overwrite / keep both)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from helpers import SIZE, main_screen, make_app, notified, screen_text, settle
from textual.pilot import Pilot
from textual.widgets import Input, Static

from bvtui.tui.screens.dialogs import ConfirmScreen, ConflictScreen, UnappliedScreen
from bvtui.tui.screens.edit import EditScreen

REF = "elections-demo/1.3"


def git(store: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=store, capture_output=True, text=True, check=True
    ).stdout


def commit_count(store: Path) -> int:
    return int(git(store, "rev-list", "--count", "HEAD"))


async def open_editor(pilot: Pilot, ref: str = REF, key: str = "e") -> EditScreen:
    """Move the cursor to ``ref`` and open the editor with ``key``."""
    await settle(pilot)
    assert main_screen(pilot).table.move_to(ref)
    await pilot.press(key)
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, EditScreen)
    return screen


async def choose_status(pilot: Pilot, downs: int) -> None:
    """Open the status list (focused first), move ``downs`` rows, pick."""
    await pilot.press("enter", *["down"] * downs, "enter")


async def set_input(pilot: Pilot, field: str, text: str) -> None:
    widget = pilot.app.screen.query_one(f"#{field}", Input)
    widget.focus()
    await pilot.press("ctrl+u", *text) if text else await pilot.press("ctrl+u")


async def test_edit_save_makes_one_commit(store_dir: Path) -> None:
    before = commit_count(store_dir)
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await open_editor(pilot, key="enter")
        await choose_status(pilot, 1)  # On Target -> Delayed
        await set_input(pilot, "progress", "40")
        pilot.app.screen.query_one("#update").focus()
        await pilot.press(*"Venues booked.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, EditScreen)
        action = main_screen(pilot).listing.find(REF)
        assert action is not None and action.status == "Delayed" and action.progress == 40
        assert f"Saved: {REF}: committed" in notified(pilot)
        assert "▲ Delayed" in screen_text(pilot)
    assert commit_count(store_dir) == before + 1
    message = git(store_dir, "log", "-1", "--format=%B")
    assert message.startswith(f"{REF}: status On Target -> Delayed, progress 20 -> 40")
    assert "Action: elections-demo/1.3" in message
    assert "Fields: status, progress, updates" in message
    assert "    Venues booked." in message
    assert git(store_dir, "status", "--porcelain") == ""
    assert "status: Delayed" in (store_dir / "elections-demo" / "1.3.yaml").read_text()


async def test_validation_as_you_type_blocks_the_save(store_dir: Path) -> None:
    before = commit_count(store_dir)
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        editor = await open_editor(pilot)
        await set_input(pilot, "progress", "150")
        text = screen_text(pilot)
        assert "'150' is not a whole number from 0 to 100" in text
        assert editor.query_one("#progress", Input).has_class("-invalid")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert pilot.app.screen is editor
        assert "Cannot save: progress" in screen_text(pilot)
        # the deadline's meaning is shown as it is typed
        await set_input(pilot, "deadline", "Mar-Apr 18")
        assert "due 2018-04-30" in screen_text(pilot)
        await set_input(pilot, "deadline", "June Cabinet")
        assert "no due date (kept as written)" in screen_text(pilot)
        await set_input(pilot, "progress", "55")
        assert not editor.query_one("#progress", Input).has_class("-invalid")
    assert commit_count(store_dir) == before


async def test_escape_asks_before_dropping_changes(store_dir: Path) -> None:
    path = store_dir / "elections-demo" / "1.3.yaml"
    original = path.read_text()
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        editor = await open_editor(pilot)
        await set_input(pilot, "progress", "90")
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, ConfirmScreen)
        await pilot.press("n")
        assert pilot.app.screen is editor
        assert editor.query_one("#progress", Input).value == "90"
        await pilot.press("escape")
        await pilot.press("y")
        assert not isinstance(pilot.app.screen, (EditScreen, ConfirmScreen))
        # unchanged editor: Escape leaves at once
        await open_editor(pilot)
        await pilot.press("escape")
        assert not isinstance(pilot.app.screen, (EditScreen, ConfirmScreen))
    assert path.read_text() == original


async def test_failed_commit_keeps_the_edit_and_marks_it_uncommitted(store_dir: Path) -> None:
    before = commit_count(store_dir)
    # take the identity away: git must refuse to commit
    Path(os.environ["GIT_CONFIG_GLOBAL"]).write_text("[user]\n\tuseConfigOnly = true\n")
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await open_editor(pilot)
        await set_input(pilot, "progress", "45")
        await pilot.press("ctrl+s")
        await settle(pilot)
        screen = main_screen(pilot)
        assert REF in screen.listing.pending
        text = screen_text(pilot)
        assert "saved to disk but NOT committed: git has no identity" in notified(pilot)
        assert "✎ 1 uncommitted" in text
        row = next(line for line in text.splitlines() if " elections-demo/1.3 " in line)
        assert row.rstrip().endswith("✎")
        assert "✎ Uncommitted: saved on disk" in text  # the detail pane says it too
    assert commit_count(store_dir) == before
    assert "progress: 45" in (store_dir / "elections-demo" / "1.3.yaml").read_text()


async def test_detached_head_says_why(store_dir: Path) -> None:
    git(store_dir, "checkout", "--quiet", "--detach")
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await open_editor(pilot)
        await set_input(pilot, "progress", "30")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "HEAD is detached" in notified(pilot)
        assert REF in main_screen(pilot).listing.pending


def change_on_disk(store: Path) -> Path:
    """Another editor changes the file (and commits it) while the app has it open."""
    path = store / "elections-demo" / "1.3.yaml"
    path.write_text(path.read_text().replace("deadline: May-18", "deadline: Jun-18"))
    git(store, "commit", "--quiet", "-am", "someone else")
    return path


async def edit_then_conflict(pilot: Pilot, store: Path) -> Path:
    await open_editor(pilot)
    await set_input(pilot, "progress", "65")
    pilot.app.screen.query_one("#update").focus()
    await pilot.press(*"My [b]note[/b]")
    path = change_on_disk(store)
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ConflictScreen)
    assert "changed on disk since you opened it" in screen_text(pilot)
    return path


async def test_conflict_reload_drops_the_edit(store_dir: Path) -> None:
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        path = await edit_then_conflict(pilot, store_dir)
        before = commit_count(store_dir)
        await pilot.press("r")
        await settle(pilot)
        action = main_screen(pilot).listing.find(REF)
        assert action is not None and action.deadline == "Jun-18" and action.progress == 20
    assert commit_count(store_dir) == before
    assert "progress: 20" in path.read_text()


async def test_conflict_overwrite_saves_mine(store_dir: Path) -> None:
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        path = await edit_then_conflict(pilot, store_dir)
        await pilot.press("o")
        await settle(pilot)
    text = path.read_text()
    assert "progress: 65" in text and "deadline: May-18" in text
    message = git(store_dir, "log", "-1", "--format=%B")
    assert "deadline: Jun-18 -> May-18" in message and "progress: 20 -> 65" in message


def kept_path(store: Path) -> Path:
    """Where "keep both" keeps the edit of :data:`REF`: the clone's .git, not the store."""
    return store.parent / ".git" / "bvtui" / "unapplied" / "elections-demo" / "1.3.json"


async def test_conflict_keep_both_keeps_my_edit_aside_unpublished_then_reapplies_it(
    store_dir: Path,
) -> None:
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        path = await edit_then_conflict(pilot, store_dir)
        head = git(store_dir, "rev-parse", "HEAD")
        updates = len(main_screen(pilot).listing.find(REF).updates)
        await pilot.press("k")
        await settle(pilot)
        action = main_screen(pilot).listing.find(REF)
        assert action.deadline == "Jun-18" and action.progress == 20  # the disk version
        assert len(action.updates) == updates  # nothing written into the update log
        assert str(kept_path(store_dir)) in notified(pilot)
        assert "offered again when you next open this action" in notified(pilot)
        assert git(store_dir, "rev-parse", "HEAD") == head  # nothing committed
        assert "Edit not applied" not in path.read_text() and "note" not in path.read_text()
        # opened again: the kept edit is offered, shown literally, and re-applied
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(pilot.app.screen, UnappliedScreen)
        text = screen_text(pilot)
        assert "progress: 20 -> 65" in text and "My [b]note[/b]" in text
        await pilot.press("a")
        await pilot.pause()
        editor = pilot.app.screen
        assert isinstance(editor, EditScreen)
        assert editor.query_one("#progress", Input).value == "65"
        assert editor.update_text == "My [b]note[/b]"
        await pilot.press("ctrl+s")
        await settle(pilot)
        action = main_screen(pilot).listing.find(REF)
        assert action.progress == 65 and action.deadline == "Jun-18"
        assert action.updates[-1].text == "My [b]note[/b]"
    assert not kept_path(store_dir).exists()
    assert git(store_dir, "status", "--porcelain") == ""


async def test_a_damaged_kept_edit_is_named_and_not_trusted(store_dir: Path) -> None:
    kept_path(store_dir).parent.mkdir(parents=True)
    kept_path(store_dir).write_text('{"format": 1, "ref": "elections-demo/1.3", "values": 3}')
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        editor = await open_editor(pilot)
        await settle(pilot)
        assert pilot.app.screen is editor
        message = str(editor.query_one("#edit-message", Static).content)
        assert message == (
            f"{kept_path(store_dir)}: not a kept edit bvtui wrote (values is not a mapping "
            "of field names to text); delete the file to clear it"
        )
        assert editor.query_one("#progress", Input).value == "20"


async def test_conflict_escape_goes_back_to_editing(store_dir: Path) -> None:
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await edit_then_conflict(pilot, store_dir)
        await pilot.press("escape")
        editor = pilot.app.screen
        assert isinstance(editor, EditScreen)
        assert editor.query_one("#progress", Input).value == "65"
        assert "the file changed on disk" in screen_text(pilot)
