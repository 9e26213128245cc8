"""The repository's fast path gives what the slow one gave: HEAD's version of a file
read while the save works."""

from __future__ import annotations

from pathlib import Path

from bvtui.git import Repo
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
