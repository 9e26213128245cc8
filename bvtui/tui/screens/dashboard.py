"""The dashboard: the report's "Overall Q2 Status" figures, big enough for a projector.

Counts the actions the main screen shows (so a filtered view gives a filtered
dashboard, and the heading says which filter). The counting is
:mod:`bvtui.reporting.stats`; this module only lays it out: RAG totals in large digits with
their symbols, theme x RAG with percentages and a bar, per-officer counts, how many
actions are due an update per plan and theme, and the overdue, status-check and
update-check lists (the checks needing the history are read off the UI thread and added
when read).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from rich import box
from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Digits, Footer, Header, Static

from bvtui.git import GitError
from bvtui.model import RAG_SYMBOLS, RAGS, Action, Filter, UpdateWarning, update_warnings
from bvtui.reporting import Dashboard, RagCounts, dashboard
from bvtui.store import Store
from bvtui.trail import history_warnings
from bvtui.tui.text import (
    ALERT_STYLE,
    RAG_NAMES,
    RAG_STYLES,
    VALUE_STYLE,
    WARN_STYLE,
    line,
    styled,
)

BAR_WIDTH = 30


def rag_heading(rag: str, short: bool = False) -> Text:
    """A RAG's symbol and name in its colour; ``short`` drops "(complete)"."""
    name = rag.capitalize() if short else RAG_NAMES[rag]
    return styled(f"{RAG_SYMBOLS[rag]} {name}", RAG_STYLES[rag])


def bar(counts: RagCounts, width: int = BAR_WIDTH) -> Text:
    """A stacked bar of the RAG shares, each colour drawn with its own symbol."""
    text = Text()
    total = counts.total
    if not total:
        return text
    for rag in RAGS:
        cells = round(width * counts.counts[rag] / total)
        text.append(RAG_SYMBOLS[rag] * cells, style=RAG_STYLES[rag])
    return text


def _count_cell(counts: RagCounts, rag: str, percent: bool = True) -> Text:
    number = counts.counts[rag]
    if not number:
        return Text("-", style="dim")
    shown = f"{number} ({counts.percent(rag)}%)" if percent else str(number)
    return styled(shown, RAG_STYLES[rag])


THEME_LEAST = 16
"""The theme column's least width: a longer name wraps onto a second line."""


def theme_table(figures: Dashboard, width: int = 160) -> Table:
    """Theme x RAG: count and percentage of the theme's actions, totals last.

    Laid out for ``width`` cells: counts are never cut. The share bar takes the room
    the theme names do not need (up to :data:`BAR_WIDTH`) and goes first when
    there is none; below that the percentages go (the tiles above show them).
    """
    rows = [*figures.by_theme.values(), figures.total]
    gaps = 2 * (len(RAGS) + 2)  # one padding cell and one divider per column after the first

    def counts_width(percent: bool) -> int:
        return sum(
            max(
                rag_heading(rag, short=True).cell_len,
                *(_count_cell(c, rag, percent).cell_len for c in rows),
            )
            for rag in RAGS
        ) + max(5, len(str(figures.total.total)))

    longest_theme = max((cell_len(line(theme)) for theme in figures.by_theme), default=5)
    percent = width - gaps - counts_width(True) >= THEME_LEAST + 4
    room = width - gaps - counts_width(percent) - 2  # the share column's padding and divider
    bar_width = max(0, min(BAR_WIDTH, room - max(THEME_LEAST, min(longest_theme, 24))))
    table = Table(
        title="Status by theme",
        title_style="bold",
        expand=True,
        show_footer=True,
        collapse_padding=True,
        pad_edge=False,
        box=box.SIMPLE_HEAD,
    )
    table.add_column("Theme", footer="Total", ratio=1, min_width=THEME_LEAST)
    for rag in RAGS:
        table.add_column(
            rag_heading(rag, short=True),
            footer=_count_cell(figures.total, rag, percent),
            justify="right",
            no_wrap=True,
            overflow="ellipsis",
        )
    table.add_column("Total", footer=str(figures.total.total), justify="right", no_wrap=True)
    if bar_width >= 5:
        table.add_column("Share", footer=bar(figures.total, bar_width), no_wrap=True)
    for theme, counts in figures.by_theme.items():
        cells = [Text(line(theme)), *(_count_cell(counts, rag, percent) for rag in RAGS)]
        cells.append(Text(str(counts.total)))
        if bar_width >= 5:
            cells.append(bar(counts, bar_width))
        table.add_row(*cells)
    return table


