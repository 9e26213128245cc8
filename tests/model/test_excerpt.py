"""An action's excerpt holds what lists and filters need, and the one Filter judges it."""

from __future__ import annotations

import itertools
from datetime import date
from operator import itemgetter

import pytest

from bvtui.model import Action, ActionExcerpt, Filter, Plan, Ref, Update

PLAN = Plan(
    slug="p",
    as_of=date(2017, 9, 29),
    statuses={"Completed": "blue", "On Target": "green", "Delayed": "amber", "Overdue": "red"},
    officer_aliases={"Andreas": "Andreas Christophorou", "AC": "Andreas Christophorou"},
)


def action(**fields: object) -> Action:
    values: dict[str, object] = {"plan": PLAN, "id": "1.3", **fields}
    return Action(**values)  # type: ignore[arg-type]


def test_an_excerpt_holds_what_the_plan_says_of_the_action() -> None:
    excerpt = action(
        title="Ensure  Integrity of the process",
        theme="Elections",
        objective="1. Planning",
        officers=["AC", "Louise  Stamp"],
        deadline="May-17",
        revised_deadline="31/12/2017",
        status="on target",
        updates=[Update(period="2017-18 Q2", text="Polling STATIONS visited")],
    ).excerpt()
    assert isinstance(excerpt, ActionExcerpt)
    assert excerpt.ref == Ref("p", "1.3")
    assert (excerpt.status, excerpt.rag) == ("on target", "green")  # the plan's table
    assert excerpt.officers == ("Andreas Christophorou", "Louise Stamp")  # canonical
    assert set(excerpt.names) == {"AC", "Louise  Stamp", "Andreas Christophorou", "Louise Stamp"}
    assert excerpt.due == date(2017, 12, 31)  # the revised deadline wins
    assert excerpt.plan_as_of == date(2017, 9, 29) and not excerpt.closed
    assert "ensure integrity of the process" in excerpt.search  # folded
    assert "polling stations visited" in excerpt.search and "p/1.3" in excerpt.search


DEADLINES = ["", "TBC", "Jun-17", "30/09/2017", "Oct-17", "2018"]
STATUSES = ["", "On Target", "Completed", "Cancelled", "Withdrawn", "Delayed", "Overdue"]
AS_OF = [None, date(2017, 6, 1), date(2017, 9, 30), date(2019, 1, 1)]


@pytest.mark.parametrize("as_of", AS_OF, ids=str)
def test_an_excerpt_is_overdue_exactly_when_its_action_is(as_of: date | None) -> None:
    for deadline, status in itertools.product(DEADLINES, STATUSES):
        whole = action(deadline=deadline, status=status)
        assert whole.excerpt().overdue(as_of) == whole.is_overdue(as_of), (deadline, status)


def test_the_filter_judges_excerpts() -> None:
    written = action(officers=["AC"], theme="Property Services", status="Delayed").excerpt()
    assert Filter(officers=frozenset({"ac"})).matches(written)  # as written
    assert Filter(officers=frozenset({"christophorou"})).matches(written)  # canonical
    assert not Filter(officers=frozenset({"stamp"})).matches(written)
    assert Filter(themes=frozenset({"property"}), rags=frozenset({"amber"})).matches(written)
    assert not Filter(themes=frozenset({"property"}), rags=frozenset({"red"})).matches(written)
    assert Filter(plans=frozenset({"P"}), statuses=frozenset({"delayed"})).matches(written)
    late = action(deadline="Jun-17").excerpt()
    assert Filter(overdue=True).matches(late)  # judged on the plan's as_of
    assert not Filter(overdue=True, as_of=date(2017, 6, 1)).matches(late)
    assert Filter(search=" P/1.3 ").matches(late) and not Filter(search="nowhere").matches(late)


def test_a_filter_keeps_the_positions_of_the_excerpts_it_keeps() -> None:
    excerpts = [action(status=status).excerpt() for status in STATUSES]
    kept = Filter(rags=frozenset({"blue", "red"})).select(excerpts)
    assert [excerpts[index].status for index in kept] == ["Completed", "Overdue"]
    assert Filter().select(excerpts) == list(range(len(excerpts)))


FIELDS = {
    "plan": lambda row: row["ref"].plan,
    **{name: itemgetter(name) for name in ("status", "rag", "theme", "names", "due_update")},
}
"""Excerpt fields read off rows of another shape: each excerpt as a dict."""

FIRST_FILTERS = [
    Filter(rags=frozenset({"red", "amber"})),
    Filter(plans=frozenset({"P"})),
    Filter(plans=frozenset({"q"})),
    Filter(statuses=frozenset({"on target"})),
    Filter(themes=frozenset({"prop"})),
    Filter(officers=frozenset({"christophorou"})),
    Filter(due_update=True),
    Filter(rags=frozenset({"green"}), themes=frozenset({"elec"})),
    Filter(rags=frozenset({"red", "amber"}), overdue=True),  # overdue: on the excerpt only
    Filter(search="polling", rags=frozenset({"green"})),  # search: on the excerpt only
    Filter(),
]


@pytest.mark.parametrize("only", FIRST_FILTERS, ids=lambda only: only.describe() or "none")
def test_a_first_judgement_on_fields_refuses_only_what_the_filter_refuses(only: Filter) -> None:
    excerpts = [
        action(
            status=status,
            theme=theme,
            officers=officers,
            deadline="Jun-17",
            updates=[Update(period="2017-18 Q2", text="Polling stations")] if officers else [],
        ).excerpt()
        for status, theme, officers in itertools.product(
            STATUSES, ["Elections", "Property"], [[], ["AC"], ["Louise Stamp"]]
        )
    ]
    rows = [excerpt._asdict() for excerpt in excerpts]
    first, judged = only.judge_fields(FIELDS), only.judge()
    kept = [row["ref"] for row in rows if first(row)]
    expected = [excerpt.ref for excerpt in excerpts if judged(excerpt)]
    assert set(expected) <= set(kept)  # nothing the filter keeps is refused first
    readable = not (only.overdue or only.search)
    assert (kept == expected) if readable else (len(kept) < len(rows) or only.is_empty)


@pytest.mark.parametrize("only", FIRST_FILTERS, ids=lambda only: only.describe() or "none")
def test_what_passed_the_first_judgement_is_judged_on_the_other_fields_only(
    only: Filter,
) -> None:
    excerpts = [
        action(
            status=status,
            theme=theme,
            officers=officers,
            deadline=deadline,
            updates=[Update(period="2017-18 Q2", text="Polling stations")] if officers else [],
        ).excerpt()
        for status, theme, officers, deadline in itertools.product(
            STATUSES, ["Elections", "Property"], [[], ["AC"], ["Louise Stamp"]], ["Jun-17", ""]
        )
    ]
    first, rest, judged = only.judge_fields(FIELDS), only.judge_rest(FIELDS), only.judge()
    both = [e.ref for e in excerpts if first(e._asdict()) and (rest is None or rest(e))]
    assert both == [excerpt.ref for excerpt in excerpts if judged(excerpt)]
    # nothing is judged twice: the rest is None exactly when the index holds every field
    assert (rest is None) == (not (only.overdue or only.search))
