"""Which actions to show: filters that combine, shared by the CLI and the app.

Filters of different kinds combine with AND, values of one kind with OR; text
matches ignore case. Theme and officer values match as substrings ("Stamp" finds
"Louise Stamp"); plan, status and RAG values match whole.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from bvtui.model.model import Action, Plan


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
    due_update: bool = False
    """Only actions due an update for their plan's current period."""
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
            or self.due_update
            or self.search.strip()
        )

    def toggled_rag(self, rag: str) -> Filter:
        """This filter with ``rag`` added, or removed when already there."""
        return replace(self, rags=self.rags ^ {rag})

    def cleared(self) -> Filter:
        return Filter(as_of=self.as_of)

    def kinds(self) -> list[tuple[str, frozenset[str]]]:
        """Each kind of value filter with its values, by the name the filter bar and
        the command line give it (``--plan``... ``--rag``)."""
        return [
            ("plan", self.plans),
            ("theme", self.themes),
            ("officer", self.officers),
            ("status", self.statuses),
            ("RAG", self.rags),
        ]

    def describe(self) -> str:
        """The active filters in one line, e.g. ``theme: Property · RAG: red · overdue``."""
        parts = []
        for label, values in self.kinds():
            if values:
                parts.append(f"{label}: {', '.join(sorted(values))}")
        if self.overdue:
            parts.append("overdue")
        if self.due_update:
            parts.append("due an update")
        if self.search.strip():
            parts.append(f"search: {self.search.strip()}")
        return " · ".join(parts)

    def matches(self, action: Action) -> bool:
        """True when ``action`` passes every active filter."""
        if not self._stored_match(action.plan, action.status, action.theme, action.officers):
            return False
        if self.overdue and not action.is_overdue(self.as_of):
            return False
        if self.due_update and not action.due_update:
            return False
        return not self.search.strip() or fold(self.search) in search_text(action)

    def may_match(self, plan: Plan) -> Callable[[str, str, Sequence[str]], bool]:
        """A test of an action of ``plan`` on its stored status, theme and officers (as the
        parse cache keeps them beside it): False when the action certainly fails, so a
        load can skip building it. True says only "perhaps": :meth:`matches` decides
        (overdue, due an update and search need more).

        Each status, theme and list of officers is judged once per plan: a load asks
        about every action of a store, which holds a few dozen distinct values.
        """
        if not self._plan_match(plan):
            return _never
        judged: dict[tuple[str, str], bool] = {}

        def test(status: str, theme: str, officers: Sequence[str]) -> bool:
            ok = judged.get(("status", status))
            if ok is None:
                ok = judged["status", status] = self._status_match(plan, status)
            if not ok:
                return False
            if self.themes:
                ok = judged.get(("theme", theme))
                if ok is None:
                    ok = judged["theme", theme] = self._theme_match(theme)
                if not ok:
                    return False
            return not self.officers or self._officers_match(plan, officers)

        return test

    def _stored_match(self, plan: Plan, status: str, theme: str, officers: Sequence[str]) -> bool:
        """The filters that read only stored fields: plan, RAG, status, theme, officer."""
        return (
            self._plan_match(plan)
            and self._status_match(plan, status)
            and self._theme_match(theme)
            and self._officers_match(plan, officers)
        )

    def _plan_match(self, plan: Plan) -> bool:
        return not self.plans or fold(plan.slug) in {fold(p) for p in self.plans}

    def _status_match(self, plan: Plan, status: str) -> bool:
        if self.rags and plan.rag_of(status) not in self.rags:
            return False
        return not self.statuses or fold(status) in {fold(s) for s in self.statuses}

    def _theme_match(self, theme: str) -> bool:
        return not self.themes or _any_in(self.themes, [theme])

    def _officers_match(self, plan: Plan, officers: Sequence[str]) -> bool:
        return not self.officers or _any_in(
            self.officers, [*officers, *(plan.canonical_officer(name) for name in officers)]
        )

    def apply(self, actions: Iterable[Action]) -> list[Action]:
        return [action for action in actions if self.matches(action)]


def _never(status: str, theme: str, officers: Sequence[str]) -> bool:
    return False


def _any_in(wanted: Iterable[str], values: list[str]) -> bool:
    folded = [fold(value) for value in values]
    return any(fold(w) in value for w in wanted for value in folded)


def search_text(action: Action) -> str:
    """The text free search looks in: ref, title, objective, officers and update texts."""
    parts = [action.ref, action.title, action.objective, *action.officers]
    parts.extend(update.text for update in action.updates)
    return fold(" \n ".join(parts))
