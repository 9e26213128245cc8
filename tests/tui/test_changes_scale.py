"""The changes screen on many moves: drawn line by line, the first plan shown early."""

from __future__ import annotations

from pathlib import Path

from helpers import SIZE, make_app, screen_text, settle
from textual import on

from bvtui.git import Repo
from bvtui.tui.screens import changes
from bvtui.tui.screens.changes import ChangesScreen
from bvtui.tui.widgets.line_list import LineList
from tests.synthetic import make_store


def changes_screen(store: Path) -> ChangesScreen:
    repo = Repo.find(store)
    assert repo is not None
    return ChangesScreen(repo, repo.relative(store), since="2000-01-01")


async def test_many_moves_are_drawn_only_where_they_show(tmp_path: Path) -> None:
    store = make_store(tmp_path / "store", 600, 3)
    async with make_app(store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = changes_screen(store)
        await pilot.app.push_screen(screen)
        await settle(pilot)
        listing = screen.query_one("#changes-list", LineList)
        assert "600 actions moved   0 worse   0 better   600 new" in screen_text(pilot)
        assert listing.line_count >= 600 + 3 * 3  # a line a move, and each group's heading
        assert len(listing._rendered) <= SIZE[1]  # only what is on screen was drawn
        await pilot.press("end")
        await pilot.pause()

        last = listing.plain_lines()[-1].split()[0]
        assert last in screen_text(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, ChangesScreen)


class RecordingChanges(ChangesScreen):
    """The changes screen, noting each batch of lines it is given."""

    CSS_PATH = str(Path(changes.__file__).parent / ChangesScreen.CSS_PATH)
    seen: list[tuple[bool, str]]

    @on(ChangesScreen.Loaded)
    def _record(self, event: ChangesScreen.Loaded) -> None:
        self.seen.append((event.complete, event.lines[0].plain))


async def test_the_first_plan_shows_before_the_rest_is_read(tmp_path: Path) -> None:
    store = make_store(tmp_path / "store", 90, 3)
    repo = Repo.find(store)
    assert repo is not None
    async with make_app(store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = RecordingChanges(repo, repo.relative(store), since="2000-01-01")
        screen.seen = []
        await pilot.app.push_screen(screen)
        await settle(pilot)
        assert screen.seen == [
            (False, "Reading what moved... the first plan is below; the rest follows."),
            (
                True,
                "90 actions moved   0 worse   0 better   90 new   0 removed   0 with new updates",
            ),
        ]
        assert "plan-03" in screen_text(pilot) or screen.changes_list.line_count > 90
