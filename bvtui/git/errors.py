"""git's failures said in one plain line each: what happened, and what to do.

git's own first error line is often about a mechanism (``Unable to create
'.git/index.lock': File exists``, ``bad signature 0x...``, nothing at all from a hook
that refused); :func:`explain` names what the user meets instead (another git
running, a lock left by a crash, a folder that cannot be written, a full disk, a
damaged index...) and the way out. Fetch and push failures are
:mod:`bvtui.git.remote_errors`'.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

GIT_MISSING = "git is not installed or not on PATH"
"""What a command that needs git says when there is none."""

SILENT_FAILURE = "git failed"
"""What a git command that failed without a word is said to have done."""


def _one_line(text: str) -> str:
    """The most telling line of git's output: the first error/fatal line, else the first."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in lines:
        if line.startswith(("fatal:", "error:")):
            return line.split(":", 1)[1].strip()
    return lines[0] if lines else SILENT_FAILURE


def way_out(operation: str) -> str:
    """How to finish or undo a stopped ``operation`` (bvtui's own commands for a sync)."""
    if operation in ("merge", "rebase"):
        return "finish it (bvtui sync --continue) or undo it (bvtui sync --abort)"
    return f"finish it (git {operation} --continue) or undo it (git {operation} --abort)"


def explain(output: str, git_dir: Path | None = None) -> str:
    """git's failure output (of a command run in ``git_dir``'s work tree) as one line
    a user can act on."""
    low = output.lower()
    if "please tell me who you are" in low or "unable to auto-detect email" in low:
        return (
            "git has no identity to commit with: run git config user.name 'Your Name' and "
            "git config user.email you@example.org, or pass --author 'Name <email>'"
        )
    if "out of diskspace" in low or "no space left on device" in low:
        return f"the disk is full: git could not write ({_one_line(output)}); free some space"
    locked = _UNABLE_TO_CREATE.search(output)
    if locked:
        return _lock_failure(Path(locked["path"]), locked["reason"])
    if "index file" in low and ("corrupt" in low or "smaller than expected" in low):
        index = git_dir / "index" if git_dir else Path(".git", "index")
        return (
            f"the git index ({index}, git's list of the files it tracks) is damaged: "
            f"rebuild it with rm {index} then git reset, which do not touch your files"
        )
    if "partial commit during a merge" in low:
        return f"a merge is in progress: {way_out('merge')}"
    if "unmerged" in low:
        return "the repository has unmerged files: resolve them and commit first"
    if "not a git repository" in low:
        return "the store is not in a git repository: run git init (or bvtui init) first"
    if "hook" in low:
        return f"a git hook refused the commit: {_one_line(output)}"
    return _one_line(output)


_UNABLE_TO_CREATE = re.compile(r"Unable to create '(?P<path>[^']+)': (?P<reason>[^.\n]+)")

STALE_LOCK_SECONDS = 10
"""A lock file older than this is taken to be left by a git process that crashed (git
holds ``index.lock`` for the few milliseconds of one command)."""

LOCK_HELD = "another git process is running"
"""The start of the message for a lock held now: worth retrying."""


def _lock_failure(lock: Path, reason: str) -> str:
    """Why git could not create ``lock``: it exists (held, or left by a crash), or the
    folder cannot be written (permissions, a read-only disk)."""
    if "file exists" not in reason.lower():
        return (
            f"git cannot write in {lock.parent} ({reason}): check the folder's permissions "
            "and that the disk is not read-only"
        )
    try:
        age = time.time() - lock.stat().st_mtime
    except OSError:
        age = 0.0
    if age < STALE_LOCK_SECONDS:
        return f"{LOCK_HELD} ({lock} is held); try again when it ends"
    return (
        f"{lock} was left {int(age)} s ago by a git process that crashed or is still "
        "running: if no git is running, remove it"
    )
