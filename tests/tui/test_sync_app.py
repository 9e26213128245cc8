"""The app's S key on clones of a real bare repository, and the conflict resolution screen."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from helpers import SIZE, main_screen, make_app, notified, screen_text, settle
from textual.pilot import Pilot
from textual.widgets import RadioSet

from bvtui.cli.main import main
from bvtui.tui.screens.resolve import ResolveScreen


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def clones(make_repo, tmp_path: Path) -> tuple[Path, Path]:
    """Two officers' clones (stores) of one bare repository, the merge driver set up."""
    seed = make_repo(name="seed")
    bare = tmp_path / "plans.git"
    git(tmp_path, "init", "--quiet", "--bare", str(bare))
    assert main(["setup-merge", "--store", str(seed)]) == 0
    git(seed.parent, "push", "--quiet", str(bare), "main")
    stores = []
    for name in ("amy", "ben"):
        git(tmp_path, "clone", "--quiet", str(bare), name)
        assert main(["setup-merge", "--store", str(tmp_path / name / "plans")]) == 0
        stores.append(tmp_path / name / "plans")
    return stores[0], stores[1]


async def press_sync(pilot: Pilot) -> None:
    await settle(pilot)
    await pilot.press("S")
    await settle(pilot)


async def test_sync_key_brings_changes_in_keeping_cursor_and_filters(clones) -> None:
    amy, ben = clones
    assert main(["set", "--store", str(ben), "elections-demo/1.10", "progress=95"]) == 0
    assert main(["sync", "--store", str(ben)]) == 0
    async with make_app(amy).run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        screen.action_toggle_rag("amber")
        assert screen.table.move_to("elections-demo/1.10")
        await press_sync(pilot)
        assert "synced with origin/main; in: 1 commit (elections-demo/1.10)" in notified(pilot)
        assert screen.listing.find("elections-demo/1.10").progress == 95
        assert screen.listing.filter.rags == frozenset({"amber"})
        assert screen.table.current.ref == "elections-demo/1.10"


async def test_sync_key_says_why_it_failed(store_dir: Path) -> None:
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await press_sync(pilot)
        assert "no remote to sync with" in notified(pilot)


def set_status_in_both(amy: Path, ben: Path, mine: str, theirs: str) -> None:
    """Ben sets 1.3's status to ``theirs`` and syncs; Amy sets it to ``mine``."""
    assert main(["set", "--store", str(ben), "1.3", f"status={theirs}"]) == 0
    assert main(["sync", "--store", str(ben)]) == 0
    assert main(["set", "--store", str(amy), "1.3", f"status={mine}"]) == 0


async def test_conflict_opens_the_resolution_screen_and_saving_finishes_the_sync(clones) -> None:
    amy, ben = clones
    set_status_in_both(amy, ben, mine="Delayed", theirs="Completed")
    async with make_app(amy).run_test(size=SIZE) as pilot:
        await press_sync(pilot)
        assert "in conflict with origin: elections-demo/1.3" in notified(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, ResolveScreen)
        assert screen.picks() == {"status": "mine"}
        await pilot.click("#pick-status-theirs")
        assert screen.picks() == {"status": "theirs"}
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, ResolveScreen)
        assert "synced with origin/main" in notified(pilot).splitlines()[-1]
        assert main_screen(pilot).listing.find("elections-demo/1.3").status == "Completed"
    assert git(amy.parent, "status", "--porcelain") == ""
    assert "conflicts" not in (amy / "elections-demo/1.3.yaml").read_text()
    assert git(amy.parent, "rev-parse", "HEAD") == git(amy.parent, "rev-parse", "origin/main")


async def test_the_resolution_screen_works_from_the_keyboard_and_says_what_came_in(
    clones,
) -> None:
    amy, ben = clones
    set_status_in_both(amy, ben, mine="Completed", theirs="Overdue")
    async with make_app(amy).run_test(size=SIZE) as pilot:
        await press_sync(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, ResolveScreen)
        assert isinstance(screen.focused, RadioSet) and screen.focused.name == "status"
        text = screen_text(pilot)
        assert "↑↓ move" in text and "Enter or space chooses" in text
        await pilot.press("down", "enter")
        assert screen.picks() == {"status": "theirs"}
        assert "status: theirs (Overdue)" in screen_text(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, ResolveScreen)
        last = notified(pilot).splitlines()[-1]
        assert "synced with origin/main; in: 1 commit (elections-demo/1.3)" in last
        assert main_screen(pilot).listing.find("elections-demo/1.3").status == "Overdue"
    assert git(amy.parent, "rev-parse", "HEAD") == git(amy.parent, "rev-parse", "origin/main")


async def test_sync_key_shows_gits_progress_then_hides_it(clones, monkeypatch) -> None:
    from bvtui.tui.widgets.sync_progress import SyncProgress

    amy, _ = clones
    assert main(["set", "--store", str(amy), "elections-demo/1.10", "progress=95"]) == 0
    shown: list[tuple[str, int, int | None]] = []
    show = SyncProgress.show

    def record(self: SyncProgress, stage: str, count: int, total: int | None) -> None:
        shown.append((stage, count, total))
        show(self, stage, count, total)

    monkeypatch.setattr(SyncProgress, "show", record)
    async with make_app(amy).run_test(size=SIZE) as pilot:
        await press_sync(pilot)
        assert "synced with origin/main; in: nothing; out: 1 commit" in notified(pilot)
        writing = [(count, total) for stage, count, total in shown if stage == "writing objects"]
        assert writing and writing[-1][0] == writing[-1][1]  # up to 100%
        assert not main_screen(pilot).query_one(SyncProgress).display  # hidden when done
