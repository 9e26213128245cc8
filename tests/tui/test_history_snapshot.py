"""SVG snapshot of the history screen (key h) on the fixed-date trail.

Commit dates, authors and contents are fixed, so commit ids are too. Update with
``pytest --snapshot-update tests/tui/test_history_snapshot.py`` and read the SVG first.
"""

from __future__ import annotations

from helpers import SIZE, main_screen, make_app, no_blink, settle
from textual.pilot import Pilot

from tests.fixture_trail import Trail, trail  # noqa: F401


async def _open_history(pilot: Pilot) -> None:
    await settle(pilot)
    main_screen(pilot).jump_to("elections-demo/1.3b")
    await pilot.press("h")
    await settle(pilot)
    await pilot.press("down", "down")
    no_blink(pilot)
    await pilot.pause()


def test_history_screen(snap_compare, trail: Trail) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    assert snap_compare(make_app(trail.store), terminal_size=SIZE, run_before=_open_history)
