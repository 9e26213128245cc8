"""The bar above the table: the active filters and how many actions they keep.

Always visible, so whoever watches the screen in a meeting knows what is hidden.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from bvtui.model import Filter
from bvtui.tui.text import ALERT_STYLE, VALUE_STYLE, WARN_STYLE, line


def filter_summary(
    wanted: Filter,
    shown: int,
    total: int,
    pending: int = 0,
    problems: int = 0,
    marked: int = 0,
    due: int = 0,
) -> Text:
    """``Filters: RAG: red · overdue   3 of 12 actions`` (plus how many of them are due
    an update, marked, uncommitted edits, files that did not load)."""
    text = Text()
    if wanted.is_empty:
        text.append("No filters", style="dim")
    else:
        text.append("Filters: ", style="bold")
        text.append(line(wanted.describe()), style=VALUE_STYLE)
    text.append("   ")
    text.append(f"{shown} of {total} actions", style="bold")
    if due:
        text.append(f"   {due} due update", style=WARN_STYLE)
    if marked:
        text.append(f"   * {marked} marked", style=VALUE_STYLE)
    if pending:
        text.append(f"   ✎ {pending} uncommitted", style=WARN_STYLE)
    if problems:
        plural = "s" if problems > 1 else ""
        text.append(f"   ⚠ {problems} file{plural} did not load", style=ALERT_STYLE)
    return text


class FilterBar(Static):
    """Shows :func:`filter_summary`; :meth:`show` updates it."""

    def show(
        self,
        wanted: Filter,
        shown: int,
        total: int,
        pending: int = 0,
        problems: int = 0,
        marked: int = 0,
        due: int = 0,
    ) -> None:
        # one line high whatever it says: no layout pass of the screen on a key
        summary = filter_summary(wanted, shown, total, pending, problems, marked, due)
        self.update(summary, layout=False)
