"""The changes screen (key ``c``): what moved across the store since a date or a snapshot.

For the meeting: actions whose RAG got worse or better, new updates, new and removed
actions, by plan and theme. The "since" box starts at the newest snapshot tag (else
four weeks ago); Enter reads again. :mod:`bvtui.trail.changes` does the work, and
:func:`changes_lines` lays it out as lines, in a thread worker; the lines come back in a
:class:`ChangesScreen.Loaded` message and a :class:`LineList` draws only those on
screen, so ten thousand moves show as fast as ten, and Escape works at any time.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from datetime import date, timedelta
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Input
from textual.worker import get_current_worker

from bvtui.git import GitError, Repo, resolve_since, resolve_until
from bvtui.trail import ActionMove, StoreChanges, changes_by_plan, list_tags, move_order
from bvtui.tui.text import fit, line, rag_text
from bvtui.tui.widgets.line_list import LineList

DIRECTION_STYLES = {"worse": ("▼ worse", "bold #ff5f5f"), "better": ("▲ better", "bold #5fd75f")}

READING = Text("Reading what moved... the first plan is below; the rest follows.", style="dim")

ID_WIDTH = 14
"""The widest the id column gets (wider ids are cut with an ellipsis)."""
TITLE_WIDTH = (20, 40)
"""The title column's narrowest and widest; a third of the screen between them."""
STATUS_WIDTH = 26
MOVED_WIDTH = 8
UPDATE_INDENT = 4


def default_since(repo: Repo, today: date | None = None) -> str:
    """The newest snapshot tag, else the date four weeks before ``today``."""
    try:
        tags = list_tags(repo)
    except GitError:
        tags = []
    if tags:
        return tags[-1].name
    return ((today or date.today()) - timedelta(days=28)).isoformat()


def counts_text(found: StoreChanges) -> Text:
    """How many actions moved, got worse, better, new, removed, with new updates."""
    plural = "" if len(found.moves) == 1 else "s"
    counts = Text(f"{len(found.moves)} action{plural} moved", style="bold")
    for label, number, style in (
        ("worse", len(found.going("worse")), "bold #ff5f5f"),
        ("better", len(found.going("better")), "bold #5fd75f"),
        ("new", len(found.of_kind("new")), ""),
        ("removed", len(found.of_kind("removed")), ""),
        ("with new updates", len(found.with_updates), ""),
    ):
        counts.append("   ")
        counts.append(f"{number} {label}", style=style if number else "dim")
    return counts


