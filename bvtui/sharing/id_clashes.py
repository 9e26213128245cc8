"""Id clashes: new actions both clones added under one id, found before integrating.

Two officers adding action ``1.30`` in their own clones cannot both keep it: a sync
compares what each side added since they parted (``--diff-filter=A``) and stops,
naming the ids, when the contents differ (``bvtui rename`` is the way out).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bvtui.git import Repo


def store_paths(repo: Repo, *args: str) -> list[str]:
    """The ``.yaml`` paths a git command that lists names (diff, log) prints."""
    out = repo.run(*args).stdout
    return [name for name in out.splitlines() if name.endswith(".yaml")]


@dataclass
class Clashes:
    """New files both sides added since they parted."""

    differing: list[str]
    """Paths added on both sides with different content: the ids clash."""
    in_history: list[str]
    """Paths the remote added that a local commit also added and a later one renamed
    away: a rebase would replay the clash, so this sync merges instead."""


def find_id_clashes(repo: Repo, store_root: Path, upstream: str) -> Clashes:
    """Compare what each side added since the merge base (``--diff-filter=A``)."""
    base = repo.run("merge-base", "HEAD", upstream).stdout.strip()
    prefix = repo.relative(store_root)
    theirs = set(
        store_paths(repo, "diff", "--name-only", "--diff-filter=A", base, upstream, "--", prefix)
    )
    mine = set(
        store_paths(repo, "diff", "--name-only", "--diff-filter=A", base, "HEAD", "--", prefix)
    )
    differing = sorted(
        path
        for path in mine & theirs
        if _rev_blob(repo, "HEAD", path) != _rev_blob(repo, upstream, path)
    )
    history = set(
        store_paths(
            repo,
            "log",
            "--format=",
            "--name-only",
            "--diff-filter=A",
            f"{base}..HEAD",
            "--",
            prefix,
        )
    )
    return Clashes(differing, sorted((history & theirs) - mine))


def _rev_blob(repo: Repo, rev: str, path: str) -> str:
    return repo.run("rev-parse", f"{rev}:{path}").stdout.strip()
