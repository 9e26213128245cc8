"""Marks and the bulk edit in the app: space marks (a ``*`` before the row, a count in
the filter bar), V marks all shown and again none, B edits the marked in one commit
through the same save as ``bvtui set``."""

from __future__ import annotations

from pathlib import Path

from helpers import SIZE, main_screen, make_app, notified, screen_text, settle, until
from textual.pilot import Pilot
from textual.widgets import Select

from bvtui.tui.screens.bulk import BulkScreen
from tests.conftest import git


async def mark_and_open_bulk(pilot: Pilot, *refs: str) -> BulkScreen:
    """Mark ``refs`` with space (moving to each first), then open the bulk dialog."""
    await settle(pilot)
    for ref in refs:
        assert main_screen(pilot).table.move_to(ref)
        await pilot.press("space")
    await pilot.press("B")
    await until(pilot, lambda: isinstance(pilot.app.screen, BulkScreen), "no bulk dialog")
    dialog = pilot.app.screen
    assert isinstance(dialog, BulkScreen)
    return dialog


async def committed(pilot: Pilot, top: Path, before: str) -> None:
    await until(pilot, lambda: git(top, "rev-parse", "HEAD") != before, "no commit was made")
    await until(pilot, lambda: not pilot.app.workers)


async def test_space_marks_v_marks_all_and_none(store_dir: Path) -> None:
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        await pilot.press("space", "space")  # 1.1 then 1.3, the cursor moving down
        await pilot.pause()
        assert screen.table.marked == {"elections-demo/1.1", "elections-demo/1.3"}
        assert screen.table.current is not None
        assert screen.table.current.ref == "elections-demo/1.4"
        text = screen_text(pilot)
        assert "* 2 marked" in text
        marked_rows = [row for row in text.splitlines() if row.lstrip("│ ").startswith("*")]
        assert len(marked_rows) == 2  # a symbol in the row, not a colour alone
        await pilot.press("up", "space")  # unmark 1.3
        await pilot.pause()
        assert screen.table.marked == {"elections-demo/1.1"}
        await pilot.press("r")  # red only: 6.1 and 6.4 shown
        await pilot.press("V")
        await pilot.pause()
        assert screen.table.marked == {
            "elections-demo/1.1",
            "property-demo/6.1",
            "property-demo/6.4",
        }
        await pilot.press("V")  # all shown marked already: unmark all
        await pilot.pause()
        assert screen.table.marked == set()
        assert "marked" not in screen_text(pilot)


async def test_bulk_edit_of_the_marked_is_one_commit(store_dir: Path) -> None:
    top = store_dir.parent
    before = git(top, "rev-parse", "HEAD")
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        dialog = await mark_and_open_bulk(
            pilot, "elections-demo/1.3", "elections-demo/1.4", "property-demo/6.1"
        )
        screen = main_screen(pilot)
        assert [action.ref for action in dialog.actions] == [
            "elections-demo/1.3",
            "elections-demo/1.4",
            "property-demo/6.1",
        ]
        await pilot.press(*"Delayed")
        await pilot.press("ctrl+s")
        await committed(pilot, top, before)
        assert "3 actions: committed" in notified(pilot)
        assert screen.table.marked == set()
    message = git(top, "log", "-1", "--format=%B")
    assert message.startswith("3 actions: status -> Delayed\n")
    trailers = git(top, "log", "-1", "--format=%(trailers:key=Action,valueonly)").split()
    assert trailers == ["elections-demo/1.3", "elections-demo/1.4", "property-demo/6.1"]
    files = git(top, "show", "--name-only", "--format=", "HEAD").split()
    assert files == [
        "plans/elections-demo/1.3.yaml",
        "plans/elections-demo/1.4.yaml",
        "plans/property-demo/6.1.yaml",
    ]
    assert git(top, "rev-list", "--count", f"{before.strip()}..HEAD").strip() == "1"
    assert git(top, "status", "--porcelain") == ""


async def test_bulk_update_and_a_value_one_plan_refuses(store_dir: Path) -> None:
    top = store_dir.parent
    before = git(top, "rev-parse", "HEAD")
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        dialog = await mark_and_open_bulk(pilot, "elections-demo/1.9", "property-demo/8.2")
        await pilot.press(*"Not Started", "ctrl+s")  # not one of elections-demo's
        await pilot.pause()
        assert pilot.app.screen is dialog
        assert "elections-demo/1.9: status: 'Not Started' is not one" in screen_text(pilot)
        dialog.query_one("#bulk-field", Select).value = "update"
        await pilot.press("ctrl+u", *"Reviewed at the Q2 board.", "ctrl+s")
        await committed(pilot, top, before)
    assert git(top, "log", "-1", "--format=%s").strip() == "2 actions: update 2017-18 Q2"
    for path in ("elections-demo/1.9.yaml", "property-demo/8.2.yaml"):
        assert "text: Reviewed at the Q2 board." in (store_dir / path).read_text()
    assert "status: Not Started" not in (store_dir / "elections-demo/1.9.yaml").read_text()
