"""The app fits the terminal it is given, from 80x24 up: the table's columns yield
by priority, the edit screen scrolls, the dashboard and help fit, the footer keeps
help and quit."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from helpers import main_screen, make_app, screen_text, settle
from rich.cells import cell_len
from rich.console import Console
from textual.geometry import Region
from textual.pilot import Pilot

from bvtui.reporting import dashboard
from bvtui.store import Store
from bvtui.tui.app import BvtuiApp
from bvtui.tui.screens.dashboard import DashboardScreen, theme_table
from bvtui.tui.screens.edit import EditScreen
from bvtui.tui.screens.picker import PickerScreen

STORE = Path(__file__).parent.parent / "data" / "store"

SIZES = [(80, 24), (100, 30), (120, 40), (136, 40), (160, 48), (220, 60)]


def table_lines(pilot: Pilot) -> list[str]:
    """The table's lines as drawn (header first), each as wide as the table."""
    table = main_screen(pilot).table
    return [table.render_line(y).text for y in range(len(table.rows) + 1)]


def row_of(pilot: Pilot, ref: str) -> str:
    table = main_screen(pilot).table
    index = [action.ref for action in table.rows].index(ref)
    return table_lines(pilot)[index + 1]


@pytest.mark.parametrize("size", SIZES)
async def test_status_progress_and_marks_never_dropped(store_dir: Path, size) -> None:  # type: ignore[no-untyped-def]
    async with make_app(store_dir).run_test(size=size) as pilot:
        await settle(pilot)
        table = main_screen(pilot).table
        width = table.scrollable_content_region.width
        header, *_ = table_lines(pilot)
        assert len(header) == width
        for heading in ("Ref", "Title", "Status", "Prog", "!?✎"):
            assert heading in header, (size, header)
        assert header.rstrip().endswith("!?✎"), header  # not under the scrollbar
        overdue = row_of(pilot, "elections-demo/1.4")  # overdue and failing the status check
        assert overdue.rstrip().endswith("!?"), overdue
        assert "■ On Target" in overdue and "20%" in overdue
        titles = [c.width for c in table.columns(width) if c.key == "title"]
        assert titles and titles[0] >= (20 if width < 120 else 30), (size, titles)


async def test_ref_without_its_plan_when_one_plan_is_shown(store_dir: Path) -> None:
    async with make_app(store_dir).run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert row_of(pilot, "elections-demo/1.4").startswith(" elections")
        screen = main_screen(pilot)
        screen.set_filter(replace(screen.listing.filter, plans=frozenset({"elections-demo"})))
        await pilot.pause()
        row = row_of(pilot, "elections-demo/1.4")
        assert row.startswith(" 1.4 ") and "elections-demo" not in row, row
        ref = next(c for c in screen.table.columns(98) if c.key == "ref")
        assert ref.width <= 5


async def test_one_plan_store_has_short_refs_everywhere(make_repo: Callable[..., Path]) -> None:
    async with make_app(make_repo("elections-demo")).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert all("elections-demo" not in text for text in table_lines(pilot))
        assert " Due " in table_lines(pilot)[0]


async def test_the_table_keeps_most_of_a_small_terminal(store_dir: Path) -> None:
    async with make_app(store_dir).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = main_screen(pilot).table
        assert table.size.height - 1 >= 10  # rows under the header, beside the detail pane
        assert main_screen(pilot).query_one("#detail").size.height >= 6


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_the_edit_screen_fits_and_scrolls(store_dir: Path, size) -> None:  # type: ignore[no-untyped-def]
    async with make_app(store_dir).run_test(size=size) as pilot:
        await settle(pilot)
        main_screen(pilot).table.move_to("elections-demo/1.4")
        await pilot.press("e")
        await pilot.pause()
        editor = pilot.app.screen
        assert isinstance(editor, EditScreen)
        panel = editor.query_one("#edit-panel")
        assert panel.region.right <= size[0] and panel.region.bottom <= size[1]
        text = screen_text(pilot)
        title = editor.action.title  # every word of it, wrapped as it must be
        assert all(word in text for word in title.split()), text
        await pilot.press(*["tab"] * 6)  # status, progress, deadlines, officers, period
        assert editor.focused is editor.query_one("#update")
        await pilot.press(*"Venue booked")
        await pilot.pause()
        text = screen_text(pilot)
        assert "New update" in text and "Venue booked" in text, text
        editor.query_one("#officers").focus()
        await pilot.pause()
        hint = " ".join(shown_in(pilot, editor.query_one("#officers-hint").region).split())
        assert hint == "names separated by , ; or /", hint


