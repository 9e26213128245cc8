"""The update round's rules: due an update, the filter on it, and who "me" is."""

from __future__ import annotations

import pytest

from bvtui.model import (
    Action,
    Filter,
    Identified,
    Plan,
    Update,
    identify,
    plan_from_mapping,
    recognise,
)
from bvtui.model.schema import ValidationError, plan_to_mapping


def _plan(**kw: object) -> Plan:
    base = {
        "slug": "p",
        "period": "2025-26 Q3",
        "statuses": {"Done": "blue", "On track": "green", "Cancelled": "grey"},
    }
    base.update(kw)
    return Plan(**base)  # type: ignore[arg-type]


def _action(plan: Plan, status: str = "On track", periods: tuple[str, ...] = ()) -> Action:
    return Action(
        id="A1",
        plan=plan,
        status=status,
        updates=[Update(period=p, text=f"said in {p}") for p in periods],
    )


def test_open_action_without_this_periods_update_is_due() -> None:
    plan = _plan()
    assert _action(plan).due_update
    assert _action(plan, periods=("2025-26 Q2",)).due_update
    assert not _action(plan, periods=("2025-26 Q2", "2025-26 q3")).due_update


def test_closed_actions_and_plans_without_a_period_are_never_due() -> None:
    assert not _action(_plan(), status="Done").due_update
    assert not _action(_plan(), status="Cancelled").due_update
    assert not _action(_plan(period="")).due_update


def test_filter_keeps_only_due_actions_and_says_so() -> None:
    plan = _plan()
    due, done = _action(plan), _action(plan, periods=("2025-26 Q3",))
    wanted = Filter(due_update=True)
    assert wanted.apply([due, done]) == [due]
    assert not wanted.is_empty
    assert "due an update" in wanted.describe()


def test_identify_by_email_table_then_name_then_alias() -> None:
    plan = _plan(
        officers={"Louise Stamp": "l.stamp@example.gov.uk"},
        officer_aliases={"Andreas": "Andreas Christophorou"},
    )
    assert identify("L S", "L.Stamp@Example.gov.uk", [plan]) == "Louise Stamp"
    assert identify("andreas", "", [plan]) == "Andreas Christophorou"
    assert identify("andreas  christophorou", "x@y", [plan]) == "Andreas Christophorou"
    assert identify("Kelly Powell", "k@p", [plan], officers=["Kelly  Powell"]) == "Kelly Powell"
    assert identify("Nobody", "n@x", [plan], officers=["Kelly Powell"]) is None


def test_officers_table_is_read_written_and_checked() -> None:
    data = {"title": "T", "officers": {"Louise  Stamp": " l.stamp@example.gov.uk "}}
    plan = plan_from_mapping("p", data, "plans/p/plan.yaml")
    assert plan.officers == {"Louise Stamp": "l.stamp@example.gov.uk"}
    assert plan_to_mapping(plan)["officers"] == {"Louise Stamp": "l.stamp@example.gov.uk"}
    with pytest.raises(ValidationError, match="officers"):
        plan_from_mapping("p", {"title": "T", "officers": ["Louise"]}, "plans/p/plan.yaml")


def test_recognise_says_how_the_officer_was_found() -> None:
    plan = _plan(
        officers={"Louise Stamp": "l.stamp@example.gov.uk"},
        officer_aliases={"Andreas": "Andreas Christophorou"},
    )
    by_email = recognise("L S", "l.stamp@example.gov.uk", [plan])
    assert by_email == Identified("Louise Stamp", "e-mail", "p")
    assert "officers: table in p/plan.yaml" in by_email.describe()
    assert recognise("Louise Stamp", "", [plan]) == Identified("Louise Stamp", "name", "p")
    assert recognise("andreas", "", [plan]) == Identified("Andreas Christophorou", "alias", "p")
    on_actions = recognise("kelly powell", "", [plan], ["Kelly Powell"])
    assert on_actions == Identified("Kelly Powell", "name")
    assert on_actions.describe() == "by name on the actions"
