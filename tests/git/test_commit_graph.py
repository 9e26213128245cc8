"""git's commit-graph keeps changed-path filters over the whole history, so that an
action's history (``git log -- FILE``) stays fast on a store as users get it: a clone
(no graph) and a repository where ``git gc`` wrote a graph without filters."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from bvtui.cli.main import main
from bvtui.git import GraphFilters, graph_filters
from bvtui.model import edited
from bvtui.store import Store
from tests.conftest import git
from tests.gitgraph import bloom_statistics, wait_for_filters

REF = "elections-demo/1.3"
PATH = f"plans/{REF}.yaml"


def _clone(make_repo: Callable[..., Path], tmp_path: Path) -> Path:
    """A clone (in ``tmp_path/clone``) of a bare copy of a store with some history, both
    made as over a network (``--no-local``: no files of the origin copied)."""
    store = make_repo()
    top = store.parent
    for progress in (30, 40, 50):
        action = Store.open(store).find("elections-demo/1.1")
        Store.open(store).save_action(edited(action, {"progress": str(progress)}))
    git(tmp_path, "clone", "-q", "--no-local", "--bare", str(top), "bare.git")
    git(tmp_path, "clone", "-q", "--no-local", "bare.git", "clone")
    clone = tmp_path / "clone"
    assert graph_filters(clone / ".git") is GraphFilters.NONE
    return clone


@pytest.mark.parametrize("command", ["log", "timeline"])
def test_first_history_after_a_clone_writes_filters_over_all_history(
    make_repo: Callable[..., Path], tmp_path: Path, command: str
) -> None:
    clone = _clone(make_repo, tmp_path)
    assert bloom_statistics(clone, PATH) is None  # nothing to skip commits with yet

    assert main([command, "--store", str(clone / "plans"), REF]) == 0

    assert wait_for_filters(clone, PATH, limit_s=30) is not None
    assert graph_filters(clone / ".git") is GraphFilters.ALL
    git(clone, "commit-graph", "verify")
    commits = int(git(clone, "rev-list", "--count", "HEAD"))
    stats = bloom_statistics(clone, PATH)
    assert stats is not None
    assert stats["filter_not_present"] == 0
    assert stats["definitely_not"] + stats["maybe"] == commits - 1  # the root has none


def test_first_save_after_git_gc_rewrites_the_graph_with_filters(
    make_repo: Callable[..., Path], tmp_path: Path
) -> None:
    clone = _clone(make_repo, tmp_path)
    git(clone, "gc", "-q")
    assert graph_filters(clone / ".git") is GraphFilters.PARTIAL  # gc wrote no filters

    store = Store.open_for(clone / "plans", REF)  # starts no graph write of its own
    store.save_action(edited(store.find(REF), {"progress": "60"}))

    assert wait_for_filters(clone, PATH, limit_s=30) is not None
    assert graph_filters(clone / ".git") is GraphFilters.ALL
    git(clone, "commit-graph", "verify")


def test_a_later_save_adds_a_layer_and_keeps_the_filters(
    make_repo: Callable[..., Path], tmp_path: Path
) -> None:
    clone = _clone(make_repo, tmp_path)
    store = Store.open_for(clone / "plans", REF)
    store.save_action(edited(store.find(REF), {"progress": "60"}))
    assert wait_for_filters(clone, PATH, limit_s=30) is not None

    store = Store.open_for(clone / "plans", REF)
    store.save_action(edited(store.find(REF), {"progress": "70"}))

    assert wait_for_filters(clone, PATH, limit_s=30) is not None
    assert graph_filters(clone / ".git") is GraphFilters.ALL


@pytest.mark.parametrize("gc", [False, True], ids=["clone", "clone after git gc"])
def test_a_listing_writes_the_filters_a_later_history_uses(
    make_repo: Callable[..., Path], tmp_path: Path, gc: bool
) -> None:
    clone = _clone(make_repo, tmp_path)
    if gc:
        git(clone, "gc", "-q")
        assert graph_filters(clone / ".git") is GraphFilters.PARTIAL

    assert main(["list", "--store", str(clone / "plans"), "--format", "json"]) == 0

    assert wait_for_filters(clone, PATH, limit_s=30) is not None
    assert graph_filters(clone / ".git") is GraphFilters.ALL
    git(clone, "commit-graph", "verify")


def test_a_load_of_one_action_starts_no_graph_write(
    make_repo: Callable[..., Path], tmp_path: Path
) -> None:
    clone = _clone(make_repo, tmp_path)

    assert main(["show", "--store", str(clone / "plans"), REF]) == 0

    assert wait_for_filters(clone, PATH, limit_s=1) is None
    assert graph_filters(clone / ".git") is GraphFilters.NONE
