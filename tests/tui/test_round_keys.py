"""The update round's keys on the main screen: ``m`` my actions, ``u`` due an update,
the filter bar's count of actions due, and the dashboard's per plan and theme."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from helpers import SIZE, main_screen, make_app, notified, screen_text, settle, shown_refs

from bvtui.tui.screens.dashboard import DashboardScreen

LOUISE = [
    "elections-demo/1.1",
    "elections-demo/1.3",
    "elections-demo/1.4",
    "elections-demo/1.9",
    "elections-demo/1.10",
]
"""Louise Stamp's actions in the fixture store (1.9 is Completed)."""


def git(store: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=store, capture_output=True, text=True, check=True
    ).stdout


def open_round(store: Path, period: str = "2017-18 Q3") -> None:
    """The elections plan's period moved on, committed (as ``bvtui period open`` does)."""
    plan = store / "elections-demo" / "plan.yaml"
    plan.write_text(plan.read_text().replace("period: 2017-18 Q2", f"period: {period}"))
    git(store, "commit", "--quiet", "-am", f"round {period}")


def table_row(text: str, first: str) -> list[str]:
    """The cells of the dashboard's due table row whose first cell is ``first``."""
    for row in text.splitlines():
        cells = [cell.strip() for cell in row.split("│")[1:4]]
        if cells and cells[0] == first:
            return cells
    raise AssertionError(f"no row {first!r} in:\n{text}")


@pytest.fixture
def louise(store_dir: Path) -> Path:
    """The fixture store, Q3 opened, used by Louise Stamp (git's user.name)."""
    open_round(store_dir)
    git(store_dir, "config", "user.name", "Louise Stamp")
    return store_dir


async def test_m_shows_my_actions_and_toggles_back(louise: Path) -> None:
    async with make_app(louise).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("m")
        assert shown_refs(pilot) == LOUISE
        assert "officer: Louise Stamp" in screen_text(pilot)
        await pilot.press("m")
        assert len(shown_refs(pilot)) == 10


async def test_m_finds_me_through_the_officers_e_mail_table(store_dir: Path) -> None:
    plan = store_dir / "property-demo" / "plan.yaml"
    plan.write_text(plan.read_text() + "officers:\n  Richard Chilcott: rc@example.org\n")
    git(store_dir, "config", "user.email", "rc@example.org")  # the name is Test Officer
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("m")
        assert shown_refs(pilot) == ["property-demo/6.1", "property-demo/6.4", "property-demo/8.2"]


async def test_m_says_who_when_the_identity_is_no_officer(store_dir: Path) -> None:
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("m")
        said = notified(pilot)
        assert "Test Officer <officer@example.org> (git config) is no officer" in said
        assert "under officers:" in said
        assert len(shown_refs(pilot)) == 10
        assert main_screen(pilot).listing.filter.is_empty


async def test_u_shows_the_actions_due_and_the_bar_counts_them(louise: Path) -> None:
    due = [ref for ref in LOUISE if ref != "elections-demo/1.9"]
    async with make_app(louise).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "10 of 10 actions   6 due update" in screen_text(pilot)
        await pilot.press("u")
        assert shown_refs(pilot) == [*due[:3], due[3], "elections-demo/3.3", "property-demo/8.2"]
        assert "due an update" in screen_text(pilot)
        await pilot.press("m")
        assert shown_refs(pilot) == due
        assert "4 of 10 actions   4 due update" in screen_text(pilot)
        await pilot.press("u", "m")
        assert len(shown_refs(pilot)) == 10


async def test_dashboard_counts_due_per_plan_and_theme(louise: Path) -> None:
    async with make_app(louise).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(pilot.app.screen, DashboardScreen)
        text = screen_text(pilot)
        assert "Due an update (6)" in text
        assert table_row(text, "elections-demo") == ["elections-demo", "2017-18 Q3", "5"]
        assert table_row(text, "property-demo") == ["property-demo", "2017-18 Q2", "1"]
        assert table_row(text, "Elections") == ["Elections", "", "4"]  # 3.3 is Communications
        assert table_row(text, "Property") == ["Property", "", "1"]
