"""Fetch and push through GitPython: git's progress stages reach the callback, failures
are one line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bvtui.git import RemoteError, fetch, push
from tests.conftest import git

FILES = 300
"""Enough objects that git reports counting, compressing and writing (or receiving)."""


def add_files(top: Path, prefix: str) -> None:
    for number in range(FILES):
        (top / f"{prefix}{number}.txt").write_text(f"{prefix} {number}\n" + os.urandom(600).hex())
    git(top, "add", "-A")
    git(top, "commit", "-qm", f"{FILES} files")


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """A repository with many files and a bare remote (``origin``) it has not pushed to."""
    git(tmp_path, "init", "-q", "--bare", "remote.git")
    top = tmp_path / "work"
    git(tmp_path, "init", "-q", "-b", "main", str(top))
    add_files(top, "a")
    git(top, "remote", "add", "origin", str(tmp_path / "remote.git"))
    return top


Seen = list[tuple[str, int, "int | None"]]


def test_a_push_reports_gits_stages_through_the_callback(work: Path) -> None:
    seen: Seen = []
    push(work, "origin", "remote.git", "HEAD:refs/heads/main", progress=lambda *a: seen.append(a))
    stages = {stage for stage, _, _ in seen}
    assert {"counting objects", "compressing objects", "writing objects"} <= stages
    written = [(count, total) for stage, count, total in seen if stage == "writing objects"]
    assert written[-1][0] == written[-1][1] and written[-1][1] >= FILES
    assert git(work, "rev-parse", "origin/main") == git(work, "rev-parse", "HEAD")  # -u
    assert git(work, "config", "branch.main.remote").strip() == "origin"


def test_a_fetch_reports_receiving_and_resolving(work: Path, tmp_path: Path) -> None:
    push(work, "origin", "remote.git", "HEAD:refs/heads/main")
    git(tmp_path, "clone", "-q", str(tmp_path / "remote.git"), "other")
    add_files(work, "b")
    push(work, "origin", "remote.git", "HEAD:refs/heads/main")
    seen: Seen = []
    fetch(tmp_path / "other", "origin", "remote.git", progress=lambda *a: seen.append(a))
    assert "receiving objects" in {stage for stage, _, _ in seen}
    assert git(tmp_path / "other", "rev-parse", "origin/main") == git(work, "rev-parse", "HEAD")


def test_a_fetch_without_a_configured_refspec_still_updates_the_remote_branches(
    work: Path,
) -> None:
    push(work, "origin", "remote.git", "HEAD:refs/heads/main")
    git(work, "config", "--unset-all", "remote.origin.fetch")
    git(work, "update-ref", "-d", "refs/remotes/origin/main")
    fetch(work, "origin", "remote.git")
    assert git(work, "rev-parse", "origin/main") == git(work, "rev-parse", "HEAD")


def test_an_unreachable_remote_is_one_line(work: Path, tmp_path: Path) -> None:
    git(work, "remote", "set-url", "origin", str(tmp_path / "unmounted.git"))
    for call in (
        lambda: fetch(work, "origin", "the share"),
        lambda: push(work, "origin", "the share", "HEAD:refs/heads/main"),
    ):
        with pytest.raises(RemoteError) as raised:
            call()
        assert str(raised.value).startswith("cannot reach origin (the share)")
        assert "\n" not in str(raised.value)


def test_a_push_the_remote_moved_past_is_said_as_before(work: Path, tmp_path: Path) -> None:
    push(work, "origin", "remote.git", "HEAD:refs/heads/main")
    git(tmp_path, "clone", "-q", str(tmp_path / "remote.git"), "other")
    add_files(tmp_path / "other", "c")
    git(tmp_path / "other", "push", "-q", "origin", "main")
    add_files(work, "d")
    with pytest.raises(RemoteError, match="origin moved on while you were syncing"):
        push(work, "origin", "remote.git", "HEAD:refs/heads/main")
