"""Which actions to show: filters that combine, shared by the CLI and the app, judged
on each action's :class:`~bvtui.model.excerpt.ActionExcerpt`.

Filters of different kinds combine with AND, values of one kind with OR; text
matches ignore case. Theme and officer values match as substrings ("Stamp" finds
"Louise Stamp"); plan, status and RAG values match whole.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import compress
from operator import attrgetter, truth
from typing import Any, NamedTuple, TypeVar

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

    def matches(self, excerpt: ActionExcerpt) -> bool:
        """True when the action of ``excerpt`` passes every active filter."""
        return all(ok(pick(excerpt)) for _field, pick, ok in self._tests())

    def judge(self) -> Callable[[ActionExcerpt], bool]:
        """:meth:`matches` as one function to call on many excerpts (a load judges
        every action of the store with it)."""
        return _all_of([_on(pick, ok) for _field, pick, ok in self._tests()])

    def judge_fields(self, fields: Mapping[str, Callable[[Any], Any]]) -> Callable[[Any], bool]:
        """A first judgement of rows of another shape than an excerpt (the parse
        cache's index entries), from the excerpt fields ``fields`` reads off a row
        (``"plan"`` for the ref's plan): the active filters on those fields, each
        passed. A row it refuses, :meth:`judge` would refuse on its excerpt; one it
        passes is still to be judged there (on the fields it could not read)."""
        return _all_of(
            [_on(fields[field], ok) for field, _pick, ok in self._tests() if field in fields]
        )

    def judge_rest(
        self, fields: Mapping[str, Callable[[Any], Any]]
    ) -> Callable[[ActionExcerpt], bool] | None:
        """:meth:`judge` without the filters :meth:`judge_fields` judges with ``fields``:
        what a row that first judgement passed is still judged on, on its excerpt; None
        when nothing is left to judge."""
        rest = [_on(pick, ok) for field, pick, ok in self._tests() if field not in fields]
        return _all_of(rest) if rest else None

    def select(self, excerpts: Sequence[ActionExcerpt]) -> list[int]:
        """The positions of the excerpts this filter keeps, in order.

        Each active filter is one pass over what the ones before it kept, so the
        first (RAG, then plan, status...) leaves the later ones little to judge; a
        pass picks each excerpt's value and judges it through ``map`` and
        ``compress``, with no Python call per excerpt where the test needs none (a RAG
        key on 100,000 actions in the app)."""
        kept: Sequence[int] = range(len(excerpts))
        for _field, pick, ok in self._tests():
            picked = excerpts if len(kept) == len(excerpts) else map(excerpts.__getitem__, kept)
            kept = list(compress(kept, map(ok, map(pick, picked))))
        return list(kept)

    def apply(self, actions: Iterable[Action]) -> list[Action]:
        """The actions this filter keeps, judged on their excerpts."""
        test = self.judge()
        return [action for action in actions if test(action.excerpt())]

    def _tests(self) -> list[_Test]:
        """A test per active filter, cheapest first: the excerpt field it looks at
        (its name, for :meth:`judge_fields`, and how to pick it), and what it asks of
        that value. Each distinct plan, status, theme and name is judged once (a store
        of 100,000 actions holds a few dozen of each, and a few thousand names)."""
        tests: list[_Test] = []
        if self.rags:
            tests.append(_Test("rag", attrgetter("rag"), self.rags.__contains__))
        if self.plans:
            plans = {fold(plan) for plan in self.plans}
            plan_ok = _remembered(lambda plan: fold(plan) in plans, str)
            tests.append(_Test("plan", attrgetter("ref.plan"), plan_ok))
        if self.statuses:
            statuses = {fold(status) for status in self.statuses}
            status_ok = _remembered(lambda status: fold(status) in statuses, str)
            tests.append(_Test("status", attrgetter("status"), status_ok))
        if self.themes:
            theme_ok = _remembered(lambda theme: _any_in(self.themes, [theme]), str)
            tests.append(_Test("theme", attrgetter("theme"), theme_ok))
        if self.officers:
            name_ok = _remembered(lambda name: _any_in(self.officers, [name]), str)
            tests.append(
                _Test("names", attrgetter("names"), lambda names: any(map(name_ok, names)))
            )
        if self.overdue:
            as_of = self.as_of
            # "" names no one field: judged on the whole excerpt only
            tests.append(_Test("", _itself, lambda excerpt: excerpt.overdue(as_of)))
        if self.due_update:
            tests.append(_Test("due_update", attrgetter("due_update"), truth))
        needle = fold(self.search)
        if needle:
            tests.append(_Test("search", attrgetter("search"), lambda search: needle in search))
        return tests


class _Test(NamedTuple):
    """One active filter: the name of the excerpt field it looks at ("" for the whole
    excerpt), how to pick that value off an excerpt, and its test of the value."""

    field: str
    pick: Callable[[ActionExcerpt], Any]
    ok: Callable[[Any], bool]


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


def _always(value: Any) -> bool:
    return True


def _itself(excerpt: ActionExcerpt) -> ActionExcerpt:
    return excerpt


def _all_of(tests: list[Callable[[Any], bool]]) -> Callable[[Any], bool]:
    """One test passed when each of ``tests`` is, tried in order."""
    judged: Callable[[Any], bool] = _always
    for test in reversed(tests):
        judged = test if judged is _always else _both(test, judged)
    return judged


def _both(first: Callable[[Any], bool], then: Callable[[Any], bool]) -> Callable[[Any], bool]:
    return lambda row: first(row) and then(row)


def _on(read: Callable[[Any], Any], value_ok: Callable[[Any], bool]) -> Callable[[Any], bool]:
    """``value_ok`` of the value ``read`` takes from a row."""
    return lambda row: value_ok(read(row))


def _any_in(wanted: Iterable[str], values: list[str]) -> bool:
    folded = [fold(value) for value in values]
    return any(fold(w) in value for w in wanted for value in folded)
