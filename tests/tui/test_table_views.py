"""Table ergonomics: sort by any column (keys and a click on a heading), choose and
reorder the columns, move with j k G and the page keys, saved views (v saves and
commits, 1-9 and --view open), the presentation layout and the theme key."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import AS_OF, main_screen, make_app, notified, settle, shown_refs
from textual.pilot import Pilot

from bvtui.store import VIEWS_FILE
from bvtui.tui.app import BvtuiApp
from bvtui.tui.screens.table_dialogs import ColumnsScreen
from bvtui.tui.settings import settings_path
from bvtui.tui.sorting import Sort, natural
from bvtui.tui.themes import HIGH_CONTRAST
from tests.conftest import git


def header(pilot: Pilot) -> str:
    return main_screen(pilot).table.render_line(0).text


def titles(pilot: Pilot) -> list[str]:
    return [action.title for action in main_screen(pilot).table.rows]


async def test_sort_keys_move_the_sort_column_and_reverse(store_dir: Path) -> None:
    async with make_app(store_dir).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        natural_order = shown_refs(pilot)
        await pilot.press("greater_than_sign", "greater_than_sign")  # ref, then title
        await pilot.pause()
        assert (
            titles(pilot)
            == sorted(titles(pilot), key=natural)
            != [a.title for a in main_screen(pilot).listing.shown]
        )
        assert "Title▲" in header(pilot)
        await pilot.press("I")
        await pilot.pause()
        assert titles(pilot) == sorted(titles(pilot), key=natural, reverse=True)
        assert "Title▼" in header(pilot)
        await pilot.press("less_than_sign", "less_than_sign")  # ref, then the store's order
        await pilot.pause()
        assert shown_refs(pilot) == natural_order and "▲" not in header(pilot)


async def test_status_sorts_worst_first_and_a_filter_keeps_the_sort(store_dir: Path) -> None:
    async with make_app(store_dir).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        for _ in range(6):  # ref title theme officer due status
            await pilot.press("greater_than_sign")
        await pilot.pause()
        assert screen.table.sort is not None and screen.table.sort.column == "status"
        rags = [action.rag for action in screen.table.rows]
        order = ["red", "amber", "green", "blue", "grey"]
        assert rags == sorted(rags, key=order.index) and rags[0] == "red"
        await pilot.press("b")  # a filter: the rows it keeps stay sorted
        await pilot.pause()
        assert {a.rag for a in screen.table.rows} == {"blue"}
        assert "Status▲" in header(pilot)


async def test_a_click_on_a_heading_sorts_and_a_second_reverses(store_dir: Path) -> None:
    async with make_app(store_dir).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = main_screen(pilot).table
        due = header(pilot).index("Due")
        await pilot.click(table, offset=(due + 1, 0))
        await pilot.pause()
        dues = [a.judged(AS_OF)[0] for a in table.rows]
        dated = [d for d in dues if d is not None]
        assert dated == sorted(dated) and dues[: len(dated)] == dated  # no date last
        await pilot.click(table, offset=(due + 1, 0))
        await pilot.pause()
        assert "Due▼" in header(pilot)
        dues = [a.judged(AS_OF)[0] for a in table.rows]
        assert [d for d in dues if d] == sorted(dated, reverse=True)


async def test_columns_are_hidden_and_moved_in_the_dialog(store_dir: Path) -> None:
    async with make_app(store_dir).run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        assert " Theme " in header(pilot)
        await pilot.press("C")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ColumnsScreen)
        await pilot.press("down", "down", "space")  # untick the theme
        await pilot.press("down", "down", "K")  # due, moved above the officer
        await pilot.press("home", "space")  # the ref cannot be unticked
        await pilot.press("enter")
        await pilot.pause()
        shown = header(pilot)
        assert "Theme" not in shown and "Officer" in shown
        assert shown.index("Ref") < shown.index("Due") < shown.index("Officer"), shown
        assert main_screen(pilot).table.choice.shown == (
            "ref",
            "title",
            "due",
            "officer",
            "status",
            "progress",
            "marks",
        )
        await pilot.press("C", "escape")  # cancelled: nothing changes
        await pilot.pause()
        assert header(pilot) == shown


async def test_j_k_g_and_the_page_keys_move_the_cursor(store_dir: Path) -> None:
    async with make_app(store_dir).run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = main_screen(pilot).table
        await pilot.press("j", "j", "k")
        assert table.cursor == 1
        await pilot.press("G")
        assert table.cursor == len(table.rows) - 1
        await pilot.press("home", "pagedown")
        page = table.size.height - 2  # the rows under the header, less one
        assert table.cursor == min(page, len(table.rows) - 1) > 1
        await pilot.press("pageup")
        assert table.cursor == 0


async def test_a_view_saved_with_v_opens_with_its_number_and_with_view(
    store_dir: Path,
) -> None:
    async with make_app(store_dir).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("v", *"all", "enter")  # view 1: everything, natural order
        await settle(pilot)
        await pilot.press("r", "a", "greater_than_sign", "greater_than_sign", "I")
        await pilot.press("C", "down", "down", "space", "enter")  # no theme
        await pilot.press("v", *"red-amber", "enter")
        await settle(pilot)
        assert "red-amber: committed" in notified(pilot)
        await pilot.press("x", "1")  # view 1 (all): every action, in the store's order
        await pilot.pause()
        screen = main_screen(pilot)
        assert len(screen.table.rows) == screen.listing.total and screen.table.sort is None
        await pilot.press("2")
        await pilot.pause()
        assert {a.rag for a in screen.table.rows} == {"red", "amber"}
        assert "Title▼" in header(pilot) and "Theme" not in header(pilot)
        await pilot.press("9")
        await pilot.pause()
        assert "No view 9: the store has 2" in notified(pilot)
    log = git(store_dir.parent, "log", "-2", "--format=%s").split("\n")[:2]
    assert log == ["views: add red-amber", "views: add all"]
    assert git(store_dir.parent, "status", "--porcelain") == ""
    assert (store_dir / VIEWS_FILE).is_file()

    app = BvtuiApp(store_dir, as_of=AS_OF, view="red-amber")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        assert {a.rag for a in screen.table.rows} == {"red", "amber"}
        assert titles(pilot) == sorted(titles(pilot), key=natural, reverse=True)
        assert "Theme" not in header(pilot)


async def test_presentation_layout_spaces_rows_and_keeps_the_theme(store_dir: Path) -> None:
    async with make_app(store_dir).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        await pilot.press("ctrl+t")  # the user's theme: light
        await pilot.press("P")
        await pilot.pause()
        table = screen.table
        assert pilot.app.theme == HIGH_CONTRAST.name
        assert (
            not screen.query_one("#detail").display or screen.query_one("#detail").size.height == 0
        )
        first, second = table.rows[0], table.rows[1]
        assert first.title[:10] in table.render_line(1).text
        assert table.render_line(2).text.strip() == ""  # a blank line between rows
        assert second.title[:10] in table.render_line(3).text
        assert "Theme" not in header(pilot) and "Officer" not in header(pilot)
        await pilot.press("j")
        await pilot.pause()
        await pilot.click(table, offset=(5, 5))  # the third row's line
        assert table.cursor == 2
        await pilot.press("P")
        await pilot.pause()
        assert pilot.app.theme == "textual-light" and table.row_height == 1
    theme = json.loads(settings_path().read_text())["theme"]
    assert theme == "textual-light"  # presenting chose no theme for next time


async def test_present_option_opens_in_the_presentation_layout(store_dir: Path) -> None:
    settings_path().parent.mkdir(parents=True)
    settings_path().write_text('{"theme": "textual-light"}')  # the user's own theme
    async with BvtuiApp(store_dir, as_of=AS_OF, present=True).run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert main_screen(pilot).table.row_height == 2
        assert main_screen(pilot).has_class("-present")
        assert pilot.app.theme == HIGH_CONTRAST.name
        await pilot.press("greater_than_sign", "greater_than_sign", "greater_than_sign")
        await pilot.pause()  # ref, title, then the status: due is not presented
        assert "Status▲" in header(pilot) and "Due" not in header(pilot)
        main_screen(pilot).table.sort_by(Sort("due"))  # a view sorted by due, presented
        await pilot.pause()
        assert "Due▲" in header(pilot)
        await pilot.press("P")
        await pilot.pause()
        assert pilot.app.theme == "textual-light"


async def test_ctrl_t_cycles_dark_light_high_contrast_and_is_kept(store_dir: Path) -> None:
    async with make_app(store_dir).run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        seen = []
        for _ in range(3):
            await pilot.press("ctrl+t")
            await pilot.pause()
            seen.append(pilot.app.theme)
        assert seen == ["textual-light", HIGH_CONTRAST.name, "textual-dark"]
        await pilot.press("ctrl+t", "ctrl+t")
        await pilot.pause()
    assert json.loads(settings_path().read_text()) == {"theme": HIGH_CONTRAST.name}
