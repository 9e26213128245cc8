"""Time the terminal app on a store, headless, and print the figures as one JSON line.

    python bench/app_probe.py STORE [--keys 10] [--started EPOCH]

Run as a subprocess by ``bench/run.py``, so that start-up (interpreter, imports,
Textual) is part of "launch to first rows": ``--started`` is the wall-clock time
the parent took just before starting this process. Figures:

* ``first_rows``: seconds from ``--started`` (else from this script's first line)
  until the table holds the store's rows and the screen has been refreshed;
* ``keystroke``: median seconds from a RAG filter key (r, a, g, b, n: each toggled
  on then off) reaching the app to the first screen update written after it (the
  table repainted with the kept rows). Textual paints at most 60 times a second, so
  this includes the wait for the next frame (0-16.7 ms);
* ``filter_only``: median seconds of the filter work itself for the same keys
  (Listing filter + table rows + one render of the visible lines), without Pilot;
* ``rss_mb`` / ``peak_rss_mb``: the process's resident memory after the load and
  the keystrokes, and its peak (VmHWM).
"""

from __future__ import annotations

import time

_T0 = time.time()

import argparse  # noqa: E402
import asyncio  # noqa: E402
import json  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

SIZE = (160, 48)
RAG_OF_KEY = {"r": "red", "a": "amber", "g": "green", "b": "blue", "n": "grey"}


def memory_mb() -> tuple[float, float]:
    """(VmRSS, VmHWM) of this process in MB, from /proc."""
    fields = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields[name] = int(value.split()[0]) / 1024
    return fields.get("VmRSS", 0.0), fields.get("VmHWM", 0.0)


async def probe(store: Path, started: float, rounds: int) -> dict[str, float]:
    from bvtui.tui.app import BvtuiApp
    from bvtui.tui.screens.main import MainScreen

    app = BvtuiApp(store)
    painted: list[float] = []
    display = app._display

    def timed_display(*args: object, **kwargs: object) -> None:
        display(*args, **kwargs)  # type: ignore[arg-type]
        painted.append(time.perf_counter())

    app._display = timed_display  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen_stack[0]
        assert isinstance(screen, MainScreen)
        while screen.store is None or screen.table.loading:
            await asyncio.sleep(0.002)
        await pilot.pause()
        first_rows = time.time() - started
        total = screen.listing.total
        pressed, work = [], []
        for _ in range(rounds):
            for key in RAG_OF_KEY:
                await pilot.pause()
                painted.clear()
                before = time.perf_counter()
                await pilot.press(key)
                await pilot.pause()
                assert painted, "no screen update after a filter key"
                pressed.append(painted[0] - before)
        for _ in range(rounds):
            for rag in RAG_OF_KEY.values():
                wanted = screen.listing.filter.toggled_rag(rag)
                before = time.perf_counter()
                screen.set_filter(wanted)
                screen.table.render_lines(screen.table.region.reset_offset)
                work.append(time.perf_counter() - before)
        rss, peak = memory_mb()
    return {
        "actions": total,
        "first_rows": first_rows,
        "keystroke": statistics.median(pressed),
        "keystroke_max": max(pressed),
        "filter_only": statistics.median(work),
        "rss_mb": rss,
        "peak_rss_mb": peak,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--started", type=float, default=_T0)
    parser.add_argument("--rounds", type=int, default=2, help="times each key pair is pressed")
    args = parser.parse_args()
    figures = asyncio.run(probe(args.store, args.started, args.rounds))
    print(json.dumps(figures))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
