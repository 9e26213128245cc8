"""The edit screen under a plan's governance rules: a closure asks for an approver and a
reason before it saves, and is refused when the approver is not allowed (issue 17)."""

from __future__ import annotations

from pathlib import Path

from helpers import SIZE, make_app, settle
from test_edit import REF, commit_count, git, open_editor
from textual.pilot import Pilot
from textual.widgets import Select, Static

from bvtui.tui.screens.approval import ApprovalScreen
from bvtui.tui.screens.edit import EditScreen
from tests.governed import govern


async def close_and_save(pilot: Pilot) -> None:
    screen = await open_editor(pilot)
    screen.query_one("#status", Select).value = "Completed"
    await pilot.pause()
    await pilot.press("ctrl+s")
    await settle(pilot)


async def test_a_closure_asks_for_the_approval_and_records_it(store_dir: Path) -> None:
    govern(store_dir)
    before = commit_count(store_dir)
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await close_and_save(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, ApprovalScreen)
        assert "Closing elections-demo/1.3 (Completed) needs approval" in dialog.what
        assert "Louise Stamp" in dialog.rules
        await pilot.press("escape")  # back to the edit: nothing saved, the edit kept
        await settle(pilot)
        assert isinstance(pilot.app.screen, EditScreen)
        assert pilot.app.screen.query_one("#status", Select).value == "Completed"
        assert commit_count(store_dir) == before
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ApprovalScreen)
        await pilot.press("ctrl+s")  # no approver yet: said, nothing saved
        await settle(pilot)
        assert isinstance(pilot.app.screen, ApprovalScreen)
        assert "needs an approver" in str(
            pilot.app.screen.query_one("#approval-message", Static).render()
        )
        await pilot.press(*"Louise Stamp <louise@council.example>", "enter")
        await pilot.press(*"Evidence seen at Board", "enter")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, (EditScreen, ApprovalScreen))
    assert commit_count(store_dir) == before + 1
    trailers = git(store_dir, "log", "-1", "--format=%(trailers:only,unfold)")
    assert "Approved-by: Louise Stamp <louise@council.example>" in trailers
    assert "Reason: Evidence seen at Board" in trailers
    assert f"Action: {REF}" in trailers


async def test_an_approver_not_allowed_is_refused_and_the_edit_stays(store_dir: Path) -> None:
    govern(store_dir)
    before = commit_count(store_dir)
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await close_and_save(pilot)
        await pilot.press(*"Bob <bob@example.org>", "enter", "enter")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, EditScreen)
        message = str(screen.query_one("#edit-message", Static).render())
        assert "Not saved" in message and "may not approve" in message
        assert screen.query_one("#status", Select).value == "Completed"
    assert commit_count(store_dir) == before
    assert git(store_dir, "status", "--porcelain") == ""


async def test_a_closure_saved_by_hand_but_not_committed_is_asked_about(store_dir: Path) -> None:
    """The save records HEAD -> disk: a closure left uncommitted on disk is part of the
    next save from the app, which asks for its approval too."""
    govern(store_dir)
    path = store_dir / "elections-demo" / "1.3.yaml"
    path.write_text(path.read_text().replace("status: On Target", "status: Completed"))
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        screen = await open_editor(pilot)
        screen.query_one("#progress").value = "100"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ApprovalScreen)
        await pilot.press(*"Louise Stamp <louise@council.example>", "enter", "enter")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, (EditScreen, ApprovalScreen))
    message = git(store_dir, "log", "-1", "--format=%B")
    assert "status: On Target -> Completed" in message
    assert "Approved-by: Louise Stamp <louise@council.example>" in message
