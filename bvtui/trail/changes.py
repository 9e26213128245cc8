"""What moved across the store between two revisions: "what changed since the last meeting".

``git diff --raw -M BASE HEAD -- <store>`` names the files that differ (fast on a
big store, ENGINEERING.md), and only those files, plus the ``plan.yaml`` of their
plans, are read at both ends in one ``git cat-file --batch``: the whole store is never
loaded twice. Each changed action becomes an :class:`ActionMove`: new, removed,
renamed or changed, whether its RAG got better or worse, and the updates added.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from bvtui.git import NULL_BLOB, FileChange, Repo, diff_files, read_blobs
from bvtui.model import (
    PLAN_FILE,
    FieldChange,
    Plan,
    Ref,
    ValidationError,
    field_changes,
    natural_key,
    one_line,
    plan_from_mapping,
)
from bvtui.trail.history import decode

EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
"""git's empty tree: the base when the history starts after the "since" date."""

RAG_ORDER = {"red": 0, "amber": 1, "green": 2, "blue": 3}
"""How good a RAG is, to say better or worse; grey (not started, cancelled) is off the scale."""


@dataclass
class ActionMove:
    """One action that differs between the two revisions."""

    ref: str
    id: str
    plan: str
    theme: str
    title: str
    kind: str
    """``new``, ``removed``, ``renamed`` or ``changed``."""
    old_ref: str | None = None
    old_status: str | None = None
    new_status: str | None = None
    old_rag: str | None = None
    new_rag: str | None = None
    updates_added: list[dict[str, Any]] = field(default_factory=list)
    changes: list[FieldChange] = field(default_factory=list)
    problem: str | None = None

    @property
    def direction(self) -> str:
        """``worse`` or ``better`` when the RAG moved on the red-amber-green-blue scale."""
        before, after = RAG_ORDER.get(self.old_rag or ""), RAG_ORDER.get(self.new_rag or "")
        if self.kind != "changed" and self.kind != "renamed":
            return ""
        if before is None or after is None or before == after:
            return ""
        return "worse" if after < before else "better"

    def what(self) -> list[str]:
        """What moved, a few words each: ``new``, ``On Target -> Delayed``, ``2 updates``."""
        parts = []
        if self.kind in ("new", "removed"):
            parts.append(self.kind)
        elif self.kind == "renamed":
            parts.append(f"renamed from {self.old_ref}")
        if self.kind != "new" and self.old_status != self.new_status:
            parts.append(f"{one_line(self.old_status) or '(none)'} -> {one_line(self.new_status)}")
        if self.kind == "changed":
            others = [c.field for c in self.changes if not c.is_update and c.field != "status"]
            if others:
                parts.append(", ".join(dict.fromkeys(others)))
        if self.updates_added:
            count = len(self.updates_added)
            parts.append(f"{count} update{'s' if count > 1 else ''}")
        return parts


@dataclass
class StoreChanges:
    """Every action that moved between ``base`` and ``head``, in plan, theme, ref order."""

    base: str | None
    head: str
    moves: list[ActionMove] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[ActionMove]:
        return [move for move in self.moves if move.kind == kind]

    def going(self, direction: str) -> list[ActionMove]:
        """Actions whose RAG got ``worse`` or ``better``."""
        return [move for move in self.moves if move.direction == direction]

    @property
    def with_updates(self) -> list[ActionMove]:
        return [move for move in self.moves if move.updates_added]

    def grouped(self) -> dict[tuple[str, str], list[ActionMove]]:
        """The moves by (plan, theme), in order."""
        groups: dict[tuple[str, str], list[ActionMove]] = {}
        for move in self.moves:
            groups.setdefault((move.plan, move.theme), []).append(move)
        return groups


def _plan_blobs(repo: Repo, rev: str, paths: Iterable[str]) -> dict[str, str]:
    """The blob id of each of ``paths`` that exists at ``rev``."""
    wanted = sorted(set(paths))
    if not wanted:
        return {}
    out = repo.run("ls-tree", "-z", rev, "--", *wanted).stdout
    found = {}
    for entry in out.split("\0"):
        if entry:
            meta, path = entry.split("\t", 1)
            found[path] = meta.split()[2]
    return found


