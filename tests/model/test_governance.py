"""A plan's governance rules: parsed from ``plan.yaml``, and what a change needs (issue 17)."""

from __future__ import annotations

import pytest

from bvtui.model import (
    Approval,
    Governance,
    ValidationError,
    is_closing,
    is_revising,
    plan_from_mapping,
    plan_to_mapping,
    refusal,
)

RULES = {
    "close_needs_approval": "true",
    "revise_needs_reason": "yes",
    "revise_needs_approval": True,
    "approvers": ["Louise Stamp", "ce@council.example"],
}


def plan(rules: object = None):
    data = {"title": "t", "statuses": {"Completed": "blue", "Delayed": "amber", "Done": "blue"}}
    if rules is not None:
        data["governance"] = rules
    return plan_from_mapping("p", data, "p/plan.yaml")


def test_rules_are_a_typed_field_and_written_back() -> None:
    p = plan(RULES)
    assert p.governance == Governance(
        True, True, True, False, ("Louise Stamp", "ce@council.example")
    )
    assert "governance" not in p.extra
    assert plan_to_mapping(p)["governance"] == {
        "close_needs_approval": True,
        "revise_needs_reason": True,
        "revise_needs_approval": True,
        "approvers": ["Louise Stamp", "ce@council.example"],
    }


def test_no_rules_means_nothing_is_checked() -> None:
    p = plan()
    assert not p.governance.active and "governance" not in plan_to_mapping(p)
    old, new = {"status": "Delayed"}, {"status": "Completed"}
    assert refusal(p.governance, old, new, p.rag_of, Approval(), "me") is None


@pytest.mark.parametrize(
    ("rules", "shown"),
    [
        ({"close_needs_aproval": True}, "governance: 'close_needs_aproval' is not a rule"),
        ({"close_needs_approval": "sometimes"}, "governance.close_needs_approval: 'sometimes'"),
        ({"approvers": {"a": "b"}}, "governance.approvers: \"{'a': 'b'}\""),
        (["close"], "governance: \"['close']\" must map rules"),
    ],
)
def test_a_bad_rule_is_one_line_naming_file_field_and_value(rules: object, shown: str) -> None:
    with pytest.raises(ValidationError) as caught:
        plan(rules)
    message = str(caught.value)
    assert message.startswith("p/plan.yaml: ") and shown in message and "\n" not in message


def test_what_counts_as_closing_and_revising() -> None:
    rag = plan().rag_of
    assert is_closing({"status": "Delayed"}, {"status": "Done"}, rag)
    assert is_closing({"status": "Delayed"}, {"status": "closed"}, rag)  # Closed, any colour
    assert not is_closing({"status": "Completed"}, {"status": "Done"}, rag)  # already complete
    assert not is_closing(None, {"status": "Completed"}, rag)  # a new action
    assert is_revising({"deadline": "May-18"}, {"deadline": "May-18", "revised_deadline": "Jul-18"})
    assert is_revising({"deadline": "May-18"}, {"deadline": "Jun-18"})
    assert not is_revising({"deadline": ""}, {"deadline": "Jun-18"})  # a first deadline
    assert not is_revising({"deadline": "May-18"}, {"deadline": "May-18", "progress": 40})


def test_refusals_name_the_rule() -> None:
    p = plan(RULES)
    g, rag = p.governance, p.rag_of
    close = ({"status": "Delayed"}, {"status": "Completed"})
    slip = ({"deadline": "May-18"}, {"deadline": "May-18", "revised_deadline": "Jul-18"})
    louise = "Louise Stamp <louise@council.example>"
    assert "close_needs_approval" in refusal(g, *close, rag, Approval(), "me")
    assert refusal(g, *close, rag, Approval(louise), "me") is None
    assert refusal(g, *close, rag, Approval("Chief <CE@council.example>"), "me") is None
    assert "may not approve" in refusal(g, *close, rag, Approval("Bob <bob@x.org>"), "me")
    assert "revise_needs_reason" in refusal(g, *slip, rag, Approval(louise), "me")
    assert "revise_needs_approval" in refusal(g, *slip, rag, Approval("", "venue"), "me")
    assert refusal(g, *slip, rag, Approval(louise, "venue"), "me") is None


def test_anyone_but_the_author() -> None:
    p = plan({"close_needs_approval": True, "approvers": "anyone-but-author"})
    close = ({"status": "Delayed"}, {"status": "Completed"})
    author = "Will Tuckley <will@council.example>"
    mine = Approval("Will Tuckley <WILL@council.example>")
    assert "author" in refusal(p.governance, *close, p.rag_of, mine, author)
    assert refusal(p.governance, *close, p.rag_of, Approval("Louise Stamp"), author) is None