def changes_lines(found: StoreChanges, width: int) -> list[Text]:
    """The counts, then per plan and theme a heading and one line per move, as lines.

    Columns: id, title, status (in its RAG colour), moved (worse/better), what moved;
    each update added follows its move, wrapped to ``width``. Lines are never
    wrapped again by the list that shows them (it scrolls sideways instead).
    """
    moves = found.moves
    id_width = min(max((cell_len(line(m.id)) for m in moves), default=2), ID_WIDTH)
    status_width = min(max((cell_len(_status(m)) for m in moves), default=6) + 2, STATUS_WIDTH)
    title_width = max(TITLE_WIDTH[0], min(TITLE_WIDTH[1], width // 3))
    wrap_at = max(width - UPDATE_INDENT - 2, 30)
    heading = Text(
        f"{fit('id', id_width)}  {fit('title', title_width)}  {fit('status', status_width)}  "
        f"{fit('moved', MOVED_WIDTH)}  what",
        style="bold dim",
    )
    lines = [counts_text(found)]
    for (plan, theme), group in found.grouped().items():
        lines.append(Text(""))
        lines.append(Text(f"{line(plan)} · {line(theme) or '(no theme)'}", style="bold"))
        lines.append(heading)
        for move in group:
            label, style = DIRECTION_STYLES.get(move.direction, ("", ""))
            status = rag_text(_status(move), move.new_rag or "grey")
            status.truncate(status_width, overflow="ellipsis", pad=True)
            row = Text(f"{fit(line(move.id), id_width)}  ")
            row.append(f"{fit(line(move.title), title_width)}  ")
            row.append_text(status)
            row.append("  ")
            row.append(fit(label, MOVED_WIDTH), style=style)
            row.append(f"  {line('; '.join(move.what()))}")
            lines.append(row)
            for update in move.updates_added:
                lines.extend(_update_lines(update, wrap_at))
    return lines


def _status(move: ActionMove) -> str:
    return line(move.new_status or move.old_status or "-")


def _update_lines(update: dict, width: int) -> list[Text]:
    """An update added, ``(period) text``, wrapped to ``width`` and indented."""
    period = f"({line(update.get('period'))}) "
    wrapped = textwrap.wrap(period + line(update.get("text")), width) or [period]
    indent = " " * UPDATE_INDENT
    lines = [Text(indent + chunk) for chunk in wrapped]
    lines[0].stylize("bold", UPDATE_INDENT, UPDATE_INDENT + len(period))
    return lines


class ChangesScreen(Screen[None]):
    """What moved since a date or a tag; Escape goes back."""

    CSS_PATH = "../styles/history.tcss"
    AUTO_FOCUS = "#changes-list"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back"),
    ]

    @dataclass
    class Loaded(Message):
        """The changes were read, since ``since``."""

        since: str
        lines: list[Text]
        """The screen's lines, laid out in the worker."""
        complete: bool = True
        """False for the first plan's lines, shown while the rest are read."""

    @dataclass
    class Failed(Message):
        """The changes could not be read; ``reason`` is one line."""

        reason: str

    def __init__(self, repo: Repo, store_path: str, since: str | None = None) -> None:
        super().__init__()
        self.repo = repo
        self.store_path = store_path
        self.since = since or default_since(repo)
        self._partial = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(
            value=self.since,
            placeholder="since a date (YYYY-MM-DD) or a snapshot tag / commit; Enter",
            id="changes-since",
        )
        yield LineList(id="changes-list")
        yield Footer()

    @property
    def changes_list(self) -> LineList:
        return self.query_one("#changes-list", LineList)

    def on_mount(self) -> None:
        self.sub_title = "What changed"
        self.changes_list.focus()
        self._reload()

    def _reload(self) -> None:
        self.changes_list.loading = True
        self.load_changes(self.since, self.size.width or 80)

    @on(Input.Submitted, "#changes-since")
    def _since_given(self, event: Input.Submitted) -> None:
        self.since = event.value.strip()
        self.changes_list.focus()
        self._reload()

    @work(thread=True, exclusive=True, group="changes", exit_on_error=False)
    def load_changes(self, since: str, width: int) -> None:
        """Read what moved and lay it out as lines, off the UI thread.

        The first plan's moves are shown as soon as they are read, under a line
        saying the rest is being read; then everything, counts first. A newer
        reading or leaving the screen stops this one between two plans.
        """
        worker = get_current_worker()
        moves: list[ActionMove] = []
        try:
            base = resolve_since(self.repo, since)
            head = resolve_until(self.repo, None)
            for part in changes_by_plan(self.repo, self.store_path, base, head):
                if worker.is_cancelled:
                    return
                if not moves and part:
                    first = changes_lines(StoreChanges(base, head, part), width)
                    self.post_message(self.Loaded(since, [READING, *first[1:]], complete=False))
                moves += part
        except (GitError, OSError, ValueError) as err:
            self.post_message(self.Failed(str(err)))
            return
        if moves:
            lines = changes_lines(StoreChanges(base, head, sorted(moves, key=move_order)), width)
        else:
            lines = [Text(f"Nothing moved since {line(since)}.")]
        if not worker.is_cancelled:
            self.post_message(self.Loaded(since, lines))

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        self.changes_list.loading = False
        self.changes_list.show(event.lines, keep_scroll=not event.complete or self._partial)
        self._partial = not event.complete

    @on(Failed)
    def _failed(self, event: Failed) -> None:
        self.changes_list.loading = False
        self.changes_list.show([Text(line(event.reason))])

    def action_close(self) -> None:
        self.dismiss(None)
