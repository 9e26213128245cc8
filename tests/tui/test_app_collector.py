"""The app pauses the cyclic collector for its first load only (its own class, the
process's edge): once the rows are shown, or the load has failed, or the app has
ended, the collector runs again, so garbage made while the app runs is freed."""

from __future__ import annotations

import gc
from pathlib import Path

from helpers import SIZE, main_screen, make_app, settle, until


async def test_the_collector_runs_again_once_the_first_rows_are_shown(store_dir: Path) -> None:
    assert gc.isenabled()
    app = make_app(store_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await until(pilot, gc.isenabled)
        assert gc.isenabled() and not app._collector_paused
    assert gc.isenabled()


async def test_a_load_that_fails_lets_the_collector_run_again(tmp_path: Path) -> None:
    app = make_app(tmp_path / "no-store-here")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "could not be read" in main_screen(pilot).table.empty_message
        await until(pilot, gc.isenabled)
    assert gc.isenabled()


async def test_an_app_that_ends_before_its_store_is_read_leaves_the_collector_on(
    store_dir: Path,
) -> None:
    app = make_app(store_dir)
    async with app.run_test(size=SIZE) as pilot:
        app.exit()
        await pilot.pause()
    assert gc.isenabled()
