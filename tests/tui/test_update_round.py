"""The update round (``U``): the actions shown, one edit screen after another; ctrl+s
saves (one commit) and opens the next, ctrl+n skips, ctrl+l carries the last update
forward, Escape ends the round (asking first when something was typed)."""

from __future__ import annotations

import os
from pathlib import Path

from helpers import SIZE, make_app, notified, screen_text, settle
from test_round_keys import git, louise, open_round  # noqa: F401  (louise: the fixture)
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from bvtui.tui.screens.dialogs import ConfirmScreen
from bvtui.tui.screens.edit import EditScreen
from bvtui.tui.screens.round_edit import RoundEditScreen


def commits(store: Path) -> list[str]:
    """Every commit's subject, newest first."""
    return git(store, "log", "--format=%s").splitlines()


async def round_screen(pilot: Pilot, step: int, steps: int) -> RoundEditScreen:
    """The round's edit screen once it shows ``step of steps`` (waiting for it)."""
    for _ in range(50):
        await settle(pilot)
        screen = pilot.app.screen
        if isinstance(screen, RoundEditScreen) and screen.step == step:
            assert f"Update round {step} of {steps}" in screen_text(pilot)
            return screen
    raise AssertionError(f"no round screen {step} of {steps}: {pilot.app.screen!r}")


async def test_round_over_my_due_actions_three_saves_one_skip(louise: Path) -> None:  # noqa: F811
    before = commits(louise)
    async with make_app(louise).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("m", "u", "U")
        first = await round_screen(pilot, 1, 4)
        assert first.action.ref == "elections-demo/1.1"
        # the counter stays in view on the border however far the form scrolls
        assert first.query_one("#edit-panel").border_title == (
            "Update round 1 of 4: elections-demo/1.1"
        )
        assert first.query_one("#period", Input).value == "2017-18 Q3"  # the plan's period
        assert "Last update (2017-18 Q2)" in screen_text(pilot)
        assert first.query_one("#update", TextArea).has_focus
        await pilot.press(*"Partners met in October.", "ctrl+s")

        second = await round_screen(pilot, 2, 4)
        assert second.action.ref == "elections-demo/1.3"
        await pilot.press("ctrl+l")  # the last update carried forward, then edited
        last = second.action.latest_update
        assert last is not None
        assert second.query_one("#update", TextArea).text == last.text
        await pilot.press(*" Still on track.", "ctrl+s")  # typed after the copy

        third = await round_screen(pilot, 3, 4)
        assert third.action.ref == "elections-demo/1.4"
        await pilot.press("ctrl+n")  # skipped: no commit

        fourth = await round_screen(pilot, 4, 4)
        assert fourth.action.ref == "elections-demo/1.10"
        await pilot.press(*"Training booked.", "ctrl+s")
        for _ in range(50):
            await settle(pilot)
            if not isinstance(pilot.app.screen, EditScreen):
                break
        assert not isinstance(pilot.app.screen, EditScreen)
        assert "Update round done: 3 saved, 1 skipped." in notified(pilot)
        assert "3 of 10 actions" not in screen_text(pilot)  # the saved ones are due no more
        assert "1 of 10 actions   1 due update" in screen_text(pilot)
    made = commits(louise)[: len(commits(louise)) - len(before)]
    assert made == [
        "elections-demo/1.10: update 2017-18 Q3",
        "elections-demo/1.3: update 2017-18 Q3",
        "elections-demo/1.1: update 2017-18 Q3",
    ]
    assert git(louise, "status", "--porcelain") == ""
    carried = git(louise, "log", "-1", "--format=%B", "--", "elections-demo/1.3.yaml")
    assert f"    {last.text} Still on track." in carried
    assert "Partners met in October." in (louise / "elections-demo" / "1.1.yaml").read_text()
    assert "2017-18 Q3" not in (louise / "elections-demo" / "1.4.yaml").read_text()


async def test_escape_ends_the_round_asking_first_and_saves_nothing(louise: Path) -> None:  # noqa: F811
    before = commits(louise)
    async with make_app(louise).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("m", "u", "U")
        await round_screen(pilot, 1, 4)
        await pilot.press(*"Half typed", "escape")
        assert isinstance(pilot.app.screen, ConfirmScreen)
        await pilot.press("n")  # back to the round, the text kept
        screen = await round_screen(pilot, 1, 4)
        assert screen.query_one("#update", TextArea).text == "Half typed"
        await pilot.press("escape", "y")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, (EditScreen, ConfirmScreen))
        assert "Update round ended: 0 saved, 0 skipped, 4 not reached." in notified(pilot)
        # ctrl+n on an edited action asks too
        await pilot.press("U")
        await round_screen(pilot, 1, 4)
        await pilot.press(*"Typed", "ctrl+n")
        assert isinstance(pilot.app.screen, ConfirmScreen)
        await pilot.press("y")
        await round_screen(pilot, 2, 4)
        await pilot.press("escape")  # nothing typed: ends at once
        await settle(pilot)
        assert not isinstance(pilot.app.screen, EditScreen)
    assert commits(louise) == before


async def test_a_failed_commit_stops_the_round_keeping_the_update(store_dir: Path) -> None:
    open_round(store_dir)
    before = commits(store_dir)
    # take the identity away: git must refuse to commit
    Path(os.environ["GIT_CONFIG_GLOBAL"]).write_text("[user]\n\tuseConfigOnly = true\n")
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("u", "U")
        await round_screen(pilot, 1, 6)
        await pilot.press(*"Kept on disk.", "ctrl+s")
        for _ in range(50):
            await settle(pilot)
            if not isinstance(pilot.app.screen, EditScreen):
                break
        assert not isinstance(pilot.app.screen, EditScreen)  # no second action opened
        said = notified(pilot)
        assert "saved to disk but NOT committed" in said
        assert (
            "Update round stopped: the last save was not committed: "
            "0 saved, 0 skipped, 5 not reached." in said
        )
    assert commits(store_dir) == before
    assert "Kept on disk." in (store_dir / "elections-demo" / "1.1.yaml").read_text()
