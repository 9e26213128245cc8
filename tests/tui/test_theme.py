"""The light theme: every colour bvtui draws reads on it; the theme chosen is kept in
the user's settings (never in the store) and restored on the next start."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import SIZE, main_screen, make_app, settle
from rich.color import Color as RichColor
from textual.pilot import Pilot

from bvtui.tui.settings import settings_path
from tests.conftest import git


def luminance(color: RichColor) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = color.get_truecolor()
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(fore: RichColor, back: RichColor) -> float:
    light, dark = sorted((luminance(fore), luminance(back)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def coloured_cells(pilot: Pilot, y: int) -> dict[str, float]:
    """The contrast of each coloured piece of table line ``y`` with its background."""
    found = {}
    for segment in main_screen(pilot).table.render_line(y):
        style = segment.style
        if segment.text.strip() and style and style.color and style.bgcolor:
            found[segment.text.strip()] = contrast(style.color, style.bgcolor)
    return found


STATUS_OF = {
    "property-demo/6.1": "● Overdue",  # red, and overdue: "!"
    "elections-demo/1.10": "▲ Delayed",
    "elections-demo/1.1": "■ On Target",
    "elections-demo/1.9": "✔ Completed",
    "property-demo/8.2": "○ Not Started",
}
"""An action of each RAG colour and its status cell, symbol and word."""


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light", "solarized-light"])
async def test_rag_colours_and_marks_read_on_the_theme(store_dir: Path, theme: str) -> None:
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await settle(pilot)
        pilot.app.theme = theme
        await pilot.pause()
        refs = [action.ref for action in main_screen(pilot).table.rows]
        for ref, status in STATUS_OF.items():
            cells = coloured_cells(pilot, refs.index(ref) + 1)
            assert cells.get(status, 0) >= 3.0, (theme, ref, cells)
        marks = coloured_cells(pilot, refs.index("property-demo/6.1") + 1)
        assert marks.get("!", 0) >= 3.0, marks


async def test_the_theme_chosen_is_remembered_outside_the_store(store_dir: Path) -> None:
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert pilot.app.theme == "textual-dark"
        pilot.app.theme = "textual-light"
        await pilot.pause()
    assert json.loads(settings_path().read_text()) == {"theme": "textual-light"}
    assert settings_path().is_relative_to(Path.home())
    assert git(store_dir, "status", "--porcelain", "--ignored") == ""  # nothing in the store
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert pilot.app.theme == "textual-light"


@pytest.mark.parametrize(
    "text", ["not json", "[1, 2]", '{"theme": 42}', '{"theme": "no-such-theme"}', ""]
)
async def test_a_bad_settings_file_is_not_trusted(store_dir: Path, text: str) -> None:
    settings_path().parent.mkdir(parents=True)
    settings_path().write_text(text)
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert pilot.app.theme == "textual-dark"
        assert main_screen(pilot).table.rows


async def test_high_contrast_theme_reads_at_seven_to_one(store_dir: Path) -> None:
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await settle(pilot)
        pilot.app.theme = "bvtui-high-contrast"
        await pilot.pause()
        refs = [action.ref for action in main_screen(pilot).table.rows]
        for ref, status in STATUS_OF.items():
            cells = coloured_cells(pilot, refs.index(ref) + 1)
            assert cells.get(status, 0) >= 7.0, (ref, cells)  # WCAG AAA
