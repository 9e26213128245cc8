"""Edits made in the work tree while a sync's rebase or merge is stopped, kept through
its end.

bvtui refuses to save while an integration is stopped (:meth:`Store.save_action`),
but a file can still be edited by hand meanwhile. ``git rebase --abort`` and ``git
merge --abort`` reset the work tree, and ``git rebase --continue`` refuses to go on
with it changed; so :func:`set_aside` takes those edits out of the work tree before
the sync's step runs and :func:`put_back` writes them again after it: as they were
when the file is as the edit found it, else merged field by field into what the step
left there (the edit made again on the new version; true conflicts recorded under
``conflicts:`` as a sync records them).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bvtui.git import Repo
from bvtui.sharing.merge import merge_texts
from bvtui.store import YamlFileError, write_atomically


@dataclass(frozen=True)
class KeptEdit:
    """A file edited while the integration was stopped: its version before the edit
    (the index's) and the edit."""

    name: str
    """The path from the top of the work tree."""
    base: bytes
    mine: bytes


def set_aside(repo: Repo) -> list[KeptEdit]:
    """Take out of the work tree every edit made to a file that is not in conflict
    (the index's version is put back in its place), and return them."""
    unmerged = set(repo.run("diff", "--name-only", "-z", "--diff-filter=U").stdout.split("\0"))
    changed = repo.run("diff", "--name-only", "-z").stdout.split("\0")
    kept = []
    for name in changed:
        path = repo.top / name
        if not name or name in unmerged or not path.is_file():
            continue
        base = repo.run("show", f":{name}", text=False).stdout
        kept.append(KeptEdit(name, base, path.read_bytes()))
    if kept:
        repo.run("checkout", "--", *(edit.name for edit in kept))
    return kept


def put_back(repo: Repo, kept: list[KeptEdit]) -> list[str]:
    """Write the edits :func:`set_aside` took, on whatever the step left in each file;
    return the names of those whose merge left fields in conflict."""
    conflicted = []
    for edit in kept:
        path = repo.top / edit.name
        now = path.read_bytes() if path.is_file() else None
        text, clean = edit.mine, True
        if now is not None and now not in (edit.base, edit.mine):
            text, clean = _merged(edit, now, path)
        if now != text:
            write_atomically(path, text)
        if not clean:
            conflicted.append(edit.name)
    return conflicted


def _merged(edit: KeptEdit, now: bytes, path: Path) -> tuple[bytes, bool]:
    """The edit made again on ``now``, field by field, and True when no field is in
    conflict; the edit as it was when a version is not a store file."""
    if path.suffix != ".yaml":
        return edit.mine, True
    try:
        text, clean = merge_texts(
            edit.base.decode("utf-8"), edit.mine.decode("utf-8"), now.decode("utf-8"), str(path)
        )
    except (YamlFileError, UnicodeDecodeError):
        return edit.mine, True
    return text.encode("utf-8"), clean
