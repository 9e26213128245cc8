"""The dashboard flags updates worth a second look: the file's own checks at once, the
history's once read off the UI thread."""

from __future__ import annotations

from pathlib import Path

from helpers import SIZE, make_app, screen_text, settle

from bvtui.cli.main import main
from bvtui.tui.screens.dashboard import DashboardScreen


async def test_dashboard_lists_update_checks(capsys, store_dir: Path) -> None:
    for args in (("1.9", "progress=90"), ("1.4", "progress=10")):
        assert main(["set", "--store", str(store_dir), *args]) == 0
    capsys.readouterr()
    app = make_app(store_dir)
    async with app.run_test(size=(SIZE[0], 90)) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        text = screen_text(pilot)
        assert "~ Update checks (3)" in text  # 1.9: under 100, and down from 100
        assert "elections-demo/1.9" in text and "progress: 90 but the status is Completed" in text
        assert "progress: went back from 20 to 10 in " in text  # 1.4, from the history
        assert "progress: went back from 100 to 90 in " in text
