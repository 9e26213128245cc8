"""A save in the app starts from the file's bytes, never from what the parse cache said:
a cache entry that reads wrong (here forged with valid checksums) cannot reach the file
or the commit."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import SIZE, main_screen, make_app, settle
from textual.widgets import Input

from bvtui.core import parse_cache
from bvtui.core.parse_cache import ParseCache, cache_path
from bvtui.core.store import Store
from bvtui.tui.screens.edit import EditScreen

REF = "elections-demo/1.3"
TITLE = "Ensure integrity of the process and good order at polling stations"


def forge_title(store_dir: Path, key: str, title: str) -> None:
    """Rewrite the cache so that ``key``'s entry holds ``title``, checksums and all."""
    store = Store.open(store_dir)
    assert store.repo is not None
    path = cache_path(store.repo.git_dir, store_dir, "tree")
    cache = ParseCache.open(path)
    keys = list(cache._index)  # every entry kept: each found valid under its own stamp
    hints = dict(zip(keys, cache.hints(keys, [cache._index[k][0] for k in keys]), strict=True))
    stamp, hint = cache._index[key][0], hints[key]
    values = list(cache.value(key))
    values[values.index(TITLE)] = title
    cache.put(key, stamp, tuple(values), hint)
    cache.save()
    assert Store.open(store_dir).find(REF).title == title  # the forgery is served


async def test_a_save_takes_the_fields_it_did_not_change_from_the_file(
    store_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parse_cache, "RACY_NS", 0)
    forge_title(store_dir, "elections-demo/1.3.yaml", "Forged title")
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert main_screen(pilot).table.move_to(REF)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(pilot.app.screen, EditScreen)
        pilot.app.screen.query_one("#progress", Input).focus()
        await pilot.press("ctrl+u", "4", "5", "ctrl+s")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, EditScreen)
    text = (store_dir / "elections-demo" / "1.3.yaml").read_text(encoding="utf-8")
    assert "progress: 45" in text
    assert f"title: {TITLE}\n" in text and "Forged" not in text