class ThemeTable(Static):
    """:func:`theme_table`, laid out again for its width whenever it is resized."""

    def __init__(self, figures: Dashboard, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.figures = figures

    def on_resize(self, event: events.Resize) -> None:
        self.update(theme_table(self.figures, event.size.width))


def officer_table(figures: Dashboard) -> Table:
    """Per lead officer: actions by RAG, and how many are overdue."""
    table = Table(title="By lead officer", title_style="bold", expand=True)
    table.add_column("Officer")
    for rag in RAGS:
        table.add_column(styled(RAG_SYMBOLS[rag], RAG_STYLES[rag]), justify="right")
    table.add_column("Total", justify="right")
    table.add_column("Overdue", justify="right")
    for officer, counts in figures.by_officer.items():
        table.add_row(
            Text(line(officer)),
            *(
                styled(str(counts.counts[rag]), RAG_STYLES[rag])
                if counts.counts[rag]
                else Text("-", style="dim")
                for rag in RAGS
            ),
            str(counts.total),
            str(figures.overdue_by_officer.get(officer, 0) or "-"),
        )
    return table


def attention_table(figures: Dashboard, checks: list[UpdateWarning] | None = None) -> Table:
    """The overdue list, the status-check list, then the update checks, one a line."""
    table = Table.grid(padding=(0, 2), expand=True)
    table.add_column(no_wrap=True, style="bold")
    table.add_column(ratio=1, overflow="fold")
    table.add_row(styled(f"! Overdue ({len(figures.overdue)})", ALERT_STYLE), "")
    for action in figures.overdue:
        due = action.due.isoformat() if action.due else "?"
        table.add_row(
            line(action.ref),
            Text(f"due {due} · {line(action.status)} · ")
            + Text(line(action.title), overflow="ellipsis", no_wrap=True),
        )
    if not figures.overdue:
        table.add_row(Text("none", style="dim"), "")
    table.add_row("", "")
    heading = styled(f"? Status check ({len(figures.status_checks)})", WARN_STYLE)
    table.add_row(heading, "")
    for check in figures.status_checks:
        table.add_row(line(check.action.ref), Text(line(check.reason)))
    if not figures.status_checks:
        table.add_row(Text("none", style="dim"), "")
    if checks is None:
        return table
    table.add_row("", "")
    table.add_row(styled(f"~ Update checks ({len(checks)})", WARN_STYLE), "")
    for warning in checks:
        table.add_row(line(warning.ref), Text(f"{line(warning.field)}: {line(warning.message)}"))
    if not checks:
        table.add_row(Text("none", style="dim"), "")
    return table


def due_table(figures: Dashboard) -> Table:
    """The update round: per plan, its period and how many actions are due an update;
    then the themes with any due."""
    table = Table(title=f"Due an update ({figures.due})", title_style="bold", expand=True)
    table.add_column("Plan / theme", ratio=1)
    table.add_column("Period")
    table.add_column("Due", justify="right")
    for slug, (period, count) in figures.due_by_plan.items():
        table.add_row(Text(line(slug)), Text(line(period)), styled(str(count), WARN_STYLE))
    for theme, count in figures.due_by_theme.items():
        if count:
            table.add_row(Text(f"  {line(theme)}", style="dim"), "", str(count))
    return table


def as_of_text(actions: list[Action], wanted: Filter) -> str:
    """The date (or dates: each plan has its own) overdue is judged on."""
    dates = sorted({action.plan.judged_on(wanted.as_of) for action in actions})
    if not dates:
        dates = [wanted.as_of or date.today()]
    if len(dates) == 1:
        return f"as of {dates[0].isoformat()}"
    return f"as of {dates[0].isoformat()} to {dates[-1].isoformat()} (each plan's own)"


class DashboardScreen(Screen[None]):
    """Counts of the actions shown on the main screen; Escape or d goes back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,d", "close", "Back"),
        Binding("q", "app.quit", "Quit"),
    ]

    @dataclass
    class ChecksRead(Message):
        """The update checks that need the history, read."""

        warnings: list[UpdateWarning]

    def __init__(
        self,
        actions: list[Action],
        wanted: Filter,
        total: int,
        store: Store | None = None,
        *,
        proposals: int = 0,
    ) -> None:
        super().__init__()
        self.actions = actions
        self.wanted = wanted
        self.total = total
        self.store = store
        self.proposals = proposals
        """How many proposals wait for approval in the store (``bvtui proposals``)."""
        self.figures = dashboard(actions, wanted.as_of)
        self.checks = [warning for action in actions for warning in update_warnings(action)]

    def compose(self) -> ComposeResult:
        yield Header()
        figures = self.figures
        count = figures.total.total
        heading = Text(f"Overall status: {count} action{'' if count == 1 else 's'}", style="bold")
        if figures.total.total != self.total:
            heading.append(f" of {self.total}")
        if not self.wanted.is_empty:
            heading.append("   filter: ", style="dim")
            heading.append(line(self.wanted.describe()), style=VALUE_STYLE)
        heading.append(f"   {as_of_text(self.actions, self.wanted)}", style="dim")
        if self.proposals:
            plural = "s" if self.proposals != 1 else ""
            heading.append(f"   ⧗ {self.proposals} proposal{plural} waiting", style=WARN_STYLE)
        with VerticalScroll(id="dashboard"):
            yield Static(heading, id="dash-title")
            with Horizontal(id="rag-totals"):
                for rag in RAGS:
                    with Vertical(classes=f"rag-box rag-{rag}"):
                        yield Static(rag_heading(rag), classes="rag-name -long")
                        yield Static(rag_heading(rag, short=True), classes="rag-name -short")
                        yield Digits(str(figures.total.counts[rag]), classes="rag-count")
                        yield Static(Text(f"{figures.total.percent(rag)}%"), classes="rag-percent")
            yield ThemeTable(figures, id="theme-table")
            with Horizontal(id="dash-lower"):
                lower_left: RenderableType = officer_table(figures)
                if figures.due_by_plan:  # some plan has a current period: a round
                    lower_left = Group(lower_left, Text(""), due_table(figures))
                yield Static(lower_left, id="officer-table")
                yield Static(attention_table(figures, self.checks), id="attention")
        yield Footer()

    def on_mount(self) -> None:
        store = self.store
        if store is not None and store.repo is not None and store.revision is None:
            self.read_history_checks(store)

    @work(thread=True, exclusive=True, group="update-checks", exit_on_error=False)
    def read_history_checks(self, store: Store) -> None:
        """The checks needing the history, off the UI thread (one ``git log``)."""
        assert store.repo is not None
        try:
            found = history_warnings(store.repo, store.root, self.actions)
        except (GitError, OSError, ValueError):
            return  # the history cannot be read: the checks of the files still show
        self.post_message(self.ChecksRead(found))

    @on(ChecksRead)
    def _checks_read(self, event: ChecksRead) -> None:
        self.checks = [*self.checks, *event.warnings]
        self.query_one("#attention", Static).update(attention_table(self.figures, self.checks))

    def on_resize(self, event: events.Resize) -> None:
        """Below 120 columns: short tile names, the officer table above the lists."""
        self.set_class(event.size.width < 120, "-narrow")

    def action_close(self) -> None:
        self.dismiss(None)
