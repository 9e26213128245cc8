"""Two saves of one action at the same moment, by two real processes: both land.

Each round starts two ``bvtui set ID --update TEXT`` at once. Saves of one file are
serialised, and the one that finds the file changed by the other applies its edit to
the new version, so every typed update ends up in the history, and each process's
``committed <sha>`` names a commit that holds its own text.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import git

ROUNDS = 50
ACTION = "elections-demo/1.3"


def _start(store: Path, text: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "bvtui", "set", "--store", str(store), ACTION, "--update", text],
        cwd=store.parent,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_simultaneous_saves_of_one_action_both_land(store_dir: Path) -> None:
    top = store_dir.parent
    claims: list[tuple[str, str]] = []
    for round_ in range(ROUNDS):
        texts = [f"round {round_} from officer A", f"round {round_} from officer B"]
        processes = [_start(store_dir, text) for text in texts]
        for text, process in zip(texts, processes, strict=True):
            out, err = process.communicate(timeout=120)
            assert process.returncode == 0, f"{text}: {err}"
            match = re.fullmatch(rf"{re.escape(ACTION)}: committed ([0-9a-f]+)\n", out)
            assert match, f"{text}: {out!r} {err!r}"
            claims.append((text, match[1]))
    history = git(top, "log", "-p", "--", f"plans/{ACTION}.yaml")
    on_disk = (store_dir / f"{ACTION}.yaml").read_text()
    for text, sha in claims:
        assert history.count(f"+  text: {text}\n") == 1, text
        assert f"text: {text}\n" in on_disk, text
        own = git(top, "show", "--format=", sha, "--", f"plans/{ACTION}.yaml")
        assert f"+  text: {text}\n" in own, f"{sha} claimed for {text!r} holds:\n{own}"
    assert git(top, "status", "--porcelain") == ""
