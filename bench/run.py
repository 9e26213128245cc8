"""Benchmark bvtui on a synthetic store against its floors and peers; print one table.

    python bench/run.py [--actions 10000] [--plans 20] [--commits 5000] [--repeat 5]
                        [--keep DIR] [--large]

Each row runs the real console command as a subprocess (wall time, median of
``--repeat`` runs after one warm-up run), except "load" and "save in the app", which
time ``Store.open`` and ``Store.save_action`` in this process, and the app rows,
which run ``bench/app_probe.py`` (the app, headless) as a subprocess. Peers:
taskwarrior (when ``task`` is installed) on the same tasks, and the raw git command a
bvtui command cannot beat, measured in the same run and alternately with bvtui (see
:mod:`bench.timing`). ``--large`` adds a store of 100,000 actions with 5,000 commits
(:mod:`bench.large`). See bench/README.md.
"""

from __future__ import annotations

import argparse
import itertools
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.app_rows import AppTargets, rows_app, rows_screens
from bench.history_rows import (
    clone_of_bare,
    forget_commit_graph,
    gc_store,
    row_changes,
    row_graph_write,
    row_log,
    rows_first_list,
    rows_log_fresh,
)
from bench.large import LARGE_ACTIONS, rows_large
from bench.stores import built_store, cache_file
from bench.table import Row, table
from bench.taskwarrior import make_taskwarrior, task_version
from bench.timing import PYCACHE, alternate, bench_env, command, run_quiet

LIST_TARGET_S = 0.3
CLI_SAVE_TARGET_RATIO = 2.0
"""A command's save against Python's start-up + the raw commit (issue 14): no Python
command can beat that floor, which it must run through git."""
APP_SAVE_TARGET_RATIO = 1.5
"""The app's save (no start-up) against the raw commit."""
FIRST_ROWS_TARGET_S = 1.0
KEYSTROKE_TARGET_S = 0.016
RSS_TARGET_MB = 150
APP = AppTargets(first_rows_s=FIRST_ROWS_TARGET_S, keystroke_s=KEYSTROKE_TARGET_S, rss_mb=150)
THEME = "Property"  # the theme the table-format listing filters on


def bvtui_command() -> str:
    """The ``bvtui`` console script beside this Python, else the one on PATH."""
    beside = Path(sys.executable).parent / "bvtui"
    found = str(beside) if beside.exists() else shutil.which("bvtui")
    if not found:
        raise SystemExit("bvtui is not installed (pip install -e .)")
    return found


# --- the rows ----------------------------------------------------------------------


def row_startup(bvtui: str, repeat: int) -> Row:
    times = alternate(
        {"ours": command([bvtui, "--version"]), "floor": command([sys.executable, "-c", "pass"])},
        repeat,
    )
    return Row("start-up: bvtui --version", times["ours"], times["floor"], "python -c pass")


def row_load(store: Path, repeat: int, files: list[Path]) -> Row:
    """``Store.open`` in this process, against reading every file's bytes."""
    from bvtui.store import Store

    times = alternate(
        {
            "ours": lambda _i: Store.open(store),
            "floor": lambda _i: [p.read_bytes() for p in files],
        },
        repeat,
    )
    return Row("load: Store.open (in-process)", times["ours"], times["floor"], "read all files")


def row_list(
    what: str,
    argv: list[str],
    task_argv: list[str] | None,
    repeat: int,
    rc: Path | None,
    cache: Path | None = None,
) -> Row:
    """A listing against taskwarrior's, run alternately; with ``cache``, that file is
    deleted before each run (a cold listing: every file parsed), and the row is for
    information."""

    def ours(_i: int) -> None:
        if cache is not None:
            cache.unlink(missing_ok=True)
        run_quiet(argv)

    steps = {"ours": ours}
    if task_argv is not None and rc is not None:
        steps["peer"] = command(task_argv, extra_env={"TASKRC": str(rc)})
    times = alternate(steps, repeat)
    peer = times.get("peer")
    peer_name = "task " + " ".join(task_argv[1:]) if task_argv else ""
    if cache is not None:
        return Row(what, times["ours"], peer, peer_name, note="every file parsed")
    limit = min(LIST_TARGET_S, peer) if peer is not None else LIST_TARGET_S
    target = f"<= task, <= {LIST_TARGET_S} s"
    return Row(what, times["ours"], peer, peer_name, target, times["ours"] <= limit)


