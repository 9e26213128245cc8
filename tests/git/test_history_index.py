"""After a save, git's commit-graph with changed-path filters is brought up to date in
the background, so that an action's history (``git log -- FILE``) stays fast; and the
sha a save reports is HEAD's, however HEAD is stored."""

import time
from pathlib import Path

from bvtui.git import Repo
from bvtui.model import edited
from bvtui.store import Store
from tests.conftest import git


def save(store_dir: Path, ref: str, values: dict) -> str | None:
    store = Store.open(store_dir)
    return store.save_action(edited(store.find(ref), values)).commit


def test_a_save_writes_the_commit_graph_with_changed_paths(store_dir: Path) -> None:
    top = store_dir.parent
    sha = save(store_dir, "elections-demo/1.3", {"progress": "40"})
    assert sha == git(top, "rev-parse", "HEAD").strip()
    chain = top / ".git" / "objects" / "info" / "commit-graphs" / "commit-graph-chain"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if chain.exists():
            layers = chain.read_text().split()
            graph = chain.parent / f"graph-{layers[-1]}.graph"
            if graph.exists() and b"BIDX" in graph.read_bytes()[:200]:
                break
        time.sleep(0.1)
    else:
        raise AssertionError("no commit-graph with changed-path filters was written")
    log = git(top, "log", "--format=%H", "--", "plans/elections-demo/1.3.yaml")
    assert log.split()[0] == sha


def test_the_reported_sha_is_head_with_packed_refs_too(store_dir: Path) -> None:
    top = store_dir.parent
    git(top, "pack-refs", "--all")
    repo = Repo.find(store_dir)
    assert repo is not None
    assert repo.head_commit() == git(top, "rev-parse", "HEAD").strip()
    sha = save(store_dir, "elections-demo/1.3", {"progress": "50"})
    assert sha == git(top, "rev-parse", "HEAD").strip()


def test_the_reported_sha_is_head_in_a_linked_work_tree(store_dir: Path, tmp_path: Path) -> None:
    top = store_dir.parent
    linked = tmp_path / "linked"
    git(top, "worktree", "add", "--quiet", "-b", "side", str(linked))
    sha = save(linked / "plans", "elections-demo/1.3", {"progress": "60"})
    assert sha == git(linked, "rev-parse", "HEAD").strip()
    assert sha != git(top, "rev-parse", "HEAD").strip()
