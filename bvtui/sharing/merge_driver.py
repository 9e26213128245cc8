"""The git merge driver for store files, and its installation in a clone.

git calls ``<python> -m bvtui merge-driver %O %A %B %P`` for every ``*.yaml`` file
of the store that both sides changed (``.gitattributes`` says ``merge=bvtui``). The
result goes into ``%A``; the exit code is 0 for a clean merge and 1 for a conflict
(git then marks the path unmerged). A file that cannot be parsed falls back to git's
own text merge, so the user still gets conflict markers, never a silent "ours". So
does a file larger than :data:`~bvtui.store.sources.MAX_FILE_BYTES` (no store file is;
parsing and rewriting one would take minutes), with a line on stderr saying so.

During ``git rebase`` git's "ours" (``%A``) is the upstream being rebased onto and
"theirs" (``%B``) the user's own commit; the driver swaps them back so that a
conflict always records "mine" as the user's value.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from bvtui.git import Repo
from bvtui.sharing.merge import merge_texts
from bvtui.store import MAX_FILE_BYTES, YamlFileError

DRIVER_NAME = "bvtui"
"""The name of the driver in ``.gitattributes`` (``merge=bvtui``) and git config."""

ATTRIBUTES_LINE = f"*.yaml merge={DRIVER_NAME}"
"""The line of the store's ``.gitattributes`` that routes action files to the driver."""


def _rebasing() -> bool:
    """True when git runs the driver for a rebase (the sides are swapped)."""
    result = subprocess.run(
        ["git", "rev-parse", "--absolute-git-dir"], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        return False
    git_dir = Path(result.stdout.strip())
    return (git_dir / "rebase-merge").exists() or (git_dir / "rebase-apply").exists()


def _text_merge(base: Path, current: Path, other: Path, labels: tuple[str, str]) -> int:
    """git's line merge into ``current``, with conflict markers; the driver's exit code."""
    files = [str(current), str(base), str(other)]
    result = subprocess.run(
        ["git", "merge-file", "-L", labels[0], "-L", "base", "-L", labels[1], *files],
        capture_output=True,
        check=False,
    )
    if result.returncode < 0 or result.returncode >= 128:
        return 129
    return 0 if result.returncode == 0 else 1


def run_merge_driver(base: Path, current: Path, other: Path, name: str) -> int:
    """Merge ``other`` into ``current`` against ``base``, as git asks; the exit code.

    Args:
        base: ``%O``, the common ancestor's version (empty when both sides added it).
        current: ``%A``, git's "ours"; the merged result is written here.
        other: ``%B``, git's "theirs".
        name: ``%P``, the file's path in the repository.
    """
    swapped = _rebasing()
    labels = ("theirs (upstream)", "mine") if swapped else ("mine", "theirs")
    if max(path.stat().st_size for path in (base, current, other)) > MAX_FILE_BYTES:
        print(
            f"bvtui merge driver: {name}: larger than {MAX_FILE_BYTES:,} bytes, "
            "so merged line by line by git",
            file=sys.stderr,
        )
        return _text_merge(base, current, other, labels)
    try:
        texts = [path.read_text("utf-8") for path in (base, current, other)]
        base_text, current_text, other_text = texts
        mine, theirs = (other_text, current_text) if swapped else (current_text, other_text)
        merged, clean = merge_texts(base_text, mine, theirs, name)
    except (YamlFileError, UnicodeDecodeError, ValueError):
        return _text_merge(base, current, other, labels)
    current.write_text(merged, encoding="utf-8", newline="\n")
    return 0 if clean else 1


def driver_command(python: str | None = None) -> str:
    """The ``merge.bvtui.driver`` command: this interpreter, so PATH does not matter."""
    return f"{shlex.quote(python or sys.executable)} -m bvtui merge-driver %O %A %B %P"


def configure_driver(repo: Repo) -> None:
    """Write the driver into this clone's own git config (``.git/config``)."""
    repo.run("config", "--local", f"merge.{DRIVER_NAME}.name", "bvtui field-by-field merge")
    repo.run("config", "--local", f"merge.{DRIVER_NAME}.driver", driver_command())


def install_merge_driver(repo: Repo, store_root: Path) -> tuple[Path, bool]:
    """Route the store's YAML files to the driver and configure it in this clone.

    Writes ``merge.bvtui.name`` and ``merge.bvtui.driver`` into the clone's own git
    config (which git never versions: every clone runs this once), and makes sure
    ``<store>/.gitattributes`` holds :data:`ATTRIBUTES_LINE`.

    Returns:
        the ``.gitattributes`` path, and True when it was created or changed (the
        caller commits it).
    """
    configure_driver(repo)
    attributes = store_root / ".gitattributes"
    text = attributes.read_text("utf-8") if attributes.exists() else ""
    if ATTRIBUTES_LINE in text.splitlines():
        return attributes, False
    if text and not text.endswith("\n"):
        text += "\n"
    attributes.write_text(text + ATTRIBUTES_LINE + "\n", encoding="utf-8")
    return attributes, True


def driver_configured(repo: Repo) -> bool:
    """True when this clone's git config names the driver (git silently text-merges if not)."""
    result = repo.try_run("config", "--get", f"merge.{DRIVER_NAME}.driver")
    return result.returncode == 0 and bool(result.stdout.strip())


def missing_driver_program(repo: Repo) -> str | None:
    """The program this clone's configured driver runs when it is not there (a venv
    moved or removed: git would then fail every merge of a store file), else None."""
    result = repo.try_run("config", "--get", f"merge.{DRIVER_NAME}.driver")
    try:
        words = shlex.split(result.stdout.strip()) if result.returncode == 0 else []
    except ValueError:
        return None
    if not words:
        return None
    program = words[0]
    found = os.access(program, os.X_OK) if os.sep in program else shutil.which(program)
    return None if found else program
