"""Meeting mode driven as a chair would: M, name the meeting, n/p through the agenda, a
records a decision (one commit each, ``Meeting:`` trailer), q ends it: a snapshot tag of
what was presented and the minutes written as md and docx."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from docx import Document
from helpers import AS_OF, make_app, no_blink, notified, screen_text, settle
from textual.pilot import Pilot
from textual.widgets import Static

from bvtui.git import Repo
from bvtui.model import edited
from bvtui.store import Store
from bvtui.trail import make_snapshot
from bvtui.tui.app import BvtuiApp, MeetingArgs
from bvtui.tui.screens.meeting import MeetingScreen
from tests.conftest import git

KEY_NAMES = {" ": "space", "/": "slash", "-": "minus", ".": "full_stop"}


async def type_text(pilot: Pilot, text: str) -> None:
    for char in text:
        await pilot.press(KEY_NAMES.get(char, char))


def prepared(store_dir: Path) -> Path:
    """The fixture store with a snapshot, then one action gone worse since it."""
    repo = Repo.find(store_dir)
    assert repo is not None
    make_snapshot(repo, "plans", "board-06")
    store = Store.open(store_dir)
    assert store.save_action(edited(store.find("elections-demo/1.1"), {"status": "Delayed"})).commit
    return store_dir.parent


def meeting(pilot: Pilot) -> MeetingScreen:
    screen = pilot.app.screen
    assert isinstance(screen, MeetingScreen)
    return screen


async def decide(pilot: Pilot, text: str) -> None:
    """Record ``text`` as a decision on the action shown (a, the text, Enter)."""
    await pilot.press("a")
    await type_text(pilot, text)
    await pilot.press("enter")
    await settle(pilot)


async def start(pilot: Pilot, name: str = "Board 12/10") -> None:
    await settle(pilot)
    await pilot.press("M")
    await pilot.pause()
    await pilot.press("ctrl+u")
    await type_text(pilot, name)
    await pilot.press("enter")
    await settle(pilot)


@pytest.mark.asyncio
async def test_a_meeting_records_decisions_then_snapshots_and_writes_minutes(
    store_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    top = prepared(store_dir)
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.chdir(out)  # the minutes go to the current folder (outside the store)
    before = int(git(top, "rev-list", "--count", "HEAD"))
    app = make_app(store_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await start(pilot)
        text = screen_text(pilot)
        assert "Worse since board-06" in text and "1 of 10" in text
        assert "elections-demo/1.1" in text and "AMBER" in text and "▲" in text
        assert "worse since board-06: On Target (green) -> Delayed (amber)" in text
        await decide(pilot, "Officer to attend next meeting")
        await pilot.press("n")
        await pilot.pause()
        text = screen_text(pilot)
        assert "Overdue" in text and "2 of 10" in text and "elections-demo/1.4" in text
        await decide(pilot, "Breakdown requested")
        await pilot.press("p")
        await pilot.pause()
        assert "1 of 10" in screen_text(pilot)
        assert "Officer to attend next meeting" in screen_text(pilot)
        for key, wanted in (
            ("]", "Overdue  2 of 10"),
            ("]", "No update this period  6"),
            ("[", "Overdue  2"),
        ):
            await pilot.press({"]": "right_square_bracket", "[": "left_square_bracket"}[key])
            await pilot.pause()
            assert wanted in screen_text(pilot), key
        await pilot.press("q")
        await pilot.pause()
        assert "meeting-board-12-10" in screen_text(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, MeetingScreen)
        assert "snapshot meeting-board-12-10" in notified(pilot)
    assert int(git(top, "rev-list", "--count", "HEAD")) == before + 2
    for number, ref in ((1, "elections-demo/1.4"), (2, "elections-demo/1.1")):
        trailers = git(top, "log", "-1", f"--skip={number - 1}", "--format=%(trailers:only,unfold)")
        assert f"Action: {ref}" in trailers and "Meeting: Board 12/10" in trailers
    head = git(top, "rev-parse", "HEAD").strip()
    assert git(top, "rev-parse", "meeting-board-12-10^{commit}").strip() == head
    minutes = (out / "minutes-board-12-10.md").read_text()
    assert "| 1 | elections-demo/1.1 |" in minutes and "Officer to attend next meeting" in minutes
    assert "| 2 | elections-demo/1.4 |" in minutes and "Breakdown requested" in minutes
    assert "meeting-board-12-10" in minutes and "board-06" in minutes
    table = Document(str(out / "minutes-board-12-10.docx")).tables[1]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0][1] == "Action" and rows[0][5] == "Decision / action point"
    assert [(row[1], row[5]) for row in rows[1:]] == [
        ("elections-demo/1.1", "Officer to attend next meeting"),
        ("elections-demo/1.4", "Breakdown requested"),
    ]


@pytest.mark.asyncio
async def test_leaving_takes_no_snapshot_and_a_failed_save_keeps_the_text(
    store_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    top = prepared(store_dir)
    monkeypatch.chdir(tmp_path)
    app = make_app(store_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await start(pilot, "Scrutiny")
        head = git(top, "rev-parse", "HEAD").strip()
        (top / ".git" / "MERGE_HEAD").write_text(head + "\n")  # a merge stopped: no save
        await decide(pilot, "Breakdown requested")
        assert "Decision not recorded" in notified(pilot) and "merge" in notified(pilot)
        assert "decisions" not in (store_dir / "elections-demo" / "1.1.yaml").read_text()
        (top / ".git" / "MERGE_HEAD").unlink()
        await pilot.press("a")
        await pilot.pause()
        box = pilot.app.screen.query_one("#prompt-input")
        assert getattr(box, "value", None) == "Breakdown requested"  # what was typed is kept
        await pilot.press("escape")
        await pilot.press("q")
        await pilot.press("l")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, MeetingScreen)
    assert "meeting-scrutiny" not in git(top, "tag")
    assert not list(tmp_path.glob("minutes-*"))


@pytest.mark.asyncio
async def test_the_name_offered_is_not_said_twice_in_the_tag_and_minutes(
    store_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Enter on the name offered (``Meeting 2026-11-30``, its hint saying Enter starts
    the meeting) tags ``meeting-2026-11-30``, not ``meeting-meeting-2026-11-30``."""
    top = prepared(store_dir)
    monkeypatch.chdir(tmp_path)
    app = make_app(store_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("M")
        await pilot.pause()
        box = pilot.app.screen.query_one("#prompt-input")
        offered = str(getattr(box, "value", ""))
        hint = str(pilot.app.screen.query_one(".dialog-hint", Static).content)
        assert hint == "Enter starts the meeting; Escape cancels"
        assert offered.startswith("Meeting ")
        day = offered.removeprefix("Meeting ")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert f"snapshot meeting-{day};" in notified(pilot)
    assert git(top, "tag", "--list", "meeting-*").split() == [f"meeting-{day}"]
    assert sorted(p.name for p in tmp_path.glob("minutes-*")) == [
        f"minutes-{day}.docx",
        f"minutes-{day}.md",
    ]


@pytest.mark.asyncio
async def test_a_name_cleared_to_nothing_starts_the_meeting_under_the_one_offered(
    store_dir: Path,
) -> None:
    """ctrl+u then Enter (or the typing after ctrl+u lost) used to close the prompt and
    open nothing, saying nothing: the meeting starts under the name offered."""
    prepared(store_dir)
    app = make_app(store_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("M")
        await pilot.pause()
        offered = str(getattr(pilot.app.screen.query_one("#prompt-input"), "value", ""))
        await pilot.press("ctrl+u", "space", "enter")
        await settle(pilot)
        assert meeting(pilot).meeting == offered
        await pilot.press("q", "l")
        await settle(pilot)
        await pilot.press("M")
        await pilot.pause()
        await pilot.press("escape")  # Escape still opens no meeting
        await settle(pilot)
        assert not isinstance(pilot.app.screen, MeetingScreen)
        assert pilot.app.screen is pilot.app.screen_stack[0]


@pytest.mark.asyncio
async def test_the_end_dialog_fits_an_80_column_terminal(store_dir: Path) -> None:
    """Dialogs are 84 wide where there is room: at 80x24 the end-of-meeting question
    and the bulk edit keep both borders on screen instead of losing the right edge."""
    prepared(store_dir)
    app = make_app(store_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot, "Board")
        await pilot.press("q")
        await pilot.pause()
        dialog = pilot.app.screen.query_one("#meeting-end")
        assert dialog.region.x >= 0 and dialog.region.right <= 80, dialog.region
        await pilot.press("l")
        await settle(pilot)
        await pilot.press("space", "B")  # the bulk dialog is one of the same
        await settle(pilot)
        dialog = pilot.app.screen.query_one("#bulk")
        assert dialog.region.x >= 0 and dialog.region.right <= 80, dialog.region


@pytest.mark.asyncio
async def test_no_progress_and_an_update_of_no_period_show_nothing_empty(store_dir: Path) -> None:
    path = store_dir / "property-demo" / "6.1.yaml"
    text = path.read_text().replace("progress: 60", "progress:")
    path.write_text(text.replace("- period: 2017-18 Q2\n  text:", "- text:"))
    git(store_dir.parent, "commit", "-qam", "hand edit")
    async with make_app(store_dir).run_test(size=(100, 30)) as pilot:
        await start(pilot)
        for _ in range(2):
            await pilot.press("n")
        await pilot.pause()
        shown = screen_text(pilot)
        assert "property-demo/6.1" in shown and "Latest update:" in shown and "()" not in shown
        assert not pilot.app.screen.query_one("#meet-progress").display


@pytest.mark.asyncio
async def test_bvtui_meet_opens_the_meeting_on_the_plans_named(store_dir: Path) -> None:
    prepared(store_dir)
    wanted = MeetingArgs("Scrutiny 01/10", "board-06", frozenset({"property-demo"}))
    app = BvtuiApp(store_dir, as_of=AS_OF, meeting=wanted)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = meeting(pilot)
        assert screen.meeting == "Scrutiny 01/10" and screen.since == "board-06"
        assert [item.action.ref for item in screen.agenda] == [
            "property-demo/6.1",
            "property-demo/6.4",
            "property-demo/8.2",
        ]
        assert "Scrutiny 01/10" in screen_text(pilot) and "1 of 3" in screen_text(pilot)


def meeting_shown(theme: str | None = None) -> Callable[[Pilot], Awaitable[None]]:
    """A ``run_before``: the meeting opened on the prepared store (in ``theme``)."""

    async def run(pilot: Pilot) -> None:
        await settle(pilot)
        if theme:
            pilot.app.theme = theme
        await pilot.press("M")
        await pilot.press("ctrl+u")
        await type_text(pilot, "Board 12/10")
        await pilot.press("enter")
        await settle(pilot)
        no_blink(pilot)
        await pilot.pause()

    return run


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_meeting_screen(snap_compare, store_dir: Path, size) -> None:  # type: ignore[no-untyped-def]
    prepared(store_dir)
    assert snap_compare(make_app(store_dir), terminal_size=size, run_before=meeting_shown())


def test_meeting_screen_light_theme(snap_compare, store_dir: Path) -> None:  # type: ignore[no-untyped-def]
    """The RAG band's words stay dark on amber and green in a light theme."""
    prepared(store_dir)
    shown = meeting_shown("textual-light")
    assert snap_compare(make_app(store_dir), terminal_size=(120, 40), run_before=shown)
