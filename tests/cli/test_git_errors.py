"""What a failed commit says: the real reason and what to do, in one line; the edit kept.

Each case is made on a real repository (a folder git cannot write in, a lock file a
crash left behind, a damaged index, a hook that refuses without a word...).
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bvtui.cli.main import main
from tests.conftest import git

ACTION = "elections-demo/1.3"
THIRTY_ACTIONS = "Ref,Action Title,Lead,Status,Progress %\n" + "".join(
    f"X{n},Thing {n},Ann Lead,On target,{n}\n" for n in range(1, 31)
)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def set_progress(capsys: pytest.CaptureFixture[str], store: Path, value: str) -> tuple[int, str]:
    code, _, err = run(capsys, "set", "--store", str(store), ACTION, f"progress={value}")
    return code, err


@contextlib.contextmanager
def unwritable(folder: Path) -> Iterator[None]:
    """``folder`` made so that nothing can be created in it, root or not: read-only by
    its mode, and immutable where the tests run as root (root ignores modes)."""
    mode = folder.stat().st_mode
    folder.chmod(0o555)
    immutable = os.geteuid() == 0
    if immutable:
        subprocess.run(["chattr", "+i", str(folder)], check=True)
    try:
        yield
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        folder.chmod(mode)


def assert_kept(store: Path, value: str) -> None:
    assert f"progress: {value}\n" in (store / f"{ACTION}.yaml").read_text()
    assert git(store.parent, "status", "--porcelain").split() == ["M", f"plans/{ACTION}.yaml"]


def test_a_git_folder_that_cannot_be_written(capsys, store_dir: Path) -> None:
    with unwritable(store_dir.parent / ".git"):
        code, err = set_progress(capsys, store_dir, "41")
    assert code == 1
    assert "another git process" not in err
    assert "git cannot write in" in err and ".git" in err
    assert "permission" in err.lower() or "not permitted" in err.lower()
    assert_kept(store_dir, "41")


def test_a_stale_index_lock_is_named_with_gits_advice(capsys, store_dir: Path) -> None:
    lock = store_dir.parent / ".git" / "index.lock"
    lock.write_text("")
    old = time.time() - 3600
    os.utime(lock, (old, old))
    code, err = set_progress(capsys, store_dir, "42")
    assert code == 1
    assert "try again when it ends" not in err
    assert str(lock) in err and "remove it" in err and "bvtui commit" in err
    assert_kept(store_dir, "42")


def test_a_damaged_index(capsys, store_dir: Path) -> None:
    (store_dir.parent / ".git" / "index").write_bytes(b"brag" * 64)
    code, err = set_progress(capsys, store_dir, "43")
    assert code == 1
    assert "bad signature" not in err
    assert "git index" in err and "damaged" in err and "git reset" in err
    assert (store_dir / f"{ACTION}.yaml").read_text().count("progress: 43\n") == 1
    (store_dir.parent / ".git" / "index").unlink()  # the advice works, and keeps the edit
    git(store_dir.parent, "reset", "--quiet")
    assert_kept(store_dir, "43")


def test_a_hook_that_refuses_without_a_word(capsys, store_dir: Path) -> None:
    hook = store_dir.parent / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\nexit 1\n")
    hook.chmod(0o755)
    code, err = set_progress(capsys, store_dir, "44")
    assert code == 1
    assert "git failed" not in err
    assert "pre-commit" in err and "hook" in err
    assert_kept(store_dir, "44")


def test_show_of_a_file_that_does_not_load(capsys, store_dir: Path) -> None:
    path = store_dir / f"{ACTION}.yaml"
    path.write_text(path.read_text().replace("progress: 20", "progress: [20"))
    code, out, err = run(capsys, "show", "--store", str(store_dir), ACTION)
    assert code == 1 and out == ""
    assert "no such action" not in err
    assert str(path) in err and "does not load" in err
    assert len(err.strip().splitlines()) == 1 or "warning" in err.splitlines()[0]


def test_an_import_whose_commit_failed_is_committed_by_the_next_run(
    capsys, store_dir: Path, tmp_path: Path
) -> None:
    source = tmp_path / "plan.csv"
    source.write_text(THIRTY_ACTIONS)
    hook = store_dir.parent / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 'frozen' >&2\nexit 1\n")
    hook.chmod(0o755)
    args = ("import", str(source), "--plan", "mine", "--store", str(store_dir))
    code, _, err = run(capsys, *args)
    assert code == 1 and "imported but not committed" in err
    hook.unlink()
    code, out, err = run(capsys, *args)
    assert code == 0, err
    assert "no change, nothing committed" not in out
    assert "31 files left uncommitted by an earlier import" in out and "committed" in out
    assert git(store_dir.parent, "status", "--porcelain") == ""
    files = git(store_dir.parent, "show", "--name-only", "--format=", "HEAD").split()
    assert len(files) == 31  # plan.yaml and the 30 actions


def test_an_import_stopped_half_way_is_committed_whole_by_the_next_run(
    capsys, store_dir: Path, tmp_path: Path
) -> None:
    source = tmp_path / "plan.csv"
    source.write_text(THIRTY_ACTIONS)
    args = ("import", str(source), "--plan", "mine", "--store", str(store_dir))
    assert run(capsys, *args)[0] == 0
    git(store_dir.parent, "reset", "--quiet", "--soft", "HEAD~1")  # as if never committed
    git(store_dir.parent, "reset", "--quiet")
    source.write_text(THIRTY_ACTIONS.replace("Thing 7,", "Thing seven,"))  # one row moved
    code, out, err = run(capsys, *args)
    assert code == 0, err
    assert "1 updated" in out and "30 files left uncommitted by an earlier import" in out
    assert git(store_dir.parent, "status", "--porcelain") == ""
