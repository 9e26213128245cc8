"""What git itself says about a repository's commit-graph, for tests and the bench."""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path


def bloom_statistics(work_tree: Path, path: str) -> dict[str, int] | None:
    """How ``git log -- path`` used changed-path Bloom filters, as git's trace reports it.

    ``filter_not_present`` counts the commits it had to diff without a filter (not in
    the commit-graph, or in a layer written without filters). None when git used no
    filter at all (no commit-graph, or none with filters).
    """
    env = {**os.environ, "GIT_TRACE2_PERF": "1"}
    trace = subprocess.run(
        ["git", "log", "--format=%H", "--", path],
        cwd=work_tree,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    for line in trace.splitlines():
        if "| bloom " in line and "statistics:" in line:
            return json.loads(line.split("statistics:", 1)[1])
    return None


def filters_cover_history(work_tree: Path, path: str) -> bool:
    """Whether every commit ``git log -- path`` walked had a changed-path filter."""
    stats = bloom_statistics(work_tree, path)
    return stats is not None and stats["filter_not_present"] == 0


def wait_for_filters(work_tree: Path, path: str, limit_s: float = 120.0) -> float | None:
    """Seconds until the filters cover the history (a background write finishing),
    or None if they still do not after ``limit_s``."""
    start = time.perf_counter()
    while time.perf_counter() - start < limit_s:
        if filters_cover_history(work_tree, path):
            return time.perf_counter() - start
        time.sleep(0.05)
    return None


def wait_for_graph(git_dir: Path, limit_s: float = 30.0) -> bool:
    """Whether git's commit-graph holds changed-path filters in every layer within
    ``limit_s`` (a background write finishing)."""
    from bvtui.git import GraphFilters, graph_filters

    start = time.perf_counter()
    while time.perf_counter() - start < limit_s:
        if graph_filters(git_dir) is GraphFilters.ALL:
            return True
        time.sleep(0.05)
    return False