def shown_in(pilot: Pilot, region: Region) -> str:
    """The text on screen inside ``region``, its lines joined by line breaks."""
    lines = screen_text(pilot).splitlines()[region.y : region.bottom]
    return "\n".join(text[region.x : region.right] for text in lines)


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (120, 40)])
async def test_the_dashboard_fits(store_dir: Path, size) -> None:  # type: ignore[no-untyped-def]
    app = BvtuiApp(store_dir)  # no --as-of: the plans' own date must be shown
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, DashboardScreen)
        text = screen_text(pilot)
        assert "as of 2017-09-29" in text
        tiles = {box.region.height for box in screen.query(".rag-box")}
        assert len(tiles) == 1, tiles  # every tile as tall as the others
        scroll = screen.query_one("#dashboard")
        scroll.scroll_to(y=screen.query_one("#theme-table").virtual_region.y, animate=False)
        await pilot.pause()
        theme_rows = screen_text(pilot)
        # Elections: amber 1 (20%), green 3 (60%), blue 1 (20%); never cut, one line
        elections = next(row for row in theme_rows.splitlines() if "Elections" in row)
        for count in ("1 (20%)", "3 (60%)"):
            assert count in elections, elections
        assert "Communications" in theme_rows  # the longest theme is not broken up


def test_the_share_bar_shrinks_with_the_width() -> None:
    figures = dashboard(Store.open(STORE).actions)
    bars = {}
    for width in (76, 86, 156):
        console = Console(width=width, file=io.StringIO(), record=True)
        console.print(theme_table(figures, width))
        lines = console.export_text().splitlines()
        assert all(cell_len(text) <= width for text in lines)
        elections = next(text for text in lines if "Elections" in text)
        assert "3 (60%)" in elections, (width, elections)
        bars[width] = elections.count("■")
    assert bars[76] == 0 < bars[86] < bars[156]


async def test_help_scrolls_by_keyboard_at_80x24(store_dir: Path) -> None:
    async with make_app(store_dir).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        panel = pilot.app.screen.query_one("#help-panel")
        assert panel.region.right <= 80 and panel.region.bottom <= 24
        last = "Red, amber, green, blue (complete), grey"
        assert last not in screen_text(pilot)
        await pilot.press("pagedown", "pagedown", "pagedown")
        await pilot.pause()
        assert last in screen_text(pilot)
        await pilot.press("k", "home", "j")
        await pilot.pause()
        assert panel.scroll_y == 1


@pytest.mark.parametrize("width", [80, 100, 120])
async def test_the_footer_keeps_help_and_quit(store_dir: Path, width: int) -> None:
    async with make_app(store_dir).run_test(size=(width, 24)) as pilot:
        await settle(pilot)
        footer = screen_text(pilot).splitlines()[-1]
        assert "?Help" in footer.replace(" ", "") and "qQuit" in footer.replace(" ", ""), footer
        assert footer.rstrip().endswith("^p palette"), footer  # nothing showing past it


async def test_ticked_picker_values_show_a_tick_not_only_a_colour(store_dir: Path) -> None:
    async with make_app(store_dir).run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await pilot.pause()
        picker = pilot.app.screen
        assert isinstance(picker, PickerScreen)
        await pilot.press("tab")  # tick the first theme
        await pilot.pause()
        lines = [picker.options.render_line(y).text for y in range(3)]
        assert "✓" in lines[0] and "Elections" in lines[0], lines
        assert "✓" not in lines[1] and "✓" not in lines[2], lines
        await pilot.press("tab")  # untick it
        await pilot.pause()
        assert "✓" not in picker.options.render_line(0).text


async def test_the_chosen_radio_button_shows_a_tick(store_dir: Path) -> None:
    async with make_app(store_dir).run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await pilot.pause()
        lines = screen_text(pilot).splitlines()
        chosen = next(text for text in lines if "(.txt)" in text)
        other = next(text for text in lines if "(.md)" in text)
        assert "✓" in chosen and "✓" not in other, (chosen, other)


async def test_the_picker_fits_80x24(store_dir: Path) -> None:
    async with make_app(store_dir).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await pilot.pause()
        assert "Tab toggles · Enter applies · Esc cancels" in screen_text(pilot)
