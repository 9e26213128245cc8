"""The detail pane: every field of the highlighted action, its latest update and marks.

Two columns: the action's fields on the left; on the right what needs attention
(overdue, the status-check reason, an uncommitted edit) and the latest update.
Everything is built as ``rich.text.Text`` from escaped plain strings.
"""

from __future__ import annotations

from datetime import date

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from bvtui.model import Action
from bvtui.tui.text import (
    LABEL_STYLE,
    RAG_NAMES,
    WARN_STYLE,
    block,
    fit,
    line,
    rag_text,
    styled,
)


def fields_text(action: Action, as_of: date | None) -> Group:
    """The left column: the title, then ref, plan, theme, objective, officers, dates,
    status, one a row; a long value wraps under itself (a hanging indent), never back
    under the labels."""
    fields = Table.grid(padding=(0, 1))
    fields.add_column(no_wrap=True, min_width=16, max_width=16, overflow="ellipsis")
    fields.add_column(ratio=1, overflow="fold")

    def field(label: str, value: str | Text) -> None:
        shown = value if isinstance(value, Text) else Text(value)
        fields.add_row(styled(label, LABEL_STYLE), shown)

    field("Ref", line(action.ref))
    field("Plan", line(action.plan.title or action.plan.slug))
    field("Theme", line(action.theme) or "-")
    field("Objective", line(action.objective) or "-")
    field("Lead officers", line(action.officers) or "-")
    field("Deadline", line(action.deadline) or "-")
    field("Revised deadline", line(action.revised_deadline) or "-")
    due = action.due
    field("Due", due.isoformat() if due else "no due date")
    status = rag_text(action.status or "no status", action.rag)
    status.append(f"  {action.completion or RAG_NAMES[action.rag].lower()}", style="dim")
    field("Status", status)
    field("Progress", "-" if action.progress is None else f"{action.progress}%")
    for item in action.evidence:
        field("Evidence", f"{line(item.file)} ({line(item.added)}, blob {item.blob[:10]})")
    for key, value in action.extra.items():
        field(fit(line(key), 16).rstrip(), line(value))
    title = Text(line(action.title) or "(no title)", style="bold")
    return Group(title, Text(""), fields)


def notes_text(action: Action, as_of: date | None, uncommitted: bool, proposal: str = "") -> Text:
    """The right column: overdue, status check, uncommitted, a proposal waiting for
    approval; then the latest update."""
    text = Text()
    judged = action.plan.judged_on(as_of)
    if action.is_overdue(as_of) and action.due is not None:
        days = (judged - action.due).days
        text.append(f"! Overdue by {days} days (judged on {judged.isoformat()})\n", WARN_STYLE)
    reason = action.status_check(as_of)
    if reason:
        text.append("? Status check: ", WARN_STYLE)
        text.append(line(reason))
        text.append("\n")
    if uncommitted:
        text.append("✎ Uncommitted: ", WARN_STYLE)
        text.append("saved on disk, not yet committed (save again or run bvtui commit)\n")
    if proposal:
        text.append("⧗ Proposal waiting: ", WARN_STYLE)
        text.append(f"{line(proposal)} (bvtui approve {line(action.ref)})\n")
    if text:
        text.append("\n")
    latest = action.latest_update
    if latest is None:
        text.append("No updates yet.", style="dim")
        return text
    heading = f"Latest update ({line(latest.period) or 'no period'}"
    if latest.date:
        heading += f", {line(latest.date)}"
    if latest.author:
        heading += f", {line(latest.author)}"
    text.append(heading + ")\n", style=LABEL_STYLE)
    text.append(block(latest.text))
    if len(action.updates) > 1:
        text.append(f"\n\n{len(action.updates) - 1} earlier update(s).", style="dim")
    return text


class ActionDetail(Horizontal):
    """Shows one action in full; :meth:`show` replaces what it shows."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="detail-fields"):
            yield Static(id="fields")
        with VerticalScroll(id="detail-notes"):
            yield Static(id="notes")

    _shown: tuple[Action | None, date | None, bool, str, date] | None = None

    def restyle(self) -> None:
        """Show the same action again, in the colours of a new theme."""
        if self._shown is not None:
            action, as_of, uncommitted, proposal, _today = self._shown
            self._shown = None
            self.show(action, as_of, uncommitted, proposal)

    def show(
        self,
        action: Action | None,
        as_of: date | None,
        uncommitted: bool = False,
        proposal: str = "",
    ) -> None:
        """Show ``action`` (None: nothing is highlighted); ``proposal`` says the change
        proposed for it that waits for approval ("" when none does).

        Showing again what is already shown (a filter key that keeps the highlighted
        action) changes nothing, so it costs no screen layout.
        """
        shown = (action, as_of, uncommitted, proposal, date.today())
        last = self._shown
        if last is not None and last[0] is action and last[1:] == shown[1:]:
            return
        self._shown = shown
        fields = self.query_one("#fields", Static)
        notes = self.query_one("#notes", Static)
        if action is None:
            fields.update(Text("No action selected.", style="dim"))
            notes.update("")
            return
        fields.update(fields_text(action, as_of))
        notes.update(notes_text(action, as_of, uncommitted, proposal))
