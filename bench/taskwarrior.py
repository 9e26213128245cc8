"""The taskwarrior peer: the bench's actions as taskwarrior 2.6 tasks.

Each action becomes a pending task (project = theme, tag = RAG, its updates as
annotations, its due date where the deadline is a plain date), in a data folder of
its own with a taskrc that turns off everything interactive.
"""

from __future__ import annotations

import re
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from tests.synthetic import SynthAction


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
