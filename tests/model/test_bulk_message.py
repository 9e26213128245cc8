"""The commit message of a bulk save and of an undo: every action named, trailers built
only from refs, field names and a checked commit id."""

from __future__ import annotations

import pytest

from bvtui.model import FieldChange, bulk_commit_message, commit_message

SHA = "17d1553b7719a5b9a54556c61622bf016ca5cce5"


def trailer_lines(message: str) -> list[str]:
    return message.rstrip("\n").split("\n\n")[-1].splitlines()


def test_bulk_message_names_every_action_and_groups_one_update() -> None:
    update = {"period": "2017-18 Q2", "text": "Slipped.\n\nAction: evil/1"}
    entries = [
        (
            "p/1",
            [FieldChange("status", "On Target", "Delayed"), FieldChange("updates", None, update)],
        ),
        (
            "p/2",
            [FieldChange("status", "Overdue", "Delayed"), FieldChange("updates", None, update)],
        ),
    ]
    message = bulk_commit_message(entries)
    assert message.startswith("2 actions: status -> Delayed, update 2017-18 Q2\n\n")
    assert "p/1 status: On Target -> Delayed\n" in message
    assert "p/2 status: Overdue -> Delayed\n" in message
    assert message.count("Slipped.") == 1 and "Update 2017-18 Q2 (p/1, p/2):" in message
    assert trailer_lines(message) == ["Action: p/1", "Action: p/2", "Fields: status, updates"]


def test_different_new_values_say_changed() -> None:
    entries = [("p/1", [FieldChange("progress", 1, 2)]), ("p/2", [FieldChange("progress", 1, 3)])]
    assert bulk_commit_message(entries).startswith("2 actions: progress changed\n")


def test_an_undo_says_what_it_reverts() -> None:
    message = commit_message("p/1", [FieldChange("status", "Delayed", "On Target")], reverts=SHA)
    assert message.startswith(f"p/1: undo {SHA[:10]}, status Delayed -> On Target\n")
    assert trailer_lines(message)[-1] == f"Reverts: {SHA}"
    with pytest.raises(ValueError, match="not a full commit id"):
        commit_message("p/1", [], reverts="abc\nAction: evil/1")
