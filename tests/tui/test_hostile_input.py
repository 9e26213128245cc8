"""Hostile files and values in the app: the store still shows, the editor still stands,
and a save starts from the file's bytes, never from what the parse cache said."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import SIZE, main_screen, make_app, notified, screen_text, settle, shown_refs
from textual.pilot import Pilot
from textual.widgets import Input, Static

from bvtui.store import ParseCache, Store, cache_path, parse_cache
from bvtui.tui.screens.dialogs import ConflictScreen
from bvtui.tui.screens.edit import EditScreen

REF = "elections-demo/1.3"
TITLE = "Ensure integrity of the process and good order at polling stations"


def forge_title(store_dir: Path, key: str, title: str) -> None:
    """Rewrite the cache so that ``key``'s entry holds ``title``, checksums and all."""
    store = Store.open(store_dir)
    assert store.repo is not None
    path = cache_path(store.repo.git_dir, store_dir, "tree")
    cache = ParseCache.open(path)
    keys = list(cache._index)  # every entry kept: each found valid under its own stamp
    hints = dict(zip(keys, cache.hints(keys, [cache._index[k][0] for k in keys]), strict=True))
    stamp, hint = cache._index[key][0], hints[key]
    values = list(cache.value(key))
    values[values.index(TITLE)] = title
    cache.put(key, stamp, tuple(values), hint)
    cache.save()
    assert Store.open(store_dir).find(REF).title == title  # the forgery is served


async def edit_progress(pilot: Pilot, progress: str) -> EditScreen:
    """Open the editor on :data:`REF` once the store is shown and type ``progress``."""
    await settle(pilot)
    assert main_screen(pilot).table.move_to(REF)
    await pilot.press("e")
    await pilot.pause()
    editor = pilot.app.screen
    assert isinstance(editor, EditScreen)
    editor.query_one("#progress", Input).focus()
    await pilot.press("ctrl+u", *progress)
    return editor


def said(editor: EditScreen) -> str:
    """The editor's message line."""
    return str(editor.query_one("#edit-message", Static).render())


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
        editor = await edit_progress(pilot, "²")
        editor.query_one("#update").focus()
        await pilot.press(*"Typed text kept.")
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
        editor = await edit_progress(pilot, "50")
        # while the editor is open, the file is swapped for a link to the outside one
        path.rename(tmp_path / "1.3.yaml")
        path.symlink_to(outside)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ConflictScreen)  # not what was opened
        await pilot.press("r")  # reload: the link is not read
        await settle(pilot)
        assert pilot.app.screen is editor and not editor.busy
        message = said(editor)
        assert message.startswith("Not saved:") and "1.3.yaml: a symbolic link" in message
    assert path.is_symlink() and "progress: 10" in outside.read_text()


def moved_deadline(path: Path, outside: Path) -> None:
    path.write_text(path.read_text().replace("deadline: May-18", "deadline: Jun-18"))


def broken_yaml(path: Path, outside: Path) -> None:
    path.write_text(path.read_text().replace("progress: 20", "progress: [unclosed"))


def swapped_for_link(path: Path, outside: Path) -> None:
    path.unlink()
    path.symlink_to(outside)


@pytest.mark.parametrize(
    ("before_save", "before_overwrite"),
    [
        pytest.param(broken_yaml, None, id="file-broken"),
        pytest.param(moved_deadline, swapped_for_link, id="file-swapped-for-a-link"),
    ],
)
async def test_an_overwrite_that_cannot_be_done_says_why_and_keeps_the_edit(
    store_dir: Path,
    tmp_path: Path,
    before_save: Callable[[Path, Path], None],
    before_overwrite: Callable[[Path, Path], None] | None,
) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text("id: '1.3'\ntitle: Outside the store\nprogress: 10\n")
    path = store_dir / "elections-demo" / "1.3.yaml"
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        editor = await edit_progress(pilot, "65")
        before_save(path, outside)
        on_disk = path.read_text()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ConflictScreen)  # the file changed: choose
        if before_overwrite is not None:
            before_overwrite(path, outside)
            on_disk = path.read_text()
        await pilot.press("o")  # overwrite
        await settle(pilot)
        assert pilot.app.screen is editor and not editor.busy
        assert said(editor).startswith("Not saved:") and "\n" not in said(editor)
        assert editor.query_one("#progress", Input).value == "65"  # nothing typed is lost
    assert path.read_text() == on_disk
    assert outside.read_text() == "id: '1.3'\ntitle: Outside the store\nprogress: 10\n"


async def test_a_save_takes_the_fields_it_did_not_change_from_the_file(
    store_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cache entry that reads wrong (here forged with valid checksums) cannot reach
    the file or the commit: a save starts from the file's bytes."""
    monkeypatch.setattr(parse_cache, "RACY_NS", 0)
    forge_title(store_dir, "elections-demo/1.3.yaml", "Forged title")
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await edit_progress(pilot, "45")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, EditScreen)
    text = (store_dir / "elections-demo" / "1.3.yaml").read_text(encoding="utf-8")
    assert "progress: 45" in text
    assert f"title: {TITLE}\n" in text and "Forged" not in text
