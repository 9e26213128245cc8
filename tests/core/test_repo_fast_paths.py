"""The repository's fast paths give what the slow ones gave: the repository found
without starting git (every case it is not sure of left to git), and HEAD's version
of a file read while the save works."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bvtui.core import repo as repo_module
from bvtui.core.repo import Repo
from tests.conftest import git


def test_heads_version_read_meanwhile_is_heads_not_the_disks(store_dir: Path) -> None:
    repo = Repo.find(store_dir)
    assert repo is not None
    path = store_dir / "elections-demo" / "1.3.yaml"
    committed = git(repo.top, "show", "HEAD:plans/elections-demo/1.3.yaml").encode()
    with repo.head_blob_soon(path) as pending:
        path.write_text("id: '1.3'\nprogress: 99\n", encoding="utf-8")
        assert pending.result() == committed
        assert pending.result() == committed  # taken once, kept
    assert repo.head_blob(path) == committed
    with repo.head_blob_soon(store_dir / "elections-demo" / "9.9.yaml") as missing:
        assert missing.result() is None
    with repo.head_blob_soon(path):
        pass  # never read: the process is still reaped


def both(path: Path) -> tuple[Repo | None, Repo | None]:
    """Repo.find's answer and git rev-parse's, for the same folder."""
    probe = path if path.is_dir() else path.parent
    return Repo.find(path), Repo._find_with_git(probe)


def test_a_plain_repository_is_found_without_git(store_dir: Path) -> None:
    top = store_dir.parent
    assert repo_module._discover(store_dir) == (top.resolve(), top.resolve() / ".git")
    for where in (
        top,
        store_dir,
        store_dir / "elections-demo",
        store_dir / "elections-demo" / "1.3.yaml",
    ):
        found, by_git = both(where)
        assert found == by_git and found is not None


def test_no_repository(tmp_path: Path) -> None:
    folder = tmp_path / "plain" / "plans"
    folder.mkdir(parents=True)
    assert both(folder) == (None, None)


def test_a_symlinked_path_is_resolved_as_git_does(store_dir: Path, tmp_path: Path) -> None:
    link = tmp_path / "link"
    link.symlink_to(store_dir.parent, target_is_directory=True)
    found, by_git = both(link / "plans")
    assert found == by_git and found is not None and found.top == store_dir.parent.resolve()


def test_a_repository_inside_another_is_the_inner_one(store_dir: Path) -> None:
    inner = store_dir / "inner"
    inner.mkdir()
    git(inner, "init", "--quiet")
    found, by_git = both(inner)
    assert found == by_git and found is not None and found.top == inner.resolve()


@pytest.mark.parametrize(
    "unusual",
    [
        "linked work tree",
        "core.worktree",
        "bare",
        "include",
        "GIT_DIR",
        "inside .git",
    ],
)
def test_unusual_cases_are_left_to_git(
    unusual: str, store_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    top = store_dir.parent
    where = store_dir
    if unusual == "linked work tree":
        where = tmp_path / "linked"
        git(top, "worktree", "add", "--quiet", "-b", "side", str(where))
    elif unusual == "core.worktree":
        elsewhere = tmp_path / "elsewhere"
        elsewhere.mkdir()
        git(top, "config", "core.worktree", str(elsewhere))
    elif unusual == "bare":
        where = tmp_path / "bare.git"
        git(tmp_path, "init", "--quiet", "--bare", str(where))
    elif unusual == "include":
        git(top, "config", "include.path", str(tmp_path / "extra.config"))
    elif unusual == "GIT_DIR":
        monkeypatch.setenv("GIT_DIR", str(top / ".git"))
        monkeypatch.chdir(top)
    elif unusual == "inside .git":
        where = top / ".git" / "refs"
    assert repo_module._discover(where) is repo_module._ASK_GIT
    found, by_git = both(where)
    assert found == by_git


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a folder away needs root")
def test_another_owners_repository_is_left_to_git(store_dir: Path) -> None:
    top = store_dir.parent
    os.chown(top, os.geteuid() + 4321, -1)
    try:
        assert repo_module._discover(store_dir) is repo_module._ASK_GIT
        found, by_git = both(store_dir)
        assert found == by_git
    finally:
        os.chown(top, os.geteuid(), -1)
