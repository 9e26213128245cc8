"""Pickers act on what was typed, however fast it arrives (issue 13, item 4)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import SIZE, burst, main_screen, make_app, screen_text, settle, shown_refs
from textual.pilot import Pilot
from textual.widgets import Input

from bvtui.tui.screens.picker import PickerScreen


async def open_picker(pilot: Pilot, key: str) -> None:
    await pilot.press(key)
    while not isinstance(pilot.app.focused, Input):
        await pilot.pause()
    assert isinstance(pilot.app.screen, PickerScreen)


@pytest.mark.parametrize(
    ("key", "typed", "field", "wanted", "rows"),
    [
        ("o", "chilcott", "officers", "Richard Chilcott", 3),  # not the first officer listed
        ("t", "prop", "themes", "Property", 3),  # not the first theme listed
    ],
)
async def test_enter_in_one_burst_applies_what_was_typed(
    store_dir: Path, key: str, typed: str, field: str, wanted: str, rows: int
) -> None:
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_picker(pilot, key)
        await burst(pilot, *typed, "enter")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, PickerScreen)
        assert getattr(main_screen(pilot).listing.filter, field) == {wanted}
        assert len(shown_refs(pilot)) == rows


async def test_tab_and_enter_in_one_burst_tick_what_was_typed(store_dir: Path) -> None:
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_picker(pilot, "o")
        await burst(pilot, *"chil", "tab")
        await pilot.press("ctrl+u")  # the box's own keys are bound, so they run after letters
        await burst(pilot, *"andreas", "tab", "down", "enter")
        await settle(pilot)
        wanted = {"Richard Chilcott", "Andreas Christophorou"}
        assert main_screen(pilot).listing.filter.officers == wanted
        assert len(shown_refs(pilot)) == 5


async def test_a_burst_that_matches_nothing_leaves_an_empty_list(store_dir: Path) -> None:
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_picker(pilot, "o")
        await burst(pilot, *"chilx")  # the app used to end here (OptionDoesNotExist)
        await settle(pilot)
        picker = pilot.app.screen
        assert isinstance(picker, PickerScreen) and picker.options.option_count == 0
        await burst(pilot, "backspace", "enter")
        await settle(pilot)
        assert main_screen(pilot).listing.filter.officers == {"Richard Chilcott"}


@pytest.mark.parametrize(
    ("keys", "field", "wanted"),
    [
        (("o", *"chilcott", "enter"), "officers", {"Richard Chilcott"}),
        (("t", *"prop", "enter"), "themes", {"Property"}),
    ],
)
async def test_keys_in_the_read_that_opens_the_picker_are_typed_into_it(
    store_dir: Path, keys: tuple[str, ...], field: str, wanted: set[str]
) -> None:
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await burst(pilot, *keys)  # the key that opens the picker and what follows
        await settle(pilot)
        assert not isinstance(pilot.app.screen, PickerScreen)
        assert getattr(main_screen(pilot).listing.filter, field) == wanted


async def test_letters_after_slash_in_one_read_search(store_dir: Path) -> None:
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await burst(pilot, "slash", *"xpress", "enter")  # x and r are main-screen keys
        await settle(pilot)
        screen = main_screen(pilot)
        assert screen.listing.filter.search == "xpress" and not screen.listing.filter.rags
        assert shown_refs(pilot) == ["elections-demo/1.10"]


async def test_the_footer_names_the_picker_keys(store_dir: Path) -> None:
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_picker(pilot, "o")
        footer = screen_text(pilot).splitlines()[-1]
        assert "Apply" in footer and "Toggle" in footer and "Cancel" in footer


async def test_keys_right_after_escape_leave_the_search_box(store_dir: Path) -> None:
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await burst(pilot, "slash", *"xpress", "escape", "x", "u")  # x clears, u: due update
        await settle(pilot)
        screen = main_screen(pilot)
        assert screen.query_one("#search", Input).value == ""
        assert screen.listing.filter.search == "" and screen.listing.filter.due_update
        assert screen.table.has_focus
