"""The app, not the store it loads, decides about the collector: once the first load is
shown, one collection on the UI thread frees what was garbage, then what is left is
frozen. A reload's load in its worker leaves the collector as it is."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

from tests.tui.helpers import make_app, settle, shown_refs


class Cycle:
    """An object that refers to itself: only the cyclic collector frees it."""

    def __init__(self) -> None:
        self.me = self


async def test_garbage_made_before_the_first_load_is_freed_then_the_rest_frozen(
    store_dir: Path,
) -> None:
    cycles = [Cycle() for _ in range(3)]
    gone = [weakref.ref(cycle) for cycle in cycles]
    del cycles
    app = make_app(store_dir)
    try:
        async with app.run_test() as pilot:
            await settle(pilot)
            assert shown_refs(pilot)
            assert [ref() for ref in gone] == [None, None, None]
            assert gc.get_freeze_count() > 0 and gc.isenabled()
            frozen = gc.get_freeze_count()
            await pilot.press("ctrl+r")  # a reload in the worker freezes nothing more
            await settle(pilot)
            assert gc.get_freeze_count() <= frozen and gc.isenabled()
    finally:
        gc.unfreeze()  # the rest of the test session collects as before
