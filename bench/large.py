"""The ``--large`` rows: a store of 100,000 actions with 5,000 commits of history.

A filtered listing (warm cache) and its memory, the app (launch, a filter key,
memory), and ``bvtui report --plan P`` (time and memory) beside the listing of that
one plan, run alternately: a report of one plan should cost what that plan costs.
"""

from __future__ import annotations

from pathlib import Path

from bench.app_rows import AppTargets, rows_app
from bench.stores import built_store
from bench.table import Row
from bench.timing import alternate, command, peak_rss_mb

LARGE_ACTIONS = 100_000
LARGE_COMMITS = 5_000
LIST_TARGET_S = 1.0
APP = AppTargets(first_rows_s=3.0, keystroke_s=0.033, rss_mb=None)


def rows_large(bvtui: str, root: Path, plans: int, seed: int, repeat: int) -> list[Row]:
    """The 100,000-action rows; the store is built at ``root`` unless it is there."""
    store, _model, _reused = built_store(root, LARGE_ACTIONS, plans, seed, LARGE_COMMITS)
    runs = max(repeat // 2, 2)
    s = ["--store", str(store)]
    label = f"{LARGE_ACTIONS // 1000}k"
    listing = [bvtui, "list", *s, "--rag", "red", "--format", "json"]
    # a second a run: the median of ``repeat`` runs, which one disturbed run does not
    # move (the median of two is their mean)
    listed = alternate({"ours": command(listing)}, max(repeat, 3))["ours"]
    plan = "plan-02"
    report = [bvtui, "report", *s, "--plan", plan]
    one_plan = [bvtui, "list", *s, "--plan", plan, "--format", "json"]
    times = alternate({"ours": command(report), "peer": command(one_plan)}, runs)
    return [
        Row(
            f"{label}: list --rag red --format json",
            listed,
            target=f"<= {LIST_TARGET_S} s",
            ok=listed <= LIST_TARGET_S,
        ),
        Row(f"{label}: list memory (peak RSS)", peak_rss_mb(listing), unit="MB"),
        *rows_app(store, repeat, APP, label=f"{label} app"),
        Row(
            f"{label}: report --plan {plan}",
            times["ours"],
            times["peer"],
            f"list --plan {plan} --format json",
            "what that plan costs",
        ),
        Row(
            f"{label}: report --plan memory (peak RSS)",
            peak_rss_mb(report),
            peak_rss_mb(one_plan),
            "list --plan",
            unit="MB",
        ),
    ]
