"""``z`` in the app: the last save of the highlighted action reverted as a new commit
(after a question naming the save), or the reason it cannot be, changing nothing."""

from __future__ import annotations

from pathlib import Path

from helpers import SIZE, main_screen, make_app, notified, settle, until

from bvtui.cli.main import main
from bvtui.tui.screens.dialogs import ConfirmScreen
from tests.conftest import git

REF = "elections-demo/1.3"


async def test_z_undoes_the_last_save_of_the_highlighted_action(store_dir: Path) -> None:
    top = store_dir.parent
    before = (store_dir / f"{REF}.yaml").read_bytes()
    assert main(["set", "--store", str(store_dir), REF, "status=Delayed", "progress=40"]) == 0
    saved = git(top, "rev-parse", "HEAD").strip()
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        assert screen.table.move_to(REF)
        await pilot.press("z")
        await until(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen))
        assert isinstance(pilot.app.screen, ConfirmScreen)
        assert saved[:10] in pilot.app.screen.question
        await pilot.press("y")
        await until(pilot, lambda: git(top, "rev-parse", "HEAD").strip() != saved)
        await until(pilot, lambda: "undone" in notified(pilot))
        current = screen.table.current
        assert current is not None and current.status == "On Target"
    assert (store_dir / f"{REF}.yaml").read_bytes() == before
    reverts = git(top, "log", "-1", "--format=%(trailers:key=Reverts,valueonly)").split()
    assert reverts == [saved]
    assert git(top, "status", "--porcelain") == ""


async def test_z_refused_says_why_and_changes_nothing(store_dir: Path) -> None:
    top = store_dir.parent
    head = git(top, "rev-parse", "HEAD")
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert main_screen(pilot).table.move_to(REF)
        await pilot.press("z")
        await until(pilot, lambda: "Not undone" in notified(pilot))
        assert f"{REF}: no save made by bvtui to undo" in notified(pilot)
        assert not isinstance(pilot.app.screen, ConfirmScreen)
    assert git(top, "rev-parse", "HEAD") == head