def _plan(slug: str, mapping: dict[str, Any] | None, path: str) -> Plan:
    try:
        return plan_from_mapping(slug, mapping or {}, path)
    except ValidationError:
        return Plan(slug)


def _move(change: FileChange, old: dict | None, new: dict | None, plans: dict) -> ActionMove:
    ref = Ref.of_path(change.path)
    slug = PurePosixPath(change.path).parent.name
    old_slug = PurePosixPath(change.old_path).parent.name
    kind = {"A": "new", "D": "removed", "R": "renamed"}.get(change.status, "changed")
    shown = new if new is not None else old or {}
    old_plan, new_plan = plans[("old", old_slug)], plans[("new", slug)]
    changes = field_changes(old, new)
    move = ActionMove(
        ref=str(ref),
        id=ref.id,
        plan=slug,
        theme=one_line(shown.get("theme")),
        title=one_line(shown.get("title")),
        kind=kind,
        old_ref=str(Ref.of_path(change.old_path)) if kind == "renamed" else None,
        updates_added=[c.new for c in changes if c.is_update] if old is not None else [],
        changes=changes,
    )
    if old is not None:
        move.old_status = one_line(old.get("status"))
        move.old_rag = old_plan.rag_of(move.old_status)
    if new is not None:
        move.new_status = one_line(new.get("status"))
        move.new_rag = new_plan.rag_of(move.new_status)
    return move


def store_changes(repo: Repo, store_path: str, base: str | None, head: str) -> StoreChanges:
    """The actions of the store at ``store_path`` that moved from ``base`` to ``head``.

    ``base`` None means the beginning (every action is new). Plan files are read
    for their status colours, not reported as moves.
    """
    moves = [move for part in changes_by_plan(repo, store_path, base, head) for move in part]
    moves.sort(key=move_order)
    return StoreChanges(base=base, head=head, moves=moves)


def changes_by_plan(
    repo: Repo, store_path: str, base: str | None, head: str
) -> Iterator[list[ActionMove]]:
    """The moves of :func:`store_changes`, one plan at a time, in plan order, each sorted.

    The files of each plan are read from git only when its turn comes, so a caller
    can show the first plans while the rest are read, or stop between two plans.
    """
    diff = [
        change
        for change in diff_files(repo, base or EMPTY_TREE, head, [store_path])
        if change.path.endswith(".yaml") and PurePosixPath(change.path).name != PLAN_FILE
    ]
    paths = {path for c in diff for path in (c.old_path, c.path)}
    plan_paths = {
        side: sorted({str(PurePosixPath(path).parent / PLAN_FILE) for path in paths})
        for side in ("old", "new")
    }
    plan_shas = {
        "old": _plan_blobs(repo, base, plan_paths["old"]) if base else {},
        "new": _plan_blobs(repo, head, plan_paths["new"]),
    }
    plan_blobs = read_blobs(repo, [sha for side in plan_shas.values() for sha in side.values()])
    plans: dict[tuple[str, str], Plan] = {}
    for side in ("old", "new"):
        for path in plan_paths[side]:
            slug = PurePosixPath(path).parent.name
            mapping, _ = decode(plan_blobs.get(plan_shas[side].get(path, NULL_BLOB)), path)
            plans[(side, slug)] = _plan(slug, mapping, path)
    by_plan: dict[str, list[FileChange]] = {}
    for change in diff:
        by_plan.setdefault(PurePosixPath(change.path).parent.name, []).append(change)
    for slug in sorted(by_plan):
        changes = by_plan[slug]
        shas = [sha for c in changes for sha in (c.old_blob, c.new_blob) if sha != NULL_BLOB]
        blobs = read_blobs(repo, shas)
        moves = []
        for change in changes:
            old, old_problem = decode(blobs.get(change.old_blob), change.old_path)
            new, new_problem = decode(blobs.get(change.new_blob), change.path)
            move = _move(change, old, new, plans)
            move.problem = new_problem or old_problem
            moves.append(move)
        moves.sort(key=move_order)
        yield moves


def move_order(move: ActionMove) -> tuple:
    """How moves are listed: by plan, theme, then ref in natural order (1.2 before 1.10)."""
    return (move.plan, move.theme, natural_key(move.ref))
