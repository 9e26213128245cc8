"""A meeting's running order: which actions the chair takes first, and how each moved.

The agenda puts each action once, in the first section it belongs to: worse since the
last snapshot (its RAG fell on the red-amber-green-blue scale), overdue, re-baselined
since the snapshot (its deadline or revised deadline changed), no update filed for the
plan's current period, then the rest by theme. Each item says its direction of travel:
the RAG and progress now against the snapshot's.

:func:`build_agenda` is pure (actions and the moves since the snapshot in, items
out); :func:`moves_since` reads the moves from git with :func:`store_changes`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from bvtui.git import Repo
from bvtui.model import Action, natural_key
from bvtui.trail.changes import RAG_ORDER, ActionMove, store_changes
from bvtui.trail.snapshots import list_tags

REBASELINE_FIELDS = ("deadline", "revised_deadline")
"""A change to either of these since the snapshot is a re-baselining."""


@dataclass(frozen=True)
class Travel:
    """How an action moved since the snapshot: its RAG and progress then and now."""

    direction: str
    """``worse``, ``better``, ``same``, ``new`` (not in the snapshot) or ``""`` (no snapshot)."""
    old_rag: str | None = None
    old_status: str | None = None
    old_progress: int | None = None
    progress_changed: bool = False

    def describe(self, action: Action, since: str | None) -> str:
        """One line: ``worse since board-06: On Target (green) -> Delayed (amber); 20% -> 30%``."""
        if not since or not self.direction:
            return "no snapshot to compare with"
        if self.direction == "new":
            return f"new since {since}"
        parts = []
        if self.old_status != action.status:
            parts.append(
                f"{self.old_status or '(none)'} ({self.old_rag}) -> "
                f"{action.status or '(none)'} ({action.rag})"
            )
        if self.progress_changed:
            parts.append(f"{_percent(self.old_progress)} -> {_percent(action.progress)}")
        if not parts:
            return f"no change since {since}"
        return f"{self.direction} since {since}: " + "; ".join(parts)


@dataclass(frozen=True)
class AgendaItem:
    """One action on the agenda, the section it is taken in, and how it moved."""

    action: Action
    section: str
    travel: Travel


def _percent(value: int | None) -> str:
    return "no progress" if value is None else f"{value}%"


def _int(value: object) -> int | None:
    """A progress figure as the file had it (the reader's text, or a number); None if none."""
    try:
        return int(str(value).strip().rstrip("%"))
    except ValueError:
        return None


def travel_of(action: Action, move: ActionMove | None, since: str | None) -> Travel:
    """The direction of travel of ``action`` given its move since the snapshot (None: none)."""
    if since is None:
        return Travel("")
    if move is None:
        return Travel("same", action.rag, action.status, action.progress)
    if move.kind == "new":
        return Travel("new")
    progress = [change for change in move.changes if change.field == "progress"]
    old_progress = _int(progress[0].old) if progress else action.progress
    direction = move.direction
    if not direction and progress:
        before, after = old_progress or 0, action.progress or 0
        direction = "better" if after > before else "worse" if after < before else ""
    return Travel(
        direction or "same",
        move.old_rag,
        move.old_status,
        old_progress,
        progress_changed=bool(progress),
    )


def _rebaselined(move: ActionMove | None) -> bool:
    if move is None or move.kind not in ("changed", "renamed"):
        return False
    return any(change.field in REBASELINE_FIELDS for change in move.changes)


def _missing_update(action: Action) -> bool:
    """Open, and no update filed under the plan's period (a plan naming no period
    cannot say, so none of its actions is listed)."""
    period = action.plan.period
    if not period or action.is_closed:
        return False
    return not any(update.period == period for update in action.updates)


def _theme_order(action: Action) -> tuple:
    themes = action.plan.themes
    place = themes.index(action.theme) if action.theme in themes else len(themes)
    return (action.plan.slug, place, action.theme, natural_key(action.id))


def build_agenda(
    actions: Iterable[Action],
    moves: dict[str, ActionMove],
    *,
    since: str | None,
    as_of: date | None = None,
) -> list[AgendaItem]:
    """The running order of ``actions``: each once, in the first section it belongs to.

    ``moves``: the actions that moved since the snapshot ``since``, by ref (empty, and
    ``since`` None, when there is no snapshot: the "since" sections are then empty).
    ``as_of``: the date overdue is judged on (None: each plan's own).
    """
    ordered = sorted(actions, key=_theme_order)
    sections: list[tuple[str, list[Action]]] = []
    taken: set[str] = set()

    def section(name: str, wanted: list[Action]) -> None:
        chosen = [action for action in wanted if action.ref not in taken]
        taken.update(action.ref for action in chosen)
        if chosen:
            sections.append((name, chosen))

    if since is not None:
        worse = [a for a in ordered if RAG_ORDER.get(a.rag) is not None and _fell(moves.get(a.ref))]
        section(f"Worse since {since}", worse)
    section("Overdue", [a for a in ordered if a.is_overdue(as_of)])
    if since is not None:
        section(
            f"Re-baselined since {since}", [a for a in ordered if _rebaselined(moves.get(a.ref))]
        )
    section("No update this period", [a for a in ordered if _missing_update(a)])
    for action in ordered:
        if action.ref not in taken:
            name = f"By theme: {action.theme or '(no theme)'}"
            if sections and sections[-1][0] == name:
                sections[-1][1].append(action)
            else:
                sections.append((name, [action]))
    taken.update(action.ref for action in ordered)
    return [
        AgendaItem(action, name, travel_of(action, moves.get(action.ref), since))
        for name, chosen in sections
        for action in chosen
    ]


def _fell(move: ActionMove | None) -> bool:
    return move is not None and move.direction == "worse"


def last_snapshot(repo: Repo) -> str | None:
    """The newest annotated tag (a snapshot), or None when the store has none."""
    tags = [tag for tag in list_tags(repo) if tag.annotated]
    return tags[-1].name if tags else None


def moves_since(repo: Repo, store_path: str, since: str) -> dict[str, ActionMove]:
    """The actions that moved from snapshot ``since`` to HEAD, by their ref now."""
    changes = store_changes(repo, store_path, since, "HEAD")
    return {move.ref: move for move in changes.moves if move.kind != "removed"}
