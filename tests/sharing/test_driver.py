"""The merge driver run by plain git: git merge, git rebase (sides swapped), fallbacks."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

from bvtui.store import read_mapping
from tests.conftest import git

Clone = Callable[[str], Path]
ACTION = "plans/elections-demo/1.3.yaml"


def edit(top: Path, old: str, new: str, message: str, name: str = ACTION) -> None:
    path = top / name
    path.write_text(path.read_text().replace(old, new))
    git(top, "commit", "-qam", message)


def diverge(clone: Clone, mine: tuple[str, str], theirs: tuple[str, str]) -> Path:
    """Ben commits ``mine``; Amy commits ``theirs`` and pushes; Ben fetches. Ben's top."""
    amy, ben = clone("amy").parent, clone("ben").parent
    edit(amy, *theirs, "amy")
    git(amy, "push", "-q")
    edit(ben, *mine, "ben")
    git(ben, "fetch", "-q")
    return ben


def test_plain_git_merge_merges_fields(clone: Clone) -> None:
    ben = diverge(clone, ("status: On Target", "status: Delayed"), ("progress: 20", "progress: 70"))
    git(ben, "merge", "-q", "--no-edit", "origin/main")
    data = read_mapping((ben / ACTION).read_text(), ACTION)
    assert (data["status"], data["progress"]) == ("Delayed", "70")


def test_plain_git_rebase_merges_fields(clone: Clone) -> None:
    ben = diverge(clone, ("status: On Target", "status: Delayed"), ("progress: 20", "progress: 70"))
    git(ben, "rebase", "-q", "origin/main")
    data = read_mapping((ben / ACTION).read_text(), ACTION)
    assert (data["status"], data["progress"]) == ("Delayed", "70")
    assert git(ben, "log", "--format=%s", "-2").splitlines() == ["ben", "amy"]


def conflict_under(command: list[str], clone: Clone) -> dict:
    ben = diverge(
        clone, ("status: On Target", "status: Delayed"), ("status: On Target", "status: Completed")
    )
    result = subprocess.run(["git", *command], cwd=ben, capture_output=True, text=True)
    assert result.returncode != 0 and "CONFLICT" in result.stdout + result.stderr
    assert git(ben, "diff", "--name-only", "--diff-filter=U").strip() == ACTION
    return read_mapping((ben / ACTION).read_text(), ACTION)


def test_conflict_under_merge_records_mine_and_theirs(clone: Clone) -> None:
    data = conflict_under(["merge", "--no-edit", "origin/main"], clone)
    assert data["status"] == "Delayed"
    assert data["conflicts"]["status"] == {
        "base": "On Target",
        "mine": "Delayed",
        "theirs": "Completed",
    }


def test_conflict_under_rebase_still_calls_the_local_value_mine(clone: Clone) -> None:
    data = conflict_under(["rebase", "origin/main"], clone)
    assert data["status"] == "Delayed"
    assert data["conflicts"]["status"]["mine"] == "Delayed"
    assert data["conflicts"]["status"]["theirs"] == "Completed"


def test_unreadable_yaml_falls_back_to_text_conflict_markers(clone: Clone) -> None:
    ben = diverge(
        clone, ("status: On Target", "status: [Delayed"), ("status: On Target", "status: Completed")
    )
    result = subprocess.run(["git", "merge", "origin/main"], cwd=ben, capture_output=True)
    assert result.returncode != 0
    text = (ben / ACTION).read_text()
    assert "<<<<<<< mine" in text and ">>>>>>> theirs" in text
    assert "status: [Delayed" in text and "status: Completed" in text


def test_driver_unconfigured_is_configured_by_sync(clone: Clone) -> None:
    from bvtui.cli.main import main

    amy, ben = clone("amy"), clone("ben")
    git(ben.parent, "config", "--unset", "merge.bvtui.driver")
    edit(amy.parent, "status: On Target", "status: Delayed", "amy")
    git(amy.parent, "push", "-q")
    edit(ben.parent, "progress: 20", "progress: 70", "ben")
    assert main(["sync", "--store", str(ben)]) == 0
    assert "merge-driver" in git(ben.parent, "config", "merge.bvtui.driver")
