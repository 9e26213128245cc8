"""The changes screen (key ``c``): what moved across the store since a date or a snapshot.

For the meeting: actions whose RAG got worse or better, new updates, new and removed
actions, by plan and theme. The "since" box starts at the newest snapshot tag (else
four weeks ago); Enter reads again. :mod:`bvtui.core.changes` does the work in a
thread worker; the result comes back as a :class:`ChangesScreen.Loaded` message.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static

from bvtui.core.changes import ActionMove, StoreChanges, store_changes
from bvtui.core.gitlog import resolve_since, resolve_until
from bvtui.core.repo import GitError, Repo
from bvtui.core.snapshots import list_tags
from bvtui.tui.text import line, rag_text

DIRECTION_STYLES = {"worse": ("▼ worse", "bold #ff5f5f"), "better": ("▲ better", "bold #5fd75f")}


def default_since(repo: Repo, today: date | None = None) -> str:
    """The newest snapshot tag, else the date four weeks before ``today``."""
    try:
        tags = list_tags(repo)
    except GitError:
        tags = []
    if tags:
        return tags[-1].name
    return ((today or date.today()) - timedelta(days=28)).isoformat()


def move_text(move: ActionMove) -> Text:
    """What moved in a few words, then each update added with its text."""
    text = Text(line("; ".join(move.what())))
    for update in move.updates_added:
        text.append(f"\n({line(update.get('period'))}) ", style="bold")
        text.append(line(update.get("text")))
    return text


def changes_view(found: StoreChanges) -> Group:
    """The counts, then a table per plan and theme."""
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
    parts: list[Text | Table] = [counts]
    for (plan, theme), moves in found.grouped().items():
        table = Table(
            title=Text(f"{line(plan)} · {line(theme) or '(no theme)'}", style="bold"),
            title_justify="left",
            expand=True,
        )
        table.add_column("id", no_wrap=True)
        table.add_column("title", ratio=2, overflow="ellipsis", no_wrap=True)
        table.add_column("status", no_wrap=True)
        table.add_column("moved", no_wrap=True)
        table.add_column("what", ratio=3)
        for move in moves:
            label, style = DIRECTION_STYLES.get(move.direction, ("", ""))
            table.add_row(
                Text(line(move.ref.rpartition("/")[2])),
                Text(line(move.title)),
                rag_text(move.new_status or move.old_status or "-", move.new_rag or "grey"),
                Text(label, style=style),
                move_text(move),
            )
        parts.append(table)
    return Group(*parts)


class ChangesScreen(Screen[None]):
    """What moved since a date or a tag; Escape goes back."""

    CSS_PATH = "../styles/history.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back"),
    ]

    @dataclass
    class Loaded(Message):
        """The changes were read, since ``since``."""

        since: str
        found: StoreChanges

    @dataclass
    class Failed(Message):
        """The changes could not be read; ``reason`` is one line."""

        reason: str

    def __init__(self, repo: Repo, store_path: str, since: str | None = None) -> None:
        super().__init__()
        self.repo = repo
        self.store_path = store_path
        self.since = since or default_since(repo)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(
            value=self.since,
            placeholder="since a date (YYYY-MM-DD) or a snapshot tag / commit; Enter",
            id="changes-since",
        )
        with VerticalScroll(id="changes-pane"):
            yield Static(id="changes-body")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "What changed"
        self.query_one("#changes-pane").focus()
        self._reload()

    def _reload(self) -> None:
        self.query_one("#changes-pane").loading = True
        self.load_changes(self.since)

    @on(Input.Submitted, "#changes-since")
    def _since_given(self, event: Input.Submitted) -> None:
        self.since = event.value.strip()
        self.query_one("#changes-pane").focus()
        self._reload()

    @work(thread=True, exclusive=True, group="changes", exit_on_error=False)
    def load_changes(self, since: str) -> None:
        """Read what moved off the UI thread."""
        try:
            base = resolve_since(self.repo, since)
            head = resolve_until(self.repo, None)
            found = store_changes(self.repo, self.store_path, base, head)
        except (GitError, OSError, ValueError) as err:
            self.post_message(self.Failed(str(err)))
            return
        self.post_message(self.Loaded(since, found))

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        self.query_one("#changes-pane").loading = False
        body = self.query_one("#changes-body", Static)
        if event.found.moves:
            body.update(changes_view(event.found))
        else:
            body.update(Text(f"Nothing moved since {line(event.since)}."))

    @on(Failed)
    def _failed(self, event: Failed) -> None:
        self.query_one("#changes-pane").loading = False
        self.query_one("#changes-body", Static).update(Text(line(event.reason)))

    def action_close(self) -> None:
        self.dismiss(None)
