"""The app builds an action when it shows it: its load keeps the store's actions
encoded (``Store.open(on_demand=True)``), the filters judge the excerpts, and the table
builds the rows it draws; what it shows is what a full load filters."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import AS_OF, SIZE, main_screen, make_app, screen_text, settle, shown_refs

from bvtui.model import Filter, natural_key
from bvtui.store import Store, parse_cache
from bvtui.tui.commands import ActionCommands
from bvtui.tui.listing import Listing
from tests.synthetic import make_store

ACTIONS = 600
KEY_OF_RAG = {"red": "r", "amber": "a", "green": "g", "blue": "b", "grey": "n"}


async def test_the_app_builds_only_the_actions_it_draws(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parse_cache, "RACY_NS", 0)  # the new files cached as settled
    root = make_store(tmp_path / "plans", ACTIONS, 3, 5)
    Store.open(root)  # the parse cache, as any earlier run leaves it
    async with make_app(root).run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        store = screen.store
        assert store is not None and f"{ACTIONS} of {ACTIONS} actions" in screen_text(pilot)
        page = SIZE[1]
        assert store.not_built >= ACTIONS - page  # a screenful built, at most
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("pagedown")
        await settle(pilot)
        assert store.not_built >= ACTIONS - 3 * page
        current = screen.table.current
        assert current is not None and store.find(current.ref) is current  # one instance
        for key in ("greater_than_sign", "I"):  # by ref, then reversed: on the excerpts
            await pilot.press(key)
            await settle(pilot)
            assert screen.table.current is current  # the cursor stays on its action
        assert screen.table.sort is not None and screen.table.sort.column == "ref"
        assert store.not_built >= ACTIONS - 4 * page
        assert [a.ref for a in screen.table.rows] == sorted(
            (a.ref for a in Filter(rags=frozenset({"red"}), as_of=AS_OF).apply(store.actions)),
            key=lambda ref: tuple(map(natural_key, ref.split("/"))),
            reverse=True,
        )
        await pilot.press("I", "less_than_sign")  # back to the store's order
        await settle(pilot)
        assert screen.table.sort is None

        red = Filter(rags=frozenset({"red"}), as_of=AS_OF)
        full = Store.open(root)
        assert shown_refs(pilot) == [a.ref for a in red.apply(full.actions)]
        assert [a.title for a in screen.table.rows] == [a.title for a in red.apply(full.actions)]


async def test_a_filter_key_keeps_the_cursor_without_looking_its_ref_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parse_cache, "RACY_NS", 0)
    root = make_store(tmp_path / "plans", 200, 2, 3)
    Store.open(root)
    looked_up: list[str] = []
    position = Listing.position

    def spy(self: Listing, ref: str) -> int | None:
        looked_up.append(ref)
        return position(self, ref)

    monkeypatch.setattr(Listing, "position", spy)
    async with make_app(root).run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        await pilot.press("down", "down", "down")
        current = screen.table.current
        assert current is not None
        await pilot.press(KEY_OF_RAG[current.rag])  # a filter that keeps it
        await settle(pilot)
        assert screen.table.current is current and len(screen.table.rows) < 200
        assert looked_up == []  # its row was known: no index of refs built for it


async def test_the_palette_reads_every_title_without_building_the_actions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parse_cache, "RACY_NS", 0)
    root = make_store(tmp_path / "plans", 200, 2, 3)
    full = Store.open(root).actions
    async with make_app(root).run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        assert screen.store is not None
        unbuilt = screen.store.not_built
        index = ActionCommands(screen).index(screen.listing)
        assert [c.text for c in index.candidates] == [f"Go to {a.ref} {a.title}" for a in full]
        assert screen.store.not_built == unbuilt
