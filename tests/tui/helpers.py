"""Helpers for driving the app with Pilot on real temporary stores.

Every app is opened with a fixed as-of date (the fixture plans' own, 2017-09-29) so
that overdue marks and snapshots never move with the calendar.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from textual import events
from textual.pilot import Pilot
from textual.widgets import Input

from bvtui.tui.app import BvtuiApp
from bvtui.tui.screens.main import MainScreen

AS_OF = date(2017, 9, 29)
SIZE = (160, 48)


def make_app(store: Path, author: str | None = None) -> BvtuiApp:
    """The app on ``store``, judged on :data:`AS_OF`."""
    return BvtuiApp(store, as_of=AS_OF, author=author)


async def settle(pilot: Pilot) -> None:
    """Wait until every worker (load, save) has finished and its messages are handled."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def until(
    pilot: Pilot, done: Callable[[], bool], what: str = "the app never got there"
) -> None:
    """Settle until ``done()`` holds (a commit made, a dialog open), or fail saying ``what``."""
    for _ in range(100):
        await settle(pilot)
        if done():
            return
    raise AssertionError(what)


def main_screen(pilot: Pilot) -> MainScreen:
    screen = pilot.app.screen_stack[0]
    assert isinstance(screen, MainScreen)
    return screen


def shown_refs(pilot: Pilot) -> list[str]:
    """The refs of the rows the table holds, in order."""
    return [action.ref for action in main_screen(pilot).table.rows]


def screen_text(pilot: Pilot) -> str:
    """The text on the terminal now, line by line, as a user would read it."""
    update = pilot.app.screen._compositor.render_full_update()
    return "\n".join("".join(strip.text for strip in line) for line in update.strips)


def no_blink(pilot: Pilot) -> None:
    """Stop every text cursor blinking, for stable snapshots."""
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False


def notified(pilot: Pilot) -> str:
    """Every notification the app has shown (title and message), one per line."""
    return "\n".join(f"{note.title}: {note.message}" for note in pilot.app._notifications)


async def burst(pilot: Pilot, *keys: str) -> None:
    """Send ``keys`` as one read from the terminal (a paste, a slow SSH link), then settle.

    :meth:`Pilot.press` waits for the app to go idle after each key, which a real
    terminal never does: here every key is queued before the first is handled.
    """
    driver = pilot.app._driver
    assert driver is not None
    for key in keys:
        char = key if len(key) == 1 else None
        event = events.Key(key, char)
        event.set_sender(pilot.app)
        driver.send_message(event)
    await pilot.pause()
    await pilot.pause()
