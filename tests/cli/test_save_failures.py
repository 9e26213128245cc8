"""Saves that cannot write, git missing, what a killed save leaves, a stuck index entry,
and the mode of the files a save writes."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest

from tests.cli.test_git_errors import ACTION, run, unwritable
from tests.conftest import git


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_file_that_cannot_be_written_is_one_line_and_changes_nothing(
    capsys, store_dir: Path
) -> None:
    path = store_dir / f"{ACTION}.yaml"
    before = path.read_bytes()
    with unwritable(path.parent):
        code, out, err = run(capsys, "set", "--store", str(store_dir), ACTION, "progress=45")
    assert code == 1 and out == ""
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert str(path) in err and "could not be written" in err and "nothing was saved" in err
    assert path.read_bytes() == before
    assert git(store_dir.parent, "status", "--porcelain") == ""


@pytest.mark.parametrize(
    "args",
    [
        ("set", ACTION, "progress=46"),
        ("commit",),
        ("sync",),
        ("log", ACTION),
        ("snapshot", "committee-1"),
    ],
)
def test_git_missing_from_path_is_one_line(
    capsys, store_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: tuple
) -> None:
    (store_dir / "elections-demo/1.4.yaml").write_text(
        (store_dir / "elections-demo/1.4.yaml").read_text().replace("progress: 20", "progress: 21")
    )
    empty = tmp_path / "no-git-here"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    code, _, err = run(capsys, args[0], "--store", str(store_dir), *args[1:])
    assert code == 1
    assert err.splitlines()[-1].startswith("bvtui: ") and "Traceback" not in err
    assert "git is not installed or not on PATH" in err


def test_what_a_killed_save_left_is_never_an_action_and_is_cleared(capsys, store_dir: Path) -> None:
    folder = store_dir / "elections-demo"
    left = folder / ".1.3.yaml.k1ll3d_9.tmp"
    left.write_text((folder / "1.3.yaml").read_text())
    old = time.time() - 3600
    os.utime(left, (old, old))
    code, out, _ = run(capsys, "list", "--store", str(store_dir), "--format", "csv")
    assert code == 0 and ".tmp" not in out and "k1ll3d" not in out
    code, out, _ = run(capsys, "validate", "--store", str(store_dir))
    assert code == 0 and "tmp" not in out
    fresh = folder / ".1.4.yaml.inflight.tmp"  # a save under way in another process
    fresh.write_text("")
    code, _, err = run(capsys, "set", "--store", str(store_dir), "elections-demo/1.1", "progress=9")
    assert code == 0, err
    assert not left.exists() and fresh.exists()
    fresh.unlink()
    assert git(store_dir.parent, "status", "--porcelain") == ""


def test_bvtui_commit_clears_an_index_entry_that_is_neither_head_nor_disk(
    capsys, store_dir: Path
) -> None:
    path = store_dir / f"{ACTION}.yaml"
    original = path.read_text()
    path.write_text(original.replace("progress: 20", "progress: 77"))
    git(store_dir.parent, "add", "--", str(path))
    path.write_text(original)  # the file back as at HEAD; the index still has 77
    assert git(store_dir.parent, "status", "--porcelain").startswith("MM ")
    code, _, err = run(capsys, "commit", "--store", str(store_dir))
    assert code == 0, err
    assert git(store_dir.parent, "status", "--porcelain") == ""
    assert path.read_text() == original


def test_a_save_keeps_the_files_mode(capsys, store_dir: Path) -> None:
    path = store_dir / f"{ACTION}.yaml"
    path.chmod(0o664)
    code, _, err = run(capsys, "set", "--store", str(store_dir), ACTION, "progress=47")
    assert code == 0, err
    assert mode(path) == 0o664


def test_a_new_file_gets_the_umask_mode(capsys, tmp_path: Path) -> None:
    previous = os.umask(0o002)
    try:
        code, _, err = run(capsys, "init", str(tmp_path / "plans"))
        assert code == 0, err
        source = tmp_path / "plan.csv"
        source.write_text("Ref,Action Title,Lead\nX1,Do a thing,Ann Lead\n")
        code, _, err = run(
            capsys, "import", str(source), "--plan", "mine", "--store", str(tmp_path / "plans")
        )
        assert code == 0, err
    finally:
        os.umask(previous)
    assert mode(tmp_path / "plans" / "README.md") == 0o664
    assert mode(tmp_path / "plans" / "mine" / "X1.yaml") == 0o664
