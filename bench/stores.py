"""The bench's synthetic stores: built once, reused from ``--keep DIR`` after that."""

from __future__ import annotations

import time
from pathlib import Path

from tests.synthetic import SynthAction, SynthPlan, final_model, make_store, synthetic_plans

RACY_S = 2.1
"""Files younger than this are never cached (the parse cache's racy-file rule)."""


def built_store(
    root: Path, actions: int, plans: int, seed: int, commits: int
) -> tuple[Path, tuple[list[SynthPlan], list[SynthAction]], bool]:
    """The store at ``root`` with its model (actions as the files say); built unless a
    repository is already there (then reused: True)."""
    if (root / ".git").exists():
        return root, final_model(actions, plans, seed, commits), True
    if root.exists() and any(root.iterdir()):
        raise SystemExit(f"{root}: exists, is not empty and holds no store")
    model = synthetic_plans(actions, plans, seed)
    make_store(root, actions, plans, seed, commits, model=model)
    time.sleep(RACY_S)  # files written just now are never cached: let them settle
    return root, model, False


def cache_file(store: Path) -> Path:
    """Where bvtui keeps the parse cache of ``store``."""
    from bvtui.git import Repo
    from bvtui.store import cache_path

    repo = Repo.find(store)
    assert repo is not None
    return cache_path(repo.git_dir, store, "tree")
