"""The main screen on a real store: rows, filter keys, search, pickers, help, quit."""

from __future__ import annotations

import os
from pathlib import Path

from helpers import SIZE, main_screen, make_app, notified, screen_text, settle, shown_refs
from textual.pilot import Pilot

from bvtui.tui.keys import MAIN_KEYS, key_label
from bvtui.tui.screens.dialogs import QuitScreen
from bvtui.tui.screens.help import HelpScreen
from bvtui.tui.screens.main import MainScreen
from bvtui.tui.screens.picker import PickerScreen
from tests.conftest import git

ALL_REFS = [
    "elections-demo/1.1",
    "elections-demo/1.3",
    "elections-demo/1.4",
    "elections-demo/1.9",
    "elections-demo/1.10",
    "elections-demo/3.3",
    "elections-demo/4.1",
    "property-demo/6.1",
    "property-demo/6.4",
    "property-demo/8.2",
]


async def test_rows_in_natural_order_with_detail_and_counts(store_dir: Path) -> None:
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert shown_refs(pilot) == ALL_REFS  # 1.9 before 1.10
        text = screen_text(pilot)
        assert "No filters   10 of 10 actions" in text
        assert "■ On Target" in text and "● Overdue" in text and "✔ Completed" in text
        # detail pane of the first action, then of the next one after a key press
        assert "Joint working with partner agencies" in text
        assert "Latest update (2017-18 Q2)" in text
        await pilot.press("down", "down")
        text = screen_text(pilot)
        assert "? Status check: reported On Target (green) but due 2017-06-30" in text
        assert "! Overdue by 91 days" in text


async def test_rag_keys_toggle_their_colour(store_dir: Path) -> None:
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        expected = {"r": "red", "a": "amber", "g": "green", "b": "blue", "n": "grey"}
        for key, rag in expected.items():
            await pilot.press(key)
            rows = screen.table.rows
            assert rows and {action.rag for action in rows} == {rag}, key
            assert f"RAG: {rag}" in screen_text(pilot)
            await pilot.press(key)
            assert shown_refs(pilot) == ALL_REFS
        await pilot.press("r", "a")
        assert {action.rag for action in screen.table.rows} == {"red", "amber"}
        assert "3 of 10 actions" in screen_text(pilot)


async def test_overdue_key_and_clear_key(store_dir: Path) -> None:
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("exclamation_mark")
        assert shown_refs(pilot) == [
            "elections-demo/1.4",
            "elections-demo/1.10",
            "property-demo/6.1",
            "property-demo/6.4",
        ]
        assert "Filters: overdue   4 of 10 actions" in screen_text(pilot)
        await pilot.press("r")
        assert shown_refs(pilot) == ["property-demo/6.1", "property-demo/6.4"]
        await pilot.press("x")
        assert shown_refs(pilot) == ALL_REFS
        assert "No filters" in screen_text(pilot)


async def test_search_as_you_type_escape_keeps_the_filter(store_dir: Path) -> None:
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        await pilot.press("slash")
        assert screen.focused is not None and screen.focused.id == "search"
        # "r" is typed into the box, not taken as the red filter
        await pilot.press(*"xpress")
        await pilot.pause(0.3)  # the search is debounced
        assert shown_refs(pilot) == ["elections-demo/1.10"]
        await pilot.press("escape")
        assert screen.focused is screen.table
        assert screen.listing.filter.search == "xpress"
        assert "search: xpress   1 of 10 actions" in screen_text(pilot)
        # officers and update texts are searched too
        await pilot.press("slash", "ctrl+u", *"chilcott", "enter")
        assert shown_refs(pilot) == ["property-demo/6.1", "property-demo/6.4", "property-demo/8.2"]
        await pilot.press("slash", "ctrl+u", *"exclusion zones", "escape")
        assert shown_refs(pilot) == ["elections-demo/1.3"]
        await pilot.press("x")
        assert shown_refs(pilot) == ALL_REFS


async def test_theme_picker_narrows_and_applies(store_dir: Path) -> None:
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("t")
        assert isinstance(pilot.app.screen, PickerScreen)
        await pilot.press(*"prop", "enter")  # nothing ticked: Enter takes the highlighted
        assert main_screen(pilot).listing.filter.themes == {"Property"}
        assert shown_refs(pilot)[0] == "property-demo/6.1" and len(shown_refs(pilot)) == 3
        assert "theme: Property" in screen_text(pilot)


async def test_officer_picker_takes_several_values(store_dir: Path) -> None:
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await pilot.press(*"chil", "tab", "ctrl+u", *"andreas", "tab", "enter")
        await pilot.pause()
        screen = main_screen(pilot)
        assert screen.listing.filter.officers == {"Richard Chilcott", "Andreas Christophorou"}
        assert len(shown_refs(pilot)) == 5


