"""Benchmark bvtui on a synthetic store against its floors and peers; print one table.

    python bench/run.py [--actions 10000] [--plans 20] [--commits 5000] [--repeat 5]
                        [--keep DIR] [--large]

Each row runs the real console command as a subprocess (wall time, median of
``--repeat`` runs after one warm-up run), except "load" and "save in the app", which
time ``Store.open`` and ``Store.save_action`` in this process, and the app rows,
which run ``bench/app_probe.py`` (the app, headless) as a subprocess. Peers:
taskwarrior (when ``task`` is installed) on the same tasks, and the raw git command a
bvtui command cannot beat, measured in the same run. ``--large`` adds a store of
100,000 actions for the last row. See bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from tabulate import tabulate

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.synthetic import SynthAction, make_store, synthetic_plans

LIST_TARGET_S = 0.3
SAVE_TARGET_RATIO = 1.5
LOG_TARGET_S = 0.1
FIRST_ROWS_TARGET_S = 1.0
KEYSTROKE_TARGET_S = 0.016
RSS_TARGET_MB = 150
PALETTE_KEY_TARGET_S = 0.1
LARGE_ACTIONS = 100_000
LARGE_LIST_TARGET_S = 1.0
RACY_S = 2.1  # files younger than this are never cached (bvtui.core.parse_cache)
THEME = "Property"  # the theme the table-format listing filters on


@dataclass
class Row:
    """One line of the result table; times in seconds, None where not measured."""

    what: str
    ours: float | None
    peer: float | None = None
    peer_name: str = ""
    target: str = "-"
    ok: bool | None = None
    note: str = ""
    unit: str = "s"
    """"s" (times, shown in ms or s) or "MB"."""


# --- timing ------------------------------------------------------------------------


PYCACHE = Path(tempfile.gettempdir()) / "bvtui-bench-pycache"


def _env() -> dict[str, str]:
    """The environment for every command: no store or author from the caller's shell.

    Python may write bytecode caches (into :data:`PYCACHE`, not the source tree) even
    where the shell sets PYTHONDONTWRITEBYTECODE: an installed bvtui has them, and
    without them every run would recompile bvtui's modules (~15 ms).
    """
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("BVTUI_") and k != "PYTHONDONTWRITEBYTECODE"
    }
    env["LC_ALL"] = "C.UTF-8"
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    return env


def run_quiet(argv: list[str], extra_env: dict[str, str] | None = None, **kwargs: object) -> None:
    """Run ``argv`` with output discarded; raise when it fails."""
    env = {**_env(), **(extra_env or {})}
    result = subprocess.run(
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, **kwargs
    )
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)}: exit {result.returncode}: {result.stderr[-500:]!r}")


def median_time(step: Callable[[int], object], repeat: int) -> float:
    """The median wall time of ``step(i)`` over ``repeat`` runs, after one warm-up run."""
    step(-1)
    times = []
    for i in range(repeat):
        start = time.perf_counter()
        step(i)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def time_command(argv: list[str], repeat: int, **kwargs: object) -> float:
    return median_time(lambda _i: run_quiet(argv, **kwargs), repeat)


def bvtui_command() -> str:
    """The ``bvtui`` console script beside this Python, else the one on PATH."""
    beside = Path(sys.executable).parent / "bvtui"
    found = str(beside) if beside.exists() else shutil.which("bvtui")
    if not found:
        raise SystemExit("bvtui is not installed (pip install -e .)")
    return found


def bvtui_has(command: str) -> bool:
    """Whether this bvtui has ``command`` (an unknown word would open the app instead)."""
    from bvtui.cli.main import build_parser

    return command in build_parser().get_default("command_names")


# --- taskwarrior -------------------------------------------------------------------


def _epoch(day: str) -> int | None:
    """``dd/mm/yyyy`` as a Unix time, else None (taskwarrior gets a due date only then)."""
    match = re.fullmatch(r"(\d\d)/(\d\d)/(\d{4})", day)
    if not match:
        return None
    d, m, y = (int(g) for g in match.groups())
    return int(datetime(y, m, d, tzinfo=UTC).timestamp())


def task_line(action: SynthAction, index: int) -> str:
    """An action as a line of taskwarrior 2.6's ``pending.data``: project = theme, tag = RAG."""
    entry = 1_491_004_800 + index
    attrs = {"description": action.title, "entry": str(entry), "modified": str(entry)}
    for n, (_period, text) in enumerate(action.updates):
        attrs[f"annotation_{entry + 60 * (n + 1)}"] = text
    due = _epoch(action.deadline)
    if due:
        attrs["due"] = str(due)
    attrs["project"] = action.theme.replace(" ", "_")
    attrs["status"] = "pending"
    attrs["tags"] = action.rag
    attrs[f"tags_{action.rag}"] = "x"
    attrs["uuid"] = f"00000000-0000-4000-8000-{index:012d}"
    body = " ".join(f'{k}:"{v.replace(chr(34), chr(92) + chr(34))}"' for k, v in attrs.items())
    return f"[{body}]\n"


