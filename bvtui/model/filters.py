"""Which actions to show: filters that combine, shared by the CLI and the app, judged
on each action's :class:`~bvtui.model.excerpt.ActionExcerpt`.

Filters of different kinds combine with AND, values of one kind with OR; text
matches ignore case. Theme and officer values match as substrings ("Stamp" finds
"Louise Stamp"); plan, status and RAG values match whole.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TypeVar

from bvtui.model.excerpt import ActionExcerpt, fold
from bvtui.model.model import Action


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

    def matches(self, excerpt: ActionExcerpt) -> bool:
        """True when the action of ``excerpt`` passes every active filter."""
        return self.judge()(excerpt)

    def judge(self) -> Callable[[ActionExcerpt], bool]:
        """:meth:`matches` as a function to call on many excerpts: each distinct plan,
        status, theme and list of officers is judged once (a store of 100,000 actions
        holds a few dozen of each), and filters that are off cost nothing."""
        tests: list[Callable[[ActionExcerpt], bool]] = []
        if self.plans:
            plans = {fold(plan) for plan in self.plans}
            plan_ok = _remembered(lambda plan: fold(plan) in plans, str)
            tests.append(lambda excerpt: plan_ok(excerpt.ref.plan))
        if self.rags:
            rags = self.rags
            tests.append(lambda excerpt: excerpt.rag in rags)
        if self.statuses:
            statuses = {fold(status) for status in self.statuses}
            status_ok = _remembered(lambda status: fold(status) in statuses, str)
            tests.append(lambda excerpt: status_ok(excerpt.status))
        if self.themes:
            theme_ok = _remembered(lambda theme: _any_in(self.themes, [theme]), str)
            tests.append(lambda excerpt: theme_ok(excerpt.theme))
        if self.officers:
            names_ok = _remembered(lambda names: _any_in(self.officers, list(names)), tuple)
            tests.append(lambda excerpt: names_ok(excerpt.names))
        if self.overdue:
            as_of = self.as_of
            tests.append(lambda excerpt: excerpt.overdue(as_of))
        needle = fold(self.search)
        if needle:
            tests.append(lambda excerpt: needle in excerpt.search)
        if not tests:
            return _always
        if len(tests) == 1:
            return tests[0]
        return lambda excerpt: all(test(excerpt) for test in tests)

    def select(self, excerpts: Iterable[ActionExcerpt]) -> list[int]:
        """The positions of the excerpts this filter keeps, in order."""
        test = self.judge()
        return [index for index, excerpt in enumerate(excerpts) if test(excerpt)]

    def apply(self, actions: Iterable[Action]) -> list[Action]:
        """The actions this filter keeps, judged on their excerpts."""
        test = self.judge()
        return [action for action in actions if test(action.excerpt())]


_Value = TypeVar("_Value", bound=Hashable)


def _remembered(judge: Callable[[_Value], bool], _kind: type[_Value]) -> Callable[[_Value], bool]:
    """``judge`` of values of ``_kind``, with its answer for each value remembered."""
    answers: dict[_Value, bool] = {}

    def remembered(value: _Value) -> bool:
        answer = answers.get(value)
        if answer is None:
            answer = answers[value] = judge(value)
        return answer

    return remembered


def _always(excerpt: ActionExcerpt) -> bool:
    return True


def _any_in(wanted: Iterable[str], values: list[str]) -> bool:
    folded = [fold(value) for value in values]
    return any(fold(w) in value for w in wanted for value in folded)
