"""The first command on a store nobody has opened yet (a fresh clone) shows how far
it is reading, as one line on stderr when that is a terminal, and nothing otherwise."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from bvtui.store import sources
from tests.store.test_load_progress import add_actions


def run_list(store_dir: Path, stderr: int) -> tuple[str, str]:
    """``bvtui list --format json`` with stderr on ``stderr``: its stdout, and what
    reached stderr when that is a pipe."""
    ran = subprocess.run(
        [sys.executable, "-m", "bvtui", "list", "--store", str(store_dir), "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=stderr,
        check=True,
        text=True,
    )
    return ran.stdout, ran.stderr or ""


def read_all(fd: int) -> bytes:
    data = b""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the terminal's other end is closed: all read
            return data
        if not chunk:
            return data
        data += chunk


@pytest.mark.parametrize("terminal", [True, False], ids=["on a terminal", "piped"])
def test_the_first_list_of_a_large_store_shows_progress_on_a_terminal_only(
    make_repo: Callable[..., Path], terminal: bool
) -> None:
    store_dir = make_repo("elections-demo")
    total = add_actions(store_dir, sources.PROGRESS_AFTER + 50)
    if terminal:
        main, other = pty.openpty()
        try:
            out, _ = run_list(store_dir, other)
            os.close(other)
            shown = read_all(main).decode()
        finally:
            os.close(main)
        assert shown.endswith(f"\rbvtui: reading {total:,} plan files... done\r\n")
        assert "%" in shown
    else:
        out, err = run_list(store_dir, subprocess.PIPE)
        assert err == ""
    assert out.startswith("[") and '"x0"' in out