def make_taskwarrior(folder: Path, actions: list[SynthAction]) -> Path:
    """A taskwarrior data folder with one pending task per action, and its taskrc."""
    data = folder / "data"
    data.mkdir(parents=True)
    with open(data / "pending.data", "w", encoding="utf-8") as out:
        out.writelines(task_line(action, i) for i, action in enumerate(actions))
    for name in ("completed.data", "undo.data", "backlog.data"):
        (data / name).touch()
    rc = folder / "taskrc"
    rc.write_text(
        f"data.location={data}\nconfirmation=off\nhooks=off\ngc=off\n"
        "detection=off\nverbose=nothing\nnews.version=2.6.2\n"
    )
    return rc


def task_version(task: str) -> str:
    return subprocess.run([task, "--version"], capture_output=True, text=True).stdout.strip()


# --- the rows ----------------------------------------------------------------------


def row_startup(bvtui: str, repeat: int) -> Row:
    ours = time_command([bvtui, "--version"], repeat)
    floor = time_command([sys.executable, "-c", "pass"], repeat)
    return Row("start-up: bvtui --version", ours, floor, "python -c pass")


def row_load(store: Path, repeat: int, files: list[Path]) -> Row:
    """``Store.open`` in this process, against reading every file's bytes."""
    from bvtui.core.store import Store

    ours = median_time(lambda _i: Store.open(store), repeat)
    floor = median_time(lambda _i: [p.read_bytes() for p in files], repeat)
    return Row("load: Store.open (in-process)", ours, floor, "read all files")


def row_list(
    what: str,
    argv: list[str],
    task_argv: list[str] | None,
    repeat: int,
    rc: Path | None,
    cache: Path | None = None,
) -> Row:
    """A listing against taskwarrior's; with ``cache``, that file is deleted before each
    run (a cold listing: every file parsed), and the row is for information."""

    def run(_i: int) -> None:
        if cache is not None:
            cache.unlink(missing_ok=True)
        run_quiet(argv)

    ours = median_time(run, repeat)
    peer = None
    if task_argv is not None and rc is not None:
        env_rc = {"TASKRC": str(rc)}
        peer = median_time(
            lambda _i: run_quiet(task_argv, env_rc),
            repeat,
        )
    peer_name = "task " + " ".join(task_argv[1:]) if task_argv else ""
    if cache is not None:
        return Row(what, ours, peer, peer_name, note="every file parsed")
    limit = min(LIST_TARGET_S, peer) if peer is not None else LIST_TARGET_S
    target = f"<= task, <= {LIST_TARGET_S} s"
    return Row(what, ours, peer, peer_name, target, ours <= limit)


def row_save(bvtui: str, store: Path, ours_ref: str, raw_ref: str, repeat: int) -> list[Row]:
    """``bvtui set progress=N`` against the same one-line edit + ``git commit -- file``;
    for the honest floor of any Python tool, interpreter start-up + that commit; and
    the save as the app makes it (in this process: no start-up, no imports)."""
    from bvtui.core.edit import edited
    from bvtui.core.store import Store

    def set_progress(i: int) -> None:
        run_quiet([bvtui, "set", "--store", str(store), ours_ref, f"progress={(i % 2) * 10 + 5}"])

    raw_path = store / f"{raw_ref}.yaml"

    def raw_commit(i: int) -> None:
        text = raw_path.read_text(encoding="utf-8")
        text = re.sub(r"^progress: .*$", f"progress: {(i % 2) * 10 + 5}", text, flags=re.M)
        raw_path.write_text(text, encoding="utf-8")
        run_quiet(["git", "commit", "-q", "-m", "x", "--", raw_path.name], cwd=raw_path.parent)

    def python_and_raw(i: int) -> None:
        run_quiet([sys.executable, "-c", "pass"])
        raw_commit(i)

    ours = median_time(set_progress, repeat)
    peer = median_time(raw_commit, repeat)
    floor = median_time(python_and_raw, repeat)
    app_store = Store.open_for(store, ours_ref)  # as the app holds it: loaded once
    held = [app_store.find(ours_ref)]

    def save_in_process(i: int) -> None:
        new = edited(held[-1], {"progress": str((i % 2) * 10 + 7)})
        if app_store.save_action(new).commit is None:
            raise SystemExit(f"{ours_ref}: the in-process save made no commit")
        held.append(new)  # the saved version, as the app then holds it

    in_process = median_time(save_in_process, repeat)
    return [
        Row(
            "save: bvtui set ID progress=N",
            ours,
            peer,
            "edit + git commit -q -- file",
            f"<= {SAVE_TARGET_RATIO}x peer",
            ours <= SAVE_TARGET_RATIO * peer,
        ),
        Row("save (vs python start-up + raw commit)", ours, floor, "python -c pass + raw commit"),
        Row("save in the app (in-process)", in_process, peer, "edit + git commit -q -- file"),
    ]