def row_save(bvtui: str, store: Path, refs: list[str], repeat: int) -> list[Row]:
    """``bvtui set progress=N`` against the same one-line edit + ``git commit -- file``;
    for the honest floor of any Python tool, interpreter start-up + that commit; and
    the save as the app makes it (in this process: no start-up, no imports). The four
    run in turn, each on an action of its own (``refs``: bvtui's, the raw commits',
    the app's)."""
    from bvtui.model import edited
    from bvtui.store import Store

    ours_ref, raw_ref, app_ref = refs
    raw_edits = itertools.count()

    def set_progress(i: int) -> None:
        run_quiet([bvtui, "set", "--store", str(store), ours_ref, f"progress={(i % 2) * 10 + 5}"])

    raw_path = store / f"{raw_ref}.yaml"

    def raw_commit(_i: int) -> None:
        value = next(raw_edits) % 2 * 10 + 5  # never what the last raw commit wrote
        text = raw_path.read_text(encoding="utf-8")
        text = re.sub(r"^progress: .*$", f"progress: {value}", text, flags=re.M)
        raw_path.write_text(text, encoding="utf-8")
        run_quiet(["git", "commit", "-q", "-m", "x", "--", raw_path.name], cwd=raw_path.parent)

    def python_and_raw(i: int) -> None:
        run_quiet([sys.executable, "-c", "pass"])
        raw_commit(i)

    app_store = Store.open_for(store, app_ref)  # as the app holds it: loaded once
    held = [app_store.find(app_ref)]

    def save_in_process(i: int) -> None:
        new = edited(held[-1], {"progress": str((i % 2) * 10 + 7)})
        if app_store.save_action(new).commit is None:
            raise SystemExit(f"{app_ref}: the in-process save made no commit")
        held.append(new)  # the saved version, as the app then holds it

    times = alternate(
        {
            "ours": set_progress,
            "peer": raw_commit,
            "floor": python_and_raw,
            "app": save_in_process,
        },
        repeat,
    )
    ours, peer, floor, app = times["ours"], times["peer"], times["floor"], times["app"]
    return [
        Row("save: bvtui set ID progress=N", ours, peer, "edit + git commit -q -- file"),
        Row(
            "save (vs python start-up + raw commit)",
            ours,
            floor,
            "python -c pass + raw commit",
            f"<= {CLI_SAVE_TARGET_RATIO:g}x floor",
            ours <= CLI_SAVE_TARGET_RATIO * floor,
        ),
        Row(
            "save in the app (in-process)",
            app,
            peer,
            "edit + git commit -q -- file",
            f"<= {APP_SAVE_TARGET_RATIO:g}x peer",
            app <= APP_SAVE_TARGET_RATIO * peer,
        ),
    ]


# --- printing ----------------------------------------------------------------------


def header(store: Path, actions: int, plans: int, task: str | None, reused: bool) -> str:
    git = subprocess.run(["git", "--version"], capture_output=True, text=True).stdout.split()[-1]
    commits = subprocess.run(
        ["git", "rev-list", "--count", "HEAD"], cwd=store, capture_output=True, text=True
    ).stdout.strip()
    sizes = [p.stat().st_size for p in store.glob("*/*.yaml")]
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "?",
    )
    return "\n".join(
        [
            f"machine: {os.cpu_count()} cpus ({cpu}), Python {platform.python_version()}, "
            f"git {git}, task {task_version(task) if task else 'not installed'}",
            f"store: {actions} actions in {plans} plans, {len(sizes)} files, "
            f"{sum(sizes) / 1e6:.1f} MB of YAML, {commits} commits"
            + (" (reused from --keep)" if reused else ""),
            "load average at the start: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()),
            f"python bytecode cached in {PYCACHE}; bvtui's parse cache warm "
            "(filled by each row's warm-up run) except in the 'no cache' row",
            install_note(),
        ]
    )


def install_note() -> str:
    """How bvtui is installed here, and what an editable install adds to every command.

    An editable install (``pip install -e .``) puts an import finder in ``site`` that
    every bvtui process loads at start-up; a plain ``pip install .`` has none. It is
    measured (``-X importtime``, best of 5), not subtracted from any row.
    """
    costs = []
    for _ in range(5):
        trace = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", "pass"],
            capture_output=True,
            text=True,
            env=bench_env(),
        ).stderr
        costs.append(
            sum(int(line.split("|")[1]) for line in trace.splitlines() if "__editable__" in line)
        )
    if not min(costs):
        return "bvtui installed normally (no editable-install finder at start-up)"
    cost = min(costs) / 1000
    return (
        f"bvtui installed editable (pip install -e): its import finder adds ~{cost:.0f} ms "
        "to every bvtui row (a plain pip install . would not); rows include it"
    )


