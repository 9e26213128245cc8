"""SVG snapshots of the main screen, a filtered view, the edit screen and the dashboard,
at 160x48, and of the main, edit and dashboard screens at 80x24 and 120x40.

Fixed size, fixed as-of date, cursor blink off. Update with
``pytest --snapshot-update tests/tui`` and look at the SVGs before accepting.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from helpers import SIZE, make_app, no_blink, settle
from textual.pilot import Pilot


def after_load(*keys: str) -> Callable[[Pilot], object]:
    """A ``run_before`` that waits for the store, presses ``keys`` and settles."""

    async def run(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press(*keys)
        await settle(pilot)
        no_blink(pilot)
        await pilot.pause()

    return run


def snap(snap_compare, store: Path, keys: Iterable[str] = (), size=SIZE) -> bool:  # type: ignore[no-untyped-def]
    return snap_compare(make_app(store), terminal_size=size, run_before=after_load(*keys))


def test_main_screen(snap_compare, store_dir: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap(snap_compare, store_dir, ["down", "down"])


def test_filtered_view(snap_compare, store_dir: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap(snap_compare, store_dir, ["r", "a", "exclamation_mark"])


def test_edit_screen(snap_compare, store_dir: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap(snap_compare, store_dir, ["down", "e", "tab", "ctrl+u", "1", "2", "0"])


def test_dashboard(snap_compare, store_dir: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap(snap_compare, store_dir, ["d"])


SMALL = [(80, 24), (120, 40)]
"""Terminal sizes that must show status and marks as well as the large one."""


@pytest.mark.parametrize("size", SMALL, ids=["80x24", "120x40"])
def test_main_screen_small(snap_compare, store_dir: Path, size) -> None:  # type: ignore[no-untyped-def]
    assert snap(snap_compare, store_dir, ["down", "down"], size=size)


@pytest.mark.parametrize("size", SMALL, ids=["80x24", "120x40"])
def test_edit_screen_small(snap_compare, store_dir: Path, size) -> None:  # type: ignore[no-untyped-def]
    assert snap(snap_compare, store_dir, ["down", "e", "tab", "ctrl+u", "1", "2", "0"], size=size)


@pytest.mark.parametrize("size", SMALL, ids=["80x24", "120x40"])
def test_dashboard_small(snap_compare, store_dir: Path, size) -> None:  # type: ignore[no-untyped-def]
    assert snap(snap_compare, store_dir, ["d"], size=size)


def test_main_screen_light_theme(snap_compare, store_dir: Path) -> None:  # type: ignore[no-untyped-def]
    async def light(pilot: Pilot) -> None:
        await after_load("down", "down", "exclamation_mark")(pilot)
        pilot.app.theme = "textual-light"
        await pilot.pause()

    assert snap_compare(make_app(store_dir), terminal_size=(120, 40), run_before=light)


def test_presentation_layout(snap_compare, store_dir: Path) -> None:  # type: ignore[no-untyped-def]
    """P: spaced bold rows, ref title status progress marks, high contrast, no detail."""
    assert snap(snap_compare, store_dir, ["down", "P"], size=(120, 40))


def test_sorted_by_status_at_80x24(snap_compare, store_dir: Path) -> None:  # type: ignore[no-untyped-def]
    """Sorted by status, worst first (the arrow on its heading), the theme column hidden:
    > steps through ref, title, due and status, the columns 80 cells show."""
    keys = ["C", "down", "down", "space", "enter", *["greater_than_sign"] * 4]
    assert snap(snap_compare, store_dir, keys, size=(80, 24))
