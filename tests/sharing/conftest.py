"""Fixtures for sharing: a real bare repository and clones of it in temporary folders."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from bvtui.cli.main import main
from tests.conftest import git


@pytest.fixture
def remote(make_repo: Callable[..., Path], tmp_path: Path) -> Path:
    """A bare repository holding the fixture store, the merge driver's attributes committed."""
    store = make_repo(name="seed")
    assert main(["setup-merge", "--store", str(store)]) == 0
    bare = tmp_path / "shared" / "plans.git"
    git(tmp_path, "init", "--quiet", "--bare", str(bare))
    git(store.parent, "remote", "add", "origin", str(bare))
    git(store.parent, "push", "--quiet", "-u", "origin", "main")
    return bare


@pytest.fixture
def clone(remote: Path, tmp_path: Path) -> Callable[[str], Path]:
    """A clone of the remote for one officer, driver set up; returns its store folder."""

    def make(name: str) -> Path:
        top = tmp_path / name
        git(tmp_path, "clone", "--quiet", str(remote), str(top))
        git(top, "config", "user.name", name.title())
        git(top, "config", "user.email", f"{name}@example.org")
        assert main(["setup-merge", "--store", str(top / "plans")]) == 0
        return top / "plans"

    return make
