"""Which actions to show: filters that combine, shared by the CLI and the app.

Filters of different kinds combine with AND, values of one kind with OR; text
matches ignore case. Theme and officer values match as substrings ("Stamp" finds
"Louise Stamp"); plan, status and RAG values match whole.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from bvtui.core.model import Action, Plan


def fold(text: str) -> str:
    """Text as filters compare it: spaces collapsed, case folded."""
    return " ".join(text.split()).casefold()


@dataclass(frozen=True)
class Filter:
    """A combination of filters; an empty one keeps every action."""

    plans: frozenset[str] = field(default_factory=frozenset)
    themes: frozenset[str] = field(default_factory=frozenset)
    officers: frozenset[str] = field(default_factory=frozenset)
    statuses: frozenset[str] = field(default_factory=frozenset)
    rags: frozenset[str] = field(default_factory=frozenset)
    overdue: bool = False
    search: str = ""
    as_of: date | None = None

    @property
    def is_empty(self) -> bool:
        return not (
            self.plans
            or self.themes
            or self.officers
            or self.statuses
            or self.rags
            or self.overdue
            or self.search.strip()
        )

    def toggled_rag(self, rag: str) -> Filter:
        """This filter with ``rag`` added, or removed when already there."""
        return replace(self, rags=self.rags ^ {rag})

    def cleared(self) -> Filter:
        return Filter(as_of=self.as_of)

    def describe(self) -> str:
        """The active filters in one line, e.g. ``theme: Property · RAG: red · overdue``."""
        parts = []
        for label, values in (
            ("plan", self.plans),
            ("theme", self.themes),
            ("officer", self.officers),
            ("status", self.statuses),
            ("RAG", self.rags),
        ):
            if values:
                parts.append(f"{label}: {', '.join(sorted(values))}")
        if self.overdue:
            parts.append("overdue")
        if self.search.strip():
            parts.append(f"search: {self.search.strip()}")
        return " · ".join(parts)

    def matches(self, action: Action) -> bool:
        """True when ``action`` passes every active filter."""
        if not self._stored_match(action.plan, action.status, action.theme, action.officers):
            return False
        if self.overdue and not action.is_overdue(self.as_of):
            return False
        return not self.search.strip() or fold(self.search) in search_text(action)

    def may_match(self, plan: Plan, fields: dict[str, Any]) -> bool:
        """False when an action of ``plan`` whose stored ``fields`` (its file's, as the
        parse cache holds them) certainly fails: a load can skip building it. True
        says only "perhaps": :meth:`matches` decides (overdue and search need more)."""
        return self._stored_match(plan, fields["status"], fields["theme"], fields["officers"])

    def _stored_match(self, plan: Plan, status: str, theme: str, officers: list[str]) -> bool:
        """The filters that read only stored fields: plan, RAG, status, theme, officer."""
        if self.plans and fold(plan.slug) not in {fold(p) for p in self.plans}:
            return False
        if self.rags and plan.rag_of(status) not in self.rags:
            return False
        if self.statuses and fold(status) not in {fold(s) for s in self.statuses}:
            return False
        if self.themes and not _any_in(self.themes, [theme]):
            return False
        return not self.officers or _any_in(
            self.officers, [*officers, *(plan.canonical_officer(name) for name in officers)]
        )

    def apply(self, actions: Iterable[Action]) -> list[Action]:
        return [action for action in actions if self.matches(action)]


def _any_in(wanted: Iterable[str], values: list[str]) -> bool:
    folded = [fold(value) for value in values]
    return any(fold(w) in value for w in wanted for value in folded)


def search_text(action: Action) -> str:
    """The text free search looks in: ref, title, objective, officers and update texts."""
    parts = [action.ref, action.title, action.objective, *action.officers]
    parts.extend(update.text for update in action.updates)
    return fold(" \n ".join(parts))
