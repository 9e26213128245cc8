"""A load that parses many files (a store nobody has opened yet) tells how far it is."""

from __future__ import annotations

from pathlib import Path

import pytest

from bvtui.store import Store, parse_cache, sources


def add_actions(store_dir: Path, count: int) -> int:
    """``count`` small actions more in elections-demo; the store's files in all."""
    folder = store_dir / "elections-demo"
    for number in range(count):
        (folder / f"x{number}.yaml").write_text(f"id: x{number}\ntitle: t\n", encoding="utf-8")
    return sum(len(list(plan.glob("*.yaml"))) for plan in store_dir.iterdir())


def test_a_load_that_parses_many_files_reports_its_progress(
    store_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parse_cache, "RACY_NS", 0)
    monkeypatch.setattr(sources, "PROGRESS_AFTER", 10)
    total = add_actions(store_dir, 40)
    told: list[tuple[int, int]] = []
    store = Store.open(store_dir, progress=lambda done, of: told.append((done, of)))
    assert len(store.actions) > 40
    assert told[0][0] == 10 and told[-1] == (total, total)
    assert [done for done, _ in told] == sorted(done for done, _ in told)
    assert {of for _, of in told} == {total}
    told.clear()
    Store.open(store_dir, progress=lambda done, of: told.append((done, of)))
    assert told == []  # from the cache: nothing to tell
