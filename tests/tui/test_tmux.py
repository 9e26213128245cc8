"""The real app in a real terminal: tests/tui/tmux_drive.sh drives ``bvtui`` in tmux.

Filters, searches, opens the dashboard, edits and saves, quits; then the commit the
save made is read back with git.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).with_name("tmux_drive.sh")


def test_real_terminal_session(store_dir: Path, tmp_path: Path) -> None:
    assert shutil.which("tmux"), "tmux is needed for this test"
    bvtui = Path(sys.executable).with_name("bvtui")
    log = tmp_path / "screens.log"
    result = subprocess.run(
        ["bash", str(SCRIPT), str(store_dir), str(log)],
        capture_output=True,
        text=True,
        timeout=90,
        env={**os.environ, "BVTUI": str(bvtui)},
    )
    assert result.returncode == 0, result.stderr + log.read_text()
    screens = log.read_text()
    assert "\x1b" not in screens
    message = subprocess.run(
        ["git", "log", "-1", "--format=%B"], cwd=store_dir, capture_output=True, text=True
    ).stdout
    assert message.startswith("elections-demo/1.3: progress 20 -> 45")
    assert "Action: elections-demo/1.3" in message
