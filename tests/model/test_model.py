"""Derived values: RAG, due, overdue and the 2017-18 status-check rule."""

from datetime import date

import pytest

from bvtui.model import Action, Plan, default_rag, natural_key


def plan(**kwargs) -> Plan:
    statuses = {
        "Completed": "blue",
        "On Target": "green",
        "Delayed": "amber",
        "Overdue": "red",
        "Cancelled": "grey",
        "Not Started": "grey",
    }
    return Plan(slug="p", statuses=statuses, as_of=date(2017, 9, 29), **kwargs)


def action(**kwargs) -> Action:
    return Action(plan=kwargs.pop("plan", plan()), id="1.1", **kwargs)


@pytest.mark.parametrize(
    ("status", "rag"),
    [
        ("Completed", "blue"),
        ("Complete and Ongoing", "blue"),
        ("On Target", "green"),
        ("on track", "green"),
        ("Delayed", "amber"),
        ("Off target but recovery plans in place", "amber"),
        ("Overdue", "red"),
        ("Off-track", "red"),
        ("", "grey"),
        ("Not Started", "grey"),
        ("Cancelled", "grey"),
        ("Something new", "grey"),
    ],
)
def test_default_rag_table(status: str, rag: str) -> None:
    assert default_rag(status) == rag


def test_plan_mapping_wins_over_the_default_table() -> None:
    custom = Plan(slug="p", statuses={"Ongoing": "amber"})
    assert custom.rag_of("ongoing") == "amber"
    assert custom.rag_of("Completed") == "blue"  # not in the plan: the default table


def test_revised_deadline_wins() -> None:
    item = action(deadline="Jul-17", revised_deadline="Mar-18")
    assert item.due == date(2018, 3, 31)
    assert action(deadline="Jul-17", revised_deadline="TBC").due == date(2017, 7, 31)


def test_overdue_is_judged_on_the_plans_as_of_date_unless_told() -> None:
    item = action(deadline="Jun-17", status="On Target")
    assert item.is_overdue()
    assert not item.is_overdue(date(2017, 6, 1))
    assert not action(deadline="Jun-17", status="Completed").is_overdue()
    assert not action(deadline="Jun-17", status="Cancelled").is_overdue()
    assert not action(deadline="TBC", status="On Target").is_overdue()


def test_overdue_uses_today_when_the_plan_has_no_as_of() -> None:
    undated = Plan(slug="p", statuses={"On Target": "green"})
    assert action(plan=undated, deadline="May-18", status="On Target").is_overdue()
    assert not action(plan=undated, deadline="Dec-99", status="On Target").is_overdue(
        date(2099, 1, 1)
    )


def test_status_check_within_a_month_of_the_deadline_expects_delayed() -> None:
    on_target = action(deadline="31/08/2017", status="On Target")
    reason = on_target.status_check()
    assert reason is not None and "Delayed (amber)" in reason
    assert action(deadline="31/08/2017", status="Delayed").status_check() is None


def test_status_check_more_than_a_month_past_expects_overdue() -> None:
    assert "Overdue (red)" in action(deadline="Jun-17", status="On Target").status_check()
    assert "Overdue (red)" in action(deadline="Jun-17", status="Delayed").status_check()
    assert action(deadline="Jun-17", status="Overdue").status_check() is None


def test_status_check_leaves_complete_future_and_undated_actions_alone() -> None:
    assert action(deadline="Jun-17", status="Completed").status_check() is None
    assert action(deadline="May-18", status="On Target").status_check() is None
    assert action(deadline="TBC", status="On Target").status_check() is None


def test_natural_order_of_refs() -> None:
    refs = ["1.10", "A10", "1.9", "A2", "1.2", "B1"]
    assert sorted(refs, key=natural_key) == ["1.2", "1.9", "1.10", "A2", "A10", "B1"]
