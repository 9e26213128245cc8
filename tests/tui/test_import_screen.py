"""The import key (i): a council's spreadsheet read, its mapping shown and changed, one commit."""

from __future__ import annotations

from pathlib import Path

from helpers import SIZE, make_app, notified, screen_text, settle, shown_refs
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Select

from bvtui.store import Store
from bvtui.tui.screens.import_plan import ImportScreen
from bvtui.tui.screens.main import MainScreen
from tests.conftest import git

TRACKER = (
    "Rec No.\tAgreed Action\tOwner\tBy when\tStatus\tNotes\n"
    "1\tIntroduce quarterly contract reviews\tAhmed, Sarah\tQ4 2024/25\tImplemented\tDone\n"
    "2\tReissue the risk policy\tJones, Mark\t30/06/2025\tBehind schedule\tAwaiting sign-off\n"
)


async def read_file(pilot: Pilot, path: Path) -> ImportScreen:
    await pilot.press("i")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ImportScreen)
    screen.query_one("#import-file", Input).value = str(path)
    await pilot.press("enter")
    await settle(pilot)
    return screen


def column_fields(screen: ImportScreen) -> dict[str, str]:
    table = screen.query_one("#import-columns", DataTable)
    return {
        str(table.get_row_at(i)[0]): str(table.get_row_at(i)[1]) for i in range(table.row_count)
    }


async def test_i_shows_the_mapping_and_preview_then_imports_in_one_commit(
    store_dir: Path, tmp_path: Path
) -> None:
    source = tmp_path / "Audit Tracker.tsv"
    source.write_text(TRACKER, encoding="utf-8")
    head = git(store_dir, "rev-parse", "HEAD")
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await read_file(pilot, source)
        assert screen.query_one("#import-plan", Input).value == "audit-tracker"
        assert column_fields(screen) == {
            "Rec No.": "id",
            "Agreed Action": "title",
            "Owner": "officers",
            "By when": "deadline",
            "Status": "status",
            "Notes": "extra",
        }
        text = screen_text(pilot)
        assert "Introduce quarterly contract reviews" in text and "Sarah Ahmed" in text
        assert "2 actions read, 0 rows rejected" in text
        # Notes is an update: highlight its row, pick the field; the file is read again
        columns = screen.query_one("#import-columns", DataTable)
        columns.move_cursor(row=5)
        await pilot.pause()
        screen.query_one("#import-field", Select).value = "update"
        await settle(pilot)
        assert column_fields(screen)["Notes"] == "update"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, MainScreen)
        assert "audit-tracker: 2 new, 0 updated; committed" in notified(pilot)
        assert "audit-tracker/1" in shown_refs(pilot)
    assert git(store_dir, "rev-parse", "HEAD~1") == head  # one commit
    action = Store.open(store_dir).find("audit-tracker/1")
    assert action.officers == ["Sarah Ahmed"]
    assert [update.text for update in action.updates] == ["Done"]
    assert action.extra == {}


async def test_escape_cancels_and_writes_nothing(store_dir: Path, tmp_path: Path) -> None:
    source = tmp_path / "tracker.tsv"
    source.write_text(TRACKER, encoding="utf-8")
    head = git(store_dir, "rev-parse", "HEAD")
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await read_file(pilot, source)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(pilot.app.screen, MainScreen)
    assert git(store_dir, "rev-parse", "HEAD") == head
    assert not (store_dir / "tracker").exists()


async def test_a_file_that_cannot_be_read_says_why_in_the_dialog(
    store_dir: Path, tmp_path: Path
) -> None:
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await read_file(pilot, tmp_path / "missing.xlsx")
        assert "missing.xlsx: no such file" in screen_text(pilot)
        assert screen.query_one("#import-run").disabled
