"""Names and paths that look like markup are shown as typed: in the palette and in toasts."""

from __future__ import annotations

import random
from pathlib import Path

from helpers import SIZE, main_screen, make_app, screen_text, settle
from textual.command import CommandPalette
from textual.content import Content
from textual.widgets._toast import Toast

from bvtui.tui.text import inert_markup
from tests.conftest import git

BROKEN_LINK = "] [link=https:"
"""An officer name that is not even well-formed markup: parsing it raises MarkupError."""


def add_officer(store: Path, name: str) -> None:
    action = store / "elections-demo" / "1.1.yaml"
    text = action.read_text(encoding="utf-8")
    start = text.index("officers:")
    end = text.index("\n", start)
    action.write_text(f"{text[:start]}officers: ['{name}']{text[end:]}", encoding="utf-8")


async def test_palette_survives_an_officer_named_like_broken_markup(store_dir: Path) -> None:
    add_officer(store_dir, BROKEN_LINK)
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"link")
        await pilot.pause(0.5)
        assert isinstance(pilot.app.screen, CommandPalette)
        text = screen_text(pilot)
        assert f"Officer: {BROKEN_LINK}" in text
        assert f"show the 1 actions {BROKEN_LINK} leads" in text
        await pilot.press("escape")  # and the discovery list, before anything is typed
        await pilot.press("ctrl+p")
        await pilot.pause(0.5)
        await pilot.press("enter", "escape")
        await pilot.pause()
        assert pilot.app.is_running
        assert main_screen(pilot).store is not None


async def test_palette_selects_the_broken_markup_officer(store_dir: Path) -> None:
    add_officer(store_dir, BROKEN_LINK)
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"officer: ] [link")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert main_screen(pilot).listing.filter.officers == {BROKEN_LINK}


async def test_cannot_read_the_store_toast_shows_the_name_literally(tmp_path: Path) -> None:
    top = tmp_path / "repo"
    top.mkdir()
    git(top, "init", "--quiet")
    name = "[b]plans[/b] [@click=app.quit]x[/]"
    async with make_app(top / name).run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        (toast,) = pilot.app.screen.query(Toast)
        shown = toast.render()
        assert isinstance(shown, Content)
        assert shown.plain.startswith("Cannot read the store\n")
        assert f"{name}: no such store folder" in shown.plain
        assert not [span for span in shown.spans if "click" in str(span.style)]


def test_inert_markup_reads_back_as_exactly_the_text() -> None:
    rng = random.Random(8)
    alphabet = "[]\\/=@:$#ab "
    samples = [BROKEN_LINK, "[b]x[/b]", "a\\", "\\[b]", "[@click=app.quit]q[/]", "[[b]]"]
    samples += [
        "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(3000)
    ]
    for text in samples:
        content = Content.from_markup(inert_markup(text))
        assert (content.plain, content.spans) == (text, []), text
