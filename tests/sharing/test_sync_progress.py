"""``bvtui sync`` on a terminal shows git's stages in one line of stderr, wiped before
its own line; piped, it shows nothing of them."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.test_progress_line import read_all
from tests.sharing.test_sync import run
from tests.sharing.test_sync_errors import refuse_pushes

Clone = Callable[[str], Path]


def sync_with_stderr_on(store: Path, stderr: int) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bvtui", "sync", "--store", str(store)],
        stdout=subprocess.PIPE,
        stderr=stderr,
        text=True,
    )


def sync_on_a_terminal(store: Path) -> tuple[subprocess.CompletedProcess, str]:
    """``bvtui sync`` with stderr on a pseudo-terminal; what it wrote there."""
    main, other = pty.openpty()
    try:
        ran = sync_with_stderr_on(store, other)
        os.close(other)
        shown = read_all(main).decode()
    finally:
        os.close(main)
    return ran, shown


@pytest.mark.parametrize("terminal", [True, False], ids=["on a terminal", "piped"])
def test_sync_shows_gits_progress_on_a_terminal_only(capsys, clone: Clone, terminal: bool) -> None:
    amy = clone("amy")
    run(capsys, amy, "set", "1.4", "progress=55")
    if terminal:
        ran, shown = sync_on_a_terminal(amy)
        assert "\rbvtui: sync: writing objects... 100%" in shown
        assert shown.endswith("\r") and shown.rsplit("\r", 2)[-2].strip() == ""  # wiped
    else:
        ran = sync_with_stderr_on(amy, subprocess.PIPE)
        assert ran.stderr == ""
    assert ran.returncode == 0
    assert ran.stdout == "synced with origin/main; in: nothing; out: 1 commit\n"


def test_a_failed_sync_on_a_terminal_says_its_line_after_wiping_the_progress(
    capsys, clone: Clone, remote: Path
) -> None:
    amy = clone("amy")
    refuse_pushes(remote)
    run(capsys, amy, "set", "1.4", "progress=55")
    ran, shown = sync_on_a_terminal(amy)
    assert ran.returncode == 1
    assert shown.endswith("\r\n")  # a terminal's end of line
    said = shown.removesuffix("\r\n").rsplit("\r", 1)[-1]  # after the wipe: the error alone
    assert said.startswith("bvtui: origin refused the push (pre-receive hook declined")
    assert "only the plan officer may push" in said
    assert "Error lines received" not in shown  # GitPython's log stays out of it
