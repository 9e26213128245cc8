"""Saving several actions in one commit (a bulk edit) through the one save path:
every check before the first write, one commit naming each action, nothing changed
when any of them is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from bvtui.model import ValidationError
from bvtui.store import BulkEdit, Store, StoreError, save_bulk
from tests.cli.test_git_errors import unwritable
from tests.conftest import git

REFS = ["elections-demo/1.3", "elections-demo/1.4", "property-demo/6.1"]


def trailers(top: Path, key: str = "Action") -> list[str]:
    out = git(top, "log", "-1", f"--format=%(trailers:key={key},valueonly)")
    return [line for line in out.splitlines() if line]


def test_one_commit_names_every_action_with_a_trailer_each(store_dir: Path) -> None:
    store = Store.open(store_dir)
    actions = [store.find(ref) for ref in REFS]
    edit = BulkEdit({"status": "Delayed"}, update="Held over to Q3.")
    results = save_bulk(store, actions, edit)
    top = store_dir.parent
    head = git(top, "rev-parse", "HEAD").strip()
    assert {result.commit for result in results} == {head}
    assert git(top, "rev-list", "--count", "HEAD").strip() == "2"
    assert trailers(top) == REFS
    assert trailers(top, "Fields") == ["status, updates"]
    changed = git(top, "show", "--name-only", "--format=", "HEAD").split()
    assert changed == [f"plans/{ref}.yaml" for ref in REFS]
    message = git(top, "log", "-1", "--format=%B")
    assert message.startswith("3 actions: status -> Delayed, update 2017-18 Q2\n")
    for ref in REFS:
        assert f"{ref} status:" in message
    assert message.count("Held over to Q3.") == 1
    assert git(top, "status", "--porcelain") == ""


def test_one_value_invalid_for_one_plan_refuses_all_and_changes_nothing(store_dir: Path) -> None:
    store = Store.open(store_dir)
    # "Not Started" is in property-demo's statuses, not in elections-demo's
    actions = [store.find("property-demo/6.4"), store.find("elections-demo/1.3")]
    head = git(store_dir.parent, "rev-parse", "HEAD")
    with pytest.raises(ValidationError) as refused:
        save_bulk(store, actions, BulkEdit({"status": "Not Started"}))
    assert "elections-demo/1.3.yaml: status: 'Not Started'" in str(refused.value)
    assert git(store_dir.parent, "rev-parse", "HEAD") == head
    assert git(store_dir.parent, "status", "--porcelain") == ""


def test_a_write_that_fails_puts_back_the_files_already_written(store_dir: Path) -> None:
    store = Store.open(store_dir)
    actions = [store.find(ref) for ref in REFS]
    first = store_dir / "elections-demo" / "1.3.yaml"
    before = first.read_bytes()
    head = git(store_dir.parent, "rev-parse", "HEAD")
    with unwritable(store_dir / "property-demo"), pytest.raises(StoreError) as refused:
        save_bulk(store, actions, BulkEdit({"progress": "45"}))
    assert "6.1.yaml: could not be written" in str(refused.value)
    assert first.read_bytes() == before
    assert git(store_dir.parent, "rev-parse", "HEAD") == head
    assert git(store_dir.parent, "status", "--porcelain") == ""


def test_each_makes_one_commit_per_action(store_dir: Path) -> None:
    store = Store.open(store_dir)
    actions = [store.find(ref) for ref in REFS[:2]]
    results = save_bulk(store, actions, BulkEdit({"progress": "70"}), each=True)
    assert len({result.commit for result in results}) == 2
    log = git(store_dir.parent, "log", "-2", "--format=%s").splitlines()
    assert log == [
        "elections-demo/1.4: progress 20 -> 70",
        "elections-demo/1.3: progress 20 -> 70",
    ]


def test_one_action_saved_as_one_is_the_usual_message(store_dir: Path) -> None:
    store = Store.open(store_dir)
    [result] = store.save_actions([BulkEdit({"progress": "33"}).apply(store.find("1.3"))])
    assert git(store_dir.parent, "log", "-1", "--format=%s").strip() == (
        "elections-demo/1.3: progress 20 -> 33"
    )
    assert result.commit is not None


def test_an_action_given_twice_is_refused(store_dir: Path) -> None:
    store = Store.open(store_dir)
    action = store.find("1.3")
    with pytest.raises(StoreError, match="twice"):
        store.save_actions([action, action])
