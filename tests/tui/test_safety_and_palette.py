"""User text shown literally, the read-only mode, the command palette, start-up."""

from __future__ import annotations

import shutil
from pathlib import Path

from helpers import AS_OF, SIZE, main_screen, make_app, notified, screen_text, settle, shown_refs
from textual.command import CommandPalette

from bvtui.tui.app import BvtuiApp

HOSTILE_ACTION = """id: '9.9'
title: "[red]x[/red] \\e[31mred title"
theme: "[b]Theme[/b]"
objective: 9. Objective
officers: ["[bold]Evil[/bold] Officer"]
deadline: May-18
status: On Target
progress: 10
updates:
- period: 2017-18 Q2
  text: "[link=http://x]click[/link] \\e[2J cleared?"
"""


def add_hostile_action(store: Path) -> None:
    (store / "elections-demo" / "9.9.yaml").write_text(HOSTILE_ACTION, encoding="utf-8")


async def test_markup_and_escape_codes_are_shown_literally(store_dir: Path) -> None:
    add_hostile_action(store_dir)
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert main_screen(pilot).table.move_to("elections-demo/9.9")
        await pilot.pause()
        text = screen_text(pilot)
        assert "\x1b" not in text
        assert "[red]x[/red] \\x1b[31mred title" in text  # in the table and the detail
        assert "[b]Theme[/b]" in text
        assert "[bold]Evil[/bold] Officer" in text
        assert "[link=http://x]click[/link] \\x1b[2J cleared?" in text
        # pickers and the dashboard show it literally too
        await pilot.press("o", *"evil")
        assert "[bold]Evil[/bold] Officer  (1)" in screen_text(pilot)
        await pilot.press("escape", "d")
        await pilot.pause()
        text = screen_text(pilot)
        assert "[b]Theme[/b]" in text and "[bold]Evil[/bold] Officer" in text


async def test_palette_shows_hostile_names_literally(store_dir: Path) -> None:
    add_hostile_action(store_dir)
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"evil")
        await pilot.pause(0.5)
        assert isinstance(pilot.app.screen, CommandPalette)
        assert "Officer: [bold]Evil[/bold] Officer" in screen_text(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert main_screen(pilot).listing.filter.officers == {"[bold]Evil[/bold] Officer"}
        assert shown_refs(pilot) == ["elections-demo/9.9"]


async def palette_run(pilot, query: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+p")
    await pilot.press(*query)
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.pause()


async def test_palette_jumps_to_an_action_through_filters(store_dir: Path) -> None:
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r")  # hides 1.10
        await palette_run(pilot, "1.10 xpress")
        screen = main_screen(pilot)
        assert screen.table.current is not None
        assert screen.table.current.ref == "elections-demo/1.10"
        assert screen.listing.filter.is_empty  # cleared so the action can be shown


async def test_palette_officer_theme_and_key_commands(store_dir: Path) -> None:
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        await palette_run(pilot, "chilcott")
        assert screen.listing.filter.officers == {"Richard Chilcott"}
        await palette_run(pilot, "theme comm")
        assert screen.listing.filter.themes == {"Communications"}
        await palette_run(pilot, "clear every")
        assert screen.listing.filter.is_empty
        await palette_run(pilot, "amber filter")
        assert screen.listing.filter.rags == {"amber"}


async def test_read_only_banner_outside_git(tmp_path: Path) -> None:
    store = tmp_path / "plans"
    shutil.copytree(Path(__file__).parent.parent / "data" / "store", store)
    async with make_app(store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = screen_text(pilot)
        assert "READ-ONLY" in text and "is not in a git repository" in text
        assert len(shown_refs(pilot)) == 10
        await pilot.press("e")
        await pilot.pause()
        assert pilot.app.screen is main_screen(pilot)  # no editor
        assert "Read-only" in notified(pilot)


async def test_no_banner_in_git(store_dir: Path) -> None:
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "READ-ONLY" not in screen_text(pilot)


async def test_files_that_do_not_load_are_reported(store_dir: Path) -> None:
    (store_dir / "elections-demo" / "2.1.yaml").write_text("id: '2.1'\nprogress: lots\n")
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert len(shown_refs(pilot)) == 10
        assert "⚠ 1 file did not load" in screen_text(pilot)
        assert "2.1.yaml" in notified(pilot) and "progress" in notified(pilot)


async def test_rows_come_on_screen_once_the_load_is_done(store_dir: Path) -> None:
    # how soon is bench/'s to say (the app rows); here: that they come, unasked
    async with BvtuiApp(store_dir, as_of=AS_OF).run_test(size=SIZE) as pilot:
        for _ in range(1000):
            if "elections-demo/1.1" in screen_text(pilot):
                break
            await pilot.pause(0.01)
        assert "elections-demo/1.1" in screen_text(pilot)
        assert "10 of 10 actions" in screen_text(pilot)
