"""Time the command palette and the changes screen on a store, headless; print one JSON line.

    python bench/screens_probe.py STORE [--query "louise st"] [--since 2000-01-01]

Run as a subprocess by ``bench/run.py``. Figures, in seconds:

* ``palette_key`` / ``palette_key_max``: the median and the slowest time from a
  character typed into the command palette (``ctrl+p``, then ``--query`` one key at a
  time) until the palette has gathered that query's hits into its list (drawn at the
  next frame);
* ``palette_hits``: how many hits the last key showed;
* ``changes_first_rows``: from opening the changes screen since ``--since`` (a date
  before the history: every action is new) until the first plan's rows are on screen;
* ``changes_all``: from the same start until every move is read and the counts show;
* ``changes_escape``: from Escape on that screen, full of rows, until the main screen
  is back and painted;
* ``changes_escape_busy``: the same Escape pressed at once, while the changes are
  still being read.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from pathlib import Path

SIZE = (160, 48)
GIVE_UP_S = 120.0


async def until(condition, what: str) -> None:  # type: ignore[no-untyped-def]
    """Poll ``condition()`` (letting the app run) until it holds, or give up."""
    started = time.perf_counter()
    while not condition():
        await asyncio.sleep(0.002)
        if time.perf_counter() - started > GIVE_UP_S:
            raise SystemExit(f"gave up waiting for {what}")


def on_screen(app) -> str:  # type: ignore[no-untyped-def]
    """The terminal's text now."""
    update = app.screen._compositor.render_full_update()
    return "\n".join("".join(strip.text for strip in line) for line in update.strips)


async def probe(store: Path, query: str, since: str) -> dict[str, float]:
    from textual.command import CommandList, CommandPalette

    from bvtui.tui.app import BvtuiApp
    from bvtui.tui.screens.changes import ChangesScreen
    from bvtui.tui.screens.main import MainScreen

    app = BvtuiApp(store)
    figures: dict[str, float] = {}
    async with app.run_test(size=SIZE) as pilot:
        main = app.screen_stack[0]
        assert isinstance(main, MainScreen)
        await until(lambda: main.store is not None and not main.table.loading, "the store")
        await pilot.pause()

        # The command palette, one key at a time.
        await pilot.press("ctrl+p")
        await until(lambda: isinstance(app.screen, CommandPalette), "the palette")
        palette = app.screen
        ready: list[float] = []
        """When the palette's searches finished: it marks itself ``-ready`` each time."""
        add_class = palette.add_class

        def timed_add_class(*names: str, update: bool = True) -> object:
            if "-ready" in names:
                ready.append(time.perf_counter())
            return add_class(*names, update=update)

        palette.add_class = timed_add_class  # type: ignore[method-assign]
        await pilot.pause()
        per_key = []
        for typed in range(1, len(query) + 1):
            ready.clear()
            before = time.perf_counter()
            await pilot.press(query[typed - 1])
            await until(lambda: bool(ready), f"the hits of {query[:typed]!r}")
            per_key.append(ready[0] - before)
            await pilot.pause()
        figures["palette_key"] = statistics.median(per_key)
        figures["palette_key_max"] = max(per_key)
        figures["palette_hits"] = palette.query_one(CommandList).option_count
        await pilot.press("escape")
        await until(lambda: app.screen is main, "the palette to close")
        await pilot.pause()

        repo = main.store.repo
        assert repo is not None
        path = repo.relative(main.store.root)

        # Escape while the changes are being read.
        before = time.perf_counter()
        app.push_screen(ChangesScreen(repo, path, since=since))
        await pilot.press("escape")
        await until(lambda: app.screen is main, "the main screen")
        await pilot.pause()
        figures["changes_escape_busy"] = time.perf_counter() - before
        await app.workers.wait_for_complete()

        # The changes screen full of rows, then Escape.
        before = time.perf_counter()
        changes = ChangesScreen(repo, path, since=since)
        app.push_screen(changes)
        await until(lambda: changes.is_current and "plan-01 ·" in on_screen(app), "the rows")
        figures["changes_first_rows"] = time.perf_counter() - before
        await until(lambda: "actions moved" in on_screen(app), "the counts")
        figures["changes_all"] = time.perf_counter() - before
        await pilot.pause()
        before = time.perf_counter()
        await pilot.press("escape")
        await until(lambda: app.screen is main, "the main screen")
        await pilot.pause()
        figures["changes_escape"] = time.perf_counter() - before
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--query", default="louise st", help="typed into the palette")
    parser.add_argument("--since", default="2000-01-01", help="the changes screen's since")
    args = parser.parse_args()
    print(json.dumps(asyncio.run(probe(args.store, args.query, args.since))))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
