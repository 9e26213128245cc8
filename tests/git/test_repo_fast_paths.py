"""The repository's fast path gives what the slow one gave: HEAD's version of a file
read while the save works."""

from __future__ import annotations

from pathlib import Path

import pytest

from bvtui.git import GitError, Repo
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


def test_the_status_started_early_is_the_status_run_late(store_dir: Path) -> None:
    repo = Repo.find(store_dir)
    assert repo is not None
    folder = store_dir / "elections-demo"
    (folder / "1.3.yaml").write_text("id: '1.3'\nprogress: 99\n", encoding="utf-8")
    (folder / "9.9.yaml").write_text("id: '9.9'\n", encoding="utf-8")
    (folder / "1.4.yaml").unlink()
    with repo.changed_files_soon(store_dir) as pending:
        found = pending.result()
        assert pending.result() is found  # taken once, kept
    assert sorted(found) == sorted(repo.changed_files(store_dir))
    assert sorted(found) == [
        (" D", "plans/elections-demo/1.4.yaml"),
        (" M", "plans/elections-demo/1.3.yaml"),
        ("??", "plans/elections-demo/9.9.yaml"),
    ]
    with repo.changed_files_soon(store_dir):
        pass  # never read: the process is still reaped


def test_a_failing_status_started_early_says_so_in_one_line(store_dir: Path) -> None:
    repo = Repo.find(store_dir)
    assert repo is not None
    (repo.git_dir / "index").write_bytes(b"DIRC not an index")
    with repo.changed_files_soon(store_dir) as pending, pytest.raises(GitError) as failed:
        pending.result()
    assert "\n" not in str(failed.value) and "index" in str(failed.value)
