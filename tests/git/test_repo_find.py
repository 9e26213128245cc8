"""The repository around a store is the one git itself finds, asked once: from the work
tree's top, a subfolder or a file, through a symbolic link, in a linked work tree, with
``GIT_DIR``; none outside any repository, in a bare one or inside ``.git``."""

from __future__ import annotations

from pathlib import Path

import pytest

from bvtui.git import Repo
from tests.conftest import git


def test_the_repository_is_found_by_git_in_one_call(
    store_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    trace = tmp_path / "trace.txt"
    monkeypatch.setenv("GIT_TRACE", str(trace))
    found = Repo.find(store_dir)
    assert found is not None and found.top == store_dir.parent.resolve()
    calls = [line for line in trace.read_text().splitlines() if "built-in: git" in line]
    assert len(calls) == 1 and "rev-parse --show-toplevel --absolute-git-dir" in calls[0]


def test_found_from_the_top_a_subfolder_or_a_file(store_dir: Path) -> None:
    top = store_dir.parent.resolve()
    for where in (
        top,
        store_dir,
        store_dir / "elections-demo",
        store_dir / "elections-demo" / "1.3.yaml",
        store_dir / "not-yet" / "made.yaml",
    ):
        assert Repo.find(where) == Repo(top, top / ".git"), where


def test_no_repository(tmp_path: Path) -> None:
    folder = tmp_path / "plain" / "plans"
    folder.mkdir(parents=True)
    assert Repo.find(folder) is None


def test_a_symlinked_path_is_resolved_as_git_does(store_dir: Path, tmp_path: Path) -> None:
    link = tmp_path / "link"
    link.symlink_to(store_dir.parent, target_is_directory=True)
    found = Repo.find(link / "plans")
    assert found is not None and found.top == store_dir.parent.resolve()


def test_a_repository_inside_another_is_the_inner_one(store_dir: Path) -> None:
    inner = store_dir / "inner"
    inner.mkdir()
    git(inner, "init", "--quiet")
    found = Repo.find(inner)
    assert found is not None and found.top == inner.resolve()


def test_a_linked_work_tree_has_its_own_git_dir(store_dir: Path, tmp_path: Path) -> None:
    where = tmp_path / "linked"
    git(store_dir.parent, "worktree", "add", "--quiet", "-b", "side", str(where))
    found = Repo.find(where / "plans")
    assert found is not None and found.top == where.resolve()
    assert found.git_dir == (store_dir.parent / ".git" / "worktrees" / "linked").resolve()


def test_git_dir_in_the_environment_is_honoured(
    store_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    top = store_dir.parent.resolve()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.setenv("GIT_DIR", str(top / ".git"))
    monkeypatch.setenv("GIT_WORK_TREE", str(top))
    found = Repo.find(elsewhere)
    assert found == Repo(top, top / ".git")


def test_a_bare_repository_or_the_inside_of_git_dir_is_no_work_tree(
    store_dir: Path, tmp_path: Path
) -> None:
    bare = tmp_path / "bare.git"
    git(tmp_path, "init", "--quiet", "--bare", str(bare))
    assert Repo.find(bare) is None
    assert Repo.find(store_dir.parent / ".git" / "refs") is None
