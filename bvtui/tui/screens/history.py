"""The history screen (key ``h``): an action's commits, the selected one's field changes,
its status timeline and its deadline slips.

The history is read by :mod:`bvtui.trail.history` in a thread worker (a loading
indicator shows meanwhile) and handed back in a :class:`HistoryScreen.Loaded`
message; no widget is touched from the worker. Every value is shown as text, never
as markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from bvtui.git import GitError, Repo
from bvtui.model import Action
from bvtui.trail import (
    DeadlineSlip,
    Revision,
    StatusSpell,
    action_history,
    deadline_slips,
    status_timeline,
)
from bvtui.tui.text import WARN_STYLE, line, rag_text, styled

HAND_STYLE = WARN_STYLE


def revision_text(revision: Revision) -> Text:
    """The selected commit in full: who, when, subject, then each field change."""
    commit = revision.commit
    text = Text()
    text.append(line(commit.subject) or "(no subject)", style="bold")
    text.append("\n")
    text.append(f"{commit.date:%Y-%m-%d %H:%M}  {line(commit.author)} <{line(commit.email)}>")
    text.append(f"  {commit.short}\n", style="dim")
    if not revision.by_bvtui:
        text.append("hand edit: committed without bvtui's trailers\n", style=HAND_STYLE)
    text.append("\n")
    if revision.kind == "renamed":
        text.append(f"renamed from {line(revision.old_path)}\n")
    if revision.kind == "created":
        text.append("new action\n", style="bold")
    for change in revision.changes:
        text.append(f"{line(change.described(200))}\n")
    if revision.problem:
        text.append(f"! {line(revision.problem)}\n", style=HAND_STYLE)
    return text


def timeline_table(spells: list[StatusSpell], slips: list[DeadlineSlip]) -> Table:
    """Status timeline, then deadline slips, as one grid."""
    table = Table.grid(padding=(0, 2))
    for _ in range(5):
        table.add_column(no_wrap=True)
    table.add_row(Text("Status timeline", style="bold underline"), "", "", "", "")
    for spell in spells:
        table.add_row(
            f"{spell.since:%Y-%m-%d}",
            rag_text(spell.status, spell.rag or "grey"),
            Text(line(spell.author)),
            Text(spell.sha[:10], style="dim"),
            styled("" if spell.by_bvtui else "hand edit", HAND_STYLE),
        )
    table.add_row("", "", "", "", "")
    table.add_row(Text("Deadline slips", style="bold underline"), "", "", "", "")
    if not slips:
        table.add_row(Text("none", style="dim"), "", "", "", "")
    for slip in slips:
        days = "?" if slip.days is None else f"{slip.days:+d} days"
        table.add_row(
            f"{slip.when:%Y-%m-%d}",
            Text(f"{line(slip.old) or '(none)'} -> {line(slip.new) or '(none)'}  {days}"),
            Text(line(slip.author)),
            Text(slip.sha[:10], style="dim"),
            Text(line(slip.update_text) if slip.update_text else "no update with this change"),
        )
    return table


class HistoryScreen(Screen[None]):
    """One action's history; Escape or h goes back."""

    CSS_PATH = "../styles/history.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,h", "close", "Back"),
        Binding("j", "move(1)", "Next commit", show=False),
        Binding("k", "move(-1)", "Previous commit", show=False),
        Binding("q", "app.quit", "Quit"),
    ]

    @dataclass
    class Loaded(Message):
        """The history was read: revisions newest first, the timeline and the slips."""

        revisions: list[Revision]
        spells: list[StatusSpell]
        slips: list[DeadlineSlip]

    @dataclass
    class Failed(Message):
        """The history could not be read; ``reason`` is one line."""

        reason: str

    def __init__(self, repo: Repo, path: str, action: Action) -> None:
        super().__init__()
        self.repo = repo
        self.path = path
        self.action = action
        self.revisions: list[Revision] = []

    def compose(self) -> ComposeResult:
        yield Header()
        heading = Text(f"History of {line(self.action.ref)}", style="bold")
        heading.append(f"   {line(self.action.title)}")
        yield Static(heading, id="history-title")
        with Horizontal(id="history-main"):
            yield DataTable(id="history-commits", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="history-change-pane"):
                yield Static(id="history-change")
        with VerticalScroll(id="history-timeline-pane"):
            yield Static(id="history-timeline")
        yield Footer()

    @property
    def commits(self) -> DataTable:
        return self.query_one("#history-commits", DataTable)

    def on_mount(self) -> None:
        self.sub_title = line(self.action.ref)
        self.commits.add_columns("date", "author", "change")
        self.commits.loading = True
        self.load_history()

    @work(thread=True, exclusive=True, group="history", exit_on_error=False)
    def load_history(self) -> None:
        """Read the history off the UI thread."""
        try:
            revisions = action_history(self.repo, self.path)
        except (GitError, OSError, ValueError) as err:
            self.post_message(self.Failed(str(err)))
            return
        spells = status_timeline(revisions, self.action.plan)
        self.post_message(self.Loaded(revisions, spells, deadline_slips(revisions)))

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        self.revisions = event.revisions
        table = self.commits
        table.loading = False
        for index, revision in enumerate(event.revisions):
            author = Text(line(revision.commit.author))
            if not revision.by_bvtui:
                author.append(" · hand edit", style=HAND_STYLE)
            table.add_row(
                f"{revision.commit.date:%Y-%m-%d %H:%M}",
                author,
                Text(line(revision.summary()), overflow="ellipsis", no_wrap=True),
                key=str(index),
            )
        if not event.revisions:
            self.query_one("#history-change", Static).update(
                Text("No commit has touched this action's file yet.")
            )
        self.query_one("#history-timeline", Static).update(
            timeline_table(event.spells, event.slips)
        )
        table.focus()

    @on(Failed)
    def _failed(self, event: Failed) -> None:
        self.commits.loading = False
        self.query_one("#history-change", Static).update(
            Text(f"The history could not be read: {line(event.reason)}")
        )

    @on(DataTable.RowHighlighted, "#history-commits")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value is None:
            return
        revision = self.revisions[int(event.row_key.value)]
        self.query_one("#history-change", Static).update(revision_text(revision))

    def action_move(self, step: int) -> None:
        """j / k: the next or previous commit, as the arrows (and the main table's j k)."""
        commits = self.commits
        if commits.row_count:
            commits.move_cursor(row=max(0, min(commits.row_count - 1, commits.cursor_row + step)))

    def action_close(self) -> None:
        self.dismiss(None)
