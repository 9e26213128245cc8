"""The rows about history and stores as users get them: ``bvtui log ID`` before and
after a save, on a ``git clone`` of a bare copy and on a store where ``git gc`` wrote a
commit-graph; the first listings after a clone; ``bvtui changes``.

A store as built by the bench has no commit-graph; a clone has none either; ``git gc``
writes one without changed-path filters. Each "first" figure is one run on that state;
each later one is a median, taken once git's graph covers the history with filters
(waited for, and how long that took after the first command is said).
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

from bench.table import Row
from bench.timing import alternate, command, run_quiet, timed
from tests.gitgraph import bloom_statistics, wait_for_filters

LOG_TARGET_S = 0.1
FIRST_LIST_TARGET_S = 2.0


def bvtui_has(name: str) -> bool:
    """Whether this bvtui has the command ``name`` (an unknown word would open the app)."""
    from bvtui.cli.main import build_parser

    return name in build_parser().get_default("command_names")


def forget_commit_graph(store: Path) -> None:
    """Remove git's commit-graph of ``store``: the state the bench's generator leaves."""
    info = Path(
        subprocess.run(
            ["git", "rev-parse", "--git-path", "objects/info"],
            cwd=store,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    info = info if info.is_absolute() else store / info
    (info / "commit-graph").unlink(missing_ok=True)
    for layer in (info / "commit-graphs").glob("*"):
        layer.unlink()


def row_log(bvtui: str, store: Path, ref: str, repeat: int, state: str) -> Row:
    """``bvtui log ID`` against ``git log -- file``, run alternately."""
    what = f"history: bvtui log ID ({state})"
    peer = command(["git", "log", "--", f"{ref}.yaml"], cwd=store)
    target = f"<= {LOG_TARGET_S} s"
    if not bvtui_has("log"):
        times = alternate({"peer": peer}, repeat)
        return Row(what, None, times["peer"], "git log -- file", target, note="no command yet")
    ours = command([bvtui, "log", "--store", str(store), ref])
    times = alternate({"ours": ours, "peer": peer}, repeat)
    ok = times["ours"] <= LOG_TARGET_S
    return Row(what, times["ours"], times["peer"], "git log -- file", target, ok)


def rows_log_fresh(bvtui: str, store: Path, ref: str, repeat: int, state: str) -> list[Row]:
    """The first ``bvtui log ID`` on ``store`` as it is (one run, after one run of the
    peer), then how long until git's graph covers the history with changed-path filters
    (written in the background by whatever bvtui starts), then the steady state."""
    path = f"{ref}.yaml"
    peer = timed(command(["git", "log", "--", path], cwd=store), 0)
    before = bloom_statistics(store, path)
    missing = "no filter used"
    if before is not None:
        missing = f"{before['filter_not_present']} commits unfiltered"
    ours = timed(command([bvtui, "log", "--store", str(store), ref]), 0)
    waited = wait_for_filters(store, path, limit_s=60.0)
    first = Row(
        f"history: first bvtui log ID ({state})",
        ours,
        peer,
        "git log -- file",
        f"<= {LOG_TARGET_S} s",
        ours <= LOG_TARGET_S,
        note=f"one run; before it: {missing}",
    )
    covered = Row(
        f"  filters over all history after it ({state})",
        waited,
        target="written in the background",
        note="never (60 s)" if waited is None else "",
    )
    return [first, covered, row_log(bvtui, store, ref, repeat, f"{state}, then")]


def row_graph_write(store: Path) -> Row:
    """What the whole-history write of changed-path filters costs (one run), from a
    graph without filters (as ``git gc`` leaves it: none to reuse)."""
    argv = ["git", "commit-graph", "write", "--reachable", "--split=replace", "--no-progress"]
    run_quiet([*argv, "--no-changed-paths"], cwd=store)
    took = timed(command([*argv, "--changed-paths"], cwd=store), 0)
    return Row("  commit-graph write --changed-paths, all history", took, note="one run")


def clone_of_bare(store: Path, folder: Path) -> tuple[Path, float]:
    """``git clone`` of a bare copy of ``store`` into ``folder/clone``; and its time."""
    bare = folder / "bare.git"
    if not bare.exists():
        run_quiet(["git", "clone", "-q", "--no-local", "--bare", str(store), str(bare)])
    clone = folder / f"clone-{len(list(folder.glob('clone-*')))}"
    took = timed(command(["git", "clone", "-q", "--no-local", str(bare), str(clone)]), 0)
    return clone, took


def rows_first_list(bvtui: str, clone: Path, took: float) -> list[Row]:
    """The first ``bvtui list`` just after a clone (no parse cache yet) and the second
    one straight after it (the files are then younger than the racy-file rule's 2 s)."""
    argv = [bvtui, "list", "--store", str(clone), "--rag", "red", "--format", "json"]
    first = timed(command(argv), 0)
    second = timed(command(argv), 0)
    time.sleep(2.1)
    third = timed(command(argv), 0)
    target = f"<= {FIRST_LIST_TARGET_S} s"
    return [
        Row(
            "first list after git clone",
            first,
            took,
            "git clone",
            target,
            first <= FIRST_LIST_TARGET_S,
            note="one run, no cache",
        ),
        Row("  second list, just after", second, note="one run"),
        Row("  third list, 2 s later", third, note="one run"),
    ]


def gc_store(clone: Path) -> Path:
    """``git gc`` in ``clone``: git writes a commit-graph, without changed-path filters."""
    run_quiet(["git", "gc", "-q"], cwd=clone)
    return clone


def row_changes(bvtui: str, store: Path, repeat: int) -> Row:
    """``bvtui changes --since HEAD~N`` (N up to 100) against ``git diff --name-status``."""
    count = subprocess.run(["git", "rev-list", "--count", "HEAD"], cwd=store, capture_output=True)
    since = f"HEAD~{min(100, int(count.stdout) - 1)}"
    what = f"changes --since {since}"
    steps = {}
    if bvtui_has("changes"):
        steps["ours"] = command([bvtui, "changes", "--store", str(store), "--since", since])
    steps["peer"] = command(["git", "diff", "--name-status", since, "HEAD"], cwd=store)
    times = alternate(steps, repeat)
    return Row(what, times.get("ours"), times["peer"], "git diff --name-status")
