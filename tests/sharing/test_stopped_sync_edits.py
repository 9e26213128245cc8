"""Edits while a sync is stopped on a conflict: refused by bvtui, kept by every way out.

A stopped rebase's own way out (``git rebase --abort``, which ``bvtui sync --abort``
runs) resets the work tree: an edit saved then would be destroyed. So a save is
refused (nothing written) while a rebase or merge is stopped, except the resolution
of a file in conflict; and an edit made by hand meanwhile survives ``bvtui sync
--abort`` and ``--continue``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import git
from tests.sharing.test_sync import fields, run

Clone = Callable[[str], Path]
OTHER = "elections-demo/1.4.yaml"


def _stopped(capsys: pytest.CaptureFixture[str], clone: Clone) -> tuple[Path, Path]:
    """Two clones; ben's sync stopped on a conflict in 1.3."""
    amy, ben = clone("amy"), clone("ben")
    run(capsys, amy, "set", "1.3", "status=Completed")
    run(capsys, ben, "set", "1.3", "status=Delayed")
    assert run(capsys, amy, "sync")[0] == 0
    code, _, err = run(capsys, ben, "sync")
    assert code == 1 and "in conflict" in err
    return amy, ben


def test_a_save_during_a_stopped_sync_is_refused_and_writes_nothing(capsys, clone: Clone) -> None:
    _, ben = _stopped(capsys, clone)
    before = (ben / OTHER).read_bytes()
    code, out, err = run(capsys, ben, "set", "1.4", "progress=77", "--update", "Typed meanwhile")
    assert code == 1, out
    assert "a rebase is in progress" in err and "nothing was saved" in err
    assert "bvtui sync --continue" in err and "bvtui sync --abort" in err
    assert (ben / OTHER).read_bytes() == before
    git(ben.parent, "rebase", "--abort")  # the way out git itself offers
    code, out, _ = run(capsys, ben, "set", "1.4", "progress=77", "--update", "Typed meanwhile")
    assert code == 0 and "committed" in out
    assert fields(ben, OTHER)["progress"] == "77"


def test_a_resolution_still_saves_during_a_stopped_sync(capsys, clone: Clone) -> None:
    _, ben = _stopped(capsys, clone)
    code, out, err = run(capsys, ben, "resolve", "1.3", "status=mine")
    assert code == 0 and "resolved and staged" in out, err


def test_a_hand_edit_during_a_stopped_sync_survives_abort(capsys, clone: Clone) -> None:
    _, ben = _stopped(capsys, clone)
    edited = (ben / OTHER).read_text().replace("progress: 20", "progress: 64")
    assert edited != (ben / OTHER).read_text()
    (ben / OTHER).write_text(edited)
    code, out, err = run(capsys, ben, "sync", "--abort")
    assert code == 0, err
    assert "undone" in out and "elections-demo/1.4" in out and "kept" in out
    assert fields(ben, OTHER)["progress"] == "64"
    assert fields(ben)["status"] == "Delayed"  # the abort itself still happened
    code, out, _ = run(capsys, ben, "commit")
    assert code == 0 and "elections-demo/1.4: committed" in out


def test_a_hand_edit_during_a_stopped_sync_survives_continue(capsys, clone: Clone) -> None:
    amy, ben = _stopped(capsys, clone)
    assert run(capsys, ben, "resolve", "1.3", "status=theirs")[0] == 0
    edited = (ben / OTHER).read_text().replace("progress: 20", "progress: 64")
    (ben / OTHER).write_text(edited)
    code, out, err = run(capsys, ben, "sync", "--continue")
    assert code == 0 and "1 pending edit committed" in out, err
    assert fields(ben, OTHER)["progress"] == "64"
    assert fields(ben)["status"] == "Completed"
    assert git(ben.parent, "status", "--porcelain") == ""
    assert run(capsys, amy, "sync")[0] == 0
    assert fields(amy, OTHER)["progress"] == "64"


def test_a_hand_edit_that_conflicts_with_the_sync_is_left_to_resolve(capsys, clone: Clone) -> None:
    amy, ben = clone("amy"), clone("ben")
    run(capsys, amy, "set", "1.3", "status=Completed")
    run(capsys, ben, "set", "1.3", "status=Delayed")
    run(capsys, ben, "set", "1.4", "progress=30")  # replayed after the stop
    assert run(capsys, amy, "sync")[0] == 0
    assert run(capsys, ben, "sync")[0] == 1
    assert run(capsys, ben, "resolve", "1.3", "status=theirs")[0] == 0
    # the stop came before 1.4's commit was replayed: the file still says 20
    (ben / OTHER).write_text((ben / OTHER).read_text().replace("progress: 20", "progress: 64"))
    code, out, err = run(capsys, ben, "sync", "--continue")
    assert code == 0, err
    assert "left in conflict, uncommitted: elections-demo/1.4 (bvtui resolve" in out
    assert fields(ben, OTHER)["conflicts"] == {
        "progress": {"base": "20", "mine": "64", "theirs": "30"}
    }
    assert git(ben.parent, "status", "--porcelain").split() == ["M", f"plans/{OTHER}"]
    assert "conflicts" not in git(ben.parent, "show", f"origin/main:plans/{OTHER}")
    code, out, _ = run(capsys, ben, "resolve", "1.4", "progress=mine")
    assert code == 0 and "committed" in out
    assert fields(ben, OTHER)["progress"] == "64"


def test_a_rename_during_a_stopped_sync_is_refused_and_moves_nothing(capsys, clone: Clone) -> None:
    _, ben = _stopped(capsys, clone)
    code, _, err = run(capsys, ben, "rename", "1.4", "1.40")
    assert code == 1 and "a rebase is in progress, so no rename" in err
    assert (ben / OTHER).exists() and not (ben / "elections-demo/1.40.yaml").exists()
    assert git(ben.parent, "status", "--porcelain").split() == [
        "UU",
        "plans/elections-demo/1.3.yaml",
    ]
