"""What a sync says when the remote refuses the push or the merge driver is gone."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.conftest import git
from tests.sharing.test_sync import run

Clone = Callable[[str], Path]


def refuse_pushes(remote: Path) -> None:
    """Install a pre-receive hook in ``remote`` that refuses every push, with a reason."""
    hook = remote / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'only the plan officer may push' >&2\nexit 1\n")
    hook.chmod(0o755)


def test_a_remote_hook_refusing_the_push_is_not_the_remote_moving_on(
    capsys, clone: Clone, remote: Path
) -> None:
    amy = clone("amy")
    refuse_pushes(remote)
    run(capsys, amy, "set", "1.4", "progress=55")
    code, _, err = run(capsys, amy, "sync")
    assert code == 1
    assert "moved on" not in err
    assert "origin refused the push" in err and "pre-receive hook declined" in err
    assert "only the plan officer may push" in err
    assert "your work is safe" in err
    assert git(amy.parent, "status", "--porcelain") == ""  # committed locally, kept


def test_a_stale_merge_driver_is_named_with_the_fix(capsys, clone: Clone) -> None:
    amy, ben = clone("amy"), clone("ben")
    stale = "/no/such/venv/bin/python -m bvtui merge-driver %O %A %B %P"
    git(ben.parent, "config", "merge.bvtui.driver", stale)
    run(capsys, amy, "set", "1.3", "status=Completed")
    run(capsys, ben, "set", "1.3", "progress=30")
    assert run(capsys, amy, "sync")[0] == 0
    head = git(ben.parent, "rev-parse", "HEAD")
    code, _, err = run(capsys, ben, "sync")
    assert code == 1
    assert "/no/such/venv/bin/python" in err and "bvtui setup-merge" in err
    assert git(ben.parent, "rev-parse", "HEAD") == head
    assert run(capsys, ben, "setup-merge")[0] == 0
    code, out, err = run(capsys, ben, "sync")
    assert code == 0 and "in: 1 commit" in out, err
    text = (ben / "elections-demo/1.3.yaml").read_text()
    assert "status: Completed\n" in text and "progress: 30\n" in text  # field by field
