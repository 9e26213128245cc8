"""How the bench times things: the environment of every command, medians, and peers
measured alternately with bvtui.

Every comparison runs its steps in turn (bvtui, peer, bvtui, peer ...), never one
batch after the other, so that a machine busy with something else for a while slows
both sides alike rather than one of them.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

PYCACHE = Path(tempfile.gettempdir()) / "bvtui-bench-pycache"

Step = Callable[[int], object]
"""One timed run; it is given the run's number (-1 for the warm-up)."""


def bench_env() -> dict[str, str]:
    """The environment for every command: no store or author from the caller's shell.

    Python may write bytecode caches (into :data:`PYCACHE`, not the source tree) even
    where the shell sets PYTHONDONTWRITEBYTECODE: an installed bvtui has them, and
    without them every run would recompile bvtui's modules.
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
    env = {**bench_env(), **(extra_env or {})}
    result = subprocess.run(
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, **kwargs
    )
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)}: exit {result.returncode}: {result.stderr[-500:]!r}")


def command(argv: list[str], **kwargs: object) -> Step:
    """A step running ``argv`` (see :func:`run_quiet`)."""
    return lambda _i: run_quiet(argv, **kwargs)


def timed(step: Step, i: int) -> float:
    start = time.perf_counter()
    step(i)
    return time.perf_counter() - start


def alternate(steps: dict[str, Step], repeat: int) -> dict[str, float]:
    """The median wall time of each step, the steps run in turn ``repeat`` times.

    Each step is warmed up once first (in the same order); then run ``i`` runs every
    step once before run ``i + 1`` starts, so bvtui and its peers share the machine's
    moments alike.
    """
    for step in steps.values():
        step(-1)
    times: dict[str, list[float]] = {name: [] for name in steps}
    for i in range(repeat):
        for name, step in steps.items():
            times[name].append(timed(step, i))
    return {name: statistics.median(values) for name, values in times.items()}


def median_time(step: Step, repeat: int) -> float:
    """The median wall time of ``step`` alone (no peer), after one warm-up run."""
    return alternate({"only": step}, repeat)["only"]


_PEAK_RSS = """
import os, sys
quiet = [(os.POSIX_SPAWN_OPEN, fd, os.devnull, os.O_WRONLY, 0) for fd in (1, 2)]
pid = os.posix_spawnp(sys.argv[1], sys.argv[1:], os.environ, file_actions=quiet)
print(os.wait4(pid, 0)[2].ru_maxrss)
"""


def peak_rss_mb(argv: list[str]) -> float:
    """The peak resident memory (MB) of one run of ``argv``, from the kernel's ``wait4``.

    Started from a small Python process rather than from the bench's own: Linux keeps
    a process's peak across ``exec``, so a child started straight from the bench
    (which holds stores and models of 100,000 actions) would report the bench's peak.
    """
    out = subprocess.run(
        [sys.executable, "-c", _PEAK_RSS, *argv],
        capture_output=True,
        text=True,
        env=bench_env(),
        check=True,
    ).stdout
    return int(out) / 1024
