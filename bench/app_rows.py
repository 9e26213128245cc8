"""The app's rows: bench/app_probe.py (the app, headless) run as a subprocess."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench.table import Row
from bench.timing import bench_env

PROBE = Path(__file__).resolve().parent / "app_probe.py"


@dataclass(frozen=True)
class AppTargets:
    """What the app should reach on a store of a given size."""

    first_rows_s: float
    keystroke_s: float
    rss_mb: float | None


def run_probe(probe: Path, *args: str) -> dict[str, float]:
    """Run a probe of the app (``bench/*_probe.py``) in its own process; its JSON figures."""
    out = subprocess.run(
        [sys.executable, str(probe), *args],
        capture_output=True,
        text=True,
        env=bench_env(),
        check=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def rows_app(store: Path, repeat: int, targets: AppTargets, label: str = "app") -> list[Row]:
    """Launch to first rows, a filter key, memory: medians over a few launches."""

    def launch() -> dict[str, float]:
        return run_probe(PROBE, str(store), "--started", repr(time.time()))

    launch()  # warm-up
    runs = [launch() for _ in range(max(repeat // 2, 2))]

    def median(name: str) -> float:
        return statistics.median(run[name] for run in runs)

    rss = median("peak_rss_mb")
    return [
        Row(
            f"{label}: launch to first rows",
            median("first_rows"),
            target=f"<= {targets.first_rows_s} s",
            ok=median("first_rows") <= targets.first_rows_s,
        ),
        Row(
            f"{label}: filter key to repainted table",
            median("keystroke"),
            median("filter_only"),
            "filter + render, no frame wait",
            f"<= {targets.keystroke_s * 1000:.0f} ms",
            median("keystroke") <= targets.keystroke_s,
        ),
        Row(
            f"{label}: memory (peak RSS)",
            rss,
            target="-" if targets.rss_mb is None else f"<= {targets.rss_mb:.0f} MB",
            ok=None if targets.rss_mb is None else rss <= targets.rss_mb,
            unit="MB",
        ),
    ]


PALETTE_KEY_TARGET_S = 0.1
SCREENS_PROBE = Path(__file__).resolve().parent / "screens_probe.py"


def rows_screens(store: Path, repeat: int) -> list[Row]:
    """The command palette and the changes screen (every action new), headless, in a subprocess."""

    runs = [run_probe(SCREENS_PROBE, str(store)) for _ in range(max(repeat // 2, 2))]

    def median(name: str) -> float:
        return statistics.median(run[name] for run in runs)

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