# --- main ----------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--actions", type=int, default=10_000)
    parser.add_argument("--plans", type=int, default=20)
    parser.add_argument("--commits", type=int, default=5000, help="history depth (>= plans)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per row (median)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--keep",
        type=Path,
        metavar="DIR",
        help="build the stores in DIR (store/, large/) and keep them; reuse them if there",
    )
    parser.add_argument(
        "--large",
        action="store_true",
        help=f"also measure a store of {LARGE_ACTIONS:,} actions (building it takes minutes)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    bvtui = bvtui_command()
    task = shutil.which("task")
    with tempfile.TemporaryDirectory(prefix="bvtui-bench-") as tmp:
        kept = args.keep.resolve() if args.keep else Path(tmp)
        store, model, reused = built_store(
            kept / "store", args.actions, args.plans, args.seed, args.commits
        )
        actions = model[1]  # as the files now say, after the history's edits
        about = header(store, args.actions, args.plans, task, reused)
        rc = make_taskwarrior(Path(tmp) / "task", actions) if task else None
        files = sorted(store.glob("*/*.yaml"))
        middle = len(actions) // 2
        refs = [a.path.removesuffix(".yaml") for a in actions[middle : middle + 3]]
        tw = [task] if task else None
        s = ["--store", str(store)]
        red_json = [bvtui, "list", *s, "--rag", "red", "--format", "json"]
        task_red = [*tw, "status:pending", "+red", "export"] if tw else None
        rows = [
            row_startup(bvtui, args.repeat),
            row_load(store, args.repeat, files),
            row_list("list --rag red --format json", red_json, task_red, args.repeat, rc),
            row_list(
                f"list --theme {THEME} (table)",
                [bvtui, "list", *s, "--theme", THEME],
                [*tw, "status:pending", f"project:{THEME}", "list"] if tw else None,
                args.repeat,
                rc,
            ),
            row_list(
                "list --rag red --format json, no cache",
                red_json,
                task_red,
                args.repeat,
                rc,
                cache=cache_file(store),
            ),
        ]
        forget_commit_graph(store)  # a reused store: as the generator built it
        rows += rows_log_fresh(bvtui, store, refs[0], args.repeat, "store as built")
        rows += row_save(bvtui, store, refs, args.repeat)
        rows.append(row_log(bvtui, store, refs[0], args.repeat, "after the saves"))
        rows.append(row_changes(bvtui, store, args.repeat))
        rows += rows_as_users_get_it(bvtui, store, Path(tmp), refs[0], args.repeat)
        rows += rows_app(store, args.repeat, APP)
        rows += rows_screens(store, args.repeat)
        from bench.import_rows import rows_import  # it imports this module

        rows += rows_import(bvtui, Path(tmp) / "import", 1000, args.repeat)
        if args.large:
            rows += rows_large(bvtui, kept / "large", args.plans * 5, args.seed, args.repeat)
        print(about)
        print(f"times: median of {args.repeat} runs after 1 warm-up; wall clock, subprocesses")
        print("peers and floors run alternately with bvtui (bvtui, peer, bvtui, peer ...)\n")
        print(table(rows))
    return 0


def rows_as_users_get_it(bvtui: str, store: Path, folder: Path, ref: str, repeat: int) -> list[Row]:
    """A ``git clone`` of a bare copy of the store: the first listings, then ``log``;
    another clone after ``git gc``: ``log``; and the cost of the filters' write."""
    clone, took = clone_of_bare(store, folder)
    rows = rows_first_list(bvtui, clone, took)
    rows += rows_log_fresh(bvtui, clone, ref, repeat, "git clone of a bare copy")
    gc, _took = clone_of_bare(store, folder)
    gc_store(gc)
    rows += rows_log_fresh(bvtui, gc, ref, repeat, "git gc wrote a commit-graph")
    rows.append(row_graph_write(gc))
    return rows


if __name__ == "__main__":
    sys.exit(main())
