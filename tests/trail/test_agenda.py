"""A meeting's agenda: worse since the snapshot, overdue, re-baselined, no update this
period, then the rest by theme; each action once, with its direction of travel."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from bvtui.git import Repo
from bvtui.model import edited
from bvtui.store import Store
from bvtui.trail import build_agenda, last_snapshot, make_snapshot, moves_since
from tests.conftest import git

AS_OF = date(2017, 9, 29)


def _save(store_dir: Path, ref: str, values: dict[str, str]) -> None:
    store = Store.open(store_dir)
    result = store.save_action(edited(store.find(ref), values))
    assert result.commit


def _agenda(store_dir: Path):  # type: ignore[no-untyped-def]
    repo = Repo.find(store_dir)
    assert repo is not None
    since = last_snapshot(repo)
    moves = moves_since(repo, repo.relative(store_dir), since) if since else {}
    return build_agenda(Store.open(store_dir).actions, moves, since=since, as_of=AS_OF)


def test_the_running_order_takes_what_went_wrong_first(store_dir: Path) -> None:
    repo = Repo.find(store_dir)
    assert repo is not None
    make_snapshot(repo, "plans", "board-06")
    _save(store_dir, "elections-demo/1.1", {"status": "Delayed"})
    _save(store_dir, "elections-demo/3.3", {"revised_deadline": "Jun-18"})
    _save(store_dir, "elections-demo/1.3", {"progress": "40"})
    agenda = _agenda(store_dir)
    order = [(item.section, item.action.ref) for item in agenda]
    assert order == [
        ("Worse since board-06", "elections-demo/1.1"),
        ("Overdue", "elections-demo/1.4"),
        ("Overdue", "elections-demo/1.10"),
        ("Overdue", "property-demo/6.1"),
        ("Overdue", "property-demo/6.4"),
        ("Re-baselined since board-06", "elections-demo/3.3"),
        ("No update this period", "property-demo/8.2"),
        ("By theme: Elections", "elections-demo/1.3"),
        ("By theme: Elections", "elections-demo/1.9"),
        ("By theme: Communications", "elections-demo/4.1"),
    ]
    by_ref = {item.action.ref: item for item in agenda}
    worse = by_ref["elections-demo/1.1"]
    assert worse.travel.direction == "worse"
    assert worse.travel.describe(worse.action, "board-06") == (
        "worse since board-06: On Target (green) -> Delayed (amber)"
    )
    better = by_ref["elections-demo/1.3"]
    assert better.travel.describe(better.action, "board-06") == "better since board-06: 20% -> 40%"
    still = by_ref["property-demo/6.1"]
    assert still.travel.describe(still.action, "board-06") == "no change since board-06"


def test_the_latest_snapshot_is_the_one_compared_with(store_dir: Path) -> None:
    repo = Repo.find(store_dir)
    assert repo is not None
    make_snapshot(repo, "plans", "board-06")
    _save(store_dir, "elections-demo/1.1", {"status": "Delayed"})
    git(store_dir.parent, "tag", "not-a-snapshot")  # a lightweight tag is no snapshot
    make_snapshot(repo, "plans", "board-09")
    assert last_snapshot(repo) == "board-09"
    agenda = _agenda(store_dir)
    assert not [item for item in agenda if item.section.startswith("Worse")]
    assert agenda[0].section == "Overdue"


def test_without_a_snapshot_there_is_no_since_section(store_dir: Path) -> None:
    agenda = _agenda(store_dir)
    sections = list(dict.fromkeys(item.section for item in agenda))
    assert sections == [
        "Overdue",
        "No update this period",
        "By theme: Elections",
        "By theme: Communications",
    ]
    assert agenda[0].travel.describe(agenda[0].action, None) == "no snapshot to compare with"
    assert len(agenda) == 10 and len({item.action.ref for item in agenda}) == 10


def test_a_plan_naming_no_period_lists_nothing_as_missing_an_update(store_dir: Path) -> None:
    plan = store_dir / "property-demo" / "plan.yaml"
    plan.write_text(plan.read_text().replace("period: 2017-18 Q2\n", ""))
    git(store_dir.parent, "commit", "-qam", "no period")
    by_ref = {item.action.ref: item.section for item in _agenda(store_dir)}
    assert by_ref["property-demo/8.2"] == "By theme: Property"
    assert "No update this period" not in by_ref.values()
