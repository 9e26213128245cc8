"""Counting actions for the dashboard and reports: RAG totals, theme x RAG, per officer.

The figures of the 2017-18 report's "Overall Q2 Status" chart: how many actions of
each theme are red, amber, green, blue (complete) or grey, with percentages, plus the
lists a meeting asks for (overdue actions, statuses the dates contradict). Plain
Python, no Textual, so the CLI and reports can print the same numbers the app shows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from bvtui.model import RAGS, Action

NO_THEME = "(no theme)"
NO_OFFICER = "(no officer)"


@dataclass
class RagCounts:
    """How many actions have each RAG colour (every colour present, zero or not)."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(RAGS, 0))

    def add(self, action: Action) -> None:
        self.counts[action.rag] = self.counts.get(action.rag, 0) + 1

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def percent(self, rag: str) -> int:
        """The share of ``rag`` in whole percent (0 when there are no actions).

        Each share is rounded on its own, as the report's chart labels are, so a row
        may add up to 99 or 101.
        """
        total = self.total
        return round(100 * self.counts.get(rag, 0) / total) if total else 0


@dataclass
class StatusCheck:
    """An action whose reported status is better than its dates allow, and why."""

    action: Action
    reason: str


@dataclass
class Dashboard:
    """Every figure of the dashboard, for one set of actions judged on one date."""

    total: RagCounts
    by_theme: dict[str, RagCounts]
    by_officer: dict[str, RagCounts]
    overdue: list[Action]
    status_checks: list[StatusCheck]
    overdue_by_officer: dict[str, int]
    due_by_plan: dict[str, tuple[str, int]] = field(default_factory=dict)
    """Per plan (slug): its current period and how many actions are due an update
    (plans with a period only)."""
    due_by_theme: dict[str, int] = field(default_factory=dict)
    """Per theme (in :func:`by_theme`'s order): how many actions are due an update."""

    @property
    def due(self) -> int:
        """How many actions are due an update in all."""
        return sum(count for _period, count in self.due_by_plan.values())


def rag_counts(actions: Iterable[Action]) -> RagCounts:
    """The RAG totals of ``actions``."""
    counts = RagCounts()
    for action in actions:
        counts.add(action)
    return counts


def by_theme(actions: Iterable[Action]) -> dict[str, RagCounts]:
    """RAG counts per theme, themes in the order their plans list them.

    Themes a plan does not list follow in the order met; actions with no theme are
    counted under ``(no theme)``, last.
    """
    table: dict[str, RagCounts] = {}
    order: dict[str, int] = {}
    for action in actions:
        for theme in action.plan.themes:
            order.setdefault(theme, len(order))
        theme = action.theme.strip() or NO_THEME
        table.setdefault(theme, RagCounts()).add(action)
    listed = sorted((t for t in table if t in order), key=lambda t: order[t])
    others = [t for t in table if t not in order and t != NO_THEME]
    tail = [NO_THEME] if NO_THEME in table else []
    return {theme: table[theme] for theme in (*listed, *others, *tail)}


def by_officer(actions: Iterable[Action]) -> dict[str, RagCounts]:
    """RAG counts per lead officer (their canonical name), busiest first.

    An action led by two officers counts for each of them, so the rows add up to
    more than the total when actions are shared.
    """
    table: dict[str, RagCounts] = {}
    for action in actions:
        for officer in dict.fromkeys(action.canonical_officers or [NO_OFFICER]):
            table.setdefault(officer, RagCounts()).add(action)
    return dict(sorted(table.items(), key=lambda item: (-item[1].total, item[0].casefold())))


def dashboard(actions: Iterable[Action], as_of: date | None = None) -> Dashboard:
    """Every dashboard figure for ``actions``, overdue judged on ``as_of`` (see Plan)."""
    actions = list(actions)
    overdue = [action for action in actions if action.is_overdue(as_of)]
    checks = []
    for action in actions:
        reason = action.status_check(as_of)
        if reason:
            checks.append(StatusCheck(action, reason))
    overdue_by_officer: dict[str, int] = {}
    for action in overdue:
        for officer in dict.fromkeys(action.canonical_officers or [NO_OFFICER]):
            overdue_by_officer[officer] = overdue_by_officer.get(officer, 0) + 1
    themes = by_theme(actions)
    return Dashboard(
        total=rag_counts(actions),
        by_theme=themes,
        by_officer=by_officer(actions),
        overdue=overdue,
        status_checks=checks,
        overdue_by_officer=overdue_by_officer,
        due_by_plan=due_by_plan(actions),
        due_by_theme=due_by_theme(actions, themes),
    )


def due_by_plan(actions: Iterable[Action]) -> dict[str, tuple[str, int]]:
    """Per plan with a current period: that period and how many actions are due an
    update for it, plans in the order met."""
    table: dict[str, tuple[str, int]] = {}
    for action in actions:
        if action.plan.period:
            period, count = table.get(action.plan.slug, (action.plan.period, 0))
            table[action.plan.slug] = (period, count + action.due_update)
    return table


def due_by_theme(actions: Iterable[Action], themes: dict[str, RagCounts]) -> dict[str, int]:
    """How many actions of each theme of ``themes`` (:func:`by_theme`) are due an update."""
    table = dict.fromkeys(themes, 0)
    for action in actions:
        if action.due_update:
            theme = action.theme.strip() or NO_THEME
            table[theme] = table.get(theme, 0) + 1
    return table
