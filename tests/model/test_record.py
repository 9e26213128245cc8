"""The model's records (actions, plans, updates, a save's result): their attributes are
their fields, in the order ``FIELDS`` names them; equal when of one class with equal
fields; shown with them; never hashable; a default list or mapping is each one's own.
The parse cache (``bvtui.store.cached``) keeps an action's and an update's fields in
``FIELDS`` order and rebuilds them as the attributes; the values the records hold
(refs, field changes, evidence, the plan's rules) are named tuples."""

from __future__ import annotations

import copy
import inspect
from pathlib import Path

import pytest

from bvtui.model import (
    Action,
    Approval,
    Evidence,
    FieldChange,
    Governance,
    Plan,
    Record,
    Ref,
    Update,
)
from bvtui.store import SaveResult, Store

STORE = Path(__file__).parent.parent / "data" / "store"


@pytest.mark.parametrize("record", [Action, Plan, Update, SaveResult])
def test_fields_are_the_init_parameters_and_the_attributes_in_order(
    record: type[Record],
) -> None:
    parameters = list(inspect.signature(record.__init__).parameters)[1:]
    assert list(record.FIELDS) == parameters
    required = {"plan": Plan("p"), "id": "1", "slug": "p", "period": "Q1", "text": "t"}
    required |= {"ref": "p/1", "path": Path("p/1.yaml")}
    built = record(**{name: required[name] for name in parameters if name in required})
    assert list(vars(built)) == list(record.FIELDS)


def test_loaded_actions_hold_their_fields_and_nothing_else() -> None:
    for action in Store.open(STORE).actions:
        assert list(vars(action)) == list(Action.FIELDS)
        for update in action.updates:
            assert list(vars(update)) == list(Update.FIELDS)


def test_equal_when_of_one_class_with_equal_fields() -> None:
    plan = Plan("p", title="A plan")
    one = Action(plan, "1", status="On Target", updates=[Update("Q1", "Begun")])
    same = Action(Plan("p", title="A plan"), "1", status="On Target")
    same.updates.append(Update("Q1", "Begun"))
    assert one == same
    same.progress = 10
    assert one != same
    assert Update("Q1", "x") != Update("Q1", "y")
    # another class holding the same values is another thing
    assert Update("Q1", "x") != SaveResult("Q1", Path("x"))
    assert Plan("p") != "p"


def test_records_are_never_hashable() -> None:
    for record in (Action(Plan("p"), "1"), Plan("p"), Update("Q1", "x")):
        with pytest.raises(TypeError):
            hash(record)


def test_a_default_list_or_mapping_is_each_records_own() -> None:
    plan = Plan("p")
    first, second = Action(plan, "1"), Action(plan, "2")
    first.officers.append("Louise Stamp")
    first.extra["Source"] = "minutes"
    first.updates.append(Update("Q1", "x"))
    assert second.officers == [] and second.extra == {} and second.updates == []
    Plan("q").themes.append("Housing")
    assert Plan("r").themes == [] and Plan("r").governance == Governance()


def test_repr_shows_the_fields_by_name() -> None:
    update = Update("Q1", "Begun", date="2025-06-30")
    assert repr(update) == (
        "Update(period='Q1', text='Begun', date='2025-06-30', author=None, other={})"
    )


def test_a_copy_is_a_new_record_sharing_the_values() -> None:
    action = Action(Plan("p"), "1", officers=["Louise Stamp"], updates=[Update("Q1", "x")])
    moved = action.copy()
    assert type(moved) is Action and moved == action and moved is not action
    moved.status = "Delayed"
    assert action.status == "" and moved.officers is action.officers
    assert moved.plan is action.plan
    assert copy.copy(action) == action  # the standard library's copy agrees
    plan = action.plan.copy()
    plan.period = "Q2"
    assert action.plan.period == "" and type(plan) is Plan


def test_values_are_immutable_and_equal_by_their_fields() -> None:
    ref = Ref("p", "1")
    assert ref == Ref.parse("p/1") and hash(ref) == hash(Ref("p", "1")) and str(ref) == "p/1"
    assert repr(ref) == "Ref(plan='p', id='1')"
    change = FieldChange("status", "On Target", "Delayed")
    for value in (ref, change, Evidence("a.pdf", "0" * 40, "2025-01-01"), Approval()):
        with pytest.raises(AttributeError):
            value.__setattr__(value._fields[0], "changed")
    assert Governance(close_needs_approval=True).active and not Governance().active
