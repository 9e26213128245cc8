"""Checks of the updates that need no history: copied, Completed under 100, going back."""

from __future__ import annotations

from bvtui.model import Action, Plan, Update, update_warnings


def _plan() -> Plan:
    return Plan(slug="p", period="2025-26 Q3", statuses={"Completed": "blue", "On Target": "green"})


def _action(**kw: object) -> Action:
    return Action(plan=_plan(), id="A1", path="plans/p/A1.yaml", **kw)  # type: ignore[arg-type]


def test_an_update_copied_from_the_last_period_is_flagged() -> None:
    action = _action(
        status="On Target",
        updates=[
            Update("2025-26 Q1", "Started."),
            Update("2025-26 Q2", "Venue  booked; staff trained."),
            Update("2025-26 Q3", "venue booked; staff trained. "),
        ],
    )
    [warning] = update_warnings(action)
    assert str(warning) == (
        "plans/p/A1.yaml: updates: the 2025-26 Q3 update is the 2025-26 Q2 one unchanged "
        "(copied?) (warning)"
    )
    fresh = _action(updates=[Update("2025-26 Q2", "Booked."), Update("2025-26 Q3", "Opened.")])
    assert update_warnings(fresh) == []
    # two updates in one period are not a copy from the last period
    same = _action(updates=[Update("2025-26 Q3", "Booked."), Update("2025-26 Q3", "Booked.")])
    assert update_warnings(same) == []


def test_completed_under_100_is_flagged() -> None:
    [warning] = update_warnings(_action(status="Completed", progress=80))
    assert (warning.field, warning.message) == (
        "progress",
        "80 but the status is Completed (complete)",
    )
    assert update_warnings(_action(status="Completed", progress=100)) == []
    assert update_warnings(_action(status="On Target", progress=80)) == []


def test_progress_per_update_going_back_is_flagged() -> None:
    action = _action(
        updates=[
            Update("2025-26 Q1", "a", other={"progress": 40}),
            Update("2025-26 Q2", "b", other={"progress": 60}),
            Update("2025-26 Q3", "c", other={"progress": 50}),
        ]
    )
    [warning] = update_warnings(action)
    assert warning.message == "progress went back from 60 (2025-26 Q2) to 50 (2025-26 Q3)"