async def test_plan_and_status_pickers_and_cancel(store_dir: Path) -> None:
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        await pilot.press("p", *"property", "enter")
        assert screen.listing.filter.plans == {"property-demo"}
        await pilot.press("s", *"overdue", "tab", "enter")
        assert screen.listing.filter.statuses == {"Overdue"}
        assert shown_refs(pilot) == ["property-demo/6.1", "property-demo/6.4"]
        # Escape cancels a picker: the filter is unchanged
        await pilot.press("s", "down", "tab", "escape")
        assert screen.listing.filter.statuses == {"Overdue"}
        # the picker opens with the current values ticked; untick and apply
        await pilot.press("s", *"overdue", "tab", "enter")
        assert screen.listing.filter.statuses == frozenset()


async def test_help_screen_lists_every_key(store_dir: Path) -> None:
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(pilot.app.screen, HelpScreen)
        panel = pilot.app.screen.query_one("#help-panel")
        text = screen_text(pilot)
        for _page in range(5):  # the panel scrolls: read it a page at a time
            panel.scroll_relative(y=panel.size.height - 2, animate=False)
            await pilot.pause()
            text += screen_text(pilot)
        for binding in MAIN_KEYS:
            assert binding.tooltip and binding.tooltip in text, key_label(binding)
        assert "Uncommitted" in text and "ctrl+p" in text
        await pilot.press("escape")
        assert not isinstance(pilot.app.screen, HelpScreen)


async def test_footer_shows_the_keys(store_dir: Path) -> None:
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await settle(pilot)
        footer = screen_text(pilot).splitlines()[-1]
        for binding in MAIN_KEYS:
            if binding.show:  # every key shown, at 160 columns, the RAG keys as one entry
                label = f"{binding.key_display or binding.key} {binding.description}"
                assert label in footer, label
        assert "r a g b n RAG" in footer and "q Quit" in footer


async def test_quit_key(store_dir: Path) -> None:
    app = make_app(store_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert app._exit  # the app was asked to exit
    assert app.return_code == 0


def edit_by_hand(store_dir: Path) -> Path:
    """Change 1.3's status on disk without committing: an uncommitted edit."""
    path = store_dir / "elections-demo" / "1.3.yaml"
    path.write_text(path.read_text().replace("status: On Target", "status: Overdue"))
    return path


async def press_quit(pilot: Pilot) -> None:
    """Press q with uncommitted edits: the app asks instead of quitting."""
    await settle(pilot)
    await pilot.press("q")
    await pilot.pause()
    assert isinstance(pilot.app.screen, QuitScreen) and not pilot.app._exit


async def test_quit_with_uncommitted_edits_asks_and_can_commit_them(store_dir: Path) -> None:
    edit_by_hand(store_dir)
    app = make_app(store_dir)
    async with app.run_test(size=SIZE) as pilot:
        await press_quit(pilot)
        text = screen_text(pilot)
        assert "1 edit saved on disk but not committed: elections-demo/1.3" in text
        assert "Commit and quit (c)" in text and "Quit anyway (q)" in text
        await pilot.press("escape")  # cancel: back to the app
        assert isinstance(app.screen, MainScreen) and not app._exit
        await press_quit(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert app._exit
    assert git(store_dir, "status", "--porcelain") == ""
    assert git(store_dir, "log", "-1", "--format=%s") == (
        "elections-demo/1.3: status On Target -> Overdue\n"
    )


async def test_quit_anyway_leaves_the_edits_on_disk(store_dir: Path) -> None:
    path = edit_by_hand(store_dir)
    app = make_app(store_dir)
    async with app.run_test(size=SIZE) as pilot:
        await press_quit(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert app._exit
    assert git(store_dir, "status", "--porcelain") == " M plans/elections-demo/1.3.yaml\n"
    assert "status: Overdue" in path.read_text()


async def test_a_commit_that_fails_on_quit_says_why_and_stays(store_dir: Path) -> None:
    edit_by_hand(store_dir)
    Path(os.environ["GIT_CONFIG_GLOBAL"]).write_text("[user]\n\tuseConfigOnly = true\n")
    app = make_app(store_dir)
    async with app.run_test(size=SIZE) as pilot:
        await press_quit(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert not app._exit and isinstance(app.screen, MainScreen)
        assert "elections-demo/1.3: git has no identity" in notified(pilot)
    assert git(store_dir, "status", "--porcelain") == " M plans/elections-demo/1.3.yaml\n"


async def test_reload_picks_up_a_change_made_on_disk(store_dir: Path) -> None:
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await settle(pilot)
        path = store_dir / "elections-demo" / "1.3.yaml"
        path.write_text(path.read_text().replace("status: On Target", "status: Overdue"))
        await pilot.press("ctrl+r")
        await settle(pilot)
        action = main_screen(pilot).listing.find("elections-demo/1.3")
        assert action is not None and action.status == "Overdue"
        # the edit is on disk, not committed: marked so
        assert "elections-demo/1.3" in main_screen(pilot).listing.pending
        assert "✎ 1 uncommitted" in screen_text(pilot)