def row_log(bvtui: str, store: Path, ref: str, repeat: int) -> Row:
    """``bvtui log ID`` (once the command exists) against ``git log -- file``."""
    path = f"{ref}.yaml"
    peer = time_command(["git", "log", "--", path], repeat, cwd=store)
    target = f"<= {LOG_TARGET_S} s"
    if not bvtui_has("log"):
        return Row(
            "history: bvtui log ID", None, peer, "git log -- file", target, note="no command yet"
        )
    ours = time_command([bvtui, "log", "--store", str(store), ref], repeat)
    return Row("history: bvtui log ID", ours, peer, "git log -- file", target, ours <= LOG_TARGET_S)


def run_probe(script: str, *args: str) -> dict[str, float]:
    """Run a probe of the app (``bench/<script>``) in its own process; its JSON figures."""
    probe = Path(__file__).resolve().parent / script
    out = subprocess.run(
        [sys.executable, str(probe), *args], capture_output=True, text=True, env=_env(), check=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def medians(runs: list[dict[str, float]]) -> Callable[[str], float]:
    """The median of each figure over ``runs``, by name."""
    return lambda name: statistics.median(run[name] for run in runs)


def rows_app(store: Path, repeat: int) -> list[Row]:
    """The app, headless, in a subprocess: launch to first rows, a filter key, memory."""

    def launch() -> dict[str, float]:
        return run_probe("app_probe.py", str(store), "--started", repr(time.time()))

    launch()  # warm-up
    median = medians([launch() for _ in range(max(repeat // 2, 2))])
    return [
        Row(
            "app: launch to first rows",
            median("first_rows"),
            target=f"<= {FIRST_ROWS_TARGET_S} s",
            ok=median("first_rows") <= FIRST_ROWS_TARGET_S,
        ),
        Row(
            "app: filter key to repainted table",
            median("keystroke"),
            median("filter_only"),
            "filter + render, no frame wait",
            f"<= {KEYSTROKE_TARGET_S * 1000:.0f} ms",
            median("keystroke") <= KEYSTROKE_TARGET_S,
        ),
        Row(
            "app: memory (peak RSS)",
            median("peak_rss_mb"),
            target=f"<= {RSS_TARGET_MB} MB",
            ok=median("peak_rss_mb") <= RSS_TARGET_MB,
            unit="MB",
        ),
    ]


def rows_screens(store: Path, repeat: int) -> list[Row]:
    """The command palette and the changes screen (every action new), headless, in a subprocess."""
    runs = max(repeat // 2, 2)
    median = medians([run_probe("screens_probe.py", str(store)) for _ in range(runs)])
    return [
        Row(
            "app: palette, a key to its hits",
            median("palette_key"),
            target=f"<= {PALETTE_KEY_TARGET_S * 1000:.0f} ms",
            ok=median("palette_key_max") <= PALETTE_KEY_TARGET_S,
            note=f"slowest key {median('palette_key_max') * 1000:.0f} ms",
        ),
        Row(
            "app: changes since the start, first rows",
            median("changes_first_rows"),
            note=f"all read {median('changes_all'):.1f} s",
        ),
        Row(
            "app: changes screen, Escape",
            median("changes_escape"),
            note=f"while reading {median('changes_escape_busy') * 1000:.0f} ms",
        ),
    ]


def rows_large(bvtui: str, folder: Path, plans: int, seed: int, repeat: int) -> list[Row]:
    """A store of 100,000 actions: a filtered list, warm (cached) and its peak memory."""
    store = make_store(folder / "large", LARGE_ACTIONS, plans * 5, seed, plans * 5)
    time.sleep(RACY_S)
    argv = [bvtui, "list", "--store", str(store), "--rag", "red", "--format", "json"]
    ours = time_command(argv, max(repeat // 2, 2))
    started = time.perf_counter()
    run_quiet(argv)
    once = time.perf_counter() - started
    peak = _peak_rss_mb(argv)
    return [
        Row(
            f"{LARGE_ACTIONS:,} actions: list --rag red --format json",
            ours,
            target=f"<= {LARGE_LIST_TARGET_S} s",
            ok=ours <= LARGE_LIST_TARGET_S,
            note=f"{once:.2f} s",
        ),
        Row(f"{LARGE_ACTIONS:,} actions: list memory (peak RSS)", peak, unit="MB"),
    ]


def _peak_rss_mb(argv: list[str]) -> float:
    """The peak resident memory (MB) of one run of ``argv``, from the kernel's ``wait4``."""
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_env())
    _pid, _status, usage = os.wait4(proc.pid, 0)
    proc.returncode = 0
    return usage.ru_maxrss / 1024


def _cache_file(store: Path) -> Path:
    """Where bvtui keeps the parse cache of ``store``."""
    from bvtui.core.parse_cache import cache_path
    from bvtui.core.repo import Repo

    repo = Repo.find(store)
    assert repo is not None
    return cache_path(repo.git_dir, store, "tree")


def row_changes(bvtui: str, store: Path, repeat: int) -> Row:
    """``bvtui changes --since HEAD~N`` (N up to 100) against ``git diff --name-status``."""
    count = subprocess.run(["git", "rev-list", "--count", "HEAD"], cwd=store, capture_output=True)
    depth = int(count.stdout)
    since = f"HEAD~{min(100, depth - 1)}"
    peer = time_command(["git", "diff", "--name-status", since, "HEAD"], repeat, cwd=store)
    what = f"changes --since {since}"
    if not bvtui_has("changes"):
        return Row(what, None, peer, "git diff --name-status", note="no command")
    ours = time_command([bvtui, "changes", "--store", str(store), "--since", since], repeat)
    return Row(what, ours, peer, "git diff --name-status")


# --- printing ----------------------------------------------------------------------


def fmt_time(seconds: float | None, note: str = "", unit: str = "s") -> str:
    if seconds is None:
        return note or "-"
    if unit != "s":
        return f"{seconds:.0f} {unit}"
    if seconds < 0.1:
        return f"{seconds * 1000:.1f} ms"
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def table(rows: list[Row]) -> str:
    lines = []
    for row in rows:
        ratio = f"{row.ours / row.peer:.1f}x" if row.ours and row.peer else "-"
        peer = fmt_time(row.peer, "not installed" if row.peer_name else "-", row.unit)
        if row.peer_name:
            peer = f"{peer} ({row.peer_name})"
        verdict = "" if row.ok is None else (" ok" if row.ok else " MISS")
        ours = fmt_time(row.ours, row.note, row.unit)
        if row.ours is not None and row.note:
            ours = f"{ours} ({row.note})"
        lines.append([row.what, ours, peer, ratio, row.target + verdict])
    return tabulate(lines, headers=["what", "bvtui", "floor/peer", "ratio", "target"])


def header(store: Path, actions: int, plans: int, task: str | None) -> str:
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
            f"{sum(sizes) / 1e6:.1f} MB of YAML, {commits} commits",
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
            env=_env(),
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
    parser.add_argument("--keep", type=Path, metavar="DIR", help="build the store here, keep it")
    parser.add_argument(
        "--large",
        action="store_true",
        help=f"also list a store of {LARGE_ACTIONS:,} actions (builds it: ~1-2 min more)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    bvtui = bvtui_command()
    task = shutil.which("task")
    with tempfile.TemporaryDirectory(prefix="bvtui-bench-") as tmp:
        store = args.keep.resolve() if args.keep else Path(tmp) / "store"
        if store.exists() and any(store.iterdir()):
            raise SystemExit(f"{store}: exists and is not empty")
        model = synthetic_plans(args.actions, args.plans, args.seed)
        make_store(store, args.actions, args.plans, args.seed, args.commits, model=model)
        actions = model[1]  # as the files now say, after the history's edits
        about = header(store, args.actions, args.plans, task)
        rc = make_taskwarrior(Path(tmp) / "task", actions) if task else None
        files = sorted(store.glob("*/*.yaml"))
        ours_ref = actions[len(actions) // 2].path.removesuffix(".yaml")
        raw_ref = actions[len(actions) // 2 + 1].path.removesuffix(".yaml")
        tw = [task] if task else None
        s = ["--store", str(store)]
        cache = _cache_file(store)
        time.sleep(RACY_S)  # files written just now are never cached: let them settle
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
                cache=cache,
            ),
            *row_save(bvtui, store, ours_ref, raw_ref, args.repeat),
            row_log(bvtui, store, ours_ref, args.repeat),
            row_changes(bvtui, store, args.repeat),
            *rows_app(store, args.repeat),
            *rows_screens(store, args.repeat),
        ]
        from bench.import_rows import rows_import

        rows += rows_import(bvtui, Path(tmp) / "import", 1000, args.repeat)
        if args.large:
            rows += rows_large(bvtui, Path(tmp), args.plans, args.seed, args.repeat)
        print(about)
        print(f"times: median of {args.repeat} runs after 1 warm-up; wall clock, subprocesses\n")
        print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
