"""Changes across a large store read plan by plan (so the app can show the first plan early)."""

from __future__ import annotations

from pathlib import Path

from bvtui.git import Repo
from bvtui.trail import changes_by_plan, store_changes
from tests.synthetic import make_store


def test_changes_come_one_plan_at_a_time_and_add_up_to_store_changes(tmp_path: Path) -> None:
    store = make_store(tmp_path / "store", 90, 3, commits=20)
    repo = Repo.find(store)
    assert repo is not None
    first = repo.run("rev-list", "--max-parents=0", "HEAD").stdout.split()[0]
    for base in (None, first):
        parts = list(changes_by_plan(repo, ".", base, "HEAD"))
        assert [part[0].plan for part in parts] == sorted({part[0].plan for part in parts})
        assert all(len({move.plan for move in part}) == 1 for part in parts)
        whole = store_changes(repo, ".", base, "HEAD").moves
        assert [m.ref for part in parts for m in part] == [m.ref for m in whole]
    everything = list(changes_by_plan(repo, ".", None, "HEAD"))
    assert len(everything) == 3 and sum(map(len, everything)) == 90


def test_a_consumer_can_stop_between_plans(tmp_path: Path) -> None:
    store = make_store(tmp_path / "store", 60, 3)
    repo = Repo.find(store)
    assert repo is not None
    parts = changes_by_plan(repo, ".", None, "HEAD")
    first = next(parts)
    parts.close()
    assert {move.plan for move in first} == {"plan-01"} and len(first) == 20
