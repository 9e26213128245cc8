"""A proposal waiting for approval shows on its action's detail and as a count on the
dashboard (issue 17, item 5)."""

from __future__ import annotations

from pathlib import Path

from helpers import SIZE, main_screen, make_app, screen_text, settle

from bvtui.cli.main import main
from bvtui.tui.screens.dashboard import DashboardScreen


async def test_a_waiting_proposal_on_the_detail_and_the_dashboard(capsys, store_dir: Path) -> None:
    args = ["propose", "--store", str(store_dir), "1.3", "status=Completed", "progress=100"]
    assert main(args) == 0
    capsys.readouterr()
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert main_screen(pilot).table.move_to("elections-demo/1.3")
        await settle(pilot)
        text = screen_text(pilot)
        assert "⧗ Proposal waiting: status On Target -> Completed, progress 20 -> 100, by" in text
        assert "Test Officer <officer@example.org>" in text
        assert "bvtui approve elections-demo/1.3" in text
        assert main_screen(pilot).table.move_to("elections-demo/1.4")
        await settle(pilot)
        assert "Proposal waiting" not in screen_text(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(pilot.app.screen, DashboardScreen)
        assert "⧗ 1 proposal waiting" in screen_text(pilot)


async def test_no_proposal_no_mention(store_dir: Path) -> None:
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert main_screen(pilot).table.move_to("elections-demo/1.3")
        await settle(pilot)
        assert "Proposal" not in screen_text(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert "proposal" not in screen_text(pilot)
